/* bench_search — household-list search on a county database, keystroke by
 * keystroke (issue 14 goal 1: every keystroke p90 < 20 ms and worst < 50 ms
 * warm, the first search after opening < 100 ms), with and without the
 * village and status filters.  Usage: bench_search DB [ROUNDS]
 * Each query is typed one character at a time (a name, pinyin initials, an
 * ID number from its first digit, a 户编号; and the empty query: the filter
 * alone); every prefix is one keystroke, timed ROUNDS times after one
 * warm-up.  "cold" is the slowest first search ("", a name, an initial, ID
 * digits) of a freshly opened connection (the operating system's file cache
 * is warm).  Filters: none, a village, its township, a rare status
 * (已清退), the commonest (已建档立卡), and the two combined.
 * Then the list paged to its end 500 rows at a time (goal 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "db/household_store.h"
#include "core/workflow.h"
#include <sqlite3.h>

#define PAGE 500

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* CPU time of this thread: on a machine shared with other work (load above
 * the core count) the wall-clock worst case measures the scheduler; this
 * one what the search itself costs. */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct hh_row rows[PAGE];

static struct db *open_db(const char *path, int flags)
{
    struct db *db = NULL;
    char err[256];
    if (db_open(path, flags, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        exit(3);
    }
    return db;
}

/* One search timed: wall and CPU milliseconds into t[k], cpu[k]. */
static size_t time_search(struct db *db, const char *typed, const char *village, int state,
                          double *t, double *cpu, size_t k, size_t *n)
{
    double t0 = now_ms(), c0 = cpu_ms();
    db_household_search(db, typed, village, state, rows, PAGE, n);
    cpu[k] = cpu_ms() - c0;
    t[k] = now_ms() - t0;
    return k + 1;
}

/* Times every prefix of every query (whole UTF-8 characters; "" is the
 * filter alone, before anything is typed) under one filter; appends the
 * times to t. */
static size_t type_queries(struct db *db, const char *const *queries, const char *village,
                           int state, int rounds, double *t, double *cpu, size_t k)
{
    for (size_t q = 0; queries[q]; q++) {
        size_t len = strlen(queries[q]);
        for (size_t end = len ? 1 : 0; end <= len; end++) {
            if (end < len && (queries[q][end] & 0xC0) == 0x80)
                continue;       /* inside a character */
            char typed[64];
            snprintf(typed, sizeof typed, "%.*s", (int)end, queries[q]);
            size_t n = 0;
            db_household_search(db, typed, village, state, rows, PAGE, &n);
            double slowest = 0;
            for (int r = 0; r < rounds; r++) {
                k = time_search(db, typed, village, state, t, cpu, k, &n);
                slowest = t[k - 1] > slowest ? t[k - 1] : slowest;
            }
            if (getenv("BENCH_VERBOSE"))
                fprintf(stderr, "  %-20s %-14s %2d %3zu rows  worst %6.2f ms\n", typed,
                        village ? village : "-", state, n, slowest);
        }
    }
    return k;
}

/* The first search of a freshly opened connection (the operating system's
 * file cache warm), for each kind of query: the slowest. */
static double cold_search(const char *path, const char *village, int state, double *worst_cpu)
{
    static const char *const first[] = { "", "张", "z", "4501", NULL };
    double worst = 0, t, cpu;
    *worst_cpu = 0;
    for (size_t i = 0; first[i]; i++) {
        struct db *db = open_db(path, DB_READONLY);
        size_t n;
        time_search(db, first[i], village, state, &t, &cpu, 0, &n);
        worst = t > worst ? t : worst;
        *worst_cpu = cpu > *worst_cpu ? cpu : *worst_cpu;
        db_close(db);
    }
    return worst;
}

/* "12.3 ms (< 20 met)" */
static const char *against(double ms, double target, char *buf, size_t size)
{
    snprintf(buf, size, "%.2f ms (< %.0f %s)", ms, target, ms < target ? "met" : "NOT met");
    return buf;
}

static long long households_under(const char *path, const char *village, int state)
{
    struct db *db = open_db(path, DB_READONLY);
    sqlite3_stmt *st = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM households WHERE deleted = 0"
                           " AND (?1 = '' OR substr(village, 1, length(?1)) = ?1) AND (?2 < 0 OR state = ?2)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, village ? village : "", -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, state);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    db_close(db);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    /* Opened once to write: brings an older file's schema up to date. */
    struct db *db = open_db(argv[1], 0);
    size_t n = 0;
    db_household_search(db, "", NULL, -1, rows, 1, &n);
    if (n == 0)
        return 3;
    char village[16], township[16], hh_no[20];
    snprintf(village, sizeof village, "%s", rows[0].village);
    snprintf(township, sizeof township, "%.9s", rows[0].village);
    snprintf(hh_no, sizeof hh_no, "%s", rows[0].hh_no);
    db_close(db);

    const char *const queries[] = { "", "张建", "韦", "覃明", "卡德尔", "zs", "hjg", "lh", "w", "y",
                                    "45012319740826", "19850312", hh_no, "zzz", NULL };
    /* F7 with a rare state (已清退: the households' own index drives the
     * search) and with the commonest (已建档立卡: the query's index does). */
    const struct { const char *name, *village; int state; } filters[] = {
        { "none", NULL, -1 }, { "village", village, -1 }, { "township", township, -1 },
        { "status_removed", NULL, WF_REMOVED }, { "status_registered", NULL, WF_REGISTERED },
        { "village+status", village, WF_REGISTERED }, { "township+status", township, WF_REMOVED },
    };
    double *t = calloc(4096 * (size_t)rounds, sizeof *t), *cpu = calloc(4096 * (size_t)rounds, sizeof *t);
    printf("search (village %s, township %s, %d rounds); targets: p90 < 20 ms, worst < 50 ms warm, "
           "cold (first search after opening) < 100 ms\n", village, township, rounds);
    double worst_p90 = 0, worst_max = 0, worst_cold = 0;
    char b1[48], b2[48], b3[48];
    for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
        double cold_cpu, cold = cold_search(argv[1], filters[f].village, filters[f].state, &cold_cpu);
        db = open_db(argv[1], DB_READONLY);
        size_t k = type_queries(db, queries, filters[f].village, filters[f].state, rounds, t, cpu, 0);
        db_close(db);
        qsort(t, k, sizeof *t, cmp_double);
        qsort(cpu, k, sizeof *cpu, cmp_double);
        double p90 = t[k * 9 / 10], max = t[k - 1];
        printf("search_%s (%lld households, %s %d): p90 %s, worst %s, cold %s; CPU p90 %.2f, worst %.2f,"
               " cold %.2f ms; %zu keystrokes\n", filters[f].name,
               households_under(argv[1], filters[f].village, filters[f].state),
               filters[f].village ? filters[f].village : "-", filters[f].state,
               against(p90, 20, b1, sizeof b1), against(max, 50, b2, sizeof b2),
               against(cold, 100, b3, sizeof b3), cpu[k * 9 / 10], cpu[k - 1], cold_cpu,
               k / (size_t)rounds);
        worst_p90 = p90 > worst_p90 ? p90 : worst_p90;
        worst_max = max > worst_max ? max : worst_max;
        worst_cold = cold > worst_cold ? cold : worst_cold;
    }
    /* Goal 2: the whole list, a page at a time, to the end and back. */
    db = open_db(argv[1], DB_READONLY);
    size_t total = 0, pages = 0;
    double t0 = now_ms(), page_max = 0, page_cpu = 0;
    struct hh_row last;
    for (n = PAGE; n == PAGE; pages++) {
        double p0 = now_ms(), c0 = cpu_ms();
        db_household_page(db, "", NULL, -1, total ? &last : NULL, 0, rows, PAGE, &n);
        double dt = now_ms() - p0, dc = cpu_ms() - c0;
        page_max = dt > page_max ? dt : page_max;
        page_cpu = dc > page_cpu ? dc : page_cpu;
        total += n;
        if (n)
            last = rows[n - 1];
    }
    double all = now_ms() - t0;
    t0 = now_ms();
    db_household_page(db, "", NULL, -1, NULL, 1, rows, PAGE, &n);
    double end_key = now_ms() - t0;
    printf("list_paging: %zu households in %zu pages of %d, %.0f ms, page worst %s (CPU %.2f ms); End %s\n",
           total, pages, PAGE, all, against(page_max, 50, b1, sizeof b1), page_cpu,
           against(end_key, 50, b2, sizeof b2));
    db_close(db);
    printf("search_p90_ms (every filter): p90 %s, worst %s, cold %s\n", against(worst_p90, 20, b1, sizeof b1),
           against(worst_max, 50, b2, sizeof b2), against(worst_cold, 100, b3, sizeof b3));
    free(t);
    free(cpu);
    return 0;
}
