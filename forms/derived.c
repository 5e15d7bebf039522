/* derived.c — display values computed from the record, never stored
 * (forms/derived.h).  ctx may be NULL (field_format has none): then the
 * per-capita value is shown without its line. */
#include "forms/derived.h"
#include <stdio.h>
#include <string.h>

void derive_survey_year(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz)
{
    (void)ctx;
    snprintf(out, outsz, "%d", hh->survey.year);
}

void derive_family_size(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz)
{
    (void)ctx;
    snprintf(out, outsz, "%d", hh->n_members);
}

void derive_transfer_income(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz)
{
    (void)ctx;
    money_format(income_transfer(&hh->survey), out, outsz);
}

void derive_net_income(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz)
{
    (void)ctx;
    money_format(income_net(&hh->survey), out, outsz);
}

/* The survey's year decides the line (the latest line not after it); a
 * survey without a year yet is measured against today's year. */
void derive_per_capita(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz)
{
    char value[32], line_text[32];
    money_t pc = income_per_capita(&hh->survey, hh->n_members), line;
    money_format(pc, value, sizeof value);

    int year = hh->survey.year;
    if (year <= 0 && ctx && strlen(ctx->today) >= 4)
        year = (ctx->today[0] - '0') * 1000 + (ctx->today[1] - '0') * 100
             + (ctx->today[2] - '0') * 10 + (ctx->today[3] - '0');
    if (!ctx || !ctx->lines || hh->n_members <= 0 || hh->survey.standard <= 0
        || !lines_lookup(ctx->lines, ctx->n_lines, year, hh->survey.standard, LINE_POVERTY, &line)) {
        snprintf(out, outsz, "%s", value);
        return;
    }
    money_format(line, line_text, sizeof line_text);
    const char *cmp = pc > line ? "高于" : pc < line ? "低于" : "等于";
    snprintf(out, outsz, "%s (%s %d年 %s 贫困线 %s元)", value, cmp, year,
             codes_label(CL_STANDARD, hh->survey.standard), line_text);
}
