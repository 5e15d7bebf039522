/* team.c — the 驻村工作队 screens (see team.h).  Rules and messages are
 * core/team.c's, saves db/team.c's: these screens collect, call, show. */
#include "tui/team.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "db/team.h"
#include "db/team_export.h"
#include "tui/aidcard.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define MAX_TEAM 200
#define MAX_VISITS 1000

/* ---- picking a village -------------------------------------------------------- */

/* 1 with code and name of the village the clerk picked, 0 on Esc. */
static int pick_village(char code[AREA_CODE_LEN + 1], char *name, size_t namesz)
{
    code[0] = 0;
    return areapick_village("驻村工作队 — 选择村 (输入村名、拼音首字母或代码)", NULL, code,
                            AREA_CODE_LEN + 1, name, namesz) == 1;
}

/* ---- a member ------------------------------------------------------------------ */

/* T_APPLICATION, not T_HOUSEHOLD: forms/form.c fills sex and birth from an
 * 身份证号 of a household's member table, which this record is not. */
#define MF(key, label, type, member, width, flags) \
    { key, label, type, T_APPLICATION, offsetof(struct team_member, member), \
      sizeof ((struct team_member *)0)->member, width, CL_NONE, flags, NULL, NULL }
static const struct field TEAM_FIELDS[] = {
    MF("name", "姓名", FT_TEXT, name, 20, F_REQUIRED),
    MF("id_no", "身份证号", FT_IDNO, id_no, 18, 0),
    MF("unit", "派出单位", FT_TEXT, unit, 40, 0),
    MF("title", "职务", FT_TEXT, title, 20, 0),
    MF("phone", "联系电话", FT_PHONE, phone, 14, 0),
    MF("from_date", "驻村起始日期", FT_DATE, from_date, 12, F_REQUIRED),
    MF("to_date", "驻村结束日期", FT_DATE, to_date, 12, 0),
    MF("leader", "队长", FT_BOOL, leader, 4, 0),
    MF("first_secretary", "第一书记", FT_BOOL, first_secretary, 4, 0),
};
#define N_TEAM_FIELDS (sizeof TEAM_FIELDS / sizeof *TEAM_FIELDS)

/* F2 on the member form saves it: a refusal keeps the form open with the
 * cursor on the field the rule names. */
static const char *member_save(void *rec, void *ud, const char **at)
{
    (void)ud;
    if (db_team_member_save(app.db, rec) == DB_OK)
        return NULL;
    *at = db_errfield(app.db)[0] ? db_errfield(app.db) : NULL;
    return app_errmsg();
}

/* ---- the team list --------------------------------------------------------------- */

struct team_view {
    char village[AREA_CODE_LEN + 1];
    char village_name[TEXT_BYTES(30)];
    struct team_member rows[MAX_TEAM];
    int n, sel, first;
    char warning[200];
};

static void tv_reload(struct team_view *t)
{
    size_t n = 0;
    if (db_team_members(app.db, t->village, t->rows, MAX_TEAM, &n) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    t->n = (int)n;
    if (db_team_leader_warning(app.db, t->village, app.ctx.today, t->warning, sizeof t->warning) != DB_OK)
        t->warning[0] = '\0';
}

static void tv_draw(void *self)
{
    struct team_view *t = self;
    char title[160], right[64];
    snprintf(title, sizeof title, "驻村工作队 — %s", t->village_name);
    snprintf(right, sizeof right, "共 %d 人", t->n);
    ui_title(title, right);
    ui_put(1, 1, t->warning, COLS - 2, ui_attr(UI_WARN));
    /* Below 96 columns 职务 gives way (the form shows it): who is in the
     * village when — the period — must stay whole on 80 columns. */
    int wide = COLS >= 96;
    static const int wide_w[] = { 1, 10, 15, 22, 12, 13, 0 }, narrow_w[] = { 1, 9, 15, 17, 13, 0 };
    const int *widths = wide ? wide_w : narrow_w;
    int ncells = wide ? 7 : 6;
    const char *head_wide[] = { " ", "姓名", "队内职务", "派出单位", "职务", "联系电话", "驻村期间" };
    const char *head_narrow[] = { " ", "姓名", "队内职务", "派出单位", "联系电话", "驻村期间" };
    alist_row(2, A_BOLD, wide ? head_wide : head_narrow, widths, (size_t)ncells);
    int rows = LINES - 5;
    alist_fit(&t->sel, &t->first, t->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = t->first + r, y = 3 + r;
        if (i >= t->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct team_member *m = &t->rows[i];
        char period[32];
        snprintf(period, sizeof period, "%s 至 %s", m->from_date, m->to_date[0] ? m->to_date : "今");
        const char *cells_wide[] = { " ", m->name, team_role_label(m), m->unit, m->title, m->phone, period };
        const char *cells_narrow[] = { " ", m->name, team_role_label(m), m->unit, m->phone, period };
        alist_row(y, i == t->sel ? ui_attr(UI_SELECTED) : A_NORMAL, wide ? cells_wide : cells_narrow,
                  widths, (size_t)ncells);
    }
    if (t->n == 0)
        ui_put(4, 2, "(本村尚无驻村工作队队员，按 Ins 添加)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter修改 Del删除 F5走访记录 F3换村 F9导出花名册 F1帮助 Esc返回");
    curs_set(0);
}

static void tv_edit(struct team_view *t, int add)
{
    struct team_member m;
    memset(&m, 0, sizeof m);
    if (add) {
        snprintf(m.village, sizeof m.village, "%s", t->village);
        snprintf(m.from_date, sizeof m.from_date, "%s", app.ctx.today);
        m.leader = t->n == 0;
    } else if (t->n) {
        m = t->rows[t->sel];
    } else {
        return;
    }
    char head[400];
    snprintf(head, sizeof head, "%s 驻村工作队%s\n同一人同一天只能在一个村驻村；每村同一天只能有一名队长。离队时填写驻村结束日期。",
             t->village_name, add ? " — 新增队员" : " — 修改队员");
    if (subform_edit(add ? "驻村工作队 — 新增队员" : "驻村工作队 — 修改队员", head, TEAM_FIELDS,
                     N_TEAM_FIELDS, &m, sizeof m, member_save, NULL) != 1)
        return;
    ui_status(MSG_INFO, "已保存 %s", m.name);
    tv_reload(t);
    for (int i = 0; i < t->n; i++)
        if (t->rows[i].id == m.id)
            t->sel = i;
}

static void tv_delete(struct team_view *t)
{
    if (!t->n)
        return;
    const struct team_member *m = &t->rows[t->sel];
    char q[300];
    snprintf(q, sizeof q, "删除队员 %s (%s 至 %s) 吗? 仅用于录错的人；离队请填写驻村结束日期", m->name,
             m->from_date, m->to_date[0] ? m->to_date : "今");
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    if (db_team_member_delete(app.db, m->id) != DB_OK) {
        dialog_message("不能删除", app_errmsg());
        return;
    }
    ui_status(MSG_INFO, "已删除");
    tv_reload(t);
}

static struct screen visits_open(const char *village, const char *village_name);

static enum screen_action tv_key(void *self, int kind, wint_t ch)
{
    struct team_view *t = self;
    int fkey = kind == KEY_CODE_YES;
    if (!fkey && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch) && t->village[0]) {
        tv_edit(t, 0);
        return ACT_NONE;
    }
    if (!fkey || alist_key(ch, &t->sel, t->n, LINES - 5))
        return ACT_NONE;
    if (!t->village[0] && ch != KEY_F(3) && ch != KEY_F(1)) {
        ui_status(MSG_INFO, "请先按 F3 选择村");
        return ACT_NONE;
    }
    switch (ch) {
    case KEY_IC: tv_edit(t, 1); break;
    case KEY_DC: tv_delete(t); break;
    case KEY_F(5): app_push(visits_open(t->village, t->village_name)); break;
    case KEY_F(9): alist_export("驻村工作队花名册", "本村驻村工作队花名册，保存为:", t->village, team_export_roster); break;
    case KEY_F(3):
        if (pick_village(t->village, t->village_name, sizeof t->village_name)) {
            t->sel = t->first = 0;
            tv_reload(t);
        }
        break;
    case KEY_F(1):
        dialog_text("帮助", "驻村工作队: 每村的驻村工作队队员，按派出单位的选派文件录入。\n"
                    "Ins 新增队员 (姓名、身份证号、派出单位、职务、电话、驻村起止日期、队长、第一书记)。\n"
                    "Enter 修改；队员离队时填写驻村结束日期，不要删除。Del 仅删除录错的人。\n"
                    "同一人 (身份证号相同，或无身份证号时姓名和电话相同) 同一天只能在一个村驻村；\n"
                    "每村同一天只能有一名队长；某段时间没有队长时，标题下方会提示。\n"
                    "F5 走访记录 (遍访贫困户)。F9 导出本村驻村工作队花名册。F3 换村。Esc 返回。");
        break;
    }
    return ACT_NONE;
}

static void tv_close(void *self)
{
    free(self);
}

/* The menu item asks for the village first; Esc there goes back to the
 * menu (it left an empty list behind). */
struct screen team_screen(void)
{
    struct team_view *t = calloc(1, sizeof *t);
    if (!t) {
        ui_status(MSG_ERROR, "内存不足，无法打开 (out of memory)");
        return (struct screen){ 0 };
    }
    if (!pick_village(t->village, t->village_name, sizeof t->village_name)) {
        free(t);
        return (struct screen){ 0 };
    }
    tv_reload(t);
    return (struct screen){ .name = "team", .draw = tv_draw, .key = tv_key, .close = tv_close, .self = t };
}

/* ---- ticking households -------------------------------------------------------------- */

struct tick {
    struct hh_row *rows;
    char *on;
    int n, sel, first;
};

static void tick_draw(const struct tick *k, const char *title)
{
    erase();
    int ticked = 0;
    for (int i = 0; i < k->n; i++)
        ticked += k->on[i];
    char right[64];
    snprintf(right, sizeof right, "已选 %d 户", ticked);
    ui_title(title, right);
    ui_put(1, 0, "     户主        户编号            村民小组", COLS, A_BOLD);
    int rows = LINES - 4;
    int sel = k->sel, first = k->first;
    alist_fit(&sel, &first, k->n, rows);
    for (int r = 0; r < rows && first + r < k->n; r++) {
        int i = first + r;
        const char *cells[] = { k->on[i] ? " [√] " : " [ ] ", k->rows[i].head_name,
                                k->rows[i].hh_no[0] ? k->rows[i].hh_no : "(未建档)", k->rows[i].group_name };
        const int widths[] = { 5, 12, 18, 0 };
        alist_row(2 + r, i == k->sel ? ui_attr(UI_SELECTED) : A_NORMAL, cells, widths, 4);
    }
    ui_status_draw();
    ui_keybar(" 空格选中/取消 ↑↓选择 Enter完成 Esc取消");
    curs_set(0);
}

/* Every household of the village, however many (the buffer grows until
 * the search returns fewer than it holds); NULL after a message. */
static struct hh_row *village_households(const char *village, size_t *n)
{
    struct hh_row *rows = NULL;
    for (size_t cap = 512;; cap *= 4) {
        struct hh_row *grown = realloc(rows, cap * sizeof *rows);
        if (!grown || db_household_search(app.db, "", village, -1, grown, cap, n) != DB_OK) {
            free(grown ? grown : rows);
            dialog_message("读取失败", grown ? app_errmsg() : "内存不足");
            return NULL;
        }
        rows = grown;
        if (*n < cap)
            return rows;
    }
}

/* Space on a household: ticks or unticks it — one entry holds at most
 * TEAM_VISIT_MAX_HH, and the clerk is told so rather than losing ticks. */
static void tick_toggle(struct tick *k)
{
    int ticked = 0;
    for (int i = 0; i < k->n; i++)
        ticked += k->on[i];
    if (!k->on[k->sel] && ticked >= TEAM_VISIT_MAX_HH)
        ui_status(MSG_ERROR, "一条走访记录最多 %d 户，其余的请另记一条", TEAM_VISIT_MAX_HH);
    else
        k->on[k->sel] = !k->on[k->sel];
}

/* Lets the clerk tick the village's households; 1 with v's households
 * set, 0 on Esc (v unchanged). */
static int tick_households(const char *village, struct team_visit *v)
{
    size_t n = 0;
    struct hh_row *rows = village_households(village, &n);
    char *on = rows ? calloc(n ? n : 1, 1) : NULL;
    if (!on) {
        free(rows);
        return 0;
    }
    struct tick k = { rows, on, (int)n, 0, 0 };
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v->n_households; j++)
            on[i] |= rows[i].id == v->households[j];
    int done = 0;
    for (;;) {
        if (!ui_too_small())
            tick_draw(&k, "走访记录 — 选择走访户");
        refresh();
        wint_t ch;
        int kind = ui_getkey(&ch);
        if (kind == ERR || ui_too_small())
            continue;
        if (kind != KEY_CODE_YES && ch == KEY_ESC)
            break;
        if (kind != KEY_CODE_YES && ch == ' ' && k.n) {
            tick_toggle(&k);
        } else if (alist_is_enter(kind, ch)) {
            done = 1;
            break;
        } else if (kind == KEY_CODE_YES) {
            alist_key(ch, &k.sel, k.n, LINES - 4);
        }
        alist_fit(&k.sel, &k.first, k.n, LINES - 4);
    }
    if (done) {
        v->n_households = 0;
        for (int i = 0; i < k.n && v->n_households < TEAM_VISIT_MAX_HH; i++)
            if (on[i])
                v->households[v->n_households++] = rows[i].id;
    }
    free(on);
    free(rows);
    return done;
}

/* ---- the visit log ---------------------------------------------------------------------- */

struct visits_view {
    char village[AREA_CODE_LEN + 1];
    char village_name[TEXT_BYTES(30)];
    struct team_visit rows[MAX_VISITS];
    int n, sel, first;
};

static void vv_reload(struct visits_view *w)
{
    size_t n = 0;
    if (db_team_visits(app.db, w->village, w->rows, MAX_VISITS, &n) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    w->n = (int)n;
}

static int vv_pos(const struct visits_view *w, int64_t id)
{
    for (int i = 0; i < w->n; i++)
        if (w->rows[i].id == id)
            return i + 1;
    return 0;
}

static void vv_draw(void *self)
{
    struct visits_view *w = self;
    char title[160], right[64];
    snprintf(title, sizeof title, "走访记录 — %s", w->village_name);
    snprintf(right, sizeof right, "共 %d 条", w->n);
    ui_title(title, right);
    ui_put(1, 0, " 序号 日期       走访人    走访户                    情况记录", COLS, A_BOLD);
    int rows = LINES - 4;
    alist_fit(&w->sel, &w->first, w->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = w->first + r, y = 2 + r;
        if (i >= w->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct team_visit *v = &w->rows[i];
        char num[16], notes[TEXT_BYTES(TEAM_NOTE_CHARS) + 40];
        snprintf(num, sizeof num, " %3d", i + 1);
        if (v->corrects_id)
            snprintf(notes, sizeof notes, "[更正第%d条] %s", vv_pos(w, v->corrects_id), v->notes);
        else if (v->corrected_by)
            snprintf(notes, sizeof notes, "(已被第%d条更正) %s", vv_pos(w, v->corrected_by), v->notes);
        else
            snprintf(notes, sizeof notes, "%s", v->notes);
        const char *cells[] = { num, v->date, v->member_name, v->household_names, notes };
        const int widths[] = { 5, 11, 10, 26, 0 };
        attr_t a = i == w->sel ? ui_attr(UI_SELECTED) : v->corrected_by ? ui_attr(UI_DIM) : A_NORMAL;
        alist_row(y, a, cells, widths, 5);
    }
    if (w->n == 0)
        ui_put(3, 2, "(尚无走访记录，按 Ins 录入)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter查看 F6更正 F1帮助 Esc返回");
    curs_set(0);
}

struct visit_form {
    char date[DATE_LEN + 1];
    char notes[TEXT_BYTES(TEAM_NOTE_CHARS)];
    struct team_visit v;
    int64_t corrects;
};

static const struct field VISIT_FIELDS[] = {
    { "date", "走访日期", FT_DATE, T_APPLICATION, offsetof(struct visit_form, date),
      sizeof ((struct visit_form *)0)->date, 12, CL_NONE, F_REQUIRED, NULL, NULL },
    { "notes", "情况记录", FT_TEXT, T_APPLICATION, offsetof(struct visit_form, notes),
      sizeof ((struct visit_form *)0)->notes, 50, CL_NONE, 0, NULL, NULL },
};
#define N_VISIT_FIELDS (sizeof VISIT_FIELDS / sizeof *VISIT_FIELDS)

/* Who visited: one of the members serving on date (0 on Esc or none). */
static int64_t pick_member(const char *village, const char *date, const char *title, int64_t current)
{
    static struct team_member ms[MAX_TEAM];
    static char labels[MAX_TEAM][200];
    static const char *items[MAX_TEAM];
    size_t n = 0;
    if (db_team_active(app.db, village, date, ms, MAX_TEAM, &n) != DB_OK || n == 0)
        return 0;
    int cur = 0;
    for (size_t i = 0; i < n; i++) {
        char npad[64];
        snprintf(labels[i], sizeof labels[i], "%s %s  %s", ui_pad(ms[i].name, 10, npad, sizeof npad),
                 team_role_label(&ms[i]), ms[i].unit);
        items[i] = labels[i];
        if (ms[i].id == current)
            cur = (int)i;
    }
    int k = dialog_pick(title, items, n, cur, NULL, NULL);
    return k < 0 ? 0 : ms[k].id;
}

/* F2 on the visit form: who (from the team serving that day), then the
 * households, then the save; a refusal or an Esc keeps the form open. */
static const char *visit_save(void *rec, void *ud, const char **at)
{
    struct visit_form *f = rec;
    const char *village = ud;
    static char msg[400];
    char day[11];
    if (!date_normalise(f->date, day))
        snprintf(day, sizeof day, "%s", f->date);
    *at = "date";
    int64_t who = pick_member(village, day, "走访人 (当天在村的驻村工作队队员)", f->v.member_id);
    if (!who) {
        snprintf(msg, sizeof msg, "%s 没有在村的驻村工作队队员可选，或未选择走访人", day);
        return msg;
    }
    f->v.member_id = who;
    if (!tick_households(village, &f->v))
        return "未选择走访户，按 F2 重新选择";
    snprintf(f->v.village, sizeof f->v.village, "%s", village);
    snprintf(f->v.date, sizeof f->v.date, "%s", f->date);
    snprintf(f->v.notes, sizeof f->v.notes, "%s", f->notes);
    if (db_team_visit_add(app.db, &f->v, f->corrects) == DB_OK)
        return NULL;
    snprintf(msg, sizeof msg, "%s", app_errmsg());
    return msg;
}

static void vv_add(struct visits_view *w, int correct)
{
    if (correct && !w->n)
        return;
    static struct visit_form f;
    memset(&f, 0, sizeof f);
    snprintf(f.date, sizeof f.date, "%s", app.ctx.today);
    char head[300];
    snprintf(head, sizeof head, "%s 走访记录：填写日期和情况后按 F2，再选择走访人和走访户", w->village_name);
    if (correct) {
        const struct team_visit *o = &w->rows[w->sel];
        f.v = *o;
        f.v.id = 0;
        f.corrects = o->id;
        snprintf(f.date, sizeof f.date, "%s", o->date);
        snprintf(f.notes, sizeof f.notes, "%s", o->notes);
        snprintf(head, sizeof head, "更正第 %d 条走访记录 (%s)：原记录保留，两条都显示", w->sel + 1, o->date);
    }
    if (subform_edit(correct ? "走访记录 — 更正" : "走访记录 — 新增", head, VISIT_FIELDS, N_VISIT_FIELDS,
                     &f, sizeof f, visit_save, w->village) != 1)
        return;
    ui_status(MSG_INFO, "已保存走访记录 (%s，%zu 户)", f.v.date, f.v.n_households);
    vv_reload(w);
    w->sel = vv_pos(w, f.v.id) - 1;
}

static void vv_view(const struct visits_view *w)
{
    if (!w->n)
        return;
    const struct team_visit *v = &w->rows[w->sel];
    char text[2048];
    snprintf(text, sizeof text, "走访日期: %s\n走访人: %s\n走访户 (%zu 户): %s\n情况记录: %s\n\n"
             "走访记录录入后不能修改；如有错误请按 F6 新增一条更正记录。", v->date, v->member_name,
             v->n_households, v->household_names, v->notes);
    dialog_text("走访记录", text);
}

static enum screen_action vv_key(void *self, int kind, wint_t ch)
{
    struct visits_view *w = self;
    int fkey = kind == KEY_CODE_YES;
    if (!fkey && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        vv_view(w);
        return ACT_NONE;
    }
    if (!fkey || alist_key(ch, &w->sel, w->n, LINES - 4))
        return ACT_NONE;
    if (ch == KEY_IC)
        vv_add(w, 0);
    else if (ch == KEY_F(6))
        vv_add(w, 1);
    else if (ch == KEY_F(1))
        dialog_text("帮助", "走访记录: 驻村工作队每次入户走访 (遍访贫困户) 录一条。\n"
                    "Ins 新增: 填写走访日期和情况记录，按 F2 后选择走访人 (当天在村的队员) 和走访户\n"
                    "(空格选中，Enter 完成)。Enter 查看。记录不能修改: 按 F6 新增更正记录，原记录保留。");
    return ACT_NONE;
}

static struct screen visits_open(const char *village, const char *village_name)
{
    struct visits_view *w = calloc(1, sizeof *w);
    if (w) {
        snprintf(w->village, sizeof w->village, "%s", village);
        snprintf(w->village_name, sizeof w->village_name, "%s", village_name);
        vv_reload(w);
    }
    return (struct screen){ .name = "visits", .draw = vv_draw, .key = vv_key, .close = tv_close, .self = w };
}

/* ---- the aid card's 工作队长签字 ---------------------------------------------------------- */

int64_t team_pick_signer(const char *village, const char *date)
{
    char day[11];
    if (!date_normalise(date, day))
        return 0;
    return pick_member(village, day, "工作队长签字 — 签字人 (当天在村的驻村工作队队员)", 0);
}

void team_member_name(int64_t id, char *out, size_t outsz)
{
    struct team_member m;
    out[0] = '\0';
    if (id && db_team_member_get(app.db, id, &m) == DB_OK)
        snprintf(out, outsz, "%s", m.name);
}
