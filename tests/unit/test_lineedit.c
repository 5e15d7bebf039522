/* Tests for tui/lineedit: widths, cursor movement, scrolling that never splits
 * a double-width glyph, paste, non-BMP, combining marks, unprintables, limits,
 * and one drawing through a real curses screen.  Expected views are worked
 * out by hand in the comments; UTF-8 is checked against bytes written out
 * literally (from Python's str.encode), not against our own encoder. */
#include "tests/harness.h"
#include "tui/lineedit.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

static void setup(void)
{
    setlocale(LC_ALL, "C.UTF-8");
}

/* The field as shown, in UTF-8 (via libc's wcrtomb), checking on the way
 * that the cells exactly cover the field and no cell crosses its edge. */
static const char *view(struct lineedit *le, int *cursor_col)
{
    static char buf[4096];
    struct le_cell cells[LE_MAX_WIDTH];
    int cur = -1;
    int n = le_view(le, cells, LE_MAX_WIDTH, &cur);
    char *o = buf;
    int cols = 0;
    mbstate_t st = { 0 };
    for (int i = 0; i < n; i++) {
        for (int j = 0; cells[i].wc[j]; j++) {
            size_t k = wcrtomb(o, cells[i].wc[j], &st);
            CHECK(k != (size_t)-1);
            if (k != (size_t)-1)
                o += k;
        }
        CHECK(cells[i].width == 1 || cells[i].width == 2);
        if (cells[i].width == 2)
            CHECK(wcwidth(cells[i].wc[0]) == 2);
        cols += cells[i].width;
    }
    *o = '\0';
    CHECK_INT(cols, le->width);
    CHECK(cur >= 0 && cur <= le->width);
    if (cursor_col)
        *cursor_col = cur;
    return buf;
}

static const char *value(const struct lineedit *le)
{
    static char buf[4 * LE_CAP + 1];
    size_t n = le_get_utf8(le, buf, sizeof buf);
    CHECK(n < sizeof buf);
    return buf;
}

static void key(struct lineedit *le, int k)
{
    CHECK_INT(le_key(le, (wint_t)k, 1), LE_OK);
}

TEST(lineedit_widths)
{
    struct lineedit le;
    setup();
    le_init(&le, 20, 30);
    CHECK_INT(le_set_utf8(&le, "abc"), LE_OK);
    CHECK_INT(le_columns(&le), 3);
    CHECK_INT(le_set_utf8(&le, "张三"), LE_OK);
    CHECK_INT(le_columns(&le), 4);
    CHECK_INT(le_length(&le), 2);
    CHECK_INT(le_set_utf8(&le, "Li张"), LE_OK);
    CHECK_INT(le_columns(&le), 4);
    /* 阿卜杜 6 + · 1 (glibc: 1 column) + 热合曼 6 */
    CHECK_INT(le_set_utf8(&le, "阿卜杜·热合曼"), LE_OK);
    CHECK_INT(le_columns(&le), 13);
    CHECK_INT(le_length(&le), 7);
    CHECK_INT(le_cursor_cell(&le), 7);
    int cur;
    CHECK_STR(view(&le, &cur), "阿卜杜·热合曼       ");
    CHECK_INT(cur, 13);
    CHECK_INT(le_set_utf8(&le, ""), LE_OK);
    CHECK_STR(view(&le, &cur), "                    ");
    CHECK_INT(cur, 0);
}

TEST(lineedit_cursor_columns)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 10, 30);
    le_set_utf8(&le, "a张b");
    view(&le, &cur);
    CHECK_INT(cur, 4);
    key(&le, KEY_LEFT);
    view(&le, &cur);
    CHECK_INT(cur, 3);
    key(&le, KEY_LEFT);
    view(&le, &cur);
    CHECK_INT(cur, 1);
    CHECK_INT(le_cursor_cell(&le), 1);
    key(&le, KEY_LEFT);
    view(&le, &cur);
    CHECK_INT(cur, 0);
    key(&le, KEY_LEFT);                 /* at the start: stays */
    view(&le, &cur);
    CHECK_INT(cur, 0);
    key(&le, KEY_END);
    view(&le, &cur);
    CHECK_INT(cur, 4);
    key(&le, KEY_RIGHT);                /* at the end: stays */
    view(&le, &cur);
    CHECK_INT(cur, 4);
    key(&le, KEY_HOME);
    key(&le, KEY_RIGHT);
    key(&le, KEY_RIGHT);
    view(&le, &cur);
    CHECK_INT(cur, 3);
    CHECK_INT(le_key(&le, 1, 0), LE_OK);   /* Ctrl-A */
    view(&le, &cur);
    CHECK_INT(cur, 0);
    CHECK_INT(le_key(&le, 5, 0), LE_OK);   /* Ctrl-E */
    view(&le, &cur);
    CHECK_INT(cur, 4);
}

TEST(lineedit_edit_middle)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 10, 30);
    le_set_utf8(&le, "张三");
    key(&le, KEY_HOME);
    key(&le, KEY_RIGHT);
    CHECK_INT(le_key(&le, L'李', 0), LE_OK);
    CHECK_STR(value(&le), "张李三");
    CHECK_STR(view(&le, &cur), "张李三    ");
    CHECK_INT(cur, 4);
    CHECK_INT(le_key(&le, L'a', 0), LE_OK);
    CHECK_STR(value(&le), "张李a三");
    view(&le, &cur);
    CHECK_INT(cur, 5);
    key(&le, KEY_BACKSPACE);
    CHECK_STR(value(&le), "张李三");
    CHECK_INT(le_key(&le, 127, 0), LE_OK);  /* DEL as Backspace */
    CHECK_STR(value(&le), "张三");
    view(&le, &cur);
    CHECK_INT(cur, 2);
    key(&le, KEY_DC);                        /* Delete: the character after */
    CHECK_STR(value(&le), "张");
    key(&le, KEY_DC);                        /* nothing after: no change */
    CHECK_STR(value(&le), "张");
    CHECK_INT(le_key(&le, 8, 0), LE_OK);     /* Ctrl-H */
    CHECK_STR(value(&le), "");
    key(&le, KEY_BACKSPACE);                 /* empty: no change, no crash */
    CHECK_STR(value(&le), "");
}

TEST(lineedit_kill_keys)
{
    struct lineedit le;
    setup();
    le_init(&le, 10, 30);
    le_set_utf8(&le, "张三李四");
    key(&le, KEY_HOME);
    key(&le, KEY_RIGHT);
    key(&le, KEY_RIGHT);
    CHECK_INT(le_key(&le, 11, 0), LE_OK);   /* Ctrl-K */
    CHECK_STR(value(&le), "张三");
    key(&le, KEY_LEFT);
    CHECK_INT(le_key(&le, 21, 0), LE_OK);   /* Ctrl-U */
    CHECK_STR(value(&le), "三");
    CHECK_INT(le_cursor_cell(&le), 0);
}

TEST(lineedit_unhandled_keys)
{
    struct lineedit le;
    setup();
    le_init(&le, 10, 30);
    le_set_utf8(&le, "ab");
    CHECK_INT(le_key(&le, L'\n', 0), LE_UNHANDLED);
    CHECK_INT(le_key(&le, L'\r', 0), LE_UNHANDLED);
    CHECK_INT(le_key(&le, L'\t', 0), LE_UNHANDLED);
    CHECK_INT(le_key(&le, 27, 0), LE_UNHANDLED);    /* Esc */
    CHECK_INT(le_key(&le, 19, 0), LE_UNHANDLED);    /* Ctrl-S save */
    CHECK_INT(le_key(&le, 17, 0), LE_UNHANDLED);    /* Ctrl-Q quit */
    CHECK_INT(le_key(&le, KEY_F(2), 1), LE_UNHANDLED);
    CHECK_INT(le_key(&le, KEY_UP, 1), LE_UNHANDLED);
    CHECK_INT(le_key(&le, KEY_NPAGE, 1), LE_UNHANDLED);
    CHECK_STR(value(&le), "ab");
    /* Without the function-key flag, KEY_LEFT's number is the letter U+0104. */
    CHECK_INT(le_key(&le, KEY_LEFT, 0), LE_OK);
    CHECK_STR(value(&le), "ab\xc4\x84");
}

/* Field of 5 columns, text 10 columns wide: every window must be whole glyphs. */
TEST(lineedit_scroll_cjk_boundary)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 5, 30);
    CHECK_INT(le_set_utf8(&le, "张三李四王"), LE_OK);
    /* Cursor at the end needs 1 column after 王: "<" + 王 + caret. */
    CHECK_STR(view(&le, &cur), "<王  ");
    CHECK_INT(cur, 3);
    key(&le, KEY_LEFT);         /* on 王: 四 fits in again */
    CHECK_STR(view(&le, &cur), "<四王");
    CHECK_INT(cur, 3);
    key(&le, KEY_LEFT);         /* on 四: window unchanged */
    CHECK_STR(view(&le, &cur), "<四王");
    CHECK_INT(cur, 1);
    key(&le, KEY_LEFT);         /* on 李: 四 would be split by '>', so a blank */
    CHECK_STR(view(&le, &cur), "<李 >");
    CHECK_INT(cur, 1);
    key(&le, KEY_LEFT);
    CHECK_STR(view(&le, &cur), "<三 >");
    CHECK_INT(cur, 1);
    key(&le, KEY_LEFT);
    CHECK_STR(view(&le, &cur), "张三>");
    CHECK_INT(cur, 0);
    key(&le, KEY_RIGHT);        /* on 三: still fits */
    CHECK_STR(view(&le, &cur), "张三>");
    CHECK_INT(cur, 2);
    key(&le, KEY_RIGHT);        /* on 李: scroll right */
    CHECK_STR(view(&le, &cur), "<李 >");
    CHECK_INT(cur, 1);
    key(&le, KEY_RIGHT);
    CHECK_STR(view(&le, &cur), "<四王");
    CHECK_INT(cur, 1);
    key(&le, KEY_HOME);
    CHECK_STR(view(&le, &cur), "张三>");
    CHECK_INT(cur, 0);
    key(&le, KEY_END);
    CHECK_STR(view(&le, &cur), "<王  ");
    CHECK_INT(cur, 3);
}

/* Odd offsets: an ASCII letter shifts every CJK glyph by one column. */
TEST(lineedit_scroll_odd_offset)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 6, 30);
    le_set_utf8(&le, "a张三李四");      /* 9 columns */
    CHECK_STR(view(&le, &cur), "<李四 ");
    CHECK_INT(cur, 5);
    key(&le, KEY_HOME);
    CHECK_STR(view(&le, &cur), "a张三>");
    CHECK_INT(cur, 0);
    key(&le, KEY_RIGHT);
    key(&le, KEY_RIGHT);
    CHECK_STR(view(&le, &cur), "a张三>");
    CHECK_INT(cur, 3);
    key(&le, KEY_RIGHT);        /* on 李 (text column 5) */
    CHECK_STR(view(&le, &cur), "<三李>");
    CHECK_INT(cur, 3);
    /* Deleting near the end pulls the text back into the field. */
    key(&le, KEY_END);
    key(&le, KEY_BACKSPACE);
    key(&le, KEY_BACKSPACE);    /* "a张三": 5 columns, fits unscrolled */
    CHECK_STR(view(&le, &cur), "a张三 ");
    CHECK_INT(cur, 5);
}

/* Every cursor position of a long mixed text, both directions: the cursor is
 * always inside the field and on its own character. */
TEST(lineedit_scroll_invariants)
{
    struct lineedit le;
    struct le_cell cells[LE_MAX_WIDTH];
    setup();
    for (int width = 1; width <= 9; width++) {
        le_init(&le, width, 60);
        le_set_utf8(&le, "a张b三c李四王五x\xcc\x81y𠮷z");
        int cells_total = le_cursor_cell(&le);
        CHECK_INT(cells_total, 13);
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step <= cells_total; step++) {
                int cur;
                int n = le_view(&le, cells, LE_MAX_WIDTH, &cur);
                int cols = 0, col_of_cursor_cell = -1;
                for (int i = 0; i < n; i++) {
                    if (cols == cur)
                        col_of_cursor_cell = i;
                    cols += cells[i].width;
                }
                CHECK_INT(cols, width);
                CHECK(cur >= 0 && cur <= width);
                int at = le_cursor_cell(&le);
                if (at < cells_total && width >= 2) {
                    CHECK(col_of_cursor_cell >= 0);
                    if (col_of_cursor_cell >= 0)
                        CHECK(!(cells[col_of_cursor_cell].flags & (LE_CELL_PAD | LE_CELL_MARK)));
                }
                key(&le, pass == 0 ? KEY_LEFT : KEY_RIGHT);
            }
        }
    }
}

TEST(lineedit_paste)
{
    struct lineedit le;
    setup();
    le_init(&le, 20, 30);
    CHECK_INT(le_insert_text(&le, L"张三\n李四", 5), LE_OK);
    CHECK_STR(value(&le), "张三 李四");
    le_set_utf8(&le, "");
    CHECK_INT(le_insert_utf8(&le, "张三\r\n李四\r王\t五"), LE_OK);
    CHECK_STR(value(&le), "张三 李四 王 五");
    /* Pasted in the middle, cursor after the pasted text. */
    le_set_utf8(&le, "ab");
    key(&le, KEY_LEFT);
    CHECK_INT(le_insert_text(&le, L"XY", 2), LE_OK);
    CHECK_STR(value(&le), "aXYb");
    CHECK_INT(le_cursor_cell(&le), 3);
    /* A control character refuses the whole paste: nothing changes. */
    CHECK_INT(le_insert_text(&le, L"c\x1b[1md", 6), LE_CONTROL);
    CHECK_INT(le_insert_text(&le, L"c\0d", 3), LE_CONTROL);
    CHECK_STR(value(&le), "aXYb");
    CHECK_INT(le_cursor_cell(&le), 3);
    CHECK_INT(le_insert_utf8(&le, "c\xff" "d"), LE_BAD_UTF8);
    CHECK_STR(value(&le), "aXYb");
}

TEST(lineedit_non_bmp_round_trip)
{
    struct lineedit le;
    char out[64];
    setup();
    le_init(&le, 20, 30);
    CHECK_INT(le_set_utf8(&le, "\xf0\xa0\xae\xb7\xf0\xac\x8c\x97"), LE_OK);   /* 𠮷𬌗 */
    CHECK_INT(le_length(&le), 2);
    CHECK_INT(le_columns(&le), 4);
    CHECK_INT(le_get_utf8(&le, out, sizeof out), 8);
    CHECK_STR(out, "\xf0\xa0\xae\xb7\xf0\xac\x8c\x97");
    key(&le, KEY_LEFT);
    CHECK_INT(le_key(&le, 0x4e09, 0), LE_OK);                                /* 三 */
    CHECK_INT(le_insert(&le, (wchar_t)0x20bb7), LE_OK);
    CHECK_STR(value(&le), "\xf0\xa0\xae\xb7\xe4\xb8\x89\xf0\xa0\xae\xb7\xf0\xac\x8c\x97");
    int cur;
    CHECK_STR(view(&le, &cur), "𠮷三𠮷𬌗            ");
    CHECK_INT(cur, 6);
}

TEST(lineedit_bad_utf8_loaded_visibly)
{
    struct lineedit le;
    setup();
    le_init(&le, 20, 30);
    CHECK_INT(le_set_utf8(&le, "a\xff" "b"), LE_BAD_UTF8);
    CHECK_STR(value(&le), "a\xef\xbf\xbd" "b");
    /* Overlong '/', and an encoded surrogate: one U+FFFD per byte. */
    CHECK_INT(le_set_utf8(&le, "\xc0\xaf"), LE_BAD_UTF8);
    CHECK_STR(value(&le), "\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_INT(le_set_utf8(&le, "\xed\xa0\x80"), LE_BAD_UTF8);
    CHECK_INT(le_length(&le), 3);
    /* Truncated 4-byte sequence at the end. */
    CHECK_INT(le_set_utf8(&le, "x\xf0\xa0\xae"), LE_BAD_UTF8);
    CHECK_INT(le_length(&le), 4);
    CHECK_INT(le_insert(&le, (wchar_t)0xd800), LE_INVALID);
    CHECK_INT(le_insert(&le, (wchar_t)0x110000), LE_INVALID);
    CHECK_INT(le_length(&le), 4);
}

TEST(lineedit_combining_mark)
{
    struct lineedit le;
    struct le_cell cells[LE_MAX_WIDTH];
    int cur;
    setup();
    le_init(&le, 10, 30);
    CHECK_INT(le_set_utf8(&le, "e\xcc\x81"), LE_OK);       /* e + U+0301 */
    CHECK_INT(le_length(&le), 2);
    CHECK_INT(le_columns(&le), 1);
    CHECK_INT(le_cursor_cell(&le), 1);
    int n = le_view(&le, cells, LE_MAX_WIDTH, &cur);
    CHECK_INT(n, 10);
    CHECK_INT(cur, 1);
    CHECK(cells[0].wc[0] == L'e' && cells[0].wc[1] == 0x301 && cells[0].wc[2] == 0);
    CHECK_INT(cells[0].width, 1);
    key(&le, KEY_LEFT);                 /* over the whole cell, not into it */
    CHECK_INT(le_cursor_cell(&le), 0);
    le_view(&le, cells, LE_MAX_WIDTH, &cur);
    CHECK_INT(cur, 0);
    key(&le, KEY_RIGHT);
    le_view(&le, cells, LE_MAX_WIDTH, &cur);
    CHECK_INT(cur, 1);
    key(&le, KEY_BACKSPACE);            /* deletes base and mark together */
    CHECK_INT(le_length(&le), 0);
    /* Typed as two keys (a dead key / input method): the mark joins the e. */
    CHECK_INT(le_key(&le, L'e', 0), LE_OK);
    CHECK_INT(le_key(&le, 0x301, 0), LE_OK);
    CHECK_INT(le_cursor_cell(&le), 1);
    CHECK_INT(le_columns(&le), 1);
    CHECK_STR(value(&le), "e\xcc\x81");
    le_set_utf8(&le, "ae\xcc\x81z");
    key(&le, KEY_HOME);
    key(&le, KEY_RIGHT);
    key(&le, KEY_DC);
    CHECK_STR(value(&le), "az");
}

TEST(lineedit_orphan_mark_escaped)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 20, 30);
    /* A mark with no base before it cannot be drawn: it is shown escaped. */
    le_set_utf8(&le, "\xcc\x81" "a");
    CHECK_STR(view(&le, &cur), "<U+0301>a           ");
    CHECK_INT(cur, 9);
    /* A, BEL, mark: BEL takes no marks, so the mark is an orphan too. */
    le_set_utf8(&le, "A\x07\xcc\x81");
    CHECK_INT(le_columns(&le), 17);
    CHECK_INT(le_cursor_cell(&le), 3);
    /* Deleting the BEL lets the mark join the A; the cursor must not be left
     * between them. */
    key(&le, KEY_HOME);
    key(&le, KEY_RIGHT);
    key(&le, KEY_DC);
    CHECK_STR(value(&le), "A\xcc\x81");
    CHECK_INT(le_columns(&le), 1);
    CHECK_INT(le_cursor_cell(&le), 1);
    view(&le, &cur);
    CHECK_INT(cur, 1);
    key(&le, KEY_BACKSPACE);            /* the joined cell goes as one */
    CHECK_STR(value(&le), "");
    /* Typing a base before an orphan mark adopts it; the next letter goes
     * after the pair, not between. */
    le_set_utf8(&le, "\xcc\x81");
    key(&le, KEY_HOME);
    CHECK_INT(le_key(&le, L'e', 0), LE_OK);
    CHECK_INT(le_key(&le, L'x', 0), LE_OK);
    CHECK_STR(value(&le), "e\xcc\x81x");
    CHECK_INT(le_columns(&le), 2);
}

TEST(lineedit_unprintable_kept_and_shown)
{
    struct lineedit le;
    int cur;
    setup();
    le_init(&le, 24, 30);
    CHECK_INT(le_set_utf8(&le, "a\x07" "b"), LE_OK);
    CHECK_STR(value(&le), "a\x07" "b");
    CHECK_STR(view(&le, &cur), "a<U+0007>b              ");
    CHECK_INT(cur, 10);
    /* Zero-width space: invisible on screen, so escaped, but kept. */
    le_set_utf8(&le, "张");
    CHECK_INT(le_insert(&le, (wchar_t)0x200b), LE_OK);
    CHECK_INT(le_insert(&le, L'三'), LE_OK);
    CHECK_STR(value(&le), "张\xe2\x80\x8b三");
    CHECK_STR(view(&le, &cur), "张<U+200B>三            ");
    CHECK_INT(cur, 12);
    key(&le, KEY_LEFT);
    key(&le, KEY_BACKSPACE);            /* the escape is one cell */
    CHECK_STR(value(&le), "张三");
    /* Unassigned (U+0378) and a non-BMP noncharacter (U+10FFFF). */
    le_set_utf8(&le, "\xcd\xb8\xf4\x8f\xbf\xbf");
    CHECK_STR(view(&le, &cur), "<U+0378><U+10FFFF>      ");
    CHECK_INT(cur, 18);
    CHECK_STR(value(&le), "\xcd\xb8\xf4\x8f\xbf\xbf");
    /* Escape cells are flagged so the drawing can set them apart. */
    struct le_cell cells[LE_MAX_WIDTH];
    le_view(&le, cells, LE_MAX_WIDTH, &cur);
    CHECK(cells[0].flags & LE_CELL_ESCAPE);
    CHECK(!(cells[18].flags & LE_CELL_ESCAPE));
    /* Typed controls are keys, never text. */
    CHECK_INT(le_insert(&le, 7), LE_CONTROL);
    CHECK_INT(le_insert(&le, 0x85), LE_CONTROL);
    CHECK_INT(le_length(&le), 2);
}

TEST(lineedit_max_chars)
{
    struct lineedit le;
    setup();
    le_init(&le, 10, 3);
    CHECK_INT(le_key(&le, L'a', 0), LE_OK);
    CHECK_INT(le_key(&le, L'b', 0), LE_OK);
    CHECK_INT(le_key(&le, L'张', 0), LE_OK);
    CHECK_INT(le_key(&le, L'd', 0), LE_FULL);
    CHECK_INT(le_insert(&le, 0x301), LE_FULL);   /* marks count: they take bytes */
    CHECK_STR(value(&le), "ab张");
    key(&le, KEY_BACKSPACE);
    CHECK_INT(le_insert_text(&le, L"xy", 2), LE_FULL);  /* all or nothing */
    CHECK_STR(value(&le), "ab");
    CHECK_INT(le_insert_text(&le, L"x", 1), LE_OK);
    CHECK_STR(value(&le), "abx");
    /* CRLF counts as one character once turned into a space. */
    le_set_utf8(&le, "a");
    CHECK_INT(le_insert_text(&le, L"\r\nb", 3), LE_OK);
    CHECK_STR(value(&le), "a b");
}

TEST(lineedit_200_chars)
{
    struct lineedit le;
    char in[601], big[4 * LE_CAP + 1];
    setup();
    for (int i = 0; i < 200; i++)
        memcpy(in + 3 * i, "张", 3);
    in[600] = '\0';
    le_init(&le, 20, 30);
    /* A 200-character paste into a 30-character field: refused whole. */
    le_set_utf8(&le, "王");
    CHECK_INT(le_insert_utf8(&le, in), LE_FULL);
    CHECK_STR(value(&le), "王");
    /* Typed one by one: 29 more fit, each of the other 171 is refused. */
    int ok = 0, full = 0;
    for (int i = 0; i < 200; i++) {
        enum le_status st = le_key(&le, L'张', 0);
        ok += st == LE_OK;
        full += st == LE_FULL;
    }
    CHECK_INT(ok, 29);
    CHECK_INT(full, 171);
    CHECK_INT(le_length(&le), 30);
    /* A stored 200-character value is loaded whole and flagged, never cut. */
    CHECK_INT(le_set_utf8(&le, in), LE_FULL);
    CHECK_INT(le_length(&le), 200);
    CHECK_INT(le_get_utf8(&le, big, sizeof big), 600);
    CHECK_STR(big, in);
    CHECK_INT(le_key(&le, L'a', 0), LE_FULL);
    /* Too small an output buffer: the length, and "" rather than a cut value. */
    char small[100] = "junk";
    CHECK_INT(le_get_utf8(&le, small, sizeof small), 600);
    CHECK_STR(small, "");
    /* Beyond what any editor holds. */
    char *huge = malloc(3 * (LE_CAP + 1) + 1);
    for (int i = 0; i <= LE_CAP; i++)
        memcpy(huge + 3 * i, "张", 3);
    huge[3 * (LE_CAP + 1)] = '\0';
    CHECK_INT(le_set_utf8(&le, huge), LE_TOO_LONG);
    CHECK_INT(le_length(&le), 0);
    free(huge);
}

TEST(lineedit_view_respects_max)
{
    struct lineedit le;
    struct le_cell cells[3];
    int cur;
    setup();
    le_init(&le, 10, 30);
    le_set_utf8(&le, "abcdef");
    memset(cells, 0x55, sizeof cells);
    CHECK_INT(le_view(&le, cells, 2, &cur), 2);
    CHECK(cells[0].wc[0] == L'a' && cells[1].wc[0] == L'b');
    CHECK_INT(cells[2].width, 0x55);      /* untouched */
    CHECK_INT(cur, 6);
    /* Narrowing the field scrolls on the next view. */
    le_set_width(&le, 4);
    CHECK_STR(view(&le, &cur), "<ef ");
    CHECK_INT(cur, 3);
}

/* A refused value is selected: the next printable key replaces it whole
 * (20230230 refused, then 20261128 typed gives 20261128, not 2023023020261128
 * cut at the field's limit); editing keys edit it instead. */
TEST(lineedit_selection_replaced_by_typing)
{
    setup();
    struct lineedit le;
    le_init(&le, 10, 10);
    le_set_utf8(&le, "20230230");
    le_select_all(&le);
    CHECK(le.selected);
    const char *typed = "20261128";
    for (const char *p = typed; *p; p++)
        CHECK_INT(le_key(&le, (wint_t)*p, 0), LE_OK);
    CHECK_STR(value(&le), "20261128");
    CHECK(!le.selected);
    /* Chinese replaces as well. */
    le_set_utf8(&le, "张三");
    le_select_all(&le);
    CHECK_INT(le_key(&le, L'李', 0), LE_OK);
    CHECK_STR(value(&le), "李");
}

TEST(lineedit_selection_editing_keys_edit)
{
    setup();
    struct lineedit le;
    le_init(&le, 10, 10);
    const struct { int key, fkey; const char *want; } cases[] = {
        { KEY_BACKSPACE, 1, "2023023" },    /* deletes the last character */
        { 0x7f, 0, "2023023" },
        { KEY_LEFT, 1, "202302390" },       /* then '9' goes before the last 0 */
        { KEY_HOME, 1, "920230230" },
        { KEY_END, 1, "202302309" },
        { 'A' & 0x1f, 0, "920230230" },     /* Ctrl-A */
        { 'U' & 0x1f, 0, "9" },             /* Ctrl-U: clear, then type */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        le_set_utf8(&le, "20230230");
        le_select_all(&le);
        CHECK_INT(le_key(&le, (wint_t)cases[i].key, cases[i].fkey), LE_OK);
        CHECK(!le.selected);
        if (cases[i].key != KEY_BACKSPACE && cases[i].key != 0x7f)
            CHECK_INT(le_key(&le, '9', 0), LE_OK);
        CHECK_STR(value(&le), cases[i].want);
    }
    /* A key the editor does not take (Enter, F2) keeps the selection. */
    le_set_utf8(&le, "12");
    le_select_all(&le);
    CHECK_INT(le_key(&le, '\n', 0), LE_UNHANDLED);
    CHECK_INT(le_key(&le, KEY_F(2), 1), LE_UNHANDLED);
    CHECK(le.selected);
    /* A refused control character keeps value and selection. */
    CHECK_INT(le_insert(&le, 0x07), LE_CONTROL);
    CHECK(le.selected);
    CHECK_STR(value(&le), "12");
    /* Nothing to select in an empty field; loading a value clears it. */
    le_set_utf8(&le, "");
    le_select_all(&le);
    CHECK(!le.selected);
    le_set_utf8(&le, "3");
    le_select_all(&le);
    le_set_utf8(&le, "4");
    CHECK(!le.selected);
}

/* A paste into a selected value replaces it; the length limit counts only
 * what the paste leaves. */
TEST(lineedit_selection_paste_replaces)
{
    setup();
    struct lineedit le;
    le_init(&le, 10, 8);
    le_set_utf8(&le, "20230230");
    le_select_all(&le);
    CHECK_INT(le_insert_utf8(&le, "20261128"), LE_OK);
    CHECK_STR(value(&le), "20261128");
    le_select_all(&le);
    CHECK_INT(le_insert_utf8(&le, "123456789"), LE_FULL);   /* refused whole */
    CHECK_STR(value(&le), "20261128");
    CHECK(le.selected);
}

TEST(lineedit_strerror)
{
    CHECK_STR(le_strerror(LE_FULL), "已达到本栏最大字数");
    CHECK(le_strerror(LE_CONTROL)[0] != '\0');
    CHECK(le_strerror((enum le_status)99)[0] != '\0');
}

/* Draws through a real curses screen writing to /dev/null and reads the
 * characters back from the window. */
TEST(lineedit_draw_curses)
{
    setup();
    setenv("TERM", "xterm-256color", 1);
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    CHECK(out && in);
    if (!out || !in)
        return;
    SCREEN *sc = newterm("xterm-256color", out, in);
    if (!sc) {
        fprintf(stderr, "    note: newterm failed, curses drawing not checked\n");
        return;
    }
    set_term(sc);
    WINDOW *w = newwin(4, 30, 0, 0);
    CHECK(w != NULL);
    struct lineedit le;
    le_init(&le, 8, 30);
    le_set_utf8(&le, "张三李四王");
    /* 10 columns in 8, cursor at the end: "<" 李四王 " ", caret in column 7. */
    CHECK_INT(le_draw(w, 1, 2, &le, A_UNDERLINE), OK);
    cchar_t cc;
    wchar_t wch[CCHARW_MAX + 1];
    attr_t a;
    short pair;
    const wchar_t want[] = { L'<', L'李', 0, L'四', 0, L'王', 0, L' ' };
    for (int i = 0; i < 8; i++) {
        if (!want[i])
            continue;
        CHECK_INT(mvwin_wch(w, 1, 2 + i, &cc), OK);
        CHECK_INT(getcchar(&cc, wch, &a, &pair, NULL), OK);
        CHECK_INT(wch[0], want[i]);
        CHECK(a & A_UNDERLINE);
    }
    CHECK_INT(getcury(w), 1);
    CHECK_INT(getcurx(w), 9);
    /* Nothing drawn outside the field. */
    CHECK_INT(mvwin_wch(w, 1, 10, &cc), OK);
    getcchar(&cc, wch, &a, &pair, NULL);
    CHECK_INT(wch[0], L' ');
    CHECK(!(a & A_UNDERLINE));
    /* An escape is drawn in reverse video; the row reads back as text. */
    le_init(&le, 12, 30);
    le_set_utf8(&le, "a\x07");
    CHECK_INT(le_draw(w, 2, 0, &le, A_NORMAL), OK);
    CHECK_INT(getcurx(w), 9);
    cchar_t row[13];
    CHECK_INT(mvwin_wchnstr(w, 2, 0, row, 12), OK);
    wchar_t got[13];
    for (int i = 0; i < 12; i++) {
        getcchar(&row[i], wch, &a, &pair, NULL);
        got[i] = wch[0];
        if (i >= 1 && i <= 8)
            CHECK(a & A_REVERSE);
        else
            CHECK(!(a & A_REVERSE));
    }
    got[12] = 0;
    CHECK(wcscmp(got, L"a<U+0007>   ") == 0);
    /* Selected text is drawn in reverse video, the blanks after it not. */
    le_init(&le, 6, 30);
    le_set_utf8(&le, "123");
    le_select_all(&le);
    CHECK_INT(le_draw(w, 3, 0, &le, A_UNDERLINE), OK);
    CHECK_INT(mvwin_wchnstr(w, 3, 0, row, 6), OK);
    for (int i = 0; i < 6; i++) {
        getcchar(&row[i], wch, &a, &pair, NULL);
        CHECK(a & A_UNDERLINE);
        if (i < 3)
            CHECK(a & A_REVERSE);
        else
            CHECK(!(a & A_REVERSE));
    }
    delwin(w);
    endwin();
    delscreen(sc);
    fclose(out);
    fclose(in);
}
