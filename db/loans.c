/* loans.c — the 扶贫小额信贷 register (db/loans.h). */
#include "db/loans.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/training.h"
#include "db/dividends.h"
#include "db/relocation.h"


void loan_facts_of(const struct loan *l, money_t extra, const char *date, struct loan_facts *out)
{
    memset(out, 0, sizeof *out);
    out->amount = l->amount;
    out->term_months = l->term_months;
    snprintf(out->start, sizeof out->start, "%s", l->start);
    snprintf(out->due, sizeof out->due, "%s", l->due);
    out->repaid = l->repaid + extra;
    if (date && date[0])
        snprintf(out->first_repaid, sizeof out->first_repaid, "%s", date);
    out->rate_bp = (int)l->rate;
}

money_t loan_subsidy_of(const struct loan *l)
{
    return l->subsidised ? loan_subsidy(l->amount, (int)l->rate, l->term_months) : 0;
}

/* The first error of the CS_LOAN checks as the db's error, naming its field. */
static enum db_err refuse(struct db *db, const struct check_ctx *cc, const struct loan_facts *lf)
{
    struct check_result rs[16];
    return reg_refuse(db, rs, checks_run_loan(cc, lf, rs, 16));
}

enum db_err db_register_member(struct db *db, int64_t household_id, int place, const char *key,
                               const char *label, int64_t *member_id)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM members WHERE household_id = ?1 AND deleted = 0 "
                                   "ORDER BY ordinal, id LIMIT 1 OFFSET ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, place - 1);
    int rc = sqlite3_step(st);
    *member_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取家庭成员");
    if (place < 1 || !*member_id)
        return db_set_error_at(db, DB_ERR_INVALID, key, "%s序号 %d 不是本户成员 (1 = 户主)", label, place);
    return DB_OK;
}

/* Repaid so far and the earliest repayment, from the file. */
static enum db_err repaid_of(struct db *db, int64_t loan_id, money_t *sum, char first[11])
{
    first[0] = 0;
    *sum = 0;
    if (!loan_id)
        return DB_OK;
    sqlite3_stmt *st = db_stmt(db, "SELECT ifnull(sum(amount), 0), ifnull(min(date), '') FROM loan_repayments "
                                   "WHERE loan_id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, loan_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *sum = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, first, 11);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取还款记录");
}

/* Dates as stored (YYYYMMDD keyed is accepted), the due date from the term. */
static void normalise(struct loan *l)
{
    char d[11];
    if (date_normalise(l->start, d))
        snprintf(l->start, sizeof l->start, "%s", d);
    if (date_normalise(l->due, d))
        snprintf(l->due, sizeof l->due, "%s", d);
    if (!l->due[0] && l->term_months > 0)
        loan_add_months(l->start, l->term_months, l->due);
}

static enum db_err write_loan(struct db *db, void *rec, int64_t member_id)
{
    struct loan *l = rec;
    sqlite3_stmt *st = db_stmt(db, l->id
        ? "UPDATE loans SET member_id = ?2, bank = ?3, contract_no = ?4, amount = ?5, term_months = ?6, "
          "start = ?7, due = ?8, rate_bp = ?9, subsidised = ?10, purpose = ?11, updated_at = " DB_STAMP_NOW
          " WHERE id = ?12 AND household_id = ?1 AND deleted = 0"
        : "INSERT INTO loans(household_id, member_id, bank, contract_no, amount, term_months, start, due, "
          "rate_bp, subsidised, purpose) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, l->household_id);
    sqlite3_bind_int64(st, 2, member_id);
    sqlite3_bind_text(st, 3, l->bank, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, l->contract_no, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, l->amount);
    sqlite3_bind_int(st, 6, l->term_months);
    sqlite3_bind_text(st, 7, l->start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, l->due, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, l->rate);
    sqlite3_bind_int(st, 10, l->subsidised ? 1 : 0);
    sqlite3_bind_text(st, 11, l->purpose, -1, SQLITE_STATIC);
    if (l->id)
        sqlite3_bind_int64(st, 12, l->id);
    return reg_step_write(db, st, &l->id, "保存小额信贷");
}

enum db_err db_loan_save(struct db *db, const struct check_ctx *cc, struct loan *l)
{
    if (db_require_role(db, ROLE_CLERK, "登记小额信贷") != DB_OK)
        return DB_ERR_DENIED;
    normalise(l);
    int64_t member_id = 0;
    char first[11];
    money_t repaid = 0;
    enum db_err err = db_register_member(db, l->household_id, l->borrower, "borrower", "借款人", &member_id);
    if (err == DB_OK)
        err = repaid_of(db, l->id, &repaid, first);
    if (err != DB_OK)
        return err;
    struct loan_facts lf;
    struct loan tmp = *l;
    tmp.repaid = repaid;
    loan_facts_of(&tmp, 0, first, &lf);
    if ((err = refuse(db, cc, &lf)) != DB_OK)
        return err;
    if ((err = reg_save_tx(db, l, write_loan, member_id)) == DB_OK)
        l->member_id = member_id;
    return err;
}

#define LOAN_SELECT \
    "SELECT l.id, l.household_id, l.bank, l.contract_no, l.amount, l.term_months, l.start, l.due, " \
    "l.rate_bp, l.subsidised, l.purpose, ifnull(l.member_id, 0), ifnull(m.name, h.head_name), " \
    "(SELECT count(*) FROM members o WHERE o.household_id = l.household_id AND o.deleted = 0 " \
    "  AND (o.ordinal < m.ordinal OR (o.ordinal = m.ordinal AND o.id < m.id))) + 1, " \
    "(SELECT ifnull(sum(r.amount), 0) FROM loan_repayments r WHERE r.loan_id = l.id AND r.deleted = 0), " \
    "(SELECT ifnull(max(r.date), '') FROM loan_repayments r WHERE r.loan_id = l.id AND r.deleted = 0), " \
    "ifnull(v.name, ''), ifnull(h.hh_no, ''), h.head_name " \
    "FROM loans l JOIN households h ON h.id = l.household_id " \
    "LEFT JOIN members m ON m.id = l.member_id LEFT JOIN areas v ON v.code = h.village "

static void read_loan(sqlite3_stmt *st, struct loan *l, struct loan_info *info)
{
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(st, 0);
    l->household_id = sqlite3_column_int64(st, 1);
    db_col_text(st, 2, l->bank, sizeof l->bank);
    db_col_text(st, 3, l->contract_no, sizeof l->contract_no);
    l->amount = sqlite3_column_int64(st, 4);
    l->term_months = sqlite3_column_int(st, 5);
    db_col_text(st, 6, l->start, sizeof l->start);
    db_col_text(st, 7, l->due, sizeof l->due);
    l->rate = sqlite3_column_int64(st, 8);
    l->subsidised = sqlite3_column_int(st, 9);
    db_col_text(st, 10, l->purpose, sizeof l->purpose);
    l->member_id = sqlite3_column_int64(st, 11);
    db_col_text(st, 12, l->borrower_name, sizeof l->borrower_name);
    l->borrower = l->member_id ? sqlite3_column_int(st, 13) : 1;
    l->repaid = sqlite3_column_int64(st, 14);
    db_col_text(st, 15, l->last_repaid, sizeof l->last_repaid);
    if (info) {
        db_col_text(st, 16, info->village_name, sizeof info->village_name);
        db_col_text(st, 17, info->hh_no, sizeof info->hh_no);
        db_col_text(st, 18, info->head_name, sizeof info->head_name);
    }
}

enum db_err db_loan_get(struct db *db, int64_t id, struct loan *out)
{
    sqlite3_stmt *st = db_stmt(db, LOAN_SELECT "WHERE l.id = ?1 AND l.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_loan(st, out, NULL);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有这笔贷款 (no loan %lld)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取小额信贷");
}

enum db_err db_loans_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud)
{
    sqlite3_stmt *st = db_stmt(db, LOAN_SELECT "WHERE l.deleted = 0 AND h.deleted = 0 "
                                   "AND (?1 = 0 OR l.household_id = ?1) AND (?2 = '' OR h.village LIKE ?2 || '%') "
                                   "ORDER BY" DB_HH_ORDER("h") ", l.start, l.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_TRANSIENT);
    struct loan l;
    struct loan_info info;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_loan(st, &l, &info);
        if (fn(ud, &l, &info))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取小额信贷");
}

enum db_err db_loan_repay(struct db *db, const struct check_ctx *cc, int64_t loan_id,
                          const struct loan_repayment *r, int64_t *id)
{
    if (db_require_role(db, ROLE_CLERK, "登记还款") != DB_OK)
        return DB_ERR_DENIED;
    struct loan l;
    enum db_err err = db_loan_get(db, loan_id, &l);
    if (err != DB_OK)
        return err;
    char date[11];
    if (!date_normalise(r->date, date))
        return db_set_error_at(db, DB_ERR_INVALID, "date", "还款日期无效, 请按 年-月-日 填写");
    if (strcmp(date, cc->today) > 0)
        return db_set_error_at(db, DB_ERR_INVALID, "date", "还款日期 %s 晚于今天 %s", date, cc->today);
    if (r->amount <= 0)
        return db_set_error_at(db, DB_ERR_INVALID, "amount", "还款金额须大于0");
    struct loan_facts lf;
    loan_facts_of(&l, r->amount, date, &lf);
    if ((err = refuse(db, cc, &lf)) != DB_OK)
        return err;
    if ((err = db_begin(db)) != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO loan_repayments(loan_id, date, amount, note) VALUES (?1, ?2, ?3, ?4)");
    if (!st) {
        db_rollback(db);
        return DB_ERR_IO;
    }
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, r->amount);
    sqlite3_bind_text(st, 4, r->note, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "保存还款记录");
        db_rollback(db);
        return err;
    }
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return db_commit(db);
}

enum db_err db_loan_repayments(struct db *db, int64_t loan_id, struct loan_repayment *out,
                               size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, date, amount, note FROM loan_repayments "
                                   "WHERE loan_id = ?1 AND deleted = 0 ORDER BY date, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, loan_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct loan_repayment *r = &out[(*n)++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->loan_id = loan_id;
        db_col_text(st, 1, r->date, sizeof r->date);
        r->amount = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, r->note, sizeof r->note);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取还款记录");
}

enum db_err db_loan_delete(struct db *db, int64_t id)
{
    if (db_require_role(db, ROLE_CLERK, "删除小额信贷") != DB_OK)
        return DB_ERR_DENIED;
    return reg_soft_delete(db, "loans", id, "删除小额信贷");
}

void loan_cell_subsidy(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    const struct loan *l = rec;
    out->kind = l->subsidised ? RC_NUM : RC_BLANK;
    out->num = loan_subsidy_of(l);
}

void loan_cell_balance(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    struct loan_facts lf;
    loan_facts_of(rec, 0, NULL, &lf);
    out->kind = RC_NUM;
    out->num = loan_balance(&lf);
}

void loan_cell_state(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    struct loan_facts lf;
    loan_facts_of(rec, 0, NULL, &lf);
    out->kind = RC_TEXT;
    out->text = loan_balance(&lf) == 0 ? "已结清" : loan_overdue(&lf, cc->today) ? "逾期" : "正常";
}

static size_t run_loan(struct db *db, const struct check_ctx *cc, const void *rec, struct check_result *out,
                       size_t max)
{
    const struct loan *l = rec;
    char first[11] = "";
    money_t sum = 0;
    repaid_of(db, l->id, &sum, first);
    struct loan_facts lf;
    loan_facts_of(l, 0, first, &lf);
    return checks_run_loan(cc, &lf, out, max);
}

enum db_err db_loan_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn,
                              void *ud, size_t *errors, size_t *warnings)
{
    static const struct reg_checks RC = { "小额信贷", offsetof(struct loan, start), db_loans_each, run_loan };
    return reg_check_all(db, &RC, cc, fn, ud, errors, warnings);
}

struct loan_sum {
    const struct check_ctx *cc;
    int n, overdue;
    money_t balance;
};

static int sum_one(void *ud, const void *rec, const struct loan_info *info)
{
    (void)info;
    struct loan_sum *s = ud;
    const struct loan *l = rec;
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    s->n++;
    s->balance += loan_balance(&lf);
    s->overdue += loan_overdue(&lf, s->cc->today);
    return 0;
}

static int count_row(void *ud, const void *rec, const struct loan_info *info)
{
    (void)rec;
    (void)info;
    ++*(int *)ud;
    return 0;
}

static int sum_dividends(void *ud, const void *rec, const struct loan_info *info)
{
    (void)info;
    *(money_t *)ud += ((const struct asset_share *)rec)->paid;
    return 0;
}

static int last_site(void *ud, const void *rec, const struct loan_info *info)
{
    (void)info;
    const struct relocation *rl = rec;
    snprintf(ud, TEXT_BYTES(60), "%s", rl->site);
    return 0;
}

/* "；资产收益 1 项, 累计分红 800.00 元；易地搬迁 至 幸福家园安置点". */
static enum db_err more_registers(struct db *db, int64_t household_id, char *out, size_t outsz)
{
    int trainings = 0, shares = 0;
    money_t paid = 0;
    char site[TEXT_BYTES(60)] = "", m[32];
    enum db_err err = db_trainings_each(db, household_id, NULL, count_row, &trainings);
    if (err == DB_OK)
        err = db_shares_each(db, household_id, NULL, count_row, &shares);
    if (err == DB_OK)
        err = db_shares_each(db, household_id, NULL, sum_dividends, &paid);
    if (err == DB_OK)
        err = db_relocations_each(db, household_id, NULL, last_site, site);
    if (err != DB_OK)
        return err;
    size_t len = strlen(out);
    money_format(paid, m, sizeof m);
    if (shares && len < outsz)
        len += (size_t)snprintf(out + len, outsz - len, "%s资产收益 %d 项, 累计分红 %s 元", len ? "；" : "",
                                shares, m);
    if (trainings && len < outsz)
        len += (size_t)snprintf(out + len, outsz - len, "%s就业/培训 %d 条", len ? "；" : "", trainings);
    if (site[0] && len < outsz)
        snprintf(out + len, outsz - len, "%s易地搬迁 至 %s", len ? "；" : "", site);
    return DB_OK;
}

enum db_err db_loan_summary(struct db *db, const struct check_ctx *cc, int64_t household_id,
                            char *out, size_t outsz)
{
    struct loan_sum s = { cc, 0, 0, 0 };
    out[0] = 0;
    enum db_err err = household_id ? db_loans_each(db, household_id, NULL, sum_one, &s) : DB_OK;
    if (err != DB_OK)
        return err;
    char bal[32], od[40] = "";
    money_format(s.balance, bal, sizeof bal);
    if (s.overdue)
        snprintf(od, sizeof od, " (%d 笔逾期)", s.overdue);
    if (s.n)
        snprintf(out, outsz, "小额信贷 %d 笔, 余额 %s 元%s", s.n, bal, od);
    return household_id ? more_registers(db, household_id, out, outsz) : DB_OK;
}
