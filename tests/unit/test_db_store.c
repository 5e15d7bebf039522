/* Storage tests: opening, migrations, file mode, errors (missing directory,
 * read-only, corrupt, full disk, busy), backup, crash mid-write. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/operators.h"
#include "db/db.h"
#include "db/audit.h"
#include "db/schema.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "core/income.h"
#include "forms/form.h"
#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A message is one line "中文… (English…)". */
static int one_line_zh_en(const char *msg)
{
    const char *open = strstr(msg, " (");
    return msg[0] && (unsigned char)msg[0] >= 0x80 && open && strchr(open, ')')
        && !strchr(msg, '\n');
}

static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static int raw_exec(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open(path, &h);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc;
}

/* A file of version 1 (search by the 户主's everyday initials only) gets the
 * initials index of every member built by the upgrade, in the upgrade's
 * transaction. */
TEST(db_upgrade_from_1_builds_initials_index)
{
    struct db *db = tdb_open("v1.db");
    struct household hh;
    tdb_household(&hh, "黄大山", 2, 20);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "张长生");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    tdb_downgrade_to_v1(db);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("v1.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_version());
    struct hh_row r[4];
    size_t n = 0;
    CHECK_INT(db_household_search(db, "zcs", NULL, -1, r, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_INT(db_household_search(db, "hds", NULL, -1, r, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'households_initials'"), 0);
    db_close(db);
}

/* Open: WAL (one fsync per save).  Closed: one plain rollback-journal file,
 * no -wal/-shm beside it, readable from read-only media. */
TEST(db_one_plain_file_at_rest)
{
    char path[512], wal[520], shm[520];
    snprintf(path, sizeof path, "%s/rest.db", t_tmpdir());
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    struct db *db = NULL;
    char err[256];
    CHECK_INT(db_open(path, DB_CREATE, &db, err, sizeof err), DB_OK);
    db_session_assume(db, "测试员", ROLE_ADMIN);   /* areas are the 管理员's */
    CHECK_INT(db_area_add(db, "450123", AREA_COUNTY, "隆安县", "", 0), DB_OK);
    CHECK(access(wal, F_OK) == 0);
    db_close(db);
    CHECK(access(wal, F_OK) != 0);
    CHECK(access(shm, F_OK) != 0);
    sqlite3 *h = NULL;
    CHECK_INT(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL);
    CHECK(st && sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    sqlite3_close(h);
}

TEST(db_migrate_fresh_database)
{
    struct db *db = tdb_open("fresh.db");
    CHECK(db_schema_version() >= 1);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_version());
    CHECK_INT(tdb_int(db, "PRAGMA foreign_keys"), 1);
    CHECK_INT(tdb_int(db, "PRAGMA synchronous"), 2);       /* FULL */
    CHECK_STR(tdb_text(db, "PRAGMA journal_mode"), "wal");   /* one fsync per commit */
    /* every entity of SPEC §3–4 has its table */
    static const char *const tables[] = {
        "areas", "village_groups", "households", "members", "applications", "surveys",
        "state_history", "meetings", "votes", "notices", "notice_households", "objections",
        "helpers", "assignments", "aid_records", "projects", "disbursements", "verifications",
        "exits", "waivers", "settings", "lines", "operators", "drafts", "audit_log", NULL };
    for (int i = 0; tables[i]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%s'", tables[i]);
        if (!CHECK_INT(tdb_int(db, sql), 1))
            fprintf(stderr, "    missing table %s\n", tables[i]);
    }
    /* seeded settings and lines */
    CHECK_INT(db_setting_int(db, SET_NOTICE_DAYS, -1), 7);
    CHECK_INT(db_setting_int(db, SET_CAP_INCOME_PROJECT, -1), 3000000);
    CHECK_INT(db_setting_int(db, SET_CAP_HOUSING, -1), 5000000);
    CHECK_INT(db_setting_int(db, SET_STAGE_FIRST_PCT, -1), 80);
    CHECK_INT(db_setting_int(db, "no.such.key", -5), -5);
    size_t n_seeded = 0, n = 0;
    const struct line *seeded = lines_seeded(&n_seeded);
    struct line lines[64];
    CHECK_INT(db_lines(db, lines, 64, &n), DB_OK);
    CHECK_INT(n, n_seeded);
    for (size_t i = 0; i < n_seeded; i++) {
        money_t amount = 0;
        CHECK(lines_lookup(lines, n, seeded[i].year, seeded[i].standard, seeded[i].kind, &amount));
        CHECK_INT(amount, seeded[i].amount);
    }
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    db_close(db);
}

TEST(db_reopen_keeps_data_and_version)
{
    struct db *db = tdb_open("re.db");
    struct household hh;
    tdb_household(&hh, "黄大山", 3, 10);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("re.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_version());
    struct household back;
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    CHECK_STR(back.members[0].name, "黄大山");
    CHECK_INT(tdb_int(db, "PRAGMA foreign_keys"), 1);       /* set on every connection */
    db_close(db);
}

TEST(db_newer_file_is_refused_untouched)
{
    struct db *db = tdb_open("new.db");
    db_close(db);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
    CHECK_INT(raw_exec(tdb_path("new.db"), sql), SQLITE_OK);
    char err[512] = "";
    db = (struct db *)1;
    CHECK_INT(db_open(tdb_path("new.db"), DB_CREATE, &db, err, sizeof err), DB_ERR_NEWER);
    CHECK(db == NULL);
    CHECK(strstr(err, "升级") != NULL);
    CHECK(strstr(err, "newer") != NULL);
    CHECK(one_line_zh_en(err));
    CHECK_INT(raw_int(tdb_path("new.db"), "PRAGMA user_version"), db_schema_version() + 1);
    /* read-only opening is refused the same way */
    CHECK_INT(db_open(tdb_path("new.db"), DB_READONLY, &db, err, sizeof err), DB_ERR_NEWER);
}

TEST(db_older_version_is_migrated)
{
    /* An empty file at version 0 is migrated; the current one is left alone. */
    int fd = open(tdb_path("zero.db"), O_CREAT | O_WRONLY, 0600);
    close(fd);
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("zero.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_version());
    db_close(db);
}

TEST(db_other_sqlite_file_is_refused)
{
    CHECK_INT(raw_exec(tdb_path("other.db"), "CREATE TABLE t(x); INSERT INTO t VALUES (1);"), SQLITE_OK);
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("other.db"), DB_CREATE, &db, err, sizeof err), DB_ERR_NOTDB);
    CHECK(one_line_zh_en(err));
    /* not a single table of ours was written into it */
    CHECK_INT(raw_int(tdb_path("other.db"), "SELECT count(*) FROM sqlite_master"), 1);
}

TEST(db_new_file_is_0600)
{
    umask(0);       /* whatever the umask, the file holds IDs: 0600 */
    struct db *db = tdb_open("mode.db");
    struct stat st;
    CHECK_INT(stat(tdb_path("mode.db"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    CHECK_INT(db_backup(db, tdb_path("mode-backup.db")), DB_OK);
    CHECK_INT(stat(tdb_path("mode-backup.db"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    db_close(db);
}

TEST(db_every_form_field_has_its_column)
{
    struct db *db = tdb_open("cols.db");
    static const struct { enum ftable t; const char *name; } tables[] = {
        { T_HOUSEHOLD, "households" }, { T_MEMBER, "members" },
        { T_APPLICATION, "applications" }, { T_SURVEY, "surveys" } };
    int checked = 0;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        size_t n;
        const struct field *f = form_table_fields(tables[t].t, &n);
        CHECK(n > 0);
        for (size_t i = 0; i < n; i++) {
            char sql[256];
            snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
                     tables[t].name, f[i].key);
            if (!CHECK_INT(tdb_int(db, sql), 1))
                fprintf(stderr, "    %s has no column %s\n", tables[t].name, f[i].key);
            checked++;
        }
    }
    CHECK(checked > 80);
    /* the check itself can fail */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM pragma_table_info('surveys') WHERE name = 'no_such'"), 0);
    db_close(db);
}

TEST(db_missing_directory_gives_open_error)
{
    struct db *db = (struct db *)1;
    char err[512] = "";
    char path[600];
    snprintf(path, sizeof path, "%s/no/such/dir/x.db", t_tmpdir());
    CHECK_INT(db_open(path, DB_CREATE, &db, err, sizeof err), DB_ERR_OPEN);
    CHECK(db == NULL);
    CHECK(strstr(err, "目录不存在") != NULL);
    CHECK(one_line_zh_en(err));
    /* without DB_CREATE a missing file is an open error too, and nothing is created */
    CHECK_INT(db_open(tdb_path("absent.db"), 0, &db, err, sizeof err), DB_ERR_OPEN);
    CHECK(strstr(err, "不存在") != NULL);
    CHECK(access(tdb_path("absent.db"), F_OK) != 0);
    /* a directory is not a database */
    CHECK_INT(db_open(t_tmpdir(), 0, &db, err, sizeof err), DB_ERR_OPEN);
}

/* A read-only place: as root a read-only tmpfs (root ignores file modes),
 * else chmod.  Returns 1 if set up; *mnt gets the mount point when mounted. */
static int make_readonly_db(char *path, size_t sz, char *mnt, size_t mntsz)
{
    mnt[0] = '\0';
    if (geteuid() == 0) {
        snprintf(mnt, mntsz, "%s/ro", t_tmpdir());
        mkdir(mnt, 0700);
        if (mount("tmpfs", mnt, "tmpfs", 0, "size=2m") != 0) {
            mnt[0] = '\0';
            return 0;
        }
        snprintf(path, sz, "%s/ro.db", mnt);
    } else {
        snprintf(path, sz, "%s/ro.db", t_tmpdir());
    }
    struct db *db = NULL;
    char err[512];
    if (db_open(path, DB_CREATE, &db, err, sizeof err) != DB_OK)
        return 0;
    db_session_assume(db, "测试员", ROLE_ADMIN);   /* areas are the 管理员's */
    db_area_add(db, TDB_COUNTY, AREA_COUNTY, "隆安县", NULL, 0);
    db_area_add(db, TDB_TOWNSHIP, AREA_TOWNSHIP, "城厢镇", TDB_COUNTY, 0);
    db_area_add(db, TDB_VILLAGE1, AREA_VILLAGE, "东信村", TDB_TOWNSHIP, 0);
    struct household hh;
    tdb_household(&hh, "覃玉兰", 2, 100);
    db_household_save(db, &hh);
    db_close(db);
    if (mnt[0])
        return mount("tmpfs", mnt, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=2m") == 0;
    return chmod(path, 0400) == 0;
}

TEST(db_readonly_file_gives_readonly_error)
{
    char path[700], mnt[600];
    if (!make_readonly_db(path, sizeof path, mnt, sizeof mnt)) {
        fprintf(stderr, "    (cannot make a read-only place here; skipped)\n");
        if (mnt[0])
            umount(mnt);
        return;
    }
    struct db *db = (struct db *)1;
    char err[512] = "";
    CHECK_INT(db_open(path, 0, &db, err, sizeof err), DB_ERR_READONLY);
    CHECK(db == NULL);
    CHECK(strstr(err, "只读") != NULL);
    CHECK(one_line_zh_en(err));
    /* read-only opening works and reads */
    CHECK_INT(db_open(path, DB_READONLY, &db, err, sizeof err), DB_OK);
    if (db) {
        size_t n = 0;
        struct hh_row rows[4];
        CHECK_INT(db_household_search(db, "", NULL, -1, rows, 4, &n), DB_OK);
        CHECK_INT(n, 1);
        struct household hh;
        CHECK_INT(db_household_load(db, rows[0].id, 0, &hh), DB_OK);
        CHECK_STR(hh.members[0].name, "覃玉兰");
        /* and a save is refused with the read-only error, not a crash */
        snprintf(hh.members[0].name, sizeof hh.members[0].name, "覃玉");
        CHECK_INT(db_household_save(db, &hh), DB_ERR_READONLY);
        CHECK(one_line_zh_en(db_errmsg(db)));
        db_close(db);
    }
    if (mnt[0])
        CHECK_INT(umount(mnt), 0);
}

TEST(db_readonly_flag_refuses_writes)
{
    struct db *db = tdb_open("rof.db");
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("rof.db"), DB_READONLY, &db, err, sizeof err), DB_OK);
    struct household hh;
    tdb_household(&hh, "农志强", 2, 200);
    CHECK_INT(db_household_save(db, &hh), DB_ERR_READONLY);
    CHECK_INT(hh.id, 0);
    db_close(db);
}

static void write_garbage(const char *path, off_t from, size_t len)
{
    int fd = open(path, O_WRONLY);
    unsigned char buf[4096];
    unsigned x = 12345;
    for (size_t done = 0; done < len; done += sizeof buf) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
        }
        if (pwrite(fd, buf, sizeof buf, from + (off_t)done) != (ssize_t)sizeof buf)
            break;
    }
    close(fd);
}

TEST(db_corrupt_file_gives_notdb_error)
{
    struct db *db = tdb_open("bad.db");
    db_close(db);
    struct stat st;
    stat(tdb_path("bad.db"), &st);
    write_garbage(tdb_path("bad.db"), 0, (size_t)st.st_size);
    char err[512] = "";
    db = (struct db *)1;
    CHECK_INT(db_open(tdb_path("bad.db"), 0, &db, err, sizeof err), DB_ERR_NOTDB);
    CHECK(db == NULL);
    CHECK(one_line_zh_en(err));
    CHECK(strstr(err, "损坏") != NULL);
    CHECK_INT(db_open(tdb_path("bad.db"), DB_READONLY, &db, err, sizeof err), DB_ERR_NOTDB);
    /* DB_CREATE on a garbage file never overwrites it */
    CHECK_INT(db_open(tdb_path("bad.db"), DB_CREATE, &db, err, sizeof err), DB_ERR_NOTDB);
}

TEST(db_corrupt_pages_give_notdb_not_crash)
{
    struct db *db = tdb_open("badp.db");
    struct household hh;
    for (int i = 0; i < 40; i++) {
        tdb_household(&hh, "陆海燕", 4, 1000 + i * 10);
        db_household_save(db, &hh);
    }
    db_close(db);
    struct stat st;
    stat(tdb_path("badp.db"), &st);
    /* keep page 1 (header + schema root), trash the rest */
    write_garbage(tdb_path("badp.db"), 4096, (size_t)st.st_size - 4096);
    char err[512] = "";
    enum db_err e = db_open(tdb_path("badp.db"), 0, &db, err, sizeof err);
    if (e == DB_OK) {
        struct hh_row rows[50];
        size_t n;
        e = db_household_search(db, "陆", NULL, -1, rows, 50, &n);
        if (e == DB_OK)
            e = db_household_load(db, 1, 0, &hh);
        CHECK_INT(e, DB_ERR_NOTDB);
        CHECK(one_line_zh_en(db_errmsg(db)));
        db_close(db);
    } else {
        CHECK_INT(e, DB_ERR_NOTDB);
        CHECK(one_line_zh_en(err));
    }
}

/* Saves households until one fails; returns that error. */
static enum db_err fill_until_error(struct db *db, int k0, int *saved)
{
    struct household hh;
    *saved = 0;
    for (int i = 0; i < 100000; i++) {
        tdb_household(&hh, "卢春花", 8, k0 + i * 10);
        enum db_err e = db_household_save(db, &hh);
        if (e != DB_OK) {
            CHECK_INT(hh.id, 0);                /* ids given back */
            CHECK_INT(hh.members[0].id, 0);
            return e;
        }
        (*saved)++;
    }
    return DB_OK;
}

/* After a failed save the file is intact and holds only whole households. */
static void check_whole(struct db *db, int saved, const char *first_head)
{
    CHECK_STR(tdb_text(db, "PRAGMA integrity_check"), "ok");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), saved + 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households h WHERE n_members <> "
                          "(SELECT count(*) FROM members WHERE household_id = h.id AND deleted = 0)"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households h WHERE NOT EXISTS "
                          "(SELECT 1 FROM surveys WHERE household_id = h.id)"), 0);
    struct household back;
    CHECK_INT(db_household_load(db, 1, 0, &back), DB_OK);
    CHECK_STR(back.members[0].name, first_head);
    CHECK_INT(back.n_members, 3);
}

TEST(db_full_disk_max_page_count)
{
    struct db *db = tdb_open("full.db");
    struct household hh;
    tdb_household(&hh, "原户主", 3, 50000);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    long long pages = tdb_int(db, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 8);
    tdb_int(db, sql);
    int saved = 0;
    enum db_err e = fill_until_error(db, 60000, &saved);
    CHECK_INT(e, DB_ERR_FULL);
    CHECK(strstr(db_errmsg(db), "磁盘已满") != NULL);
    CHECK(one_line_zh_en(db_errmsg(db)));
    /* editing the old household fails whole: the old record is intact */
    struct household edit;
    CHECK_INT(db_household_load(db, hh.id, 0, &edit), DB_OK);
    snprintf(edit.members[0].name, sizeof edit.members[0].name, "新名字");
    for (int i = 3; i < 20; i++) {
        edit.members[i] = edit.members[1];
        edit.members[i].id = 0;
        tdb_idno(70000 + i, 1, edit.members[i].id_no);
        snprintf(edit.members[i].disability_no, sizeof edit.members[i].disability_no,
                 "%080d", i);
    }
    edit.n_members = 20;
    e = db_household_save(db, &edit);
    CHECK_INT(e, DB_ERR_FULL);      /* 17 new members cannot fit in 8 pages */
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("full.db"), 0, &db, err, sizeof err), DB_OK);
    if (e != DB_OK)
        check_whole(db, saved, "原户主");
    db_close(db);
}

TEST(db_full_disk_tmpfs)
{
    if (geteuid() != 0) {
        fprintf(stderr, "    (not root: tmpfs variant skipped)\n");
        return;
    }
    char mnt[600], path[700];
    snprintf(mnt, sizeof mnt, "%s/small", t_tmpdir());
    mkdir(mnt, 0700);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0) {
        fprintf(stderr, "    (cannot mount tmpfs: %s; skipped)\n", strerror(errno));
        return;
    }
    /* 64 KiB cannot hold even the schema: creation fails whole, no file left. */
    snprintf(path, sizeof path, "%s/tiny.db", mnt);
    struct db *db = (struct db *)1;
    char err[512] = "";
    CHECK_INT(db_open(path, DB_CREATE, &db, err, sizeof err), DB_ERR_FULL);
    CHECK(db == NULL);
    CHECK(one_line_zh_en(err));
    CHECK(access(path, F_OK) != 0);
    CHECK_INT(umount(mnt), 0);

    /* Room for the schema and a few households, then the disk fills. */
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=1m") != 0)
        return;
    snprintf(path, sizeof path, "%s/small.db", mnt);
    CHECK_INT(db_open(path, DB_CREATE, &db, err, sizeof err), DB_OK);
    if (db) {
        db_session_assume(db, "测试员", ROLE_ADMIN);   /* areas are the 管理员's */
        db_area_add(db, TDB_COUNTY, AREA_COUNTY, "隆安县", NULL, 0);
        db_area_add(db, TDB_TOWNSHIP, AREA_TOWNSHIP, "城厢镇", TDB_COUNTY, 0);
        db_area_add(db, TDB_VILLAGE1, AREA_VILLAGE, "东信村", TDB_TOWNSHIP, 0);
        struct household hh;
        tdb_household(&hh, "原户主", 3, 80000);
        CHECK_INT(db_household_save(db, &hh), DB_OK);
        int saved = 0;
        enum db_err e = fill_until_error(db, 90000, &saved);
        CHECK_INT(e, DB_ERR_FULL);
        CHECK(one_line_zh_en(db_errmsg(db)));
        db_close(db);
        CHECK_INT(db_open(path, 0, &db, err, sizeof err), DB_OK);
        if (db) {
            check_whole(db, saved, "原户主");
            db_close(db);
        }
    }
    CHECK_INT(umount(mnt), 0);
}

/* Issue 13 item 3: the file moved away under an open connection is noticed
 * before a write, and its WAL is never read as the file now at the path. */
TEST(db_moved_file_refuses_writes_and_keeps_wal_apart)
{
    struct db *db = tdb_open("mv.db");
    struct household hh;
    tdb_household(&hh, "覃原户", 2, 400);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(db_check_file(db), DB_OK);
    char away[700];
    snprintf(away, sizeof away, "%s", tdb_path("mv-away.db"));
    CHECK_INT(rename(tdb_path("mv.db"), away), 0);
    tdb_household(&hh, "覃新户", 2, 410);
    CHECK_INT(db_household_save(db, &hh), DB_ERR_MOVED);
    CHECK(strstr(db_errmsg(db), "移动或替换") != NULL);
    CHECK(one_line_zh_en(db_errmsg(db)));
    CHECK_INT(hh.id, 0);
    /* a single autocommit statement too (the commit hook) */
    CHECK_INT(db_setting_set_text(db, "operator", "某人"), DB_ERR_MOVED);
    /* another database put under the name: its own openers refuse the
     * WAL beside it, which is the first file's */
    struct db *other = tdb_open("mv-other.db");
    db_close(other);
    CHECK_INT(rename(tdb_path("mv-other.db"), tdb_path("mv.db")), 0);
    char err[512] = "";
    CHECK_INT(db_open(tdb_path("mv.db"), DB_READONLY, &other, err, sizeof err), DB_ERR_BUSY);
    CHECK(strstr(err, "不属于") != NULL);
    CHECK_INT(db_household_save(db, &hh), DB_ERR_MOVED);
    /* the first file put back: saving works again */
    CHECK_INT(rename(tdb_path("mv.db"), tdb_path("mv-other.db")), 0);
    CHECK_INT(rename(away, tdb_path("mv.db")), 0);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    db_close(db);
    CHECK_INT(db_open(tdb_path("mv-other.db"), 0, &other, err, sizeof err), DB_OK);
    db_close(other);
    CHECK_INT(raw_int(tdb_path("mv.db"), "SELECT count(*) FROM households"), 2);
}

TEST(db_busy_file_gives_busy_error)
{
    struct db *db = tdb_open("busy.db");
    sqlite3_busy_timeout(db_handle(db), 50);
    sqlite3 *other = NULL;
    CHECK_INT(sqlite3_open(tdb_path("busy.db"), &other), SQLITE_OK);
    CHECK_INT(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    struct household hh;
    tdb_household(&hh, "韦小宝", 2, 300);
    CHECK_INT(db_household_save(db, &hh), DB_ERR_BUSY);
    CHECK(strstr(db_errmsg(db), "其他程序") != NULL);
    CHECK_INT(hh.id, 0);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    db_close(db);
}

TEST(db_backup_is_a_whole_copy)
{
    struct db *db = tdb_open("src.db");
    struct household hh;
    tdb_household(&hh, "苏德明", 5, 400);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(db_backup(db, tdb_path("copy.db")), DB_OK);
    /* never overwrites */
    CHECK_INT(db_backup(db, tdb_path("copy.db")), DB_ERR_INVALID);
    char bad[600];
    snprintf(bad, sizeof bad, "%s/missing/copy.db", t_tmpdir());
    CHECK_INT(db_backup(db, bad), DB_ERR_OPEN);
    CHECK(one_line_zh_en(db_errmsg(db)));
    db_close(db);

    struct db *copy = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("copy.db"), DB_READONLY, &copy, err, sizeof err), DB_OK);
    CHECK_STR(tdb_text(copy, "PRAGMA integrity_check"), "ok");
    CHECK_INT(tdb_int(copy, "PRAGMA user_version"), db_schema_version());
    struct household back;
    CHECK_INT(db_household_load(copy, hh.id, 0, &back), DB_OK);
    tdb_compare(&hh, &back);
    db_close(copy);
    CHECK(access(tdb_path("copy.db-journal"), F_OK) != 0);     /* one file at rest */
}

TEST(db_nested_transaction_rolls_back_all)
{
    struct db *db = tdb_open("nest.db");
    struct household a, b;
    tdb_household(&a, "甲", 2, 500);
    tdb_household(&b, "乙", 2, 510);
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    CHECK_INT(db_household_save(db, &b), DB_OK);
    db_rollback(db);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), 0);
    /* an inner failure leaves the outer transaction usable */
    tdb_household(&a, "甲", 2, 500);
    tdb_household(&b, "乙", 2, 500);    /* same IDs as 甲: refused */
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    CHECK_INT(db_household_save(db, &b), DB_ERR_CONSTRAINT);
    CHECK_INT(db_commit(db), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 1);
    CHECK_INT(db_commit(db), DB_ERR_INVALID);   /* nothing open */
    db_close(db);
}

/* SQLite's own model: kill a writer at a random moment, then the file must
 * pass integrity_check and every household must be whole. */
TEST(db_killed_writer_leaves_whole_households)
{
    struct db *db = tdb_open("crash.db");
    db_close(db);
    for (int round = 0; round < 3; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            struct db *w = NULL;
            char err[512];
            if (db_open(tdb_path("crash.db"), 0, &w, err, sizeof err) != DB_OK)
                _exit(2);
            struct household hh;
            for (int i = 0; ; i++) {
                tdb_household(&hh, "赵铁柱", 1 + i % 8, 200000 + round * 50000 + i * 10);
                db_household_save(w, &hh);
                if (i % 3 == 0 && hh.id) {      /* and edits */
                    hh.n_members = hh.n_members > 1 ? hh.n_members - 1 : 1;
                    db_household_save(w, &hh);
                }
            }
        }
        struct timespec ts = { 0, (50 + round * 37) * 1000000L };
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        char err[512];
        CHECK_INT(db_open(tdb_path("crash.db"), 0, &db, err, sizeof err), DB_OK);
        if (!db)
            return;
        CHECK_STR(tdb_text(db, "PRAGMA integrity_check"), "ok");
        CHECK_INT(tdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        CHECK_INT(tdb_int(db, "SELECT count(*) FROM households h WHERE n_members <> "
                              "(SELECT count(*) FROM members WHERE household_id = h.id AND deleted = 0)"), 0);
        /* the search table matches the households exactly */
        static char before[200000];
        snprintf(before, sizeof before, "%s", tdb_text(db, "SELECT hex(group_concat(data, '')) FROM "
                                                         "(SELECT data FROM hh_search ORDER BY chunk)"));
        static char keys[200000];
        snprintf(keys, sizeof keys, "%s", tdb_text(db, "SELECT group_concat(rank || initials || ':' || "
            "household_id, ',') FROM (SELECT * FROM hh_initials ORDER BY household_id, rank, initials)"));
        CHECK_INT(db_search_rebuild(db), DB_OK);
        CHECK(strcmp(tdb_text(db, "SELECT hex(group_concat(data, '')) FROM "
                                   "(SELECT data FROM hh_search ORDER BY chunk)"), before) == 0);
        CHECK(strcmp(tdb_text(db, "SELECT group_concat(rank || initials || ':' || household_id, ',') FROM "
                                   "(SELECT * FROM hh_initials ORDER BY household_id, rank, initials)"), keys) == 0);
        CHECK_INT(tdb_int(db, "SELECT count(*) FROM households h WHERE NOT EXISTS "
                              "(SELECT 1 FROM state_history WHERE household_id = h.id)"), 0);
        db_close(db);
    }
}

/* Issue 13 item 2: a file from before the hashed audit gets its existing
 * rows chained by the upgrade, and the rows written after continue the
 * chain: audit_verify finds nothing.  An edit made behind the guard's back
 * is then found, naming the row. */
static void count_finding(void *ud, const struct audit_finding *f)
{
    struct audit_finding *first = ud;
    if (!first->fault)
        *first = *f;
}

TEST(db_upgrade_chains_existing_audit_rows)
{
    struct db *db = tdb_open("chain.db");
    struct household hh;
    tdb_household(&hh, "黄大山", 2, 20);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    tdb_downgrade_to_v1(db);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("chain.db"), 0, &db, err, sizeof err), DB_OK);
    int before = tdb_int(db, "SELECT count(*) FROM audit");
    CHECK(before > 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE length(hash) = 16"), before);
    snprintf(hh.phone, sizeof hh.phone, "13800000000");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK(tdb_int(db, "SELECT count(*) FROM audit") > before);
    struct audit_finding first = { 0 };
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, count_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    CHECK_INT((long long)rows, tdb_int(db, "SELECT count(*) FROM audit"));
    CHECK_INT(sqlite3_exec(db_handle(db), "DROP TRIGGER audit_no_update; UPDATE audit_log SET operator = 'x' "
                           "WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(audit_verify(db, count_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 2);      /* the guard gone, row 2 edited */
    CHECK_INT(first.fault, AUDIT_TRIGGER_MISSING);
    db_close(db);
}
