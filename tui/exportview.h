/* exportview.h — the 报表导出 screen (main menu 8): pick an export (花名册,
 * 汇总表, … from one table in exportview.c), the area (and for the roster the
 * status), the output file (default: beside the database, named with the
 * area and date), then a progress bar while the file is written and its path. */
#ifndef FUPIN_EXPORTVIEW_H
#define FUPIN_EXPORTVIEW_H
#include <stddef.h>
#include "tui/app.h"

struct screen exportview_screen(void);

#endif
