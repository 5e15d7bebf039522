/* audit_changes.h — an audit row as the clerk reads it: one line per column
 * that the change touched, under the paper form's label, with codes by name,
 * money in 元 and 是/否, instead of the stored JSON image. */
#ifndef FUPIN_AUDIT_CHANGES_H
#define FUPIN_AUDIT_CHANGES_H
#include <stddef.h>
#include "db/audit.h"

struct audit_change {
    char label[64];         /* the form's label, else the column's name */
    char before[256];       /* "" for an insert */
    char after[256];        /* "" for a delete */
};

/* The columns entry e changed: an update's changed columns, an insert's or a
 * delete's non-empty ones, in the order the record lists them.  *out is
 * malloc'd (free it); DB_OK with *n == 0 when there is nothing to show. */
enum db_err audit_changes(struct db *db, struct audit_entry *e, struct audit_change **out,
                          size_t *n);

/* The label the audit screen gives column `key` of table `tbl`; NULL when
 * it has none and would show the bare column name. */
const char *audit_column_label(const char *tbl, const char *key);

/* "标签 原值→新值; ..." in one line, cut to outsz at a character boundary. */
void audit_changes_line(const struct audit_change *c, size_t n, const char *action,
                        char *out, size_t outsz);

#endif
