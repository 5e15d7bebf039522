/* lineedit.c — see lineedit.h.  The value is kept as code points with a
 * display class each; cells, columns and the scroll window are derived from
 * those on demand.  Fields hold tens of characters, so recomputing per
 * keystroke is cheaper than keeping derived state consistent. */
#include "tui/lineedit.h"
#include "core/text.h"
#include <string.h>
#include <wctype.h>

/* Display class of one code point, fixed when it enters the value. */
enum {
    CLS_ZERO,   /* zero width: joins a printable base before it */
    CLS_W1,     /* one column */
    CLS_W2,     /* two columns (CJK, most emoji) */
    CLS_ESC     /* not showable: drawn as "<U+XXXX>" */
};

static int is_control(wchar_t wc)
{
    return (wc >= 0 && wc < 0x20) || (wc >= 0x7f && wc < 0xa0);
}

static int is_scalar(wchar_t wc)
{
    return wc >= 0 && wc <= 0x10ffff && !(wc >= 0xd800 && wc <= 0xdfff);
}

/* Characters glibc calls printable that the terminal shows as nothing
 * (text_is_invisible) are drawn as escapes the clerk can see and delete. */
static int is_invisible_format(wchar_t wc)
{
    return wc >= 0 && text_is_invisible((uint32_t)wc);
}

static unsigned char classify(wchar_t wc)
{
    if (is_control(wc) || !is_scalar(wc) || is_invisible_format(wc) || !iswprint((wint_t)wc))
        return CLS_ESC;
    switch (wcwidth(wc)) {
    case 0:  return CLS_ZERO;
    case 1:  return CLS_W1;
    case 2:  return CLS_W2;
    default: return CLS_ESC;
    }
}

static int hex_digits(wchar_t wc)
{
    return wc > 0xfffff ? 6 : wc > 0xffff ? 5 : 4;
}

/* "<U+" digits ">" */
static int escape_width(wchar_t wc)
{
    return hex_digits(wc) + 4;
}

static int is_base(unsigned char cls)
{
    return cls == CLS_W1 || cls == CLS_W2;
}

/* Index just past the cell that starts at i. */
static int cell_end(const struct lineedit *le, int i)
{
    int j = i + 1;
    if (is_base(le->cls[i]))
        while (j < le->len && le->cls[j] == CLS_ZERO)
            j++;
    return j;
}

/* Start of the cell that ends at i (0 < i <= len, i a cell boundary). */
static int cell_prev(const struct lineedit *le, int i)
{
    int j = i - 1;
    if (le->cls[j] != CLS_ZERO)
        return j;
    int k = j;
    while (k > 0 && le->cls[k] == CLS_ZERO)
        k--;
    /* Marks after a printable base travel with it; anywhere else each mark
     * is an orphan shown as its own escape. */
    return is_base(le->cls[k]) ? k : j;
}

/* Columns of the cell starting at i. */
static int cell_width(const struct lineedit *le, int i)
{
    switch (le->cls[i]) {
    case CLS_W1: return 1;
    case CLS_W2: return 2;
    default:     return escape_width(le->text[i]);
    }
}

static int is_cell_start(const struct lineedit *le, int i)
{
    if (i <= 0 || i >= le->len || le->cls[i] != CLS_ZERO)
        return 1;
    return cell_prev(le, i + 1) == i;
}

/* After an edit a mark may have joined the base before the cursor: move the
 * cursor past it so it never stands inside a cell. */
static void snap_cursor(struct lineedit *le)
{
    while (!is_cell_start(le, le->cursor))
        le->cursor++;
}

static void delete_range(struct lineedit *le, int from, int to)
{
    if (to <= from)
        return;
    memmove(le->text + from, le->text + to, (size_t)(le->len - to) * sizeof le->text[0]);
    memmove(le->cls + from, le->cls + to, (size_t)(le->len - to));
    le->len -= to - from;
    if (le->cursor >= to)
        le->cursor -= to - from;
    else if (le->cursor > from)
        le->cursor = from;
    snap_cursor(le);
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void le_init(struct lineedit *le, int width, int max_chars)
{
    le->len = 0;
    le->cursor = 0;
    le->scroll = 0;
    le->width = clamp(width, 1, LE_MAX_WIDTH);
    le->max_chars = clamp(max_chars, 1, LE_CAP);
    le->selected = 0;
}

void le_select_all(struct lineedit *le)
{
    le->selected = le->len > 0;
    le->cursor = le->len;
}

/* An insert into a selected value replaces it. */
static void drop_selected_text(struct lineedit *le)
{
    if (!le->selected)
        return;
    le->len = 0;
    le->cursor = 0;
    le->scroll = 0;
    le->selected = 0;
}

void le_set_width(struct lineedit *le, int width)
{
    le->width = clamp(width, 1, LE_MAX_WIDTH);
}

/* --- UTF-8, by hand: independent of the locale's codeset --- */

/* Decodes one scalar value from s (n > 0 bytes available); returns the bytes
 * used, or 0 when the sequence is malformed (overlong, surrogate, truncated,
 * past U+10FFFF). */
static int utf8_decode(const unsigned char *s, size_t n, wchar_t *out)
{
    unsigned c = s[0];
    int len;
    unsigned cp, min;
    if (c < 0x80) {
        *out = (wchar_t)c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2; cp = c & 0x1f; min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3; cp = c & 0x0f; min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4; cp = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < (size_t)len)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    *out = (wchar_t)cp;
    return len;
}

enum le_status le_set_utf8(struct lineedit *le, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int bad = 0;
    le->len = 0;
    le->cursor = 0;
    le->scroll = 0;
    le->selected = 0;
    while (n > 0) {
        wchar_t wc;
        int used = utf8_decode(p, n, &wc);
        if (used == 0) {
            /* One replacement per bad byte: visible, and the count of damage
             * stays honest. */
            wc = 0xfffd;
            used = 1;
            bad = 1;
        }
        if (le->len == LE_CAP) {
            le->len = 0;
            return LE_TOO_LONG;
        }
        le->text[le->len] = wc;
        le->cls[le->len] = classify(wc);
        le->len++;
        p += used;
        n -= (size_t)used;
    }
    le->cursor = le->len;
    if (bad)
        return LE_BAD_UTF8;
    return le->len > le->max_chars ? LE_FULL : LE_OK;
}

size_t le_get_utf8(const struct lineedit *le, char *out, size_t outsz)
{
    char buf[4];
    size_t need = 0;
    for (int i = 0; i < le->len; i++)
        need += utf8_encode((uint32_t)le->text[i], buf);
    if (outsz == 0)
        return need;
    if (need >= outsz) {
        out[0] = '\0';
        return need;
    }
    char *o = out;
    for (int i = 0; i < le->len; i++)
        o += utf8_encode((uint32_t)le->text[i], o);
    *o = '\0';
    return need;
}

static int is_line_break(wchar_t wc)
{
    return wc == L'\n' || wc == L'\r' || wc == 0x85 || wc == 0x2028 || wc == 0x2029;
}

/* Inserts already-checked characters at the cursor; the caller made room. */
static void insert_run(struct lineedit *le, const wchar_t *s, int n)
{
    int at = le->cursor;
    memmove(le->text + at + n, le->text + at, (size_t)(le->len - at) * sizeof le->text[0]);
    memmove(le->cls + at + n, le->cls + at, (size_t)(le->len - at));
    for (int i = 0; i < n; i++) {
        le->text[at + i] = s[i];
        le->cls[at + i] = classify(s[i]);
    }
    le->len += n;
    le->cursor = at + n;
    snap_cursor(le);
}

enum le_status le_insert(struct lineedit *le, wchar_t wc)
{
    if (!is_scalar(wc))
        return LE_INVALID;
    if (is_control(wc))
        return LE_CONTROL;
    drop_selected_text(le);
    if (le->len >= le->max_chars)
        return LE_FULL;
    insert_run(le, &wc, 1);
    return LE_OK;
}

enum le_status le_insert_text(struct lineedit *le, const wchar_t *s, size_t n)
{
    /* First pass: refuse before touching anything, and count the result
     * (CRLF shrinks to one space). */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        wchar_t wc = s[i];
        if (!is_scalar(wc))
            return LE_INVALID;
        if (wc == L'\r' && i + 1 < n && s[i + 1] == L'\n')
            i++;
        else if (is_control(wc) && !is_line_break(wc) && wc != L'\t')
            return LE_CONTROL;
        out++;
    }
    int len = le->selected ? 0 : le->len;     /* what stays of the value */
    if (len > le->max_chars || out > (size_t)(le->max_chars - len))
        return LE_FULL;
    drop_selected_text(le);
    wchar_t run[LE_CAP];
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        wchar_t wc = s[i];
        if (wc == L'\r' && i + 1 < n && s[i + 1] == L'\n')
            i++;
        if (is_line_break(wc) || wc == L'\t')
            wc = L' ';
        run[k++] = wc;
    }
    insert_run(le, run, k);
    return LE_OK;
}

enum le_status le_insert_utf8(struct lineedit *le, const char *s)
{
    /* CRLF can halve the count, so anything over 2 * LE_CAP code points
     * cannot fit any field. */
    wchar_t buf[2 * LE_CAP];
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), k = 0;
    while (n > 0) {
        wchar_t wc;
        int used = utf8_decode(p, n, &wc);
        if (used == 0)
            return LE_BAD_UTF8;
        if (k < 2 * LE_CAP)
            buf[k] = wc;
        k++;
        p += used;
        n -= (size_t)used;
    }
    if (k > 2 * LE_CAP)
        return LE_FULL;
    return le_insert_text(le, buf, k);
}

static void move_left(struct lineedit *le)
{
    if (le->cursor > 0)
        le->cursor = cell_prev(le, le->cursor);
}

static void move_right(struct lineedit *le)
{
    if (le->cursor < le->len)
        le->cursor = cell_end(le, le->cursor);
}

static void backspace(struct lineedit *le)
{
    if (le->cursor > 0)
        delete_range(le, cell_prev(le, le->cursor), le->cursor);
}

static void delete_at(struct lineedit *le)
{
    if (le->cursor < le->len)
        delete_range(le, le->cursor, cell_end(le, le->cursor));
}

#define CTRL(c) ((c) & 0x1f)

/* An editing key: moves or deletes.  The selection is dropped first, so
 * Backspace on a selected value deletes its last character, ← moves into it. */
static int edit_key(struct lineedit *le, wint_t key, int fkey)
{
    int was = le->selected;
    le->selected = 0;
    if (fkey) {
        switch (key) {
        case KEY_LEFT:      move_left(le); return 1;
        case KEY_RIGHT:     move_right(le); return 1;
        case KEY_HOME:      le->cursor = 0; return 1;
        case KEY_END:       le->cursor = le->len; return 1;
        case KEY_BACKSPACE: backspace(le); return 1;
        case KEY_DC:        delete_at(le); return 1;
        }
    } else {
        switch (key) {
        case CTRL('A'): le->cursor = 0; return 1;
        case CTRL('E'): le->cursor = le->len; return 1;
        case CTRL('H'):
        case 0x7f:      backspace(le); return 1;
        case CTRL('U'): delete_range(le, 0, le->cursor); return 1;
        case CTRL('K'): delete_range(le, le->cursor, le->len); return 1;
        }
    }
    le->selected = was;     /* not an editing key: the selection stays */
    return 0;
}

enum le_status le_key(struct lineedit *le, wint_t key, int fkey)
{
    if (edit_key(le, key, fkey))
        return LE_OK;
    if (fkey)
        return LE_UNHANDLED;
    if (key > 0x10ffff)
        return LE_INVALID;
    if (is_control((wchar_t)key))
        return LE_UNHANDLED;
    return le_insert(le, (wchar_t)key);
}

int le_length(const struct lineedit *le)
{
    return le->len;
}

int le_cursor_cell(const struct lineedit *le)
{
    int n = 0;
    for (int i = 0; i < le->cursor; i = cell_end(le, i))
        n++;
    return n;
}

int le_columns(const struct lineedit *le)
{
    int cols = 0;
    for (int i = 0; i < le->len; i = cell_end(le, i))
        cols += cell_width(le, i);
    return cols;
}

/* --- rendering --- */

/* The field's cells laid out along the whole text. */
struct layout {
    int n;                  /* cells */
    int start[LE_CAP + 1];  /* code point index of each cell; [n] = len */
    int col[LE_CAP + 1];    /* text column of each cell; [n] = total width */
};

static void layout_build(const struct lineedit *le, struct layout *lo)
{
    int n = 0, col = 0;
    for (int i = 0; i < le->len; i = cell_end(le, i)) {
        lo->start[n] = i;
        lo->col[n] = col;
        col += cell_width(le, i);
        n++;
    }
    lo->start[n] = le->len;
    lo->col[n] = col;
    lo->n = n;
}

/* The window on the text when it starts at cell si: columns taken by the
 * left and right markers, and whether the cursor cell fits between them. */
struct window {
    int lm, rm, avail;
};

static struct window window_at(const struct lineedit *le, const struct layout *lo, int si)
{
    struct window w;
    int markers = le->width >= 4;
    int rest = lo->col[lo->n] - lo->col[si];
    w.lm = markers && si > 0;
    w.rm = markers && rest > le->width - w.lm;
    w.avail = le->width - w.lm - w.rm;
    return w;
}

static int cursor_fits(const struct lineedit *le, const struct layout *lo, int si, int ci)
{
    struct window w = window_at(le, lo, si);
    int cw = ci < lo->n ? lo->col[ci + 1] - lo->col[ci] : 1;
    return lo->col[ci] - lo->col[si] + cw <= w.avail;
}

static int put(struct le_cell *out, int max, int k, wchar_t wc, int flags)
{
    if (k < max) {
        out[k].wc[0] = wc;
        out[k].wc[1] = L'\0';
        out[k].width = 1;
        out[k].flags = (unsigned char)flags;
    }
    return k + 1;
}

/* Emits the cell at code point i, at most `room` columns of it (only an
 * escape is ever clipped: it is ASCII, so no glyph is split).  Returns the new
 * output count; *cols gets the columns used. */
static int put_cell(const struct lineedit *le, int i, int room, struct le_cell *out, int max,
                    int k, int *cols)
{
    if (is_base(le->cls[i])) {
        int w = le->cls[i] == CLS_W2 ? 2 : 1;
        if (w > room) {
            *cols = 0;
            return k;
        }
        if (k < max) {
            int end = cell_end(le, i), m = 0;
            for (int j = i; j < end && m < LE_CELL_CHARS; j++)
                out[k].wc[m++] = le->text[j];
            out[k].wc[m] = L'\0';
            out[k].width = (unsigned char)w;
            out[k].flags = 0;
        }
        *cols = w;
        return k + 1;
    }
    static const char hex[] = "0123456789ABCDEF";
    wchar_t esc[12];
    int n = 0, digits = hex_digits(le->text[i]);
    unsigned cp = (unsigned)le->text[i];
    esc[n++] = L'<';
    esc[n++] = L'U';
    esc[n++] = L'+';
    for (int d = digits - 1; d >= 0; d--)
        esc[n++] = (wchar_t)hex[cp >> (4 * d) & 0xf];
    esc[n++] = L'>';
    if (n > room)
        n = room;
    for (int j = 0; j < n; j++)
        k = put(out, max, k, esc[j], LE_CELL_ESCAPE);
    *cols = n;
    return k;
}

int le_view(struct lineedit *le, struct le_cell *out, int max, int *cursor_col)
{
    struct layout lo;
    layout_build(le, &lo);
    int ci = 0;
    while (ci < lo.n && lo.start[ci] < le->cursor)
        ci++;
    int total = lo.col[lo.n], si = 0;
    if (total > le->width) {
        /* Resume from the previous window, snapped to a cell start (an edit
         * before it may have shifted columns), then move it only as far as
         * the cursor needs. */
        while (si < lo.n && lo.col[si + 1] <= le->scroll)
            si++;
        if (si > ci)
            si = ci;
        while (si < ci && !cursor_fits(le, &lo, si, ci))
            si++;
        /* After deletions, pull text back in rather than leave the field's
         * right part empty. */
        while (si > 0 && !window_at(le, &lo, si).rm && cursor_fits(le, &lo, si - 1, ci))
            si--;
    }
    le->scroll = lo.col[si];

    struct window w = total > le->width ? window_at(le, &lo, si)
                                        : (struct window){ 0, 0, le->width };
    int k = 0, col = 0;
    if (w.lm) {
        k = put(out, max, k, L'<', LE_CELL_MARK);
        col = 1;
    }
    int limit = le->width - w.rm;
    for (int c = si; c < lo.n; c++) {
        int used;
        k = put_cell(le, lo.start[c], limit - col, out, max, k, &used);
        col += used;
        if (used < lo.col[c + 1] - lo.col[c])
            break;
    }
    while (col < limit) {
        k = put(out, max, k, L' ', LE_CELL_PAD);
        col++;
    }
    if (w.rm)
        k = put(out, max, k, L'>', LE_CELL_MARK);
    if (cursor_col) {
        int cc = w.lm + lo.col[ci] - lo.col[si];
        *cursor_col = cc > le->width ? le->width : cc;
    }
    return k < max ? k : max;
}

/* --- the curses part --- */

int le_draw(WINDOW *w, int y, int x, struct lineedit *le, attr_t attr)
{
    struct le_cell cells[LE_MAX_WIDTH];
    int cur = 0, rc = OK, col = 0;
    int n = le_view(le, cells, LE_MAX_WIDTH, &cur);
    short pair = (short)PAIR_NUMBER(attr);
    attr_t base = attr & ~A_COLOR;
    for (int i = 0; i < n; i++) {
        attr_t a = base;
        if (cells[i].flags & LE_CELL_ESCAPE)
            a ^= A_REVERSE;
        if (le->selected && !(cells[i].flags & (LE_CELL_PAD | LE_CELL_MARK)))
            a ^= A_REVERSE;
        if (cells[i].flags & LE_CELL_MARK)
            a |= A_BOLD;
        cchar_t cc;
        if (setcchar(&cc, cells[i].wc, a, pair, NULL) == ERR
            || mvwadd_wch(w, y, x + col, &cc) == ERR)
            rc = ERR;
        col += cells[i].width;
    }
    /* A full unscrolled field puts the cursor just after it; keep that on
     * the window. */
    int cx = x + cur;
    if (cx >= getmaxx(w))
        cx = getmaxx(w) - 1;
    if (wmove(w, y, cx) == ERR)
        rc = ERR;
    return rc;
}

const char *le_strerror(enum le_status status)
{
    switch (status) {
    case LE_OK:        return "成功";
    case LE_UNHANDLED: return "不是编辑键";
    case LE_FULL:      return "已达到本栏最大字数";
    case LE_CONTROL:   return "含有控制字符，未输入";
    case LE_INVALID:   return "不是有效的字符，未输入";
    case LE_BAD_UTF8:  return "文字编码有误（不是 UTF-8）";
    case LE_TOO_LONG:  return "内容过长，无法编辑";
    }
    return "未知错误";
}
