/* Unit tests of core/natural: 村民小组 in the order of their numbers, and the
 * same order from SQLite through the collation every connection has. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/natural.h"

/* The known answer: every name sorts strictly after the one before it. */
static const char *const ordered[] = {
    "",
    "1组", "一组", "第一组",
    "2组", "第2组", "第二组",
    "3组", "第三组", "4组", "第四组", "5组", "第五组", "6组", "第六组",
    "7组", "第七组", "8组", "第八组", "9组", "第九组",
    "10组", "十组", "第十组",
    "11组", "十一组", "第十一组",
    "12组", "第十二组", "第十三组", "第十四组", "第十五组", "第十六组", "第十七组",
    "第十八组", "第十九组",
    "二十组", "第二十组", "第二十一组", "第二十二组", "第二十三组",
    "一百零五组", "二〇二六组",
    "李家组", "外来组", "张村组",
};
#define N_ORDERED (sizeof ordered / sizeof ordered[0])

static int sign(int v)
{
    return v < 0 ? -1 : v > 0;
}

TEST(natural_table_in_order)
{
    for (size_t i = 0; i < N_ORDERED; i++)
        for (size_t j = 0; j < N_ORDERED; j++) {
            int want = i < j ? -1 : i > j;
            if (sign(natural_cmp(ordered[i], ordered[j])) != want) {
                char what[160];
                snprintf(what, sizeof what, "natural_cmp(\"%s\", \"%s\") should be %d", ordered[i],
                         ordered[j], want);
                CHECK(!what[0]);
            }
        }
}

TEST(natural_numbers_by_value)
{
    CHECK(natural_cmp("第四组", "第五组") < 0);         /* as text 五 (U+4E94) < 四 (U+56DB) */
    CHECK(natural_cmp("第七组", "第三组") > 0);         /* as text 七 (U+4E03) < 三 (U+4E09) */
    CHECK(natural_cmp("2组", "10组") < 0);
    CHECK(natural_cmp("九组", "十组") < 0);
    CHECK(natural_cmp("十九组", "二十组") < 0);
    CHECK(natural_cmp("２组", "10组") < 0);             /* fullwidth digits from an input method */
    CHECK(natural_cmp("二〇二六", "2025") > 0);
    CHECK(natural_cmp("第 3 组", "第十组") < 0);        /* spaces skipped */
    CHECK(natural_cmp("002组", "3组") < 0);
    CHECK(natural_cmp("99999999999999999999999组", "1组") > 0);     /* saturates, no overflow */
}

TEST(natural_blank_and_names)
{
    CHECK(natural_cmp("", "1组") < 0);
    CHECK(natural_cmp(NULL, "") < 0 || natural_cmp(NULL, "") == 0);
    CHECK_INT(natural_cmp(NULL, NULL), 0);
    CHECK(natural_cmp("外来组", "第十二组") > 0);       /* names after numbers */
    CHECK(natural_cmp("第一", "第一组") < 0);           /* the shorter first */
    CHECK(natural_cmp("第", "第一组") > 0);             /* a lone 第 is a character */
    CHECK_INT(natural_cmp("第三组", "第三组"), 0);
}

TEST(natural_bounded_and_invalid)
{
    /* No NUL needed: the length ends the name. */
    const char buf[] = "第十组第九组";
    size_t ten = strlen("第十组");
    CHECK(natural_cmpn(buf, ten, buf + ten, strlen(buf + ten)) > 0);
    /* Cut inside 十, in a heap block of exactly those bytes (ASan sees any
     * read past them): 第 and a broken character, a name after 第十组. */
    char *cut = malloc(4);
    memcpy(cut, buf, 4);
    CHECK(natural_cmpn(cut, 4, buf, ten) > 0);
    free(cut);
    /* Invalid bytes and an embedded NUL compare, in both directions, oppositely. */
    const char *odd[] = { "\xff组", "\xe5\x8d", "a\0b", "\x80\x80", "第\xe4" };
    size_t lens[] = { 4, 2, 3, 2, 4 };
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < 5; j++)
            CHECK_INT(sign(natural_cmpn(odd[i], lens[i], odd[j], lens[j])),
                      -sign(natural_cmpn(odd[j], lens[j], odd[i], lens[i])));
}

/* The collation on a connection opened by db_open: a shuffled table comes
 * back in the known-answer order. */
TEST(natural_collation_in_sql)
{
    struct db *db = tdb_open("nat.db");
    sqlite3 *h = db_handle(db);
    CHECK_INT(sqlite3_exec(h, "CREATE TEMP TABLE g (name TEXT)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *ins = NULL;
    sqlite3_prepare_v2(h, "INSERT INTO g VALUES (?1)", -1, &ins, NULL);
    for (size_t k = 0; k < N_ORDERED; k++) {
        size_t i = (k * 17 + 5) % N_ORDERED;            /* 17 is prime to N_ORDERED: a shuffle */
        sqlite3_bind_text(ins, 1, ordered[i], -1, SQLITE_STATIC);
        CHECK_INT(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_stmt *st = NULL;
    CHECK_INT(sqlite3_prepare_v2(h, "SELECT name FROM g ORDER BY name" DB_NATURAL, -1, &st, NULL),
              SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < N_ORDERED)
        CHECK_STR((const char *)sqlite3_column_text(st, 0), ordered[n++]);
    CHECK_INT(n, N_ORDERED);
    sqlite3_finalize(st);
    db_close(db);
}
