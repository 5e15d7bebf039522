/* notice_export.c — 公示名单 and 户表 (see notice_export.h). */
#include "db/notice_export.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "core/xlsxout.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/notice_sheet.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include <xlsxwriter.h>

/* Carries the first xo error into a db error with its message. */
static enum db_err xo_fail(struct db *db, struct xo_book *b, enum xo_err e, const char *path)
{
    const char *msg = b ? xo_errmsg(b) : xo_last_error();
    char copy[512];
    snprintf(copy, sizeof copy, "%s", msg && *msg ? msg : xo_strerror(e));
    if (b)
        xo_abort(b);
    return db_set_error(db, DB_ERR_IO, "导出失败: %s (%s)", copy, path);
}

/* Closes the workbook after the rows, or drops it on the first error. */
static enum db_err finish(struct db *db, struct xo_book *b, enum xo_err e, const char *path)
{
    if (e != XO_OK)
        return xo_fail(db, b, e, path);
    e = xo_close(b);
    return e == XO_OK ? DB_OK : xo_fail(db, NULL, e, path);
}

#define TRY(expr) do { if (e == XO_OK) e = (expr); } while (0)

/* Headers on two lines where the values are narrower than the words, so the
 * list fits an A4 page upright (the notice convention) at a readable size. */
static const struct xo_col NOTICE_COLS[] = {
    { "序号", XO_INT, 5 },
    { "村民\n小组", XO_TEXT, 8 },
    { "户主\n姓名", XO_TEXT, 8 },
    { "家庭\n人口", XO_INT, 6 },
    { "身份证号", XO_ID_MASKED, 20 },
    { "贫困户\n属性", XO_TEXT, 8 },
    { "主要致贫\n原因", XO_TEXT, 8 },
    { "年人均\n纯收入", XO_MONEY, 10 },
    { "备注", XO_TEXT, 10 },
};
/* A project notice makes the project public (seed 002 篇1 第十二条). */
static const struct xo_col PROJECT_COLS[] = {
    { "序号", XO_INT, 5 },
    { "村民\n小组", XO_TEXT, 8 },
    { "户主\n姓名", XO_TEXT, 8 },
    { "身份证号", XO_ID_MASKED, 20 },
    { "项目\n类别", XO_TEXT, 8 },
    { "项目内容", XO_TEXT, 20 },
    { "金额", XO_MONEY, 10 },
    { "合作方", XO_TEXT, 16 },
    { "备注", XO_TEXT, 10 },
};
#define N_NOTICE_COLS (sizeof NOTICE_COLS / sizeof *NOTICE_COLS)
_Static_assert(sizeof PROJECT_COLS == sizeof NOTICE_COLS, "both sheets have nine columns");

#define NOTICE_TITLE_PT 18
/* Upright A4 unless that would print below 8 pt.  The printable width of
 * portrait A4 between the 0.4" margins is 538 pt; one Excel width unit
 * prints about 7.05 pt at 100 % (measured through LibreOffice: 122.4 units
 * filled the 784 pt of landscape A4 at 10/11 scale); at 8/11 scale that is
 * 104 units, less the 0.71 libxlsxwriter adds to each of the 9 columns and a
 * margin for the estimate (94 printed at 8.4 pt, 96 at 8.1). */
#define PORTRAIT_MAX_WIDTH 94

static enum xo_err put_row(struct xo_book *b, int project, const struct notice_row *r)
{
    enum xo_err e = XO_OK;
    TRY(xo_row_begin(b));
    TRY(xo_put_int(b, r->ordinal));
    TRY(xo_put_text(b, r->group));
    TRY(xo_put_text(b, r->head_name));
    if (project) {
        TRY(xo_put_text(b, r->id_masked));
        TRY(xo_put_text(b, r->project_kind));
        TRY(xo_put_text(b, r->project_content));
        TRY(xo_put_int(b, r->project_amount));
        TRY(xo_put_text(b, r->partner));
    } else {
        TRY(xo_put_int(b, r->n_members));
        TRY(xo_put_text(b, r->id_masked));
        TRY(xo_put_text(b, r->hh_type));
        TRY(xo_put_text(b, r->cause));
        TRY(xo_put_int(b, r->per_capita));
    }
    TRY(xo_put_text(b, r->remark));
    TRY(xo_row_end(b));
    return e;
}

/* After the table: the decision it rests on, where to object, then at the
 * bottom right the publisher and the day, with room above for the stamp. */
static enum xo_err put_footer(struct xo_book *b, const struct notice_sheet *s)
{
    enum xo_err e = XO_OK;
    char line[400], day[32];
    if (s->approval_label[0]) {
        notice_date_words(s->approval_date, day, sizeof day);
        snprintf(line, sizeof line, "%s：%s（%s）", s->approval_label, s->approval_no, day);
        TRY(xo_footer_line(b, line));
    }
    snprintf(line, sizeof line, "监督电话：%s", s->phone[0] ? s->phone : "________");
    TRY(xo_footer_line(b, line));
    snprintf(line, sizeof line, "张贴地点：%s", s->place);
    TRY(xo_footer_line(b, line));
    TRY(xo_footer_line(b, ""));
    TRY(xo_footer_line(b, ""));
    snprintf(line, sizeof line, "发布单位：%s（盖章）", s->publisher[0] ? s->publisher : "__________");
    TRY(xo_footer_line_right(b, line));
    notice_date_words(s->start, day, sizeof day);
    TRY(xo_footer_line_right(b, day));
    return e;
}

/* Portrait when the measured columns fit upright at 8 pt or more. */
static void set_orientation(struct xo_book *b)
{
    lxw_worksheet *ws = xo_lxw_worksheet(b);
    if (xo_sheet_width(b) <= PORTRAIT_MAX_WIDTH)
        worksheet_set_portrait(ws);
    else
        worksheet_set_landscape(ws);
}

enum db_err notice_export(struct db *db, int64_t notice_id, const char *path)
{
    struct notice_sheet s;
    enum db_err err = notice_sheet_load(db, notice_id, &s);
    if (err != DB_OK)
        return err;
    int project = s.kind == NK_PROJECT;
    struct xo_col cols[N_NOTICE_COLS];
    memcpy(cols, project ? PROJECT_COLS : NOTICE_COLS, sizeof cols);
    if (strcmp(s.group_header, "村民小组") != 0)
        cols[1] = (struct xo_col){ "所在村组", XO_TEXT, 14 };
    char name[64], intro[800];
    notice_sheet_name(&s, name, sizeof name);
    notice_sheet_intro(&s, intro, sizeof intro);
    struct xo_sheet_spec spec = { name, s.title, s.publisher, s.start, "元、人", cols, N_NOTICE_COLS,
                                  .title_pt = NOTICE_TITLE_PT, .intro = intro };
    struct xo_book *b = NULL;
    enum xo_err e = xo_open(path, 0, &b);
    if (e != XO_OK) {
        notice_sheet_free(&s);
        return xo_fail(db, NULL, e, path);
    }
    TRY(xo_sheet_begin(b, &spec));
    for (size_t i = 0; i < s.n && e == XO_OK; i++)
        e = put_row(b, project, &s.rows[i]);
    if (e == XO_OK)
        set_orientation(b);
    TRY(put_footer(b, &s));
    notice_sheet_free(&s);
    return finish(db, b, e, path);
}

/* ---- 户表 ------------------------------------------------------------- */

static const struct xo_col KV_COLS[] = {
    { "项目", XO_TEXT, 14 }, { "内容", XO_TEXT, 22 }, { "项目", XO_TEXT, 14 }, { "内容", XO_TEXT, 22 },
};

/* Key/value pairs laid two to a row. */
struct kv { struct xo_book *b; enum xo_err e; int half; };

static void kv_put(struct kv *k, const char *key, const char *value, enum xo_kind kind)
{
    enum xo_err e = k->e;
    if (!k->half)
        TRY(xo_row_begin(k->b));
    TRY(xo_put_text(k->b, key));
    (void)kind;     /* the value columns are text: IDs and accounts stay digits */
    TRY(xo_put_text(k->b, value));
    if (k->half)
        TRY(xo_row_end(k->b));
    k->half = !k->half;
    k->e = e;
}

static void kv_money(struct kv *k, const char *key, money_t v)
{
    char s[32];
    money_format(v, s, sizeof s);
    kv_put(k, key, s, XO_TEXT);
}

static void kv_flush(struct kv *k)
{
    enum xo_err e = k->e;
    if (k->half)
        TRY(xo_row_end(k->b));
    k->half = 0;
    k->e = e;
}

static const char *yn(int v) { return v ? "是" : "否"; }

static const struct xo_col MEMBER_COLS[] = {
    { "序号", XO_INT, 5 }, { "姓名", XO_TEXT, 8 }, { "性别", XO_TEXT, 4 }, { "身份证号", XO_ID, 20 },
    { "与户主关系", XO_TEXT, 8 }, { "民族", XO_TEXT, 6 }, { "文化程度", XO_TEXT, 8 },
    { "在校生状况", XO_TEXT, 8 }, { "健康状况", XO_TEXT, 8 }, { "劳动技能", XO_TEXT, 8 },
    { "务工状况", XO_TEXT, 8 }, { "医保", XO_TEXT, 4 }, { "大病保险", XO_TEXT, 4 }, { "养老保险", XO_TEXT, 4 },
};
static const struct xo_col AID_COLS[] = {
    { "日期", XO_DATE, 10 }, { "帮扶人", XO_TEXT, 8 }, { "措施类别", XO_TEXT, 10 },
    { "帮扶内容", XO_TEXT, 20 }, { "投入资金", XO_MONEY, 10 }, { "物资折款", XO_MONEY, 10 },
    { "帮扶成效", XO_TEXT, 16 }, { "贫困户签字", XO_TEXT, 6 }, { "村负责人签字", XO_TEXT, 6 },
    { "工作队长签字", XO_TEXT, 6 },
};
static const struct xo_col HISTORY_COLS[] = {
    { "日期", XO_DATE, 10 }, { "原状态", XO_TEXT, 10 }, { "新状态", XO_TEXT, 10 },
    { "事由", XO_TEXT, 40 }, { "操作员", XO_TEXT, 8 },
};
#define COUNT(a) (sizeof a / sizeof *a)

static enum xo_err card_aid(struct db *db, struct xo_book *b, int64_t hh_id)
{
    enum xo_err e = XO_OK;
    sqlite3_stmt *st = db_stmt(db, "SELECT a.date, coalesce(h.name, ''), a.measure, a.content, a.money, "
        "a.goods_value, a.outcome, a.signed_household, a.signed_village, a.signed_team FROM aid_records a "
        "LEFT JOIN helpers h ON h.id = a.helper_id WHERE a.household_id = ?1 AND a.deleted = 0 "
        "ORDER BY a.date, a.id");
    if (!st)
        return XO_ERR_STATE;
    sqlite3_bind_int64(st, 1, hh_id);
    while (e == XO_OK && sqlite3_step(st) == SQLITE_ROW) {
        TRY(xo_row_begin(b));
        TRY(xo_put_text(b, (const char *)sqlite3_column_text(st, 0)));
        TRY(xo_put_text(b, (const char *)sqlite3_column_text(st, 1)));
        TRY(xo_put_text(b, codes_label(CL_MEASURE, sqlite3_column_int(st, 2))));
        TRY(xo_put_text(b, (const char *)sqlite3_column_text(st, 3)));
        TRY(xo_put_int(b, sqlite3_column_int64(st, 4)));
        TRY(xo_put_int(b, sqlite3_column_int64(st, 5)));
        TRY(xo_put_text(b, (const char *)sqlite3_column_text(st, 6)));
        TRY(xo_put_text(b, yn(sqlite3_column_int(st, 7))));
        TRY(xo_put_text(b, yn(sqlite3_column_int(st, 8))));
        TRY(xo_put_text(b, yn(sqlite3_column_int(st, 9))));
        TRY(xo_row_end(b));
    }
    sqlite3_reset(st);
    return e;
}

enum db_err card_export(struct db *db, int64_t household_id, const char *path)
{
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = db_household_load(db, household_id, 0, hh);
    if (err != DB_OK) {
        free(hh);
        return err;
    }
    char village[TEXT_BYTES(30)] = "", title[300], s[200];
    db_area_name(db, hh->village, village, sizeof village);
    snprintf(title, sizeof title, "%s村 %s户 扶贫对象户表 (户编号 %s)", village, hh->members[0].name,
             hh->hh_no[0] ? hh->hh_no : "未建档");
    if (strstr(village, "村"))
        snprintf(title, sizeof title, "%s %s户 扶贫对象户表 (户编号 %s)", village, hh->members[0].name,
                 hh->hh_no[0] ? hh->hh_no : "未建档");
    struct xo_book *b = NULL;
    enum xo_err e = xo_open(path, 0, &b);
    if (e != XO_OK) {
        free(hh);
        return xo_fail(db, NULL, e, path);
    }
    struct xo_sheet_spec spec = { "户表", title, village, NULL, "元、人", KV_COLS, COUNT(KV_COLS) };
    TRY(xo_sheet_begin(b, &spec));
    struct kv k = { b, e, 0 };
    const struct survey *sv = &hh->survey;
    kv_put(&k, "户编号", hh->hh_no, XO_DIGITS);
    kv_put(&k, "状态", wf_state_label(hh->state), XO_TEXT);
    kv_put(&k, "户主姓名", hh->members[0].name, XO_TEXT);
    kv_put(&k, "户主身份证号", hh->members[0].id_no, XO_ID);
    kv_put(&k, "村民小组", hh->group_name, XO_TEXT);
    kv_put(&k, "联系电话", hh->phone, XO_PHONE);
    snprintf(s, sizeof s, "%d", hh->n_members);
    kv_put(&k, "家庭人口", s, XO_TEXT);
    snprintf(s, sizeof s, "%d", sv->year);
    kv_put(&k, "调查年度", s, XO_TEXT);
    kv_put(&k, "识别标准", codes_label(CL_STANDARD, sv->standard), XO_TEXT);
    kv_put(&k, "贫困户属性", codes_label(CL_HH_TYPE, sv->hh_type), XO_TEXT);
    kv_put(&k, "主要致贫原因", codes_label(CL_CAUSE, sv->main_cause), XO_TEXT);
    kv_put(&k, "其他致贫原因", codes_label(CL_CAUSE, sv->other_cause1), XO_TEXT);
    kv_put(&k, "开户银行", sv->bank, XO_TEXT);
    kv_put(&k, "银行账号", sv->bank_account, XO_DIGITS);
    hundredths_format(sv->arable_area, s, sizeof s);
    kv_put(&k, "耕地面积(亩)", s, XO_TEXT);
    hundredths_format(sv->house_area, s, sizeof s);
    kv_put(&k, "住房面积(㎡)", s, XO_TEXT);
    kv_put(&k, "住房是否危房", yn(sv->dangerous_house), XO_TEXT);
    kv_put(&k, "饮水安全", yn(sv->water_safe), XO_TEXT);
    kv_put(&k, "通生活用电", yn(sv->power_living), XO_TEXT);
    kv_put(&k, "入户路类型", codes_label(CL_ROAD, sv->road_type), XO_TEXT);
    kv_money(&k, "工资性收入", sv->wage_income);
    kv_money(&k, "生产经营性收入", sv->business_income);
    kv_money(&k, "财产性收入", sv->property_income);
    kv_money(&k, "转移性收入", income_transfer(sv));
    kv_money(&k, "生产经营性支出", sv->business_cost);
    kv_money(&k, "家庭年纯收入", income_net(sv));
    kv_money(&k, "年人均纯收入", income_per_capita(sv, hh->n_members));
    struct helper h;
    if (db_helper_of(db, household_id, &h) == DB_OK) {
        kv_put(&k, "帮扶责任人", h.name, XO_TEXT);
        kv_put(&k, "帮扶单位", h.unit, XO_TEXT);
    }
    kv_flush(&k);
    e = k.e;

    struct xo_sheet_spec ms = { "家庭成员", title, village, NULL, "", MEMBER_COLS, COUNT(MEMBER_COLS) };
    TRY(xo_sheet_begin(b, &ms));
    for (int i = 0; i < hh->n_members && e == XO_OK; i++) {
        const struct member *m = &hh->members[i];
        TRY(xo_row_begin(b));
        TRY(xo_put_int(b, i + 1));
        TRY(xo_put_text(b, m->name));
        TRY(xo_put_text(b, codes_label(CL_SEX, m->sex)));
        TRY(xo_put_text(b, m->id_no));
        TRY(xo_put_text(b, codes_label(CL_RELATION, m->relation)));
        TRY(xo_put_text(b, codes_label(CL_ETHNIC, m->ethnic)));
        TRY(xo_put_text(b, codes_label(CL_EDUCATION, m->education)));
        TRY(xo_put_text(b, codes_label(CL_SCHOOLING, m->schooling)));
        TRY(xo_put_text(b, codes_label(CL_HEALTH, m->health)));
        TRY(xo_put_text(b, codes_label(CL_SKILL, m->skill)));
        TRY(xo_put_text(b, codes_label(CL_WORK, m->work)));
        TRY(xo_put_text(b, yn(m->med_ins)));
        TRY(xo_put_text(b, yn(m->serious_ins)));
        TRY(xo_put_text(b, yn(m->pension_ins)));
        TRY(xo_row_end(b));
    }
    struct xo_sheet_spec as = { "帮扶记录", title, village, NULL, "元", AID_COLS, COUNT(AID_COLS) };
    TRY(xo_sheet_begin(b, &as));
    TRY(card_aid(db, b, household_id));

    struct xo_sheet_spec hs = { "状态记录", title, village, NULL, "", HISTORY_COLS, COUNT(HISTORY_COLS) };
    TRY(xo_sheet_begin(b, &hs));
    struct state_row rows[200];
    size_t n = 0;
    if (e == XO_OK && db_state_history(db, household_id, rows, 200, &n) == DB_OK)
        for (size_t i = 0; i < n && e == XO_OK; i++) {
            TRY(xo_row_begin(b));
            TRY(xo_put_text(b, rows[i].date));
            TRY(xo_put_text(b, wf_state_label(rows[i].from_state)));
            TRY(xo_put_text(b, wf_state_label(rows[i].to_state)));
            TRY(xo_put_text(b, rows[i].reason));
            TRY(xo_put_text(b, rows[i].op));
            TRY(xo_row_end(b));
        }
    struct wfs_hh_notice hn[32];
    size_t k2 = 0;
    if (e == XO_OK && wfs_household_notices(db, household_id, hn, 32, &k2) == DB_OK && k2) {
        TRY(xo_footer_line(b, ""));
        for (size_t i = 0; i < k2; i++) {
            snprintf(s, sizeof s, "列入公示: %.120s (%s 至 %s)%s", hn[i].title, hn[i].start, hn[i].end,
                     hn[i].objections ? ", 有异议" : "");
            TRY(xo_footer_line(b, s));
        }
    }
    free(hh);
    return finish(db, b, e, path);
}
