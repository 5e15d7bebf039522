/* demo_names.c — names for the demo data (see demo.h, demo_priv.h): the
 * village cadres' and a household's members', Han or Uyghur style, with the
 * rare and non-BMP characters SPEC §8 wants exercised. */
#include "core/demo_priv.h"
#include <string.h>

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
    if (demo_chance(r, 700))
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
    const char *b = demo_chance(r, birth_year < 1985 ? 550 : 750)
                    ? given_char(r, sex, birth_year) : "";
    if (demo_chance(r, 15)) {
        if (*b)
            b = PICK(r, rare_given);
        else
            a = PICK(r, rare_given);
    }
    demo_set_text(out, outsz, "%s%s", a, b);
}

void demo_cadre_name(struct demo_rng *r, char *out, size_t outsz)
{
    char given[TEXT_BYTES(4)];
    int sex = demo_chance(r, 650) ? SEX_MALE : SEX_FEMALE;
    han_given(r, sex, demo_range(r, 1965, 1998), given, sizeof given);
    demo_set_text(out, outsz, "%s%s", pick_surname(r), given);
}

static int is_blood_of_head(int rel)
{
    return rel == REL_HEAD || rel == REL_SON || rel == REL_DAUGHTER || rel == REL_GSON
        || rel == REL_GDAU || rel == REL_DGSON || rel == REL_DGDAU || rel == REL_SIBLING
        || rel == REL_GRANDPARENT;
}

/* Uyghur names are "own name·father's name": given names first, no two
 * alike, then each member's father's name. */
static void name_uyghur(struct demo_rng *r, const struct planner *pl, struct household *hh)
{
    char given[HH_MAX_MEMBERS][TEXT_BYTES(8)];
    for (int i = 0; i < pl->n; i++) {
        int dup;
        do {
            demo_set_text(given[i], sizeof given[i], "%s",
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
        demo_set_text(hh->members[i].name, sizeof hh->members[i].name, "%s·%s", given[i],
                      father);
    }
}

/* Han names: surname and given name, no two members alike. */
static void name_han(struct demo_rng *r, const struct planner *pl, struct household *hh)
{
    char given[HH_MAX_MEMBERS][TEXT_BYTES(8)];
    const char *head_surname = demo_chance(r, 15) ? PICK(r, rare_surnames) : pick_surname(r);
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
            demo_set_text(hh->members[i].name, sizeof hh->members[i].name, "%s%s", surname,
                          given[i]);
            dup = 0;
            for (int k = 0; k < i && !dup; k++)
                dup = strcmp(hh->members[k].name, hh->members[i].name) == 0;
        } while (dup);
    }
}

void demo_name_members(struct demo_rng *r, const struct planner *pl, int uyghur,
                       struct household *hh)
{
    if (uyghur)
        name_uyghur(r, pl, hh);
    else
        name_han(r, pl, hh);
}
