/* demo.c — synthetic, reproducible demo data (see demo.h).
 *
 * Code values below are list positions of SPEC §4 (core/codes.h numbers lists
 * 1..n in that order; 民族 in GB 3304 order); tests/unit/test_demo.c checks
 * each one against codes_label() so a reordered list cannot go unnoticed. */
#include "core/demo.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/income.h"
#include "core/workflow.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ETH_HAN = 1, ETH_UYGHUR = 5, ETH_MIAO = 6, ETH_ZHUANG = 8, ETH_DONG = 12, ETH_YAO = 13 };
enum { REL_DIL = 5, REL_SIL = 6, REL_GSON = 7, REL_GDAU = 8, REL_DGSON = 9, REL_DGDAU = 10,
       REL_SIBLING = 13 };
enum { POL_PARTY = 1, POL_LEAGUE = 2, POL_MASSES = 3 };
enum { EDU_ILLITERATE = 1, EDU_PRIMARY = 2, EDU_JUNIOR = 3, EDU_SENIOR = 4, EDU_VOCATIONAL = 5,
       EDU_COLLEGE = 6, EDU_PRESCHOOL = 7 };
enum { SCHOOL_SENIOR = 5, SCHOOL_VOC = 6, SCHOOL_HIGHER_VOC = 7, SCHOOL_BACHELOR = 8 };
enum { SKILL_NORMAL = 1, SKILL_SKILLED = 2, SKILL_WEAK = 3, SKILL_LOST = 4, SKILL_NONE = 5 };
enum { WORK_NONE = 1, WORK_TOWNSHIP = 2, WORK_COUNTY = 3, WORK_PROVINCE = 4, WORK_OUTSIDE = 5 };
enum { HHT_GENERAL = 1, HHT_DIBAO = 2, HHT_TEKUN = 3 };
enum { ROAD_MUD = 1, ROAD_GRAVEL = 2, ROAD_CEMENT = 3, ROAD_ASPHALT = 4 };
enum { CAUSE_DISASTER = 4, CAUSE_LAND = 5, CAUSE_WATER = 6, CAUSE_TECH = 7, CAUSE_LABOUR = 8,
       CAUSE_FUNDS = 9, CAUSE_TRAFFIC = 10, CAUSE_DRIVE = 11, N_CAUSES = 12 };

/* ---------------------------------------------------------------- PRNG */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
    r->seed = seed;
    r->state = seed;
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    r->state += 0x9E3779B97F4A7C15u;
    return mix64(r->state);
}

int demo_rng_below(struct demo_rng *r, int n)
{
    if (n <= 0)
        return 0;
    uint64_t un = (uint64_t)n;
    /* Reject the top 2^64 mod n values so every residue is equally likely. */
    uint64_t rem = (UINT64_MAX % un + 1) % un;
    uint64_t x;
    do
        x = demo_rng_next(r);
    while (rem && x >= 0 - rem);
    return (int)(x % un);
}

static int range(struct demo_rng *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + demo_rng_below(r, hi - lo + 1);
}

static int chance(struct demo_rng *r, int per_mille)
{
    return demo_rng_below(r, 1000) < per_mille;
}

/* Index into weights[0..n) with probability proportional to the weight. */
static int pick_weighted(struct demo_rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = demo_rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* All formatting goes through here: every buffer is sized by construction,
 * but gcc's -Wformat-truncation guesses (which change with -O level) cannot
 * see that through the tables, and would break the -Werror build. */
static void set_text(char *dst, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_text(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, n, fmt, ap);
    va_end(ap);
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[demo_rng_below((r), COUNT(a))])

/* ---------------------------------------------------------------- names */

/* Common surnames, the Guangxi ones (黄 韦 覃 农 蒙 …) first: 70 % of draws
 * come from the first N_LOCAL_SURNAMES. */
static const char *const surnames[] = {
    "黄", "韦", "李", "陆", "梁", "覃", "蒙", "莫", "农", "陈", "王", "张", "刘", "杨",
    "赵", "周", "吴", "何", "罗", "谢", "唐", "邓", "潘", "廖", "卢", "苏", "林", "马",
    "凌", "甘", "徐", "孙", "朱", "胡", "郭", "高", "郑", "宋", "许", "韩", "冯", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "于", "蒋", "蔡", "余", "杜", "叶", "程", "魏",
    "吕", "丁", "任", "沈", "姚", "姜", "崔", "钟", "谭", "汪", "范", "金", "石", "贾",
    "夏", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段",
    "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱",
    "严", "武", "戴", "孔", "向", "汤", "岑", "磨", "卜", "滕",
};
#define N_LOCAL_SURNAMES 30
/* Rare and non-BMP characters (SPEC §8: 𠮷 𬌗 must survive every path). */
static const char *const rare_surnames[] = { "蔺", "𠮷", "亓", "禤" };
static const char *const rare_given[] = { "𬌗", "䶮", "堃", "喆", "淼" };

/* Given-name characters by sex and generation (born before 1985 or after). */
static const char *const male_old[] = {
    "福", "贵", "荣", "华", "国", "建", "明", "德", "文", "金", "志", "永", "春", "海",
    "兴", "平", "军", "学", "林", "忠", "生", "发", "财", "祥", "强", "光", "伟", "成",
    "庆", "全", "有", "宝", "寿", "山", "进", "才", "顺", "田", "旺", "清", "亮", "松",
};
static const char *const female_old[] = {
    "秀", "英", "兰", "桂", "芳", "凤", "玉", "珍", "梅", "花", "翠", "琴", "莲", "香",
    "美", "春", "丽", "菊", "霞", "娥", "妹", "月", "云", "群", "红", "燕", "萍", "爱",
};
static const char *const male_young[] = {
    "浩", "宇", "轩", "子", "俊", "杰", "涛", "鹏", "博", "文", "然", "晨", "睿", "泽",
    "航", "锦", "铭", "宏", "凯", "昊", "明", "磊", "阳", "东", "斌", "超", "林", "辉",
    "嘉", "豪", "伟", "家",
};
static const char *const female_young[] = {
    "欣", "怡", "雨", "婷", "梓", "涵", "诗", "琪", "思", "雯", "佳", "悦", "妍", "萱",
    "嘉", "晓", "丹", "洁", "静", "敏", "颖", "琳", "倩", "瑶", "馨", "璐", "彤", "慧",
};
/* Uyghur names are "own name·father's name". */
static const char *const uyghur_male[] = {
    "阿卜杜", "买买提", "艾力", "热合曼", "吐尔逊", "玉素甫", "依明", "阿布来提",
    "艾合买提", "努尔", "亚森", "卡德尔",
};
static const char *const uyghur_female[] = {
    "古丽", "阿依古丽", "热依拉", "帕提古丽", "阿米娜", "努尔古丽", "再努尔", "米热古丽",
    "祖丽菲亚", "海丽且姆",
};

static const char *pick_surname(struct demo_rng *r)
{
    if (chance(r, 700))
        return surnames[demo_rng_below(r, N_LOCAL_SURNAMES)];
    return PICK(r, surnames);
}

/* A surname other than `not` (spouses and in-laws marry in). */
static const char *pick_other_surname(struct demo_rng *r, const char *not)
{
    const char *s;
    do
        s = pick_surname(r);
    while (strcmp(s, not) == 0);
    return s;
}

static const char *given_char(struct demo_rng *r, int sex, int birth_year)
{
    if (birth_year < 1985)
        return sex == SEX_MALE ? PICK(r, male_old) : PICK(r, female_old);
    return sex == SEX_MALE ? PICK(r, male_young) : PICK(r, female_young);
}

/* A Han-style given name of one or two characters; now and then one of them
 * is a rare character (about 1.5 % of names). */
static void han_given(struct demo_rng *r, int sex, int birth_year, char *out, size_t outsz)
{
    const char *a = given_char(r, sex, birth_year);
    const char *b = chance(r, birth_year < 1985 ? 550 : 750) ? given_char(r, sex, birth_year) : "";
    if (chance(r, 15)) {
        if (*b)
            b = PICK(r, rare_given);
        else
            a = PICK(r, rare_given);
    }
    set_text(out, outsz, "%s%s", a, b);
}

static void cadre_name(struct demo_rng *r, char *out, size_t outsz)
{
    char given[TEXT_BYTES(4)];
    int sex = chance(r, 650) ? SEX_MALE : SEX_FEMALE;
    han_given(r, sex, range(r, 1965, 1998), given, sizeof given);
    set_text(out, outsz, "%s%s", pick_surname(r), given);
}

/* ---------------------------------------------------------------- area */

/* The real townships of 隆安县 with their 统计用区划代码 suffixes (镇 1xx,
 * 乡 2xx), in the order they are used: 古潭乡 is the seed's township. */
static const struct { const char *code, *name; } township_table[DEMO_MAX_TOWNSHIPS] = {
    { "200", "古潭乡" }, { "104", "乔建镇" }, { "103", "那桐镇" }, { "100", "城厢镇" },
    { "101", "南圩镇" }, { "102", "雁江镇" }, { "105", "丁当镇" }, { "201", "都结乡" },
    { "202", "布泉乡" }, { "203", "屏山乡" },
};

/* Village and 屯 names in the Zhuang place-name style (那 = paddy field,
 * 板 = village, 岜 = rock hill …): first × second syllable. */
static const char *const place_first[] = {
    "那", "板", "布", "岜", "古", "龙", "定", "伏", "弄", "渌", "陇", "琴", "敬", "雁",
    "乔", "福", "新", "民", "联", "兴", "东", "西", "南", "北", "上", "下", "大", "小",
    "林", "合", "平", "安",
};
static const char *const place_second[] = {
    "门", "况", "桐", "朗", "良", "湾", "塘", "王", "圩", "江", "坡", "沙", "团", "庄",
    "利", "伦", "造", "标", "料", "岭", "洞", "垌", "达", "孟", "怀", "埠", "浪", "坛",
    "马", "练", "彭", "荣", "兰", "明", "光", "华", "丰", "盛", "香", "平",
};
#define N_PLACES (COUNT(place_first) * COUNT(place_second))

static const char *const numerals[DEMO_MAX_GROUPS] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
};

static void place_name(int combo, const char *suffix, char *out, size_t outsz)
{
    set_text(out, outsz, "%s%s%s", place_first[combo / COUNT(place_second)],
             place_second[combo % COUNT(place_second)], suffix);
}

/* A combo whose two syllables differ (no 平平村). */
static int place_combo_ok(int combo)
{
    return strcmp(place_first[combo / COUNT(place_second)],
                  place_second[combo % COUNT(place_second)]) != 0;
}

static void build_groups(struct demo_rng *r, struct demo_village *v)
{
    v->n_groups = range(r, 5, 12);
    if (chance(r, 500)) {
        for (int g = 0; g < v->n_groups; g++)
            set_text(v->groups[g], sizeof v->groups[g], "第%s组", numerals[g]);
        return;
    }
    int used[DEMO_MAX_GROUPS];
    for (int g = 0; g < v->n_groups; g++) {
        int c, dup;
        do {
            c = demo_rng_below(r, N_PLACES);
            dup = !place_combo_ok(c);
            for (int k = 0; k < g && !dup; k++)
                dup = used[k] == c;
        } while (dup);
        used[g] = c;
        place_name(c, "屯", v->groups[g], sizeof v->groups[g]);
    }
}

static int cmp_township(const void *a, const void *b)
{
    return strcmp(((const struct demo_township *)a)->code, ((const struct demo_township *)b)->code);
}

int demo_area_build(struct demo_rng *r, int n, struct demo_area *a)
{
    memset(a, 0, sizeof *a);
    if (n < 0 || n > DEMO_MAX_HOUSEHOLDS)
        return -1;
    set_text(a->county_code, sizeof a->county_code, "450123");   /* 南宁市隆安县 */
    set_text(a->county_name, sizeof a->county_name, "隆安县");
    a->n_households = n;

    int nv = (n + 137) / 275;           /* villages average ~275 households */
    if (nv < 2)
        nv = 2;
    int nt = (nv + 11) / 12;
    if (nt > DEMO_MAX_TOWNSHIPS)
        nt = DEMO_MAX_TOWNSHIPS;
    a->villages = calloc((size_t)nv, sizeof *a->villages);
    int *combos = malloc(sizeof *combos * N_PLACES);
    int *weights = malloc(sizeof *weights * (size_t)nv);
    if (!a->villages || !combos || !weights) {
        free(combos);
        free(weights);
        demo_area_free(a);
        return -1;
    }
    a->n_villages = nv;
    a->n_townships = nt;

    for (int t = 0; t < nt; t++) {
        set_text(a->townships[t].code, sizeof a->townships[t].code, "450123%s",
                 township_table[t].code);
        set_text(a->townships[t].name, sizeof a->townships[t].name, "%s", township_table[t].name);
    }
    qsort(a->townships, (size_t)nt, sizeof a->townships[0], cmp_township);

    /* Village names: a shuffled deck of syllable pairs, so no two villages of
     * the county share a name (imports match villages by name, §7.2). */
    int ncombo = 0;
    for (int c = 0; c < N_PLACES; c++)
        if (place_combo_ok(c))
            combos[ncombo++] = c;
    for (int i = ncombo - 1; i > 0; i--) {
        int j = demo_rng_below(r, i + 1);
        int tmp = combos[i];
        combos[i] = combos[j];
        combos[j] = tmp;
    }

    int v = 0;
    for (int t = 0; t < nt; t++) {
        struct demo_township *tw = &a->townships[t];
        tw->first_village = v;
        tw->n_villages = nv / nt + (t < nv % nt);
        for (int k = 0; k < tw->n_villages; k++, v++) {
            struct demo_village *vi = &a->villages[v];
            vi->township = t;
            set_text(vi->code, sizeof vi->code, "%s%03d", tw->code, 201 + k);
            place_name(combos[v % ncombo], "村", vi->name, sizeof vi->name);
            build_groups(r, vi);
            for (int c = 0; c < DEMO_CADRES; c++) {
                int dup;
                do {
                    cadre_name(r, vi->cadres[c], sizeof vi->cadres[c]);
                    dup = 0;
                    for (int p = 0; p < c && !dup; p++)
                        dup = strcmp(vi->cadres[p], vi->cadres[c]) == 0;
                } while (dup);
            }
        }
    }

    /* Village sizes: weights 150..400, scaled so the households add up to n. */
    int64_t total = 0;
    for (int i = 0; i < nv; i++) {
        weights[i] = range(r, 150, 400);
        total += weights[i];
    }
    int64_t cum = 0;
    for (int i = 0; i < nv; i++) {
        int first = (int)(n * cum / total);
        cum += weights[i];
        a->villages[i].first_household = first;
        a->villages[i].n_households = (int)(n * cum / total) - first;
    }
    free(combos);
    free(weights);
    return 0;
}

void demo_area_free(struct demo_area *a)
{
    if (!a)
        return;
    free(a->villages);
    memset(a, 0, sizeof *a);
}

const struct demo_village *demo_area_village_of(const struct demo_area *a, int index)
{
    if (!a || a->n_villages <= 0 || !a->villages)
        return NULL;
    if (a->n_households > 0) {
        index %= a->n_households;
        if (index < 0)
            index += a->n_households;
    } else {
        index = 0;
    }
    int lo = 0, hi = a->n_villages - 1;     /* last village starting at or before index */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (a->villages[mid].first_household <= index)
            lo = mid;
        else
            hi = mid - 1;
    }
    /* Empty villages share a start with the next one: skip to the one that holds it. */
    while (lo + 1 < a->n_villages && a->villages[lo].n_households == 0
           && a->villages[lo + 1].first_household <= index)
        lo++;
    return &a->villages[lo];
}

/* ---------------------------------------------------------------- dates */

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* Day `doy` (0..364) of a year, as in a common year, so it exists in every year. */
static void date_of_doy(int y, int doy, char out[11])
{
    int m = 0;
    while (doy >= month_days[m]) {
        doy -= month_days[m];
        m++;
    }
    set_text(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u,
             (unsigned)(doy + 1) % 100u);
}

/* ---------------------------------------------------------------- ID numbers */

/* Unique IDs without a registry.  All IDs share the county code, so an ID is
 * (birth date, sequence).  Within one birth year and sex there are 365 days ×
 * 499 sequences (odd 001..997 male, even 002..998 female) = 182 135 slots, and
 * slot = (A·index + K·year + F·female) mod 182 135 is a bijection of the
 * household index for a fixed year and sex (gcd(A, 182135) = 1).  Two people
 * with the same birth year and sex in different households therefore get
 * different slots, and a household never holds two people of the same birth
 * year and sex (the planner below refuses them).  The year and sex terms make
 * a family's birthdays differ from member to member. */
#define ID_SLOTS 182135     /* 365 * 499 = 5 * 73 * 499 */
#define ID_MUL   7919       /* prime, coprime to 5, 73 and 499 */
#define ID_YEAR  104729
#define ID_SEX   91067

static void make_id(const char *county, int index, int birth_year, int sex,
                    char id[ID_NO_LEN + 1], char birth[DATE_LEN + 1])
{
    int64_t slot = ((int64_t)ID_MUL * index + (int64_t)ID_YEAR * birth_year
                    + (sex == SEX_MALE ? 0 : ID_SEX)) % ID_SLOTS;
    int doy = (int)(slot / 499);
    int seq = (int)(slot % 499) * 2 + (sex == SEX_MALE ? 1 : 2);
    date_of_doy(birth_year, doy, birth);
    char first17[18];
    set_text(first17, sizeof first17, "%.6s%.4s%.2s%.2s%03u", county, birth, birth + 5,
             birth + 8, (unsigned)seq % 1000u);
    memcpy(id, first17, 17);
    id[17] = idno_check_char(first17);
    id[18] = '\0';
}

/* ---------------------------------------------------------------- households */

/* Who is in the family before the details are filled in. */
struct plan {
    int rel, sex, y;        /* y = birth year */
    int rank;               /* roster order */
    int parent;             /* plan index of the blood parent in the family, or -1 */
};

struct planner {
    struct plan p[HH_MAX_MEMBERS];
    int n;
    int base;               /* year the ages are reckoned in: min(survey year, this year) */
};

static int plan_taken(const struct planner *pl, int y, int sex)
{
    for (int i = 0; i < pl->n; i++)
        if (pl->p[i].y == y && pl->p[i].sex == sex)
            return 1;
    return 0;
}

static int rank_of(int rel)
{
    switch (rel) {
    case REL_HEAD: return 0;
    case REL_SPOUSE: return 1;
    case REL_SON: case REL_DAUGHTER: return 2;
    case REL_DIL: case REL_SIL: return 3;
    case REL_GSON: case REL_GDAU: case REL_DGSON: case REL_DGDAU: return 4;
    case REL_PARENT: return 5;
    case REL_GRANDPARENT: return 6;
    default: return 7;
    }
}

/* Adds a member unless someone of the same birth year and sex is already
 * there (the ID scheme needs that).  Returns the plan index or -1. */
static int plan_add(struct planner *pl, int rel, int sex, int y, int parent)
{
    if (pl->n >= HH_MAX_MEMBERS || y > pl->base - 1 || plan_taken(pl, y, sex))
        return -1;
    struct plan *m = &pl->p[pl->n];
    m->rel = rel;
    m->sex = sex;
    m->y = y;
    m->rank = rank_of(rel);
    m->parent = parent;
    return pl->n++;
}

/* Adds a child of plan member `parent` born in [lo, hi] (the caller's window
 * keeps it 20+ years younger than both parents), with a birth year no
 * sibling has (no twins).  -1 when no year fits. */
static int plan_child(struct demo_rng *r, struct planner *pl, int rel_son, int rel_dau,
                      int parent, int lo, int hi)
{
    if (hi > pl->base - 1)
        hi = pl->base - 1;
    if (lo > hi)
        return -1;
    for (int tries = 0; tries < 12; tries++) {
        int y = range(r, lo, hi);
        int sibling_year = 0;
        for (int i = 0; i < pl->n; i++)
            if (pl->p[i].parent == parent && pl->p[i].y == y
                && (pl->p[i].rel == rel_son || pl->p[i].rel == rel_dau))
                sibling_year = 1;
        if (sibling_year)
            continue;
        int sex = chance(r, 520) ? SEX_MALE : SEX_FEMALE;
        int k = plan_add(pl, sex == SEX_MALE ? rel_son : rel_dau, sex, y, parent);
        if (k >= 0)
            return k;
    }
    return -1;
}

static int min_i(int a, int b) { return a < b ? a : b; }
static int max_i(int a, int b) { return a > b ? a : b; }

/* Family sizes 1..9, peaked at 3–4, mean ≈ 3.6 (before the rare shrink when
 * a young family cannot hold the drawn size). */
static const int size_weights[9] = { 16, 34, 52, 50, 26, 12, 6, 3, 1 };

/* Draws the family: relations, sexes and birth years, every pair of ages
 * consistent (children ≥ 20 years younger than both parents, spouses of
 * marrying age, …).  Ages are reckoned in whole years of pl->base. */
static void plan_family(struct demo_rng *r, struct planner *pl)
{
    int n = 1 + pick_weighted(r, size_weights, COUNT(size_weights));
    int base = pl->base;
    int hsex = chance(r, n == 1 ? 600 : 880) ? SEX_MALE : SEX_FEMALE;
    /* Head 26..84 in years of base: 25..84 whole years whatever the birthday. */
    int ah = n == 1 ? range(r, 40, 84) : 26 + demo_rng_below(r, 30) + demo_rng_below(r, 30);
    int yh = base - ah;
    plan_add(pl, REL_HEAD, hsex, yh, -1);
    int rem = n - 1;

    int sp = -1;
    if (rem > 0 && chance(r, ah < 70 ? 880 : 550)) {
        int ssex = hsex == SEX_MALE ? SEX_FEMALE : SEX_MALE;
        int min_age = ssex == SEX_MALE ? 23 : 21;   /* legal age + 1 for the birthday */
        for (int tries = 0; tries < 8 && sp < 0; tries++) {
            int ys = yh + (hsex == SEX_MALE ? range(r, -2, 6) : range(r, -6, 2));
            if (base - ys >= min_age && base - ys <= 90)
                sp = plan_add(pl, REL_SPOUSE, ssex, ys, -1);
        }
        if (sp >= 0)
            rem--;
    }
    /* Children of head (and spouse): 20..42 years younger than each parent. */
    int ysp = sp >= 0 ? pl->p[sp].y : yh;
    int clo = max_i(yh, ysp) + 20, chi = min_i(yh, ysp) + 42;

    /* Three generations: a married son (or a daughter with a 上门女婿) and
     * grandchildren. */
    if (rem >= 2 && ah >= 46 && chance(r, 550)) {
        int via_son = chance(r, 850);
        int lo = clo, hi = min_i(chi, base - 24);
        if (lo <= hi) {
            int c = -1;
            for (int tries = 0; tries < 8 && c < 0; tries++)
                c = plan_add(pl, via_son ? REL_SON : REL_DAUGHTER,
                             via_son ? SEX_MALE : SEX_FEMALE, range(r, lo, hi), 0);
            if (c >= 0) {
                rem--;
                int yc = pl->p[c].y, ylaw = yc;
                if (rem > 0 && chance(r, 850)) {
                    int law = -1;
                    for (int tries = 0; tries < 8 && law < 0; tries++) {
                        int y = yc + (via_son ? range(r, -2, 5) : range(r, -5, 2));
                        if (base - y >= (via_son ? 21 : 23))
                            law = plan_add(pl, via_son ? REL_DIL : REL_SIL,
                                           via_son ? SEX_FEMALE : SEX_MALE, y, -1);
                    }
                    if (law >= 0) {
                        rem--;
                        ylaw = pl->p[law].y;
                    }
                }
                int keep = rem >= 2 && chance(r, 300);   /* an unmarried child too */
                int glo = max_i(yc, ylaw) + 20, ghi = min_i(yc, ylaw) + 40;
                while (rem > keep
                       && plan_child(r, pl, via_son ? REL_GSON : REL_DGSON,
                                     via_son ? REL_GDAU : REL_DGDAU, c, glo, ghi) >= 0)
                    rem--;
            }
        }
    }
    /* The head's parents, 20..36 years older, at most 93, and within a few
     * years of each other. */
    if (rem > 0 && ah <= 62 && chance(r, rem >= 3 ? 300 : 120)) {
        int np = rem >= 2 && chance(r, 500) ? 2 : 1;
        int first_sex = chance(r, 500) ? SEX_MALE : SEX_FEMALE;
        int first_y = 0;
        for (int k = 0; k < np; k++) {
            int psex = k == 0 ? first_sex : (first_sex == SEX_MALE ? SEX_FEMALE : SEX_MALE);
            for (int tries = 0; tries < 8; tries++) {
                int y = k == 0 ? yh - range(r, 20, 36) : first_y + range(r, -5, 5);
                if (base - y <= 93 && yh - y >= 20 && plan_add(pl, REL_PARENT, psex, y, -1) >= 0) {
                    rem--;
                    first_y = y;
                    break;
                }
            }
            if (k == 0 && first_y == 0)
                break;
        }
    }
    while (rem > 0 && plan_child(r, pl, REL_SON, REL_DAUGHTER, 0, clo, chi) >= 0)
        rem--;
    /* Whatever is left: a grandparent for a young head, else siblings. */
    if (rem > 0 && ah <= 38 && chance(r, 500)) {
        int y = yh - range(r, 42, 55);
        if (base - y <= 93 && plan_add(pl, REL_GRANDPARENT, chance(r, 400) ? SEX_MALE : SEX_FEMALE,
                                       y, -1) >= 0)
            rem--;
    }
    for (int tries = 0; rem > 0 && tries < 20; tries++) {
        int y = yh + range(r, -10, 12);
        if (base - y >= 17 && base - y <= 85
            && plan_add(pl, REL_SIBLING, chance(r, 500) ? SEX_MALE : SEX_FEMALE, y, -1) >= 0)
            rem--;
    }
}

/* Roster order: 户主, 配偶, children (eldest first), in-laws, grandchildren,
 * parents, grandparents, siblings.  Parent links are remapped. */
static void plan_sort(struct planner *pl)
{
    int order[HH_MAX_MEMBERS], where[HH_MAX_MEMBERS];
    for (int i = 0; i < pl->n; i++)
        order[i] = i;
    for (int i = 1; i < pl->n; i++) {
        int k = order[i], j = i;
        while (j > 0 && (pl->p[order[j - 1]].rank > pl->p[k].rank
                         || (pl->p[order[j - 1]].rank == pl->p[k].rank
                             && pl->p[order[j - 1]].y > pl->p[k].y))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    struct plan sorted[HH_MAX_MEMBERS];
    for (int i = 0; i < pl->n; i++) {
        sorted[i] = pl->p[order[i]];
        where[order[i]] = i;
    }
    for (int i = 0; i < pl->n; i++) {
        if (sorted[i].parent >= 0)
            sorted[i].parent = where[sorted[i].parent];
        pl->p[i] = sorted[i];
    }
}

static int is_blood_of_head(int rel)
{
    return rel == REL_HEAD || rel == REL_SON || rel == REL_DAUGHTER || rel == REL_GSON
        || rel == REL_GDAU || rel == REL_DGSON || rel == REL_DGDAU || rel == REL_SIBLING
        || rel == REL_GRANDPARENT;
}

static void name_members(struct demo_rng *r, const struct planner *pl, int uyghur,
                         struct household *hh)
{
    char given[HH_MAX_MEMBERS][TEXT_BYTES(8)];
    if (uyghur) {
        for (int i = 0; i < pl->n; i++) {
            int dup;
            do {
                set_text(given[i], sizeof given[i], "%s",
                         pl->p[i].sex == SEX_MALE ? PICK(r, uyghur_male) : PICK(r, uyghur_female));
                dup = 0;
                for (int k = 0; k < i && !dup; k++)
                    dup = strcmp(given[k], given[i]) == 0;
            } while (dup);
        }
        /* The father's name: the head's father if he lives here, else made up. */
        const char *head_father = PICK(r, uyghur_male);
        for (int i = 0; i < pl->n; i++)
            if (pl->p[i].rel == REL_PARENT && pl->p[i].sex == SEX_MALE)
                head_father = given[i];
        /* The children's father: the head or the spouse, whichever is a man,
         * else one absent father for all of them. */
        const char *children_father = PICK(r, uyghur_male);
        for (int k = 0; k < pl->n; k++)
            if ((pl->p[k].rel == REL_HEAD || pl->p[k].rel == REL_SPOUSE) && pl->p[k].sex == SEX_MALE)
                children_father = given[k];
        const char *grandchildren_father = PICK(r, uyghur_male);
        for (int k = 0; k < pl->n; k++)
            if (pl->p[k].rel == REL_SIL)     /* a daughter's children: her husband */
                grandchildren_father = given[k];
        for (int i = 0; i < pl->n; i++) {
            const struct plan *m = &pl->p[i];
            const char *father = PICK(r, uyghur_male);
            if (m->rel == REL_HEAD || m->rel == REL_SIBLING) {
                father = head_father;
            } else if (m->rel == REL_SON || m->rel == REL_DAUGHTER) {
                father = children_father;
            } else if (m->parent >= 0) {   /* grandchildren: the son, or the 女婿 */
                father = pl->p[m->parent].sex == SEX_MALE ? given[m->parent] : grandchildren_father;
            }
            set_text(hh->members[i].name, sizeof hh->members[i].name, "%s·%s", given[i], father);
        }
        return;
    }
    const char *head_surname = chance(r, 15) ? PICK(r, rare_surnames) : pick_surname(r);
    for (int i = 0; i < pl->n; i++) {
        const struct plan *m = &pl->p[i];
        /* The head's line keeps the surname; the head's mother, spouses and
         * in-laws married in. */
        int blood = is_blood_of_head(m->rel)
                    || (m->rel == REL_PARENT && m->sex == SEX_MALE);
        if (m->rel == REL_GRANDPARENT && m->sex == SEX_FEMALE)
            blood = 0;
        const char *surname = blood ? head_surname : pick_other_surname(r, head_surname);
        int dup;
        do {
            han_given(r, m->sex, m->y, given[i], sizeof given[i]);
            set_text(hh->members[i].name, sizeof hh->members[i].name, "%s%s", surname, given[i]);
            dup = 0;
            for (int k = 0; k < i && !dup; k++)
                dup = strcmp(hh->members[k].name, hh->members[i].name) == 0;
        } while (dup);
    }
}

/* The 民族 of the household, and of a spouse or in-law marrying in. */
static int household_ethnic(struct demo_rng *r)
{
    static const int codes[] = { ETH_HAN, ETH_ZHUANG, ETH_YAO, ETH_MIAO, ETH_DONG, ETH_UYGHUR };
    static const int weights[] = { 530, 380, 60, 10, 10, 10 };
    return codes[pick_weighted(r, weights, COUNT(weights))];
}

static int married_in_ethnic(struct demo_rng *r, int household)
{
    if (household == ETH_UYGHUR || chance(r, 700))
        return household;
    static const int codes[] = { ETH_HAN, ETH_ZHUANG, ETH_YAO };
    static const int weights[] = { 55, 38, 7 };
    return codes[pick_weighted(r, weights, COUNT(weights))];
}

/* Everything on the roster row that depends on age (at the survey) and health. */
static void fill_member(struct demo_rng *r, struct member *m, int age, int exiting)
{
    int student = 0;
    m->schooling = SCHOOL_NONE;
    if (age < 6) {
        m->education = EDU_PRESCHOOL;
        if (age >= 3 && chance(r, 800))
            m->schooling = SCHOOL_PRE;
    } else if (age <= 11) {
        m->education = EDU_PRIMARY;
        m->schooling = SCHOOL_PRIMARY;
    } else if (age <= 15) {
        m->education = EDU_JUNIOR;
        m->schooling = SCHOOL_JUNIOR;
    } else if (age <= 18 && chance(r, 650)) {
        int voc = chance(r, 400);
        m->education = voc ? EDU_VOCATIONAL : EDU_SENIOR;
        m->schooling = voc ? SCHOOL_VOC : SCHOOL_SENIOR;
    } else if (age >= 19 && age <= 22 && chance(r, 180)) {
        int bachelor = chance(r, 450);
        m->education = EDU_COLLEGE;
        m->schooling = bachelor ? SCHOOL_BACHELOR : SCHOOL_HIGHER_VOC;
    } else {
        /* Finished school: by generation (birth year ≈ this year − age). */
        static const int old_w[] = { 40, 45, 15, 0, 0, 0 };
        static const int mid_w[] = { 8, 35, 45, 8, 3, 1 };
        static const int young_w[] = { 1, 12, 55, 15, 11, 6 };
        const int *w = age >= 62 ? old_w : age >= 42 ? mid_w : young_w;
        m->education = 1 + pick_weighted(r, w, 6);
    }
    student = m->schooling >= SCHOOL_PRIMARY;

    static const int child_h[] = { 960, 15, 10, 15 };
    static const int adult_h[] = { 780, 110, 50, 60 };
    static const int old_h[] = { 500, 300, 100, 100 };
    m->health = 1 + pick_weighted(r, age < 16 ? child_h : age < 60 ? adult_h : old_h, 4);

    m->political = POL_MASSES;
    if (age >= 18 && chance(r, m->sex == SEX_MALE ? 60 : 20))
        m->political = POL_PARTY;
    else if (age >= 14 && age <= 28 && chance(r, m->schooling >= SCHOOL_JUNIOR ? 400 : 200))
        m->political = POL_LEAGUE;

    m->soldier = m->sex == SEX_MALE && age >= 18 && age <= 24 && !student && chance(r, 10);
    if (m->soldier)
        m->health = HEALTH_OK;

    int max_age = m->sex == SEX_MALE ? 60 : 55;
    if (age < 16 || student) {
        m->skill = SKILL_NONE;
    } else if (age <= max_age) {
        switch (m->health) {
        case HEALTH_DISABLED: m->skill = chance(r, 400) ? SKILL_LOST : SKILL_WEAK; break;
        case HEALTH_SERIOUS:  m->skill = chance(r, 500) ? SKILL_LOST : SKILL_WEAK; break;
        case HEALTH_CHRONIC:  m->skill = chance(r, 500) ? SKILL_WEAK : SKILL_NORMAL; break;
        default: {
            static const int w[] = { 800, 150, 50 };
            m->skill = 1 + pick_weighted(r, w, 3);
        }
        }
    } else if (age <= 70 && m->health == HEALTH_OK) {
        static const int w[] = { 250, 0, 600, 0, 150 };
        m->skill = 1 + pick_weighted(r, w, 5);
    } else {
        m->skill = chance(r, 400) ? SKILL_LOST : SKILL_NONE;
    }
    if (m->soldier)
        m->skill = SKILL_NORMAL;

    m->work = WORK_NONE;
    m->work_months = 0;
    if (!m->soldier && (m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED)) {
        static const int w[] = { 350, 150, 150, 150, 200 };
        m->work = 1 + pick_weighted(r, w, 5);
    } else if (!m->soldier && m->skill == SKILL_WEAK && chance(r, 200)) {
        m->work = WORK_TOWNSHIP;
    }
    if (m->work != WORK_NONE)
        m->work_months = m->skill == SKILL_WEAK ? range(r, 2, 6) : range(r, 3, 12);

    m->med_ins = exiting || chance(r, 985);
    m->serious_ins = m->med_ins && (exiting || chance(r, 970));
    m->pension_ins = age >= 16 && !student && !m->soldier && chance(r, age >= 60 ? 950 : 880);

    if (m->health == HEALTH_DISABLED) {
        /* 残疾证号: the ID, the category (1 视力 … 7 多重) and the grade (1–4). */
        char id[ID_NO_LEN + 1];
        memcpy(id, m->id_no, sizeof id);
        int category = range(r, 1, 7), grade = range(r, 1, 4);
        set_text(m->disability_no, sizeof m->disability_no, "%.18s%d%d", id, category % 10,
                 grade % 10);
    }
}

/* State spread (per mille) and the survey-date margin each state needs before
 * today: the later the step, the earlier the survey must have been. */
static const struct { int state, weight, gap; } state_table[] = {
    { WF_APPLIED, 40, 0 },       { WF_SURVEYED, 40, 3 },      { WF_APPRAISED, 30, 10 },
    { WF_NOTICE1, 30, 15 },      { WF_RECHECKED, 20, 25 },    { WF_NOTICE2, 20, 30 },
    { WF_NOTICE3, 20, 40 },      { WF_REGISTERED, 540, 60 },  { WF_REJECTED, 25, 15 },
    { WF_WITHDRAWN, 5, 5 },      { WF_EXIT_APPRAISED, 10, 70 }, { WF_EXIT_NOTICE1, 10, 75 },
    { WF_EXIT_NOTICE2, 5, 85 },  { WF_EXIT_NOTICE3, 5, 95 },  { WF_EXITED, 180, 110 },
    { WF_REMOVAL_NOTICE, 5, 70 }, { WF_REMOVED, 15, 80 },
};

static int is_exit_path(int s)
{
    return s >= WF_EXIT_APPRAISED && s <= WF_EXITED;
}

static int was_registered(int s)
{
    return s == WF_REGISTERED || (s >= WF_EXIT_APPRAISED && s <= WF_REMOVED);
}

static int is_turned_down(int s)
{
    return s == WF_REJECTED || s == WF_REMOVAL_NOTICE || s == WF_REMOVED;
}

static int64_t line_for(const struct demo_area *a, int year, int standard, enum line_kind kind)
{
    int64_t fixed = kind == LINE_POVERTY ? a->poverty_line : a->exit_line;
    if (fixed > 0)
        return fixed;
    size_t n;
    const struct line *lines = lines_seeded(&n);
    money_t amount;
    if (lines && lines_lookup(lines, n, year, standard, kind, &amount) && amount > 0)
        return amount;
    if (lines && lines_lookup(lines, n, year, STD_NATIONAL, kind, &amount) && amount > 0)
        return amount;
    return kind == LINE_POVERTY ? 230000 : 906000;   /* SPEC §5.3 */
}

static void pick_causes(struct demo_rng *r, const struct household *hh, int *main_cause,
                        int *other1, int *other2)
{
    int w[N_CAUSES + 1] = { 0 };
    int sick = 0, disabled = 0, students = 0, higher = 0, labour = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        sick += m->health == HEALTH_CHRONIC || m->health == HEALTH_SERIOUS;
        disabled += m->health == HEALTH_DISABLED;
        students += m->schooling >= SCHOOL_PRIMARY;
        higher += m->schooling >= SCHOOL_SENIOR;
        labour += m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED;
    }
    const struct survey *s = &hh->survey;
    /* Only causes the members bear out (SPEC §5.4: 因病/因残/因学 need a
     * sick/disabled/student member). */
    w[CAUSE_ILLNESS] = sick ? 300 : 0;
    w[CAUSE_DISABILITY] = disabled ? 250 : 0;
    w[CAUSE_SCHOOLING] = students ? (higher ? 250 : 120) : 0;
    w[CAUSE_DISASTER] = 40;
    w[CAUSE_LAND] = s->arable_area < 80 * hh->n_members ? 90 : 20;
    w[CAUSE_WATER] = s->water_safe ? 0 : 60;
    w[CAUSE_TECH] = 200;
    w[CAUSE_LABOUR] = labour <= 1 ? 250 : 30;
    w[CAUSE_FUNDS] = 200;
    w[CAUSE_TRAFFIC] = s->road_type == ROAD_MUD ? 80 : 20;
    w[CAUSE_DRIVE] = 30;
    w[CAUSE_OTHER] = 10;
    int picked[3] = { 0, 0, 0 };
    int want = 1 + (chance(r, 600) ? 1 + chance(r, 400) : 0);
    for (int k = 0; k < want; k++) {
        int c = 1 + pick_weighted(r, w + 1, N_CAUSES);
        picked[k] = c;
        w[c] = 0;
    }
    *main_cause = picked[0];
    *other1 = picked[1];
    *other2 = picked[2];
}

static const char *const cause_reasons[N_CAUSES + 1] = {
    "", "家庭成员长期患病，医疗支出大，收入低", "家中有残疾人，缺乏劳动能力",
    "子女上学，教育支出负担重", "遭受自然灾害，损失严重", "耕地少，收入来源单一",
    "饮水和灌溉困难", "缺乏技术，只能从事简单劳动", "家中劳动力不足",
    "缺少发展生产的资金", "交通不便，农产品难以外运", "发展意愿不强，收入低",
    "其他原因致贫",
};


/* Splits a target net income (元) into the survey's parts, whole 元 each; the
 * parts add up to exactly net_yuan as core/income.h income_net() counts. */
static void fill_income(struct demo_rng *r, struct household *hh, const int *ages,
                        int head_age, int64_t net_yuan)
{
    struct survey *s = &hh->survey;
    int64_t parts[6] = { 0 };       /* family planning, dibao, tekun, pension, eco, other */
    int workers = 0, spouse = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        if (ages[i] >= 60 && m->pension_ins)
            parts[3] += range(r, 1200, 1800);  /* 城乡居民基础养老金 */
        workers += m->work != WORK_NONE;
        spouse += m->relation == REL_SPOUSE;
    }
    if ((s->only_child || s->two_daughters) && head_age >= 60)
        parts[0] = 960 * (1 + spouse);              /* 农村计划生育家庭奖励扶助 */
    if (s->hh_type == HHT_DIBAO)
        parts[1] = (int64_t)hh->n_members * range(r, 1200, 2400);
    if (s->hh_type == HHT_TEKUN)
        parts[2] = (int64_t)hh->n_members * range(r, 3000, 4800);
    parts[4] = (s->returned_forest_area * 125 + (s->forest_area - s->returned_forest_area) * 15) / 100;
    if (chance(r, 300))
        parts[5] = range(r, 100, 800);             /* 种粮补贴, 临时救助 */
    int64_t t = 0;
    for (int k = 0; k < 6; k++)
        t += parts[k];
    /* Transfers never carry more than 70 % of the net income. */
    int64_t cap = net_yuan * 70 / 100;
    if (t > cap) {
        int64_t t2 = 0;
        for (int k = 0; k < 6; k++) {
            parts[k] = parts[k] * cap / t;
            t2 += parts[k];
        }
        t = t2;
    }
    int64_t rest = net_yuan - t;
    int64_t property = 0;
    if (rest >= 500 && chance(r, 150))
        property = range(r, 50, (int)(rest / 10 < 500 ? rest / 10 : 500));  /* 资产收益分红 */
    rest -= property;
    int64_t wage = workers ? rest * range(r, 40, 80) / 100 : 0;
    int64_t business_net = rest - wage;
    int64_t business = business_net * 100 / 65;     /* costs about 35 % of the turnover */
    s->family_planning = parts[0] * 100;
    s->dibao = parts[1] * 100;
    s->tekun = parts[2] * 100;
    s->pension = parts[3] * 100;
    s->eco_comp = parts[4] * 100;
    s->other_transfer = parts[5] * 100;
    s->property_income = property * 100;
    s->wage_income = wage * 100;
    s->business_income = business * 100;
    s->business_cost = (business - business_net) * 100;
}

/* 生产生活条件 (page 3); areas in 1/100. */
static void fill_conditions(struct demo_rng *r, struct survey *s, int n, int exiting)
{
    s->arable_area = (int64_t)n * range(r, 30, 180);
    s->irrigated_area = s->arable_area * range(r, 20, 90) / 100;
    s->forest_area = chance(r, 700) ? range(r, 100, 2000) : 0;
    s->returned_forest_area = s->forest_area && chance(r, 250) ? s->forest_area * range(r, 10, 60) / 100 : 0;
    s->orchard_area = chance(r, 400) ? range(r, 20, 300) : 0;
    s->pasture_area = chance(r, 50) ? range(r, 50, 500) : 0;
    s->water_area = chance(r, 80) ? range(r, 10, 150) : 0;
    s->power_production = chance(r, 930);
    s->power_living = exiting || chance(r, 995);
    s->water_safe = exiting || chance(r, 920);
    s->water_hard = !s->water_safe;
    s->road_distance = range(r, 5, 300);
    static const int road_w[] = { 200, 250, 500, 50 };
    s->road_type = 1 + pick_weighted(r, road_w, 4);
    s->house_area = (int64_t)range(r, 70, 320) * 50;       /* 35..160 ㎡ */
    if (!exiting && chance(r, 62)) {
        s->dangerous_house = 1;
        s->danger_grade = chance(r, 600) ? DANGER_C : DANGER_D;
    }
    static const int fuel_w[] = { 600, 20, 200, 120, 50, 10 };
    s->fuel = 1 + pick_weighted(r, fuel_w, 6);
    s->toilet = chance(r, 650);
    s->cooperative = chance(r, 150);
}

static const char *const grain_notes[] = {
    "口粮基本够吃", "口粮不足，需购买部分", "存粮可吃半年", "种水稻玉米，口粮自给",
};

static void fill_looks(struct demo_rng *r, struct household *hh)
{
    struct survey *s = &hh->survey;
    int labour = 0, away = 0, students = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        labour += m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED;
        away += m->work >= WORK_COUNTY;
        students += m->schooling >= SCHOOL_PRIMARY;
    }
    if (s->dangerous_house)
        set_text(s->look_house, sizeof s->look_house, "危房(%s级)，需改造",
                 s->danger_grade == DANGER_D ? "D" : "C");
    else if (s->house_area < 1300 * hh->n_members)
        set_text(s->look_house, sizeof s->look_house, "住房狭小，人均不足13㎡");
    else {
        static const char *const notes[] = { "砖混结构，基本安全", "砖木结构，年久失修",
                                             "泥砖房，已加固" };
        set_text(s->look_house, sizeof s->look_house, "%s", PICK(r, notes));
    }
    set_text(s->look_grain, sizeof s->look_grain, "%s", PICK(r, grain_notes));
    if (labour == 0)
        set_text(s->look_labour, sizeof s->look_labour, "无劳动力");
    else
        set_text(s->look_labour, sizeof s->look_labour, "劳动力%d人，%s", labour,
                 away ? "有外出务工" : "在家务农");
    if (students == 0)
        set_text(s->look_student, sizeof s->look_student, "无在校生");
    else
        set_text(s->look_student, sizeof s->look_student, "在校生%d人", students);
}

static const char *const mobile_prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "191", "198", "199",
};

static void digits(struct demo_rng *r, char *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + demo_rng_below(r, 10));
    out[n] = '\0';
}

void demo_household(const struct demo_rng *rs, const struct demo_area *a, int index,
                    int year, const char *today, struct household *hh)
{
    memset(hh, 0, sizeof *hh);
    const struct demo_village *v = demo_area_village_of(a, index);
    if (!v)
        return;
    int idx = a->n_households > 0 ? index % a->n_households : 0;
    if (idx < 0)
        idx += a->n_households;
    /* Each household has its own stream, so it depends on (seed, index) only. */
    struct demo_rng rr = { rs->seed, mix64(rs->seed ^ mix64((uint64_t)idx + 0x632BE59BD9B4E019u)) };
    struct demo_rng *r = &rr;

    char today_s[11];
    if (!today || !date_normalise(today, today_s))
        clock_today(today_s);
    int ty, tm, td;
    date_parse(today_s, &ty, &tm, &td);
    long today_days = date_to_days(ty, tm, td);

    int weights[COUNT(state_table)];
    for (int i = 0; i < COUNT(state_table); i++)
        weights[i] = state_table[i].weight;
    int si = pick_weighted(r, weights, COUNT(state_table));
    hh->state = state_table[si].state;
    int exiting = is_exit_path(hh->state);

    set_text(hh->village, sizeof hh->village, "%s", v->code);
    set_text(hh->group_name, sizeof hh->group_name, "%s", v->groups[demo_rng_below(r, v->n_groups)]);
    if (was_registered(hh->state))
        set_text(hh->hh_no, sizeof hh->hh_no, "%.12s%04u", v->code,
                 (unsigned)(idx - v->first_household + 1) % 10000u);
    char mobile[9];
    digits(r, mobile, 8);
    set_text(hh->phone, sizeof hh->phone, "%s%s", PICK(r, mobile_prefixes), mobile);

    /* Dates: application, then survey 5–30 days later, early enough in the
     * year for the state's later steps to have happened before today. */
    long lo = date_to_days(year, 1, 2) + 30;
    long hi = date_to_days(year, 12, 28);
    if (hi > today_days)
        hi = today_days;
    hi -= state_table[si].gap;
    if (hi < lo)
        hi = lo;
    if (hi > today_days)
        hi = today_days;
    if (lo > hi)
        lo = hi;
    long survey_day = lo + demo_rng_below(r, (int)(hi - lo + 1));
    long apply_day = hh->state == WF_APPLIED ? survey_day : survey_day - range(r, 5, 30);
    long accept_day = apply_day + range(r, 0, 2);
    if (accept_day > (hh->state == WF_APPLIED ? today_days : survey_day))
        accept_day = apply_day;
    char survey_date[11], apply_date[11], accept_date[11];
    days_to_date(survey_day, survey_date);
    days_to_date(apply_day, apply_date);
    days_to_date(accept_day, accept_date);
    /* Ages are reckoned where the check engine reckons them: at the survey,
     * or today for a household not yet surveyed. */
    const char *ref = hh->state == WF_APPLIED ? today_s : survey_date;

    struct planner pl;
    memset(&pl, 0, sizeof pl);
    pl.base = year < ty ? year : ty;
    plan_family(r, &pl);
    plan_sort(&pl);
    int eth = household_ethnic(r);
    hh->n_members = pl.n;
    name_members(r, &pl, eth == ETH_UYGHUR, hh);

    int ages[HH_MAX_MEMBERS];
    int sons = 0, daughters = 0, soldier = 0;
    for (int i = 0; i < pl.n; i++) {
        const struct plan *p = &pl.p[i];
        struct member *m = &hh->members[i];
        m->sex = p->sex;
        m->relation = p->rel;
        make_id(a->county_code, idx, p->y, p->sex, m->id_no, m->birth);
        int married_in = p->rel == REL_SPOUSE || p->rel == REL_DIL || p->rel == REL_SIL
                         || ((p->rel == REL_PARENT || p->rel == REL_GRANDPARENT)
                             && p->sex == SEX_FEMALE);
        m->ethnic = married_in ? married_in_ethnic(r, eth) : eth;
        ages[i] = age_on(m->birth, ref);
        fill_member(r, m, ages[i], exiting);
        /* 贫困人口 are all insured (INSP_NO_MED_INS); applicants may not be yet. */
        if (hh->state == WF_REGISTERED || exiting)
            m->med_ins = 1;
        sons += p->rel == REL_SON;
        daughters += p->rel == REL_DAUGHTER;
        soldier |= m->soldier;
    }

    struct survey *s = &hh->survey;
    s->year = year;
    s->standard = STD_NATIONAL;
    if (chance(r, 50) && line_for(a, year, STD_PROVINCIAL, LINE_POVERTY)
                             != line_for(a, year, STD_NATIONAL, LINE_POVERTY))
        s->standard = STD_PROVINCIAL;
    int labour = 0, some = 0;
    for (int i = 0; i < pl.n; i++) {
        labour += hh->members[i].skill == SKILL_NORMAL || hh->members[i].skill == SKILL_SKILLED;
        some += hh->members[i].skill == SKILL_NORMAL || hh->members[i].skill == SKILL_SKILLED ||
                hh->members[i].skill == SKILL_WEAK;
    }
    if (pl.n <= 2 && ages[0] >= 60 && labour == 0 && chance(r, 350)) {
        s->hh_type = HHT_TEKUN;
    } else {
        /* A family without any labour is 兜底 (低保), not 一般 (INSP_GENERAL_NO_LABOUR). */
        int dibao = chance(r, 220);
        s->hh_type = dibao || some == 0 ? HHT_DIBAO : HHT_GENERAL;
    }
    s->military_family = soldier || chance(r, 5);
    s->only_child = sons + daughters == 1 && chance(r, 500);
    s->two_daughters = sons == 0 && daughters == 2 && chance(r, 700);
    set_text(s->bank, sizeof s->bank, chance(r, 500) ? "%s农村信用合作联社" : "%s农村商业银行",
             a->county_name);
    char account[16];
    digits(r, account, 15);
    set_text(s->bank_account, sizeof s->bank_account, "6231%s", account);
    fill_conditions(r, s, pl.n, exiting);
    /* On the register a D级 house is an inspection finding (INSP_DANGER_HOUSE):
     * the demo's registered households are being rebuilt, rated C级. */
    if (hh->state == WF_REGISTERED && s->danger_grade == DANGER_D)
        s->danger_grade = DANGER_C;
    pick_causes(r, hh, &s->main_cause, &s->other_cause1, &s->other_cause2);

    /* Income against the line: see demo.h for the deliberate warnings. */
    int64_t line, permille;
    if (exiting) {
        line = line_for(a, year, s->standard, LINE_EXIT);
        permille = range(r, 1050, 1600);
    } else if (is_turned_down(hh->state)) {
        line = line_for(a, year, s->standard, LINE_POVERTY);
        permille = range(r, 1100, 1600);
    } else {
        line = line_for(a, year, s->standard, LINE_POVERTY);
        permille = chance(r, 10) ? range(r, 1050, 1300) : range(r, 450, 950);
    }
    fill_income(r, hh, ages, ages[0], line * permille / 1000 * pl.n / 100);

    fill_looks(r, hh);
    int sick = 0;
    for (int i = 0; i < pl.n; i++)
        sick |= hh->members[i].health == HEALTH_SERIOUS || hh->members[i].health == HEALTH_DISABLED;
    s->priority[0] = s->hh_type != HHT_GENERAL;
    s->priority[1] = s->dangerous_house;
    s->priority[2] = sick;
    s->priority[3] = s->main_cause == CAUSE_ILLNESS || s->main_cause == CAUSE_DISASTER;
    s->priority[4] = s->main_cause == CAUSE_SCHOOLING || ages[0] >= 70;
    int c1 = 1 + demo_rng_below(r, DEMO_CADRES - 1);
    int c2 = 1 + (c1 - 1 + 1 + demo_rng_below(r, DEMO_CADRES - 2)) % (DEMO_CADRES - 1);
    set_text(s->surveyor1, sizeof s->surveyor1, "%s", v->cadres[c1]);
    set_text(s->surveyor2, sizeof s->surveyor2, "%s", v->cadres[c2]);
    set_text(s->survey_date, sizeof s->survey_date, "%s", survey_date);
    s->signed_household = s->signed_cadre = s->signed_surveyor = 1;

    struct application *ap = &hh->app;
    ap->year = year;
    ap->main_cause = s->main_cause;
    ap->other_cause1 = s->other_cause1;
    ap->other_cause2 = s->other_cause2;
    set_text(ap->reason, sizeof ap->reason, "%s", cause_reasons[s->main_cause]);
    set_text(ap->apply_date, sizeof ap->apply_date, "%s", apply_date);
    set_text(ap->accepted_by, sizeof ap->accepted_by, "%s", v->cadres[0]);
    set_text(ap->accept_date, sizeof ap->accept_date, "%s", accept_date);
    ap->signed_by_applicant = 1;

    if (hh->state == WF_APPLIED)
        memset(s, 0, sizeof *s);     /* not surveyed yet */
    /* On the register from 45 days after the survey (the 三榜 between), not
     * "today": the 帮扶规划 due by 07-31 asks who was 在册 then. */
    if (hh->state == WF_REGISTERED) {
        long since = survey_day + 45 < today_days ? survey_day + 45 : today_days;
        days_to_date(since, hh->state_since);
    }
}
