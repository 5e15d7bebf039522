/* demo_team.c — see demo_team.h. */
#include "db/demo_team.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "core/clock.h"
#include "core/idno.h"
#include "core/workflow.h"
#include "db/settings.h"
#include "db/team.h"

static const char *const units[] = {
    "县农业农村局", "县人力资源和社会保障局", "县财政局", "县自然资源局", "县卫生健康局",
    "县交通运输局", "县供销合作社", "县住房和城乡建设局", "县教育局", "县水利局",
};
static const char *const unit_titles[] = { "副局长", "股长", "副主任科员", "科员", "办公室主任" };
static const char *const surnames[] = { "黄", "韦", "梁", "陆", "李", "农", "蒙", "覃", "陈", "赵", "罗", "潘" };
/* Given names by sex: men's, then women's (the ID number's sex digit follows). */
static const char *const given[2][8] = {
    { "建国", "志刚", "文斌", "小军", "永福", "德明", "振宇", "金龙" },
    { "海燕", "春梅", "丽华", "秀英", "雪梅", "红霞", "美玲", "少芬" },
};
static const char *const visit_notes[] = {
    "遍访贫困户，核实家庭人口和收入情况", "了解春耕生产，宣传产业奖补政策", "走访因病致贫户，了解医疗报销进度",
    "入户核实危房改造进度", "宣传教育资助政策，了解子女就学情况", "了解外出务工情况，登记就业意愿",
};
#define COUNT(a) (sizeof a / sizeof *a)

static void days_ago(long back, char out[11])
{
    days_to_date(clock_today_days() - back, out);
}

/* A member with a name, unit and phone derived from k; dates as given. */
static enum db_err add_member(struct db *db, const char *village, int k, const char *from, const char *to,
                              int leader, int secretary, int64_t *id)
{
    struct team_member m;
    memset(&m, 0, sizeof m);
    snprintf(m.village, sizeof m.village, "%s", village);
    int female = k % 3 == 1;
    snprintf(m.name, sizeof m.name, "%s%s", surnames[(k * 7) % COUNT(surnames)], given[female][(k * 5 + k / 12) % 8]);
    snprintf(m.unit, sizeof m.unit, "%s", units[k % COUNT(units)]);
    snprintf(m.title, sizeof m.title, "%s", leader ? "副局长" : unit_titles[k % COUNT(unit_titles)]);
    snprintf(m.phone, sizeof m.phone, "137%04d%04d", k % 10000, 2000 + k % 7000);
    if (k % 3 == 0) {   /* some keyed with their ID number */
        char first17[32];
        snprintf(first17, sizeof first17, "450123%04d%02d%02d%03d", 1970 + k % 25, 1 + k % 12, 1 + k % 28,
                 100 + (k % 400) * 2 + !female);
        first17[17] = '\0';
        snprintf(m.id_no, sizeof m.id_no, "%.17s%c", first17, idno_check_char(first17));
    }
    snprintf(m.from_date, sizeof m.from_date, "%s", from);
    snprintf(m.to_date, sizeof m.to_date, "%s", to);
    m.leader = leader;
    m.first_secretary = secretary;
    enum db_err rc = db_team_member_save(db, &m);
    if (id)
        *id = m.id;
    return rc;
}

/* Up to max registered households of village, by id. */
static size_t village_households(struct db *db, const char *village, int64_t *ids, size_t max)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE village = ?1 AND state = ?2 AND deleted = 0 "
                                   "ORDER BY id");
    size_t n = 0;
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, WF_REGISTERED);
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* Three or four visits of the last months, the first corrected in village 0. */
static enum db_err add_visits(struct db *db, const char *village, int v, int64_t leader, int64_t member)
{
    int64_t hh[40];
    size_t n = village_households(db, village, hh, 40);
    enum db_err rc = DB_OK;
    int visits = n ? 3 + v % 2 : 0;
    for (int i = 0; rc == DB_OK && i < visits; i++) {
        struct team_visit t;
        memset(&t, 0, sizeof t);
        snprintf(t.village, sizeof t.village, "%s", village);
        t.member_id = i % 2 && member ? member : leader;
        days_ago(20 + 25 * (visits - i) + v % 9, t.date);
        snprintf(t.notes, sizeof t.notes, "%s", visit_notes[(size_t)(v + i) % COUNT(visit_notes)]);
        for (size_t j = 0; j < 2 + (size_t)(i % 3) && j < n; j++)
            t.households[t.n_households++] = hh[((size_t)(i * 3) + j) % n];
        rc = db_team_visit_add(db, &t, 0);
        if (rc == DB_OK && v == 0 && i == 0) {
            struct team_visit c = t;
            snprintf(c.notes, sizeof c.notes, "%.300s（更正：补记走访户）", t.notes);
            if (n > 2)
                c.households[c.n_households++] = hh[n - 1];
            rc = db_team_visit_add(db, &c, t.id);
        }
    }
    return rc;
}

/* The team of village v (index among the file's villages, of nv); *leader
 * and *member get the two who make its visits. */
static enum db_err village_team(struct db *db, const char *village, int v, int nv, uint64_t seed,
                                int64_t *leader_out, int64_t *member_out)
{
    char start[11], handover[11], left[11], end_old[11];
    int k = (int)(seed % 97) + v * 8;   /* k .. k + 5: one village's people */
    days_ago(700 + v % 60, start);
    int64_t leader = 0, member = 0;
    enum db_err rc;
    int secretary = v % 2 == 0;     /* the 队长 is also 第一书记, or another member is */
    if (v == 0 && nv > 1) {         /* a handover last year */
        days_ago(300, handover);
        date_add_days(handover, -1, end_old);
        rc = add_member(db, village, k, start, end_old, 1, secretary, NULL);
        if (rc == DB_OK)
            rc = add_member(db, village, k + 1, handover, "", 1, secretary, &leader);
    } else if (v == nv - 1 && nv > 1) {   /* the leader left 40 days ago */
        days_ago(40, left);
        rc = add_member(db, village, k, start, left, 1, secretary, &leader);
    } else {
        rc = add_member(db, village, k, start, "", 1, secretary, &leader);
    }
    if (rc == DB_OK && !secretary)
        rc = add_member(db, village, k + 2, start, "", 0, 1, NULL);
    if (rc == DB_OK)
        rc = add_member(db, village, k + 3, start, "", 0, 0, &member);
    if (rc == DB_OK && v % 3 == 0)
        rc = add_member(db, village, k + 5, start, "", 0, 0, NULL);
    *leader_out = leader;
    *member_out = member;
    return rc;
}

#define SIGNERS "UPDATE aid_records SET team_signer_id = (SELECT t.id FROM team_members t " \
    "JOIN households h ON h.id = aid_records.household_id WHERE t.village = h.village AND t.leader = 1 " \
    "AND t.deleted = 0 AND t.from_date <= aid_records.date AND (t.to_date = '' OR t.to_date >= aid_records.date)) " \
    "WHERE signed_team = 1 AND team_signer_id IS NULL AND deleted = 0"

#define MAX_VILLAGES 2000

/* The teams, who signed, then the visits: the file's newest audit rows are
 * then inserts, as the audit check's cut-off-tail rule expects of a file
 * fupin wrote last (tests/e2e/cli_audit_chain.sh). */
enum db_err demo_fill_team(struct db *db, uint64_t seed)
{
    struct area *vs = malloc(MAX_VILLAGES * sizeof *vs);
    int64_t *who = calloc(2 * MAX_VILLAGES, sizeof *who);
    size_t nv = 0;
    enum db_err rc = vs && who ? db_areas(db, AREA_VILLAGE, NULL, vs, MAX_VILLAGES, &nv) : DB_ERR_IO;
    int begun = rc == DB_OK && (rc = db_begin(db)) == DB_OK;
    for (size_t v = 0; rc == DB_OK && v < nv; v++)
        rc = village_team(db, vs[v].code, (int)v, (int)nv, seed, &who[2 * v], &who[2 * v + 1]);
    if (rc == DB_OK)    /* who signed, where a 队长 served that day */
        rc = db_exec(db, SIGNERS, "记录工作队长签字");
    for (size_t v = 0; rc == DB_OK && v < nv; v++)
        rc = add_visits(db, vs[v].code, (int)v, who[2 * v], who[2 * v + 1]);
    free(vs);
    free(who);
    if (rc == DB_OK)
        return db_commit(db);
    if (begun)
        db_rollback(db);
    return rc;
}
