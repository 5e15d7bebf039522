/* exitview.h — 脱贫退出 (menu 7, Form G): registered and exiting households,
 * the 两不愁三保障 checks pre-filled from the data and confirmed by the clerk,
 * 脱贫途径; 返贫 of an exited household; 放弃帮扶声明.  The exit appraisal
 * is a 退出 meeting on the 村级评议 screen, the notices on 公示管理. */
#ifndef FUPIN_EXITVIEW_H
#define FUPIN_EXITVIEW_H
#include "tui/app.h"

struct screen exitview_screen(void);

#endif
