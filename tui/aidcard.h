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
#include "forms/form.h"
#include "tui/app.h"

struct screen aidcard_screen(void);
/* The card of one household directly (from another screen). */
struct screen aidcard_open(int64_t household_id);

/* Keys fields[0..n) of `rec` (a struct of recsz bytes) on a full-screen form
 * titled `title` with `header` lines above (may be NULL): Enter/Tab/↓ next,
 * ↑ previous, F4 code list, space toggles 是/否, F2 saves, Esc cancels (asks
 * when changed).  Each field is parsed by field_parse() on leaving it.
 * `validate` (may be NULL) runs on F2: return NULL to accept, or a message to
 * show (the form stays).  Returns 1 when saved (rec holds the values), 0 when
 * cancelled (rec unchanged). */
int subform_edit(const char *title, const char *header, const struct field *fields, size_t n,
                 void *rec, size_t recsz, const char *(*validate)(void *rec, void *ud), void *ud);

/* Asks for a household (name, pinyin initials, 4+ ID digits, 户编号) and
 * returns its id, or 0 when cancelled. */
int64_t aidcard_pick_household(const char *title);

#endif
