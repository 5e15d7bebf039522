/* derived.h — display values computed from the record (never stored). */
#ifndef FUPIN_DERIVED_H
#define FUPIN_DERIVED_H
#include "forms/form.h"

/* 调查年度: the year of the survey on the form. */
void derive_survey_year(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz);
void derive_family_size(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz);
void derive_transfer_income(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz);
void derive_net_income(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz);
/* "3650.00 (低于 2020年 国家标准 线 4000.00)" — per capita against the year's line. */
void derive_per_capita(const struct household *hh, const struct form_ctx *ctx, char *out, size_t outsz);

#endif
