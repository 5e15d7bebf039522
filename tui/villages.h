/* villages.h — 贫困村管理 (menu V): the villages with 是否贫困村, 认定/出列
 * 年度, 出列进度 and 挂村单位; Enter opens a village: its register, the
 * year's figures (PgUp/PgDn another year), the 出列核查 computed live
 * (贫困发生率 from the register, the incomes against the year's lines, the
 * service items pre-filled from the surveys or confirmed), and the 出列
 * steps: F5 提出, F6 评议, F7 公示, F8 异议, F9 出列决定 (审核员). */
#ifndef FUPIN_VILLAGES_H
#define FUPIN_VILLAGES_H
#include "tui/app.h"

struct screen villages_screen(void);

#endif
