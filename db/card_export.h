/* card_export.h — the household card 户有卡 (SPEC §6): what a household keeps
 * at home and the village prints for its file ("户有卡、村有册").
 *
 * One A4 portrait sheet per household (two pages at most), written through
 * core/xlsxout.h's free-form sheet: household and members, the year's income
 * against the year's 贫困线, the helper (unit, phone), the year's aid entries,
 * the household's projects, its state history and notices, and a signature
 * block (户主, 帮扶责任人, 村委会 with date lines).  A household never
 * surveyed shows blank values and 未调查 — never 0.00 or 否.  Labels come from
 * the form declarations (forms/), code lists (core/codes.h) and state labels
 * (core/workflow.h).  Exports never modify the database.  No curses. */
#ifndef FUPIN_CARD_EXPORT_H
#define FUPIN_CARD_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"

/* Longest lists a card prints, so that it stays within two pages; the rest
 * is counted in a line under the list ("另有 N 条…"). */
#define CARD_MAX_AID     15     /* the year's aid entries (the latest) */
#define CARD_MAX_HISTORY 12     /* state moves (the latest) */
#define CARD_MAX_PROJECTS 8     /* projects (the latest) */

/* The card of household_id as of `year` (0 = today's year: the survey of
 * that year or the latest before it, that year's aid entries) to `path`.
 * DB_ERR_NOTFOUND for an unknown or deleted household; DB_ERR_IO when the
 * file cannot be written (db_errmsg says why). */
enum db_err card_export(struct db *db, int64_t household_id, int year, const char *path);

/* Every household of `village` (a village code) whose state's bit is set in
 * `states` (bit s = 1u << enum wf_state; 0 = the register, 在册 and 已脱贫),
 * one sheet each, named by 户编号 (the head's name when there is none), in
 * 户编号 order.  *n (may be NULL) gets the number of cards.  DB_ERR_NOTFOUND
 * when the village is unknown or has no such household. */
enum db_err card_export_village(struct db *db, const char *village, uint32_t states, int year,
                                const char *path, int *n);

/* The household whose 户编号 is `hh_no` (spaces ignored), not deleted;
 * DB_ERR_NOTFOUND when none. */
enum db_err card_household_by_no(struct db *db, const char *hh_no, int64_t *id);

/* A file name for a household's card: "<dir>/户有卡_<户编号 or head>_<village
 * name>_<YYYYMMDD>.xlsx" (dir NULL/"" = none). */
void card_default_name(struct db *db, int64_t household_id, const char *dir, char *out, size_t outsz);

#endif
