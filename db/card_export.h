/* card_export.h — the household card (户表), SPEC §6, written through
 * core/xlsxout.h.  Exports never modify the database.  No curses. */
#ifndef FUPIN_CARD_EXPORT_H
#define FUPIN_CARD_EXPORT_H
#include <stdint.h>
#include "db/db.h"

/* 户表: sheet 户表 (household, application, survey: conditions and income,
 * helper), sheet 家庭成员 (full IDs: an internal record), sheet 帮扶记录 (aid
 * entries), sheet 状态记录 (the whole state history and the notices). */
enum db_err card_export(struct db *db, int64_t household_id, const char *path);

#endif
