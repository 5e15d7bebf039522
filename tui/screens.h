/* screens.h — the constructors of the workstation's screens. */
#ifndef FUPIN_SCREENS_H
#define FUPIN_SCREENS_H
#include <stdint.h>
#include "tui/app.h"

struct screen menu_screen(void);
struct screen hhlist_screen(void);
struct screen settings_screen(void);
struct screen maint_screen(void);
/* A new application (Form A) for a new household. */
struct screen form_new_application(void);
/* A saved household's application (Form A) of its latest year, to correct it
 * (saved and audited like any save). */
struct screen form_open_application(int64_t household_id);
/* A household's survey (Form B), editable; year 0 = the latest. */
struct screen form_open_survey(int64_t household_id);
/* First-run setup on an empty database (area codes and names, operator).
 * Returns 0 when the user gave up (quit). */
int setup_if_needed(void);

#endif
