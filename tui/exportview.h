/* exportview.h — the 报表导出 screen (main menu 8): pick an export (花名册,
 * 汇总表, … from one table in exportview.c), the area (and for the roster the
 * status), the output file (default: beside the database, named with the
 * area and date), then a progress bar while the file is written and its path. */
#ifndef FUPIN_EXPORTVIEW_H
#define FUPIN_EXPORTVIEW_H
#include <stddef.h>
#include "tui/app.h"

struct screen exportview_screen(void);
/* Picks an area from the county, its townships and villages (indented, in
 * code order; digits filter by code, letters by pinyin initials), item 0
 * being all_label.  Sets code ("" for item 0) and label ("名称 (代码)" or
 * "全部"); 0 when cancelled (both unchanged). */
int export_pick_area(const char *title, const char *all_label, char *code, size_t codesz, char *label,
                     size_t labelsz);

#endif
