/* workflow.h — the household state machine of SPEC §3: identification (eight
 * steps, three notice rounds), exit (脱贫退出), removal (清退), relapse (返贫).
 *
 * One table of allowed transitions {from, to, event label, rules}.  A rule is a
 * precondition function over struct wf_facts, which callers fill from the
 * database, so this module stays SQL-free and every screen, the CLI and the
 * check engine (core/checks.h) refuse a move for the same reason, worded the
 * same way.  Annual adjustment (民主评退) uses the exit and removal paths. */
#ifndef FUPIN_WORKFLOW_H
#define FUPIN_WORKFLOW_H
#include <stddef.h>

/* Stored in SQLite (households.state, state history): never renumber. */
enum wf_state {
    WF_NONE = 0,            /* no application yet */
    WF_APPLIED = 1,         /* 已申请 */
    WF_SURVEYED = 2,        /* 已调查 */
    WF_APPRAISED = 3,       /* 已评议 */
    WF_NOTICE1 = 4,         /* 一榜公示 */
    WF_RECHECKED = 5,       /* 已回访 */
    WF_NOTICE2 = 6,         /* 二榜公示 */
    WF_NOTICE3 = 7,         /* 三榜公示 */
    WF_REGISTERED = 8,      /* 已建档立卡 */
    WF_REJECTED = 9,        /* 未通过 */
    WF_WITHDRAWN = 10,      /* 已撤回 */
    WF_EXIT_APPRAISED = 11, /* 退出评议 */
    WF_EXIT_NOTICE1 = 12,   /* 退出一榜公示 */
    WF_EXIT_NOTICE2 = 13,   /* 退出二榜公示 */
    WF_EXIT_NOTICE3 = 14,   /* 退出三榜公示 */
    WF_EXITED = 15,         /* 已脱贫 */
    WF_REMOVAL_NOTICE = 16, /* 清退公示 */
    WF_REMOVED = 17,        /* 已清退 */
    WF_STATE_COUNT
};

/* What the rules need to know, filled by the caller from the database for one
 * household and one intended move.  Zero means "no / none / not recorded";
 * wf_facts_init() zeroes and sets today. */
struct wf_facts {
    char today[11];             /* YYYY-MM-DD (core/clock.h clock_today) */
    /* The notice round the household is on now (the move leaves it). */
    char notice_end[11];        /* its last day: wf_notice_end(start, days) */
    int  open_objections;       /* unresolved 异议 against this household on it */
    /* The move enters a notice state: is the household listed on a posted
     * notice of that kind and round? */
    int  next_notice_posted;
    /* 七不进 (survey page 5) */
    int  exclusions_ticked;     /* how many of the seven boxes are ticked */
    int  exclusion_override;    /* 1: a supervisor's written reason is recorded */
    /* 村级评议 (Form C) — the meeting that decides this move */
    int  votes_for, votes_against, votes_abstain;
    int  present;               /* representatives present (到会代表) */
    /* Form A / Form B */
    int  application_signed;    /* 申请人已签字 */
    int  surveyors;             /* named surveyors (调查人员) */
    int  signed_household, signed_cadre, signed_surveyor;
    /* later steps */
    int  recheck_passed;        /* 乡镇回访核查 recorded as 通过 */
    int  township_approved;     /* 乡镇审核 decision recorded */
    int  county_approved;       /* 县级确认: 批文 number and date recorded */
    int  hh_no_assigned;        /* 户编号 assigned */
    int  exit_checks_passed;    /* Form G: income and 两不愁三保障 all confirmed */
    int  removal_reason;        /* 清退: a written reason is recorded */
};

/* Precondition rules; a transition requires a set of them (checked in this
 * order, the first failing one is reported). */
enum wf_rule {
    WF_R_APP_SIGNED  = 1u << 0,   /* 申请书已签字 */
    WF_R_SURVEYORS   = 1u << 1,   /* ≥ 2 named surveyors */
    WF_R_SIGNATURES  = 1u << 2,   /* 农户/村干部/调查人 all signed */
    WF_R_APPRAISAL   = 1u << 3,   /* ≥ 2/3 of those present voted for */
    WF_R_ROUND_OVER  = 1u << 4,   /* the current notice round has ended */
    WF_R_NO_OBJECTION = 1u << 5,  /* no unresolved objection */
    WF_R_EXCLUSION   = 1u << 6,   /* no 七不进 ticked, or an override reason */
    WF_R_RECHECK     = 1u << 7,   /* 回访核查 passed */
    WF_R_TOWNSHIP    = 1u << 8,   /* 乡镇审核 recorded */
    WF_R_COUNTY      = 1u << 9,   /* 县级确认 recorded */
    WF_R_NEXT_POSTED = 1u << 10,  /* listed on the posted notice being entered */
    WF_R_HH_NO       = 1u << 11,  /* 户编号 assigned */
    WF_R_EXIT_CHECKS = 1u << 12,  /* exit criteria confirmed */
    WF_R_REASON      = 1u << 13   /* a written reason (清退) */
};
#define WF_RULE_COUNT 14

struct wf_transition {
    enum wf_state from, to;
    const char *event;          /* history label, e.g. "村级评议通过" */
    unsigned rules;             /* enum wf_rule bits that must all hold */
};

/* Zeroes *f and sets f->today from core/clock.h. */
void wf_facts_init(struct wf_facts *f);

/* "已申请" … ; "" for values outside the enum. */
const char *wf_state_label(enum wf_state s);
/* The roster's 状态 column: 在册 (registered, incl. exit/removal under way),
 * 已脱贫, 已清退, 识别中, 未通过, 已撤回, 未申请. */
const char *wf_roster_status(enum wf_state s);
/* 1 for the identification steps WF_APPLIED..WF_NOTICE3. */
int wf_is_identifying(enum wf_state s);
/* 1 for the states a household reaches only through 建档立卡 (the roster's
 * 在册, 已脱贫, 已清退): putting a household there is the 审核员's. */
int wf_is_registered_or_after(enum wf_state s);
/* 1 for states past step 3 of identification (WF_NOTICE1..WF_REGISTERED):
 * there a ticked 七不进 needs an override. */
int wf_is_past_appraisal(enum wf_state s);
/* 1 once the 申请书 has served as evidence (from 村级评议 on, including
 * rejected, withdrawn, registered and exit states): correcting it then asks
 * first.  Before (已申请, 已调查) it is corrected freely.  Either way the
 * change is audited. */
int wf_application_is_evidence(enum wf_state s);
/* 1 for a household on the register (已建档立卡, exit or removal under way),
 * exited or removed: its record is the evidence of 精准识别, so a change of
 * its identifying or eligibility facts needs a reason and its members come
 * and go as events (issue 11 items 2 and 4).  During identification the
 * record is still being established and is corrected freely (audited). */
int wf_changes_need_reason(enum wf_state s);
/* Notice round (1..3) of a notice state, 0 for other states. */
int wf_notice_round(enum wf_state s);

/* The whole transition table; *n gets its length. */
const struct wf_transition *wf_transitions(size_t *n);
/* The table row for from → to, or NULL when the move is not allowed at all. */
const struct wf_transition *wf_transition_find(enum wf_state from, enum wf_state to);
/* Writes the states reachable from `from` (table order, facts ignored) into
 * out[0..max); returns how many there are (may exceed max). */
size_t wf_next_states(enum wf_state from, enum wf_state *out, size_t max);

/* 1 when the move from → to is allowed with these facts.  Otherwise 0 and a
 * Chinese reason in why naming the rule and the numbers, e.g.
 * "赞成票 20 未达到到会代表 33 人的三分之二 (需 22 票)".  why may be NULL. */
int wf_can_move(const struct wf_facts *f, enum wf_state from, enum wf_state to,
                char *why, size_t whysz);
/* Evaluates one rule (a single enum wf_rule bit): 1 holds, else 0 + why. */
int wf_rule_holds(unsigned rule, const struct wf_facts *f, char *why, size_t whysz);

/* The 2/3 rule of 村级评议 (SPEC §3.1 step 3, §3.2): votes_for * 3 >= present * 2,
 * present > 0.  Screens showing 评议结果 call this too. */
int wf_appraisal_passes(int votes_for, int present);
/* Votes needed to pass with `present` representatives: ceil(2 * present / 3). */
int wf_appraisal_needed(int present);

/* Notice periods.  A round of `days` days starting on `start` ends on
 * start + days - 1 (7 days from 2026-03-01 end 2026-03-07) and may be closed
 * from the next day on.  wf_notice_end returns 0 (out = "") when start is not
 * a date or days < 1. */
int wf_notice_end(const char *start, int days, char out[11]);
/* 1 when today is after end (both valid dates), else 0. */
int wf_notice_over(const char *today, const char *end);
/* wf_notice_over with a Chinese reason when not, e.g.
 * "公示期至 2026-03-07 结束, 2026-03-08 起方可结束本轮公示 (今天 2026-03-05)". */
int wf_notice_can_close(const char *today, const char *end, char *why, size_t whysz);

#endif
