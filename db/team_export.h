/* team_export.h — the 驻村工作队花名册 (issue 15 item 5): one row per team
 * member of the villages under an area, in the list's order (village, 队长
 * first, start date), with 村, 姓名, 性别, 身份证号, 派出单位, 职务, 队内职务
 * (队长 / 第一书记 / 队员), 联系电话, 驻村起止 and 走访次数; a line under the
 * table for each village that lacks a 队长 some day (core/team.h).  An
 * internal roster: ID numbers and phones in full, as text.  Written through
 * core/xlsxout.h; never modifies the database. */
#ifndef FUPIN_TEAM_EXPORT_H
#define FUPIN_TEAM_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"

/* Writes the roster of the teams under `area` (a village, township or
 * county code; NULL/"" = the whole file) to path.  `year` (0 = all) keeps
 * the members serving some day of that year.  *rows (may be NULL) gets the
 * member rows.  Returns 0, or -1 with one line "中文 (English)" in err.
 * The signature is the other ledgers' (tui/aidcard.h alist_export_fn). */
int team_export_roster(struct db *db, const char *area, int year, const char *path,
                       xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

#endif
