/* Tests for the 扶贫小额信贷 register (issue 16 part 2): the rules as known
 * answers (each with the case that fires it and the near miss that does
 * not), the arithmetic (due date, 贴息, balance), and the store: a refused
 * save writes nothing, repayments never pass the loan, soft delete, audit,
 * the overdue warning of `fupin check`, and the ledger read back. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/loans.h"
#include "db/household_store.h"
#include "db/loan_export.h"
#include "db/loans.h"
#include "db/training.h"
#include <stdio.h>
#include <string.h>

static struct check_ctx ctx_on(const char *today)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "%s", today);
    return cc;
}

static struct loan_facts facts(money_t amount, int months, const char *start, const char *due, money_t repaid)
{
    struct loan_facts lf;
    memset(&lf, 0, sizeof lf);
    lf.amount = amount;
    lf.term_months = months;
    snprintf(lf.start, sizeof lf.start, "%s", start);
    snprintf(lf.due, sizeof lf.due, "%s", due);
    lf.repaid = repaid;
    lf.rate_bp = 435;
    return lf;
}

/* The ids of the results, space-separated, "" when none. */
static const char *ids(const struct loan_facts *lf, const char *today)
{
    static char out[256];
    struct check_ctx cc = ctx_on(today);
    struct check_result rs[16];
    size_t n = checks_run_loan(&cc, lf, rs, 16);
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", rs[i].def->id);
    return out;
}

TEST(loan_rules_known_answers)
{
    static const struct {
        money_t amount;
        int months;
        const char *start, *due;
        money_t repaid;
        const char *today, *want;
    } cases[] = {
        { 5000000, 36, "2024-03-01", "2027-03-01", 0, "2026-06-01", "" },          /* 5万, 3年: at the limits */
        { 5000001, 36, "2024-03-01", "2027-03-01", 0, "2026-06-01", "LOAN_AMOUNT" }, /* 50 000.01 */
        { 6000000, 12, "2026-01-10", "2027-01-10", 0, "2026-06-01", "LOAN_AMOUNT" }, /* 60000 */
        { 0, 12, "2026-01-10", "2027-01-10", 0, "2026-06-01", "LOAN_AMOUNT" },
        { 3000000, 37, "2024-03-01", "2027-03-01", 0, "2026-06-01", "LOAN_TERM" },
        { 3000000, 48, "2024-03-01", "2027-03-01", 0, "2026-06-01", "LOAN_TERM" },
        { 3000000, 0, "2024-03-01", "2027-03-01", 0, "2026-06-01", "LOAN_TERM" },
        { 3000000, 12, "2026-01-10", "2025-12-31", 0, "2026-06-01", "LOAN_DATES" },  /* due before start */
        { 3000000, 12, "2026-01-10", "2026-01-10", 0, "2026-06-01", "LOAN_DATES" },  /* due = start */
        { 3000000, 12, "2026-01-10", "2027-01-11", 0, "2026-06-01", "LOAN_DATES" },  /* a day past the term */
        { 3000000, 12, "2026-01-10", "2027-01-10", 0, "2026-06-01", "" },            /* the term's last day */
        { 3000000, 12, "2026-07-01", "2027-07-01", 0, "2026-06-01", "LOAN_DATES" },  /* lent tomorrow+ */
        { 3000000, 12, "2026-13-01", "2027-01-10", 0, "2026-06-01", "LOAN_DATES" },
        { 3000000, 12, "2025-01-10", "2026-01-10", 3000001, "2026-06-01", "LOAN_REPAID_OVER" },
        { 3000000, 12, "2025-01-10", "2026-01-10", 3000000, "2026-06-01", "" },      /* repaid whole: not overdue */
        { 3000000, 12, "2025-01-10", "2026-01-10", 2999999, "2026-06-01", "LOAN_OVERDUE" },
        { 3000000, 12, "2025-01-10", "2026-01-10", 0, "2026-01-10", "" },            /* due today: not yet */
        { 3000000, 12, "2025-01-10", "2026-01-10", 0, "2026-01-11", "LOAN_OVERDUE" },
        { 6000000, 48, "2025-01-10", "2026-01-10", 0, "2026-06-01", "LOAN_AMOUNT LOAN_TERM LOAN_OVERDUE" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct loan_facts lf = facts(cases[i].amount, cases[i].months, cases[i].start, cases[i].due,
                                     cases[i].repaid);
        CHECK_STR(ids(&lf, cases[i].today), cases[i].want);
    }
}

TEST(loan_repayment_before_loan)
{
    struct loan_facts lf = facts(1000000, 12, "2026-01-10", "2027-01-10", 100000);
    snprintf(lf.first_repaid, sizeof lf.first_repaid, "2026-01-09");
    CHECK_STR(ids(&lf, "2026-06-01"), "LOAN_DATES");
    snprintf(lf.first_repaid, sizeof lf.first_repaid, "2026-01-10");
    CHECK_STR(ids(&lf, "2026-06-01"), "");
}

TEST(loan_messages_name_numbers)
{
    struct loan_facts lf = facts(5000001, 48, "2025-01-10", "2026-01-10", 1000000);
    struct check_ctx cc = ctx_on("2026-02-09");
    struct check_result rs[8];
    size_t n = checks_run_loan(&cc, &lf, rs, 8);
    CHECK_INT(n, 3);
    CHECK_STR(rs[0].message, "贷款金额 50000.01 元: 扶贫小额信贷每户不超过5万元");
    CHECK_STR(rs[0].field_key, "amount");
    CHECK_STR(rs[1].message, "贷款期限 48 个月: 应为 1–36 个月 (3年以内)");
    CHECK_STR(rs[2].message, "贷款已于 2026-01-10 到期, 尚欠 40000.01 元, 已逾期 30 天");
    CHECK_INT(rs[2].def->level, CHECK_WARNING);
}

TEST(loan_arithmetic)
{
    char d[11];
    static const struct { const char *start; int months; const char *want; } dues[] = {
        { "2025-01-31", 1, "2025-02-28" }, { "2024-01-31", 1, "2024-02-29" }, { "2025-03-15", 36, "2028-03-15" },
        { "2025-11-30", 3, "2026-02-28" }, { "2025-06-01", 0, "2025-06-01" }, { "2025-12-01", 1, "2026-01-01" },
    };
    for (size_t i = 0; i < sizeof dues / sizeof *dues; i++) {
        CHECK(loan_add_months(dues[i].start, dues[i].months, d));
        CHECK_STR(d, dues[i].want);
    }
    CHECK(!loan_add_months("2025-02-30", 1, d));
    CHECK(!loan_add_months("2025-02-01", -1, d));
    /* 5万 × 4.35 % × 3 年 = 6525 元; 3万 × 4.35 % × 1 年 = 1305 元;
     * 1 万 × 4.75 % × 7 个月 = 277.083… → 277.08 元; 1 元 × 4.35 % × 1 月 → 0 分. */
    CHECK_INT(loan_subsidy(5000000, 435, 36), 652500);
    CHECK_INT(loan_subsidy(3000000, 435, 12), 130500);
    CHECK_INT(loan_subsidy(1000000, 475, 7), 27708);
    CHECK_INT(loan_subsidy(100, 435, 1), 0);
    CHECK_INT(loan_subsidy(1000000, 0, 12), 0);
    struct loan_facts lf = facts(1000000, 12, "2025-01-10", "2026-01-10", 1200000);
    CHECK_INT(loan_balance(&lf), 0);
    lf.repaid = 250000;
    CHECK_INT(loan_balance(&lf), 750000);
}

/* A household of three saved, its id. */
static int64_t household(struct db *db, const char *head, int k0)
{
    static struct household hh;
    tdb_household(&hh, head, 3, k0);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

static struct loan loan_of(int64_t hh, money_t amount, int months, const char *start)
{
    struct loan l;
    memset(&l, 0, sizeof l);
    l.household_id = hh;
    l.borrower = 2;
    snprintf(l.bank, sizeof l.bank, "县农村信用合作联社");
    snprintf(l.contract_no, sizeof l.contract_no, "XD2025-0017");
    l.amount = amount;
    l.term_months = months;
    snprintf(l.start, sizeof l.start, "%s", start);
    l.rate = 435;
    l.subsidised = 1;
    snprintf(l.purpose, sizeof l.purpose, "养殖肉牛");
    return l;
}

TEST(loan_store_refuses_and_saves)
{
    struct db *db = tdb_open("loans.db");
    struct check_ctx cc = ctx_on("2026-06-01");
    int64_t hh = household(db, "韦金凤", 100);
    struct loan l = loan_of(hh, 6000000, 12, "20250110");
    CHECK_INT(db_loan_save(db, &cc, &l), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "amount");
    CHECK_INT(l.id, 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM loans"), 0);
    l.amount = 5000000;
    l.borrower = 4;                     /* a household of three */
    CHECK_INT(db_loan_save(db, &cc, &l), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "borrower");
    l.borrower = 2;
    snprintf(l.due, sizeof l.due, "2024-12-31");
    CHECK_INT(db_loan_save(db, &cc, &l), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "due");
    l.due[0] = 0;                       /* from the term */
    CHECK_INT(db_loan_save(db, &cc, &l), DB_OK);
    CHECK_STR(l.start, "2025-01-10");
    CHECK_STR(l.due, "2026-01-10");
    CHECK_STR(tdb_text(db, "SELECT m.ordinal || ':' || l.amount FROM loans l JOIN members m ON m.id = l.member_id"),
              "1:5000000");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'loans' AND action = 'insert'"), 1);

    struct loan_repayment r = { 0, l.id, "2025-01-09", 100000, "" };
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_ERR_INVALID);      /* before the loan */
    snprintf(r.date, sizeof r.date, "2026-06-02");
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_ERR_INVALID);      /* after today */
    snprintf(r.date, sizeof r.date, "2025-07-10");
    r.amount = 3000000;
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_OK);
    r.amount = 2000001;                                                     /* a fen too many */
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "amount");
    r.amount = 1000000;
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_OK);
    struct loan got;
    CHECK_INT(db_loan_get(db, l.id, &got), DB_OK);
    CHECK_INT(got.repaid, 4000000);
    CHECK_INT(got.borrower, 2);
    CHECK_INT(loan_subsidy_of(&got), 217500);       /* 5万 × 4.35 % × 1 年 */
    /* The loan cut below what was repaid is refused. */
    got.amount = 3999999;
    CHECK_INT(db_loan_save(db, &cc, &got), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "amount");

    /* Overdue: 到期 2026-01-10, 1万 left on 2026-06-01 → one warning. */
    size_t errors = 9, warnings = 9;
    CHECK_INT(db_loan_check_all(db, &cc, NULL, NULL, &errors, &warnings), DB_OK);
    CHECK_INT(errors, 0);
    CHECK_INT(warnings, 1);
    r.amount = 1000000;
    CHECK_INT(db_loan_repay(db, &cc, l.id, &r, NULL), DB_OK);
    CHECK_INT(db_loan_check_all(db, &cc, NULL, NULL, &errors, &warnings), DB_OK);
    CHECK_INT(warnings, 0);

    CHECK_INT(db_loan_delete(db, l.id), DB_OK);
    CHECK_INT(db_loan_get(db, l.id, &got), DB_ERR_NOTFOUND);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM loans WHERE deleted = 1"), 1);
    CHECK_INT(db_loan_delete(db, l.id), DB_ERR_NOTFOUND);
    db_close(db);
}

TEST(loan_ledger_rows)
{
    struct db *db = tdb_open("loanledger.db");
    struct check_ctx cc = ctx_on("2026-06-01");
    int64_t a = household(db, "韦金凤", 200), b = household(db, "黄德才", 210);
    struct loan l1 = loan_of(a, 5000000, 36, "2024-03-01"), l2 = loan_of(b, 2000000, 12, "2025-01-10");
    l2.subsidised = 0;
    CHECK_INT(db_loan_save(db, &cc, &l1), DB_OK);
    CHECK_INT(db_loan_save(db, &cc, &l2), DB_OK);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s", tdb_path("loans.xlsx"));
    int64_t rows = -1;
    CHECK_INT(loan_export_ledger(db, NULL, 0, path, NULL, NULL, &rows, err, sizeof err), 0);
    CHECK_INT(rows, 2);
    db_close(db);
}

/* ---- 就业/培训 ---- */

static const char *train_ids(int kind, const char *start, const char *finish, money_t income)
{
    static char out[256];
    struct training t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    snprintf(t.start, sizeof t.start, "%s", start);
    snprintf(t.finish, sizeof t.finish, "%s", finish);
    t.income = income;
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[8];
    size_t n = checks_run_training(&cc, &t, rs, 8);
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", rs[i].def->id);
    return out;
}

TEST(training_rules_known_answers)
{
    CHECK_STR(train_ids(1, "2026-03-01", "2026-03-05", 0), "");
    CHECK_STR(train_ids(2, "2026-03-01", "", 3600000), "");                        /* still on it */
    CHECK_STR(train_ids(3, "2026-03-01", "2026-03-01", 0), "");                    /* one day */
    CHECK_STR(train_ids(0, "2026-03-01", "", 0), "TRAIN_KIND");
    CHECK_STR(train_ids(4, "2026-03-01", "", 0), "TRAIN_KIND");
    CHECK_STR(train_ids(1, "2026-03-05", "2026-03-04", 0), "TRAIN_DATES");         /* end before start */
    CHECK_STR(train_ids(1, "2026-06-02", "", 0), "TRAIN_DATES");                   /* starts tomorrow */
    CHECK_STR(train_ids(1, "2026-06-01", "", 0), "");                              /* starts today */
    CHECK_STR(train_ids(1, "", "", 0), "TRAIN_DATES");
    CHECK_STR(train_ids(1, "2026-03-01", "2026-02-30", 0), "TRAIN_DATES");
    CHECK_STR(train_ids(2, "2026-03-01", "", -1), "TRAIN_INCOME");
    CHECK_STR(train_ids(2, "2026-03-01", "", 100000000), "");                      /* 100万元 */
    CHECK_STR(train_ids(2, "2026-03-01", "", 100000001), "TRAIN_INCOME");
    struct training t;
    memset(&t, 0, sizeof t);
    t.kind = 1;
    snprintf(t.start, sizeof t.start, "2026-03-05");
    snprintf(t.finish, sizeof t.finish, "2026-03-04");
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[4];
    CHECK_INT(checks_run_training(&cc, &t, rs, 4), 1);
    CHECK_STR(rs[0].message, "结束日期 2026-03-04 早于开始日期 2026-03-05");
    CHECK_STR(rs[0].field_key, "finish");
}

static int count_rows(void *ud, const void *rec, const struct loan_info *info)
{
    const struct training *t = rec;
    (void)info;
    char *names = ud;
    snprintf(names + strlen(names), 200 - strlen(names), "%s%s:%s", names[0] ? "," : "", t->member_name, t->content);
    return 0;
}

TEST(training_store)
{
    struct db *db = tdb_open("training.db");
    struct check_ctx cc = ctx_on("2026-06-01");
    int64_t hh = household(db, "韦金凤", 300);
    struct training t;
    memset(&t, 0, sizeof t);
    t.household_id = hh;
    t.member = 3;
    t.kind = JOB_WORK;
    snprintf(t.content, sizeof t.content, "电子厂普工");
    snprintf(t.start, sizeof t.start, "20260301");
    snprintf(t.finish, sizeof t.finish, "20260201");
    CHECK_INT(db_training_save(db, &cc, &t), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "finish");
    t.member = 9;
    CHECK_INT(db_training_save(db, &cc, &t), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "member");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM trainings"), 0);
    t.member = 3;
    t.finish[0] = 0;
    t.income = 360000;
    CHECK_INT(db_training_save(db, &cc, &t), DB_OK);
    CHECK_STR(t.start, "2026-03-01");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'trainings'"), 1);
    char names[200] = "";
    CHECK_INT(db_trainings_each(db, hh, NULL, count_rows, names), DB_OK);
    CHECK(strstr(names, ":电子厂普工") != NULL);
    char line[200];
    CHECK_INT(db_loan_summary(db, &cc, hh, line, sizeof line), DB_OK);
    CHECK_STR(line, "就业/培训 1 条");
    CHECK_INT(db_training_delete(db, t.id), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM trainings WHERE deleted = 1"), 1);
    CHECK_INT(db_training_delete(db, t.id), DB_ERR_NOTFOUND);
    names[0] = 0;
    CHECK_INT(db_trainings_each(db, hh, NULL, count_rows, names), DB_OK);
    CHECK_STR(names, "");
    db_close(db);
}
