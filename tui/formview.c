/* formview.c — the form engine: renders a declared form (forms/) over one
 * household and keys it field by field.  Nothing about a particular form is
 * known here; pages, fields, types, code lists and checks all come from the
 * declaration.
 *
 * Life of a field (tui/fieldedit.h, shared with the sub-form): entering it
 * loads its formatted value into the line editor; leaving it (Enter, Tab,
 * arrows, PgUp/PgDn, F2) parses the text through field_parse(); a bad value
 * keeps the cursor there with a red message and its text selected, so the
 * next value typed replaces it.  Each
 * accepted change is written to the drafts table, so a killed terminal loses
 * at most the field being typed.  Save (F2) checks the whole record and
 * writes it in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/text.h"
#include "core/workflow.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "tui/codepick.h"
#include "forms/facts.h"
#include "tui/dialog.h"
#include "tui/formview.h"
#include "tui/notices.h"
#include "tui/screens.h"
#include "tui/ui.h"

/* ---- fields of the current view ------------------------------------------ */

const struct form_page *fv_page_of(const struct formview *v)
{
    return &v->form->pages[v->page];
}

/* The fields being edited now and the record they live in; n = 0 on a
 * roster page's table (no field has the cursor). */
const struct field *fv_cur_fields(struct formview *v, size_t *n, void **rec)
{
    const struct form_page *p = fv_page_of(v);
    *rec = &v->hh;
    if (p->roster) {
        if (!v->in_row) { *n = 0; return p->fields; }
        *rec = &v->hh.members[v->row];
    }
    *n = p->n_fields;
    return p->fields;
}

/* Fields the cursor skips: derived ones, and 性别 when the ID number gives it. */
int fv_skipped(const struct field *f, const void *rec)
{
    if (f->flags & F_READONLY || f->table == T_DERIVED)
        return 1;
    if (f->table == T_MEMBER && strcmp(f->key, "sex") == 0)
        return ((const struct member *)rec)->id_no[0] != 0;
    return 0;
}

int fv_field_is_empty(const struct field *f, const void *rec)
{
    const void *p = field_cptr(f, rec);
    switch (f->type) {
    case FT_INT: case FT_CODE:
        return *(const int *)p == 0;
    case FT_BOOL:
        return 0;
    case FT_MONEY: case FT_HUNDREDTHS:
        return 0;
    default:
        return ((const char *)p)[0] == 0;
    }
}

/* ---- the line editor holds the current field ----------------------------- */

void fv_load_field(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0 || v->loaded == v->cur)
        return;
    fe_load(&v->fe, &fs[v->cur], rec);
    v->loaded = v->cur;
}

void fv_unload_field(struct formview *v)
{
    v->loaded = -1;
    v->fe.f = NULL;
}

void fv_save_draft(struct formview *v)
{
    if (app.read_only)
        return;     /* nothing can be written; F2 says why */
    /* The draft is what survives a crash: when it cannot be written (disk
     * full, the file moved) the clerk must know the form is only on screen. */
    if (db_draft_save(app.db, v->form->name, v->draft_key, &v->hh) != DB_OK)
        ui_status(MSG_ERROR, "草稿未能保存：%s", app_errmsg());
}

/* Extra field-level rules that need the database: an ID number used in
 * another active household, or twice in this one. */
static const char *id_elsewhere(struct formview *v, const struct field *f, void *rec,
                                char *msg, size_t msgsz)
{
    if (f->type != FT_IDNO)
        return NULL;
    const char *id = (const char *)field_cptr(f, rec);
    if (!id[0])
        return NULL;
    for (int i = 0; i < v->hh.n_members; i++) {
        const struct member *m = &v->hh.members[i];
        if ((void *)m != rec && !(f->table == T_HEAD && i == 0) && strcmp(m->id_no, id) == 0) {
            snprintf(msg, msgsz, "身份证号与本户成员「%s」重复", m->name);
            return msg;
        }
    }
    int64_t owner = 0;
    char owner_name[128] = "";
    if (db_id_owner(app.db, id, v->hh.id, &owner, owner_name, sizeof owner_name) == DB_OK && owner) {
        snprintf(msg, msgsz, "身份证号已登记在另一户 (户主 %s, 内部号 %lld)", owner_name, (long long)owner);
        return msg;
    }
    return NULL;
}

/* Parses the editor's text into the record.  Returns 1 when the cursor may
 * leave the field; otherwise the status line says why. */
int fv_commit_field(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0 || v->loaded != v->cur)
        return 1;
    const struct field *f = &fs[v->cur];
    /* Parse into a copy first: nothing is written unless every rule passes. */
    struct household copy = v->hh;
    void *crec = (char *)&copy + ((char *)rec - (char *)&v->hh);
    enum fe_parse_result r = fe_parse(&v->fe, crec);
    if (r != FE_ACCEPTED)
        return r == FE_SAME;
    char buf[256];
    const char *msg = id_elsewhere(v, f, crec, buf, sizeof buf);
    if (msg) {
        fe_refuse(&v->fe, "%s: %s", f->label, msg);
        return 0;
    }
    v->hh = copy;
    char text[64];
    if (f->type == FT_IDNO && le_get_utf8(&v->fe.le, text, sizeof text) == 15)
        ui_status(MSG_WARN, "%s: 15位旧身份证号已升级为18位", f->label);
    v->dirty = 1;
    v->warnings_confirmed = 0;
    fv_unload_field(v);
    fv_save_draft(v);
    return 1;
}

/* ---- navigation ----------------------------------------------------------- */

int fv_first_editable(struct formview *v, int from, int step)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    for (int i = from; i >= 0 && i < (int)n; i += step)
        if (!fv_skipped(&fs[i], rec))
            return i;
    return -1;
}

void fv_go_page(struct formview *v, int page)
{
    if (page < 0 || page >= (int)v->form->n_pages)
        return;
    v->page = page;
    v->in_row = 0;
    v->top = 0;
    fv_unload_field(v);
    int f = fv_first_editable(v, 0, 1);
    v->cur = f < 0 ? 0 : f;
}

/* Moves to the next (+1) or previous (-1) editable field; at the end of a
 * page Enter goes on to the next page (SPEC §7.3). */
void fv_move_field(struct formview *v, int step, int wrap_page)
{
    if (!fv_commit_field(v))
        return;
    int f = fv_first_editable(v, v->cur + step, step);
    if (f >= 0) {
        v->cur = f;
        fv_unload_field(v);
        return;
    }
    if (fv_page_of(v)->roster && v->in_row) {
        if (step > 0) {     /* the row is done: back to the table */
            v->in_row = 0;
            fv_unload_field(v);
        }
        return;
    }
    if (wrap_page && step > 0) {
        if (v->page + 1 < (int)v->form->n_pages)
            fv_go_page(v, v->page + 1);
        else
            ui_status(MSG_INFO, "已是最后一项，按 F2 保存");
    }
}

/* Keeps members[0] the 户主: a row set to 户主 moves to the top. */
void fv_head_first(struct formview *v)
{
    for (int i = 1; i < v->hh.n_members; i++)
        if (v->hh.members[i].relation == REL_HEAD && v->hh.members[0].relation != REL_HEAD) {
            struct member t = v->hh.members[0];
            v->hh.members[0] = v->hh.members[i];
            v->hh.members[i] = t;
            if (v->row == i) v->row = 0;
        }
}

/* ---- drawing -------------------------------------------------------------- */

static int label_width(const struct field *fs, size_t n)
{
    int w = 8;
    for (size_t i = 0; i < n; i++) {
        int lw = ui_width(fs[i].label) + 2;
        if (lw > w) w = lw;
    }
    return w > 36 ? 36 : w;
}

/* What stands right of the box: the label of a code, what an ID number says,
 * the name of a village code. */
static void field_hint(const struct formview *v, const struct field *f, const void *rec,
                       char *out, size_t outsz)
{
    out[0] = 0;
    if (f->type == FT_AREA && ((const char *)field_cptr(f, rec))[0]
        && db_area_name(app.db, field_cptr(f, rec), out, outsz) != DB_OK)
        snprintf(out, outsz, "(没有这个村，按 F4 选择)");
    if (f->type == FT_IDNO && ((const char *)field_cptr(f, rec))[0]) {
        const struct member *m = f->table == T_MEMBER ? rec : &v->hh.members[0];
        int age = age_on(m->birth, app.ctx.today);
        snprintf(out, outsz, "%s %s %d岁", codes_label(CL_SEX, m->sex), m->birth, age);
    }
}

static void draw_fields(struct formview *v, int y0, int rows)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    int lw = label_width(fs, n);
    if (v->cur < v->top) v->top = v->cur;
    if (v->cur >= v->top + rows) v->top = v->cur - rows + 1;
    int cy = -1, cx = 0;
    for (int r = 0; r < rows; r++) {
        int i = v->top + r;
        if (i >= (int)n)        /* blank since the last layout change (formview_draw) */
            break;
        const struct field *f = &fs[i];
        int y = y0 + r;
        char label[160];
        snprintf(label, sizeof label, "%s%s", f->flags & F_REQUIRED ? "*" : "", f->label);
        int pad = lw - ui_width(label);
        ui_put(y, 0, "", 1 + (pad > 0 ? pad : 0), A_NORMAL);
        ui_put(y, 1 + (pad > 0 ? pad : 0), label, lw + 1 - (pad > 0 ? pad : 0), A_NORMAL);
        int x = lw + 2;
        int w = f->table == T_DERIVED ? COLS - x - 1 : f->width;   /* derived text runs on */
        if (x + w >= COLS) w = COLS - x - 1;
        char text[512], hint[128];
        if (f->table == T_DERIVED)
            f->derive(&v->hh, &app.ctx, text, sizeof text);
        else
            field_format(f, rec, text, sizeof text);
        field_hint(v, f, rec, hint, sizeof hint);
        if (i == v->cur && v->loaded == i) {
            cy = y; cx = x;
        } else {
            ui_put(y, x, text, w, f->table == T_DERIVED ? A_BOLD : ui_attr(UI_FIELD));
        }
        if (x + w < COLS)
            ui_put(y, x + w, "", COLS - x - w, A_NORMAL);
        if (hint[0] && x + w + 2 < COLS)
            ui_put(y, x + w + 1, hint, COLS - x - w - 2, ui_attr(UI_DIM));
    }
    v->edit_y = cy;
    v->edit_x = cx;
    if (cy >= 0)
        le_set_width(&v->fe.le, fs[v->cur].width < COLS - cx - 1 ? fs[v->cur].width : COLS - cx - 1);
}

static void draw_roster_table(struct formview *v, int y0, int rows)
{
    static const char header[] = " 序号 姓名            性别 身份证号            与户主关系  年龄 健康状况";
    ui_put(y0, 0, header, COLS, A_BOLD);
    if (v->hh.n_members == 0)
        ui_put(y0 + 1, 0, " (尚无成员，按 Ins 添加)", COLS, ui_attr(UI_DIM));
    int first = v->row >= rows - 1 ? v->row - rows + 2 : 0;
    for (int r = v->hh.n_members == 0 ? 1 : 0; r + 1 < rows; r++) {
        int i = first + r;
        if (i >= v->hh.n_members)
            break;
        const struct member *m = &v->hh.members[i];
        attr_t a = i == v->row ? ui_attr(UI_SELECTED) : A_NORMAL;
        int y = y0 + 1 + r, x = 0;
        char num[16];
        snprintf(num, sizeof num, " %3d ", i + 1);
        x += ui_put(y, x, num, 5, a) > 0 ? 5 : 5;
        ui_put(y, x, m->name, 16, a); x += 16;
        ui_put(y, x, codes_label(CL_SEX, m->sex), 5, a); x += 5;
        ui_put(y, x, m->id_no, 20, a); x += 20;
        ui_put(y, x, codes_label(CL_RELATION, m->relation), 12, a); x += 12;
        char age[8] = "";
        if (m->birth[0]) snprintf(age, sizeof age, "%d", age_on(m->birth, app.ctx.today));
        ui_put(y, x, age, 5, a); x += 5;
        ui_put(y, x, codes_label(CL_HEALTH, m->health), COLS - x, a);
    }
}

/* What decides which rows hold something; when it changes the window is
 * erased, otherwise only the rows with content are repainted.  (Repainting
 * blank rows on every key cost as much as the erase the loop skips for us.) */
static long layout_of(const struct formview *v)
{
    return (((long)v->page * 2 + v->in_row) * 1000 + v->top) * 1000 + v->row * 40 + v->hh.n_members;
}

/* " 2027年调查 (由2026年带入，未确认)": which year's survey is on the form. */
static void survey_year_label(const struct formview *v, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, " %d年调查", v->hh.survey.year);
    if (n < 0 || (size_t)n >= outsz)
        return;
    if (v->readonly)
        snprintf(out + n, outsz - (size_t)n, " (只读)");
    else if (v->carried_from)
        snprintf(out + n, outsz - (size_t)n, " (由%d年带入，未确认)", v->carried_from);
}

static void formview_draw(void *self)
{
    struct formview *v = self;
    long layout = layout_of(v);
    /* Typing inside a field changes that field only: redraw just it.  (The
     * derived values and checks move only when a field is left.) */
    if (v->field_only && !app_window_erased() && layout == v->last_layout && v->loaded >= 0 &&
        v->edit_y >= 0) {
        v->field_only = 0;
        le_draw(stdscr, v->edit_y, v->edit_x, &v->fe.le, ui_attr(UI_SELECTED));
        return;
    }
    v->field_only = 0;
    if (layout != v->last_layout) {
        erase();
        v->last_layout = layout;
    }
    char title[256], right[128];
    char year[96] = "";
    if (v->form == &FORM_SURVEY)
        survey_year_label(v, year, sizeof year);
    snprintf(title, sizeof title, "%s%s  户主: %s%s", v->form->title, year,
             v->hh.members[0].name[0] ? v->hh.members[0].name : "(未填)", v->dirty ? "  [未保存]" : "");
    snprintf(right, sizeof right, "%s 第%d/%zu页", wf_state_label(v->hh.state), v->page + 1,
             v->form->n_pages);
    ui_title(title, right);
    /* Page tabs. */
    ui_put(1, 0, "", COLS, A_NORMAL);
    int x = 0;
    for (size_t p = 0; p < v->form->n_pages && x < COLS; p++) {
        char tab[64];
        snprintf(tab, sizeof tab, " %zu.%s ", p + 1, v->form->pages[p].title);
        int w = ui_width(tab);
        if (x + w > COLS) break;
        ui_put(1, x, tab, w, (int)p == v->page ? ui_attr(UI_SELECTED) : ui_attr(UI_DIM));
        x += w;
    }
    int body = LINES - 4;
    const struct form_page *p = fv_page_of(v);
    if (p->roster && !v->in_row) {
        draw_roster_table(v, 2, body);
        curs_set(0);
    } else {
        if (p->roster) {
            char sub[96];
            snprintf(sub, sizeof sub, " —— 第 %d 位成员 (Esc 回到成员表) ——", v->row + 1);
            ui_put(2, 0, sub, COLS, A_BOLD);
            fv_load_field(v);
            ui_status_draw();
            draw_fields(v, 3, body - 1);
        } else {
            fv_load_field(v);
            ui_status_draw();
            draw_fields(v, 2, body);
        }
        curs_set(1);
    }
    if (p->roster && !v->in_row) {
        ui_status_draw();
        ui_keybar(" Ins添加 Del删除 Enter修改 ↑↓选择 PgDn/PgUp翻页 F2保存 F1帮助 Esc返回");
    } else {
        ui_keybar(v->readonly ? " 只读: F8年度 F7历史 F1帮助 Enter下一项 PgDn翻页 Esc返回"
                  : v->form == &FORM_SURVEY ? " F1帮助 F2保存 F4选择 F5同上 F7历史 F8年度 Ctrl-U清除 PgDn翻页 Esc返回"
                  : " F1帮助 F2保存 F4选择 F5同上 F7历史 Ctrl-U清除 Enter下一项 PgDn翻页 Esc返回");
        /* The editor draws last so the terminal cursor stays in the field. */
        if (v->loaded >= 0 && v->edit_y >= 0)
            le_draw(stdscr, v->edit_y, v->edit_x, &v->fe.le, ui_attr(UI_SELECTED));
    }
}

/* F7: the household's state history, the notices it was on, its objections. */
static void show_household_record(struct formview *v)
{
    if (!v->hh.id) {
        ui_status(MSG_INFO, "新户尚无状态记录");
        return;
    }
    notices_show_household(v->hh.id);
}

/* ---- keys ----------------------------------------------------------------- */

/* Issue 11 item 2: on a registered or exited household a member comes and
 * goes as an event: why (a code of `list`, CL_MEMBER_IN / CL_MEMBER_OUT)
 * and when.  1 with *reason and date filled; 0 when the clerk pressed Esc
 * (nothing changes).  The day is checked as db_household_save checks it. */
static int ask_member_change(enum codelist list, const char *who, int *reason, char date[DATE_LEN + 1])
{
    int in = list == CL_MEMBER_IN;
    *reason = codepick_dialog(list, in ? "成员增加原因" : "成员减少原因", "", 0);
    if (!*reason)
        return 0;
    char typed[32], prompt[200];
    snprintf(typed, sizeof typed, "%s", app.ctx.today);
    snprintf(prompt, sizeof prompt, "%s%s日期 (年-月-日，%s):", who, in ? "入户" : "离户",
             codes_label(list, *reason));
    for (;;) {
        if (!dialog_input(in ? "成员入户" : "成员离户", prompt, typed, sizeof typed, 10))
            return 0;
        const char *bad = facts_event_date_error(typed, "", app.ctx.today, date);
        if (!bad)
            return 1;
        dialog_message("日期不正确", bad);
    }
}

static int members_are_events(const struct formview *v)
{
    return v->hh.id && wf_changes_need_reason((enum wf_state)v->hh.state);
}

static void roster_add(struct formview *v)
{
    if (v->hh.n_members >= HH_MAX_MEMBERS) {
        ui_status(MSG_ERROR, "一户最多 %d 人", HH_MAX_MEMBERS);
        return;
    }
    int reason = 0;
    char date[DATE_LEN + 1] = "";
    if (members_are_events(v) && !ask_member_change(CL_MEMBER_IN, "新成员", &reason, date))
        return;
    struct member *m = &v->hh.members[v->hh.n_members];
    memset(m, 0, sizeof *m);
    m->join_reason = reason;
    memcpy(m->join_date, date, sizeof date);
    if (v->hh.n_members == 0)
        m->relation = REL_HEAD;
    else
        m->ethnic = v->hh.members[0].ethnic;    /* most households share one 民族 */
    v->row = v->hh.n_members++;
    v->in_row = 1;
    v->cur = fv_first_editable(v, 0, 1);
    fv_unload_field(v);
    v->dirty = 1;
}

static void roster_delete(struct formview *v)
{
    if (v->hh.n_members == 0)
        return;
    const struct member *m = &v->hh.members[v->row];
    char q[160];
    snprintf(q, sizeof q, "删除第%d位成员「%s」吗?", v->row + 1, m->name);
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    /* A stored member of a registered household leaves with a reason and a
     * date; the row stays in the file (soft-deleted) with the event. */
    if (m->id && members_are_events(v)) {
        struct member_leave *l = &v->hh.left[v->hh.n_left < HH_MAX_MEMBERS ? v->hh.n_left : HH_MAX_MEMBERS - 1];
        char who[160];
        snprintf(who, sizeof who, "「%s」", m->name);
        if (!ask_member_change(CL_MEMBER_OUT, who, &l->reason, l->date))
            return;
        l->member_id = m->id;
        if (v->hh.n_left < HH_MAX_MEMBERS)
            v->hh.n_left++;
    }
    memmove(&v->hh.members[v->row], &v->hh.members[v->row + 1],
            (size_t)(v->hh.n_members - v->row - 1) * sizeof v->hh.members[0]);
    v->hh.n_members--;
    if (v->row >= v->hh.n_members && v->row > 0)
        v->row--;
    v->dirty = 1;
    fv_save_draft(v);
}

/* Leaving a row's sub-form: a row left without a name is dropped. */
/* Esc in a member's row: a value the field refuses is not dropped without
 * asking (the clerk may not have seen the red line).  1 when the row may be
 * left. */
static int may_leave_row(struct formview *v)
{
    if (v->loaded < 0 || fv_commit_field(v))
        return 1;
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    char q[200];
    snprintf(q, sizeof q, "「%s」的内容不正确 (见下方提示)。放弃这一项的修改，回到成员表吗?",
             n ? fs[v->cur].label : "");
    if (!dialog_yesno(q, ANSWER_NO))
        return 0;
    fv_unload_field(v);
    ui_status_clear();
    return 1;
}

static void leave_row(struct formview *v)
{
    v->in_row = 0;
    fv_unload_field(v);
    if (!v->hh.members[v->row].name[0] && !v->hh.members[v->row].id_no[0]) {
        memmove(&v->hh.members[v->row], &v->hh.members[v->row + 1],
                (size_t)(v->hh.n_members - v->row - 1) * sizeof v->hh.members[0]);
        v->hh.n_members--;
        if (v->row > 0 && v->row >= v->hh.n_members) v->row--;
    }
    fv_head_first(v);
}

static enum screen_action roster_table_key(struct formview *v, int kind, wint_t ch)
{
    if (kind == KEY_CODE_YES) {
        switch (ch) {
        case KEY_UP: if (v->row > 0) v->row--; break;
        case KEY_DOWN: if (v->row + 1 < v->hh.n_members) v->row++; break;
        case KEY_IC: roster_add(v); break;
        case KEY_DC: roster_delete(v); break;
        case KEY_ENTER:
            if (v->hh.n_members) { v->in_row = 1; v->cur = fv_first_editable(v, 0, 1); fv_unload_field(v); }
            break;
        }
        return ACT_NONE;
    }
    if ((ch == '\n' || ch == '\r') && v->hh.n_members) {
        v->in_row = 1;
        v->cur = fv_first_editable(v, 0, 1);
        fv_unload_field(v);
    }
    return ACT_NONE;
}

static void pick_survey_year(struct formview *v);

/* Keys that only look (move, page, help, history, 年度, leave): all a
 * read-only survey takes. */
static int looks_only(int fkey, wint_t ch)
{
    static const int fkeys[] = { KEY_F(1), KEY_F(7), KEY_F(8), KEY_NPAGE, KEY_PPAGE, KEY_UP, KEY_DOWN,
                                 KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_ENTER, KEY_BTAB, KEY_RESIZE };
    if (!fkey)
        return ch == '\n' || ch == '\r' || ch == '\t' || ch == KEY_ESC || ch == CTRL('q');
    for (size_t i = 0; i < sizeof fkeys / sizeof *fkeys; i++)
        if ((int)ch == fkeys[i])
            return 1;
    return 0;
}

static enum screen_action formview_key(void *self, int kind, wint_t ch)
{
    struct formview *v = self;
    const struct form_page *p = fv_page_of(v);
    int fkey = kind == KEY_CODE_YES;
    if (fe_swallow_enter(&v->fe, kind, ch))
        return ACT_NONE;
    if (v->readonly && !looks_only(fkey, ch)) {
        ui_status(MSG_WARN, "%d年调查只读，不能修改 (按 F8 回到本年度调查)", v->hh.survey.year);
        return ACT_NONE;
    }
    if (fkey && ch == KEY_F(8) && v->form == &FORM_SURVEY) {
        if (!p->roster || !v->in_row || fv_commit_field(v))
            pick_survey_year(v);
        return ACT_NONE;
    }
    /* Keys that mean the same everywhere on the form. */
    if ((fkey && ch == KEY_F(2)) || (!fkey && ch == CTRL('s'))) {
        if (p->roster && v->in_row) {
            if (!fv_commit_field(v))    /* refused: stays selected at its field */
                return ACT_NONE;
            leave_row(v);
        }
        fv_save(v);
        return ACT_NONE;
    }
    if (fkey && ch == KEY_F(1)) { fv_show_help(v); return ACT_NONE; }
    if (fkey && ch == KEY_NPAGE) { if (fv_commit_field(v)) { if (p->roster && v->in_row) leave_row(v); fv_go_page(v, v->page + 1); } return ACT_NONE; }
    if (fkey && ch == KEY_PPAGE) { if (fv_commit_field(v)) { if (p->roster && v->in_row) leave_row(v); fv_go_page(v, v->page - 1); } return ACT_NONE; }
    if (!fkey && ch == CTRL('q'))
        return fv_may_close(v) ? ACT_QUIT : ACT_NONE;
    if (!fkey && ch == KEY_ESC) {
        if (p->roster && v->in_row) {
            if (may_leave_row(v))
                leave_row(v);
            return ACT_NONE;
        }
        return fv_may_close(v) ? ACT_POP : ACT_NONE;
    }
    if (p->roster && !v->in_row)
        return roster_table_key(v, kind, ch);

    fv_load_field(v);
    if (fkey) {
        switch (ch) {
        case KEY_DOWN: fv_move_field(v, 1, 0); return ACT_NONE;
        case KEY_UP: case KEY_BTAB: fv_move_field(v, -1, 0); return ACT_NONE;
        case KEY_ENTER: fv_move_field(v, 1, 1); return ACT_NONE;
        case KEY_F(4): fv_pick_code(v); return ACT_NONE;
        case KEY_F(5): fv_ditto(v); return ACT_NONE;
        case KEY_F(7): show_household_record(v); return ACT_NONE;
        }
    } else if (ch == '\n' || ch == '\r' || ch == '\t') {
        fv_move_field(v, 1, ch != '\t');
        return ACT_NONE;
    }
    size_t n; void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (!fkey && ch == ' ' && fs[v->cur].type == FT_BOOL) {
        int *b = field_ptr(&fs[v->cur], rec);
        *b = !*b;
        v->dirty = 1;
        fv_unload_field(v);
        fv_save_draft(v);
        return ACT_NONE;
    }
    int before = v->cur, was_loaded = v->loaded, page = v->page, in_row = v->in_row;
    enum fe_key_result r = fe_key(&v->fe, kind, ch);
    if (r == FE_COMPLETE) {
        fv_move_field(v, 1, 1);
        if (v->cur != before || v->page != page || v->in_row != in_row)
            fe_moved_on(&v->fe);
    }
    /* Only the field changed when the editor took the key and nothing moved. */
    v->field_only = r == FE_EDITED && v->cur == before && v->loaded == was_loaded;
    return ACT_NONE;
}

static void formview_close(void *self)
{
    free(self);
    curs_set(0);
}

/* ---- opening ---------------------------------------------------------------- */

static struct screen make_screen(struct formview *v)
{
    v->loaded = -1;
    v->last_layout = -1;
    fv_go_page(v, 0);
    return (struct screen){ v->form->name, formview_draw, formview_key, formview_close, fv_may_close, v, 1 };
}

struct screen form_new_application(void)
{
    struct formview *v = calloc(1, sizeof *v);
    v->form = &FORM_APPLICATION;
    struct household *hh = &v->hh;
    hh->state = WF_APPLIED;
    hh->app.year = app.year;
    snprintf(hh->app.apply_date, sizeof hh->app.apply_date, "%s", app.ctx.today);
    snprintf(hh->app.accept_date, sizeof hh->app.accept_date, "%s", app.ctx.today);
    /* Operator names are at most 20 characters (settings), so this never cuts. */
    snprintf(hh->app.accepted_by, sizeof hh->app.accepted_by, "%.120s", app.operator_name);
    fv_default_village(hh->village, sizeof hh->village);
    hh->n_members = 1;
    hh->members[0].relation = REL_HEAD;
    snprintf(v->draft_key, sizeof v->draft_key, "new");
    fv_offer_draft(v);
    return make_screen(v);
}

/* Loads the survey of `year` into v (0: this year's, see form_open_survey);
 * a year before this year's is read-only.  0 when reading failed. */
static int load_survey_year(struct formview *v, int64_t household_id, int year)
{
    int this_year = year == 0;
    if (this_year)
        year = app.year;
    v->carried_from = 0;
    v->readonly = 0;
    if (db_household_load_survey(app.db, household_id, year, &v->hh, &v->carried_from) != DB_OK) {
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
        return 0;
    }
    struct survey *s = &v->hh.survey;
    /* A clock behind the file (a survey of a later year): that one opens. */
    if (s->year == 0 && this_year && db_household_load(app.db, household_id, 0, &v->hh) != DB_OK)
        return 0;
    if (s->year == 0) {     /* first survey of this household: the paper's defaults */
        s->year = v->hh.app.year ? v->hh.app.year : app.year;
        s->standard = STD_NATIONAL;
        s->main_cause = v->hh.app.main_cause;
        s->other_cause1 = v->hh.app.other_cause1;
        s->other_cause2 = v->hh.app.other_cause2;
    }
    if (!s->id && !s->survey_date[0])     /* a new survey: visited today */
        snprintf(s->survey_date, sizeof s->survey_date, "%s", app.ctx.today);
    /* Saving a survey never rewrites the application it was read with. */
    v->hh.app.year = 0;
    v->readonly = !this_year && s->id && s->year < app.year;
    db_draft_survey_key(v->draft_key, sizeof v->draft_key, household_id, s->year);
    return 1;
}

struct screen form_open_survey(int64_t household_id)
{
    struct formview *v = calloc(1, sizeof *v);
    v->form = &FORM_SURVEY;
    if (load_survey_year(v, household_id, 0)) {
        db_draft_adopt_survey(app.db, household_id, v->hh.survey.year);
        fv_offer_draft(v);
    }
    return make_screen(v);
}

/* F8 on the survey: another year of the household's surveys (earlier ones
 * read-only), this year's last. */
static void pick_survey_year(struct formview *v)
{
    struct survey_year ys[32];
    size_t n = 0;
    if (!v->hh.id || db_survey_years(app.db, v->hh.id, ys, 31, &n) != DB_OK) {
        ui_status(MSG_INFO, "该户尚无已保存的调查");
        return;
    }
    char text[32][48];
    const char *items[32];
    int years[32], cur = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (ys[i].year < app.year)
            years[k++] = ys[i].year;
    years[k++] = app.year;
    for (size_t i = 0; i < k; i++) {
        snprintf(text[i], sizeof text[i], "%d年调查%s", years[i], years[i] < app.year ? " (只读)" : "");
        items[i] = text[i];
        if (years[i] == v->hh.survey.year)
            cur = (int)i;
    }
    int pick = dialog_pick("调查年度", items, k, cur, NULL, NULL);
    if (pick < 0 || years[pick] == v->hh.survey.year || !fv_may_close(v))
        return;
    int64_t id = v->hh.id;
    load_survey_year(v, id, years[pick] == app.year ? 0 : years[pick]);
    v->dirty = 0;
    v->last_layout = -1;
    fv_go_page(v, v->page);
    if (!v->readonly)
        fv_offer_draft(v);
}

struct screen form_open_application(int64_t household_id)
{
    struct formview *v = calloc(1, sizeof *v);
    v->form = &FORM_APPLICATION;
    snprintf(v->draft_key, sizeof v->draft_key, "%lld", (long long)household_id);
    if (db_household_load(app.db, household_id, 0, &v->hh) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    else if (v->hh.app.year == 0) {     /* imported or merged: no application yet */
        v->hh.app.year = app.year;
        ui_status(MSG_INFO, "该户还没有申请书记录，可按纸质申请书补录");
    }
    fv_offer_draft(v);
    return make_screen(v);
}
