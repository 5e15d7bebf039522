/* settings.h — what the 基础设置 screen edits: poverty/exit lines, labour
 * ages, notice length, project caps, areas (县/乡镇/村), 村民小组 (operators:
 * db/operators.h).
 * Values live in the file, so every screen, check and export of one
 * database agrees. */
#ifndef FUPIN_SETTINGS_H
#define FUPIN_SETTINGS_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "core/income.h"
#include "core/xlsxout.h"
#include "db/db.h"

/* Keys of the settings table (integers; money in fen, shares in percent). */
#define SET_LABOUR_MIN        "labour.min_age"        /* 16 */
#define SET_LABOUR_MALE_MAX   "labour.male_max"       /* 60, up to 65 */
#define SET_LABOUR_FEMALE_MAX "labour.female_max"     /* 55, up to 60 */
#define SET_NOTICE_DAYS       "notice.days"           /* 7 */
#define SET_PROJECT_NOTICE_DAYS "notice.project_days" /* 3 */
#define SET_CAP_INCOME_PROJECT "cap.income_project"   /* 3000000 fen = 3万元/户/年 */
#define SET_CAP_HOUSING       "cap.housing"           /* 5000000 fen = 5万元/户 */
#define SET_STAGE_FIRST_PCT   "stage.first_pct"       /* 80 */
#define SET_STAGE_FINAL_PCT   "stage.final_pct"       /* 20 */
#define SET_VERIFY_VILLAGE_DAYS "verify.village_days" /* 15 */
#define SET_VERIFY_TOWNSHIP_DAYS "verify.township_days" /* 15 */
#define SET_MEETING_MIN       "meeting.min_people"    /* 50 */
#define SET_PROJECT_MEETING_MIN "project_meeting.min" /* 9 */
#define SET_PROJECT_MEETING_MAX "project_meeting.max" /* 15 */
#define SET_AUTO_ADVANCE      "ui.auto_advance"       /* 1 */
/* A line the login screen shows under its fields (a demo file's password). */
#define SET_LOGIN_HINT        "login.hint"
#define SET_CODE_ADVANCE      "ui.code_advance"       /* 1: a one-digit code or 是/否 moves on */
#define SET_PRINT_PAPER       "print.paper"           /* "A4" (default) or "A3": the largest
                                                       * paper exports print on (core/xlsxout.h) */
/* 帮扶规划 (db/plans.h), "MM-DD" of the plan year as text. */
#define SET_PLAN_DEADLINE     "plan.deadline"         /* "07-31": plans due (seed 003 7月底) */
#define SET_PLAN_REVIEW       "plan.review"           /* "12-31": measures reviewed against the card */
#define SET_BACKUP_KEEP       "backup.keep"           /* 7 automatic backups kept (backups.h) */
/* 防返贫监测 (core/monitor.h): 边缘 below line × pct / 100; a 突发事件 is
 * proposed from this loss (fen); an open record without measures warns
 * after this many months. */
#define SET_MONITOR_MARGIN_PCT   "monitor.margin_pct"   /* 150 */
#define SET_MONITOR_EVENT_LOSS   "monitor.event_loss"   /* 500000 fen = 5000 元 */
#define SET_MONITOR_STALE_MONTHS "monitor.stale_months" /* 3 */

/* An integer setting; `def` when the key is absent or not a number. */
int64_t db_setting_int(struct db *db, const char *key, int64_t def);
enum db_err db_setting_set_int(struct db *db, const char *key, int64_t value);
/* Text settings (e.g. the 发布单位 printed on notices); "" when absent. */
enum db_err db_setting_text(struct db *db, const char *key, char *out, size_t outsz);
enum db_err db_setting_set_text(struct db *db, const char *key, const char *value);

/* The paper setting: A4 unless "A3" was chosen (an A4 printer is what every
 * office has; see core/xlsxout.h for what the paper changes). */
enum xo_paper db_print_paper(struct db *db);
enum db_err db_set_print_paper(struct db *db, enum xo_paper paper);

/* Labour ages (SPEC §5.2).  The setter refuses values outside min 16,
 * male 60–65, female 55–60 (DB_ERR_INVALID). */
enum db_err db_labour_ages(struct db *db, struct labour_ages *out);
enum db_err db_set_labour_ages(struct db *db, const struct labour_ages *la);

/* Lines, ordered by year, standard, kind.  *n = number written (≤ max). */
enum db_err db_lines(struct db *db, struct line *out, size_t max, size_t *n);
/* Adds or replaces the line of (year, standard, kind). */
enum db_err db_line_set(struct db *db, const struct line *l);

/* ---- areas ---- */
enum area_level { AREA_COUNTY = 1, AREA_TOWNSHIP = 2, AREA_VILLAGE = 3 };
struct area {
    char code[AREA_CODE_LEN + 1];
    int  level;                     /* enum area_level */
    char name[TEXT_BYTES(30)];
    char parent[AREA_CODE_LEN + 1]; /* "" for a county */
    int  provisional;               /* 1: 待核, a code made up on import */
};
/* Adds an area: a county has 6 digits and no parent, a township 9 digits
 * under its county, a village 12 digits under its township (the code starts
 * with the parent's).  DB_ERR_CONSTRAINT when the code exists. */
enum db_err db_area_add(struct db *db, const char *code, int level, const char *name,
                        const char *parent, int provisional);
/* The same, the level and parent following from the code's length: 6 digits
 * a county, 9 a township under the county of its first 6, 12 a village under
 * the township of its first 9.  DB_ERR_INVALID for any other code. */
enum db_err db_area_add_by_code(struct db *db, const char *code, const char *name);
enum db_err db_area_get(struct db *db, const char *code, struct area *out);
/* The name of an area code ("" and DB_ERR_NOTFOUND when unknown). */
enum db_err db_area_name(struct db *db, const char *code, char *out, size_t outsz);
enum db_err db_area_rename(struct db *db, const char *code, const char *name);
/* Areas of a level, optionally under `parent` (any ancestor; NULL/"" = all),
 * ordered by code. */
enum db_err db_areas(struct db *db, int level, const char *parent, struct area *out,
                     size_t max, size_t *n);
/* Finds an area of `level` named `name` under `parent` (NULL = anywhere);
 * DB_ERR_NOTFOUND when none. */
enum db_err db_area_find(struct db *db, int level, const char *name, const char *parent,
                         struct area *out);
/* The next free provisional (待核) code under parent: parent + "9" + two
 * digits (901, 902, ...), which real 统计用区划代码 do not use. */
enum db_err db_area_provisional_code(struct db *db, const char *parent, char *out, size_t outsz);

/* ---- 村民小组 ---- */
enum db_err db_group_add(struct db *db, const char *village, const char *name);
/* Names of a village's groups, in code order of entry; each out[i] holds one. */
enum db_err db_groups(struct db *db, const char *village, char (*out)[TEXT_BYTES(20)],
                      size_t max, size_t *n);

#endif
