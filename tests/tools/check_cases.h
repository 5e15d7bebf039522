/* check_cases.h — one household per check of the check engine that a clerk
 * can meet on Form A or Form B: the table behind tests/unit/test_check_cases.c
 * (the engine really raises each case's check, and a household check without
 * a case fails) and tests/e2e/tui_checks.sh (each case, restored as a draft
 * in the real program, reaches its dialog on F2).
 *
 * Every case starts from one valid household (check_case_base: 覃明 and his
 * family, a survey below the line, today 2026-11-23 as FUPIN_TODAY sets it in
 * the test runners) and changes what a clerk, an import or a paste could get
 * wrong. */
#ifndef FUPIN_CHECK_CASES_H
#define FUPIN_CHECK_CASES_H
#include <stddef.h>
#include "core/household.h"
#include "forms/form.h"

/* The village every case lives in: tests/e2e/tui_checks.sh creates it. */
#define CASE_VILLAGE "450123101001"

/* What the clerk must see after F2. */
enum case_expect {
    EXPECT_ERRORS,      /* the error list; the cursor then on the field at fault */
    EXPECT_WARNING,     /* the warning and 仍然保存吗?; 是 saves */
    EXPECT_SAVED        /* the form puts it right itself and saves unasked */
};

struct check_case {
    const char *name;       /* "CHECK_ID:A" — unique */
    const char *check_id;   /* the check of core/checks.c it triggers */
    char form;              /* 'A' Form A (申请书), 'B' Form B (入户调查表) */
    enum case_expect expect;
    /* The other checks of the form that fire with it, space-separated. */
    const char *also;
    /* EXPECT_ERRORS: where the cursor must land — the member sub-form
     * (1-based; 0 = not in the roster) and the label of the field, or
     * "成员表" for the members table itself. */
    int member;
    const char *at;
    /* Turns the valid base household of the form into this case. */
    void (*make)(struct household *hh);
    /* NULL, or a household that must be saved before (ID_DUP_OTHER_HH). */
    void (*other)(struct household *hh);
};

extern const struct check_case CHECK_CASES[];
extern const size_t N_CHECK_CASES;

const struct check_case *check_case_find(const char *name);
/* The form of a case. */
const struct form *check_case_form(const struct check_case *c);
/* The valid household a form starts from: Form A holds the head and the
 * application, Form B the whole family with its survey. */
void check_case_base(char form, struct household *hh);

#endif
