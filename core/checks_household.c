/* checks_household.c — the checks of a household as a whole: causes of
 * poverty against its members, income (survey page 4), 七不进 exclusions and
 * the application's dates.  Entries of the one table of core/checks.c
 * (CS_HOUSEHOLD). */
#include "core/checks_priv.h"
#include "core/codes.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Anything above 1亿元 in one income field is a keying slip, and keeping
 * parts below it means their sum can never overflow. */
#define INCOME_PART_MAX ((money_t)10000000000)

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

void ck_cause_school(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_SCHOOLING);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].schooling > SCHOOL_NONE)
            return;
    checks_emit(r, -1, key, M_CAUSE_SCHOOL, cause_field_label(key));
}

void ck_cause_disabled(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_DISABILITY);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].health == HEALTH_DISABLED)
            return;
    checks_emit(r, -1, key, M_CAUSE_DISABLED, cause_field_label(key));
}

void ck_cause_ill(struct check_run *r, const void *s)
{
    const char *key = cause_field(HH(s), CAUSE_ILLNESS);
    if (!key || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int h = HH(s)->members[i].health;
        if (h == HEALTH_CHRONIC || h == HEALTH_SERIOUS)
            return;
    }
    checks_emit(r, -1, key, M_CAUSE_ILL, cause_field_label(key));
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
int checks_income_sane(const struct survey *sv)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(sv, k);
        if (v < 0 || v > INCOME_PART_MAX)
            return 0;
    }
    return 1;
}

void ck_income_negative(struct check_run *r, const void *s)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(&HH(s)->survey, k);
        if (v < 0) {
            char buf[32];
            checks_yuan(v, buf, sizeof buf);
            checks_emit(r, -1, INCOME_PARTS[k].key, M_INCOME_NEG, INCOME_PARTS[k].label, buf);
        }
    }
}

void ck_income_range(struct check_run *r, const void *s)
{
    for (size_t k = 0; k < N_INCOME_PARTS; k++) {
        money_t v = income_part(&HH(s)->survey, k);
        if (v > INCOME_PART_MAX) {
            char buf[32];
            checks_yuan(v, buf, sizeof buf);
            checks_emit(r, -1, INCOME_PARTS[k].key, M_INCOME_RANGE, INCOME_PARTS[k].label, buf);
        }
    }
}

void ck_net_negative(struct check_run *r, const void *s)
{
    const struct survey *sv = &HH(s)->survey;
    if (!checks_income_sane(sv))
        return;
    money_t net = income_net(sv);
    if (net < 0) {
        char a[32], b[32];
        checks_yuan(net, a, sizeof a);
        checks_yuan(sv->business_cost, b, sizeof b);
        checks_emit(r, -1, "business_cost", M_NET_NEG, a, b);
    }
}

/* A declared 年人均纯收入 (imported without its parts) below zero. */
void ck_declared_negative(struct check_run *r, const void *s)
{
    const struct survey *sv = &HH(s)->survey;
    if (sv->year <= 0 || sv->declared_per_capita >= 0 || !income_parts_empty(sv))
        return;
    char a[32];
    checks_yuan(sv->declared_per_capita, a, sizeof a);
    checks_emit(r, -1, "declared_per_capita", M_DECLARED_NEG, a);
}

void ck_above_line(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    const struct survey *sv = &hh->survey;
    enum wf_state st = (enum wf_state)hh->state;
    if (!(wf_is_identifying(st) || st == WF_REGISTERED) || sv->year <= 0 ||
        sv->standard == 0 || r->hi->n == 0 || !checks_income_sane(sv))
        return;
    money_t line;
    if (!lines_lookup(r->ctx->lines, r->ctx->n_lines, sv->year, sv->standard,
                      LINE_POVERTY, &line))
        return;
    money_t pc = income_per_capita(sv, r->hi->n);
    if (pc < line)
        return;
    char a[32], b[160];
    checks_yuan(pc, a, sizeof a);
    lines_describe(r->ctx->lines, r->ctx->n_lines, sv->year, sv->standard, LINE_POVERTY, b, sizeof b);
    checks_emit(r, -1, "per_capita", M_ABOVE_LINE, a, sv->year,
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
    checks_trim_utf8(labels);
    return n;
}

void ck_excl_advancing(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    char labels[120];
    int n = exclusions(&hh->survey, labels, sizeof labels);
    if (n && checks_blank(hh->survey.exclusion_override) &&
        wf_is_past_appraisal((enum wf_state)hh->state))
        checks_emit(r, -1, "exclusion_override", M_EXCL_ADVANCING, n, labels,
                    wf_state_label((enum wf_state)hh->state));
}

void ck_excl_ticked(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    char labels[120];
    int n = exclusions(&hh->survey, labels, sizeof labels);
    enum wf_state st = (enum wf_state)hh->state;
    if (n && checks_blank(hh->survey.exclusion_override) &&
        (st == WF_NONE || (wf_is_identifying(st) && !wf_is_past_appraisal(st))))
        checks_emit(r, -1, "exclusion_override", M_EXCL_TICKED, n, labels);
}

void ck_dates(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    const struct { const char *key, *label, *value; } dates[] = {
        { "apply_date",  "申请日期", hh->app.apply_date },
        { "accept_date", "受理日期", hh->app.accept_date },
        { "survey_date", "调查日期", hh->survey.survey_date },
    };
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        char issue[80];
        checks_date_issue(r->ctx, dates[k].value, 0, issue, sizeof issue);
        if (issue[0])
            checks_emit(r, -1, dates[k].key, M_DATE, dates[k].label, issue);
    }
}
