/* operators_view.h — 操作员管理 (管理员 only): add, change role, reset
 * password, disable or enable.  Never deletes: the audit names them. */
#ifndef FUPIN_OPERATORS_VIEW_H
#define FUPIN_OPERATORS_VIEW_H
#include "tui/app.h"

/* The screen; for anyone below 管理员 it is not opened: the refusal is
 * shown and 0 returned. */
int operators_view_open(void);

#endif
