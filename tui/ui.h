/* ui.h — drawing primitives shared by every screen.  We draw only to stdscr
 * (as ncdu does): screens are redrawn whole, which keeps resize handling in
 * one place.  Text is UTF-8 in, cropped and padded by display columns
 * (wcwidth), never by bytes, and a double-width glyph is never split. */
#ifndef FUPIN_UI_H
#define FUPIN_UI_H
#include <curses.h>
#include <wchar.h>

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

enum ui_color { UI_NORMAL = 0, UI_TITLE, UI_ERROR, UI_FIELD, UI_SELECTED, UI_BAR, UI_WARN, UI_DIM };

enum ui_level { MSG_INFO, MSG_WARN, MSG_ERROR };

/* Starts/stops curses (after setlocale).  Colours are used when the terminal
 * has them; everything stays readable without (TERM=vt100). */
void ui_start(void);
void ui_stop(void);
int  ui_active(void);
/* The attribute of a colour role (falls back to bold/reverse without colours). */
attr_t ui_attr(enum ui_color role);

/* Draws `utf8` at (y, x) in exactly `cols` columns: cropped at a glyph
 * boundary, padded with spaces.  Unprintable characters show as '?'.
 * Returns the columns the text itself took. */
int  ui_put(int y, int x, const char *utf8, int cols, attr_t attr);
/* Display columns of UTF-8 text as ui_put would draw it. */
int  ui_width(const char *utf8);
/* UTF-8 text padded with spaces (or cut at a glyph boundary) to exactly
 * `cols` display columns, into buf — for columns inside one string, where
 * printf's %-12s would count bytes and misalign CJK.  Returns buf. */
const char *ui_pad(const char *utf8, int cols, char *buf, size_t bufsz);
/* A message without its English notes: each " (…)" whose text is plain
 * ASCII with a letter in it, as db/ and core/ append for the command line
 * ("磁盘已满 (database or disk is full)" → "磁盘已满").  A message with
 * no Chinese at all is kept whole: better English than nothing.  Returns
 * buf. */
const char *ui_chinese_part(const char *msg, char *buf, size_t bufsz);
/* Centered text on line y. */
void ui_center(int y, const char *utf8, attr_t attr);

/* The frame every screen shares: title line, status line, key bar. */
void ui_title(const char *left, const char *right);
/* A word every title line shows, left of its right part, in the error
 * colour ("只读" for a database opened read-only); NULL or "" for none. */
void ui_set_banner(const char *word);
void ui_keybar(const char *keys);   /* "F1帮助  F2保存  Esc返回" */
void ui_status(enum ui_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_status_clear(void);
/* Redraws the pending status message (screens call it after drawing). */
/* Reads the keys typed so far without waiting; 1 when Esc was among them
 * (a long export's cancel, read between its rows). */
int ui_esc_pressed(void);
void ui_status_draw(void);

/* 1 when the window is below 80×24; then it has drawn 窗口太小 and the screen
 * must not draw itself. */
int  ui_too_small(void);

/* Reads one key.  Returns KEY_CODE_YES for function keys (in *ch), OK for a
 * character, ERR on timeout/error.  KEY_RESIZE is returned as a function key. */
int  ui_getkey(wint_t *ch);

/* A paste (bracketed paste mode): ui_getkey returns KEY_CODE_YES with this
 * code, and ui_paste_text() holds what was pasted.  Screens insert it as text
 * (le_insert_text turns its line breaks into spaces) instead of treating each
 * pasted newline as Enter. */
#define UI_KEY_PASTE (KEY_MAX + 3)
/* The last paste and its length; NULL when it was too long to take. */
const wchar_t *ui_paste_text(size_t *n);
struct lineedit;
/* Inserts the last paste into an editor; returns 0 or a Chinese message. */
const char *ui_paste_into(struct lineedit *le);

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

#endif
