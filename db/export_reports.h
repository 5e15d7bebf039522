/* export_reports.h — the 贫困户花名册 (roster) and 汇总表 (summary) workbooks
 * (SPEC §6): db/export_queries.h for the rows, core/xlsxout.h for the sheet.
 * Read-only: an export never modifies the database.  Nothing printed. */
#ifndef FUPIN_EXPORT_REPORTS_H
#define FUPIN_EXPORT_REPORTS_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"

enum export_status {
    EXPORT_OK = 0,
    EXPORT_ERR_DB,          /* reading the database failed */
    EXPORT_ERR_FILE,        /* writing the .xlsx failed (path, disk) */
    EXPORT_ERR_ARG,         /* unknown area code, bad option */
    EXPORT_CANCELLED        /* the progress callback asked to stop; no file written */
};

struct export_opts {
    const char *area;       /* county/township/village code; NULL/"" = the whole file */
    uint32_t states;        /* export_parse_status() mask; 0 = the register, 在册 +
                             * 已脱贫 (export_register_states) */
    const char *today;      /* 填报日期 and the date ages are computed on; NULL = clock_today */
    int year;               /* the year reported (title; each household's survey of
                             * that year or the latest before it); 0 = today's year */
    xo_progress_fn progress;    /* may be NULL; see core/xlsxout.h */
    void *progress_ctx;
    int64_t *query_done, *query_total;  /* set by export_run: the progress of a
                                         * long query (export_filter's done, total) */
};

/* Writes the roster (one row per member, the columns of SPEC §6) to `path`,
 * streamed in constant memory.  *rows (may be NULL) gets the member rows
 * written.  On failure `err` gets one line "中文 (English)". */
/* One export of the workstation: fn (export_roster, …) with Esc read in
 * every phase.  While fn reads the database, o->progress is called about
 * every 100 ms with XO_PHASE_QUERY (rows read of the rows expected, where the
 * query counts them; else 0 of 0); a non-zero answer there, or in the
 * writer's phases, stops the export, leaves no file and returns
 * EXPORT_CANCELLED whatever fn says. */
typedef enum export_status (*export_fn)(struct db *db, const struct export_opts *o,
                                        const char *path, int64_t *rows, char *err, size_t errsz);
enum export_status export_run(export_fn fn, struct db *db, const struct export_opts *o,
                              const char *path, int64_t *rows, char *err, size_t errsz);

enum export_status export_roster(struct db *db, const struct export_opts *o, const char *path,
                                 int64_t *rows, char *err, size_t errsz);
/* Writes the summary: sheet 村表 (a row per village, 小计 per township, 合计),
 * sheet 统计图 (charts: households by 主要致贫原因, households and people by
 * village, 已脱贫 households by year) and sheet 图表数据 (the charts' numbers).
 * *rows gets the number of village rows. */
enum export_status export_summary(struct db *db, const struct export_opts *o, const char *path,
                                  int64_t *rows, char *err, size_t errsz);

/* 回头看 (seed 004 §20): the 在册 and 已脱贫 households of o->area without a
 * survey of o->year (0 = today's year), a row each by village and 户编号,
 * each village closed by a 小计 row; *rows gets the households listed. */
enum export_status export_resurvey(struct db *db, const struct export_opts *o, const char *path,
                                   int64_t *rows, char *err, size_t errsz);

/* The columns of the roster, in order (the import reads the same headers). */
const char *const *export_roster_headers(size_t *n);

/* One cell of the roster: what export_roster writes in column `col` (0-based,
 * export_roster_headers' order) of a row.  Text points into the row, a code
 * list or a static string (valid during the row's callback); a number is an
 * integer (money in fen). */
struct roster_row;
enum roster_cell_kind { RCELL_BLANK, RCELL_TEXT, RCELL_NUMBER };
struct roster_cell {
    enum roster_cell_kind kind;
    const char *text;
    int64_t num;
};
void export_roster_cell(const struct roster_row *r, size_t col, struct roster_cell *c);
/* The kind of column `col` as written (XO_INT, XO_MONEY, XO_TEXT …). */
enum xo_kind export_roster_kind(size_t col);

/* A default output file name for an export: "<dir>/<what>_<area name>_<YYYYMMDD>.xlsx"
 * (e.g. 花名册_古潭乡_20260305.xlsx); dir NULL = current directory. */
void export_default_name(struct db *db, const char *dir, const char *what, const char *area,
                         char *out, size_t outsz);

#endif
