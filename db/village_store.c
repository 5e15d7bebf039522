/* village_store.c — the 贫困村 register and 出列 (see village_store.h). */
#include "db/village_store.h"
#include "core/clock.h"
#include "core/idno.h"
#include "core/workflow.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/notice_sheet.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The column of each yes/no item, in enum vc_item order from VC_FIRST_YESNO. */
static const char *const item_cols[VC_N_YESNO] = {
    "road", "water", "power", "broadband", "clinic", "school", "culture",
};

const char *vs_item_column(enum vc_item i)
{
    return i >= VC_FIRST_YESNO && i < VC_COUNT ? item_cols[i - VC_FIRST_YESNO] : NULL;
}

/* The states whose households count as 在册 (wf_roster_status). */
#define REGISTER_STATES "(8, 11, 12, 13, 14, 16)"

/* ---- thresholds by year ------------------------------------------------- */

int64_t vs_setting(struct db *db, const char *key, int year)
{
    /* The seeded lines (village line only) first, the years set after them:
     * vc_by_year takes the later entry of equal years, so a set year wins. */
    struct vc_year_value v[64];
    size_t n = 0;
    if (strcmp(key, VS_SET_INCOME) == 0) {
        const struct vc_year_value *seeded = vc_income_lines_seeded(&n);
        memcpy(v, seeded, n * sizeof *v);
    }
    int64_t def = strcmp(key, VS_SET_RATE) == 0 ? VC_RATE_BP_DEFAULT
                : strcmp(key, VS_SET_COLLECTIVE) == 0 ? VC_COLLECTIVE_DEFAULT : 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT CAST(substr(key, length(?1) + 2) AS INTEGER), "
                                   "CAST(value AS INTEGER) FROM settings WHERE key GLOB ?1 || '.[0-9]*'");
    if (!st)
        return vc_by_year(v, n, year, def);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    while (n < sizeof v / sizeof *v && sqlite3_step(st) == SQLITE_ROW) {
        v[n].year = sqlite3_column_int(st, 0);
        v[n++].value = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return vc_by_year(v, n, year, def);
}

enum db_err vs_setting_set(struct db *db, const char *key, int year, int64_t value)
{
    if (db_require_role(db, ROLE_ADMIN, "设定贫困村出列标准") != DB_OK)
        return DB_ERR_DENIED;
    if (year < 1949 || year > 2100)
        return db_set_error(db, DB_ERR_INVALID, "年度 %d 无效 (year)", year);
    int rate = strcmp(key, VS_SET_RATE) == 0;
    if (rate ? value < 1 || value > 10000 : value <= 0)
        return db_set_error(db, DB_ERR_INVALID, rate ? "贫困发生率标准应在 0.01%% 到 100%% 之间"
                            : "金额标准应大于 0");
    char k[64];
    snprintf(k, sizeof k, "%s.%d", key, year);
    return db_setting_set_int(db, k, value);
}

/* ---- the register ------------------------------------------------------- */

#define VILLAGE_COLS \
    "a.code, a.name, coalesce(t.name, ''), coalesce(v.poor, 0), coalesce(v.identified_year, 0), " \
    "coalesce(v.exit_year, 0), coalesce(v.unit, ''), coalesce(v.contact, ''), coalesce(v.phone, ''), " \
    "coalesce((SELECT stage FROM village_exits e WHERE e.village = a.code ORDER BY year DESC LIMIT 1), 0) " \
    "FROM areas a LEFT JOIN areas t ON t.code = a.parent LEFT JOIN villages v ON v.village = a.code " \
    "WHERE a.level = 3 "

static void read_village(sqlite3_stmt *st, struct village_info *v)
{
    memset(v, 0, sizeof *v);
    db_col_text(st, 0, v->code, sizeof v->code);
    db_col_text(st, 1, v->name, sizeof v->name);
    db_col_text(st, 2, v->township, sizeof v->township);
    v->poor = sqlite3_column_int(st, 3);
    v->identified_year = sqlite3_column_int(st, 4);
    v->exit_year = sqlite3_column_int(st, 5);
    db_col_text(st, 6, v->unit, sizeof v->unit);
    db_col_text(st, 7, v->contact, sizeof v->contact);
    db_col_text(st, 8, v->phone, sizeof v->phone);
    v->exit_stage = sqlite3_column_int(st, 9);
}

enum db_err vs_villages(struct db *db, const char *area, struct village_info *out, size_t max,
                        size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT " VILLAGE_COLS
                                   "AND (?1 = '' OR a.code GLOB ?1 || '*') ORDER BY a.code");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        read_village(st, &out[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取贫困村名册");
}

enum db_err vs_get(struct db *db, const char *code, struct village_info *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " VILLAGE_COLS "AND a.code = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_village(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有区划代码为 %s 的村 (no such village)", code);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取村信息");
}

static const char *village_invalid(const struct village_info *v, const struct village_info *old)
{
    if (v->poor && !v->identified_year)
        return "贫困村须填认定年度";
    if (!v->poor && v->identified_year)
        return "非贫困村不填认定年度";
    if (v->identified_year && (v->identified_year < 1949 || v->identified_year > 2100))
        return "认定年度无效";
    if (!v->poor && (old->exit_year || old->exit_stage))
        return "该村已提出或已完成出列, 不能改为非贫困村";
    if (old->exit_year && v->identified_year > old->exit_year)
        return "认定年度不能晚于出列年度";
    if (v->phone[0] && !phone_valid(v->phone))
        return "联系电话: " PHONE_RULE;
    return NULL;
}

enum db_err vs_save(struct db *db, const struct village_info *v)
{
    if (db_require_role(db, ROLE_CLERK, "录入贫困村信息") != DB_OK)
        return DB_ERR_DENIED;
    struct village_info old;
    enum db_err err = vs_get(db, v->code, &old);
    if (err != DB_OK)
        return err;
    const char *why = village_invalid(v, &old);
    if (why)
        return db_set_error(db, DB_ERR_INVALID, "%s", why);
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO villages(village, poor, identified_year, unit, contact, phone) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (village) DO UPDATE SET poor = ?2, "
        "identified_year = ?3, unit = ?4, contact = ?5, phone = ?6, updated_at = " DB_STAMP_NOW);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, v->code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, !!v->poor);
    sqlite3_bind_int(st, 3, v->identified_year);
    sqlite3_bind_text(st, 4, v->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, v->contact, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, v->phone, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存贫困村信息");
}

/* ---- the year's figures ------------------------------------------------- */

static void year_defaults(const char *code, int year, struct village_year *y)
{
    memset(y, 0, sizeof *y);
    db_copy_text(y->code, sizeof y->code, code);
    y->year = year;
    y->per_capita_income = -1;
    y->collective_income = -1;
    for (int i = 0; i < VC_N_YESNO; i++)
        y->answer[i] = VC_UNSET;
}

enum db_err vs_year_get(struct db *db, const char *code, int year, struct village_year *out)
{
    year_defaults(code, year, out);
    sqlite3_stmt *st = db_stmt(db,
        "SELECT population, per_capita_income, collective_income, road, road_date, water, water_date, "
        "power, power_date, broadband, broadband_date, clinic, clinic_date, school, school_date, "
        "culture, culture_date FROM village_years WHERE village = ?1 AND year = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->population = sqlite3_column_int(st, 0);
        out->per_capita_income = sqlite3_column_int64(st, 1);
        out->collective_income = sqlite3_column_int64(st, 2);
        for (int i = 0; i < VC_N_YESNO; i++) {
            out->answer[i] = sqlite3_column_int(st, 3 + 2 * i);
            db_col_text(st, 4 + 2 * i, out->date[i], sizeof out->date[i]);
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取村年度数据");
}

/* Checks the answers' dates, giving today to a confirmed item without one. */
static enum db_err year_dates(struct db *db, struct village_year *y)
{
    char today[11];
    clock_today(today);
    for (int i = 0; i < VC_N_YESNO; i++) {
        const char *label = vc_item_label((enum vc_item)(VC_FIRST_YESNO + i));
        if (y->answer[i] == VC_UNSET) {
            y->date[i][0] = 0;
            continue;
        }
        char day[11];
        if (!y->date[i][0]) {
            memcpy(y->date[i], today, sizeof today);
        } else if (!date_normalise(y->date[i], day)) {
            return db_set_error_at(db, DB_ERR_INVALID, item_cols[i], "%s的日期“%s”不存在", label, y->date[i]);
        } else {
            memcpy(y->date[i], day, sizeof day);
        }
        if (strcmp(y->date[i], today) > 0)
            return db_set_error_at(db, DB_ERR_INVALID, item_cols[i], "%s的日期 %s 晚于今天", label, y->date[i]);
    }
    return DB_OK;
}

enum db_err vs_year_save(struct db *db, const struct village_year *in)
{
    if (db_require_role(db, ROLE_CLERK, "录入贫困村年度数据") != DB_OK)
        return DB_ERR_DENIED;
    struct village_info v;
    enum db_err err = vs_get(db, in->code, &v);
    if (err != DB_OK)
        return err;
    struct village_year y = *in;
    if (y.year < 1949 || y.year > 2100)
        return db_set_error(db, DB_ERR_INVALID, "年度 %d 无效", y.year);
    if (y.population < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "population", "农村户籍人口不能为负数");
    if (y.per_capita_income < -1 || y.collective_income < -1)
        return db_set_error(db, DB_ERR_INVALID, "收入不能为负数");
    if ((err = year_dates(db, &y)) != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO village_years(village, year, population, per_capita_income, collective_income, "
        "road, road_date, water, water_date, power, power_date, broadband, broadband_date, clinic, "
        "clinic_date, school, school_date, culture, culture_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) ON CONFLICT (village, year) DO UPDATE "
        "SET population = ?3, per_capita_income = ?4, collective_income = ?5, road = ?6, road_date = ?7, "
        "water = ?8, water_date = ?9, power = ?10, power_date = ?11, broadband = ?12, broadband_date = ?13, "
        "clinic = ?14, clinic_date = ?15, school = ?16, school_date = ?17, culture = ?18, "
        "culture_date = ?19, updated_at = " DB_STAMP_NOW);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, y.code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, y.year);
    sqlite3_bind_int(st, 3, y.population);
    sqlite3_bind_int64(st, 4, y.per_capita_income);
    sqlite3_bind_int64(st, 5, y.collective_income);
    for (int i = 0; i < VC_N_YESNO; i++) {
        sqlite3_bind_int(st, 6 + 2 * i, y.answer[i]);
        sqlite3_bind_text(st, 7 + 2 * i, y.date[i], -1, SQLITE_TRANSIENT);
    }
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存村年度数据");
}

/* ---- the checklist's facts --------------------------------------------- */

/* The pre-fill of the items the survey asks (通生活用电, 饮水安全, 入户路
 * 水泥/沥青) from the year's surveys of the village's households. */
static enum db_err survey_prefill(struct db *db, const char *code, int year, struct vc_facts *f)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT count(*), coalesce(sum(s.power_living = 0), 0), coalesce(sum(s.water_safe = 0), 0), "
        "coalesce(sum(s.road_type NOT IN (3, 4)), 0) FROM surveys s JOIN households h ON h.id = s.household_id "
        "WHERE h.village = ?1 AND h.deleted = 0 AND s.year = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0) {
        int n = sqlite3_column_int(st, 0);
        static const struct { int item; const char *what; } asked[] = {
            { VC_POWER, "未通生活用电" }, { VC_WATER, "饮水不安全" }, { VC_ROAD, "入户路未硬化" },
        };
        for (int i = 0; i < 3; i++) {
            int k = asked[i].item - VC_FIRST_YESNO;
            int without = sqlite3_column_int(st, 1 + i);
            f->prefill[k] = without ? VC_NO : VC_YES;
            snprintf(f->prefill_note[k], sizeof f->prefill_note[k], "入户调查 %d 户中 %d 户%s", n, without,
                     asked[i].what);
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取入户调查");
}

/* A household's state at the end of day ?2: its last state_history move
 * dated on or before it; a household with no history at all (files older
 * than the history) is taken at its state now, one whose history starts
 * later did not exist yet (state 0). */
#define STATE_AS_OF(h) \
    "coalesce((SELECT s.to_state FROM state_history s WHERE s.household_id = " h ".id " \
    "AND s.date <= ?2 ORDER BY s.date DESC, s.id DESC LIMIT 1), CASE WHEN EXISTS (SELECT 1 " \
    "FROM state_history s WHERE s.household_id = " h ".id) THEN 0 ELSE " h ".state END)"

/* Member row m belonged to its household at the end of day ?2: it had not
 * joined later, and it is still there or left after that day (member_events;
 * a row deleted without a 离户 event was a correction and never counts). */
#define MEMBER_AS_OF(m) \
    "NOT EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = " m ".id AND e.kind = 1 " \
    "AND e.date > ?2) AND (" m ".deleted = 0 AND NOT EXISTS (SELECT 1 FROM member_events e " \
    "WHERE e.member_id = " m ".id AND e.kind = 2 AND e.date <= ?2) OR EXISTS (SELECT 1 " \
    "FROM member_events e WHERE e.member_id = " m ".id AND e.kind = 2 AND e.date > ?2))"

/* 在册贫困人口 of a village at the end of `year` (for the year under way: as
 * the register stands today): people of the households 在册 on 12-31 who
 * were members on that day.  A past year's checklist is thus judged on that
 * year's register, not on today's. */
static enum db_err poor_people(struct db *db, const char *code, int year, int *out)
{
    char day[16], today[11];
    clock_today(today);
    snprintf(day, sizeof day, "%04d-12-31", year);
    if (strcmp(day, today) > 0)
        snprintf(day, sizeof day, "%s", today);
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM households h JOIN members m "
                                   "ON m.household_id = h.id WHERE h.village = ?1 AND h.deleted = 0 "
                                   "AND " STATE_AS_OF("h") " IN " REGISTER_STATES " AND " MEMBER_AS_OF("m"));
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计在册贫困人口");
}

enum db_err vs_facts(struct db *db, const char *code, int year, struct vc_facts *f)
{
    memset(f, 0, sizeof *f);
    struct village_year y;
    enum db_err err = vs_year_get(db, code, year, &y);
    if (err == DB_OK)
        err = poor_people(db, code, year, &f->poor_people);
    if (err != DB_OK)
        return err;
    f->year = year;
    f->population = y.population;
    f->per_capita_income = y.per_capita_income;
    f->collective_income = y.collective_income;
    f->rate_threshold_bp = vs_setting(db, VS_SET_RATE, year);
    f->income_line = vs_setting(db, VS_SET_INCOME, year);
    f->collective_min = vs_setting(db, VS_SET_COLLECTIVE, year);
    for (int i = 0; i < VC_N_YESNO; i++) {
        f->answer[i] = y.answer[i];
        f->prefill[i] = VC_UNSET;
    }
    return survey_prefill(db, code, year, f);
}

/* ---- 出列 --------------------------------------------------------------- */

/* UPDATE/INSERT with ?1 = id and ?2 = an integer. */
static enum db_err exec_id_int(struct db *db, const char *sql, int64_t id, int64_t value, const char *what)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, value);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, what);
}

enum db_err vs_exit_get(struct db *db, const char *code, int year, struct village_exit *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db,
        "SELECT e.id, e.stage, e.proposed_date, e.failing, e.override_reason, e.override_by, "
        "coalesce(e.meeting_id, 0), coalesce(m.meeting_date, ''), CASE WHEN m.representatives > 0 "
        "THEN m.representatives ELSE coalesce(m.attendees, 0) END, e.votes_for, e.votes_against, "
        "e.votes_abstain, coalesce(n.start_date, e.notice_start), coalesce(n.days, e.notice_days), "
        "coalesce(n.end_date, e.notice_end), CASE WHEN n.id IS NULL THEN e.objections ELSE (SELECT count(*) "
        "FROM objections o WHERE o.notice_id = n.id AND o.resolution = 0 AND o.deleted = 0) END, "
        "e.decided_date, e.decided_by, coalesce(n.id, 0), (SELECT count(*) FROM objections o WHERE "
        "o.notice_id = n.id AND o.resolution = 2 AND o.deleted = 0) FROM village_exits e "
        "LEFT JOIN meetings m ON m.id = e.meeting_id LEFT JOIN notices n ON n.id = e.notice_id "
        "WHERE e.village = ?1 AND e.year = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        db_copy_text(out->code, sizeof out->code, code);
        out->year = year;
        out->stage = sqlite3_column_int(st, 1);
        db_col_text(st, 2, out->proposed_date, sizeof out->proposed_date);
        db_col_text(st, 3, out->failing, sizeof out->failing);
        db_col_text(st, 4, out->override_reason, sizeof out->override_reason);
        db_col_text(st, 5, out->override_by, sizeof out->override_by);
        out->meeting_id = sqlite3_column_int64(st, 6);
        db_col_text(st, 7, out->meeting_date, sizeof out->meeting_date);
        out->present = sqlite3_column_int(st, 8);
        out->votes_for = sqlite3_column_int(st, 9);
        out->votes_against = sqlite3_column_int(st, 10);
        out->votes_abstain = sqlite3_column_int(st, 11);
        db_col_text(st, 12, out->notice_start, sizeof out->notice_start);
        out->notice_days = sqlite3_column_int(st, 13);
        db_col_text(st, 14, out->notice_end, sizeof out->notice_end);
        out->objections = sqlite3_column_int(st, 15);
        db_col_text(st, 16, out->decided_date, sizeof out->decided_date);
        db_col_text(st, 17, out->decided_by, sizeof out->decided_by);
        out->notice_id = sqlite3_column_int64(st, 18);
        out->sustained = sqlite3_column_int(st, 19);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "%d年没有该村的出列记录", year);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取出列记录");
}

/* The checklist's failing items now ("" when all pass); -1 on error. */
static int failing_items(struct db *db, const char *code, int year, char *failing, size_t sz)
{
    struct vc_facts f;
    struct vc_result r[VC_COUNT];
    if (vs_facts(db, code, year, &f) != DB_OK)
        return -1;
    return vc_evaluate_all(&f, r, failing, sz);
}

/* The exit in the stage a step needs, else the refusal naming the stage. */
static enum db_err exit_in_stage(struct db *db, const char *code, int year, int stage,
                                 const char *step, struct village_exit *e)
{
    enum db_err err = vs_exit_get(db, code, year, e);
    if (err == DB_ERR_NOTFOUND)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%d年尚未提出出列, 不能%s", year, step);
    if (err != DB_OK)
        return err;
    if (e->stage != stage)
        return db_set_error(db, DB_ERR_CONSTRAINT, "出列当前为「%s」, 须「%s」后才能%s",
                            vc_stage_label((enum vc_stage)e->stage), vc_stage_label((enum vc_stage)stage), step);
    return DB_OK;
}

static enum db_err propose_allowed(struct db *db, const char *code, int year, const char *reason,
                                   char *failing, size_t sz)
{
    struct village_info v;
    enum db_err err = vs_get(db, code, &v);
    if (err != DB_OK)
        return err;
    if (!v.poor)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s不是贫困村, 无需出列", v.name);
    if (v.exit_year)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%s已于%d年出列", v.name, v.exit_year);
    if (year < v.identified_year)
        return db_set_error(db, DB_ERR_CONSTRAINT, "出列年度 %d 早于认定年度 %d", year, v.identified_year);
    struct village_exit e;
    if (vs_exit_get(db, code, year, &e) == DB_OK && e.stage != VS_REJECTED)
        return db_set_error(db, DB_ERR_CONSTRAINT, "%d年已提出出列 (%s)", year,
                            vc_stage_label((enum vc_stage)e.stage));
    int bad = failing_items(db, code, year, failing, sz);
    if (bad < 0)
        return DB_ERR_IO;
    if (bad && !(reason && reason[0]))
        return db_set_error(db, DB_ERR_CONSTRAINT, "出列核查未达标: %s; 须审核员写明理由方可提出", failing);
    if (bad && db_require_role(db, ROLE_REVIEWER, "在核查未达标时提出出列") != DB_OK)
        return DB_ERR_DENIED;
    return DB_OK;
}

enum db_err vs_exit_propose(struct db *db, const char *code, int year, const char *override_reason)
{
    if (db_require_role(db, ROLE_CLERK, "提出贫困村出列") != DB_OK)
        return DB_ERR_DENIED;
    char failing[TEXT_BYTES(200)] = "";
    char reason[TEXT_BYTES(200)];
    db_copy_text(reason, sizeof reason, override_reason ? override_reason : "");
    for (char *p = reason; *p == ' '; )
        memmove(p, p + 1, strlen(p));
    enum db_err err = propose_allowed(db, code, year, reason, failing, sizeof failing);
    if (err != DB_OK)
        return err;
    char today[11];
    clock_today(today);
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO village_exits(village, year, stage, proposed_date, failing, override_reason, "
        "override_by) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6) ON CONFLICT (village, year) DO UPDATE SET "
        "stage = 1, proposed_date = ?3, failing = ?4, override_reason = ?5, override_by = ?6, "
        "meeting_id = NULL, votes_for = 0, votes_against = 0, votes_abstain = 0, updated_at = " DB_STAMP_NOW);
    if (!st)
        return DB_ERR_IO;
    int overridden = failing[0] != 0;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, failing, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, overridden ? reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, overridden ? db_operator(db) : "", -1, SQLITE_TRANSIENT);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存出列申请");
}

enum db_err vs_exit_appraise(struct db *db, const char *code, int year, const char *date,
                             const char *host, int attendees, int representatives,
                             int votes_for, int votes_against, int votes_abstain)
{
    if (db_require_role(db, ROLE_CLERK, "录入出列评议") != DB_OK)
        return DB_ERR_DENIED;
    struct village_exit e;
    enum db_err err = exit_in_stage(db, code, year, VS_PROPOSED, "评议", &e);
    if (err != DB_OK)
        return err;
    struct wfs_meeting m = { .kind = NK_EXIT, .year = year, .attendees = attendees,
                             .representatives = representatives };
    db_copy_text(m.village, sizeof m.village, code);
    db_copy_text(m.date, sizeof m.date, date ? date : "");
    db_copy_text(m.host, sizeof m.host, host ? host : "");
    db_copy_text(m.recorder, sizeof m.recorder, db_operator(db));
    int present = wfs_meeting_present(&m);
    if (votes_for < 0 || votes_against < 0 || votes_abstain < 0 ||
        votes_for + votes_against + votes_abstain > present)
        return db_set_error_at(db, DB_ERR_INVALID, "votes", "票数合计 %d 超过到会代表 %d 人",
                               votes_for + votes_against + votes_abstain, present);
    char mday[11];
    if (date_normalise(m.date, mday) && strcmp(mday, e.proposed_date) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "评议日期 %s 早于提出出列的日期 %s", m.date,
                               e.proposed_date);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    err = wfs_meeting_save(db, &m);
    int pass = wf_appraisal_passes(votes_for, present);
    sqlite3_stmt *st = err == DB_OK ? db_stmt(db,
        "UPDATE village_exits SET stage = ?2, meeting_id = ?3, votes_for = ?4, votes_against = ?5, "
        "votes_abstain = ?6, updated_at = " DB_STAMP_NOW " WHERE id = ?1") : NULL;
    if (err == DB_OK && !st)
        err = DB_ERR_IO;
    if (err == DB_OK) {
        sqlite3_bind_int64(st, 1, e.id);
        sqlite3_bind_int(st, 2, pass ? VS_APPRAISED : VS_REJECTED);
        sqlite3_bind_int64(st, 3, m.id);
        sqlite3_bind_int(st, 4, votes_for);
        sqlite3_bind_int(st, 5, votes_against);
        sqlite3_bind_int(st, 6, votes_abstain);
        int rc = db_step_done(st);
        err = rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存出列评议");
    }
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err vs_exit_notice(struct db *db, const char *code, int year, const char *start)
{
    if (db_require_role(db, ROLE_CLERK, "发布出列公示") != DB_OK)
        return DB_ERR_DENIED;
    struct village_exit e;
    enum db_err err = exit_in_stage(db, code, year, VS_APPRAISED, "公示", &e);
    if (err != DB_OK)
        return err;
    char today[11], day[11];
    clock_today(today);
    if (!start || !start[0])
        memcpy(day, today, sizeof day);
    else if (!date_normalise(start, day))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "公示开始日期“%s”不存在", start);
    if (strcmp(day, today) > 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "公示开始日期 %s 晚于今天", day);
    if (strcmp(day, e.meeting_date) < 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "公示开始日期 %s 早于评议日期 %s", day,
                               e.meeting_date);
    if ((err = db_begin(db)) != DB_OK)
        return err;
    int64_t nid = 0;
    err = wfs_notice_draft(db, NK_VILLAGE_EXIT, 1, code, day, &nid);
    /* The notice is of the exit's year (the draft takes the start's). */
    if (err == DB_OK)
        err = exec_id_int(db, "UPDATE notices SET year = ?2 WHERE id = ?1", nid, year, "保存出列公示");
    if (err == DB_OK)
        err = wfs_notice_post(db, nid, NULL);
    if (err == DB_OK)
        err = exec_id_int(db, "UPDATE village_exits SET stage = 3, notice_id = ?2, updated_at = " DB_STAMP_NOW
                              " WHERE id = ?1", e.id, nid, "保存出列公示");
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

static enum db_err decide_allowed(struct db *db, const struct village_exit *e, const char *day)
{
    char today[11], failing[TEXT_BYTES(200)];
    clock_today(today);
    if (!wf_notice_over(today, e->notice_end) || strcmp(day, e->notice_end) <= 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示期至 %s 结束, 之后才能决定出列", e->notice_end);
    if (strcmp(day, today) > 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "出列日期 %s 晚于今天", day);
    if (e->objections)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示有 %d 件异议未处理, 不能出列", e->objections);
    if (e->sustained)
        return db_set_error(db, DB_ERR_CONSTRAINT, "公示期间 %d 件异议成立, 不能出列; 整改后重新提出出列",
                            e->sustained);
    int bad = failing_items(db, e->code, e->year, failing, sizeof failing);
    if (bad < 0)
        return DB_ERR_IO;
    if (bad && !e->override_reason[0])
        return db_set_error(db, DB_ERR_CONSTRAINT, "出列核查未达标: %s; 须审核员写明理由 (重新提出出列)", failing);
    return DB_OK;
}

enum db_err vs_exit_decide(struct db *db, const char *code, int year, const char *date)
{
    if (db_require_role(db, ROLE_REVIEWER, "决定贫困村出列") != DB_OK)
        return DB_ERR_DENIED;
    struct village_exit e;
    enum db_err err = exit_in_stage(db, code, year, VS_NOTICED, "决定出列", &e);
    if (err != DB_OK)
        return err;
    char day[11];
    if (!date || !date[0])
        clock_today(day);
    else if (!date_normalise(date, day))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "出列日期“%s”不存在", date);
    if ((err = decide_allowed(db, &e, day)) != DB_OK)
        return err;
    if ((err = db_begin(db)) != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "UPDATE village_exits SET stage = 4, decided_date = ?2, decided_by = ?3, "
                                   "updated_at = " DB_STAMP_NOW " WHERE id = ?1");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, e.id);
        sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, db_operator(db), -1, SQLITE_TRANSIENT);
        rc = db_step_done(st);
    }
    if (rc == SQLITE_OK && (st = db_stmt(db, "UPDATE villages SET exit_year = ?2, updated_at = " DB_STAMP_NOW
                                             " WHERE village = ?1"))) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, year);
        rc = db_step_done(st);
    }
    if (rc != SQLITE_OK) {
        err = st ? db_fail(db, rc, "保存出列决定") : DB_ERR_IO;
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

/* ---- older files' notices ------------------------------------------------ */

/* One old exit's notice: the row as the columns say (posted; closed once
 * decided), its open 异议 as objections of the village. */
static enum db_err adopt_one(struct db *db, int64_t exit_id, const char *start)
{
    enum db_err err = exec_id_int(db,
        "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, place, publisher, posted, "
        "closed) SELECT ?2, 1, e.village, e.year, e.notice_start, max(e.notice_days, 1), max(e.notice_end, "
        "e.notice_start), '村委会公示栏', a.name || '村民委员会', 1, e.stage = 4 FROM village_exits e "
        "JOIN areas a ON a.code = e.village WHERE e.id = ?1", exit_id, NK_VILLAGE_EXIT, "升级出列公示");
    int64_t nid = sqlite3_last_insert_rowid(db_handle(db));
    if (err == DB_OK)
        err = exec_id_int(db, "UPDATE village_exits SET notice_id = ?2 WHERE id = ?1", exit_id, nid,
                          "升级出列公示");
    if (err == DB_OK)
        err = exec_id_int(db,
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < "
            "(SELECT objections FROM village_exits WHERE notice_id = ?2)) "
            "INSERT INTO objections(notice_id, village, received_date, content) SELECT ?2, e.village, "
            "e.notice_start, '升级前登记的异议 (原只记件数)' FROM k, village_exits e WHERE e.notice_id = ?2 "
            "AND e.objections > 0 AND e.id = ?1", exit_id, nid, "升级出列异议");
    /* The sheet as posted on the notice's first day (no log says otherwise). */
    return err == DB_OK ? notice_sheet_freeze(db, nid, start, NULL) : err;
}

enum db_err vs_exit_notices_adopt(struct db *db)
{
    /* Ids first: adopting reuses cached statements. */
    sqlite3_stmt *st = db_stmt(db, "SELECT id, notice_start FROM village_exits WHERE notice_id IS NULL AND notice_start <> '' "
                                   "ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    struct { int64_t id; char start[DATE_LEN + 1]; } todo[256];
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < sizeof todo / sizeof *todo) {
        todo[n].id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, todo[n++].start, sizeof todo->start);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取出列记录");
    enum db_err err = DB_OK;
    for (size_t i = 0; err == DB_OK && i < n; i++)
        err = adopt_one(db, todo[i].id, todo[i].start);
    return err == DB_OK && n == sizeof todo / sizeof *todo ? vs_exit_notices_adopt(db) : err;
}
