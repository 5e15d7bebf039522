/* lineedit.h — the one-line text editor behind every form field.
 *
 * The model follows mutt's enter.c and tmux's prompt.c, not ncurses form.h
 * (which mis-measures double-width text; STYLE.md "Known traps"): the value is
 * an array of wchar_t, grouped into cells.  A cell is what the cursor steps
 * over and what Backspace deletes: one base character plus the combining marks
 * (wcwidth 0) that follow it.  Display width comes from wcwidth(): CJK is 2
 * columns, ASCII and "·" 1.  A character the terminal cannot show (controls,
 * unassigned code points, invisible format characters such as U+200B, a
 * combining mark with nothing to attach to) stays in the value untouched and is
 * drawn as the visible escape "<U+XXXX>", one cell.
 *
 * Limits: max_chars counts code points (combining marks included), the unit
 * core/household.h sizes its buffers in (TEXT_BYTES), so a value within
 * max_chars always fits its record field.
 *
 * Everything except le_draw() is plain C on wide characters and is tested
 * without a terminal; le_draw() is the only curses call. */
#ifndef FUPIN_LINEEDIT_H
#define FUPIN_LINEEDIT_H
#include <stddef.h>
#include <wchar.h>
#include <curses.h>

#define LE_CAP        512   /* code points an editor can hold at all */
#define LE_MAX_WIDTH  256   /* widest field, in columns */
#define LE_CELL_CHARS 5     /* base + marks drawn per cell (ncurses CCHARW_MAX) */

enum le_status {
    LE_OK = 0,
    LE_UNHANDLED,   /* le_key: not an editing key; the caller acts on it */
    LE_FULL,        /* insert refused, nothing inserted: would exceed max_chars.
                     * le_set_utf8: value longer than max_chars, loaded anyway */
    LE_CONTROL,     /* insert refused, nothing inserted: a control character */
    LE_INVALID,     /* insert refused: not a Unicode scalar value */
    LE_BAD_UTF8,    /* le_set_utf8: malformed bytes loaded as U+FFFD */
    LE_TOO_LONG     /* le_set_utf8: over LE_CAP code points; editor left empty */
};

struct lineedit {
    wchar_t text[LE_CAP];
    unsigned char cls[LE_CAP];  /* display class per code point (lineedit.c) */
    int len;                    /* code points in text */
    int cursor;                 /* index into text, always at a cell start */
    int scroll;                 /* first text column shown, at a cell start */
    int width;                  /* field width in columns */
    int max_chars;              /* insert limit in code points */
    int selected;               /* the whole value is selected: the next
                                 * insert replaces it (le_select_all) */
};

/* One screen position of the rendered field.  wc holds the base character and
 * its combining marks, NUL-terminated; width is the columns it covers (2 for
 * CJK, else 1), so the widths of le_view()'s cells sum to the field width. */
enum {
    LE_CELL_ESCAPE = 1 << 0,    /* part of a "<U+XXXX>" escape */
    LE_CELL_MARK   = 1 << 1,    /* '<' / '>': text continues beyond this edge */
    LE_CELL_PAD    = 1 << 2     /* blank filling the field */
};
struct le_cell {
    wchar_t wc[LE_CELL_CHARS + 1];
    unsigned char width;
    unsigned char flags;
};

/* Empties the editor for a field `width` columns wide (1..LE_MAX_WIDTH) holding
 * at most `max_chars` code points (1..LE_CAP; values out of range are clamped). */
void le_init(struct lineedit *le, int width, int max_chars);
/* Changes the field width (a resized screen); text and cursor are kept. */
void le_set_width(struct lineedit *le, int width);

/* Selects the whole value (nothing when it is empty), cursor at the end.
 * While selected, an insert (le_insert, le_insert_text, a printable key)
 * replaces the value — as a refused entry is retyped in CSPro or EpiData —
 * and an editing key (← → Home End Backspace Del, Ctrl-A/E/H/K/U) drops the
 * selection and edits the value instead.  Other keys keep it.  le_draw shows
 * the selected text in reverse video.  le_set_utf8 and le_init clear it. */
void le_select_all(struct lineedit *le);

/* Replaces the value with UTF-8 text, cursor at the end.  A stored value is
 * never cut: one longer than max_chars is loaded whole and LE_FULL returned so
 * the form can say so; malformed bytes become U+FFFD, one per byte, and
 * LE_BAD_UTF8 is returned (it outranks LE_FULL). */
enum le_status le_set_utf8(struct lineedit *le, const char *s);
/* Writes the value as UTF-8 and returns its length in bytes (like snprintf).
 * When that is >= outsz, out gets "" — never a silently truncated value. */
size_t le_get_utf8(const struct lineedit *le, char *out, size_t outsz);

/* Inserts one character at the cursor.  A combining mark joins the cell before
 * the cursor.  Refuses (LE_FULL) beyond max_chars, C0/C1 controls and DEL
 * (LE_CONTROL: those are keys, see le_key), surrogates and values past
 * U+10FFFF (LE_INVALID). */
enum le_status le_insert(struct lineedit *le, wchar_t wc);
/* Inserts text arriving at once (an input method's commit, a paste).  Each
 * line break (LF, CR, CRLF, U+0085, U+2028, U+2029) and each tab becomes one
 * space, so "张三\n李四" gives "张三 李四".  All or nothing: if any other
 * control character is present (LE_CONTROL) or the result would exceed
 * max_chars (LE_FULL), nothing is inserted and the caller reports why. */
enum le_status le_insert_text(struct lineedit *le, const wchar_t *s, size_t n);
/* le_insert_text() on UTF-8 bytes; malformed UTF-8 is refused (LE_BAD_UTF8). */
enum le_status le_insert_utf8(struct lineedit *le, const char *s);

/* Applies a key as returned by get_wch(): fkey nonzero for KEY_CODE_YES.
 * Edits: KEY_LEFT, KEY_RIGHT, KEY_HOME / Ctrl-A, KEY_END / Ctrl-E,
 * KEY_BACKSPACE / DEL / Ctrl-H, KEY_DC, Ctrl-U (delete to start), Ctrl-K
 * (delete to end), printable characters (le_insert).  Anything else —
 * Enter, Tab, Esc, other controls, other function keys — is LE_UNHANDLED. */
enum le_status le_key(struct lineedit *le, wint_t key, int fkey);

/* Accessors. */
int le_length(const struct lineedit *le);       /* code points */
int le_cursor_cell(const struct lineedit *le);  /* cells before the cursor */
int le_columns(const struct lineedit *le);      /* display width of the value */

/* Renders the visible part of the field into out (capacity max; `width` cells
 * always suffice) and returns the number of cells written.  The window starts
 * at the scroll offset, which is moved as little as possible to keep the cursor
 * inside; a double-width glyph is never split at either edge ('<' / '>' marks
 * cut-off text when width >= 4, else a blank pads).  *cursor_col gets the
 * cursor's column within the field: 0..width-1, or width when an unscrolled
 * value fills the field exactly and the cursor is at its end. */
int le_view(struct lineedit *le, struct le_cell *out, int max, int *cursor_col);

/* Draws the field at (y, x) of w with attr (may include COLOR_PAIR) and
 * leaves the window's cursor at the editing position.  Escapes and selected
 * text are drawn in reverse video.  Returns OK or ERR. */
int le_draw(WINDOW *w, int y, int x, struct lineedit *le, attr_t attr);

/* A one-line Chinese message for a status, for the form's message line. */
const char *le_strerror(enum le_status status);

#endif
