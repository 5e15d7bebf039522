/* Unit tests of core/codes: the lists of SPEC §4 and picking by number,
 * label or pinyin initials. */
#include "tests/harness.h"
#include "core/codes.h"
#include "core/pinyin.h"
#include "core/text.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

TEST(codes_every_list_well_formed)
{
    for (int l = CL_NONE + 1; l < CL_COUNT; l++) {
        size_t n = 0;
        const struct code *c = codes_list(l, &n);
        CHECK(c != NULL);
        CHECK(n >= 2);
        CHECK(codes_list_name(l)[0] != '\0');
        for (size_t i = 0; i < n; i++) {
            CHECK_INT(c[i].code, (int)i + 1);            /* codes are positions */
            CHECK(c[i].label && c[i].label[0]);
            CHECK_INT(codes_by_label(l, c[i].label), c[i].code);   /* labels unique */
            CHECK(codes_initials(l, c[i].code)[0] != '\0');       /* pickable by letters */
        }
        CHECK_STR(codes_label(l, 0), "");
        CHECK_STR(codes_label(l, (int)n + 1), "");
    }
    size_t n = 7;
    CHECK(codes_list(CL_NONE, &n) == NULL);
    CHECK_INT(n, 0);
}

TEST(codes_well_known_enums_match_positions)
{
    CHECK_STR(codes_label(CL_SEX, SEX_MALE), "男");
    CHECK_STR(codes_label(CL_SEX, SEX_FEMALE), "女");
    CHECK_STR(codes_label(CL_RELATION, REL_HEAD), "户主");
    CHECK_STR(codes_label(CL_RELATION, REL_SPOUSE), "配偶");
    CHECK_STR(codes_label(CL_RELATION, REL_SON), "之子");
    CHECK_STR(codes_label(CL_RELATION, REL_DAUGHTER), "之女");
    CHECK_STR(codes_label(CL_RELATION, REL_PARENT), "之父母");
    CHECK_STR(codes_label(CL_RELATION, REL_GRANDPARENT), "之祖父母");
    CHECK_STR(codes_label(CL_HEALTH, HEALTH_OK), "健康");
    CHECK_STR(codes_label(CL_HEALTH, HEALTH_CHRONIC), "长期慢性病");
    CHECK_STR(codes_label(CL_HEALTH, HEALTH_SERIOUS), "患有大病");
    CHECK_STR(codes_label(CL_HEALTH, HEALTH_DISABLED), "残疾");
    CHECK_STR(codes_label(CL_SCHOOLING, SCHOOL_NONE), "非在校生");
    CHECK_STR(codes_label(CL_SCHOOLING, SCHOOL_PRE), "学前教育");
    CHECK_STR(codes_label(CL_SCHOOLING, SCHOOL_PRIMARY), "小学");
    CHECK_STR(codes_label(CL_SCHOOLING, SCHOOL_JUNIOR), "初中");
    CHECK_STR(codes_label(CL_CAUSE, CAUSE_ILLNESS), "因病");
    CHECK_STR(codes_label(CL_CAUSE, CAUSE_DISABILITY), "因残");
    CHECK_STR(codes_label(CL_CAUSE, CAUSE_SCHOOLING), "因学");
    CHECK_STR(codes_label(CL_CAUSE, CAUSE_OTHER), "其他");
    CHECK_STR(codes_label(CL_STANDARD, STD_NATIONAL), "国家标准");
    CHECK_STR(codes_label(CL_STANDARD, STD_PROVINCIAL), "省定标准");
    CHECK_STR(codes_label(CL_STANDARD, STD_CITY), "市定标准");
    CHECK_STR(codes_label(CL_DANGER, DANGER_C), "C级");
    CHECK_STR(codes_label(CL_DANGER, DANGER_D), "D级");
    CHECK_STR(codes_label(CL_PARTNER, PARTNER_VILLAGE), "村委会");
    CHECK_STR(codes_label(CL_PROJECT, PROJECT_INCOME), "一户一增收");
    CHECK_STR(codes_label(CL_PROJECT, PROJECT_HOUSING), "住房建设补助");
}

TEST(codes_list_lengths_per_spec)
{
    size_t n;
    const int want[][2] = {
        { CL_SEX, 2 }, { CL_RELATION, 14 }, { CL_ETHNIC, 58 }, { CL_POLITICAL, 4 },
        { CL_EDUCATION, 7 }, { CL_SCHOOLING, 8 }, { CL_HEALTH, 4 }, { CL_SKILL, 5 },
        { CL_WORK, 5 }, { CL_HH_TYPE, 3 }, { CL_STANDARD, 3 }, { CL_CAUSE, 12 },
        { CL_ROAD, 4 }, { CL_FUEL, 6 }, { CL_DANGER, 4 }, { CL_MEASURE, 14 },
        { CL_EXIT_ROUTE, 8 }, { CL_PARTNER, 4 }, { CL_PROJECT, 2 }, { CL_NOTICE_KIND, 5 },
        { CL_PRIORITY, 5 }, { CL_EXCLUSION, 7 }, { CL_MEMBER_OUT, 5 }, { CL_MEMBER_IN, 3 },
        { CL_MONITOR_KIND, 3 }, { CL_RISK, 7 },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        codes_list(want[i][0], &n);
        CHECK_INT(n, want[i][1]);
    }
}

TEST(codes_ethnic_gb3304_order)
{
    CHECK_STR(codes_label(CL_ETHNIC, 1), "汉族");
    CHECK_STR(codes_label(CL_ETHNIC, 3), "回族");
    CHECK_STR(codes_label(CL_ETHNIC, 8), "壮族");
    CHECK_STR(codes_label(CL_ETHNIC, 16), "哈尼族");
    CHECK_STR(codes_label(CL_ETHNIC, 29), "柯尔克孜族");
    CHECK_STR(codes_label(CL_ETHNIC, 53), "赫哲族");
    CHECK_STR(codes_label(CL_ETHNIC, 56), "基诺族");
    CHECK_STR(codes_label(CL_ETHNIC, 57), "其他");
    CHECK_STR(codes_label(CL_ETHNIC, 58), "外国血统");
}

TEST(codes_spot_labels)
{
    CHECK_STR(codes_label(CL_EDUCATION, 5), "中专/中职");
    CHECK_STR(codes_label(CL_SKILL, 3), "弱劳动力或半劳动力");
    CHECK_STR(codes_label(CL_WORK, 3), "乡镇外县内务工");
    CHECK_STR(codes_label(CL_FUEL, 3), "液化气/天然气");
    CHECK_STR(codes_label(CL_MEASURE, 7), "社保兜底(低保/特困)");
    CHECK_STR(codes_label(CL_EXIT_ROUTE, 3), "兜底");
    CHECK_STR(codes_label(CL_NOTICE_KIND, 2), "退出");
    CHECK_STR(codes_label(CL_EXCLUSION, 7), "有劳动能力但好吃懒做/赌博/吸毒致贫");
    CHECK_STR(codes_list_name(CL_CAUSE), "致贫原因");
}

TEST(codes_initials_of_labels)
{
    CHECK_STR(codes_initials(CL_CAUSE, CAUSE_ILLNESS), "yb");
    CHECK_STR(codes_initials(CL_ETHNIC, 1), "hz");
    CHECK_STR(codes_initials(CL_ETHNIC, 16), "hnz");
    CHECK_STR(codes_initials(CL_ETHNIC, 53), "hzz");
    CHECK_STR(codes_initials(CL_DANGER, 1), "aj");
    CHECK_STR(codes_initials(CL_CAUSE, 99), "");
    /* Cached: the same pointer twice. */
    CHECK(codes_initials(CL_CAUSE, 1) == codes_initials(CL_CAUSE, 1));
}

TEST(codes_pick_by_number_and_label)
{
    CHECK_INT(codes_pick(CL_CAUSE, "3"), 3);
    CHECK_STR(codes_label(CL_CAUSE, codes_pick(CL_CAUSE, "3")), "因学");
    CHECK_INT(codes_pick(CL_CAUSE, " 12 "), 12);
    CHECK_INT(codes_pick(CL_CAUSE, "13"), 0);
    CHECK_INT(codes_pick(CL_CAUSE, "0"), 0);
    CHECK_INT(codes_pick(CL_CAUSE, "99999999999"), 0);
    CHECK_INT(codes_pick(CL_CAUSE, "因灾"), 4);
    CHECK_INT(codes_pick(CL_CAUSE, ""), 0);
    CHECK_INT(codes_pick(CL_CAUSE, NULL), 0);
    CHECK_INT(codes_pick(CL_NONE, "1"), 0);
}

TEST(codes_pick_by_initials)
{
    CHECK_INT(codes_pick(CL_CAUSE, "yb"), CAUSE_ILLNESS);
    CHECK_INT(codes_pick(CL_CAUSE, "YB"), CAUSE_ILLNESS);
    CHECK_INT(codes_pick(CL_CAUSE, "jt"), 10);   /* 交通条件落后, not 其他 read jī-tā */
    CHECK_INT(codes_pick(CL_CAUSE, "q"), -1);             /* 缺土地, 缺水, … 其他 */
    CHECK_INT(codes_pick(CL_CAUSE, "qs"), 6);             /* 缺水 (缺技术 is qjs) */
    CHECK_INT(codes_pick(CL_CAUSE, "xyz"), 0);
    CHECK_INT(codes_pick(CL_HEALTH, "cq"), HEALTH_CHRONIC);   /* 长 read cháng */
    CHECK_INT(codes_pick(CL_HEALTH, "zq"), HEALTH_CHRONIC);   /* … or zhǎng */
    CHECK_INT(codes_pick(CL_HEALTH, "cqmxb"), HEALTH_CHRONIC);
    CHECK_INT(codes_pick(CL_SEX, "n"), -1);               /* 男 nán, 女 nǚ */
    CHECK_INT(codes_pick(CL_DANGER, "c"), DANGER_C);      /* ASCII letter in the label */
}

TEST(codes_pick_exact_initials_beat_prefix)
{
    /* 赫哲族 hzz and 哈尼族 hnz are reachable by their full initials. */
    CHECK_INT(codes_pick(CL_ETHNIC, "hzz"), 53);
    CHECK_INT(codes_pick(CL_ETHNIC, "hnz"), 16);
    /* "hz" is exactly 汉族 AND exactly 回族, so it stays ambiguous (the
     * screen opens the filtered list) rather than guessing a nationality. */
    CHECK_INT(codes_pick(CL_ETHNIC, "hz"), -1);
    CHECK_INT(codes_pick(CL_ETHNIC, "1"), 1);
    CHECK_INT(codes_pick(CL_ETHNIC, "汉族"), 1);
    /* 之子 zz is exact; 之祖父母 zzfm merely starts with zz. */
    CHECK_INT(codes_pick(CL_RELATION, "zz"), REL_SON);
    CHECK_INT(codes_pick(CL_RELATION, "zzf"), REL_GRANDPARENT);
    /* Among rare readings too, exact beats prefix: 女 also reads rǔ, so "zr"
     * spells all of 之女 but only the start of 之女婿 / 之儿媳. */
    CHECK_INT(codes_pick(CL_RELATION, "zr"), REL_DAUGHTER);
}

TEST(codes_pick_chinese_fragment)
{
    CHECK_INT(codes_pick(CL_HEALTH, "慢性病"), HEALTH_CHRONIC);
    CHECK_INT(codes_pick(CL_CAUSE, "缺"), -1);
    CHECK_INT(codes_pick(CL_CAUSE, "火灾"), 0);
}

TEST(codes_matches_filter)
{
    CHECK(codes_matches(CL_CAUSE, 1, "y"));
    CHECK(codes_matches(CL_CAUSE, 1, "yb"));
    CHECK(!codes_matches(CL_CAUSE, 1, "yc"));
    CHECK(codes_matches(CL_CAUSE, 1, ""));
    CHECK(!codes_matches(CL_CAUSE, 0, ""));
    CHECK(!codes_matches(CL_CAUSE, 13, "y"));
}

/* ---- every list, every reading (the oracle enumerates strings; codes_pick
 * matches per character) ---------------------------------------------------- */

#define MAX_SPELLINGS 512

/* Every initials string of `label` under the readings in use. */
static size_t spellings(const char *label, char out[][64], size_t max)
{
    uint32_t sets[64];
    char fixed[64];
    size_t n = 0;
    uint32_t cp;
    while (n < 63 && (cp = utf8_decode_next(&label)) != 0) {
        char a = 0;
        if (cp >= 'A' && cp <= 'Z') a = (char)(cp - 'A' + 'a');
        else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) a = (char)cp;
        uint32_t set = a ? 0 : pinyin_common_set(cp);
        if (!a && !set)
            continue;
        fixed[n] = a;
        sets[n++] = set;
    }
    size_t count = 1;
    out[0][0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t grown = 0;
        static char next[MAX_SPELLINGS][64];
        for (size_t k = 0; k < count; k++)
            for (int l = 0; l < 26 || (fixed[i] && l == 0); l++) {
                char ch = fixed[i] ? fixed[i] : (char)('a' + l);
                if (!fixed[i] && !(sets[i] & (1u << l)))
                    continue;
                if (grown < max)
                    snprintf(next[grown++], 64, "%s%c", out[k], ch);
                if (fixed[i])
                    break;
            }
        for (size_t k = 0; k < grown; k++)
            memcpy(out[k], next[k], 64);
        count = grown;
    }
    return count;
}

/* What codes_pick must answer for `typed`, from the enumerated spellings. */
static int expected_pick(char sp[][MAX_SPELLINGS][64], const size_t *nsp, size_t n, const char *typed)
{
    int exact = 0, n_exact = 0, prefix = 0, n_prefix = 0;
    for (size_t i = 0; i < n; i++) {
        int e = 0, p = 0;
        for (size_t k = 0; k < nsp[i]; k++) {
            e |= strcmp(sp[i][k], typed) == 0;
            p |= strncmp(sp[i][k], typed, strlen(typed)) == 0;
        }
        if (e) { exact = (int)i + 1; n_exact++; }
        if (p) { prefix = (int)i + 1; n_prefix++; }
    }
    if (n_exact)
        return n_exact == 1 ? exact : -1;
    if (n_prefix)
        return n_prefix == 1 ? prefix : -1;
    return 0;
}

TEST(codes_pick_whole_tables_never_guess)
{
    static char sp[60][MAX_SPELLINGS][64];
    size_t nsp[60];
    int ambiguous = 0;
    for (int l = CL_NONE + 1; l < CL_COUNT; l++) {
        size_t n = 0;
        const struct code *c = codes_list(l, &n);
        for (size_t i = 0; i < n; i++)
            nsp[i] = spellings(c[i].label, sp[i], MAX_SPELLINGS);
        for (size_t i = 0; i < n; i++) {
            /* Found by its everyday initials: picked, or in the filtered list. */
            const char *ini = codes_initials(l, c[i].code);
            int got = codes_pick(l, ini);
            if (!CHECK(got == c[i].code || (got == -1 && codes_matches(l, c[i].code, ini))))
                fprintf(stderr, "    %s %s: \"%s\" gives %d\n", codes_list_name(l), c[i].label, ini, got);
            /* Every spelling and every start of one: one label → that label,
             * several → ambiguous, exactly as the enumeration says. */
            for (size_t k = 0; k < nsp[i]; k++)
                for (size_t len = 1; len <= strlen(sp[i][k]); len++) {
                    char typed[64];
                    snprintf(typed, sizeof typed, "%.*s", (int)len, sp[i][k]);
                    if (text_is_digits(typed, 0))
                        continue;
                    int want = expected_pick(sp, nsp, n, typed);
                    int pick = codes_pick(l, typed);
                    ambiguous += want == -1;
                    if (!CHECK_INT(pick, want))
                        fprintf(stderr, "    %s: \"%s\"\n", codes_list_name(l), typed);
                }
        }
    }
    CHECK(ambiguous > 100);
}

TEST(codes_pick_ambiguous_readings_open_the_list)
{
    CHECK_INT(codes_pick(CL_ETHNIC, "zz"), -1);      /* 壮族, and 藏族 read Zàngzú */
    CHECK(codes_matches(CL_ETHNIC, 4, "zz"));
    CHECK(codes_matches(CL_ETHNIC, 8, "zz"));
    CHECK_INT(codes_pick(CL_ETHNIC, "cz"), 4);       /* 藏 cáng: only 藏族 */
    CHECK_INT(codes_pick(CL_STANDARD, "sdbz"), -1);  /* 省定标准, 市定标准 */
    CHECK_INT(codes_pick(CL_NOTICE_KIND, "tz"), 3);  /* 调整 tiáozhěng */
    CHECK_INT(codes_pick(CL_NOTICE_KIND, "dz"), 3);  /* … or read diào */
}

TEST(codes_everyday_initials_and_shortcuts)
{
    CHECK_STR(codes_initials(CL_HEALTH, HEALTH_CHRONIC), "cqmxb");
    CHECK_STR(codes_shortcut(CL_HEALTH, HEALTH_CHRONIC), "cq");
    CHECK_STR(codes_initials(CL_ETHNIC, 4), "zz");
    CHECK_STR(codes_shortcut(CL_ETHNIC, 1), "hz");   /* 汉族: no start picks it alone */
    CHECK_STR(codes_shortcut(CL_CAUSE, CAUSE_ILLNESS), "yb");
    CHECK_STR(codes_shortcut(CL_ETHNIC, 53), "hzz");
    CHECK_STR(codes_initials(CL_NOTICE_KIND, 3), "tz");
    /* Each everyday spelling is a reading in use of its label, and every
     * shortcut picks its label. */
    for (int l = CL_NONE + 1; l < CL_COUNT; l++) {
        size_t n = 0;
        const struct code *c = codes_list(l, &n);
        for (size_t i = 0; i < n; i++) {
            CHECK(pinyin_match(c[i].label, codes_initials(l, c[i].code), PINYIN_COMMON, 1));
            const char *sc = codes_shortcut(l, c[i].code);
            CHECK(codes_pick(l, sc) == c[i].code || strcmp(sc, codes_initials(l, c[i].code)) == 0);
        }
    }
}

TEST(codes_matches_chinese_typed)
{
    CHECK(codes_matches(CL_ETHNIC, 8, "壮"));
    CHECK(!codes_matches(CL_ETHNIC, 4, "壮"));
    CHECK(codes_matches(CL_ETHNIC, 4, "藏"));
    CHECK(codes_matches(CL_HEALTH, HEALTH_CHRONIC, "慢性"));
}

/* Issue 11: the member-change reasons, picked by their initials like the
 * other lists; 其他 is where an unexplained change is filed. */
TEST(codes_member_change_reasons)
{
    static const char *const out[][2] = { { "sw", "死亡" }, { "hc", "婚出" }, { "fh", "分户" },
                                           { "wj", "外嫁" }, { "qt", "其他" } };
    for (size_t i = 0; i < sizeof out / sizeof *out; i++)
        CHECK_STR(codes_label(CL_MEMBER_OUT, codes_pick(CL_MEMBER_OUT, out[i][0])), out[i][1]);
    static const char *const in[][2] = { { "xs", "新生" }, { "hr", "婚入" }, { "qt", "其他" } };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++)
        CHECK_STR(codes_label(CL_MEMBER_IN, codes_pick(CL_MEMBER_IN, in[i][0])), in[i][1]);
    CHECK_STR(codes_label(CL_MEMBER_OUT, MEMBER_OUT_OTHER), "其他");
    CHECK_STR(codes_label(CL_MEMBER_IN, MEMBER_IN_OTHER), "其他");
}
