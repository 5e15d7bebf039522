/* demo_fill.h — fills a database with the demo county of core/demo.h:
 * areas and 村民小组, households, helpers and their assignments, 帮扶记录卡
 * entries (some unconfirmed) and one waiver.  Reproducible for a seed. */
#ifndef FUPIN_DEMO_FILL_H
#define FUPIN_DEMO_FILL_H
#include <stdint.h>
#include "db/db.h"

/* The 管理员 of a demo database, with a password everyone may know: the
 * login screen shows it (SET_LOGIN_HINT) and `fupin demo` prints it. */
#define DEMO_OPERATOR "演示员"
#define DEMO_PASSWORD "fupin"
/* Creates that 管理员 on a new file (logged in after) and stores the hint. */
enum db_err db_demo_admin(struct db *db);

/* Called after each batch with households written so far. */
typedef void (*demo_progress_fn)(long done, long total, void *ud);

/* Writes n households (1..DEMO_MAX_HOUSEHOLDS) in batched transactions.
 * On error the current batch is rolled back and db_errmsg() says why. */
enum db_err db_demo_fill(struct db *db, long n, uint64_t seed, demo_progress_fn progress, void *ud);

#endif
