/* demo_loans.c — demo 扶贫小额信贷 (db/demo_loans.h). */
#include "db/demo_loans.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/workflow.h"
#include "db/loans.h"
#include "db/training.h"
#include "db/dividends.h"
#include "db/relocation.h"

static const char *const BANKS[] = { "县农村信用合作联社", "中国农业银行县支行", "中国邮政储蓄银行县支行" };
static const char *const PURPOSES[] = { "养殖肉牛", "种植砂糖橘", "养殖生猪", "发展桑蚕", "种植百香果" };

/* One loan: lent `ago` days before today for `months`, `repaid` paid back
 * `repaid_ago` days before today (0 = nothing repaid). */
struct demo_loan {
    money_t amount;
    int months, ago;
    money_t repaid;
    int repaid_ago;
};

/* Running, partly repaid, paid off, and (index 3) overdue. */
static const struct demo_loan LOANS[] = {
    { 5000000, 36, 200, 0, 0 },
    { 3000000, 24, 420, 1000000, 60 },
    { 2000000, 12, 500, 2000000, 140 },
    { 5000000, 12, 405, 2000000, 100 },     /* due 40 days ago, 3万 left: 逾期 */
    { 4000000, 36, 700, 1500000, 30 },
    { 1000000, 12, 90, 0, 0 },
    { 5000000, 36, 330, 0, 0 },
    { 3000000, 36, 610, 1200000, 20 },
};
#define N_LOANS (sizeof LOANS / sizeof *LOANS)

static void day_before(int days, char out[11])
{
    char today[11];
    clock_today(today);
    date_add_days(today, -days, out);
}

static enum db_err one_loan(struct db *db, const struct check_ctx *cc, int64_t hh, size_t i, uint64_t seed)
{
    const struct demo_loan *d = &LOANS[i];
    struct loan l;
    memset(&l, 0, sizeof l);
    l.household_id = hh;
    l.borrower = 1;
    snprintf(l.bank, sizeof l.bank, "%s", BANKS[(i + seed) % 3]);
    snprintf(l.contract_no, sizeof l.contract_no, "FPXD-%03zu", i + 1);
    l.amount = d->amount;
    l.term_months = d->months;
    day_before(d->ago, l.start);
    l.rate = LOAN_RATE_DEFAULT;
    l.subsidised = 1;
    snprintf(l.purpose, sizeof l.purpose, "%s", PURPOSES[(i + seed) % 5]);
    enum db_err err = db_loan_save(db, cc, &l);
    if (err != DB_OK || !d->repaid)
        return err;
    struct loan_repayment r;
    memset(&r, 0, sizeof r);
    day_before(d->repaid_ago, r.date);
    r.amount = d->repaid;
    snprintf(r.note, sizeof r.note, "%s", d->repaid == d->amount ? "到期结清" : "部分还款");
    return db_loan_repay(db, cc, l.id, &r, NULL);
}

/* 就业/培训: courses, jobs and posts, dated `ago` days back for `days`
 * (0 = still on it), with what they earned. */
static const struct {
    int kind;
    const char *content, *place;
    int ago, days;
    money_t income;
} TRAININGS[] = {
    { 1, "肉牛养殖技术培训", "县职业技术学校", 300, 5, 0 },
    { 2, "电子厂流水线普工", "广东省东莞市", 280, 0, 3600000 },
    { 1, "中式烹调师培训", "县人社局培训中心", 200, 15, 0 },
    { 3, "生态护林员", "本村", 365, 0, 1000000 },
    { 2, "建筑工地钢筋工", "南宁市", 420, 240, 2800000 },
    { 1, "砂糖橘种植管理培训", "乡农技站", 60, 3, 0 },
};
#define N_TRAININGS (sizeof TRAININGS / sizeof *TRAININGS)

static enum db_err one_training(struct db *db, const struct check_ctx *cc, int64_t hh, size_t i)
{
    struct training t;
    memset(&t, 0, sizeof t);
    t.household_id = hh;
    t.member = 1;
    t.kind = TRAININGS[i].kind;
    snprintf(t.content, sizeof t.content, "%s", TRAININGS[i].content);
    snprintf(t.place, sizeof t.place, "%s", TRAININGS[i].place);
    day_before(TRAININGS[i].ago, t.start);
    if (TRAININGS[i].days)
        day_before(TRAININGS[i].ago - TRAININGS[i].days, t.finish);
    t.income = TRAININGS[i].income;
    return db_training_save(db, cc, &t);
}

/* 易地扶贫搬迁: where they went and how; `per` is the area per person
 * (㎡ ×100) — the last one over the 25 ㎡ rule, for `fupin check`'s warning. */
static const struct {
    const char *from, *site;
    int mode, ago, per;
    money_t subsidy;
} MOVES[] = {
    { "石门乡高岩村三组", "县城幸福家园安置点", RELOC_COUNTY, 400, 2000, 6000000 },
    { "石门乡黄泥村五组", "白沙镇集镇安置点", RELOC_TOWN, 620, 2500, 5000000 },
    { "龙洞乡岩口村二组", "龙洞乡中心村安置点", RELOC_VILLAGE, 250, 2200, 4000000 },
    { "龙洞乡岩口村七组", "投靠亲属 (县城东门)", RELOC_KIN, 150, 2800, 2000000 },
};
#define N_MOVES (sizeof MOVES / sizeof *MOVES)

static enum db_err one_move(struct db *db, const struct check_ctx *cc, int64_t hh, size_t i)
{
    struct relocation rl;
    memset(&rl, 0, sizeof rl);
    rl.household_id = hh;
    snprintf(rl.from_addr, sizeof rl.from_addr, "%s", MOVES[i].from);
    snprintf(rl.site, sizeof rl.site, "%s", MOVES[i].site);
    day_before(MOVES[i].ago, rl.moved_on);
    rl.mode = MOVES[i].mode;
    enum db_err err = reg_member_count(db, hh, &rl.people);
    if (err != DB_OK)
        return err;
    rl.area = (int64_t)MOVES[i].per * rl.people;
    rl.subsidy = MOVES[i].subsidy;
    return db_relocation_save(db, cc, &rl);
}

/* 资产收益扶贫: shares in village projects, with their yearly 分红. */
static const struct {
    const char *project;
    int years_ago;
    money_t amount;
    int shares;
    money_t dividend;       /* each year since, the current one included */
} SHARES[] = {
    { "村级光伏电站", 3, 500000, 5, 30000 },
    { "茶叶专业合作社", 2, 300000, 3, 24000 },
    { "肉牛养殖基地", 1, 1000000, 10, 60000 },
    { "村级光伏电站", 0, 500000, 5, 0 },
};
#define N_SHARES (sizeof SHARES / sizeof *SHARES)

static enum db_err one_share(struct db *db, const struct check_ctx *cc, int64_t hh, size_t i)
{
    struct asset_share sh;
    memset(&sh, 0, sizeof sh);
    sh.household_id = hh;
    snprintf(sh.project, sizeof sh.project, "%s", SHARES[i].project);
    sh.start_year = atoi(cc->today) - SHARES[i].years_ago;
    sh.amount = SHARES[i].amount;
    sh.shares = SHARES[i].shares;
    enum db_err err = db_share_save(db, cc, &sh);
    /* The current year's not yet paid: dividends for the years before it. */
    for (int y = sh.start_year; err == DB_OK && SHARES[i].dividend && y < atoi(cc->today); y++) {
        struct asset_dividend d = { 0, sh.id, y, SHARES[i].dividend, "年底分红" };
        err = db_dividend_add(db, cc, sh.id, &d, NULL);
    }
    return err;
}

enum db_err demo_fill_loans(struct db *db, uint64_t seed)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE deleted = 0 AND state = ?1 "
                                   "ORDER BY id LIMIT ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, WF_REGISTERED);
    sqlite3_bind_int(st, 2, (int)N_LOANS * 3);
    int64_t ids[N_LOANS * 3];
    size_t n = 0;
    while (n < N_LOANS * 3 && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    enum db_err err = DB_OK;
    /* Every third registered household, so the loans spread over villages. */
    for (size_t i = 0; err == DB_OK && i < N_LOANS && i * 3 < n; i++)
        err = one_loan(db, &cc, ids[i * 3], i, seed);
    /* The households after them, a course or a job each. */
    for (size_t i = 0; err == DB_OK && i < N_TRAININGS && i * 3 + 1 < n; i++)
        err = one_training(db, &cc, ids[i * 3 + 1], i);
    /* The third household of each three: a move, a share (or both). */
    for (size_t i = 0; err == DB_OK && i < N_MOVES && i * 3 + 2 < n; i++)
        err = one_move(db, &cc, ids[i * 3 + 2], i);
    for (size_t i = 0; err == DB_OK && i < N_SHARES && (i + N_MOVES / 2) * 3 + 2 < n; i++)
        err = one_share(db, &cc, ids[(i + N_MOVES / 2) * 3 + 2], i);
    return err;
}
