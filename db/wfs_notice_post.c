/* wfs_notice_post.c — posting a notice (张榜) and closing it at its end date,
 * which moves its households on (see workflow_store.h). */
#include "db/workflow_store.h"
#include "db/operators.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/notice_sheet.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/wfs_priv.h"

/* Household ids of a notice's list, in list order (malloc'd). */
static enum db_err list_ids(struct db *db, int64_t notice_id, int64_t **ids, size_t *n)
{
    *n = 0;
    size_t cap = (size_t)wfs_q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1",
                               notice_id, 0, 0) + 1;
    *ids = malloc(cap * sizeof **ids);
    if (!*ids)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    sqlite3_stmt *st = db_stmt(db, "SELECT household_id FROM notice_households WHERE notice_id = ?1 "
                                   "ORDER BY ordinal, household_id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取公示名单");
}

/* Opens the transaction of posting or closing: sets the flag (`posted` or
 * `closed`) and reads the list (*ids malloc'd).  On failure nothing is left
 * open and nothing to free. */
static enum db_err notice_mark(struct db *db, int64_t notice_id, const char *flag, int64_t **ids, size_t *n)
{
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    int closing = strcmp(flag, "closed") == 0;
    err = wfs_exec_ids(db, closing ? "UPDATE notices SET closed = 1, updated_at = " DB_STAMP_NOW " WHERE id = ?1"
                               : "UPDATE notices SET posted = 1, updated_at = " DB_STAMP_NOW " WHERE id = ?1",
                   notice_id, 0, closing ? "结束公示" : "张贴公示");
    if (err == DB_OK)
        err = list_ids(db, notice_id, ids, n);
    if (err != DB_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        db_rollback(db);
    }
    return err;
}


enum db_err wfs_notice_facts(struct db *db, int64_t id, struct notice_facts *nf,
                             char *late_reason, size_t late_sz)
{
    memset(nf, 0, sizeof *nf);
    if (late_reason && late_sz)
        late_reason[0] = '\0';
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, id, &nt);
    if (err != DB_OK)
        return err;
    nf->days = nt.days;
    nf->configured_days = (int)db_setting_int(db, SET_NOTICE_DAYS, 7);
    snprintf(nf->start, sizeof nf->start, "%s", nt.start);
    snprintf(nf->end, sizeof nf->end, "%s", nt.end);
    nf->round = nt.round;
    if (nt.round == 3)
        snprintf(nf->approval_date, sizeof nf->approval_date, "%s", nt.approval_date);
    /* Only the year's records: a household identified again after a relapse
     * has meetings and rounds of earlier years. */
    if (nt.kind == NK_VILLAGE_EXIT)
        wfs_q_text(db, "SELECT coalesce(max(m.meeting_date), '') FROM meetings m JOIN notices n ON n.area = m.village "
                   "WHERE n.id = ?1 AND m.kind = ?2 AND m.year = ?3 AND m.deleted = 0",
               id, NK_EXIT, nt.year, 0, nf->meeting_date, sizeof nf->meeting_date);
    if (nt.round == 1 && (nt.kind == NK_IDENTIFY || nt.kind == NK_EXIT))
        wfs_q_text(db, "SELECT coalesce(max(m.meeting_date), '') FROM notice_households nh "
                   "JOIN votes v ON v.household_id = nh.household_id AND v.project_id IS NULL "
                   "JOIN meetings m ON m.id = v.meeting_id WHERE nh.notice_id = ?1 AND m.kind = ?2 "
                   "AND m.year = ?3 AND m.deleted = 0 AND v.votes_for + v.votes_against + v.votes_abstain > 0",
               id, nt.kind, nt.year, 0, nf->meeting_date, sizeof nf->meeting_date);
    if (nt.round >= 2)
        wfs_q_text(db, "SELECT coalesce(max(n2.end_date), '') FROM notice_households nh "
                   "JOIN notice_households nh2 ON nh2.household_id = nh.household_id "
                   "JOIN notices n2 ON n2.id = nh2.notice_id WHERE nh.notice_id = ?1 AND n2.kind = ?2 "
                   "AND n2.round = ?3 AND n2.year = ?4 AND n2.posted = 1 AND n2.deleted = 0",
               id, nt.kind, nt.round - 1, nt.year, nf->prev_end, sizeof nf->prev_end);
    if (nt.posted) {
        wfs_q_text(db, "SELECT posted_on FROM notice_sheets WHERE notice_id = ?1", id, 0, 0, 0,
               nf->posted_on, sizeof nf->posted_on);
        if (late_reason && late_sz)
            wfs_q_text(db, "SELECT late_reason FROM notice_sheets WHERE notice_id = ?1", id, 0, 0, 0,
                   late_reason, late_sz);
        nf->late_reason = late_reason;
    }
    return DB_OK;
}

/* The date rules of CS_NOTICE for posting today: the first error refuses. */
static enum db_err notice_post_checks(struct db *db, int64_t id, const char *today_, const char *late_reason)
{
    struct notice_facts nf;
    enum db_err err = wfs_notice_facts(db, id, &nf, NULL, 0);
    if (err != DB_OK)
        return err;
    snprintf(nf.posted_on, sizeof nf.posted_on, "%s", today_);
    nf.late_reason = late_reason;
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "%s", today_);
    struct check_result res[16];
    size_t n = checks_run_notice(&cc, &nf, res, 16);
    for (size_t i = 0; i < n; i++)
        if (res[i].def->level == CHECK_ERROR)
            return db_set_error(db, DB_ERR_CONSTRAINT, "不能张贴: %s", res[i].message);
    return DB_OK;
}

int wfs_notice_needs_late_reason(const struct wfs_notice *n)
{
    char t[11];
    wfs_today(t);
    return wf_notice_over(t, n->end);
}

enum db_err wfs_notice_post(struct db *db, int64_t notice_id, const char *late_reason)
{
    struct wfs_notice nt;
    enum db_err err = wfs_notice_draft_only(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    char t[11];
    wfs_today(t);
    if (nt.n_households == 0 && nt.kind != NK_VILLAGE_EXIT)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示名单为空, 不能张贴 (empty list)");
    if (strcmp(nt.start, t) > 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "开始日期 %s 在今天 (%s) 之后, 到开始日期再张贴",
                            nt.start, t);
    if (nt.round == 3 && (!wfs_nonblank(nt.approval_no) || !nt.approval_date[0]))
        return db_set_error(db, DB_ERR_CONSTRAINT, "三榜公示须先录入县级确认批文号和批文日期");
    if (nt.round == 2 && !nt.approval_date[0])
        return db_set_error(db, DB_ERR_CONSTRAINT, "二榜公示须先录入乡镇审核日期 (及文号)");
    err = notice_post_checks(db, notice_id, t, late_reason);
    if (err != DB_OK)
        return err;
    int64_t *ids = NULL;
    size_t n = 0;
    err = notice_mark(db, notice_id, "posted", &ids, &n);
    if (err != DB_OK)
        return err;
    enum wf_state to = wfs_notice_state(nt.kind, nt.round);
    char why[200];
    snprintf(why, sizeof why, "公示 %s 至 %s", nt.start, nt.end);
    for (size_t i = 0; i < n && err == DB_OK; i++)
        err = wfs_move(db, ids[i], to, t, why);
    free(ids);
    /* What hangs on the wall, as printed today: re-exports show it. */
    if (err == DB_OK)
        err = notice_sheet_freeze(db, notice_id, t, late_reason);
    if (err != DB_OK) {
        /* The whole list hangs on the wall or none of it: undo every move. */
        char msg[700];
        snprintf(msg, sizeof msg, "%s", db_errmsg(db));
        db_rollback(db);
        return db_set_error(db, err, "不能张贴: %s", msg);
    }
    return db_commit(db);
}

enum db_err wfs_notice_close(struct db *db, int64_t notice_id, char *report, size_t sz)
{
    if (report && sz)
        report[0] = '\0';
    if (db_require_role(db, ROLE_REVIEWER, "关闭公示") != DB_OK)
        return DB_ERR_DENIED;
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    if (!nt.posted)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示尚未张贴, 不能结束");
    if (nt.closed)
        return db_set_error(db, DB_ERR_CONSTRAINT, "本轮公示已结束");
    char t[11], why[300];
    wfs_today(t);
    if (!wf_notice_can_close(t, nt.end, why, sizeof why))
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s", why);
    if (nt.open_objections > 0) {
        char names[300] = "";
        sqlite3_stmt *st = db_stmt(db, "SELECT DISTINCT h.head_name FROM objections o JOIN households h "
                                       "ON h.id = o.household_id WHERE o.notice_id = ?1 AND o.resolution = 0 "
                                       "AND o.deleted = 0");
        if (st) {
            sqlite3_bind_int64(st, 1, notice_id);
            while (sqlite3_step(st) == SQLITE_ROW)
                wfs_report_add(names, sizeof names, "%s%s", names[0] ? "、" : "", db_col(st, 0));
            sqlite3_reset(st);
        }
        return db_set_error(db, DB_ERR_CONSTRAINT,
                            "本轮公示有 %d 条未处理的异议 (%s), 须先核查处理 (维持/取消) 才能结束",
                            nt.open_objections, names);
    }
    int64_t *ids = NULL;
    size_t n = 0;
    err = notice_mark(db, notice_id, "closed", &ids, &n);
    if (err != DB_OK)
        return err;
    enum wf_state on = wfs_notice_state(nt.kind, nt.round);
    int moved = 0, waiting = 0;
    for (size_t i = 0; i < n && err == DB_OK; i++) {
        struct hh_basic b;
        err = wfs_hh_basic(db, ids[i], &b);
        if (err == DB_ERR_NOTFOUND) {
            err = DB_OK;
            continue;
        }
        if (err != DB_OK || b.state != (int)on)
            continue;           /* cancelled by an objection, withdrawn … */
        enum wf_state to = WF_NONE;
        switch (on) {
        case WF_NOTICE1: to = WF_RECHECKED; break;
        case WF_NOTICE3: to = WF_REGISTERED; break;
        case WF_EXIT_NOTICE3: to = WF_EXITED; break;
        case WF_REMOVAL_NOTICE: to = WF_REMOVED; break;
        default: break;         /* rounds 1–2 of exit, round 2: the next posting moves them */
        }
        if (to == WF_NONE) {
            waiting++;
            continue;
        }
        struct wf_facts f;
        err = wfs_facts(db, ids[i], to, &f);
        if (err != DB_OK)
            break;
        if (to == WF_REGISTERED)
            f.hh_no_assigned = 1;   /* given below, only if the move is allowed */
        if (!wf_can_move(&f, on, to, why, sizeof why)) {
            wfs_report_add(report, sz, "%s: 暂不能转为「%s」: %s\n", b.head, wf_state_label(to), why);
            waiting++;
            continue;
        }
        char hh_no[HH_NO_LEN + 1] = "";
        if (to == WF_REGISTERED)
            err = wfs_assign_hh_no(db, ids[i], hh_no);
        if (err == DB_OK)
            err = wfs_move(db, ids[i], to, t, NULL);
        if (err == DB_OK && to == WF_EXITED) {
            sqlite3_stmt *u = db_stmt(db, "UPDATE exits SET exit_date = ?2, updated_at = " DB_STAMP_NOW
                                          " WHERE id = (SELECT id FROM exits WHERE household_id = ?1 "
                                          "AND deleted = 0 ORDER BY year DESC LIMIT 1)");
            if (!u) {
                err = DB_ERR_IO;
            } else {
                sqlite3_bind_int64(u, 1, ids[i]);
                sqlite3_bind_text(u, 2, t, -1, SQLITE_STATIC);
                int rc = db_step_done(u);
                if (rc != SQLITE_OK)
                    err = db_fail(db, rc, "记录脱贫日期");
            }
        }
        if (err == DB_OK) {
            moved++;
            if (hh_no[0])
                wfs_report_add(report, sz, "%s: 已建档立卡, 户编号 %s\n", b.head, hh_no);
            else
                wfs_report_add(report, sz, "%s: 转为「%s」\n", b.head, wf_state_label(to));
        }
    }
    free(ids);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (waiting && (on == WF_NOTICE1 || on == WF_NOTICE3 || on == WF_EXIT_NOTICE3))
        wfs_report_add(report, sz, "本轮公示已结束: %d 户转入下一步, %d 户待补齐条件 (见上) 后转入\n", moved, waiting);
    else if (waiting)
        wfs_report_add(report, sz, "本轮公示已结束: %d 户留在「%s」, 列入下一榜公示张贴时转入\n", waiting,
                   wf_state_label(on));
    else
        wfs_report_add(report, sz, "本轮公示已结束: %d 户转入下一步\n", moved);
    return db_commit(db);
}
