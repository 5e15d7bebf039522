/* monitor.h — 防返贫监测 (issue 15 item 4; seed 004 §20 "对贫困户实施跟踪和
 * 动态监测", "对因灾因病新产生的贫困人口及时纳入帮扶范围"): the rules, no SQL.
 *
 * A monitoring record (监测记录) names a household (registered, exited or
 * never registered), its category (CL_MONITOR_KIND: 脱贫不稳定户 /
 * 边缘易致贫户 / 突发严重困难户), its risk (CL_RISK), the day it was
 * identified, the measures taken (text and up to three 帮扶措施 codes) and,
 * once the risk is gone, 风险消除 with its day and reason.  A record is
 * never deleted; a household has at most one open record.
 *
 * Proposals are computed from the data, never acted on silently: each one
 * waits as 待研判 until a 审核员 accepts it (a record is created) or
 * dismisses it with a reason (remembered under the proposal's cause, so the
 * same cause is not proposed again).  A cause is a short stable key:
 *   "income:YEAR"           the survey of YEAR is below the line (or margin)
 *   "health:IDNO:CODE"      a member (by ID number) turned 患有大病 / 残疾
 *                           after the exit
 *   "event:DATE:TYPE"       a 突发事件 keyed on the household
 * Natural keys, not row ids: a village file merged into the township's
 * (db/merge.c) keeps its decisions. */
#ifndef FUPIN_MONITOR_H
#define FUPIN_MONITOR_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"

#define MONITOR_CAUSE_LEN 40
#define MONITOR_MARGIN_PCT_DEFAULT 150      /* 边缘: below 1.5 × the line */
#define MONITOR_EVENT_LOSS_DEFAULT 500000   /* 突发事件 loss proposed from: 5000 元 (fen) */
#define MONITOR_STALE_MONTHS_DEFAULT 3      /* open without measures longer: a warning */

/* A member whose 健康状况 became 患有大病 or 残疾 after the household's exit
 * (filled by db/monitor.c from the member history). */
struct monitor_turn {
    int64_t member_id;
    char id_no[ID_NO_LEN + 1];
    char name[TEXT_BYTES(NAME_CHARS)];
    int  health;                        /* HEALTH_SERIOUS / HEALTH_DISABLED */
    char date[DATE_LEN + 1];            /* when it was recorded */
};

/* 突发事件 keyed on a household: date, type (CL_RISK), loss (fen). */
struct monitor_event {
    int64_t id, household_id;
    char date[DATE_LEN + 1];
    int  kind;                          /* CL_RISK */
    money_t loss;                       /* 损失金额 */
    char note[TEXT_BYTES(100)];
};

/* What the proposal rules see of one household. */
struct monitor_facts {
    int  state;                         /* enum wf_state */
    char today[DATE_LEN + 1];
    int  survey_year;                   /* the latest survey; 0 = none */
    char survey_date[DATE_LEN + 1];     /* its 调查日期 ("" = not keyed) */
    money_t per_capita;                 /* its 年人均纯收入 (fen) */
    money_t line;                       /* poverty line of that year and standard */
    int  line_found;
    int  margin_pct;                    /* 边缘: line × margin_pct / 100; 0 = default */
    const struct monitor_turn *turns;
    size_t n_turns;
    const struct monitor_event *events;
    size_t n_events;
    money_t event_loss_min;             /* 0 = default */
};

struct monitor_proposal {
    char cause[MONITOR_CAUSE_LEN];
    int  category;                      /* CL_MONITOR_KIND */
    int  risk;                          /* CL_RISK */
    char date[DATE_LEN + 1];            /* the day the data shows it */
    char why[320];                      /* the rule and the numbers, in Chinese */
};

/* 1 for the states proposals look at: 已脱贫 and households never on the
 * register (未申请, 未通过, 已撤回, 已清退).  Households on the register or
 * being identified are in the programme already. */
int monitor_state_watched(int state);

/* The proposals the rules make for one household, at most max into out;
 * returns how many there are.  Rules, in this order:
 *  1. income: 已脱贫 and the latest survey's per capita < line →
 *     脱贫不稳定户 (收入骤减); < line × margin → 边缘易致贫户 (收入骤减);
 *     never registered and < line × margin → 边缘易致贫户;
 *  2. health: 已脱贫, one per member turned 患有大病 (因病) / 残疾 (因残) →
 *     脱贫不稳定户;
 *  3. event: a watched household's 突发事件 with loss ≥ event_loss_min →
 *     突发严重困难户, the event's type as risk.
 * The caller drops causes already decided (a record or a dismissal). */
size_t monitor_propose(const struct monitor_facts *f, struct monitor_proposal *out, size_t max);

/* A monitoring record (table monitor_records). */
#define MONITOR_MEASURES 3
struct monitor_record {
    int64_t id, household_id;
    int  category;                      /* CL_MONITOR_KIND */
    int  risk;                          /* CL_RISK */
    char identified[DATE_LEN + 1];      /* 识别日期 */
    char measures[TEXT_BYTES(200)];     /* 帮扶措施 (说明) */
    int  measure[MONITOR_MEASURES];     /* 帮扶措施类别 CL_MEASURE, 0 = none */
    char cleared[DATE_LEN + 1];         /* 风险消除日期, "" = open */
    char clear_reason[TEXT_BYTES(100)]; /* 消除原因 */
    char cause[MONITOR_CAUSE_LEN];      /* the accepted proposal's cause, "" = keyed */
    char note[TEXT_BYTES(100)];         /* 备注 */
};

/* NULL when the record may be saved, else the message naming the rule,
 * with *field the key of the field at fault: category, risk and identified
 * required, identified a real day not after today, a code in its list; when
 * cleared is set, the 消除 rules of monitor_clear_error. */
const char *monitor_record_error(const struct monitor_record *r, const char *today, const char **field);
/* NULL when the risk may be marked gone on `date` with `reason`: a real day,
 * not before the identified day, not after today, a reason given. */
const char *monitor_clear_error(const char *identified, const char *date, const char *reason,
                                const char *today, const char **field);
/* 1 when any measure is recorded (a code or text). */
int monitor_has_measures(const struct monitor_record *r);
/* "待研判" / "监测中" / "已消除" for a proposal (record NULL) or a record. */
const char *monitor_status_label(const struct monitor_record *r);

#endif
