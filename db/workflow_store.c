/* workflow_store.c — state moves (every move goes through wfs_move()), the
 * household's notices, relapse, and the date rules over the file; the helpers
 * the wfs_*.c files share (db/wfs_priv.h).  Meetings, notices, objections and
 * exits are in db/wfs_*.c. */
#include "db/workflow_store.h"
#include "db/operators.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/household_store.h"
#include "db/record.h"
#include "db/wfs_priv.h"

void wfs_report_add(char *report, size_t sz, const char *fmt, ...)
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

void wfs_today(char out[11])
{
    clock_today(out);
}

/* "" = today; else normalised.  0 when not a date. */
int wfs_day_or_today(const char *in, char out[11])
{
    if (!in || !*in) {
        wfs_today(out);
        return 1;
    }
    return date_normalise(in, out);
}

/* One integer from a query with up to two int64 parameters; def when no row. */
long long wfs_q_int(struct db *db, const char *sql, int64_t a, int64_t b, long long def)
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
enum db_err wfs_exec_ids(struct db *db, const char *sql, int64_t a, int64_t b, const char *what)
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
const char *wfs_area_key(char *out, size_t sz, const char *base, const char *area)
{
    snprintf(out, sz, "%s.%.12s", base, area);
    return out;
}

/* ---- household basics ----------------------------------------------- */

enum db_err wfs_hh_basic(struct db *db, int64_t id, struct hh_basic *out)
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
int64_t wfs_current_notice(struct db *db, int64_t hh, enum wf_state s, char end[11])
{
    int kind = state_kind(s), round = wf_notice_round(s);
    if (end) end[0] = '\0';
    if (!kind || !round)
        return 0;
    return listing_notice(db, hh, kind, round, 0, end, NULL, 0, NULL, NULL);
}

int wfs_nonblank(const char *s)
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
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state from = (enum wf_state)b.state;
    int64_t cur = wfs_current_notice(db, hh_id, from, f->notice_end);
    (void)cur;
    f->open_objections = (int)wfs_q_int(db, "SELECT count(*) FROM objections WHERE household_id = ?1 "
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
        f->removal_reason = next && wfs_nonblank(remark);
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
        f->exclusion_override = wfs_nonblank(db_col(st, 1));
        f->surveyors = wfs_nonblank(db_col(st, 2)) + wfs_nonblank(db_col(st, 3));
        f->signed_household = sqlite3_column_int(st, 4);
        f->signed_cadre = sqlite3_column_int(st, 5);
        f->signed_surveyor = sqlite3_column_int(st, 6);
    }
    sqlite3_reset(st);
    /* Form A of this year: a relapse or a new application needs a signed one. */
    f->application_signed = (int)wfs_q_int(db, "SELECT signed_by_applicant FROM applications "
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
        int64_t n1 = wfs_current_notice(db, hh_id, from, NULL);
        f->recheck_passed = (int)wfs_q_int(db, "SELECT passed FROM rechecks WHERE household_id = ?1 "
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
    if (wfs_hh_basic(db, hh_id, &b) != DB_OK || wfs_facts(db, hh_id, to, &f) != DB_OK) {
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
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    char day[11];
    if (!wfs_day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", date);
    if ((to == WF_REJECTED || to == WF_WITHDRAWN) && !wfs_nonblank(reason))
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
    snprintf(text, sizeof text, "%s%s%s", t ? t->event : "", wfs_nonblank(reason) ? ": " : "",
             wfs_nonblank(reason) ? reason : "");
    return db_state_change(db, hh_id, to, day, text);
}

/* One text from a query with ?1 = a, ?2..?4 = ints; "" when none. */
void wfs_q_text(struct db *db, const char *sql, int64_t a, int b, int c, int d, char *out, size_t sz)
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

enum db_err wfs_relapse(struct db *db, int64_t hh_id, const char *date, const char *reason)
{
    struct hh_basic b;
    enum db_err err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    if (b.state != WF_EXITED)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 只有已脱贫户可登记返贫",
                            b.head, wf_state_label(b.state));
    if (!wfs_nonblank(reason))
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
        h->objections = (int)wfs_q_int(db, "SELECT count(*) FROM objections WHERE notice_id = ?1 AND "
                                       "household_id = ?2 AND deleted = 0", nt.id, hh_id, 0);
        h->open_objections = (int)wfs_q_int(db, "SELECT count(*) FROM objections WHERE notice_id = ?1 AND "
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
