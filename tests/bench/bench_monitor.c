/* bench_monitor.c — how long the 防返贫监测 list takes on a county file:
 *   bench_monitor DB [AREA]
 * prints the rows of each status and the seconds of the whole list (what
 * the screen reads on entry) and of the records only (the 监测对象名单). */
#include <stdio.h>
#include <time.h>
#include "db/monitor.h"

static int count(void *ud, const struct monitor_row *row)
{
    long *n = ud;
    n[row->is_proposal ? 0 : row->rec.cleared[0] ? 2 : 1]++;
    return 0;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_monitor DB [AREA]\n");
        return 2;
    }
    struct db *db = NULL;
    char err[512];
    if (db_open(argv[1], 0, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const char *area = argc > 2 ? argv[2] : "";
    long n[3] = { 0, 0, 0 };
    double t0 = seconds();
    enum db_err rc = db_monitor_list(db, area, MON_LIST_ALL, count, n);
    double t1 = seconds();
    long m[3] = { 0, 0, 0 };
    if (rc == DB_OK)
        rc = db_monitor_list(db, area, MON_LIST_OPEN | MON_LIST_CLOSED, count, m);
    double t2 = seconds();
    if (rc != DB_OK)
        fprintf(stderr, "%s\n", db_errmsg(db));
    printf("待研判 %ld 监测中 %ld 已消除 %ld: whole list %.2f s, records only %.3f s\n", n[0], n[1], n[2],
           t1 - t0, t2 - t1);
    db_close(db);
    return rc == DB_OK ? 0 : 1;
}
