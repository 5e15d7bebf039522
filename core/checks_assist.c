/* checks_assist.c — the checks of assistance: aid entries (Form E),
 * project payments and projects (Form F), a household's helper and
 * unconfirmed aid (SPEC §3.2), 防返贫监测, 驻村工作队 and 帮扶规划.
 * Entries of the one table of core/checks.c. */
#include "core/checks_priv.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/plan.h"
#include "core/team.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AF(subject) ((const struct aid_facts *)(subject))
#define PF(subject) ((const struct payment_facts *)(subject))
#define JF(subject) ((const struct project_facts *)(subject))
#define SF(subject) ((const struct assist_facts *)(subject))

/* ---- aid entries (Form E) ---- */

void ck_aid_date(struct check_run *r, const void *s)
{
    char issue[80];
    checks_date_issue(r->ctx, AF(s)->date, 1, issue, sizeof issue);
    if (issue[0])
        checks_emit(r, -1, "date", M_DATE, "帮扶日期", issue);
}

void ck_aid_waiver(struct check_run *r, const void *s)
{
    long d = checks_day_number(AF(s)->date), w = checks_day_number(AF(s)->waiver_date);
    if (d >= 0 && w >= 0 && d > w)
        checks_emit(r, -1, "date", M_AID_WAIVER, AF(s)->date, AF(s)->waiver_date);
}

void ck_aid_negative(struct check_run *r, const void *s)
{
    char buf[32];
    if (AF(s)->money < 0) {
        checks_yuan(AF(s)->money, buf, sizeof buf);
        checks_emit(r, -1, "money", M_AID_NEG, "投入资金", buf);
    }
    if (AF(s)->goods < 0) {
        checks_yuan(AF(s)->goods, buf, sizeof buf);
        checks_emit(r, -1, "goods_value", M_AID_NEG, "物资折款", buf);
    }
}

/* ---- project payments (Form F) ---- */

void ck_pay_date(struct check_run *r, const void *s)
{
    char issue[80];
    checks_date_issue(r->ctx, PF(s)->date, 1, issue, sizeof issue);
    if (issue[0])
        checks_emit(r, -1, "date", M_DATE, "拨付日期", issue);
}

void ck_pay_amount(struct check_run *r, const void *s)
{
    if (PF(s)->amount <= 0) {
        char a[32];
        checks_yuan(PF(s)->amount, a, sizeof a);
        checks_emit(r, -1, "amount", M_PAY_AMOUNT, a);
    }
}

void ck_pay_stage(struct check_run *r, const void *s)
{
    if (PF(s)->stage != PAY_ADVANCE && PF(s)->stage != PAY_TAIL)
        checks_emit(r, -1, "stage", M_PAY_STAGE);
}

void ck_pay_cap(struct check_run *r, const void *s)
{
    const struct payment_facts *p = PF(s);
    money_t cap = p->cap;
    const char *what;
    if (p->project_type == PROJECT_INCOME) {
        what = "一户一增收项目 每户每年上限";
        if (!cap)
            cap = r->ctx->cap_income;
    } else if (p->project_type == PROJECT_HOUSING) {
        what = "住房建设补助 每户上限";
        if (!cap)
            cap = r->ctx->cap_housing;
    } else {
        what = "项目 每户上限";
    }
    if (cap <= 0 || p->amount <= 0)
        return;
    money_t total = p->paid_cap_scope + p->amount;
    if (total > cap) {
        char a[32], b[32];
        checks_yuan(total, a, sizeof a);
        checks_yuan(cap, b, sizeof b);
        checks_emit(r, -1, "amount", M_PAY_CAP, a, what, b);
    }
}

void ck_pay_project(struct check_run *r, const void *s)
{
    const struct payment_facts *p = PF(s);
    money_t total = p->paid_project + p->amount;
    if (p->project_amount > 0 && p->amount > 0 && total > p->project_amount) {
        char a[32], b[32];
        checks_yuan(total, a, sizeof a);
        checks_yuan(p->project_amount, b, sizeof b);
        checks_emit(r, -1, "amount", M_PAY_PROJECT, a, b);
    }
}

void ck_pay_advance(struct check_run *r, const void *s)
{
    const struct payment_facts *p = PF(s);
    if (p->stage != PAY_ADVANCE || p->partner_type == PARTNER_VILLAGE ||
        p->project_amount <= 0 || p->amount <= 0)
        return;
    /* 80 % at start; 100 % only when the 村委会 is the partner (SPEC §3.2). */
    int pct = r->ctx->stage_first_pct > 0 ? r->ctx->stage_first_pct : 80;
    money_t limit = p->project_amount * pct / 100;
    money_t total = p->paid_project + p->amount;
    if (total > limit) {
        char a[32], b[32], c[32];
        checks_yuan(total, a, sizeof a);
        checks_yuan(p->project_amount, b, sizeof b);
        checks_yuan(limit, c, sizeof c);
        checks_emit(r, -1, "amount", M_PAY_ADVANCE, a, b, pct, c);
    }
}

void ck_pay_tail_first(struct check_run *r, const void *s)
{
    if (PF(s)->stage == PAY_TAIL && !PF(s)->advance_paid)
        checks_emit(r, -1, "stage", M_PAY_TAIL_FIRST);
}

void ck_pay_tail_check(struct check_run *r, const void *s)
{
    const struct payment_facts *p = PF(s);
    if (p->stage != PAY_TAIL)
        return;
    char missing[64] = "";
    if (!p->verified_village)   strcat(missing, "村级核验 ");
    if (!p->verified_township)  strcat(missing, "乡镇核验 ");
    if (!p->verified_county)    strcat(missing, "县级核验 ");
    if (!missing[0])
        return;
    missing[strlen(missing) - 1] = '\0';
    checks_emit(r, -1, "stage", M_PAY_TAIL_CHECK, missing);
}

/* Payment order against the project's own steps (SPEC §3.2: 审定, 3-day
 * 公示, 开工); only when the caller filled p->project. */
void ck_pay_approval(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (pj && !pj->approved[0])
        checks_emit(r, -1, "approved", M_PAY_APPROVAL);
}

void ck_pay_notice(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (!pj)
        return;
    char what[64];
    if (!pj->notice_end[0]) {
        checks_emit(r, -1, "notice", M_PAY_NOTICE, "尚未张贴", "", PF(s)->date);
        return;
    }
    long d = checks_day_number(PF(s)->date), e = checks_day_number(pj->notice_end);
    if (d >= 0 && e >= 0 && d <= e) {
        snprintf(what, sizeof what, "%s 至 %s", pj->notice_start, pj->notice_end);
        checks_emit(r, -1, "date", M_PAY_NOTICE, what, " 结束", PF(s)->date);
    }
}

void ck_pay_start(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (!pj || PF(s)->stage != PAY_ADVANCE)
        return;
    char why[96];
    if (!pj->start_date[0]) {
        checks_emit(r, -1, "start_date", M_PAY_START, "开工日期 未填写");
        return;
    }
    long d = checks_day_number(PF(s)->date), st = checks_day_number(pj->start_date);
    if (d >= 0 && st >= 0 && d < st) {
        snprintf(why, sizeof why, "拨付日期 %s 早于 开工日期 %s", PF(s)->date, pj->start_date);
        checks_emit(r, -1, "date", M_PAY_START, why);
    }
}

/* ---- projects (Form F) ---- */

static money_t project_cap(const struct check_ctx *ctx, int kind, const char **what)
{
    if (kind == PROJECT_HOUSING) {
        *what = "住房建设补助 每户上限";
        return ctx->cap_housing;
    }
    *what = "一户一增收项目 每户每年上限";
    return kind == PROJECT_INCOME ? ctx->cap_income : 0;
}

void ck_prj_cap(struct check_run *r, const void *s)
{
    const struct project_facts *p = JF(s);
    const char *what;
    money_t cap = project_cap(r->ctx, p->kind, &what);
    money_t total = p->amount + p->other_cap_scope;
    if (cap > 0 && total > cap) {
        char a[32], o[32], t[32], c[32];
        checks_yuan(p->amount, a, sizeof a);
        checks_yuan(p->other_cap_scope, o, sizeof o);
        checks_yuan(total, t, sizeof t);
        checks_yuan(cap, c, sizeof c);
        checks_emit(r, -1, "amount", M_PRJ_CAP, a, o, t, what, c);
    }
}

void ck_prj_size(struct check_run *r, const void *s)
{
    int n = JF(s)->representatives;
    int lo = r->ctx->project_meeting_min > 0 ? r->ctx->project_meeting_min : 9;
    int hi = r->ctx->project_meeting_max > 0 ? r->ctx->project_meeting_max : 15;
    if (n > 0 && (n < lo || n > hi || n % 2 == 0))
        checks_emit(r, -1, "representatives", M_PRJ_SIZE, n, lo, hi);
}

void ck_prj_votes(struct check_run *r, const void *s)
{
    const struct project_facts *p = JF(s);
    if (p->representatives > 0 && !wf_appraisal_passes(p->votes_for, p->representatives))
        checks_emit(r, -1, "votes_for", M_PRJ_VOTES, p->votes_for, p->representatives,
                    wf_appraisal_needed(p->representatives));
}

/* Each step needs the one before it: 评议 → 审定 → 公示 → 开工 → 申请验收 →
 * 村级 → 乡镇 → 县级核验.  The first missing predecessor is reported. */
void ck_prj_order(struct check_run *r, const void *s)
{
    const struct project_facts *p = JF(s);
    struct { const char *label, *key; int done; } st[] = {
        { "项目评议", "representatives", p->representatives > 0 },
        { "乡镇审定日期", "approved", p->approved[0] != 0 },
        { "项目公示", "notice", p->notice_start[0] != 0 },
        { "开工日期", "start_date", p->start_date[0] != 0 },
        { "申请验收日期", "verify_requested", p->verify_requested[0] != 0 },
        { "村级核验", "verified_village", p->verified[0][0] != 0 },
        { "乡镇核验", "verified_township", p->verified[1][0] != 0 },
        { "县级核验", "verified_county", p->verified[2][0] != 0 },
    };
    int n = (int)(sizeof st / sizeof st[0]);
    for (int i = n - 1; i > 0; i--) {
        if (!st[i].done)
            continue;
        for (int j = 0; j < i; j++)
            if (!st[j].done) {
                char why[64];
                snprintf(why, sizeof why, "%s 尚未完成", st[j].label);
                checks_emit(r, -1, st[i].key, M_PRJ_ORDER, st[i].label, why);
                return;
            }
        return;
    }
}

void ck_prj_notice(struct check_run *r, const void *s)
{
    int need = r->ctx->project_notice_days > 0 ? r->ctx->project_notice_days : 3;
    if (JF(s)->notice_start[0] && JF(s)->notice_days < need)
        checks_emit(r, -1, "notice_days", M_PRJ_NOTICE, JF(s)->notice_days, need);
}

void checks_verify_deadlines(const struct check_ctx *ctx, const struct project_facts *pf,
                             char village[11], char township[11])
{
    int vd = ctx->verify_village_days > 0 ? ctx->verify_village_days : 15;
    int td = ctx->verify_township_days > 0 ? ctx->verify_township_days : 15;
    if (!pf->verify_requested[0] || !date_add_days(pf->verify_requested, vd, village))
        village[0] = '\0';
    if (!pf->verified[0][0] || !date_add_days(pf->verified[0], td, township))
        township[0] = '\0';
}

/* One level's deadline: overdue when not done by then (today past it) or
 * done later than it. */
static void overdue(struct check_run *r, const char *key, const char *level, const char *from_label,
                    const char *from, const char *deadline, const char *done)
{
    long dl = checks_day_number(deadline);
    if (dl < 0)
        return;
    char tail[64];
    if (done[0]) {
        long d = checks_day_number(done);
        if (d > dl) {
            snprintf(tail, sizeof tail, ", 实际 %s 完成 (晚 %ld 天)", done, d - dl);
            checks_emit(r, -1, key, M_PRJ_OVERDUE, level, from_label, from, deadline, tail);
        }
        return;
    }
    long t = checks_day_number(r->ctx->today);
    if (t > dl) {
        snprintf(tail, sizeof tail, ", 已逾期 %ld 天", t - dl);
        checks_emit(r, -1, key, M_PRJ_OVERDUE, level, from_label, from, deadline, tail);
    }
}

void ck_prj_village_overdue(struct check_run *r, const void *s)
{
    char v[11], t[11];
    checks_verify_deadlines(r->ctx, JF(s), v, t);
    overdue(r, "verified_village", "村级核验", "申请验收", JF(s)->verify_requested, v, JF(s)->verified[0]);
}

void ck_prj_township_overdue(struct check_run *r, const void *s)
{
    char v[11], t[11];
    checks_verify_deadlines(r->ctx, JF(s), v, t);
    overdue(r, "verified_township", "乡镇核验", "村级核验", JF(s)->verified[0], t, JF(s)->verified[1]);
}

/* ---- a household's assistance (SPEC §3.2) ---- */

static int needs_helper(int state)
{
    return state == WF_REGISTERED || (state >= WF_EXIT_APPRAISED && state <= WF_EXIT_NOTICE3);
}

void ck_no_helper(struct check_run *r, const void *s)
{
    if (needs_helper(SF(s)->state) && !SF(s)->has_helper && !SF(s)->waived)
        checks_emit(r, -1, "helper", M_NO_HELPER, wf_state_label(SF(s)->state));
}

void ck_aid_unsigned(struct check_run *r, const void *s)
{
    int days = r->ctx->aid_confirm_days > 0 ? r->ctx->aid_confirm_days : 30;
    long t = checks_day_number(r->ctx->today);
    size_t n = 0;
    const char *oldest = NULL;
    for (size_t i = 0; i < SF(s)->n_unconfirmed; i++) {
        long d = checks_day_number(SF(s)->unconfirmed[i]);
        if (d < 0 || t < 0 || t - d <= days)
            continue;
        n++;
        if (!oldest || strcmp(SF(s)->unconfirmed[i], oldest) < 0)
            oldest = SF(s)->unconfirmed[i];
    }
    if (n)
        checks_emit(r, -1, "signed_household", M_AID_UNSIGNED, n, days, oldest);
}

/* 防返贫监测 (issue 15 item 4): a record open longer than the setting's
 * months with no measure recorded.  Month arithmetic: identified 01-31 + 1
 * month is "the same day of the next month", 02-31 counted as 03-03 —
 * a warning, so a day either way at a month's end does not matter. */
void ck_mon_no_measure(struct check_run *r, const void *s)
{
    const struct monitor_check_facts *m = s;
    int months = r->ctx->monitor_stale_months > 0 ? r->ctx->monitor_stale_months : 3;
    int y, mo, d;
    if (m->cleared[0] || m->has_measures || !date_parse(m->identified, &y, &mo, &d))
        return;
    int total = y * 12 + (mo - 1) + months;
    long due = date_to_days(total / 12, total % 12 + 1, 1) + d - 1;
    long t = checks_day_number(r->ctx->today);
    if (t >= 0 && t > due)
        checks_emit(r, -1, "measures", M_MON_NO_MEASURE, m->identified, months);
}

/* 驻村工作队 (issue 15 item 2): days without a 队长, two 第一书记 at once. */
void ck_team_no_leader(struct check_run *r, const void *s)
{
    const struct team_check_facts *t = s;
    char from[11], to[11];
    if (team_leader_gap(t->members, t->n, r->ctx->today, from, to))
        checks_emit(r, -1, "leader", M_TEAM_NO_LEADER, from, to);
}

void ck_team_secretaries(struct check_run *r, const void *s)
{
    const struct team_check_facts *t = s;
    char day[11];
    size_t a, b;
    if (team_secretaries_overlap(t->members, t->n, day, &a, &b))
        checks_emit(r, -1, "first_secretary", M_TEAM_TWO_SECRETARIES, day, t->members[a].name,
                    t->members[b].name);
}

/* ---- 帮扶规划 (issue 15 item 3; seed 003 §二4 一户一法, 7月底前完成) ---- */
#define PL(subject) ((const struct plan_facts *)(subject))

void ck_plan_unregistered(struct check_run *r, const void *s)
{
    if (PL(s)->has_plan && !PL(s)->registered)
        checks_emit(r, -1, "year", M_PLAN_UNREG, PL(s)->year);
}

void ck_plan_empty(struct check_run *r, const void *s)
{
    if (PL(s)->has_plan && PL(s)->n == 0)
        checks_emit(r, -1, "measure", M_PLAN_EMPTY);
}

/* A code of the list, and each measure once (its progress is counted by
 * measure: two lines of one measure would count the same entries twice). */
void ck_plan_measure(struct check_run *r, const void *s)
{
    for (size_t i = 0; i < PL(s)->n; i++) {
        int m = PL(s)->items[i].measure;
        char why[160] = "";
        if (!codes_label(CL_MEASURE, m)[0])
            snprintf(why, sizeof why, "代码 %d 不在帮扶措施类别中", m);
        for (size_t j = 0; !why[0] && j < i; j++)
            if (PL(s)->items[j].measure == m)
                snprintf(why, sizeof why, "「%s」已在第 %zu 项列出，同一措施每年只列一项",
                         codes_label(CL_MEASURE, m), j + 1);
        if (why[0])
            checks_emit(r, (int)i, "measure", M_PLAN_MEASURE, i + 1, why);
    }
}

void ck_plan_deadline(struct check_run *r, const void *s)
{
    for (size_t i = 0; i < PL(s)->n; i++) {
        const char *d = PL(s)->items[i].deadline;
        if (d[0] && (checks_day_number(d) < 0 || atoi(d) != PL(s)->year))
            checks_emit(r, (int)i, "deadline", M_PLAN_DEADLINE, i + 1, d, PL(s)->year);
    }
}

void ck_plan_helper(struct check_run *r, const void *s)
{
    for (size_t i = 0; i < PL(s)->n; i++)
        if (!PL(s)->items[i].helper_ok)
            checks_emit(r, (int)i, "helper", M_PLAN_HELPER, i + 1);
}

/* After the deadline day (not on it): a household on the register that day
 * with no plan of the year. */
void ck_plan_missing(struct check_run *r, const void *s)
{
    char due[11];
    if (PL(s)->has_plan || !PL(s)->registered_at_deadline ||
        !plan_day(PL(s)->year, r->ctx->plan_deadline, PLAN_DEADLINE_DEFAULT, due))
        return;
    if (strcmp(r->ctx->today, due) > 0)
        checks_emit(r, -1, "plan", M_PLAN_MISSING, PL(s)->year, due);
}

/* After the review day: the planned measures the card has no entry of. */
void ck_plan_no_aid(struct check_run *r, const void *s)
{
    char due[11], names[200] = "";
    if (!PL(s)->has_plan || !plan_day(PL(s)->year, r->ctx->plan_review, PLAN_REVIEW_DEFAULT, due) ||
        strcmp(r->ctx->today, due) <= 0)
        return;
    for (size_t i = 0; i < PL(s)->n; i++)
        if (PL(s)->items[i].entries == 0)
            checks_list_add(names, sizeof names, codes_label(CL_MEASURE, PL(s)->items[i].measure));
    if (names[0])
        checks_emit(r, -1, "measure", M_PLAN_NO_AID, PL(s)->year, names, due);
}
