/* flowview.h — 统计报表 (main menu R, issue 16 item 1): the 贫困人口动态统计
 * of a month, quarter or year (F2, typed 2026-11 / 2026-Q3 / 2026; today's
 * month at first) for the whole file or a township or village (F3), as the
 * 乡镇表 or the 村表 (F4): one row per township or village and 合计, the
 * households' and people's 期初, flows and 期末, the year's 减贫任务 against
 * the exits so far, 帮扶资金, and whether each row reconciles (平衡).  ←→
 * scroll the columns, ↑↓ the rows; F5 sets the selected area's 减贫任务 of
 * the period's year (the store decides who may); F9 exports the workbook.
 * Every count and rule is db/flow_report.h's and core/flow.h's. */
#ifndef FUPIN_TUI_FLOWVIEW_H
#define FUPIN_TUI_FLOWVIEW_H
#include "tui/app.h"

struct screen flowview_screen(void);

#endif
