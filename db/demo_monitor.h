/* demo_monitor.h — 防返贫监测 in the demo (issue 15 item 4): exited
 * households whose re-surveyed income fell (below the line, within the
 * margin), one whose member fell seriously ill (accepted, measures keyed),
 * one open five months without measures (`fupin check` warns), one closed
 * by 风险消除, one dismissed with a reason; 突发事件 on never-registered
 * households (one proposed, one below the loss threshold, one accepted),
 * and a 边缘易致贫户 keyed by hand.  Reproducible for a seed. */
#ifndef FUPIN_DEMO_MONITOR_H
#define FUPIN_DEMO_MONITOR_H
#include <stdint.h>
#include "db/db.h"

/* Run after demo_fill_assist, in one transaction; dates before today. */
enum db_err demo_fill_monitor(struct db *db, uint64_t seed);

#endif
