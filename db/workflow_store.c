/* workflow_store.c — meetings, notices, objections, rechecks, exits (see
 * workflow_store.h).  Every move goes through wfs_move(). */
#include "db/operators.h"
#include "db/workflow_store.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "db/household_store.h"
#include "db/notice_sheet.h"
#include "db/record.h"
#include "db/settings.h"


/* Appends one printf'd line to a report buffer (NULL-safe, never overflows). */
static void report_add(char *report, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report_add(char *report, size_t sz, const char *fmt, ...)
{
    if (!report || !sz)
        return;
    size_t len = strlen(report);
    if (len + 1 >= sz)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(report + len, sz - len, fmt, ap);
    va_end(ap);
}

static void today(char out[11])
{
    clock_today(out);
}

/* "" = today; else normalised.  0 when not a date. */
static int day_or_today(const char *in, char out[11])
{
    if (!in || !*in) {
        today(out);
        return 1;
    }
    return date_normalise(in, out);
}

/* One integer from a query with up to two int64 parameters; def when no row. */
static long long q_int(struct db *db, const char *sql, int64_t a, int64_t b, long long def)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return def;
    if (sqlite3_bind_parameter_count(st) >= 1) sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_int64(st, 2, b);
    long long v = def;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

/* Runs one write with ?1 = a (and ?2 = b when the statement has it). */
static enum db_err exec_ids(struct db *db, const char *sql, int64_t a, int64_t b, const char *what)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, b);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, what);
}

/* "notice.place.450123200201": a setting remembered per notice scope. */
static const char *area_key(char *out, size_t sz, const char *base, const char *area)
{
    snprintf(out, sz, "%s.%.12s", base, area);
    return out;
}

/* ---- household basics ----------------------------------------------- */

struct hh_basic {
    int state;
    char hh_no[HH_NO_LEN + 1];
    char head[TEXT_BYTES(NAME_CHARS)];
    char village[AREA_CODE_LEN + 1];
};

static enum db_err hh_basic(struct db *db, int64_t id, struct hh_basic *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db, "SELECT state, coalesce(hh_no, ''), head_name, village "
                                   "FROM households WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->state = sqlite3_column_int(st, 0);
        db_copy_text(out->hh_no, sizeof out->hh_no, db_col(st, 1));
        db_copy_text(out->head, sizeof out->head, db_col(st, 2));
        db_copy_text(out->village, sizeof out->village, db_col(st, 3));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)",
                            (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取户");
}

/* The notice kind a notice state belongs to (0 for other states). */
static int state_kind(enum wf_state s)
{
    switch (s) {
    case WF_NOTICE1: case WF_NOTICE2: case WF_NOTICE3: return NK_IDENTIFY;
    case WF_EXIT_NOTICE1: case WF_EXIT_NOTICE2: case WF_EXIT_NOTICE3: return NK_EXIT;
    case WF_REMOVAL_NOTICE: return NK_ADJUST;
    default: return 0;
    }
}

enum wf_state wfs_notice_state(int kind, int round)
{
    static const enum wf_state t[4][3] = {
        [NK_IDENTIFY] = { WF_NOTICE1, WF_NOTICE2, WF_NOTICE3 },
        [NK_EXIT] = { WF_EXIT_NOTICE1, WF_EXIT_NOTICE2, WF_EXIT_NOTICE3 },
        [NK_ADJUST] = { WF_REMOVAL_NOTICE, WF_NONE, WF_NONE },
    };
    if (kind < NK_IDENTIFY || kind > NK_ADJUST || round < 1 || round > 3)
        return WF_NONE;
    return t[kind][round - 1];
}

enum wf_state wfs_notice_source_state(int kind, int round)
{
    static const enum wf_state t[4][3] = {
        [NK_IDENTIFY] = { WF_APPRAISED, WF_RECHECKED, WF_NOTICE2 },
        [NK_EXIT] = { WF_EXIT_APPRAISED, WF_EXIT_NOTICE1, WF_EXIT_NOTICE2 },
        [NK_ADJUST] = { WF_REGISTERED, WF_NONE, WF_NONE },
    };
    if (kind < NK_IDENTIFY || kind > NK_ADJUST || round < 1 || round > 3)
        return WF_NONE;
    return t[kind][round - 1];
}

/* The posted notice of kind/round that lists the household, newest first;
 * open_only: not closed.  0 when none. */
static int64_t listing_notice(struct db *db, int64_t hh, int kind, int round, int open_only,
                              char end[11], char remark[], size_t remarksz,
                              int *approved_no, int *approved_date)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT n.id, n.end_date, nh.remark, n.approval_no <> '', n.approval_date <> '' "
        "FROM notices n JOIN notice_households nh ON nh.notice_id = n.id "
        "WHERE nh.household_id = ?1 AND n.kind = ?2 AND n.round = ?3 AND n.posted = 1 "
        "AND n.deleted = 0 AND (?4 = 0 OR n.closed = 0) ORDER BY n.start_date DESC, n.id DESC LIMIT 1");
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, hh);
    sqlite3_bind_int(st, 2, kind);
    sqlite3_bind_int(st, 3, round);
    sqlite3_bind_int(st, 4, open_only);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        if (end) db_copy_text(end, 11, db_col(st, 1));
        if (remark) db_copy_text(remark, remarksz, db_col(st, 2));
        if (approved_no) *approved_no = sqlite3_column_int(st, 3);
        if (approved_date) *approved_date = sqlite3_column_int(st, 4);
    }
    sqlite3_reset(st);
    return id;
}

/* The round-1 (etc.) notice the household is on now, from its state. */
static int64_t current_notice(struct db *db, int64_t hh, enum wf_state s, char end[11])
{
    int kind = state_kind(s), round = wf_notice_round(s);
    if (end) end[0] = '\0';
    if (!kind || !round)
        return 0;
    return listing_notice(db, hh, kind, round, 0, end, NULL, 0, NULL, NULL);
}

static int nonblank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t')
            return 1;
    return 0;
}

enum db_err wfs_facts(struct db *db, int64_t hh_id, enum wf_state to, struct wf_facts *f)
{
    wf_facts_init(f);
    struct hh_basic b;
    enum db_err err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state from = (enum wf_state)b.state;
    int64_t cur = current_notice(db, hh_id, from, f->notice_end);
    (void)cur;
    f->open_objections = (int)q_int(db, "SELECT count(*) FROM objections WHERE household_id = ?1 "
                                        "AND resolution = 0 AND deleted = 0", hh_id, 0, 0);
    /* The notice being entered. */
    int kind = state_kind(to), round = wf_notice_round(to);
    if (kind && round) {
        char remark[TEXT_BYTES(100)] = "";
        int ano = 0, adate = 0;
        int64_t next = listing_notice(db, hh_id, kind, round, 1, NULL, remark, sizeof remark,
                                      &ano, &adate);
        f->next_notice_posted = next != 0;
        f->township_approved = next && adate;          /* round 2: 乡镇审核 */
        f->county_approved = next && ano && adate;     /* round 3: 县级确认批文 */
        f->removal_reason = next && nonblank(remark);
    }
    /* Latest survey: 七不进, surveyors, signatures. */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT exclusion1 + exclusion2 + exclusion3 + exclusion4 + exclusion5 + exclusion6 + exclusion7, "
        "exclusion_override, surveyor1, surveyor2, signed_household, signed_cadre, signed_surveyor "
        "FROM surveys WHERE household_id = ?1 ORDER BY year DESC LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        f->exclusions_ticked = sqlite3_column_int(st, 0);
        f->exclusion_override = nonblank(db_col(st, 1));
        f->surveyors = nonblank(db_col(st, 2)) + nonblank(db_col(st, 3));
        f->signed_household = sqlite3_column_int(st, 4);
        f->signed_cadre = sqlite3_column_int(st, 5);
        f->signed_surveyor = sqlite3_column_int(st, 6);
    }
    sqlite3_reset(st);
    /* Form A of this year: a relapse or a new application needs a signed one. */
    f->application_signed = (int)q_int(db, "SELECT signed_by_applicant FROM applications "
                                           "WHERE household_id = ?1 AND year = ?2",
                                       hh_id, atoi(f->today), 0);
    /* The meeting that decides this move: the latest of its kind with votes. */
    if (to == WF_APPRAISED || to == WF_EXIT_APPRAISED) {
        st = db_stmt(db,
            "SELECT v.votes_for, v.votes_against, v.votes_abstain, "
            "CASE WHEN m.representatives > 0 THEN m.representatives ELSE m.attendees END "
            "FROM votes v JOIN meetings m ON m.id = v.meeting_id "
            "WHERE v.household_id = ?1 AND m.kind = ?2 AND m.deleted = 0 AND v.project_id IS NULL "
            "AND v.votes_for + v.votes_against + v.votes_abstain > 0 "
            "ORDER BY m.meeting_date DESC, m.id DESC LIMIT 1");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh_id);
        sqlite3_bind_int(st, 2, to == WF_APPRAISED ? NK_IDENTIFY : NK_EXIT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            f->votes_for = sqlite3_column_int(st, 0);
            f->votes_against = sqlite3_column_int(st, 1);
            f->votes_abstain = sqlite3_column_int(st, 2);
            f->present = sqlite3_column_int(st, 3);
        }
        sqlite3_reset(st);
    }
    if (from == WF_NOTICE1) {
        int64_t n1 = current_notice(db, hh_id, from, NULL);
        f->recheck_passed = (int)q_int(db, "SELECT passed FROM rechecks WHERE household_id = ?1 "
                                           "AND notice_id = ?2 AND deleted = 0 ORDER BY id DESC LIMIT 1",
                                       hh_id, n1, 0);
    }
    f->hh_no_assigned = b.hh_no[0] != '\0';
    if (to == WF_EXIT_APPRAISED) {
        struct wfs_exit e;
        if (wfs_exit_get(db, hh_id, 0, &e) == DB_OK)
            f->exit_checks_passed = wfs_exit_passes(&e, NULL, 0);
    }
    return DB_OK;
}

int wfs_can_move(struct db *db, int64_t hh_id, enum wf_state to, char *why, size_t whysz)
{
    struct wf_facts f;
    struct hh_basic b;
    if (hh_basic(db, hh_id, &b) != DB_OK || wfs_facts(db, hh_id, to, &f) != DB_OK) {
        if (why && whysz)
            snprintf(why, whysz, "%s", db_errmsg(db));
        return 0;
    }
    return wf_can_move(&f, (enum wf_state)b.state, to, why, whysz);
}

enum db_err wfs_move(struct db *db, int64_t hh_id, enum wf_state to, const char *date,
                     const char *reason)
{
    if ((to == WF_REGISTERED || to == WF_EXITED || to == WF_REMOVED) &&
        db_require_role(db, ROLE_REVIEWER, to == WF_REGISTERED ? "建档立卡" : "脱贫退出") != DB_OK)
        return DB_ERR_DENIED;
    struct hh_basic b;
    enum db_err err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    char day[11];
    if (!day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", date);
    if ((to == WF_REJECTED || to == WF_WITHDRAWN) && !nonblank(reason))
        return db_set_error(db, DB_ERR_INVALID, "%s: 转为「%s」须填写原因 (reason required)",
                            b.head, wf_state_label(to));
    struct wf_facts f;
    err = wfs_facts(db, hh_id, to, &f);
    if (err != DB_OK)
        return err;
    char why[512];
    if (!wf_can_move(&f, (enum wf_state)b.state, to, why, sizeof why))
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s: %s", b.head, why);
    const struct wf_transition *t = wf_transition_find((enum wf_state)b.state, to);
    char text[600];
    snprintf(text, sizeof text, "%s%s%s", t ? t->event : "", nonblank(reason) ? ": " : "",
             nonblank(reason) ? reason : "");
    return db_state_change(db, hh_id, to, day, text);
}

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
            int most = (int)q_int(db, "SELECT max(votes_for + votes_against + votes_abstain) FROM votes "
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

enum db_err wfs_agenda_add(struct db *db, int64_t meeting_id, int64_t hh_id)
{
    struct wfs_meeting m;
    struct hh_basic b;
    enum db_err err = wfs_meeting_get(db, meeting_id, &m);
    if (err == DB_OK)
        err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state want = m.kind == NK_EXIT ? WF_REGISTERED : WF_SURVEYED;
    if (b.state != (int)want)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 只有「%s」的户可列入%s评议",
                            b.head, wf_state_label(b.state), wf_state_label(want),
                            m.kind == NK_EXIT ? "退出" : "识别");
    if (strcmp(b.village, m.village) != 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 不是本村的户", b.head);
    /* UNIQUE (meeting, household, project) does not stop two NULL projects. */
    if (q_int(db, "SELECT count(*) FROM votes WHERE meeting_id = ?1 AND household_id = ?2 "
                  "AND project_id IS NULL", meeting_id, hh_id, 0) > 0)
        return DB_OK;
    return exec_ids(db, "INSERT INTO votes(meeting_id, household_id) VALUES (?1, ?2)", meeting_id, hh_id,
                    "列入评议名单");
}

enum db_err wfs_agenda_remove(struct db *db, int64_t meeting_id, int64_t hh_id)
{
    return exec_ids(db, "DELETE FROM votes WHERE meeting_id = ?1 AND household_id = ?2 AND project_id IS NULL",
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
    if (err == DB_OK && q_int(db, "SELECT count(*) FROM votes WHERE meeting_id = ?1 AND household_id = ?2",
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
            report_add(report, sz, "%s: 未录入票数, 未处理\n", v[i].head_name);
            continue;
        }
        if (v[i].passes) {
            err = wfs_move(db, v[i].household_id, pass, m.date, v[i].rule);
            if (err == DB_ERR_CONSTRAINT) {
                /* A rule of the move (Form G, vote count) refused this one:
                 * say so and go on with the others. */
                report_add(report, sz, "%s\n", db_errmsg(db));
                err = DB_OK;
                continue;
            }
            if (err == DB_OK)
                report_add(report, sz, "%s: 第 %d 名, %s → %s\n", v[i].head_name, v[i].rank, v[i].rule,
                           wf_state_label(pass));
        } else if (m.kind == NK_IDENTIFY) {
            err = wfs_move(db, v[i].household_id, WF_REJECTED, m.date, v[i].rule);
            if (err == DB_OK)
                report_add(report, sz, "%s: %s → 未通过\n", v[i].head_name, v[i].rule);
        } else {
            report_add(report, sz, "%s: %s, 继续帮扶\n", v[i].head_name, v[i].rule);
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
        report_add(report, sz, "没有需要处理的户。\n");
    return db_commit(db);
}

/* ---- notices --------------------------------------------------------- */

#define NOTICE_COLS \
    "SELECT n.id, n.kind, n.round, n.area, n.year, n.start_date, n.days, n.end_date, n.place, " \
    "n.phone, n.publisher, n.approval_no, n.approval_date, n.posted, n.closed, " \
    "(SELECT count(*) FROM notice_households nh WHERE nh.notice_id = n.id), " \
    "(SELECT count(*) FROM objections o WHERE o.notice_id = n.id AND o.resolution = 0 AND o.deleted = 0) " \
    "FROM notices n "

static void area_display_name(struct db *db, const char *code, char *out, size_t sz)
{
    struct area a;
    out[0] = '\0';
    if (db_area_get(db, code, &a) != DB_OK)
        return;
    if (a.level == AREA_VILLAGE) {
        struct area t;
        char both[sizeof t.name + sizeof a.name];
        if (db_area_get(db, a.parent, &t) == DB_OK)
            snprintf(both, sizeof both, "%s%s", t.name, a.name);
        else
            snprintf(both, sizeof both, "%s", a.name);
        db_copy_text(out, sz, both);
    } else {
        db_copy_text(out, sz, a.name);
    }
}

static void notice_read(struct db *db, sqlite3_stmt *st, struct wfs_notice *n)
{
    memset(n, 0, sizeof *n);
    n->id = sqlite3_column_int64(st, 0);
    n->kind = sqlite3_column_int(st, 1);
    n->round = sqlite3_column_int(st, 2);
    db_copy_text(n->area, sizeof n->area, db_col(st, 3));
    n->year = sqlite3_column_int(st, 4);
    db_copy_text(n->start, sizeof n->start, db_col(st, 5));
    n->days = sqlite3_column_int(st, 6);
    db_copy_text(n->end, sizeof n->end, db_col(st, 7));
    db_copy_text(n->place, sizeof n->place, db_col(st, 8));
    db_copy_text(n->phone, sizeof n->phone, db_col(st, 9));
    db_copy_text(n->publisher, sizeof n->publisher, db_col(st, 10));
    db_copy_text(n->approval_no, sizeof n->approval_no, db_col(st, 11));
    db_copy_text(n->approval_date, sizeof n->approval_date, db_col(st, 12));
    n->posted = sqlite3_column_int(st, 13);
    n->closed = sqlite3_column_int(st, 14);
    n->n_households = sqlite3_column_int(st, 15);
    n->open_objections = sqlite3_column_int(st, 16);
    (void)db;
}

enum db_err wfs_notice_get(struct db *db, int64_t id, struct wfs_notice *out)
{
    sqlite3_stmt *st = db_stmt(db, NOTICE_COLS "WHERE n.id = ?1 AND n.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        notice_read(db, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "公示不存在 (notice %lld not found)", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取公示");
    area_display_name(db, out->area, out->area_name, sizeof out->area_name);
    return DB_OK;
}

enum db_err wfs_notices(struct db *db, const char *area, struct wfs_notice *out,
                        size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, NOTICE_COLS "WHERE n.deleted = 0 AND n.kind <> 4 AND n.area LIKE ?1 || '%' "
                                   "ORDER BY n.start_date DESC, n.id DESC");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        notice_read(db, st, &out[(*n)++]);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取公示");
    for (size_t i = 0; i < *n; i++)
        area_display_name(db, out[i].area, out[i].area_name, sizeof out[i].area_name);
    return DB_OK;
}

void wfs_notice_title(const struct wfs_notice *n, char *out, size_t outsz)
{
    static const char *const rounds[] = { "", "第一榜", "第二榜", "第三榜" };
    const char *r = n->round >= 1 && n->round <= 3 ? rounds[n->round] : "";
    switch (n->kind) {
    case NK_IDENTIFY:
        snprintf(out, outsz, "%s%d年扶贫对象识别%s公示名单", n->area_name, n->year, r);
        break;
    case NK_EXIT:
        snprintf(out, outsz, "%s%d年贫困户脱贫退出%s公示名单", n->area_name, n->year, r);
        break;
    case NK_ADJUST:
        snprintf(out, outsz, "%s%d年扶贫对象动态调整(清退)公示名单", n->area_name, n->year);
        break;
    case NK_VILLAGE_EXIT:
        snprintf(out, outsz, "%s%d年贫困村出列公示", n->area_name, n->year);
        break;
    default:
        snprintf(out, outsz, "%s%d年扶贫项目公示名单", n->area_name, n->year);
        break;
    }
}

static enum db_err list_insert(struct db *db, int64_t notice_id, int64_t hh_id, const char *remark)
{
    int ord = (int)q_int(db, "SELECT coalesce(max(ordinal), 0) + 1 FROM notice_households "
                             "WHERE notice_id = ?1", notice_id, 0, 1);
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notice_households(notice_id, household_id, ordinal, "
                                   "remark) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int64(st, 2, hh_id);
    sqlite3_bind_int(st, 3, ord);
    sqlite3_bind_text(st, 4, remark ? remark : "", -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "列入公示名单");
}

enum db_err wfs_notice_draft(struct db *db, int kind, int round, const char *area,
                             const char *start, int64_t *id)
{
    enum wf_state src = wfs_notice_source_state(kind, round);
    int village_exit = kind == NK_VILLAGE_EXIT && round == 1;  /* lists no household */
    if (src == WF_NONE && !village_exit)
        return db_set_error(db, DB_ERR_INVALID, kind == NK_ADJUST
            ? "清退公示只有一榜 (removal notices have one round)"
            : "公示类型或轮次无效 (notice kind %d round %d)", kind, round);
    char day[11];
    if (!day_or_today(start, day))
        return db_set_error(db, DB_ERR_INVALID, "开始日期“%s”不存在 (invalid start date)", start);
    struct area a;
    if (!area || db_area_get(db, area, &a) != DB_OK)
        return db_set_error(db, DB_ERR_INVALID, "公示范围“%s”不是已登记的地区 (area)", area ? area : "");
    int days = (int)db_setting_int(db, SET_NOTICE_DAYS, 7);
    char end[11];
    if (days < 1 || !wf_notice_end(day, days, end))
        return db_set_error(db, DB_ERR_INVALID, "公示天数 %d 无效 (notice days)", days);
    char place[TEXT_BYTES(40)], phone[21], publisher[TEXT_BYTES(40)], key[64];
    /* Place and publisher are the scope's own (a village committee does not
     * publish the county's list); the supervision phone is the township's. */
    db_setting_text(db, area_key(key, sizeof key, WFS_SET_PLACE, area), place, sizeof place);
    db_setting_text(db, WFS_SET_PHONE, phone, sizeof phone);
    db_setting_text(db, area_key(key, sizeof key, WFS_SET_PUBLISHER, area), publisher, sizeof publisher);
    if (!publisher[0])
        snprintf(publisher, sizeof publisher, "%s%s", a.name,
                 a.level == AREA_VILLAGE ? "村民委员会" : a.level == AREA_TOWNSHIP ? "人民政府"
                 : "扶贫开发领导小组办公室");
    if (!place[0])
        snprintf(place, sizeof place, "%s", a.level == AREA_VILLAGE ? "村委会公示栏" : "政务公开栏");
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notices(kind, round, area, year, start_date, days, "
        "end_date, place, phone, publisher) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st) {
        db_rollback(db);
        return DB_ERR_IO;
    }
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int(st, 2, round);
    sqlite3_bind_text(st, 3, area, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, atoi(day));
    sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, days);
    sqlite3_bind_text(st, 7, end, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, publisher, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "新建公示");
        db_rollback(db);
        return err;
    }
    int64_t nid = sqlite3_last_insert_rowid(db_handle(db));
    if (kind != NK_ADJUST && !village_exit) {
        /* Ids first: list_insert reuses cached statements. */
        size_t cap = 64, n = 0;
        int64_t *ids = malloc(cap * sizeof *ids);
        st = db_stmt(db, "SELECT id FROM households WHERE deleted = 0 AND state = ?1 AND "
                         "village LIKE ?2 || '%' ORDER BY" DB_HH_ORDER("households"));
        if (!st || !ids) {
            free(ids);
            db_rollback(db);
            return st ? db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)") : DB_ERR_IO;
        }
        sqlite3_bind_int(st, 1, src);
        sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (n == cap) {
                int64_t *more = realloc(ids, 2 * cap * sizeof *ids);
                if (!more)
                    break;
                ids = more;
                cap *= 2;
            }
            ids[n++] = sqlite3_column_int64(st, 0);
        }
        sqlite3_reset(st);
        for (size_t i = 0; i < n && err == DB_OK; i++)
            err = list_insert(db, nid, ids[i], "");
        free(ids);
        if (err != DB_OK) {
            db_rollback(db);
            return err;
        }
    }
    if (id)
        *id = nid;
    return db_commit(db);
}

static enum db_err notice_draft_only(struct db *db, int64_t id, struct wfs_notice *n)
{
    enum db_err err = wfs_notice_get(db, id, n);
    if (err != DB_OK)
        return err;
    if (n->posted)
        return db_set_error(db, DB_ERR_CONSTRAINT,
                            "公示已张贴，名单和内容不可修改 (posted notice is frozen)");
    return DB_OK;
}

enum db_err wfs_notice_update(struct db *db, struct wfs_notice *n)
{
    struct wfs_notice old;
    enum db_err err = notice_draft_only(db, n->id, &old);
    if (err != DB_OK)
        return err;
    char day[11], end[11], adate[11] = "";
    if (!date_normalise(n->start, day))
        return db_set_error(db, DB_ERR_INVALID, "开始日期“%s”不存在 (invalid start date)", n->start);
    if (n->days < 1 || !wf_notice_end(day, n->days, end))
        return db_set_error(db, DB_ERR_INVALID, "公示天数须为正整数 (days)");
    int configured = (int)db_setting_int(db, SET_NOTICE_DAYS, 7);
    if (n->days < configured)
        return db_set_error(db, DB_ERR_INVALID, "公示天数 %d 天少于规定的 %d 天 (notice too short)",
                            n->days, configured);
    if (n->approval_date[0] && !date_normalise(n->approval_date, adate))
        return db_set_error(db, DB_ERR_INVALID, "批文日期“%s”不存在 (invalid approval date)",
                            n->approval_date);
    snprintf(n->start, sizeof n->start, "%s", day);
    snprintf(n->end, sizeof n->end, "%s", end);
    snprintf(n->approval_date, sizeof n->approval_date, "%s", adate);
    sqlite3_stmt *st = db_stmt(db, "UPDATE notices SET start_date = ?2, days = ?3, end_date = ?4, "
        "year = ?5, place = ?6, phone = ?7, publisher = ?8, approval_no = ?9, approval_date = ?10, "
        "updated_at = " DB_STAMP_NOW " WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, n->id);
    sqlite3_bind_text(st, 2, n->start, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, n->days);
    sqlite3_bind_text(st, 4, n->end, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, atoi(n->start));
    sqlite3_bind_text(st, 6, n->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, n->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, n->publisher, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, n->approval_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, n->approval_date, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存公示");
    n->year = atoi(n->start);
    /* Remembered for the next notice of the same scope (the plain keys are
     * read by project notices). */
    char key[64];
    if (n->place[0]) {
        db_setting_set_text(db, WFS_SET_PLACE, n->place);
        db_setting_set_text(db, area_key(key, sizeof key, WFS_SET_PLACE, n->area), n->place);
    }
    if (n->phone[0]) db_setting_set_text(db, WFS_SET_PHONE, n->phone);
    if (n->publisher[0]) {
        db_setting_set_text(db, WFS_SET_PUBLISHER, n->publisher);
        db_setting_set_text(db, area_key(key, sizeof key, WFS_SET_PUBLISHER, n->area), n->publisher);
    }
    return DB_OK;
}

enum db_err wfs_notice_delete(struct db *db, int64_t id)
{
    struct wfs_notice n;
    enum db_err err = notice_draft_only(db, id, &n);
    if (err != DB_OK)
        return err;
    return exec_ids(db, "UPDATE notices SET deleted = 1, deleted_at = " DB_TEXT_NOW " WHERE id = ?1", id, 0, "删除公示");
}

#define LISTED_COLS \
    "SELECT h.id, h.group_name, h.head_name, coalesce(h.hh_no, ''), h.state, " \
    "coalesce((SELECT id_no FROM members m WHERE m.household_id = h.id AND m.deleted = 0 " \
    " ORDER BY ordinal LIMIT 1), ''), " \
    "(SELECT count(*) FROM objections o WHERE o.household_id = h.id AND o.resolution = 0 AND o.deleted = 0), " \
    "coalesce((SELECT name FROM areas a WHERE a.code = h.village), '') "

/* Survey figures of a listed household: type, cause, per-capita income. */
static void listed_survey(struct db *db, struct wfs_listed *l, struct household *hh)
{
    if (db_household_load(db, l->household_id, 0, hh) != DB_OK)
        return;
    l->n_members = hh->n_members;
    l->hh_type = hh->survey.hh_type;
    l->main_cause = hh->survey.main_cause ? hh->survey.main_cause : hh->app.main_cause;
    l->per_capita = hh->survey.year ? income_per_capita(&hh->survey, hh->n_members) : 0;
}

static enum db_err listed_rows(struct db *db, sqlite3_stmt *st, struct wfs_listed *out,
                               size_t max, size_t *n, int with_list)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct wfs_listed *l = &out[(*n)++];
        memset(l, 0, sizeof *l);
        l->household_id = sqlite3_column_int64(st, 0);
        db_copy_text(l->group_name, sizeof l->group_name, db_col(st, 1));
        db_copy_text(l->head_name, sizeof l->head_name, db_col(st, 2));
        db_copy_text(l->hh_no, sizeof l->hh_no, db_col(st, 3));
        l->state = sqlite3_column_int(st, 4);
        db_copy_text(l->head_id, sizeof l->head_id, db_col(st, 5));
        l->open_objections = sqlite3_column_int(st, 6);
        db_copy_text(l->village_name, sizeof l->village_name, db_col(st, 7));
        if (with_list) {
            l->ordinal = sqlite3_column_int(st, 8);
            db_copy_text(l->remark, sizeof l->remark, db_col(st, 9));
        } else {
            l->ordinal = (int)*n;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取公示名单");
    /* After the scan: db_household_load uses statements of its own. */
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    for (size_t i = 0; i < *n; i++)
        listed_survey(db, &out[i], hh);
    free(hh);
    return DB_OK;
}

enum db_err wfs_notice_list(struct db *db, int64_t notice_id, struct wfs_listed *out,
                            size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, LISTED_COLS ", nh.ordinal, nh.remark FROM notice_households nh "
                                   "JOIN households h ON h.id = nh.household_id WHERE nh.notice_id = ?1 "
                                   "ORDER BY nh.ordinal, h.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    return listed_rows(db, st, out, max, n, 1);
}

enum db_err wfs_notice_candidates(struct db *db, int64_t notice_id, struct wfs_listed *out,
                                  size_t max, size_t *n)
{
    *n = 0;
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, LISTED_COLS "FROM households h WHERE h.deleted = 0 AND h.state = ?2 "
                                   "AND h.village LIKE ?3 || '%' AND NOT EXISTS (SELECT 1 FROM "
                                   "notice_households nh WHERE nh.notice_id = ?1 AND nh.household_id = h.id) "
                                   "ORDER BY" DB_HH_ORDER("h"));
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int(st, 2, wfs_notice_source_state(nt.kind, nt.round));
    sqlite3_bind_text(st, 3, nt.area, -1, SQLITE_TRANSIENT);
    return listed_rows(db, st, out, max, n, 0);
}

enum db_err wfs_notice_add(struct db *db, int64_t notice_id, int64_t hh_id, const char *remark)
{
    struct wfs_notice nt;
    struct hh_basic b;
    enum db_err err = notice_draft_only(db, notice_id, &nt);
    if (err == DB_OK)
        err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state src = wfs_notice_source_state(nt.kind, nt.round);
    if (b.state != (int)src)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 本公示只能列入「%s」的户",
                            b.head, wf_state_label(b.state), wf_state_label(src));
    if (strncmp(b.village, nt.area, strlen(nt.area)) != 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 不在本公示范围内", b.head);
    if (nt.kind == NK_ADJUST && !nonblank(remark))
        return db_set_error(db, DB_ERR_INVALID, "%s: 清退须录入书面原因 (备注)", b.head);
    if (q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1 AND household_id = ?2",
              notice_id, hh_id, 0) > 0)
        return DB_OK;
    return list_insert(db, notice_id, hh_id, remark);
}

enum db_err wfs_notice_remove(struct db *db, int64_t notice_id, int64_t hh_id)
{
    struct wfs_notice nt;
    enum db_err err = notice_draft_only(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    return exec_ids(db, "DELETE FROM notice_households WHERE notice_id = ?1 AND household_id = ?2", notice_id,
                    hh_id, "移出公示名单");
}

/* Household ids of a notice's list, in list order (malloc'd). */
static enum db_err list_ids(struct db *db, int64_t notice_id, int64_t **ids, size_t *n)
{
    *n = 0;
    size_t cap = (size_t)q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1",
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
    err = exec_ids(db, closing ? "UPDATE notices SET closed = 1, updated_at = " DB_STAMP_NOW " WHERE id = ?1"
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

/* One text from a query with ?1 = a, ?2..?4 = ints; "" when none. */
static void q_text(struct db *db, const char *sql, int64_t a, int b, int c, int d, char *out, size_t sz)
{
    out[0] = '\0';
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, a);
    int n = sqlite3_bind_parameter_count(st);
    if (n >= 2) sqlite3_bind_int(st, 2, b);
    if (n >= 3) sqlite3_bind_int(st, 3, c);
    if (n >= 4) sqlite3_bind_int(st, 4, d);
    if (sqlite3_step(st) == SQLITE_ROW)
        db_copy_text(out, sz, db_col(st, 0));
    sqlite3_reset(st);
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
        q_text(db, "SELECT coalesce(max(m.meeting_date), '') FROM meetings m JOIN notices n ON n.area = m.village "
                   "WHERE n.id = ?1 AND m.kind = ?2 AND m.year = ?3 AND m.deleted = 0",
               id, NK_EXIT, nt.year, 0, nf->meeting_date, sizeof nf->meeting_date);
    if (nt.round == 1 && (nt.kind == NK_IDENTIFY || nt.kind == NK_EXIT))
        q_text(db, "SELECT coalesce(max(m.meeting_date), '') FROM notice_households nh "
                   "JOIN votes v ON v.household_id = nh.household_id AND v.project_id IS NULL "
                   "JOIN meetings m ON m.id = v.meeting_id WHERE nh.notice_id = ?1 AND m.kind = ?2 "
                   "AND m.year = ?3 AND m.deleted = 0 AND v.votes_for + v.votes_against + v.votes_abstain > 0",
               id, nt.kind, nt.year, 0, nf->meeting_date, sizeof nf->meeting_date);
    if (nt.round >= 2)
        q_text(db, "SELECT coalesce(max(n2.end_date), '') FROM notice_households nh "
                   "JOIN notice_households nh2 ON nh2.household_id = nh.household_id "
                   "JOIN notices n2 ON n2.id = nh2.notice_id WHERE nh.notice_id = ?1 AND n2.kind = ?2 "
                   "AND n2.round = ?3 AND n2.year = ?4 AND n2.posted = 1 AND n2.deleted = 0",
               id, nt.kind, nt.round - 1, nt.year, nf->prev_end, sizeof nf->prev_end);
    if (nt.posted) {
        q_text(db, "SELECT posted_on FROM notice_sheets WHERE notice_id = ?1", id, 0, 0, 0,
               nf->posted_on, sizeof nf->posted_on);
        if (late_reason && late_sz)
            q_text(db, "SELECT late_reason FROM notice_sheets WHERE notice_id = ?1", id, 0, 0, 0,
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
    today(t);
    return wf_notice_over(t, n->end);
}

enum db_err wfs_notice_post(struct db *db, int64_t notice_id, const char *late_reason)
{
    struct wfs_notice nt;
    enum db_err err = notice_draft_only(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    char t[11];
    today(t);
    if (nt.n_households == 0 && nt.kind != NK_VILLAGE_EXIT)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示名单为空, 不能张贴 (empty list)");
    if (strcmp(nt.start, t) > 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "开始日期 %s 在今天 (%s) 之后, 到开始日期再张贴",
                            nt.start, t);
    if (nt.round == 3 && (!nonblank(nt.approval_no) || !nt.approval_date[0]))
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
    today(t);
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
                report_add(names, sizeof names, "%s%s", names[0] ? "、" : "", db_col(st, 0));
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
        err = hh_basic(db, ids[i], &b);
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
            report_add(report, sz, "%s: 暂不能转为「%s」: %s\n", b.head, wf_state_label(to), why);
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
                report_add(report, sz, "%s: 已建档立卡, 户编号 %s\n", b.head, hh_no);
            else
                report_add(report, sz, "%s: 转为「%s」\n", b.head, wf_state_label(to));
        }
    }
    free(ids);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (waiting && (on == WF_NOTICE1 || on == WF_NOTICE3 || on == WF_EXIT_NOTICE3))
        report_add(report, sz, "本轮公示已结束: %d 户转入下一步, %d 户待补齐条件 (见上) 后转入\n", moved, waiting);
    else if (waiting)
        report_add(report, sz, "本轮公示已结束: %d 户留在「%s」, 列入下一榜公示张贴时转入\n", waiting,
                   wf_state_label(on));
    else
        report_add(report, sz, "本轮公示已结束: %d 户转入下一步\n", moved);
    return db_commit(db);
}

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
        : o->village[0] || q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1 "
                                     "AND household_id = ?2", o->notice_id, o->household_id, 0) == 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, nt.kind == NK_VILLAGE_EXIT ? "异议须针对本公示出列的村"
                                                                             : "该户不在本公示名单上");
    char day[11];
    if (!day_or_today(o->received, day))
        return db_set_error(db, DB_ERR_INVALID, "收到日期“%s”不存在 (invalid date)", o->received);
    if (!nonblank(o->content))
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
    if (!nonblank(checker) || !nonblank(result))
        return db_set_error(db, DB_ERR_INVALID, "须填写核查人和核查结果");
    char day[11];
    if (!day_or_today(date, day))
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
        err = hh_basic(db, o.household_id, &b);
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
    enum db_err err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    if (b.state != WF_NOTICE1)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 回访核查只对一榜公示中的户",
                            b.head, wf_state_label(b.state));
    if (!nonblank(checker))
        return db_set_error(db, DB_ERR_INVALID, "须填写核查人");
    char day[11], end[11];
    if (!day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "核查日期“%s”不存在 (invalid date)", date);
    int64_t notice = current_notice(db, hh_id, WF_NOTICE1, end);
    if (!notice)
        return db_set_error(db, DB_ERR_NOTFOUND, "%s: 未找到本户的一榜公示", b.head);
    /* 张榜公示期满后 (seed 002 篇2 4): the rule of core/checks.c. */
    struct recheck_facts rf;
    memset(&rf, 0, sizeof rf);
    snprintf(rf.date, sizeof rf.date, "%s", day);
    snprintf(rf.notice_end, sizeof rf.notice_end, "%s", end);
    q_text(db, "SELECT start_date FROM notices WHERE id = ?1", notice, 0, 0, 0, rf.notice_start,
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
    snprintf(why, sizeof why, "核查人 %s%s%s", checker, nonblank(result) ? ", " : "",
             nonblank(result) ? result : "");
    if (err == DB_OK && !passed) {
        char r[360];
        snprintf(r, sizeof r, "乡镇回访核查未通过 (%s)", why);
        err = wfs_move(db, hh_id, WF_REJECTED, day, r);
    } else if (err == DB_OK) {
        char t[11];
        today(t);
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
    enum db_err err = hh_basic(db, hh_id, &b);
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

/* ---- exits ------------------------------------------------------------ */

int wfs_exit_passes(const struct wfs_exit *e, char *why, size_t whysz)
{
    char fail[300] = "";
    if (e->survey_missing)
        report_add(fail, sizeof fail, "%d年尚无入户调查", e->year);
    else if (!e->line_found || e->exit_line <= 0)
        report_add(fail, sizeof fail, "%s未设置该年度退出线", fail[0] ? "、" : "");
    else if (e->per_capita < e->exit_line) {
        char a[32], b[32];
        money_format(e->per_capita, a, sizeof a);
        money_format(e->exit_line, b, sizeof b);
        report_add(fail, sizeof fail, "%s年人均纯收入 %s 元低于退出线 %s 元", fail[0] ? "、" : "", a, b);
    }
    static const char *const names[] = { "不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障",
                                         "住房安全有保障", "饮水安全有保障" };
    const int ok[] = { e->food, e->clothing, e->education, e->medical, e->housing, e->water };
    for (int i = 0; i < 6; i++)
        if (!ok[i])
            report_add(fail, sizeof fail, "%s%s未通过", fail[0] ? "、" : "", names[i]);
    if (why && whysz)
        snprintf(why, whysz, "%s", fail);
    return fail[0] == '\0';
}

enum db_err wfs_exit_prefill(struct db *db, int64_t hh_id, int year, struct wfs_exit *out)
{
    memset(out, 0, sizeof *out);
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = db_household_load(db, hh_id, year, hh);
    if (err != DB_OK) {
        free(hh);
        return err;
    }
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct line lines[256];
    size_t nl = 0;
    if (db_lines(db, lines, 256, &nl) == DB_OK && nl > 0) {
        cc.lines = lines;
        cc.n_lines = nl;
    }
    db_labour_ages(db, &cc.labour);
    /* The exit year's own survey, or none: measured against that year's line. */
    if (year && !hh->survey.year) {
        memset(&hh->survey, 0, sizeof hh->survey);
        hh->survey.year = year;
        out->survey_missing = 1;
    }
    struct exit_criteria ec;
    checks_exit_criteria(&cc, hh, &ec);
    out->household_id = hh_id;
    out->year = ec.year;
    out->per_capita = ec.per_capita;
    out->exit_line = ec.exit_line;
    out->line_found = ec.line_found;
    out->food = ec.food;
    out->clothing = ec.clothing;
    out->education = ec.education;
    out->medical = ec.medical;
    out->housing = ec.housing;
    out->water = ec.water;
    snprintf(out->education_note, sizeof out->education_note, "%s", ec.education_note);
    snprintf(out->medical_note, sizeof out->medical_note, "%s", ec.medical_note);
    today(out->check_date);
    free(hh);
    return DB_OK;
}

enum db_err wfs_exit_get(struct db *db, int64_t hh_id, int year, struct wfs_exit *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db, "SELECT id, year, route, per_capita, exit_line, food, clothing, "
        "education, medical, housing, water, check_date, checker, exit_date, NOT EXISTS (SELECT 1 "
        "FROM surveys s WHERE s.household_id = exits.household_id AND s.year = exits.year) FROM exits "
        "WHERE household_id = ?1 AND deleted = 0 AND (?2 = 0 OR year = ?2) ORDER BY year DESC LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->household_id = hh_id;
        out->year = sqlite3_column_int(st, 1);
        out->route = sqlite3_column_int(st, 2);
        out->per_capita = sqlite3_column_int64(st, 3);
        out->exit_line = sqlite3_column_int64(st, 4);
        out->line_found = out->exit_line > 0;
        out->food = sqlite3_column_int(st, 5);
        out->clothing = sqlite3_column_int(st, 6);
        out->education = sqlite3_column_int(st, 7);
        out->medical = sqlite3_column_int(st, 8);
        out->housing = sqlite3_column_int(st, 9);
        out->water = sqlite3_column_int(st, 10);
        db_copy_text(out->check_date, sizeof out->check_date, db_col(st, 11));
        db_copy_text(out->checker, sizeof out->checker, db_col(st, 12));
        db_copy_text(out->exit_date, sizeof out->exit_date, db_col(st, 13));
        out->survey_missing = sqlite3_column_int(st, 14);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return DB_ERR_NOTFOUND;     /* not an error to report: no Form G yet */
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取脱贫退出核查");
}

enum db_err wfs_exit_save(struct db *db, struct wfs_exit *e)
{
    if (db_require_role(db, ROLE_REVIEWER, "保存脱贫退出") != DB_OK)
        return DB_ERR_DENIED;
    struct hh_basic b;
    enum db_err err = hh_basic(db, e->household_id, &b);
    if (err != DB_OK)
        return err;
    if (!codes_label(CL_EXIT_ROUTE, e->route)[0])
        return db_set_error(db, DB_ERR_INVALID, "请选择脱贫途径 (exit route)");
    if (e->year < 1949 || e->year > 2100)
        return db_set_error(db, DB_ERR_INVALID, "年度 %d 无效 (year)", e->year);
    char day[11] = "";
    if (e->check_date[0] && !date_normalise(e->check_date, day))
        return db_set_error(db, DB_ERR_INVALID, "核查日期“%s”不存在 (invalid date)", e->check_date);
    snprintf(e->check_date, sizeof e->check_date, "%s", day);
    struct wfs_exit old;
    int64_t id = wfs_exit_get(db, e->household_id, e->year, &old) == DB_OK ? old.id : 0;
    sqlite3_stmt *st = db_stmt(db, id
        ? "UPDATE exits SET route = ?3, per_capita = ?4, exit_line = ?5, food = ?6, clothing = ?7, "
          "education = ?8, medical = ?9, housing = ?10, water = ?11, check_date = ?12, checker = ?13, "
          "updated_at = " DB_STAMP_NOW " WHERE id = ?1"
        : "INSERT INTO exits(household_id, year, route, per_capita, exit_line, food, clothing, education, "
          "medical, housing, water, check_date, checker) VALUES (?2, ?14, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "?10, ?11, ?12, ?13)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, e->household_id);
    sqlite3_bind_int(st, 3, e->route);
    sqlite3_bind_int64(st, 4, e->per_capita);
    sqlite3_bind_int64(st, 5, e->exit_line);
    sqlite3_bind_int(st, 6, !!e->food);
    sqlite3_bind_int(st, 7, !!e->clothing);
    sqlite3_bind_int(st, 8, !!e->education);
    sqlite3_bind_int(st, 9, !!e->medical);
    sqlite3_bind_int(st, 10, !!e->housing);
    sqlite3_bind_int(st, 11, !!e->water);
    sqlite3_bind_text(st, 12, e->check_date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, e->checker, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, e->year);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存脱贫退出核查");
    e->id = id ? id : sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err wfs_relapse(struct db *db, int64_t hh_id, const char *date, const char *reason)
{
    struct hh_basic b;
    enum db_err err = hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    if (b.state != WF_EXITED)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 只有已脱贫户可登记返贫",
                            b.head, wf_state_label(b.state));
    if (!nonblank(reason))
        return db_set_error(db, DB_ERR_INVALID, "%s: 返贫须填写原因", b.head);
    return wfs_move(db, hh_id, WF_APPLIED, date, reason);
}

enum db_err wfs_household_notices(struct db *db, int64_t hh_id, struct wfs_hh_notice *out,
                                  size_t max, size_t *n)
{
    *n = 0;
    int64_t ids[256];
    size_t k = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT n.id FROM notices n JOIN notice_households nh ON "
                                   "nh.notice_id = n.id WHERE nh.household_id = ?1 AND n.deleted = 0 "
                                   "ORDER BY n.start_date, n.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    while (sqlite3_step(st) == SQLITE_ROW && k < 256 && k < max)
        ids[k++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    for (size_t i = 0; i < k; i++) {
        struct wfs_notice nt;
        enum db_err err = wfs_notice_get(db, ids[i], &nt);
        if (err != DB_OK)
            return err;
        struct wfs_hh_notice *h = &out[(*n)++];
        memset(h, 0, sizeof *h);
        h->notice_id = nt.id;
        h->kind = nt.kind;
        h->round = nt.round;
        h->posted = nt.posted;
        h->closed = nt.closed;
        snprintf(h->start, sizeof h->start, "%s", nt.start);
        snprintf(h->end, sizeof h->end, "%s", nt.end);
        wfs_notice_title(&nt, h->title, sizeof h->title);
        h->objections = (int)q_int(db, "SELECT count(*) FROM objections WHERE notice_id = ?1 AND "
                                       "household_id = ?2 AND deleted = 0", nt.id, hh_id, 0);
        h->open_objections = (int)q_int(db, "SELECT count(*) FROM objections WHERE notice_id = ?1 AND "
                                            "household_id = ?2 AND deleted = 0 AND resolution = 0",
                                        nt.id, hh_id, 0);
    }
    return DB_OK;
}

/* ---- the date rules over the whole file (`fupin check`) -------------- */

struct wfs_check_run {
    struct db *db;
    const struct check_ctx *cc;
    wfs_check_fn fn;
    void *ud;
    size_t errors, warnings;
};

static void check_report(struct wfs_check_run *r, int64_t hh, const char *subject,
                         const struct check_result *res, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (res[i].def->level == CHECK_ERROR) r->errors++; else r->warnings++;
        if (r->fn)
            r->fn(r->ud, hh, subject, &res[i]);
    }
}

static enum db_err check_notices(struct wfs_check_run *r)
{
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = db_stmt(r->db, "SELECT id FROM notices WHERE posted = 1 AND deleted = 0 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *more = realloc(ids, (cap ? cap * 2 : 64) * sizeof *ids);
            if (!more)
                break;
            ids = more;
            cap = cap ? cap * 2 : 64;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    enum db_err err = DB_OK;
    for (size_t i = 0; i < n && err == DB_OK; i++) {
        struct notice_facts nf;
        char late[TEXT_BYTES(200)];
        err = wfs_notice_facts(r->db, ids[i], &nf, late, sizeof late);
        if (err != DB_OK)
            break;
        nf.configured_days = nf.days;   /* its length was checked against the setting of its day */
        struct wfs_notice nt;
        char subject[360], title[300];
        if ((err = wfs_notice_get(r->db, ids[i], &nt)) != DB_OK)
            break;
        wfs_notice_title(&nt, title, sizeof title);
        snprintf(subject, sizeof subject, "公示 %lld %s", (long long)ids[i], title);
        struct check_result res[16];
        check_report(r, 0, subject, res, checks_run_notice(r->cc, &nf, res, 16));
    }
    free(ids);
    return err;
}

static enum db_err check_rechecks(struct wfs_check_run *r)
{
    sqlite3_stmt *st = db_stmt(r->db,
        "SELECT r.household_id, r.date, n.start_date, n.end_date, h.head_name FROM rechecks r "
        "JOIN notices n ON n.id = r.notice_id JOIN households h ON h.id = r.household_id "
        "WHERE r.deleted = 0 ORDER BY r.id");
    if (!st)
        return DB_ERR_IO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct recheck_facts rf;
        memset(&rf, 0, sizeof rf);
        db_copy_text(rf.date, sizeof rf.date, db_col(st, 1));
        db_copy_text(rf.notice_start, sizeof rf.notice_start, db_col(st, 2));
        db_copy_text(rf.notice_end, sizeof rf.notice_end, db_col(st, 3));
        char subject[200];
        snprintf(subject, sizeof subject, "%s", db_col(st, 4));
        struct check_result res[4];
        check_report(r, sqlite3_column_int64(st, 0), subject, res, checks_run_recheck(r->cc, &rf, res, 4));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(r->db, rc, "检查回访核查");
}

/* One household's history at a time, streamed in (household, id) order. */
static enum db_err check_histories(struct wfs_check_run *r)
{
    sqlite3_stmt *st = db_stmt(r->db,
        "SELECT s.household_id, s.from_state, s.to_state, s.date, h.head_name FROM state_history s "
        "JOIN households h ON h.id = s.household_id WHERE h.deleted = 0 ORDER BY s.household_id, s.id");
    if (!st)
        return DB_ERR_IO;
    struct history_step steps[256];
    size_t n = 0;
    int64_t cur = 0;
    char head[TEXT_BYTES(NAME_CHARS)] = "";
    int rc;
    for (;;) {
        rc = sqlite3_step(st);
        int64_t hh = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        if (n && (rc != SQLITE_ROW || hh != cur)) {
            struct history_facts hf = { steps, n };
            struct check_result res[8];
            check_report(r, cur, head, res, checks_run_history(r->cc, &hf, res, 8));
            n = 0;
        }
        if (rc != SQLITE_ROW)
            break;
        cur = hh;
        db_copy_text(head, sizeof head, db_col(st, 4));
        if (n < sizeof steps / sizeof *steps) {
            steps[n].from = sqlite3_column_int(st, 1);
            steps[n].to = sqlite3_column_int(st, 2);
            db_copy_text(steps[n].date, sizeof steps[n].date, db_col(st, 3));
            n++;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(r->db, rc, "检查状态记录");
}

enum db_err wfs_check_all(struct db *db, const struct check_ctx *cc, wfs_check_fn fn, void *ud,
                          size_t *errors, size_t *warnings)
{
    struct wfs_check_run r = { db, cc, fn, ud, 0, 0 };
    enum db_err err = check_notices(&r);
    if (err == DB_OK)
        err = check_rechecks(&r);
    if (err == DB_OK)
        err = check_histories(&r);
    if (errors) *errors = r.errors;
    if (warnings) *warnings = r.warnings;
    return err;
}
