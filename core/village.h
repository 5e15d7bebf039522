/* village.h — the 贫困村 exit standard (贫困村出列, seeds 003 §二 and 004):
 * the checklist a village must pass in a year, each item's pass/fail with
 * the numbers, and the thresholds that change by year.
 *
 * The items: 贫困发生率 (poor people of the households 在册 / the rural
 * registered population the clerk keys) below the year's threshold;
 * 村人均可支配收入 at least the year's village line (60 % of the provincial
 * rural average: 9820 元 for 2018 seed 003, 13000 元 for 2020 seed 004);
 * 村集体经济收入 at least the year's minimum; and the services of the seeds'
 * village standard as yes/no with a date (硬底化村道, 安全饮水, 通电, 宽带,
 * 标准化卫生站, 义务教育, 文化活动场所).
 *
 * A yes/no item is pre-filled from the year's 入户调查 where the survey asks
 * it (通生活用电, 饮水安全, 入户路) and confirmed by the clerk; the others are
 * confirmed only.  The confirmed answer beats the pre-fill.
 *
 * No SQL, no curses: callers (db/village_store.c) fill struct vc_facts. */
#ifndef FUPIN_VILLAGE_H
#define FUPIN_VILLAGE_H
#include <stddef.h>
#include <stdint.h>

enum vc_item {
    VC_RATE = 0,        /* 贫困发生率 */
    VC_INCOME,          /* 村人均可支配收入 */
    VC_COLLECTIVE,      /* 村集体经济收入 */
    VC_ROAD,            /* 硬底化村道 */
    VC_WATER,           /* 安全饮水 (自来水) */
    VC_POWER,           /* 通生产生活用电 */
    VC_BROADBAND,       /* 通宽带 */
    VC_CLINIC,          /* 标准化卫生站 */
    VC_SCHOOL,          /* 义务教育有保障 */
    VC_CULTURE,         /* 文化活动场所 */
    VC_COUNT
};
#define VC_FIRST_YESNO VC_ROAD
#define VC_N_YESNO (VC_COUNT - VC_FIRST_YESNO)

/* A yes/no answer: not answered, no, yes. */
enum { VC_UNSET = -1, VC_NO = 0, VC_YES = 1 };

enum vc_verdict {
    VC_PASS = 1,        /* 达标 */
    VC_FAIL = 2,        /* 未达标 */
    VC_MISSING = 3      /* 无数据 / 未确认: cannot pass */
};

/* One value that holds from `year` on until a later year's value. */
struct vc_year_value { int year; int64_t value; };
/* The value for `year`: the entry of that year, else the latest earlier one
 * (of equal years the later entry); `def` when there is none. */
int64_t vc_by_year(const struct vc_year_value *v, size_t n, int year, int64_t def);

/* Defaults when no year of the setting is set. */
#define VC_RATE_BP_DEFAULT      200         /* 贫困发生率 below 2 % (3 % in the west: a setting) */
#define VC_COLLECTIVE_DEFAULT   5000000     /* fen: 5万元 (not in the seeds: a setting) */
/* The seeded village lines (60 % of the provincial rural average). */
const struct vc_year_value *vc_income_lines_seeded(size_t *n);

struct vc_facts {
    int     year;
    int     population;         /* 农村户籍人口, keyed; 0 = not keyed */
    int     poor_people;        /* members of the village's households 在册 */
    int64_t rate_threshold_bp;  /* basis points: 200 = 2.00 % */
    int64_t per_capita_income;  /* fen, keyed; -1 = not keyed */
    int64_t income_line;        /* fen; 0 = none set */
    int64_t collective_income;  /* fen, keyed; -1 = not keyed */
    int64_t collective_min;     /* fen */
    int     answer[VC_N_YESNO];     /* VC_UNSET / VC_NO / VC_YES, confirmed by the clerk */
    int     prefill[VC_N_YESNO];    /* the same from the surveys; VC_UNSET = no data */
    char    prefill_note[VC_N_YESNO][96]; /* "入户调查 40 户中 2 户未通生活用电" */
};

struct vc_result {
    enum vc_verdict verdict;
    int from_prefill;           /* 1: the verdict rests on the survey pre-fill */
    char standard[64];          /* "低于 2.00%" */
    char actual[128];           /* "1.85% (在册贫困人口 37 / 户籍人口 2000)" */
};

/* 贫困发生率 in basis points, rounded half up; -1 when population is 0. */
int64_t vc_rate_bp(int poor_people, int population);
/* 1 when poor/population is strictly below threshold_bp (exact, no rounding:
 * 40 of 2000 is 2.00 %, not below 2 %). */
int vc_rate_below(int poor_people, int population, int64_t threshold_bp);
/* "1.85%" from basis points. */
void vc_format_bp(int64_t bp, char *out, size_t outsz);

/* The item's name: "贫困发生率", "硬底化村道" … */
const char *vc_item_label(enum vc_item i);
/* "达标" / "未达标" / "无数据" (or "未确认" for a yes/no item). */
const char *vc_verdict_label(enum vc_item i, enum vc_verdict v);
/* Evaluates one item. */
void vc_evaluate(const struct vc_facts *f, enum vc_item i, struct vc_result *out);
/* Evaluates every item into out[VC_COUNT]; returns how many do not pass and
 * writes their names into failing ("贫困发生率、通宽带", "" when none). */
int vc_evaluate_all(const struct vc_facts *f, struct vc_result out[VC_COUNT], char *failing,
                    size_t failingsz);

/* The stages of a village's exit (village_exits.stage); stored: never renumber. */
enum vc_stage {
    VS_NONE = 0,
    VS_PROPOSED = 1,    /* 已提出: the checklist passed, or was overridden */
    VS_APPRAISED = 2,   /* 村级评议通过 */
    VS_NOTICED = 3,     /* 公示中 */
    VS_EXITED = 4,      /* 已出列 */
    VS_REJECTED = 5     /* 评议未通过 */
};
const char *vc_stage_label(enum vc_stage s);

#endif
