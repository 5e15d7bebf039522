/* village.c — the 贫困村 exit checklist (see village.h). */
#include "core/village.h"
#include "core/income.h"
#include <stdio.h>
#include <string.h>

int64_t vc_by_year(const struct vc_year_value *v, size_t n, int year, int64_t def)
{
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (v[i].year <= year && (best < 0 || v[i].year >= v[best].year))
            best = (int)i;
    return best < 0 ? def : v[best].value;
}

/* 60 % of the provincial rural average: seed 003 (2018, 预计 9820 元) and
 * seed 004 (2020, 测算数 13000 元). */
static const struct vc_year_value income_lines[] = {
    { 2018, 982000 },
    { 2020, 1300000 },
};

const struct vc_year_value *vc_income_lines_seeded(size_t *n)
{
    *n = sizeof income_lines / sizeof *income_lines;
    return income_lines;
}

int64_t vc_rate_bp(int poor_people, int population)
{
    if (population <= 0 || poor_people < 0)
        return -1;
    return ((int64_t)poor_people * 20000 + population) / (2 * (int64_t)population);
}

int vc_rate_below(int poor_people, int population, int64_t threshold_bp)
{
    if (population <= 0 || poor_people < 0)
        return 0;
    return (int64_t)poor_people * 10000 < threshold_bp * population;
}

void vc_format_bp(int64_t bp, char *out, size_t outsz)
{
    if (bp < 0)
        snprintf(out, outsz, "—");
    else
        snprintf(out, outsz, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

static const char *const item_labels[VC_COUNT] = {
    "贫困发生率", "村人均可支配收入", "村集体经济收入", "硬底化村道", "安全饮水",
    "通生产生活用电", "通宽带", "标准化卫生站", "义务教育有保障", "文化活动场所",
};

/* What a yes/no item asks, as the checklist prints it. */
static const char *const yesno_standard[VC_N_YESNO] = {
    "200人以上自然村道路硬底化", "村村通自来水, 饮水安全", "农网改造, 通生产生活用电",
    "光纤宽带入村", "有标准化卫生站", "适龄儿童就近入学", "有文化活动场所、农家书屋",
};

const char *vc_item_label(enum vc_item i)
{
    return (unsigned)i < VC_COUNT ? item_labels[i] : "";
}

const char *vc_verdict_label(enum vc_item i, enum vc_verdict v)
{
    if (v == VC_PASS)
        return "达标";
    if (v == VC_FAIL)
        return "未达标";
    return i >= VC_FIRST_YESNO ? "未确认" : "无数据";
}

static void money_text(int64_t fen, char *out, size_t outsz)
{
    char m[32];
    money_format(fen, m, sizeof m);
    snprintf(out, outsz, "%s 元", m);
}

static void eval_rate(const struct vc_facts *f, struct vc_result *r)
{
    char t[32], a[32];
    vc_format_bp(f->rate_threshold_bp, t, sizeof t);
    snprintf(r->standard, sizeof r->standard, "低于 %s", t);
    if (f->population <= 0) {
        r->verdict = VC_MISSING;
        snprintf(r->actual, sizeof r->actual, "未录入%d年农村户籍人口", f->year);
        return;
    }
    vc_format_bp(vc_rate_bp(f->poor_people, f->population), a, sizeof a);
    snprintf(r->actual, sizeof r->actual, "%s (在册贫困人口 %d / 户籍人口 %d)", a, f->poor_people,
             f->population);
    r->verdict = vc_rate_below(f->poor_people, f->population, f->rate_threshold_bp) ? VC_PASS : VC_FAIL;
}

/* A keyed amount against a minimum (line 0 = no minimum set). */
static void eval_amount(int64_t value, int64_t min, const char *what, int year, struct vc_result *r)
{
    char m[48];
    if (min > 0) {
        money_text(min, m, sizeof m);
        snprintf(r->standard, sizeof r->standard, "不低于 %s", m);
    } else {
        snprintf(r->standard, sizeof r->standard, "未设定标准");
    }
    if (value < 0) {
        r->verdict = VC_MISSING;
        snprintf(r->actual, sizeof r->actual, "未录入%d年%s", year, what);
        return;
    }
    money_text(value, r->actual, sizeof r->actual);
    r->verdict = min <= 0 ? VC_MISSING : value >= min ? VC_PASS : VC_FAIL;
}

static void eval_yesno(const struct vc_facts *f, int k, struct vc_result *r)
{
    snprintf(r->standard, sizeof r->standard, "%s", yesno_standard[k]);
    int a = f->answer[k];
    if (a == VC_UNSET && f->prefill[k] != VC_UNSET) {
        a = f->prefill[k];
        r->from_prefill = 1;
    }
    if (a == VC_UNSET) {
        r->verdict = VC_MISSING;
        snprintf(r->actual, sizeof r->actual, "待确认");
        return;
    }
    r->verdict = a == VC_YES ? VC_PASS : VC_FAIL;
    if (r->from_prefill)
        snprintf(r->actual, sizeof r->actual, "%s (按调查预填: %s)", a == VC_YES ? "是" : "否",
                 f->prefill_note[k]);
    else
        snprintf(r->actual, sizeof r->actual, "%s", a == VC_YES ? "是" : "否");
}

void vc_evaluate(const struct vc_facts *f, enum vc_item i, struct vc_result *out)
{
    memset(out, 0, sizeof *out);
    if (i == VC_RATE)
        eval_rate(f, out);
    else if (i == VC_INCOME)
        eval_amount(f->per_capita_income, f->income_line, "村人均可支配收入", f->year, out);
    else if (i == VC_COLLECTIVE)
        eval_amount(f->collective_income, f->collective_min, "村集体经济收入", f->year, out);
    else if ((unsigned)i < VC_COUNT)
        eval_yesno(f, (int)i - VC_FIRST_YESNO, out);
    else
        out->verdict = VC_MISSING;
}

int vc_evaluate_all(const struct vc_facts *f, struct vc_result out[VC_COUNT], char *failing,
                    size_t failingsz)
{
    int bad = 0;
    size_t used = 0;
    if (failingsz)
        failing[0] = 0;
    for (int i = 0; i < VC_COUNT; i++) {
        vc_evaluate(f, (enum vc_item)i, &out[i]);
        if (out[i].verdict == VC_PASS)
            continue;
        bad++;
        if (used < failingsz) {
            int w = snprintf(failing + used, failingsz - used, "%s%s(%s)", bad > 1 ? "、" : "",
                             item_labels[i], vc_verdict_label((enum vc_item)i, out[i].verdict));
            used += w > 0 ? (size_t)w : 0;
        }
    }
    return bad;
}

const char *vc_stage_label(enum vc_stage s)
{
    static const char *const labels[] = { "未提出", "已提出", "评议通过", "公示中", "已出列", "评议未通过" };
    return (unsigned)s < sizeof labels / sizeof *labels ? labels[s] : "";
}
