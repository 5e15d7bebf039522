/* auditview.h — the 审计记录 screen (数据维护): the audit log, read only. */
#ifndef FUPIN_AUDITVIEW_H
#define FUPIN_AUDITVIEW_H
#include "tui/app.h"

/* 1 when the current operator may open the audit screen. */
int auditview_allowed(void);
struct screen auditview_screen(void);

#endif
