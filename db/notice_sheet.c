/* notice_sheet.c — a notice as printed, and its frozen copy (see notice_sheet.h). */
#include "db/notice_sheet.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/idno.h"
#include "db/record.h"
#include "db/workflow_store.h"

static enum db_err oom(struct db *db)
{
    return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
}

void notice_sheet_free(struct notice_sheet *s)
{
    if (!s)
        return;
    free(s->rows);
    s->rows = NULL;
    s->n = 0;
}

/* ---- the words of the printed notice --------------------------------- */

static const char *const ROUND_WORDS[] = { "", "第一榜", "第二榜", "第三榜" };

static const char *round_words(const struct notice_sheet *s)
{
    return s->round >= 1 && s->round <= 3 ? ROUND_WORDS[s->round] : "";
}

void notice_sheet_name(const struct notice_sheet *s, char *out, size_t outsz)
{
    const char *kind = s->kind == NK_EXIT ? "退出" : "识别";
    if (s->kind == NK_ADJUST)
        snprintf(out, outsz, "清退公示");
    else if (s->kind == NK_PROJECT)
        snprintf(out, outsz, "项目公示");
    else if (s->kind == NK_VILLAGE_EXIT)
        snprintf(out, outsz, "贫困村出列公示");
    else
        snprintf(out, outsz, "%s公示_%s", *round_words(s) ? round_words(s) : "", kind);
}

void notice_date_words(const char *date, char *out, size_t outsz)
{
    int y, m, d;
    if (date && strlen(date) == 10 && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(out, outsz, "%d年%d月%d日", y, m, d);
    else
        snprintf(out, outsz, "%s", date ? date : "");
}

/* What the list rests on, by kind and round (the 三榜公示 procedure). */
static const char *intro_basis(const struct notice_sheet *s)
{
    static const char *const identify[] = {
        "", "经农户申请、村民小组评议和村民代表大会民主评议", "经乡镇人民政府审核",
        "经县扶贫开发领导小组审定" };
    static const char *const exits[] = {
        "", "经入户核实、村民代表大会民主评议", "经乡镇人民政府审核", "经县扶贫开发领导小组审定" };
    int r = s->round >= 1 && s->round <= 3 ? s->round : 1;
    switch (s->kind) {
    case NK_IDENTIFY: return identify[r];
    case NK_EXIT:     return exits[r];
    case NK_ADJUST:   return "经入户核实、村民代表大会民主评议，以下农户不再符合扶贫对象条件";
    case NK_VILLAGE_EXIT: return "经贫困村出列核查、村民代表大会民主评议";
    default:          return "经村民代表大会评议、乡镇审核";
    }
}

void notice_sheet_intro(const struct notice_sheet *s, char *out, size_t outsz)
{
    char what[120], from[32], to[32];
    switch (s->kind) {
    case NK_IDENTIFY: snprintf(what, sizeof what, "扶贫对象识别%s名单", round_words(s)); break;
    case NK_EXIT:     snprintf(what, sizeof what, "贫困户脱贫退出%s名单", round_words(s)); break;
    case NK_ADJUST:   snprintf(what, sizeof what, "扶贫对象清退名单"); break;
    case NK_VILLAGE_EXIT: snprintf(what, sizeof what, "本村拟退出贫困村（出列）"); break;
    default:          snprintf(what, sizeof what, "扶贫项目（一户一增收、住房建设补助）名单"); break;
    }
    notice_date_words(s->start, from, sizeof from);
    notice_date_words(s->end, to, sizeof to);
    /* Two ideographic spaces: a Chinese paragraph's first-line indent. */
    snprintf(out, outsz, "\u3000\u3000%s，现将%s予以公示。公示期自%s至%s，共 %d 天。公示期内如有异议，"
             "请向发布单位实名反映。", intro_basis(s), what, from, to, s->days);
}

/* ---- built from the households now ------------------------------------ */

static void header_live(const struct wfs_notice *nt, struct notice_sheet *s)
{
    memset(s, 0, sizeof *s);
    s->notice_id = nt->id;
    s->kind = nt->kind;
    s->round = nt->round;
    wfs_notice_title(nt, s->title, sizeof s->title);
    /* A township or county list spans villages: 村民小组 becomes 所在村组. */
    snprintf(s->group_header, sizeof s->group_header, "%s",
             strlen(nt->area) < AREA_CODE_LEN ? "所在村组" : "村民小组");
    snprintf(s->start, sizeof s->start, "%s", nt->start);
    snprintf(s->end, sizeof s->end, "%s", nt->end);
    s->days = nt->days;
    snprintf(s->place, sizeof s->place, "%s", nt->place);
    snprintf(s->phone, sizeof s->phone, "%s", nt->phone);
    snprintf(s->publisher, sizeof s->publisher, "%s", nt->publisher);
    if (nt->round >= 2 && (nt->approval_no[0] || nt->approval_date[0]))
        snprintf(s->approval_label, sizeof s->approval_label, "%s",
                 nt->round == 3 ? "县级确认批文" : "乡镇审核");
    snprintf(s->approval_no, sizeof s->approval_no, "%s", nt->approval_no);
    snprintf(s->approval_date, sizeof s->approval_date, "%s", nt->approval_date);
}

/* The project a project notice lists for row r (notice_households.project_id). */
static void row_project(struct db *db, int64_t notice_id, struct notice_row *r)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT p.kind, p.content, p.amount, p.partner_name, p.partner_type "
                                   "FROM notice_households nh JOIN projects p ON p.id = nh.project_id "
                                   "WHERE nh.notice_id = ?1 AND nh.household_id = ?2");
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int64(st, 2, r->household_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        db_copy_text(r->project_kind, sizeof r->project_kind,
                     codes_label(CL_PROJECT, sqlite3_column_int(st, 0)));
        db_copy_text(r->project_content, sizeof r->project_content, db_col(st, 1));
        r->project_amount = sqlite3_column_int64(st, 2);
        const char *type = codes_label(CL_PARTNER, sqlite3_column_int(st, 4));
        char partner[sizeof r->partner * 2];
        snprintf(partner, sizeof partner, "%s%s%s%s", db_col(st, 3), type[0] ? " (" : "", type,
                 type[0] ? ")" : "");
        db_copy_text(r->partner, sizeof r->partner, partner);
    }
    sqlite3_reset(st);
}

static void row_live(struct db *db, const struct wfs_notice *nt, const struct wfs_listed *l,
                     int many, size_t i, struct notice_row *r)
{
    memset(r, 0, sizeof *r);
    r->household_id = l->household_id;
    r->ordinal = (int)i + 1;
    char group[sizeof l->village_name + sizeof l->group_name];
    snprintf(group, sizeof group, "%s%s", many ? l->village_name : "", l->group_name);
    db_copy_text(r->group, sizeof r->group, group);
    db_copy_text(r->head_name, sizeof r->head_name, l->head_name);
    r->n_members = l->n_members;
    idno_mask(l->head_id, r->id_masked);
    db_copy_text(r->hh_type, sizeof r->hh_type, codes_label(CL_HH_TYPE, l->hh_type));
    db_copy_text(r->cause, sizeof r->cause, codes_label(CL_CAUSE, l->main_cause));
    r->per_capita = l->per_capita;
    db_copy_text(r->remark, sizeof r->remark, l->remark);
    if (!r->remark[0] && nt->kind == NK_EXIT) {
        /* An exit list says how the household got out (Form G). */
        struct wfs_exit ex;
        if (wfs_exit_get(db, l->household_id, 0, &ex) == DB_OK && ex.route) {
            char s[sizeof r->remark + 32];
            snprintf(s, sizeof s, "脱贫途径: %s", codes_label(CL_EXIT_ROUTE, ex.route));
            db_copy_text(r->remark, sizeof r->remark, s);
        }
    }
    if (nt->kind == NK_PROJECT)
        row_project(db, nt->id, r);
}

enum db_err notice_sheet_live(struct db *db, int64_t notice_id, struct notice_sheet *out)
{
    memset(out, 0, sizeof *out);
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    size_t cap = (size_t)nt.n_households + 1, n = 0;
    struct wfs_listed *listed = calloc(cap, sizeof *listed);
    if (!listed)
        return oom(db);
    err = wfs_notice_list(db, notice_id, listed, cap, &n);
    if (err == DB_OK) {
        header_live(&nt, out);
        out->rows = calloc(n + 1, sizeof *out->rows);
        if (!out->rows)
            err = oom(db);
    }
    int many = strlen(nt.area) < AREA_CODE_LEN;
    for (size_t i = 0; err == DB_OK && i < n; i++)
        row_live(db, &nt, &listed[i], many, i, &out->rows[out->n++]);
    free(listed);
    if (err != DB_OK)
        notice_sheet_free(out);
    return err;
}

/* ---- stored at posting ------------------------------------------------- */

#define SHEET_COLS "title, group_header, start_date, days, end_date, place, phone, publisher, " \
                   "approval_label, approval_no, approval_date, posted_on, late_reason"
#define ROW_COLS "ordinal, household_id, group_name, head_name, n_members, id_masked, hh_type, cause, " \
                 "per_capita, remark, project_kind, project_content, project_amount, partner"

/* 1 when a stored header was read into s (kind, round, id already set). */
static int header_stored(struct db *db, struct notice_sheet *s)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " SHEET_COLS " FROM notice_sheets WHERE notice_id = ?1");
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, s->notice_id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        db_col_text(st, 0, s->title, sizeof s->title);
        db_col_text(st, 1, s->group_header, sizeof s->group_header);
        db_col_text(st, 2, s->start, sizeof s->start);
        s->days = sqlite3_column_int(st, 3);
        db_col_text(st, 4, s->end, sizeof s->end);
        db_col_text(st, 5, s->place, sizeof s->place);
        db_col_text(st, 6, s->phone, sizeof s->phone);
        db_col_text(st, 7, s->publisher, sizeof s->publisher);
        db_col_text(st, 8, s->approval_label, sizeof s->approval_label);
        db_col_text(st, 9, s->approval_no, sizeof s->approval_no);
        db_col_text(st, 10, s->approval_date, sizeof s->approval_date);
        db_col_text(st, 11, s->posted_on, sizeof s->posted_on);
        db_col_text(st, 12, s->late_reason, sizeof s->late_reason);
    }
    sqlite3_reset(st);
    return found;
}

static enum db_err rows_stored(struct db *db, struct notice_sheet *s)
{
    size_t cap = 64;
    s->rows = calloc(cap, sizeof *s->rows);
    if (!s->rows)
        return oom(db);
    sqlite3_stmt *st = db_stmt(db, "SELECT " ROW_COLS " FROM notice_sheet_rows WHERE notice_id = ?1 "
                                   "ORDER BY ordinal");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, s->notice_id);
    int rc;
    enum db_err err = DB_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (s->n == cap) {
            struct notice_row *more = realloc(s->rows, 2 * cap * sizeof *more);
            if (!more) {
                err = oom(db);
                break;
            }
            s->rows = more;
            cap *= 2;
        }
        struct notice_row *r = &s->rows[s->n++];
        memset(r, 0, sizeof *r);
        r->ordinal = sqlite3_column_int(st, 0);
        r->household_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, r->group, sizeof r->group);
        db_col_text(st, 3, r->head_name, sizeof r->head_name);
        r->n_members = sqlite3_column_int(st, 4);
        db_col_text(st, 5, r->id_masked, sizeof r->id_masked);
        db_col_text(st, 6, r->hh_type, sizeof r->hh_type);
        db_col_text(st, 7, r->cause, sizeof r->cause);
        r->per_capita = sqlite3_column_int64(st, 8);
        db_col_text(st, 9, r->remark, sizeof r->remark);
        db_col_text(st, 10, r->project_kind, sizeof r->project_kind);
        db_col_text(st, 11, r->project_content, sizeof r->project_content);
        r->project_amount = sqlite3_column_int64(st, 12);
        db_col_text(st, 13, r->partner, sizeof r->partner);
    }
    sqlite3_reset(st);
    if (err == DB_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        err = db_fail(db, rc, "读取已张贴的公示名单");
    return err;
}

enum db_err notice_sheet_load(struct db *db, int64_t notice_id, struct notice_sheet *out)
{
    memset(out, 0, sizeof *out);
    struct wfs_notice nt;
    enum db_err err = wfs_notice_get(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    out->notice_id = notice_id;
    out->kind = nt.kind;
    out->round = nt.round;
    if (!nt.posted || !header_stored(db, out))
        return notice_sheet_live(db, notice_id, out);
    out->frozen = 1;
    err = rows_stored(db, out);
    if (err != DB_OK)
        notice_sheet_free(out);
    return err;
}

static enum db_err store_header(struct db *db, const struct notice_sheet *s)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notice_sheets(notice_id, " SHEET_COLS ") VALUES "
                                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!st)
        return DB_ERR_IO;
    const char *texts[] = { s->title, s->group_header, s->start, NULL, s->end, s->place, s->phone,
                            s->publisher, s->approval_label, s->approval_no, s->approval_date,
                            s->posted_on, s->late_reason };
    sqlite3_bind_int64(st, 1, s->notice_id);
    for (int i = 0; i < 13; i++) {
        if (texts[i])
            sqlite3_bind_text(st, i + 2, texts[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_int(st, i + 2, s->days);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "保存已张贴的公示");
}

static enum db_err store_row(struct db *db, int64_t notice_id, const struct notice_row *r)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notice_sheet_rows(notice_id, " ROW_COLS ") VALUES "
                                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int(st, 2, r->ordinal);
    if (r->household_id)
        sqlite3_bind_int64(st, 3, r->household_id);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, r->group, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->head_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, r->n_members);
    sqlite3_bind_text(st, 7, r->id_masked, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, r->hh_type, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, r->cause, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, r->per_capita);
    sqlite3_bind_text(st, 11, r->remark, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, r->project_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, r->project_content, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, r->project_amount);
    sqlite3_bind_text(st, 15, r->partner, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "保存已张贴的公示名单");
}

enum db_err notice_sheet_freeze(struct db *db, int64_t notice_id, const char *posted_on,
                                const char *late_reason)
{
    struct notice_sheet s;
    enum db_err err = notice_sheet_live(db, notice_id, &s);
    if (err != DB_OK)
        return err;
    snprintf(s.posted_on, sizeof s.posted_on, "%s", posted_on ? posted_on : "");
    db_copy_text(s.late_reason, sizeof s.late_reason, late_reason ? late_reason : "");
    err = store_header(db, &s);
    for (size_t i = 0; err == DB_OK && i < s.n; i++)
        err = store_row(db, notice_id, &s.rows[i]);
    notice_sheet_free(&s);
    return err;
}

enum db_err notice_sheet_freeze_all(struct db *db)
{
    /* Ids and posting days first: freezing reuses cached statements.  The
     * day: the listed households' move into the notice ("…: 公示 start 至
     * end", dated by the program's today), else the audit log's clock. */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT n.id, coalesce((SELECT min(sh.date) FROM state_history sh JOIN notice_households nh "
        " ON nh.household_id = sh.household_id WHERE nh.notice_id = n.id "
        " AND sh.reason LIKE '%公示 ' || n.start_date || ' 至 ' || n.end_date || '%'), "
        "(SELECT substr(min(a.at), 1, 10) FROM audit a WHERE a.tbl = 'notices' "
        " AND a.row_id = n.id AND a.action = 'update' AND json_extract(a.new, '$.posted') = 1), '') "
        "FROM notices n WHERE n.posted = 1 AND n.deleted = 0 "
        "AND NOT EXISTS (SELECT 1 FROM notice_sheets s WHERE s.notice_id = n.id) ORDER BY n.id");
    if (!st)
        return DB_ERR_IO;
    size_t cap = 16, n = 0;
    struct { int64_t id; char day[11]; } *todo = malloc(cap * sizeof *todo);
    int rc;
    while (todo && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            void *more = realloc(todo, 2 * cap * sizeof *todo);
            if (!more) {
                free(todo);
                todo = NULL;
                break;
            }
            todo = more;
            cap *= 2;
        }
        todo[n].id = sqlite3_column_int64(st, 0);
        db_copy_text(todo[n].day, sizeof todo[n].day, db_col(st, 1));
        n++;
    }
    sqlite3_reset(st);
    if (!todo)
        return oom(db);
    enum db_err err = DB_OK;
    for (size_t i = 0; err == DB_OK && i < n; i++)
        err = notice_sheet_freeze(db, todo[i].id, todo[i].day, NULL);
    free(todo);
    return err;
}
