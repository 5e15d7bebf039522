/* audit_chain.h — the audit's hashing, shared by db/audit.c (the chain) and
 * db/audit_replay.c (the records replayed).  Not for screens. */
#ifndef FUPIN_AUDIT_CHAIN_H
#define FUPIN_AUDIT_CHAIN_H
#include <sqlite3.h>
#include <stdint.h>

#include <stddef.h>
#define AUDIT_HASH_LEN 32   /* a record's digest; rows' hashes before issue 14 */
/* A row's stored hash since issue 14: 128 bits are plenty to show an edit
 * (the chain has no secret: it shows tampering by whoever does not
 * recompute every later hash, whatever the length), and the log is the
 * largest table of a county's file. */
#define AUDIT_SEAL_LEN 16
/* A value's bytes as hashed: a blob's own, anything else SQLite's text of
 * it; NULL for NULL. */
const void *audit_value_bytes(sqlite3_value *v, uint64_t *n);
/* The hash of an audit row (fields: id, at, operator, tbl, row_id, action,
 * old, new) after prev (NULL: the first row); digest: an insert's record
 * digest, NULL for every other row; outlen bytes (AUDIT_SEAL_LEN, or
 * AUDIT_HASH_LEN for an older row) into out. */
void audit_chain_hash(const void *prev, uint64_t prev_len, sqlite3_value **fields,
                      const unsigned char *digest, unsigned char *out, size_t outlen);
/* The digest of an inserted record's values (its audited columns but
 * updated_at, in order), as the insert trigger's fupin_audit_row makes it. */
void audit_row_digest(sqlite3_value **vals, int n, unsigned char out[AUDIT_HASH_LEN]);
/* Replays every audited record against its audit rows (db/audit_replay.c):
 * reports what does not hold, counting it in *bad; an SQLite code. */
#include "db/audit.h"
int audit_replay_verify(struct db *db, audit_report_fn report, void *ud, size_t *bad);
/* 1 when an insert row's `new` is the column count of an insert without
 * image (stored as text: the column's affinity), not a JSON image. */
int audit_no_image(const char *action, sqlite3_value *new_);
/* The values an insert without image put in the record (audit row
 * audit_id of tbl row_id), as JSON keyed by column, without the empty ones:
 * rebuilt by audit_history; malloc'd, NULL when it cannot be. */
char *audit_insert_json(struct db *db, const char *tbl, int64_t row_id, int64_t audit_id);
/* 1 when tbl is one of DB_AUDITED_TABLES. */
int audit_table_audited(const char *tbl);

#endif
