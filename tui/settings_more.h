/* settings_more.h — 基础设置's 更多设置 (M): the 帮扶规划 days and the
 * 防返贫监测 numbers, for the 管理员 (others get the refusal, not the screen). */
#ifndef FUPIN_TUI_SETTINGS_MORE_H
#define FUPIN_TUI_SETTINGS_MORE_H
#include "tui/app.h"

void settings_more_open(void);

#endif
