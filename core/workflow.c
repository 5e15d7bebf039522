/* workflow.c — the household state machine (see workflow.h). */
#include "core/workflow.h"
#include "core/clock.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The three notice rounds of identification, exit and removal all leave a
 * round the same way: period over and no open objection. */
#define LEAVE_ROUND (WF_R_ROUND_OVER | WF_R_NO_OBJECTION)

/* The one table of allowed moves.  Identification moves past step 3 carry
 * WF_R_EXCLUSION (SPEC §3.1: a ticked 七不进 blocks advancing past step 3). */
static const struct wf_transition TRANSITIONS[] = {
    /* identification 精准识别 */
    { WF_NONE,      WF_APPLIED,    "提交申请书",             WF_R_APP_SIGNED },
    { WF_APPLIED,   WF_SURVEYED,   "入户调查完成",           WF_R_SURVEYORS | WF_R_SIGNATURES },
    { WF_SURVEYED,  WF_APPRAISED,  "村级评议通过",           WF_R_APPRAISAL },
    { WF_APPRAISED, WF_NOTICE1,    "一榜公示张贴",           WF_R_EXCLUSION | WF_R_NEXT_POSTED },
    { WF_NOTICE1,   WF_RECHECKED,  "一榜期满, 乡镇回访核查通过",
      LEAVE_ROUND | WF_R_EXCLUSION | WF_R_RECHECK },
    { WF_RECHECKED, WF_NOTICE2,    "乡镇审核通过, 二榜公示张贴",
      WF_R_EXCLUSION | WF_R_TOWNSHIP | WF_R_NEXT_POSTED },
    { WF_NOTICE2,   WF_NOTICE3,    "二榜期满, 县级确认, 三榜公示",
      LEAVE_ROUND | WF_R_EXCLUSION | WF_R_COUNTY | WF_R_NEXT_POSTED },
    { WF_NOTICE3,   WF_REGISTERED, "三榜期满, 建档立卡",
      LEAVE_ROUND | WF_R_EXCLUSION | WF_R_HH_NO },
    /* rejection and withdrawal, from every identification step */
    { WF_APPLIED,   WF_REJECTED,   "调查不符合条件, 不予识别", 0 },
    { WF_SURVEYED,  WF_REJECTED,   "村级评议未通过",         0 },
    { WF_APPRAISED, WF_REJECTED,   "审核未通过, 不予公示",   0 },
    { WF_NOTICE1,   WF_REJECTED,   "一榜异议成立, 取消",     0 },
    { WF_RECHECKED, WF_REJECTED,   "乡镇审核未通过",         0 },
    { WF_NOTICE2,   WF_REJECTED,   "二榜异议成立, 取消",     0 },
    { WF_NOTICE3,   WF_REJECTED,   "三榜异议成立, 取消",     0 },
    { WF_APPLIED,   WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_SURVEYED,  WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_APPRAISED, WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_NOTICE1,   WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_RECHECKED, WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_NOTICE2,   WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_NOTICE3,   WF_WITHDRAWN,  "申请人撤回申请",         0 },
    { WF_REJECTED,  WF_APPLIED,    "重新申请",               WF_R_APP_SIGNED },
    { WF_WITHDRAWN, WF_APPLIED,    "重新申请",               WF_R_APP_SIGNED },
    /* exit 脱贫退出: appraisal + three rounds (SPEC §3.3) */
    { WF_REGISTERED,     WF_EXIT_APPRAISED, "脱贫退出评议通过",
      WF_R_EXIT_CHECKS | WF_R_APPRAISAL },
    { WF_EXIT_APPRAISED, WF_EXIT_NOTICE1,   "退出一榜公示张贴",       WF_R_NEXT_POSTED },
    { WF_EXIT_NOTICE1,   WF_EXIT_NOTICE2,   "退出一榜期满, 乡镇审核, 退出二榜公示",
      LEAVE_ROUND | WF_R_TOWNSHIP | WF_R_NEXT_POSTED },
    { WF_EXIT_NOTICE2,   WF_EXIT_NOTICE3,   "退出二榜期满, 县级确认, 退出三榜公示",
      LEAVE_ROUND | WF_R_COUNTY | WF_R_NEXT_POSTED },
    { WF_EXIT_NOTICE3,   WF_EXITED,         "退出三榜期满, 脱贫退出", LEAVE_ROUND },
    { WF_EXIT_APPRAISED, WF_REGISTERED,     "退出未通过, 继续帮扶",   0 },
    { WF_EXIT_NOTICE1,   WF_REGISTERED,     "退出异议成立, 继续帮扶", 0 },
    { WF_EXIT_NOTICE2,   WF_REGISTERED,     "退出异议成立, 继续帮扶", 0 },
    { WF_EXIT_NOTICE3,   WF_REGISTERED,     "退出异议成立, 继续帮扶", 0 },
    /* relapse 返贫: identification again; the history stays */
    { WF_EXITED,         WF_APPLIED,        "返贫, 重新识别",         WF_R_APP_SIGNED },
    /* removal 清退 (also 民主评退): reason + notice */
    { WF_REGISTERED,     WF_REMOVAL_NOTICE, "清退公示张贴",           WF_R_REASON | WF_R_NEXT_POSTED },
    { WF_REMOVAL_NOTICE, WF_REMOVED,        "清退公示期满, 清退",     LEAVE_ROUND },
    { WF_REMOVAL_NOTICE, WF_REGISTERED,     "清退异议成立, 恢复在册", 0 },
    { WF_REMOVED,        WF_APPLIED,        "重新申请",               WF_R_APP_SIGNED },
};
#define N_TRANSITIONS (sizeof TRANSITIONS / sizeof TRANSITIONS[0])

static const char *const STATE_LABELS[WF_STATE_COUNT] = {
    [WF_NONE] = "未申请",
    [WF_APPLIED] = "已申请",
    [WF_SURVEYED] = "已调查",
    [WF_APPRAISED] = "已评议",
    [WF_NOTICE1] = "一榜公示",
    [WF_RECHECKED] = "已回访",
    [WF_NOTICE2] = "二榜公示",
    [WF_NOTICE3] = "三榜公示",
    [WF_REGISTERED] = "已建档立卡",
    [WF_REJECTED] = "未通过",
    [WF_WITHDRAWN] = "已撤回",
    [WF_EXIT_APPRAISED] = "退出评议",
    [WF_EXIT_NOTICE1] = "退出一榜公示",
    [WF_EXIT_NOTICE2] = "退出二榜公示",
    [WF_EXIT_NOTICE3] = "退出三榜公示",
    [WF_EXITED] = "已脱贫",
    [WF_REMOVAL_NOTICE] = "清退公示",
    [WF_REMOVED] = "已清退",
};

static int state_ok(enum wf_state s)
{
    return (int)s >= 0 && s < WF_STATE_COUNT;
}

void wf_facts_init(struct wf_facts *f)
{
    memset(f, 0, sizeof *f);
    clock_today(f->today);
}

const char *wf_state_label(enum wf_state s)
{
    return state_ok(s) ? STATE_LABELS[s] : "";
}

const char *wf_roster_status(enum wf_state s)
{
    switch (s) {
    case WF_NONE:           return "未申请";
    case WF_APPLIED: case WF_SURVEYED: case WF_APPRAISED: case WF_NOTICE1:
    case WF_RECHECKED: case WF_NOTICE2: case WF_NOTICE3:
                            return "识别中";
    /* A household whose exit or removal is under way is still on the
     * register until the last round ends. */
    case WF_REGISTERED: case WF_EXIT_APPRAISED: case WF_EXIT_NOTICE1:
    case WF_EXIT_NOTICE2: case WF_EXIT_NOTICE3: case WF_REMOVAL_NOTICE:
                            return "在册";
    case WF_REJECTED:       return "未通过";
    case WF_WITHDRAWN:      return "已撤回";
    case WF_EXITED:         return "已脱贫";
    case WF_REMOVED:        return "已清退";
    case WF_STATE_COUNT:    break;
    }
    return "";
}

int wf_changes_need_reason(enum wf_state s)
{
    return s >= WF_REGISTERED && s < WF_STATE_COUNT && s != WF_REJECTED && s != WF_WITHDRAWN;
}

int wf_is_identifying(enum wf_state s)
{
    return s >= WF_APPLIED && s <= WF_NOTICE3;
}

int wf_is_registered_or_after(enum wf_state s)
{
    return s == WF_REGISTERED || (s >= WF_EXIT_APPRAISED && s <= WF_REMOVED);
}

int wf_is_past_appraisal(enum wf_state s)
{
    return s >= WF_NOTICE1 && s <= WF_REGISTERED;
}

int wf_application_is_evidence(enum wf_state s)
{
    return s != WF_NONE && s != WF_APPLIED && s != WF_SURVEYED;
}

int wf_notice_round(enum wf_state s)
{
    switch (s) {
    case WF_NOTICE1: case WF_EXIT_NOTICE1: case WF_REMOVAL_NOTICE: return 1;
    case WF_NOTICE2: case WF_EXIT_NOTICE2: return 2;
    case WF_NOTICE3: case WF_EXIT_NOTICE3: return 3;
    default: return 0;
    }
}

const struct wf_transition *wf_transitions(size_t *n)
{
    *n = N_TRANSITIONS;
    return TRANSITIONS;
}

const struct wf_transition *wf_transition_find(enum wf_state from, enum wf_state to)
{
    for (size_t i = 0; i < N_TRANSITIONS; i++)
        if (TRANSITIONS[i].from == from && TRANSITIONS[i].to == to)
            return &TRANSITIONS[i];
    return NULL;
}

size_t wf_next_states(enum wf_state from, enum wf_state *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < N_TRANSITIONS; i++)
        if (TRANSITIONS[i].from == from) {
            if (n < max)
                out[n] = TRANSITIONS[i].to;
            n++;
        }
    return n;
}

int wf_appraisal_needed(int present)
{
    if (present <= 0)
        return 0;
    return (2 * present + 2) / 3;
}

int wf_appraisal_passes(int votes_for, int present)
{
    return present > 0 && votes_for >= 0 && (long)votes_for * 3 >= (long)present * 2;
}

int wf_notice_end(const char *start, int days, char out[11])
{
    out[0] = '\0';
    if (!start || days < 1)
        return 0;
    if (date_add_days(start, days - 1, out))
        return 1;
    out[0] = '\0';
    return 0;
}

/* Days since the epoch of a YYYY-MM-DD / YYYYMMDD date, or -1. */
static long day_number(const char *s)
{
    int y, m, d;
    if (!s || !date_parse(s, &y, &m, &d))
        return -1;
    return date_to_days(y, m, d);
}

int wf_notice_over(const char *today, const char *end)
{
    long t = day_number(today), e = day_number(end);
    return t >= 0 && e >= 0 && t > e;
}

/* why is optional everywhere; this keeps the NULL test in one place. */
static void say(char *why, size_t whysz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whysz, const char *fmt, ...)
{
    if (!why || whysz == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whysz, fmt, ap);
    va_end(ap);
}

/* Reason for a round not over, worded for `what` ("结束本轮公示", "进行下一步"). */
static int round_over(const char *today, const char *end, const char *what,
                      char *why, size_t whysz)
{
    if (day_number(end) < 0) {
        say(why, whysz, "未找到本户所在公示的结束日期, 不能判断公示是否期满");
        return 0;
    }
    if (day_number(today) < 0) {
        say(why, whysz, "今天的日期无效 (%s)", today ? today : "");
        return 0;
    }
    if (wf_notice_over(today, end))
        return 1;
    char next[11] = "";
    date_add_days(end, 1, next);
    say(why, whysz, "公示期至 %s 结束, %s 起方可%s (今天 %s)", end, next, what, today);
    return 0;
}

int wf_notice_can_close(const char *today, const char *end, char *why, size_t whysz)
{
    return round_over(today, end, "结束本轮公示", why, whysz);
}

/* One rule; `to` names the notice being entered in messages (WF_NONE: generic). */
static int rule_check(unsigned rule, const struct wf_facts *f, enum wf_state to,
                      char *why, size_t whysz)
{
    char today[11];
    if (f->today[0])
        snprintf(today, sizeof today, "%s", f->today);
    else
        clock_today(today);

    switch (rule) {
    case WF_R_APP_SIGNED:
        if (f->application_signed)
            return 1;
        say(why, whysz, "申请书未签字 (申请人已签字: 否)");
        return 0;
    case WF_R_SURVEYORS:
        if (f->surveyors >= 2)
            return 1;
        say(why, whysz, "调查人员只有 %d 人, 入户调查须至少 2 名调查人员", f->surveyors);
        return 0;
    case WF_R_SIGNATURES: {
        char missing[96] = "";
        if (!f->signed_household) strcat(missing, " 农户签字");
        if (!f->signed_cadre)     strcat(missing, " 村干部签字");
        if (!f->signed_surveyor)  strcat(missing, " 调查人签字");
        if (!missing[0])
            return 1;
        say(why, whysz, "入户调查表缺少签字:%s", missing);
        return 0;
    }
    case WF_R_APPRAISAL: {
        int cast = f->votes_for + f->votes_against + f->votes_abstain;
        if (f->present <= 0) {
            say(why, whysz, "未录入评议会到会代表人数, 不能判断评议结果");
            return 0;
        }
        if (f->votes_for < 0 || f->votes_against < 0 || f->votes_abstain < 0) {
            say(why, whysz, "票数不能为负数");
            return 0;
        }
        if (cast > f->present) {
            say(why, whysz, "赞成 %d + 反对 %d + 弃权 %d = %d 票, 超过到会代表 %d 人",
                f->votes_for, f->votes_against, f->votes_abstain, cast, f->present);
            return 0;
        }
        if (wf_appraisal_passes(f->votes_for, f->present))
            return 1;
        say(why, whysz, "赞成票 %d 未达到到会代表 %d 人的三分之二 (需 %d 票)",
            f->votes_for, f->present, wf_appraisal_needed(f->present));
        return 0;
    }
    case WF_R_ROUND_OVER:
        return round_over(today, f->notice_end, "进行下一步", why, whysz);
    case WF_R_NO_OBJECTION:
        if (f->open_objections <= 0)
            return 1;
        say(why, whysz, "本户有 %d 条未处理的异议, 须先核查处理 (维持/取消)",
            f->open_objections);
        return 0;
    case WF_R_EXCLUSION:
        if (f->exclusions_ticked <= 0 || f->exclusion_override)
            return 1;
        say(why, whysz, "七不进 勾选了 %d 项, 未录入特批理由, 不能进入公示及以后各步",
            f->exclusions_ticked);
        return 0;
    case WF_R_RECHECK:
        if (f->recheck_passed)
            return 1;
        say(why, whysz, "乡镇回访核查结果未录入或未通过");
        return 0;
    case WF_R_TOWNSHIP:
        if (f->township_approved)
            return 1;
        say(why, whysz, "乡镇审核意见未录入");
        return 0;
    case WF_R_COUNTY:
        if (f->county_approved)
            return 1;
        say(why, whysz, "县级确认 (批文号、批文日期) 未录入");
        return 0;
    case WF_R_NEXT_POSTED:
        if (f->next_notice_posted)
            return 1;
        if (to != WF_NONE)
            say(why, whysz, "本户未列入已张贴的「%s」名单", wf_state_label(to));
        else
            say(why, whysz, "本户未列入已张贴的公示名单");
        return 0;
    case WF_R_HH_NO:
        if (f->hh_no_assigned)
            return 1;
        say(why, whysz, "户编号未分配, 不能建档立卡");
        return 0;
    case WF_R_EXIT_CHECKS:
        if (f->exit_checks_passed)
            return 1;
        say(why, whysz, "脱贫退出核查 (年人均纯收入及两不愁三保障) 未全部通过");
        return 0;
    case WF_R_REASON:
        if (f->removal_reason)
            return 1;
        say(why, whysz, "清退须录入书面原因");
        return 0;
    default:
        say(why, whysz, "未知规则 %#x", rule);
        return 0;
    }
}

int wf_rule_holds(unsigned rule, const struct wf_facts *f, char *why, size_t whysz)
{
    return rule_check(rule, f, WF_NONE, why, whysz);
}

int wf_can_move(const struct wf_facts *f, enum wf_state from, enum wf_state to,
                char *why, size_t whysz)
{
    if (why && whysz)
        why[0] = '\0';
    if (!state_ok(from) || !state_ok(to)) {
        say(why, whysz, "状态值无效 (%d → %d)", (int)from, (int)to);
        return 0;
    }
    const struct wf_transition *t = wf_transition_find(from, to);
    if (!t) {
        if (from == to) {
            say(why, whysz, "已处于「%s」状态", wf_state_label(from));
            return 0;
        }
        /* Name what is possible, so the clerk sees the next step. */
        enum wf_state next[16];
        size_t n = wf_next_states(from, next, 16);
        char list[512] = "";
        for (size_t i = 0; i < n && i < 16; i++) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s%s", i ? "、" : "",
                     wf_state_label(next[i]));
        }
        if (n)
            say(why, whysz, "不能从「%s」直接转为「%s」 (可转为: %s)",
                wf_state_label(from), wf_state_label(to), list);
        else
            say(why, whysz, "不能从「%s」转为「%s」", wf_state_label(from),
                wf_state_label(to));
        return 0;
    }
    for (unsigned bit = 1; bit < (1u << WF_RULE_COUNT); bit <<= 1)
        if ((t->rules & bit) && !rule_check(bit, f, to, why, whysz))
            return 0;
    return 1;
}
