/* workflow_store.h — the records of the workflow (SPEC §3.1, §3.3, Forms C,
 * D, G): appraisal meetings and votes, notices (三榜公示) with their lists and
 * objections, 乡镇回访核查 results, 户编号 assignment, exits, relapse and
 * removal.
 *
 * core/workflow.h decides, this module records.  Every state move made here
 * goes through wfs_move(): it fills struct wf_facts from the file (the
 * household's notice and its end date, open objections, 七不进 and override,
 * the votes of the meeting that decides, recheck, approvals, 户编号, Form G),
 * asks wf_can_move(), and only then calls db_state_change() (operator, date,
 * reason).  A refusal is DB_ERR_CONSTRAINT with the Chinese reason of
 * core/workflow.c in db_errmsg().  Acts that move several households (deciding
 * a meeting, posting a notice) are one transaction: all or nothing.
 *
 * No curses here; nothing prints. */
#ifndef FUPIN_WORKFLOW_STORE_H
#define FUPIN_WORKFLOW_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/household.h"
#include "core/workflow.h"
#include "db/db.h"

/* Text settings remembered from the last notice (db/settings.h text keys). */
#define WFS_SET_PUBLISHER "notice.publisher"    /* 发布单位 */
#define WFS_SET_PHONE     "notice.phone"        /* 监督电话 */
#define WFS_SET_PLACE     "notice.place"        /* 张贴地点 */

/* CL_NOTICE_KIND codes (公示类型), also the kind of a meeting. */
/* NK_VILLAGE_EXIT: a 贫困村出列 notice (db/village_store.h) lists no
 * household: its area is the village, its 异议 name the village. */
enum { NK_IDENTIFY = 1, NK_EXIT = 2, NK_ADJUST = 3, NK_PROJECT = 4, NK_VILLAGE_EXIT = 5 };
/* objections.resolution */
enum { OBJ_OPEN = 0, OBJ_UPHELD = 1, OBJ_CANCEL = 2 };   /* 未处理 / 维持 / 取消 */

/* ---- state moves ------------------------------------------------------- */

/* Fills *f for moving household hh_id from its stored state to `to`, from the
 * file (today from core/clock.h).  DB_ERR_NOTFOUND for an unknown household. */
enum db_err wfs_facts(struct db *db, int64_t hh_id, enum wf_state to, struct wf_facts *f);
/* 1 when the household may move to `to` now; else 0 and the reason in why
 * (prefixed with nothing; e.g. "公示期至 2026-03-07 结束, …"). */
int wfs_can_move(struct db *db, int64_t hh_id, enum wf_state to, char *why, size_t whysz);
/* The one way this module moves a household: wf_can_move with wfs_facts,
 * then db_state_change(date "" = today, reason = the transition's event label
 * plus ": " reason when given).  Refusal: DB_ERR_CONSTRAINT, db_errmsg says
 * "户主名: reason".  To WF_REJECTED / WF_WITHDRAWN a reason is required. */
enum db_err wfs_move(struct db *db, int64_t hh_id, enum wf_state to, const char *date,
                     const char *reason);

/* ---- Form C: appraisal meetings -------------------------------------- */

struct wfs_meeting {
    int64_t id;
    char village[AREA_CODE_LEN + 1];
    int  kind;                          /* NK_IDENTIFY or NK_EXIT */
    int  year;
    char date[DATE_LEN + 1];            /* 会议日期 */
    char host[TEXT_BYTES(NAME_CHARS)];  /* 主持人 */
    int  attendees;                     /* 参会人数 */
    int  representatives;               /* 其中村民代表人数 */
    char recorder[TEXT_BYTES(NAME_CHARS)]; /* 记录人 */
    int  n_agenda, n_decided;           /* loaded: households on it, decided */
};
/* Who votes: the representatives when keyed, else everyone present. */
int wfs_meeting_present(const struct wfs_meeting *m);
/* Inserts (id 0) or updates a meeting.  The representatives may not exceed
 * the attendees; the voters may not be fewer than the votes already keyed. */
enum db_err wfs_meeting_save(struct db *db, struct wfs_meeting *m);
/* Why wfs_meeting_save would refuse m (the message, in buf), with *field the
 * field at fault ("date", "kind", "attendees", "representatives",
 * "village"); NULL when it may be saved. */
const char *wfs_meeting_invalid(struct db *db, const struct wfs_meeting *m, const char **field,
                                char *buf, size_t bufsz);
enum db_err wfs_meeting_get(struct db *db, int64_t id, struct wfs_meeting *out);
/* Meetings under `area` (village/township/county code, NULL = all), newest first. */
enum db_err wfs_meetings(struct db *db, const char *area, struct wfs_meeting *out,
                         size_t max, size_t *n);

/* One household on a meeting's agenda (or a candidate for it). */
struct wfs_vote {
    int64_t household_id;
    char head_name[TEXT_BYTES(NAME_CHARS)];
    char group_name[TEXT_BYTES(20)];
    char hh_no[HH_NO_LEN + 1];
    int  state;
    int  priority;          /* 五优先 flags ticked (the agenda is sorted by it) */
    int  exclusions;        /* 七不进 ticked */
    int  voted;             /* votes keyed */
    int  votes_for, votes_against, votes_abstain;
    int  score;             /* 排队打分 ×100 */
    int  rank;              /* 名次 by score (then votes for), 1 = best; 0 not voted */
    int  passes;            /* the 2/3 rule */
    char rule[160];         /* "赞成 30 ≥ 到会代表 45 人的2/3 (需 30 票), 通过" */
};
/* The agenda with ranks and results computed from the votes (rank order,
 * households without votes last, 五优先 first among them). */
enum db_err wfs_agenda(struct db *db, int64_t meeting_id, struct wfs_vote *out,
                       size_t max, size_t *n);
/* Households of the meeting's village that may go on its agenda (surveyed for
 * identification, registered for exit) and are not on it: 五优先 first. */
enum db_err wfs_agenda_candidates(struct db *db, int64_t meeting_id, struct wfs_vote *out,
                                  size_t max, size_t *n);
enum db_err wfs_agenda_add(struct db *db, int64_t meeting_id, int64_t hh_id);
/* Adds households ids[0..n) with wfs_agenda_add's checks, in one transaction:
 * all or none, the first refusal (db_errmsg) naming its household.  Those on
 * the agenda already are skipped, as by wfs_agenda_add. */
enum db_err wfs_agenda_add_list(struct db *db, int64_t meeting_id, const int64_t *ids, size_t n);
enum db_err wfs_agenda_remove(struct db *db, int64_t meeting_id, int64_t hh_id);
/* Keys a household's votes and score (×100).  Refused when the votes exceed
 * the voters present. */
enum db_err wfs_vote_set(struct db *db, int64_t meeting_id, int64_t hh_id, int votes_for,
                         int votes_against, int votes_abstain, int score);
/* Applies the results: identification — passed → 已评议, failed → 未通过
 * (the numbers in the reason); exit — passed → 退出评议 (needs Form G), failed
 * stays 已建档立卡.  Households not in the state the meeting decides are
 * skipped.  One transaction.  *report (may be NULL) gets one line per
 * household. */
enum db_err wfs_meeting_decide(struct db *db, int64_t meeting_id, char *report, size_t sz);

/* ---- Form D: notices -------------------------------------------------- */

struct wfs_notice {
    int64_t id;
    int  kind;                          /* NK_* */
    int  round;                         /* 1..3 */
    char area[AREA_CODE_LEN + 1];
    char area_name[TEXT_BYTES(30)];     /* loaded */
    int  year;
    char start[DATE_LEN + 1];
    int  days;
    char end[DATE_LEN + 1];             /* wf_notice_end(start, days) */
    char place[TEXT_BYTES(40)];         /* 张贴地点 */
    char phone[21];                     /* 监督电话 */
    char publisher[TEXT_BYTES(40)];     /* 发布单位 */
    /* The decision the round rests on: round 2 乡镇审核 (文号, 日期),
     * round 3 县级确认 (批文号, 批文日期). */
    char approval_no[TEXT_BYTES(30)];
    char approval_date[DATE_LEN + 1];
    int  posted, closed;
    int  n_households, open_objections; /* loaded */
};
/* The state a household is in while on a notice of kind/round, and the state
 * it must be in to be drafted onto one (WF_NONE when there is none). */
enum wf_state wfs_notice_state(int kind, int round);
enum wf_state wfs_notice_source_state(int kind, int round);
/* "古潭乡那门村2026年扶贫对象识别第一榜公示名单" (needs area_name and year). */
void wfs_notice_title(const struct wfs_notice *n, char *out, size_t outsz);

/* Creates a draft notice: days from SET_NOTICE_DAYS, end computed, place /
 * phone / publisher from the last notice; the list drafted from the
 * households under `area` in the source state (removal lists start empty:
 * each needs a reason).  *id gets the new id. */
enum db_err wfs_notice_draft(struct db *db, int kind, int round, const char *area,
                             const char *start, int64_t *id);
enum db_err wfs_notice_get(struct db *db, int64_t id, struct wfs_notice *out);
/* Saves the header of a draft (end recomputed).  A posted notice is frozen. */
enum db_err wfs_notice_update(struct db *db, struct wfs_notice *n);
/* Deletes a draft (soft).  Posted notices are kept. */
enum db_err wfs_notice_delete(struct db *db, int64_t id);
/* Notices whose scope is under `area` or covers it (a village's list has
 * its township's and county's notices too; NULL = all), newest first. */
enum db_err wfs_notices(struct db *db, const char *area, struct wfs_notice *out,
                        size_t max, size_t *n);

/* One row of a notice's list (the 公示名单 columns). */
struct wfs_listed {
    int64_t household_id;
    int  ordinal;
    char village_name[TEXT_BYTES(30)];  /* printed before the group on township/county lists */
    char group_name[TEXT_BYTES(20)];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    char head_id[ID_NO_LEN + 1];        /* full: mask when printing */
    char hh_no[HH_NO_LEN + 1];
    int  n_members;
    int  hh_type, main_cause;
    money_t per_capita;                 /* latest survey, fen */
    char remark[TEXT_BYTES(100)];       /* 备注 */
    int  state;
    int  open_objections;
};
enum db_err wfs_notice_list(struct db *db, int64_t notice_id, struct wfs_listed *out,
                            size_t max, size_t *n);
/* Households in the source state under the notice's area not on its list. */
enum db_err wfs_notice_candidates(struct db *db, int64_t notice_id, struct wfs_listed *out,
                                  size_t max, size_t *n);
/* Adds / removes a household on a draft's list (remark = 备注; required on a
 * removal (调整) list: the written reason of the 清退). */
enum db_err wfs_notice_add(struct db *db, int64_t notice_id, int64_t hh_id, const char *remark);
enum db_err wfs_notice_remove(struct db *db, int64_t notice_id, int64_t hh_id);
/* Posts the notice: the list freezes, the sheet is stored as printed
 * (db/notice_sheet.h) and every listed household moves into the notice state
 * (all or none: the first refusal names the household).  An empty list, a
 * start in the future, a round-3 notice without 批文 and the date rules of
 * core/checks.c (CS_NOTICE) are refused; a period already over needs
 * late_reason (stored with the sheet), else NULL. */
enum db_err wfs_notice_post(struct db *db, int64_t notice_id, const char *late_reason);
/* 1 when the notice's period is already over today: posting it needs a reason. */
int wfs_notice_needs_late_reason(const struct wfs_notice *n);
/* The facts of the date rules (core/checks.h struct notice_facts): the year's
 * 评议 meeting of its households (round 1), the end of the previous round they
 * were on, the 批文 date (round 3), and for a posted notice the day it was
 * posted and the late reason (into late_reason, may be NULL). */
enum db_err wfs_notice_facts(struct db *db, int64_t id, struct notice_facts *nf,
                             char *late_reason, size_t late_sz);
/* Closes the round after its end date; refused before, and while an
 * objection is open.  Then: 识别一榜 → 已回访 (passed recheck), 三榜 →
 * 户编号 + 已建档立卡, 退出三榜 → 已脱贫, 清退 → 已清退; households that
 * cannot move yet stay and are listed in *report. */
enum db_err wfs_notice_close(struct db *db, int64_t notice_id, char *report, size_t sz);

/* ---- objections ------------------------------------------------------- */
struct wfs_objection {
    int64_t id, notice_id, household_id;        /* household 0: against the village */
    char village[AREA_CODE_LEN + 1];            /* a village exit notice's village */
    char head_name[TEXT_BYTES(NAME_CHARS)];     /* loaded: the household's head or the village */
    char received[DATE_LEN + 1];                /* 收到日期 */
    char objector[TEXT_BYTES(NAME_CHARS)];      /* 异议人, "" = 匿名 */
    char content[TEXT_BYTES(200)];              /* 内容 */
    char checker[TEXT_BYTES(NAME_CHARS)];       /* 核查人 */
    char check_result[TEXT_BYTES(200)];         /* 核查结果 */
    int  resolution;                            /* OBJ_* */
    char resolved_date[DATE_LEN + 1];           /* 处理日期 */
};
/* Records an objection against a listed household of a posted, open notice
 * (against the village of a village exit notice);
 * o->id gets its id.  received "" = today. */
enum db_err wfs_objection_add(struct db *db, struct wfs_objection *o);
/* Resolves it: 维持 (the listing stands) or 取消 (the household leaves the
 * list: identification → 未通过, exit / removal → back to 已建档立卡), with
 * the checker and result (both required), in one transaction. */
enum db_err wfs_objection_resolve(struct db *db, int64_t id, int resolution,
                                  const char *checker, const char *result, const char *date);
/* Objections of a notice (0 = any) and/or household (0 = any), oldest first. */
enum db_err wfs_objections(struct db *db, int64_t notice_id, int64_t hh_id,
                           struct wfs_objection *out, size_t max, size_t *n);
const char *wfs_resolution_label(int resolution);      /* 未处理 / 维持 / 取消 */

/* ---- 回访核查, registration ------------------------------------------ */
/* Records the township recheck of a household on round 1 (date "" = today).
 * Failed → 未通过 at once.  Passed → 已回访 at once when the round is over,
 * else when it closes. */
enum db_err wfs_recheck(struct db *db, int64_t hh_id, int passed, const char *checker,
                        const char *result, const char *date);
/* Gives the household its 户编号 unless it has one: village code + 4-digit
 * sequence from a per-village counter that never goes back, so a number is
 * never reused even after 清退.  out (HH_NO_LEN + 1, may be NULL) gets it. */
enum db_err wfs_assign_hh_no(struct db *db, int64_t hh_id, char *out);

/* ---- Form G: exits ---------------------------------------------------- */
struct wfs_exit {
    int64_t id, household_id;
    int  year;
    int  route;                         /* CL_EXIT_ROUTE 脱贫途径 */
    money_t per_capita, exit_line;      /* fen */
    int  line_found;
    int  food, clothing, education, medical, housing, water;
    char check_date[DATE_LEN + 1];
    char checker[TEXT_BYTES(NAME_CHARS)];
    char exit_date[DATE_LEN + 1];       /* set when the household leaves */
    char education_note[128], medical_note[128];  /* pre-fill explanations */
    int  survey_missing;                /* no survey of `year`: income unknown */
};
/* Form G of the exit year `year` pre-filled from the household's survey of
 * that year and the year's exit line (core/checks.h checks_exit_criteria);
 * without a survey of that year survey_missing is set and the income is 0:
 * last year's income does not prove this year's exit.  year 0 = the year of
 * the latest survey. */
enum db_err wfs_exit_prefill(struct db *db, int64_t hh_id, int year, struct wfs_exit *out);
/* The stored Form G of the year (0 = latest); DB_ERR_NOTFOUND when none. */
enum db_err wfs_exit_get(struct db *db, int64_t hh_id, int year, struct wfs_exit *out);
/* Saves the clerk-confirmed Form G (one per household per year). */
enum db_err wfs_exit_save(struct db *db, struct wfs_exit *e);
/* 1 when income is at or above the exit line and all six checks pass, else
 * 0 and which fail. */
int wfs_exit_passes(const struct wfs_exit *e, char *why, size_t whysz);

/* 返贫: an exited household applies again (needs this year's signed Form A);
 * its records and history stay. */
enum db_err wfs_relapse(struct db *db, int64_t hh_id, const char *date, const char *reason);

/* ---- the household's notices (household screen) ---------------------- */
struct wfs_hh_notice {
    int64_t notice_id;
    int  kind, round, posted, closed;
    char start[DATE_LEN + 1], end[DATE_LEN + 1];
    char title[TEXT_BYTES(60)];
    int  objections, open_objections;
};
enum db_err wfs_household_notices(struct db *db, int64_t hh_id, struct wfs_hh_notice *out,
                                  size_t max, size_t *n);

/* ---- the date rules over the whole file ------------------------------ */
/* Called per finding: household (0 for a notice), a short subject ("公示 12
 * 某村2026年…名单" or the head's name) and the result. */
typedef void (*wfs_check_fn)(void *ud, int64_t household_id, const char *subject,
                             const struct check_result *res);
/* `fupin check`: CS_NOTICE for every posted notice (rounds overlapping, before
 * the meeting, 批文 after the start, posted after its end), CS_RECHECK for
 * every recorded 回访核查, CS_HISTORY for every household's state history.
 * Reads only.  *errors / *warnings get the counts (either may be NULL). */
enum db_err wfs_check_all(struct db *db, const struct check_ctx *cc, wfs_check_fn fn, void *ud,
                          size_t *errors, size_t *warnings);

#endif
