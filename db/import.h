/* import.h — `fupin import csv` (SPEC §7.2): households and members from a
 * CSV in the 花名册 (roster) column layout of SPEC §6.
 *
 * Columns: the header row names them, in any order — the roster's headers
 * (县 乡镇 村 村民小组 户编号 户主姓名 与户主关系 姓名 性别 身份证号 民族 年龄
 * 文化程度 在校生状况 健康状况 劳动技能 务工状况 贫困户属性 识别标准 主要致贫原因
 * 年人均纯收入 帮扶责任人 帮扶单位 状态 脱贫年度) plus the other member fields of
 * Form B by their label (政治面貌, 务工时间(月), 参加…保险, 是否现役军人, 残疾证号)
 * and 联系电话.  Required: 村, 姓名, 身份证号, 与户主关系.  Unknown columns are
 * reported and ignored; 年龄 and 年人均纯收入 are computed values and are not
 * imported; 脱贫年度 is not imported yet (an exit needs its 脱贫途径).  Rows
 * before the header that name no column (an exported roster's title and
 * 填报单位 lines, saved as CSV from Excel) are skipped.
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
 * it has a 户编号, else 未申请.  贫困户属性/识别标准/主要致贫原因 go to the
 * household's latest survey (a new survey of opts->year needs all three).
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
void import_report_free(struct import_report *rep);

#endif
