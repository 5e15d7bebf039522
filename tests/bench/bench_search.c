/* bench_search — household-list search on a county database (SPEC §8: under
 * 20 ms median).  Usage: bench_search DB [ROUNDS]
 * Queries of every kind the list accepts: a surname, a full name, pinyin
 * initials, 4/6/8 digits of an ID number, a 户编号; each run ROUNDS times
 * after one warm-up; prints the median and the worst per kind and overall
 * (then, not in the overall figure, initials within one village). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "db/household_store.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    struct db *db = NULL;
    char err[256];
    if (db_open(argv[1], DB_READONLY, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 3;
    }
    static const char *const queries[] = {
        "张", "韦", "覃明", "黄建", "zs", "lh", "hjg", "0826", "198503", "19740826",
        "4501232002", "4501232002010001", "卡德尔", "zzz", "",
    };
    size_t nq = sizeof queries / sizeof *queries;
    double *all = calloc(nq * (size_t)rounds, sizeof *all);
    static struct hh_row rows[500];
    size_t k = 0;
    for (size_t q = 0; q < nq; q++) {
        size_t n = 0;
        db_household_search(db, queries[q], NULL, -1, rows, 500, &n);   /* warm-up */
        double t[64];
        for (int r = 0; r < rounds && r < 64; r++) {
            double t0 = now_ms();
            db_household_search(db, queries[q], NULL, -1, rows, 500, &n);
            t[r] = now_ms() - t0;
            all[k++] = t[r];
        }
        qsort(t, (size_t)rounds, sizeof *t, cmp_double);
        printf("search %-18s %4zu rows  median %6.2f ms  max %6.2f ms\n", queries[q], n,
               t[rounds / 2], t[rounds - 1]);
    }
    /* Initials within one village (the list filtered by F6): the village's
     * households drive the search, not the county's keys. */
    size_t nv = 0;
    char village[16] = "";
    db_household_search(db, "", NULL, -1, rows, 1, &nv);
    if (nv)
        snprintf(village, sizeof village, "%s", rows[0].village);
    static const char *const in_village[] = { "z", "zs", "hjg" };
    for (size_t q = 0; nv && q < sizeof in_village / sizeof *in_village; q++) {
        size_t n = 0;
        double t[64];
        db_household_search(db, in_village[q], village, -1, rows, 500, &n);
        for (int r = 0; r < rounds && r < 64; r++) {
            double t0 = now_ms();
            db_household_search(db, in_village[q], village, -1, rows, 500, &n);
            t[r] = now_ms() - t0;
        }
        qsort(t, (size_t)rounds, sizeof *t, cmp_double);
        printf("search %-6s in %s %4zu rows  median %6.2f ms  max %6.2f ms\n", in_village[q], village, n,
               t[rounds / 2], t[rounds - 1]);
    }
    qsort(all, k, sizeof *all, cmp_double);
    printf("search_median_ms: %.2f (max %.2f, %zu queries)\n", all[k / 2], all[k - 1], k);
    free(all);
    db_close(db);
    return 0;
}
