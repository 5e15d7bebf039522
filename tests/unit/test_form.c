/* Unit tests of forms/form.c and forms/derived.c: the declarations are
 * consistent, and every field type parses, refuses and formats as SPEC §4 says. */
#include "tests/harness.h"
#include "forms/form.h"
#include "core/checks.h"
#include "forms/derived.h"
#include <stdio.h>
#include <stdlib.h>

static struct household hh;     /* large: keep it off the stack */

static const struct field *hf(enum ftable t, const char *key)
{
    const struct field *f = form_field(t, key);
    CHECK(f != NULL);
    if (!f)
        abort();
    return f;
}

static const char *shown(const struct field *f, const void *record)
{
    static char out[256];
    field_format(f, record, out, sizeof out);
    return out;
}

static void each_field(void (*fn)(const struct field *, enum ftable))
{
    const struct form *forms[] = { &FORM_APPLICATION, &FORM_SURVEY };
    for (size_t k = 0; k < 2; k++)
        for (size_t p = 0; p < forms[k]->n_pages; p++)
            for (size_t i = 0; i < forms[k]->pages[p].n_fields; i++)
                fn(&forms[k]->pages[p].fields[i], forms[k]->pages[p].fields[i].table);
}

static void check_code_has_list(const struct field *f, enum ftable t)
{
    (void)t;
    if (f->type == FT_CODE) {
        size_t n = 0;
        if (!CHECK(f->list > CL_NONE && f->list < CL_COUNT && codes_list(f->list, &n) && n > 0))
            fprintf(stderr, "    field %s has no code list\n", f->key);
    }
    if (f->table != T_DERIVED)
        CHECK(f->size > 0);
}

TEST(form_every_code_field_has_a_list)
{
    each_field(check_code_has_list);
    for (size_t i = 0; i < N_MEMBER_FIELDS; i++)
        check_code_has_list(&MEMBER_FIELDS[i], T_MEMBER);
}

TEST(form_table_keys_unique_and_complete)
{
    for (int t = T_HOUSEHOLD; t <= T_SURVEY; t++) {
        size_t n = 0;
        const struct field *fs = form_table_fields(t, &n);
        CHECK(n > 0);
        for (size_t i = 0; i < n; i++) {
            CHECK_INT(fs[i].table, t);
            for (size_t j = i + 1; j < n; j++)
                if (!CHECK(strcmp(fs[i].key, fs[j].key) != 0))
                    fprintf(stderr, "    key %s twice\n", fs[i].key);
            CHECK(form_field(t, fs[i].key) == &fs[i]);
        }
    }
    size_t n;
    form_table_fields(T_HOUSEHOLD, &n);
    CHECK_INT(n, 3);                             /* village, group_name, phone */
    form_table_fields(T_MEMBER, &n);
    CHECK_INT(n, N_MEMBER_FIELDS);
    CHECK(form_table_fields(T_HEAD, &n) == NULL);
    CHECK_INT(n, 0);
    CHECK(form_table_fields(T_DERIVED, &n) == NULL);
    CHECK(form_field(T_SURVEY, "exclusion7") != NULL);
    CHECK(form_field(T_APPLICATION, "exclusion7") == NULL);
    CHECK(form_field(T_HEAD, "head_id_no") != NULL);
    CHECK(form_field(T_DERIVED, "per_capita") != NULL);
    CHECK(form_field(T_SURVEY, "nope") == NULL);
}

/* Collects every declared (table, key) so the stored tables can be checked
 * to hold each one. */
static void check_stored(const struct field *f, enum ftable t)
{
    if (t == T_HEAD || t == T_DERIVED)
        return;
    CHECK(form_field(t, f->key) != NULL);
}

TEST(form_table_fields_cover_every_form_field)
{
    each_field(check_stored);
}

TEST(form_priority_and_exclusion_labels_match_codes)
{
    char key[32];
    for (int i = 1; i <= N_FIVE_PRIORITY; i++) {
        snprintf(key, sizeof key, "priority%d", i);
        CHECK_STR(hf(T_SURVEY, key)->label, codes_label(CL_PRIORITY, i));
    }
    for (int i = 1; i <= N_SEVEN_EXCL; i++) {
        snprintf(key, sizeof key, "exclusion%d", i);
        CHECK_STR(hf(T_SURVEY, key)->label, codes_label(CL_EXCLUSION, i));
    }
}

TEST(form_field_ptr_access)
{
    const struct field *f = hf(T_SURVEY, "dibao");
    CHECK(field_ptr(f, &hh) == &hh.survey.dibao);
    CHECK(field_cptr(f, &hh) == &hh.survey.dibao);
    CHECK(field_ptr(hf(T_HEAD, "head_name"), &hh) == hh.members[0].name);
    struct member m;
    CHECK(field_ptr(hf(T_MEMBER, "relation"), &m) == &m.relation);
    CHECK(field_ptr(hf(T_DERIVED, "net_income"), &hh) == NULL);
}

TEST(form_int_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_APPLICATION, "year");
    CHECK(field_parse(f, &hh, "2026") == NULL);
    CHECK_INT(hh.app.year, 2026);
    CHECK_STR(shown(f, &hh), "2026");
    CHECK(field_parse(f, &hh, "２０２５") == NULL);     /* fullwidth digits */
    CHECK_INT(hh.app.year, 2025);
    CHECK(field_parse(f, &hh, "20x6") != NULL);
    CHECK(field_parse(f, &hh, "-1") != NULL);
    CHECK(field_parse(f, &hh, "1.5") != NULL);
    CHECK(field_parse(f, &hh, "99999999999") != NULL);
    CHECK_INT(hh.app.year, 2025);                       /* untouched on failure */
    CHECK(field_parse(f, &hh, "") == NULL);
    CHECK_INT(hh.app.year, 0);
}

TEST(form_money_parse_and_format)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_SURVEY, "wage_income");
    CHECK(field_parse(f, &hh, "1,234.5") == NULL);
    CHECK_INT(hh.survey.wage_income, 123450);
    CHECK_STR(shown(f, &hh), "1234.50");
    CHECK(field_parse(f, &hh, shown(f, &hh)) == NULL);  /* round trip */
    CHECK_INT(hh.survey.wage_income, 123450);
    const char *msg = field_parse(f, &hh, "-5");
    CHECK(msg && strstr(msg, "负数"));
    msg = field_parse(f, &hh, "1.234");
    CHECK(msg && strstr(msg, "两位小数"));
    msg = field_parse(f, &hh, "abc");
    CHECK(msg && strstr(msg, "格式"));
    CHECK_INT(hh.survey.wage_income, 123450);
}

TEST(form_hundredths_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_SURVEY, "arable_area");
    CHECK(field_parse(f, &hh, "3.25") == NULL);
    CHECK_INT(hh.survey.arable_area, 325);
    CHECK_STR(shown(f, &hh), "3.25");
    CHECK(field_parse(f, &hh, "3.255") != NULL);
    CHECK_INT(hh.survey.arable_area, 325);
}

TEST(form_date_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_APPLICATION, "apply_date");
    CHECK(field_parse(f, &hh, "20240229") == NULL);
    CHECK_STR(hh.app.apply_date, "2024-02-29");
    CHECK_STR(shown(f, &hh), "2024-02-29");
    CHECK(field_parse(f, &hh, "2024-03-01") == NULL);
    CHECK_STR(hh.app.apply_date, "2024-03-01");
    CHECK_STR(field_parse(f, &hh, "20230229"), "日期不存在");
    CHECK_STR(field_parse(f, &hh, "2023-02-29"), "日期不存在");
    const char *msg = field_parse(f, &hh, "2024/3/1");
    CHECK(msg && strstr(msg, "YYYY-MM-DD"));
    CHECK_STR(hh.app.apply_date, "2024-03-01");
    /* A future date parses: "not in the future" is a check, not a type rule. */
    CHECK(field_parse(f, &hh, "2099-01-01") == NULL);
    CHECK(field_parse(f, &hh, "") == NULL);
    CHECK_STR(hh.app.apply_date, "");
}

TEST(form_code_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_SURVEY, "main_cause");
    CHECK(field_parse(f, &hh, "yb") == NULL);
    CHECK_INT(hh.survey.main_cause, CAUSE_ILLNESS);
    CHECK_STR(shown(f, &hh), "因病");
    CHECK(field_parse(f, &hh, "3") == NULL);
    CHECK_STR(shown(f, &hh), "因学");
    CHECK(field_parse(f, &hh, shown(f, &hh)) == NULL);  /* label round trip */
    CHECK_INT(hh.survey.main_cause, 3);
    CHECK(field_parse(f, &hh, "ＹＢ") == NULL);           /* fullwidth letters */
    CHECK_INT(hh.survey.main_cause, 1);
    CHECK_STR(field_parse(f, &hh, "q"), "有多个选项匹配，请按F4选择");
    CHECK(field_parse(f, &hh, "xyz") != NULL);
    CHECK(field_parse(f, &hh, "13") != NULL);
    CHECK_INT(hh.survey.main_cause, 1);
    CHECK(field_parse(f, &hh, "") == NULL);
    CHECK_INT(hh.survey.main_cause, 0);
    CHECK_STR(shown(f, &hh), "");
}

TEST(form_bool_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_SURVEY, "toilet");
    const char *yes[] = { "1", "是", "y", "Y", "１" }, *no[] = { "0", "否", "n", "N", "" };
    for (size_t i = 0; i < 5; i++) {
        hh.survey.toilet = 0;
        CHECK(field_parse(f, &hh, yes[i]) == NULL);
        CHECK_INT(hh.survey.toilet, 1);
        CHECK(field_parse(f, &hh, no[i]) == NULL);
        CHECK_INT(hh.survey.toilet, 0);
    }
    hh.survey.toilet = 1;
    CHECK_STR(shown(f, &hh), "是");
    CHECK(field_parse(f, &hh, shown(f, &hh)) == NULL);
    CHECK_INT(hh.survey.toilet, 1);
    CHECK(field_parse(f, &hh, "2") != NULL);
    CHECK(field_parse(f, &hh, "有") != NULL);
    CHECK_INT(hh.survey.toilet, 1);
    hh.survey.toilet = 0;
    CHECK_STR(shown(f, &hh), "否");
}

TEST(form_idno_fills_member_sex_and_birth)
{
    struct member m;
    memset(&m, 0, sizeof m);
    const struct field *f = hf(T_MEMBER, "id_no");
    CHECK(field_parse(f, &m, "11010519491231002x") == NULL);
    CHECK_STR(m.id_no, "11010519491231002X");
    CHECK_INT(m.sex, SEX_FEMALE);
    CHECK_STR(m.birth, "1949-12-31");
    CHECK_STR(field_parse(f, &m, "110105194912310021"), "身份证号校验位错误");
    CHECK_STR(m.id_no, "11010519491231002X");
    CHECK_INT(m.sex, SEX_FEMALE);
    /* 15-digit legacy number: accepted and upgraded. */
    CHECK(field_parse(f, &m, "130503670401001") == NULL);
    CHECK_STR(m.id_no, "130503196704010016");
    CHECK_INT(m.sex, SEX_MALE);
    CHECK_STR(m.birth, "1967-04-01");
}

TEST(form_idno_head_fills_members0)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_HEAD, "head_id_no");
    CHECK(field_parse(f, &hh, "440524188001010014") == NULL);
    CHECK_STR(hh.members[0].id_no, "440524188001010014");
    CHECK_INT(hh.members[0].sex, SEX_MALE);
    CHECK_STR(hh.members[0].birth, "1880-01-01");
    CHECK_INT(hh.members[1].sex, 0);
    CHECK_STR(shown(f, &hh), "440524188001010014");
}

TEST(form_phone_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_HOUSEHOLD, "phone");
    const char *good[] = { "13812345678", "0755-12345678", "010-1234567", "01012345678",
                           "075512345678", "0898-1234567" };
    const char *bad[] = { "1381234567", "138123456789", "23812345678", "0755-123456",
                          "07-12345678", "0755-1234-5678", "0755 12345678", "1381234567a",
                          "0123456789" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        CHECK(field_parse(f, &hh, good[i]) == NULL);
        CHECK_STR(hh.phone, good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (!CHECK(field_parse(f, &hh, bad[i]) != NULL))
            fprintf(stderr, "    accepted %s\n", bad[i]);
    CHECK_STR(hh.phone, "0898-1234567");
    CHECK(field_parse(f, &hh, "１３８１２３４５６７８") == NULL);
    CHECK_STR(hh.phone, "13812345678");
}

TEST(form_digits_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_SURVEY, "bank_account");
    CHECK(field_parse(f, &hh, "6228 4800 1234 5678 901") == NULL);
    CHECK_STR(hh.survey.bank_account, "6228480012345678901");
    CHECK(field_parse(f, &hh, "6228-4800") != NULL);
    CHECK(field_parse(f, &hh, "123456789012345678901234567890123") != NULL);   /* 33 digits */
    CHECK(field_parse(f, &hh, "12345678901234567890123456789012") == NULL);    /* 32 */
    CHECK_INT(strlen(hh.survey.bank_account), 32);
}

TEST(form_area_parse)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_HOUSEHOLD, "village");
    CHECK(field_parse(f, &hh, "440523105201") == NULL);
    CHECK_STR(hh.village, "440523105201");
    CHECK(field_parse(f, &hh, "440523105") != NULL);
    CHECK(field_parse(f, &hh, "44052310520a") != NULL);
    CHECK_STR(hh.village, "440523105201");
}

TEST(form_text_parse)
{
    struct member m;
    memset(&m, 0, sizeof m);
    const struct field *f = hf(T_MEMBER, "name");
    CHECK(field_parse(f, &m, "阿卜杜·热合曼") == NULL);
    CHECK_STR(m.name, "阿卜杜·热合曼");
    CHECK_STR(shown(f, &m), "阿卜杜·热合曼");
    CHECK(field_parse(f, &m, "𠮷𬌗") == NULL);           /* non-BMP kept */
    CHECK_STR(m.name, "𠮷𬌗");
    CHECK(field_parse(f, &m, "  张三\r\n") == NULL);      /* trimmed */
    CHECK_STR(m.name, "张三");
    /* 30 characters fit (NAME_CHARS), 31 do not — even 4-byte ones. */
    char buf[256] = "";
    for (int i = 0; i < 30; i++)
        strcat(buf, "𬌗");
    CHECK(field_parse(f, &m, buf) == NULL);
    CHECK_INT(strlen(m.name), 120);
    strcat(buf, "张");
    const char *msg = field_parse(f, &m, buf);
    CHECK(msg && strstr(msg, "30"));
    CHECK_INT(strlen(m.name), 120);
    char huge[1024] = "";                                 /* a 200-character name */
    for (int i = 0; i < 200; i++)
        strcat(huge, "张");
    msg = field_parse(f, &m, huge);
    CHECK(msg && strstr(msg, "姓名最多30个字"));
    CHECK(field_parse(f, &m, "张\x1b[31m三") != NULL);    /* escape sequence */
    CHECK(field_parse(f, &m, "张\x80三") != NULL);        /* invalid UTF-8 */
    CHECK_INT(strlen(m.name), 120);                      /* unchanged by the refusals */
}

TEST(form_text_newlines_become_spaces)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_APPLICATION, "reason");
    CHECK(field_parse(f, &hh, "家中有病人\n缺劳力\r\n住房\t危房") == NULL);
    CHECK_STR(hh.app.reason, "家中有病人 缺劳力 住房 危房");
    CHECK(field_parse(f, &hh, "a\x7f" "b") != NULL);
    CHECK_STR(hh.app.reason, "家中有病人 缺劳力 住房 危房");
}

TEST(form_derived_readonly)
{
    memset(&hh, 0, sizeof hh);
    const struct field *f = hf(T_DERIVED, "family_size");
    CHECK(field_parse(f, &hh, "3") != NULL);
    hh.n_members = 4;
    CHECK_STR(shown(f, &hh), "4");
}

static void fill_income(void)
{
    memset(&hh, 0, sizeof hh);
    hh.n_members = 4;
    hh.survey.year = 2020;
    hh.survey.standard = STD_NATIONAL;
    hh.survey.wage_income = 800000;     /* 8000.00 */
    hh.survey.dibao = 120000;           /* 1200.00 */
    hh.survey.pension = 10050;          /*  100.50 */
    hh.survey.business_cost = 50000;    /*  500.00 */
}

TEST(form_derived_income)
{
    char out[128];
    struct form_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.lines = lines_seeded(&ctx.n_lines);
    fill_income();
    derive_family_size(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "4");
    derive_transfer_income(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "1300.50");                           /* 1200 + 100.50 */
    derive_net_income(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "8800.50");                           /* 8000 + 1300.50 − 500 */
    /* 8800.50 / 4 = 2200.125 → 2200.13, below the national 2300 line. */
    derive_per_capita(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "2200.13 (低于 2020年 国家标准 贫困线 2300.00元)");
    hh.survey.wage_income = 900000;                      /* net 9800.50 / 4 = 2450.13 */
    derive_per_capita(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "2450.13 (高于 2020年 国家标准 贫困线 2300.00元)");
    hh.survey.standard = STD_PROVINCIAL;                 /* 4000 (2014) */
    derive_per_capita(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "2450.13 (低于 2020年 省定标准 贫困线 4000.00元)");
    hh.survey.standard = STD_CITY;                       /* no line: value alone */
    derive_per_capita(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "2450.13");
    derive_per_capita(&hh, NULL, out, sizeof out);
    CHECK_STR(out, "2450.13");
}

TEST(form_derived_per_capita_equal_and_no_year)
{
    char out[128];
    struct form_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.lines = lines_seeded(&ctx.n_lines);
    strcpy(ctx.today, "2026-11-23");
    fill_income();
    hh.survey.year = 0;                                   /* uses today's year */
    hh.survey.wage_income = 0;
    hh.survey.dibao = 920000;                             /* 9200 / 4 = 2300 */
    hh.survey.pension = 0;
    hh.survey.business_cost = 0;
    derive_per_capita(&hh, &ctx, out, sizeof out);
    CHECK_STR(out, "2300.00 (等于 2026年 国家标准 贫困线 2300.00元)");
    /* The declared field formats through its derive function without ctx. */
    CHECK_STR(shown(hf(T_DERIVED, "per_capita"), &hh), "2300.00");
}

TEST(form_format_truncates_at_char_boundary)
{
    struct member m;
    memset(&m, 0, sizeof m);
    const struct field *f = hf(T_MEMBER, "name");
    CHECK(field_parse(f, &m, "张三丰") == NULL);
    char out[8];                                          /* room for 2 characters */
    field_format(f, &m, out, sizeof out);
    CHECK_STR(out, "张三");
}

/* A form's list of checks names real checks of the engine: a typo would
 * silently switch a check off on that screen. */
TEST(form_declared_checks_exist)
{
    const struct form *forms[] = { &FORM_APPLICATION, &FORM_SURVEY };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        if (!forms[i]->checks)
            continue;
        for (const char *const *c = forms[i]->checks; *c; c++)
            if (!CHECK(checks_find(*c) != NULL))
                fprintf(stderr, "    %s: no check %s\n", forms[i]->name, *c);
    }
    CHECK(form_check_applies(&FORM_APPLICATION, "ID_CHECKSUM"));
    CHECK(!form_check_applies(&FORM_APPLICATION, "CAUSE_ILLNESS"));
    CHECK(form_check_applies(&FORM_SURVEY, "CAUSE_ILLNESS"));
}
