/* bench_import_gen.c — fixtures for tests/bench/bench_import.sh and
 * tests/e2e/import_merge.sh.
 *
 *   bench_import_gen csv DB OUT.csv
 *       writes DB's households as a 花名册 CSV (UTF-8, the roster's columns
 *       of SPEC §6, one row per member), what a clerk gets by saving an
 *       exported roster as CSV — the input of `fupin import csv`.
 *   bench_import_gen split PREFIX FILES PER_FILE SEED
 *       makes FILES databases PREFIX1.db … of PER_FILE households each: the
 *       consecutive slices of ONE demo county of FILES × PER_FILE households
 *       (core/demo.h: a household depends only on seed and index), so the
 *       files are distinct villages' work with unique ID numbers — the input
 *       of a realistic `fupin merge`.  Every file carries the whole county's
 *       areas, as township-issued village files do.  Registered households
 *       get their helper and one confirmed aid entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/demo.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/settings.h"

static void csv_cell(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static int write_csv(const char *dbpath, const char *out)
{
    struct db *db = NULL;
    char err[512];
    if (db_open(dbpath, DB_READONLY, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    FILE *f = fopen(out, "w");
    if (!f)
        return 1;
    fputs("县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,年龄,文化程度,在校生状况,"
          "健康状况,劳动技能,务工状况,贫困户属性,识别标准,主要致贫原因,年人均纯收入,帮扶责任人,帮扶单位,状态,脱贫年度\n", f);
    int64_t *ids = NULL;
    size_t n = 0;
    db_household_ids(db, &ids, &n);
    struct household *hh = malloc(sizeof *hh);
    char today[11];
    clock_today(today);
    for (size_t i = 0; i < n; i++) {
        if (db_household_load(db, ids[i], 0, hh) != DB_OK)
            return 1;
        struct area v, t, c;
        db_area_get(db, hh->village, &v);
        db_area_get(db, v.parent, &t);
        db_area_get(db, t.parent, &c);
        struct helper h;
        if (db_helper_of(db, hh->id, &h) != DB_OK)
            memset(&h, 0, sizeof h);
        char pc[32] = "";
        if (hh->survey.year) {
            money_format(income_per_capita(&hh->survey, hh->n_members), pc, sizeof pc);
        }
        for (int k = 0; k < hh->n_members; k++) {
            const struct member *m = &hh->members[k];
            char age[8];
            snprintf(age, sizeof age, "%d", age_on(m->birth, today));
            csv_cell(f, c.name, 0); csv_cell(f, t.name, 0); csv_cell(f, v.name, 0);
            csv_cell(f, hh->group_name, 0); csv_cell(f, hh->hh_no, 0); csv_cell(f, hh->members[0].name, 0);
            csv_cell(f, codes_label(CL_RELATION, m->relation), 0); csv_cell(f, m->name, 0);
            csv_cell(f, codes_label(CL_SEX, m->sex), 0); csv_cell(f, m->id_no, 0);
            csv_cell(f, codes_label(CL_ETHNIC, m->ethnic), 0); csv_cell(f, age, 0);
            csv_cell(f, codes_label(CL_EDUCATION, m->education), 0);
            csv_cell(f, codes_label(CL_SCHOOLING, m->schooling), 0);
            csv_cell(f, codes_label(CL_HEALTH, m->health), 0); csv_cell(f, codes_label(CL_SKILL, m->skill), 0);
            csv_cell(f, codes_label(CL_WORK, m->work), 0);
            csv_cell(f, codes_label(CL_HH_TYPE, hh->survey.hh_type), 0);
            csv_cell(f, codes_label(CL_STANDARD, hh->survey.standard), 0);
            csv_cell(f, codes_label(CL_CAUSE, hh->survey.main_cause), 0);
            csv_cell(f, pc, 0); csv_cell(f, h.name, 0); csv_cell(f, h.unit, 0);
            csv_cell(f, wf_roster_status((enum wf_state)hh->state), 0); csv_cell(f, "", 1);
        }
    }
    free(hh);
    free(ids);
    fclose(f);
    db_close(db);
    return 0;
}

static int split(const char *prefix, int files, int per, uint64_t seed)
{
    struct demo_rng rng;
    demo_rng_seed(&rng, seed);
    struct demo_area a;
    if (demo_area_build(&rng, files * per, &a) != 0)
        return 1;
    char today[11];
    clock_today(today);
    int year = atoi(today);
    if (year < 2000 || year > 2100)
        year = 2026;
    struct household *hh = malloc(sizeof *hh);
    for (int fi = 0; fi < files; fi++) {
        char path[4096], err[512];
        snprintf(path, sizeof path, "%s%d.db", prefix, fi + 1);
        remove(path);
        struct db *db = NULL;
        if (db_open(path, DB_CREATE, &db, err, sizeof err) != DB_OK) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        char op[32];
        snprintf(op, sizeof op, "村录入员%d", fi + 1);
        /* each village's clerk, acting as its file's 管理员 (areas need one)
         * without a password hash per file */
        db_session_assume(db, op, ROLE_ADMIN);
        enum db_err rc = db_begin(db);
        if (rc == DB_OK) rc = db_area_add(db, a.county_code, AREA_COUNTY, a.county_name, "", 0);
        for (int t = 0; rc == DB_OK && t < a.n_townships; t++)
            rc = db_area_add(db, a.townships[t].code, AREA_TOWNSHIP, a.townships[t].name, a.county_code, 0);
        for (int v = 0; rc == DB_OK && v < a.n_villages; v++)
            rc = db_area_add(db, a.villages[v].code, AREA_VILLAGE, a.villages[v].name,
                             a.townships[a.villages[v].township].code, 0);
        struct helper h;
        memset(&h, 0, sizeof h);
        snprintf(h.name, sizeof h.name, "驻村干部%d", fi + 1);
        snprintf(h.unit, sizeof h.unit, "县扶贫开发办公室");
        if (rc == DB_OK) rc = db_helper_add(db, &h);
        for (int k = fi * per; rc == DB_OK && k < (fi + 1) * per; k++) {
            demo_household(&rng, &a, k, year, today, hh);
            rc = db_household_save(db, hh);
            if (rc == DB_OK && hh->state == WF_REGISTERED) {
                char from[16];
                snprintf(from, sizeof from, "%04d-03-01", (year - 1) % 10000);
                rc = db_helper_assign(db, hh->id, h.id, from);
                struct aid_record r;
                memset(&r, 0, sizeof r);
                r.household_id = hh->id;
                r.helper_id = h.id;
                char d[32];
                snprintf(d, sizeof d, "%04d-04-%02d", year - 1, 1 + k % 27);
                memcpy(r.date, d, sizeof r.date - 1);
                r.measure = 1 + k % 5;
                snprintf(r.content, sizeof r.content, "入户走访，落实帮扶措施第%d项", 1 + k % 5);
                r.money = (money_t)(k % 7) * 10000;
                r.signed_household = r.signed_village = r.signed_team = 1;
                if (rc == DB_OK) rc = db_aid_add(db, &r);
            }
        }
        rc = rc == DB_OK ? db_commit(db) : (db_rollback(db), rc);
        if (rc != DB_OK) {
            fprintf(stderr, "%s\n", db_errmsg(db));
            return 1;
        }
        db_close(db);
    }
    free(hh);
    demo_area_free(&a);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "csv") == 0)
        return write_csv(argv[2], argv[3]);
    if (argc == 6 && strcmp(argv[1], "split") == 0)
        return split(argv[2], atoi(argv[3]), atoi(argv[4]), (uint64_t)strtoull(argv[5], NULL, 10));
    fprintf(stderr, "usage: bench_import_gen csv DB OUT.csv | split PREFIX FILES PER_FILE SEED\n");
    return 2;
}
