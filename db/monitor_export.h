/* monitor_export.h — 监测对象名单 (issue 15 item 5): one row per monitoring
 * record (监测中 and 已消除; proposals still 待研判 are not on it), households
 * in DB_HH_ORDER, then a 合计 row; on the shared writer (core/xlsxout.h)
 * with the county conventions.  Read-only. */
#ifndef FUPIN_MONITOR_EXPORT_H
#define FUPIN_MONITOR_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/monitor.h"
#include "core/xlsxout.h"
#include "db/db.h"

/* Writes the list of `area` (a village, township or county code; NULL/""
 * = all) to path; year is ignored (the signature of the ledgers, so the
 * export screen and the CLI run it alike).  *rows gets the records written.
 * 0, or -1 with one line "中文 (English)" in err. */
int monitor_export(struct db *db, const char *area, int year, const char *path,
                   xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

/* 帮扶措施 as one text: the codes' labels joined by 、, then the keyed text
 * after ；.  The list screen and the export alike. */
void monitor_measures_text(const struct monitor_record *r, char *out, size_t outsz);

#endif
