/* notices.h — 公示管理 (menu 4): draft a notice for a round and area, edit its
 * list before posting, post it (the list freezes), key objections and their
 * resolution, record 回访核查, close the round after its end date, see each
 * notice's calendar (posted, ends, days left), export the 公示名单. */
#ifndef FUPIN_NOTICES_H
#define FUPIN_NOTICES_H
#include <stdint.h>
#include "tui/app.h"

/* The notice list screen (push it from the main menu). */
struct screen notices_screen(void);
/* Opens one notice's screen (a village exit's 公示 from 贫困村管理). */
void notices_open(int64_t id);
/* A dialog with the household's state history, the notices it appeared on
 * and the objections against it (for the household screen). */
void notices_show_household(int64_t household_id);

#endif
