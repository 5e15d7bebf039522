/* bench_lineedit — cost of one keystroke in a form field: the edit plus the
 * le_view() the form redraws with.  1 000 000 synthetic keys (inserts, moves,
 * deletes) on a 30-character CJK field 20 columns wide, so the window scrolls
 * and meets double-width glyphs at its edges.  Prints
 * "lineedit: N ns/keystroke". */
#include "tui/lineedit.h"
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define KEYS 1000000

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    static const wchar_t hanzi[] = L"张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗";
    struct lineedit le;
    struct le_cell cells[LE_MAX_WIDTH];
    le_init(&le, 20, 30);
    le_set_utf8(&le, "阿卜杜·热合曼张三李四王五赵六陈七周八");

    uint32_t rng = 12345;
    long sink = 0;
    double t0 = now_ns();
    for (long i = 0; i < KEYS; i++) {
        rng = rng * 1664525u + 1013904223u;
        unsigned r = (rng >> 16) % 100;
        enum le_status st;
        if (r < 40) {
            st = le_key(&le, (wint_t)hanzi[(rng >> 8) % 20], 0);
            if (st == LE_FULL)
                st = le_key(&le, KEY_BACKSPACE, 1);
        } else if (r < 55) {
            st = le_key(&le, KEY_LEFT, 1);
        } else if (r < 70) {
            st = le_key(&le, KEY_RIGHT, 1);
        } else if (r < 80) {
            st = le_key(&le, KEY_BACKSPACE, 1);
        } else if (r < 90) {
            st = le_key(&le, KEY_DC, 1);
        } else if (r < 95) {
            st = le_key(&le, KEY_HOME, 1);
        } else {
            st = le_key(&le, KEY_END, 1);
        }
        int cur;
        sink += le_view(&le, cells, LE_MAX_WIDTH, &cur) + cur + (int)st;
    }
    double per = (now_ns() - t0) / KEYS;
    printf("lineedit: %.0f ns/keystroke\n", per);
    /* Printed to stderr so the optimiser cannot drop the work. */
    fprintf(stderr, "(checksum %ld, final length %d)\n", sink, le_length(&le));
    return 0;
}
