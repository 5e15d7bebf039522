/* cli_import.c — `fupin import csv`: reads the file, runs db_import_csv and
 * prints its report.  A database file that does not exist yet is created as
 * `fupin init --county CODE NAME` would, and removed again when the import
 * writes nothing, so a failed first import leaves no half-made file. */
#include "tui/cli_import.h"
#include <errno.h>
#include "core/syserr.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/import.h"
#include "db/settings.h"

#define MAX_CSV_BYTES ((size_t)1 << 30)

static void progress(long done, long total, void *ud)
{
    (void)ud;
    fprintf(stderr, "\r导入 %ld/%ld 行", done, total);
    if (done >= total)
        fputc('\n', stderr);
}

/* The file, read in pieces by the import (twice: it is never held whole). */
static long file_read(void *ud, char *buf, size_t n)
{
    FILE *f = ud;
    size_t k = fread(buf, 1, n, f);
    return k == 0 && ferror(f) ? -1 : (long)k;
}

static int file_rewind(void *ud)
{
    FILE *f = ud;
    clearerr(f);
    return fseek(f, 0, SEEK_SET);
}

/* Opens the file to import; NULL with errno set on failure (a directory, a
 * file beyond MAX_CSV_BYTES: no roster is that big). */
static FILE *open_csv(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f)
        return NULL;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode) || (size_t)st.st_size > MAX_CSV_BYTES) {
        int e = errno;
        e = S_ISDIR(st.st_mode) ? EISDIR : (size_t)st.st_size > MAX_CSV_BYTES ? EFBIG : e;
        fclose(f);
        errno = e;
        return NULL;
    }
    return f;
}

static int digits(const char *s, size_t len)
{
    return s && strlen(s) == len && strspn(s, "0123456789") == len;
}

int cmd_import(struct cli *c)
{
    /* Positional arguments: "csv" then the file; options may stand anywhere. */
    const char *kind = NULL, *file = NULL;
    for (int i = 0; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (!strcmp(a, "--encoding") || !strcmp(a, "--year")) { i++; continue; }
        if (!strcmp(a, "--county")) { i += 2; continue; }
        if (!strcmp(a, "--create-areas")) continue;
        if (a[0] == '-' && a[1]) {
            cli_error("未知选项", "unknown option", a);
            return EXIT_USAGE;
        }
        if (!kind) kind = a;
        else if (!file) file = a;
        else {
            cli_error("只能导入一个文件", "one file at a time", a);
            return EXIT_USAGE;
        }
    }
    if (!kind || strcmp(kind, "csv") != 0 || !file) {
        cli_error("用法: fupin import csv --db 数据库 [--encoding utf-8|gbk] [--create-areas] "
                  "[--county 代码 名称] 文件.csv", "usage: fupin import csv --db FILE FILE.csv", NULL);
        return EXIT_USAGE;
    }
    struct import_opts o;
    memset(&o, 0, sizeof o);
    const char *enc = cli_option(c, "--encoding");
    if (enc) {
        if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8")) o.encoding = CSV_ENC_UTF8;
        else if (!strcasecmp(enc, "gbk") || !strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gb2312"))
            o.encoding = CSV_ENC_GBK;
        else {
            cli_error("--encoding 只能是 utf-8 或 gbk", "--encoding must be utf-8 or gbk", enc);
            return EXIT_USAGE;
        }
    }
    const char *year = cli_option(c, "--year");
    if (year) {
        o.year = atoi(year);
        if (!digits(year, 4) || o.year < 1949 || o.year > 2100) {
            cli_error("--year 应为四位年份", "--year must be a year", year);
            return EXIT_USAGE;
        }
    }
    o.create_areas = cli_flag(c, "--create-areas");
    const char *county = NULL, *county_name = NULL;
    for (int i = 0; i < c->argc; i++)
        if (!strcmp(c->argv[i], "--county")) {
            county = i + 1 < c->argc ? c->argv[i + 1] : NULL;
            county_name = i + 2 < c->argc ? c->argv[i + 2] : NULL;
            if (!digits(county, 6) || !county_name || !*county_name) {
                cli_error("--county 需要6位区划代码和名称", "--county needs a 6-digit code and a name", county);
                return EXIT_USAGE;
            }
        }

    FILE *csv = open_csv(file);
    if (!csv) {
        int e = errno;
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "无法读取文件（%s）", syserr_zh(e));
        snprintf(en, sizeof en, "cannot read file: %s", strerror(e));
        cli_error(zh, en, file);
        return EXIT_DATA;
    }

    int created = access(c->db_path, F_OK) != 0;
    if (created && !county) {
        fclose(csv);
        cli_error("数据库文件不存在；新建请加 --county 区划代码 名称", "database does not exist: give --county CODE NAME",
                  c->db_path);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(c, created ? DB_CREATE : 0);
    if (!db) {
        fclose(csv);
        return cli_open_failed();
    }
    if (created && db_area_add(db, county, AREA_COUNTY, county_name, "", 0) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        unlink(c->db_path);
        fclose(csv);
        return EXIT_DATA;
    }
    if (isatty(2))
        o.progress = progress;

    struct import_report rep;
    struct csv_source src = { file_read, file_rewind, csv };
    enum import_result res = db_import_csv_source(db, file, &src, &o, &rep);
    fclose(csv);
    for (size_t i = 0; i < rep.n_msgs; i++) {
        const struct import_msg *m = &rep.msgs[i];
        char col[16] = "-";
        if (m->col > 0)
            snprintf(col, sizeof col, "%d", m->col);
        printf("%s:%ld:%s: %s [%s] %s%s%s\n", file, m->line, col, m->error ? "错误" : "警告", m->check,
               m->column, m->column[0] ? ": " : "", m->text);
    }
    if (rep.errors > rep.errors_kept)
        printf("… 另有 %zu 个错误未列出 (and %zu more errors)\n", rep.errors - rep.errors_kept,
               rep.errors - rep.errors_kept);
    if (rep.warnings > rep.warnings_kept)
        printf("… 另有 %zu 个警告未列出 (and %zu more warnings)\n", rep.warnings - rep.warnings_kept,
               rep.warnings - rep.warnings_kept);
    if (rep.notes[0])
        printf("%s", rep.notes);
    int rc;
    if (res == IMPORT_OK) {
        printf("导入完成 (%s): %ld 行, %ld 户 — 新增 %ld 户, 更新 %ld 户, 未变 %ld 户, 新建区划 %ld 个, %zu 个警告 "
               "(imported: %ld added, %ld updated, %ld unchanged)\n", csv_encoding_name(rep.encoding), rep.rows,
               rep.households, rep.added, rep.updated, rep.unchanged, rep.areas_created, rep.warnings,
               rep.added, rep.updated, rep.unchanged);
        rc = EXIT_OK;
    } else if (res == IMPORT_CHECKS) {
        fprintf(stderr, "错误: 文件有 %zu 处错误，未导入任何数据 (error: %zu errors, nothing imported): %s\n",
                rep.errors, rep.errors, file);
        rc = EXIT_CHECKS;
    } else if (res == IMPORT_DATA) {
        fprintf(stderr, "错误: 文件无法导入，未导入任何数据 (error: file cannot be imported, nothing written): %s\n",
                file);
        rc = EXIT_DATA;
    } else {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        rc = EXIT_DATA;
    }
    import_report_free(&rep);
    db_close(db);
    if (created && rc != EXIT_OK) {
        /* Nothing was imported: the file made for it goes too. */
        char side[4200];
        unlink(c->db_path);
        snprintf(side, sizeof side, "%s-journal", c->db_path);
        unlink(side);
    }
    return rc;
}
