/* demo.h — synthetic, reproducible demo data (`fupin demo`, SPEC §7.2).
 *
 * A fictional-but-well-formed county (450123 隆安县, Guangxi) with townships,
 * villages and 村民小组, and households whose every field is plausible: member
 * ages fit their relation to the 户主, ID numbers are valid and unique, codes
 * fit the age, causes fit the members, income sits below the line.  Pure C:
 * the caller (the CLI) inserts what this module generates.
 *
 * Reproducible: the same seed gives byte-identical output on every machine
 * (integer arithmetic only, our own PRNG, never rand()).  A household depends
 * only on (seed, index, year, today), not on which households were generated
 * before it, so any one of them can be regenerated alone.
 *
 * Deliberate data-quality warnings (and no error-level problem anywhere):
 *  - about 1 % of the households still identifying or registered
 *    (WF_APPLIED..WF_REGISTERED, WF_WITHDRAWN) have a per-capita income 5–30 %
 *    above the poverty line of their standard (the "above the line" warning);
 *  - households that were turned down or struck off (WF_REJECTED,
 *    WF_REMOVAL_NOTICE, WF_REMOVED, about 4 %) are 10–60 % above the line:
 *    that is why they were; a check that only looks at identified
 *    households does not flag them;
 *  - households on the exit path (WF_EXIT_APPRAISED..WF_EXITED) are 5–60 %
 *    above the exit line, as exiting requires.
 * No 七不进 box is ticked on any household.  Registered, exiting and exited
 * households pass the inspection checks (core/checks_inspect.c): every
 * member insured, no D级 house on the register, a family without labour is
 * 低保 — db/demo_fill.c plants the few findings of the demo database. */
#ifndef FUPIN_DEMO_H
#define FUPIN_DEMO_H
#include <stdint.h>
#include "core/household.h"

/* ID sequences come from the household index (see demo_family.c), which keeps every
 * ID unique up to this many households in one county. */
#define DEMO_MAX_HOUSEHOLDS 180000
#define DEMO_MAX_TOWNSHIPS  10
#define DEMO_MAX_GROUPS     14
#define DEMO_CADRES         4       /* per village: [0] 受理人, [1..3] surveyors */

/* splitmix64 (Steele, Lea, Flood 2014): tiny, fast, passes BigCrush. */
struct demo_rng {
    uint64_t seed;                  /* as given; per-household streams derive from it */
    uint64_t state;
};

void     demo_rng_seed(struct demo_rng *r, uint64_t seed);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n) without modulo bias; 0 when n <= 0. */
int      demo_rng_below(struct demo_rng *r, int n);

struct demo_township {
    char code[10];                  /* 9 digits: county + 3 */
    char name[TEXT_BYTES(10)];
    int  first_village, n_villages; /* indexes into demo_area.villages */
};

struct demo_village {
    char code[AREA_CODE_LEN + 1];   /* 12 digits: township + 3 */
    char name[TEXT_BYTES(10)];
    int  township;                  /* index into demo_area.townships */
    int  first_household, n_households;   /* household indexes [first, first + n) */
    int  n_groups;
    char groups[DEMO_MAX_GROUPS][TEXT_BYTES(8)];      /* 村民小组 */
    char cadres[DEMO_CADRES][TEXT_BYTES(NAME_CHARS)]; /* village cadres / work team */
};

struct demo_area {
    char county_code[7];
    char county_name[TEXT_BYTES(10)];
    int  n_townships;
    struct demo_township townships[DEMO_MAX_TOWNSHIPS];
    int  n_villages;
    struct demo_village *villages;  /* owned: demo_area_free() */
    int  n_households;
    /* Lines (fen per person per year) the incomes are generated against.
     * 0 = look up core/income.h lines_seeded() for the survey year; the
     * caller may set them from the database's settings table instead. */
    int64_t poverty_line, exit_line;
};

/* Builds the area for n_households (0..DEMO_MAX_HOUSEHOLDS): about 150–400
 * households per village, at least 1 township and 2 villages, township
 * villages contiguous and village households contiguous by index.
 * Returns 0, or -1 (area zeroed) when n is out of range or memory runs out. */
int  demo_area_build(struct demo_rng *r, int n_households, struct demo_area *out);
/* Frees what demo_area_build allocated and zeroes *a.  NULL-safe. */
void demo_area_free(struct demo_area *a);
/* The village that household `index` belongs to (index taken modulo the
 * area's household count); NULL for an empty area. */
const struct demo_village *demo_area_village_of(const struct demo_area *a, int index);

/* Fills *out (zeroed first; ids 0) with household `index` of the area for
 * application/survey year `year`; `today` (YYYY-MM-DD, NULL = clock_today())
 * bounds every date.  1–9 members, members[0] the 户主; state is an enum
 * wf_state (core/workflow.h) spread over the identification, registered,
 * exit and removal states; hh_no is set for households that were registered
 * (village code + 4-digit sequence, unique).  A WF_APPLIED household has not
 * been surveyed: its survey is all zero (year 0).  `year` should not be after
 * today's year. */
void demo_household(const struct demo_rng *r, const struct demo_area *a, int index,
                    int year, const char *today, struct household *out);

#endif
