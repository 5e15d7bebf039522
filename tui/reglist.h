/* reglist.h — the list screen every measure register (menu M) has, driven
 * by a small table: its columns (db/registers.h struct reg_col, the
 * screen's width each), how to read it, the paper form it is keyed on, and
 * the store's save and delete.  Keys: Ins keys a record for a household
 * (picked first), Enter corrects the selected one, Del deletes it (soft,
 * asked with Enter = 否), F9 exports the ledger, F1 help, Esc back; `key`
 * adds a register's own (小额信贷's F5/F6 repayments). */
#ifndef FUPIN_TUI_REGLIST_H
#define FUPIN_TUI_REGLIST_H
#include <stddef.h>
#include "db/registers.h"
#include "forms/form.h"
#include "tui/aidcard.h"
#include "tui/app.h"

struct reglist;

struct reglist_def {
    const char *title;          /* "扶贫小额信贷 登记簿" */
    const char *unit;           /* "笔": 共 N 笔 */
    const char *empty;          /* shown on an empty register */
    const char *keybar;
    const char *help;           /* F1 */
    const struct reg_col *cols;
    size_t ncols;
    size_t rec_size;            /* sizeof the record (≤ REGLIST_MAX_REC) */
    register_each_fn each;
    /* keying */
    const struct field *fields;
    const size_t *nfields;
    const char *new_title, *edit_title, *pick_title;
    const char *limits;         /* the form's last header line */
    void (*init)(void *rec, const char *today);     /* a new record's defaults (ids are set) */
    enum db_err (*save)(struct db *db, const struct check_ctx *cc, void *rec);
    enum db_err (*del)(struct db *db, int64_t id);
    /* "已保存…" after a save (1: it carries a check's warning, shown so);
     * the question before a delete. */
    int (*saved)(const void *rec, const struct check_ctx *cc, char *msg, size_t msgsz);
    void (*ask_delete)(const void *rec, const struct loan_info *info, char *q, size_t qsz);
    /* May be NULL: 1 shows the row in the warning colour (逾期). */
    int (*warn)(const void *rec, const struct check_ctx *cc);
    /* May be NULL: a function key of the register's own; 1 = taken. */
    int (*key)(struct reglist *s, wint_t ch);
    const char *export_name;    /* F9: "小额信贷台账" */
    alist_export_fn export_fn;
};

#define REGLIST_MAX_REC 1024

struct screen reglist_screen(const struct reglist_def *def);
/* For a register's own keys: the selected record (NULL when none) and its
 * household; reload re-reads the list keeping `select` (an id) selected. */
const void *reglist_selected(const struct reglist *s, const struct loan_info **info);
const struct check_ctx *reglist_ctx(const struct reglist *s);
void reglist_reload(struct reglist *s, int64_t select);
/* F5 of a register whose records have sub-records (还款, 分红): keys `rec`
 * (recsz bytes) on the sub-form and saves it through save(db, cc, rec); a
 * refusal keeps the form open on the field.  1 when saved (the list is
 * re-read, the record it belongs to still selected). */
typedef enum db_err (*reglist_sub_save)(struct db *db, const struct check_ctx *cc, const void *rec);
int reglist_sub_edit(struct reglist *s, const char *title, const char *head, const struct field *fields, size_t n,
                     void *rec, size_t recsz, reglist_sub_save save);
/* A register form's header: the household, its members by number (the
 * form keys one by it), and `limits`. */
void reglist_member_header(int64_t household_id, const char *limits, char *out, size_t outsz);

#endif
