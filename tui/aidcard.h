/* aidcard.h — menu 5 帮扶记录卡 (Form E): pick a household, see its header
 * (户主, 户编号, 村, 贫困户属性, 帮扶责任人) and its card as a roster; Ins adds
 * an entry keyed from the paper card, Enter edits one not yet signed, F6 adds
 * a correction of a signed one (both stay on the card), F7 records the three
 * signatures, F8 assigns the helper, F9 exports the 帮扶台账.
 *
 * Also the small modal sub-form the assistance screens key records with. */
#ifndef FUPIN_AIDCARD_H
#define FUPIN_AIDCARD_H
#include <stddef.h>
#include "core/xlsxout.h"
#include "forms/form.h"
#include "tui/app.h"
#include "tui/ui.h"

struct screen aidcard_screen(void);
/* The card of one household directly (from another screen). */
struct screen aidcard_open(int64_t household_id);

/* F2's rules beyond each field's own: NULL to accept, or the message to
 * show, with *field_key (preset NULL) naming the field at fault. */
typedef const char *(*subform_validate)(void *rec, void *ud, const char **field_key);

/* Keys fields[0..n) of `rec` (a struct of recsz bytes) on a full-screen form
 * titled `title` with `header` lines above (may be NULL): Enter/Tab/↓ next,
 * ↑ previous, F4 code list, space toggles 是/否, F1 help, F2 saves, Esc
 * cancels (asks when changed).  Each field is keyed through fieldedit.h
 * (selection, auto-advance) and parsed by field_parse() on leaving it.
 * `validate` (may be NULL) runs on F2 after the required fields: a message
 * keeps the form open with the cursor on the field it names.  Returns 1
 * when saved (rec holds the values), 0 when cancelled (rec unchanged). */
int subform_edit(const char *title, const char *header, const struct field *fields, size_t n,
                 void *rec, size_t recsz, subform_validate validate, void *ud);

/* ---- what the three assistance lists (card, projects, helpers) share ---- */

/* Keeps *sel in [0, n) and on screen: *first is the first of `rows` lines. */
void alist_fit(int *sel, int *first, int n, int rows);
/* ↑ ↓ PgUp PgDn Home End (function-key codes) move *sel by one, a page of
 * `rows` or to either end;
 * 1 when ch was one of them. */
int alist_key(wint_t ch, int *sel, int n, int rows);
/* One list row at line y: cells[i] cropped/padded to widths[i] display
 * columns, side by side from column 0; a width of 0 takes the rest. */
void alist_row(int y, attr_t a, const char *const *cells, const int *widths, size_t n);
/* 1 when the key is Enter (either form ncurses gives). */
int alist_is_enter(int kind, wint_t ch);
/* F9 of the card and the project list: asks for the file (proposing
 * NAME_YYYYMMDD.xlsx), writes the ledger with progress on the status line
 * and says how many rows; fn is assist_export_ledger or _projects. */
typedef int (*alist_export_fn)(struct db *db, const char *area, int year, const char *path,
                               xo_progress_fn progress, void *pctx, int64_t *rows, char *err,
                               size_t errsz);
void alist_export(const char *name, const char *prompt, const char *area, alist_export_fn fn);

/* Asks for a household (name, pinyin initials, 4+ ID digits, 户编号) and
 * returns its id, or 0 when cancelled. */
int64_t aidcard_pick_household(const char *title);

#endif
