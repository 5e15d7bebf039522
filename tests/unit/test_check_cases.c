/* The trigger cases of tests/tools/check_cases.c against the check engine:
 * every household check that Form A or Form B runs has a case (a check added
 * later without one fails here), and each case's household really raises its
 * check — with exactly the other checks the case lists, so that
 * tests/e2e/tui_checks.sh knows which dialog to expect.  Today is 2026-11-23
 * (FUPIN_TODAY of the runner). */
#include "tests/harness.h"
#include "tests/tools/check_cases.h"
#include "core/checks.h"
#include <stdio.h>
#include <stdlib.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Space-separated ids, sorted, each once. */
static void id_set(const char **ids, size_t n, char *out, size_t outsz)
{
    qsort(ids, n, sizeof *ids, cmp_str);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(ids[i], ids[i - 1]) == 0)
            continue;
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s%s", out[0] ? " " : "", ids[i]);
    }
}

/* ID_DUP_OTHER_HH: an ID number belongs to the case's other household. */
static int other_owner(void *ud, const char *id_no, int64_t self_hh, char *desc, size_t descsz)
{
    const struct check_case *c = ud;
    (void)self_hh;
    if (!c->other)
        return 0;
    static struct household other;
    c->other(&other);
    for (int i = 0; i < other.n_members; i++)
        if (strcmp(other.members[i].id_no, id_no) == 0) {
            snprintf(desc, descsz, "户主 %s", other.members[0].name);
            return 1;
        }
    return 0;
}

/* The checks of the case's form that fire on hh, as a sorted id set; *levels
 * gets the OR of their levels (CHECK_WARNING | CHECK_ERROR bits). */
static void fired(const struct check_case *c, const struct household *hh, char *out, size_t outsz,
                  int *levels)
{
    struct check_ctx ctx;
    checks_ctx_init(&ctx);
    ctx.id_owner = other_owner;
    ctx.id_owner_ud = (void *)c;
    static struct check_result rs[64];
    size_t n = checks_run_household(&ctx, hh, rs, 64);
    const char *ids[64];
    size_t k = 0;
    *levels = 0;
    for (size_t i = 0; i < n; i++)
        if (form_check_applies(check_case_form(c), rs[i].def->id)) {
            ids[k++] = rs[i].def->id;
            *levels |= rs[i].def->level;
        }
    id_set(ids, k, out, outsz);
}

TEST(check_cases_cover_every_form_check)
{
    size_t n;
    const struct check_def *t = checks_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].subject != CS_HOUSEHOLD ||
            !(form_check_applies(&FORM_APPLICATION, t[i].id) || form_check_applies(&FORM_SURVEY, t[i].id)))
            continue;
        int found = 0;
        for (size_t k = 0; k < N_CHECK_CASES; k++)
            found |= strcmp(CHECK_CASES[k].check_id, t[i].id) == 0;
        char what[160];
        snprintf(what, sizeof what, "a case in tests/tools/check_cases.c for check %s", t[i].id);
        t_check(found, what, __FILE__, __LINE__);
    }
}

TEST(check_case_bases_raise_nothing)
{
    static const struct check_case plain_a = { "base:A", "", 'A', EXPECT_SAVED, "", 0, NULL, NULL, NULL };
    static const struct check_case plain_b = { "base:B", "", 'B', EXPECT_SAVED, "", 0, NULL, NULL, NULL };
    static struct household hh;
    char got[512];
    int levels;
    check_case_base('A', &hh);
    fired(&plain_a, &hh, got, sizeof got, &levels);
    CHECK_STR(got, "");
    check_case_base('B', &hh);
    fired(&plain_b, &hh, got, sizeof got, &levels);
    CHECK_STR(got, "");
}

/* Each case raises its check and exactly the others it lists; errors and
 * warnings are where the case expects them. */
TEST(check_cases_raise_their_checks)
{
    static struct household hh;
    for (size_t k = 0; k < N_CHECK_CASES; k++) {
        const struct check_case *c = &CHECK_CASES[k];
        const struct check_def *def = checks_find(c->check_id);
        if (!CHECK(def != NULL) || !CHECK(form_check_applies(check_case_form(c), c->check_id))) {
            fprintf(stderr, "    case %s: no such check on its form\n", c->name);
            continue;
        }
        check_case_base(c->form, &hh);
        if (c->make)
            c->make(&hh);
        char got[512], want[512], also[256];
        int levels;
        fired(c, &hh, got, sizeof got, &levels);
        snprintf(also, sizeof also, "%s %s", c->check_id, c->also);
        const char *ids[16];
        size_t n = 0;
        for (char *tok = strtok(also, " "); tok && n < 16; tok = strtok(NULL, " "))
            ids[n++] = tok;
        id_set(ids, n, want, sizeof want);
        if (!CHECK_STR(got, want))
            fprintf(stderr, "    case %s\n", c->name);
        if (c->expect == EXPECT_ERRORS)
            CHECK(def->level == CHECK_ERROR);
        if (c->expect == EXPECT_WARNING && !CHECK(levels == CHECK_WARNING))
            fprintf(stderr, "    case %s: a warning case must raise warnings only\n", c->name);
    }
}

/* Names are unique; the field an error case expects the cursor on is one
 * the form shows. */
TEST(check_case_targets_exist)
{
    for (size_t k = 0; k < N_CHECK_CASES; k++) {
        const struct check_case *c = &CHECK_CASES[k];
        for (size_t j = 0; j < k; j++)
            CHECK(strcmp(CHECK_CASES[j].name, c->name) != 0);
        if (c->expect != EXPECT_ERRORS)
            continue;
        const struct form *f = check_case_form(c);
        int found = 0;
        for (size_t p = 0; p < f->n_pages; p++) {
            const struct form_page *pg = &f->pages[p];
            if ((c->member > 0) != (pg->roster != 0))
                continue;
            if (pg->roster && strcmp(c->at, "成员表") == 0)
                found = 1;
            for (size_t i = 0; i < pg->n_fields; i++)
                found |= strcmp(pg->fields[i].label, c->at) == 0;
        }
        if (!found && strcmp(c->at, "成员表") == 0)
            for (size_t p = 0; p < f->n_pages; p++)
                found |= f->pages[p].roster;
        if (!CHECK(found))
            fprintf(stderr, "    case %s: no field 「%s」 on its form\n", c->name, c->at);
    }
}
