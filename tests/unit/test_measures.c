/* Tests for the 易地扶贫搬迁 and 资产收益扶贫 registers (issue 16 part 2):
 * every rule as a known answer with the case that fires it and the near
 * miss that does not, and the stores: a refused save writes nothing (the
 * field named), the 人均面积 warning saves, one dividend per year, soft
 * delete, the audit, the summary line and the ledgers' row counts. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/codes.h"
#include "core/dividends.h"
#include "core/relocation.h"
#include "db/dividends.h"
#include "db/household_store.h"
#include "db/loan_export.h"
#include "db/loans.h"
#include "db/relocation.h"
#include <stdio.h>
#include <string.h>

static struct check_ctx ctx_on(const char *today)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "%s", today);
    return cc;
}

static void id_list(const struct check_result *rs, size_t n, char *out, size_t outsz)
{
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), outsz - strlen(out), "%s%s", i ? " " : "", rs[i].def->id);
}

/* ---- 易地扶贫搬迁 ---- */

static struct relocation move_of(int mode, const char *date, int people, int members, int64_t area, money_t subsidy)
{
    struct relocation rl;
    memset(&rl, 0, sizeof rl);
    rl.mode = mode;
    snprintf(rl.moved_on, sizeof rl.moved_on, "%s", date);
    rl.people = people;
    rl.members = members;
    rl.area = area;
    rl.subsidy = subsidy;
    return rl;
}

static const char *reloc_ids(int mode, const char *date, int people, int members, int64_t area, money_t subsidy)
{
    static char out[256];
    struct relocation rl = move_of(mode, date, people, members, area, subsidy);
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[8];
    id_list(rs, checks_run_relocation(&cc, &rl, rs, 8), out, sizeof out);
    return out;
}

TEST(relocation_rules_known_answers)
{
    static const struct {
        int mode;
        const char *date;
        int people, members;
        int64_t area;
        money_t subsidy;
        const char *want;
    } cases[] = {
        { 1, "2026-03-01", 4, 4, 10000, 5000000, "" },              /* 25 ㎡ each: on the line */
        { 7, "2026-06-01", 1, 5, 100, 0, "" },                      /* today, 1 ㎡, no 补助 */
        { 0, "2026-03-01", 4, 4, 10000, 0, "RELOC_MODE" },
        { 8, "2026-03-01", 4, 4, 10000, 0, "RELOC_MODE" },
        { 1, "2026-06-02", 4, 4, 10000, 0, "RELOC_DATE" },          /* tomorrow */
        { 1, "2026-02-30", 4, 4, 10000, 0, "RELOC_DATE" },
        { 1, "", 4, 4, 10000, 0, "RELOC_DATE" },
        { 1, "2026-03-01", 0, 4, 10000, 0, "RELOC_PEOPLE" },        /* nobody */
        { 1, "2026-03-01", 5, 4, 10000, 0, "RELOC_PEOPLE" },        /* more than the household */
        { 1, "2026-03-01", 1, 1, 2500, 0, "" },
        { 1, "2026-03-01", 4, 4, 0, 0, "RELOC_AREA" },
        { 1, "2026-03-01", 4, 4, -100, 0, "RELOC_AREA" },
        { 1, "2026-03-01", 4, 4, 10001, 0, "RELOC_AREA_PER_PERSON" },   /* 0.01 ㎡ over */
        { 1, "2026-03-01", 2, 4, 6000, 0, "RELOC_AREA_PER_PERSON" },    /* 30 ㎡ each */
        { 1, "2026-03-01", 4, 4, 10000, -1, "RELOC_SUBSIDY" },
        { 1, "2026-03-01", 4, 4, 10000, 100000000, "" },            /* 100万元 */
        { 1, "2026-03-01", 4, 4, 10000, 100000001, "RELOC_SUBSIDY" },
        { 1, "2026-03-01", 0, 4, 6000, 0, "RELOC_PEOPLE" },         /* no per-person warning without people */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = reloc_ids(cases[i].mode, cases[i].date, cases[i].people, cases[i].members, cases[i].area,
                                    cases[i].subsidy);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "    case %zu: got \"%s\" want \"%s\"\n", i, got, cases[i].want);
        CHECK_STR(got, cases[i].want);
    }
    struct relocation rl = move_of(1, "2026-03-01", 2, 4, 6000, 0);
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[4];
    CHECK_INT(checks_run_relocation(&cc, &rl, rs, 4), 1);
    CHECK_INT(rs[0].def->level, CHECK_WARNING);
    CHECK_STR(rs[0].field_key, "area");
    CHECK_STR(rs[0].message, "人均住房面积 30.00 ㎡ 超过 25 ㎡ (易地扶贫搬迁人均住房面积不超过25平方米)");
    rl = move_of(1, "2026-03-01", 5, 4, 6000, 0);
    CHECK_INT(checks_run_relocation(&cc, &rl, rs, 4), 1);
    CHECK_STR(rs[0].message, "搬迁人数 5: 须在 1 至本户人数 4 之间");
    CHECK_STR(codes_label(CL_RELOC_MODE, RELOC_KIN), "投亲靠友分散安置");
    CHECK(RELOC_CONCENTRATED(RELOC_PARK) && !RELOC_CONCENTRATED(RELOC_SCATTERED));
}

static int64_t household(struct db *db, const char *head, int k0)
{
    static struct household hh;
    tdb_household(&hh, head, 3, k0);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

static int count(void *ud, const void *rec, const struct loan_info *info)
{
    (void)rec;
    (void)info;
    ++*(int *)ud;
    return 0;
}

TEST(relocation_store)
{
    struct db *db = tdb_open("relocation.db");
    struct check_ctx cc = ctx_on("2026-06-01");
    int64_t hh = household(db, "韦金凤", 500);
    struct relocation rl = move_of(RELOC_COUNTY, "20260315", 4, 0, 8000, 6000000);
    rl.household_id = hh;
    snprintf(rl.from_addr, sizeof rl.from_addr, "石门乡高岩村三组");
    snprintf(rl.site, sizeof rl.site, "县城幸福家园安置点");
    CHECK_INT(db_relocation_save(db, &cc, &rl), DB_ERR_INVALID);      /* 3 members */
    CHECK_STR(db_errfield(db), "people");
    CHECK_STR(db_errmsg(db), "搬迁人数 4: 须在 1 至本户人数 3 之间");
    snprintf(rl.moved_on, sizeof rl.moved_on, "2026-07-01");
    rl.people = 3;
    CHECK_INT(db_relocation_save(db, &cc, &rl), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "moved_on");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM relocations"), 0);
    snprintf(rl.moved_on, sizeof rl.moved_on, "20260315");
    rl.area = 9000;                                     /* 30 ㎡ each: saved, with the warning */
    CHECK_INT(db_relocation_save(db, &cc, &rl), DB_OK);
    CHECK_STR(rl.moved_on, "2026-03-15");
    CHECK_INT(rl.members, 3);
    char w[200];
    CHECK_INT(db_relocation_warning(&cc, &rl, w, sizeof w), 1);
    CHECK(strstr(w, "人均住房面积不超过25平方米") != NULL);
    rl.area = 7500;
    CHECK_INT(db_relocation_save(db, &cc, &rl), DB_OK);
    CHECK_INT(db_relocation_warning(&cc, &rl, w, sizeof w), 0);
    CHECK_INT(tdb_int(db, "SELECT area FROM relocations"), 7500);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'relocations'"), 2);
    char line[300];
    CHECK_INT(db_loan_summary(db, &cc, hh, line, sizeof line), DB_OK);
    CHECK_STR(line, "易地搬迁 至 县城幸福家园安置点");
    char path[512], err[256];
    int64_t rows = -1;
    snprintf(path, sizeof path, "%s", tdb_path("relocation.xlsx"));
    CHECK_INT(relocation_export_ledger(db, NULL, 0, path, NULL, NULL, &rows, err, sizeof err), 0);
    CHECK_INT(rows, 1);
    CHECK_INT(db_relocation_delete(db, rl.id), DB_OK);
    CHECK_INT(db_relocation_delete(db, rl.id), DB_ERR_NOTFOUND);
    int n = 0;
    CHECK_INT(db_relocations_each(db, hh, NULL, count, &n), DB_OK);
    CHECK_INT(n, 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM relocations WHERE deleted = 1"), 1);
    db_close(db);
}

/* ---- 资产收益扶贫 ---- */

static const char *div_ids(int start_year, money_t amount, int shares, int year, money_t dividend, int dup)
{
    static char out[256];
    struct dividend_facts df = { start_year, amount, shares, year, dividend, dup };
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[8];
    id_list(rs, checks_run_dividend(&cc, &df, rs, 8), out, sizeof out);
    return out;
}

TEST(dividend_rules_known_answers)
{
    CHECK_STR(div_ids(2023, 500000, 5, 0, 0, 0), "");
    CHECK_STR(div_ids(2023, 0, 1, 2023, 0, 0), "");                  /* 配股 of nothing, no 分红: allowed */
    CHECK_STR(div_ids(2023, 500000, 0, 0, 0, 0), "DIV_SHARES");
    CHECK_STR(div_ids(2023, 500000, -2, 0, 0, 0), "DIV_SHARES");
    CHECK_STR(div_ids(2023, -1, 5, 0, 0, 0), "DIV_AMOUNT");
    CHECK_STR(div_ids(2023, 500000, 5, 2024, -1, 0), "DIV_AMOUNT");
    CHECK_STR(div_ids(2023, 100000001, 5, 0, 0, 0), "DIV_AMOUNT");
    CHECK_STR(div_ids(2023, 100000000, 5, 0, 0, 0), "");
    CHECK_STR(div_ids(2027, 500000, 5, 0, 0, 0), "DIV_YEAR");         /* starts next year */
    CHECK_STR(div_ids(2026, 500000, 5, 0, 0, 0), "");                 /* this year */
    CHECK_STR(div_ids(1948, 500000, 5, 0, 0, 0), "DIV_YEAR");
    CHECK_STR(div_ids(2023, 500000, 5, 2022, 30000, 0), "DIV_YEAR");   /* before the share */
    CHECK_STR(div_ids(2023, 500000, 5, 2023, 30000, 0), "");           /* its first year */
    CHECK_STR(div_ids(2023, 500000, 5, 2026, 30000, 0), "");           /* this year */
    CHECK_STR(div_ids(2023, 500000, 5, 2027, 30000, 0), "DIV_YEAR");   /* next year */
    CHECK_STR(div_ids(2023, 500000, 5, 2024, 30000, 1), "DIV_DUP_YEAR");
    struct dividend_facts df = { 2023, 500000, 5, 2022, 100, 0 };
    struct check_ctx cc = ctx_on("2026-06-01");
    struct check_result rs[4];
    CHECK_INT(checks_run_dividend(&cc, &df, rs, 4), 1);
    CHECK_STR(rs[0].message, "分红年度 2022 早于入股年份 2023");
    CHECK_STR(rs[0].field_key, "year");
}

TEST(dividend_store)
{
    struct db *db = tdb_open("dividends.db");
    struct check_ctx cc = ctx_on("2026-06-01");
    int64_t hh = household(db, "黄秀英", 600);
    struct asset_share s;
    memset(&s, 0, sizeof s);
    s.household_id = hh;
    snprintf(s.project, sizeof s.project, "村级光伏电站");
    s.start_year = 2024;
    s.amount = 500000;
    CHECK_INT(db_share_save(db, &cc, &s), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "shares");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM asset_shares"), 0);
    s.shares = 5;
    CHECK_INT(db_share_save(db, &cc, &s), DB_OK);
    struct asset_dividend d = { 0, s.id, 2024, 30000, "年底分红" };
    CHECK_INT(db_dividend_add(db, &cc, s.id, &d, NULL), DB_OK);
    CHECK_INT(db_dividend_add(db, &cc, s.id, &d, NULL), DB_ERR_INVALID);       /* 2024 again */
    CHECK_STR(db_errfield(db), "year");
    CHECK_STR(db_errmsg(db), "2024 年的分红已登记, 每年一条 (请修改那一条)");
    d.year = 2023;
    CHECK_INT(db_dividend_add(db, &cc, s.id, &d, NULL), DB_ERR_INVALID);
    d.year = 2027;
    CHECK_INT(db_dividend_add(db, &cc, s.id, &d, NULL), DB_ERR_INVALID);
    d.year = 2025;
    d.amount = 24000;
    CHECK_INT(db_dividend_add(db, &cc, s.id, &d, NULL), DB_OK);
    /* Moving the start after a recorded dividend is refused. */
    s.start_year = 2025;
    CHECK_INT(db_share_save(db, &cc, &s), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "分红年度 2024 早于入股年份 2025");
    s.start_year = 2024;
    struct asset_dividend got[8];
    size_t n = 0;
    CHECK_INT(db_share_dividends(db, s.id, got, 8, &n), DB_OK);
    CHECK_INT((int)n, 2);
    CHECK_INT(got[0].year, 2024);
    CHECK_INT(got[1].amount, 24000);
    char line[300];
    CHECK_INT(db_loan_summary(db, &cc, hh, line, sizeof line), DB_OK);
    CHECK_STR(line, "资产收益 1 项, 累计分红 540.00 元");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl IN ('asset_shares', 'asset_dividends')"), 3);
    char path[512], err[256];
    int64_t rows = -1;
    snprintf(path, sizeof path, "%s", tdb_path("dividends.xlsx"));
    CHECK_INT(dividend_export_ledger(db, NULL, 0, path, NULL, NULL, &rows, err, sizeof err), 0);
    CHECK_INT(rows, 1);
    CHECK_INT(db_share_delete(db, s.id), DB_OK);
    int k = 0;
    CHECK_INT(db_shares_each(db, hh, NULL, count, &k), DB_OK);
    CHECK_INT(k, 0);
    db_close(db);
}
