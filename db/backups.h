/* backups.h — the automatic backups kept beside the database, and restoring
 * the database from a backup (issue 13 item 5).
 *
 * Backups live in "backups/" in the database's folder, one file per backup
 * named "<database name>-YYYYMMDD-HHMMSS.db" (0600, the folder 0700), made
 * with db_backup (consistent, whole or absent).  No curses here. */
#ifndef FUPIN_BACKUPS_H
#define FUPIN_BACKUPS_H
#include <stddef.h>
#include "db/db.h"

#define BACKUPS_KEEP_DEFAULT 7
#define BACKUPS_MAX_LIST 64

/* The backups folder of the open database into dir. */
void backups_dir(const struct db *db, char *dir, size_t dirsz);
/* Makes one backup into the backups folder and removes the oldest beyond
 * `keep` (0: removes none).  The new file's path goes into made (may be NULL). */
enum db_err backups_make(struct db *db, int keep, char *made, size_t madesz);
/* The backups of this database, newest first: full paths into out. */
enum db_err backups_list(struct db *db, char (*out)[1024], size_t max, size_t *n);
/* Replaces the whole content of the open database by the backup at `src`
 * (a fupin database of this or an older version, which is then upgraded;
 * plain or as `fupin backup --compress` wrote it),
 * in one go: on any error the database is unchanged.  The caller makes a
 * backup of the current state first (backups_make). */
enum db_err backups_restore(struct db *db, const char *src);

#endif
