/* wfui.c — see wfui.h. */
#include "tui/wfui.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/pinyin.h"
#include "tui/app.h"
#include "tui/dialog.h"

void wfui_error(void)
{
    dialog_message("不能完成", app_errmsg());
}

/* The items of the picker being shown (dialog_pick passes only an index). */
struct pick_ud {
    const char *const *items;
};

static int pick_match(size_t i, const char *typed, void *ud)
{
    const struct pick_ud *p = ud;
    if (typed[0] >= '0' && typed[0] <= '9')
        return strtoul(typed, NULL, 10) == i + 1 && strspn(typed, "0123456789") == strlen(typed);
    /* Any word may match: "450123200202 新沙村" is found by xsc. */
    for (const char *w = p->items[i]; *w; w++)
        if ((w == p->items[i] || w[-1] == ' ') && *w != ' ' && pinyin_prefix_match(w, typed))
            return 1;
    return 0;
}

int wfui_pick(const char *title, const char *const *items, size_t n, int current)
{
    struct pick_ud ud = { items };
    return dialog_pick(title, items, n, current, pick_match, &ud);
}

int wfui_ask_int(const char *title, const char *prompt, int *v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", *v);
    if (!dialog_input(title, prompt, buf, sizeof buf, 6))
        return 0;
    char *end;
    long x = strtol(buf, &end, 10);
    if (end == buf || *end || x < 0 || x > 100000) {
        dialog_message("输入有误", "请输入不小于 0 的整数。");
        return 0;
    }
    *v = (int)x;
    return 1;
}

void wfui_clamp(struct wfui_list *l)
{
    if (l->sel >= (int)l->n)
        l->sel = l->n ? (int)l->n - 1 : 0;
    if (l->sel < 0)
        l->sel = 0;
}

int wfui_nav(struct wfui_list *l, int ch)
{
    int last = l->n ? (int)l->n - 1 : 0;
    switch (ch) {
    case KEY_UP: if (l->sel > 0) l->sel--; return 1;
    case KEY_DOWN: if (l->sel < last) l->sel++; return 1;
    case KEY_PPAGE: l->sel = l->sel > 10 ? l->sel - 10 : 0; return 1;
    case KEY_NPAGE: l->sel = l->sel + 10 < last ? l->sel + 10 : last; return 1;
    case KEY_HOME: l->sel = 0; return 1;
    case KEY_END: l->sel = last; return 1;
    default: return 0;
    }
}

void wfui_list_draw(struct wfui_list *l, int top, int rows,
                    void (*row)(void *self, int i, int y, attr_t a), void *self)
{
    if (rows < 1)
        return;
    if (l->sel < l->first) l->first = l->sel;
    if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
    for (int r = 0; r < rows; r++) {
        int i = l->first + r;
        if (i < (int)l->n)
            row(self, i, top + r, i == l->sel ? ui_attr(UI_SELECTED) : A_NORMAL);
        else
            ui_put(top + r, 0, "", COLS, A_NORMAL);
    }
}

void wfui_cells(int y, const char *const *cells, const int *widths, size_t n, attr_t a)
{
    int x = 0;
    for (size_t i = 0; i < n && x < COLS; i++) {
        int w = i + 1 == n || x + widths[i] > COLS ? COLS - x : widths[i];
        ui_put(y, x, cells[i], w, a);
        x += w;
    }
}

static int rowbuf_grow(struct rowbuf *b, size_t size, size_t cap)
{
    void *more = cap <= SIZE_MAX / size ? realloc(b->rows, cap * size) : NULL;
    if (!more)
        return 0;
    b->rows = more;
    b->cap = cap;
    return 1;
}

int rowbuf_load(struct rowbuf *b, size_t size, size_t start, fill_fn fill, const void *key)
{
    if (start > b->cap && !rowbuf_grow(b, size, start) && !b->cap) {
        b->n = 0;
        ui_status(MSG_ERROR, "内存不足, 未能读取列表");
        return -1;
    }
    for (;;) {
        if (fill(key, b->rows, b->cap, &b->n) != DB_OK) {
            b->n = 0;
            return 0;
        }
        if (b->n < b->cap)
            return 1;
        if (!rowbuf_grow(b, size, b->cap * 4)) {
            ui_status(MSG_ERROR, "内存不足: 只列出了前 %zu 条", b->n);
            return 1;
        }
    }
}

