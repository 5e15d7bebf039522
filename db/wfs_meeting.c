/* wfs_meeting.c — 民主评议 meetings: the meeting, its agenda, the votes, and the
 * decision that moves the households voted through (see workflow_store.h). */
#include "db/workflow_store.h"
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/wfs_priv.h"

/* ---- meetings -------------------------------------------------------- */

int wfs_meeting_present(const struct wfs_meeting *m)
{
    return m->representatives > 0 ? m->representatives : m->attendees;
}

static void meeting_read(sqlite3_stmt *st, struct wfs_meeting *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    db_copy_text(m->village, sizeof m->village, db_col(st, 1));
    m->kind = sqlite3_column_int(st, 2);
    m->year = sqlite3_column_int(st, 3);
    db_copy_text(m->date, sizeof m->date, db_col(st, 4));
    db_copy_text(m->host, sizeof m->host, db_col(st, 5));
    m->attendees = sqlite3_column_int(st, 6);
    m->representatives = sqlite3_column_int(st, 7);
    db_copy_text(m->recorder, sizeof m->recorder, db_col(st, 8));
    m->n_agenda = sqlite3_column_int(st, 9);
    m->n_decided = sqlite3_column_int(st, 10);
}

#define MEETING_COLS \
    "SELECT m.id, m.village, m.kind, m.year, m.meeting_date, m.host, m.attendees, " \
    "m.representatives, m.recorder, " \
    "(SELECT count(*) FROM votes v WHERE v.meeting_id = m.id), " \
    "(SELECT count(*) FROM votes v WHERE v.meeting_id = m.id AND " \
    " v.votes_for + v.votes_against + v.votes_abstain > 0) FROM meetings m "

enum db_err wfs_meeting_get(struct db *db, int64_t id, struct wfs_meeting *out)
{
    sqlite3_stmt *st = db_stmt(db, MEETING_COLS "WHERE m.id = ?1 AND m.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        meeting_read(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "评议会议不存在 (meeting %lld not found)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取评议会议");
}

enum db_err wfs_meetings(struct db *db, const char *area, struct wfs_meeting *out,
                         size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, MEETING_COLS "WHERE m.deleted = 0 AND m.kind <> 4 AND m.village LIKE ?1 || '%' "
                                   "ORDER BY m.meeting_date DESC, m.id DESC");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        meeting_read(st, &out[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取评议会议");
}

const char *wfs_meeting_invalid(struct db *db, const struct wfs_meeting *m, const char **field,
                                char *buf, size_t bufsz)
{
    char day[11];
    *field = NULL;
    if (!date_normalise(m->date, day)) {
        *field = "date";
        snprintf(buf, bufsz, "会议日期“%s”不存在", m->date);
    } else if (m->kind != NK_IDENTIFY && m->kind != NK_EXIT) {
        *field = "kind";
        snprintf(buf, bufsz, "评议类型应为 识别 或 退出");
    } else if (m->attendees <= 0) {
        *field = "attendees";
        snprintf(buf, bufsz, "参会人数须大于 0");
    } else if (m->representatives < 0 || m->representatives > m->attendees) {
        *field = "representatives";
        snprintf(buf, bufsz, "村民代表人数 %d 不能超过参会人数 %d", m->representatives, m->attendees);
    } else {
        struct area a;
        if (db_area_get(db, m->village, &a) != DB_OK || a.level != AREA_VILLAGE) {
            *field = "village";
            snprintf(buf, bufsz, "“%s”不是已登记的村", m->village);
        } else if (m->id) {
            int most = (int)wfs_q_int(db, "SELECT max(votes_for + votes_against + votes_abstain) FROM votes "
                                      "WHERE meeting_id = ?1", m->id, 0, 0);
            if (most > wfs_meeting_present(m)) {
                *field = m->representatives > 0 ? "representatives" : "attendees";
                snprintf(buf, bufsz, "已录入的票数 (最多 %d 票) 超过到会代表 %d 人", most,
                         wfs_meeting_present(m));
            }
        }
    }
    return *field ? buf : NULL;
}

enum db_err wfs_meeting_save(struct db *db, struct wfs_meeting *m)
{
    char why[256], day[11];
    const char *field;
    if (wfs_meeting_invalid(db, m, &field, why, sizeof why))
        return db_set_error(db, DB_ERR_INVALID, "%s", why);
    date_normalise(m->date, day);
    snprintf(m->date, sizeof m->date, "%s", day);
    if (!m->year)
        m->year = atoi(day);
    sqlite3_stmt *st = db_stmt(db, m->id
        ? "UPDATE meetings SET village = ?2, kind = ?3, year = ?4, meeting_date = ?5, host = ?6, "
          "attendees = ?7, representatives = ?8, recorder = ?9, updated_at = " DB_STAMP_NOW " WHERE id = ?1"
        : "INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives, "
          "recorder) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return DB_ERR_IO;
    if (m->id)
        sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_text(st, 2, m->village, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, m->kind);
    sqlite3_bind_int(st, 4, m->year);
    sqlite3_bind_text(st, 5, m->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, m->host, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, m->attendees);
    sqlite3_bind_int(st, 8, m->representatives);
    sqlite3_bind_text(st, 9, m->recorder, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存评议会议");
    if (!m->id)
        m->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

static void vote_rule(struct wfs_vote *v, int present)
{
    v->passes = v->voted && wf_appraisal_passes(v->votes_for, present);
    if (!v->voted)
        snprintf(v->rule, sizeof v->rule, "未录入票数");
    else
        snprintf(v->rule, sizeof v->rule, "赞成 %d %s 到会代表 %d 人的2/3 (需 %d 票), %s",
                 v->votes_for, v->passes ? "≥" : "<", present, wf_appraisal_needed(present),
                 v->passes ? "通过" : "不通过");
}

#define VOTE_COLS \
    "SELECT h.id, h.head_name, h.group_name, coalesce(h.hh_no, ''), h.state, " \
    "coalesce((SELECT priority1 + priority2 + priority3 + priority4 + priority5 FROM surveys s " \
    " WHERE s.household_id = h.id ORDER BY year DESC LIMIT 1), 0), " \
    "coalesce((SELECT exclusion1 + exclusion2 + exclusion3 + exclusion4 + exclusion5 + exclusion6 " \
    " + exclusion7 FROM surveys s WHERE s.household_id = h.id ORDER BY year DESC LIMIT 1), 0) "

static void vote_read_head(sqlite3_stmt *st, struct wfs_vote *v)
{
    memset(v, 0, sizeof *v);
    v->household_id = sqlite3_column_int64(st, 0);
    db_copy_text(v->head_name, sizeof v->head_name, db_col(st, 1));
    db_copy_text(v->group_name, sizeof v->group_name, db_col(st, 2));
    db_copy_text(v->hh_no, sizeof v->hh_no, db_col(st, 3));
    v->state = sqlite3_column_int(st, 4);
    v->priority = sqlite3_column_int(st, 5);
    v->exclusions = sqlite3_column_int(st, 6);
}

static int vote_order(const void *pa, const void *pb)
{
    const struct wfs_vote *a = pa, *b = pb;
    if (a->voted != b->voted)
        return b->voted - a->voted;
    if (a->voted) {
        if (a->score != b->score)
            return a->score < b->score ? 1 : -1;
        if (a->votes_for != b->votes_for)
            return b->votes_for - a->votes_for;
    }
    if (a->priority != b->priority)
        return b->priority - a->priority;
    return a->household_id < b->household_id ? -1 : a->household_id > b->household_id;
}

enum db_err wfs_agenda(struct db *db, int64_t meeting_id, struct wfs_vote *out,
                       size_t max, size_t *n)
{
    *n = 0;
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, VOTE_COLS ", v.votes_for, v.votes_against, v.votes_abstain, v.score "
                                   "FROM votes v JOIN households h ON h.id = v.household_id "
                                   "WHERE v.meeting_id = ?1 AND v.project_id IS NULL AND h.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, meeting_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct wfs_vote *v = &out[(*n)++];
        vote_read_head(st, v);
        v->votes_for = sqlite3_column_int(st, 7);
        v->votes_against = sqlite3_column_int(st, 8);
        v->votes_abstain = sqlite3_column_int(st, 9);
        v->score = sqlite3_column_int(st, 10);
        v->voted = v->votes_for + v->votes_against + v->votes_abstain > 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取评议名单");
    qsort(out, *n, sizeof *out, vote_order);
    int present = wfs_meeting_present(&m);
    for (size_t i = 0; i < *n; i++) {
        /* Equal scores share a rank (1, 2, 2, 4), as on a paper tally. */
        if (out[i].voted)
            out[i].rank = i > 0 && out[i - 1].voted && out[i - 1].score == out[i].score
                          ? out[i - 1].rank : (int)i + 1;
        vote_rule(&out[i], present);
    }
    return DB_OK;
}

enum db_err wfs_agenda_candidates(struct db *db, int64_t meeting_id, struct wfs_vote *out,
                                  size_t max, size_t *n)
{
    *n = 0;
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, VOTE_COLS "FROM households h WHERE h.deleted = 0 AND h.village = ?1 "
                                   "AND h.state = ?2 AND NOT EXISTS (SELECT 1 FROM votes v WHERE "
                                   "v.meeting_id = ?3 AND v.household_id = h.id) ORDER BY h.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, m.village, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, m.kind == NK_EXIT ? WF_REGISTERED : WF_SURVEYED);
    sqlite3_bind_int64(st, 3, meeting_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        vote_read_head(st, &out[(*n)++]);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取待评议户");
    qsort(out, *n, sizeof *out, vote_order);
    return DB_OK;
}

/* The checks and the insert of one household going on meeting m's agenda,
 * shared by wfs_agenda_add and wfs_agenda_add_list so that a list is refused
 * for exactly what a single add is.  The refusal names the household. */
static enum db_err agenda_add_one(struct db *db, const struct wfs_meeting *m, int64_t hh_id)
{
    struct hh_basic b;
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state want = m->kind == NK_EXIT ? WF_REGISTERED : WF_SURVEYED;
    if (b.state != (int)want)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 只有「%s」的户可列入%s评议",
                            b.head, wf_state_label(b.state), wf_state_label(want),
                            m->kind == NK_EXIT ? "退出" : "识别");
    if (strcmp(b.village, m->village) != 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 不是本村的户", b.head);
    /* UNIQUE (meeting, household, project) does not stop two NULL projects. */
    if (wfs_q_int(db, "SELECT count(*) FROM votes WHERE meeting_id = ?1 AND household_id = ?2 "
                  "AND project_id IS NULL", m->id, hh_id, 0) > 0)
        return DB_OK;
    return wfs_exec_ids(db, "INSERT INTO votes(meeting_id, household_id) VALUES (?1, ?2)", m->id, hh_id,
                    "列入评议名单");
}

enum db_err wfs_agenda_add(struct db *db, int64_t meeting_id, int64_t hh_id)
{
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    return err == DB_OK ? agenda_add_one(db, &m, hh_id) : err;
}

enum db_err wfs_agenda_add_list(struct db *db, int64_t meeting_id, const int64_t *ids, size_t n)
{
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err == DB_OK)
        err = db_begin(db);
    if (err != DB_OK)
        return err;
    /* One transaction (one fsync, not one per household: 全部 on a village
     * of 1 000 took seconds), and a refusal in the middle leaves the agenda
     * as it was instead of half of the list on it. */
    for (size_t i = 0; i < n && err == DB_OK; i++)
        err = agenda_add_one(db, &m, ids[i]);
    if (err != DB_OK) {
        db_rollback(db);    /* keeps db_errmsg: the refused household */
        if (n > 1) {
            /* Say that the others were not added either. */
            char why[PATH_MAX + 1024];    /* as db.c's message */
            snprintf(why, sizeof why, "%s", db_errmsg(db));
            db_set_error(db, err, "%s (本次 %zu 户均未列入)", why, n);
        }
        return err;
    }
    return db_commit(db);
}

enum db_err wfs_agenda_remove(struct db *db, int64_t meeting_id, int64_t hh_id)
{
    return wfs_exec_ids(db, "DELETE FROM votes WHERE meeting_id = ?1 AND household_id = ?2 AND project_id IS NULL",
                    meeting_id, hh_id, "移出评议名单");
}

enum db_err wfs_vote_set(struct db *db, int64_t meeting_id, int64_t hh_id, int votes_for,
                         int votes_against, int votes_abstain, int score)
{
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err != DB_OK)
        return err;
    if (votes_for < 0 || votes_against < 0 || votes_abstain < 0)
        return db_set_error(db, DB_ERR_INVALID, "票数不能为负数 (negative votes)");
    int present = wfs_meeting_present(&m), cast = votes_for + votes_against + votes_abstain;
    if (cast > present)
        return db_set_error(db, DB_ERR_INVALID,
            "赞成 %d + 反对 %d + 弃权 %d = %d 票, 超过到会代表 %d 人 (votes exceed voters)",
            votes_for, votes_against, votes_abstain, cast, present);
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = wfs_agenda_add(db, meeting_id, hh_id);
    if (err == DB_OK && wfs_q_int(db, "SELECT count(*) FROM votes WHERE meeting_id = ?1 AND household_id = ?2",
                              meeting_id, hh_id, 0) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不在评议名单中");
    if (err == DB_OK) {
        sqlite3_stmt *st = db_stmt(db, "UPDATE votes SET votes_for = ?3, votes_against = ?4, "
            "votes_abstain = ?5, score = ?6, passed = ?7, updated_at = " DB_STAMP_NOW
            " WHERE meeting_id = ?1 AND household_id = ?2 AND project_id IS NULL");
        if (!st) {
            err = DB_ERR_IO;
        } else {
            sqlite3_bind_int64(st, 1, meeting_id);
            sqlite3_bind_int64(st, 2, hh_id);
            sqlite3_bind_int(st, 3, votes_for);
            sqlite3_bind_int(st, 4, votes_against);
            sqlite3_bind_int(st, 5, votes_abstain);
            sqlite3_bind_int(st, 6, score);
            sqlite3_bind_int(st, 7, cast > 0 && wf_appraisal_passes(votes_for, present));
            int rc = db_step_done(st);
            if (rc != SQLITE_OK)
                err = db_fail(db, rc, "保存票数");
        }
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err wfs_meeting_decide(struct db *db, int64_t meeting_id, char *report, size_t sz)
{
    if (report && sz)
        report[0] = '\0';
    struct wfs_meeting m;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err != DB_OK)
        return err;
    size_t cap = (size_t)(m.n_agenda > 0 ? m.n_agenda : 1), n = 0;
    struct wfs_vote *v = calloc(cap, sizeof *v);
    if (!v)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    err = wfs_agenda(db, meeting_id, v, cap, &n);
    if (err == DB_OK)
        err = db_begin(db);
    if (err != DB_OK) {
        free(v);
        return err;
    }
    enum wf_state from = m.kind == NK_EXIT ? WF_REGISTERED : WF_SURVEYED;
    enum wf_state pass = m.kind == NK_EXIT ? WF_EXIT_APPRAISED : WF_APPRAISED;
    int moved = 0;
    for (size_t i = 0; i < n && err == DB_OK; i++) {
        if (v[i].state != (int)from) {
            continue;       /* decided before, or moved on since */
        }
        if (!v[i].voted) {
            wfs_report_add(report, sz, "%s: 未录入票数, 未处理\n", v[i].head_name);
            continue;
        }
        if (v[i].passes) {
            err = wfs_move(db, v[i].household_id, pass, m.date, v[i].rule);
            if (err == DB_ERR_CONSTRAINT) {
                /* A rule of the move (Form G, vote count) refused this one:
                 * say so and go on with the others. */
                wfs_report_add(report, sz, "%s\n", db_errmsg(db));
                err = DB_OK;
                continue;
            }
            if (err == DB_OK)
                wfs_report_add(report, sz, "%s: 第 %d 名, %s → %s\n", v[i].head_name, v[i].rank, v[i].rule,
                           wf_state_label(pass));
        } else if (m.kind == NK_IDENTIFY) {
            err = wfs_move(db, v[i].household_id, WF_REJECTED, m.date, v[i].rule);
            if (err == DB_OK)
                wfs_report_add(report, sz, "%s: %s → 未通过\n", v[i].head_name, v[i].rule);
        } else {
            wfs_report_add(report, sz, "%s: %s, 继续帮扶\n", v[i].head_name, v[i].rule);
            continue;
        }
        moved += err == DB_OK;
    }
    free(v);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (!moved)
        wfs_report_add(report, sz, "没有需要处理的户。\n");
    return db_commit(db);
}
