/* notice_export.h — the print-ready 公示名单 of a notice (the household card
 * is db/card_export.h), SPEC §6, written through core/xlsxout.h (title, header,
 * widths, 宋体, A4 landscape, repeated header, page footer, masking).
 * Exports never modify the database.  No curses. */
#ifndef FUPIN_NOTICE_EXPORT_H
#define FUPIN_NOTICE_EXPORT_H
#include <stdint.h>
#include "db/db.h"

/* 公示名单: 序号, 村民小组, 户主姓名, 家庭人口, 身份证号 (masked: the one
 * rule of core/idno.h), 贫困户属性, 主要致贫原因, 年人均纯收入, 备注; footer
 * lines 公示期 from–to (N 天), 张贴地点, 监督电话, 发布单位 and date.  Title
 * e.g. "古潭乡那门村2026年扶贫对象识别第一榜公示名单".  DB_ERR_NOTFOUND for an
 * unknown notice; DB_ERR_IO when the file cannot be written (db_errmsg). */
enum db_err notice_export(struct db *db, int64_t notice_id, const char *path);

#endif
