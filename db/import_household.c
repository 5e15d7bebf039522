/* import_household.c — `fupin import csv`: one household.  The rows read
 * for it (im->cur) are matched with the database by their members' ID
 * numbers, the file's cells applied onto the stored household (or a new
 * one), the whole checked by the check engine and, while the file has had
 * no error, saved.  See import.h for the rules, import_priv.h for how the
 * parts fit. */
#include "db/import_priv.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/settings.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- matching ------------------------------------------------------------------ */

/* The stored household with this 户编号, 0 if none, -1 on error. */
static int64_t hh_no_owner(struct imp *im, const char *hh_no)
{
    sqlite3_stmt *st = db_stmt(im->db, "SELECT id FROM households WHERE hh_no = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hh_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        im->dberr = db_fail(im->db, rc, "查询户编号");
        return -1;
    }
    return id;
}

/* A new household put on the register (or past it) by the file needs the
 * 审核员, as 建档立卡 does on the screen: otherwise an error naming the role
 * on the row (the import is all-or-nothing, so nothing is written). */
static int may_register(struct imp *im, const struct hhrow *h, int state, int status_col)
{
    if (!wf_is_registered_or_after((enum wf_state)state))
        return 1;
    char what[160];
    snprintf(what, sizeof what, "导入状态为“%s”的新户%s", wf_roster_status((enum wf_state)state),
             h->step[0] || h->status[0] ? "" : "（有户编号、未填状态即为在册）");
    if (db_require_role(im->db, ROLE_REVIEWER, what) == DB_OK)
        return 1;
    imp_msg(im, 1, h->line, status_col, "ROLE", "%s", db_errmsg(im->db));
    return 0;
}

/* The state a 状态 or 办理状态 cell names: a step label (wf_state_label) or a
 * roster status (在册, 已脱贫 …); -1 for neither. */
static int status_state(const char *t)
{
    for (int s = 0; s < WF_STATE_COUNT; s++)
        if (strcmp(t, wf_state_label((enum wf_state)s)) == 0)
            return s;
    static const struct { const char *label; int state; } roster[] = {
        { "在册", WF_REGISTERED }, { "已脱贫", WF_EXITED }, { "已清退", WF_REMOVED },
        { "识别中", WF_APPLIED }, { "未通过", WF_REJECTED }, { "已撤回", WF_WITHDRAWN },
        { "未申请", WF_NONE },
    };
    for (size_t i = 0; i < sizeof roster / sizeof *roster; i++)
        if (strcmp(t, roster[i].label) == 0)
            return roster[i].state;
    return -1;
}

/* Makes the named helper the household's current one (found by name and
 * unit, or added).  Nothing is written when it already is. */
static enum db_err apply_helper(struct imp *im, int64_t hh_id, const struct hhrow *h)
{
    if (!h->helper[0])
        return DB_OK;
    struct helper cur;
    enum db_err e = db_helper_of(im->db, hh_id, &cur);
    if (e == DB_OK && strcmp(cur.name, h->helper) == 0 && (!h->helper_unit[0] || strcmp(cur.unit, h->helper_unit) == 0))
        return DB_OK;
    if (e != DB_OK && e != DB_ERR_NOTFOUND)
        return e;
    sqlite3_stmt *st = db_stmt(im->db, "SELECT id FROM helpers WHERE name = ?1 AND (?2 = '' OR unit = ?2) "
                                       "AND deleted = 0 ORDER BY id LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, h->helper, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->helper_unit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int64_t hid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(im->db, rc, "查询帮扶责任人");
    if (!hid) {
        struct helper nh;
        memset(&nh, 0, sizeof nh);
        db_copy_text(nh.name, sizeof nh.name, h->helper);
        db_copy_text(nh.unit, sizeof nh.unit, h->helper_unit);
        e = db_helper_add(im->db, &nh);
        if (e != DB_OK)
            return e;
        hid = nh.id;
    }
    return db_helper_assign(im->db, hh_id, hid, im->today);
}

/* Copies the member fields given in the file onto a stored member. */
static void apply_member(struct member *dst, const struct member *src, const unsigned char given[64])
{
    for (size_t i = 0; i < N_MEMBER_FIELDS && i < 64; i++) {
        if (!given[i])
            continue;
        const struct field *f = &MEMBER_FIELDS[i];
        memcpy(field_ptr(f, dst), field_cptr(f, src), f->size);
        if (strcmp(f->key, "id_no") == 0) {
            dst->sex = src->sex ? src->sex : dst->sex;
            memcpy(dst->birth, src->birth, sizeof dst->birth);
        }
    }
}

/* ---- one household ----------------------------------------------------------- */

static int errors_so_far(const struct imp *im)
{
    return im->rep->errors > 0 || im->dberr != DB_OK;
}

/* Line of member i of the built household (file rows first by id match). */
static long member_line(const struct imp *im, const struct household *hh, int i)
{
    const struct pending *p = &im->cur;
    if (i >= 0 && i < hh->n_members)
        for (int k = 0; k < p->n; k++)
            if (strcmp(p->m[k].id_no, hh->members[i].id_no) == 0 && p->m[k].id_no[0])
                return p->line[k];
    if (i >= 0 && i < p->n && i < hh->n_members && !hh->members[i].id_no[0])
        return p->line[i];
    return p->first.line;
}

/* 年人均纯收入 as keyed: yuan, a minus sign allowed (a loss is a fact to
 * report, not a typing error).  1 ok. */
static int per_capita_cell(const char *t, money_t *out)
{
    int neg = *t == '-';
    if (!money_parse(t + neg, out))
        return 0;
    if (neg)
        *out = -*out;
    return 1;
}

/* 年人均纯收入 of the file onto the household's survey: where the file gives
 * income parts, the figure they give (a different one is reported, the
 * parts win); where it gives none (no part columns, or every part of this
 * household blank or 0), the declared figure (survey.declared_per_capita),
 * which the checks then hold against the line (ABOVE_LINE) and report when
 * negative (DECLARED_NEGATIVE).  0 ok, -1 an error. */
static int apply_per_capita(struct imp *im, const struct hhrow *h, struct household *hh)
{
    int col = imp_colno(im, K_PER_CAPITA);
    money_t v;
    if (!per_capita_cell(h->per_capita, &v)) {
        imp_msg(im, 1, h->line, col, "FIELD_VALUE", "年人均纯收入“%s”不是金额（元，最多两位小数）", h->per_capita);
        return -1;
    }
    if (income_parts_empty(&hh->survey)) {
        hh->survey.declared_per_capita = v;
        return 0;
    }
    hh->survey.declared_per_capita = 0;
    money_t pc = income_per_capita(&hh->survey, hh->n_members);
    if (pc != v) {
        char a[32], b[32];
        money_format(v < 0 ? -v : v, a, sizeof a);
        money_format(pc, b, sizeof b);
        imp_msg(im, 0, h->line, col, "INCOME_MISMATCH", "年人均纯收入 %s%s 元与各项收入算得的 %s 元不一致，"
                "以各项收入为准", v < 0 ? "-" : "", a, b);
    }
    return 0;
}

/* A 4-digit year cell (调查年度, 脱贫年度): the year, 0 when it is not one. */
static int year_cell(const char *t)
{
    int y = atoi(t);
    return strlen(t) == 4 && strspn(t, "0123456789") == 4 && y >= 1949 && y <= 2100 ? y : 0;
}

/* 脱贫年度: a new 已脱贫 household's state holds from the end of that year
 * (or today, in the year itself), so the roster shows it again; a stored
 * household keeps its own.  0 ok; -1 an error was reported. */
static int exit_since(struct imp *im, const struct hhrow *h, int state, struct household *hh)
{
    int y = year_cell(h->exit_year);
    if (!y || y > im->year) {
        imp_msg(im, 1, h->line, imp_colno(im, K_EXIT_YEAR), "FIELD_VALUE", "脱贫年度“%s”应为不晚于 %d 年的四位年份",
                h->exit_year, im->year);
        return -1;
    }
    if (state != WF_EXITED) {
        imp_msg(im, 0, h->line, imp_colno(im, K_EXIT_YEAR), "EXIT_YEAR_KEPT", "该户状态为“%s”，脱贫年度 %d 未导入",
                wf_state_label((enum wf_state)state), y);
        return 0;
    }
    if (hh) {
        snprintf(hh->state_since, sizeof hh->state_since, "%04d-12-31", y);
        if (strcmp(hh->state_since, im->today) > 0)
            snprintf(hh->state_since, sizeof hh->state_since, "%s", im->today);
    }
    return 0;
}

/* The survey cells of the file onto the household's latest survey, or a new
 * one of the import year (which needs 贫困户属性, 识别标准 and 主要致贫原因).
 * 0 ok; -1 an error was reported. */
static int apply_survey(struct imp *im, struct pending *p, struct household *hh)
{
    const struct hhrow *h = &p->first;
    int given = h->hh_type || h->standard || h->cause || h->per_capita[0];
    for (int k = 0; k < im->n_sv; k++)
        given |= p->sv[k][0] != 0;
    if (given && !hh->survey.year) {
        if (!(h->hh_type && h->standard && h->cause)) {
            imp_msg(im, 1, h->line, 0, "SURVEY_INCOMPLETE", "新建调查表需要同时填写贫困户属性、识别标准和主要致贫原因");
            return -1;
        }
        int y = h->survey_year[0] ? year_cell(h->survey_year) : im->year;
        if (!y || y > im->year) {
            imp_msg(im, 1, h->line, imp_colno(im, K_SURVEY_YEAR), "FIELD_VALUE", "调查年度“%s”应为不晚于 %d 年的四位年份",
                    h->survey_year, im->year);
            return -1;
        }
        hh->survey.year = y;
    }
    if (h->hh_type) hh->survey.hh_type = h->hh_type;
    if (h->standard) hh->survey.standard = h->standard;
    if (h->cause) hh->survey.main_cause = h->cause;
    int bad = 0;
    for (int i = 0; i < im->ncols; i++) {
        const struct column *c = &im->cols[i];
        const char *t = c->kind == K_SURVEY ? p->sv[c->slot] : "";
        if (!*t)
            continue;
        const struct field *f = c->field;
        int code = f->type == FT_CODE ? imp_code_cell(f->list, t) : 0;
        const char *e = NULL;
        if (code < 0) {
            imp_bad_code(im, h->line, i + 1, f->list, t);
            bad = 1;
        } else if (f->type == FT_CODE) {
            *(int *)field_ptr(f, hh) = code;
        } else if ((e = field_parse(f, hh, t)) != NULL) {
            imp_msg(im, 1, h->line, i + 1, "FIELD_VALUE", "%s“%s”: %s", f->label, t, e);
            bad = 1;
        }
    }
    if (!bad && h->per_capita[0] && apply_per_capita(im, h, hh) < 0)
        bad = 1;
    return bad ? -1 : 0;
}

/* ---- finishing a household ---------------------------------------------------- */

/* The 户主 first, as the paper roster, and the first row's 户主姓名 against
 * the 户主 itself.  1 an error was reported, else 0. */
static int head_first(struct imp *im, struct pending *p)
{
    const struct hhrow *h = &p->first;
    int head = -1, heads = 0;
    for (int i = 0; i < p->n; i++)
        if (p->m[i].relation == REL_HEAD) {
            heads++;
            if (head < 0)
                head = i;
        }
    if (heads == 1 && head > 0) {
        struct member m = p->m[head];
        unsigned char g[64];
        memcpy(g, p->given[head], 64);
        long l = p->line[head];
        char raw[24];
        memcpy(raw, p->raw_id[head], 24);
        memmove(&p->m[1], &p->m[0], (size_t)head * sizeof p->m[0]);
        memmove(&p->given[1], &p->given[0], (size_t)head * sizeof p->given[0]);
        memmove(&p->line[1], &p->line[0], (size_t)head * sizeof p->line[0]);
        memmove(&p->raw_id[1], &p->raw_id[0], (size_t)head * sizeof p->raw_id[0]);
        p->m[0] = m;
        memcpy(p->given[0], g, 64);
        p->line[0] = l;
        memcpy(p->raw_id[0], raw, 24);
    }
    /* Each row's 户主姓名 must name the household's 户主. */
    if (heads == 1 && imp_colno(im, K_HEAD_NAME)) {
        /* The rows' head names were checked against the first row when
         * grouping; here the first row's against the 户主 itself. */
        if (h->head_name[0] && strcmp(h->head_name, p->m[0].name) != 0) {
            imp_msg(im, 1, h->line, imp_colno(im, K_HEAD_NAME), "HEAD_NAME", "户主姓名“%s”与本户户主“%s”不一致",
                    h->head_name, p->m[0].name);
            return 1;
        }
    }
    return 0;
}

/* ID numbers seen earlier in the file (in another household: the database
 * cannot see those once writing has stopped).  Every member's number is
 * added to the file's set.  1 a duplicate was reported, 0 none, -1 out of
 * memory (im->dberr). */
static int file_id_dups(struct imp *im, const struct pending *p)
{
    int id_col = imp_col_of_key(im, "id_no"), dup = 0;
    for (int i = 0; i < p->n; i++) {
        if (!p->m[i].id_no[0])
            continue;
        long first = imp_idset_add(&im->ids, p->m[i].id_no, p->line[i]);
        if (first < 0) {
            im->dberr = db_set_error(im->db, DB_ERR_IO, "内存不足 (out of memory)");
            return -1;
        }
        if (first > 0 && first != p->line[i]) {
            imp_msg(im, 1, p->line[i], id_col, "ID_DUP_FILE", "身份证号 %s（%s）在文件第 %ld 行已出现，同一人只能在一户",
                    p->m[i].id_no, p->m[i].name, first);
            dup = 1;
        }
    }
    return dup;
}

/* Which stored household holds these people: *owner its id, 0 for none.
 * 0 ok; -1 members in two stored households (reported) or a database
 * failure (im->dberr). */
static int stored_owner(struct imp *im, const struct pending *p, int64_t *owner)
{
    int id_col = imp_col_of_key(im, "id_no");
    for (int i = 0; i < p->n; i++) {
        int64_t o = 0;
        char name[TEXT_BYTES(NAME_CHARS)];
        enum db_err e = db_id_owner(im->db, p->m[i].id_no, 0, &o, name, sizeof name);
        if (e == DB_ERR_NOTFOUND)
            continue;
        if (e != DB_OK) {
            im->dberr = e;
            return -1;
        }
        if (*owner && o != *owner) {
            imp_msg(im, 1, p->line[i], id_col, "HH_CONFLICT", "本户成员分属数据库中的两户（内部号 %lld 和 %lld，"
                    "身份证号 %s 在户主为“%s”的户中），请先核实 (members in two stored households)",
                    (long long)*owner, (long long)o, p->m[i].id_no, name);
            return -1;
        }
        *owner = o;
    }
    return 0;
}

/* The household to build in im->hh: the stored one `owner` (also kept in
 * im->old, to compare), which must be in the file's village, or a new one
 * in `village`.  0 ok; -1 an error was reported or a database failure. */
static int start_household(struct imp *im, int64_t owner, const struct hhrow *h, const char *village)
{
    struct household *hh = im->hh, *old = im->old;
    memset(hh, 0, sizeof *hh);
    memset(old, 0, sizeof *old);
    if (!owner) {
        snprintf(hh->village, sizeof hh->village, "%s", village);
        return 0;
    }
    enum db_err e = db_household_load(im->db, owner, 0, old);
    if (e != DB_OK) {
        im->dberr = e;
        return -1;
    }
    *hh = *old;
    if (strcmp(hh->village, village) != 0) {
        char vname[TEXT_BYTES(30)] = "";
        db_area_name(im->db, hh->village, vname, sizeof vname);
        imp_msg(im, 1, h->line, imp_colno(im, K_VILLAGE), "HH_AREA", "该户（户主 %s）在数据库中属于%s（%s），文件中为%s，"
                "同一户不能登记在两个村 (household registered in another village)",
                old->members[0].name, vname, old->village, h->village);
        return -1;
    }
    return 0;
}

/* The file's 状态 (`status`, in column status_col): a step or roster status
 * that agrees with 状态 when 办理状态 is also given.  A stored household's
 * differs only with a warning (an import moves no household through the
 * workflow).  0 ok; -1 an error was reported. */
static int check_status(struct imp *im, int64_t owner, const struct hhrow *h, const char *status, int status_col)
{
    const struct household *old = im->old;
    int st = status_state(status);
    if (st < 0) {
        imp_msg(im, 1, h->line, status_col, "FIELD_VALUE", "状态“%s”无法识别（可填: 在册、已脱贫、已清退、"
                "识别中、未通过、已撤回、未申请，或办理步骤名称如“已建档立卡”）", status);
        return -1;
    }
    if (h->step[0] && h->status[0] && status_state(h->status) != st &&
        strcmp(h->status, wf_roster_status((enum wf_state)st)) != 0) {
        imp_msg(im, 1, h->line, status_col, "FIELD_VALUE", "办理状态“%s”与状态“%s”不符（%s属于%s）", h->step,
                h->status, h->step, wf_roster_status((enum wf_state)st));
        return -1;
    }
    if (owner && st != old->state && strcmp(status, wf_roster_status((enum wf_state)old->state)) != 0)
        imp_msg(im, 0, h->line, status_col, "STATE_KEPT", "数据库中该户状态为“%s”，与文件中“%s”不同；"
                "导入不改变办理状态，请按流程办理", wf_state_label((enum wf_state)old->state), status);
    return 0;
}

/* The household's state: a new one takes the file's 状态 (else 已建档立卡
 * with a 户编号, else 未申请), if the operator may put it on the register;
 * then 脱贫年度.  0 ok; -1 an error was reported. */
static int apply_state(struct imp *im, int64_t owner, const struct hhrow *h)
{
    struct household *hh = im->hh;
    const struct household *old = im->old;
    /* 办理状态 (the step) says more than 状态 and wins when both are given. */
    const char *status = h->step[0] ? h->step : h->status;
    int status_col = imp_colno(im, h->step[0] ? K_STEP : K_STATUS);
    if (!owner)
        hh->state = status[0] ? status_state(status) : h->hh_no[0] ? WF_REGISTERED : WF_NONE;
    if (status[0] && check_status(im, owner, h, status, status_col) < 0)
        return -1;
    if (!owner && !may_register(im, h, hh->state, status_col))
        return -1;
    if (h->exit_year[0] && exit_since(im, h, owner ? old->state : hh->state, owner ? NULL : hh) < 0)
        return -1;
    return 0;
}

/* A field of the household's form (村民小组, 联系电话) from the cell `t` of a
 * column of kind k.  0 ok; -1 an error was reported. */
static int household_field(struct imp *im, const struct hhrow *h, const char *key, enum col_kind k,
                           const char *label, const char *t)
{
    const struct field *f = form_field(T_HOUSEHOLD, key);
    const char *e = f ? field_parse(f, im->hh, t) : NULL;
    if (e) {
        imp_msg(im, 1, h->line, imp_colno(im, k), "FIELD_VALUE", "%s“%s”: %s", label, t, e);
        return -1;
    }
    return 0;
}

/* The file's 户编号: digits, the stored household's own if it has one, and
 * no other stored household's.  0 ok; -1 an error was reported or a
 * database failure (im->dberr). */
static int apply_hh_no(struct imp *im, int64_t owner, const struct hhrow *h)
{
    struct household *hh = im->hh;
    const struct household *old = im->old;
    if (strlen(h->hh_no) > HH_NO_LEN || strspn(h->hh_no, "0123456789") != strlen(h->hh_no)) {
        imp_msg(im, 1, h->line, imp_colno(im, K_HH_NO), "FIELD_VALUE", "户编号“%s”应为不超过 %d 位的数字", h->hh_no,
                HH_NO_LEN);
        return -1;
    }
    if (owner && old->hh_no[0] && strcmp(old->hh_no, h->hh_no) != 0) {
        imp_msg(im, 1, h->line, imp_colno(im, K_HH_NO), "HH_NO_CONFLICT", "该户在数据库中的户编号为 %s，文件中为 %s",
                old->hh_no, h->hh_no);
        return -1;
    }
    int64_t o = hh_no_owner(im, h->hh_no);
    if (o < 0)
        return -1;
    if (o && o != owner) {
        imp_msg(im, 1, h->line, imp_colno(im, K_HH_NO), "HH_NO_CONFLICT",
                "户编号 %s 已是数据库中另一户（内部号 %lld）的户编号", h->hh_no, (long long)o);
        return -1;
    }
    snprintf(hh->hh_no, sizeof hh->hh_no, "%.16s", h->hh_no);   /* length checked above */
    return 0;
}

/* The household's own cells of the file: 村民小组, 联系电话, 户编号.
 * 0 ok; -1 an error was reported or a database failure. */
static int apply_household_cells(struct imp *im, int64_t owner, const struct hhrow *h)
{
    if (imp_colno(im, K_GROUP) && h->group[0] &&
        household_field(im, h, "group_name", K_GROUP, "村民小组", h->group) < 0)
        return -1;
    if (h->phone[0] && household_field(im, h, "phone", K_PHONE, "联系电话", h->phone) < 0)
        return -1;
    if (h->hh_no[0] && apply_hh_no(im, owner, h) < 0)
        return -1;
    return 0;
}

/* Members: the file's onto the stored ones (by ID), new ones appended;
 * stored ones missing from the file are kept with a warning.  0 ok; -1 too
 * many members (reported). */
static int merge_members(struct imp *im, int64_t owner, const struct pending *p)
{
    struct household *hh = im->hh;
    int from_file[HH_MAX_MEMBERS] = { 0 };
    for (int i = 0; i < p->n; i++) {
        int k = -1;
        for (int j = 0; owner && j < hh->n_members; j++)
            if (strcmp(hh->members[j].id_no, p->m[i].id_no) == 0)
                k = j;
        if (k < 0) {
            if (hh->n_members >= HH_MAX_MEMBERS) {
                imp_msg(im, 1, p->line[i], 0, "HH_MEMBER_COUNT", "一户最多 %d 名成员 (too many members)",
                        HH_MAX_MEMBERS);
                return -1;
            }
            k = hh->n_members++;
            hh->members[k] = p->m[i];
        } else {
            apply_member(&hh->members[k], &p->m[i], p->given[i]);
        }
        from_file[k] = 1;
    }
    for (int j = 0; owner && j < hh->n_members; j++)
        if (!from_file[j])
            imp_msg(im, 0, p->first.line, 0, "MEMBER_KEPT", "数据库中该户还有成员“%s”（%s）不在文件中，已保留未删除",
                    hh->members[j].name, hh->members[j].id_no);
    return 0;
}

/* The same checks as the screens and `fupin check`, reported at the lines
 * of the members they concern.  1 when one is an error, else 0. */
static int check_household(struct imp *im)
{
    const struct household *hh = im->hh;
    int bad = 0;
    struct check_result rs[96];
    size_t n = checks_run_household(&im->cc, hh, rs, sizeof rs / sizeof *rs);
    for (size_t i = 0; i < n; i++) {
        int err = rs[i].def->level == CHECK_ERROR;
        int col = imp_col_of_key(im, rs[i].field_key);
        imp_msg(im, err, member_line(im, hh, rs[i].member_index), col, rs[i].def->id, "%s", rs[i].message);
        bad |= err;
    }
    return bad;
}

/* A save's failure: a refusal of the data (constraint, invalid) is an error
 * of the row, at column col; any other a database failure (im->dberr). */
static void save_failed(struct imp *im, enum db_err e, long line, int col)
{
    if (e == DB_ERR_CONSTRAINT || e == DB_ERR_INVALID)
        imp_msg(im, 1, line, col, "SAVE", "%s", db_errmsg(im->db));
    else
        im->dberr = e;
}

/* Saves the household built in im->hh when it differs from the stored one
 * (or is new), counting it as added, updated or unchanged.  0 ok; -1 the
 * save failed (reported, or im->dberr). */
static int save_household(struct imp *im, int64_t owner, const struct hhrow *h)
{
    struct household *hh = im->hh;
    /* In stored form before comparing with what is stored. */
    db_household_canonical_ids(hh);
    int changed = !owner || memcmp(hh, im->old, sizeof *hh) != 0;
    if (!changed) {
        im->rep->unchanged++;
        return 0;
    }
    /* A registered household's facts change with a reason (forms/facts.h):
     * the file it came from.  db_household_save stores it only when such
     * a fact changed, and refuses the change without one. */
    const char *base = strrchr(im->name ? im->name : "", '/');
    char why[sizeof hh->change_reason + 16];
    snprintf(why, sizeof why, "导入: %.300s", base ? base + 1 : im->name ? im->name : "");
    db_copy_text(hh->change_reason, sizeof hh->change_reason, why);   /* whole characters */
    enum db_err e = db_household_save(im->db, hh);
    if (e != DB_OK) {
        save_failed(im, e, h->line, 0);
        return -1;
    }
    if (owner) im->rep->updated++; else im->rep->added++;
    return 0;
}

void imp_finish_household(struct imp *im)
{
    struct pending *p = &im->cur;
    if (!p->active)
        return;
    p->active = 0;
    im->rep->households++;
    const struct hhrow *h = &p->first;
    if (p->too_many) {
        imp_msg(im, 1, h->line, 0, "HH_MEMBER_COUNT", "一户最多 %d 名成员 (too many members)", HH_MAX_MEMBERS);
        return;
    }
    char village[AREA_CODE_LEN + 1] = "";
    int r = imp_resolve_village(im, h, village);
    if (r < 0)
        return;
    int bad = r > 0 || p->bad;
    bad |= head_first(im, p);
    int dup = file_id_dups(im, p);
    if (dup < 0 || dup || bad)
        return;
    int64_t owner = 0;
    if (stored_owner(im, p, &owner) < 0 || start_household(im, owner, h, village) < 0)
        return;
    if (apply_state(im, owner, h) < 0 || apply_household_cells(im, owner, h) < 0)
        return;
    if (merge_members(im, owner, p) < 0 || apply_survey(im, p, im->hh) != 0)
        return;
    if (check_household(im) || errors_so_far(im))
        return;
    if (save_household(im, owner, h) < 0)
        return;
    enum db_err e = apply_helper(im, im->hh->id, h);
    if (e != DB_OK)
        save_failed(im, e, h->line, imp_colno(im, K_HELPER));
}
