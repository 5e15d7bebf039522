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
/* The personal tables that are audited (NULL-terminated). */
extern const char *const DB_AUDITED_TABLES[];

#endif
