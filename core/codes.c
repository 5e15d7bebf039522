/* codes.c — every code list of SPEC §4 and §3, in one place.  Labels are
 * exactly the spec's; codes are list positions (1..n), so the order of an
 * array below IS the stored meaning: append, never reorder. */
#include "core/codes.h"
#include "core/text.h"
#include "core/pinyin.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct code sex[] = {
    { 1, "男" }, { 2, "女" },
};

static const struct code relation[] = {
    { 1, "户主" }, { 2, "配偶" }, { 3, "之子" }, { 4, "之女" }, { 5, "之儿媳" },
    { 6, "之女婿" }, { 7, "之孙子" }, { 8, "之孙女" }, { 9, "之外孙子" },
    { 10, "之外孙女" }, { 11, "之父母" }, { 12, "之祖父母" }, { 13, "之兄弟姐妹" },
    { 14, "其他" },
};

/* GB 3304 order: codes 1..56 are the standard's 01..56. */
static const struct code ethnic[] = {
    { 1, "汉族" }, { 2, "蒙古族" }, { 3, "回族" }, { 4, "藏族" }, { 5, "维吾尔族" },
    { 6, "苗族" }, { 7, "彝族" }, { 8, "壮族" }, { 9, "布依族" }, { 10, "朝鲜族" },
    { 11, "满族" }, { 12, "侗族" }, { 13, "瑶族" }, { 14, "白族" }, { 15, "土家族" },
    { 16, "哈尼族" }, { 17, "哈萨克族" }, { 18, "傣族" }, { 19, "黎族" }, { 20, "傈僳族" },
    { 21, "佤族" }, { 22, "畲族" }, { 23, "高山族" }, { 24, "拉祜族" }, { 25, "水族" },
    { 26, "东乡族" }, { 27, "纳西族" }, { 28, "景颇族" }, { 29, "柯尔克孜族" }, { 30, "土族" },
    { 31, "达斡尔族" }, { 32, "仫佬族" }, { 33, "羌族" }, { 34, "布朗族" }, { 35, "撒拉族" },
    { 36, "毛南族" }, { 37, "仡佬族" }, { 38, "锡伯族" }, { 39, "阿昌族" }, { 40, "普米族" },
    { 41, "塔吉克族" }, { 42, "怒族" }, { 43, "乌孜别克族" }, { 44, "俄罗斯族" },
    { 45, "鄂温克族" }, { 46, "德昂族" }, { 47, "保安族" }, { 48, "裕固族" }, { 49, "京族" },
    { 50, "塔塔尔族" }, { 51, "独龙族" }, { 52, "鄂伦春族" }, { 53, "赫哲族" },
    { 54, "门巴族" }, { 55, "珞巴族" }, { 56, "基诺族" }, { 57, "其他" }, { 58, "外国血统" },
};

static const struct code political[] = {
    { 1, "中共党员" }, { 2, "共青团员" }, { 3, "群众" }, { 4, "其他" },
};

static const struct code education[] = {
    { 1, "文盲或半文盲" }, { 2, "小学" }, { 3, "初中" }, { 4, "高中" }, { 5, "中专/中职" },
    { 6, "大专及以上" }, { 7, "学龄前儿童" },
};

static const struct code schooling[] = {
    { 1, "非在校生" }, { 2, "学前教育" }, { 3, "小学" }, { 4, "初中" }, { 5, "高中" },
    { 6, "中职" }, { 7, "高职/大专" }, { 8, "本科及以上" },
};

static const struct code health[] = {
    { 1, "健康" }, { 2, "长期慢性病" }, { 3, "患有大病" }, { 4, "残疾" },
};

static const struct code skill[] = {
    { 1, "普通劳动力" }, { 2, "技能劳动力" }, { 3, "弱劳动力或半劳动力" }, { 4, "丧失劳动力" },
    { 5, "无劳动力" },
};

static const struct code work[] = {
    { 1, "非务工" }, { 2, "乡镇内务工" }, { 3, "乡镇外县内务工" }, { 4, "县外省内务工" },
    { 5, "省外务工" },
};

static const struct code hh_type[] = {
    { 1, "一般贫困户" }, { 2, "低保贫困户" }, { 3, "特困供养贫困户" },
};

static const struct code standard[] = {
    { 1, "国家标准" }, { 2, "省定标准" }, { 3, "市定标准" },
};

static const struct code cause[] = {
    { 1, "因病" }, { 2, "因残" }, { 3, "因学" }, { 4, "因灾" }, { 5, "缺土地" }, { 6, "缺水" },
    { 7, "缺技术" }, { 8, "缺劳力" }, { 9, "缺资金" }, { 10, "交通条件落后" },
    { 11, "自身发展动力不足" }, { 12, "其他" },
};

static const struct code road[] = {
    { 1, "泥土路" }, { 2, "砂石路" }, { 3, "水泥路" }, { 4, "沥青路" },
};

static const struct code fuel[] = {
    { 1, "柴草" }, { 2, "煤炭" }, { 3, "液化气/天然气" }, { 4, "电" }, { 5, "沼气" },
    { 6, "其他" },
};

static const struct code danger[] = {
    { 1, "A级" }, { 2, "B级" }, { 3, "C级" }, { 4, "D级" },
};

/* SPEC §3.2, from the 八项工程 of seed 003 §三 and seed 002 篇2. */
static const struct code measure[] = {
    { 1, "产业发展" }, { 2, "就业务工" }, { 3, "技能培训" }, { 4, "教育资助" },
    { 5, "医疗保障" }, { 6, "危房改造/住房保障" }, { 7, "社保兜底(低保/特困)" },
    { 8, "小额信贷" }, { 9, "资产收益" }, { 10, "生态补偿/公益岗位" }, { 11, "易地搬迁" },
    { 12, "基础设施" }, { 13, "思想扶志" }, { 14, "其他" },
};

/* SPEC §3.3 names 产业, 就业, 兜底, …; the rest follow the measure categories. */
static const struct code exit_route[] = {
    { 1, "产业" }, { 2, "就业" }, { 3, "兜底" }, { 4, "教育" }, { 5, "健康" }, { 6, "搬迁" },
    { 7, "生态" }, { 8, "其他" },
};

static const struct code partner[] = {
    { 1, "自然人" }, { 2, "法人" }, { 3, "其他组织" }, { 4, "村委会" },
};

static const struct code project[] = {
    { 1, "一户一增收" }, { 2, "住房建设补助" },
};

static const struct code notice_kind[] = {
    { 1, "识别" }, { 2, "退出" }, { 3, "调整" }, { 4, "项目" }, { 5, "贫困村出列" },
};

/* 五优先 and 七不进 (SPEC §3.1): the same text as the survey's checkbox labels
 * in forms/household_forms.c (priority1..5, exclusion1..7); a unit test
 * (tests/unit/test_form.c) keeps the two identical. */
static const struct code priority[] = {
    { 1, "五保/低保户优先" }, { 2, "无房/危房户优先" }, { 3, "重大疾病/残疾户优先" },
    { 4, "因病/因灾返贫户优先" }, { 5, "因教/因老致贫户优先" },
};

static const struct code exclusion[] = {
    { 1, "近三年新建80㎡以上住房或城镇购房" }, { 2, "子女有赡养能力不履行赡养义务" },
    { 3, "拥有小汽车或大型农机具" }, { 4, "直系亲属有财政供养人员" }, { 5, "长期雇佣他人" },
    { 6, "对举报质疑不能合理解释" }, { 7, "有劳动能力但好吃懒做/赌博/吸毒致贫" },
};

/* Why a member leaves or joins a registered household (issue 11 item 2,
 * seed 004 §20 动态管理): asked at Del / Ins on the roster, stored with the
 * event (db/member_history.c).  其他 last in both: MEMBER_OUT_OTHER and
 * MEMBER_IN_OTHER name it. */
static const struct code member_out[] = {
    { 1, "死亡" }, { 2, "婚出" }, { 3, "分户" }, { 4, "外嫁" }, { 5, "其他" },
};

static const struct code member_in[] = {
    { 1, "新生" }, { 2, "婚入" }, { 3, "其他" },
};

/* 防返贫监测 (issue 15 item 4, seed 004 §20 跟踪监测): who is monitored and
 * why.  The risk list serves the record and the 突发事件 alike. */
static const struct code monitor_kind[] = {
    { 1, "脱贫不稳定户" }, { 2, "边缘易致贫户" }, { 3, "突发严重困难户" },
};

static const struct code risk[] = {
    { 1, "因病" }, { 2, "因残" }, { 3, "因灾" }, { 4, "因学" }, { 5, "因意外事故" },
    { 6, "收入骤减/因失业" }, { 7, "其他" },
};

/* 就业/培训 register (issue 16 part 2): what a member's record is. */
static const struct code job_kind[] = {
    { 1, "技能培训" }, { 2, "务工就业" }, { 3, "公益性岗位" },
};

/* 易地扶贫搬迁 安置方式 (issue 16 part 2; core/relocation.h RELOC_*):
 * 1–4 集中安置, 5–7 分散安置. */
static const struct code reloc_mode[] = {
    { 1, "县城集中安置" }, { 2, "集镇集中安置" }, { 3, "中心村集中安置" }, { 4, "产业园区集中安置" },
    { 5, "插花分散安置" }, { 6, "投亲靠友分散安置" }, { 7, "其他分散安置" },
};

#define LIST(name, arr) { name, arr, sizeof arr / sizeof *arr }
static const struct {
    const char *name;
    const struct code *codes;
    size_t n;
} lists[CL_COUNT] = {
    [CL_NONE]        = { "", NULL, 0 },
    [CL_SEX]         = LIST("性别", sex),
    [CL_RELATION]    = LIST("与户主关系", relation),
    [CL_ETHNIC]      = LIST("民族", ethnic),
    [CL_POLITICAL]   = LIST("政治面貌", political),
    [CL_EDUCATION]   = LIST("文化程度", education),
    [CL_SCHOOLING]   = LIST("在校生状况", schooling),
    [CL_HEALTH]      = LIST("健康状况", health),
    [CL_SKILL]       = LIST("劳动技能", skill),
    [CL_WORK]        = LIST("务工状况", work),
    [CL_HH_TYPE]     = LIST("贫困户属性", hh_type),
    [CL_STANDARD]    = LIST("识别标准", standard),
    [CL_CAUSE]       = LIST("致贫原因", cause),
    [CL_ROAD]        = LIST("入户路类型", road),
    [CL_FUEL]        = LIST("主要燃料类型", fuel),
    [CL_DANGER]      = LIST("危房等级", danger),
    [CL_MEASURE]     = LIST("帮扶措施类别", measure),
    [CL_EXIT_ROUTE]  = LIST("脱贫途径", exit_route),
    [CL_PARTNER]     = LIST("合作方类型", partner),
    [CL_PROJECT]     = LIST("项目类型", project),
    [CL_NOTICE_KIND] = LIST("公示类型", notice_kind),
    [CL_PRIORITY]    = LIST("五优先", priority),
    [CL_EXCLUSION]   = LIST("七不进", exclusion),
    [CL_MEMBER_OUT]  = LIST("成员减少原因", member_out),
    [CL_MEMBER_IN]   = LIST("成员增加原因", member_in),
    [CL_MONITOR_KIND] = LIST("监测对象类别", monitor_kind),
    [CL_RISK]        = LIST("风险类型", risk),
    [CL_JOB_KIND]    = LIST("就业培训类别", job_kind),
    [CL_RELOC_MODE]  = LIST("安置方式", reloc_mode),
};

static int list_ok(enum codelist list)
{
    return list > CL_NONE && list < CL_COUNT;
}

const struct code *codes_list(enum codelist list, size_t *n)
{
    if (!list_ok(list)) {
        if (n)
            *n = 0;
        return NULL;
    }
    if (n)
        *n = lists[list].n;
    return lists[list].codes;
}

const char *codes_list_name(enum codelist list)
{
    return list_ok(list) ? lists[list].name : "";
}

const char *codes_label(enum codelist list, int code)
{
    if (!list_ok(list) || code < 1 || (size_t)code > lists[list].n)
        return "";
    return lists[list].codes[code - 1].label;
}

int codes_by_label(enum codelist list, const char *label)
{
    if (!list_ok(list) || !label)
        return 0;
    for (size_t i = 0; i < lists[list].n; i++)
        if (strcmp(lists[list].codes[i].label, label) == 0)
            return lists[list].codes[i].code;
    return 0;
}

/* Labels whose everyday reading is not Unihan's first reading of each
 * character: in these words 长 is cháng (not zhǎng), 藏 zàng (not cáng),
 * 调 tiáo (not diào).  What F1 shows and what the exact-initials tier of
 * codes_pick tries first; a unit test checks each is a reading in use. */
static const struct { const char *label, *initials; } everyday[] = {
    { "藏族", "zz" },
    { "长期慢性病", "cqmxb" },
    { "长期雇佣他人", "cqgytr" },
    { "调整", "tz" },
};

/* Initials of every label, computed on first use: the pinyin table lookup is
 * cheap, but pick lists are filtered on every keystroke. */
#define INITIALS_MAX 64
static char initials_cache[CL_COUNT][60][INITIALS_MAX];
static unsigned char initials_done[CL_COUNT];

static void everyday_initials(const char *label, char *out, size_t outsz)
{
    for (size_t i = 0; i < sizeof everyday / sizeof *everyday; i++)
        if (strcmp(everyday[i].label, label) == 0) {
            snprintf(out, outsz, "%s", everyday[i].initials);
            return;
        }
    pinyin_initials(label, out, outsz);
}

const char *codes_initials(enum codelist list, int code)
{
    if (!list_ok(list) || code < 1 || (size_t)code > lists[list].n
        || lists[list].n > sizeof initials_cache[0] / sizeof initials_cache[0][0])
        return "";
    if (!initials_done[list]) {
        for (size_t i = 0; i < lists[list].n; i++)
            everyday_initials(lists[list].codes[i].label, initials_cache[list][i], INITIALS_MAX);
        initials_done[list] = 1;
    }
    return initials_cache[list][code - 1];
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

int codes_matches(enum codelist list, int code, const char *typed)
{
    const char *label = codes_label(list, code);
    if (!*label)
        return 0;
    if (typed && !is_ascii(typed))
        return strstr(label, typed) != NULL;    /* 壮 typed through the input method */
    return pinyin_prefix_match(label, typed);
}

const char *codes_shortcut(enum codelist list, int code)
{
    static char out[INITIALS_MAX];
    const char *ini = codes_initials(list, code);
    size_t len = strlen(ini);
    for (size_t k = 1; k < len; k++) {
        snprintf(out, sizeof out, "%.*s", (int)k, ini);
        if (codes_pick(list, out) == code)
            return out;
    }
    snprintf(out, sizeof out, "%s", ini);
    return out;
}

/* Copies typed without surrounding spaces; returns 0 when it does not fit. */
static int trimmed(const char *typed, char *out, size_t outsz)
{
    while (*typed == ' ' || *typed == '\t')
        typed++;
    size_t len = strlen(typed);
    while (len > 0 && (typed[len - 1] == ' ' || typed[len - 1] == '\t'))
        len--;
    if (len >= outsz)
        return 0;
    memcpy(out, typed, len);
    out[len] = '\0';
    return 1;
}

int codes_pick(enum codelist list, const char *typed)
{
    char t[256];
    if (!list_ok(list) || !typed || !trimmed(typed, t, sizeof t) || !*t)
        return 0;
    const struct code *c = lists[list].codes;
    size_t n = lists[list].n;

    if (text_is_digits(t, 0)) {
        /* Code numbers win over initials: "1" is 汉族, never a label's "1". */
        if (strlen(t) > 4)
            return 0;
        int v = atoi(t);
        return v >= 1 && (size_t)v <= n ? v : 0;
    }
    int exact = codes_by_label(list, t);
    if (exact)
        return exact;

    if (!is_ascii(t)) {
        /* Chinese typed but not a whole label: a unique label containing it
         * (so "慢性病" finds 长期慢性病). */
        int found = 0, n_found = 0;
        for (size_t i = 0; i < n; i++)
            if (strstr(c[i].label, t)) {
                found = c[i].code;
                n_found++;
            }
        return n_found <= 1 ? found : -1;
    }

    /* Initials, in four tiers; the first tier with any match decides (one
     * match → its code, several → -1, and the screen opens the list):
     *   1. some reading in use of each character spells exactly `typed`;
     *   2. some reading in use starts with `typed`;
     *   3. some reading, archaic ones too, spells exactly `typed`;
     *   4. some reading, archaic ones too, starts with `typed`.
     * Exact beats prefix ("hzz" is 赫哲族 alone, "zz" is 之子 not 之祖父母).
     * Readings in use beat archaic ones: "jt" is 交通条件落后, not 其他 read
     * jī-tā.  Two labels in one tier stay ambiguous, whichever reading the
     * clerk had in mind: "hz" is 汉族 and 回族, "zz" is 壮族 and 藏族 (Zàngzú),
     * and guessing would store a wrong nationality silently. */
    int code[4] = { 0, 0, 0, 0 }, count[4] = { 0, 0, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        int tier;
        if (pinyin_match(c[i].label, t, PINYIN_COMMON, 1))
            tier = 0;
        else if (pinyin_match(c[i].label, t, PINYIN_COMMON, 0))
            tier = 1;
        else if (pinyin_match(c[i].label, t, PINYIN_ANY, 1))
            tier = 2;
        else if (pinyin_match(c[i].label, t, PINYIN_ANY, 0))
            tier = 3;
        else
            continue;
        count[tier]++;
        code[tier] = c[i].code;
    }
    for (int tier = 0; tier < 4; tier++)
        if (count[tier])
            return count[tier] == 1 ? code[tier] : -1;
    return 0;
}
