/* audit.h — the audit log's hash chain (issue 13 item 2) and its reading.
 *
 * Each audit row's hash is BLAKE2b-256 (libsodium crypto_generichash) over
 * the previous row's hash and the row's own columns.  The audit triggers
 * (db/schema.c) compute it at insert through the SQL function
 * fupin_audit_hash, registered on every connection by db_open.  An edit,
 * deletion or forged row breaks the chain; audit_verify finds it, and finds
 * a dropped or altered audit trigger.  The chain has no secret key: it shows
 * tampering by anyone who does not also recompute every later hash (which
 * takes reading fupin's source and a program of one's own). */
#ifndef FUPIN_AUDIT_H
#define FUPIN_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "db/db.h"

/* The SQL of one audit row fupin writes itself, not through a trigger (a CSV
 * import's or a merge's summary, table name TBL): sealed into the chain as
 * the triggers seal theirs — an unsealed row is reported as forged.  ?1 is
 * the operator, NEW_JSON an SQL expression for the row's `new` (it may use
 * ?2 and on). */
#define AUDIT_EVENT_SQL(TBL, NEW_JSON) \
    "INSERT INTO audit_log(id, at, operator, tbl, row_id, action, old, new, hash) " \
    "SELECT i, s, coalesce((SELECT id FROM audit_names WHERE name = op), op), " \
    "(SELECT id FROM audit_names WHERE name = '" TBL "'), 0, 0, NULL, n, " \
    "fupin_audit_hash(p, i, datetime(s, 'unixepoch'), op, '" TBL "', 0, 'insert', NULL, n) " \
    "FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS i, " \
    "CAST(strftime('%s', 'now', 'localtime') AS INTEGER) AS s, ?1 AS op, " \
    "(SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS p, " NEW_JSON " AS n)"
/* Registers fupin_audit_hash on a fresh connection; an SQLite code. */
int audit_register(sqlite3 *h);
/* Chains the rows of a file upgraded to the hashed audit (run inside the
 * migration's transaction, before anything else writes the log). */
enum db_err audit_chain_existing(struct db *db);

enum audit_fault {
    AUDIT_EDITED = 1,       /* a row's content no longer matches its hash */
    AUDIT_DELETED,          /* rows missing before this one */
    AUDIT_FORGED,           /* a row fupin did not write (no seal) */
    AUDIT_TRIGGER_MISSING,  /* an audit trigger or guard was dropped */
    AUDIT_TRIGGER_CHANGED,  /* one whose text is not fupin's */
    AUDIT_UNLOGGED,         /* a record has no insert row: the log's end
                             * was cut off, or it was written without its
                             * trigger */
    /* found by the replay of the records (issue 14): */
    AUDIT_ROW_CHANGED,      /* a record's values differ from its audit
                             * row's (id): changed without an audit row */
    AUDIT_ROW_REMOVED,      /* a record audited (row id) is gone without
                             * a delete row */
    AUDIT_INSERT_MISMATCH,  /* an insert row's hash (no image kept) does not
                             * hold: the row, or its record, was changed */
    /* found against the newest automatic backup (db/audit_anchor.c): */
    AUDIT_BACKUP_CUT,       /* the backup's last audit row (id) is gone */
    AUDIT_BACKUP_DIFFERS    /* the file's row id is not the backup's */
};

struct audit_finding {
    enum audit_fault fault;
    int64_t id;                         /* the audit row at fault; 0 for a trigger */
    int64_t row_id;                     /* the record (tbl, row_id) at fault */
    char tbl[32];
    char at[24];
    int64_t missing_from, missing_to;   /* AUDIT_DELETED: the ids gone */
    char trigger[96];       /* trigger findings */
    char backup[128];       /* AUDIT_BACKUP_*: the backup's file name */
};

/* One line "中文 (English)" describing a finding. */
void audit_describe(const struct audit_finding *f, char *out, size_t outsz);

typedef void (*audit_report_fn)(void *ud, const struct audit_finding *f);
/* Checks the audit triggers, then every row's hash against the row before
 * it, then replays the records against their rows (a chain alone cannot
 * show its last rows cut off), then holds the log against the newest
 * automatic backup (audit_anchor_verify); calls report for each
 * finding; *rows = rows read, *bad = findings.  Only reads. */
enum db_err audit_verify(struct db *db, audit_report_fn report, void *ud, size_t *rows, size_t *bad);

/* The table name of the audit row a restore from a backup leaves in the
 * restored file (db/backups.c), so that backups made before it are not
 * held against the file (db/audit_anchor.c). */
#define AUDIT_RESTORE_TBL "restore"
/* Holds the log against the newest automatic backup beside the file: its
 * last audit row must be in the file with the same hash (the chain has no
 * secret, so a rewrite that recomputes it shows only against a copy kept
 * elsewhere).  Skips a backup of another schema or one older than the
 * file's last restore.  Reports as audit_verify does (which calls it); an
 * SQLite code. */
int audit_anchor_verify(struct db *db, audit_report_fn report, void *ud, size_t *bad);

/* A record's values after one of its audit rows: its audited columns
 * (names cols) and their values, vals NULL when the record did not exist
 * after it (deleted); a value NULL for SQL NULL. */
typedef void (*audit_state_fn)(void *ud, int64_t audit_id, int ncols, const char (*cols)[64],
                               sqlite3_value **vals);
/* A record's whole history, rebuilt from the record and its audit rows
 * (an insert row keeps no image: the values are the record's, with the
 * later updates undone): fn for each of its audit rows, oldest first. */
enum db_err audit_history(struct db *db, const char *tbl, int64_t row_id, audit_state_fn fn, void *ud);

/* ---- reading the log (the 审计记录 screen) ---- */

enum audit_filter { AUDIT_ALL, AUDIT_BY_HOUSEHOLD, AUDIT_BY_OPERATOR, AUDIT_BY_DATE };

struct audit_entry {
    int64_t id, row_id;
    char at[24];
    char operator_name[64];
    char tbl[32];
    char action[8];
    char *old, *new_;       /* JSON text or NULL; owned */
    int no_image;           /* an insert whose values are not rebuilt yet:
                             * read new_ through audit_entry_new */
};

/* The newest `max` audit rows matching the filter, newest first: by
 * household (value: 户编号 or internal number; every audited record that
 * belongs to it), by operator (exact name) or by date (YYYY-MM-DD).
 * *out is malloc'd; free with audit_entries_free. */
enum db_err audit_list(struct db *db, enum audit_filter filter, const char *value, size_t max,
                       struct audit_entry **out, size_t *n);
void audit_entries_free(struct audit_entry *e, size_t n);
/* An entry's new values as JSON (NULL: none): for an insert, whose row keeps
 * no image, the values it put in the record, rebuilt on first call. */
const char *audit_entry_new(struct db *db, struct audit_entry *e);
/* The Chinese name of an audited table ("members" → "成员"). */
const char *audit_table_label(const char *tbl);
/* 新增 / 修改 / 删除 */
const char *audit_action_label(const char *action);

#endif
