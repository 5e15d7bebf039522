/* registers.h — the paper forms of the measure registers (issue 16 part 2),
 * declared as the household forms are (forms/form.h): one line per box of
 * the paper, in its order.  The screens key them with subform_edit, the
 * store saves the struct the offsets point into. */
#ifndef FUPIN_FORMS_REGISTERS_H
#define FUPIN_FORMS_REGISTERS_H
#include <stddef.h>
#include "forms/form.h"

/* 扶贫小额信贷 登记 (struct loan, db/loans.h). */
extern const struct field LOAN_FIELDS[];
extern const size_t N_LOAN_FIELDS;
/* 还款登记 (struct loan_repayment). */
extern const struct field REPAY_FIELDS[];
extern const size_t N_REPAY_FIELDS;

/* 就业/培训 登记 (struct training, core/training.h). */
extern const struct field TRAINING_FIELDS[];
extern const size_t N_TRAINING_FIELDS;

/* 易地扶贫搬迁 登记 (struct relocation, core/relocation.h). */
extern const struct field RELOCATION_FIELDS[];
extern const size_t N_RELOCATION_FIELDS;
/* 资产收益扶贫 登记 (struct asset_share) and its 分红登记 (struct asset_dividend). */
extern const struct field SHARE_FIELDS[];
extern const size_t N_SHARE_FIELDS;
extern const struct field DIVIDEND_FIELDS[];
extern const size_t N_DIVIDEND_FIELDS;

#endif
