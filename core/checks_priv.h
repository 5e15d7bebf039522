/* checks_priv.h — what the check engine's own files share: the state of
 * one run, the household's analysis, the emitter and small helpers (mostly
 * in core/checks.c), and the check functions of each subject with their message
 * templates (core/checks_member.c, checks_household.c, checks_workflow.c,
 * checks_assist.c, checks_registers.c, checks_inspect.c), which the one table
 * of core/checks.c names.  Not for callers: they use core/checks.h. */
#ifndef FUPIN_CHECKS_PRIV_H
#define FUPIN_CHECKS_PRIV_H
#include "core/checks.h"
#include "core/idno.h"

/* Compulsory education (义务教育): nine years from age 6 — ages 6 to 15
 * inclusive, at the household's reference date. */
enum { SCHOOL_AGE_MIN = 6, SCHOOL_AGE_MAX = 15 };

/* 劳动技能 (CL_SKILL) by list position; codes.h names none. */
enum { SK_COMMON = 1, SK_SKILLED = 2, SK_WEAK = 3, SK_LOST = 4, SK_NONE = 5 };

struct minfo {
    enum idno_status st;
    struct idno_info info;      /* valid when st is IDNO_OK / IDNO_UPGRADED */
    char birth[11];             /* from the ID, else member.birth; "" unknown */
    int  age;                   /* at the reference date; -1 unknown */
    char who[160];              /* "第2名成员「李四」" */
};

struct hhinfo {
    int  n;                     /* members, clamped to 0..HH_MAX_MEMBERS */
    char ref_date[11];          /* survey date, else today */
    int  heads;                 /* members with relation 户主 */
    int  head;                  /* index of the only head, else -1 */
    struct minfo m[HH_MAX_MEMBERS];
    /* From ctx->hh_extra (core/checks.h); extra.known = 0 without it. */
    struct hh_extra extra;
};

struct check_run {
    const struct check_ctx *ctx;
    const struct check_def *def;
    const struct hhinfo *hi;    /* household runs only */
    struct check_result *out;
    size_t max, n;
};

/* Stores one result of the running check (dropped when out is full). */
void checks_emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The household a CS_HOUSEHOLD check is given. */
#define HH(subject) ((const struct household *)(subject))

/* Helpers the checks share: core/checks.c unless said otherwise. */
/* Cuts a truncated string back to a whole UTF-8 character. */
void checks_trim_utf8(char *s);
/* Yuan as money_format writes them ("1234.50"). */
void checks_yuan(money_t v, char *out, size_t outsz);
/* 1 when s is only spaces and tabs (or empty). */
int checks_blank(const char *s);
/* A date's day number (date_to_days), -1 when s is not a date (or NULL). */
long checks_day_number(const char *s);
/* "2026-02-30 不是有效日期" / "未填写" (when required) for a date field;
 * "" when fine. */
void checks_date_issue(const struct check_ctx *ctx, const char *date, int required,
                       char *out, size_t outsz);
/* Appends "name" to a 、-separated list (size sz), cut at a whole character. */
void checks_list_add(char *list, size_t sz, const char *name);
/* Of compulsory-education age, SCHOOL_AGE_MIN..MAX (core/checks_member.c). */
int checks_compulsory_age(int age);
/* 1 when every income part of the survey is within 0..1亿元, so sums are
 * safe to compute (core/checks_household.c). */
int checks_income_sane(const struct survey *sv);

/* Messages and check functions of each subject.  Each template is the
 * table's message and the format its function prints with, so the compiler
 * checks the arguments against the table's text. */
/* Messages shared by several subjects. */
#define M_DATE           "%s %s"

/* core/checks_member.c: the members (CS_HOUSEHOLD). */
#define M_MEMBER_COUNT   "家庭成员 %d 人: %s"
#define M_NAME_EMPTY     "%s 的 姓名 未填写"
#define M_NAME_LONG      "%s 的 姓名 有 %zu 个字, 超过 %d 字"
#define M_NAME_CHARS     "%s 的 姓名 含有%s, 请重新录入"
#define M_NAME_SYMBOL    "%s 的 姓名 含有表情或图形符号 (%s), 请核对"
#define M_ID_EMPTY       "%s 的 身份证号 未填写"
#define M_ID_FORMAT      "%s 的 身份证号 %s: %s"
#define M_ID_DATE        "%s 的 身份证号 %s: %s"
#define M_ID_CHECKSUM    "%s 的 身份证号 %s 校验位错误: 第18位为 %c, 按前17位应为 %c"
#define M_ID_LEGACY      "%s 的 身份证号 %s 为15位旧号码, 保存时升级为 %s"
#define M_SEX_ID         "%s 的 性别 为 %s, 与身份证号第17位 %c (%s) 不符"
#define M_BIRTH_ID       "%s 的 出生日期 %s 与身份证号中的 %s 不符"
#define M_ID_DUP         "%s 的 身份证号 %s 与 %s 重复"
#define M_ID_OTHER_HH    "%s 的 身份证号 %s 已登记在其他户: %s"
#define M_RELATION_EMPTY "%s 的 与户主关系 未填写"
#define M_HEAD_COUNT     "与户主关系 为 户主 的有 %d 人%s, 每户须有且只有 1 名户主"
#define M_HEAD_FIRST     "户主 %s 排在第 %d 位, 户主须为第 1 名成员"
#define M_HEAD_YOUNG     "户主 %s 现年 %d 岁, 未满 16 岁, 请核对"
#define M_CHILD_OLDER    "%s 与户主关系 为 %s, 出生于 %s, 比户主 (出生于 %s) 年长, 请核对"
#define M_SPOUSE_YOUNG   "%s 与户主关系 为 配偶, 现年 %d 岁, 未达法定婚龄 (%s %d 岁), 请核对"
#define M_PARENT_YOUNG   "%s 与户主关系 为 %s, 出生于 %s, 比户主 (出生于 %s) 年轻, 请核对"
#define M_SCHOOL_AGE     "%s 的 在校生状况 为 %s, 但现年 %d 岁 (%s一般为 %d–%d 岁), 请核对"
#define M_SCHOOL_DROPOUT "%s 现年 %d 岁, 属义务教育年龄 (6–15 岁), 在校生状况 却为 非在校生"
#define M_SKILL_AGE      "%s 现年 %d 岁%s, 劳动技能 却为 %s, 请核对"
#define M_DISABILITY_NO  "%s 的 健康状况 为 残疾, 残疾证号 未填写"
void ck_member_count(struct check_run *r, const void *s);
void ck_name_empty(struct check_run *r, const void *s);
void ck_name_long(struct check_run *r, const void *s);
void ck_name_chars(struct check_run *r, const void *s);
void ck_name_symbol(struct check_run *r, const void *s);
void ck_id_empty(struct check_run *r, const void *s);
void ck_id_format(struct check_run *r, const void *s);
void ck_id_date(struct check_run *r, const void *s);
void ck_id_checksum(struct check_run *r, const void *s);
void ck_id_legacy(struct check_run *r, const void *s);
void ck_sex_id(struct check_run *r, const void *s);
void ck_birth_id(struct check_run *r, const void *s);
void ck_id_dup(struct check_run *r, const void *s);
void ck_id_other_hh(struct check_run *r, const void *s);
void ck_relation_empty(struct check_run *r, const void *s);
void ck_head_count(struct check_run *r, const void *s);
void ck_head_first(struct check_run *r, const void *s);
void ck_head_young(struct check_run *r, const void *s);
void ck_child_older(struct check_run *r, const void *s);
void ck_spouse_young(struct check_run *r, const void *s);
void ck_parent_young(struct check_run *r, const void *s);
void ck_school_age(struct check_run *r, const void *s);
void ck_school_dropout(struct check_run *r, const void *s);
void ck_skill_age(struct check_run *r, const void *s);
void ck_disability_no(struct check_run *r, const void *s);

/* core/checks_household.c: the household as a whole (CS_HOUSEHOLD). */
#define M_CAUSE_SCHOOL   "%s 为 因学, 但家庭成员中没有在校生 (在校生状况 均为 非在校生 或未填)"
#define M_CAUSE_DISABLED "%s 为 因残, 但家庭成员中没有 健康状况 为 残疾 的人"
#define M_CAUSE_ILL      "%s 为 因病, 但家庭成员中没有 健康状况 为 长期慢性病 或 患有大病 的人"
#define M_INCOME_NEG     "%s 为 %s 元, 收入不能为负数"
#define M_INCOME_RANGE   "%s 为 %s 元, 超过 1 亿元, 请核对"
#define M_DECLARED_NEG   "申报的年人均纯收入为 %s 元（负数，无收入明细），请核对"
#define M_NET_NEG        "家庭年纯收入 为 %s 元 (生产经营性支出 %s 元 大于各项收入合计), 请核对"
#define M_ABOVE_LINE     "年人均纯收入 %s 元 不低于 %d年 %s 贫困线 %s, 家庭 %d 人"
#define M_EXCL_ADVANCING "七不进 勾选了 %d 项 (%s), 未录入 七不进特批理由, 状态却已为 %s"
#define M_EXCL_TICKED    "七不进 勾选了 %d 项 (%s): 未录入 七不进特批理由 前不能进入公示"
void ck_cause_school(struct check_run *r, const void *s);
void ck_cause_disabled(struct check_run *r, const void *s);
void ck_cause_ill(struct check_run *r, const void *s);
void ck_income_negative(struct check_run *r, const void *s);
void ck_income_range(struct check_run *r, const void *s);
void ck_net_negative(struct check_run *r, const void *s);
void ck_declared_negative(struct check_run *r, const void *s);
void ck_above_line(struct check_run *r, const void *s);
void ck_excl_advancing(struct check_run *r, const void *s);
void ck_excl_ticked(struct check_run *r, const void *s);
void ck_dates(struct check_run *r, const void *s);

/* core/checks_workflow.c: notices (CS_NOTICE), 回访核查 (CS_RECHECK), state history (CS_HISTORY), state moves (CS_ADVANCE). */
#define M_NOTICE_SHORT   "公示 天数 %d 天, 少于规定的 %d 天"
#define M_NOTICE_START   "公示 开始日期 %s %s"
#define M_NOTICE_END     "公示 结束日期 %s 与 开始日期 %s 起 %d 天 不符 (应为 %s)"
#define M_NOTICE_MEETING "公示 开始日期 %s 早于 村级评议会议日期 %s, 开始日期应为 %s 或之后"
#define M_NOTICE_OVERLAP "公示 开始日期 %s 在上一榜公示期内 (上一榜 %s 结束), 开始日期应为 %s 或之后"
#define M_NOTICE_APPROVAL "县级确认批文日期 %s 晚于 公示开始日期 %s, 批文日期应为 %s 或之前"
#define M_NOTICE_LATE    "公示期 %s 至 %s 已过, 张贴日期 %s: 逾期张贴须确认并填写原因 (按期张贴应不晚于 %s)"
#define M_NOTICE_LATE_OK "公示期 %s 至 %s 已过才张贴 (张贴日期 %s), 已确认原因: %s"
#define M_RECHECK_EARLY  "回访核查 日期 %s 在一榜公示期 %s 至 %s 内, 公示期满后方可核查 (核查日期应为 %s 或之后)"
#define M_HISTORY_BACK   "状态记录 第 %zu 条「%s → %s」日期 %s 早于 前一条的 %s, 应为 %s 或之后"
#define M_WF             "%s"
void ck_notice_short(struct check_run *r, const void *s);
void ck_notice_start(struct check_run *r, const void *s);
void ck_notice_end(struct check_run *r, const void *s);
void ck_notice_meeting(struct check_run *r, const void *s);
void ck_notice_overlap(struct check_run *r, const void *s);
void ck_notice_approval(struct check_run *r, const void *s);
void ck_notice_late(struct check_run *r, const void *s);
void ck_notice_late_ok(struct check_run *r, const void *s);
void ck_recheck_early(struct check_run *r, const void *s);
void ck_history_back(struct check_run *r, const void *s);
void ck_adv_allowed(struct check_run *r, const void *s);
void ck_adv_notice(struct check_run *r, const void *s);
void ck_adv_objection(struct check_run *r, const void *s);
void ck_adv_exclusion(struct check_run *r, const void *s);
void ck_adv_other(struct check_run *r, const void *s);

/* core/checks_assist.c: aid (CS_AID), payments (CS_PAYMENT), projects (CS_PROJECT), assistance (CS_ASSIST), monitoring (CS_MONITOR), plans (CS_PLAN), teams (CS_TEAM). */
#define M_AID_WAIVER     "帮扶 日期 %s 在 放弃帮扶声明 (%s) 之后, 不能新增帮扶记录"
#define M_AID_NEG        "%s 为 %s 元, 不能为负数"
#define M_PAY_AMOUNT     "拨付 金额 %s 元, 须大于 0"
#define M_PAY_STAGE      "拨付 阶段 未填写 (预付 或 尾款)"
#define M_PAY_CAP        "拨付后累计 %s 元 超过 %s %s 元"
#define M_PAY_PROJECT    "拨付后本项目累计 %s 元 超过 申请金额 %s 元"
#define M_PAY_ADVANCE    "预付 后累计 %s 元 超过 申请金额 %s 元 的 %d%% (%s 元); 合作方为 村委会 时方可开工时全额拨付"
#define M_PAY_TAIL_FIRST "尚未拨付预付款, 不能先拨付 尾款"
#define M_PAY_TAIL_CHECK "尾款 须在村级、乡镇、县级核验后拨付 (未完成: %s)"
#define M_PAY_APPROVAL   "项目 尚未经 乡镇审定, 不能拨付"
#define M_PAY_NOTICE     "项目公示 %s%s, 公示期满后方可拨付 (拨付日期 %s)"
#define M_PAY_START      "预付 须在开工后拨付: %s"
#define M_PRJ_CAP        "申请金额 %s 元 加本户同类项目 %s 元 共 %s 元, 超过 %s %s 元"
#define M_PRJ_SIZE       "项目评议 村民代表 %d 人, 须为 %d–%d 人的单数"
#define M_PRJ_VOTES      "项目评议 赞成票 %d 未达到 村民代表 %d 人的三分之二 (需 %d 票)"
#define M_PRJ_ORDER      "%s 已填写, 但 %s"
#define M_PRJ_NOTICE     "项目公示 天数 %d 天, 少于规定的 %d 天"
#define M_PRJ_OVERDUE    "%s 逾期: %s %s, 应于 %s 前完成%s"
#define M_NO_HELPER      "%s户 尚未指定 帮扶责任人 (一对一帮扶)"
#define M_AID_UNSIGNED   "有 %zu 条帮扶记录 超过 %d 天 未签字确认 (最早 %s)"
#define M_MON_NO_MEASURE "监测记录 %s 识别，已超过 %d 个月仍未落实帮扶措施"
#define M_PLAN_UNREG     "该户 %d年 不在册 (未建档立卡，或已脱贫、已清退)，不能制定帮扶规划：帮扶规划只为在册贫困户制定 (一户一法)"
#define M_PLAN_EMPTY     "帮扶规划 至少要列一项 帮扶措施"
#define M_PLAN_MEASURE   "第 %zu 项 帮扶措施 %s"
#define M_PLAN_DEADLINE  "第 %zu 项 完成期限 %s 不在 %d 年内 (年度帮扶计划)"
#define M_PLAN_HELPER    "第 %zu 项 责任人 不是该户的帮扶责任人，请在该户的帮扶责任人中选择"
#define M_TEAM_NO_LEADER TEAM_GAP_FMT
#define M_TEAM_TWO_SECRETARIES "%s 起本村同时有两名第一书记 (%s、%s)"
#define M_PLAN_MISSING   "%d年 帮扶规划 未制定：在册贫困户须在 %s 前制定帮扶规划 (一户一法)"
#define M_PLAN_NO_AID    "%d年 帮扶规划 的措施 %s 到 %s 仍无该类帮扶记录"
void ck_aid_date(struct check_run *r, const void *s);
void ck_aid_waiver(struct check_run *r, const void *s);
void ck_aid_negative(struct check_run *r, const void *s);
void ck_pay_date(struct check_run *r, const void *s);
void ck_pay_amount(struct check_run *r, const void *s);
void ck_pay_stage(struct check_run *r, const void *s);
void ck_pay_cap(struct check_run *r, const void *s);
void ck_pay_project(struct check_run *r, const void *s);
void ck_pay_advance(struct check_run *r, const void *s);
void ck_pay_tail_first(struct check_run *r, const void *s);
void ck_pay_tail_check(struct check_run *r, const void *s);
void ck_pay_approval(struct check_run *r, const void *s);
void ck_pay_notice(struct check_run *r, const void *s);
void ck_pay_start(struct check_run *r, const void *s);
void ck_prj_cap(struct check_run *r, const void *s);
void ck_prj_size(struct check_run *r, const void *s);
void ck_prj_votes(struct check_run *r, const void *s);
void ck_prj_order(struct check_run *r, const void *s);
void ck_prj_notice(struct check_run *r, const void *s);
void ck_prj_village_overdue(struct check_run *r, const void *s);
void ck_prj_township_overdue(struct check_run *r, const void *s);
void ck_no_helper(struct check_run *r, const void *s);
void ck_aid_unsigned(struct check_run *r, const void *s);
void ck_mon_no_measure(struct check_run *r, const void *s);
void ck_team_no_leader(struct check_run *r, const void *s);
void ck_team_secretaries(struct check_run *r, const void *s);
void ck_plan_unregistered(struct check_run *r, const void *s);
void ck_plan_empty(struct check_run *r, const void *s);
void ck_plan_measure(struct check_run *r, const void *s);
void ck_plan_deadline(struct check_run *r, const void *s);
void ck_plan_helper(struct check_run *r, const void *s);
void ck_plan_missing(struct check_run *r, const void *s);
void ck_plan_no_aid(struct check_run *r, const void *s);

/* core/checks_registers.c: the measure registers (CS_LOAN, CS_TRAINING, CS_RELOCATION, CS_DIVIDEND). */
#define M_LOAN_AMOUNT   "贷款金额 %s 元: %s"
#define M_LOAN_TERM     "贷款期限 %d 个月: 应为 1–%d 个月 (3年以内)"
#define M_LOAN_DATES    "%s"
#define M_LOAN_REPAID   "累计还款 %s 元 超过贷款金额 %s 元 (多 %s 元)"
#define M_LOAN_OVERDUE  "贷款已于 %s 到期, 尚欠 %s 元, 已逾期 %ld 天"
#define M_TRAIN_KIND    "类别 %d 不在代码表中 (1 技能培训, 2 务工就业, 3 公益性岗位)"
#define M_TRAIN_DATES   "%s"
#define M_TRAIN_INCOME  "收入 %s 元: %s"
#define M_RELOC_MODE    "安置方式 %d 不在代码表中 (1–4 集中安置, 5–7 分散安置)"
#define M_RELOC_DATE    "%s"
#define M_RELOC_PEOPLE  "搬迁人数 %d: 须在 1 至本户人数 %d 之间"
#define M_RELOC_AREA    "住房面积 %s ㎡: %s"
#define M_RELOC_PER_PERSON "人均住房面积 %s ㎡ 超过 25 ㎡ (易地扶贫搬迁人均住房面积不超过25平方米)"
#define M_RELOC_SUBSIDY "建房补助 %s 元: %s"
#define M_DIV_SHARES    "股数 %d: 须大于0"
#define M_DIV_AMOUNT    "%s %s 元: %s"
#define M_DIV_YEAR      "%s"
#define M_DIV_DUP       "%d 年的分红已登记, 每年一条 (请修改那一条)"
void ck_loan_amount(struct check_run *r, const void *s);
void ck_loan_term(struct check_run *r, const void *s);
void ck_loan_dates(struct check_run *r, const void *s);
void ck_loan_repaid(struct check_run *r, const void *s);
void ck_loan_overdue(struct check_run *r, const void *s);
void ck_train_kind(struct check_run *r, const void *s);
void ck_train_dates(struct check_run *r, const void *s);
void ck_train_income(struct check_run *r, const void *s);
void ck_reloc_mode(struct check_run *r, const void *s);
void ck_reloc_date(struct check_run *r, const void *s);
void ck_reloc_people(struct check_run *r, const void *s);
void ck_reloc_area(struct check_run *r, const void *s);
void ck_reloc_per_person(struct check_run *r, const void *s);
void ck_reloc_subsidy(struct check_run *r, const void *s);
void ck_div_shares(struct check_run *r, const void *s);
void ck_div_amounts(struct check_run *r, const void *s);
void ck_div_year(struct check_run *r, const void *s);
void ck_div_dup(struct check_run *r, const void *s);

/* Messages of the inspection checks: the table's text and the format its
 * function prints with. */
#define M_INSP_DIBAO      "贫困户属性 为 低保贫困户, 但 低保金 为 %s 元: 低保贫困户应有低保金收入, 请核对贫困户属性或补录低保金"
#define M_INSP_MED_INS    "%s 未参加城乡居民基本医疗保险: 贫困人口应全部参保 (基本医疗有保障), 请核对"
#define M_INSP_HOUSE      "%s户 住房是否危房 为 是 (危房等级 %s): %s, 住房安全有保障 未落实"
#define M_INSP_NO_LABOUR  "家庭成员 %d 人均为 丧失劳动力 或 无劳动力, 贫困户属性 却为 一般贫困户: 请核对是否应纳入 低保 或 特困供养 (兜底保障)"
#define M_INSP_EXIT_SCHOOL "%s 现年 %d 岁, 属义务教育年龄 (6–15 岁), 在校生状况 为 非在校生: 退出户须 义务教育有保障 (控辍保学), 请核对"
#define M_INSP_TEKUN_ABLE "贫困户属性 为 特困供养贫困户, 但 %s 现年 %d 岁, 劳动技能 为 %s: 特困供养对象应无劳动能力, 请核对"
#define M_INSP_NO_VISIT   "帮扶责任人 %s %d年 尚无走访记录 (%s)"

/* The inspection checks (issue 16 part 3, core/checks_inspect.c), CS_HOUSEHOLD. */
void ck_insp_dibao(struct check_run *r, const void *s);
void ck_insp_med_ins(struct check_run *r, const void *s);
void ck_insp_house(struct check_run *r, const void *s);
void ck_insp_no_labour(struct check_run *r, const void *s);
void ck_insp_exit_school(struct check_run *r, const void *s);
void ck_insp_tekun_able(struct check_run *r, const void *s);
/* CS_ASSIST */
void ck_insp_no_visit(struct check_run *r, const void *s);

#endif
