/* helpers.h — the 帮扶责任人 registry screen (list, Ins add, Enter edit, F5
 * their households now and before) and the assignment dialog the card uses. */
#ifndef FUPIN_TUI_HELPERS_H
#define FUPIN_TUI_HELPERS_H
#include <stdint.h>
#include "tui/app.h"

struct screen helpers_screen(void);
/* Shows the household's helpers over time and offers to assign one (picked
 * from the registry, or a new one keyed on the spot) from a date; the old
 * assignment ends that day, history kept.  Returns 1 when assigned. */
int helpers_assign_dialog(int64_t household_id);

#endif
