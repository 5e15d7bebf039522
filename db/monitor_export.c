/* monitor_export.c — 监测对象名单 (db/monitor_export.h). */
#include "db/monitor_export.h"
#include <stdio.h>
#include <string.h>
#include "core/codes.h"
#include "core/workflow.h"
#include "db/assist_export.h"
#include "db/monitor.h"

static const struct xo_col COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "村民小组", XO_TEXT, 0 },
    { "户编号", XO_DIGITS, 0 }, { "户主", XO_TEXT, 0 }, { "户主身份证号", XO_ID, 0 },
    { "家庭人口", XO_INT, 0 }, { "户状态", XO_TEXT, 0 }, { "监测对象类别", XO_TEXT, 0 },
    { "风险类型", XO_TEXT, 0 }, { "识别日期", XO_DATE, 0 }, { "帮扶措施", XO_TEXT, 0 },
    { "监测状态", XO_TEXT, 0 }, { "风险消除日期", XO_DATE, 0 }, { "消除原因", XO_TEXT, 0 },
    { "备注", XO_TEXT, 0 },
};
#define N_COLS (sizeof COLS / sizeof *COLS)

void monitor_measures_text(const struct monitor_record *r, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = 0;
    for (int i = 0; i < MONITOR_MEASURES && len + 1 < outsz; i++)
        if (r->measure[i])
            len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "、" : "",
                                    codes_label(CL_MEASURE, r->measure[i]));
    if (r->measures[0] && len + 1 < outsz)
        snprintf(out + len, outsz - len, "%s%s", len ? "；" : "", r->measures);
}

struct run {
    struct xo_book *b;
    int64_t n, open;
    enum xo_err xe;
};

static int row_out(void *ud, const struct monitor_row *row)
{
    struct run *r = ud;
    struct xo_book *b = r->b;
    const struct monitor_record *m = &row->rec;
    char measures[1200];
    monitor_measures_text(m, measures, sizeof measures);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, ++r->n);
    if (!e) e = xo_put_text(b, row->village_name);
    if (!e) e = xo_put_text(b, row->group_name);
    if (!e) e = xo_put_text(b, row->hh_no);
    if (!e) e = xo_put_text(b, row->head_name);
    if (!e) e = xo_put_text(b, row->head_id);
    if (!e) e = xo_put_int(b, row->n_members);
    if (!e) e = xo_put_text(b, wf_state_label(row->state));
    if (!e) e = xo_put_text(b, codes_label(CL_MONITOR_KIND, m->category));
    if (!e) e = xo_put_text(b, codes_label(CL_RISK, m->risk));
    if (!e) e = xo_put_text(b, m->identified);
    if (!e) e = xo_put_text(b, measures);
    if (!e) e = xo_put_text(b, monitor_status_label(m));
    if (!e) e = xo_put_text(b, m->cleared);
    if (!e) e = xo_put_text(b, m->clear_reason);
    if (!e) e = xo_put_text(b, m->note);
    if (!e) e = xo_row_end(b);
    r->open += !m->cleared[0];
    r->xe = e;
    return e != XO_OK;
}

/* The 合计 row: records, of which open and closed. */
static enum xo_err total_row(struct xo_book *b, const struct run *r)
{
    char text[120];
    snprintf(text, sizeof text, "共 %lld 条：监测中 %lld 条，已消除 %lld 条", (long long)r->n,
             (long long)r->open, (long long)(r->n - r->open));
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_row_bold(b);
    if (!e) e = xo_put_text(b, "合计");
    if (!e) e = xo_put_text(b, text);
    if (!e) e = xo_row_end(b);
    return e;
}

static int count_row(void *ud, const struct monitor_row *row)
{
    (void)row;
    ++*(int64_t *)ud;
    return 0;
}

struct fill_args {
    const char *area;
    int64_t rows;
};

static enum db_err fill(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct fill_args *fa = arg;
    struct run r = { b, 0, 0, XO_OK };
    enum db_err de = db_monitor_list(db, fa->area, MON_LIST_OPEN | MON_LIST_CLOSED, row_out, &r);
    if (de == DB_OK && r.xe == XO_OK)
        r.xe = total_row(b, &r);
    *xe = r.xe;
    fa->rows = r.n;
    return de;
}

int monitor_export(struct db *db, const char *area, int year, const char *path,
                   xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    int64_t total = 0;
    if (db_monitor_list(db, area, MON_LIST_OPEN | MON_LIST_CLOSED, count_row, &total) != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
        return -1;
    }
    char title[256], unit[128];
    assist_export_titles(db, area, 0, "防返贫监测对象名单", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "监测对象名单", title, unit, NULL, "人", COLS, N_COLS };
    struct fill_args fa = { area, 0 };
    int rc = export_write_book(db, path, &spec, total, progress, pctx, fill, &fa, err, errsz);
    if (rows)
        *rows = fa.rows;
    return rc;
}
