/* demo_flow.c — the demo's 减贫任务 (db/demo_flow.h). */
#include "db/demo_flow.h"
#include <stdio.h>
#include "core/clock.h"

enum db_err demo_fill_flow_targets(struct db *db)
{
    char today[11], sql[1024];
    clock_today(today);
    /* Per area (county 6, township 9, village 12 digits): a third of the
     * registered and exited households with their members, rounded up. */
    snprintf(sql, sizeof sql,
             "INSERT OR IGNORE INTO flow_targets(area, year, households, people)"
             " SELECT a.code, %.4s, (count(DISTINCT h.id) + 2) / 3, (count(m.id) + 2) / 3"
             " FROM areas a JOIN households h ON substr(h.village, 1, length(a.code)) = a.code"
             " AND h.deleted = 0 AND h.state IN (8, 11, 12, 13, 14, 15, 16)"
             " LEFT JOIN members m ON m.household_id = h.id AND m.deleted = 0"
             " GROUP BY a.code", today);
    return db_exec(db, sql, "演示减贫任务");
}
