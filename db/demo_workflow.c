/* demo_workflow.c — see demo_workflow.h. */
#include "db/demo_workflow.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/workflow.h"
#include "db/notice_sheet.h"
#include "db/settings.h"
#include "db/workflow_store.h"

static void day_offset(int delta, char out[11])
{
    char t[11];
    clock_today(t);
    date_add_days(t, delta, out);
}

/* A notice under `area` listing the village's households whose state is in
 * `states` (an SQL list), posted, closed when its period is over. */
static enum db_err mk_notice(struct db *db, int kind, int round, const char *area, const char *village,
                             int start_delta, const char *states, const char *approval_no, int64_t *id)
{
    char start[11], end[11], adate[11] = "", t[11], sql[1400];
    /* No list, no notice: a posted empty list is what wfs_notice_post refuses. */
    *id = 0;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM households WHERE deleted = 0 AND village = ?1 AND state IN (%s)",
             states);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
    int listed = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    if (!listed)
        return DB_OK;
    day_offset(start_delta, start);
    wf_notice_end(start, 7, end);
    clock_today(t);
    if (approval_no[0])
        date_add_days(start, -1, adate);
    snprintf(sql, sizeof sql,
             "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, place, phone, publisher, "
             "approval_no, approval_date) VALUES (%d, %d, '%s', %d, '%s', 7, '%s', '村委会公示栏', "
             "'0771-6520000', (SELECT name FROM areas WHERE code = '%s') || '村民委员会', '%s', '%s')",
             kind, round, area, atoi(start), start, end, area, approval_no, adate);
    enum db_err err = db_exec(db, sql, "演示公示");
    if (err != DB_OK)
        return err;
    *id = sqlite3_last_insert_rowid(db_handle(db));
    /* The list goes in before posting: a posted list is frozen. */
    snprintf(sql, sizeof sql,
             "INSERT INTO notice_households(notice_id, household_id, ordinal, remark) SELECT %lld, id, "
             "row_number() OVER (ORDER BY" DB_HH_ORDER("households") "), %s FROM households WHERE deleted = 0 AND "
             "village = '%s' AND state IN (%s);"
             "UPDATE notices SET posted = 1, closed = %d WHERE id = %lld;",
             (long long)*id, kind == NK_ADJUST ? "'经核查家庭收入稳定且有财政供养人员, 不符合扶贫对象条件'" : "''",
             village, states, wf_notice_over(t, end), (long long)*id);
    err = db_exec(db, sql, "演示公示名单");
    /* Stored as printed, as wfs_notice_post does. */
    return err == DB_OK ? notice_sheet_freeze(db, *id, start, NULL) : err;
}

#define PAST1 "5,6,7,8,11,12,13,14,15,16,17"
#define PAST2 "7,8,11,12,13,14,15,16,17"
#define PAST3 "8,11,12,13,14,15,16,17"

enum db_err demo_fill_workflow(struct db *db, uint64_t seed)
{
    static struct area vs[2000];
    size_t nv = 0;
    enum db_err err = db_areas(db, AREA_VILLAGE, NULL, vs, 2000, &nv);
    if (err != DB_OK)
        return err;
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    char sql[2400], d[11];
    int objections_done = 0;
    for (size_t v = 0; v < nv && err == DB_OK; v++) {
        char V[AREA_CODE_LEN + 1];
        snprintf(V, sizeof V, "%.12s", vs[v].code);
        /* 识别评议: passed for everyone past step 3, failed for the rejected. */
        day_offset(-60, d);
        snprintf(sql, sizeof sql,
                 "INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives, recorder) "
                 "VALUES ('%s', 1, %d, '%s', '村党支部书记', 62, 51, '驻村工作队员');"
                 "INSERT INTO votes(meeting_id, household_id, votes_for, votes_against, votes_abstain, score, passed) "
                 "SELECT last_insert_rowid(), id, CASE WHEN state = 9 THEN 20 + id %% 10 ELSE 36 + (id + %d) %% 12 END, "
                 "CASE WHEN state = 9 THEN 25 ELSE 5 END, 0, 6000 + (id * 37) %% 3000, state <> 9 "
                 "FROM households WHERE deleted = 0 AND village = '%s' AND state IN (3,4,5,6,7,8,9,11,12,13,14,15,16,17);",
                 V, atoi(d), d, (int)(seed % 7), V);
        err = db_exec(db, sql, "演示评议");
        int64_t n1c = 0, n1o = 0, ignored = 0;
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 1, V, V, -45, PAST1 ",9", "", &n1c);
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 1, V, V, -3, "4", "", &n1o);
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 2, V, V, -35, PAST2, "乡审〔2026〕1号", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 2, V, V, -2, "6", "乡审〔2026〕2号", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 3, V, V, -25, PAST3, "县扶组〔2026〕5号", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_IDENTIFY, 3, V, V, -1, "7", "县扶组〔2026〕9号", &ignored);
        /* 回访核查 for those past round 1. */
        day_offset(-37, d);
        snprintf(sql, sizeof sql,
                 "INSERT INTO rechecks(household_id, notice_id, date, checker, passed, result) "
                 "SELECT household_id, %lld, '%s', '乡扶贫工作站', 1, '情况属实' FROM notice_households nh "
                 "JOIN households h ON h.id = nh.household_id WHERE nh.notice_id = %lld AND h.state IN (" PAST1 ");",
                 (long long)n1c, d, (long long)n1c);
        if (err == DB_OK) err = db_exec(db, sql, "演示回访核查");
        /* The objections: one upheld on an open round 1, one that removed a
         * (now rejected) household from a closed one. */
        if (err == DB_OK && objections_done < 2) {
            day_offset(-1, d);
            snprintf(sql, sizeof sql,
                     "INSERT INTO objections(notice_id, household_id, received_date, objector, content, checker, "
                     "check_result, resolution, resolved_date) SELECT %lld, household_id, '%s', '', "
                     "'反映该户家中有小汽车', '乡纪委', '车辆为亲属所有, 异议不成立', 1, '%s' "
                     "FROM notice_households WHERE notice_id = %lld ORDER BY ordinal LIMIT 1;",
                     (long long)n1o, d, d, (long long)n1o);
            err = db_exec(db, sql, "演示异议");
            day_offset(-42, d);
            snprintf(sql, sizeof sql,
                     "INSERT INTO objections(notice_id, household_id, received_date, objector, content, checker, "
                     "check_result, resolution, resolved_date) SELECT %lld, nh.household_id, '%s', '村民', "
                     "'子女在城镇工作, 有赡养能力', '乡纪委', '情况属实, 异议成立', 2, '%s' FROM notice_households nh "
                     "JOIN households h ON h.id = nh.household_id WHERE nh.notice_id = %lld AND h.state = 9 LIMIT 1;",
                     (long long)n1c, d, d, (long long)n1c);
            if (err == DB_OK) err = db_exec(db, sql, "演示异议");
            objections_done += 2;
        }
        /* Exit path: Form G, the exit meeting, exit rounds; removal. */
        day_offset(-30, d);
        snprintf(sql, sizeof sql,
                 "INSERT INTO exits(household_id, year, route, per_capita, exit_line, food, clothing, education, "
                 "medical, housing, water, check_date, checker, exit_date) SELECT id, %d, 1 + id %% 8, 1100000, "
                 "906000, 1, 1, 1, 1, 1, 1, '%s', '驻村工作队员', CASE WHEN state = 15 THEN '%s' ELSE '' END "
                 "FROM households WHERE deleted = 0 AND village = '%s' AND state BETWEEN 11 AND 15;"
                 "INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives, recorder) "
                 "VALUES ('%s', 2, %d, '%s', '村党支部书记', 58, 50, '驻村工作队员');"
                 "INSERT INTO votes(meeting_id, household_id, votes_for, votes_against, votes_abstain, score, passed) "
                 "SELECT last_insert_rowid(), id, 45, 5, 0, 0, 1 FROM households WHERE deleted = 0 AND "
                 "village = '%s' AND state BETWEEN 11 AND 15;",
                 atoi(d), d, d, V, V, atoi(d), d, V);
        if (err == DB_OK) err = db_exec(db, sql, "演示退出");
        if (err == DB_OK) err = mk_notice(db, NK_EXIT, 1, V, V, -28, "13,14,15", "", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_EXIT, 1, V, V, -2, "12", "", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_EXIT, 2, V, V, -20, "14,15", "乡审〔2026〕3号", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_EXIT, 3, V, V, -12, "15", "县扶组〔2026〕11号", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_ADJUST, 1, V, V, -20, "17", "", &ignored);
        if (err == DB_OK) err = mk_notice(db, NK_ADJUST, 1, V, V, -2, "16", "", &ignored);
        /* 户编号 counters: never below what the demo handed out. */
        snprintf(sql, sizeof sql,
                 "INSERT OR REPLACE INTO settings(key, value) SELECT 'hh_no.last.%s', "
                 "coalesce(max(CAST(substr(hh_no, 13) AS INTEGER)), 0) FROM households WHERE village = '%s';",
                 V, V);
        if (err == DB_OK) err = db_exec(db, sql, "户编号计数");
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}
