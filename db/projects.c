/* projects.c — Form F projects, their steps and payments (see projects.h). */
#include "db/projects.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/record.h"
#include "db/notice_sheet.h"
#include "db/settings.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>


static const char *const LEVEL_LABEL[3] = { "村级核验", "乡镇核验", "县级核验" };

/* A step's date: "" = today; a real date, not in the future.  Returns DB_OK
 * or DB_ERR_INVALID with a message naming the field. */
static enum db_err step_date(struct db *db, const char *label, const char *in, char out[11])
{
    char today[11];
    clock_today(today);
    if (!in || !*in) {
        memcpy(out, today, 11);
        return DB_OK;
    }
    if (!date_normalise(in, out))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "%s “%s” 不是有效日期 (invalid date)", label, in);
    if (strcmp(out, today) > 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "%s %s 晚于今天 %s (date in the future)", label, out, today);
    return DB_OK;
}

/* ---- stages ---------------------------------------------------------------- */

enum project_stage project_stage(const struct project *p)
{
    if (p->amount > 0 && p->paid >= p->amount)
        return PS_PAID;
    if (p->verified[VERIFY_COUNTY][0] && p->verify_passed[VERIFY_COUNTY])
        return PS_VERIFIED;
    if (p->verified[VERIFY_VILLAGE][0])
        return PS_VERIFYING;
    if (p->verify_requested[0])
        return PS_REQUESTED;
    if (p->start_date[0])
        return PS_STARTED;
    if (p->notice_id)
        return PS_NOTICED;
    if (p->approved[0])
        return PS_APPROVED;
    if (p->meeting_id)
        return PS_APPRAISED;
    return PS_APPLIED;
}

const char *project_stage_label(enum project_stage s)
{
    static const char *const labels[] = { "已申请", "已评议", "已审定", "已公示", "已开工",
                                          "待核验", "核验中", "已核验", "已结清" };
    return (unsigned)s < sizeof labels / sizeof *labels ? labels[s] : "";
}

void project_verify_text(const struct check_ctx *cc, const struct project *p, char *out,
                         size_t outsz)
{
    struct project_facts pf;
    memset(&pf, 0, sizeof pf);
    snprintf(pf.verify_requested, sizeof pf.verify_requested, "%s", p->verify_requested);
    snprintf(pf.verified[0], sizeof pf.verified[0], "%s", p->verified[0]);
    char dl[3][11] = { "", "", "" };
    checks_verify_deadlines(cc, &pf, dl[0], dl[1]);
    if (!p->verify_requested[0]) {
        snprintf(out, outsz, "%s", p->start_date[0] ? "未申请验收" : "未开工");
        return;
    }
    size_t len = 0;
    out[0] = '\0';
    for (int l = 0; l < 3 && len < outsz; l++) {
        const char *state;
        char buf[64];
        if (p->verified[l][0]) {
            snprintf(buf, sizeof buf, "%s%s", p->verified[l], p->verify_passed[l] ? "" : " 未通过");
            state = buf;
        } else if (l < 2 && dl[l][0] && strcmp(cc->today, dl[l]) > 0) {
            snprintf(buf, sizeof buf, "逾期(限%s)", dl[l]);
            state = buf;
        } else {
            state = "未核验";
        }
        static const char *const short_label[3] = { "村级", "乡镇", "县级" };
        len += (size_t)snprintf(out + len, outsz - len, "%s%s %s", l ? " / " : "", short_label[l], state);
    }
}

/* ---- loading --------------------------------------------------------------- */

#define PROJECT_COLS \
    "SELECT p.id, p.household_id, p.kind, p.year, p.content, p.partner_name, p.partner_type, " \
    "p.amount, coalesce(p.meeting_id, 0), coalesce(m.meeting_date, ''), coalesce(m.representatives, 0), " \
    "coalesce(v.votes_for, 0), coalesce(v.votes_against, 0), coalesce(v.votes_abstain, 0), " \
    "p.township_approved, coalesce(p.notice_id, 0), coalesce(n.start_date, ''), coalesce(n.days, 0), " \
    "coalesce(n.end_date, ''), p.start_date, p.verify_requested, " \
    "coalesce((SELECT sum(amount) FROM disbursements d WHERE d.project_id = p.id AND d.deleted = 0), 0), " \
    "EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id AND d.deleted = 0 AND d.stage = 1), " \
    "EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id AND d.deleted = 0 AND d.stage = 2) "
#define PROJECT_FROM \
    "FROM projects p LEFT JOIN meetings m ON m.id = p.meeting_id " \
    "LEFT JOIN votes v ON v.meeting_id = p.meeting_id AND v.project_id = p.id " \
    "LEFT JOIN notices n ON n.id = p.notice_id "
#define PROJECT_SELECT PROJECT_COLS PROJECT_FROM

static void read_project(sqlite3_stmt *st, struct project *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->household_id = sqlite3_column_int64(st, 1);
    p->kind = sqlite3_column_int(st, 2);
    p->year = sqlite3_column_int(st, 3);
    db_col_text(st, 4, p->content, sizeof p->content);
    db_col_text(st, 5, p->partner_name, sizeof p->partner_name);
    p->partner_type = sqlite3_column_int(st, 6);
    p->amount = sqlite3_column_int64(st, 7);
    p->meeting_id = sqlite3_column_int64(st, 8);
    db_col_text(st, 9, p->meeting_date, sizeof p->meeting_date);
    p->representatives = sqlite3_column_int(st, 10);
    p->votes_for = sqlite3_column_int(st, 11);
    p->votes_against = sqlite3_column_int(st, 12);
    p->votes_abstain = sqlite3_column_int(st, 13);
    db_col_text(st, 14, p->approved, sizeof p->approved);
    p->notice_id = sqlite3_column_int64(st, 15);
    db_col_text(st, 16, p->notice_start, sizeof p->notice_start);
    p->notice_days = sqlite3_column_int(st, 17);
    db_col_text(st, 18, p->notice_end, sizeof p->notice_end);
    db_col_text(st, 19, p->start_date, sizeof p->start_date);
    db_col_text(st, 20, p->verify_requested, sizeof p->verify_requested);
    p->paid = sqlite3_column_int64(st, 21);
    p->advance_paid = sqlite3_column_int(st, 22);
    p->tail_paid = sqlite3_column_int(st, 23);
}

static enum db_err load_verifications(struct db *db, struct project *p)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT level, date, passed, conclusion FROM verifications "
                                   "WHERE project_id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, p->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int l = sqlite3_column_int(st, 0) - 1;
        if (l < 0 || l > 2)
            continue;
        db_col_text(st, 1, p->verified[l], sizeof p->verified[l]);
        p->verify_passed[l] = sqlite3_column_int(st, 2);
        db_col_text(st, 3, p->conclusion[l], sizeof p->conclusion[l]);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取项目核验");
}

enum db_err db_project_get(struct db *db, int64_t id, struct project *out)
{
    sqlite3_stmt *st = db_stmt(db, PROJECT_SELECT "WHERE p.id = ?1 AND p.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_project(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该项目 (no project %lld)", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取项目");
    return load_verifications(db, out);
}

enum db_err db_projects(struct db *db, int64_t household_id, const char *area, int year,
                        struct project *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, PROJECT_SELECT
        "JOIN households hh ON hh.id = p.household_id WHERE p.deleted = 0 AND hh.deleted = 0 "
        "AND (?1 = 0 OR p.household_id = ?1) AND (?2 = '' OR hh.village LIKE ?2 || '%') "
        "AND (?3 = 0 OR p.year = ?3) ORDER BY" DB_HH_ORDER("hh") ", p.year, p.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, year);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        read_project(st, &out[(*n)++]);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取项目");
    for (size_t i = 0; i < *n; i++) {
        enum db_err err = load_verifications(db, &out[i]);
        if (err != DB_OK)
            return err;
    }
    return DB_OK;
}

enum db_err db_disbursements(struct db *db, int64_t project_id, struct disbursement *out,
                             size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, project_id, date, amount, stage FROM disbursements "
                                   "WHERE project_id = ?1 AND deleted = 0 ORDER BY date, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, project_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct disbursement *d = &out[(*n)++];
        d->id = sqlite3_column_int64(st, 0);
        d->project_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, d->date, sizeof d->date);
        d->amount = sqlite3_column_int64(st, 3);
        d->stage = sqlite3_column_int(st, 4);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取拨付记录");
}

/* Sum over the household's projects of this kind under the same cap (the
 * year's for 一户一增收, all years' for 住房), except `except_id`: of the
 * 申请金额 (what = 0) or of the disbursements (what = 1). */
static enum db_err cap_scope_sum(struct db *db, const struct project *p, int64_t except_id,
                                 int what, money_t *out)
{
    sqlite3_stmt *st = db_stmt(db, what == 0
        ? "SELECT coalesce(sum(amount), 0) FROM projects WHERE household_id = ?1 AND kind = ?2 "
          "AND (?2 <> 1 OR year = ?3) AND id <> ?4 AND deleted = 0"
        : "SELECT coalesce(sum(d.amount), 0) FROM disbursements d JOIN projects p ON p.id = d.project_id "
          "WHERE p.household_id = ?1 AND p.kind = ?2 AND (?2 <> 1 OR p.year = ?3) AND p.id <> ?4 "
          "AND p.deleted = 0 AND d.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, p->household_id);
    sqlite3_bind_int(st, 2, p->kind);
    sqlite3_bind_int(st, 3, p->year);
    sqlite3_bind_int64(st, 4, except_id);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计项目金额");
}

enum db_err db_project_facts(struct db *db, const struct project *p, struct project_facts *out)
{
    memset(out, 0, sizeof *out);
    out->kind = p->kind;
    out->amount = p->amount;
    out->representatives = p->meeting_id ? p->representatives : 0;
    out->votes_for = p->votes_for;
    snprintf(out->approved, sizeof out->approved, "%s", p->approved);
    snprintf(out->notice_start, sizeof out->notice_start, "%s", p->notice_start);
    out->notice_days = p->notice_days;
    snprintf(out->notice_end, sizeof out->notice_end, "%s", p->notice_end);
    snprintf(out->start_date, sizeof out->start_date, "%s", p->start_date);
    snprintf(out->verify_requested, sizeof out->verify_requested, "%s", p->verify_requested);
    for (int l = 0; l < 3; l++)
        snprintf(out->verified[l], sizeof out->verified[l], "%s", p->verified[l]);
    return cap_scope_sum(db, p, p->id, 0, &out->other_cap_scope);
}

/* The first error of a run, as the refusal. */
static enum db_err refuse_on_error(struct db *db, const struct check_result *rs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rs[i].def->level == CHECK_ERROR)
            return db_set_error_at(db, DB_ERR_INVALID, rs[i].field_key, "%s", rs[i].message);
    return DB_OK;
}

/* ---- saving the application ------------------------------------------------ */

enum db_err db_project_save(struct db *db, const struct check_ctx *cc, struct project *p)
{
    if (p->kind != PROJECT_INCOME && p->kind != PROJECT_HOUSING)
        return db_set_error_at(db, DB_ERR_INVALID, "kind", "请选择 项目类型 (一户一增收 / 住房建设补助)");
    if (p->year < 1949 || p->year > 2100)
        return db_set_error_at(db, DB_ERR_INVALID, "year", "年度 %d 不正确 (invalid year)", p->year);
    if (p->amount <= 0)
        return db_set_error_at(db, DB_ERR_INVALID, "amount", "申请金额 须大于 0 (amount must be positive)");
    if (!p->partner_type)
        return db_set_error_at(db, DB_ERR_INVALID, "partner_type", "请选择 合作方类型 (partner type is required)");
    if (p->id) {
        struct project old;
        enum db_err err = db_project_get(db, p->id, &old);
        if (err != DB_OK)
            return err;
        if (old.approved[0] && (old.amount != p->amount || old.kind != p->kind ||
                                old.partner_type != p->partner_type || old.year != p->year ||
                                old.household_id != p->household_id))
            return db_set_error(db, DB_ERR_INVALID,
                "项目已于 %s 经乡镇审定，类型、年度、合作方类型和金额不能再改 (approved project)", old.approved);
    }
    struct project_facts pf;
    memset(&pf, 0, sizeof pf);
    pf.kind = p->kind;
    pf.amount = p->amount;
    enum db_err err = cap_scope_sum(db, p, p->id, 0, &pf.other_cap_scope);
    if (err != DB_OK)
        return err;
    struct check_result rs[16];
    err = refuse_on_error(db, rs, checks_run_project(cc, &pf, rs, 16));
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, p->id
        ? "UPDATE projects SET household_id = ?1, kind = ?2, year = ?3, content = ?4, partner_name = ?5, "
          "partner_type = ?6, amount = ?7, updated_at = " DB_STAMP_NOW " WHERE id = ?8"
        : "INSERT INTO projects(household_id, kind, year, content, partner_name, partner_type, amount) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, p->household_id);
    sqlite3_bind_int(st, 2, p->kind);
    sqlite3_bind_int(st, 3, p->year);
    sqlite3_bind_text(st, 4, p->content, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, p->partner_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, p->partner_type);
    sqlite3_bind_int64(st, 7, p->amount);
    if (p->id)
        sqlite3_bind_int64(st, 8, p->id);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存项目");
    if (!p->id)
        p->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

/* ---- steps ------------------------------------------------------------------ */

static enum db_err household_village(struct db *db, int64_t hh_id, char village[13])
{
    sqlite3_stmt *st = db_stmt(db, "SELECT village FROM households WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        db_col_text(st, 0, village, 13);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_set_error(db, DB_ERR_NOTFOUND, "没有该户 (no household)");
}

static int notice_kind_project(void)
{
    int k = codes_by_label(CL_NOTICE_KIND, "项目");
    return k ? k : 4;
}

enum db_err db_project_appraise(struct db *db, const struct check_ctx *cc, int64_t id,
                                const char *date, int representatives, int votes_for,
                                int votes_against, int votes_abstain)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11];
    if ((err = step_date(db, "评议日期", date, day)) != DB_OK)
        return err;
    if (p.approved[0])
        return db_set_error(db, DB_ERR_INVALID, "项目已于 %s 经乡镇审定，评议结果不能再改 (approved)", p.approved);
    if (votes_for < 0 || votes_against < 0 || votes_abstain < 0 ||
        votes_for + votes_against + votes_abstain > representatives)
        return db_set_error_at(db, DB_ERR_INVALID, "votes_for",
            "赞成 %d + 反对 %d + 弃权 %d = %d 票，超过到会 村民代表 %d 人 (more votes than representatives)",
            votes_for, votes_against, votes_abstain, votes_for + votes_against + votes_abstain,
            representatives);
    struct project_facts pf;
    memset(&pf, 0, sizeof pf);
    pf.kind = p.kind;
    pf.representatives = representatives;
    pf.votes_for = representatives;     /* only the size rule here: a failed vote is recorded */
    struct check_result rs[16];
    size_t n = checks_run_project(cc, &pf, rs, 16);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rs[i].def->id, "PRJ_APPRAISAL_SIZE") == 0)
            return db_set_error_at(db, DB_ERR_INVALID, "representatives", "%s", rs[i].message);
    if (representatives <= 0)
        return db_set_error_at(db, DB_ERR_INVALID, "representatives", "请填写到会 村民代表 人数");
    char village[13];
    if ((err = household_village(db, p.household_id, village)) != DB_OK)
        return err;
    int passed = wf_appraisal_passes(votes_for, representatives);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    int rc = SQLITE_OK;
    int64_t meeting = p.meeting_id;
    sqlite3_stmt *st;
    if (!meeting) {
        st = db_stmt(db, "INSERT INTO meetings(village, kind, year, meeting_date, attendees, representatives) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 2, notice_kind_project());
            sqlite3_bind_int(st, 3, p.year);
            sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 5, representatives);
            rc = db_step_done(st);
        }
        meeting = sqlite3_last_insert_rowid(db_handle(db));
    } else {
        st = db_stmt(db, "UPDATE meetings SET meeting_date = ?2, attendees = max(attendees, ?3), "
                         "representatives = ?3, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, meeting);
            sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 3, representatives);
            rc = db_step_done(st);
        }
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "INSERT INTO votes(meeting_id, household_id, project_id, votes_for, votes_against, "
                         "votes_abstain, passed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                         "ON CONFLICT(meeting_id, household_id, project_id) DO UPDATE SET "
                         "votes_for = excluded.votes_for, votes_against = excluded.votes_against, "
                         "votes_abstain = excluded.votes_abstain, passed = excluded.passed, updated_at = " DB_STAMP_NOW);
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, meeting);
            sqlite3_bind_int64(st, 2, p.household_id);
            sqlite3_bind_int64(st, 3, id);
            sqlite3_bind_int(st, 4, votes_for);
            sqlite3_bind_int(st, 5, votes_against);
            sqlite3_bind_int(st, 6, votes_abstain);
            sqlite3_bind_int(st, 7, passed);
            rc = db_step_done(st);
        }
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "UPDATE projects SET meeting_id = ?2, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, meeting);
            rc = db_step_done(st);
        }
    }
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "保存项目评议");
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

/* Sets one date column of a project (the caller checked the order). */
static enum db_err set_project_date(struct db *db, int64_t id, const char *sql, const char *day,
                                    const char *what)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, what);
}

enum db_err db_project_approve(struct db *db, int64_t id, const char *date)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11];
    if ((err = step_date(db, "乡镇审定日期", date, day)) != DB_OK)
        return err;
    if (!p.meeting_id)
        return db_set_error(db, DB_ERR_INVALID, "项目尚未经村级评议，不能审定 (no appraisal yet)");
    if (!wf_appraisal_passes(p.votes_for, p.representatives))
        return db_set_error(db, DB_ERR_INVALID,
            "村级评议未通过: 赞成票 %d 未达到 村民代表 %d 人的三分之二 (需 %d 票)，不能审定",
            p.votes_for, p.representatives, wf_appraisal_needed(p.representatives));
    if (strcmp(day, p.meeting_date) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "乡镇审定日期 %s 早于 评议日期 %s", day, p.meeting_date);
    if (p.notice_id)
        return db_set_error(db, DB_ERR_INVALID, "项目已公示，审定日期不能再改");
    return set_project_date(db, id, "UPDATE projects SET township_approved = ?2, updated_at = " DB_STAMP_NOW
                            " WHERE id = ?1", day, "保存乡镇审定");
}

enum db_err db_project_notice(struct db *db, const struct check_ctx *cc, int64_t id,
                              const char *start, int days)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11], end[11], village[13];
    if (!start || !*start)
        clock_today(day);
    else if (!date_normalise(start, day))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "公示开始日期 “%s” 不是有效日期", start);
    int need = cc->project_notice_days > 0 ? cc->project_notice_days : 3;
    if (days <= 0)
        days = need;
    if (days < need)
        return db_set_error(db, DB_ERR_INVALID, "项目公示 天数 %d 天, 少于规定的 %d 天", days, need);
    if (!p.approved[0])
        return db_set_error(db, DB_ERR_INVALID, "项目尚未经乡镇审定，不能公示 (not approved)");
    if (strcmp(day, p.approved) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "公示开始日期 %s 早于 乡镇审定日期 %s", day, p.approved);
    if (p.notice_id)
        return db_set_error(db, DB_ERR_INVALID, "项目已于 %s 至 %s 公示 (already noticed)",
                            p.notice_start, p.notice_end);
    if (!wf_notice_end(day, days, end))
        return db_set_error(db, DB_ERR_INVALID, "公示日期不正确");
    if ((err = household_village(db, p.household_id, village)) != DB_OK)
        return err;
    char phone[64] = "", publisher[128] = "";
    db_setting_text(db, "notice.phone", phone, sizeof phone);
    db_setting_text(db, "notice.publisher", publisher, sizeof publisher);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    /* Posted at once: the list of a project notice is the one household. */
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, "
                                   "phone, publisher, posted) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int(st, 1, notice_kind_project());
        sqlite3_bind_text(st, 2, village, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, p.year);
        sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, days);
        sqlite3_bind_text(st, 6, end, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, phone, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, publisher, -1, SQLITE_STATIC);
        rc = db_step_done(st);
    }
    int64_t notice = sqlite3_last_insert_rowid(db_handle(db));
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "INSERT INTO notice_households(notice_id, household_id, ordinal, project_id) "
                         "VALUES (?1, ?2, 1, ?3)");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, notice);
            sqlite3_bind_int64(st, 2, p.household_id);
            sqlite3_bind_int64(st, 3, id);
            rc = db_step_done(st);
        }
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "UPDATE notices SET posted = 1, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, notice);
            rc = db_step_done(st);
        }
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "UPDATE projects SET notice_id = ?2, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, notice);
            rc = db_step_done(st);
        }
    }
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "保存项目公示");
        db_rollback(db);
        return err;
    }
    /* The project as made public: re-exports show it, whatever changes.  The
     * clerk keys the notice that hung from its first day on. */
    err = notice_sheet_freeze(db, notice, day, NULL);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err db_project_start(struct db *db, int64_t id, const char *date)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11];
    if ((err = step_date(db, "开工日期", date, day)) != DB_OK)
        return err;
    if (!p.notice_id)
        return db_set_error(db, DB_ERR_INVALID, "项目尚未公示，不能开工 (no notice yet)");
    if (!wf_notice_over(day, p.notice_end))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "项目公示 %s 至 %s，公示期满后方可开工 (开工日期 %s)",
                            p.notice_start, p.notice_end, day);
    if (p.advance_paid)
        return db_set_error(db, DB_ERR_INVALID, "已拨付预付款，开工日期不能再改");
    return set_project_date(db, id, "UPDATE projects SET start_date = ?2, updated_at = " DB_STAMP_NOW
                            " WHERE id = ?1", day, "保存开工日期");
}

enum db_err db_project_pay(struct db *db, const struct check_ctx *cc, int64_t id,
                           const char *date, money_t amount, int stage, int64_t *disb_id)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    struct project_facts pj;
    if ((err = db_project_facts(db, &p, &pj)) != DB_OK)
        return err;
    struct payment_facts pf;
    memset(&pf, 0, sizeof pf);
    pf.project_type = p.kind;
    pf.project_amount = p.amount;
    pf.amount = amount;
    pf.paid_project = p.paid;
    money_t others = 0;
    if ((err = cap_scope_sum(db, &p, p.id, 1, &others)) != DB_OK)
        return err;
    pf.paid_cap_scope = others + p.paid;
    pf.stage = stage;
    pf.partner_type = p.partner_type;
    pf.advance_paid = p.advance_paid;
    pf.verified_village = p.verified[0][0] && p.verify_passed[0];
    pf.verified_township = p.verified[1][0] && p.verify_passed[1];
    pf.verified_county = p.verified[2][0] && p.verify_passed[2];
    char day[11];
    if (!date || !*date)
        clock_today(day);
    else if (!date_normalise(date, day))
        snprintf(day, sizeof day, "%.10s", date);
    snprintf(pf.date, sizeof pf.date, "%s", day);
    pf.project = &pj;
    struct check_result rs[24];
    if ((err = refuse_on_error(db, rs, checks_run_payment(cc, &pf, rs, 24))) != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO disbursements(project_id, date, amount, stage) "
                                   "VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, amount);
    sqlite3_bind_int(st, 4, stage);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存拨付记录");
    if (disb_id)
        *disb_id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err db_project_request_verify(struct db *db, int64_t id, const char *date)
{
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11];
    if ((err = step_date(db, "申请验收日期", date, day)) != DB_OK)
        return err;
    if (!p.start_date[0])
        return db_set_error(db, DB_ERR_INVALID, "项目尚未开工，不能申请验收 (not started)");
    if (strcmp(day, p.start_date) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "申请验收日期 %s 早于 开工日期 %s", day, p.start_date);
    if (p.verified[0][0])
        return db_set_error(db, DB_ERR_INVALID, "已有村级核验，申请验收日期不能再改");
    return set_project_date(db, id, "UPDATE projects SET verify_requested = ?2, updated_at = " DB_STAMP_NOW
                            " WHERE id = ?1", day, "保存申请验收日期");
}

enum db_err db_project_verify(struct db *db, int64_t id, int level, const char *date,
                              int passed, const char *conclusion)
{
    if (level < VERIFY_VILLAGE || level > VERIFY_COUNTY)
        return db_set_error(db, DB_ERR_INVALID, "核验级别不正确 (invalid level)");
    struct project p;
    enum db_err err = db_project_get(db, id, &p);
    if (err != DB_OK)
        return err;
    char day[11];
    if ((err = step_date(db, LEVEL_LABEL[level], date, day)) != DB_OK)
        return err;
    const char *after = level == 0 ? p.verify_requested : p.verified[level - 1];
    const char *after_label = level == 0 ? "申请验收" : LEVEL_LABEL[level - 1];
    if (!after[0] || (level > 0 && !p.verify_passed[level - 1]))
        return db_set_error(db, DB_ERR_INVALID, "%s 须在 %s%s 之后 (out of order)", LEVEL_LABEL[level],
                            after_label, level == 0 ? "" : "通过");
    if (strcmp(day, after) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "%s 日期 %s 早于 %s 日期 %s", LEVEL_LABEL[level], day,
                            after_label, after);
    if (p.verified[level][0] && p.verify_passed[level])
        return db_set_error(db, DB_ERR_INVALID, "%s 已于 %s 通过，不能再改", LEVEL_LABEL[level],
                            p.verified[level]);
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO verifications(project_id, level, date, passed, conclusion) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(project_id, level) DO UPDATE SET "
                                   "date = excluded.date, passed = excluded.passed, "
                                   "conclusion = excluded.conclusion, updated_at = " DB_STAMP_NOW);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, level + 1);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, passed ? 1 : 0);
    sqlite3_bind_text(st, 5, conclusion ? conclusion : "", -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存项目核验");
}

enum db_err db_projects_each(struct db *db, const char *area, int year,
                             int (*fn)(void *ud, const struct project *p,
                                       const struct project_ledger_info *info),
                             void *ud, int64_t *n)
{
    if (n)
        *n = 0;
    sqlite3_stmt *st = db_stmt(db, PROJECT_COLS
        ", coalesce(ar.name, ''), coalesce(hh.hh_no, ''), hh.head_name " PROJECT_FROM
        "JOIN households hh ON hh.id = p.household_id LEFT JOIN areas ar ON ar.code = hh.village "
        "WHERE p.deleted = 0 AND hh.deleted = 0 AND (?1 = '' OR hh.village LIKE ?1 || '%') "
        "AND (?2 = 0 OR p.year = ?2) ORDER BY" DB_HH_ORDER("hh") ", p.year, p.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc;
    enum db_err err = DB_OK;
    struct project p;
    struct project_ledger_info info;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_project(st, &p);
        db_col_text(st, 24, info.village_name, sizeof info.village_name);
        db_col_text(st, 25, info.hh_no, sizeof info.hh_no);
        db_col_text(st, 26, info.head_name, sizeof info.head_name);
        if ((err = load_verifications(db, &p)) != DB_OK)
            break;
        if (n)
            (*n)++;
        if (fn && fn(ud, &p, &info)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    if (err != DB_OK)
        return err;
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取项目台账");
}
