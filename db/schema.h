/* schema.h — the versioned schema (PRAGMA user_version) and its migrations.
 * db_open runs db_schema_migrate; nothing else should need this header
 * except tests that inspect the audit machinery. */
#ifndef FUPIN_SCHEMA_H
#define FUPIN_SCHEMA_H
#include "db/db.h"

/* The version this build writes: the number of migration steps. */
int db_schema_current(void);
/* Brings the open file to the current version in one BEGIN IMMEDIATE
 * transaction; refuses a newer file (DB_ERR_NEWER) and a SQLite file that
 * is not ours (DB_ERR_NOTDB).  `created`: the file was just made by db_open. */
enum db_err db_schema_migrate(struct db *db, int created);
/* (Re)creates the audit triggers of every personal table from its current
 * columns; run by every migration so a new column is audited at once. */
enum db_err db_schema_audit_triggers(struct db *db);
/* The CREATE TRIGGER text (as sqlite_master keeps it) of the audit trigger
 * of `table` for action 0 insert, 1 update, 2 delete, built from the
 * table's current columns; malloc'd, NULL when the table does not exist.
 * db_schema_audit_triggers creates these; `fupin check` compares. */
char *db_schema_audit_trigger_sql(struct db *db, const char *table, int action);
/* The text of the audit log's own guards: 0 audit_no_update, 1 audit_no_delete. */
const char *db_schema_audit_guard_sql(int which);
#define DB_AUDIT_MAX_COLS 160
/* The audited columns of `table` in cid order (all but the secrets the log
 * never sees) into cols (room for DB_AUDIT_MAX_COLS), their number into *n
 * (0: no such table); an SQLite code. */
int db_schema_audit_columns(struct db *db, const char *table, char cols[][64], int *n);
/* rec."col" as the audit hashes and shows it, an SQL expression into out
 * (rec NULL: the bare column): a stamp column (created_at, updated_at,
 * stored as an integer since schema 18) as its 'YYYY-MM-DD HH:MM:SS' text,
 * any other column as it is. */
void db_schema_audit_value(char *out, size_t outsz, const char *rec, const char *col);
/* The records' stamps converted (to_int 1: text to integers, as the
 * upgrade to schema 18 does; 0: back to text, for the tests' files of an
 * older schema), declared types and values, inside the caller's
 * transaction; triggers are kept. */
enum db_err db_schema_stamps(struct db *db, int to_int);
/* The personal tables that are audited (NULL-terminated). */
extern const char *const DB_AUDITED_TABLES[];

#endif
