/* ui.c — see ui.h. */
#include "tui/ui.h"
#include "core/text.h"
#include "tui/lineedit.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASTE_BEGIN (KEY_MAX + 1)
#define PASTE_END   (KEY_MAX + 2)
#define PASTE_MAX   1024

static int started;
static wchar_t paste[PASTE_MAX + 1];
static size_t paste_len;
static int has_colours;
static char status_text[512];
static enum ui_level status_level;

void ui_start(void)
{
    if (started)
        return;
    initscr();
    raw();              /* Ctrl-S/Ctrl-Q reach us instead of flow control */
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);   /* Esc is "back": it must answer at once */
    /* Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~,
     * which ncurses then reports as two keys of ours. */
    /* Home/End as xterm, rxvt, the Linux console and tmux send them, whatever
     * TERM claims: over SSH from Windows TERM often names another terminal. */
    static const char *const home[] = { "\033[1~", "\033[7~", "\033[H", "\033OH" };
    static const char *const end[] = { "\033[4~", "\033[8~", "\033[F", "\033OF" };
    for (size_t i = 0; i < sizeof home / sizeof *home; i++) {
        define_key(home[i], KEY_HOME);
        define_key(end[i], KEY_END);
    }
    define_key("\033[200~", PASTE_BEGIN);
    define_key("\033[201~", PASTE_END);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    if (has_colors()) {
        start_color();
        use_default_colors();
        init_pair(UI_TITLE, COLOR_WHITE, COLOR_BLUE);
        init_pair(UI_ERROR, COLOR_WHITE, COLOR_RED);
        init_pair(UI_FIELD, -1, -1);
        init_pair(UI_SELECTED, COLOR_BLACK, COLOR_CYAN);
        init_pair(UI_BAR, COLOR_BLACK, COLOR_WHITE);
        init_pair(UI_WARN, COLOR_BLACK, COLOR_YELLOW);
        init_pair(UI_DIM, COLOR_BLUE, -1);
        has_colours = 1;
    }
    started = 1;
}

void ui_stop(void)
{
    if (started) {
        fputs("\033[?2004l", stdout);
        fflush(stdout);
        endwin();
        started = 0;
    }
}

int ui_active(void)
{
    return started;
}

attr_t ui_attr(enum ui_color role)
{
    if (role == UI_NORMAL)
        return A_NORMAL;
    if (has_colours) {
        attr_t a = COLOR_PAIR(role);
        if (role == UI_FIELD)
            a |= A_UNDERLINE;
        if (role == UI_ERROR || role == UI_TITLE)
            a |= A_BOLD;
        return a;
    }
    switch (role) {     /* monochrome: keep roles distinguishable */
    case UI_TITLE: case UI_BAR: case UI_SELECTED: return A_REVERSE;
    case UI_ERROR: return A_REVERSE | A_BOLD;
    case UI_WARN: return A_BOLD;
    case UI_FIELD: return A_UNDERLINE;
    default: return A_NORMAL;
    }
}

/* Decodes UTF-8 into wide characters; invalid bytes become U+FFFD.  Our own
 * decoder, not mbrtowc: it is locale-independent and several times cheaper,
 * which matters because every screen is redrawn whole after each key. */
static size_t to_wide(const char *s, wchar_t *out, size_t max)
{
    size_t n = 0;
    while (*s && n + 1 < max)
        out[n++] = (wchar_t)utf8_decode_next(&s);
    out[n] = 0;
    return n;
}

/* Width of one character as drawn: unprintables are drawn as '?' (width 1);
 * combining marks (0) ride on the previous glyph.  ASCII and the CJK
 * ideographs answer without wcwidth(): they are nearly all a clerk's text. */
static int glyph_width(wchar_t wc)
{
    if (wc >= 0x20 && wc < 0x7f)
        return 1;
    if (wc >= 0x4e00 && wc <= 0x9fff)
        return 2;
    int w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

int ui_width(const char *utf8)
{
    wchar_t buf[1024];
    size_t n = to_wide(utf8, buf, sizeof buf / sizeof *buf);
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += glyph_width(buf[i]);
    return w;
}

int ui_put(int y, int x, const char *utf8, int cols, attr_t attr)
{
    wchar_t buf[1024];
    size_t n = to_wide(utf8 ? utf8 : "", buf, sizeof buf / sizeof *buf);
    /* One cell per glyph, its combining marks in the same cell; written with
     * one add_wchnstr call, which also sets up the second column of wide glyphs. */
    cchar_t cells[1024];
    int used = 0, k = 0;
    /* setcchar takes the colour pair apart from the other attributes: a pair
     * left inside `attr` is overwritten by the pair argument. */
    short pair = (short)PAIR_NUMBER(attr);
    attr_t look = attr & ~A_COLOR;
    for (size_t i = 0; i < n && k < 1023; i++) {
        wchar_t glyph[CCHARW_MAX + 1];
        int g = 0;
        int w = glyph_width(buf[i]);
        /* What the terminal cannot show is drawn as '?', never dropped. */
        glyph[g++] = w == 1 && !(buf[i] >= 0x20 && buf[i] < 0x7f) && wcwidth(buf[i]) < 0 ? L'?' : buf[i];
        if (w == 0)
            continue;   /* a stray combining mark with nothing to sit on */
        if (used + w > cols)
            break;      /* never split a double-width glyph at the edge */
        while (i + 1 < n && wcwidth(buf[i + 1]) == 0 && g < CCHARW_MAX)
            glyph[g++] = buf[++i];
        glyph[g] = 0;
        setcchar(&cells[k++], glyph, look, pair, NULL);
        used += w;
    }
    if (k > 0)
        mvadd_wchnstr(y, x, cells, k);
    if (used < cols)    /* pad in one call: per-cell addch was half the cost */
        mvhline(y, x + used, ' ' | (chtype)attr, cols - used);
    return used;
}

const char *ui_pad(const char *utf8, int cols, char *buf, size_t bufsz)
{
    const char *p = utf8 ? utf8 : "";
    size_t len = 0;
    int used = 0;
    while (*p) {
        const char *start = p;
        int w = glyph_width((wchar_t)utf8_decode_next(&p));
        if (used + w > cols || len + (size_t)(p - start) + 1 >= bufsz)
            break;
        memcpy(buf + len, start, (size_t)(p - start));
        len += (size_t)(p - start);
        used += w;
    }
    while (used < cols && len + 1 < bufsz) {
        buf[len++] = ' ';
        used++;
    }
    buf[len] = 0;
    return buf;
}

void ui_center(int y, const char *utf8, attr_t attr)
{
    int w = ui_width(utf8);
    int x = (COLS - w) / 2;
    ui_put(y, x < 0 ? 0 : x, utf8, w < COLS ? w : COLS, attr);
}

static char banner[32];

void ui_set_banner(const char *word)
{
    snprintf(banner, sizeof banner, "%s", word ? word : "");
}

void ui_title(const char *left, const char *right)
{
    attr_t a = ui_attr(UI_TITLE);
    ui_put(0, 0, "", COLS, a);
    ui_put(0, 1, left, COLS - 2, a);
    int w = right && *right ? ui_width(right) : 0;
    if (w && w < COLS - 2)
        ui_put(0, COLS - 1 - w, right, w, a);
    if (banner[0]) {
        char word[48];
        snprintf(word, sizeof word, "【%s】", banner);
        int bw = ui_width(word);
        int x = COLS - 2 - w - bw;
        ui_put(0, x > COLS / 2 ? x : COLS / 2, word, bw, ui_attr(UI_ERROR) | A_BOLD);
    }
}

void ui_keybar(const char *keys)
{
    ui_put(LINES - 1, 0, keys, COLS, ui_attr(UI_BAR));
}

void ui_status(enum ui_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(status_text, sizeof status_text, fmt, ap);
    va_end(ap);
    status_level = level;
    ui_status_draw();
}

void ui_status_clear(void)
{
    status_text[0] = 0;
    if (started)
        ui_put(LINES - 2, 0, "", COLS, A_NORMAL);
}

void ui_status_draw(void)
{
    if (!started)
        return;
    attr_t a = status_level == MSG_ERROR ? ui_attr(UI_ERROR)
             : status_level == MSG_WARN ? ui_attr(UI_WARN) : A_NORMAL;
    if (!status_text[0])
        a = A_NORMAL;
    ui_put(LINES - 2, 0, status_text, COLS, a);
}

int ui_too_small(void)
{
    if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES)
        return 0;
    erase();
    char msg[128];
    snprintf(msg, sizeof msg, "窗口太小 (%d×%d)，请放大到至少 %d×%d", COLS, LINES,
             UI_MIN_COLS, UI_MIN_LINES);
    /* Wrap onto two lines when even the message does not fit. */
    if (ui_width(msg) <= COLS) {
        ui_center(LINES / 2, msg, A_BOLD);
    } else {
        ui_put(LINES / 2, 0, "窗口太小", COLS, A_BOLD);
        if (LINES / 2 + 1 < LINES)
            ui_put(LINES / 2 + 1, 0, "请放大", COLS, A_NORMAL);
    }
    refresh();
    return 1;
}

const wchar_t *ui_paste_text(size_t *n)
{
    *n = paste_len;
    return paste_len > PASTE_MAX ? NULL : paste;
}

const char *ui_paste_into(struct lineedit *le)
{
    size_t n;
    const wchar_t *t = ui_paste_text(&n);
    if (!t)
        return "粘贴的内容太长，没有粘贴";
    enum le_status st = le_insert_text(le, t, n);
    return st == LE_OK ? NULL : le_strerror(st);
}

/* Collects a bracketed paste up to its end marker.  An over-long paste is
 * read to its end and then refused whole (ui_paste_text gives NULL): never
 * silently cut. */
static void read_paste(void)
{
    paste_len = 0;
    wint_t c;
    int r;
    while ((r = get_wch(&c)) != ERR) {
        if (r == KEY_CODE_YES && c == PASTE_END)
            break;
        if (r == KEY_CODE_YES)
            continue;
        if (paste_len < PASTE_MAX)
            paste[paste_len] = (wchar_t)c;
        paste_len++;
    }
    paste[paste_len < PASTE_MAX ? paste_len : PASTE_MAX] = 0;
}

/* A blocking get_wch gives ERR only when input fails: the terminal went
 * away (a closed window, a dropped remote session, stdin at end of file) or
 * a stray signal interrupted the read.  One ERR the caller simply retries;
 * a long run of them means nobody can answer any more.  Then the program
 * leaves as a kill would (every field left is already in the drafts, and
 * the store survives kill -9) instead of spinning on the CPU for ever. */
#define ERR_RUN_LOST 1000

static void terminal_lost(void)
{
    ui_stop();
    fprintf(stderr, "终端已断开或无法读取按键，程序退出；已离开的字段都保存在草稿中 "
                    "(terminal lost: no input)\n");
    exit(4);
}

int ui_getkey(wint_t *ch)
{
    static int errors_in_a_row;
    int r = get_wch(ch);
    if (r == ERR) {
        if (++errors_in_a_row >= ERR_RUN_LOST)
            terminal_lost();
        return r;
    }
    errors_in_a_row = 0;
    if (r == KEY_CODE_YES && *ch == PASTE_BEGIN) {
        read_paste();
        *ch = UI_KEY_PASTE;
        return KEY_CODE_YES;
    }
    if (r == KEY_CODE_YES && *ch == KEY_RESIZE) {
        /* Nothing to do here beyond what ncurses did to LINES/COLS: every
         * screen redraws whole after each key. */
    }
    return r;
}

/* 1 when s[0..n) is an English note: printable ASCII with a letter. */
static int english_note(const char *s, size_t n)
{
    int letter = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c > 0x7e)
            return 0;
        letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return letter;
}

const char *ui_chinese_part(const char *msg, char *buf, size_t bufsz)
{
    if (!bufsz)
        return buf;
    int chinese = 0;
    for (const char *p = msg; *p; p++)
        chinese |= (unsigned char)*p >= 0x80;
    size_t len = 0;
    const char *p = msg;
    while (*p && len + 1 < bufsz) {
        const char *close = NULL;
        if (chinese && p[0] == ' ' && p[1] == '(' && (close = strchr(p + 2, ')')) &&
            english_note(p + 2, (size_t)(close - p - 2))) {
            p = close + 1;
            continue;
        }
        buf[len++] = *p++;
    }
    if (((unsigned char)*p & 0xC0) == 0x80) {   /* cut inside a character: drop it */
        while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
            len--;
        if (len > 0)
            len--;
    }
    buf[len] = 0;
    return buf;
}

int ui_esc_pressed(void)
{
    nodelay(stdscr, TRUE);
    int c, esc = 0;
    while ((c = getch()) != ERR)
        if (c == KEY_ESC)
            esc = 1;
    nodelay(stdscr, FALSE);
    return esc;
}
