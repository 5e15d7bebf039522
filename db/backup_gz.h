/* backup_gz.h — the compressed backup and its reading back (issue 14 goal 4).
 * No curses here. */
#ifndef FUPIN_BACKUP_GZ_H
#define FUPIN_BACKUP_GZ_H
#include <stddef.h>
#include "db/db.h"

/* A consistent copy of the database, gzip-compressed, named dest_path only
 * when whole (0600; refused when dest_path exists).  The uncompressed copy
 * is made in $TMPDIR (or /tmp) and removed. */
enum db_err db_backup_compressed(struct db *db, const char *dest_path);
/* 1 when the file at path starts as a gzip file does. */
int backup_is_compressed(const char *path);
/* Decompresses the backup src into a new private temporary folder (dir):
 * the file's path into out.  A cut-off or damaged file is refused.
 * backup_gunzip_done removes both when the caller is done. */
enum db_err backup_gunzip(struct db *db, const char *src, char *out, size_t outsz, char *dir, size_t dirsz);
void backup_gunzip_done(const char *dir, const char *file);

#endif
