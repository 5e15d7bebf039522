/* relocation.h — the 易地扶贫搬迁 register's store (issue 16 part 2): one
 * row per move of a household (core/relocation.h).  A save counts the
 * household's members and runs the CS_RELOCATION checks first: an error
 * refuses (naming the field), the 人均面积 warning does not (the caller
 * words it with db_relocation_warning).  One transaction; soft delete;
 * audited. */
#ifndef FUPIN_DB_RELOCATION_H
#define FUPIN_DB_RELOCATION_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/relocation.h"
#include "db/assist.h"
#include "db/db.h"
#include "db/registers.h"

/* Saves a record (new when rl->id is 0); rl->members gets the count. */
enum db_err db_relocation_save(struct db *db, const struct check_ctx *cc, struct relocation *rl);
/* Records (struct relocation, `members` filled) of one household or an
 * area (NULL/"" = the file), in DB_HH_ORDER then date; fn non-zero stops. */
enum db_err db_relocations_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud);
enum db_err db_relocation_delete(struct db *db, int64_t id);
/* The first CS_RELOCATION warning of a record as one line into out ("" =
 * none); 1 when there is one. */
int db_relocation_warning(const struct check_ctx *cc, const struct relocation *rl, char *out, size_t outsz);
/* 人均住房面积 (㎡ ×100) of a record; 0 when nobody moved. */
int64_t relocation_area_per_person(const struct relocation *rl);
/* CS_RELOCATION over every record of the file, for `fupin check` (a
 * household that lost members since may now fail RELOC_PEOPLE; the 人均面积
 * warning); counts as db_assist_check_all. */
enum db_err db_relocation_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn, void *ud,
                                    size_t *errors, size_t *warnings);
void relocation_cell_per_person(const void *rec, const struct check_ctx *cc, struct reg_cell *out);

#endif
