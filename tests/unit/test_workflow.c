/* Tests for core/workflow: every allowed move with facts that satisfy it, one
 * positive and one negative case per precondition rule, refused moves, the
 * 2/3 boundary and the notice end-date arithmetic. */
#include "tests/harness.h"
#include "core/workflow.h"
#include <stdio.h>

/* Facts under which every rule holds: round 1 was 2026-03-01..07, today is
 * 2026-03-20, 33 present and all for, everything recorded. */
static struct wf_facts good_facts(void)
{
    struct wf_facts f;
    wf_facts_init(&f);
    snprintf(f.today, sizeof f.today, "2026-03-20");
    snprintf(f.notice_end, sizeof f.notice_end, "2026-03-07");
    f.open_objections = 0;
    f.next_notice_posted = 1;
    f.votes_for = 33;
    f.present = 33;
    f.application_signed = 1;
    f.surveyors = 2;
    f.signed_household = f.signed_cadre = f.signed_surveyor = 1;
    f.recheck_passed = 1;
    f.township_approved = 1;
    f.county_approved = 1;
    f.hh_no_assigned = 1;
    f.exit_checks_passed = 1;
    f.removal_reason = 1;
    return f;
}

/* Every row of the table is reachable with good facts. */
TEST(wf_every_transition_allowed_with_good_facts)
{
    size_t n;
    const struct wf_transition *t = wf_transitions(&n);
    struct wf_facts f = good_facts();
    CHECK(n >= 38);
    for (size_t i = 0; i < n; i++) {
        char why[256] = "";
        int ok = wf_can_move(&f, t[i].from, t[i].to, why, sizeof why);
        if (!ok)
            fprintf(stderr, "    row %zu %s → %s refused: %s\n", i,
                    wf_state_label(t[i].from), wf_state_label(t[i].to), why);
        CHECK(ok);
        CHECK(t[i].event && t[i].event[0]);
        CHECK(wf_transition_find(t[i].from, t[i].to) == &t[i]);
    }
}

/* Every rule a row requires, when it is the one that fails, refuses the move
 * with a reason: the table's rules really are enforced. */
TEST(wf_every_required_rule_is_enforced)
{
    size_t n;
    const struct wf_transition *t = wf_transitions(&n);
    for (size_t i = 0; i < n; i++)
        for (unsigned bit = 1; bit < (1u << WF_RULE_COUNT); bit <<= 1) {
            if (!(t[i].rules & bit))
                continue;
            struct wf_facts f = good_facts();
            switch (bit) {
            case WF_R_APP_SIGNED:   f.application_signed = 0; break;
            case WF_R_SURVEYORS:    f.surveyors = 1; break;
            case WF_R_SIGNATURES:   f.signed_cadre = 0; break;
            case WF_R_APPRAISAL:    f.votes_for = 21; break;
            case WF_R_ROUND_OVER:   snprintf(f.today, sizeof f.today, "2026-03-07"); break;
            case WF_R_NO_OBJECTION: f.open_objections = 1; break;
            case WF_R_EXCLUSION:    f.exclusions_ticked = 1; break;
            case WF_R_RECHECK:      f.recheck_passed = 0; break;
            case WF_R_TOWNSHIP:     f.township_approved = 0; break;
            case WF_R_COUNTY:       f.county_approved = 0; break;
            case WF_R_NEXT_POSTED:  f.next_notice_posted = 0; break;
            case WF_R_HH_NO:        f.hh_no_assigned = 0; break;
            case WF_R_EXIT_CHECKS:  f.exit_checks_passed = 0; break;
            case WF_R_REASON:       f.removal_reason = 0; break;
            default: CHECK(!"rule without a test case"); break;
            }
            char why[256] = "";
            CHECK(!wf_can_move(&f, t[i].from, t[i].to, why, sizeof why));
            CHECK(why[0] != '\0');
        }
}

/* The identification path end to end, as the steps of SPEC §3.1. */
TEST(wf_identification_path_in_order)
{
    struct wf_facts f = good_facts();
    enum wf_state path[] = { WF_NONE, WF_APPLIED, WF_SURVEYED, WF_APPRAISED, WF_NOTICE1,
                             WF_RECHECKED, WF_NOTICE2, WF_NOTICE3, WF_REGISTERED };
    for (size_t i = 0; i + 1 < sizeof path / sizeof path[0]; i++)
        CHECK(wf_can_move(&f, path[i], path[i + 1], NULL, 0));
    /* exit path */
    CHECK(wf_can_move(&f, WF_REGISTERED, WF_EXIT_APPRAISED, NULL, 0));
    CHECK(wf_can_move(&f, WF_EXIT_APPRAISED, WF_EXIT_NOTICE1, NULL, 0));
    CHECK(wf_can_move(&f, WF_EXIT_NOTICE1, WF_EXIT_NOTICE2, NULL, 0));
    CHECK(wf_can_move(&f, WF_EXIT_NOTICE2, WF_EXIT_NOTICE3, NULL, 0));
    CHECK(wf_can_move(&f, WF_EXIT_NOTICE3, WF_EXITED, NULL, 0));
    /* relapse and removal */
    CHECK(wf_can_move(&f, WF_EXITED, WF_APPLIED, NULL, 0));
    CHECK(wf_can_move(&f, WF_REGISTERED, WF_REMOVAL_NOTICE, NULL, 0));
    CHECK(wf_can_move(&f, WF_REMOVAL_NOTICE, WF_REMOVED, NULL, 0));
}

TEST(wf_application_needs_signature)
{
    struct wf_facts f = good_facts();
    char why[256];
    CHECK(wf_can_move(&f, WF_NONE, WF_APPLIED, why, sizeof why));
    f.application_signed = 0;
    CHECK(!wf_can_move(&f, WF_NONE, WF_APPLIED, why, sizeof why));
    CHECK_STR(why, "申请书未签字 (申请人已签字: 否)");
}

TEST(wf_survey_needs_two_surveyors_and_signatures)
{
    struct wf_facts f = good_facts();
    char why[256];
    f.surveyors = 2;
    CHECK(wf_can_move(&f, WF_APPLIED, WF_SURVEYED, why, sizeof why));
    f.surveyors = 1;
    CHECK(!wf_can_move(&f, WF_APPLIED, WF_SURVEYED, why, sizeof why));
    CHECK_STR(why, "调查人员只有 1 人, 入户调查须至少 2 名调查人员");
    f.surveyors = 3;
    f.signed_household = 0;
    f.signed_surveyor = 0;
    CHECK(!wf_can_move(&f, WF_APPLIED, WF_SURVEYED, why, sizeof why));
    CHECK_STR(why, "入户调查表缺少签字: 农户签字 调查人签字");
}

TEST(wf_appraisal_two_thirds_boundary)
{
    /* 22 of 33 is exactly 2/3 → passes; 21 of 33 fails; 2 of 3 passes. */
    CHECK(wf_appraisal_passes(22, 33));
    CHECK(!wf_appraisal_passes(21, 33));
    CHECK(wf_appraisal_passes(2, 3));
    CHECK(!wf_appraisal_passes(1, 3));
    CHECK(wf_appraisal_passes(34, 50));
    CHECK(!wf_appraisal_passes(33, 50));      /* 33/50 = 0.66 < 2/3 */
    CHECK(!wf_appraisal_passes(0, 0));
    CHECK_INT(wf_appraisal_needed(33), 22);
    CHECK_INT(wf_appraisal_needed(50), 34);
    CHECK_INT(wf_appraisal_needed(9), 6);
    CHECK_INT(wf_appraisal_needed(3), 2);
    CHECK_INT(wf_appraisal_needed(10), 7);    /* 7*3 = 21 >= 20; 6*3 = 18 < 20 */

    struct wf_facts f = good_facts();
    char why[256];
    f.present = 33;
    f.votes_for = 22; f.votes_against = 10; f.votes_abstain = 1;
    CHECK(wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    f.votes_for = 21; f.votes_against = 11;
    CHECK(!wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    CHECK_STR(why, "赞成票 21 未达到到会代表 33 人的三分之二 (需 22 票)");
    f.votes_for = 20; f.votes_against = 12;
    CHECK(!wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    CHECK_STR(why, "赞成票 20 未达到到会代表 33 人的三分之二 (需 22 票)");
    /* more votes than people present */
    f.votes_for = 30; f.votes_against = 4; f.votes_abstain = 0;
    CHECK(!wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    CHECK_STR(why, "赞成 30 + 反对 4 + 弃权 0 = 34 票, 超过到会代表 33 人");
    f.present = 0;
    CHECK(!wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    /* the exit appraisal uses the same rule */
    f.present = 3; f.votes_for = 2; f.votes_against = 1;
    CHECK(wf_can_move(&f, WF_REGISTERED, WF_EXIT_APPRAISED, why, sizeof why));
    f.votes_for = 1; f.votes_against = 2;
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_EXIT_APPRAISED, why, sizeof why));
    CHECK_STR(why, "赞成票 1 未达到到会代表 3 人的三分之二 (需 2 票)");
}

TEST(wf_notice_end_date_arithmetic)
{
    char end[11];
    CHECK(wf_notice_end("2026-03-01", 7, end));
    CHECK_STR(end, "2026-03-07");
    CHECK(wf_notice_end("20260226", 7, end));      /* across February, not leap */
    CHECK_STR(end, "2026-03-04");
    CHECK(wf_notice_end("2028-02-26", 7, end));    /* leap year */
    CHECK_STR(end, "2028-03-03");
    CHECK(wf_notice_end("2026-12-29", 3, end));    /* project notice, across the year */
    CHECK_STR(end, "2026-12-31");
    CHECK(wf_notice_end("2026-03-01", 1, end));
    CHECK_STR(end, "2026-03-01");
    CHECK(!wf_notice_end("2026-02-30", 7, end));
    CHECK_STR(end, "");
    CHECK(!wf_notice_end("2026-03-01", 0, end));
}

TEST(wf_notice_closes_only_after_end_date)
{
    char why[256];
    CHECK(!wf_notice_over("2026-03-01", "2026-03-07"));
    CHECK(!wf_notice_over("2026-03-07", "2026-03-07"));    /* last day: still open */
    CHECK(wf_notice_over("2026-03-08", "2026-03-07"));
    CHECK(wf_notice_over("20260308", "2026-03-07"));
    CHECK(!wf_notice_over("2026-03-08", ""));
    CHECK(!wf_notice_can_close("2026-03-05", "2026-03-07", why, sizeof why));
    CHECK_STR(why, "公示期至 2026-03-07 结束, 2026-03-08 起方可结束本轮公示 (今天 2026-03-05)");
    CHECK(!wf_notice_can_close("2026-03-07", "2026-03-07", why, sizeof why));
    CHECK(wf_notice_can_close("2026-03-08", "2026-03-07", why, sizeof why));
}

TEST(wf_early_close_refused)
{
    struct wf_facts f = good_facts();
    char why[256];
    snprintf(f.today, sizeof f.today, "2026-03-07");
    CHECK(!wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
    CHECK_STR(why, "公示期至 2026-03-07 结束, 2026-03-08 起方可进行下一步 (今天 2026-03-07)");
    snprintf(f.today, sizeof f.today, "2026-03-08");
    CHECK(wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
    /* no end date known */
    f.notice_end[0] = '\0';
    CHECK(!wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
    CHECK_STR(why, "未找到本户所在公示的结束日期, 不能判断公示是否期满");
    /* exit and removal rounds too */
    snprintf(f.notice_end, sizeof f.notice_end, "2026-03-10");
    CHECK(!wf_can_move(&f, WF_EXIT_NOTICE3, WF_EXITED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_REMOVAL_NOTICE, WF_REMOVED, why, sizeof why));
    snprintf(f.notice_end, sizeof f.notice_end, "2026-03-07");
    CHECK(wf_can_move(&f, WF_EXIT_NOTICE3, WF_EXITED, why, sizeof why));
    CHECK(wf_can_move(&f, WF_REMOVAL_NOTICE, WF_REMOVED, why, sizeof why));
}

TEST(wf_open_objection_blocks)
{
    struct wf_facts f = good_facts();
    char why[256];
    f.open_objections = 2;
    CHECK(!wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
    CHECK_STR(why, "本户有 2 条未处理的异议, 须先核查处理 (维持/取消)");
    CHECK(!wf_can_move(&f, WF_NOTICE3, WF_REGISTERED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_EXIT_NOTICE1, WF_EXIT_NOTICE2, why, sizeof why));
    /* an objection upheld as 取消 still rejects the household */
    CHECK(wf_can_move(&f, WF_NOTICE1, WF_REJECTED, why, sizeof why));
    f.open_objections = 0;
    CHECK(wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
}

TEST(wf_seven_exclusions_need_override)
{
    struct wf_facts f = good_facts();
    char why[256];
    f.exclusions_ticked = 2;
    /* up to step 3 the appraisal may still go ahead */
    CHECK(wf_can_move(&f, WF_SURVEYED, WF_APPRAISED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_APPRAISED, WF_NOTICE1, why, sizeof why));
    CHECK_STR(why, "七不进 勾选了 2 项, 未录入特批理由, 不能进入公示及以后各步");
    CHECK(!wf_can_move(&f, WF_NOTICE3, WF_REGISTERED, why, sizeof why));
    f.exclusion_override = 1;
    CHECK(wf_can_move(&f, WF_APPRAISED, WF_NOTICE1, why, sizeof why));
    CHECK(wf_can_move(&f, WF_NOTICE3, WF_REGISTERED, why, sizeof why));
}

TEST(wf_later_steps_need_their_records)
{
    struct wf_facts f = good_facts();
    char why[256];
    f.recheck_passed = 0;
    CHECK(!wf_can_move(&f, WF_NOTICE1, WF_RECHECKED, why, sizeof why));
    CHECK_STR(why, "乡镇回访核查结果未录入或未通过");
    f = good_facts();
    f.township_approved = 0;
    CHECK(!wf_can_move(&f, WF_RECHECKED, WF_NOTICE2, why, sizeof why));
    CHECK_STR(why, "乡镇审核意见未录入");
    f = good_facts();
    f.next_notice_posted = 0;
    CHECK(!wf_can_move(&f, WF_RECHECKED, WF_NOTICE2, why, sizeof why));
    CHECK_STR(why, "本户未列入已张贴的「二榜公示」名单");
    f = good_facts();
    f.county_approved = 0;
    CHECK(!wf_can_move(&f, WF_NOTICE2, WF_NOTICE3, why, sizeof why));
    CHECK_STR(why, "县级确认 (批文号、批文日期) 未录入");
    f = good_facts();
    f.hh_no_assigned = 0;
    CHECK(!wf_can_move(&f, WF_NOTICE3, WF_REGISTERED, why, sizeof why));
    CHECK_STR(why, "户编号未分配, 不能建档立卡");
    f = good_facts();
    f.exit_checks_passed = 0;
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_EXIT_APPRAISED, why, sizeof why));
    CHECK_STR(why, "脱贫退出核查 (年人均纯收入及两不愁三保障) 未全部通过");
    f = good_facts();
    f.removal_reason = 0;
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_REMOVAL_NOTICE, why, sizeof why));
    CHECK_STR(why, "清退须录入书面原因");
}

TEST(wf_backward_and_skipping_moves_refused)
{
    struct wf_facts f = good_facts();
    char why[256];
    CHECK(!wf_can_move(&f, WF_SURVEYED, WF_APPLIED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_NOTICE1, WF_APPRAISED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_NOTICE3, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_EXITED, WF_REGISTERED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_REMOVED, WF_REGISTERED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_APPLIED, WF_NOTICE1, why, sizeof why));
    CHECK_STR(why, "不能从「已申请」直接转为「一榜公示」 (可转为: 已调查、未通过、已撤回)");
    CHECK(!wf_can_move(&f, WF_APPRAISED, WF_REGISTERED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_NONE, WF_REGISTERED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_EXITED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_NONE, WF_REJECTED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_REGISTERED, WF_WITHDRAWN, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_APPLIED, WF_APPLIED, why, sizeof why));
    CHECK_STR(why, "已处于「已申请」状态");
    CHECK(!wf_can_move(&f, (enum wf_state)99, WF_APPLIED, why, sizeof why));
    CHECK(!wf_can_move(&f, WF_APPLIED, (enum wf_state)-1, why, sizeof why));
}

TEST(wf_reject_and_withdraw_from_every_identification_step)
{
    struct wf_facts f;
    wf_facts_init(&f);      /* nothing recorded at all */
    for (int s = WF_APPLIED; s <= WF_NOTICE3; s++) {
        CHECK(wf_is_identifying((enum wf_state)s));
        CHECK(wf_can_move(&f, (enum wf_state)s, WF_REJECTED, NULL, 0));
        CHECK(wf_can_move(&f, (enum wf_state)s, WF_WITHDRAWN, NULL, 0));
    }
    CHECK(!wf_is_identifying(WF_REGISTERED));
    CHECK(!wf_is_identifying(WF_NONE));
}

TEST(wf_next_states_lists_targets)
{
    enum wf_state out[8];
    size_t n = wf_next_states(WF_APPLIED, out, 8);
    CHECK_INT(n, 3);
    CHECK_INT(out[0], WF_SURVEYED);
    CHECK_INT(out[1], WF_REJECTED);
    CHECK_INT(out[2], WF_WITHDRAWN);
    n = wf_next_states(WF_REGISTERED, out, 8);
    CHECK_INT(n, 2);
    CHECK_INT(out[0], WF_EXIT_APPRAISED);
    CHECK_INT(out[1], WF_REMOVAL_NOTICE);
    CHECK_INT(wf_next_states(WF_EXITED, out, 8), 1);
    CHECK_INT(out[0], WF_APPLIED);
    CHECK_INT(wf_next_states(WF_NOTICE1, out, 1), 3);   /* count beyond max */
    CHECK_INT(out[0], WF_RECHECKED);
}

TEST(wf_labels_and_values_are_stable)
{
    /* the numbers are stored in SQLite */
    CHECK_INT(WF_NOTICE1, 4);
    CHECK_INT(WF_REGISTERED, 8);
    CHECK_INT(WF_EXITED, 15);
    CHECK_INT(WF_REMOVED, 17);
    CHECK_STR(wf_state_label(WF_APPLIED), "已申请");
    CHECK_STR(wf_state_label(WF_NOTICE3), "三榜公示");
    CHECK_STR(wf_state_label(WF_REGISTERED), "已建档立卡");
    CHECK_STR(wf_state_label(WF_REMOVED), "已清退");
    CHECK_STR(wf_state_label((enum wf_state)40), "");
    CHECK_STR(wf_roster_status(WF_REGISTERED), "在册");
    CHECK_STR(wf_roster_status(WF_EXIT_NOTICE2), "在册");
    CHECK_STR(wf_roster_status(WF_REMOVAL_NOTICE), "在册");
    CHECK_STR(wf_roster_status(WF_EXITED), "已脱贫");
    CHECK_STR(wf_roster_status(WF_REMOVED), "已清退");
    CHECK_STR(wf_roster_status(WF_NOTICE2), "识别中");
    CHECK_STR(wf_roster_status(WF_REJECTED), "未通过");
    CHECK_STR(wf_roster_status(WF_WITHDRAWN), "已撤回");
    for (int s = 0; s < WF_STATE_COUNT; s++) {
        CHECK(wf_state_label((enum wf_state)s)[0] != '\0');
        CHECK(wf_roster_status((enum wf_state)s)[0] != '\0');
    }
    CHECK_INT(wf_notice_round(WF_NOTICE2), 2);
    CHECK_INT(wf_notice_round(WF_EXIT_NOTICE3), 3);
    CHECK_INT(wf_notice_round(WF_RECHECKED), 0);
    CHECK(wf_is_past_appraisal(WF_NOTICE1));
    CHECK(wf_is_past_appraisal(WF_REGISTERED));
    CHECK(!wf_is_past_appraisal(WF_APPRAISED));
}

TEST(wf_rule_holds_single_rule)
{
    struct wf_facts f = good_facts();
    char why[256];
    CHECK(wf_rule_holds(WF_R_NO_OBJECTION, &f, why, sizeof why));
    f.open_objections = 1;
    CHECK(!wf_rule_holds(WF_R_NO_OBJECTION, &f, why, sizeof why));
    CHECK_STR(why, "本户有 1 条未处理的异议, 须先核查处理 (维持/取消)");
    f.next_notice_posted = 0;
    CHECK(!wf_rule_holds(WF_R_NEXT_POSTED, &f, why, sizeof why));
    CHECK_STR(why, "本户未列入已张贴的公示名单");
}

TEST(wf_application_is_evidence_from_appraisal_on)
{
    CHECK(!wf_application_is_evidence(WF_NONE));
    CHECK(!wf_application_is_evidence(WF_APPLIED));
    CHECK(!wf_application_is_evidence(WF_SURVEYED));
    for (int s = WF_APPRAISED; s < WF_STATE_COUNT; s++)
        CHECK(wf_application_is_evidence(s));
}
