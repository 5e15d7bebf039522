/* flow.h — the flow reports by period (issue 16 item 1): how many households
 * and people came onto the register of 建档立卡贫困户 (在册) and left it in a
 * month, quarter or year, with the opening and closing counts.
 *
 * The rules, SQL-free: a period's first and last day (inclusive), what a
 * state move counts as, one household's contribution to a period from its
 * state history and its members' dates, and the reconciliation
 * 期初 + 新识别 + 返贫 + 新增 − 脱贫 − 清退 − 减少 = 期末.
 *
 * 在册 (flow_on_register) is the roster's 在册: 已建档立卡, and exit or
 * removal under way.  Columns:
 *   新识别  identification completed (三榜期满, 建档立卡) of a household never
 *          exited before;
 *   返贫    the same move of a household that had exited (返贫, 重新识别 and
 *          back on the register);
 *   新增    any other way onto the register: a record created already 在册
 *          (分户, 迁入, 补录), and for people a member joining (出生, 婚入 …)
 *          a household on the register;
 *   脱贫    退出三榜期满, 脱贫退出;  清退  清退公示期满, 清退;
 *   减少    any other way off the register, and for people a member leaving
 *          (死亡, 婚出, 分户 …) a household on the register.
 * Within one day member changes come first, then state moves; a household's
 * move counts its members at the end of that day.  A member's change counts
 * when its household was 在册 at the end of the day before. */
#ifndef FUPIN_FLOW_H
#define FUPIN_FLOW_H
#include <stddef.h>
#include <stdint.h>

enum flow_period_kind { FLOW_MONTH = 1, FLOW_QUARTER = 2, FLOW_YEAR = 3 };

struct flow_period {
    enum flow_period_kind kind;
    int year;
    int part;                   /* month 1..12, quarter 1..4, 0 for a year */
    char first[11], last[11];   /* YYYY-MM-DD, both inclusive */
    char label[32];             /* "2026年11月", "2026年第3季度", "2026年" */
};

/* Parses "2026-11", "2026-Q3" (q too) or "2026" (years 2000..2100).
 * Returns 1, or 0 with a Chinese reason in why, e.g. "月份应为 01-12". */
int flow_period_parse(const char *s, struct flow_period *p, char *why, size_t whysz);

enum flow_col {
    FLOW_NEW, FLOW_RELAPSE, FLOW_ADDED,     /* in */
    FLOW_EXITED, FLOW_REMOVED, FLOW_REDUCED, /* out */
    FLOW_NCOLS
};
/* "新识别", "返贫", "新增", "脱贫", "清退", "减少". */
const char *flow_col_label(enum flow_col c);
/* 1 for the columns that add to the register. */
int flow_col_is_in(enum flow_col c);

/* 1 for the states counted 在册 (wf_roster_status "在册"). */
int flow_on_register(int state);
/* The column of a move prev → to (prev: the state before it), or -1 when it
 * neither enters nor leaves the register.  exited_before: the household
 * reached 已脱贫 by an earlier move. */
int flow_move_col(int prev, int to, int exited_before);

struct flow_counts {
    int64_t open, close;
    int64_t f[FLOW_NCOLS];
};
int64_t flow_in(const struct flow_counts *c);
int64_t flow_out(const struct flow_counts *c);
/* 1 when open + in − out = close. */
int flow_balances(const struct flow_counts *c);
void flow_add(struct flow_counts *to, const struct flow_counts *from);

/* One state move of the history, in recording order (date, then id). */
struct flow_move {
    char date[11];
    int from, to;
};
/* One member: joined "" = from the start (no 入户 event), left "" = still a
 * member.  A member removed as a correction (no 离户 event) is not passed. */
struct flow_member {
    char joined[11], left[11];
};
/* Members at the end of day d. */
int flow_members_on(const struct flow_member *m, size_t n, const char *d);
/* Adds one household's opening, flows and closing in period p to hh
 * (households) and people.  moves sorted by date then recording order. */
void flow_household(const struct flow_move *mv, size_t nmv, const struct flow_member *m, size_t nm,
                    const struct flow_period *p, struct flow_counts *hh, struct flow_counts *people);

/* The report's notes row: how the columns are counted (one paragraph). */
const char *flow_notes(void);

#endif
