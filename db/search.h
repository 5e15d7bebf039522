/* search.h — the household list's search structures, private to db/: the
 * packed substring table hh_search and the initials index hh_initials
 * (db/search.c says how they are laid out and why).  The searches and the
 * rebuilds themselves are declared in db/household_store.h. */
#ifndef FUPIN_SEARCH_H
#define FUPIN_SEARCH_H
#include <stdint.h>
#include <sqlite3.h>
#include "core/household.h"
#include "db/db.h"

/* Writes the household's rows of both structures, inside the caller's
 * transaction (hh as saved: ids, names, ID numbers, 户编号). */
enum db_err db_search_write(struct db *db, const struct household *hh);
/* Removes the household from both (a delete), inside the caller's transaction. */
enum db_err db_search_forget(struct db *db, int64_t household_id);
/* Registers the search's SQL function (hh_in_filter) on a new connection. */
int db_search_register(sqlite3 *h);

#endif
