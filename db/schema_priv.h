/* schema_priv.h — what the schema's own files share (db/schema.c, the
 * upgrade; db/schema_sql.c and db/schema_v1.c, the steps' SQL;
 * db/schema_audit.c, the audit triggers).  Nothing outside db/schema*.c
 * includes it: the public face is db/schema.h. */
#ifndef FUPIN_SCHEMA_PRIV_H
#define FUPIN_SCHEMA_PRIV_H
#include "db/db.h"
#include <stddef.h>

/* The steps in order: schema_migrations[i] brings a file from user_version
 * i to i+1; db_schema_current() of them (db/schema_sql.c). */
extern const char *const schema_migrations[];
/* The first step, the whole first schema (db/schema_v1.c). */
extern const char schema_migration_1[];
/* aid_records' guard of team_signer_id, made by the upgrade to TEAM_VERSION
 * once the column is there (db/schema_sql.c). */
extern const char schema_team_signer_trigger[];

/* A growing string (SQL built in pieces); oom set once an allocation
 * failed, after which adds do nothing.  Free s. */
struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
};
void schema_sb_add(struct sbuf *b, const char *t);
/* Logs the insert of every row already in `table`, oldest first, as its
 * trigger would have (a table audited from an upgrade on). */
enum db_err schema_audit_log_existing(struct db *db, const char *table);

/* The local time as the text stamps of the first steps hold it. */

/* Column shapes.  The constraint is named after the column so that a refusal
 * reads "CHECK constraint failed: sex" and db_fail can name the field. */
#define C_BOOL(c)     " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " IN (0,1)),\n"
#define C_CODE(c)     " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " >= 0),\n"
#define C_CODE_REQ(c) " " c " INTEGER NOT NULL CONSTRAINT " c " CHECK (" c " > 0),\n"
#define C_NONNEG(c)   " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " >= 0),\n"
#define C_TEXT(c)     " " c " TEXT NOT NULL DEFAULT '',\n"
#define C_DATE(c)     " " c " TEXT NOT NULL DEFAULT '' CONSTRAINT " c \
                      " CHECK (" c " = '' OR date(" c ", '+0 days') IS " c "),\n"
#define C_DATE_REQ(c) " " c " TEXT NOT NULL CONSTRAINT " c \
                      " CHECK (date(" c ", '+0 days') IS " c "),\n"
#define C_YEAR(c)     " " c " INTEGER NOT NULL CONSTRAINT " c " CHECK (" c " BETWEEN 1949 AND 2100),\n"
/* A yes/no item of the village checklist: -1 not confirmed, 0 no, 1 yes. */
#define VC_ITEM(c)    " " c " INTEGER NOT NULL DEFAULT -1 CONSTRAINT " c " CHECK (" c " IN (-1,0,1)),\n" \
                      C_DATE(c "_date")
#define C_HH          " household_id INTEGER NOT NULL REFERENCES households(id),\n"
/* Soft delete and stamps, last in every personal table. */
#define C_SOFT \
    " deleted INTEGER NOT NULL DEFAULT 0 CONSTRAINT deleted CHECK (deleted IN (0,1)),\n" \
    " deleted_at TEXT,\n"
/* Stamps as the steps up to STAMPS_VERSION declared them (text); that step
 * turns them into integers, in the file and in the declaration.  A step
 * after it must declare C_STAMPS_INT, or its table keeps text stamps (the
 * test stamps_declared_integer_in_every_table finds such a table). */
#define C_STAMPS \
    " created_at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW "),\n" \
    " updated_at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
#define C_STAMPS_INT \
    " created_at INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW "),\n" \
    " updated_at INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW ")\n"

/* Append-only tables: the log cannot be edited, from the UI or any tool
 * that goes through SQLite without dropping the triggers. */
#define NO_UPDATE(t, zh) \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t " BEGIN " \
    "SELECT RAISE(ABORT, '" zh "不可修改 (" t " is append-only)'); END"
#define NO_DELETE(t, zh) \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN " \
    "SELECT RAISE(ABORT, '" zh "不可删除 (" t " is append-only)'); END"
#define APPEND_ONLY(t, zh) NO_UPDATE(t, zh) ";\n" NO_DELETE(t, zh) ";\n"

#endif
