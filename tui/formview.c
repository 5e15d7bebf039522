/* formview.c — the form engine: renders a declared form (forms/) over one
 * household and keys it field by field.  Nothing about a particular form is
 * known here; pages, fields, types, code lists and checks all come from the
 * declaration.
 *
 * Life of a field: entering it loads its formatted value into the line editor;
 * leaving it (Enter, Tab, arrows, PgUp/PgDn, F2) parses the text through
 * field_parse(); a bad value keeps the cursor there with a red message.  Each
 * accepted change is written to the drafts table, so a killed terminal loses
 * at most the field being typed.  Save (F2) checks the whole record and
 * writes it in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/idno.h"
#include "core/workflow.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "tui/dialog.h"
#include "tui/lineedit.h"
#include "tui/screens.h"
#include "tui/ui.h"

#define MAX_RESULTS 64

struct formview {
    const struct form *form;
    struct household hh;
    int page;
    int cur;                /* field index on the page (or in the row sub-form) */
    int top;                /* first field row shown (vertical scroll) */
    int row;                /* roster: selected member */
    int in_row;             /* roster: editing members[row] in the sub-form */
    struct lineedit le;
    int loaded;             /* field index the editor holds, -1 none */
    char loaded_text[512];  /* its text when loaded (unchanged → no re-parse) */
    int replace_on_type;    /* code/yes-no fields: first key replaces */
    int dirty;
    int warnings_confirmed; /* warnings already confirmed for this content */
    char draft_key[32];
    int edit_y, edit_x;     /* where the editor is drawn, -1 when none */
    long last_layout;       /* layout_of() at the last draw */
    int field_only;         /* the last key only edited the field's text */
};

/* The last household saved in this session: F5 on a plain form copies from it. */
static struct household last_saved;
static int have_last_saved;

/* ---- fields of the current view ------------------------------------------ */

static const struct form_page *page_of(const struct formview *v)
{
    return &v->form->pages[v->page];
}

/* The fields being edited now and the record they live in; n = 0 on a
 * roster page's table (no field has the cursor). */
static const struct field *cur_fields(struct formview *v, size_t *n, void **rec)
{
    const struct form_page *p = page_of(v);
    *rec = &v->hh;
    if (p->roster) {
        if (!v->in_row) { *n = 0; return p->fields; }
        *rec = &v->hh.members[v->row];
    }
    *n = p->n_fields;
    return p->fields;
}

/* Fields the cursor skips: derived ones, and 性别 when the ID number gives it. */
static int skipped(const struct field *f, const void *rec)
{
    if (f->flags & F_READONLY || f->table == T_DERIVED)
        return 1;
    if (f->table == T_MEMBER && strcmp(f->key, "sex") == 0)
        return ((const struct member *)rec)->id_no[0] != 0;
    return 0;
}

static int field_is_empty(const struct field *f, const void *rec)
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

static void load_field(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    if (n == 0 || v->loaded == v->cur)
        return;
    const struct field *f = &fs[v->cur];
    char text[512];
    field_format(f, rec, text, sizeof text);
    int max = f->type == FT_TEXT ? (int)(f->size - 1) / 4 : 64;
    le_init(&v->le, f->width, max);
    le_set_utf8(&v->le, text);
    snprintf(v->loaded_text, sizeof v->loaded_text, "%s", text);
    v->loaded = v->cur;
    /* As in keyed-entry systems and spreadsheets: the first character typed
     * into a coded, numeric or date field replaces it; an editing key
     * (← → Home End Backspace) edits the value instead. */
    v->replace_on_type = f->type != FT_TEXT && text[0] != 0;
}

static void unload_field(struct formview *v)
{
    v->loaded = -1;
}

static void save_draft(struct formview *v)
{
    db_draft_save(app.db, v->form->name, v->draft_key, &v->hh, sizeof v->hh);
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
static int commit_field(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    if (n == 0 || v->loaded != v->cur)
        return 1;
    const struct field *f = &fs[v->cur];
    char text[512];
    le_get_utf8(&v->le, text, sizeof text);
    if (strcmp(text, v->loaded_text) == 0)
        return 1;
    if (f->type == FT_CODE && text[0] && codes_pick(f->list, text) == -1) {
        ui_status(MSG_WARN, "「%s」对应多个选项，请按F4选择", text);
        return 0;
    }
    /* Parse into a copy first: nothing is written unless every rule passes. */
    struct household copy = v->hh;
    void *crec = (char *)&copy + ((char *)rec - (char *)&v->hh);
    const char *msg = field_parse(f, crec, text);
    char buf[256];
    if (!msg)
        msg = id_elsewhere(v, f, crec, buf, sizeof buf);
    if (msg) {
        ui_status(MSG_ERROR, "%s: %s", f->label, msg);
        beep();
        return 0;
    }
    v->hh = copy;
    if (f->type == FT_IDNO && strlen(text) == 15)
        ui_status(MSG_WARN, "%s: 15位旧身份证号已升级为18位", f->label);
    else
        ui_status_clear();
    v->dirty = 1;
    v->warnings_confirmed = 0;
    unload_field(v);
    save_draft(v);
    return 1;
}

/* ---- navigation ----------------------------------------------------------- */

static int first_editable(struct formview *v, int from, int step)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    for (int i = from; i >= 0 && i < (int)n; i += step)
        if (!skipped(&fs[i], rec))
            return i;
    return -1;
}

static void go_page(struct formview *v, int page)
{
    if (page < 0 || page >= (int)v->form->n_pages)
        return;
    v->page = page;
    v->in_row = 0;
    v->top = 0;
    unload_field(v);
    int f = first_editable(v, 0, 1);
    v->cur = f < 0 ? 0 : f;
}

/* Moves to the next (+1) or previous (-1) editable field; at the end of a
 * page Enter goes on to the next page (SPEC §7.3). */
static void move_field(struct formview *v, int step, int wrap_page)
{
    if (!commit_field(v))
        return;
    int f = first_editable(v, v->cur + step, step);
    if (f >= 0) {
        v->cur = f;
        unload_field(v);
        return;
    }
    if (page_of(v)->roster && v->in_row) {
        if (step > 0) {     /* the row is done: back to the table */
            v->in_row = 0;
            unload_field(v);
        }
        return;
    }
    if (wrap_page && step > 0) {
        if (v->page + 1 < (int)v->form->n_pages)
            go_page(v, v->page + 1);
        else
            ui_status(MSG_INFO, "已是最后一项，按 F2 保存");
    }
}

/* Keeps members[0] the 户主: a row set to 户主 moves to the top. */
static void head_first(struct formview *v)
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

/* What stands right of the box: the label of a code, what an ID number says. */
static void field_hint(const struct formview *v, const struct field *f, const void *rec,
                       char *out, size_t outsz)
{
    out[0] = 0;
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
    const struct field *fs = cur_fields(v, &n, &rec);
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
        le_set_width(&v->le, fs[v->cur].width < COLS - cx - 1 ? fs[v->cur].width : COLS - cx - 1);
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

static void formview_draw(void *self)
{
    struct formview *v = self;
    long layout = layout_of(v);
    /* Typing inside a field changes that field only: redraw just it.  (The
     * derived values and checks move only when a field is left.) */
    if (v->field_only && !app_window_erased() && layout == v->last_layout && v->loaded >= 0 &&
        v->edit_y >= 0) {
        v->field_only = 0;
        le_draw(stdscr, v->edit_y, v->edit_x, &v->le, ui_attr(UI_SELECTED));
        return;
    }
    v->field_only = 0;
    if (layout != v->last_layout) {
        erase();
        v->last_layout = layout;
    }
    char title[256], right[128];
    snprintf(title, sizeof title, "%s  户主: %s%s", v->form->title,
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
    const struct form_page *p = page_of(v);
    if (p->roster && !v->in_row) {
        draw_roster_table(v, 2, body);
        curs_set(0);
    } else {
        if (p->roster) {
            char sub[96];
            snprintf(sub, sizeof sub, " —— 第 %d 位成员 (Esc 回到成员表) ——", v->row + 1);
            ui_put(2, 0, sub, COLS, A_BOLD);
            load_field(v);
            ui_status_draw();
            draw_fields(v, 3, body - 1);
        } else {
            load_field(v);
            ui_status_draw();
            draw_fields(v, 2, body);
        }
        curs_set(1);
    }
    if (p->roster && !v->in_row) {
        ui_status_draw();
        ui_keybar(" Ins添加 Del删除 Enter修改 ↑↓选择 PgDn/PgUp翻页 F2保存 F1帮助 Esc返回");
    } else {
        ui_keybar(" F1帮助 F2保存 F4选择 F5同上 Enter/Tab下一项 PgDn/PgUp翻页 Esc返回");
        /* The editor draws last so the terminal cursor stays in the field. */
        if (v->loaded >= 0 && v->edit_y >= 0)
            le_draw(stdscr, v->edit_y, v->edit_x, &v->le, ui_attr(UI_SELECTED));
    }
}

/* ---- F1, F4, F5, F7 ------------------------------------------------------- */

/* The only village, or the first one: most offices key for one village. */
static void default_village(char *out, size_t outsz)
{
    struct area a;
    size_t n = 0;
    out[0] = 0;
    if (db_areas(app.db, AREA_VILLAGE, NULL, &a, 1, &n) == DB_OK && n == 1)
        snprintf(out, outsz, "%s", a.code);
}

static void pick_village(const struct field *f, void *rec)
{
    static struct area vs[512];
    size_t n = 0;
    if (db_areas(app.db, AREA_VILLAGE, NULL, vs, 512, &n) != DB_OK || n == 0) {
        ui_status(MSG_ERROR, "还没有登记村，请先在「基础设置」中添加");
        return;
    }
    const char *labels[512];
    int cur = 0;
    char *val = field_ptr(f, rec);
    for (size_t i = 0; i < n; i++) {
        labels[i] = vs[i].name;
        if (strcmp(vs[i].code, val) == 0) cur = (int)i;
    }
    int k = dialog_pick("选择村", labels, n, cur, NULL, NULL);
    if (k >= 0)
        snprintf(val, f->size, "%s", vs[k].code);
}

/* F7: the household's state history, every move with date, operator, reason. */
static void show_history(struct formview *v)
{
    if (!v->hh.id) {
        ui_status(MSG_INFO, "新户尚无状态记录");
        return;
    }
    struct state_row rows[64];
    size_t n = 0;
    if (db_state_history(app.db, v->hh.id, rows, 64, &n) != DB_OK) {
        ui_status(MSG_ERROR, "%s", db_errmsg(app.db));
        return;
    }
    char text[64 * 200];
    size_t len = snprintf(text, sizeof text, "日期        由          到          操作员    原因\n");
    for (size_t i = 0; i < n && len + 200 < sizeof text; i++)
        len += snprintf(text + len, sizeof text - len, "%s  %-10s  %-10s  %s  %s\n", rows[i].date,
                        wf_state_label(rows[i].from_state), wf_state_label(rows[i].to_state),
                        rows[i].op, rows[i].reason);
    dialog_text("状态历史", text);
}

static const char *type_help(enum ftype t)
{
    switch (t) {
    case FT_TEXT: return "文字: 可用输入法输入中文；少数民族姓名中间点请用「·」。";
    case FT_INT: return "整数: 只输入数字。";
    case FT_MONEY: return "金额(元): 最多两位小数，如 3650 或 3650.50，不能为负。";
    case FT_HUNDREDTHS: return "数值: 最多两位小数，如 2.5。";
    case FT_DATE: return "日期: 2026-11-22 或 20261122，输满8位自动跳到下一项。";
    case FT_CODE: return "代码: 输入编号或名称的拼音首字母 (如 yb = 因病)，F4 打开代码表。";
    case FT_BOOL: return "是/否: 输入 1/是/y 表示是，0/否/n 表示否；空格切换。";
    case FT_IDNO: return "身份证号: 18位，末位可为X；输满18位自动校验并填出性别、出生日期。15位旧号自动升级。";
    case FT_PHONE: return "电话: 11位手机号，或带区号的固定电话 (如 0771-1234567)。";
    case FT_DIGITS: return "数字串: 只输入数字 (如银行账号)，按文本保存不丢位。";
    case FT_AREA: return "村: 输入12位区划代码，或按 F4 从本地区的村中选择。";
    }
    return "";
}

static void show_help(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    char text[8192];
    size_t len = 0;
    if (n == 0) {
        len += snprintf(text, sizeof text, "家庭成员表: Ins 添加成员, Enter 修改所选成员, Del 删除 (需确认)。\n"
                        "户主始终排在第一行。PgDn/PgUp 翻页, F2 保存整张表。");
    } else {
        const struct field *f = &fs[v->cur];
        len += snprintf(text + len, sizeof text - len, "「%s」%s\n\n%s\n", f->label,
                        f->flags & F_REQUIRED ? " (必填)" : "", f->help ? f->help : type_help(f->type));
        if (f->type == FT_CODE) {
            size_t nc;
            const struct code *cs = codes_list(f->list, &nc);
            len += snprintf(text + len, sizeof text - len, "\n代码表「%s」:\n", codes_list_name(f->list));
            for (size_t i = 0; i < nc && len + 64 < sizeof text; i++)
                len += snprintf(text + len, sizeof text - len, "  %2d  %-12s %s\n", cs[i].code,
                                codes_initials(f->list, cs[i].code), cs[i].label);
        }
    }
    snprintf(text + len, sizeof text - len, "\n按键: Enter/Tab/↓ 下一项  Shift-Tab/↑ 上一项  PgDn/PgUp 翻页\n"
             "      F2/Ctrl-S 保存  F4 代码表  F5 同上  Esc 返回 (未保存时会询问)");
    dialog_text("帮助", text);
}

struct pick_ud { enum codelist list; const struct code *cs; };

static int code_match(size_t i, const char *typed, void *ud)
{
    const struct pick_ud *p = ud;
    char num[12];
    snprintf(num, sizeof num, "%d", p->cs[i].code);
    if (strncmp(num, typed, strlen(typed)) == 0)
        return 1;
    return codes_matches(p->list, p->cs[i].code, typed);
}

static void pick_code(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    if (f->type == FT_AREA) {
        pick_village(f, rec);
        v->dirty = 1;
        unload_field(v);
        save_draft(v);
        return;
    }
    if (f->type != FT_CODE) {
        ui_status(MSG_INFO, "「%s」没有代码表", f->label);
        return;
    }
    size_t nc;
    const struct code *cs = codes_list(f->list, &nc);
    const char **labels = calloc(nc, sizeof *labels);
    for (size_t i = 0; i < nc; i++)
        labels[i] = cs[i].label;
    struct pick_ud ud = { f->list, cs };
    int *val = field_ptr(f, rec);
    int cur = -1;
    for (size_t i = 0; i < nc; i++)
        if (cs[i].code == *val) cur = (int)i;
    char title[96];
    snprintf(title, sizeof title, "选择%s", f->label);
    int k = dialog_pick(title, labels, nc, cur, code_match, &ud);
    free(labels);
    if (k >= 0) {
        *val = cs[k].code;
        v->dirty = 1;
        v->warnings_confirmed = 0;
        unload_field(v);
        save_draft(v);
        move_field(v, 1, 1);
    }
}

/* F5 同上: the value of this field in the previous roster row, or in the last
 * household saved in this session. */
static void ditto(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    const void *src = NULL;
    if (page_of(v)->roster) {
        if (v->row > 0)
            src = &v->hh.members[v->row - 1];
    } else if (have_last_saved) {
        src = &last_saved;
    }
    if (!src || f->type == FT_IDNO || f->table == T_HEAD) {
        ui_status(MSG_INFO, "这一项没有可以复制的「同上」值");
        return;
    }
    char text[512];
    field_format(f, src, text, sizeof text);
    le_set_utf8(&v->le, text);
    v->replace_on_type = 0;
    ui_status(MSG_INFO, "已复制上一条的「%s」", f->label);
}

/* ---- save ------------------------------------------------------------------ */

/* Moves the cursor to the field a check names (page, roster row, field). */
static void jump_to(struct formview *v, int member, const char *key)
{
    for (size_t p = 0; p < v->form->n_pages; p++) {
        const struct form_page *pg = &v->form->pages[p];
        if ((member >= 0) != (pg->roster != 0))
            continue;
        for (size_t i = 0; i < pg->n_fields; i++)
            if (strcmp(pg->fields[i].key, key) == 0 ||
                (member == 0 && strcmp(key, "name") == 0 && strcmp(pg->fields[i].key, "head_name") == 0)) {
                go_page(v, (int)p);
                if (pg->roster) {
                    v->row = member;
                    v->in_row = 1;
                }
                v->cur = (int)i;
                unload_field(v);
                return;
            }
    }
}

/* Required fields left empty, as check results so they list with the rest. */
static size_t missing_required(struct formview *v, struct check_result *out, size_t max)
{
    size_t k = 0;
    for (size_t p = 0; p < v->form->n_pages; p++) {
        const struct form_page *pg = &v->form->pages[p];
        int rows = pg->roster ? v->hh.n_members : 1;
        for (int r = 0; r < rows; r++) {
            const void *rec = pg->roster ? (const void *)&v->hh.members[r] : (const void *)&v->hh;
            for (size_t i = 0; i < pg->n_fields && k < max; i++) {
                const struct field *f = &pg->fields[i];
                if (!(f->flags & F_REQUIRED) || skipped(f, rec) || !field_is_empty(f, rec))
                    continue;
                memset(&out[k], 0, sizeof out[k]);
                out[k].member_index = pg->roster ? r : -1;
                snprintf(out[k].field_key, sizeof out[k].field_key, "%s", f->key);
                if (pg->roster)
                    snprintf(out[k].message, sizeof out[k].message, "第%d位成员: 「%s」必须填写", r + 1, f->label);
                else
                    snprintf(out[k].message, sizeof out[k].message, "「%s」必须填写", f->label);
                k++;
            }
        }
    }
    return k;
}


/* Lists results into text; returns how many are of `level`. */
static size_t list_results(const struct check_result *rs, size_t n, int errors, char *text, size_t sz)
{
    size_t k = 0, len = 0;
    text[0] = 0;
    for (size_t i = 0; i < n; i++) {
        int is_error = !rs[i].def || rs[i].def->level == CHECK_ERROR;
        if (is_error != errors)
            continue;
        k++;
        if (len + 300 < sz)
            len += snprintf(text + len, sz - len, "%zu. %s\n", k, rs[i].message);
    }
    return k;
}

/* F2: the whole record is checked, then written in one transaction. */
static int save(struct formview *v)
{
    if (!commit_field(v))
        return 0;
    head_first(v);
    struct check_result rs[MAX_RESULTS];
    size_t n = missing_required(v, rs, MAX_RESULTS);
    struct check_ctx cc;
    app_check_context(&cc);
    size_t k = checks_run_household(&cc, &v->hh, rs + n, MAX_RESULTS - n);
    for (size_t i = n; i < n + k; i++)      /* only the checks this form declares */
        if (form_check_applies(v->form, rs[i].def->id))
            rs[n++] = rs[i];
    static char text[MAX_RESULTS * 320];
    size_t errors = list_results(rs, n, 1, text, sizeof text);
    if (errors) {
        char title[64];
        snprintf(title, sizeof title, "有 %zu 处错误，不能保存", errors);
        dialog_text(title, text);
        for (size_t i = 0; i < n; i++)
            if (!rs[i].def || rs[i].def->level == CHECK_ERROR) {
                jump_to(v, rs[i].member_index, rs[i].field_key);
                break;
            }
        ui_status(MSG_ERROR, "%s", rs[0].message);
        return 0;
    }
    size_t warnings = list_results(rs, n, 0, text, sizeof text);
    if (warnings && v->warnings_confirmed != (int)warnings) {
        char q[64];
        snprintf(q, sizeof q, "有 %zu 条警告 (见上)，仍然保存吗?", warnings);
        dialog_text("警告", text);
        if (!dialog_yesno(q))
            return 0;
        v->warnings_confirmed = (int)warnings;
    }
    enum db_err rc = db_household_save(app.db, &v->hh);
    if (rc != DB_OK) {
        dialog_message("保存失败，数据没有写入", db_errmsg(app.db));
        return 0;
    }
    v->dirty = 0;
    db_draft_clear(app.db, v->form->name, v->draft_key);
    snprintf(v->draft_key, sizeof v->draft_key, "%lld", (long long)v->hh.id);
    last_saved = v->hh;
    have_last_saved = 1;
    ui_status(MSG_INFO, "已保存 (户主 %s，%d 人)", v->hh.members[0].name, v->hh.n_members);
    return 1;
}

/* Esc or Ctrl-Q on a changed form asks 保存修改吗?  Returns 1 when the form
 * may close. */
static int may_close(void *self)
{
    struct formview *v = self;
    if (!v->dirty)
        return 1;
    switch (dialog_yes_no_cancel("保存修改吗?")) {
    case ANSWER_YES:
        return save(v);
    case ANSWER_NO:
        db_draft_clear(app.db, v->form->name, v->draft_key);
        return 1;
    default:
        return 0;
    }
}

/* ---- keys ----------------------------------------------------------------- */

static void roster_add(struct formview *v)
{
    if (v->hh.n_members >= HH_MAX_MEMBERS) {
        ui_status(MSG_ERROR, "一户最多 %d 人", HH_MAX_MEMBERS);
        return;
    }
    struct member *m = &v->hh.members[v->hh.n_members];
    memset(m, 0, sizeof *m);
    if (v->hh.n_members == 0)
        m->relation = REL_HEAD;
    else
        m->ethnic = v->hh.members[0].ethnic;    /* most households share one 民族 */
    v->row = v->hh.n_members++;
    v->in_row = 1;
    v->cur = first_editable(v, 0, 1);
    unload_field(v);
    v->dirty = 1;
}

static void roster_delete(struct formview *v)
{
    if (v->hh.n_members == 0)
        return;
    char q[160];
    snprintf(q, sizeof q, "删除第%d位成员「%s」吗?", v->row + 1, v->hh.members[v->row].name);
    if (!dialog_yesno(q))
        return;
    memmove(&v->hh.members[v->row], &v->hh.members[v->row + 1],
            (size_t)(v->hh.n_members - v->row - 1) * sizeof v->hh.members[0]);
    v->hh.n_members--;
    if (v->row >= v->hh.n_members && v->row > 0)
        v->row--;
    v->dirty = 1;
    save_draft(v);
}

/* Leaving a row's sub-form: a row left without a name is dropped. */
static void leave_row(struct formview *v)
{
    if (v->loaded >= 0 && !commit_field(v)) {
        unload_field(v);    /* Esc abandons the bad text of this one field */
        ui_status_clear();
    }
    v->in_row = 0;
    unload_field(v);
    if (!v->hh.members[v->row].name[0] && !v->hh.members[v->row].id_no[0]) {
        memmove(&v->hh.members[v->row], &v->hh.members[v->row + 1],
                (size_t)(v->hh.n_members - v->row - 1) * sizeof v->hh.members[0]);
        v->hh.n_members--;
        if (v->row > 0 && v->row >= v->hh.n_members) v->row--;
    }
    head_first(v);
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
            if (v->hh.n_members) { v->in_row = 1; v->cur = first_editable(v, 0, 1); unload_field(v); }
            break;
        }
        return ACT_NONE;
    }
    if ((ch == '\n' || ch == '\r') && v->hh.n_members) {
        v->in_row = 1;
        v->cur = first_editable(v, 0, 1);
        unload_field(v);
    }
    return ACT_NONE;
}

/* Auto-advance: a fixed-length field moves on when its text is full and valid. */
static void maybe_auto_advance(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    const struct field *f = &fs[v->cur];
    if (!(f->flags & F_FIXED) || !app.auto_advance)
        return;
    char text[64];
    le_get_utf8(&v->le, text, sizeof text);
    size_t len = strlen(text);
    int full = (f->type == FT_IDNO && len == 18) || (f->type == FT_DATE && (len == 8 || len == 10) &&
               (len == 10 || strchr(text, '-') == NULL)) || (f->type == FT_PHONE && len == 11 && text[0] == '1');
    if (!full)
        return;
    struct household copy = v->hh;
    void *crec = (char *)&copy + ((char *)rec - (char *)&v->hh);
    const char *msg = field_parse(f, crec, text);
    if (msg == NULL) {
        move_field(v, 1, 1);
    } else {    /* full but wrong: say so now, not only when leaving */
        ui_status(MSG_ERROR, "%s: %s", f->label, msg);
        beep();
    }
}

static enum screen_action formview_key(void *self, int kind, wint_t ch)
{
    struct formview *v = self;
    const struct form_page *p = page_of(v);
    int fkey = kind == KEY_CODE_YES;
    /* Keys that mean the same everywhere on the form. */
    if ((fkey && ch == KEY_F(2)) || (!fkey && ch == CTRL('s'))) {
        if (p->roster && v->in_row)
            leave_row(v);
        save(v);
        return ACT_NONE;
    }
    if (fkey && ch == KEY_F(1)) { show_help(v); return ACT_NONE; }
    if (fkey && ch == KEY_NPAGE) { if (commit_field(v)) { if (p->roster && v->in_row) leave_row(v); go_page(v, v->page + 1); } return ACT_NONE; }
    if (fkey && ch == KEY_PPAGE) { if (commit_field(v)) { if (p->roster && v->in_row) leave_row(v); go_page(v, v->page - 1); } return ACT_NONE; }
    if (!fkey && ch == CTRL('q'))
        return may_close(v) ? ACT_QUIT : ACT_NONE;
    if (!fkey && ch == KEY_ESC) {
        if (p->roster && v->in_row) { leave_row(v); return ACT_NONE; }
        return may_close(v) ? ACT_POP : ACT_NONE;
    }
    if (p->roster && !v->in_row)
        return roster_table_key(v, kind, ch);

    load_field(v);
    if (fkey) {
        switch (ch) {
        case KEY_DOWN: move_field(v, 1, 0); return ACT_NONE;
        case KEY_UP: case KEY_BTAB: move_field(v, -1, 0); return ACT_NONE;
        case KEY_ENTER: move_field(v, 1, 1); return ACT_NONE;
        case KEY_F(4): pick_code(v); return ACT_NONE;
        case KEY_F(5): ditto(v); return ACT_NONE;
        case KEY_F(7): show_history(v); return ACT_NONE;
        }
    } else if (ch == '\n' || ch == '\r' || ch == '\t') {
        move_field(v, 1, ch != '\t');
        return ACT_NONE;
    }
    size_t n; void *rec;
    const struct field *fs = cur_fields(v, &n, &rec);
    if (!fkey && ch == ' ' && fs[v->cur].type == FT_BOOL) {
        int *b = field_ptr(&fs[v->cur], rec);
        *b = !*b;
        v->dirty = 1;
        unload_field(v);
        save_draft(v);
        return ACT_NONE;
    }
    if (!fkey && ch >= 32 && ch != 127 && v->replace_on_type)
        le_set_utf8(&v->le, "");
    v->replace_on_type = 0;
    int before = v->cur, was_loaded = v->loaded;
    enum le_status st = le_key(&v->le, ch, fkey);
    if (st == LE_FULL) {
        ui_status(MSG_WARN, "「%s」最多 %d 个字", fs[v->cur].label, v->le.max_chars);
        beep();
    }
    if (!fkey)
        maybe_auto_advance(v);
    /* Only the field changed when the editor took the key and nothing moved. */
    v->field_only = st == LE_OK && v->cur == before && v->loaded == was_loaded;
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
    go_page(v, 0);
    return (struct screen){ v->form->name, formview_draw, formview_key, formview_close, may_close, v, 1 };
}

/* Offers a draft left by a crash or a killed terminal. */
static void offer_draft(struct formview *v)
{
    static struct household draft;
    char updated[32] = "";
    size_t len = 0;
    if (db_draft_load(app.db, v->form->name, v->draft_key, &draft, sizeof draft, &len,
                      updated) != DB_OK)
        return;
    if (len != sizeof draft) {     /* a draft of another build's layout */
        db_draft_clear(app.db, v->form->name, v->draft_key);
        return;
    }
    char q[320];
    snprintf(q, sizeof q, "发现未保存的草稿 (户主 %s, %s)，恢复吗?",
             draft.members[0].name[0] ? draft.members[0].name : "未填", updated);
    if (dialog_yesno(q)) {
        v->hh = draft;
        v->dirty = 1;
    } else {
        db_draft_clear(app.db, v->form->name, v->draft_key);
    }
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
    default_village(hh->village, sizeof hh->village);
    hh->n_members = 1;
    hh->members[0].relation = REL_HEAD;
    snprintf(v->draft_key, sizeof v->draft_key, "new");
    offer_draft(v);
    return make_screen(v);
}

struct screen form_open_survey(int64_t household_id)
{
    struct formview *v = calloc(1, sizeof *v);
    v->form = &FORM_SURVEY;
    snprintf(v->draft_key, sizeof v->draft_key, "%lld", (long long)household_id);
    if (db_household_load(app.db, household_id, 0, &v->hh) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", db_errmsg(app.db));
    struct survey *s = &v->hh.survey;
    if (s->year == 0) {     /* first survey of this household: the paper's defaults */
        s->year = v->hh.app.year ? v->hh.app.year : app.year;
        s->standard = STD_NATIONAL;
        s->main_cause = v->hh.app.main_cause;
        s->other_cause1 = v->hh.app.other_cause1;
        s->other_cause2 = v->hh.app.other_cause2;
        snprintf(s->survey_date, sizeof s->survey_date, "%s", app.ctx.today);
    }
    offer_draft(v);
    return make_screen(v);
}
