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
                                  .title_pt = NOTICE_TITLE_PT, .intro = intro,
                                  /* A4, the notice board's paper: upright unless
                                   * that would print below 8 pt */
                                  .paper = XO_PAPER_A4, .portrait = XO_PORTRAIT_IF_FITS };
    struct xo_book *b = NULL;
    enum xo_err e = xo_open(path, 0, &b);
    if (e != XO_OK) {
        notice_sheet_free(&s);
        return xo_fail(db, NULL, e, path);
    }
    TRY(xo_sheet_begin(b, &spec));
    for (size_t i = 0; i < s.n && e == XO_OK; i++)
        e = put_row(b, project, &s.rows[i]);
    TRY(put_footer(b, &s));
    notice_sheet_free(&s);
    return finish(db, b, e, path);
}
