/* demo_loans.h — the demo's measure registers: 扶贫小额信贷 loans of
 * eight 在册 households at several banks, most running, some partly repaid,
 * one paid off, and one overdue (due 40 days before the day the demo is
 * built, a balance left) for `fupin check` and the ledger to show; and
 * 就业/培训 records (courses, jobs, a 公益性岗位, some still running) of
 * six others; 易地扶贫搬迁 moves (县城, 集镇, 中心村, 投亲靠友 — the last
 * over 人均25平方米) and 资产收益 shares with their yearly 分红 of others. */
#ifndef FUPIN_DEMO_LOANS_H
#define FUPIN_DEMO_LOANS_H
#include <stdint.h>
#include "db/db.h"

/* Run after demo_fill_plans. */
enum db_err demo_fill_loans(struct db *db, uint64_t seed);

#endif
