/* settings.c — settings, lines, areas, village groups.  Changing the rules
 * (lines, ages, notice days, caps, areas, groups) is the 管理员's
 * (db/operators.h); remembered texts and ui.* preferences are anyone's. */
#include "db/settings.h"
#include "db/operators.h"
#include "core/text.h"
#include "db/record.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- key/value ------------------------------------------------------------- */

enum db_err db_setting_text(struct db *db, const char *key, char *out, size_t outsz)
{
    if (outsz)
        out[0] = '\0';
    sqlite3_stmt *st = db_stmt(db, "SELECT value FROM settings WHERE key = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        db_copy_text(out, outsz, db_col(st, 0));
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return DB_ERR_NOTFOUND;
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取设置");
}

/* The integer settings that are rules of the office, set by a 管理员. */
static const char *const ADMIN_KEYS[] = {
    SET_LABOUR_MIN, SET_LABOUR_MALE_MAX, SET_LABOUR_FEMALE_MAX, SET_NOTICE_DAYS,
    SET_PROJECT_NOTICE_DAYS, SET_CAP_INCOME_PROJECT, SET_CAP_HOUSING, SET_STAGE_FIRST_PCT,
    SET_STAGE_FINAL_PCT, SET_VERIFY_VILLAGE_DAYS, SET_VERIFY_TOWNSHIP_DAYS, SET_MEETING_MIN,
    SET_PROJECT_MEETING_MIN, SET_PROJECT_MEETING_MAX, SET_PLAN_DEADLINE, SET_PLAN_REVIEW, NULL
};

static int is_admin_key(const char *key)
{
    for (int i = 0; ADMIN_KEYS[i]; i++)
        if (strcmp(key, ADMIN_KEYS[i]) == 0)
            return 1;
    return 0;
}

enum db_err db_setting_set_text(struct db *db, const char *key, const char *value)
{
    if (!key || !*key || !value)
        return db_set_error(db, DB_ERR_INVALID, "设置项为空 (empty setting)");
    if (is_admin_key(key) && db_require_role(db, ROLE_ADMIN, "修改基础设置") != DB_OK)
        return DB_ERR_DENIED;
    sqlite3_stmt *st = db_stmt(db, "INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存设置");
}

int64_t db_setting_int(struct db *db, const char *key, int64_t def)
{
    char buf[32];
    if (db_setting_text(db, key, buf, sizeof buf) != DB_OK || !buf[0])
        return def;
    char *end;
    long long v = strtoll(buf, &end, 10);
    return *end ? def : (int64_t)v;
}

enum xo_paper db_print_paper(struct db *db)
{
    char buf[8];
    if (db_setting_text(db, SET_PRINT_PAPER, buf, sizeof buf) != DB_OK)
        return XO_PAPER_A4;
    return xo_paper_parse(buf) == XO_PAPER_A3 ? XO_PAPER_A3 : XO_PAPER_A4;
}

enum db_err db_set_print_paper(struct db *db, enum xo_paper paper)
{
    if (paper != XO_PAPER_A3 && paper != XO_PAPER_A4)
        return db_set_error(db, DB_ERR_INVALID, "纸张应为 A4 或 A3 (paper must be A4 or A3)");
    return db_setting_set_text(db, SET_PRINT_PAPER, xo_paper_name(paper));
}

enum db_err db_setting_set_int(struct db *db, const char *key, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    return db_setting_set_text(db, key, buf);
}

enum db_err db_labour_ages(struct db *db, struct labour_ages *out)
{
    *out = LABOUR_AGES_DEFAULT;
    out->min_age = (int)db_setting_int(db, SET_LABOUR_MIN, out->min_age);
    out->male_max = (int)db_setting_int(db, SET_LABOUR_MALE_MAX, out->male_max);
    out->female_max = (int)db_setting_int(db, SET_LABOUR_FEMALE_MAX, out->female_max);
    return DB_OK;
}

enum db_err db_set_labour_ages(struct db *db, const struct labour_ages *la)
{
    /* SPEC §5.2: default male 16–60, female 16–55, configurable up to 65/60. */
    if (la->min_age != 16 || la->male_max < 60 || la->male_max > 65
        || la->female_max < 55 || la->female_max > 60)
        return db_set_error(db, DB_ERR_INVALID,
            "劳动年龄应为 16 岁起，男 60–65 岁，女 55–60 岁 (labour ages out of range)");
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = db_setting_set_int(db, SET_LABOUR_MIN, la->min_age);
    if (err == DB_OK)
        err = db_setting_set_int(db, SET_LABOUR_MALE_MAX, la->male_max);
    if (err == DB_OK)
        err = db_setting_set_int(db, SET_LABOUR_FEMALE_MAX, la->female_max);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

/* ---- lines ------------------------------------------------------------------- */

enum db_err db_lines(struct db *db, struct line *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT year, standard, kind, amount FROM lines "
                                   "ORDER BY year, standard, kind");
    if (!st)
        return DB_ERR_IO;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct line *l = &out[(*n)++];
        l->year = sqlite3_column_int(st, 0);
        l->standard = sqlite3_column_int(st, 1);
        l->kind = (enum line_kind)sqlite3_column_int(st, 2);
        l->amount = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取贫困线");
}

enum db_err db_line_set(struct db *db, const struct line *l)
{
    if (db_require_role(db, ROLE_ADMIN, "修改贫困线/退出线") != DB_OK)
        return DB_ERR_DENIED;
    sqlite3_stmt *st = db_stmt(db, "INSERT OR REPLACE INTO lines(year, standard, kind, amount) "
                                   "VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, l->year);
    sqlite3_bind_int(st, 2, l->standard);
    sqlite3_bind_int(st, 3, (int)l->kind);
    sqlite3_bind_int64(st, 4, l->amount);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存贫困线");
}

/* ---- areas ------------------------------------------------------------------- */

static int all_digits(const char *s, size_t len)
{
    return text_is_digits(s, len);
}

static size_t level_len(int level)
{
    return level == AREA_COUNTY ? 6 : level == AREA_TOWNSHIP ? 9 : level == AREA_VILLAGE ? 12 : 0;
}

enum db_err db_area_add(struct db *db, const char *code, int level, const char *name,
                        const char *parent, int provisional)
{
    static const char *const level_zh[] = { "", "县", "乡镇", "村" };
    /* A provisional (待核) area is what an import makes up for a roster's
     * unknown village; real codes are the 管理员's. */
    if (!provisional && db_require_role(db, ROLE_ADMIN, "添加行政区划") != DB_OK)
        return DB_ERR_DENIED;
    size_t len = level_len(level);
    if (!len)
        return db_set_error(db, DB_ERR_INVALID, "区划级别无效 (invalid area level %d)", level);
    if (!code || !all_digits(code, len))
        return db_set_error(db, DB_ERR_INVALID, "%s代码应为 %zu 位数字：“%s” (area code must be %zu digits)",
                            level_zh[level], len, code ? code : "", len);
    if (!name || !*name)
        return db_set_error(db, DB_ERR_INVALID, "%s名称不能为空 (area name is empty)", level_zh[level]);
    if (level == AREA_COUNTY)
        parent = NULL;
    else if (!parent || !all_digits(parent, level_len(level - 1)) || strncmp(code, parent, strlen(parent)) != 0)
        return db_set_error(db, DB_ERR_INVALID,
                            "%s代码 %s 应以上级代码 %s 开头 (area code must start with its parent's)",
                            level_zh[level], code, parent ? parent : "");
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO areas(code, level, name, parent, provisional) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, level);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    if (parent)
        sqlite3_bind_text(st, 4, parent, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, provisional ? 1 : 0);
    int rc = db_step_done(st);
    if (rc == SQLITE_OK)
        return DB_OK;
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return db_set_error(db, DB_ERR_CONSTRAINT, "区划代码 %s 已存在 (area code exists)", code);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return db_set_error(db, DB_ERR_CONSTRAINT, "上级区划 %s 未登记 (parent area %s not found)",
                            parent ? parent : "", parent ? parent : "");
    return db_fail(db, rc, "添加区划");
}

static void read_area(sqlite3_stmt *st, struct area *a)
{
    memset(a, 0, sizeof *a);
    db_copy_text(a->code, sizeof a->code, db_col(st, 0));
    a->level = sqlite3_column_int(st, 1);
    db_copy_text(a->name, sizeof a->name, db_col(st, 2));
    db_copy_text(a->parent, sizeof a->parent, db_col(st, 3));
    a->provisional = sqlite3_column_int(st, 4);
}

#define AREA_COLS "code, level, name, coalesce(parent, ''), provisional"

enum db_err db_area_add_by_code(struct db *db, const char *code, const char *name)
{
    size_t len = code ? strlen(code) : 0;
    int level = len == 6 ? AREA_COUNTY : len == 9 ? AREA_TOWNSHIP : len == 12 ? AREA_VILLAGE : 0;
    if (!level || !text_is_digits(code, len))
        return db_set_error(db, DB_ERR_INVALID, "区划代码应为6位(县)、9位(乡镇)或12位(村)数字：“%s” "
                            "(area code must have 6, 9 or 12 digits)", code ? code : "");
    char parent[16] = "";
    if (level != AREA_COUNTY)
        snprintf(parent, sizeof parent, "%.*s", (int)len - 3, code);
    return db_area_add(db, code, level, name, parent, 0);
}

enum db_err db_area_get(struct db *db, const char *code, struct area *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " AREA_COLS " FROM areas WHERE code = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_area(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "区划代码 %s 未登记 (unknown area code)", code ? code : "");
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取区划");
}

enum db_err db_area_name(struct db *db, const char *code, char *out, size_t outsz)
{
    struct area a;
    if (outsz)
        out[0] = '\0';
    enum db_err err = db_area_get(db, code, &a);
    if (err == DB_OK)
        db_copy_text(out, outsz, a.name);
    return err;
}

enum db_err db_area_rename(struct db *db, const char *code, const char *name)
{
    if (db_require_role(db, ROLE_ADMIN, "修改行政区划") != DB_OK)
        return DB_ERR_DENIED;
    if (!name || !*name)
        return db_set_error(db, DB_ERR_INVALID, "区划名称不能为空 (area name is empty)");
    sqlite3_stmt *st = db_stmt(db, "UPDATE areas SET name = ?2 WHERE code = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "修改区划名称");
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "区划代码 %s 未登记 (unknown area code)", code);
    return DB_OK;
}

enum db_err db_areas(struct db *db, int level, const char *parent, struct area *out,
                     size_t max, size_t *n)
{
    *n = 0;
    /* Under an ancestor = the code starts with the ancestor's code. */
    sqlite3_stmt *st = db_stmt(db, "SELECT " AREA_COLS " FROM areas WHERE level = ?1 "
                                   "AND (?2 = '' OR substr(code, 1, length(?2)) = ?2) ORDER BY code");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, level);
    sqlite3_bind_text(st, 2, parent ? parent : "", -1, SQLITE_STATIC);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        read_area(st, &out[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取区划");
}

enum db_err db_area_find(struct db *db, int level, const char *name, const char *parent,
                         struct area *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " AREA_COLS " FROM areas WHERE level = ?1 AND name = ?2 "
                                   "AND (?3 = '' OR substr(code, 1, length(?3)) = ?3) ORDER BY code LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, level);
    sqlite3_bind_text(st, 2, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, parent ? parent : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_area(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "未找到名为“%s”的区划 (no area named %s)",
                            name ? name : "", name ? name : "");
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查找区划");
}

enum db_err db_area_provisional_code(struct db *db, const char *parent, char *out, size_t outsz)
{
    struct area p;
    enum db_err err = db_area_get(db, parent, &p);
    if (err != DB_OK)
        return err;
    if (p.level == AREA_VILLAGE)
        return db_set_error(db, DB_ERR_INVALID, "村以下没有区划代码 (no areas under a village)");
    for (int i = 1; i <= 99; i++) {
        char code[AREA_CODE_LEN + 8];
        snprintf(code, sizeof code, "%s9%02d", parent, i);
        struct area a;
        err = db_area_get(db, code, &a);
        if (err == DB_ERR_NOTFOUND) {
            db_copy_text(out, outsz, code);
            return DB_OK;
        }
        if (err != DB_OK)
            return err;
    }
    return db_set_error(db, DB_ERR_CONSTRAINT, "待核区划代码已用完 (no provisional code left under %s)", parent);
}

/* ---- village groups ------------------------------------------------------------ */

enum db_err db_group_add(struct db *db, const char *village, const char *name)
{
    if (db_require_role(db, ROLE_ADMIN, "添加村民小组") != DB_OK)
        return DB_ERR_DENIED;
    if (!name || !*name)
        return db_set_error(db, DB_ERR_INVALID, "村民小组名称不能为空 (group name is empty)");
    sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO village_groups(village, name) VALUES (?1, ?2)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village ? village : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "添加村民小组");
}

enum db_err db_groups(struct db *db, const char *village, char (*out)[TEXT_BYTES(20)],
                      size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT name FROM village_groups WHERE village = ?1 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village ? village : "", -1, SQLITE_STATIC);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        db_copy_text(out[*n], sizeof out[*n], db_col(st, 0));
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取村民小组");
}
