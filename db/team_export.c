/* team_export.c — the 驻村工作队花名册 workbook (db/team_export.h). */
#include "db/team_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/team.h"
#include "db/export_queries.h"
#include "db/team.h"

#define MAX_ROSTER 20000

static const struct xo_col TEAM_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "姓名", XO_TEXT, 0 }, { "性别", XO_TEXT, 0 },
    { "身份证号", XO_ID, 0 }, { "派出单位", XO_TEXT, 0 }, { "职务", XO_TEXT, 0 },
    { "队内职务", XO_TEXT, 0 }, { "联系电话", XO_PHONE, 0 }, { "驻村起始日期", XO_DATE, 0 },
    { "驻村结束日期", XO_DATE, 0 }, { "走访次数", XO_INT, 0 },
};
#define N_TEAM_COLS (sizeof TEAM_COLS / sizeof *TEAM_COLS)

/* Whether m serves some day of year (0 = any). */
static int serves_in(const struct team_member *m, int year)
{
    if (!year)
        return 1;
    char first[11], last[11];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(last, sizeof last, "%04d-12-31", year);
    return strcmp(m->from_date, last) <= 0 && (!m->to_date[0] || strcmp(m->to_date, first) >= 0);
}

static enum xo_err member_row(struct db *db, struct xo_book *b, const struct team_member *m, int64_t no)
{
    struct idno_info info;
    const char *sex = m->id_no[0] && idno_parse(m->id_no, &info) == IDNO_OK ? codes_label(CL_SEX, info.sex) : "";
    int visits = 0;
    db_team_visit_count(db, m->id, &visits);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, no);
    if (!e) e = xo_put_text(b, m->village_name);
    if (!e) e = xo_put_text(b, m->name);
    if (!e) e = xo_put_text(b, sex);
    if (!e) e = xo_put_text(b, m->id_no);
    if (!e) e = xo_put_text(b, m->unit);
    if (!e) e = xo_put_text(b, m->title);
    if (!e) e = xo_put_text(b, team_role_label(m));
    if (!e) e = xo_put_text(b, m->phone);
    if (!e) e = xo_put_text(b, m->from_date);
    if (!e) e = xo_put_text(b, m->to_date[0] ? m->to_date : "至今");
    if (!e) e = xo_put_int(b, visits);
    if (!e) e = xo_row_end(b);
    return e;
}

/* The rows, then under the table the villages lacking a 队长 some day. */
static enum xo_err fill(struct db *db, struct xo_book *b, const struct team_member *ms, size_t n, int year,
                        int64_t *rows)
{
    char today[11];
    clock_today(today);
    enum xo_err e = XO_OK;
    for (size_t i = 0; !e && i < n; i++)
        if (serves_in(&ms[i], year))
            e = member_row(db, b, &ms[i], ++*rows);
    for (size_t i = 0; !e && i < n;) {
        size_t j = i;
        while (j < n && strcmp(ms[j].village, ms[i].village) == 0)
            j++;
        char from[11], to[11], gap[160], line[320];
        if (team_leader_gap(ms + i, j - i, today, from, to)) {
            team_gap_message(from, to, gap, sizeof gap);
            snprintf(line, sizeof line, "注：%s%s", ms[i].village_name, gap);
            e = xo_footer_line(b, line);
        }
        i = j;
    }
    return e;
}

int team_export_roster(struct db *db, const char *area, int year, const char *path,
                       xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    struct team_member *ms = malloc(MAX_ROSTER * sizeof *ms);
    size_t n = 0, kept = 0;
    if (!ms || db_team_members(db, NULL, ms, MAX_ROSTER, &n) != DB_OK) {
        snprintf(err, errsz, "%s", ms ? db_errmsg(db) : "内存不足 (out of memory)");
        free(ms);
        return -1;
    }
    size_t alen = area ? strlen(area) : 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(ms[i].village, area ? area : "", alen) == 0)
            ms[kept++] = ms[i];
    char unit[128], title[256];
    db_export_area_title(db, area ? area : "", unit, sizeof unit);
    if (year)
        snprintf(title, sizeof title, "%s%d年驻村工作队花名册", unit, year);
    else
        snprintf(title, sizeof title, "%s驻村工作队花名册", unit);
    struct xo_sheet_spec spec = { "驻村工作队花名册", title, unit, NULL, "", TEAM_COLS, N_TEAM_COLS };
    struct xo_book *b = NULL;
    int64_t written = 0;
    enum xo_err e = xo_open(path, 0, &b);
    if (e == XO_OK) {
        xo_set_progress(b, progress, pctx);
        xo_set_total(b, (int64_t)kept);
        e = xo_sheet_begin(b, &spec);
        if (!e) e = fill(db, b, ms, kept, year, &written);
        if (e) {
            snprintf(err, errsz, "%s", xo_errmsg(b));
            xo_abort(b);
        } else if ((e = xo_close(b)) != XO_OK) {
            snprintf(err, errsz, "%s", xo_last_error());
        }
    } else {
        snprintf(err, errsz, "%s", xo_last_error());
    }
    free(ms);
    if (rows)
        *rows = written;
    return e == XO_OK ? 0 : -1;
}
