/* Every error text a clerk can see is Chinese: English (SQLite's, the
 * system's, libxlsxwriter's) may only follow in parentheses for the IT
 * person.  Table-driven over every code fupin maps: SQLite result codes,
 * errno values, libxlsxwriter errors, and the *_strerror tables; then the
 * real paths that once leaked (an export into a missing directory). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/csv.h"
#include "core/idno.h"
#include "core/syserr.h"
#include "core/xlsxout.h"
#include "db/db.h"
#include "tui/lineedit.h"
#include "tui/ui.h"
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

/* Names a clerk reads as Chinese text: products, encodings, the program. */
static const char *const ALLOWED[] = { "Excel", "CSV", "UTF", "GBK", "fupin", "Unicode", NULL };

/* The first English fragment (2+ ASCII letters) outside parentheses, as a
 * static string, or NULL when the message is clean. */
static const char *english_outside(const char *msg)
{
    static char word[64];
    int depth = 0;
    for (const char *p = msg; *p;) {
        if (*p == '(' || !strncmp(p, "（", 3)) {
            depth++;
            p += *p == '(' ? 1 : 3;
            continue;
        }
        if ((*p == ')' || !strncmp(p, "）", 3)) && depth > 0) {
            depth--;
            p += *p == ')' ? 1 : 3;
            continue;
        }
        size_t n = 0;
        while (((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
            n++;
        if (depth == 0 && n >= 2) {
            int ok = 0;
            for (int i = 0; ALLOWED[i]; i++)
                ok |= strlen(ALLOWED[i]) == n && !strncmp(p, ALLOWED[i], n);
            if (!ok) {
                snprintf(word, sizeof word, "%.*s", (int)(n < 60 ? n : 60), p);
                return word;
            }
        }
        p += n ? n : 1;
    }
    return NULL;
}

/* Checks one message; names it in the failure. */
static void chinese(const char *msg, const char *what)
{
    const char *w = english_outside(msg);
    if (!CHECK(msg && *msg && !w))
        fprintf(stderr, "    %s: English \"%s\" outside parentheses in \"%s\"\n", what, w ? w : "", msg);
}

TEST(messages_checker_finds_english)
{
    CHECK(english_outside("无法创建文件 (cannot create file): x.xlsx: No such file") != NULL);
    CHECK(english_outside("磁盘已满，数据没有写入 (database or disk is full)") == NULL);
    CHECK(english_outside("请另存为 CSV UTF-8（Excel 中）") == NULL);
}

TEST(messages_every_sqlite_code_maps_to_chinese)
{
    static const struct { int rc, sys; enum db_err want; const char *zh; } T[] = {
        { SQLITE_FULL, 0, DB_ERR_FULL, "磁盘已满" },
        { SQLITE_IOERR_WRITE, ENOSPC, DB_ERR_FULL, "磁盘已满" },
        { SQLITE_IOERR_FSYNC, EDQUOT, DB_ERR_FULL, "配额" },
        { SQLITE_IOERR_WRITE, EROFS, DB_ERR_READONLY, "只读" },
        { SQLITE_IOERR_READ, EIO, DB_ERR_IO, "读写磁盘出错" },
        { SQLITE_CANTOPEN, EACCES, DB_ERR_READONLY, "没有权限" },
        { SQLITE_CANTOPEN, ENOENT, DB_ERR_OPEN, "无法打开" },
        { SQLITE_READONLY_DIRECTORY, 0, DB_ERR_READONLY, "只读" },
        { SQLITE_CORRUPT, 0, DB_ERR_NOTDB, "损坏" },
        { SQLITE_NOTADB, 0, DB_ERR_NOTDB, "不是本系统的数据库" },
        { SQLITE_BUSY, 0, DB_ERR_BUSY, "其他程序" },
        { SQLITE_LOCKED, 0, DB_ERR_BUSY, "其他程序" },
        { SQLITE_NOMEM, 0, DB_ERR_IO, "内存不足" },
        { SQLITE_CONSTRAINT_UNIQUE, 0, DB_ERR_CONSTRAINT, "不符合规则" },
        { SQLITE_TOOBIG, 0, DB_ERR_INVALID, "太大" },
        { SQLITE_INTERRUPT, 0, DB_ERR_IO, "中断" },
        { SQLITE_OK, 0, DB_OK, "成功" },
    };
    char zh[256];
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        CHECK_INT(db_sqlite_error(T[i].rc, T[i].sys, zh, sizeof zh), T[i].want);
        if (!CHECK(strstr(zh, T[i].zh) != NULL))
            fprintf(stderr, "    rc %d: \"%s\" lacks \"%s\"\n", T[i].rc, zh, T[i].zh);
    }
    /* Every primary code, known or not, has Chinese text. */
    for (int rc = 1; rc < 256; rc++) {
        db_sqlite_error(rc, 0, zh, sizeof zh);
        char what[32];
        snprintf(what, sizeof what, "sqlite rc %d", rc);
        chinese(zh, what);
    }
}

TEST(messages_db_fail_keeps_english_in_parentheses)
{
    struct db *db = tdb_open("m.db");
    static const int codes[] = { SQLITE_FULL, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_BUSY, SQLITE_NOMEM,
                                 SQLITE_READONLY, SQLITE_ERROR, SQLITE_CONSTRAINT };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        db_fail(db, codes[i], "保存");
        CHECK(strncmp(db_errmsg(db), "保存失败", strlen("保存失败")) == 0);
        chinese(db_errmsg(db), "db_fail");
    }
    /* A real failure: SQLite's own English stays in the parentheses. */
    CHECK(db_exec(db, "SELECT * FROM no_such_table", "查询") != DB_OK);
    chinese(db_errmsg(db), "db_exec");
    CHECK(strstr(db_errmsg(db), "no such table") != NULL);
    db_close(db);
    struct db *none = NULL;
    char err[512];
    CHECK(db_open("/nonexistent-dir/x.db", 0, &none, err, sizeof err) != DB_OK);
    chinese(err, "db_open");
}

TEST(messages_every_errno_and_lxw_error_in_chinese)
{
    static const int errnos[] = { 0, ENOENT, ENOTDIR, EISDIR, EACCES, EPERM, EROFS, ENOSPC, EDQUOT,
                                  EFBIG, EIO, ENOMEM, EMFILE, ENFILE, ENAMETOOLONG, EEXIST, EBUSY,
                                  ENODEV, ENXIO, EINVAL, EAGAIN };
    char buf[256];
    for (size_t i = 0; i < sizeof errnos / sizeof *errnos; i++) {
        chinese(syserr_zh(errnos[i]), "syserr_zh");
        chinese(syserr_text(errnos[i], buf, sizeof buf), "syserr_text");
    }
    for (int e = 0; e < LXW_MAX_ERRNO; e++) {
        char what[32];
        snprintf(what, sizeof what, "lxw_error %d", e);
        chinese(syserr_lxw_zh(e), what);
        chinese(syserr_lxw_text(e, buf, sizeof buf), what);
        /* each code has its own words, not the catch-all */
        CHECK(strcmp(syserr_lxw_zh(e), syserr_lxw_zh(LXW_MAX_ERRNO)) != 0);
    }
}

TEST(messages_strerror_tables_in_chinese)
{
    for (int e = DB_OK; e <= DB_ERR_MOVED; e++)
        chinese(db_strerror(e), "db_strerror");
    for (int e = XO_OK; e <= XO_ERR_CANCELLED; e++)
        chinese(xo_strerror(e), "xo_strerror");
    for (int e = CSV_OK; e <= CSV_ERR_READ; e++)
        chinese(csv_strerror(e), "csv_strerror");
    for (int e = IDNO_OK; e <= IDNO_BAD_CHECK; e++)
        chinese(idno_strerror(e), "idno_strerror");
    for (int e = LE_OK; e <= LE_TOO_LONG; e++)
        chinese(le_strerror(e), "le_strerror");
}

TEST(messages_export_into_a_missing_directory)
{
    struct xo_book *b = NULL;
    CHECK(xo_open("/nonexistent-dir/花名册.xlsx", 0, &b) != XO_OK);
    char msg[600];
    snprintf(msg, sizeof msg, "%s", xo_last_error());
    /* The path is the clerk's own words; the rest must be Chinese. */
    const char *name = "/nonexistent-dir/花名册.xlsx";
    char *path = strstr(msg, name);
    if (CHECK(path != NULL))
        memset(path, '_', strlen(name));
    chinese(msg, "xo_open");
    CHECK(strstr(msg, "不存在") != NULL);
}

/* On screen (tui/ app_errmsg): the English notes are gone altogether. */
static void on_screen(const char *msg, const char *what)
{
    char shown[512], flat[512];
    ui_chinese_part(msg, shown, sizeof shown);
    size_t k = 0;       /* parentheses dropped so english_outside sees all */
    for (const char *p = shown; *p && k + 1 < sizeof flat; p++)
        if (*p != '(' && *p != ')')
            flat[k++] = *p;
    flat[k] = 0;
    const char *w = english_outside(flat);
    if (!CHECK(shown[0] && !w))
        fprintf(stderr, "    %s: \"%s\" shows English \"%s\" on screen\n", what, shown, w ? w : "");
}

TEST(messages_screen_part_drops_english_notes)
{
    static const struct { const char *in, *out; } T[] = {
        { "磁盘已满，数据没有写入 (database or disk is full)", "磁盘已满，数据没有写入" },
        { "年度 0 不正确 (invalid year)", "年度 0 不正确" },
        { "保存失败 (7) 请重试 (retry later)", "保存失败 (7) 请重试" },
        { "公示 (7天) 未满", "公示 (7天) 未满" },                /* Chinese inside: kept */
        { "请输入 (F4 选择)", "请输入 (F4 选择)" },
        { "no such table: x", "no such table: x" },             /* no Chinese: kept whole */
        { "金额 (元) (amount must be positive)", "金额 (元)" },
        { "", "" },
    };
    char buf[256];
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        CHECK_STR(ui_chinese_part(T[i].in, buf, sizeof buf), T[i].out);
    CHECK_STR(ui_chinese_part("磁盘已满 (full)", buf, 5), "磁");    /* cut, terminated */
}

TEST(messages_every_db_error_is_chinese_on_screen)
{
    struct db *db = tdb_open("s.db");
    for (int rc = 1; rc < 256; rc++) {
        db_fail(db, rc, "保存");
        char what[32];
        snprintf(what, sizeof what, "db_fail rc %d", rc);
        on_screen(db_errmsg(db), what);
    }
    CHECK(db_exec(db, "SELECT * FROM no_such_table", "查询") != DB_OK);
    on_screen(db_errmsg(db), "db_exec");
    db_close(db);
}
