/* registers.h — what the measure registers (issue 16 part 2: 小额信贷,
 * 资产收益, 就业/培训, 易地搬迁) share: one row per record of a household,
 * read in DB_HH_ORDER with where the household is, and the columns their
 * screens, ledgers and the 户有卡 show, declared once per register as
 * values read out of the record (struct reg_value).  Every register record
 * begins with `int64_t id; int64_t household_id;` (reg_id reads them). */
#ifndef FUPIN_DB_REGISTERS_H
#define FUPIN_DB_REGISTERS_H
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "core/checks.h"
#include "core/codes.h"
#include "core/household.h"
#include "core/xlsxout.h"
#include "db/assist.h"
#include "db/db.h"

/* Where a record's household is, for lists and ledgers. */
struct loan_info {
    char village_name[TEXT_BYTES(30)];
    char hh_no[HH_NO_LEN + 1];
    char head_name[TEXT_BYTES(NAME_CHARS)];
};

/* A register's walk: every record of one household (household_id > 0),
 * else of an area (NULL/"" = the file), in DB_HH_ORDER; fn non-zero stops. */
typedef int (*register_row_fn)(void *ud, const void *rec, const struct loan_info *info);
typedef enum db_err (*register_each_fn)(struct db *db, int64_t household_id, const char *area,
                                        register_row_fn fn, void *ud);

/* The record's id and household (the two leading members). */
int64_t reg_id(const void *rec);
int64_t reg_household(const void *rec);

/* One cell's value: nothing, a number (fen, ×100, count) or text. */
struct reg_cell {
    enum { RC_BLANK, RC_NUM, RC_TEXT } kind;
    int64_t num;
    const char *text;       /* into the record, a label, or buf */
    char buf[96];
};

/* Where a column's value comes from. */
enum reg_src {
    RV_SEQ,         /* 序号: the row's place in the ledger */
    RV_VILLAGE, RV_HH_NO, RV_HEAD,  /* the household's (struct loan_info) */
    RV_TEXT,        /* char[] at off; `empty` when "" */
    RV_INT,         /* int at off */
    RV_I64,         /* int64_t (money_t) at off */
    RV_CODE,        /* int code of `list` at off, shown by its label */
    RV_FN           /* computed by fn */
};
struct reg_value {
    enum reg_src src;
    size_t off;
    enum codelist list;
    const char *empty;
    void (*fn)(const void *rec, const struct check_ctx *cc, struct reg_cell *out);
};
#define RV_AT(kind, type, member) { kind, offsetof(type, member), CL_NONE, NULL, NULL }

/* A column of a register's screen or ledger: its head, how the number is
 * shown (XO_MONEY: fen as 元; XO_PERCENT: ×100 as %; XO_DATE: text), its
 * width on the screen (0 = the rest), and in the ledger's 合计 row: `sum`
 * adds the column, `tally` counts the rows whose cell reads so ("逾期 3 笔"). */
struct reg_col {
    const char *title;
    enum xo_kind kind;
    int width;
    struct reg_value v;
    int sum;
    const char *tally;
};

/* The cell of column c for a record (seq: the 序号). */
void reg_cell_get(const struct reg_col *c, const void *rec, const struct loan_info *info,
                  const struct check_ctx *cc, int64_t seq, struct reg_cell *out);
/* The same as the screen shows it: money as "1234.50", % as "4.35%". */
const char *reg_cell_text(const struct reg_col *c, const void *rec, const struct loan_info *info,
                          const struct check_ctx *cc, struct reg_cell *cell);

/* A register's ledger: one sheet, one row per record, a 合计 row. */
struct reg_ledger {
    const char *sheet;      /* "小额信贷台账" */
    const char *title;      /* after the area: "扶贫小额信贷台账" */
    const char *unit;       /* what a row is: "笔", "条", "户" */
    const struct reg_col *cols;
    size_t ncols;
    int key_cols;           /* columns frozen at the left */
    register_each_fn each;
};
/* Writes the ledger of `area` (NULL/"" = the file) to path through
 * export_write_book; *rows (may be NULL) gets the data rows.  0, or -1
 * with one line "中文 (English)" in err. */
int reg_export_ledger(const struct reg_ledger *l, struct db *db, const char *area, const char *path,
                      xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

/* Steps a register's INSERT (*id 0: gets the new row's id) or UPDATE (no
 * row changed: DB_ERR_NOTFOUND "该记录已不在登记簿中"); `what` words a
 * failure ("保存易地搬迁记录"). */
enum db_err reg_step_write(struct db *db, sqlite3_stmt *st, int64_t *id, const char *what);
/* write(db, rec, arg) in one transaction; the record's id (its leading
 * member) is put back when it fails, so a retried save inserts again. */
typedef enum db_err (*reg_write_fn)(struct db *db, void *rec, int64_t arg);
enum db_err reg_save_tx(struct db *db, void *rec, reg_write_fn write, int64_t arg);
/* The household's members now (not deleted). */
enum db_err reg_member_count(struct db *db, int64_t household_id, int *n);
/* A register's rules over every record of the file, for `fupin check`:
 * each result goes to fn (may be NULL) with the subject "户主 X 户编号 N
 * <what> <the date at date_off>"; counts as db_assist_check_all. */
struct reg_checks {
    const char *what;       /* "易地搬迁" */
    size_t date_off;        /* the record's char[] that dates it */
    register_each_fn each;
    size_t (*run)(struct db *db, const struct check_ctx *cc, const void *rec, struct check_result *out, size_t max);
};
enum db_err reg_check_all(struct db *db, const struct reg_checks *rc, const struct check_ctx *cc,
                          assist_check_fn fn, void *ud, size_t *errors, size_t *warnings);
/* The first CHECK_ERROR of results as the db's error naming its field. */
enum db_err reg_refuse(struct db *db, const struct check_result *rs, size_t n);
/* Soft-deletes row id of `table` (a register's) in one statement; `what`
 * words the failure ("删除易地搬迁记录"). */
enum db_err reg_soft_delete(struct db *db, const char *table, int64_t id, const char *what);

#endif
