/* dividends.h — the 资产收益扶贫 register's store (issue 16 part 2): a
 * household's shares (core/dividends.h struct asset_share) and their 分红,
 * one per year.  Every save runs the CS_DIVIDEND checks first (a refusal
 * names the field); one transaction; soft delete; audited. */
#ifndef FUPIN_DB_DIVIDENDS_H
#define FUPIN_DB_DIVIDENDS_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/dividends.h"
#include "db/db.h"
#include "db/registers.h"

/* The checks' view of a share (and a dividend of it, NULL = none; dup: the
 * share already has one for that year). */
void dividend_facts_of(const struct asset_share *s, const struct asset_dividend *d, int dup,
                       struct dividend_facts *out);
/* Saves a share (new when s->id is 0); refused when a dividend already
 * recorded would fall before a later 入股年份. */
enum db_err db_share_save(struct db *db, const struct check_ctx *cc, struct asset_share *s);
/* Shares (struct asset_share, paid and last_year filled) of one household
 * or an area (NULL/"" = the file), in DB_HH_ORDER; fn non-zero stops. */
enum db_err db_shares_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud);
/* Soft-deletes a share (its dividends are read through it). */
enum db_err db_share_delete(struct db *db, int64_t id);
/* Records a year's 分红; *id (may be NULL) gets its id. */
enum db_err db_dividend_add(struct db *db, const struct check_ctx *cc, int64_t share_id,
                            const struct asset_dividend *d, int64_t *id);
/* A share's dividends by year. */
enum db_err db_share_dividends(struct db *db, int64_t share_id, struct asset_dividend *out, size_t max, size_t *n);

/* 最近分红年度 as a cell: blank when none yet. */
void share_cell_last_year(const void *rec, const struct check_ctx *cc, struct reg_cell *out);

#endif
