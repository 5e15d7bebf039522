/* monitor.c — 防返贫监测 rules (monitor.h). */
#include "core/monitor.h"
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"

int monitor_state_watched(int state)
{
    return state == WF_EXITED || state == WF_NONE || state == WF_REJECTED ||
           state == WF_WITHDRAWN || state == WF_REMOVED;
}

struct sink {
    struct monitor_proposal *out;
    size_t max, n;
};

static struct monitor_proposal *next(struct sink *s)
{
    static struct monitor_proposal discard;
    struct monitor_proposal *p = s->n < s->max ? &s->out[s->n] : &discard;
    s->n++;
    memset(p, 0, sizeof *p);
    return p;
}

/* The day a proposal dates from: the survey's, else today. */
static const char *survey_day(const struct monitor_facts *f)
{
    return f->survey_date[0] ? f->survey_date : f->today;
}

static void propose_income(const struct monitor_facts *f, struct sink *s)
{
    if (!f->survey_year || !f->line_found)
        return;
    int margin = f->margin_pct > 0 ? f->margin_pct : MONITOR_MARGIN_PCT_DEFAULT;
    /* Rounded down: a figure exactly at line × margin is not below it. */
    money_t edge = f->line * margin / 100;
    int exited = f->state == WF_EXITED;
    int below = f->per_capita < f->line, near = f->per_capita < edge;
    if (!(exited && below) && !near)
        return;
    char pc[32], line[32], e[32];
    money_format(f->per_capita, pc, sizeof pc);
    money_format(f->line, line, sizeof line);
    money_format(edge, e, sizeof e);
    struct monitor_proposal *p = next(s);
    snprintf(p->cause, sizeof p->cause, "income:%d", f->survey_year);
    p->category = exited && below ? MON_UNSTABLE : MON_EDGE;
    p->risk = RISK_INCOME;
    snprintf(p->date, sizeof p->date, "%s", survey_day(f));
    const char *who = exited ? "已脱贫户 " : "未纳入建档立卡户 ";
    if (below)
        snprintf(p->why, sizeof p->why, "%s%d年人均纯收入 %s 元，低于当年贫困线 %s 元",
                 who, f->survey_year, pc, line);
    else
        snprintf(p->why, sizeof p->why, "%s%d年人均纯收入 %s 元，低于贫困线 %s 元的 %d%% (%s 元)",
                 who, f->survey_year, pc, line, margin, e);
}

static void propose_health(const struct monitor_facts *f, struct sink *s)
{
    if (f->state != WF_EXITED)
        return;
    for (size_t i = 0; i < f->n_turns; i++) {
        const struct monitor_turn *t = &f->turns[i];
        if (t->health != HEALTH_SERIOUS && t->health != HEALTH_DISABLED)
            continue;
        struct monitor_proposal *p = next(s);
        snprintf(p->cause, sizeof p->cause, "health:%s:%d", t->id_no, t->health);
        p->category = MON_UNSTABLE;
        p->risk = t->health == HEALTH_SERIOUS ? RISK_ILLNESS : RISK_DISABILITY;
        snprintf(p->date, sizeof p->date, "%s", t->date[0] ? t->date : f->today);
        snprintf(p->why, sizeof p->why, "脱贫后成员 %s 健康状况变为 %s", t->name,
                 codes_label(CL_HEALTH, t->health));
    }
}

static void propose_events(const struct monitor_facts *f, struct sink *s)
{
    money_t min = f->event_loss_min > 0 ? f->event_loss_min : MONITOR_EVENT_LOSS_DEFAULT;
    for (size_t i = 0; i < f->n_events; i++) {
        const struct monitor_event *ev = &f->events[i];
        if (ev->loss < min)
            continue;
        char loss[32], m[32];
        money_format(ev->loss, loss, sizeof loss);
        money_format(min, m, sizeof m);
        struct monitor_proposal *p = next(s);
        snprintf(p->cause, sizeof p->cause, "event:%s:%d", ev->date, ev->kind);
        p->category = MON_SUDDEN;
        p->risk = ev->kind > 0 ? ev->kind : RISK_OTHER;
        snprintf(p->date, sizeof p->date, "%s", ev->date);
        snprintf(p->why, sizeof p->why, "%s 突发事件 (%s) 损失 %s 元，达到 %s 元", ev->date,
                 codes_label(CL_RISK, p->risk), loss, m);
    }
}

size_t monitor_propose(const struct monitor_facts *f, struct monitor_proposal *out, size_t max)
{
    struct sink s = { out, max, 0 };
    if (!monitor_state_watched(f->state))
        return 0;
    propose_income(f, &s);
    propose_health(f, &s);
    propose_events(f, &s);
    return s.n;
}

/* ---- records --------------------------------------------------------------- */

static int code_ok(enum codelist list, int code)
{
    return codes_label(list, code)[0] != '\0';
}

const char *monitor_clear_error(const char *identified, const char *date, const char *reason,
                                const char *today, const char **field)
{
    static char msg[200];
    char d[11];
    *field = "cleared";
    if (!date || !date_normalise(date, d))
        return "风险消除日期不是有效日期 (YYYY-MM-DD)";
    if (identified && identified[0] && strcmp(d, identified) < 0) {
        snprintf(msg, sizeof msg, "风险消除日期 %s 早于识别日期 %s，不能消除", d, identified);
        return msg;
    }
    if (today && today[0] && strcmp(d, today) > 0) {
        snprintf(msg, sizeof msg, "风险消除日期 %s 晚于今天 %s", d, today);
        return msg;
    }
    *field = "clear_reason";
    if (!reason || !reason[strspn(reason, " \t")])
        return "风险消除须写明消除原因";
    *field = NULL;
    return NULL;
}

const char *monitor_record_error(const struct monitor_record *r, const char *today, const char **field)
{
    static char msg[200];
    char d[11];
    *field = "category";
    if (!code_ok(CL_MONITOR_KIND, r->category))
        return "请选择监测对象类别 (脱贫不稳定户/边缘易致贫户/突发严重困难户)";
    *field = "risk";
    if (!code_ok(CL_RISK, r->risk))
        return "请选择风险类型";
    *field = "identified";
    if (!date_normalise(r->identified, d))
        return "识别日期不是有效日期 (YYYY-MM-DD)";
    if (today && today[0] && strcmp(d, today) > 0) {
        snprintf(msg, sizeof msg, "识别日期 %s 晚于今天 %s", d, today);
        return msg;
    }
    for (int i = 0; i < MONITOR_MEASURES; i++)
        if (r->measure[i] && !code_ok(CL_MEASURE, r->measure[i])) {
            static const char *const keys[] = { "measure1", "measure2", "measure3" };
            *field = keys[i];
            return "帮扶措施类别不在代码表中";
        }
    if (r->cleared[0])
        return monitor_clear_error(d, r->cleared, r->clear_reason, today, field);
    *field = NULL;
    return NULL;
}

int monitor_has_measures(const struct monitor_record *r)
{
    for (int i = 0; i < MONITOR_MEASURES; i++)
        if (r->measure[i])
            return 1;
    return r->measures[strspn(r->measures, " \t")] != '\0';
}

const char *monitor_status_label(const struct monitor_record *r)
{
    return !r ? "待研判" : r->cleared[0] ? "已消除" : "监测中";
}
