/* demo_fill.c — see demo_fill.h. */
#include "db/operators.h"
#include "db/demo_fill.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/demo.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/settings.h"

#define BATCH 1000

/* Helpers' work units (帮扶单位): county and township offices. */
static const char *const units[] = {
    "县扶贫开发办公室", "县农业农村局", "县教育局", "县卫生健康局", "县人力资源和社会保障局",
    "县住房和城乡建设局", "县财政局", "乡人民政府", "县水利局", "县林业局",
};
static const char *const titles[] = { "科员", "副主任科员", "股长", "副局长", "驻村工作队员" };

/* What one aid entry of each measure typically says, and its money (元). */
struct aid_template { int measure; const char *content; const char *outcome; int money, goods; };
static const struct aid_template aid_templates[] = {
    { 1, "发放鸡苗100只、饲料2袋", "鸡苗成活90只", 0, 1200 },
    { 2, "介绍到县工业园区务工", "月工资约2800元", 0, 0 },
    { 3, "参加种养技能培训3天", "取得培训结业证", 0, 0 },
    { 4, "落实义务教育学生营养改善补助", "子女按时在校", 500, 0 },
    { 5, "协助办理慢性病门诊证", "门诊报销比例提高", 0, 0 },
    { 6, "危房改造补助第一期", "房屋主体完工", 15000, 0 },
    { 7, "协助申请农村低保", "纳入低保", 0, 0 },
    { 8, "协助申请扶贫小额信贷5万元", "贷款发放用于养牛", 0, 0 },
    { 10, "安排生态护林员公益岗位", "年增收约8000元", 0, 0 },
    { 13, "入户宣讲政策，鼓励发展生产", "有脱贫意愿", 0, 0 },
};
#define N_TEMPLATES (sizeof aid_templates / sizeof *aid_templates)
#define HOUSING_TEMPLATE 5          /* measure 6 危房改造/住房保障 */

/* The demo's few inspection findings (core/checks_inspect.c) beside those
 * the data has anyway (a helper not yet this year, a 危房 not yet rebuilt):
 * one 低保贫困户 whose 低保金 was not keyed, one 特困供养 household with a
 * member fit to work, one exiting household with a child out of school,
 * one registered household whose youngest is not yet insured. */
struct plants { int dibao, tekun, dropout, med; };

static void plant_findings(struct household *hh, struct plants *p, const char *today)
{
    struct survey *s = &hh->survey;
    if (hh->state == WF_REGISTERED && s->hh_type == 2 && s->dibao > 0 && !p->dibao) {
        s->dibao = 0;
        p->dibao = 1;
    } else if (hh->state == WF_REGISTERED && s->hh_type == 1 && hh->members[0].skill == 1 &&
               age_on(hh->members[0].birth, today) >= 25 && age_on(hh->members[0].birth, today) <= 50 &&
               !p->tekun) {
        s->hh_type = 3;
        p->tekun = 1;
    } else if (hh->state == WF_REGISTERED && hh->n_members >= 3 && !p->med) {
        hh->members[hh->n_members - 1].med_ins = 0;
        p->med = 1;
    } else if (hh->state >= WF_EXIT_APPRAISED && hh->state <= WF_EXIT_NOTICE3 && !p->dropout) {
        for (int i = 0; i < hh->n_members; i++) {
            struct member *m = &hh->members[i];
            int age = age_on(m->birth, today);
            if (age >= 10 && age <= 14 && m->schooling != SCHOOL_NONE) {
                m->schooling = SCHOOL_NONE;
                p->dropout = 1;
                break;
            }
        }
    }
}

static enum db_err fill_areas(struct db *db, const struct demo_area *a)
{
    enum db_err rc = db_area_add_by_code(db, a->county_code, a->county_name);
    for (int t = 0; rc == DB_OK && t < a->n_townships; t++)
        rc = db_area_add_by_code(db, a->townships[t].code, a->townships[t].name);
    for (int v = 0; rc == DB_OK && v < a->n_villages; v++) {
        const struct demo_village *vil = &a->villages[v];
        rc = db_area_add_by_code(db, vil->code, vil->name);
        for (int g = 0; rc == DB_OK && g < vil->n_groups; g++)
            rc = db_group_add(db, vil->code, vil->groups[g]);
    }
    return rc;
}

/* Each village's cadres serve as the helpers of its registered households. */
static enum db_err fill_helpers(struct db *db, const struct demo_area *a, int64_t *ids)
{
    enum db_err rc = DB_OK;
    for (int v = 0; rc == DB_OK && v < a->n_villages; v++)
        for (int c = 0; rc == DB_OK && c < DEMO_CADRES; c++) {
            struct helper h;
            memset(&h, 0, sizeof h);
            snprintf(h.name, sizeof h.name, "%s", a->villages[v].cadres[c]);
            snprintf(h.unit, sizeof h.unit, "%s", units[(v + c) % (sizeof units / sizeof *units)]);
            snprintf(h.title, sizeof h.title, "%s", titles[(v * 3 + c) % (sizeof titles / sizeof *titles)]);
            snprintf(h.phone, sizeof h.phone, "139%04d%04d", v % 10000, 1000 + c);
            rc = db_helper_add(db, &h);
            ids[v * DEMO_CADRES + c] = h.id;
        }
    return rc;
}

/* YYYY-MM-DD of a demo date; the clamp tells the compiler the year has 4 digits. */
static void make_date(char out[11], int y, int m, int d)
{
    if (y < 1000 || y > 9999) y = 2000;
    if (m < 1 || m > 12) m = 1;
    if (d < 1 || d > 28) d = 1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int has_helper(int state)
{
    return state == WF_REGISTERED || state == WF_EXITED || (state >= WF_EXIT_APPRAISED && state <= WF_EXIT_NOTICE3);
}

/* Assigns the helper and keys two or three card entries, the last one of
 * every tenth household left unconfirmed (as on a real card in progress). */
static enum db_err fill_assist(struct db *db, const struct household *hh, int index, int year,
                               int64_t helper_id)
{
    char from[11];
    make_date(from, year - 1, 3, 1);
    enum db_err rc = db_helper_assign(db, hh->id, helper_id, from);
    int entries = 2 + index % 2;
    /* A 危房 is being rebuilt: its first entry is the 危房改造 (but one in
     * five, left for the inspection check INSP_DANGER_HOUSE to find). */
    int rebuild = hh->survey.dangerous_house && index % 5 != 0;
    for (int e = 0; rc == DB_OK && e < entries; e++) {
        const struct aid_template *t = &aid_templates[(size_t)(index * 7 + e * 3) % N_TEMPLATES];
        if (e == 0 && rebuild)
            t = &aid_templates[HOUSING_TEMPLATE];
        struct aid_record r;
        memset(&r, 0, sizeof r);
        r.household_id = hh->id;
        r.helper_id = helper_id;
        make_date(r.date, year - 1, 4 + e * 3, 1 + index % 27);
        r.measure = t->measure;
        snprintf(r.content, sizeof r.content, "%s", t->content);
        snprintf(r.outcome, sizeof r.outcome, "%s", t->outcome);
        r.money = (money_t)t->money * 100;
        r.goods_value = (money_t)t->goods * 100;
        int confirmed = !(index % 10 == 0 && e == entries - 1);
        r.signed_household = r.signed_village = r.signed_team = confirmed;
        rc = db_aid_add(db, &r);
    }
    return rc;
}

enum db_err db_demo_fill(struct db *db, long n, uint64_t seed, demo_progress_fn progress, void *ud)
{
    char today[11];
    clock_today(today);
    int year = atoi(today);
    struct demo_rng rng;
    demo_rng_seed(&rng, seed);
    struct demo_area area;
    if (n < 1 || n > DEMO_MAX_HOUSEHOLDS || demo_area_build(&rng, (int)n, &area) != 0)
        return db_fail(db, 0, "演示户数超出范围");
    int64_t *helper_ids = calloc((size_t)area.n_villages * DEMO_CADRES, sizeof *helper_ids);
    struct household *hh = malloc(sizeof *hh);
    enum db_err rc = helper_ids && hh ? db_begin(db) : DB_ERR_IO;
    if (rc == DB_OK) rc = fill_areas(db, &area);
    if (rc == DB_OK) rc = fill_helpers(db, &area, helper_ids);
    rc = rc == DB_OK ? db_commit(db) : (db_rollback(db), rc);
    int waiver_done = 0;
    struct plants plants = { 0, 0, 0, 0 };
    /* One transaction per household would cost an fsync each under
     * synchronous=FULL (hours for a county): batches of BATCH instead. */
    for (long i = 0; rc == DB_OK && i < n; i += BATCH) {
        rc = db_begin(db);
        for (long k = i; rc == DB_OK && k < n && k < i + BATCH; k++) {
            demo_household(&rng, &area, (int)k, year, today, hh);
            if (k >= 10)
                plant_findings(hh, &plants, today);
            rc = db_household_save(db, hh);
            if (rc != DB_OK || !has_helper(hh->state))
                continue;
            const struct demo_village *v = demo_area_village_of(&area, (int)k);
            int vi = (int)(v - area.villages);
            rc = fill_assist(db, hh, (int)k, year, helper_ids[vi * DEMO_CADRES + (int)(k % DEMO_CADRES)]);
            if (rc == DB_OK && !waiver_done && hh->state == WF_REGISTERED && k >= 20) {
                char date[11];
                make_date(date, year, 1, 15);
                rc = db_waiver_add(db, hh->id, date, "家庭收入稳定，自愿放弃帮扶", NULL);
                waiver_done = 1;
            }
        }
        rc = rc == DB_OK ? db_commit(db) : (db_rollback(db), rc);
        if (progress)
            progress(i + BATCH < n ? i + BATCH : n, n, ud);
    }
    free(hh);
    free(helper_ids);
    demo_area_free(&area);
    return rc;
}

enum db_err db_demo_admin(struct db *db)
{
    enum db_err err = db_operator_add(db, DEMO_OPERATOR, ROLE_ADMIN, DEMO_PASSWORD, NULL);
    if (err == DB_OK)
        err = db_setting_set_text(db, SET_LOGIN_HINT, "演示数据库：操作员 " DEMO_OPERATOR "，密码 " DEMO_PASSWORD);
    return err;
}
