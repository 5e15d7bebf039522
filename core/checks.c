/* checks.c — the data-quality check engine (see checks.h). */
#include "core/checks.h"
#include "core/checks_priv.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/loans.h"
#include "core/training.h"
#include "core/relocation.h"
#include "core/dividends.h"
#include "core/plan.h"
#include "core/team.h"
#include "core/text.h"
#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Code positions of lists that have no named constants in codes.h (values are
 * list positions, checked against codes_by_label in the unit tests). */
enum { SCHOOL_SENIOR = 5, SCHOOL_VOCATIONAL = 6, SCHOOL_COLLEGE = 7, SCHOOL_UNIVERSITY = 8 };
enum { SKILL_COMMON = 1, SKILL_SKILLED = 2, SKILL_NONE = 5 };
enum { REL_LAST = 14 };

/* Legal marriage age (婚姻法): men 22, women 20. */
enum { MARRY_MALE = 22, MARRY_FEMALE = 20 };
/* Anything above 1亿元 in one income field is a keying slip, and keeping
 * parts below it means their sum can never overflow. */
#define INCOME_PART_MAX ((money_t)10000000000)

/* ---------------------------------------------------------------- the run */
/* struct minfo, hhinfo and check_run: core/checks_priv.h (shared with
 * core/checks_inspect.c). */

/* Cut a truncated string back to a whole UTF-8 character. */
static void trim_partial_utf8(char *s)
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

static void emit_v(struct check_run *r, int member, const char *key, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void emit_v(struct check_run *r, int member, const char *key, const char *fmt, va_list ap)
{
    if (r->n >= r->max)
        return;
    struct check_result *res = &r->out[r->n++];
    res->def = r->def;
    res->member_index = member;
    snprintf(res->field_key, sizeof res->field_key, "%s", key);
    int len = vsnprintf(res->message, sizeof res->message, fmt, ap);
    if (len >= (int)sizeof res->message)
        trim_partial_utf8(res->message);
}

static void emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_v(r, member, key, fmt, ap);
    va_end(ap);
}

void checks_emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_v(r, member, key, fmt, ap);
    va_end(ap);
}

static void yuan(money_t v, char *out, size_t outsz)
{
    money_format(v, out, outsz);
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

static long day_number(const char *s)
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
    long d = day_number(date);
    if (d < 0)
        return "不是有效日期";
    long t = day_number(ctx->today);
    if (t >= 0 && d > t) {
        snprintf(buf, bufsz, "晚于今天 %s", ctx->today);
        return buf;
    }
    return "";
}

/* ------------------------------------------------------------- templates */
/* Each template is the table's message and the format its function prints
 * with, so the compiler checks the arguments against the table's text. */
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
#define M_DATE           "%s %s"
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
#define M_AID_WAIVER     "帮扶 日期 %s 在 放弃帮扶声明 (%s) 之后, 不能新增帮扶记录"
#define M_AID_NEG        "%s 为 %s 元, 不能为负数"
#define M_PAY_AMOUNT     "拨付 金额 %s 元, 须大于 0"
#define M_PAY_STAGE      "拨付 阶段 未填写 (预付 或 尾款)"
#define M_PAY_CAP        "拨付后累计 %s 元 超过 %s %s 元"
#define M_PAY_PROJECT    "拨付后本项目累计 %s 元 超过 申请金额 %s 元"
#define M_PAY_ADVANCE    "预付 后累计 %s 元 超过 申请金额 %s 元 的 %d%% (%s 元); 合作方为 村委会 时方可开工时全额拨付"
#define M_PAY_TAIL_FIRST "尚未拨付预付款, 不能先拨付 尾款"
#define M_PAY_TAIL_CHECK "尾款 须在村级、乡镇、县级核验后拨付 (未完成: %s)"
#define M_WF             "%s"
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
    if (blank(shortname))
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
        day_number(hi->ref_date) > day_number(ctx->today))
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

#define HH(subject) ((const struct household *)(subject))

/* ---------------------------------------------------------- member checks */

static void ck_member_count(struct check_run *r, const void *s)
{
    int n = HH(s)->n_members;
    if (n <= 0)
        emit(r, -1, "name", M_MEMBER_COUNT, n, "至少须录入户主");
    else if (n > HH_MAX_MEMBERS)
        emit(r, -1, "name", M_MEMBER_COUNT, n, "超过每户上限 30 人");
}

static void ck_name_empty(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (blank(HH(s)->members[i].name))
            emit(r, i, "name", M_NAME_EMPTY, r->hi->m[i].who);
}

static void ck_name_long(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        size_t n = text_chars(HH(s)->members[i].name);
        if (n > NAME_CHARS)
            emit(r, i, "name", M_NAME_LONG, r->hi->m[i].who, n, NAME_CHARS);
    }
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           cp == 0x2028 || cp == 0x2029 || cp == UTF8_REPLACEMENT;
}

/* Emoji and pictographs: legal Unicode, never part of a registered name. */
static int is_pictograph(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           cp == 0xFE0F || cp == 0x200D;
}

static void ck_name_chars(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const char *name = HH(s)->members[i].name;
        if (!text_valid_utf8(name)) {
            emit(r, i, "name", M_NAME_CHARS, r->hi->m[i].who, "无效的文字编码");
            continue;
        }
        for (const char *p = name; *p;) {
            uint32_t cp = utf8_decode_next(&p);
            if (is_control(cp)) {
                emit(r, i, "name", M_NAME_CHARS, r->hi->m[i].who,
                     cp == '\n' || cp == '\r' ? "换行符" : "控制字符");
                break;
            }
        }
    }
}

static void ck_name_symbol(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const char *name = HH(s)->members[i].name;
        if (!text_valid_utf8(name))
            continue;
        for (const char *p = name; *p;) {
            uint32_t cp = utf8_decode_next(&p);
            if (is_pictograph(cp)) {
                char vis[11];
                text_char_visible(cp, vis);
                emit(r, i, "name", M_NAME_SYMBOL, r->hi->m[i].who, vis);
                break;
            }
        }
    }
}

static void ck_id_empty(struct check_run *r, const void *s)
{
    (void)s;
    for (int i = 0; i < r->hi->n; i++)
        if (r->hi->m[i].st == IDNO_EMPTY)
            emit(r, i, "id_no", M_ID_EMPTY, r->hi->m[i].who);
}

static void ck_id_format(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        enum idno_status st = r->hi->m[i].st;
        if (st == IDNO_BAD_LENGTH || st == IDNO_BAD_CHAR || st == IDNO_BAD_AREA)
            emit(r, i, "id_no", M_ID_FORMAT, r->hi->m[i].who, HH(s)->members[i].id_no,
                 idno_strerror(st));
    }
}

static void ck_id_date(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        enum idno_status st = r->hi->m[i].st;
        if (st == IDNO_BAD_DATE || st == IDNO_FUTURE_DATE)
            emit(r, i, "id_no", M_ID_DATE, r->hi->m[i].who, HH(s)->members[i].id_no,
                 idno_strerror(st));
    }
}

static void ck_id_checksum(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        if (r->hi->m[i].st != IDNO_BAD_CHECK)
            continue;
        const char *id = HH(s)->members[i].id_no;
        while (*id == ' ' || *id == '\t')      /* as idno_parse trims */
            id++;
        char first17[18];
        snprintf(first17, sizeof first17, "%.17s", id);
        char got = id[17] == 'x' ? 'X' : id[17];
        emit(r, i, "id_no", M_ID_CHECKSUM, r->hi->m[i].who, HH(s)->members[i].id_no,
             got, idno_check_char(first17));
    }
}

static void ck_id_legacy(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (r->hi->m[i].st == IDNO_UPGRADED)
            emit(r, i, "id_no", M_ID_LEGACY, r->hi->m[i].who, HH(s)->members[i].id_no,
                 r->hi->m[i].info.id);
}

static int id_ok(const struct minfo *mi)
{
    return mi->st == IDNO_OK || mi->st == IDNO_UPGRADED;
}

static void ck_sex_id(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        int sex = HH(s)->members[i].sex;
        if (!id_ok(mi) || sex == 0 || sex == mi->info.sex)
            continue;
        emit(r, i, "sex", M_SEX_ID, mi->who, codes_label(CL_SEX, sex), mi->info.id[16],
             codes_label(CL_SEX, mi->info.sex));
    }
}

static void ck_birth_id(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        const char *birth = HH(s)->members[i].birth;
        char norm[11];
        if (!id_ok(mi) || !birth[0])
            continue;
        if (date_normalise(birth, norm) && strcmp(norm, mi->info.birth) == 0)
            continue;
        emit(r, i, "id_no", M_BIRTH_ID, mi->who, birth, mi->info.birth);
    }
}

static void ck_id_dup(struct check_run *r, const void *s)
{
    (void)s;
    for (int i = 1; i < r->hi->n; i++) {
        if (!id_ok(&r->hi->m[i]))
            continue;
        for (int j = 0; j < i; j++)
            if (id_ok(&r->hi->m[j]) && strcmp(r->hi->m[i].info.id, r->hi->m[j].info.id) == 0) {
                emit(r, i, "id_no", M_ID_DUP, r->hi->m[i].who, r->hi->m[i].info.id,
                     r->hi->m[j].who);
                break;
            }
    }
}

static void ck_id_other_hh(struct check_run *r, const void *s)
{
    if (!r->ctx->id_owner)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        char other[160] = "";
        if (id_ok(&r->hi->m[i]) &&
            r->ctx->id_owner(r->ctx->id_owner_ud, r->hi->m[i].info.id, HH(s)->id,
                             other, sizeof other))
            emit(r, i, "id_no", M_ID_OTHER_HH, r->hi->m[i].who, r->hi->m[i].info.id,
                 other[0] ? other : "(未知户)");
    }
}

static void ck_relation_empty(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if (rel < 1 || rel > REL_LAST)
            emit(r, i, "relation", M_RELATION_EMPTY, r->hi->m[i].who);
    }
}

static void ck_head_count(struct check_run *r, const void *s)
{
    if (r->hi->n == 0 || r->hi->heads == 1)
        return;
    /* The member whose 与户主关系 to correct: the second 户主, or the first
     * member (the form keeps the 户主 first) when nobody is. */
    int at = 0;
    char names[160] = "";
    if (r->hi->heads > 1) {
        strcpy(names, " (");
        int k = 0;
        for (int i = 0; i < r->hi->n && strlen(names) < 120; i++)
            if (HH(s)->members[i].relation == REL_HEAD) {
                if (k == 1)
                    at = i;
                size_t len = strlen(names);
                snprintf(names + len, sizeof names - len, "%s第%d名", k++ ? "、" : "", i + 1);
            }
        strcat(names, ")");
    }
    emit(r, at, "relation", M_HEAD_COUNT, r->hi->heads, names);
}

static void ck_head_first(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h > 0)
        emit(r, h, "relation", M_HEAD_FIRST, HH(s)->members[h].name, h + 1);
}

static void ck_head_young(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h >= 0 && r->hi->m[h].age >= 0 && r->hi->m[h].age < 16)
        emit(r, h, "id_no", M_HEAD_YOUNG, HH(s)->members[h].name, r->hi->m[h].age);
}

static void ck_child_older(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h < 0 || !r->hi->m[h].birth[0])
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if ((rel == REL_SON || rel == REL_DAUGHTER) && r->hi->m[i].birth[0] &&
            strcmp(r->hi->m[i].birth, r->hi->m[h].birth) < 0)
            emit(r, i, "relation", M_CHILD_OLDER, r->hi->m[i].who,
                 codes_label(CL_RELATION, rel), r->hi->m[i].birth, r->hi->m[h].birth);
    }
}

static void ck_spouse_young(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        if (HH(s)->members[i].relation != REL_SPOUSE || mi->age < 0)
            continue;
        int sex = id_ok(mi) ? mi->info.sex : HH(s)->members[i].sex;
        int min = sex == SEX_MALE ? MARRY_MALE : MARRY_FEMALE;
        if (mi->age < min)
            emit(r, i, "relation", M_SPOUSE_YOUNG, mi->who, mi->age,
                 sex == SEX_MALE ? "男" : "女", min);
    }
}

static void ck_parent_young(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h < 0 || !r->hi->m[h].birth[0])
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if ((rel == REL_PARENT || rel == REL_GRANDPARENT) && r->hi->m[i].birth[0] &&
            strcmp(r->hi->m[i].birth, r->hi->m[h].birth) > 0)
            emit(r, i, "relation", M_PARENT_YOUNG, r->hi->m[i].who,
                 codes_label(CL_RELATION, rel), r->hi->m[i].birth, r->hi->m[h].birth);
    }
}

/* Plausible ages for each 在校生状况 (inclusive); wide on purpose: a warning
 * should mean a keying slip (小学 at 30), not a late starter. */
static const struct { int code, min, max; } SCHOOL_AGES[] = {
    { SCHOOL_PRE,        2,  7 },
    { SCHOOL_PRIMARY,    5, 16 },
    { SCHOOL_JUNIOR,    10, 19 },
    { SCHOOL_SENIOR,    13, 22 },
    { SCHOOL_VOCATIONAL, 13, 25 },
    { SCHOOL_COLLEGE,   15, 35 },
    { SCHOOL_UNIVERSITY, 15, 45 },
};

static void ck_school_age(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        int sch = HH(s)->members[i].schooling, age = r->hi->m[i].age;
        if (age < 0)
            continue;
        for (size_t k = 0; k < sizeof SCHOOL_AGES / sizeof SCHOOL_AGES[0]; k++)
            if (SCHOOL_AGES[k].code == sch &&
                (age < SCHOOL_AGES[k].min || age > SCHOOL_AGES[k].max)) {
                const char *label = codes_label(CL_SCHOOLING, sch);
                emit(r, i, "schooling", M_SCHOOL_AGE, r->hi->m[i].who, label, age, label,
                     SCHOOL_AGES[k].min, SCHOOL_AGES[k].max);
            }
    }
}

static int compulsory_age(int age)
{
    return age >= SCHOOL_AGE_MIN && age <= SCHOOL_AGE_MAX;
}

static void ck_school_dropout(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].schooling == SCHOOL_NONE && compulsory_age(r->hi->m[i].age))
            emit(r, i, "schooling", M_SCHOOL_DROPOUT, r->hi->m[i].who, r->hi->m[i].age);
}

static void ck_skill_age(struct check_run *r, const void *s)
{
    const struct labour_ages *la = &r->ctx->labour;
    for (int i = 0; i < r->hi->n; i++) {
        const struct member *m = &HH(s)->members[i];
        const struct minfo *mi = &r->hi->m[i];
        if (mi->age < 0)
            continue;
        int sex = id_ok(mi) ? mi->info.sex : m->sex;
        if (mi->age < la->min_age && (m->skill == SKILL_COMMON || m->skill == SKILL_SKILLED)) {
            char why[48];
            snprintf(why, sizeof why, " (未满 %d 岁)", la->min_age);
            emit(r, i, "skill", M_SKILL_AGE, mi->who, mi->age, why,
                 codes_label(CL_SKILL, m->skill));
        } else if (m->skill == SKILL_NONE && m->health == HEALTH_OK &&
                   (m->schooling == 0 || m->schooling == SCHOOL_NONE) && sex &&
                   labour_is_working_age(la, sex, mi->birth, r->hi->ref_date)) {
            emit(r, i, "skill", M_SKILL_AGE, mi->who, mi->age, " (劳动年龄内, 健康, 非在校生)",
                 codes_label(CL_SKILL, m->skill));
        }
    }
}

static void ck_disability_no(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].health == HEALTH_DISABLED &&
            blank(HH(s)->members[i].disability_no))
            emit(r, i, "disability_no", M_DISABILITY_NO, r->hi->m[i].who);
}

/* ----------------------------------------------------- household checks */

/* The household's causes: the survey's when keyed, else the application's.
 * Returns the field key holding `cause`, or NULL. */
static const char *cause_field(const struct household *hh, int cause)
{
    int c[3];
    if (hh->survey.main_cause) {
        c[0] = hh->survey.main_cause;
        c[1] = hh->survey.other_cause1;
        c[2] = hh->survey.other_cause2;
    } else {
        c[0] = hh->app.main_cause;
        c[1] = hh->app.other_cause1;
        c[2] = hh->app.other_cause2;
    }
    static const char *const keys[3] = { "main_cause", "other_cause1", "other_cause2" };
    for (int k = 0; k < 3; k++)
        if (c[k] == cause)
            return keys[k];
    return NULL;
}

static const char *cause_field_label(const char *key)
{
    return strcmp(key, "main_cause") == 0 ? "主要致贫原因" : "其他致贫原因";
}

static void ck_cause_school(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_SCHOOLING);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].schooling > SCHOOL_NONE)
            return;
    emit(r, -1, key, M_CAUSE_SCHOOL, cause_field_label(key));
}

static void ck_cause_disabled(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_DISABILITY);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].health == HEALTH_DISABLED)
            return;
    emit(r, -1, key, M_CAUSE_DISABLED, cause_field_label(key));
}

static void ck_cause_ill(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_ILLNESS);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int h = HH(s)->members[i].health;
        if (h == HEALTH_CHRONIC || h == HEALTH_SERIOUS)
            return;
    }
    emit(r, -1, key, M_CAUSE_ILL, cause_field_label(key));
}

/* The income fields of survey page 4, as the form names them. */
static const struct { const char *key, *label; size_t offset; } INCOME_PARTS[] = {
    { "wage_income",     "工资性收入",     offsetof(struct survey, wage_income) },
    { "business_income", "生产经营性收入", offsetof(struct survey, business_income) },
    { "property_income", "财产性收入",     offsetof(struct survey, property_income) },
    { "family_planning", "计划生育金",     offsetof(struct survey, family_planning) },
    { "dibao",           "低保金",         offsetof(struct survey, dibao) },
    { "tekun",           "特困供养金",     offsetof(struct survey, tekun) },
    { "pension",         "养老保险金",     offsetof(struct survey, pension) },
    { "eco_comp",        "生态补偿金",     offsetof(struct survey, eco_comp) },
    { "other_transfer",  "其他转移性收入", offsetof(struct survey, other_transfer) },
    { "business_cost",   "生产经营性支出", offsetof(struct survey, business_cost) },
};
#define N_INCOME_PARTS (sizeof INCOME_PARTS / sizeof INCOME_PARTS[0])

static money_t income_part(const struct survey *sv, size_t k)
{
    money_t v;
    memcpy(&v, (const char *)sv + INCOME_PARTS[k].offset, sizeof v);
    return v;
}

/* 1 when every part is within 0..1亿元, so sums are safe to compute. */
static int income_sane(const struct survey *sv)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(sv, k);
        if (v < 0 || v > INCOME_PART_MAX)
            return 0;
    }
    return 1;
}

static void ck_income_negative(struct check_run *r, const void *s)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(&HH(s)->survey, k);
        if (v < 0) {
            char buf[32];
            yuan(v, buf, sizeof buf);
            emit(r, -1, INCOME_PARTS[k].key, M_INCOME_NEG, INCOME_PARTS[k].label, buf);
        }
    }
}

static void ck_income_range(struct check_run *r, const void *s)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(&HH(s)->survey, k);
        if (v > INCOME_PART_MAX) {
            char buf[32];
            yuan(v, buf, sizeof buf);
            emit(r, -1, INCOME_PARTS[k].key, M_INCOME_RANGE, INCOME_PARTS[k].label, buf);
        }
    }
}

static void ck_net_negative(struct check_run *r, const void *s)
{
    const struct survey *sv = &HH(s)->survey;
    if (!income_sane(sv))
        return;
    money_t net = income_net(sv);
    if (net < 0) {
        char a[32], b[32];
        yuan(net, a, sizeof a);
        yuan(sv->business_cost, b, sizeof b);
        emit(r, -1, "business_cost", M_NET_NEG, a, b);
    }
}

/* A declared 年人均纯收入 (imported without its parts) below zero. */
static void ck_declared_negative(struct check_run *r, const void *s)
{
    const struct survey *sv = &HH(s)->survey;
    if (sv->year <= 0 || sv->declared_per_capita >= 0 || !income_parts_empty(sv))
        return;
    char a[32];
    yuan(sv->declared_per_capita, a, sizeof a);
    emit(r, -1, "declared_per_capita", M_DECLARED_NEG, a);
}

static void ck_above_line(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    const struct survey *sv = &hh->survey;
    enum wf_state st = (enum wf_state)hh->state;
    if (!(wf_is_identifying(st) || st == WF_REGISTERED) || sv->year <= 0 ||
        sv->standard == 0 || r->hi->n == 0 || !income_sane(sv))
        return;
    money_t line;
    if (!lines_lookup(r->ctx->lines, r->ctx->n_lines, sv->year, sv->standard,
                      LINE_POVERTY, &line))
        return;
    money_t pc = income_per_capita(sv, r->hi->n);
    if (pc < line)
        return;
    char a[32], b[160];
    yuan(pc, a, sizeof a);
    lines_describe(r->ctx->lines, r->ctx->n_lines, sv->year, sv->standard, LINE_POVERTY, b, sizeof b);
    emit(r, -1, "per_capita", M_ABOVE_LINE, a, sv->year,
         codes_label(CL_STANDARD, sv->standard), b, r->hi->n);
}

/* Ticked 七不进 boxes: count and their labels (cut to fit). */
static int exclusions(const struct survey *sv, char *labels, size_t sz)
{
    int n = 0;
    labels[0] = '\0';
    for (int k = 0; k < N_SEVEN_EXCL; k++)
        if (sv->exclusion[k]) {
            size_t len = strlen(labels);
            if (len + 2 < sz)
                snprintf(labels + len, sz - len, "%s%s", n ? "、" : "",
                         codes_label(CL_EXCLUSION, k + 1));
            n++;
        }
    trim_partial_utf8(labels);
    return n;
}

static void ck_excl_advancing(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    char labels[120];
    int n = exclusions(&hh->survey, labels, sizeof labels);
    if (n && blank(hh->survey.exclusion_override) &&
        wf_is_past_appraisal((enum wf_state)hh->state))
        emit(r, -1, "exclusion_override", M_EXCL_ADVANCING, n, labels,
             wf_state_label((enum wf_state)hh->state));
}

static void ck_excl_ticked(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    char labels[120];
    int n = exclusions(&hh->survey, labels, sizeof labels);
    enum wf_state st = (enum wf_state)hh->state;
    if (n && blank(hh->survey.exclusion_override) &&
        (st == WF_NONE || (wf_is_identifying(st) && !wf_is_past_appraisal(st))))
        emit(r, -1, "exclusion_override", M_EXCL_TICKED, n, labels);
}

/* "2026-02-30 不是有效日期" / "未填写" for a date field; "" when fine. */
static void date_issue(const struct check_ctx *ctx, const char *date, int required,
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

static void ck_dates(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    const struct { const char *key, *label, *value; } dates[] = {
        { "apply_date",  "申请日期", hh->app.apply_date },
        { "accept_date", "受理日期", hh->app.accept_date },
        { "survey_date", "调查日期", hh->survey.survey_date },
    };
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        char issue[80];
        date_issue(r->ctx, dates[k].value, 0, issue, sizeof issue);
        if (issue[0])
            emit(r, -1, dates[k].key, M_DATE, dates[k].label, issue);
    }
}

/* --------------------------------------------------------- other subjects */

#define NF(subject) ((const struct notice_facts *)(subject))
#define AF(subject) ((const struct aid_facts *)(subject))
#define PF(subject) ((const struct payment_facts *)(subject))
#define VF(subject) ((const struct advance_facts *)(subject))

static int configured_days(const struct check_ctx *ctx, const struct notice_facts *nf)
{
    return nf->configured_days > 0 ? nf->configured_days : ctx->notice_days;
}

static void ck_notice_short(struct check_run *r, const void *s)
{
    int need = configured_days(r->ctx, NF(s));
    if (NF(s)->days < need)
        emit(r, -1, "days", M_NOTICE_SHORT, NF(s)->days, need);
}

static void ck_notice_start(struct check_run *r, const void *s)
{
    if (day_number(NF(s)->start) < 0)
        emit(r, -1, "start_date", M_NOTICE_START, NF(s)->start,
             NF(s)->start[0] ? "不是有效日期" : "未填写");
}

static void ck_notice_end(struct check_run *r, const void *s)
{
    char want[11];
    if (!NF(s)->end[0] || !wf_notice_end(NF(s)->start, NF(s)->days, want))
        return;
    long e = day_number(NF(s)->end);
    if (e != day_number(want))
        emit(r, -1, "end_date", M_NOTICE_END, NF(s)->end, NF(s)->start, NF(s)->days, want);
}

/* base + delta days, "" when base is not a date. */
static void day_text(const char *base, int delta, char out[11])
{
    if (!date_add_days(base, delta, out))
        out[0] = '\0';
}

static void ck_notice_meeting(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = day_number(nf->start), m = day_number(nf->meeting_date);
    if (st >= 0 && m >= 0 && st < m)
        emit(r, -1, "start_date", M_NOTICE_MEETING, nf->start, nf->meeting_date, nf->meeting_date);
}

static void ck_notice_overlap(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = day_number(nf->start), p = day_number(nf->prev_end);
    if (nf->round < 2 || st < 0 || p < 0 || st > p)
        return;
    char next[11];
    day_text(nf->prev_end, 1, next);
    emit(r, -1, "start_date", M_NOTICE_OVERLAP, nf->start, nf->prev_end, next);
}

static void ck_notice_approval(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = day_number(nf->start), a = day_number(nf->approval_date);
    if (nf->round == 3 && st >= 0 && a >= 0 && a > st)
        emit(r, -1, "approval_date", M_NOTICE_APPROVAL, nf->approval_date, nf->start, nf->start);
}

/* Posted after the last day of its period (posting on the last day is in time). */
static int posted_late(const struct notice_facts *nf)
{
    long p = day_number(nf->posted_on), e = day_number(nf->end);
    return p >= 0 && e >= 0 && p > e;
}

static int has_reason(const struct notice_facts *nf)
{
    return nf->late_reason && !blank(nf->late_reason);
}

static void ck_notice_late(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    if (posted_late(nf) && !has_reason(nf))
        emit(r, -1, "posted_on", M_NOTICE_LATE, nf->start, nf->end, nf->posted_on, nf->end);
}

static void ck_notice_late_ok(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    if (posted_late(nf) && has_reason(nf))
        emit(r, -1, "posted_on", M_NOTICE_LATE_OK, nf->start, nf->end, nf->posted_on, nf->late_reason);
}

#define RF(subject) ((const struct recheck_facts *)(subject))

static void ck_recheck_early(struct check_run *r, const void *s)
{
    long d = day_number(RF(s)->date), e = day_number(RF(s)->notice_end);
    if (d < 0 || e < 0 || d > e)
        return;
    char next[11];
    day_text(RF(s)->notice_end, 1, next);
    emit(r, -1, "date", M_RECHECK_EARLY, RF(s)->date, RF(s)->notice_start, RF(s)->notice_end, next);
}

#define HF(subject) ((const struct history_facts *)(subject))

static void ck_history_back(struct check_run *r, const void *s)
{
    const struct history_facts *hf = HF(s);
    long prev = -1;
    const char *prev_date = "";
    for (size_t i = 0; i < hf->n; i++) {
        const struct history_step *h = &hf->steps[i];
        long d = day_number(h->date);
        if (d < 0)
            continue;
        if (prev >= 0 && d < prev)
            emit(r, -1, "date", M_HISTORY_BACK, i + 1, wf_state_label((enum wf_state)h->from),
                 wf_state_label((enum wf_state)h->to), h->date, prev_date, prev_date);
        else {
            prev = d;
            prev_date = h->date;
        }
    }
}

static void ck_aid_date(struct check_run *r, const void *s)
{
    char issue[80];
    date_issue(r->ctx, AF(s)->date, 1, issue, sizeof issue);
    if (issue[0])
        emit(r, -1, "date", M_DATE, "帮扶日期", issue);
}

static void ck_aid_waiver(struct check_run *r, const void *s)
{
    long d = day_number(AF(s)->date), w = day_number(AF(s)->waiver_date);
    if (d >= 0 && w >= 0 && d > w)
        emit(r, -1, "date", M_AID_WAIVER, AF(s)->date, AF(s)->waiver_date);
}

static void ck_aid_negative(struct check_run *r, const void *s)
{
    char buf[32];
    if (AF(s)->money < 0) {
        yuan(AF(s)->money, buf, sizeof buf);
        emit(r, -1, "money", M_AID_NEG, "投入资金", buf);
    }
    if (AF(s)->goods < 0) {
        yuan(AF(s)->goods, buf, sizeof buf);
        emit(r, -1, "goods_value", M_AID_NEG, "物资折款", buf);
    }
}

static void ck_pay_date(struct check_run *r, const void *s)
{
    char issue[80];
    date_issue(r->ctx, PF(s)->date, 1, issue, sizeof issue);
    if (issue[0])
        emit(r, -1, "date", M_DATE, "拨付日期", issue);
}

static void ck_pay_amount(struct check_run *r, const void *s)
{
    if (PF(s)->amount <= 0) {
        char a[32];
        yuan(PF(s)->amount, a, sizeof a);
        emit(r, -1, "amount", M_PAY_AMOUNT, a);
    }
}

static void ck_pay_stage(struct check_run *r, const void *s)
{
    if (PF(s)->stage != PAY_ADVANCE && PF(s)->stage != PAY_TAIL)
        emit(r, -1, "stage", M_PAY_STAGE);
}

static void ck_pay_cap(struct check_run *r, const void *s)
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
        yuan(total, a, sizeof a);
        yuan(cap, b, sizeof b);
        emit(r, -1, "amount", M_PAY_CAP, a, what, b);
    }
}

static void ck_pay_project(struct check_run *r, const void *s)
{
    const struct payment_facts *p = PF(s);
    money_t total = p->paid_project + p->amount;
    if (p->project_amount > 0 && p->amount > 0 && total > p->project_amount) {
        char a[32], b[32];
        yuan(total, a, sizeof a);
        yuan(p->project_amount, b, sizeof b);
        emit(r, -1, "amount", M_PAY_PROJECT, a, b);
    }
}

static void ck_pay_advance(struct check_run *r, const void *s)
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
        yuan(total, a, sizeof a);
        yuan(p->project_amount, b, sizeof b);
        yuan(limit, c, sizeof c);
        emit(r, -1, "amount", M_PAY_ADVANCE, a, b, pct, c);
    }
}

static void ck_pay_tail_first(struct check_run *r, const void *s)
{
    if (PF(s)->stage == PAY_TAIL && !PF(s)->advance_paid)
        emit(r, -1, "stage", M_PAY_TAIL_FIRST);
}

static void ck_pay_tail_check(struct check_run *r, const void *s)
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
    emit(r, -1, "stage", M_PAY_TAIL_CHECK, missing);
}

/* Payment order against the project's own steps (SPEC §3.2: 审定, 3-day
 * 公示, 开工); only when the caller filled p->project. */
static void ck_pay_approval(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (pj && !pj->approved[0])
        emit(r, -1, "approved", M_PAY_APPROVAL);
}

static void ck_pay_notice(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (!pj)
        return;
    char what[64];
    if (!pj->notice_end[0]) {
        emit(r, -1, "notice", M_PAY_NOTICE, "尚未张贴", "", PF(s)->date);
        return;
    }
    long d = day_number(PF(s)->date), e = day_number(pj->notice_end);
    if (d >= 0 && e >= 0 && d <= e) {
        snprintf(what, sizeof what, "%s 至 %s", pj->notice_start, pj->notice_end);
        emit(r, -1, "date", M_PAY_NOTICE, what, " 结束", PF(s)->date);
    }
}

static void ck_pay_start(struct check_run *r, const void *s)
{
    const struct project_facts *pj = PF(s)->project;
    if (!pj || PF(s)->stage != PAY_ADVANCE)
        return;
    char why[96];
    if (!pj->start_date[0]) {
        emit(r, -1, "start_date", M_PAY_START, "开工日期 未填写");
        return;
    }
    long d = day_number(PF(s)->date), st = day_number(pj->start_date);
    if (d >= 0 && st >= 0 && d < st) {
        snprintf(why, sizeof why, "拨付日期 %s 早于 开工日期 %s", PF(s)->date, pj->start_date);
        emit(r, -1, "date", M_PAY_START, why);
    }
}

#define JF(subject) ((const struct project_facts *)(subject))
#define SF(subject) ((const struct assist_facts *)(subject))

static money_t project_cap(const struct check_ctx *ctx, int kind, const char **what)
{
    if (kind == PROJECT_HOUSING) {
        *what = "住房建设补助 每户上限";
        return ctx->cap_housing;
    }
    *what = "一户一增收项目 每户每年上限";
    return kind == PROJECT_INCOME ? ctx->cap_income : 0;
}

static void ck_prj_cap(struct check_run *r, const void *s)
{
    const struct project_facts *p = JF(s);
    const char *what;
    money_t cap = project_cap(r->ctx, p->kind, &what);
    money_t total = p->amount + p->other_cap_scope;
    if (cap > 0 && total > cap) {
        char a[32], o[32], t[32], c[32];
        yuan(p->amount, a, sizeof a);
        yuan(p->other_cap_scope, o, sizeof o);
        yuan(total, t, sizeof t);
        yuan(cap, c, sizeof c);
        emit(r, -1, "amount", M_PRJ_CAP, a, o, t, what, c);
    }
}

static void ck_prj_size(struct check_run *r, const void *s)
{
    int n = JF(s)->representatives;
    int lo = r->ctx->project_meeting_min > 0 ? r->ctx->project_meeting_min : 9;
    int hi = r->ctx->project_meeting_max > 0 ? r->ctx->project_meeting_max : 15;
    if (n > 0 && (n < lo || n > hi || n % 2 == 0))
        emit(r, -1, "representatives", M_PRJ_SIZE, n, lo, hi);
}

static void ck_prj_votes(struct check_run *r, const void *s)
{
    const struct project_facts *p = JF(s);
    if (p->representatives > 0 && !wf_appraisal_passes(p->votes_for, p->representatives))
        emit(r, -1, "votes_for", M_PRJ_VOTES, p->votes_for, p->representatives,
             wf_appraisal_needed(p->representatives));
}

/* Each step needs the one before it: 评议 → 审定 → 公示 → 开工 → 申请验收 →
 * 村级 → 乡镇 → 县级核验.  The first missing predecessor is reported. */
static void ck_prj_order(struct check_run *r, const void *s)
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
                emit(r, -1, st[i].key, M_PRJ_ORDER, st[i].label, why);
                return;
            }
        return;
    }
}

static void ck_prj_notice(struct check_run *r, const void *s)
{
    int need = r->ctx->project_notice_days > 0 ? r->ctx->project_notice_days : 3;
    if (JF(s)->notice_start[0] && JF(s)->notice_days < need)
        emit(r, -1, "notice_days", M_PRJ_NOTICE, JF(s)->notice_days, need);
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
    long dl = day_number(deadline);
    if (dl < 0)
        return;
    char tail[64];
    if (done[0]) {
        long d = day_number(done);
        if (d > dl) {
            snprintf(tail, sizeof tail, ", 实际 %s 完成 (晚 %ld 天)", done, d - dl);
            emit(r, -1, key, M_PRJ_OVERDUE, level, from_label, from, deadline, tail);
        }
        return;
    }
    long t = day_number(r->ctx->today);
    if (t > dl) {
        snprintf(tail, sizeof tail, ", 已逾期 %ld 天", t - dl);
        emit(r, -1, key, M_PRJ_OVERDUE, level, from_label, from, deadline, tail);
    }
}

static void ck_prj_village_overdue(struct check_run *r, const void *s)
{
    char v[11], t[11];
    checks_verify_deadlines(r->ctx, JF(s), v, t);
    overdue(r, "verified_village", "村级核验", "申请验收", JF(s)->verify_requested, v, JF(s)->verified[0]);
}

static void ck_prj_township_overdue(struct check_run *r, const void *s)
{
    char v[11], t[11];
    checks_verify_deadlines(r->ctx, JF(s), v, t);
    overdue(r, "verified_township", "乡镇核验", "村级核验", JF(s)->verified[0], t, JF(s)->verified[1]);
}

static int needs_helper(int state)
{
    return state == WF_REGISTERED || (state >= WF_EXIT_APPRAISED && state <= WF_EXIT_NOTICE3);
}

static void ck_no_helper(struct check_run *r, const void *s)
{
    if (needs_helper(SF(s)->state) && !SF(s)->has_helper && !SF(s)->waived)
        emit(r, -1, "helper", M_NO_HELPER, wf_state_label(SF(s)->state));
}

static void ck_aid_unsigned(struct check_run *r, const void *s)
{
    int days = r->ctx->aid_confirm_days > 0 ? r->ctx->aid_confirm_days : 30;
    long t = day_number(r->ctx->today);
    size_t n = 0;
    const char *oldest = NULL;
    for (size_t i = 0; i < SF(s)->n_unconfirmed; i++) {
        long d = day_number(SF(s)->unconfirmed[i]);
        if (d < 0 || t < 0 || t - d <= days)
            continue;
        n++;
        if (!oldest || strcmp(SF(s)->unconfirmed[i], oldest) < 0)
            oldest = SF(s)->unconfirmed[i];
    }
    if (n)
        emit(r, -1, "signed_household", M_AID_UNSIGNED, n, days, oldest);
}

/* 防返贫监测 (issue 15 item 4): a record open longer than the setting's
 * months with no measure recorded.  Month arithmetic: identified 01-31 + 1
 * month is "the same day of the next month", 02-31 counted as 03-03 —
 * a warning, so a day either way at a month's end does not matter. */
static void ck_mon_no_measure(struct check_run *r, const void *s)
{
    const struct monitor_check_facts *m = s;
    int months = r->ctx->monitor_stale_months > 0 ? r->ctx->monitor_stale_months : 3;
    int y, mo, d;
    if (m->cleared[0] || m->has_measures || !date_parse(m->identified, &y, &mo, &d))
        return;
    int total = y * 12 + (mo - 1) + months;
    long due = date_to_days(total / 12, total % 12 + 1, 1) + d - 1;
    long t = day_number(r->ctx->today);
    if (t >= 0 && t > due)
        emit(r, -1, "measures", M_MON_NO_MEASURE, m->identified, months);
}

/* 驻村工作队 (issue 15 item 2): days without a 队长, two 第一书记 at once. */
static void ck_team_no_leader(struct check_run *r, const void *s)
{
    const struct team_check_facts *t = s;
    char from[11], to[11];
    if (team_leader_gap(t->members, t->n, r->ctx->today, from, to))
        emit(r, -1, "leader", M_TEAM_NO_LEADER, from, to);
}

static void ck_team_secretaries(struct check_run *r, const void *s)
{
    const struct team_check_facts *t = s;
    char day[11];
    size_t a, b;
    if (team_secretaries_overlap(t->members, t->n, day, &a, &b))
        emit(r, -1, "first_secretary", M_TEAM_TWO_SECRETARIES, day, t->members[a].name, t->members[b].name);
}

static void list_add(char *list, size_t sz, const char *name);

/* ---- 帮扶规划 (issue 15 item 3; seed 003 §二4 一户一法, 7月底前完成) ---- */
#define PL(subject) ((const struct plan_facts *)(subject))

static void ck_plan_unregistered(struct check_run *r, const void *s)
{
    if (PL(s)->has_plan && !PL(s)->registered)
        emit(r, -1, "year", M_PLAN_UNREG, PL(s)->year);
}

static void ck_plan_empty(struct check_run *r, const void *s)
{
    if (PL(s)->has_plan && PL(s)->n == 0)
        emit(r, -1, "measure", M_PLAN_EMPTY);
}

/* A code of the list, and each measure once (its progress is counted by
 * measure: two lines of one measure would count the same entries twice). */
static void ck_plan_measure(struct check_run *r, const void *s)
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
            emit(r, (int)i, "measure", M_PLAN_MEASURE, i + 1, why);
    }
}

static void ck_plan_deadline(struct check_run *r, const void *s)
{
    for (size_t i = 0; i < PL(s)->n; i++) {
        const char *d = PL(s)->items[i].deadline;
        if (d[0] && (day_number(d) < 0 || atoi(d) != PL(s)->year))
            emit(r, (int)i, "deadline", M_PLAN_DEADLINE, i + 1, d, PL(s)->year);
    }
}

static void ck_plan_helper(struct check_run *r, const void *s)
{
    for (size_t i = 0; i < PL(s)->n; i++)
        if (!PL(s)->items[i].helper_ok)
            emit(r, (int)i, "helper", M_PLAN_HELPER, i + 1);
}

/* After the deadline day (not on it): a household on the register that day
 * with no plan of the year. */
static void ck_plan_missing(struct check_run *r, const void *s)
{
    char due[11];
    if (PL(s)->has_plan || !PL(s)->registered_at_deadline ||
        !plan_day(PL(s)->year, r->ctx->plan_deadline, PLAN_DEADLINE_DEFAULT, due))
        return;
    if (strcmp(r->ctx->today, due) > 0)
        emit(r, -1, "plan", M_PLAN_MISSING, PL(s)->year, due);
}

/* After the review day: the planned measures the card has no entry of. */
static void ck_plan_no_aid(struct check_run *r, const void *s)
{
    char due[11], names[200] = "";
    if (!PL(s)->has_plan || !plan_day(PL(s)->year, r->ctx->plan_review, PLAN_REVIEW_DEFAULT, due) ||
        strcmp(r->ctx->today, due) <= 0)
        return;
    for (size_t i = 0; i < PL(s)->n; i++)
        if (PL(s)->items[i].entries == 0)
            list_add(names, sizeof names, codes_label(CL_MEASURE, PL(s)->items[i].measure));
    if (names[0])
        emit(r, -1, "measure", M_PLAN_NO_AID, PL(s)->year, names, due);
}

/* State moves: the workflow's own rules and wording (core/workflow.h). */
static void ck_adv_allowed(struct check_run *r, const void *s)
{
    const struct advance_facts *a = VF(s);
    if (!wf_transition_find(a->from, a->to)) {
        char why[256];
        wf_can_move(a->facts, a->from, a->to, why, sizeof why);
        emit(r, -1, "state", M_WF, why);
    }
}

static void adv_rule(struct check_run *r, const void *s, unsigned rule)
{
    const struct advance_facts *a = VF(s);
    const struct wf_transition *t = wf_transition_find(a->from, a->to);
    char why[256];
    if (t && (t->rules & rule) && !wf_rule_holds(rule, a->facts, why, sizeof why))
        emit(r, -1, "state", M_WF, why);
}

static void ck_adv_notice(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_ROUND_OVER);
}

static void ck_adv_objection(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_NO_OBJECTION);
}

static void ck_adv_exclusion(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_EXCLUSION);
}

static void ck_adv_other(struct check_run *r, const void *s)
{
    const unsigned own = WF_R_ROUND_OVER | WF_R_NO_OBJECTION | WF_R_EXCLUSION;
    for (unsigned bit = 1; bit < (1u << WF_RULE_COUNT); bit <<= 1)
        if (!(bit & own))
            adv_rule(r, s, bit);
}

/* ------------------------------------------------------------- the table */

/* ---- 扶贫小额信贷 (issue 16 part 2; core/loans.h) ---- */
#define LF(s) ((const struct loan_facts *)(s))
#define M_LOAN_AMOUNT   "贷款金额 %s 元: %s"
#define M_LOAN_TERM     "贷款期限 %d 个月: 应为 1–%d 个月 (3年以内)"
#define M_LOAN_DATES    "%s"
#define M_LOAN_REPAID   "累计还款 %s 元 超过贷款金额 %s 元 (多 %s 元)"
#define M_LOAN_OVERDUE  "贷款已于 %s 到期, 尚欠 %s 元, 已逾期 %ld 天"

static void ck_loan_amount(struct check_run *r, const void *s)
{
    char a[32];
    yuan(LF(s)->amount, a, sizeof a);
    if (LF(s)->amount <= 0)
        emit(r, -1, "amount", M_LOAN_AMOUNT, a, "须大于0");
    else if (LF(s)->amount > LOAN_MAX_AMOUNT)
        emit(r, -1, "amount", M_LOAN_AMOUNT, a, "扶贫小额信贷每户不超过5万元");
}

static void ck_loan_term(struct check_run *r, const void *s)
{
    if (LF(s)->term_months < 1 || LF(s)->term_months > LOAN_MAX_MONTHS)
        emit(r, -1, "term_months", M_LOAN_TERM, LF(s)->term_months, LOAN_MAX_MONTHS);
}

/* 放款日期 a date not after today; 到期日期 after it and within the term;
 * no repayment before the loan. */
static void ck_loan_dates(struct check_run *r, const void *s)
{
    const struct loan_facts *l = LF(s);
    char why[200], last[11];
    long start = day_number(l->start), due = day_number(l->due);
    if (start < 0) {
        emit(r, -1, "start", M_LOAN_DATES, "放款日期无效, 请按 年-月-日 填写");
        return;
    }
    if (start > day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "放款日期 %s 晚于今天 %s", l->start, r->ctx->today);
        emit(r, -1, "start", M_LOAN_DATES, why);
        return;
    }
    if (due < 0) {
        emit(r, -1, "due", M_LOAN_DATES, "到期日期无效, 请按 年-月-日 填写");
        return;
    }
    if (due <= start) {
        snprintf(why, sizeof why, "到期日期 %s 不能早于或等于放款日期 %s", l->due, l->start);
        emit(r, -1, "due", M_LOAN_DATES, why);
        return;
    }
    if (l->term_months > 0 && loan_add_months(l->start, l->term_months, last) && strcmp(l->due, last) > 0) {
        snprintf(why, sizeof why, "到期日期 %s 超出期限 %d 个月 (最迟 %s)", l->due, l->term_months, last);
        emit(r, -1, "due", M_LOAN_DATES, why);
        return;
    }
    if (l->first_repaid[0] && strcmp(l->first_repaid, l->start) < 0) {
        snprintf(why, sizeof why, "还款日期 %s 早于放款日期 %s", l->first_repaid, l->start);
        emit(r, -1, "date", M_LOAN_DATES, why);
    }
}

static void ck_loan_repaid(struct check_run *r, const void *s)
{
    char rp[32], a[32], over[32];
    if (LF(s)->amount <= 0 || LF(s)->repaid <= LF(s)->amount)
        return;
    yuan(LF(s)->repaid, rp, sizeof rp);
    yuan(LF(s)->amount, a, sizeof a);
    yuan(LF(s)->repaid - LF(s)->amount, over, sizeof over);
    emit(r, -1, "amount", M_LOAN_REPAID, rp, a, over);
}

static void ck_loan_overdue(struct check_run *r, const void *s)
{
    char owe[32];
    /* A due date not after the loan is LOAN_DATES' to report. */
    if (day_number(LF(s)->due) <= day_number(LF(s)->start) || !loan_overdue(LF(s), r->ctx->today))
        return;
    yuan(loan_balance(LF(s)), owe, sizeof owe);
    emit(r, -1, "due", M_LOAN_OVERDUE, LF(s)->due, owe, day_number(r->ctx->today) - day_number(LF(s)->due));
}

/* ---- 就业/培训 (issue 16 part 2; core/training.h) ---- */
#define TR(s) ((const struct training *)(s))
#define M_TRAIN_KIND    "类别 %d 不在代码表中 (1 技能培训, 2 务工就业, 3 公益性岗位)"
#define M_TRAIN_DATES   "%s"
#define M_TRAIN_INCOME  "收入 %s 元: %s"

static void ck_train_kind(struct check_run *r, const void *s)
{
    if (!codes_label(CL_JOB_KIND, TR(s)->kind)[0])
        emit(r, -1, "kind", M_TRAIN_KIND, TR(s)->kind);
}

/* 开始日期 a date not after today; 结束日期 empty (still on it) or not before it. */
static void ck_train_dates(struct check_run *r, const void *s)
{
    char why[160];
    long from = day_number(TR(s)->start), to = day_number(TR(s)->finish);
    if (from < 0) {
        emit(r, -1, "start", M_TRAIN_DATES, "开始日期无效, 请按 年-月-日 填写");
    } else if (from > day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "开始日期 %s 晚于今天 %s", TR(s)->start, r->ctx->today);
        emit(r, -1, "start", M_TRAIN_DATES, why);
    } else if (TR(s)->finish[0] && to < 0) {
        emit(r, -1, "finish", M_TRAIN_DATES, "结束日期无效, 请按 年-月-日 填写 (仍在进行则留空)");
    } else if (TR(s)->finish[0] && to < from) {
        snprintf(why, sizeof why, "结束日期 %s 早于开始日期 %s", TR(s)->finish, TR(s)->start);
        emit(r, -1, "finish", M_TRAIN_DATES, why);
    }
}

static void ck_train_income(struct check_run *r, const void *s)
{
    char v[32];
    yuan(TR(s)->income, v, sizeof v);
    if (TR(s)->income < 0)
        emit(r, -1, "income", M_TRAIN_INCOME, v, "不能为负");
    else if (TR(s)->income > TRAINING_MAX_INCOME)
        emit(r, -1, "income", M_TRAIN_INCOME, v, "超过100万元, 请核对");
}

/* ---- 易地扶贫搬迁 (issue 16 part 2; core/relocation.h) ---- */
#define RL(s) ((const struct relocation *)(s))
#define M_RELOC_MODE    "安置方式 %d 不在代码表中 (1–4 集中安置, 5–7 分散安置)"
#define M_RELOC_DATE    "%s"
#define M_RELOC_PEOPLE  "搬迁人数 %d: 须在 1 至本户人数 %d 之间"
#define M_RELOC_AREA    "住房面积 %s ㎡: %s"
#define M_RELOC_PER_PERSON "人均住房面积 %s ㎡ 超过 25 ㎡ (易地扶贫搬迁人均住房面积不超过25平方米)"
#define M_RELOC_SUBSIDY "建房补助 %s 元: %s"

/* ×100 as "12.50". */
static void hundredths(int64_t v, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(v < 0 ? -v : v) / 100,
             (long long)(v < 0 ? -v : v) % 100);
}

static void ck_reloc_mode(struct check_run *r, const void *s)
{
    if (!codes_label(CL_RELOC_MODE, RL(s)->mode)[0])
        emit(r, -1, "mode", M_RELOC_MODE, RL(s)->mode);
}

static void ck_reloc_date(struct check_run *r, const void *s)
{
    char why[160];
    long d = day_number(RL(s)->moved_on);
    if (d < 0) {
        emit(r, -1, "moved_on", M_RELOC_DATE, "搬迁入住日期无效, 请按 年-月-日 填写");
    } else if (d > day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "搬迁入住日期 %s 晚于今天 %s", RL(s)->moved_on, r->ctx->today);
        emit(r, -1, "moved_on", M_RELOC_DATE, why);
    }
}

static void ck_reloc_people(struct check_run *r, const void *s)
{
    if (RL(s)->people < 1 || RL(s)->people > RL(s)->members)
        emit(r, -1, "people", M_RELOC_PEOPLE, RL(s)->people, RL(s)->members);
}

static void ck_reloc_area(struct check_run *r, const void *s)
{
    char v[32];
    hundredths(RL(s)->area, v, sizeof v);
    if (RL(s)->area <= 0)
        emit(r, -1, "area", M_RELOC_AREA, v, "须大于0");
}

/* Area over 25 ㎡ × people moved; people out of range is RELOC_PEOPLE's. */
static void ck_reloc_per_person(struct check_run *r, const void *s)
{
    char v[32];
    if (RL(s)->people < 1 || RL(s)->area <= (int64_t)RELOC_AREA_PER_PERSON * RL(s)->people)
        return;
    hundredths(RL(s)->area / RL(s)->people, v, sizeof v);
    emit(r, -1, "area", M_RELOC_PER_PERSON, v);
}

static void ck_reloc_subsidy(struct check_run *r, const void *s)
{
    char v[32];
    yuan(RL(s)->subsidy, v, sizeof v);
    if (RL(s)->subsidy < 0)
        emit(r, -1, "subsidy", M_RELOC_SUBSIDY, v, "不能为负");
    else if (RL(s)->subsidy > RELOC_MAX_SUBSIDY)
        emit(r, -1, "subsidy", M_RELOC_SUBSIDY, v, "超过100万元, 请核对");
}

/* ---- 资产收益扶贫 (issue 16 part 2; core/dividends.h) ---- */
#define DF(s) ((const struct dividend_facts *)(s))
#define M_DIV_SHARES    "股数 %d: 须大于0"
#define M_DIV_AMOUNT    "%s %s 元: %s"
#define M_DIV_YEAR      "%s"
#define M_DIV_DUP       "%d 年的分红已登记, 每年一条 (请修改那一条)"

static void ck_div_shares(struct check_run *r, const void *s)
{
    if (DF(s)->shares <= 0)
        emit(r, -1, "shares", M_DIV_SHARES, DF(s)->shares);
}

static void ck_div_amounts(struct check_run *r, const void *s)
{
    char v[32];
    const struct { money_t v; const char *key, *label; } a[] = {
        { DF(s)->amount, "amount", "入股/配股金额" }, { DF(s)->dividend, "dividend", "分红金额" },
    };
    for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
        yuan(a[i].v, v, sizeof v);
        if (a[i].v < 0)
            emit(r, -1, a[i].key, M_DIV_AMOUNT, a[i].label, v, "不能为负");
        else if (a[i].v > DIVIDEND_MAX_AMOUNT)
            emit(r, -1, a[i].key, M_DIV_AMOUNT, a[i].label, v, "超过100万元, 请核对");
    }
}

/* 入股年份 a year not after this one; a dividend's year within it and now. */
static void ck_div_year(struct check_run *r, const void *s)
{
    char why[160];
    int now = atoi(r->ctx->today);
    if (DF(s)->start_year < 1949 || DF(s)->start_year > now) {
        snprintf(why, sizeof why, "入股年份 %d 无效: 须在 1949 至今年 %d 之间", DF(s)->start_year, now);
        emit(r, -1, "start_year", M_DIV_YEAR, why);
    } else if (DF(s)->year && DF(s)->year < DF(s)->start_year) {
        snprintf(why, sizeof why, "分红年度 %d 早于入股年份 %d", DF(s)->year, DF(s)->start_year);
        emit(r, -1, "year", M_DIV_YEAR, why);
    } else if (DF(s)->year > now) {
        snprintf(why, sizeof why, "分红年度 %d 晚于今年 %d", DF(s)->year, now);
        emit(r, -1, "year", M_DIV_YEAR, why);
    }
}

static void ck_div_dup(struct check_run *r, const void *s)
{
    if (DF(s)->year && DF(s)->dup)
        emit(r, -1, "year", M_DIV_DUP, DF(s)->year);
}

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
    trim_partial_utf8(dst);
}

/* Appends "name" to a 、-separated list. */
static void list_add(char *list, size_t sz, const char *name)
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
    if (income_sane(sv))
        ec->per_capita = income_per_capita(sv, hi.n);
    int standard = sv->standard ? sv->standard : STD_NATIONAL;
    ec->line_found = lines_lookup(ctx->lines, ctx->n_lines, ec->year, standard, LINE_EXIT,
                                  &ec->exit_line);
    ec->income_ok = ec->line_found && income_sane(sv) && hi.n > 0 &&
                    ec->per_capita >= ec->exit_line;

    ec->food = 1;
    ec->clothing = 1;
    ec->education = 1;
    ec->medical = hi.n > 0;
    char uninsured[100] = "";
    for (int i = 0; i < hi.n; i++) {
        const struct member *m = &hh->members[i];
        if (m->schooling == SCHOOL_NONE && compulsory_age(hi.m[i].age)) {
            char who[160];
            snprintf(who, sizeof who, "%s(%d岁)非在校生", m->name, hi.m[i].age);
            ec->education = 0;
            list_add(ec->education_note, sizeof ec->education_note, who);
        }
        if (!m->med_ins) {
            ec->medical = 0;
            list_add(uninsured, sizeof uninsured, m->name[0] ? m->name : "(未填姓名)");
        }
    }
    if (!ec->medical && uninsured[0]) {
        snprintf(ec->medical_note, sizeof ec->medical_note, "未参保: %s", uninsured);
        trim_partial_utf8(ec->medical_note);
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
