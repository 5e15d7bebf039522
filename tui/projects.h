/* projects.h — menu 6 项目管理 (Form F): every project with 已拨付, 阶段 and
 * 核验状态 (逾期 flagged); Ins adds one for a household; Enter offers the
 * next steps (评议, 审定, 公示, 开工, 拨付, 申请验收, 三级核验, 拨付记录), each
 * refused with the rule and the numbers when out of order; F9 exports the
 * 项目台账. */
#ifndef FUPIN_TUI_PROJECTS_H
#define FUPIN_TUI_PROJECTS_H
#include "tui/app.h"

struct screen projects_screen(void);

#endif
