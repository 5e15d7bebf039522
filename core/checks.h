/* checks.h — the data-quality check engine of SPEC §5.4.
 *
 * ONE table of checks: each has an id ("ID_CHECKSUM"), a level (error = cannot
 * save/advance, warning = must confirm), a subject (household, notice, aid
 * entry, payment, state move), a message template in Chinese naming the field,
 * and a function.  `fupin check`, imports and the screens all run this table,
 * so a rule is worded the same everywhere.  Core stays SQL-free: whatever the
 * checks need from the database comes in as small fact structs or, for
 * duplicate IDs across households, through a callback in struct check_ctx.
 *
 * Ages are computed at the survey date (SPEC §5.2), or today when the survey
 * has no valid date. */
#ifndef FUPIN_CHECKS_H
#define FUPIN_CHECKS_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "core/income.h"
#include "core/workflow.h"

enum check_level { CHECK_WARNING = 1, CHECK_ERROR = 2 };

enum check_subject {
    CS_HOUSEHOLD,   /* struct household */
    CS_NOTICE,      /* struct notice_facts */
    CS_AID,         /* struct aid_facts */
    CS_PAYMENT,     /* struct payment_facts */
    CS_ADVANCE,     /* struct advance_facts */
    CS_PROJECT,     /* struct project_facts (Form F, the project as a whole) */
    CS_ASSIST,      /* struct assist_facts (a household's helper and card) */
    CS_RECHECK,     /* struct recheck_facts (乡镇回访核查 against round 1) */
    CS_HISTORY,     /* struct history_facts (a household's state history) */
    CS_MONITOR,     /* struct monitor_check_facts (a 防返贫监测 record) */
    CS_PLAN,        /* struct plan_facts (a household's 帮扶规划 of a year) */
    CS_TEAM,        /* struct team_check_facts (one village's 驻村工作队) */
    CS_LOAN,        /* struct loan_facts (core/loans.h: a 扶贫小额信贷 loan) */
    CS_TRAINING,    /* struct training (core/training.h: a member's course or job) */
    CS_RELOCATION,  /* struct relocation (core/relocation.h: a household's 易地搬迁) */
    CS_DIVIDEND     /* struct dividend_facts (core/dividends.h: a 资产收益 share and its 分红) */
};

/* What the inspection checks (issue 16 part 3) need to know of a household
 * beyond its record, from the database through check_ctx.hh_extra. */
struct hh_extra {
    int known;                      /* 0: not asked (no callback); rules needing it skipped */
    int exiting;                    /* in the exit workflow in the check year: 退出评议 … 退出三榜公示
                                       now, or a move into them or 已脱贫 dated that year */
    int housing_aid;                /* a 危房改造/住房保障 card entry or a 住房建设补助 project */
};

struct check_ctx {
    char today[11];                 /* YYYY-MM-DD */
    int  year;                      /* the year checked (fupin check --year); 0 = today's */
    const struct line *lines;       /* poverty / exit lines (core/income.h) */
    size_t n_lines;
    struct labour_ages labour;
    int notice_days;                /* configured length of a notice round: 7 */
    money_t cap_income;             /* 一户一增收项目 每户每年上限, fen: 3000000 */
    money_t cap_housing;            /* 住房建设补助 每户上限, fen: 5000000 */
    int stage_first_pct;            /* 预付 share of a project's amount: 80 */
    int project_notice_days;        /* 项目公示 days: 3 */
    int project_meeting_min, project_meeting_max;   /* 项目评议 代表: 9, 15 */
    int verify_village_days;        /* 村级核验 within N days of the request: 15 */
    int verify_township_days;       /* 乡镇核验 within N days after the village's: 15 */
    int aid_confirm_days;           /* 帮扶记录 unsigned longer than this: 30 */
    int monitor_stale_months;       /* 监测记录 open without measures longer: 3 */
    char plan_deadline[6];          /* 帮扶规划 due by this "MM-DD" of its year: "07-31" */
    char plan_review[6];            /* planned measures reviewed after "MM-DD": "12-31" */
    /* Duplicate IDs across households: return 1 when id_no belongs to a member
     * of an active household other than self_hh (0 = the household is new)
     * and describe it in other_desc (e.g. "东风村 张三户 (户编号 …)");
     * 0 when nobody else has it.  NULL: the check is skipped. */
    int (*id_owner)(void *ud, const char *id_no, int64_t self_hh,
                    char *other_desc, size_t other_desc_size);
    void *id_owner_ud;
    /* The household's hh_extra in ctx->year (or today's); 0 on failure.
     * NULL: the rules that need it fall back to the record alone (an exit
     * under way by its state; 危房 only when D级). */
    int (*hh_extra)(void *ud, const struct household *hh, int year, struct hh_extra *out);
    void *hh_extra_ud;
};

struct check_run;       /* private: the state of one run */

struct check_def {
    const char *id;                 /* stable, e.g. "ID_CHECKSUM" */
    enum check_level level;
    enum check_subject subject;
    const char *title;              /* the rule in a few words (reports, F1) */
    const char *message;            /* printf template of the message */
    void (*run)(struct check_run *r, const void *subject);
};

struct check_result {
    const struct check_def *def;
    int  member_index;              /* -1 for household-level results */
    char field_key[32];             /* forms/ key of the field, e.g. "id_no" */
    char message[256];              /* Chinese, names the field and values */
};

/* A notice round (Form D).  The date rules across the rounds (issue 11
 * item 5) read the fields after end; "" / 0 = not known, rule skipped. */
struct notice_facts {
    int  days;                      /* 天数 as keyed */
    int  configured_days;           /* required length; 0 = ctx->notice_days */
    char start[11];                 /* 开始日期 */
    char end[11];                   /* 结束日期 as stored ("" = not yet computed) */
    int  round;                     /* 1..3 */
    char meeting_date[11];          /* the 评议 meeting the listed households passed (latest) */
    char prev_end[11];              /* last day of the previous round they were on (latest) */
    char approval_date[11];         /* round 3: 县级确认批文日期 */
    char posted_on[11];             /* the day it was (is being) posted; "" = a draft */
    const char *late_reason;        /* posted after its end: the confirmed reason ("" / NULL none) */
};

/* A 乡镇回访核查 of a household on round 1 (seed 002 篇2 4: 张榜公示期满后). */
struct recheck_facts {
    char date[11];                  /* 核查日期 */
    char notice_start[11], notice_end[11];  /* the round-1 notice */
};

/* One move of a household's state history, oldest first. */
struct history_step {
    int  from, to;                  /* enum wf_state */
    char date[11];
};
struct history_facts {
    const struct history_step *steps;
    size_t n;
};

/* One 帮扶记录卡 entry (Form E) and the household's waiver, if any. */
struct aid_facts {
    char date[11];                  /* 日期 */
    char waiver_date[11];           /* 放弃帮扶声明 date, "" when none */
    money_t money;                  /* 投入资金 (fen) */
    money_t goods;                  /* 物资折款 (fen) */
};

enum pay_stage { PAY_ADVANCE = 1, PAY_TAIL = 2 };   /* 预付 / 尾款 */

/* One disbursement (拨付) about to be recorded on a project (Form F). */
struct payment_facts {
    int     project_type;           /* PROJECT_INCOME / PROJECT_HOUSING */
    money_t cap;                    /* 0 = ctx cap of the type */
    money_t project_amount;         /* 申请金额 of this project */
    money_t amount;                 /* this disbursement */
    money_t paid_project;           /* paid on this project before it */
    money_t paid_cap_scope;         /* paid before it against the cap: the
                                       household's projects of this type in
                                       the year (一户一增收) or ever (住房) */
    int     stage;                  /* enum pay_stage */
    int     partner_type;           /* CL_PARTNER; PARTNER_VILLAGE = 村委会 */
    int     advance_paid;           /* an advance was paid on this project */
    int     verified_village, verified_township, verified_county;  /* 核验 done */
    char    date[11];               /* 拨付日期 */
    /* The project's steps, for the order rules (审定, 公示期满, 开工);
     * NULL: those rules are not checked (amount rules only). */
    const struct project_facts *project;
};

/* A project (Form F) as recorded: its appraisal, approval, notice, start,
 * verification request and the three verifications.  "" = not recorded. */
struct project_facts {
    int     kind;                   /* PROJECT_INCOME / PROJECT_HOUSING */
    money_t amount;                 /* 申请金额 */
    money_t other_cap_scope;        /* 申请金额 of the household's other
                                       projects under the same cap */
    int     representatives;        /* 评议 村民代表 present; 0 = no appraisal */
    int     votes_for;
    char    approved[11];           /* 乡镇审定日期 */
    char    notice_start[11];       /* 项目公示 */
    int     notice_days;
    char    notice_end[11];
    char    start_date[11];         /* 开工日期 */
    char    verify_requested[11];   /* 申请验收日期 */
    char    verified[3][11];        /* 村级, 乡镇, 县级 核验日期 */
};

/* A registered household's assistance: its helper and its card's
 * unconfirmed entries (dates of entries lacking any of the three signatures). */
struct assist_facts {
    int     state;                  /* enum wf_state */
    int     has_helper;             /* a current 帮扶责任人 */
    int     waived;                 /* 放弃帮扶声明 recorded */
    const char (*unconfirmed)[11];  /* entry dates */
    size_t  n_unconfirmed;
    /* The current helper's name and the date of their latest card entry
     * on this household up to the end of the check year ("" = none). */
    char    helper_name[TEXT_BYTES(NAME_CHARS)];
    char    last_visit[11];
};

/* A 防返贫监测 record (core/monitor.h) as `fupin check` sees it. */
struct monitor_check_facts {
    char identified[11];            /* 识别日期 */
    char cleared[11];               /* 风险消除日期, "" = open */
    int  has_measures;              /* monitor_has_measures */
};
/* A household's 帮扶规划 of one year (issue 15 item 3), about to be saved
 * or as stored, with what the register and the card say of that year. */
struct plan_item_facts {
    int     measure;                /* CL_MEASURE */
    char    deadline[11];           /* 完成期限, "" = not set */
    int     helper_ok;              /* 责任人 not named, or one of the household's */
    int     entries;                /* card entries of the measure in the year (in force) */
};
struct plan_facts {
    int     year;
    int     registered;             /* 在册 at some time in the year */
    int     registered_at_deadline; /* 在册 on the deadline day of the year */
    int     has_plan;
    const struct plan_item_facts *items;
    size_t  n;
};

/* One village's 驻村工作队 as on file (core/team.h), checked against the
 * context's today. */
struct team_member;
struct team_check_facts {
    const struct team_member *members;
    size_t n;
};

/* A state move about to be made (SPEC §3.1: the workflow's rules as checks). */
struct advance_facts {
    enum wf_state from, to;
    const struct wf_facts *facts;
};

/* 两不愁三保障 pre-fill of Form G (each confirmable on the screen). */
struct exit_criteria {
    int     year;                   /* the survey year the figures come from */
    money_t per_capita;             /* 年人均纯收入 (fen) */
    money_t exit_line;              /* exit line of year × standard */
    int     line_found;             /* 0: no exit line configured */
    int     income_ok;              /* per_capita >= exit_line (line found) */
    int     food, clothing;         /* 不愁吃, 不愁穿: default 1 */
    int     education;              /* 义务教育: no member aged 6–15 非在校生 */
    int     medical;                /* 基本医疗: every member med_ins */
    int     housing;                /* 住房安全: not dangerous_house */
    int     water;                  /* 饮水安全: water_safe */
    char    education_note[128];    /* who fails, e.g. "王小二(12岁)非在校生" */
    char    medical_note[128];      /* e.g. "未参保: 张三、李四" */
};

/* The year a run checks: ctx->year, else today's. */
int checks_year(const struct check_ctx *ctx);

/* Defaults: today from core/clock.h, the seeded lines, default labour ages,
 * 7-day notices, caps 30000 / 50000 元, no id_owner callback. */
void checks_ctx_init(struct check_ctx *ctx);

/* The whole table; *n gets its length. */
const struct check_def *checks_table(size_t *n);
/* The check with this id, or NULL. */
const struct check_def *checks_find(const char *id);
/* "错误" / "警告". */
const char *checks_level_label(enum check_level level);

/* Run every check of one subject.  Results go to out[0..max) in table order
 * (members in roster order within a check); the return value is how many
 * were stored (never more than max). */
size_t checks_run_household(const struct check_ctx *ctx, const struct household *hh,
                            struct check_result *out, size_t max);
size_t checks_run_notice(const struct check_ctx *ctx, const struct notice_facts *nf,
                         struct check_result *out, size_t max);
size_t checks_run_aid(const struct check_ctx *ctx, const struct aid_facts *af,
                      struct check_result *out, size_t max);
size_t checks_run_payment(const struct check_ctx *ctx, const struct payment_facts *pf,
                          struct check_result *out, size_t max);
size_t checks_run_advance(const struct check_ctx *ctx, const struct advance_facts *af,
                          struct check_result *out, size_t max);
size_t checks_run_project(const struct check_ctx *ctx, const struct project_facts *pf,
                          struct check_result *out, size_t max);
size_t checks_run_assist(const struct check_ctx *ctx, const struct assist_facts *af,
                         struct check_result *out, size_t max);
size_t checks_run_recheck(const struct check_ctx *ctx, const struct recheck_facts *rf,
                          struct check_result *out, size_t max);
size_t checks_run_history(const struct check_ctx *ctx, const struct history_facts *hf,
                          struct check_result *out, size_t max);
size_t checks_run_monitor(const struct check_ctx *ctx, const struct monitor_check_facts *mf,
                          struct check_result *out, size_t max);
/* A plan's results name the item (0-based) in member_index, -1 for the plan. */
size_t checks_run_plan(const struct check_ctx *ctx, const struct plan_facts *pf,
                       struct check_result *out, size_t max);
size_t checks_run_team(const struct check_ctx *ctx, const struct team_check_facts *tf,
                       struct check_result *out, size_t max);
struct loan_facts;
struct training;
/* A 就业/培训 record (TRAIN_*). */
size_t checks_run_training(const struct check_ctx *ctx, const struct training *t,
                           struct check_result *out, size_t max);
struct relocation;
struct dividend_facts;
/* A 易地搬迁 record, its `members` filled (RELOC_*; 人均面积 a warning). */
size_t checks_run_relocation(const struct check_ctx *ctx, const struct relocation *rl,
                             struct check_result *out, size_t max);
/* A 资产收益 share, with the dividend about to be recorded (DIV_*). */
size_t checks_run_dividend(const struct check_ctx *ctx, const struct dividend_facts *df,
                           struct check_result *out, size_t max);
/* A 扶贫小额信贷 loan with its repayments (LOAN_*; the overdue one a warning). */
size_t checks_run_loan(const struct check_ctx *ctx, const struct loan_facts *lf,
                       struct check_result *out, size_t max);

/* Verification deadlines of a project (SPEC §3.2): the village's is the
 * request + verify_village_days, the township's the village's verification
 * + verify_township_days ("" when its start is not recorded). */
void checks_verify_deadlines(const struct check_ctx *ctx, const struct project_facts *pf,
                             char village[11], char township[11]);

/* How many of results[0..n) have `level`. */
size_t checks_count(const struct check_result *results, size_t n, enum check_level level);

/* Form G pre-fill from the household's members and survey. */
void checks_exit_criteria(const struct check_ctx *ctx, const struct household *hh,
                          struct exit_criteria *ec);

#endif
