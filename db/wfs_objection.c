/* wfs_objection.c — 异议 (objections to a notice), 乡镇回访核查 (recheck) and
 * the 户编号 a household gets (see workflow_store.h). */
#include "db/workflow_store.h"
#include "db/operators.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "db/household_store.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/wfs_priv.h"

/* ---- objections ------------------------------------------------------ */

const char *wfs_resolution_label(int r)
{
    return r == OBJ_UPHELD ? "维持" : r == OBJ_CANCEL ? "取消" : "未处理";
}

enum db_err wfs_objection_add(struct db *db, struct wfs_objection *o)
{
    if (db_require_role(db, ROLE_REVIEWER, "登记异议") != DB_OK)
        return DB_ERR_DENIED;
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, o->notice_id, &nt);
    if (err != DB_OK)
        return err;
    if (!nt.posted || nt.closed)
        return db_set_error(db, DB_ERR_CONSTRAINT, nt.closed ? "本轮公示已结束, 不能再登记异议"
                                                             : "公示尚未张贴, 不能登记异议");
    /* The subject: a listed household, or the village of a village exit. */
    if (nt.kind == NK_VILLAGE_EXIT ? o->household_id || strcmp(o->village, nt.area) != 0
        : o->village[0] || wfs_q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1 "
                                     "AND household_id = ?2", o->notice_id, o->household_id, 0) == 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, nt.kind == NK_VILLAGE_EXIT ? "异议须针对本公示出列的村"
                                                                             : "该户不在本公示名单上");
    char day[11];
    if (!wfs_day_or_today(o->received, day))
        return db_set_error(db, DB_ERR_INVALID, "收到日期“%s”不存在 (invalid date)", o->received);
    if (!wfs_nonblank(o->content))
        return db_set_error(db, DB_ERR_INVALID, "异议内容不能为空 (content)");
    snprintf(o->received, sizeof o->received, "%s", day);
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO objections(notice_id, household_id, received_date, "
                                   "objector, content, village) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, "
                                   "nullif(?6, ''))");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, o->notice_id);
    sqlite3_bind_int64(st, 2, o->household_id);
    sqlite3_bind_text(st, 6, o->village, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, o->received, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, o->objector, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, o->content, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "登记异议");
    o->id = sqlite3_last_insert_rowid(db_handle(db));
    o->resolution = OBJ_OPEN;
    return DB_OK;
}

/* The household's head, or the village a village exit notice's 异议 names. */
#define OBJECTION_SUBJECT "coalesce(h.head_name, a.name, ''), coalesce(o.village, '') FROM objections o " \
    "LEFT JOIN households h ON h.id = o.household_id LEFT JOIN areas a ON a.code = o.village"

static void objection_read(sqlite3_stmt *st, struct wfs_objection *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->notice_id = sqlite3_column_int64(st, 1);
    db_copy_text(o->village, sizeof o->village, db_col(st, 11));
    o->household_id = sqlite3_column_int64(st, 2);
    db_copy_text(o->received, sizeof o->received, db_col(st, 3));
    db_copy_text(o->objector, sizeof o->objector, db_col(st, 4));
    db_copy_text(o->content, sizeof o->content, db_col(st, 5));
    db_copy_text(o->checker, sizeof o->checker, db_col(st, 6));
    db_copy_text(o->check_result, sizeof o->check_result, db_col(st, 7));
    o->resolution = sqlite3_column_int(st, 8);
    db_copy_text(o->resolved_date, sizeof o->resolved_date, db_col(st, 9));
    db_copy_text(o->head_name, sizeof o->head_name, db_col(st, 10));
}

enum db_err wfs_objections(struct db *db, int64_t notice_id, int64_t hh_id,
                           struct wfs_objection *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT o.id, o.notice_id, o.household_id, o.received_date, o.objector, "
        "o.content, o.checker, o.check_result, o.resolution, o.resolved_date, " OBJECTION_SUBJECT " WHERE o.deleted = 0 "
        "AND (?1 = 0 OR o.notice_id = ?1) AND (?2 = 0 OR o.household_id = ?2) ORDER BY o.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int64(st, 2, hh_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        objection_read(st, &out[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取异议");
}

enum db_err wfs_objection_resolve(struct db *db, int64_t id, int resolution,
                                  const char *checker, const char *result, const char *date)
{
    if (db_require_role(db, ROLE_REVIEWER, "处理异议") != DB_OK)
        return DB_ERR_DENIED;
    struct wfs_objection o;
    size_t n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT o.id, o.notice_id, o.household_id, o.received_date, o.objector, "
        "o.content, o.checker, o.check_result, o.resolution, o.resolved_date, " OBJECTION_SUBJECT " WHERE o.id = ?1 AND o.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        objection_read(st, &o);
        n = 1;
    }
    sqlite3_reset(st);
    if (!n)
        return db_set_error(db, DB_ERR_NOTFOUND, "异议不存在 (objection %lld not found)", (long long)id);
    if (o.resolution != OBJ_OPEN)
        return db_set_error(db, DB_ERR_CONSTRAINT, "该异议已处理 (%s)", wfs_resolution_label(o.resolution));
    if (resolution != OBJ_UPHELD && resolution != OBJ_CANCEL)
        return db_set_error(db, DB_ERR_INVALID, "处理结果应为 维持 或 取消");
    if (!wfs_nonblank(checker) || !wfs_nonblank(result))
        return db_set_error(db, DB_ERR_INVALID, "须填写核查人和核查结果");
    char day[11];
    if (!wfs_day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "处理日期“%s”不存在 (invalid date)", date);
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, o.notice_id, &nt);
    if (err == DB_OK)
        err = db_begin(db);
    if (err != DB_OK)
        return err;
    st = db_stmt(db, "UPDATE objections SET checker = ?2, check_result = ?3, resolution = ?4, "
                     "resolved_date = ?5, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
    if (!st) {
        err = DB_ERR_IO;
    } else {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, checker, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, result, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, resolution);
        sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
        int rc = db_step_done(st);
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "处理异议");
    }
    if (err == DB_OK && resolution == OBJ_CANCEL && o.household_id) {
        struct hh_basic b;
        err = wfs_hh_basic(db, o.household_id, &b);
        enum wf_state on = wfs_notice_state(nt.kind, nt.round);
        if (err == DB_OK && b.state == (int)on) {
            enum wf_state to = nt.kind == NK_IDENTIFY ? WF_REJECTED : WF_REGISTERED;
            char why[300];
            snprintf(why, sizeof why, "异议成立 (%s)", result);
            err = wfs_move(db, o.household_id, to, day, why);
        }
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

/* ---- recheck, 户编号 ------------------------------------------------- */

enum db_err wfs_recheck(struct db *db, int64_t hh_id, int passed, const char *checker,
                        const char *result, const char *date)
{
    struct hh_basic b;
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    if (b.state != WF_NOTICE1)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 回访核查只对一榜公示中的户",
                            b.head, wf_state_label(b.state));
    if (!wfs_nonblank(checker))
        return db_set_error(db, DB_ERR_INVALID, "须填写核查人");
    char day[11], end[11];
    if (!wfs_day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "核查日期“%s”不存在 (invalid date)", date);
    int64_t notice = wfs_current_notice(db, hh_id, WF_NOTICE1, end);
    if (!notice)
        return db_set_error(db, DB_ERR_NOTFOUND, "%s: 未找到本户的一榜公示", b.head);
    /* 张榜公示期满后 (seed 002 篇2 4): the rule of core/checks.c. */
    struct recheck_facts rf;
    memset(&rf, 0, sizeof rf);
    snprintf(rf.date, sizeof rf.date, "%s", day);
    snprintf(rf.notice_end, sizeof rf.notice_end, "%s", end);
    wfs_q_text(db, "SELECT start_date FROM notices WHERE id = ?1", notice, 0, 0, 0, rf.notice_start,
           sizeof rf.notice_start);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct check_result res[4];
    if (checks_run_recheck(&cc, &rf, res, 4) > 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s: %s", b.head, res[0].message);
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO rechecks(household_id, notice_id, date, checker, passed, "
                                   "result) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) {
        err = DB_ERR_IO;
    } else {
        sqlite3_bind_int64(st, 1, hh_id);
        sqlite3_bind_int64(st, 2, notice);
        sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, checker, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, passed ? 1 : 0);
        sqlite3_bind_text(st, 6, result ? result : "", -1, SQLITE_STATIC);
        int rc = db_step_done(st);
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "记录回访核查");
    }
    char why[300];
    snprintf(why, sizeof why, "核查人 %s%s%s", checker, wfs_nonblank(result) ? ", " : "",
             wfs_nonblank(result) ? result : "");
    if (err == DB_OK && !passed) {
        char r[360];
        snprintf(r, sizeof r, "乡镇回访核查未通过 (%s)", why);
        err = wfs_move(db, hh_id, WF_REJECTED, day, r);
    } else if (err == DB_OK) {
        char t[11];
        wfs_today(t);
        /* Over already: move now; else the round's close moves it.  An open
         * objection also leaves it waiting (the record is kept). */
        if (wf_notice_over(t, end) && wfs_can_move(db, hh_id, WF_RECHECKED, NULL, 0))
            err = wfs_move(db, hh_id, WF_RECHECKED, day, why);
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err wfs_assign_hh_no(struct db *db, int64_t hh_id, char *out)
{
    struct hh_basic b;
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    if (b.hh_no[0]) {
        if (out) snprintf(out, HH_NO_LEN + 1, "%s", b.hh_no);
        return DB_OK;
    }
    if (strlen(b.village) != 12)
        return db_set_error(db, DB_ERR_INVALID, "村代码“%s”不是12位, 不能编户编号", b.village);
    char key[40];
    snprintf(key, sizeof key, "hh_no.last.%s", b.village);
    /* The counter never goes back; the numbers already in the file (demo,
     * import, merge) count too, so a number is never handed out twice. */
    long long last = db_setting_int(db, key, 0);
    sqlite3_stmt *st = db_stmt(db, "SELECT max(CAST(substr(hh_no, 13) AS INTEGER)) FROM households "
                                   "WHERE hh_no LIKE ?1 || '____' AND length(hh_no) = 16");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, b.village, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > last)
        last = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (last >= 9999)
        return db_set_error(db, DB_ERR_CONSTRAINT, "本村户编号 (4位序号) 已用完 (village %s: 9999)", b.village);
    char no[32];
    snprintf(no, sizeof no, "%.12s%04u", b.village, (unsigned)(last + 1) % 10000u);
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = db_setting_set_int(db, key, last + 1);
    if (err == DB_OK) {
        st = db_stmt(db, "UPDATE households SET hh_no = ?2, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
        if (!st) {
            err = DB_ERR_IO;
        } else {
            sqlite3_bind_int64(st, 1, hh_id);
            sqlite3_bind_text(st, 2, no, -1, SQLITE_STATIC);
            int rc = db_step_done(st);
            if (rc != SQLITE_OK)
                err = db_fail(db, rc, "分配户编号");
        }
    }
    /* The list finds the household by its number the moment it has one:
     * the search table changes in this same transaction. */
    if (err == DB_OK)
        err = db_search_update(db, hh_id);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (out)
        db_copy_text(out, HH_NO_LEN + 1, no);
    return db_commit(db);
}
