/* import.h — `fupin import csv` (SPEC §7.2): households and members from a
 * CSV in the 花名册 (roster) column layout of SPEC §6.
 *
 * Columns: the header row names them, in any order — every column of the
 * roster (export_roster_headers, db/export_reports.h) and the other fields of
 * Form B by their label: the members' fields (MEMBER_FIELDS: 政治面貌,
 * 务工时间(月), 参加…保险, 是否现役军人, 残疾证号 …), the survey's (其他致贫原因,
 * 开户银行, 银行账号, the income parts …), 联系电话.  Required: 村, 姓名, 身份证号,
 * 与户主关系.  Unknown columns are reported and ignored; 序号, 家庭人口 and 年龄
 * are computed from the others and not imported.  年人均纯收入: with income
 * parts, the parts give it (a different figure is a warning); without (no
 * part columns, or all of a household's blank or 0) it is kept as the
 * declared figure (survey.declared_per_capita), which the checks hold
 * against the line; a negative one is a warning.  调查年度 is the year of a
 * new survey (default opts->year); 办理状态 (a step label) says more than
 * 状态 and wins; 脱贫年度 dates a new 已脱贫 household's state (end of that
 * year).  Rows before the header that name no column (an exported roster's
 * title and 填报单位 lines, saved as CSV from Excel) are skipped.
 *
 * Households: rows in file order.  A row with a 户编号 belongs to the
 * household of that 户编号 (its rows must be consecutive); without one, a
 * 户主 row starts a new household and the following rows without 户编号
 * belong to it.  The 户主 is moved first.  A household whose members' ID
 * numbers are already in the database is that household (it is updated,
 * only where the file differs); otherwise it is new.  Members of a stored
 * household missing from the file are kept (a warning says so); the 状态 of
 * a stored household is never moved by an import (workflow steps are not
 * skipped) — a different 状态 is a warning.  A new household takes the 状态
 * column (a roster status 在册/已脱贫/… or a step label), else 已建档立卡 when
 * it has a 户编号, else 未申请.  贫困户属性/识别标准/主要致贫原因 and the other
 * survey cells go to the household's latest survey (a new survey needs all
 * three).
 * 帮扶责任人/帮扶单位 make the helper current (found by name and unit, or added).
 *
 * Validation: codes by label (or code number), values through forms/
 * field_parse, every household through the check engine
 * (checks_run_household) with the duplicate-ID rule over the database and
 * the file.  All-or-nothing: one transaction; any error → nothing written.
 * Importing the same file again changes nothing and adds no audit rows. */
#ifndef FUPIN_IMPORT_H
#define FUPIN_IMPORT_H
#include <stddef.h>
#include "core/csv.h"
#include "db/db.h"

enum import_result {
    IMPORT_OK = 0,          /* written (or nothing to change) */
    IMPORT_CHECKS,          /* errors in rows: nothing written */
    IMPORT_DATA,            /* unreadable file: encoding, columns, quotes */
    IMPORT_DB               /* the database failed (db_errmsg) */
};

struct import_opts {
    enum csv_encoding encoding; /* CSV_ENC_AUTO: detect */
    int create_areas;           /* add missing 乡镇/村 with a provisional (待核) code */
    int year;                   /* year of a new survey; 0 = this year */
    size_t max_messages;        /* errors (and, separately, warnings) kept; 0 = 200 */
    void (*progress)(long rows_done, long rows_total, void *ud);
    void *progress_ud;
};

struct import_msg {
    long line;                  /* physical line in the file, 1-based */
    int  col;                   /* column, 1-based; 0 = the row as a whole */
    int  error;                 /* 1 error, 0 warning */
    char column[64];            /* header of the column ("" when col = 0) */
    char check[32];             /* check id (core/checks.c) or an import rule */
    char text[320];             /* Chinese message */
};

struct import_report {
    enum csv_encoding encoding; /* as read */
    long rows;                  /* data rows */
    long households;            /* households in the file */
    long added, updated, unchanged;
    long areas_created;
    size_t errors, warnings;    /* totals (may exceed what msgs holds) */
    struct import_msg *msgs;    /* errors and warnings in file order; owned */
    size_t n_msgs, cap_msgs;
    size_t errors_kept, warnings_kept;
    char notes[1024];           /* columns ignored, not imported, skipped lines */
};

/* Imports `len` bytes of CSV text (any supported encoding) named `name` in
 * the messages.  The report is filled in all cases; free it with
 * import_report_free. */
enum import_result db_import_csv(struct db *db, const char *name, const char *bytes, size_t len,
                                 const struct import_opts *opts, struct import_report *rep);
/* The same from a source read twice in pieces (csv_scan, then csv_open):
 * memory does not grow with the file (a county roster, 358 347 rows). */
enum import_result db_import_csv_source(struct db *db, const char *name, const struct csv_source *src,
                                        const struct import_opts *opts, struct import_report *rep);
void import_report_free(struct import_report *rep);

#endif
