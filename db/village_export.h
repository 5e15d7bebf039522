/* village_export.h — the 贫困村 workbooks (issue 15 item 5), on the shared
 * writer (core/xlsxout.h) with the county conventions:
 *   贫困村名册: one row per 贫困村 under an area with 认定/出列年度, 挂村单位,
 *     the year's 户籍人口, 在册贫困人口, 贫困发生率, incomes and the items
 *     that do not pass;
 *   出列核查表: one village's checklist for a year (standard, actual,
 *     verdict, date of each item) and below it the 出列 steps (proposal and
 *     any override, 评议, 公示, decision).
 * An export never modifies the database.  Both return 0, or -1 with one
 * line "中文 (English)" in err. */
#ifndef FUPIN_VILLAGE_EXPORT_H
#define FUPIN_VILLAGE_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"

/* area NULL/"" = the whole file; year 0 = today's year.  *rows (may be NULL)
 * gets the villages written. */
int village_export_roster(struct db *db, const char *area, int year, const char *path,
                          int64_t *rows, char *err, size_t errsz);
int village_export_exit(struct db *db, const char *village, int year, const char *path,
                        char *err, size_t errsz);

#endif
