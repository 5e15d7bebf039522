/* check_all.c — see check_all.h. */
#include "db/check_all.h"
#include <stdio.h>
#include "db/loans.h"
#include "db/monitor.h"
#include "db/plans.h"
#include "db/relocation.h"
#include "db/team.h"
#include "db/workflow_store.h"

struct step_args {
    struct db *db;
    struct check_ctx *cc;
    int year;
    assist_check_fn fn;
    void *ud;
    size_t *errors, *warnings;
};

static enum db_err step_assist(const struct step_args *a)
{
    db_assist_check_ctx(a->db, a->cc);
    return db_assist_check_all(a->db, a->cc, a->fn, a->ud, a->errors, a->warnings);
}

static enum db_err step_monitor(const struct step_args *a)
{
    return db_monitor_check_all(a->db, a->cc, a->fn, a->ud, a->warnings);
}

static enum db_err step_team(const struct step_args *a)
{
    return db_team_check_all(a->db, a->cc, a->fn, a->ud, a->warnings);
}

static enum db_err step_plans(const struct step_args *a)
{
    db_plan_check_ctx(a->db, a->cc);
    return db_plan_check_all(a->db, a->cc, a->year, a->fn, a->ud, a->errors, a->warnings);
}

static enum db_err step_loans(const struct step_args *a)
{
    return db_loan_check_all(a->db, a->cc, a->fn, a->ud, a->errors, a->warnings);
}

static enum db_err step_relocation(const struct step_args *a)
{
    return db_relocation_check_all(a->db, a->cc, a->fn, a->ud, a->errors, a->warnings);
}

static enum db_err step_workflow(const struct step_args *a)
{
    return wfs_check_all(a->db, a->cc, a->fn, a->ud, a->errors, a->warnings);
}

/* In the order both print them: plans and teams first (as 数据维护 always
 * listed them, right after the households), then the rest. */
static const struct {
    const char *what;
    enum db_err (*run)(const struct step_args *a);
} STEPS[] = {
    { "帮扶规划", step_plans },
    { "驻村工作队", step_team },
    { "帮扶责任人、帮扶记录和项目", step_assist },
    { "防返贫监测", step_monitor },
    { "扶贫小额信贷", step_loans },
    { "易地扶贫搬迁", step_relocation },
    { "公示、回访和状态记录", step_workflow },
};

enum db_err db_check_subjects(struct db *db, struct check_ctx *cc, int year, assist_check_fn fn,
                              void *ud, size_t *errors, size_t *warnings)
{
    size_t e = 0, w = 0;
    enum db_err first = DB_OK;
    char why[512] = "";
    for (size_t i = 0; i < sizeof STEPS / sizeof *STEPS; i++) {
        size_t se = 0, sw = 0;
        struct step_args a = { db, cc, year, fn, ud, &se, &sw };
        enum db_err err = STEPS[i].run(&a);
        e += se;
        w += sw;
        if (err != DB_OK && first == DB_OK) {
            first = err;
            snprintf(why, sizeof why, "%s检查失败: %s", STEPS[i].what, db_errmsg(db));
        }
    }
    if (errors)
        *errors += e;
    if (warnings)
        *warnings += w;
    return first == DB_OK ? DB_OK : db_set_error(db, first, "%s", why);
}
