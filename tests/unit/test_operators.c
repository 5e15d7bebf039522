/* Operators and roles (issue 13 item 1): logging in, the stored throttle,
 * and each role against each guarded operation. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/codes.h"
#include "db/household_store.h"
#include "db/audit.h"
#include "db/merge.h"
#include "db/operators.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static struct db *reopen(struct db *db, const char *name)
{
    db_close(db);
    struct db *again = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path(name), 0, &again, err, sizeof err), DB_OK);
    return again;
}

TEST(operators_first_admin_then_login)
{
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("ops.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    CHECK(db_operators_need_admin(db));
    CHECK_INT(db_session_role(db), ROLE_NONE);
    /* The first operator must be the 管理员, with a real password. */
    CHECK_INT(db_operator_add(db, "韦录入", ROLE_CLERK, "secret1", NULL), DB_ERR_INVALID);
    CHECK_INT(db_operator_add(db, "韦管理", ROLE_ADMIN, "abc", NULL), DB_ERR_INVALID);
    CHECK_INT(db_operator_add(db, "  ", ROLE_ADMIN, "secret1", NULL), DB_ERR_CONSTRAINT);
    CHECK_INT(db_operator_add(db, "韦管理", ROLE_ADMIN, "secret1", NULL), DB_OK);
    CHECK(!db_operators_need_admin(db));
    CHECK_INT(db_session_role(db), ROLE_ADMIN);            /* the creator is logged in */
    CHECK_STR(db_operator(db), "韦管理");
    int64_t clerk = 0;
    CHECK_INT(db_operator_add(db, "韦录入", ROLE_CLERK, "secret2", &clerk), DB_OK);
    CHECK_INT(db_operator_add(db, "韦录入", ROLE_CLERK, "secret2", NULL), DB_ERR_CONSTRAINT);
    /* Only a hash is stored. */
    CHECK(strstr(tdb_text(db, "SELECT pw_hash FROM operators WHERE name = '韦录入'"), "$argon2id$") != NULL);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM operators WHERE pw_hash LIKE '%secret%'"), 0);

    db = reopen(db, "ops.db");
    CHECK_INT(db_session_role(db), ROLE_NONE);
    CHECK_INT(db_login(db, "韦录入", "secret1"), DB_ERR_DENIED);
    CHECK_INT(db_login(db, "无此人", "secret2"), DB_ERR_DENIED);
    CHECK_INT(db_session_role(db), ROLE_NONE);
    CHECK_INT(db_login(db, "韦录入", "secret2"), DB_OK);
    CHECK_INT(db_session_role(db), ROLE_CLERK);
    CHECK_STR(db_operator(db), "韦录入");
    /* A 录入员 manages nobody. */
    CHECK_INT(db_operator_add(db, "韦审核", ROLE_REVIEWER, "secret3", NULL), DB_ERR_DENIED);
    CHECK(strstr(db_errmsg(db), "需要管理员权限") != NULL);
    CHECK_INT(db_operator_set_active(db, clerk, 0), DB_ERR_DENIED);
    db_close(db);
}

TEST(operators_throttle_survives_restart)
{
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("thr.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    CHECK_INT(db_operator_add(db, "韦管理", ROLE_ADMIN, "secret1", NULL), DB_OK);
    db = reopen(db, "thr.db");
    /* Two wrong passwords cost nothing; the third makes the next try wait. */
    CHECK_INT(db_login(db, "韦管理", "wrong"), DB_ERR_DENIED);
    CHECK_INT(db_login(db, "韦管理", "wrong"), DB_ERR_DENIED);
    CHECK_INT(db_login_wait(db, "韦管理"), 0);
    CHECK_INT(db_login(db, "韦管理", "wrong"), DB_ERR_DENIED);
    CHECK(strstr(db_errmsg(db), "请 2 秒后再试") != NULL);
    db = reopen(db, "thr.db");                      /* restarting does not reset it */
    CHECK(db_login_wait(db, "韦管理") > 0);
    CHECK_INT(db_login(db, "韦管理", "secret1"), DB_ERR_DENIED);   /* even the right one waits */
    CHECK(strstr(db_errmsg(db), "秒后再试") != NULL);
    CHECK_INT(db_session_role(db), ROLE_NONE);
    /* Once the wait is over, each further failure doubles it. */
    sqlite3_exec(db_handle(db), "UPDATE operators SET retry_after = 0", NULL, NULL, NULL);
    CHECK_INT(db_login(db, "韦管理", "wrong"), DB_ERR_DENIED);
    CHECK(strstr(db_errmsg(db), "请 4 秒后再试") != NULL);
    CHECK_INT(tdb_int(db, "SELECT failures FROM operators"), 4);
    sqlite3_exec(db_handle(db), "UPDATE operators SET retry_after = 0", NULL, NULL, NULL);
    CHECK_INT(db_login(db, "韦管理", "secret1"), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT failures FROM operators"), 0);
    db_close(db);
}

TEST(operators_disable_and_keep_an_admin)
{
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("dis.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    int64_t admin = 0, clerk = 0;
    CHECK_INT(db_operator_add(db, "韦管理", ROLE_ADMIN, "secret1", &admin), DB_OK);
    CHECK_INT(db_operator_add(db, "韦录入", ROLE_CLERK, "secret2", &clerk), DB_OK);
    /* The last 管理员 can be neither disabled nor demoted. */
    CHECK_INT(db_operator_set_active(db, admin, 0), DB_ERR_CONSTRAINT);
    CHECK_INT(db_operator_set_role(db, admin, ROLE_CLERK), DB_ERR_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT role FROM operators WHERE name = '韦管理'"), ROLE_ADMIN);
    CHECK_INT(db_operator_set_active(db, clerk, 0), DB_OK);
    CHECK_INT(db_operator_reset_password(db, clerk, "newpass"), DB_OK);
    db = reopen(db, "dis.db");
    CHECK_INT(db_login(db, "韦录入", "newpass"), DB_ERR_DENIED);    /* disabled: never deleted */
    CHECK(strstr(db_errmsg(db), "已停用") != NULL);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM operators"), 2);
    CHECK_INT(db_login(db, "韦管理", "secret1"), DB_OK);
    CHECK_INT(db_operator_set_active(db, clerk, 1), DB_OK);
    /* The first 管理员 adds itself: the audit names it, not nobody. */
    CHECK_STR(tdb_text(db, "SELECT operator FROM audit WHERE tbl = 'operators' ORDER BY id LIMIT 1"), "韦管理");
    CHECK_INT(db_operator_set_role(db, clerk, ROLE_REVIEWER), DB_OK);
    db = reopen(db, "dis.db");
    CHECK_INT(db_login(db, "韦录入", "newpass"), DB_OK);
    CHECK_INT(db_session_role(db), ROLE_REVIEWER);
    db_close(db);
}

/* ---- each role against each guarded operation -------------------------------- */

struct guarded {
    const char *what;
    int needs;                      /* the lowest role that passes the gate */
    enum db_err (*run)(struct db *db, int64_t hh);
};

static enum db_err g_close(struct db *db, int64_t hh) { (void)hh; return wfs_notice_close(db, 999, NULL, 0); }
static enum db_err g_objection(struct db *db, int64_t hh)
{
    struct wfs_objection o = { .notice_id = 999, .household_id = hh };
    return wfs_objection_add(db, &o);
}
static enum db_err g_resolve(struct db *db, int64_t hh) { (void)hh; return wfs_objection_resolve(db, 999, 1, "甲", "属实", ""); }
static enum db_err g_register(struct db *db, int64_t hh) { return wfs_move(db, hh, WF_REGISTERED, "", "测试"); }
static enum db_err g_exit_move(struct db *db, int64_t hh) { return wfs_move(db, hh, WF_EXITED, "", "测试"); }
static enum db_err g_exit_save(struct db *db, int64_t hh)
{
    struct wfs_exit e = { .household_id = hh, .year = 2026 };
    return wfs_exit_save(db, &e);
}
static enum db_err g_override(struct db *db, int64_t hh)
{
    struct household h;
    enum db_err e = db_household_load(db, hh, 2026, &h);
    snprintf(h.survey.exclusion_override, sizeof h.survey.exclusion_override, "乡镇审核同意：车辆为营运用");
    return e != DB_OK ? e : db_household_save(db, &h);
}
static enum db_err g_keying(struct db *db, int64_t hh)
{
    struct household h;
    enum db_err e = db_household_load(db, hh, 2026, &h);
    snprintf(h.phone, sizeof h.phone, "13900139000");
    return e != DB_OK ? e : db_household_save(db, &h);
}
static enum db_err g_line(struct db *db, int64_t hh)
{
    (void)hh;
    struct line l = { .year = 2027, .standard = STD_NATIONAL, .kind = LINE_POVERTY, .amount = 500000 };
    return db_line_set(db, &l);
}
static enum db_err g_labour(struct db *db, int64_t hh)
{
    (void)hh;
    struct labour_ages la = { .min_age = 16, .male_max = 62, .female_max = 57 };
    return db_set_labour_ages(db, &la);
}
static enum db_err g_notice_days(struct db *db, int64_t hh) { (void)hh; return db_setting_set_int(db, SET_NOTICE_DAYS, 9); }
static enum db_err g_ui_pref(struct db *db, int64_t hh) { (void)hh; return db_setting_set_int(db, SET_AUTO_ADVANCE, 0); }
static enum db_err g_area(struct db *db, int64_t hh) { (void)hh; return db_area_add_by_code(db, "450123101299", "新村"); }
static enum db_err g_provisional(struct db *db, int64_t hh)
{
    (void)hh;
    return db_area_add(db, "450123101901", AREA_VILLAGE, "待核村", TDB_TOWNSHIP, 1);
}
static enum db_err g_group(struct db *db, int64_t hh) { (void)hh; return db_group_add(db, TDB_VILLAGE1, "新组"); }
static enum db_err g_rename(struct db *db, int64_t hh) { (void)hh; return db_area_rename(db, TDB_VILLAGE1, "东信新村"); }
static enum db_err g_merge(struct db *db, int64_t hh)
{
    (void)hh;
    struct merge_report rep;
    return db_merge_file(db, tdb_path("absent.db"), 0, &rep);
}
static enum db_err g_operator(struct db *db, int64_t hh) { (void)hh; return db_operator_set_role(db, 999, ROLE_CLERK); }

static const struct guarded GUARDED[] = {
    { "关闭公示",     ROLE_REVIEWER, g_close },
    { "登记异议",     ROLE_REVIEWER, g_objection },
    { "处理异议",     ROLE_REVIEWER, g_resolve },
    { "建档立卡",     ROLE_REVIEWER, g_register },
    { "脱贫退出",     ROLE_REVIEWER, g_exit_move },
    { "保存退出表",   ROLE_REVIEWER, g_exit_save },
    { "七不进审核意见", ROLE_REVIEWER, g_override },
    { "录入修改",     ROLE_CLERK,    g_keying },
    { "贫困线",       ROLE_ADMIN,    g_line },
    { "劳动年龄",     ROLE_ADMIN,    g_labour },
    { "公示天数",     ROLE_ADMIN,    g_notice_days },
    { "自动跳格",     ROLE_CLERK,    g_ui_pref },
    { "行政区划",     ROLE_ADMIN,    g_area },
    { "待核区划",     ROLE_CLERK,    g_provisional },
    { "村民小组",     ROLE_ADMIN,    g_group },
    { "区划改名",     ROLE_ADMIN,    g_rename },
    { "操作员角色",   ROLE_ADMIN,    g_operator },
    { "合并数据库",   ROLE_REVIEWER, g_merge },
};

TEST(operators_each_role_against_each_guarded_operation)
{
    for (size_t i = 0; i < sizeof GUARDED / sizeof *GUARDED; i++) {
        for (int role = ROLE_CLERK; role <= ROLE_ADMIN; role++) {
            char name[64];
            snprintf(name, sizeof name, "g%zu_%d.db", i, role);
            struct db *db = tdb_open(name);
            struct household hh;
            tdb_household(&hh, "覃一", 2, 100);
            CHECK_INT(db_household_save(db, &hh), DB_OK);
            db_session_assume(db, "某人", role);
            enum db_err got = GUARDED[i].run(db, hh.id);
            int denied = got == DB_ERR_DENIED;
            if (!CHECK_INT(denied, role < GUARDED[i].needs))
                fprintf(stderr, "    %s as %s: %s\n", GUARDED[i].what, op_role_name(role), db_errmsg(db));
            if (denied) {
                char want[64];
                snprintf(want, sizeof want, "需要%s权限", op_role_name(GUARDED[i].needs));
                CHECK(strstr(db_errmsg(db), want) != NULL);
            }
            db_close(db);
        }
    }
}

static void first_finding(void *ud, const struct audit_finding *f)
{
    struct audit_finding *first = ud;
    if (!first->fault)
        *first = *f;
}

/* Issue 13 item 2: adding an operator, a role, disabling and a password
 * reset are in the chained audit, under the 管理员 who did them; the hash
 * is never there, nor the wrong-password count. */
TEST(operators_changes_are_audited)
{
    struct db *db = NULL;
    char err[512];
    CHECK_INT(db_open(tdb_path("opaudit.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    CHECK_INT(db_operator_add(db, "韦管理", ROLE_ADMIN, "secret1", NULL), DB_OK);
    int64_t clerk = 0;
    CHECK_INT(db_operator_add(db, "韦录入", ROLE_CLERK, "secret2", &clerk), DB_OK);
    /* The first 管理员 adds itself: the audit names it, not nobody. */
    CHECK_STR(tdb_text(db, "SELECT operator FROM audit WHERE tbl = 'operators' ORDER BY id LIMIT 1"), "韦管理");
    CHECK_INT(db_operator_set_role(db, clerk, ROLE_REVIEWER), DB_OK);
    CHECK_INT(db_operator_set_active(db, clerk, 0), DB_OK);
    CHECK_INT(db_operator_reset_password(db, clerk, "secret9"), DB_OK);
    const char *q = "SELECT count(*) FROM audit WHERE tbl = 'operators' AND operator = '韦管理' AND row_id = ";
    char sql[200];
    /* the insert's row keeps no image (issue 14): the record holds it */
    snprintf(sql, sizeof sql, "%s%lld AND action = 'insert' AND old IS NULL AND new GLOB '[0-9]*'",
             q, (long long)clerk);
    CHECK_INT(tdb_int(db, sql), 1);
    snprintf(sql, sizeof sql, "%s%lld AND json_extract(old, '$.role') = 0 AND json_extract(new, '$.role') = 1",
             q, (long long)clerk);
    CHECK_INT(tdb_int(db, sql), 1);
    snprintf(sql, sizeof sql, "%s%lld AND json_extract(new, '$.active') = 0", q, (long long)clerk);
    CHECK_INT(tdb_int(db, sql), 1);
    snprintf(sql, sizeof sql, "%s%lld AND json_extract(new, '$.pw_reset_at') <> ''", q, (long long)clerk);
    CHECK_INT(tdb_int(db, sql), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'operators' AND (old LIKE '%argon%' "
                          "OR new LIKE '%argon%' OR old LIKE '%pw_hash%' OR new LIKE '%pw_hash%')"), 0);
    /* Wrong passwords and a good login leave the log alone. */
    int before = tdb_int(db, "SELECT count(*) FROM audit");
    CHECK_INT(db_login(db, "韦管理", "wrong"), DB_ERR_DENIED);
    CHECK_INT(db_login(db, "韦管理", "secret1"), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), before);
    struct audit_finding first = { 0 };
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, first_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    /* An operator slipped in past the trigger is seen by `fupin check`. */
    CHECK_INT(sqlite3_exec(db_handle(db), "DROP TRIGGER audit_operators_update; UPDATE operators "
                           "SET role = 2 WHERE name = '韦录入'", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(audit_verify(db, first_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 2);      /* the trigger gone, and the record changed without its row */
    CHECK_INT(first.fault, AUDIT_TRIGGER_MISSING);
    CHECK_STR(first.trigger, "audit_operators_update");
    db_close(db);
}

/* A file from before operators were audited: its operators get their
 * insert rows in the upgrade, so the chain and the log's end check hold. */
TEST(operators_upgrade_logs_existing_operators)
{
    struct db *db = tdb_open("opup.db");
    tdb_downgrade_to_v1(db);
    CHECK_INT(sqlite3_exec(db_handle(db), "INSERT INTO operators(name, role) VALUES ('韦旧', 1), ('韦老', 0)",
                           NULL, NULL, NULL), SQLITE_OK);
    db = reopen(db, "opup.db");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit a JOIN operators o ON a.row_id = o.id WHERE "
                          "a.tbl = 'operators' AND a.action = 'insert' AND o.name IN ('韦旧', '韦老') "
                          "AND a.new GLOB '[0-9]*'"), 2);
    struct audit_finding first = { 0 };
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, first_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    db_close(db);
}
