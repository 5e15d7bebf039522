/* Reading exports back in the unit tests: tests/xlsx_read.py (openpyxl, run
 * by /usr/bin/python3) dumps a workbook as one fact per line. */
#ifndef FUPIN_TEST_EXPORT_UTIL_H
#define FUPIN_TEST_EXPORT_UTIL_H

/* The dump of `path` (all sheets), malloc'd; NULL when the reader failed (the
 * reason is printed to stderr).  Run from the source tree's root, as
 * tests/run.sh does. */
char *xr_dump(const char *path);
/* 1 when `needle` occurs in the dump (a whole fact or a prefix of one). */
int xr_has(const char *dump, const char *needle);

#endif
