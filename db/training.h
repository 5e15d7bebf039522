/* training.h — the 就业/培训 register's store (issue 16 part 2): one row
 * per course or job of a household member (core/training.h).  A save runs
 * the CS_TRAINING checks first (a refusal names the field), in one
 * transaction; records are soft-deleted, never removed; audited. */
#ifndef FUPIN_DB_TRAINING_H
#define FUPIN_DB_TRAINING_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/training.h"
#include "db/db.h"
#include "db/loans.h"

/* Saves a record (new when t->id is 0); the member must be the household's. */
enum db_err db_training_save(struct db *db, const struct check_ctx *cc, struct training *t);
/* Records of one household (household_id > 0) or of an area (NULL/"" = the
 * file), in DB_HH_ORDER, then member, then start; fn non-zero stops. */
enum db_err db_trainings_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud);
/* Soft-deletes a record. */
enum db_err db_training_delete(struct db *db, int64_t id);

#endif
