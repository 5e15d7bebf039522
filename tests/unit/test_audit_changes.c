/* The 审计记录 screen shows a change as the paper form shows it: every form
 * field that a save changed appears under its form label, with the value
 * field_format gives (codes by name, money in 元, 是/否) — walked over every
 * stored field of the household, application, survey and a member. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/codes.h"
#include "db/audit_changes.h"
#include "db/household_store.h"
#include "db/schema.h"
#include <sqlite3.h>
#include "forms/form.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct changes_of {
    struct audit_entry *e;
    size_t n;
};

/* The changes of the newest update of tbl/row_id in the list (NULL: none). */
static struct audit_change *update_of(struct db *db, struct changes_of *l, const char *tbl,
                                      int64_t row_id, size_t *n)
{
    for (size_t i = 0; i < l->n; i++) {
        struct audit_entry *e = &l->e[i];
        if (e->row_id != row_id || strcmp(e->tbl, tbl) || strcmp(e->action, "update"))
            continue;
        struct audit_change *c = NULL;
        CHECK_INT(audit_changes(db, e, &c, n), DB_OK);
        return c;
    }
    *n = 0;
    return NULL;
}

/* Every field of `table` whose shown value differs between a and b is in
 * the update's changes, labelled and valued as the form shows it. */
static int walk_table(struct db *db, struct changes_of *l, enum ftable table, const char *tbl,
                      int64_t row_id, const void *a, const void *b)
{
    size_t nf = 0, nc = 0, seen = 0;
    const struct field *fields = form_table_fields(table, &nf);
    struct audit_change *c = update_of(db, l, tbl, row_id, &nc);
    for (size_t i = 0; i < nf; i++) {
        char before[256], after[256];
        field_format(&fields[i], a, before, sizeof before);
        field_format(&fields[i], b, after, sizeof after);
        if (strcmp(before, after) == 0)
            continue;
        seen++;
        size_t k = 0;
        while (k < nc && strcmp(c[k].label, fields[i].label))
            k++;
        if (!CHECK(k < nc)) {
            fprintf(stderr, "    %s.%s (%s) missing from the change\n", tbl, fields[i].key,
                    fields[i].label);
            continue;
        }
        CHECK_STR(c[k].before, before);
        CHECK_STR(c[k].after, after);
    }
    for (size_t k = 0; k < nc; k++)     /* no raw column names on the screen */
        if (!CHECK((unsigned char)c[k].label[0] >= 0x80))
            fprintf(stderr, "    %s: label '%s'\n", tbl, c[k].label);
    free(c);
    return (int)seen;
}

TEST(audit_changes_show_every_changed_field_as_the_form_does)
{
    struct db *db = tdb_open("changes.db");
    struct household hh, old;
    tdb_household(&hh, "户主", 3, 0);
    tdb_fill_all(&hh, 1, 1000);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    old = hh;
    tdb_fill_all(&hh, 2, 1000);
    hh.app.year = old.app.year;             /* the same year's forms, changed */
    hh.survey.year = old.survey.year;
    if (!CHECK_INT(db_household_save(db, &hh), DB_OK))
        fprintf(stderr, "    %s\n", db_errmsg(db));
    struct changes_of l = { 0 };
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)hh.id);
    CHECK_INT(audit_list(db, AUDIT_BY_HOUSEHOLD, id, 5000, &l.e, &l.n), DB_OK);
    int seen = walk_table(db, &l, T_HOUSEHOLD, "households", hh.id, &old, &hh)
             + walk_table(db, &l, T_APPLICATION, "applications", hh.app.id, &old, &hh)
             + walk_table(db, &l, T_SURVEY, "surveys", hh.survey.id, &old, &hh)
             + walk_table(db, &l, T_MEMBER, "members", hh.members[1].id, &old.members[1],
                          &hh.members[1]);
    CHECK(seen > 40);                       /* the walk really compared fields */
    audit_entries_free(l.e, l.n);
    db_close(db);
}

/* Known answers: a code by name, money in 元, the insert of a member. */
TEST(audit_changes_known_answers)
{
    struct db *db = tdb_open("answers.db");
    struct household hh;
    tdb_household(&hh, "覃桂芳", 2, 0);
    hh.members[1].schooling = 1;
    hh.survey.dibao = 0;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    hh.members[1].schooling = 3;
    hh.survey.dibao = 123456;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    struct changes_of l = { 0 };
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)hh.id);
    CHECK_INT(audit_list(db, AUDIT_BY_HOUSEHOLD, id, 5000, &l.e, &l.n), DB_OK);
    size_t n = 0;
    struct audit_change *c = update_of(db, &l, "members", hh.members[1].id, &n);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(c[0].label, "在校生状况");
        CHECK_STR(c[0].before, codes_label(CL_SCHOOLING, 1));
        CHECK_STR(c[0].after, "小学");
        char line[256];
        audit_changes_line(c, n, "update", line, sizeof line);
        CHECK_STR(line, "在校生状况 非在校生→小学");
    }
    free(c);
    c = update_of(db, &l, "surveys", hh.survey.id, &n);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(c[0].label, "低保金");
        CHECK_STR(c[0].after, "1234.56");
    }
    free(c);
    int found_insert = 0;           /* the 户主's insert names her under 姓名 */
    for (size_t i = 0; i < l.n; i++) {
        if (strcmp(l.e[i].tbl, "members") || strcmp(l.e[i].action, "insert")
            || l.e[i].row_id != hh.members[0].id)
            continue;
        CHECK_INT(audit_changes(db, &l.e[i], &c, &n), DB_OK);
        for (size_t k = 0; k < n; k++)
            if (strcmp(c[k].label, "姓名") == 0 && strcmp(c[k].after, "覃桂芳") == 0)
                found_insert = 1;
        free(c);
    }
    CHECK(found_insert);
    audit_entries_free(l.e, l.n);
    db_close(db);
}

/* Walks every column of every audited table: each has a Chinese name on the
 * 审计记录 screen (a new table or column without one would show as raw
 * English), and every audited table a label of its own. */
TEST(audit_every_audited_column_has_a_label)
{
    struct db *db = tdb_open("labels.db");
    int columns = 0;
    for (int t = 0; DB_AUDITED_TABLES[t]; t++) {
        const char *tbl = DB_AUDITED_TABLES[t];
        if (!CHECK(strcmp(audit_table_label(tbl), tbl) != 0))
            fprintf(stderr, "    table %s has no label\n", tbl);
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", tbl);
        sqlite3_stmt *st = NULL;
        CHECK_INT(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(st, 0);
            columns++;
            if (strcmp(tbl, "operators") == 0 && (strcmp(col, "pw_hash") == 0
                || strcmp(col, "failures") == 0 || strcmp(col, "retry_after") == 0))
                continue;       /* kept out of the audit (db/operators.c) */
            if (!CHECK(audit_column_label(tbl, col) != NULL))
                fprintf(stderr, "    %s.%s has no label\n", tbl, col);
        }
        sqlite3_finalize(st);
    }
    CHECK(columns > 300);
    db_close(db);
}
