/* relocation.c — the 易地扶贫搬迁 register's store (db/relocation.h). */
#include "db/relocation.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "db/assist.h"
#include "db/operators.h"
#include "db/record.h"


static enum db_err write_relocation(struct db *db, void *rec, int64_t unused)
{
    (void)unused;
    struct relocation *rl = rec;
    sqlite3_stmt *st = db_stmt(db, rl->id
        ? "UPDATE relocations SET from_addr = ?2, site = ?3, moved_on = ?4, mode = ?5, people = ?6, area = ?7, "
          "subsidy = ?8, note = ?9, updated_at = " DB_STAMP_NOW " WHERE id = ?10 AND household_id = ?1 AND deleted = 0"
        : "INSERT INTO relocations(household_id, from_addr, site, moved_on, mode, people, area, subsidy, note) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, rl->household_id);
    sqlite3_bind_text(st, 2, rl->from_addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rl->site, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, rl->moved_on, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, rl->mode);
    sqlite3_bind_int(st, 6, rl->people);
    sqlite3_bind_int64(st, 7, rl->area);
    sqlite3_bind_int64(st, 8, rl->subsidy);
    sqlite3_bind_text(st, 9, rl->note, -1, SQLITE_STATIC);
    if (rl->id)
        sqlite3_bind_int64(st, 10, rl->id);
    return reg_step_write(db, st, &rl->id, "保存易地搬迁记录");
}

enum db_err db_relocation_save(struct db *db, const struct check_ctx *cc, struct relocation *rl)
{
    if (db_require_role(db, ROLE_CLERK, "登记易地搬迁") != DB_OK)
        return DB_ERR_DENIED;
    char d[11];
    if (date_normalise(rl->moved_on, d))
        snprintf(rl->moved_on, sizeof rl->moved_on, "%s", d);
    enum db_err err = reg_member_count(db, rl->household_id, &rl->members);
    if (err != DB_OK)
        return err;
    struct check_result rs[8];
    if ((err = reg_refuse(db, rs, checks_run_relocation(cc, rl, rs, 8))) != DB_OK)
        return err;
    return reg_save_tx(db, rl, write_relocation, 0);
}

enum db_err db_relocations_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT r.id, r.household_id, r.from_addr, r.site, r.moved_on, r.mode, r.people, r.area, r.subsidy, "
        "r.note, (SELECT count(*) FROM members m WHERE m.household_id = r.household_id AND m.deleted = 0), "
        "ifnull(v.name, ''), ifnull(h.hh_no, ''), h.head_name "
        "FROM relocations r JOIN households h ON h.id = r.household_id "
        "LEFT JOIN areas v ON v.code = h.village WHERE r.deleted = 0 AND h.deleted = 0 "
        "AND (?1 = 0 OR r.household_id = ?1) AND (?2 = '' OR h.village LIKE ?2 || '%') "
        "ORDER BY" DB_HH_ORDER("h") ", r.moved_on, r.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_TRANSIENT);
    struct relocation rl;
    struct loan_info info;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&rl, 0, sizeof rl);
        rl.id = sqlite3_column_int64(st, 0);
        rl.household_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, rl.from_addr, sizeof rl.from_addr);
        db_col_text(st, 3, rl.site, sizeof rl.site);
        db_col_text(st, 4, rl.moved_on, sizeof rl.moved_on);
        rl.mode = sqlite3_column_int(st, 5);
        rl.people = sqlite3_column_int(st, 6);
        rl.area = sqlite3_column_int64(st, 7);
        rl.subsidy = sqlite3_column_int64(st, 8);
        db_col_text(st, 9, rl.note, sizeof rl.note);
        rl.members = sqlite3_column_int(st, 10);
        db_col_text(st, 11, info.village_name, sizeof info.village_name);
        db_col_text(st, 12, info.hh_no, sizeof info.hh_no);
        db_col_text(st, 13, info.head_name, sizeof info.head_name);
        if (fn(ud, &rl, &info))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取易地搬迁记录");
}

enum db_err db_relocation_delete(struct db *db, int64_t id)
{
    if (db_require_role(db, ROLE_CLERK, "删除易地搬迁记录") != DB_OK)
        return DB_ERR_DENIED;
    return reg_soft_delete(db, "relocations", id, "删除易地搬迁记录");
}

int db_relocation_warning(const struct check_ctx *cc, const struct relocation *rl, char *out, size_t outsz)
{
    struct check_result rs[8];
    size_t n = checks_run_relocation(cc, rl, rs, 8);
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        if (rs[i].def->level == CHECK_WARNING) {
            snprintf(out, outsz, "%s", rs[i].message);
            return 1;
        }
    return 0;
}

int64_t relocation_area_per_person(const struct relocation *rl)
{
    return rl->people > 0 ? rl->area / rl->people : 0;
}

void relocation_cell_per_person(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    out->kind = RC_NUM;
    out->num = relocation_area_per_person(rec);
}

static size_t run_relocation(struct db *db, const struct check_ctx *cc, const void *rec, struct check_result *out,
                             size_t max)
{
    (void)db;
    return checks_run_relocation(cc, rec, out, max);
}

enum db_err db_relocation_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn, void *ud,
                                    size_t *errors, size_t *warnings)
{
    static const struct reg_checks RC = { "易地搬迁", offsetof(struct relocation, moved_on), db_relocations_each,
                                          run_relocation };
    return reg_check_all(db, &RC, cc, fn, ud, errors, warnings);
}
