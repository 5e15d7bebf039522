/* Issue 14 goal 4: the compressed backup (fupin backup --compress) and the
 * restore that takes it as it is (数据维护 从备份恢复). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/backup_gz.h"
#include "db/backups.h"
#include "db/household_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

TEST(backup_compressed_round_trip)
{
    struct db *db = tdb_open("gz.db");
    struct household a, b;
    tdb_household(&a, "覃永福", 4, 60);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    const char *gz = tdb_path("gz-backup.db.gz");
    CHECK_INT(db_backup_compressed(db, gz), DB_OK);
    CHECK(backup_is_compressed(gz));
    CHECK(file_size(gz) > 0 && file_size(gz) < file_size(tdb_path("gz.db")) / 2);
    struct stat sb;
    CHECK(stat(gz, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    /* never over an existing file */
    CHECK_INT(db_backup_compressed(db, gz), DB_ERR_INVALID);
    /* a household after the backup goes away with the restore */
    tdb_household(&b, "覃永贵", 2, 80);
    CHECK_INT(db_household_save(db, &b), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 2);
    CHECK_INT(backups_restore(db, gz), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members"), 4);
    CHECK_STR(tdb_text(db, "PRAGMA integrity_check"), "ok");
    db_close(db);
}

/* A backup cut off on the way (a stick pulled out) is refused whole: the
 * database is unchanged, no temporary file stays. */
TEST(backup_compressed_cut_off_is_refused)
{
    struct db *db = tdb_open("gzcut.db");
    struct household a;
    tdb_household(&a, "覃永福", 4, 60);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    const char *gz = tdb_path("cut.db.gz");
    CHECK_INT(db_backup_compressed(db, gz), DB_OK);
    CHECK(truncate(gz, file_size(gz) / 2) == 0);
    CHECK(backups_restore(db, gz) != DB_OK);
    if (!CHECK(strstr(db_errmsg(db), "压缩备份文件不完整或已损坏") != NULL))
        fprintf(stderr, "    %s\n", db_errmsg(db));
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members"), 4);
    db_close(db);
}
