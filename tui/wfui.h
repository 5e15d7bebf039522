/* wfui.h — pieces shared by the workflow screens (村级评议 appraisal.c,
 * 公示管理 notices.c, 脱贫退出 exitview.c): the error dialog, a picker that
 * takes the item's number or pinyin initials, and the scrolling list with
 * its columns. */
#ifndef FUPIN_WFUI_H
#define FUPIN_WFUI_H
#include <stddef.h>
#include "db/db.h"
#include "tui/ui.h"

/* "不能完成" with db_errmsg(app.db). */
void wfui_error(void);
/* dialog_pick where typing narrows the list: digits to the item of that
 * number (as shown beside it), letters to the items with a word (after a
 * space) whose pinyin initials start with them.  -1 when cancelled. */
int wfui_pick(const char *title, const char *const *items, size_t n, int current);
/* Prompts a whole number 0..100000 (the value in *v is the default); 0 when
 * cancelled or not a number (the clerk is told). */
int wfui_ask_int(const char *title, const char *prompt, int *v);

/* A list of n rows with a selection; stale asks the owner to reload. */
struct wfui_list {
    size_t n;
    int sel, first, stale;
};
/* Keeps sel inside the list after a reload. */
void wfui_clamp(struct wfui_list *l);
/* ↑ ↓ PgUp PgDn Home End; 1 when ch was one of them. */
int wfui_nav(struct wfui_list *l, int ch);
/* Draws `rows` lines from line `top`: row(self, i, y, attr) for each
 * visible item (attr is the selection's for the selected one), blank lines
 * below the last. */
void wfui_list_draw(struct wfui_list *l, int top, int rows,
                    void (*row)(void *self, int i, int y, attr_t a), void *self);
/* One row's columns from x = 0: cells[i] in widths[i] display columns; the
 * last cell takes the rest of the line. */
void wfui_cells(int y, const char *const *cells, const int *widths, size_t n, attr_t a);

/* A list a screen loads whole.  The store functions fill at most `max`
 * rows and stop without a word, so fixed arrays (300 notices or meetings,
 * 2 000 households, 64 objections) silently dropped the rest of a county's
 * file.  rows holds cap rows; kept between reloads, freed with the screen. */
struct rowbuf {
    void *rows;
    size_t cap, n;
};
/* One store query: fills at most max rows of out, *n = how many. */
typedef enum db_err (*fill_fn)(const void *key, void *out, size_t max, size_t *n);
/* Loads every row of the query into b (rows of `size` bytes): room for
 * `start` rows first, then ×4 until the store returns fewer rows than it
 * had room for.  1 when loaded; out of memory keeps the rows read so far
 * and says so on the status line.  0 on a store error (db_errmsg says
 * why), -1 when there was no memory for any row (said): b->n = 0. */
int rowbuf_load(struct rowbuf *b, size_t size, size_t start, fill_fn fill, const void *key);

#endif
