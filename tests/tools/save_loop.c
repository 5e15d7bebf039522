/* save_loop — saves households one after another as the form's F2 does (one
 * transaction each, db_household_save), for the kill test
 * (tests/stress/kill_saves.sh), which SIGKILLs it at a random moment.
 *
 *   save_loop FILE FIRST COUNT
 *
 * Logs in as $FUPIN_OPERATOR / $FUPIN_PASSWORD.  Household number i (FIRST
 * .. FIRST+COUNT-1) is a copy of the file's first household of four or more
 * members with 1 + i % 4 members named 压测<i>户主, 压测<i>成员<k>, new ID
 * numbers, and a survey whose 工资性收入 is i yuan: the checker knows from i
 * alone what a whole save of it holds.  Prints "saved <i>" after each commit.
 * COUNT 0 only opens the file for writing and closes it, as the next
 * workstation would after a kill (rolling back or replaying its journal). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/idno.h"
#include "db/db.h"
#include "db/household_store.h"
#include "db/operators.h"

/* The first household with at least four members, as the template. */
static int load_template(struct db *db, struct household *hh)
{
    int64_t *ids = NULL;
    size_t n = 0;
    if (db_household_ids(db, &ids, &n) != DB_OK)
        return 0;
    int found = 0;
    for (size_t i = 0; i < n && !found; i++)
        found = db_household_load(db, ids[i], 0, hh) == DB_OK && hh->n_members >= 4 &&
                hh->survey.year > 0;
    free(ids);
    return found;
}

/* Household i made from the template: fresh ids, names and ID numbers. */
static void make_household(const struct household *tpl, int i, struct household *hh)
{
    *hh = *tpl;
    hh->id = 0;
    hh->hh_no[0] = '\0';
    hh->app.id = 0;
    hh->survey.id = 0;
    hh->n_left = 0;
    hh->change_reason[0] = '\0';
    hh->n_members = 1 + i % 4;
    for (int m = 0; m < hh->n_members; m++) {
        struct member *mb = &hh->members[m];
        mb->id = 0;
        if (m == 0)
            snprintf(mb->name, sizeof mb->name, "压测%d户主", i);
        else
            snprintf(mb->name, sizeof mb->name, "压测%d成员%d", i, m);
        /* 520102 + birth 1950..1999 Jan 01..28 + a serial unique per (i, m). */
        char first17[32];
        snprintf(first17, sizeof first17, "520102%04d01%02d%03d", 1950 + i % 50, 1 + (i / 50) % 28,
                 (i / 1400 * 4 + m) % 1000);
        snprintf(mb->id_no, sizeof mb->id_no, "%.17s%c", first17, idno_check_char(first17));
        snprintf(mb->birth, sizeof mb->birth, "%.4s-%.2s-%.2s", first17 + 6, first17 + 10,
                 first17 + 12);
        mb->sex = (first17[16] - '0') % 2 ? 1 : 2;
    }
    hh->survey.wage_income = (money_t)i * 100;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: save_loop FILE FIRST COUNT\n");
        return 2;
    }
    int first = atoi(argv[2]), count = atoi(argv[3]);
    struct db *db = NULL;
    char err[512];
    if (db_open(argv[1], 0, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 3;
    }
    const char *op = getenv("FUPIN_OPERATOR"), *pw = getenv("FUPIN_PASSWORD");
    static struct household tpl, hh;
    if (count == 0) {
        db_close(db);
        return 0;
    }
    if (!op || !pw || db_login(db, op, pw) != DB_OK || !load_template(db, &tpl)) {
        fprintf(stderr, "save_loop: %s\n", db_errmsg(db));
        db_close(db);
        return 3;
    }
    int rc = 0;
    for (int i = first; i < first + count; i++) {
        make_household(&tpl, i, &hh);
        if (db_household_save(db, &hh) != DB_OK) {
            fprintf(stderr, "save_loop: household %d: %s\n", i, db_errmsg(db));
            rc = 1;
            break;
        }
        printf("saved %d\n", i);
        fflush(stdout);
    }
    db_close(db);
    return rc;
}
