/* aidcard.c — the 帮扶记录卡 screen and the assistance sub-form (aidcard.h). */
#include "tui/aidcard.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "db/team.h"
#include "tui/cli_assist.h"
#include "tui/dialog.h"
#include "tui/helpers.h"
#include "tui/loans.h"
#include "tui/planview.h"
#include "tui/fieldedit.h"
#include "tui/team.h"
#include "tui/ui.h"

/* ---- the sub-form ------------------------------------------------------------ */

struct subform {
    const char *title, *header;
    const struct field *fs;
    size_t n;
    char *rec;              /* the working copy */
    int cur, dirty;
    struct fieldedit fe;
    int loaded;             /* field index fe holds, -1 none */
};

static void sf_load(struct subform *s)
{
    if (s->loaded == s->cur)
        return;
    fe_load(&s->fe, &s->fs[s->cur], s->rec);
    s->loaded = s->cur;
}

static void sf_unload(struct subform *s)
{
    s->loaded = -1;
    s->fe.f = NULL;
}

/* Parses the editor into the record; 0 (and a red message) when refused. */
static int sf_commit(struct subform *s)
{
    if (s->loaded != s->cur)
        return 1;
    enum fe_parse_result r = fe_parse(&s->fe, s->rec);
    if (r == FE_REFUSED)
        return 0;
    if (r == FE_ACCEPTED)
        s->dirty = 1;
    sf_unload(s);
    return 1;
}

static void sf_move(struct subform *s, int step)
{
    if (!sf_commit(s))
        return;
    int next = s->cur + step;
    if (next < 0 || next >= (int)s->n) {
        if (step > 0)
            ui_status(MSG_INFO, "已是最后一项，按 F2 保存");
        return;
    }
    s->cur = next;
    sf_unload(s);
}

static void sf_draw(struct subform *s)
{
    erase();
    ui_title(s->title, s->dirty ? "[未保存]" : "");
    int y = 1;
    if (s->header) {
        const char *p = s->header;
        while (*p && y < LINES - 4) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
            ui_put(y++, 1, line, COLS - 2, ui_attr(UI_DIM));
            p = nl ? nl + 1 : p + len;
        }
    }
    y++;
    int lw = 8;
    for (size_t i = 0; i < s->n; i++) {
        int w = ui_width(s->fs[i].label) + 2;
        if (w > lw) lw = w;
    }
    sf_load(s);
    int ey = -1, ex = 0;
    for (size_t i = 0; i < s->n && y < LINES - 2; i++, y++) {
        const struct field *f = &s->fs[i];
        char label[96];
        snprintf(label, sizeof label, "%s%s", f->flags & F_REQUIRED ? "*" : "", f->label);
        int pad = lw - ui_width(label);
        ui_put(y, 1, "", pad, A_NORMAL);
        ui_put(y, 1 + pad, label, lw - pad, A_NORMAL);
        int x = lw + 3, w = f->width < COLS - x - 1 ? f->width : COLS - x - 1;
        if ((int)i == s->cur) {
            ey = y;
            ex = x;
            le_set_width(&s->fe.le, w);
        } else {
            char text[512];
            field_format(f, s->rec, text, sizeof text);
            ui_put(y, x, text, w, ui_attr(UI_FIELD));
        }
    }
    ui_status_draw();
    ui_keybar(" Enter下一项 ↑上一项 F4选择 空格切换是/否 Ctrl-U清除 F1帮助 F2保存 Esc取消");
    curs_set(1);
    if (ey >= 0)
        le_draw(stdscr, ey, ex, &s->fe.le, ui_attr(UI_SELECTED));
}

static void sf_pick(struct subform *s)
{
    const struct field *f = &s->fs[s->cur];
    if (f->type != FT_CODE) {
        ui_status(MSG_INFO, "「%s」没有代码表", f->label);
        return;
    }
    if (fe_pick_code(&s->fe, f, s->rec)) {
        s->dirty = 1;
        sf_unload(s);
        sf_move(s, 1);
    }
}

/* The index of the field whose key is `key`, or -1. */
static int sf_field(const struct subform *s, const char *key)
{
    for (size_t i = 0; key && i < s->n; i++)
        if (strcmp(s->fs[i].key, key) == 0)
            return (int)i;
    return -1;
}

static int sf_empty(const struct field *g, const void *rec)
{
    if (g->type == FT_CODE || g->type == FT_INT)
        return *(const int *)field_cptr(g, rec) == 0;
    if (g->type == FT_TEXT || g->type == FT_DATE)
        return ((const char *)field_cptr(g, rec))[0] == 0;
    return 0;
}

/* F2: the field being typed, the required fields, then the caller's rules.
 * A refusal puts the cursor on the field at fault, its text selected. */
static int sf_save(struct subform *s, subform_validate validate, void *ud)
{
    if (!sf_commit(s))
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if ((s->fs[i].flags & F_REQUIRED) && sf_empty(&s->fs[i], s->rec)) {
            s->cur = (int)i;
            sf_load(s);
            fe_refuse(&s->fe, "「%s」必须填写", s->fs[i].label);
            return 0;
        }
    const char *at = NULL;
    const char *why = validate ? validate(s->rec, ud, &at) : NULL;
    if (!why)
        return 1;
    int i = sf_field(s, at);
    if (i >= 0 && i != s->cur) {
        s->cur = i;
        sf_unload(s);
    }
    sf_load(s);
    fe_refuse(&s->fe, "%s", why);
    return 0;
}

static void sf_help(const struct subform *s)
{
    const struct field *f = &s->fs[s->cur];
    char text[2048];
    snprintf(text, sizeof text, "「%s」%s\n\n%s\n\n"
             "按键: Enter/Tab/↓ 下一项  Shift-Tab/↑ 上一项  F4 代码表  空格 切换是/否\n"
             "      Ctrl-U 清除本项  F2/Ctrl-S 保存  Esc 取消\n"
             FE_HELP_MOVED_ON
             "      输错被拒绝的内容呈反白: 直接输入新内容即可替换，←/→/退格键则修改原内容。",
             f->label, f->flags & F_REQUIRED ? " (必填)" : "", f->help ? f->help : fe_type_help(f->type));
    dialog_text("帮助", text);
}

/* One key on the sub-form; 1 saved, 0 cancelled, -1 go on. */
static int sf_key(struct subform *s, int kind, wint_t ch, subform_validate validate, void *ud)
{
    int fkey = kind == KEY_CODE_YES;
    if (fe_swallow_enter(&s->fe, kind, ch))
        return -1;
    sf_load(s);
    const struct field *f = &s->fs[s->cur];
    if ((fkey && ch == KEY_F(2)) || (!fkey && ch == CTRL('s'))) {
        return sf_save(s, validate, ud) ? 1 : -1;
    } else if (!fkey && ch == KEY_ESC) {
        /* Text typed but not yet committed is a change too (issue 10). */
        int changed = s->dirty || (s->loaded >= 0 && fe_changed(&s->fe));
        enum answer a = changed ? dialog_yes_no_cancel("保存修改吗?", ANSWER_YES) : ANSWER_NO;
        if (a == ANSWER_YES)
            return sf_save(s, validate, ud) ? 1 : -1;
        if (a == ANSWER_NO)
            return 0;
    } else if (fkey && ch == KEY_F(1)) {
        sf_help(s);
    } else if (fkey && ch == KEY_F(4)) {
        sf_pick(s);
    } else if ((fkey && (ch == KEY_DOWN || ch == KEY_ENTER)) || (!fkey && (ch == '\n' || ch == '\r' || ch == '\t'))) {
        sf_move(s, 1);
    } else if (fkey && (ch == KEY_UP || ch == KEY_BTAB)) {
        sf_move(s, -1);
    } else if (!fkey && ch == ' ' && f->type == FT_BOOL) {
        int *b = field_ptr(f, s->rec);
        *b = !*b;
        s->dirty = 1;
        sf_unload(s);
    } else if (fe_key(&s->fe, kind, ch) == FE_COMPLETE) {
        int before = s->cur;
        sf_move(s, 1);
        if (s->cur != before)
            fe_moved_on(&s->fe);
    }
    return -1;
}

int subform_edit(const char *title, const char *header, const struct field *fields, size_t n,
                 void *rec, size_t recsz, subform_validate validate, void *ud)
{
    struct subform *s = calloc(1, sizeof *s);
    if (!s)
        return 0;
    s->title = title;
    s->header = header;
    s->fs = fields;
    s->n = n;
    s->rec = malloc(recsz);
    if (!s->rec) {
        free(s);
        return 0;
    }
    memcpy(s->rec, rec, recsz);
    s->loaded = -1;
    int result = -1;
    ui_status_clear();
    while (result < 0) {
        if (!ui_too_small())
            sf_draw(s);
        refresh();
        wint_t ch;
        int kind = ui_getkey(&ch);
        if (kind == ERR || (kind == KEY_CODE_YES && ch == KEY_RESIZE) || ui_too_small())
            continue;
        result = sf_key(s, kind, ch, validate, ud);
    }
    if (result == 1)
        memcpy(rec, s->rec, recsz);
    free(s->rec);
    free(s);
    curs_set(0);
    return result;
}

/* ---- picking a household ----------------------------------------------------- */

int64_t aidcard_pick_household(const char *title)
{
    char q[128] = "";
    for (;;) {
        if (!dialog_input(title, "户主姓名/拼音首字母/身份证号(4位以上)/户编号:", q, sizeof q, 30))
            return 0;
        static struct hh_row rows[200];
        size_t n = 0;
        if (db_household_search(app.db, q, NULL, -1, rows, 200, &n) != DB_OK) {
            dialog_message("查询失败", app_errmsg());
            return 0;
        }
        if (n == 0) {
            dialog_message("没有找到", "没有符合条件的户，请换个写法再查。");
            continue;
        }
        if (n == 1)
            return rows[0].id;
        static char labels[200][160];
        const char *items[200];
        for (size_t i = 0; i < n; i++) {
            char name[64], place[96], place_pad[128];
            snprintf(place, sizeof place, "%s%s%s", rows[i].village_name,
                     rows[i].group_name[0] ? "/" : "", rows[i].group_name);
            char no_pad[40];
            snprintf(labels[i], sizeof labels[i], "%s %s %s %s", ui_pad(rows[i].head_name, 10, name, sizeof name),
                     ui_pad(place, 16, place_pad, sizeof place_pad),
                     ui_pad(rows[i].hh_no[0] ? rows[i].hh_no : "(未建档)", 16, no_pad, sizeof no_pad),
                     wf_state_label(rows[i].state));
            items[i] = labels[i];
        }
        /* A letter or two finds thousands in a county file: say the list is
         * cut, so the clerk types more instead of looking for someone absent. */
        int k = dialog_pick(n == 200 ? "选择户 (只列出前 200 户，请多输入几个字或按 Esc 重查)" : "选择户",
                            items, n, 0, NULL, NULL);
        if (k >= 0)
            return rows[k].id;
    }
}

/* ---- the card ------------------------------------------------------------------ */

#define MAX_ENTRIES 500

/* What the entry form keys: the record and, by name, its helper (the paper
 * card's 帮扶人 column; resolved to an id on F2 by entry_validate). */
struct entry_form {
    struct aid_record r;            /* first: the fields' offsets are the record's */
    char helper_name[TEXT_BYTES(NAME_CHARS)];
    int64_t household_id;
};

static const struct field AID_FIELDS[] = {
    { "date", "日期", FT_DATE, T_HOUSEHOLD, offsetof(struct aid_record, date),
      sizeof ((struct aid_record *)0)->date, 12, CL_NONE, F_REQUIRED, NULL, NULL },
    { "helper", "帮扶人", FT_TEXT, T_HOUSEHOLD, offsetof(struct entry_form, helper_name),
      sizeof ((struct entry_form *)0)->helper_name, 12, CL_NONE, 0, NULL, NULL },
    { "measure", "帮扶措施类别", FT_CODE, T_HOUSEHOLD, offsetof(struct aid_record, measure),
      sizeof(int), 20, CL_MEASURE, F_REQUIRED, NULL, NULL },
    { "content", "帮扶内容", FT_TEXT, T_HOUSEHOLD, offsetof(struct aid_record, content),
      sizeof ((struct aid_record *)0)->content, 50, CL_NONE, F_REQUIRED, NULL, NULL },
    { "money", "投入资金(元)", FT_MONEY, T_HOUSEHOLD, offsetof(struct aid_record, money),
      sizeof(money_t), 14, CL_NONE, 0, NULL, NULL },
    { "goods_value", "物资折款(元)", FT_MONEY, T_HOUSEHOLD, offsetof(struct aid_record, goods_value),
      sizeof(money_t), 14, CL_NONE, 0, NULL, NULL },
    { "outcome", "帮扶成效", FT_TEXT, T_HOUSEHOLD, offsetof(struct aid_record, outcome),
      sizeof ((struct aid_record *)0)->outcome, 50, CL_NONE, 0, NULL, NULL },
    { "signed_household", "贫困户签字", FT_BOOL, T_HOUSEHOLD, offsetof(struct aid_record, signed_household),
      sizeof(int), 4, CL_NONE, 0, NULL, NULL },
    { "signed_village", "村负责人签字", FT_BOOL, T_HOUSEHOLD, offsetof(struct aid_record, signed_village),
      sizeof(int), 4, CL_NONE, 0, NULL, NULL },
    { "signed_team", "工作队长签字", FT_BOOL, T_HOUSEHOLD, offsetof(struct aid_record, signed_team),
      sizeof(int), 4, CL_NONE, 0, NULL, NULL },
};
#define N_AID_FIELDS (sizeof AID_FIELDS / sizeof *AID_FIELDS)
#define N_SIGN_FIELDS 3

struct card {
    int64_t hh_id;
    struct household hh;
    struct helper helper;
    int has_helper;
    char waiver[11];
    struct aid_row rows[MAX_ENTRIES];
    int n, sel, first;
    char header[1024];
};

static void card_reload(struct card *c)
{
    if (db_household_load(app.db, c->hh_id, 0, &c->hh) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    c->has_helper = db_helper_of(app.db, c->hh_id, &c->helper) == DB_OK;
    if (db_waiver_of(app.db, c->hh_id, c->waiver, NULL, 0) != DB_OK)
        c->waiver[0] = '\0';
    size_t n = 0;
    if (db_aid_list(app.db, c->hh_id, c->rows, MAX_ENTRIES, &n) != DB_OK)
        ui_status(MSG_ERROR, "读取帮扶记录失败: %s", app_errmsg());
    c->n = (int)n;
    if (c->sel >= c->n) c->sel = c->n ? c->n - 1 : 0;
    char village[64] = "";
    db_area_name(app.db, c->hh.village, village, sizeof village);
    snprintf(c->header, sizeof c->header, "户主: %s  户编号: %s  村: %s%s%s  贫困户属性: %s\n"
             "帮扶责任人: %s  单位: %s  电话: %s", c->hh.members[0].name,
             c->hh.hh_no[0] ? c->hh.hh_no : "(未建档)", village, c->hh.group_name[0] ? "/" : "",
             c->hh.group_name, codes_label(CL_HH_TYPE, c->hh.survey.hh_type) [0]
             ? codes_label(CL_HH_TYPE, c->hh.survey.hh_type) : "-",
             c->has_helper ? c->helper.name : "(未指定)", c->has_helper ? c->helper.unit : "-",
             c->has_helper ? c->helper.phone : "-");
}

/* 1-based position of entry id on the card, 0 when not there. */
static int card_pos(const struct card *c, int64_t id)
{
    for (int i = 0; i < c->n; i++)
        if (c->rows[i].r.id == id)
            return i + 1;
    return 0;
}

static void card_draw(void *self)
{
    struct card *c = self;
    char right[64];
    snprintf(right, sizeof right, "共 %d 条", c->n);
    ui_title("帮扶记录卡", right);
    const char *p = c->header;
    int y = 1;
    while (*p && y < 3) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        ui_put(y++, 1, line, COLS - 2, A_BOLD);
        p = nl ? nl + 1 : p + len;
    }
    if (c->waiver[0]) {
        char w[96];
        snprintf(w, sizeof w, "该户已于 %s 声明放弃帮扶，此后不能新增帮扶记录", c->waiver);
        ui_put(3, 1, w, COLS - 2, ui_attr(UI_ERROR));
    } else if (c->hh_id) {
        char plan[600], line[800];  /* the registers, then progress against the year's 帮扶规划 (F5) */
        loans_line(c->hh_id, line, sizeof line);
        planview_summary(c->hh_id, app.year, plan, sizeof plan);
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", line[0] ? "；" : "", plan);
        ui_put(3, 1, line, COLS - 2, ui_attr(UI_DIM));
    } else {
        ui_put(3, 1, "", COLS - 2, A_NORMAL);
    }
    /* Fixed columns 63 wide; 帮扶内容 takes the rest (17 at 80 columns). */
    int cw = COLS - 63 > 8 ? COLS - 63 : 8;
    char hdr[256];
    char title_pad[64];
    snprintf(hdr, sizeof hdr, " 序号 日期       帮扶人  措施类别    %s  投入资金  物资折款 签字",
             ui_pad("帮扶内容", cw - 2, title_pad, sizeof title_pad));
    ui_put(4, 0, hdr, COLS, A_BOLD);
    ui_put(4, 5 + 11 + 8 + 12 + cw + 19 + 1, "户村队", 8, A_BOLD);   /* over the 是/否 of a row */
    int rows = LINES - 7;
    alist_fit(&c->sel, &c->first, c->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = c->first + r, yy = 5 + r;
        if (i >= c->n) { ui_put(yy, 0, "", COLS, A_NORMAL); continue; }
        const struct aid_record *e = &c->rows[i].r;
        attr_t a = i == c->sel ? ui_attr(UI_SELECTED) : c->rows[i].corrected_by ? ui_attr(UI_DIM) : A_NORMAL;
        char num[16], content[300], money[32], goods[32], sig[32], m[80];
        snprintf(num, sizeof num, " %3d", i + 1);
        if (e->corrects_id)
            snprintf(content, sizeof content, "[更正第%d条] %s", card_pos(c, e->corrects_id), e->content);
        else if (c->rows[i].corrected_by)
            snprintf(content, sizeof content, "(已被第%d条更正) %s", card_pos(c, c->rows[i].corrected_by), e->content);
        else
            snprintf(content, sizeof content, "%s", e->content);
        money_format(e->money, money, sizeof money);
        money_format(e->goods_value, goods, sizeof goods);
        snprintf(sig, sizeof sig, " %s%s%s", e->signed_household ? "是" : "否",
                 e->signed_village ? "是" : "否", e->signed_team ? "是" : "否");
        snprintf(m, sizeof m, "%9s %9s", money, goods);
        const char *cells[] = { num, e->date, c->rows[i].helper_name, codes_label(CL_MEASURE, e->measure),
                                content, m, sig };
        const int widths[] = { 5, 11, 8, 12, cw, 19, 0 };
        alist_row(yy, a, cells, widths, 7);
    }
    if (c->n == 0)
        ui_put(6, 2, "(尚无帮扶记录，按 Ins 按纸质帮扶记录卡录入)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter修改 Del删除 F5规划 F6更正 F7签字 F8帮扶人 F9导出 F1帮助 Esc返回");
    curs_set(0);
}

static struct check_ctx card_ctx(void)
{
    struct check_ctx cc;
    app_check_context(&cc);
    db_assist_check_ctx(app.db, &cc);
    return cc;
}

static void entry_header(const struct card *c, const char *what, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s\n%s", c->header, what);
}

/* F2 on an entry: the 帮扶人 typed is a helper of the registry; of
 * namesakes, one who has helped this household wins.  Empty = not recorded. */
static const char *entry_validate(void *rec, void *ud, const char **at)
{
    (void)ud;
    *at = "helper";
    static char msg[400];
    struct entry_form *f = rec;
    f->r.helper_id = 0;
    if (!f->helper_name[0])
        return NULL;
    switch (db_helper_by_name(app.db, f->helper_name, f->household_id, &f->r.helper_id)) {
    case DB_OK: return NULL;
    case DB_ERR_NOTFOUND: break;
    default: return app_errmsg();
    }
    snprintf(msg, sizeof msg, "帮扶责任人名册中没有“%s”；请先在 基础设置 → 帮扶责任人名册 中添加", f->helper_name);
    return msg;
}

/* Keys an entry on the sub-form with its 帮扶人 by name; 1 when F2 accepted
 * it (f->r then holds the helper's id). */
static int entry_edit(const struct card *c, const char *title, const char *what, struct aid_record *r,
                      size_t nfields)
{
    struct entry_form f;
    memset(&f, 0, sizeof f);
    f.r = *r;
    f.household_id = c->hh_id;
    for (int i = 0; i < c->n && r->helper_id; i++)
        if (c->rows[i].r.helper_id == r->helper_id)
            snprintf(f.helper_name, sizeof f.helper_name, "%s", c->rows[i].helper_name);
    if (r->helper_id && !f.helper_name[0]) {
        struct helper h;
        if (db_helper_get(app.db, r->helper_id, &h) == DB_OK)
            snprintf(f.helper_name, sizeof f.helper_name, "%s", h.name);
    }
    char head[1400];
    entry_header(c, what, head, sizeof head);
    if (!subform_edit(title, head, AID_FIELDS, nfields, &f, sizeof f, entry_validate, NULL))
        return 0;
    /* Who signed, from the village's team on that day (asked again after
     * a refusal: the date may have changed). */
    f.r.team_signer_id = f.r.signed_team ? team_pick_signer(c->hh.village, f.r.date) : 0;
    *r = f.r;
    return 1;
}

static void card_add(struct card *c)
{
    if (c->waiver[0])
        ui_status(MSG_WARN, "该户已于 %s 声明放弃帮扶：此后日期的记录会被拒绝", c->waiver);
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = c->hh_id;
    r.helper_id = c->has_helper ? c->helper.id : 0;
    snprintf(r.date, sizeof r.date, "%s", app.ctx.today);
    struct check_ctx cc = card_ctx();
    while (entry_edit(c, "帮扶记录卡 — 新增记录", "新增帮扶记录 (按纸质帮扶记录卡录入; 帮扶人默认为现任帮扶责任人)",
                      &r, N_AID_FIELDS)) {
        if (db_aid_add_checked(app.db, &cc, &r) == DB_OK) {
            ui_status(MSG_INFO, "已保存帮扶记录 (%s %s)", r.date, codes_label(CL_MEASURE, r.measure));
            card_reload(c);
            c->sel = card_pos(c, r.id) - 1;
            return;
        }
        dialog_message("不能保存", app_errmsg());
    }
}

static void card_edit(struct card *c)
{
    if (c->n == 0)
        return;
    struct aid_record r = c->rows[c->sel].r;
    if (aid_confirmed(&r)) {
        char text[2048], name[TEXT_BYTES(NAME_CHARS)], signer[TEXT_BYTES(NAME_CHARS) + 8] = "";
        char money[32], goods[32];
        team_member_name(r.team_signer_id, name, sizeof name);
        if (name[0])
            snprintf(signer, sizeof signer, " (%s)", name);
        money_format(r.money, money, sizeof money);
        money_format(r.goods_value, goods, sizeof goods);
        snprintf(text, sizeof text, "日期: %s\n帮扶人: %s\n措施类别: %s\n帮扶内容: %s\n投入资金: %s 元\n"
                 "物资折款: %s 元\n帮扶成效: %s\n签字: 贫困户 %s / 村负责人 %s / 工作队长 %s%s\n\n"
                 "已签字确认的记录不能修改；如有错误请按 F6 新增一条更正记录。",
                 r.date, c->rows[c->sel].helper_name, codes_label(CL_MEASURE, r.measure), r.content,
                 money, goods, r.outcome, r.signed_household ? "是" : "否",
                 r.signed_village ? "是" : "否", r.signed_team ? "是" : "否", signer);
        dialog_text("帮扶记录 (已签字确认)", text);
        return;
    }
    struct check_ctx cc = card_ctx();
    while (entry_edit(c, "帮扶记录卡 — 修改记录", "修改未签字的帮扶记录", &r, N_AID_FIELDS)) {
        if (db_aid_update_checked(app.db, &cc, &r) == DB_OK) {
            ui_status(MSG_INFO, "已保存修改");
            card_reload(c);
            return;
        }
        dialog_message("不能保存", app_errmsg());
    }
}

static void card_correct(struct card *c)
{
    if (c->n == 0)
        return;
    const struct aid_record *orig = &c->rows[c->sel].r;
    struct aid_record r = *orig;
    r.id = 0;
    r.signed_household = r.signed_village = r.signed_team = 0;
    r.team_signer_id = 0;
    char what[128];
    snprintf(what, sizeof what, "更正第 %d 条记录 (%s)：原记录保留，两条都显示在卡上", c->sel + 1, orig->date);
    struct check_ctx cc = card_ctx();
    int64_t orig_id = orig->id;
    while (entry_edit(c, "帮扶记录卡 — 更正记录", what, &r, N_AID_FIELDS)) {
        if (db_aid_correct(app.db, &cc, orig_id, &r) == DB_OK) {
            ui_status(MSG_INFO, "已新增更正记录 (更正第 %d 条)", c->sel + 1);
            card_reload(c);
            c->sel = card_pos(c, r.id) - 1;
            return;
        }
        dialog_message("不能保存", app_errmsg());
    }
}

/* Del: an entry keyed by mistake goes, once confirmed, if nobody signed it
 * (soft delete, audited); a signed one is corrected instead (F6). */
static void card_delete(struct card *c)
{
    if (c->n == 0)
        return;
    const struct aid_row *row = &c->rows[c->sel];
    if (aid_confirmed(&row->r)) {
        dialog_message("不能删除", "已签字确认的记录不能删除；如有错误请按 F6 新增一条更正记录。");
        return;
    }
    char q[400];
    snprintf(q, sizeof q, "删除第 %d 条记录 (%s %s %.60s) 吗? 删除后可在操作日志中查到", c->sel + 1, row->r.date,
             codes_label(CL_MEASURE, row->r.measure), row->r.content);
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    if (db_aid_delete(app.db, row->r.id) != DB_OK) {
        dialog_message("不能删除", app_errmsg());
        return;
    }
    ui_status(MSG_INFO, "已删除第 %d 条记录", c->sel + 1);
    card_reload(c);
}

static void card_sign(struct card *c)
{
    if (c->n == 0)
        return;
    struct aid_record r = c->rows[c->sel].r;
    int team_before = r.signed_team;
    char head[1400];
    entry_header(c, "录入签字确认 (已签的不能撤销)", head, sizeof head);
    if (!subform_edit("帮扶记录卡 — 签字确认", head, AID_FIELDS + N_AID_FIELDS - N_SIGN_FIELDS,
                      N_SIGN_FIELDS, &r, sizeof r, NULL, NULL))
        return;
    int64_t signer = r.signed_team && !team_before ? team_pick_signer(c->hh.village, r.date) : 0;
    if ((signer && db_aid_sign_team(app.db, r.id, signer) != DB_OK) ||
        db_aid_confirm(app.db, r.id, r.signed_household, r.signed_village, r.signed_team) != DB_OK)
        dialog_message("不能保存", app_errmsg());
    else
        ui_status(MSG_INFO, "已记录签字");
    card_reload(c);
}

/* The status line shows the rows written, then the compression; Esc stops
 * the export (*ctx set: the writer leaves no file). */
static int export_progress(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    if (phase == XO_PHASE_ROWS)
        ui_status(MSG_INFO, "正在导出: %lld / %lld 行  (Esc 取消)", (long long)done, (long long)total);
    else
        ui_status(MSG_INFO, "正在压缩保存文件…  (Esc 取消)");
    ui_status_draw();
    refresh();
    if (ui_esc_pressed())
        *(int *)ctx = 1;
    return *(int *)ctx;
}

void alist_export(const char *name, const char *prompt, const char *area, alist_export_fn fn)
{
    char path[1024], title[64], dir[400];
    app_export_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s_%.4s%.2s%.2s.xlsx", dir, name, app.ctx.today, app.ctx.today + 5,
             app.ctx.today + 8);
    snprintf(title, sizeof title, "导出%s", name);
    if (!dialog_input(title, prompt, path, sizeof path, 300) || !app_export_path(path, sizeof path))
        return;
    char err[512];
    int64_t rows = 0;
    char shown[512];
    int cancelled = 0;
    if (fn(app.db, area, 0, path, export_progress, &cancelled, &rows, err, sizeof err) != 0) {
        if (cancelled)
            ui_status(MSG_WARN, "已取消导出，未保存文件");
        else
            dialog_message("导出失败", ui_chinese_part(err, shown, sizeof shown));
    }
    else {
        char done[120];
        snprintf(done, sizeof done, "已导出%s %lld 行", name, (long long)rows);
        app_written("导出完成", done, path);
    }
}

void alist_fit(int *sel, int *first, int n, int rows)
{
    if (*sel >= n) *sel = n ? n - 1 : 0;
    if (*sel < 0) *sel = 0;
    if (*sel < *first) *first = *sel;
    if (rows > 0 && *sel >= *first + rows) *first = *sel - rows + 1;
}

int alist_key(wint_t ch, int *sel, int n, int rows)
{
    switch (ch) {
    case KEY_UP: if (*sel > 0) (*sel)--; return 1;
    case KEY_DOWN: if (*sel + 1 < n) (*sel)++; return 1;
    case KEY_NPAGE: *sel = *sel + rows < n ? *sel + rows : (n ? n - 1 : 0); return 1;
    case KEY_PPAGE: *sel = *sel > rows ? *sel - rows : 0; return 1;
    case KEY_HOME: *sel = 0; return 1;
    case KEY_END: *sel = n ? n - 1 : 0; return 1;
    }
    return 0;
}

void alist_row(int y, attr_t a, const char *const *cells, const int *widths, size_t n)
{
    int x = 0;
    for (size_t i = 0; i < n && x < COLS; i++) {
        int w = widths[i] > 0 ? widths[i] : COLS - x;
        ui_put(y, x, cells[i], w, a);
        x += w;
    }
}

int alist_is_enter(int kind, wint_t ch)
{
    return kind == KEY_CODE_YES ? ch == KEY_ENTER : ch == '\n' || ch == '\r';
}

static void card_export(struct card *c)
{
    alist_export("帮扶台账", "本村全部帮扶记录，保存为:", c->hh.village, assist_export_ledger);
}

static enum screen_action card_key(void *self, int kind, wint_t ch)
{
    struct card *c = self;
    int fkey = kind == KEY_CODE_YES;
    if (!fkey && ch == KEY_ESC)
        return ACT_POP;
    if (!fkey && (ch == '\n' || ch == '\r')) {
        card_edit(c);
        return ACT_NONE;
    }
    if (!fkey && ch == '/') {
        ch = KEY_F(3);
        fkey = 1;
    }
    if (!fkey)
        return ACT_NONE;
    if (!c->hh_id && ch != KEY_F(3) && ch != KEY_F(1)) {
        ui_status(MSG_INFO, "请先按 F3 查找户");
        return ACT_NONE;
    }
    if (alist_key(ch, &c->sel, c->n, LINES - 7))
        return ACT_NONE;
    switch (ch) {
    case KEY_ENTER: card_edit(c); break;
    case KEY_IC: card_add(c); break;
    case KEY_F(6): card_correct(c); break;
    case KEY_DC: card_delete(c); break;
    case KEY_F(7): card_sign(c); break;
    case KEY_F(8):
        helpers_assign_dialog(c->hh_id);
        card_reload(c);
        break;
    case KEY_F(9): card_export(c); break;
    case KEY_F(5): app_push(planview_open(c->hh_id, app.year)); break;
    case KEY_F(3): {
        int64_t id = aidcard_pick_household("换一户");
        if (id) {
            c->hh_id = id;
            c->sel = c->first = 0;
            card_reload(c);
        }
        break;
    }
    case KEY_F(1):
        dialog_text("帮助", "帮扶记录卡: 每次帮扶一条记录，按纸质卡录入。\n"
                    "Ins 新增记录 (日期、措施类别、内容、资金、物资折款、成效、三处签字)。\n"
                    "Enter 查看记录；未签字的记录可以修改，Del 删除 (需确认，记入操作日志)。\n"
                    "帮扶人默认为现任帮扶责任人，可改填名册中另一位的姓名。\n"
                    "已签字确认的记录不能修改: 按 F6 新增一条更正记录，原记录保留，卡上两条都显示。\n"
                    "F7 补录签字 (贫困户、村负责人、工作队长)。F8 指定/更换帮扶责任人 (保留历史)。\n"
                    "F5 本年帮扶规划 (一户一法): 第4行显示各项规划措施的完成情况。\n"
                    "F9 导出本村帮扶台账 (Excel)。F3 或 / 换一户。Esc 返回。\n"
                    "该户声明放弃帮扶后，不能再新增此后日期的记录 (更正记录除外)。");
        break;
    }
    return ACT_NONE;
}

static void card_close(void *self)
{
    free(self);
    curs_set(0);
}

struct screen aidcard_open(int64_t household_id)
{
    struct card *c = calloc(1, sizeof *c);
    c->hh_id = household_id;
    card_reload(c);
    return (struct screen){ .name = "aidcard", .draw = card_draw, .key = card_key,
                            .close = card_close, .self = c };
}

/* Menu 5 asks for the household first; cancelling shows an empty card whose
 * F3 asks again (a screen constructor cannot refuse to open). */
struct screen aidcard_screen(void)
{
    int64_t id = aidcard_pick_household("帮扶记录卡 — 查找户");
    struct card *c = calloc(1, sizeof *c);
    c->hh_id = id;
    if (id)
        card_reload(c);
    else
        snprintf(c->header, sizeof c->header, "尚未选择户：按 F3 查找");
    return (struct screen){ .name = "aidcard", .draw = card_draw, .key = card_key,
                            .close = card_close, .self = c };
}
