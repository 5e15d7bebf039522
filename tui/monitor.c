/* monitor.c — the 防返贫监测 screen (see monitor.h). */
#include "tui/monitor.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/monitor.h"
#include "db/monitor_export.h"
#include "db/settings.h"
#include "tui/aidcard.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define RF(key, label, type, member, width, list, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct monitor_record, member), \
      sizeof ((struct monitor_record *)0)->member, width, list, flags, NULL, NULL }
/* The record as the paper 监测户信息表 lists it. */
static const struct field RECORD_FIELDS[] = {
    RF("category", "监测对象类别", FT_CODE, category, 14, CL_MONITOR_KIND, F_REQUIRED),
    RF("risk", "风险类型", FT_CODE, risk, 16, CL_RISK, F_REQUIRED),
    RF("identified", "识别日期", FT_DATE, identified, 12, CL_NONE, F_REQUIRED),
    RF("measure1", "帮扶措施类别1", FT_CODE, measure[0], 20, CL_MEASURE, 0),
    RF("measure2", "帮扶措施类别2", FT_CODE, measure[1], 20, CL_MEASURE, 0),
    RF("measure3", "帮扶措施类别3", FT_CODE, measure[2], 20, CL_MEASURE, 0),
    RF("measures", "帮扶措施说明", FT_TEXT, measures, 50, CL_NONE, 0),
    RF("note", "备注", FT_TEXT, note, 50, CL_NONE, 0),
};
#define N_RECORD_FIELDS (sizeof RECORD_FIELDS / sizeof *RECORD_FIELDS)
static const struct field CLEAR_FIELDS[] = {
    RF("cleared", "风险消除日期", FT_DATE, cleared, 12, CL_NONE, F_REQUIRED),
    RF("clear_reason", "消除原因", FT_TEXT, clear_reason, 50, CL_NONE, F_REQUIRED),
};
#define EF(key, label, type, member, width, list, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct monitor_event, member), \
      sizeof ((struct monitor_event *)0)->member, width, list, flags, NULL, NULL }
static const struct field EVENT_FIELDS[] = {
    EF("date", "事件日期", FT_DATE, date, 12, CL_NONE, F_REQUIRED),
    EF("kind", "事件类型", FT_CODE, kind, 16, CL_RISK, F_REQUIRED),
    EF("loss", "损失金额(元)", FT_MONEY, loss, 14, CL_NONE, 0),
    EF("note", "情况说明", FT_TEXT, note, 50, CL_NONE, 0),
};

/* The status filter, F4 cycles it. */
static const struct { const char *label; int mask; } FILTERS[] = {
    { "全部", MON_LIST_ALL }, { "待研判", MON_LIST_PROPOSED }, { "监测中", MON_LIST_OPEN },
    { "已消除", MON_LIST_CLOSED },
};
#define N_FILTERS (int)(sizeof FILTERS / sizeof *FILTERS)

struct mlist {
    struct monitor_row *rows;
    int n, cap, sel, first;
    int filter;                         /* into FILTERS */
    char area[AREA_CODE_LEN + 1];       /* "" = all villages */
    char area_label[TEXT_BYTES(30)];
    int counts[3];                      /* 待研判, 监测中, 已消除 shown */
};

static int collect(void *ud, const struct monitor_row *row)
{
    struct mlist *l = ud;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        struct monitor_row *rows = realloc(l->rows, (size_t)cap * sizeof *rows);
        if (!rows)
            return 1;
        l->rows = rows;
        l->cap = cap;
    }
    l->rows[l->n++] = *row;
    l->counts[row->is_proposal ? 0 : row->rec.cleared[0] ? 2 : 1]++;
    return 0;
}

static void ml_reload(struct mlist *l)
{
    l->n = 0;
    memset(l->counts, 0, sizeof l->counts);
    if (db_monitor_list(app.db, l->area, FILTERS[l->filter].mask, collect, l) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    if (l->sel >= l->n) l->sel = l->n ? l->n - 1 : 0;
}

/* Puts the selection on the household's row of the kind given (a record
 * when rec_id > 0, else the household's first row). */
static void ml_select(struct mlist *l, int64_t hh, int64_t rec_id)
{
    for (int i = 0; i < l->n; i++)
        if (l->rows[i].household_id == hh && (!rec_id || (!l->rows[i].is_proposal && l->rows[i].rec.id == rec_id))) {
            l->sel = i;
            return;
        }
}

/* The cells of one row: status, date, category, risk, and what it is about. */
static void row_cells(const struct monitor_row *r, char *about, size_t aboutsz, const char **date)
{
    if (r->is_proposal) {
        snprintf(about, aboutsz, "%s", r->prop.why);
        *date = r->prop.date;
    } else if (r->rec.cleared[0]) {
        snprintf(about, aboutsz, "%s 消除: %s", r->rec.cleared, r->rec.clear_reason);
        *date = r->rec.identified;
    } else {
        monitor_measures_text(&r->rec, about, aboutsz);
        if (!about[0])
            snprintf(about, aboutsz, "(尚未落实帮扶措施)");
        *date = r->rec.identified;
    }
}

static void ml_draw(void *self)
{
    struct mlist *l = self;
    char right[128];
    snprintf(right, sizeof right, "待研判 %d  监测中 %d  已消除 %d", l->counts[0], l->counts[1], l->counts[2]);
    ui_title("防返贫监测", right);
    char filter[160];
    snprintf(filter, sizeof filter, " 村: %s   状态: %s", l->area[0] ? l->area_label : "全部",
             FILTERS[l->filter].label);
    ui_put(1, 0, filter, COLS, A_NORMAL);
    ui_put(2, 0, " 状态   户主      村        类别           风险            日期       说明", COLS, A_BOLD);
    int rows = LINES - 5;
    alist_fit(&l->sel, &l->first, l->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = l->first + r, y = 3 + r;
        if (i >= l->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct monitor_row *m = &l->rows[i];
        char about[1200];
        const char *date = "";
        row_cells(m, about, sizeof about, &date);
        int kind = m->is_proposal ? m->prop.category : m->rec.category;
        int risk = m->is_proposal ? m->prop.risk : m->rec.risk;
        attr_t a = i == l->sel ? ui_attr(UI_SELECTED) : m->is_proposal ? ui_attr(UI_WARN)
                 : m->rec.cleared[0] ? ui_attr(UI_DIM) : A_NORMAL;
        const char *cells[] = { " ", monitor_status_label(m->is_proposal ? NULL : &m->rec), m->head_name,
                                m->village_name, codes_label(CL_MONITOR_KIND, kind), codes_label(CL_RISK, risk),
                                date, about };
        const int widths[] = { 1, 7, 10, 10, 15, 16, 11, 0 };
        alist_row(y, a, cells, widths, 8);
    }
    if (l->n == 0)
        ui_put(4, 2, "(没有符合条件的监测户；Ins 新增监测记录，F6 录入突发事件)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Enter研判/修改 Ins新增 F8风险消除 F6突发事件 F3村 F4状态 F9导出 F1帮助 Esc返回");
    curs_set(0);
}

static const char *refusal(const char **at)
{
    *at = db_errfield(app.db);
    return app_errmsg();
}

static const char *save_record(void *rec, void *ud, const char **at)
{
    (void)ud;
    return db_monitor_save(app.db, rec) == DB_OK ? NULL : refusal(at);
}

static void household_header(const struct monitor_row *r, char *out, size_t outsz)
{
    snprintf(out, outsz, "户主: %s  村: %s %s  户编号: %s  %s  家庭人口 %d 人", r->head_name,
             r->village_name, r->group_name, r->hh_no[0] ? r->hh_no : "(无)", wf_state_label(r->state),
             r->n_members);
}

/* Keys the record (new or open) in the sub-form until saved or cancelled. */
static int edit_record(struct monitor_record *rec, const char *header)
{
    return subform_edit(rec->id ? "修改监测记录" : "新增监测记录", header, RECORD_FIELDS, N_RECORD_FIELDS,
                        rec, sizeof *rec, save_record, NULL);
}

static void ml_new(struct mlist *l)
{
    ui_status(MSG_INFO, "不在系统中的户，请先在 1.新增申请 中录入该户");
    int64_t hh = aidcard_pick_household("新增监测记录 — 查找户");
    if (!hh)
        return;
    struct monitor_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    snprintf(r.identified, sizeof r.identified, "%s", app.ctx.today);
    if (edit_record(&r, "一户只能有一条在监测的记录；风险消除后可再次纳入。")) {
        ui_status(MSG_INFO, "已保存监测记录");
        ml_reload(l);
        ml_select(l, hh, r.id);
    }
}

static const char *save_clear(void *rec, void *ud, const char **at)
{
    (void)ud;
    const struct monitor_record *r = rec;
    return db_monitor_clear(app.db, r->id, r->cleared, r->clear_reason) == DB_OK ? NULL : refusal(at);
}

static void ml_clear(struct mlist *l)
{
    if (!l->n || l->rows[l->sel].is_proposal || l->rows[l->sel].rec.cleared[0]) {
        ui_status(MSG_WARN, "请选择一条监测中的记录办理风险消除");
        return;
    }
    struct monitor_record r = l->rows[l->sel].rec;
    snprintf(r.cleared, sizeof r.cleared, "%s", app.ctx.today);
    char head[600], h[400];
    household_header(&l->rows[l->sel], h, sizeof h);
    snprintf(head, sizeof head, "%s\n%s %s，%s 识别。消除日期不能早于识别日期。", h,
             codes_label(CL_MONITOR_KIND, r.category), codes_label(CL_RISK, r.risk), r.identified);
    if (subform_edit("风险消除", head, CLEAR_FIELDS, 2, &r, sizeof r, save_clear, NULL)) {
        ui_status(MSG_INFO, "已办理风险消除");
        ml_reload(l);
        ml_select(l, r.household_id, r.id);
    }
}

static void decide(struct mlist *l, const struct monitor_row *row)
{
    static const char *const items[] = { "纳入监测 (建立监测记录)", "不纳入监测 (须写明理由)" };
    int k = dialog_pick(row->prop.why, items, 2, 0, NULL, NULL);
    if (k < 0)
        return;
    int64_t hh = row->household_id, id = 0;
    char cause[MONITOR_CAUSE_LEN];
    snprintf(cause, sizeof cause, "%s", row->prop.cause);
    if (k == 1) {
        char reason[TEXT_BYTES(100)] = "";
        /* A refused reason (none) brings the prompt back with what was
         * typed: the clerk is still deciding, not starting over. */
        for (;;) {
            if (!dialog_input_text("不纳入监测", row->prop.why, "理由:", reason, sizeof reason, 100))
                return;
            if (db_monitor_dismiss(app.db, hh, cause, reason) == DB_OK)
                break;
            dialog_message("未保存", app_errmsg());
        }
        ui_status(MSG_INFO, "已记录不纳入监测的理由，同一原因不再提示");
        ml_reload(l);
        return;
    }
    if (db_monitor_accept(app.db, hh, cause, &id) != DB_OK) {
        dialog_message("未能纳入监测", app_errmsg());
        return;
    }
    ui_status(MSG_INFO, "已纳入监测；请录入帮扶措施 (F2 保存)");
    struct monitor_record r;
    char head[400];
    household_header(row, head, sizeof head);
    int keyed = db_monitor_get(app.db, id, &r) == DB_OK && edit_record(&r, head);
    ui_status(MSG_INFO, keyed ? "已纳入监测，帮扶措施已保存" : "已纳入监测 (帮扶措施可稍后按 Enter 录入)");
    ml_reload(l);
    ml_select(l, hh, id);
}

static void ml_enter(struct mlist *l)
{
    if (!l->n)
        return;
    struct monitor_row row = l->rows[l->sel];
    if (row.is_proposal) {
        decide(l, &row);
        return;
    }
    char head[600], about[1200];
    household_header(&row, head, sizeof head);
    if (row.rec.cleared[0]) {
        monitor_measures_text(&row.rec, about, sizeof about);
        char text[4000];
        snprintf(text, sizeof text, "%s\n类别: %s  风险: %s  识别日期: %s\n帮扶措施: %s\n风险消除: %s  %s\n备注: %s\n"
                 "(已消除的记录不可修改)", head, codes_label(CL_MONITOR_KIND, row.rec.category),
                 codes_label(CL_RISK, row.rec.risk), row.rec.identified, about, row.rec.cleared,
                 row.rec.clear_reason, row.rec.note);
        dialog_text("监测记录", text);
        return;
    }
    if (edit_record(&row.rec, head)) {
        ui_status(MSG_INFO, "已保存监测记录");
        ml_reload(l);
        ml_select(l, row.household_id, row.rec.id);
    }
}

static const char *save_event(void *rec, void *ud, const char **at)
{
    (void)ud;
    return db_event_add(app.db, rec) == DB_OK ? NULL : refusal(at);
}

static void ml_event(struct mlist *l)
{
    int64_t hh = aidcard_pick_household("录入突发事件 — 查找户");
    if (!hh)
        return;
    struct monitor_event ev;
    memset(&ev, 0, sizeof ev);
    ev.household_id = hh;
    snprintf(ev.date, sizeof ev.date, "%s", app.ctx.today);
    struct monitor_settings ms;
    db_monitor_settings(app.db, &ms);
    char loss[32], head[200];
    money_format(ms.event_loss_min, loss, sizeof loss);
    snprintf(head, sizeof head, "损失达到 %s 元的突发事件会列为 突发严重困难户 待研判 (见 基础设置)", loss);
    if (subform_edit("录入突发事件", head, EVENT_FIELDS, 4, &ev, sizeof ev, save_event, NULL)) {
        ui_status(MSG_INFO, "已保存突发事件");
        ml_reload(l);
        ml_select(l, hh, 0);
    }
}

static void ml_pick_village(struct mlist *l)
{
    if (areapick_village("选择村 (输入村名、拼音首字母或代码)", "全部村", l->area, sizeof l->area,
                         l->area_label, sizeof l->area_label) == 1) {
        if (!l->area[0])
            l->area_label[0] = 0;
        l->sel = l->first = 0;
        ml_reload(l);
    }
}

/* The three numbers of the rules (管理员; the store checks the role), from
 * F5 here and from 基础设置's 更多设置: 1 when saved. */
int monitor_settings_edit(void)
{
    struct monitor_settings ms;
    db_monitor_settings(app.db, &ms);
    char loss[32];
    money_format(ms.event_loss_min, loss, sizeof loss);
    if (!dialog_input_int("监测设置", "边缘易致贫户: 收入低于贫困线的百分之几 (100–300):", 100, 300, &ms.margin_pct))
        return 0;
    for (;;) {
        if (!dialog_input("监测设置", "突发事件损失达到多少元列为待研判:", loss, sizeof loss, 12))
            return 0;
        if (money_parse(loss, &ms.event_loss_min))
            break;
        dialog_message("输入有误", "金额应为不小于0的数，最多两位小数");
    }
    if (!dialog_input_int("监测设置", "监测记录超过几个月未落实帮扶措施时提醒 (1–24):", 1, 24, &ms.stale_months))
        return 0;
    if (db_monitor_set_settings(app.db, &ms) != DB_OK) {
        dialog_message("不能保存", app_errmsg());
        return 0;
    }
    ui_status(MSG_INFO, "已保存监测设置");
    return 1;
}

static void ml_settings(struct mlist *l)
{
    if (monitor_settings_edit())
        ml_reload(l);
}

/* F1: the rules with the file's own numbers. */
static void ml_help(void)
{
    struct monitor_settings ms;
    db_monitor_settings(app.db, &ms);
    char loss[32], text[2000];
    money_format(ms.event_loss_min, loss, sizeof loss);
    snprintf(text, sizeof text,
        "防返贫监测 (脱贫不稳定户、边缘易致贫户、突发严重困难户)\n"
        "系统按数据提出 待研判 的监测提示，从不自行决定:\n"
        "  已脱贫户最新调查的年人均纯收入低于当年贫困线 → 脱贫不稳定户;\n"
        "  低于贫困线的 %d%% → 边缘易致贫户 (未纳入建档立卡的户同样);\n"
        "  已脱贫户成员脱贫后健康状况变为 患有大病/残疾 → 脱贫不稳定户;\n"
        "  录入的突发事件损失达到 %s 元 → 突发严重困难户。\n"
        "Enter 研判: 纳入监测 (建立记录) 或 不纳入 (须写理由，同一原因不再提示)，由审核员办理。\n"
        "Ins 新增监测记录 (录入员)，一户只能有一条在监测的记录。\n"
        "F8 风险消除 (审核员): 消除日期不能早于识别日期，须写明原因；记录永不删除。\n"
        "在监测 %d 个月仍未落实帮扶措施的记录，数据检查会提示。\n"
        "F6 录入突发事件, F3 按村筛选, F4 按状态筛选, F9 导出监测对象名单,\n"
        "F5 监测设置 (管理员): 上述百分比、金额和月数。",
        ms.margin_pct, loss, ms.stale_months);
    dialog_text("帮助", text);
}

static enum screen_action ml_key(void *self, int kind, wint_t ch)
{
    struct mlist *l = self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        ml_enter(l);
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES || alist_key(ch, &l->sel, l->n, LINES - 5))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: ml_new(l); break;
    case KEY_F(8): ml_clear(l); break;
    case KEY_F(6): ml_event(l); break;
    case KEY_F(3): ml_pick_village(l); break;
    case KEY_F(4):
        l->filter = (l->filter + 1) % N_FILTERS;
        l->sel = l->first = 0;
        ml_reload(l);
        break;
    case KEY_F(9):
        alist_export("监测对象名单", l->area[0] ? "本村监测对象，保存为:" : "全部监测对象，保存为:", l->area,
                     monitor_export);
        break;
    case KEY_F(5): ml_settings(l); break;
    case KEY_F(1): ml_help(); break;
    }
    return ACT_NONE;
}

static void ml_close(void *self)
{
    struct mlist *l = self;
    free(l->rows);
    free(l);
}

struct screen monitor_screen(void)
{
    struct mlist *l = calloc(1, sizeof *l);
    ml_reload(l);
    return (struct screen){ .name = "monitor", .draw = ml_draw, .key = ml_key, .close = ml_close, .self = l };
}
