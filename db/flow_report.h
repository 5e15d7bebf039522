/* flow_report.h — the flow reports by period (issue 16 item 1): per township
 * (乡镇表) or village (村表) under an area, the households and people on the
 * register at the opening and the close of a month, quarter or year, what
 * came on and went off (core/flow.h counts them from the state history and
 * the members' dates), the year's 减贫任务 against the exits so far, and the
 * period's 帮扶资金 (card entries and project disbursements).  Reads only;
 * the targets are set by a 审核员 or 管理员. */
#ifndef FUPIN_FLOW_REPORT_H
#define FUPIN_FLOW_REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/flow.h"
#include "core/xlsxout.h"
#include "db/db.h"

struct flow_row {
    char code[13];
    char name[64];
    struct flow_counts hh, people;
    int64_t target_hh, target_people;   /* 减贫任务, -1 = not set */
    int64_t done_hh, done_people;       /* exits from 1 January to the period's end */
    int64_t aid_money, project_money;   /* fen, dated in the period */
};

struct flow_report {
    struct flow_period p;
    char area[13];                      /* "" = the whole file */
    int by_village;                     /* 0 乡镇表, 1 村表 */
    struct flow_row *rows;              /* by code */
    size_t n;
    struct flow_row total;              /* 合计: the area's own target */
    int64_t aid_by_measure[16];         /* fen by CL_MEASURE code */
    int64_t project_by_kind[4];         /* fen by CL_PROJECT code */
};

/* Computes the report of period p for households under area (NULL/"" =
 * all), one row per township (by_village 0) or village.  Free with
 * flow_report_free. */
enum db_err db_flow_report(struct db *db, const struct flow_period *p, const char *area, int by_village,
                           struct flow_report *r);
void flow_report_free(struct flow_report *r);

/* The year's 减贫任务 of area: DB_OK with *hh, *people, or DB_ERR_NOTFOUND. */
enum db_err db_flow_target_get(struct db *db, const char *area, int year, int64_t *hh, int64_t *people);
/* Sets it (审核员 and up; a known area code, year 2000..2100, counts ≥ 0). */
enum db_err db_flow_target_set(struct db *db, const char *area, int year, int64_t hh, int64_t people);

/* The report's columns, as the workbook and the screen show them: column 0
 * is 区划 (the row's name), the last is 平衡 (text), the others numbers. */
size_t flow_report_ncols(void);
const char *flow_report_col_label(size_t c);
/* 1 for a money column (fen, shown in 元). */
int flow_report_col_money(size_t c);
/* Row w's number in column c (1 .. ncols-2): a count or fen;
 * FLOW_CELL_BLANK for a 减贫任务 not set (shown blank). */
#define FLOW_CELL_BLANK INT64_MIN
int64_t flow_report_cell(const struct flow_row *w, size_t c);
/* 1 when both the households' and the people's counts reconcile
 * (期初 + 进 − 出 = 期末); flow_row_balance says it: "平衡" or "不平衡". */
int flow_row_balanced(const struct flow_row *w);
const char *flow_row_balance(const struct flow_row *w);

/* The report as a workbook: title "<单位><期间>贫困人口动态统计表（乡镇表）",
 * one row per township/village, a 合计 row, the notes and 帮扶资金 by source
 * category under the table.  Returns 0, or -1 with one line in err. */
int flow_export(struct db *db, const struct flow_report *r, const char *path, xo_progress_fn progress,
                void *pctx, char *err, size_t errsz);

#endif
