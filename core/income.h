/* income.h — income, labour age and poverty/exit lines (SPEC §3.1, §5.2, §5.3). */
#ifndef FUPIN_INCOME_H
#define FUPIN_INCOME_H
#include <stddef.h>
#include "core/household.h"

/* 转移性收入: the six transfer parts. */
money_t income_transfer(const struct survey *s);
/* 家庭年纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出. */
money_t income_net(const struct survey *s);
/* 年人均纯收入 = net / family size, rounded half away from zero to the fen;
 * 0 when size <= 0.  A survey without any income part (all 0) that carries
 * a declared figure (declared_per_capita, imported) has that figure. */
money_t income_per_capita(const struct survey *s, int family_size);
/* 1 when no part of the income was keyed (every part 0). */
int income_parts_empty(const struct survey *s);

/* Labour-age limits (SPEC §5.2), from settings; defaults male 16–60, female 16–55. */
struct labour_ages {
    int min_age;            /* 16 */
    int male_max;           /* 60, configurable up to 65 */
    int female_max;         /* 55, configurable up to 60 */
};
extern const struct labour_ages LABOUR_AGES_DEFAULT;
/* 1 when a person of `sex` born on `birth` is of working age on `on`. */
int labour_is_working_age(const struct labour_ages *la, int sex, const char *birth, const char *on);

/* Lines: one row of the settings table (year × standard × kind → 元). */
enum line_kind { LINE_POVERTY = 1, LINE_EXIT = 2 };
struct line {
    int year;
    int standard;           /* CL_STANDARD */
    enum line_kind kind;
    money_t amount;         /* fen per person per year */
};
/* The values the seeds give (SPEC §5.3); *n gets the count. */
const struct line *lines_seeded(size_t *n);
/* Finds the line for (year, standard, kind) in `lines`: the exact year, else
 * the latest earlier year.  Returns 1 and sets *amount when found. */
int lines_lookup(const struct line *lines, size_t n, int year, int standard,
                 enum line_kind kind, money_t *amount);
/* The basis a seeded line is stated on ("2010年不变价", "2018年预计数, …");
 * "" for a line the clerk set. */
const char *lines_basis(const struct line *l);
/* The line lines_lookup would use, as shown to the clerk: "2300.00 元
 * (2010年不变价; 2026年未设定, 用2010年的线)", "9060.00 元 (2020年测算数, …)",
 * "2500.00 元".  Returns 0 (out = "未设定") when there is none. */
int lines_describe(const struct line *lines, size_t n, int year, int standard, enum line_kind kind,
                   char *out, size_t outsz);

/* Money text: "1234.50" ↔ fen.  money_parse accepts "1234", "1234.5",
 * "1234.50", "1,234.50"; refuses negatives and more than 2 decimals.
 * Returns 1 on success. */
int  money_parse(const char *s, money_t *out);
void money_format(money_t v, char *out, size_t outsz);   /* "1234.50" */
/* The same for areas with 2 decimals (亩, ㎡, 公里), stored ×100. */
int  hundredths_parse(const char *s, int64_t *out);
void hundredths_format(int64_t v, char *out, size_t outsz);

#endif
