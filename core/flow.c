/* flow.c — the flow reports' rules (core/flow.h). */
#include "core/flow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/workflow.h"

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* n digits at s into *v; 1 when all are digits. */
static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

static void set_range(struct flow_period *p, int m1, int m2)
{
    snprintf(p->first, sizeof p->first, "%04d-%02d-01", p->year, m1);
    snprintf(p->last, sizeof p->last, "%04d-%02d-%02d", p->year, m2, month_days(p->year, m2));
}

int flow_period_parse(const char *s, struct flow_period *p, char *why, size_t whysz)
{
    memset(p, 0, sizeof *p);
    size_t len = s ? strlen(s) : 0;
    int y, v;
    const char *fail = NULL;
    if (len < 4 || !digits(s, 4, &y) || (len > 4 && s[4] != '-'))
        fail = "期间应为 年 (2026)、季度 (2026-Q3) 或 月 (2026-11)";
    else if (y < 2000 || y > 2100)
        fail = "年份应为 2000-2100";
    else if (len == 4) {
        p->kind = FLOW_YEAR;
    } else if (len == 7 && (s[5] == 'Q' || s[5] == 'q')) {
        if (!digits(s + 6, 1, &v) || v < 1 || v > 4)
            fail = "季度应为 Q1-Q4";
        p->kind = FLOW_QUARTER, p->part = v;
    } else if (len == 7 && digits(s + 5, 2, &v)) {
        if (v < 1 || v > 12)
            fail = "月份应为 01-12";
        p->kind = FLOW_MONTH, p->part = v;
    } else {
        fail = "期间应为 年 (2026)、季度 (2026-Q3) 或 月 (2026-11)";
    }
    if (fail) {
        if (why)
            snprintf(why, whysz, "%s", fail);
        memset(p, 0, sizeof *p);
        return 0;
    }
    p->year = y;
    if (p->kind == FLOW_YEAR) {
        set_range(p, 1, 12);
        snprintf(p->label, sizeof p->label, "%d年", y);
    } else if (p->kind == FLOW_QUARTER) {
        set_range(p, p->part * 3 - 2, p->part * 3);
        snprintf(p->label, sizeof p->label, "%d年第%d季度", y, p->part);
    } else {
        set_range(p, p->part, p->part);
        snprintf(p->label, sizeof p->label, "%d年%d月", y, p->part);
    }
    return 1;
}

static const char *const COL_LABELS[FLOW_NCOLS] = { "新识别", "返贫", "新增", "脱贫", "清退", "减少" };

const char *flow_col_label(enum flow_col c)
{
    return c >= 0 && c < FLOW_NCOLS ? COL_LABELS[c] : "";
}

int flow_col_is_in(enum flow_col c)
{
    return c == FLOW_NEW || c == FLOW_RELAPSE || c == FLOW_ADDED;
}

int flow_on_register(int state)
{
    return state >= 0 && state < WF_STATE_COUNT && strcmp(wf_roster_status((enum wf_state)state), "在册") == 0;
}

int flow_move_col(int prev, int to, int exited_before)
{
    int was = flow_on_register(prev), is = flow_on_register(to);
    if (was == is)
        return -1;
    if (is) {
        if (prev == WF_NOTICE3 && to == WF_REGISTERED)
            return exited_before ? FLOW_RELAPSE : FLOW_NEW;
        return FLOW_ADDED;
    }
    if (to == WF_EXITED)
        return FLOW_EXITED;
    return to == WF_REMOVED ? FLOW_REMOVED : FLOW_REDUCED;
}

int64_t flow_in(const struct flow_counts *c)
{
    return c->f[FLOW_NEW] + c->f[FLOW_RELAPSE] + c->f[FLOW_ADDED];
}

int64_t flow_out(const struct flow_counts *c)
{
    return c->f[FLOW_EXITED] + c->f[FLOW_REMOVED] + c->f[FLOW_REDUCED];
}

int flow_balances(const struct flow_counts *c)
{
    return c->open + flow_in(c) - flow_out(c) == c->close;
}

void flow_add(struct flow_counts *to, const struct flow_counts *from)
{
    to->open += from->open;
    to->close += from->close;
    for (int i = 0; i < FLOW_NCOLS; i++)
        to->f[i] += from->f[i];
}

/* Members at the end of day d; before = 1: at the end of the day before d. */
static int members_at(const struct flow_member *m, size_t n, const char *d, int before)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        int j = strcmp(m[i].joined, d), l = strcmp(m[i].left, d);
        int in = !m[i].joined[0] || (before ? j < 0 : j <= 0);
        int stays = !m[i].left[0] || (before ? l >= 0 : l > 0);
        k += in && stays;
    }
    return k;
}

int flow_members_on(const struct flow_member *m, size_t n, const char *d)
{
    return members_at(m, n, d, 0);
}

/* The state at the end of the day before d (moves dated before d). */
static int state_before(const struct flow_move *mv, size_t nmv, const char *d)
{
    int s = 0;
    for (size_t i = 0; i < nmv && strcmp(mv[i].date, d) < 0; i++)
        s = mv[i].to;
    return s;
}

static int in_period(const char *d, const struct flow_period *p)
{
    return d[0] && strcmp(d, p->first) >= 0 && strcmp(d, p->last) <= 0;
}

/* Members joining and leaving in p while the household was 在册 the day before. */
static void member_flows(const struct flow_move *mv, size_t nmv, const struct flow_member *m, size_t nm,
                         const struct flow_period *p, struct flow_counts *people)
{
    for (size_t i = 0; i < nm; i++) {
        if (in_period(m[i].joined, p) && flow_on_register(state_before(mv, nmv, m[i].joined)))
            people->f[FLOW_ADDED]++;
        if (in_period(m[i].left, p) && flow_on_register(state_before(mv, nmv, m[i].left)))
            people->f[FLOW_REDUCED]++;
    }
}

void flow_household(const struct flow_move *mv, size_t nmv, const struct flow_member *m, size_t nm,
                    const struct flow_period *p, struct flow_counts *hh, struct flow_counts *people)
{
    int state = 0, exited = 0;
    size_t i = 0;
    for (; i < nmv && strcmp(mv[i].date, p->first) < 0; i++) {
        state = mv[i].to;
        exited |= state == WF_EXITED;
    }
    if (flow_on_register(state)) {
        hh->open++;
        people->open += members_at(m, nm, p->first, 1);
    }
    member_flows(mv, nmv, m, nm, p, people);
    for (; i < nmv && strcmp(mv[i].date, p->last) <= 0; i++) {
        int col = flow_move_col(state, mv[i].to, exited);
        if (col >= 0) {
            hh->f[col]++;
            people->f[col] += flow_members_on(m, nm, mv[i].date);
        }
        state = mv[i].to;
        exited |= state == WF_EXITED;
    }
    if (flow_on_register(state)) {
        hh->close++;
        people->close += flow_members_on(m, nm, p->last);
    }
}

const char *flow_notes(void)
{
    return "说明：在册指已建档立卡（含退出、清退办理中）。新识别指三榜期满建档立卡（此前未脱贫过）；"
           "返贫指已脱贫户重新识别后再次建档立卡；新增指以其他方式进入在册（直接建档的分户、迁入、补录），"
           "人数另含在册户新增成员（出生、婚入等）；脱贫、清退指退出、清退公示期满；"
           "减少指以其他方式离开在册，人数另含在册户减少成员（死亡、婚出、分户等）。"
           "同一天先计成员变动后计状态变动，户的变动按当天末的人数计。"
           "期初＋新识别＋返贫＋新增－脱贫－清退－减少＝期末。已删除（录入更正）的户不计。"
           "减贫任务完成数为本年1月1日至本期末的脱贫户数、人数。"
           "帮扶资金为本期帮扶记录卡投入资金（更正记录以更正后为准）与项目拨付之和。";
}
