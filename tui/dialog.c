/* dialog.c — see dialog.h.  Dialogs draw a box in the middle of stdscr over
 * whatever app_draw() drew; they never keep state across calls. */
#include "tui/dialog.h"
#include <stdlib.h>
#include <string.h>
#include "core/text.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "tui/ui.h"

#define MAX_LINES 200

/* Splits text at '\n' into at most max line pointers into a copy. */
static int split_lines(char *copy, char **lines, int max)
{
    int n = 0;
    char *p = copy;
    while (n < max) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    return n;
}

/* Draws a bordered box with a title; returns its inner geometry. */
static void draw_box(int h, int w, const char *title, int *top, int *left)
{
    if (w > COLS - 2) w = COLS - 2;
    if (h > LINES - 2) h = LINES - 2;
    int y = (LINES - h) / 2, x = (COLS - w) / 2;
    for (int i = 0; i < h; i++)
        ui_put(y + i, x, "", w, A_NORMAL);
    attr_t a = ui_attr(UI_TITLE);
    ui_put(y, x, "", w, a);
    ui_put(y, x + 1, title, w - 2, a);
    mvhline(y + h - 1, x, ACS_HLINE, w);
    mvvline(y + 1, x, ACS_VLINE, h - 2);
    mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvaddch(y + h - 1, x, ACS_LLCORNER);
    mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
    *top = y + 1;
    *left = x + 2;
}

/* Redraws the screen beneath a dialog; returns 0 when the window is too small
 * (ui_too_small has drawn its message). */
static int draw_under(void)
{
    if (ui_too_small())
        return 0;
    app_draw_under_overlay();
    return 1;
}

static int text_box_width(char **lines, int n, const char *title)
{
    int w = ui_width(title) + 4;
    for (int i = 0; i < n; i++) {
        int lw = ui_width(lines[i]) + 4;
        if (lw > w) w = lw;
    }
    if (w > COLS - 2) w = COLS - 2;
    return w < 30 ? 30 : w;
}

/* Breaks text into lines of at most `cols` display columns (at '\n' and
 * wherever a line is too wide), into a new string. */
static char *wrap_text(const char *text, int cols)
{
    size_t len = strlen(text);
    char *out = malloc(len * 2 + 2), *o = out;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t line = nl ? (size_t)(nl - p) : strlen(p);
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", (int)(line < sizeof buf - 1 ? line : sizeof buf - 1), p);
        size_t fit = text_prefix_fit(buf, cols);
        if (fit == 0 && buf[0])
            fit = 1;
        if (fit < line) {
            memcpy(o, p, fit);
            o += fit;
            *o++ = '\n';
            p += fit;
            continue;
        }
        memcpy(o, p, line);
        o += line;
        p += line;
        if (*p == '\n') {
            *o++ = '\n';
            p++;
        }
    }
    *o = 0;
    return out;
}

void dialog_message(const char *title, const char *text)
{
    char *copy = wrap_text(text ? text : "", COLS - 8 > 20 ? COLS - 8 : 20);
    char *lines[MAX_LINES];
    int n = split_lines(copy, lines, MAX_LINES);
    for (;;) {
        if (draw_under()) {
            int top, left, w = text_box_width(lines, n, title);
            draw_box(n + 4, w, title, &top, &left);
            for (int i = 0; i < n && top + i < LINES - 3; i++)
                ui_put(top + i, left, lines[i], w - 4, A_NORMAL);
            ui_put(top + n + 1 > LINES - 2 ? LINES - 3 : top + n, left, "按任意键继续", w - 4,
                   ui_attr(UI_DIM));
            refresh();
        }
        wint_t ch;
        int r = ui_getkey(&ch);
        if (r == KEY_CODE_YES && ch == KEY_RESIZE)
            continue;
        if (r != ERR)
            break;
    }
    free(copy);
}

/* The answers in button order; ANSWER_* index them. */
static const char *const BUTTON[] = { "是(Y)", "否(N)", "取消(Esc)" };
static const char *const ANSWER_WORD[] = { "是", "否", "取消" };

/* Draws the buttons, the one Enter gives bracketed and highlighted. */
static void draw_buttons(int y, int x, int w, int n, enum answer sel)
{
    int col = x;
    for (int i = 0; i < n; i++) {
        char b[32];
        snprintf(b, sizeof b, i == (int)sel ? "[%s]" : " %s ", BUTTON[i]);
        int bw = ui_width(b);
        if (col + bw > x + w)
            break;
        ui_put(y, col, b, bw, i == (int)sel ? ui_attr(UI_SELECTED) : A_NORMAL);
        col += bw + 2;
    }
}

/* What a question dialog shows: an optional text above the question (the
 * warnings a save would pass over), scrolled by ↑↓ PgUp PgDn. */
struct question {
    const char *title, *question;
    char **lines;           /* the text, wrapped; n = 0 when none */
    int n, first;
};

/* Text lines the box has room for. */
static int question_rows(const struct question *q)
{
    int room = LINES - 10;
    return q->n < room ? q->n : (room > 1 ? room : 1);
}

static void draw_question(const struct question *q, int n_buttons, enum answer sel, enum answer esc)
{
    char keys[96];
    snprintf(keys, sizeof keys, "Enter=%s  Esc=%s  ←→选择%s", ANSWER_WORD[sel], ANSWER_WORD[esc],
             q->n > question_rows(q) ? "  ↑↓翻看" : "");
    int rows = q->n ? question_rows(q) + 1 : 0;
    int w = ui_width(q->question) + 6, bw = ui_width("[取消(Esc)]  ") * n_buttons + 4;
    if (bw > w) w = bw;
    if (q->n) {
        int tw = text_box_width(q->lines, q->n, q->title);
        if (tw > w) w = tw;
    }
    int top, left;
    draw_box(6 + rows, w, q->title, &top, &left);
    for (int i = 0; i + 1 < rows; i++)
        ui_put(top + i, left, q->first + i < q->n ? q->lines[q->first + i] : "", w - 4, A_NORMAL);
    ui_put(top + rows, left, q->question, w - 4, A_BOLD);
    draw_buttons(top + rows + 2, left, w - 4, n_buttons, sel);
    ui_put(top + rows + 3, left, keys, w - 4, ui_attr(UI_DIM));
}

/* ↑↓ PgUp PgDn on the text; 1 when the key was one of them. */
static int scroll_question(struct question *q, wint_t ch)
{
    int rows = question_rows(q), last = q->n > rows ? q->n - rows : 0;
    if (ch == KEY_DOWN) q->first++;
    else if (ch == KEY_UP) q->first--;
    else if (ch == KEY_NPAGE) q->first += rows;
    else if (ch == KEY_PPAGE) q->first -= rows;
    else return 0;
    q->first = q->first < 0 ? 0 : q->first > last ? last : q->first;
    return 1;
}

/* A question with answer buttons; `sel` is what Enter answers (the caller's
 * default until ←→/Tab move it), Esc the safe answer (否 or 取消). */
static enum answer ask_question(struct question *q, int with_cancel, enum answer sel)
{
    int n = with_cancel ? 3 : 2;
    enum answer esc = with_cancel ? ANSWER_CANCEL : ANSWER_NO;
    if ((int)sel >= n)
        sel = esc;
    for (;;) {
        if (draw_under()) {
            draw_question(q, n, sel, esc);
            refresh();
        }
        wint_t ch;
        int r = ui_getkey(&ch);
        if (r == ERR || (r == KEY_CODE_YES && ch == KEY_RESIZE))
            continue;
        if (r == KEY_CODE_YES && scroll_question(q, ch))
            continue;
        if ((r == OK && (ch == '\n' || ch == '\r')) || (r == KEY_CODE_YES && ch == KEY_ENTER))
            return sel;
        if (r == OK && (ch == 'y' || ch == 'Y' || ch == L'是'))
            return ANSWER_YES;
        if (r == OK && (ch == 'n' || ch == 'N' || ch == L'否'))
            return ANSWER_NO;
        if (r == OK && ch == KEY_ESC)
            return esc;
        if ((r == KEY_CODE_YES && ch == KEY_RIGHT) || (r == OK && ch == '\t'))
            sel = (enum answer)(((int)sel + 1) % n);
        else if (r == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_BTAB))
            sel = (enum answer)(((int)sel + n - 1) % n);
    }
}

static enum answer ask(const char *question, int with_cancel, enum answer sel)
{
    struct question q = { "请确认", question, NULL, 0, 0 };
    return ask_question(&q, with_cancel, sel);
}

int dialog_yesno(const char *question, enum answer enter)
{
    return ask(question, 0, enter) == ANSWER_YES;
}

enum answer dialog_yes_no_cancel(const char *question, enum answer enter)
{
    return ask(question, 1, enter);
}

int dialog_yesno_text(const char *title, const char *text, const char *question, enum answer enter)
{
    char *copy = wrap_text(text ? text : "", COLS - 8 > 20 ? COLS - 8 : 20);
    char *lines[MAX_LINES];
    struct question q = { title, question, lines, 0, 0 };
    q.n = split_lines(copy, lines, MAX_LINES);
    while (q.n > 0 && !lines[q.n - 1][0])      /* no blank tail above the question */
        q.n--;
    enum answer a = ask_question(&q, 0, enter);
    free(copy);
    return a == ANSWER_YES;
}

/* Indices of the items that match the typed filter.  Chinese typed through
 * the input method also matches a part of the item's text. */
static size_t filter_items(const char *const *items, size_t n, const char *typed,
                           int (*match)(size_t, const char *, void *), void *ud, size_t *shown)
{
    int chinese = 0;
    for (const char *p = typed; *p; p++)
        chinese |= (unsigned char)*p >= 0x80;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!typed[0] || (chinese && strstr(items[i], typed)) || (match && match(i, typed, ud))
            || (!match && !chinese))
            shown[k++] = i;
    return k;
}

#define FILTER_BYTES 64

/* Appends a character typed or pasted into the filter (no control characters,
 * nothing cut in half; ｚｚ from an input method in full-width mode is zz). */
static void filter_add(char *typed, wchar_t ch)
{
    char u[5] = "", folded[8];
    size_t len = strlen(typed);
    size_t n = ch >= 32 && ch != 127 ? utf8_encode((uint32_t)ch, u) : 0;
    u[n] = 0;
    text_fold_ascii(u, folded, sizeof folded);
    n = strlen(folded);
    if (n && len + n < FILTER_BYTES) {
        memcpy(typed + len, folded, n);
        typed[len + n] = 0;
    }
}

/* Removes the last character (not byte) of the filter. */
static void filter_backspace(char *typed)
{
    size_t len = strlen(typed);
    while (len > 0 && ((unsigned char)typed[len - 1] & 0xC0) == 0x80)
        len--;
    if (len > 0)
        len--;
    typed[len] = 0;
}

/* One key into the picker's filter; 0 when the key is not for the filter. */
static int filter_key(char *typed, int r, wint_t ch)
{
    if (r == KEY_CODE_YES && ch == KEY_BACKSPACE) {
        filter_backspace(typed);
    } else if (r == KEY_CODE_YES && ch == UI_KEY_PASTE) {
        size_t n = 0;
        const wchar_t *t = ui_paste_text(&n);
        for (size_t i = 0; t && i < n; i++)
            filter_add(typed, t[i]);
    } else if (r == KEY_CODE_YES) {
        return 0;
    } else if (ch == 127 || ch == 8) {
        filter_backspace(typed);
    } else if (ch == ' ' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')
               || (ch >= 'A' && ch <= 'Z') || ch >= 0x80) {
        filter_add(typed, (wchar_t)ch);     /* letters, digits, Chinese from the input method */
    } else {
        return 0;
    }
    return 1;
}

/* The picker's box: the title on its top line, or — when it is wider than
 * the screen (a monitoring proposal's reason) — wrapped in full above the
 * items under 请选择, so nothing the clerk decides on is cut off; the items
 * (the shown ones, sel highlighted) and the filter line. */
static void draw_pick(const char *title, const char *const *items, size_t n, const size_t *shown,
                      size_t k, int sel, const char *typed)
{
    int maxw = COLS - 2, w = ui_width(title) + 8;
    char *copy = NULL, *lines[MAX_LINES];
    int nl = 0;
    if (w > maxw) {
        copy = wrap_text(title, maxw - 4);
        nl = copy ? split_lines(copy, lines, 6) : 0;
        w = maxw;
    }
    for (size_t i = 0; i < n; i++)
        if (ui_width(items[i]) + 10 > w) w = ui_width(items[i]) + 10;
    if (w > maxw) w = maxw;
    int h = LINES - 4 < 24 + nl ? LINES - 4 : 24 + nl;
    int top, left;
    draw_box(h, w, nl ? "请选择" : title, &top, &left);
    /* the text takes what leaves two item rows (a small window) */
    int fit = nl < h - 7 ? nl : h - 7 > 0 ? h - 7 : 0;
    for (int i = 0; i < fit; i++)
        ui_put(top + i, left, lines[i], w - 4, A_NORMAL);
    int skip = fit ? fit + 1 : 0;
    int rows = h - 4 - skip;
    int first = sel >= rows ? sel - rows + 1 : 0;
    for (int r = 0; r < rows; r++) {
        size_t i = (size_t)(first + r);
        char line[256] = "";
        if (i < k)
            snprintf(line, sizeof line, "%2zu %s", shown[i] + 1, items[shown[i]]);
        ui_put(top + skip + r, left, line, w - 4, (int)i == sel ? ui_attr(UI_SELECTED) : A_NORMAL);
    }
    char hint[128];
    snprintf(hint, sizeof hint, "筛选: %s_  ↑↓选择 Enter确定 Esc取消", typed);
    ui_put(top + skip + rows + 1, left, hint, w - 4, ui_attr(UI_DIM));
    free(copy);
    refresh();
}

int dialog_pick(const char *title, const char *const *items, size_t n, int current,
                int (*match)(size_t i, const char *typed, void *ud), void *ud)
{
    return dialog_pick_filtered(title, items, n, current, match, ud, "");
}

int dialog_pick_filtered(const char *title, const char *const *items, size_t n, int current,
                         int (*match)(size_t i, const char *typed, void *ud), void *ud,
                         const char *filter)
{
    size_t *shown = calloc(n ? n : 1, sizeof *shown);
    char typed[FILTER_BYTES] = "";
    for (const char *p = filter ? filter : ""; *p;)
        filter_add(typed, (wchar_t)utf8_decode_next(&p));
    int sel = 0, result = -1;
    size_t k = filter_items(items, n, typed, match, ud, shown);
    for (size_t i = 0; i < k; i++)
        if ((int)shown[i] == current) sel = (int)i;
    for (;;) {
        if (draw_under())
            draw_pick(title, items, n, shown, k, sel, typed);
        wint_t ch;
        int r = ui_getkey(&ch);
        if (r == ERR)
            continue;
        if (r == KEY_CODE_YES && ch == KEY_UP) {
            if (sel > 0) sel--;
        } else if (r == KEY_CODE_YES && ch == KEY_DOWN) {
            if (sel + 1 < (int)k) sel++;
        } else if (r == KEY_CODE_YES && ch == KEY_PPAGE) {
            sel = sel > 10 ? sel - 10 : 0;
        } else if (r == KEY_CODE_YES && ch == KEY_NPAGE) {
            sel = sel + 10 < (int)k ? sel + 10 : (int)k - 1;
        } else if (r == KEY_CODE_YES && (ch == KEY_HOME || ch == KEY_END)) {
            sel = ch == KEY_HOME || k == 0 ? 0 : (int)k - 1;
        } else if ((r == KEY_CODE_YES && ch == KEY_ENTER) || (r != KEY_CODE_YES && (ch == '\n' || ch == '\r'))) {
            if (k) { result = (int)shown[sel]; break; }
            continue;
        } else if (r != KEY_CODE_YES && ch == KEY_ESC) {
            break;
        } else if (!filter_key(typed, r, ch)) {
            continue;
        }
        k = filter_items(items, n, typed, match, ud, shown);
        if (sel >= (int)k) sel = k ? (int)k - 1 : 0;
        if (sel < 0) sel = 0;
    }
    free(shown);
    return result;
}

/* 1 when the prompt's text differs from what it opened with. */
static int input_changed(const struct lineedit *le, const char *initial)
{
    char now[LE_CAP * 4 + 1];
    le_get_utf8(le, now, sizeof now);
    return strcmp(now, initial) != 0;
}

int dialog_input(const char *title, const char *prompt, char *buf, size_t bufsz, int max_chars)
{
    return dialog_input_text(title, NULL, prompt, buf, bufsz, max_chars);
}

int dialog_input_text(const char *title, const char *text, const char *prompt, char *buf, size_t bufsz,
                      int max_chars)
{
    struct lineedit le;
    le_init(&le, 40, max_chars);
    le_set_utf8(&le, buf);
    int w = text ? COLS - 6 : 56;
    if (w < 56)
        w = 56;
    char *copy = wrap_text(text ? text : "", w - 4);
    char *lines[MAX_LINES];
    int n = text && copy ? split_lines(copy, lines, MAX_LINES) : 0;
    while (n > 0 && !lines[n - 1][0])
        n--;
    int first = 0, done = -1;
    while (done < 0) {
        int top = 0, left = 0, shown = n < LINES - 8 ? n : LINES - 8;
        if (shown < 0)
            shown = 0;
        if (draw_under()) {
            draw_box(6 + shown + (shown > 0), w, title, &top, &left);
            for (int i = 0; i < shown; i++)
                ui_put(top + i, left, first + i < n ? lines[first + i] : "", w - 4, A_NORMAL);
            top += shown + (shown > 0);
            ui_put(top, left, prompt, w - 4, A_NORMAL);
            ui_put(top + 3, left, shown < n ? "Enter确定  Esc取消  PgUp/PgDn翻看" : "Enter确定  Esc取消",
                   w - 4, ui_attr(UI_DIM));
            le_set_width(&le, w - 6);
            le_draw(stdscr, top + 1, left, &le, ui_attr(UI_FIELD));
            refresh();
        }
        wint_t ch;
        int r = ui_getkey(&ch);
        if (r == ERR || (r == KEY_CODE_YES && ch == KEY_RESIZE))
            continue;
        if (r == KEY_CODE_YES && (ch == KEY_NPAGE || ch == KEY_PPAGE)) {
            first += ch == KEY_NPAGE ? shown : -shown;
            first = first > n - shown ? n - shown : first < 0 ? 0 : first;
        } else if ((r == OK && (ch == '\n' || ch == '\r')) || (r == KEY_CODE_YES && ch == KEY_ENTER))
            done = 1;
        else if (r == OK && ch == KEY_ESC)
            done = input_changed(&le, buf) && !dialog_yesno("放弃输入的内容吗?", ANSWER_NO) ? -1 : 0;
        else if (r == KEY_CODE_YES && ch == UI_KEY_PASTE)
            ui_paste_into(&le);
        else if (le_key(&le, ch, r == KEY_CODE_YES) == LE_FULL)
            beep();
    }
    free(copy);
    if (done)
        le_get_utf8(&le, buf, bufsz);
    return done;
}

void dialog_text(const char *title, const char *text)
{
    char *copy = wrap_text(text ? text : "", COLS - 8 > 20 ? COLS - 8 : 20);
    char *lines[MAX_LINES * 10];
    int n = split_lines(copy, lines, MAX_LINES * 10);
    int first = 0;
    for (;;) {
        int rows = LINES - 6;
        if (draw_under()) {
            int top, left, w = COLS - 4;
            draw_box(LINES - 2, w, title, &top, &left);
            for (int i = 0; i < rows; i++)
                ui_put(top + i, left, first + i < n ? lines[first + i] : "", w - 4, A_NORMAL);
            ui_put(top + rows, left, "↑↓PgUp/PgDn翻看  Esc/Enter关闭", w - 4, ui_attr(UI_DIM));
            refresh();
        }
        wint_t ch;
        int r = ui_getkey(&ch);
        if (r == ERR)
            continue;
        if (r == KEY_CODE_YES) {
            if (ch == KEY_DOWN && first + rows < n) first++;
            else if (ch == KEY_UP && first > 0) first--;
            else if (ch == KEY_NPAGE) first = first + rows < n ? first + rows : first;
            else if (ch == KEY_PPAGE) first = first > rows ? first - rows : 0;
            else if (ch == KEY_ENTER) break;
        } else if (ch == KEY_ESC || ch == '\n' || ch == '\r' || ch == 'q') {
            break;
        }
    }
    free(copy);
}

int dialog_input_int(const char *title, const char *prompt, int lo, int hi, int *out)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%d", *out);
    while (dialog_input(title, prompt, buf, sizeof buf, 6)) {
        char *end;
        long v = strtol(buf, &end, 10);
        if (*buf && !*end && v >= lo && v <= hi) {
            *out = (int)v;
            return 1;
        }
        char msg[128];
        snprintf(msg, sizeof msg, "请输入 %d 到 %d 之间的整数", lo, hi);
        dialog_message("输入有误", msg);
    }
    return 0;
}
