/* The date rules across the rounds (core/checks.c, issue 11 item 5), walked
 * as a table of known answers: for each rule a case that passes, one that
 * fails and the boundary day.  Round 1 of 2026-03-01 for 7 days ends 03-07. */
#include "tests/harness.h"
#include "core/checks.h"
#include <stdio.h>
#include <string.h>

struct notice_case {
    const char *what;
    int round;
    const char *start, *meeting, *prev_end, *approval, *posted_on, *late_reason;
    const char *fires;          /* the check id expected, NULL = none of the date rules */
    const char *message;        /* expected text (a part of it), NULL = not checked */
};

static const struct notice_case NOTICE_CASES[] = {
    /* round starts on or after its meeting */
    { "after the meeting", 1, "2026-03-01", "2026-02-20", "", "", "", NULL, NULL, NULL },
    { "meeting the same day", 1, "2026-03-01", "2026-03-01", "", "", "", NULL, NULL, NULL },
    { "before the meeting", 1, "2026-03-01", "2026-03-02", "", "", "", NULL, "NOTICE_BEFORE_MEETING",
      "公示 开始日期 2026-03-01 早于 村级评议会议日期 2026-03-02, 开始日期应为 2026-03-02 或之后" },
    /* round 2/3 start after the previous round ended */
    { "day after round 1", 2, "2026-03-08", "", "2026-03-07", "", "", NULL, NULL, NULL },
    { "last day of round 1", 2, "2026-03-07", "", "2026-03-07", "", "", NULL, "NOTICE_ROUND_OVERLAP",
      "公示 开始日期 2026-03-07 在上一榜公示期内 (上一榜 2026-03-07 结束), 开始日期应为 2026-03-08 或之后" },
    { "inside round 2", 3, "2026-03-10", "", "2026-03-16", "2026-03-09", "", NULL, "NOTICE_ROUND_OVERLAP",
      "开始日期应为 2026-03-17 或之后" },
    { "round 1 has no previous", 1, "2026-03-01", "", "2026-03-07", "", "", NULL, NULL, NULL },
    /* round 3: county approval dated before its start */
    { "approval the day before", 3, "2026-03-17", "", "2026-03-16", "2026-03-16", "", NULL, NULL, NULL },
    { "approval the same day", 3, "2026-03-17", "", "2026-03-16", "2026-03-17", "", NULL, NULL, NULL },
    { "approval after the start", 3, "2026-03-17", "", "2026-03-16", "2026-03-18", "", NULL,
      "NOTICE_APPROVAL_AFTER_START",
      "县级确认批文日期 2026-03-18 晚于 公示开始日期 2026-03-17, 批文日期应为 2026-03-17 或之前" },
    { "round 2's approval is the township's", 2, "2026-03-17", "", "2026-03-16", "2026-03-18", "", NULL,
      NULL, NULL },
    /* a notice whose period is over when posted needs a reason */
    { "posted on its first day", 1, "2026-03-01", "", "", "", "2026-03-01", NULL, NULL, NULL },
    { "posted on its last day", 1, "2026-03-01", "", "", "", "2026-03-07", NULL, NULL, NULL },
    { "posted the day after", 1, "2026-03-01", "", "", "", "2026-03-08", NULL, "NOTICE_POSTED_LATE",
      "公示期 2026-03-01 至 2026-03-07 已过, 张贴日期 2026-03-08: 逾期张贴须确认并填写原因 (按期张贴应不晚于 2026-03-07)" },
    { "blank reason", 1, "2026-03-01", "", "", "", "2026-03-20", "  ", "NOTICE_POSTED_LATE", NULL },
    { "late with a reason", 1, "2026-03-01", "", "", "", "2026-03-20", "补录纸质公示", "NOTICE_POSTED_LATE_CONFIRMED",
      "公示期 2026-03-01 至 2026-03-07 已过才张贴 (张贴日期 2026-03-20), 已确认原因: 补录纸质公示" },
};

static const char *DATE_RULES[] = { "NOTICE_BEFORE_MEETING", "NOTICE_ROUND_OVERLAP",
                                    "NOTICE_APPROVAL_AFTER_START", "NOTICE_POSTED_LATE",
                                    "NOTICE_POSTED_LATE_CONFIRMED" };

static int is_date_rule(const char *id)
{
    for (size_t i = 0; i < sizeof DATE_RULES / sizeof *DATE_RULES; i++)
        if (strcmp(DATE_RULES[i], id) == 0)
            return 1;
    return 0;
}

TEST(check_dates_notice_table)
{
    struct check_ctx c;
    checks_ctx_init(&c);
    for (size_t k = 0; k < sizeof NOTICE_CASES / sizeof *NOTICE_CASES; k++) {
        const struct notice_case *t = &NOTICE_CASES[k];
        struct notice_facts nf;
        memset(&nf, 0, sizeof nf);
        nf.days = 7;
        nf.round = t->round;
        snprintf(nf.start, sizeof nf.start, "%s", t->start);
        wf_notice_end(nf.start, 7, nf.end);
        snprintf(nf.meeting_date, sizeof nf.meeting_date, "%s", t->meeting);
        snprintf(nf.prev_end, sizeof nf.prev_end, "%s", t->prev_end);
        snprintf(nf.approval_date, sizeof nf.approval_date, "%s", t->approval);
        snprintf(nf.posted_on, sizeof nf.posted_on, "%s", t->posted_on);
        nf.late_reason = t->late_reason;
        struct check_result res[16];
        size_t n = checks_run_notice(&c, &nf, res, 16);
        const struct check_result *hit = NULL;
        int date_hits = 0;
        for (size_t i = 0; i < n; i++)
            if (is_date_rule(res[i].def->id)) {
                date_hits++;
                hit = &res[i];
            }
        if (!CHECK_INT(date_hits, t->fires ? 1 : 0) || (t->fires && !CHECK_STR(hit->def->id, t->fires))) {
            fprintf(stderr, "    case: %s\n", t->what);
            continue;
        }
        if (t->message && !CHECK(strstr(hit->message, t->message) != NULL))
            fprintf(stderr, "    case: %s: %s\n", t->what, hit->message);
    }
}

TEST(check_dates_recheck_after_round_one)
{
    struct check_ctx c;
    checks_ctx_init(&c);
    static const struct { const char *date; int fires; } cases[] = {
        { "2026-03-05", 1 }, { "2026-03-07", 1 }, { "2026-03-08", 0 }, { "2026-04-01", 0 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        struct recheck_facts rf = { "", "2026-03-01", "2026-03-07" };
        snprintf(rf.date, sizeof rf.date, "%s", cases[k].date);
        struct check_result res[4];
        size_t n = checks_run_recheck(&c, &rf, res, 4);
        if (!CHECK_INT(n, (size_t)cases[k].fires))
            fprintf(stderr, "    date %s\n", cases[k].date);
        if (n)
            CHECK_STR(res[0].def->id, "RECHECK_DURING_NOTICE");
    }
    struct recheck_facts rf = { "2026-03-07", "2026-03-01", "2026-03-07" };
    struct check_result res[4];
    CHECK_INT(checks_run_recheck(&c, &rf, res, 4), 1);
    CHECK_STR(res[0].message, "回访核查 日期 2026-03-07 在一榜公示期 2026-03-01 至 2026-03-07 内, "
                              "公示期满后方可核查 (核查日期应为 2026-03-08 或之后)");
}

TEST(check_dates_history_backwards)
{
    struct check_ctx c;
    checks_ctx_init(&c);
    struct history_step ok[] = {
        { WF_NONE, WF_APPLIED, "2026-02-01" }, { WF_APPLIED, WF_SURVEYED, "2026-02-10" },
        { WF_SURVEYED, WF_APPRAISED, "2026-02-10" },    /* the same day: fine */
        { WF_APPRAISED, WF_NOTICE1, "2026-03-01" },
    };
    struct history_facts hf = { ok, 4 };
    struct check_result res[8];
    CHECK_INT(checks_run_history(&c, &hf, res, 8), 0);
    struct history_step bad[] = {
        { WF_NONE, WF_APPLIED, "2026-02-01" }, { WF_APPLIED, WF_SURVEYED, "2026-02-10" },
        { WF_SURVEYED, WF_APPRAISED, "2026-02-09" },    /* one day back */
        { WF_APPRAISED, WF_NOTICE1, "2026-03-01" },
    };
    hf.steps = bad;
    size_t n = checks_run_history(&c, &hf, res, 8);
    CHECK_INT(n, 1);
    if (n) {
        CHECK_STR(res[0].def->id, "HISTORY_DATE_BACKWARDS");
        CHECK_STR(res[0].message, "状态记录 第 3 条「已调查 → 已评议」日期 2026-02-09 早于 前一条的 2026-02-10, "
                                  "应为 2026-02-10 或之后");
    }
}
