/* village_store.h — the 贫困村 register and 出列 (issue 15 item 1): per
 * village 是否贫困村, 认定年度, 出列年度, 挂村单位; per year the keyed figures
 * and the yes/no items of the checklist (core/village.h decides, this module
 * records); the thresholds by year (settings); and the exit of a village
 * through the steps of a household exit: proposal, 村级评议 (a 退出 meeting
 * of db/workflow_store.h, the 2/3 rule of core/workflow.h), 公示 (the
 * configured days, wf_notice_end), and the 审核员's decision after the
 * notice is over with no open objection.
 *
 * A failing checklist item refuses the proposal and the decision unless a
 * 审核员 gives a written reason (kept on the exit row, audited).  Keying is
 * the 录入员's, the override and the decision the 审核员's, the thresholds
 * the 管理员's.  No curses; nothing prints. */
#ifndef FUPIN_VILLAGE_STORE_H
#define FUPIN_VILLAGE_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "core/village.h"
#include "db/db.h"

struct village_info {
    char code[AREA_CODE_LEN + 1];
    char name[TEXT_BYTES(30)];          /* loaded */
    char township[TEXT_BYTES(30)];      /* loaded */
    int  poor;                          /* 是否贫困村 */
    int  identified_year;               /* 0 = none */
    int  exit_year;                     /* 0 = not 出列; set by vs_exit_decide only */
    char unit[TEXT_BYTES(40)];          /* 挂村单位 */
    char contact[TEXT_BYTES(NAME_CHARS)];
    char phone[21];
    int  exit_stage;                    /* loaded: the latest exit's stage (enum vc_stage) */
};

struct village_year {
    char code[AREA_CODE_LEN + 1];
    int  year;
    int  population;                    /* 农村户籍人口, 0 = not keyed */
    int64_t per_capita_income;          /* fen, -1 = not keyed */
    int64_t collective_income;          /* fen, -1 = not keyed */
    int  answer[VC_N_YESNO];            /* VC_UNSET / VC_NO / VC_YES */
    char date[VC_N_YESNO][DATE_LEN + 1];/* when confirmed ("" = not) */
};

struct village_exit {
    int64_t id;
    char code[AREA_CODE_LEN + 1];
    int  year;
    int  stage;                         /* enum vc_stage */
    char proposed_date[DATE_LEN + 1];
    char failing[TEXT_BYTES(200)];      /* the items failing at proposal */
    char override_reason[TEXT_BYTES(200)];
    char override_by[TEXT_BYTES(NAME_CHARS)];
    int64_t meeting_id;
    char meeting_date[DATE_LEN + 1];    /* loaded */
    int  present;                       /* loaded: voters of the meeting */
    int  votes_for, votes_against, votes_abstain;
    int64_t notice_id;                  /* the 公示: a notice of kind NK_VILLAGE_EXIT */
    char notice_start[DATE_LEN + 1];    /* loaded from the notice */
    int  notice_days;
    char notice_end[DATE_LEN + 1];
    int  objections;                    /* loaded: 异议 still open */
    int  sustained;                     /* loaded: 异议 found right (取消) */
    char decided_date[DATE_LEN + 1];
    char decided_by[TEXT_BYTES(NAME_CHARS)];
};

/* Settings keys, suffixed with ".YYYY" (a value holds from that year on). */
#define VS_SET_RATE       "village.rate_bp"        /* basis points: 200 = 2 % */
#define VS_SET_COLLECTIVE "village.collective_min" /* fen */
#define VS_SET_INCOME     "village.income_line"    /* fen; else the seeded lines */
/* The value of a by-year setting for `year` (vc_by_year over the keys set;
 * the seeded lines for VS_SET_INCOME, VC_*_DEFAULT for the others). */
int64_t vs_setting(struct db *db, const char *key, int year);
/* The village_years column of a yes/no checklist item (its date: "<col>_date");
 * NULL for the computed items. */
const char *vs_item_column(enum vc_item i);
/* Sets it from `year` on (管理员).  A rate must be 1..10000 bp, money > 0. */
enum db_err vs_setting_set(struct db *db, const char *key, int year, int64_t value);

/* Every village (areas of level 3) under `area` (NULL/"" = all), by code,
 * with its register row where there is one (else poor 0 and blanks). */
enum db_err vs_villages(struct db *db, const char *area, struct village_info *out, size_t max,
                        size_t *n);
/* One village (DB_ERR_NOTFOUND when the code is not a village). */
enum db_err vs_get(struct db *db, const char *code, struct village_info *out);
/* Saves 是否贫困村, 认定年度 and 挂村单位 (录入员).  Refused: a 贫困村 without
 * 认定年度, a 认定年度 on a village that is not one, a village already 出列
 * or on its way out unmarked, a phone that is not digits.  exit_year is
 * not written here. */
enum db_err vs_save(struct db *db, const struct village_info *v);

/* The year's keyed figures (defaults when none keyed). */
enum db_err vs_year_get(struct db *db, const char *code, int year, struct village_year *out);
/* Saves them (录入员).  A confirmed item without a date gets today; a date
 * in the future or not a date is refused. */
enum db_err vs_year_save(struct db *db, const struct village_year *y);

/* The checklist's facts for the year: keyed figures, thresholds, the poor
 * people 在册 (sum of the members of the village's households on the
 * register now) and the pre-fill from the year's surveys. */
enum db_err vs_facts(struct db *db, const char *code, int year, struct vc_facts *f);

/* The exit of the village in `year` (DB_ERR_NOTFOUND when none). */
enum db_err vs_exit_get(struct db *db, const char *code, int year, struct village_exit *out);
/* Proposes 出列: the village must be a 贫困村 not yet 出列.  With every item
 * passing a 录入员 may; with an item failing it is refused (the message names
 * the items) unless override_reason is given by a 审核员.  Re-proposing after
 * a failed appraisal starts again. */
enum db_err vs_exit_propose(struct db *db, const char *code, int year, const char *override_reason);
/* Records the 村级评议 of a proposed exit: a 退出 meeting of the village
 * (date, host, attendees, representatives, recorder as struct wfs_meeting
 * takes them) and the votes on the village; the 2/3 rule decides 评议通过 or
 * 评议未通过.  Votes may not exceed those present. */
enum db_err vs_exit_appraise(struct db *db, const char *code, int year, const char *date,
                             const char *host, int attendees, int representatives,
                             int votes_for, int votes_against, int votes_abstain);
/* Posts the 公示 of an appraised exit from `start` ("" = today) for the
 * configured notice days; not before the meeting, not in the future.  The
 * 公示 is a notice of kind NK_VILLAGE_EXIT (db/workflow_store.h) drafted
 * and posted like any other, its 异议 keyed there (wfs_objection_add with
 * the village). */
enum db_err vs_exit_notice(struct db *db, const char *code, int year, const char *start);
/* The 审核员's decision (date "" = today): after the notice is over, no
 * 异议 open or found right, the checklist passing now or overridden.  Sets
 * 出列年度. */
enum db_err vs_exit_decide(struct db *db, const char *code, int year, const char *date);
/* The upgrade of an older file: each exit noticed on village_exits' own
 * columns (notice_start …, the open 异议 as a count) gets its posted notice
 * and one open objection per 异议 counted.  Runs inside the caller's
 * transaction; exits already with a notice are left alone. */
enum db_err vs_exit_notices_adopt(struct db *db);

#endif
