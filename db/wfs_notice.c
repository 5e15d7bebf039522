/* wfs_notice.c — 公示 notices: drafting, editing, deleting, and their lists of
 * households (see workflow_store.h). */
#include "db/workflow_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/household_store.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/wfs_priv.h"

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
    /* Under the area, or covering it: a village's clerk looks for the
     * township's 二榜 and the county's 三榜 that list its households too. */
    sqlite3_stmt *st = db_stmt(db, NOTICE_COLS "WHERE n.deleted = 0 AND n.kind <> 4 AND (n.area LIKE ?1 || '%' "
                                   "OR (?1 <> '' AND ?1 LIKE n.area || '%')) ORDER BY n.start_date DESC, n.id DESC");
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

/* One household added to a draft's list (wfs_notice_add): after the last. */
static enum db_err list_insert(struct db *db, int64_t notice_id, int64_t hh_id, const char *remark)
{
    int ord = (int)wfs_q_int(db, "SELECT coalesce(max(ordinal), 0) + 1 FROM notice_households "
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

/* The list of a new draft: every household under `area` in state src,
 * numbered 1, 2, ... in DB_HH_ORDER.  One statement, so it is listed whole or
 * not at all: the ids used to be gathered in a growing array first, and a
 * failed realloc cut the list short and committed the rest; and each row
 * asked max(ordinal) of the rows before it, quadratic on a county's list. */
static enum db_err draft_list(struct db *db, int64_t notice_id, enum wf_state src, const char *area)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notice_households(notice_id, household_id, ordinal, remark) "
                                   "SELECT ?1, id, row_number() OVER (ORDER BY" DB_HH_ORDER("households") "), '' "
                                   "FROM households WHERE deleted = 0 AND state = ?2 AND village LIKE ?3 || '%'");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, notice_id);
    sqlite3_bind_int(st, 2, src);
    sqlite3_bind_text(st, 3, area, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "列入公示名单");
}

/* Place, phone and publisher of a new notice of area a.  Place and publisher
 * are the scope's own (a village committee does not publish the county's
 * list); the supervision phone is the township's. */
static void draft_defaults(struct db *db, const struct area *a, struct wfs_notice *n)
{
    char key[64];
    db_setting_text(db, wfs_area_key(key, sizeof key, WFS_SET_PLACE, n->area), n->place, sizeof n->place);
    db_setting_text(db, WFS_SET_PHONE, n->phone, sizeof n->phone);
    db_setting_text(db, wfs_area_key(key, sizeof key, WFS_SET_PUBLISHER, n->area), n->publisher,
                    sizeof n->publisher);
    if (!n->publisher[0])
        snprintf(n->publisher, sizeof n->publisher, "%s%s", a->name,
                 a->level == AREA_VILLAGE ? "村民委员会" : a->level == AREA_TOWNSHIP ? "人民政府"
                 : "扶贫开发领导小组办公室");
    if (!n->place[0])
        snprintf(n->place, sizeof n->place, "%s", a->level == AREA_VILLAGE ? "村委会公示栏" : "政务公开栏");
}

/* The notice row of a new draft; n->id gets its id. */
static enum db_err draft_insert(struct db *db, struct wfs_notice *n)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notices(kind, round, area, year, start_date, days, "
        "end_date, place, phone, publisher) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, n->kind);
    sqlite3_bind_int(st, 2, n->round);
    sqlite3_bind_text(st, 3, n->area, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, n->year);
    sqlite3_bind_text(st, 5, n->start, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, n->days);
    sqlite3_bind_text(st, 7, n->end, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, n->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, n->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, n->publisher, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "新建公示");
    n->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
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
    struct wfs_notice n;
    memset(&n, 0, sizeof n);
    if (!wfs_day_or_today(start, n.start))
        return db_set_error(db, DB_ERR_INVALID, "开始日期“%s”不存在 (invalid start date)", start);
    struct area a;
    if (!area || db_area_get(db, area, &a) != DB_OK)
        return db_set_error(db, DB_ERR_INVALID, "公示范围“%s”不是已登记的地区 (area)", area ? area : "");
    n.days = (int)db_setting_int(db, SET_NOTICE_DAYS, 7);
    if (n.days < 1 || !wf_notice_end(n.start, n.days, n.end))
        return db_set_error(db, DB_ERR_INVALID, "公示天数 %d 无效 (notice days)", n.days);
    n.kind = kind;
    n.round = round;
    n.year = atoi(n.start);
    snprintf(n.area, sizeof n.area, "%s", area);
    draft_defaults(db, &a, &n);
    /* The notice and its list in one transaction: a draft is never saved
     * with part of its list. */
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = draft_insert(db, &n);
    if (err == DB_OK && kind != NK_ADJUST && !village_exit)
        err = draft_list(db, n.id, src, n.area);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    if (id)
        *id = n.id;
    return db_commit(db);
}

enum db_err wfs_notice_draft_only(struct db *db, int64_t id, struct wfs_notice *n)
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
    enum db_err err = wfs_notice_draft_only(db, n->id, &old);
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
        db_setting_set_text(db, wfs_area_key(key, sizeof key, WFS_SET_PLACE, n->area), n->place);
    }
    if (n->phone[0]) db_setting_set_text(db, WFS_SET_PHONE, n->phone);
    if (n->publisher[0]) {
        db_setting_set_text(db, WFS_SET_PUBLISHER, n->publisher);
        db_setting_set_text(db, wfs_area_key(key, sizeof key, WFS_SET_PUBLISHER, n->area), n->publisher);
    }
    return DB_OK;
}

enum db_err wfs_notice_delete(struct db *db, int64_t id)
{
    struct wfs_notice n;
    enum db_err err = wfs_notice_draft_only(db, id, &n);
    if (err != DB_OK)
        return err;
    return wfs_exec_ids(db, "UPDATE notices SET deleted = 1, deleted_at = " DB_TEXT_NOW " WHERE id = ?1", id, 0, "删除公示");
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
    enum db_err err = wfs_notice_draft_only(db, notice_id, &nt);
    if (err == DB_OK)
        err = wfs_hh_basic(db, hh_id, &b);
    if (err != DB_OK)
        return err;
    enum wf_state src = wfs_notice_source_state(nt.kind, nt.round);
    if (b.state != (int)src)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 处于「%s」, 本公示只能列入「%s」的户",
                            b.head, wf_state_label(b.state), wf_state_label(src));
    if (strncmp(b.village, nt.area, strlen(nt.area)) != 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s 不在本公示范围内", b.head);
    if (nt.kind == NK_ADJUST && !wfs_nonblank(remark))
        return db_set_error(db, DB_ERR_INVALID, "%s: 清退须录入书面原因 (备注)", b.head);
    if (wfs_q_int(db, "SELECT count(*) FROM notice_households WHERE notice_id = ?1 AND household_id = ?2",
              notice_id, hh_id, 0) > 0)
        return DB_OK;
    return list_insert(db, notice_id, hh_id, remark);
}

enum db_err wfs_notice_remove(struct db *db, int64_t notice_id, int64_t hh_id)
{
    struct wfs_notice nt;
    enum db_err err = wfs_notice_draft_only(db, notice_id, &nt);
    if (err != DB_OK)
        return err;
    return wfs_exec_ids(db, "DELETE FROM notice_households WHERE notice_id = ?1 AND household_id = ?2", notice_id,
                    hh_id, "移出公示名单");
}
