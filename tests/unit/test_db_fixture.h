/* Shared fixtures of the storage tests (tests/unit/test_db_*.c). */
#ifndef FUPIN_TEST_DB_FIXTURE_H
#define FUPIN_TEST_DB_FIXTURE_H
#include "core/household.h"
#include "db/db.h"

#define TDB_COUNTY   "450123"
#define TDB_TOWNSHIP "450123101"
#define TDB_VILLAGE1 "450123101201"
#define TDB_VILLAGE2 "450123101202"
#define TDB_VILLAGE3 "450123102201"     /* in another township, 450123102 */

/* Path of a file in the test's scratch directory (static buffer per call slot). */
const char *tdb_path(const char *name);
/* Creates t_tmpdir()/name with the test areas, acting as the 管理员 "测试员". */
struct db *tdb_open(const char *name);
/* A valid 18-character ID number, unique per k (male when `male`). */
void tdb_idno(int k, int male, char out[19]);
/* A plain valid household of n members (members[0] 户主), IDs from k0 up,
 * application and survey of 2026, village TDB_VILLAGE1. */
void tdb_household(struct household *hh, const char *head, int n, int k0);
/* Sets every stored form field of hh (household, members, application,
 * survey) to a value derived from its position and `round`, so that any two
 * columns swapped or dropped show up after a round-trip.  Bools take bit
 * `round` of the field's index. */
void tdb_fill_all(struct household *hh, int round, int k0);
/* Compares every stored form field of a and b; reports the differing keys
 * through CHECKs and returns the number of differences. */
int tdb_compare(const struct household *a, const struct household *b);
/* The first column of the first row of `sql` as an integer (-1 on error). */
long long tdb_int(struct db *db, const char *sql);
/* Turns a freshly opened file back into schema version 1 as fupin wrote it
 * (drafts as blobs, no stored notice sheets, the 7365 line dated 2016), so
 * a test can open it again and watch the migrations carry it forward.  One
 * place that knows what every later migration added. */
void tdb_downgrade_to_v1(struct db *db);
/* The value column `col` of record tbl row_id had when inserted, rebuilt
 * from the audit (audit_history); "(null)" for NULL, "" when none. */
const char *tdb_inserted(struct db *db, const char *tbl, int64_t row_id, const char *col);
/* The same for text into a static buffer ("" on error / NULL). */
const char *tdb_text(struct db *db, const char *sql);

#endif
