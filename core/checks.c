/* checks.c — the data-quality check engine (see checks.h): the helpers the
 * checks share, the household's analysis, the one table of checks and the
 * public API.  The check functions of each subject sit beside it
 * (core/checks_member.c, checks_household.c, checks_workflow.c,
 * checks_assist.c, checks_registers.c, checks_inspect.c). */
#include "core/checks.h"
#include "core/checks_priv.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/plan.h"
#include "core/team.h"
#include "core/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------ shared helpers */
/* struct minfo, hhinfo and check_run, and what the check functions of each
 * subject (core/checks_*.c) share: core/checks_priv.h. */

void checks_trim_utf8(char *s)
{
    size_t len = strlen(s);
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (i - 1) < need)
        s[i - 1] = '\0';
}

void checks_emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
{
    if (r->n >= r->max)
        return;
    struct check_result *res = &r->out[r->n++];
    res->def = r->def;
    res->member_index = member;
    snprintf(res->field_key, sizeof res->field_key, "%s", key);
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
    if (len >= (int)sizeof res->message)
        checks_trim_utf8(res->message);
}

void checks_yuan(money_t v, char *out, size_t outsz)
{
    money_format(v, out, outsz);
}

int checks_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

long checks_day_number(const char *s)
{
    int y, m, d;
    if (!s || !date_parse(s, &y, &m, &d))
        return -1;
    return date_to_days(y, m, d);
}

/* Date field problems: "" when fine or empty, else what is wrong. */
static const char *date_problem(const struct check_ctx *ctx, const char *date,
                                char *buf, size_t bufsz)
{
    if (!date[0])
        return "";
    long d = checks_day_number(date);
    if (d < 0)
        return "不是有效日期";
    long t = checks_day_number(ctx->today);
    if (t >= 0 && d > t) {
        snprintf(buf, bufsz, "晚于今天 %s", ctx->today);
        return buf;
    }
    return "";
}

/* "2026-02-30 不是有效日期" / "未填写" for a date field; "" when fine. */
void checks_date_issue(const struct check_ctx *ctx, const char *date, int required,
                       char *out, size_t outsz)
{
    char buf[48];
    out[0] = '\0';
    if (!date[0]) {
        if (required)
            snprintf(out, outsz, "未填写");
        return;
    }
    const char *p = date_problem(ctx, date, buf, sizeof buf);
    if (p[0])
        snprintf(out, outsz, "%.10s %s", date, p);
}

/* --------------------------------------------------- household analysis */

static void make_who(int i, const char *name, char *out, size_t outsz)
{
    char shortname[TEXT_BYTES(NAME_CHARS)];
    snprintf(shortname, sizeof shortname, "%s", name);
    /* Long names stay readable in a 256-byte message. */
    if (text_chars(shortname) > 12) {
        text_truncate_chars(shortname, 11);
        strcat(shortname, "…");
    }
    if (checks_blank(shortname))
        snprintf(out, outsz, "第%d名成员", i + 1);
    else
        snprintf(out, outsz, "第%d名成员「%s」", i + 1, shortname);
}

static void analyse(const struct check_ctx *ctx, const struct household *hh, struct hhinfo *hi)
{
    memset(hi, 0, sizeof *hi);
    hi->n = hh->n_members < 0 ? 0 : hh->n_members > HH_MAX_MEMBERS ? HH_MAX_MEMBERS
                                                                   : hh->n_members;
    if (!date_normalise(hh->survey.survey_date, hi->ref_date) ||
        checks_day_number(hi->ref_date) > checks_day_number(ctx->today))
        snprintf(hi->ref_date, sizeof hi->ref_date, "%s", ctx->today);
    hi->head = -1;
    for (int i = 0; i < hi->n; i++) {
        const struct member *m = &hh->members[i];
        struct minfo *mi = &hi->m[i];
        make_who(i, m->name, mi->who, sizeof mi->who);
        mi->st = idno_parse(m->id_no, &mi->info);
        if (mi->st == IDNO_OK || mi->st == IDNO_UPGRADED)
            memcpy(mi->birth, mi->info.birth, sizeof mi->birth);
        else if (!date_normalise(m->birth, mi->birth))
            mi->birth[0] = '\0';
        mi->age = mi->birth[0] ? age_on(mi->birth, hi->ref_date) : -1;
        if (m->relation == REL_HEAD) {
            hi->heads++;
            hi->head = i;
        }
    }
    if (hi->heads != 1)
        hi->head = -1;
    if (ctx->hh_extra && !ctx->hh_extra(ctx->hh_extra_ud, hh, checks_year(ctx), &hi->extra))
        memset(&hi->extra, 0, sizeof hi->extra);
}

/* ------------------------------------------------------------- the table */

#define E CHECK_ERROR
#define W CHECK_WARNING
static const struct check_def CHECKS[] = {
    /* members */
    { "HH_MEMBER_COUNT", E, CS_HOUSEHOLD, "家庭成员人数", M_MEMBER_COUNT, ck_member_count },
    { "NAME_EMPTY",     E, CS_HOUSEHOLD, "姓名必填", M_NAME_EMPTY, ck_name_empty },
    { "NAME_TOO_LONG",  E, CS_HOUSEHOLD, "姓名过长", M_NAME_LONG, ck_name_long },
    { "NAME_BAD_CHARS", E, CS_HOUSEHOLD, "姓名含控制字符或无效编码", M_NAME_CHARS, ck_name_chars },
    { "NAME_SYMBOL",    W, CS_HOUSEHOLD, "姓名含表情符号", M_NAME_SYMBOL, ck_name_symbol },
    { "ID_EMPTY",       E, CS_HOUSEHOLD, "身份证号必填", M_ID_EMPTY, ck_id_empty },
    { "ID_FORMAT",      E, CS_HOUSEHOLD, "身份证号位数、字符、地区码", M_ID_FORMAT, ck_id_format },
    { "ID_DATE",        E, CS_HOUSEHOLD, "身份证号出生日期", M_ID_DATE, ck_id_date },
    { "ID_CHECKSUM",    E, CS_HOUSEHOLD, "身份证号校验位", M_ID_CHECKSUM, ck_id_checksum },
    { "ID_LEGACY",      W, CS_HOUSEHOLD, "15位旧身份证号", M_ID_LEGACY, ck_id_legacy },
    { "ID_SEX",         E, CS_HOUSEHOLD, "性别与身份证号一致", M_SEX_ID, ck_sex_id },
    { "ID_BIRTH",       E, CS_HOUSEHOLD, "出生日期与身份证号一致", M_BIRTH_ID, ck_birth_id },
    { "ID_DUP_IN_HH",   E, CS_HOUSEHOLD, "户内身份证号重复", M_ID_DUP, ck_id_dup },
    { "ID_DUP_OTHER_HH", E, CS_HOUSEHOLD, "身份证号已在其他户登记", M_ID_OTHER_HH, ck_id_other_hh },
    { "RELATION_EMPTY", E, CS_HOUSEHOLD, "与户主关系必填", M_RELATION_EMPTY, ck_relation_empty },
    { "HEAD_COUNT",     E, CS_HOUSEHOLD, "每户有且只有一名户主", M_HEAD_COUNT, ck_head_count },
    { "HEAD_FIRST",     E, CS_HOUSEHOLD, "户主为第一名成员", M_HEAD_FIRST, ck_head_first },
    { "HEAD_UNDER_16",  W, CS_HOUSEHOLD, "户主未满16岁", M_HEAD_YOUNG, ck_head_young },
    { "CHILD_OLDER",    W, CS_HOUSEHOLD, "子女比户主年长", M_CHILD_OLDER, ck_child_older },
    { "SPOUSE_YOUNG",   W, CS_HOUSEHOLD, "配偶未达法定婚龄", M_SPOUSE_YOUNG, ck_spouse_young },
    { "PARENT_YOUNGER", W, CS_HOUSEHOLD, "父母比户主年轻", M_PARENT_YOUNG, ck_parent_young },
    { "SCHOOL_AGE",     W, CS_HOUSEHOLD, "在校生状况与年龄不符", M_SCHOOL_AGE, ck_school_age },
    { "SCHOOL_DROPOUT", W, CS_HOUSEHOLD, "义务教育年龄非在校生", M_SCHOOL_DROPOUT, ck_school_dropout },
    { "SKILL_AGE",      W, CS_HOUSEHOLD, "劳动技能与年龄不符", M_SKILL_AGE, ck_skill_age },
    { "DISABILITY_NO",  W, CS_HOUSEHOLD, "残疾人缺残疾证号", M_DISABILITY_NO, ck_disability_no },
    /* household */
    { "CAUSE_SCHOOL",   W, CS_HOUSEHOLD, "因学致贫但无在校生", M_CAUSE_SCHOOL, ck_cause_school },
    { "CAUSE_DISABLED", W, CS_HOUSEHOLD, "因残致贫但无残疾成员", M_CAUSE_DISABLED, ck_cause_disabled },
    { "CAUSE_ILLNESS",  W, CS_HOUSEHOLD, "因病致贫但无患病成员", M_CAUSE_ILL, ck_cause_ill },
    { "INCOME_NEGATIVE", E, CS_HOUSEHOLD, "收入各项不能为负", M_INCOME_NEG, ck_income_negative },
    { "INCOME_RANGE",   E, CS_HOUSEHOLD, "收入金额超出范围", M_INCOME_RANGE, ck_income_range },
    { "NET_NEGATIVE",   W, CS_HOUSEHOLD, "家庭年纯收入为负", M_NET_NEG, ck_net_negative },
    { "DECLARED_NEGATIVE", W, CS_HOUSEHOLD, "申报的年人均纯收入为负", M_DECLARED_NEG, ck_declared_negative },
    { "ABOVE_LINE",     W, CS_HOUSEHOLD, "年人均纯收入不低于贫困线", M_ABOVE_LINE, ck_above_line },
    { "EXCLUSION_ADVANCING", E, CS_HOUSEHOLD, "七不进户已进入公示", M_EXCL_ADVANCING, ck_excl_advancing },
    { "EXCLUSION_TICKED", W, CS_HOUSEHOLD, "七不进已勾选", M_EXCL_TICKED, ck_excl_ticked },
    { "HH_DATE",        E, CS_HOUSEHOLD, "申请、受理、调查日期", M_DATE, ck_dates },
    /* what inspections find (issue 16 part 3; core/checks_inspect.c) */
    { "INSP_DIBAO_NO_PAY", W, CS_HOUSEHOLD, "低保贫困户无低保金", M_INSP_DIBAO, ck_insp_dibao },
    { "INSP_NO_MED_INS", W, CS_HOUSEHOLD, "贫困人口未参加基本医疗保险", M_INSP_MED_INS, ck_insp_med_ins },
    { "INSP_DANGER_HOUSE", W, CS_HOUSEHOLD, "在册或退出户住危房", M_INSP_HOUSE, ck_insp_house },
    { "INSP_GENERAL_NO_LABOUR", W, CS_HOUSEHOLD, "无劳动力户属一般贫困户", M_INSP_NO_LABOUR,
      ck_insp_no_labour },
    { "INSP_EXIT_DROPOUT", W, CS_HOUSEHOLD, "退出户有义务教育年龄失学", M_INSP_EXIT_SCHOOL,
      ck_insp_exit_school },
    { "INSP_TEKUN_ABLE", W, CS_HOUSEHOLD, "特困供养户有劳动力成员", M_INSP_TEKUN_ABLE, ck_insp_tekun_able },
    /* notices (Form D) */
    { "NOTICE_SHORT",   E, CS_NOTICE, "公示天数不足", M_NOTICE_SHORT, ck_notice_short },
    { "NOTICE_START",   E, CS_NOTICE, "公示开始日期", M_NOTICE_START, ck_notice_start },
    { "NOTICE_END",     E, CS_NOTICE, "公示结束日期", M_NOTICE_END, ck_notice_end },
    { "NOTICE_BEFORE_MEETING", E, CS_NOTICE, "公示不早于村级评议", M_NOTICE_MEETING, ck_notice_meeting },
    { "NOTICE_ROUND_OVERLAP", E, CS_NOTICE, "上一榜期满后方可公示下一榜", M_NOTICE_OVERLAP, ck_notice_overlap },
    { "NOTICE_APPROVAL_AFTER_START", E, CS_NOTICE, "三榜须先有县级确认批文", M_NOTICE_APPROVAL,
      ck_notice_approval },
    { "NOTICE_POSTED_LATE", E, CS_NOTICE, "公示期已过才张贴", M_NOTICE_LATE, ck_notice_late },
    { "NOTICE_POSTED_LATE_CONFIRMED", W, CS_NOTICE, "逾期张贴已确认原因", M_NOTICE_LATE_OK, ck_notice_late_ok },
    /* 乡镇回访核查, state history */
    { "RECHECK_DURING_NOTICE", E, CS_RECHECK, "一榜期满后方可回访核查", M_RECHECK_EARLY, ck_recheck_early },
    { "HISTORY_DATE_BACKWARDS", E, CS_HISTORY, "状态记录日期倒退", M_HISTORY_BACK, ck_history_back },
    /* aid entries (Form E) */
    { "AID_DATE",       E, CS_AID, "帮扶日期", M_DATE, ck_aid_date },
    { "AID_AFTER_WAIVER", E, CS_AID, "放弃帮扶后不能新增帮扶", M_AID_WAIVER, ck_aid_waiver },
    { "AID_NEGATIVE",   E, CS_AID, "帮扶金额不能为负", M_AID_NEG, ck_aid_negative },
    /* project payments (Form F) */
    { "PAY_DATE",       E, CS_PAYMENT, "拨付日期", M_DATE, ck_pay_date },
    { "PAY_AMOUNT",     E, CS_PAYMENT, "拨付金额须大于0", M_PAY_AMOUNT, ck_pay_amount },
    { "PAY_STAGE",      E, CS_PAYMENT, "拨付阶段必填", M_PAY_STAGE, ck_pay_stage },
    { "PAY_OVER_CAP",   E, CS_PAYMENT, "拨付超过项目上限", M_PAY_CAP, ck_pay_cap },
    { "PAY_OVER_PROJECT", E, CS_PAYMENT, "拨付超过申请金额", M_PAY_PROJECT, ck_pay_project },
    { "PAY_ADVANCE_80", E, CS_PAYMENT, "预付不超过80%", M_PAY_ADVANCE, ck_pay_advance },
    { "PAY_TAIL_BEFORE_ADVANCE", E, CS_PAYMENT, "先预付后尾款", M_PAY_TAIL_FIRST, ck_pay_tail_first },
    { "PAY_TAIL_UNVERIFIED", E, CS_PAYMENT, "尾款须三级核验后拨付", M_PAY_TAIL_CHECK, ck_pay_tail_check },
    /* state moves (SPEC §3.1) */
    { "ADV_NOT_ALLOWED", E, CS_ADVANCE, "状态只能按步骤推进", M_WF, ck_adv_allowed },
    { "ADV_NOTICE_OPEN", E, CS_ADVANCE, "公示期未满不能推进", M_WF, ck_adv_notice },
    { "ADV_OBJECTION",  E, CS_ADVANCE, "有未处理异议不能推进", M_WF, ck_adv_objection },
    { "ADV_EXCLUSION",  E, CS_ADVANCE, "七不进未特批不能推进", M_WF, ck_adv_exclusion },
    { "ADV_PRECONDITION", E, CS_ADVANCE, "推进条件未满足", M_WF, ck_adv_other },
    /* project steps before paying (Form F; only with payment_facts.project) */
    { "PAY_NOT_APPROVED", E, CS_PAYMENT, "项目须经乡镇审定后拨付", M_PAY_APPROVAL, ck_pay_approval },
    { "PAY_BEFORE_NOTICE_END", E, CS_PAYMENT, "项目公示期满后方可拨付", M_PAY_NOTICE, ck_pay_notice },
    { "PAY_BEFORE_START", E, CS_PAYMENT, "预付须在开工后", M_PAY_START, ck_pay_start },
    /* projects (Form F) */
    { "PRJ_OVER_CAP",   E, CS_PROJECT, "项目申请金额超过上限", M_PRJ_CAP, ck_prj_cap },
    { "PRJ_APPRAISAL_SIZE", E, CS_PROJECT, "项目评议代表9–15人单数", M_PRJ_SIZE, ck_prj_size },
    { "PRJ_APPRAISAL_VOTES", E, CS_PROJECT, "项目评议须三分之二赞成", M_PRJ_VOTES, ck_prj_votes },
    { "PRJ_ORDER",      E, CS_PROJECT, "项目步骤顺序", M_PRJ_ORDER, ck_prj_order },
    { "PRJ_NOTICE_SHORT", E, CS_PROJECT, "项目公示天数不足", M_PRJ_NOTICE, ck_prj_notice },
    { "VERIFY_VILLAGE_OVERDUE", W, CS_PROJECT, "村级核验逾期", M_PRJ_OVERDUE, ck_prj_village_overdue },
    { "VERIFY_TOWNSHIP_OVERDUE", W, CS_PROJECT, "乡镇核验逾期", M_PRJ_OVERDUE, ck_prj_township_overdue },
    /* a household's assistance (SPEC §3.2) */
    { "HH_NO_HELPER",   W, CS_ASSIST, "建档立卡户未指定帮扶责任人", M_NO_HELPER, ck_no_helper },
    { "AID_UNCONFIRMED", W, CS_ASSIST, "帮扶记录超期未签字确认", M_AID_UNSIGNED, ck_aid_unsigned },
    { "HELPER_NO_VISIT", W, CS_ASSIST, "帮扶责任人本年未走访", M_INSP_NO_VISIT, ck_insp_no_visit },
    /* 防返贫监测 (issue 15 item 4) */
    { "MON_NO_MEASURE", W, CS_MONITOR, "监测对象超期未落实帮扶措施", M_MON_NO_MEASURE, ck_mon_no_measure },
    /* 帮扶规划 (issue 15 item 3) */
    { "PLAN_NOT_REGISTERED", E, CS_PLAN, "帮扶规划只为在册户制定", M_PLAN_UNREG, ck_plan_unregistered },
    { "PLAN_EMPTY",     E, CS_PLAN, "帮扶规划至少一项措施", M_PLAN_EMPTY, ck_plan_empty },
    { "PLAN_MEASURE",   E, CS_PLAN, "规划措施代码、不重复", M_PLAN_MEASURE, ck_plan_measure },
    { "PLAN_DEADLINE",  E, CS_PLAN, "完成期限在规划年度内", M_PLAN_DEADLINE, ck_plan_deadline },
    { "PLAN_HELPER",    E, CS_PLAN, "责任人为该户帮扶责任人", M_PLAN_HELPER, ck_plan_helper },
    { "PLAN_MISSING",   W, CS_PLAN, "在册户逾期未制定帮扶规划", M_PLAN_MISSING, ck_plan_missing },
    { "PLAN_NO_AID",    W, CS_PLAN, "规划措施年底仍无帮扶记录", M_PLAN_NO_AID, ck_plan_no_aid },
    /* 驻村工作队 (issue 15 item 2) */
    { "TEAM_NO_LEADER", W, CS_TEAM, "驻村工作队有的日子没有队长", M_TEAM_NO_LEADER, ck_team_no_leader },
    { "TEAM_TWO_SECRETARIES", W, CS_TEAM, "同一天两名第一书记", M_TEAM_TWO_SECRETARIES, ck_team_secretaries },
    /* 扶贫小额信贷 (issue 16 part 2) */
    { "LOAN_AMOUNT",    E, CS_LOAN, "小额信贷金额不超过5万元", M_LOAN_AMOUNT, ck_loan_amount },
    { "LOAN_TERM",      E, CS_LOAN, "小额信贷期限不超过3年", M_LOAN_TERM, ck_loan_term },
    { "LOAN_DATES",     E, CS_LOAN, "放款、到期、还款日期", M_LOAN_DATES, ck_loan_dates },
    { "LOAN_REPAID_OVER", E, CS_LOAN, "累计还款不超过贷款金额", M_LOAN_REPAID, ck_loan_repaid },
    { "LOAN_OVERDUE",   W, CS_LOAN, "小额信贷逾期未还清", M_LOAN_OVERDUE, ck_loan_overdue },
    /* 就业/培训 (issue 16 part 2) */
    { "TRAIN_KIND",     E, CS_TRAINING, "就业培训类别代码", M_TRAIN_KIND, ck_train_kind },
    { "TRAIN_DATES",    E, CS_TRAINING, "开始日期不晚于结束日期", M_TRAIN_DATES, ck_train_dates },
    { "TRAIN_INCOME",   E, CS_TRAINING, "收入不为负且在范围内", M_TRAIN_INCOME, ck_train_income },
    /* 易地扶贫搬迁 (issue 16 part 2) */
    { "RELOC_MODE",     E, CS_RELOCATION, "安置方式代码", M_RELOC_MODE, ck_reloc_mode },
    { "RELOC_DATE",     E, CS_RELOCATION, "搬迁入住日期不晚于今天", M_RELOC_DATE, ck_reloc_date },
    { "RELOC_PEOPLE",   E, CS_RELOCATION, "搬迁人数在1至本户人数之间", M_RELOC_PEOPLE, ck_reloc_people },
    { "RELOC_AREA",     E, CS_RELOCATION, "住房面积须大于0", M_RELOC_AREA, ck_reloc_area },
    { "RELOC_AREA_PER_PERSON", W, CS_RELOCATION, "人均住房面积不超过25平方米", M_RELOC_PER_PERSON,
      ck_reloc_per_person },
    { "RELOC_SUBSIDY",  E, CS_RELOCATION, "建房补助不为负且在范围内", M_RELOC_SUBSIDY, ck_reloc_subsidy },
    /* 资产收益扶贫 (issue 16 part 2) */
    { "DIV_SHARES",     E, CS_DIVIDEND, "股数须大于0", M_DIV_SHARES, ck_div_shares },
    { "DIV_AMOUNT",     E, CS_DIVIDEND, "入股、分红金额不为负", M_DIV_AMOUNT, ck_div_amounts },
    { "DIV_YEAR",       E, CS_DIVIDEND, "入股、分红年度", M_DIV_YEAR, ck_div_year },
    { "DIV_DUP_YEAR",   E, CS_DIVIDEND, "每年一条分红", M_DIV_DUP, ck_div_dup },
};
#undef E
#undef W
#define N_CHECKS (sizeof CHECKS / sizeof CHECKS[0])

/* ------------------------------------------------------------ public API */

void checks_ctx_init(struct check_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    clock_today(ctx->today);
    ctx->lines = lines_seeded(&ctx->n_lines);
    ctx->labour = LABOUR_AGES_DEFAULT;
    ctx->notice_days = 7;
    ctx->cap_income = 3000000;
    ctx->cap_housing = 5000000;
    ctx->stage_first_pct = 80;
    ctx->project_notice_days = 3;
    ctx->project_meeting_min = 9;
    ctx->project_meeting_max = 15;
    ctx->verify_village_days = 15;
    ctx->verify_township_days = 15;
    ctx->aid_confirm_days = 30;
    ctx->monitor_stale_months = 3;
    snprintf(ctx->plan_deadline, sizeof ctx->plan_deadline, "%s", PLAN_DEADLINE_DEFAULT);
    snprintf(ctx->plan_review, sizeof ctx->plan_review, "%s", PLAN_REVIEW_DEFAULT);
}

int checks_year(const struct check_ctx *ctx)
{
    int y, m, d;
    if (ctx->year > 0)
        return ctx->year;
    return date_parse(ctx->today, &y, &m, &d) ? y : 0;
}

const struct check_def *checks_table(size_t *n)
{
    *n = N_CHECKS;
    return CHECKS;
}

const struct check_def *checks_find(const char *id)
{
    for (size_t i = 0; i < N_CHECKS; i++)
        if (strcmp(CHECKS[i].id, id) == 0)
            return &CHECKS[i];
    return NULL;
}

const char *checks_level_label(enum check_level level)
{
    return level == CHECK_ERROR ? "错误" : level == CHECK_WARNING ? "警告" : "";
}

size_t checks_count(const struct check_result *results, size_t n, enum check_level level)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (results[i].def && results[i].def->level == level)
            c++;
    return c;
}

static size_t run_subject(const struct check_ctx *ctx, enum check_subject subject,
                          const struct hhinfo *hi, const void *facts,
                          struct check_result *out, size_t max)
{
    struct check_run r = { .ctx = ctx, .hi = hi, .out = out, .max = max };
    for (size_t i = 0; i < N_CHECKS; i++)
        if (CHECKS[i].subject == subject) {
            r.def = &CHECKS[i];
            CHECKS[i].run(&r, facts);
        }
    return r.n;
}

size_t checks_run_household(const struct check_ctx *ctx, const struct household *hh,
                            struct check_result *out, size_t max)
{
    struct hhinfo hi;
    analyse(ctx, hh, &hi);
    return run_subject(ctx, CS_HOUSEHOLD, &hi, hh, out, max);
}

size_t checks_run_notice(const struct check_ctx *ctx, const struct notice_facts *nf,
                         struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_NOTICE, NULL, nf, out, max);
}

size_t checks_run_aid(const struct check_ctx *ctx, const struct aid_facts *af,
                      struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_AID, NULL, af, out, max);
}

size_t checks_run_payment(const struct check_ctx *ctx, const struct payment_facts *pf,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_PAYMENT, NULL, pf, out, max);
}

size_t checks_run_advance(const struct check_ctx *ctx, const struct advance_facts *af,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_ADVANCE, NULL, af, out, max);
}

/* Appends src to dst (size sz), cutting at a whole character when full. */
static void append(char *dst, size_t sz, const char *src)
{
    size_t len = strlen(dst), n = strlen(src);
    if (len + 1 >= sz)
        return;
    if (n > sz - 1 - len)
        n = sz - 1 - len;
    memcpy(dst + len, src, n);
    dst[len + n] = '\0';
    checks_trim_utf8(dst);
}

/* Appends "name" to a 、-separated list. */
void checks_list_add(char *list, size_t sz, const char *name)
{
    if (list[0])
        append(list, sz, "、");
    append(list, sz, name);
}

void checks_exit_criteria(const struct check_ctx *ctx, const struct household *hh,
                          struct exit_criteria *ec)
{
    struct hhinfo hi;
    analyse(ctx, hh, &hi);
    memset(ec, 0, sizeof *ec);
    const struct survey *sv = &hh->survey;

    int ty, tm, td;
    ec->year = sv->year > 0 ? sv->year : date_parse(ctx->today, &ty, &tm, &td) ? ty : 0;
    if (checks_income_sane(sv))
        ec->per_capita = income_per_capita(sv, hi.n);
    int standard = sv->standard ? sv->standard : STD_NATIONAL;
    ec->line_found = lines_lookup(ctx->lines, ctx->n_lines, ec->year, standard, LINE_EXIT,
                                  &ec->exit_line);
    ec->income_ok = ec->line_found && checks_income_sane(sv) && hi.n > 0 &&
                    ec->per_capita >= ec->exit_line;

    ec->food = 1;
    ec->clothing = 1;
    ec->education = 1;
    ec->medical = hi.n > 0;
    char uninsured[100] = "";
    for (int i = 0; i < hi.n; i++) {
        const struct member *m = &hh->members[i];
        if (m->schooling == SCHOOL_NONE && checks_compulsory_age(hi.m[i].age)) {
            char who[160];
            snprintf(who, sizeof who, "%s(%d岁)非在校生", m->name, hi.m[i].age);
            ec->education = 0;
            checks_list_add(ec->education_note, sizeof ec->education_note, who);
        }
        if (!m->med_ins) {
            ec->medical = 0;
            checks_list_add(uninsured, sizeof uninsured, m->name[0] ? m->name : "(未填姓名)");
        }
    }
    if (!ec->medical && uninsured[0]) {
        snprintf(ec->medical_note, sizeof ec->medical_note, "未参保: %s", uninsured);
        checks_trim_utf8(ec->medical_note);
    }
    ec->housing = !sv->dangerous_house;
    ec->water = sv->water_safe ? 1 : 0;
}

size_t checks_run_project(const struct check_ctx *ctx, const struct project_facts *pf,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_PROJECT, NULL, pf, out, max);
}

size_t checks_run_assist(const struct check_ctx *ctx, const struct assist_facts *af,
                         struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_ASSIST, NULL, af, out, max);
}

size_t checks_run_recheck(const struct check_ctx *ctx, const struct recheck_facts *rf,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_RECHECK, NULL, rf, out, max);
}

size_t checks_run_history(const struct check_ctx *ctx, const struct history_facts *hf,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_HISTORY, NULL, hf, out, max);
}

size_t checks_run_monitor(const struct check_ctx *ctx, const struct monitor_check_facts *mf,
                          struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_MONITOR, NULL, mf, out, max);
}

size_t checks_run_plan(const struct check_ctx *ctx, const struct plan_facts *pf,
                       struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_PLAN, NULL, pf, out, max);
}

size_t checks_run_team(const struct check_ctx *ctx, const struct team_check_facts *tf,
                       struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_TEAM, NULL, tf, out, max);
}

size_t checks_run_loan(const struct check_ctx *ctx, const struct loan_facts *lf,
                       struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_LOAN, NULL, lf, out, max);
}

size_t checks_run_training(const struct check_ctx *ctx, const struct training *t,
                           struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_TRAINING, NULL, t, out, max);
}

size_t checks_run_relocation(const struct check_ctx *ctx, const struct relocation *rl,
                             struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_RELOCATION, NULL, rl, out, max);
}

size_t checks_run_dividend(const struct check_ctx *ctx, const struct dividend_facts *df,
                           struct check_result *out, size_t max)
{
    return run_subject(ctx, CS_DIVIDEND, NULL, df, out, max);
}
