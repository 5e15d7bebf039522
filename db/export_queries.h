/* export_queries.h — the read-only queries behind the 花名册 (roster) and
 * 汇总表 (summary) exports (SPEC §6).  Nothing here writes to the database:
 * exports never modify it (SPEC §7.4).
 *
 * The roster streams from ONE SQLite statement in order (village code,
 * household, member ordinal) through a callback, so memory stays flat at any
 * size.  The summary scans the same statement and adds up per village in C,
 * so that 年人均纯收入 is computed by core/income.c exactly as on the survey
 * screen (same rounding), and 有劳动能力 uses the labour-age settings. */
#ifndef FUPIN_EXPORT_QUERIES_H
#define FUPIN_EXPORT_QUERIES_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

/* Which households: those in `area` (a county, township or village code, any
 * prefix of a village code; NULL/"" = all) whose state's bit is set in
 * `states` (bit s = 1u << enum wf_state; 0 = export_register_states(), the
 * 在册 and 已脱贫 households; export_all_states() for every one), as of `year`.
 * Deleted households never appear. */
struct export_filter {
    const char *area;
    uint32_t states;
    int year;           /* 0: the latest survey of each household; else the
                         * year's survey or the latest before it, and only
                         * households there by that year */
    int64_t *done, *total;  /* NULL, or the progress of a long query: rows read
                             * so far and the rows expected (an estimate) */
};

/* Parses a --status value: a roster status label (在册, 已脱贫, 已清退, 识别中,
 * 未通过, 已撤回, 未申请 — wf_roster_status), a state label (一榜公示 …,
 * wf_state_label), a state number 0..17 or its name ("registered", "exited"),
 * or 全部 / all for every state.
 * Several may be joined with ',' (在册,已脱贫).  Returns 1 and sets *states. */
int export_parse_status(const char *s, uint32_t *states);
/* The states counted as 贫困户 in the summary: 在册 (registered, exit or
 * removal under way) and 已脱贫.  Also the roster's default (states 0). */
uint32_t export_register_states(void);
/* Every state: what --status 全部 (all) asks for. */
uint32_t export_all_states(void);

/* Titles: what an export holds, from the status labels (wf_roster_status, or
 * wf_state_label for a single step), so a title never claims more than the
 * filter: the register (states 0 too) is 贫困户花名册; any other filter a
 * 名单 of what it holds — 未通过户名单, 识别中、未通过户名单, 一榜公示户名单,
 * 全部农户名单.  The summary and 回头看 count the register and say so. */
enum export_title_kind { TITLE_ROSTER, TITLE_SUMMARY, TITLE_RESURVEY };
/* The words for a filter's households, e.g. 在册及已脱贫户, 未通过户. */
void export_states_phrase(uint32_t states, char *out, size_t outsz);
/* The whole title: area name, year (f->year; 0 = today's), the list:
 * "隆安县2026年贫困户花名册", "城厢镇2026年未通过户名单",
 * "隆安县2026年扶贫对象汇总表（在册及已脱贫户）".  Fails on an unknown area. */
enum db_err db_export_title(struct db *db, enum export_title_kind kind,
                            const struct export_filter *f, char *out, size_t outsz);

/* One member row of the roster.  Strings point into SQLite's row buffers and
 * are valid only during the callback, as are `member` and `hh`. */
struct roster_row {
    int64_t household_id;
    int64_t seq;                /* 序号: the household's number in this roster, 1.. */
    const char *county, *township, *village;    /* area names */
    const char *village_code;
    const char *group_name, *hh_no, *head_name;
    int relation;               /* CL_RELATION */
    const char *name;
    int sex;                    /* CL_SEX */
    const char *id_no;
    const char *birth;          /* YYYY-MM-DD or "" */
    int age;                    /* on the export date; -1 when birth unknown */
    int ethnic, education, schooling, health, skill, work;
    int has_survey;             /* 0: no survey yet (type/standard/cause/income blank) */
    int hh_type, standard, main_cause;
    money_t per_capita;         /* 年人均纯收入, fen, income_per_capita of the latest survey */
    const char *helper, *helper_unit;    /* current 帮扶责任人 or "" */
    int state;                  /* enum wf_state */
    int exit_year;              /* 脱贫年度 (state 已脱贫), else 0 */
    int n_members;
    /* Every stored field of the member (the ones above included), and of the
     * household its phone and latest survey (of the filter's year or before:
     * codes, bank, income parts; zero when has_survey is 0).  hh's members
     * are not filled: read them through `member`. */
    const struct member *member;
    const struct household *hh;
};

/* Called per row; return non-zero to stop (db_roster_each then returns DB_OK
 * with *stopped = 1 if stopped is non-NULL). */
typedef int (*roster_row_fn)(void *ud, const struct roster_row *r);

/* Number of member rows the roster of `f` has (exact: a walk of the whole
 * join, seconds on a county file). */
enum db_err db_roster_count(struct db *db, const struct export_filter *f, int64_t *n);
/* What a progress bar starts from, in milliseconds on a county file: the
 * households of `f`'s area and states (exact but for the year filter) and
 * the member rows estimated from them at the file's members per household
 * (by the largest row ids: deleted rows count).  The caller corrects it as
 * rows come (rows seen per household seen). */
enum db_err db_roster_estimate(struct db *db, const struct export_filter *f, int64_t *households,
                               int64_t *rows);
/* Streams the roster of `f` in order (DB_HH_ORDER: village code, 村民小组 by
 * number, 户编号, entry order; then member ordinal).  `today` (YYYY-MM-DD) is the date ages are computed on. */
enum db_err db_roster_each(struct db *db, const struct export_filter *f, const char *today,
                           roster_row_fn fn, void *ud, int *stopped);

/* ---- summary (汇总表) ---- */
#define SUM_TYPES  4     /* index 1..3 = CL_HH_TYPE codes; 0 unused */
#define SUM_CAUSES 13    /* index 1..12 = CL_CAUSE codes; 0 = no survey */

enum summary_level { SUM_COUNTY = 1, SUM_TOWNSHIP = 2, SUM_VILLAGE = 3 };

struct summary_row {
    int level;                      /* enum summary_level: village row, township subtotal, total */
    char code[AREA_CODE_LEN + 1];
    char name[TEXT_BYTES(30)];      /* village / township / county name */
    char township[TEXT_BYTES(30)];  /* the village's township (village rows) */
    int64_t households, people;
    int64_t by_type[SUM_TYPES];     /* households by 贫困户属性 */
    int64_t by_cause[SUM_CAUSES];   /* households by 主要致贫原因 */
    int64_t able;                   /* 有劳动能力人数 */
    int64_t students;               /* 在校生人数 */
    int64_t exited_hh, exited_people;
    int64_t income_sum, income_n;   /* per-capita incomes (fen) of households with a survey */
    int64_t aid_money;              /* 帮扶资金 (投入资金, fen), latest version of each entry */
};
/* 年人均纯收入 average of a row in fen, rounded half away from zero; 0 when
 * no household has a survey. */
money_t summary_avg_income(const struct summary_row *r);

/* Counted households: `f` (states 0 = export_register_states()).  Rows: every
 * village under f->area (zeros included) in code order, each township's
 * villages followed by its 小计 row, then one 合计 row for the whole area.
 * *rows is malloc'd (caller frees); *n its length. */
enum db_err db_summary(struct db *db, const struct export_filter *f, const char *today,
                       struct summary_row **rows, size_t *n);

/* 已脱贫 households by 脱贫年度 within f->area: years ascending. */
struct exit_year_count { int year; int64_t households; };
enum db_err db_exits_by_year(struct db *db, const struct export_filter *f,
                             struct exit_year_count *out, size_t max, size_t *n);

/* ---- 回头看 (seed 004 §20): who still lacks this year's survey ---- */
struct resurvey_row {
    int64_t household_id;
    char township[TEXT_BYTES(30)], village[TEXT_BYTES(30)];
    char village_code[AREA_CODE_LEN + 1];
    char group_name[TEXT_BYTES(20)], hh_no[HH_NO_LEN + 1];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    int n_members;
    int state;                  /* enum wf_state */
    int last_year;              /* the latest survey before f->year, 0 none */
    money_t last_per_capita;    /* its 年人均纯收入 (fen), income_per_capita */
};
/* The households of `f` (states 0 = export_register_states(): 在册 and
 * 已脱贫) with no survey of f->year (> 0), by village code then 户编号.
 * *rows is malloc'd (caller frees, also when *n = 0). */
enum db_err db_resurvey_list(struct db *db, const struct export_filter *f,
                             struct resurvey_row **rows, size_t *n);

/* The area's own name ("" for all areas: the county's name when the file
 * holds one county), for titles and 填报单位. */
enum db_err db_export_area_title(struct db *db, const char *area, char *out, size_t outsz);

#endif
