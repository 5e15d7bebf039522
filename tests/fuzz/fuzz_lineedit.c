/* The line editor (tui/lineedit): the input is a key sequence — keys,
 * characters, pastes, width changes — as a clerk (or a cat) types it.  After
 * each step the cursor is inside the value, the value keeps its limit unless
 * a longer stored value was loaded, the view covers exactly the field width
 * with the cursor inside it, and the value written out as UTF-8 loads back
 * to the same characters. */
#include <locale.h>
#include "tui/lineedit.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

static void check_state(struct lineedit *le, int loaded_long)
{
    FUZZ_CHECK(le->len >= 0 && le->len <= LE_CAP);
    FUZZ_CHECK(le->cursor >= 0 && le->cursor <= le->len);
    if (!loaded_long)
        FUZZ_CHECK(le->len <= le->max_chars);
    FUZZ_CHECK(le_length(le) == le->len);
    struct le_cell cells[LE_MAX_WIDTH];
    int col = -1;
    int n = le_view(le, cells, LE_MAX_WIDTH, &col);
    int width = 0;
    for (int i = 0; i < n; i++)
        width += cells[i].width;
    FUZZ_CHECK(width == le->width);
    FUZZ_CHECK(col >= 0 && col <= le->width);
    FUZZ_CHECK(le_cursor_cell(le) >= 0 && le_columns(le) >= 0);

    char out[LE_CAP * 4 + 1];
    size_t bytes = le_get_utf8(le, out, sizeof out);
    FUZZ_CHECK(bytes < sizeof out && strlen(out) == bytes);
    static struct lineedit copy;
    le_init(&copy, le->width, LE_CAP);
    enum le_status st = le_set_utf8(&copy, out);
    FUZZ_CHECK(st == LE_OK);
    FUZZ_CHECK(copy.len == le->len);
    FUZZ_CHECK(memcmp(copy.text, le->text, (size_t)le->len * sizeof(wchar_t)) == 0);
}

/* Function keys and control keys le_key knows, and some it does not. */
static const int FKEYS[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_BACKSPACE, KEY_DC,
                             KEY_UP, KEY_DOWN, KEY_F(2), KEY_ENTER, KEY_RESIZE };
static const wint_t CTRL[] = { 1, 5, 8, 11, 21, 127, 9, 10, 13, 27, 0x85 };
/* Characters of every display class: ASCII, CJK, a combining mark, zero
 * width, fullwidth, an emoji, a control, an unassigned code point. */
static const wchar_t CHARS[] = { L'a', L'1', 0x5F20, 0x4E09, 0x0301, 0x200B, 0xFF11, 0x1F600,
                                 0x00B7, 0x3000, 0x0378, 0xE000, 0x10FFFF, 0xAD, 0x202E, 0x0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct lineedit le;
    if (size < 2)
        return 0;
    le_init(&le, 1 + data[0] % 40, 1 + data[1] % 60);
    int loaded_long = 0;
    size_t i = 2;
    while (i < size) {
        uint8_t op = data[i++];
        uint8_t arg = i < size ? data[i] : 0;
        switch (op % 8) {
        case 0: le_key(&le, (wint_t)FKEYS[arg % (sizeof FKEYS / sizeof *FKEYS)], 1); i++; break;
        case 1: le_key(&le, CTRL[arg % (sizeof CTRL / sizeof *CTRL)], 0); i++; break;
        case 2: le_key(&le, (wint_t)CHARS[arg % (sizeof CHARS / sizeof *CHARS)], 0); i++; break;
        case 3: le_insert(&le, (wchar_t)(arg | (op & 0xF0) << 4)); i++; break;
        case 4: le_select_all(&le); break;
        case 5: le_set_width(&le, 1 + arg % 60); i++; break;
        case 6: {   /* a paste or an input method's commit: raw bytes */
            size_t n = arg % 16;
            i++;
            if (n > size - i)
                n = size - i;
            char *chunk = fuzz_string(data + i, n);
            le_insert_utf8(&le, chunk);
            free(chunk);
            i += n;
            break;
        }
        default: {  /* a stored value loaded into the field */
            size_t n = arg % 32;
            i++;
            if (n > size - i)
                n = size - i;
            char *chunk = fuzz_string(data + i, n);
            enum le_status st = le_set_utf8(&le, chunk);
            loaded_long = st != LE_OK && st != LE_TOO_LONG;
            free(chunk);
            i += n;
            break;
        }
        }
        check_state(&le, loaded_long);
    }
    return 0;
}
