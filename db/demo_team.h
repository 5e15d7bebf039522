/* demo_team.h — the 驻村工作队 of `fupin demo` (issue 15 item 2): every
 * village gets a team sent by county units (a 队长 who is also 第一书记 in
 * some villages, a separate 第一书记 in others, one or two 队员), one
 * village a leader handed over last year, the last village a leader who left
 * 40 days ago with nobody yet (the screen's warning), a few 走访 entries per
 * village and a correction; confirmed aid entries name the 队长 who signed
 * where one served that day (older entries keep the yes/no only).
 * Reproducible for a seed. */
#ifndef FUPIN_DEMO_TEAM_H
#define FUPIN_DEMO_TEAM_H
#include <stdint.h>
#include "db/db.h"

/* Run after demo_fill_assist, in one transaction. */
enum db_err demo_fill_team(struct db *db, uint64_t seed);

#endif
