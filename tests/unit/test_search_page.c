/* The household list page by page (issue 14 goal 2) and its filters (goal 1):
 * for every kind of query under every filter combination, paging forward and
 * backward through db_household_page finds exactly the households a
 * brute-force SQL query finds, each once, past the old 500-row cap.  The
 * search is driven differently when few households pass the filter (a rare
 * state: from those households) and when many do (from the query's index,
 * tested against the filter's bitmap, db/search.c page_filter): the file
 * has filters of both sizes, so that a speed change cannot change answers. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/household_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_HH 620
#define N_LIVE (N_HH - 4)     /* county() deletes 4 */

/* 620 households over three villages (two townships), twelve groups, six
 * common states and a rare one (已清退, 1 in 61: under 1/25 of the file),
 * some with a 户编号, a few deleted; heads from a small set of names so
 * that every query kind finds many. */
static struct db *county(void)
{
    static const char *const heads[] = { "李明", "张三丰", "王建国", "韦小宝", "覃明亮", "黄建军" };
    static const char *const villages[] = { TDB_VILLAGE1, TDB_VILLAGE2, TDB_VILLAGE3 };
    struct db *db = tdb_open("pages.db");
    struct household hh;
    CHECK_INT(db_begin(db), DB_OK);
    for (int i = 0; i < N_HH; i++) {
        tdb_household(&hh, heads[i % 6], 1 + i % 4, 20000 + i * 10);
        snprintf(hh.village, sizeof hh.village, "%s", villages[(i / 7) % 3]);
        snprintf(hh.group_name, sizeof hh.group_name, "第%d组", 1 + (i * 7) % 12);
        if (i % 4 == 0)
            snprintf(hh.hh_no, sizeof hh.hh_no, "%s%04d", villages[(i / 7) % 3], 9999 - i);
        if (!CHECK_INT(db_household_save(db, &hh), DB_OK))
            break;
    }
    CHECK_INT(db_commit(db), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE households SET state = CASE WHEN id % 61 = 0 THEN 17"
                          " ELSE 1 + (id / 5) % 6 END", "t"), DB_OK);
    for (int64_t id = 50; id <= N_HH; id += 150)      /* gone from every list */
        CHECK_INT(db_household_delete(db, id, "测试删除"), DB_OK);
    return db;
}

/* The ids the list should hold, in list order, by SQL alone. */
static size_t brute(struct db *db, const char *match, const char *q, const char *village,
                    int state, int64_t *ids)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT h.id FROM households h WHERE h.deleted = 0 AND (%s)"
             " AND (?2 = '' OR substr(h.village, 1, length(?2)) = ?2) AND (?3 < 0 OR h.state = ?3)"
             " ORDER BY" DB_HH_ORDER("h"), match);
    sqlite3_stmt *st = NULL;
    if (!CHECK_INT(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK))
        return 0;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, village ? village : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, state);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Pages of `page` rows forward from the start, or backward from the end;
 * the ids in list order. */
static size_t paged(struct db *db, const char *q, const char *village, int state, int backward,
                    size_t page, int64_t *ids)
{
    static struct hh_row rows[N_HH], from;
    size_t total = 0, n = page;
    while (n == page && total <= N_HH) {
        if (!CHECK_INT(db_household_page(db, q, village, state, total ? &from : NULL, backward,
                                         rows, page, &n), DB_OK))
            return total;
        if (n == 0)
            break;
        from = backward ? rows[0] : rows[n - 1];
        if (backward) {
            memmove(ids + n, ids, total * sizeof *ids);
            for (size_t i = 0; i < n; i++)
                ids[i] = rows[i].id;
        } else {
            for (size_t i = 0; i < n; i++)
                ids[total + i] = rows[i].id;
        }
        total += n;
    }
    return total;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* got and want hold the same ids, each once; in the same order if `ordered`. */
static void same_households(int64_t *got, size_t n_got, int64_t *want, size_t n_want, int ordered,
                            const char *what)
{
    if (!CHECK_INT(n_got, n_want)) {
        fprintf(stderr, "    %s\n", what);
        return;
    }
    if (!ordered) {
        qsort(got, n_got, sizeof *got, cmp_id);
        qsort(want, n_want, sizeof *want, cmp_id);
    }
    for (size_t i = 0; i < n_got; i++)
        if (!CHECK_INT(got[i], want[i])) {
            fprintf(stderr, "    %s, row %zu\n", what, i);
            return;
        }
}

#define NAME_HIT "EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.deleted = 0" \
                 " AND instr(m.name, ?1))"
#define DIGITS_HIT "instr(ifnull(h.hh_no, ''), ?1) OR EXISTS (SELECT 1 FROM members m WHERE" \
                   " m.household_id = h.id AND m.deleted = 0 AND instr(m.id_no, ?1))"
#define INITIALS_HIT "EXISTS (SELECT 1 FROM hh_initials i WHERE i.household_id = h.id" \
                     " AND substr(i.initials, 1, length(?1)) = ?1)"

TEST(search_pages_match_brute_force_for_every_filter_and_kind)
{
    struct db *db = county();
    char last_id[19], hh_no[24];       /* a whole ID number (a record's end), a 户编号 */
    snprintf(last_id, sizeof last_id, "%s", tdb_text(db, "SELECT max(id_no) FROM members WHERE deleted = 0"));
    snprintf(hh_no, sizeof hh_no, "%s", tdb_text(db, "SELECT substr(max(hh_no), 3) FROM households"));
    /* none_found: finds no household at all (else: some, unfiltered). */
    const struct { const char *q, *match; int ordered, none_found; } kinds[] = {
        { "", "1", 1, 0 },
        { "明", NAME_HIT, 0, 0 },
        { "明亮", NAME_HIT, 0, 0 },
        { "韦小宝", NAME_HIT, 0, 0 },
        { "秀", NAME_HIT, 0, 0 },
        { "无此人", NAME_HIT, 0, 1 },
        { "4501", DIGITS_HIT, 0, 0 },
        { "0123", DIGITS_HIT, 0, 0 },
        { "1012019", DIGITS_HIT, 0, 0 },
        { last_id, DIGITS_HIT, 0, 0 },
        { hh_no, DIGITS_HIT, 0, 0 },
        { "l", INITIALS_HIT, 0, 0 },
        { "zs", INITIALS_HIT, 0, 0 },
        { "zsf", INITIALS_HIT, 0, 0 },
        { "wxb", INITIALS_HIT, 0, 0 },
        { "wf", INITIALS_HIT, 0, 0 },
        { "qqq", INITIALS_HIT, 0, 1 },
    };
    /* Many households pass: none, a village, a township, a common state
     * and both; few: the rare state 17, alone and with a village or township. */
    static const struct { const char *village; int state; } filters[] = {
        { NULL, -1 }, { TDB_VILLAGE1, -1 }, { NULL, 3 }, { TDB_VILLAGE1, 5 }, { TDB_TOWNSHIP, -1 },
        { TDB_TOWNSHIP, 2 }, { TDB_COUNTY, -1 }, { NULL, 17 }, { TDB_VILLAGE2, 17 }, { TDB_TOWNSHIP, 17 },
    };
    static int64_t want[N_HH], got[N_HH + 8];
    static const size_t pages[] = { 500, 37, 7 };
    size_t found_under[sizeof filters / sizeof *filters] = { 0 };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        for (size_t f = 0; f < sizeof filters / sizeof *filters; f++)
            for (size_t p = 0; p < 3; p++)
                for (int backward = 0; backward < 2; backward++) {
                    char what[160];
                    snprintf(what, sizeof what, "query '%s' village %s state %d, pages of %zu%s",
                             kinds[k].q, filters[f].village ? filters[f].village : "-",
                             filters[f].state, pages[p], backward ? " backward" : "");
                    size_t nw = brute(db, kinds[k].match, kinds[k].q, filters[f].village,
                                      filters[f].state, want);
                    size_t ng = paged(db, kinds[k].q, filters[f].village, filters[f].state,
                                      backward, pages[p], got);
                    if (f == 0 && !CHECK_INT(nw > 0, !kinds[k].none_found))
                        fprintf(stderr, "    %s\n", what);
                    found_under[f] += nw > 0;
                    same_households(got, ng, want, nw, kinds[k].ordered, what);
                }
    /* No filter compared only empty lists: each finds something for most queries. */
    for (size_t f = 0; f < sizeof filters / sizeof *filters; f++)
        if (!CHECK(found_under[f] >= 6 * 9))
            fprintf(stderr, "    filter %zu: %zu non-empty lists\n", f, found_under[f]);
    db_close(db);
}

/* All 616 households: the first page stops at 500, the second holds the rest
 * in DB_HH_ORDER, and the last page read backward ends at the same row. */
TEST(search_pages_past_500)
{
    struct db *db = county();
    static struct hh_row rows[500], last[500];
    static int64_t want[N_HH];
    size_t nw = brute(db, "1", "", NULL, -1, want), n = 0, m = 0;
    CHECK_INT(nw, N_LIVE);
    CHECK_INT(db_household_page(db, "", NULL, -1, NULL, 0, rows, 500, &n), DB_OK);
    CHECK_INT(n, 500);
    struct hh_row from = rows[499];
    CHECK_INT(db_household_page(db, "", NULL, -1, &from, 0, rows, 500, &n), DB_OK);
    CHECK_INT(n, N_LIVE - 500);
    for (size_t i = 0; i < n; i++)
        CHECK_INT(rows[i].id, want[500 + i]);
    CHECK_INT(db_household_page(db, "", NULL, -1, NULL, 1, last, 500, &m), DB_OK);
    CHECK_INT(m, 500);
    CHECK_INT(last[m - 1].id, want[N_LIVE - 1]);
    CHECK_INT(last[0].id, want[N_LIVE - 500]);
    db_close(db);
}

/* Two files, one after the other on the same workstation: the second file's
 * filtered list is its own, not the first's kept from before (the filter
 * was kept by connection address; a new connection can get the old one's). */
TEST(search_filter_follows_the_file_opened)
{
    struct household hh;
    static const char *const files[] = { "a.db", "b.db" };
    for (int f = 0; f < 2; f++) {
        struct db *db = tdb_open(files[f]);
        for (int i = 0; i < 3 + f * 4; i++) {     /* a.db: 3 households, b.db: 7 */
            tdb_household(&hh, f ? "王建国" : "李明", 1, 100 * f + 10 * i);
            CHECK_INT(db_household_save(db, &hh), DB_OK);
        }
        db_close(db);
    }
    static struct hh_row rows[16];
    for (int f = 0; f < 2; f++) {
        struct db *db = NULL;
        char err[200];
        if (!CHECK_INT(db_open(tdb_path(files[f]), DB_READONLY, &db, err, sizeof err), DB_OK))
            return;
        size_t n = 0;
        CHECK_INT(db_household_search(db, "", NULL, 1, rows, 16, &n), DB_OK);
        CHECK_INT(n, 3 + f * 4);
        CHECK_INT(db_household_search(db, f ? "wjg" : "lm", NULL, 1, rows, 16, &n), DB_OK);
        CHECK_INT(n, 3 + f * 4);
        CHECK_INT(db_household_search(db, f ? "王建国" : "李明", NULL, 1, rows, 16, &n), DB_OK);
        CHECK_INT(n, 3 + f * 4);
        db_close(db);
    }
}
