/* bench_save — the cost of saving one 8-member household (SPEC §8: under
 * 10 ms apart from fsync, at most 2 fsyncs).  Usage: bench_save DIR N [nosync]
 * Each save is its own transaction, as the form's F2 is.  With "nosync" the
 * connection runs synchronous=OFF, which leaves the CPU and SQLite cost; the
 * fsync count comes from running it under `strace -f -c -e trace=fsync,fdatasync`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "core/demo.h"
#include "core/idno.h"
#include "db/db.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/settings.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int n = atoi(argv[2]);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/bench_save.db", argv[1]);
    remove(path);
    struct db *db = NULL;
    if (db_open(path, DB_CREATE, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 3;
    }
    if (argc > 3 && strcmp(argv[3], "nosync") == 0)
        sqlite3_exec(db_handle(db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    /* Saves name a registered operator (issue 13); the bench acts as a
     * 管理员 without the password hash, as the storage tests do. */
    db_session_assume(db, "基准", ROLE_ADMIN);
    struct demo_rng rng;
    demo_rng_seed(&rng, 5);
    struct demo_area area;
    demo_area_build(&rng, 20000, &area);
    int ok = db_area_add(db, area.county_code, AREA_COUNTY, area.county_name, "", 0) == DB_OK;
    for (int t = 0; ok && t < area.n_townships; t++)
        ok = db_area_add(db, area.townships[t].code, AREA_TOWNSHIP, area.townships[t].name,
                         area.county_code, 0) == DB_OK;
    for (int v = 0; ok && v < area.n_villages; v++)
        ok = db_area_add(db, area.villages[v].code, AREA_VILLAGE, area.villages[v].name,
                         area.townships[area.villages[v].township].code, 0) == DB_OK;
    if (!ok) {
        fprintf(stderr, "bench_save: areas: %s\n", db_errmsg(db));
        return 3;
    }
    /* Pick 8-member households from the demo county. */
    static struct household hh[64];
    int k = 0;
    for (int i = 0; i < 20000 && k < 64; i++) {
        demo_household(&rng, &area, i, 2026, "2026-11-23", &hh[k]);
        if (hh[k].n_members == 8)
            k++;
    }
    double total = 0;
    int saved = 0;
    for (int i = 0; i < n; i++) {
        struct household h = hh[i % k];
        /* A fresh copy each time would collide on IDs: change them. */
        for (int m = 0; m < h.n_members; m++) {
            char first17[64];
            snprintf(first17, sizeof first17, "450123%04d%02d%02d%03d", 1940 + (i / 1000) % 60,
                     1 + m, 1 + (i / 28) % 28 % 28, i % 1000);
            snprintf(h.members[m].id_no, sizeof h.members[m].id_no, "%.17s%c", first17,
                     idno_check_char(first17));
        }
        h.id = 0;
        h.hh_no[0] = 0;
        for (int m = 0; m < h.n_members; m++)
            h.members[m].id = 0;
        double t0 = now_ms();
        enum db_err rc = db_household_save(db, &h);
        total += now_ms() - t0;
        if (rc != DB_OK) {
            fprintf(stderr, "save %d: %s\n", i, db_errmsg(db));
            break;
        }
        saved++;
    }
    printf("save_8_members: %d saves, %.3f ms/save%s\n", saved, saved ? total / saved : 0,
           argc > 3 ? " (synchronous=OFF)" : " (synchronous=FULL)");
    demo_area_free(&area);
    db_close(db);
    return saved == n ? 0 : 1;   /* a failed save is a failed benchmark */
}
