/* team.h — menu item 驻村工作队: pick a village, see its team (姓名, 队内职务,
 * 派出单位, 职务, 电话, 驻村期间) with the 队长 warning of core/team.h; Ins
 * adds a member, Enter edits one, Del removes one keyed by mistake, F5 opens
 * the village's 走访记录 (Ins adds a visit: date and notes, then who — from
 * the members serving that day — and the households, ticked from the
 * village's; F6 corrects an entry, both stay), F9 exports the 花名册. */
#ifndef FUPIN_TUI_TEAM_H
#define FUPIN_TUI_TEAM_H
#include <stdint.h>
#include "tui/app.h"

struct screen team_screen(void);

/* The aid card's 工作队长签字: the clerk picks who signed from the team of
 * `village` serving on `date` (队长 first).  Returns the member's id, or 0
 * when the village has no team that day or the clerk pressed Esc (the entry
 * then keeps 是 without a name, as entries before teams were kept). */
int64_t team_pick_signer(const char *village, const char *date);
/* "李明" for a member id ("" for 0 or unknown), into out. */
void team_member_name(int64_t id, char *out, size_t outsz);

#endif
