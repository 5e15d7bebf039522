/* demo_priv.h — what the demo generator's own files share: the code values,
 * the PRNG helpers (core/demo.c), the family plan, and the steps each file
 * does for demo_household() (core/demo.c):
 *   core/demo.c          PRNG, helpers, the area, and the household driver;
 *   core/demo_names.c    names of cadres and of a household's members;
 *   core/demo_family.c   ID numbers, the family plan and the roster rows;
 *   core/demo_survey.c   the survey (入户调查): conditions, causes, income.
 * Not for callers: they use core/demo.h.
 *
 * Code values below are list positions of SPEC §4 (core/codes.h numbers lists
 * 1..n in that order; 民族 in GB 3304 order); tests/unit/test_demo.c checks
 * each one against codes_label() so a reordered list cannot go unnoticed. */
#ifndef FUPIN_DEMO_PRIV_H
#define FUPIN_DEMO_PRIV_H
#include "core/codes.h"
#include "core/demo.h"
#include <stddef.h>

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

/* ---------------------------------------------------------------- helpers (demo.c) */

/* Uniform in [lo, hi]; lo when hi <= lo. */
int  demo_range(struct demo_rng *r, int lo, int hi);
/* 1 with probability per_mille / 1000. */
int  demo_chance(struct demo_rng *r, int per_mille);
/* Index into weights[0..n) with probability proportional to the weight. */
int  demo_pick_weighted(struct demo_rng *r, const int *weights, int n);
/* n random decimal digits and a NUL into out. */
void demo_digits(struct demo_rng *r, char *out, int n);
/* snprintf into dst; all formatting goes through here (demo.c says why). */
void demo_set_text(char *dst, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[demo_rng_below((r), COUNT(a))])

/* ---------------------------------------------------------------- family plan */

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

/* ---------------------------------------------------------------- steps */

/* demo_names.c: a village cadre's (Han) name. */
void demo_cadre_name(struct demo_rng *r, char *out, size_t outsz);
/* demo_names.c: the names of the planned members into hh->members[0..pl->n),
 * Uyghur style ("own name·father's name") when uyghur, else Han style; no
 * two members share a name. */
void demo_name_members(struct demo_rng *r, const struct planner *pl, int uyghur,
                       struct household *hh);

/* demo_family.c: draws the family of household idx of the county and fills
 * hh->n_members and each member's roster row (name, ID, birth, codes);
 * ages[i] is member i's age on ref.  Ages of the plan are reckoned in whole
 * years of base; exiting marks a household on the exit path.  Needs
 * hh->state. */
void demo_family(struct demo_rng *r, const char *county, int idx, int base, const char *ref,
                 int exiting, struct household *hh, int ages[HH_MAX_MEMBERS]);

/* demo_survey.c: fills hh->survey for `year` from the members demo_family
 * filled (ages as it gave them), surveyed by two of village v's cadres on
 * survey_date.  Needs hh->state. */
void demo_survey(struct demo_rng *r, const struct demo_area *a, const struct demo_village *v,
                 int year, int exiting, const char *survey_date, const int *ages,
                 struct household *hh);
/* demo_survey.c: the application's reason for a main cause (1..N_CAUSES). */
const char *demo_cause_reason(int cause);

#endif
