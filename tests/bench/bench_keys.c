/* bench_keys — what one keystroke costs in the form engine (SPEC §8: under
 * 200 000 instructions).  Usage: bench_keys DIR CYCLES [COLSxLINES]
 * Opens Form A on a fresh database with curses writing to /dev/null, then
 * feeds CYCLES rounds of 20 realistic keys (CJK typing, Backspace, cursor
 * moves, leaving the field — which parses it and writes the draft — and
 * coming back), each followed by a full redraw and refresh as in the real
 * loop.  Run under `valgrind --tool=callgrind` with CYCLES = 0 and = N: the
 * difference divided by 20·N is the instructions per keystroke. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <curses.h>
#include "db/settings.h"
#include "tui/app.h"
#include "tui/screens.h"

struct key { int kind; wint_t ch; };

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int cycles = atoi(argv[2]);
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    int cols = 100, lines = 30;
    if (argc > 3 && sscanf(argv[3], "%dx%d", &cols, &lines) != 2)
        return 2;
    char buf[16];
    snprintf(buf, sizeof buf, "%d", lines);
    setenv("LINES", buf, 1);
    snprintf(buf, sizeof buf, "%d", cols);
    setenv("COLUMNS", buf, 1);
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = newterm(NULL, out, in);
    if (!scr)
        return 3;
    set_term(scr);
    raw();
    noecho();
    keypad(stdscr, TRUE);

    char path[512], err[256];
    snprintf(path, sizeof path, "%s/bench_keys.db", argv[1]);
    remove(path);
    if (db_open(path, DB_CREATE, &app.db, err, sizeof err) != DB_OK)
        return 3;
    db_area_add(app.db, "450123", AREA_COUNTY, "隆安县", "", 0);
    db_area_add(app.db, "450123101", AREA_TOWNSHIP, "古潭乡", "450123", 0);
    db_area_add(app.db, "450123101001", AREA_VILLAGE, "那门村", "450123101", 0);
    snprintf(app.operator_name, sizeof app.operator_name, "李文");
    app_reload_settings();
    struct screen s = form_new_application();
    /* Down to 户主姓名 (the 4th field). */
    static const struct key to_name[] = { { OK, '\n' }, { OK, '\n' }, { OK, '\n' } };
    static const struct key cycle[] = {
        { OK, L'覃' }, { OK, L'明' }, { OK, L'华' }, { OK, L'阿' }, { OK, L'·' },
        { KEY_CODE_YES, KEY_BACKSPACE }, { KEY_CODE_YES, KEY_BACKSPACE },
        { KEY_CODE_YES, KEY_LEFT }, { KEY_CODE_YES, KEY_HOME }, { KEY_CODE_YES, KEY_END },
        { OK, L'丽' }, { KEY_CODE_YES, KEY_LEFT }, { KEY_CODE_YES, KEY_RIGHT },
        { OK, '\n' },                       /* leave: parse + draft write */
        { KEY_CODE_YES, KEY_UP },           /* back to the name */
        { KEY_CODE_YES, KEY_END }, { KEY_CODE_YES, KEY_BACKSPACE },
        { KEY_CODE_YES, KEY_BACKSPACE }, { KEY_CODE_YES, KEY_BACKSPACE },
        { KEY_CODE_YES, KEY_BACKSPACE },
    };
    /* The screen goes on the workstation's stack and every key is followed by
     * app_draw() + refresh(), exactly as the main loop in tui/app.c does. */
    app_push(s);
    app_draw();
    refresh();
    for (size_t i = 0; i < sizeof to_name / sizeof *to_name; i++)
        s.key(s.self, to_name[i].kind, to_name[i].ch);
    long keys = 0;
    for (int c = 0; c < cycles; c++)
        for (size_t i = 0; i < sizeof cycle / sizeof *cycle; i++) {
            s.key(s.self, cycle[i].kind, cycle[i].ch);
            app_draw();
            refresh();
            keys++;
        }
    s.close(s.self);
    endwin();
    delscreen(scr);
    db_close(app.db);
    fclose(out);
    fclose(in);
    printf("keys: %ld\n", keys);
    return 0;
}
