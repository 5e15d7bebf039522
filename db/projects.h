/* projects.h — Form F: per-household projects (SPEC §3.2, seed 002 篇1):
 * 一户一增收项目 (cap per household per year) and 住房建设补助 (cap per
 * household), each going through
 *     申请 → 村级评议 (9–15 代表, 单数, ≥ 2/3) → 乡镇审定 → 3 天公示 → 开工
 *     → 预付 80 % → 申请验收 → 村级 / 乡镇 / 县级核验 → 尾款 20 %
 * (100 % at start when the 村委会 is the partner).  Caps, shares and days come
 * from the settings.  Every step refuses what is out of order with a message
 * naming the rule and the numbers; every payment goes through the check
 * engine's payment checks (core/checks.h), so the screen, the CLI and
 * `fupin check` word a refusal alike.
 *
 * The 3-day 公示 is one notices row of kind 项目 (round 1) listing the
 * household with project_id; it is posted when recorded. */
#ifndef FUPIN_PROJECTS_H
#define FUPIN_PROJECTS_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/household.h"
#include "db/db.h"

struct project {
    int64_t id;
    int64_t household_id;
    int  kind;                      /* CL_PROJECT: PROJECT_INCOME / PROJECT_HOUSING */
    int  year;
    char content[TEXT_BYTES(100)];  /* 项目内容 */
    char partner_name[TEXT_BYTES(40)];
    int  partner_type;              /* CL_PARTNER; PARTNER_VILLAGE = 村委会 */
    money_t amount;                 /* 申请金额 (fen) */
    /* 村级评议 (a meetings row of kind 项目 + its votes row) */
    int64_t meeting_id;             /* 0 = not yet */
    char meeting_date[DATE_LEN + 1];
    int  representatives, votes_for, votes_against, votes_abstain;
    char approved[DATE_LEN + 1];    /* 乡镇审定日期 */
    /* 公示 */
    int64_t notice_id;
    char notice_start[DATE_LEN + 1];
    int  notice_days;
    char notice_end[DATE_LEN + 1];
    char start_date[DATE_LEN + 1];          /* 开工日期 */
    char verify_requested[DATE_LEN + 1];    /* 申请验收日期 */
    char verified[3][DATE_LEN + 1];         /* 村级, 乡镇, 县级 核验日期 */
    int  verify_passed[3];
    char conclusion[3][TEXT_BYTES(60)];
    /* loaded, not stored */
    money_t paid;                   /* 已拨付 */
    int  advance_paid, tail_paid;
};

struct disbursement {
    int64_t id;
    int64_t project_id;
    char date[DATE_LEN + 1];
    money_t amount;
    int  stage;                     /* PAY_ADVANCE 预付 / PAY_TAIL 尾款 */
};

enum { VERIFY_VILLAGE = 0, VERIFY_TOWNSHIP = 1, VERIFY_COUNTY = 2 };

/* Stages a project has reached, for lists and the ledger's 核验状态. */
enum project_stage {
    PS_APPLIED = 0,     /* 已申请 */
    PS_APPRAISED,       /* 已评议 */
    PS_APPROVED,        /* 已审定 */
    PS_NOTICED,         /* 已公示 */
    PS_STARTED,         /* 已开工 */
    PS_REQUESTED,       /* 待核验 */
    PS_VERIFYING,       /* 核验中 (some levels done) */
    PS_VERIFIED,        /* 已核验 */
    PS_PAID             /* 已结清 */
};
enum project_stage project_stage(const struct project *p);
const char *project_stage_label(enum project_stage s);
/* 核验状态 as one text: "村级 2026-06-01 / 乡镇 未核验 (逾期) / 县级 未核验"
 * style, with 逾期 where a deadline has passed (cc: today and days). */
void project_verify_text(const struct check_ctx *cc, const struct project *p, char *out,
                         size_t outsz);

/* Saves the application part (kind, year, household, content, partner,
 * amount): a new project when p->id is 0.  Refused with numbers when the
 * amount with the household's other projects under the same cap exceeds it,
 * or once the project is approved (its amount is then what was approved). */
enum db_err db_project_save(struct db *db, const struct check_ctx *cc, struct project *p);
/* Loads a project with its appraisal, notice, verifications and paid total. */
enum db_err db_project_get(struct db *db, int64_t id, struct project *out);
/* Projects of a household (household_id > 0), or of an area (a village,
 * township or county code; NULL/"" = all) and year (0 = all), households in
 * DB_HH_ORDER (village, 村民小组 by number, 户编号), then year. */
enum db_err db_projects(struct db *db, int64_t household_id, const char *area, int year,
                        struct project *out, size_t max, size_t *n);
/* The same, streamed for the 项目台账: fn gets each project with its head's
 * name, 户编号 and village name; non-zero stops.  *n counts (may be NULL). */
struct project_ledger_info {
    char village_name[TEXT_BYTES(30)];
    char hh_no[HH_NO_LEN + 1];
    char head_name[TEXT_BYTES(NAME_CHARS)];
};
enum db_err db_projects_each(struct db *db, const char *area, int year,
                             int (*fn)(void *ud, const struct project *p,
                                       const struct project_ledger_info *info),
                             void *ud, int64_t *n);
/* The disbursements of a project, by date. */
enum db_err db_disbursements(struct db *db, int64_t project_id, struct disbursement *out,
                             size_t max, size_t *n);

/* 村级评议 of the project: representatives present and votes.  Refused unless
 * 9–15 (settings) and odd, votes within the representatives; stored even when
 * it fails the 2/3 rule (recorded as 不通过; approval then refused). */
enum db_err db_project_appraise(struct db *db, const struct check_ctx *cc, int64_t id,
                                const char *date, int representatives, int votes_for,
                                int votes_against, int votes_abstain);
/* 乡镇审定: needs a passed appraisal; not before the meeting. */
enum db_err db_project_approve(struct db *db, int64_t id, const char *date);
/* Posts the project 公示 (kind 项目, round 1, the household's village) from
 * start for `days` (0 = the setting, 3); needs the approval. */
enum db_err db_project_notice(struct db *db, const struct check_ctx *cc, int64_t id,
                              const char *start, int days);
/* 开工: after the notice ended. */
enum db_err db_project_start(struct db *db, int64_t id, const char *date);
/* One disbursement; refused with the check engine's message when any payment
 * check fails (cap, amount, share, order, verification, dates). */
enum db_err db_project_pay(struct db *db, const struct check_ctx *cc, int64_t id,
                           const char *date, money_t amount, int stage, int64_t *disb_id);
/* 申请验收: after the start. */
enum db_err db_project_request_verify(struct db *db, int64_t id, const char *date);
/* One level's verification (VERIFY_VILLAGE …), in order, not before the one
 * below it (or the request); passed 0 records a failed check (the level may
 * be recorded again then). */
enum db_err db_project_verify(struct db *db, int64_t id, int level, const char *date,
                              int passed, const char *conclusion);

/* The check engine's view of a project (other_cap_scope from the file). */
enum db_err db_project_facts(struct db *db, const struct project *p, struct project_facts *out);

#endif
