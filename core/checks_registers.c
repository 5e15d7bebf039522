/* checks_registers.c — the checks of the measure registers (issue 16
 * part 2): 扶贫小额信贷, 就业/培训, 易地扶贫搬迁, 资产收益扶贫.  Entries of
 * the one table of core/checks.c. */
#include "core/checks_priv.h"
#include "core/codes.h"
#include "core/loans.h"
#include "core/training.h"
#include "core/relocation.h"
#include "core/dividends.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- 扶贫小额信贷 (issue 16 part 2; core/loans.h) ---- */
#define LF(s) ((const struct loan_facts *)(s))

void ck_loan_amount(struct check_run *r, const void *s)
{
    char a[32];
    checks_yuan(LF(s)->amount, a, sizeof a);
    if (LF(s)->amount <= 0)
        checks_emit(r, -1, "amount", M_LOAN_AMOUNT, a, "须大于0");
    else if (LF(s)->amount > LOAN_MAX_AMOUNT)
        checks_emit(r, -1, "amount", M_LOAN_AMOUNT, a, "扶贫小额信贷每户不超过5万元");
}

void ck_loan_term(struct check_run *r, const void *s)
{
    if (LF(s)->term_months < 1 || LF(s)->term_months > LOAN_MAX_MONTHS)
        checks_emit(r, -1, "term_months", M_LOAN_TERM, LF(s)->term_months, LOAN_MAX_MONTHS);
}

/* 放款日期 a date not after today; 到期日期 after it and within the term;
 * no repayment before the loan. */
void ck_loan_dates(struct check_run *r, const void *s)
{
    const struct loan_facts *l = LF(s);
    char why[200], last[11];
    long start = checks_day_number(l->start), due = checks_day_number(l->due);
    if (start < 0) {
        checks_emit(r, -1, "start", M_LOAN_DATES, "放款日期无效, 请按 年-月-日 填写");
        return;
    }
    if (start > checks_day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "放款日期 %s 晚于今天 %s", l->start, r->ctx->today);
        checks_emit(r, -1, "start", M_LOAN_DATES, why);
        return;
    }
    if (due < 0) {
        checks_emit(r, -1, "due", M_LOAN_DATES, "到期日期无效, 请按 年-月-日 填写");
        return;
    }
    if (due <= start) {
        snprintf(why, sizeof why, "到期日期 %s 不能早于或等于放款日期 %s", l->due, l->start);
        checks_emit(r, -1, "due", M_LOAN_DATES, why);
        return;
    }
    if (l->term_months > 0 && loan_add_months(l->start, l->term_months, last) && strcmp(l->due, last) > 0) {
        snprintf(why, sizeof why, "到期日期 %s 超出期限 %d 个月 (最迟 %s)", l->due, l->term_months, last);
        checks_emit(r, -1, "due", M_LOAN_DATES, why);
        return;
    }
    if (l->first_repaid[0] && strcmp(l->first_repaid, l->start) < 0) {
        snprintf(why, sizeof why, "还款日期 %s 早于放款日期 %s", l->first_repaid, l->start);
        checks_emit(r, -1, "date", M_LOAN_DATES, why);
    }
}

void ck_loan_repaid(struct check_run *r, const void *s)
{
    char rp[32], a[32], over[32];
    if (LF(s)->amount <= 0 || LF(s)->repaid <= LF(s)->amount)
        return;
    checks_yuan(LF(s)->repaid, rp, sizeof rp);
    checks_yuan(LF(s)->amount, a, sizeof a);
    checks_yuan(LF(s)->repaid - LF(s)->amount, over, sizeof over);
    checks_emit(r, -1, "amount", M_LOAN_REPAID, rp, a, over);
}

void ck_loan_overdue(struct check_run *r, const void *s)
{
    char owe[32];
    /* A due date not after the loan is LOAN_DATES' to report. */
    if (checks_day_number(LF(s)->due) <= checks_day_number(LF(s)->start) ||
        !loan_overdue(LF(s), r->ctx->today))
        return;
    checks_yuan(loan_balance(LF(s)), owe, sizeof owe);
    checks_emit(r, -1, "due", M_LOAN_OVERDUE, LF(s)->due, owe,
                checks_day_number(r->ctx->today) - checks_day_number(LF(s)->due));
}

/* ---- 就业/培训 (issue 16 part 2; core/training.h) ---- */
#define TR(s) ((const struct training *)(s))

void ck_train_kind(struct check_run *r, const void *s)
{
    if (!codes_label(CL_JOB_KIND, TR(s)->kind)[0])
        checks_emit(r, -1, "kind", M_TRAIN_KIND, TR(s)->kind);
}

/* 开始日期 a date not after today; 结束日期 empty (still on it) or not before it. */
void ck_train_dates(struct check_run *r, const void *s)
{
    char why[160];
    long from = checks_day_number(TR(s)->start), to = checks_day_number(TR(s)->finish);
    if (from < 0) {
        checks_emit(r, -1, "start", M_TRAIN_DATES, "开始日期无效, 请按 年-月-日 填写");
    } else if (from > checks_day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "开始日期 %s 晚于今天 %s", TR(s)->start, r->ctx->today);
        checks_emit(r, -1, "start", M_TRAIN_DATES, why);
    } else if (TR(s)->finish[0] && to < 0) {
        checks_emit(r, -1, "finish", M_TRAIN_DATES, "结束日期无效, 请按 年-月-日 填写 (仍在进行则留空)");
    } else if (TR(s)->finish[0] && to < from) {
        snprintf(why, sizeof why, "结束日期 %s 早于开始日期 %s", TR(s)->finish, TR(s)->start);
        checks_emit(r, -1, "finish", M_TRAIN_DATES, why);
    }
}

void ck_train_income(struct check_run *r, const void *s)
{
    char v[32];
    checks_yuan(TR(s)->income, v, sizeof v);
    if (TR(s)->income < 0)
        checks_emit(r, -1, "income", M_TRAIN_INCOME, v, "不能为负");
    else if (TR(s)->income > TRAINING_MAX_INCOME)
        checks_emit(r, -1, "income", M_TRAIN_INCOME, v, "超过100万元, 请核对");
}

/* ---- 易地扶贫搬迁 (issue 16 part 2; core/relocation.h) ---- */
#define RL(s) ((const struct relocation *)(s))

/* ×100 as "12.50". */
static void hundredths(int64_t v, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(v < 0 ? -v : v) / 100,
             (long long)(v < 0 ? -v : v) % 100);
}

void ck_reloc_mode(struct check_run *r, const void *s)
{
    if (!codes_label(CL_RELOC_MODE, RL(s)->mode)[0])
        checks_emit(r, -1, "mode", M_RELOC_MODE, RL(s)->mode);
}

void ck_reloc_date(struct check_run *r, const void *s)
{
    char why[160];
    long d = checks_day_number(RL(s)->moved_on);
    if (d < 0) {
        checks_emit(r, -1, "moved_on", M_RELOC_DATE, "搬迁入住日期无效, 请按 年-月-日 填写");
    } else if (d > checks_day_number(r->ctx->today)) {
        snprintf(why, sizeof why, "搬迁入住日期 %s 晚于今天 %s", RL(s)->moved_on, r->ctx->today);
        checks_emit(r, -1, "moved_on", M_RELOC_DATE, why);
    }
}

void ck_reloc_people(struct check_run *r, const void *s)
{
    if (RL(s)->people < 1 || RL(s)->people > RL(s)->members)
        checks_emit(r, -1, "people", M_RELOC_PEOPLE, RL(s)->people, RL(s)->members);
}

void ck_reloc_area(struct check_run *r, const void *s)
{
    char v[32];
    hundredths(RL(s)->area, v, sizeof v);
    if (RL(s)->area <= 0)
        checks_emit(r, -1, "area", M_RELOC_AREA, v, "须大于0");
}

/* Area over 25 ㎡ × people moved; people out of range is RELOC_PEOPLE's. */
void ck_reloc_per_person(struct check_run *r, const void *s)
{
    char v[32];
    if (RL(s)->people < 1 || RL(s)->area <= (int64_t)RELOC_AREA_PER_PERSON * RL(s)->people)
        return;
    hundredths(RL(s)->area / RL(s)->people, v, sizeof v);
    checks_emit(r, -1, "area", M_RELOC_PER_PERSON, v);
}

void ck_reloc_subsidy(struct check_run *r, const void *s)
{
    char v[32];
    checks_yuan(RL(s)->subsidy, v, sizeof v);
    if (RL(s)->subsidy < 0)
        checks_emit(r, -1, "subsidy", M_RELOC_SUBSIDY, v, "不能为负");
    else if (RL(s)->subsidy > RELOC_MAX_SUBSIDY)
        checks_emit(r, -1, "subsidy", M_RELOC_SUBSIDY, v, "超过100万元, 请核对");
}

/* ---- 资产收益扶贫 (issue 16 part 2; core/dividends.h) ---- */
#define DF(s) ((const struct dividend_facts *)(s))

void ck_div_shares(struct check_run *r, const void *s)
{
    if (DF(s)->shares <= 0)
        checks_emit(r, -1, "shares", M_DIV_SHARES, DF(s)->shares);
}

void ck_div_amounts(struct check_run *r, const void *s)
{
    char v[32];
    const struct { money_t v; const char *key, *label; } a[] = {
        { DF(s)->amount, "amount", "入股/配股金额" }, { DF(s)->dividend, "dividend", "分红金额" },
    };
    for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
        checks_yuan(a[i].v, v, sizeof v);
        if (a[i].v < 0)
            checks_emit(r, -1, a[i].key, M_DIV_AMOUNT, a[i].label, v, "不能为负");
        else if (a[i].v > DIVIDEND_MAX_AMOUNT)
            checks_emit(r, -1, a[i].key, M_DIV_AMOUNT, a[i].label, v, "超过100万元, 请核对");
    }
}

/* 入股年份 a year not after this one; a dividend's year within it and now. */
void ck_div_year(struct check_run *r, const void *s)
{
    char why[160];
    int now = atoi(r->ctx->today);
    if (DF(s)->start_year < 1949 || DF(s)->start_year > now) {
        snprintf(why, sizeof why, "入股年份 %d 无效: 须在 1949 至今年 %d 之间", DF(s)->start_year, now);
        checks_emit(r, -1, "start_year", M_DIV_YEAR, why);
    } else if (DF(s)->year && DF(s)->year < DF(s)->start_year) {
        snprintf(why, sizeof why, "分红年度 %d 早于入股年份 %d", DF(s)->year, DF(s)->start_year);
        checks_emit(r, -1, "year", M_DIV_YEAR, why);
    } else if (DF(s)->year > now) {
        snprintf(why, sizeof why, "分红年度 %d 晚于今年 %d", DF(s)->year, now);
        checks_emit(r, -1, "year", M_DIV_YEAR, why);
    }
}

void ck_div_dup(struct check_run *r, const void *s)
{
    if (DF(s)->year && DF(s)->dup)
        checks_emit(r, -1, "year", M_DIV_DUP, DF(s)->year);
}
