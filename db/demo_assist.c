/* demo_assist.c — see demo_assist.h. */
#include "db/demo_assist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/projects.h"

/* What the projects are about (content, partner, amount in 元). */
struct proj_template { int kind; const char *content, *partner; int partner_type; int yuan; };
static const struct proj_template templates[] = {
    { PROJECT_INCOME, "养殖肉牛5头", "隆安县壮乡牧业有限公司", 2, 24000 },
    { PROJECT_INCOME, "种植沃柑10亩", "那桐镇沃柑种植专业合作社", 3, 18000 },
    { PROJECT_INCOME, "林下养鸡500羽", "村集体经济合作社(村委会)", 4, 12000 },
    { PROJECT_HOUSING, "危房拆除重建 砖混结构80㎡", "隆安县建安建筑工程队", 2, 50000 },
    { PROJECT_HOUSING, "危房加固改造", "本村施工队 黄建新", 1, 20000 },
    { PROJECT_INCOME, "发展桑蚕养殖3张", "村委会", 4, 9000 },
};
#define N_TEMPLATES (int)(sizeof templates / sizeof *templates)

/* Day `back` days before today. */
static void days_ago(long back, char out[11])
{
    days_to_date(clock_today_days() - back, out);
}

/* Registered households in id order (up to max). */
static size_t registered(struct db *db, int64_t *ids, size_t max)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE state = ?1 AND deleted = 0 "
                                   "AND NOT EXISTS (SELECT 1 FROM waivers w WHERE w.household_id = households.id) "
                                   "ORDER BY id");
    size_t n = 0;
    if (!st)
        return 0;
    sqlite3_bind_int(st, 1, WF_REGISTERED);
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* One project taken to `stage` (0 = only applied … 8 = paid in full).  The
 * timeline runs backwards from today so every step is in the past; stage 5
 * (待核验) is requested 25 days ago: its 村级核验 is overdue. */
static enum db_err project_to(struct db *db, const struct check_ctx *cc, int64_t hh, int year,
                              const struct proj_template *t, int stage)
{
    struct project p;
    memset(&p, 0, sizeof p);
    p.household_id = hh;
    p.kind = t->kind;
    p.year = year;
    snprintf(p.content, sizeof p.content, "%s", t->content);
    snprintf(p.partner_name, sizeof p.partner_name, "%s", t->partner);
    p.partner_type = t->partner_type;
    p.amount = (money_t)t->yuan * 100;
    enum db_err rc = db_project_save(db, cc, &p);
    char d[11];
    int pct = cc->stage_first_pct > 0 ? cc->stage_first_pct : 80;
    money_t first = t->partner_type == 4 ? p.amount : p.amount * pct / 100;
    if (rc == DB_OK && stage >= 1) { days_ago(120, d); rc = db_project_appraise(db, cc, p.id, d, 11, 9, 1, 1); }
    if (rc == DB_OK && stage >= 2) { days_ago(115, d); rc = db_project_approve(db, p.id, d); }
    if (rc == DB_OK && stage >= 3) { days_ago(110, d); rc = db_project_notice(db, cc, p.id, d, 0); }
    if (rc == DB_OK && stage >= 4) { days_ago(100, d); rc = db_project_start(db, p.id, d); }
    if (rc == DB_OK && stage >= 4) { days_ago(99, d); rc = db_project_pay(db, cc, p.id, d, first, PAY_ADVANCE, NULL); }
    if (rc == DB_OK && stage >= 5) {
        days_ago(stage == 5 ? 25 : 60, d);
        rc = db_project_request_verify(db, p.id, d);
    }
    if (rc == DB_OK && stage >= 6) { days_ago(50, d); rc = db_project_verify(db, p.id, VERIFY_VILLAGE, d, 1, "项目已完成，与申报内容一致"); }
    if (rc == DB_OK && stage >= 7) { days_ago(40, d); rc = db_project_verify(db, p.id, VERIFY_TOWNSHIP, d, 1, "合格"); }
    if (rc == DB_OK && stage >= 7) { days_ago(30, d); rc = db_project_verify(db, p.id, VERIFY_COUNTY, d, 1, "验收合格"); }
    if (rc == DB_OK && stage >= 8 && first < p.amount) {
        days_ago(20, d);
        rc = db_project_pay(db, cc, p.id, d, p.amount - first, PAY_TAIL, NULL);
    }
    return rc;
}

/* Corrects the first signed entry of a household (as a clerk who found a
 * wrong figure on the paper card would). */
static enum db_err correct_first(struct db *db, const struct check_ctx *cc, int64_t hh)
{
    struct aid_row rows[8];
    size_t n = 0;
    enum db_err rc = db_aid_list(db, hh, rows, 8, &n);
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        if (!aid_confirmed(&rows[i].r) || rows[i].r.corrects_id || rows[i].corrected_by)
            continue;
        struct aid_record r = rows[i].r;
        r.id = 0;
        char fixed[sizeof r.content];
        snprintf(fixed, sizeof fixed, "%.300s(更正: 数量以签收单为准)", r.content);
        snprintf(r.content, sizeof r.content, "%s", fixed);
        r.goods_value = r.goods_value ? r.goods_value + 10000 : 0;
        r.money = r.money ? r.money - r.money / 10 : 0;
        r.signed_household = r.signed_village = r.signed_team = 1;
        return db_aid_correct(db, cc, rows[i].r.id, &r);
    }
    return rc;
}

enum db_err demo_fill_assist(struct db *db, uint64_t seed)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    char today[11];
    clock_today(today);
    int year = atoi(today);
    size_t max = 64;
    int64_t ids[64];
    size_t n = registered(db, ids, max);
    if (n == 0)
        return DB_OK;
    enum db_err rc = db_begin(db);
    /* Every stage 0..8, the kinds alternating; the seed picks where to start. */
    size_t off = (size_t)(seed % n);
    for (int stage = 0; rc == DB_OK && stage <= 8 && (size_t)stage < n; stage++) {
        int64_t hh = ids[(off + (size_t)stage) % n];
        rc = project_to(db, &cc, hh, year, &templates[stage % N_TEMPLATES], stage);
        if (rc == DB_OK && stage % 2 == 0 && templates[stage % N_TEMPLATES].kind == PROJECT_INCOME)  /* and housing beside */
            rc = project_to(db, &cc, hh, year, &templates[3 + (stage / 2) % 2], stage / 2 + 4 > 8 ? 8 : stage / 2 + 4);
    }
    /* A few corrected entries and one reassignment with history. */
    for (size_t i = 0; rc == DB_OK && i < n && i < 5; i++)
        rc = correct_first(db, &cc, ids[(off + i * 3) % n]);
    if (rc == DB_OK && n >= 2) {
        struct helper h;
        int64_t other = 0;
        if (db_helper_of(db, ids[(off + 1) % n], &h) == DB_OK)
            other = h.id;
        char d[11];
        days_ago(45, d);
        if (other && db_helper_of(db, ids[off % n], &h) == DB_OK && h.id != other)
            rc = db_helper_reassign(db, ids[off % n], other, d);
    }
    if (rc == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}
