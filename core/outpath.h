/* outpath.h — where an export or a backup went, said the same way by every
 * screen and command: "已导出花名册 12 人：/home/村/数据/花名册.xlsx".
 * The full path, so the clerk (or the IT person reading a script's log)
 * finds the file whatever folder the program was started from.  No curses. */
#ifndef FUPIN_OUTPATH_H
#define FUPIN_OUTPATH_H
#include <stddef.h>

/* The absolute path of `path`: realpath() when the file exists (./, ../ and
 * links resolved), else the current directory joined with a relative path. */
void outpath_full(const char *path, char *out, size_t outsz);

/* The one message after an export or a backup: "<done>：<full path>", e.g.
 * done = "已导出公示名单", "已备份数据库". */
void outpath_message(const char *done, const char *path, char *out, size_t outsz);

#endif
