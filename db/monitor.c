/* monitor.c — 防返贫监测 in the store (db/monitor.h). */
#include "db/monitor.h"
#include "db/record.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/settings.h"

#define MAX_TURNS 16
#define MAX_EVENTS 32
#define MAX_PROPOSALS 48

void db_monitor_settings(struct db *db, struct monitor_settings *out)
{
    out->margin_pct = (int)db_setting_int(db, SET_MONITOR_MARGIN_PCT, MONITOR_MARGIN_PCT_DEFAULT);
    out->event_loss_min = db_setting_int(db, SET_MONITOR_EVENT_LOSS, MONITOR_EVENT_LOSS_DEFAULT);
    out->stale_months = (int)db_setting_int(db, SET_MONITOR_STALE_MONTHS, MONITOR_STALE_MONTHS_DEFAULT);
}

enum db_err db_monitor_set_settings(struct db *db, const struct monitor_settings *ms)
{
    enum db_err err = db_require_role(db, ROLE_ADMIN, "修改监测设置");
    if (err != DB_OK)
        return err;
    if (ms->margin_pct < 100 || ms->margin_pct > 300)
        return db_set_error_at(db, DB_ERR_INVALID, "margin_pct",
                               "边缘易致贫户的收入线应为贫困线的 100%% 到 300%%，不是 %d%%", ms->margin_pct);
    if (ms->event_loss_min < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "event_loss_min", "突发事件损失金额不能为负数");
    if (ms->stale_months < 1 || ms->stale_months > 24)
        return db_set_error_at(db, DB_ERR_INVALID, "stale_months",
                               "未落实措施的提醒期限应为 1 到 24 个月，不是 %d 个月", ms->stale_months);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    err = db_setting_set_int(db, SET_MONITOR_MARGIN_PCT, ms->margin_pct);
    if (err == DB_OK)
        err = db_setting_set_int(db, SET_MONITOR_EVENT_LOSS, ms->event_loss_min);
    if (err == DB_OK)
        err = db_setting_set_int(db, SET_MONITOR_STALE_MONTHS, ms->stale_months);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

/* ---- records --------------------------------------------------------------- */

#define RECORD_COLS "id, household_id, category, risk, identified, measures, measure1, measure2, " \
                    "measure3, cleared, clear_reason, cause, note"

static void read_record(sqlite3_stmt *st, int c, struct monitor_record *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, c);
    r->household_id = sqlite3_column_int64(st, c + 1);
    r->category = sqlite3_column_int(st, c + 2);
    r->risk = sqlite3_column_int(st, c + 3);
    db_col_text(st, c + 4, r->identified, sizeof r->identified);
    db_col_text(st, c + 5, r->measures, sizeof r->measures);
    for (int i = 0; i < MONITOR_MEASURES; i++)
        r->measure[i] = sqlite3_column_int(st, c + 6 + i);
    db_col_text(st, c + 9, r->cleared, sizeof r->cleared);
    db_col_text(st, c + 10, r->clear_reason, sizeof r->clear_reason);
    db_col_text(st, c + 11, r->cause, sizeof r->cause);
    db_col_text(st, c + 12, r->note, sizeof r->note);
}

static enum db_err one_record(struct db *db, const char *sql, int64_t key, struct monitor_record *out)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_record(st, 0, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有这条监测记录 (no such monitoring record)");
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取监测记录");
}

enum db_err db_monitor_get(struct db *db, int64_t id, struct monitor_record *out)
{
    return one_record(db, "SELECT " RECORD_COLS " FROM monitor_records WHERE id = ?1", id, out);
}

enum db_err db_monitor_open_of(struct db *db, int64_t household_id, struct monitor_record *out)
{
    return one_record(db, "SELECT " RECORD_COLS " FROM monitor_records "
                          "WHERE household_id = ?1 AND cleared = ''", household_id, out);
}

/* A second open record of a household is refused naming the open one. */
static enum db_err refuse_second_open(struct db *db, const struct monitor_record *r)
{
    struct monitor_record open;
    enum db_err err = db_monitor_open_of(db, r->household_id, &open);
    if (err == DB_ERR_NOTFOUND || (err == DB_OK && open.id == r->id))
        return DB_OK;
    if (err != DB_OK)
        return err;
    return db_set_error_at(db, DB_ERR_CONSTRAINT, "category",
        "该户已有未消除的监测记录 (第 %lld 号, %s, %s, %s 识别)，一户只能有一条在监测的记录；"
        "请先在该记录上办理风险消除", (long long)open.id, codes_label(CL_MONITOR_KIND, open.category),
        codes_label(CL_RISK, open.risk), open.identified);
}

static enum db_err write_record(struct db *db, struct monitor_record *r)
{
    sqlite3_stmt *st = db_stmt(db, r->id
        ? "UPDATE monitor_records SET category = ?2, risk = ?3, identified = ?4, measures = ?5, "
          "measure1 = ?6, measure2 = ?7, measure3 = ?8, cleared = ?9, clear_reason = ?10, "
          "note = ?12, updated_at = " DB_STAMP_NOW " WHERE id = ?1"
        : "INSERT INTO monitor_records(household_id, category, risk, identified, measures, measure1, "
          "measure2, measure3, cleared, clear_reason, cause, note) "
          "VALUES (?13, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, r->category);
    sqlite3_bind_int(st, 3, r->risk);
    sqlite3_bind_text(st, 4, r->identified, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, r->measures, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < MONITOR_MEASURES; i++)
        sqlite3_bind_int(st, 6 + i, r->measure[i]);
    sqlite3_bind_text(st, 9, r->cleared, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, r->clear_reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 11, r->cause, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 12, r->note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 13, r->household_id);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存监测记录");
    if (!r->id)
        r->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

/* The checks and the write of one record, inside the caller's transaction. */
static enum db_err save_checked(struct db *db, struct monitor_record *r)
{
    char today[11], d[11];
    clock_today(today);
    const char *field = NULL;
    const char *why = monitor_record_error(r, today, &field);
    if (why)
        return db_set_error_at(db, DB_ERR_INVALID, field ? field : "", "%s", why);
    date_normalise(r->identified, d);
    memcpy(r->identified, d, sizeof d);
    if (r->cleared[0] && date_normalise(r->cleared, d))
        memcpy(r->cleared, d, sizeof d);
    if (r->id) {
        struct monitor_record was;
        enum db_err err = db_monitor_get(db, r->id, &was);
        if (err != DB_OK)
            return err;
        if (was.cleared[0])
            return db_set_error(db, DB_ERR_CONSTRAINT, "该监测记录已于 %s 风险消除，不能再修改", was.cleared);
        if (was.household_id != r->household_id)
            return db_set_error(db, DB_ERR_INVALID, "监测记录不能改到另一户 (household changed)");
        snprintf(r->cause, sizeof r->cause, "%s", was.cause);
    }
    enum db_err err = refuse_second_open(db, r);
    return err == DB_OK ? write_record(db, r) : err;
}

enum db_err db_monitor_save(struct db *db, struct monitor_record *r)
{
    enum db_err err = db_require_role(db, ROLE_CLERK, "录入监测记录");
    if (err != DB_OK)
        return err;
    /* 消除 is the 审核员's: a clerk's save never closes a record. */
    if (r->cleared[0] && (err = db_require_role(db, ROLE_REVIEWER, "办理风险消除")) != DB_OK)
        return err;
    int64_t was_id = r->id;
    if ((err = db_begin(db)) != DB_OK)
        return err;
    err = save_checked(db, r);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    r->id = was_id;
    return err;
}

enum db_err db_monitor_clear(struct db *db, int64_t id, const char *date, const char *reason)
{
    enum db_err err = db_require_role(db, ROLE_REVIEWER, "办理风险消除");
    if (err != DB_OK)
        return err;
    struct monitor_record r;
    if ((err = db_monitor_get(db, id, &r)) != DB_OK)
        return err;
    if (r.cleared[0])
        return db_set_error(db, DB_ERR_CONSTRAINT, "该监测记录已于 %s 风险消除", r.cleared);
    char today[11];
    clock_today(today);
    const char *field = NULL;
    const char *why = monitor_clear_error(r.identified, date, reason, today, &field);
    if (why)
        return db_set_error_at(db, DB_ERR_INVALID, field ? field : "", "%s", why);
    date_normalise(date, r.cleared);
    snprintf(r.clear_reason, sizeof r.clear_reason, "%s", reason);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    err = write_record(db, &r);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

/* ---- the facts of the rules --------------------------------------------------- */

/* Members of an exited household whose 健康状况 became 患有大病 / 残疾 after
 * the exit, from the audit log: the member row was inserted or its health
 * updated to the value it still has, in an audit row later than the one that
 * recorded the exit's date.  Recording order, not wall-clock: a file built in
 * one afternoon (the demo, an import) orders the same as one keyed over years. */
/* The audit row that gave column `col` of row `id` of `tbl` the value it has
 * now: the last update that changed it, else the insert.  (An insert's row
 * keeps no image of the values since issue 14 — the record holds them until
 * its first update — so "the row whose new value is the present one" is
 * asked this way, and holds for both encodings.) */
#define SET_BY(tbl, id, col) \
    "coalesce((SELECT max(u.id) FROM audit u WHERE u.tbl = '" tbl "' AND u.row_id = " id \
    " AND u.action = 'update' AND json_type(u.new, '$." col "') IS NOT NULL), " \
    "(SELECT min(i.id) FROM audit i WHERE i.tbl = '" tbl "' AND i.row_id = " id " AND i.action = 'insert'))"

static enum db_err health_turns(struct db *db, int64_t hh, struct monitor_turn *out, size_t max,
                                size_t *n)
{
    *n = 0;
    /* Members first: most exited households have none 大病/残疾, and then
     * the audit log is not read at all (a county file: 18 000 exited). */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT m.id, m.name, m.health, m.id_no, (SELECT substr(a.at, 1, 10) FROM audit a "
        "   WHERE a.id = " SET_BY("members", "m.id", "health")
        "   AND a.id > " SET_BY("exits", "(SELECT e.id FROM exits e WHERE e.household_id = ?1 "
        "       AND e.deleted = 0 AND e.exit_date <> '' ORDER BY e.exit_date DESC LIMIT 1)", "exit_date") ") "
        "FROM members m WHERE m.household_id = ?1 AND m.deleted = 0 AND m.health IN (3, 4) "
        "ORDER BY m.ordinal");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 4) == SQLITE_NULL || *n >= max)
            continue;
        struct monitor_turn *t = &out[(*n)++];
        memset(t, 0, sizeof *t);
        t->member_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, t->name, sizeof t->name);
        t->health = sqlite3_column_int(st, 2);
        db_col_text(st, 3, t->id_no, sizeof t->id_no);
        db_col_text(st, 4, t->date, sizeof t->date);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取成员健康状况变化");
}

enum db_err db_events_of(struct db *db, int64_t household_id, struct monitor_event *out,
                         size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, household_id, date, kind, loss, note FROM hh_events "
                                   "WHERE household_id = ?1 AND deleted = 0 ORDER BY date, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct monitor_event *e = &out[(*n)++];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(st, 0);
        e->household_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, e->date, sizeof e->date);
        e->kind = sqlite3_column_int(st, 3);
        e->loss = sqlite3_column_int64(st, 4);
        db_col_text(st, 5, e->note, sizeof e->note);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取突发事件");
}

/* 1 when the cause was decided for the household (a record or a dismissal). */
static int decided(struct db *db, int64_t hh, const char *cause, enum db_err *err)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT EXISTS (SELECT 1 FROM monitor_records WHERE household_id = ?1 AND cause = ?2) "
        "OR EXISTS (SELECT 1 FROM monitor_dismissals WHERE household_id = ?1 AND cause = ?2)");
    if (!st) {
        *err = DB_ERR_IO;
        return 1;
    }
    sqlite3_bind_int64(st, 1, hh);
    sqlite3_bind_text(st, 2, cause, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        *err = db_fail(db, rc, "读取监测研判记录");
    return yes;
}

/* The rules' facts of a household: state, latest survey and its line,
 * health turns, events.  hh is scratch space of the caller. */
static enum db_err gather(struct db *db, int64_t id, struct household *hh, const struct line *lines,
                          size_t n_lines, const struct monitor_settings *ms, struct monitor_facts *f,
                          struct monitor_turn *turns, struct monitor_event *events)
{
    memset(f, 0, sizeof *f);
    enum db_err err = db_household_load_latest_survey(db, id, hh);
    if (err != DB_OK)
        return err;
    clock_today(f->today);
    f->state = hh->state;
    f->margin_pct = ms->margin_pct;
    f->event_loss_min = ms->event_loss_min;
    if (hh->survey.year) {
        f->survey_year = hh->survey.year;
        snprintf(f->survey_date, sizeof f->survey_date, "%s", hh->survey.survey_date);
        f->per_capita = income_per_capita(&hh->survey, hh->n_members);
        f->line_found = lines_lookup(lines, n_lines, hh->survey.year,
                                     hh->survey.standard ? hh->survey.standard : STD_NATIONAL,
                                     LINE_POVERTY, &f->line);
    }
    f->turns = turns;
    f->events = events;
    if (f->state == WF_EXITED)
        err = health_turns(db, id, turns, MAX_TURNS, &f->n_turns);
    if (err == DB_OK)
        err = db_events_of(db, id, events, MAX_EVENTS, &f->n_events);
    return err;
}

/* Scratch for the proposals of one household. */
struct scratch {
    struct household hh;
    struct line lines[256];
    size_t n_lines;
    struct monitor_settings ms;
    struct monitor_turn turns[MAX_TURNS];
    struct monitor_event events[MAX_EVENTS];
    struct monitor_proposal props[MAX_PROPOSALS];
};

static struct scratch *scratch_new(struct db *db, enum db_err *err)
{
    struct scratch *s = malloc(sizeof *s);
    if (!s) {
        *err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        return NULL;
    }
    db_monitor_settings(db, &s->ms);
    *err = db_lines(db, s->lines, 256, &s->n_lines);
    return s;
}

/* The waiting proposals of household id into s->props; *n = count. */
static enum db_err waiting(struct db *db, struct scratch *s, int64_t id, size_t *n)
{
    *n = 0;
    struct monitor_record open;
    enum db_err err = db_monitor_open_of(db, id, &open);
    if (err == DB_OK)
        return DB_OK;               /* monitored already */
    if (err != DB_ERR_NOTFOUND)
        return err;
    struct monitor_facts f;
    err = gather(db, id, &s->hh, s->lines, s->n_lines, &s->ms, &f, s->turns, s->events);
    if (err != DB_OK)
        return err;
    size_t k = monitor_propose(&f, s->props, MAX_PROPOSALS);
    if (k > MAX_PROPOSALS)
        k = MAX_PROPOSALS;
    for (size_t i = 0; i < k && err == DB_OK; i++)
        if (!decided(db, id, s->props[i].cause, &err))
            s->props[(*n)++] = s->props[i];
    return err;
}

enum db_err db_monitor_proposals_of(struct db *db, int64_t household_id,
                                    struct monitor_proposal *out, size_t max, size_t *n)
{
    *n = 0;
    enum db_err err;
    struct scratch *s = scratch_new(db, &err);
    size_t k = 0;
    if (err == DB_OK)
        err = waiting(db, s, household_id, &k);
    for (size_t i = 0; err == DB_OK && i < k && i < max; i++)
        out[(*n)++] = s->props[i];
    free(s);
    return err;
}

/* The waiting proposal of `cause`, or a refusal saying it no longer stands. */
static enum db_err find_waiting(struct db *db, int64_t hh, const char *cause, struct monitor_proposal *p)
{
    struct monitor_proposal props[MAX_PROPOSALS];
    size_t n = 0;
    enum db_err err = db_monitor_proposals_of(db, hh, props, MAX_PROPOSALS, &n);
    for (size_t i = 0; err == DB_OK && i < n; i++)
        if (strcmp(props[i].cause, cause) == 0) {
            *p = props[i];
            return DB_OK;
        }
    if (err != DB_OK)
        return err;
    return db_set_error(db, DB_ERR_CONSTRAINT, "这条监测提示已不存在（已研判、该户已在监测中或数据已变化），"
                        "请刷新列表 (proposal %s no longer stands)", cause);
}

enum db_err db_monitor_accept(struct db *db, int64_t household_id, const char *cause, int64_t *id)
{
    enum db_err err = db_require_role(db, ROLE_REVIEWER, "研判监测提示");
    if (err != DB_OK)
        return err;
    if ((err = db_begin(db)) != DB_OK)
        return err;
    struct monitor_proposal p;
    err = find_waiting(db, household_id, cause, &p);
    struct monitor_record r;
    memset(&r, 0, sizeof r);
    if (err == DB_OK) {
        r.household_id = household_id;
        r.category = p.category;
        r.risk = p.risk;
        clock_today(r.identified);
        snprintf(r.cause, sizeof r.cause, "%s", p.cause);
        snprintf(r.note, sizeof r.note, "%s", p.why);
        err = save_checked(db, &r);
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (id)
        *id = r.id;
    return db_commit(db);
}

enum db_err db_monitor_dismiss(struct db *db, int64_t household_id, const char *cause,
                               const char *reason)
{
    enum db_err err = db_require_role(db, ROLE_REVIEWER, "研判监测提示");
    if (err != DB_OK)
        return err;
    if (!reason || !reason[strspn(reason, " \t")])
        return db_set_error_at(db, DB_ERR_INVALID, "reason", "不纳入监测须写明理由");
    if ((err = db_begin(db)) != DB_OK)
        return err;
    struct monitor_proposal p;
    err = find_waiting(db, household_id, cause, &p);
    sqlite3_stmt *st = err == DB_OK ? db_stmt(db,
        "INSERT INTO monitor_dismissals(household_id, cause, reason, date, operator) "
        "VALUES (?1, ?2, ?3, ?4, ?5)") : NULL;
    if (err == DB_OK && !st)
        err = DB_ERR_IO;
    if (err == DB_OK) {
        char today[11];
        clock_today(today);
        sqlite3_bind_int64(st, 1, household_id);
        sqlite3_bind_text(st, 2, cause, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, db_operator(db), -1, SQLITE_TRANSIENT);
        int rc = db_step_done(st);
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "保存不予监测理由");
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

/* ---- 突发事件 ----------------------------------------------------------------- */

enum db_err db_event_add(struct db *db, struct monitor_event *ev)
{
    enum db_err err = db_require_role(db, ROLE_CLERK, "录入突发事件");
    if (err != DB_OK)
        return err;
    char today[11], d[11];
    clock_today(today);
    if (!date_normalise(ev->date, d))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "事件日期不是有效日期 (YYYY-MM-DD)");
    if (strcmp(d, today) > 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "事件日期 %s 晚于今天 %s", d, today);
    if (!codes_label(CL_RISK, ev->kind)[0])
        return db_set_error_at(db, DB_ERR_INVALID, "kind", "请选择事件类型");
    if (ev->loss < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "loss", "损失金额不能为负数");
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO hh_events(household_id, date, kind, loss, note) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return DB_ERR_IO;
    memcpy(ev->date, d, sizeof d);
    sqlite3_bind_int64(st, 1, ev->household_id);
    sqlite3_bind_text(st, 2, ev->date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, ev->kind);
    sqlite3_bind_int64(st, 4, ev->loss);
    sqlite3_bind_text(st, 5, ev->note, -1, SQLITE_TRANSIENT);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存突发事件");
    ev->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

/* ---- the list ------------------------------------------------------------------ */

static void read_household(sqlite3_stmt *st, struct monitor_row *row)
{
    memset(row, 0, sizeof *row);
    row->household_id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, row->village_code, sizeof row->village_code);
    db_col_text(st, 2, row->village_name, sizeof row->village_name);
    db_col_text(st, 3, row->group_name, sizeof row->group_name);
    db_col_text(st, 4, row->hh_no, sizeof row->hh_no);
    db_col_text(st, 5, row->head_name, sizeof row->head_name);
    db_col_text(st, 6, row->head_id, sizeof row->head_id);
    row->n_members = sqlite3_column_int(st, 7);
    row->state = sqlite3_column_int(st, 8);
}

/* Households that may have rows: a record, or a watched state (the rules
 * decide).  Read whole first: the proposals use statements of their own. */
static enum db_err list_households(struct db *db, const char *area, int mask, struct monitor_row **out,
                                   size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, h.village, coalesce(a.name, ''), h.group_name, coalesce(h.hh_no, ''), h.head_name, "
        " coalesce((SELECT m.id_no FROM members m WHERE m.household_id = h.id AND m.deleted = 0 "
        "   ORDER BY m.ordinal LIMIT 1), ''), h.n_members, h.state "
        "FROM households h LEFT JOIN areas a ON a.code = h.village "
        "WHERE h.deleted = 0 AND (?1 = '' OR h.village LIKE ?1 || '%') AND ("
        "  (?2 AND h.state IN (0, 9, 10, 15, 17)) OR EXISTS (SELECT 1 FROM monitor_records r "
        "   WHERE r.household_id = h.id)) "
        "ORDER BY" DB_HH_ORDER("h"));
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, (mask & MON_LIST_PROPOSED) != 0);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t bigger = cap ? cap * 2 : 64;
            struct monitor_row *rows = realloc(*out, bigger * sizeof **out);
            if (!rows) {
                sqlite3_reset(st);
                return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
            }
            *out = rows;
            cap = bigger;
        }
        read_household(st, &(*out)[(*n)++]);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取监测户");
}

/* The household's records of the mask's statuses, newest first, to fn. */
static enum db_err list_records(struct db *db, struct monitor_row *row, int mask, int *stop,
                                int (*fn)(void *ud, const struct monitor_row *row), void *ud)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " RECORD_COLS " FROM monitor_records WHERE household_id = ?1 "
                                   "ORDER BY cleared <> '', identified DESC, id DESC");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, row->household_id);
    /* Read all first: fn may call back into the store. */
    struct monitor_record recs[64];
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 64)
        read_record(st, 0, &recs[n++]);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(db, rc, "读取监测记录");
    row->is_proposal = 0;
    for (size_t i = 0; i < n && !*stop; i++) {
        if (!(mask & (recs[i].cleared[0] ? MON_LIST_CLOSED : MON_LIST_OPEN)))
            continue;
        row->rec = recs[i];
        *stop = fn(ud, row);
    }
    return DB_OK;
}

enum db_err db_monitor_list(struct db *db, const char *area, int mask,
                            int (*fn)(void *ud, const struct monitor_row *row), void *ud)
{
    struct monitor_row *rows = NULL;
    size_t n = 0;
    enum db_err err = list_households(db, area, mask, &rows, &n);
    struct scratch *s = err == DB_OK ? scratch_new(db, &err) : NULL;
    int stop = 0;
    for (size_t i = 0; err == DB_OK && !stop && i < n; i++) {
        struct monitor_row *row = &rows[i];
        size_t k = 0;
        if ((mask & MON_LIST_PROPOSED) && monitor_state_watched(row->state))
            err = waiting(db, s, row->household_id, &k);
        row->is_proposal = 1;
        for (size_t j = 0; err == DB_OK && j < k && !stop; j++) {
            row->prop = s->props[j];
            stop = fn(ud, row);
        }
        if (err == DB_OK && !stop && (mask & (MON_LIST_OPEN | MON_LIST_CLOSED)))
            err = list_records(db, row, mask, &stop, fn, ud);
    }
    free(s);
    free(rows);
    return err;
}

/* ---- fupin check ----------------------------------------------------------------- */

enum db_err db_monitor_check_all(struct db *db, const struct check_ctx *cc, monitor_check_fn fn,
                                 void *ud, size_t *warnings)
{
    if (warnings)
        *warnings = 0;
    /* The file's setting rules; the context's value stands in when unset. */
    struct check_ctx c = *cc;
    c.monitor_stale_months = (int)db_setting_int(db, SET_MONITOR_STALE_MONTHS,
        cc->monitor_stale_months > 0 ? cc->monitor_stale_months : MONITOR_STALE_MONTHS_DEFAULT);
    sqlite3_stmt *st = db_stmt(db,
        "SELECT r.household_id, h.head_name, coalesce(h.hh_no, ''), r.identified, r.measures, "
        " r.measure1, r.measure2, r.measure3, r.id FROM monitor_records r "
        "JOIN households h ON h.id = r.household_id WHERE r.cleared = '' ORDER BY r.id");
    if (!st)
        return DB_ERR_IO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct monitor_record r;
        memset(&r, 0, sizeof r);
        db_col_text(st, 4, r.measures, sizeof r.measures);
        for (int i = 0; i < MONITOR_MEASURES; i++)
            r.measure[i] = sqlite3_column_int(st, 5 + i);
        struct monitor_check_facts mf;
        memset(&mf, 0, sizeof mf);
        db_col_text(st, 3, mf.identified, sizeof mf.identified);
        mf.has_measures = monitor_has_measures(&r);
        struct check_result rs[4];
        size_t k = checks_run_monitor(&c, &mf, rs, 4);
        if (warnings)
            *warnings += k;
        char subject[200];
        snprintf(subject, sizeof subject, "户主 %s%s%s 监测记录第 %lld 号", (const char *)sqlite3_column_text(st, 1),
                 sqlite3_column_bytes(st, 2) ? " 户编号 " : "", (const char *)sqlite3_column_text(st, 2),
                 (long long)sqlite3_column_int64(st, 8));
        for (size_t i = 0; fn && i < k; i++)
            fn(ud, sqlite3_column_int64(st, 0), subject, &rs[i]);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "检查监测记录");
}
