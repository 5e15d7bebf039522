/* audit_changes.c — see audit_changes.h.  The JSON images are split into
 * key/value pairs by SQLite's json_each (no JSON parser of our own); a value
 * whose column is a form field is read into a scratch record through the
 * field (db_record_read) and printed by field_format, exactly as the form
 * shows it. */
#include "db/audit_changes.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/household.h"
#include "core/income.h"
#include "core/village.h"
#include "db/record.h"
#include "forms/registers.h"
#include "db/village_store.h"

/* Columns outside the paper forms (the 帮扶记录卡, projects, notices, teams,
 * villages, plans, ...) as the screens that key them name them.  `list`
 * names a code column's list; `money` a column in fen, shown in 元. */
static const struct column_label {
    const char *key, *label;
    enum codelist list;
    int money;
} COLUMN_LABELS[] = {
    { "household_id", "户内部号", 0, 0 }, { "hh_no", "户编号", 0, 0 },
    { "head_initials", "户主拼音首字母", 0, 0 }, { "n_members", "家庭人口数", 0, 0 },
    { "ordinal", "序号", 0, 0 }, { "state", "状态", 0, 0 }, { "deleted", "已删除", 0, 0 },
    { "deleted_at", "删除时间", 0, 0 }, { "delete_reason", "删除原因", 0, 0 },
    { "created_at", "创建时间", 0, 0 }, { "updated_at", "修改时间", 0, 0 },
    { "year", "年度", 0, 0 }, { "date", "日期", 0, 0 }, { "reason", "原因", 0, 0 },
    { "note", "备注", 0, 0 }, { "notes", "备注", 0, 0 }, { "content", "内容", 0, 0 },
    { "name", "姓名", 0, 0 }, { "unit", "单位", 0, 0 }, { "title", "职务", 0, 0 },
    { "phone", "联系电话", 0, 0 }, { "village", "村", 0, 0 }, { "kind", "类型", 0, 0 },
    { "helper_id", "帮扶责任人(内部号)", 0, 0 }, { "member_id", "队员(内部号)", 0, 0 },
    { "team_signer_id", "工作队长签字(内部号)", 0, 0 }, { "corrects_id", "更正第几条", 0, 0 },
    { "measure", "帮扶措施", CL_MEASURE, 0 }, { "money", "帮扶资金(元)", 0, 1 },
    { "goods_value", "物资折款(元)", 0, 1 }, { "amount", "金额(元)", 0, 1 },
    { "outcome", "帮扶成效", 0, 0 }, { "signed_village", "村干部签字", 0, 0 },
    { "signed_team", "工作队签字", 0, 0 }, { "notice_id", "公示(内部号)", 0, 0 },
    { "meeting_id", "评议会(内部号)", 0, 0 }, { "project_id", "项目(内部号)", 0, 0 },
    { "visit_id", "走访(内部号)", 0, 0 }, { "plan_id", "规划(内部号)", 0, 0 },
    { "votes_for", "赞成票", 0, 0 }, { "votes_against", "反对票", 0, 0 },
    { "votes_abstain", "弃权票", 0, 0 }, { "score", "得分", 0, 0 }, { "passed", "通过", 0, 0 },
    { "from_date", "开始日期", 0, 0 }, { "to_date", "结束日期", 0, 0 },
    { "received_date", "受理日期", 0, 0 }, { "objector", "异议人", 0, 0 },
    { "checker", "核查人", 0, 0 }, { "check_result", "核查结果", 0, 0 },
    { "resolution", "处理结果", 0, 0 }, { "resolved_date", "处理日期", 0, 0 },
    { "route", "脱贫途径", CL_EXIT_ROUTE, 0 }, { "per_capita", "人均纯收入(元)", 0, 1 },
    { "exit_line", "脱贫标准(元)", 0, 1 }, { "check_date", "核查日期", 0, 0 },
    { "exit_date", "脱贫日期", 0, 0 }, { "posted", "已张贴", 0, 0 }, { "closed", "已结束", 0, 0 },
    { "round", "榜次", 0, 0 }, { "area", "地区", 0, 0 }, { "start_date", "开始日期", 0, 0 },
    { "end_date", "结束日期", 0, 0 }, { "days", "天数", 0, 0 }, { "place", "地点", 0, 0 },
    { "publisher", "发布单位", 0, 0 }, { "meeting_date", "会议日期", 0, 0 },
    { "host", "主持人", 0, 0 }, { "attendees", "参会人数", 0, 0 },
    { "recorder", "记录人", 0, 0 }, { "leader", "队长", 0, 0 },
    { "first_secretary", "第一书记", 0, 0 }, { "category", "监测类别", CL_MONITOR_KIND, 0 },
    { "risk", "风险类型", CL_RISK, 0 }, { "cause", "原因", 0, 0 },
    { "identified", "识别日期", 0, 0 }, { "cleared", "风险消除日期", 0, 0 },
    { "clear_reason", "消除原因", 0, 0 }, { "measures", "帮扶措施", 0, 0 },
    { "loss", "损失(元)", 0, 1 }, { "poor", "是否贫困村", 0, 0 },
    { "identified_year", "识别年度", 0, 0 }, { "exit_year", "出列年度", 0, 0 },
    { "contact", "联系人", 0, 0 }, { "population", "农村户籍人口", 0, 0 },
    { "collective_income", "村集体经济收入(元)", 0, 1 }, { "target", "目标", 0, 0 },
    { "deadline", "完成时限", 0, 0 }, { "partner_name", "合作方", 0, 0 },
    { "partner_type", "合作方类型", CL_PARTNER, 0 }, { "stage", "拨付阶段", 0, 0 },
    { "level", "验收级别", 0, 0 }, { "conclusion", "验收结论", 0, 0 },
    { "result", "结果", 0, 0 }, { "role", "角色", 0, 0 }, { "active", "启用", 0, 0 },
    { "pw_reset_at", "密码重置时间", 0, 0 }, { "birth", "出生日期", 0, 0 },
    { "signed_household", "户主签字", 0, 0 }, { "food", "不愁吃", 0, 0 },
    { "clothing", "不愁穿", 0, 0 }, { "education", "义务教育有保障", 0, 0 },
    { "medical", "基本医疗有保障", 0, 0 }, { "housing", "住房安全有保障", 0, 0 },
    { "water", "饮水安全有保障", 0, 0 }, { "township_approved", "乡镇已审核", 0, 0 },
    { "verify_requested", "已申请验收", 0, 0 }, { "representatives", "群众代表", 0, 0 },
    { "approval_no", "批准文号", 0, 0 }, { "approval_date", "批准日期", 0, 0 },
    { "id_no", "身份证号", 0, 0 }, { "measure1", "帮扶措施一", CL_MEASURE, 0 },
    { "measure2", "帮扶措施二", CL_MEASURE, 0 }, { "measure3", "帮扶措施三", CL_MEASURE, 0 },
    { "operator", "操作员", 0, 0 }, { "per_capita_income", "村人均可支配收入(元)", 0, 1 },
    { "proposed_date", "申请出列日期", 0, 0 }, { "failing", "未达标项", 0, 0 },
    { "override_reason", "审核员认定理由", 0, 0 }, { "override_by", "认定人", 0, 0 },
    { "notice_start", "公示开始日期", 0, 0 }, { "notice_days", "公示天数", 0, 0 },
    { "notice_end", "公示结束日期", 0, 0 }, { "objections", "异议件数", 0, 0 },
    { "decided_date", "批准出列日期", 0, 0 }, { "decided_by", "批准人", 0, 0 },
    { "households", "户数", 0, 0 }, { "people", "人数", 0, 0 },
    { "loan_id", "贷款(内部号)", 0, 0 }, { "rate_bp", "年利率(万分之)", 0, 0 },
    { "share_id", "资产收益(内部号)", 0, 0 },
};

/* A 贫困村 checklist item's yes/no column or its date, named as the checklist
 * names it (core/village.c); NULL for any other column. */
static const char *village_item_label(const char *key, char *buf, size_t bufsz)
{
    for (int i = VC_FIRST_YESNO; i < VC_COUNT; i++) {
        const char *col = vs_item_column((enum vc_item)i);
        size_t len = strlen(col);
        if (strcmp(key, col) == 0)
            return vc_item_label((enum vc_item)i);
        if (strncmp(key, col, len) == 0 && strcmp(key + len, "_date") == 0) {
            snprintf(buf, bufsz, "%s日期", vc_item_label((enum vc_item)i));
            return buf;
        }
    }
    return NULL;
}

/* The form table a stored table's columns belong to; -1: none. */
static int table_form(const char *tbl)
{
    static const struct { const char *tbl; enum ftable t; } MAP[] = {
        { "households", T_HOUSEHOLD }, { "members", T_MEMBER },
        { "applications", T_APPLICATION }, { "surveys", T_SURVEY },
    };
    for (size_t i = 0; i < sizeof MAP / sizeof *MAP; i++)
        if (strcmp(MAP[i].tbl, tbl) == 0)
            return (int)MAP[i].t;
    return -1;
}

/* The register forms (forms/registers.c) by the table they are stored in. */
static const struct field *register_field(const char *tbl, const char *key)
{
    static const struct { const char *tbl; const struct field *f; const size_t *n; } REG[] = {
        { "loans", LOAN_FIELDS, &N_LOAN_FIELDS },
        { "loan_repayments", REPAY_FIELDS, &N_REPAY_FIELDS },
        { "trainings", TRAINING_FIELDS, &N_TRAINING_FIELDS },
        { "relocations", RELOCATION_FIELDS, &N_RELOCATION_FIELDS },
        { "asset_shares", SHARE_FIELDS, &N_SHARE_FIELDS },
        { "asset_dividends", DIVIDEND_FIELDS, &N_DIVIDEND_FIELDS },
    };
    for (size_t i = 0; i < sizeof REG / sizeof *REG; i++)
        for (size_t k = 0; strcmp(REG[i].tbl, tbl) == 0 && k < *REG[i].n; k++)
            if (strcmp(REG[i].f[k].key, key) == 0)
                return &REG[i].f[k];
    return NULL;
}

/* The form field stored as column `key` of table `tbl`, if any.  The
 * households row also keeps copies of fields of other forms for the list
 * (head_name, hh_type): those are found under the form that owns them. */
static const struct field *column_field(const char *tbl, const char *key)
{
    int form = table_form(tbl);
    if (!key)
        return NULL;
    if (form < 0)
        return register_field(tbl, key);
    const struct field *f = form_field((enum ftable)form, key);
    static const enum ftable OWNERS[] = { T_HEAD, T_APPLICATION, T_SURVEY };
    for (size_t i = 0; !f && form == T_HOUSEHOLD && i < sizeof OWNERS / sizeof *OWNERS; i++)
        f = form_field(OWNERS[i], key);
    return f;
}

static const struct column_label *column_label(const char *key)
{
    for (size_t i = 0; key && i < sizeof COLUMN_LABELS / sizeof *COLUMN_LABELS; i++)
        if (strcmp(COLUMN_LABELS[i].key, key) == 0)
            return &COLUMN_LABELS[i];
    return NULL;
}

/* The label of column key: the form's, a 贫困村 checklist item's, else the
 * COLUMN_LABELS entry's; NULL when there is none. */
static const char *label_for(const char *tbl, const char *key, char *buf, size_t bufsz)
{
    const struct field *f = column_field(tbl, key);
    const char *item = strcmp(tbl, "village_years") == 0 ? village_item_label(key, buf, bufsz)
                                                         : NULL;
    const struct column_label *cl = column_label(key);
    return f ? f->label : item ? item : cl ? cl->label : NULL;
}

const char *audit_column_label(const char *tbl, const char *key)
{
    static char buf[64];
    if (strcmp(key, "id") == 0)
        return "内部号";
    return label_for(tbl, key, buf, sizeof buf);
}

/* A column with no form field: as its entry in COLUMN_LABELS says. */
static void plain_text(sqlite3_stmt *st, int col, const struct column_label *cl, char *out,
                       size_t outsz)
{
    int is_int = sqlite3_column_type(st, col) == SQLITE_INTEGER;
    const char *code = cl && cl->list && is_int ? codes_label(cl->list, sqlite3_column_int(st, col))
                                                : "";
    if (cl && cl->money && is_int)
        money_format(sqlite3_column_int64(st, col), out, outsz);
    else if (code[0])
        snprintf(out, outsz, "%s", code);
    else
        db_col_text(st, col, out, outsz);
}

/* Column col of st as the form shows field f (f NULL: as plain_text). */
static void value_text(sqlite3_stmt *st, int col, const struct field *f, void *scratch,
                       char *out, size_t outsz)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) {
        out[0] = '\0';
        return;
    }
    if (!f) {
        plain_text(st, col, column_label((const char *)sqlite3_column_text(st, 0)), out, outsz);
        return;
    }
    struct record_cols one = { .f = { f }, .n = 1 };
    db_record_read(st, col, &one, scratch);
    field_format(f, scratch, out, outsz);
}

/* Old and new pairs by key: the new image's keys in order, then keys only
 * the old one has (a delete). */
static const char PAIRS_SQL[] =
    "WITH o AS (SELECT key, value, id FROM json_each(coalesce(?1, '{}'))),"
    "     n AS (SELECT key, value, id FROM json_each(coalesce(?2, '{}')))"
    " SELECT n.key, o.value, n.value, n.id FROM n LEFT JOIN o USING (key)"
    " UNION ALL SELECT o.key, o.value, NULL, o.id + 1000000000 FROM o"
    "   WHERE o.key NOT IN (SELECT key FROM n)"
    " ORDER BY 4";

static int same_value(sqlite3_stmt *st)
{
    const unsigned char *a = sqlite3_column_text(st, 1), *b = sqlite3_column_text(st, 2);
    return a && b && strcmp((const char *)a, (const char *)b) == 0;
}

static int add_change(sqlite3_stmt *st, const char *tbl, void *scratch,
                      struct audit_change **out, size_t *n, size_t *cap)
{
    const char *key = (const char *)sqlite3_column_text(st, 0);
    if (!key || strcmp(key, "id") == 0)
        return 1;                   /* the 记录 column already names the row */
    const struct field *f = column_field(tbl, key);
    struct audit_change c;
    char buf[64];
    const char *label = label_for(tbl, key, buf, sizeof buf);
    snprintf(c.label, sizeof c.label, "%s", label ? label : key);
    value_text(st, 1, f, scratch, c.before, sizeof c.before);
    value_text(st, 2, f, scratch, c.after, sizeof c.after);
    if (!c.before[0] && !c.after[0])
        return 1;                   /* an empty column of an insert: nothing to say */
    if (*n == *cap) {
        size_t want = *cap ? *cap * 2 : 16;
        struct audit_change *grown = realloc(*out, want * sizeof *grown);
        if (!grown)
            return 0;
        *out = grown;
        *cap = want;
    }
    (*out)[(*n)++] = c;
    return 1;
}

enum db_err audit_changes(struct db *db, struct audit_entry *e, struct audit_change **out,
                          size_t *n)
{
    *out = NULL;
    *n = 0;
    const char *after = audit_entry_new(db, e);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), PAIRS_SQL, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读审计记录");
    sqlite3_bind_text(st, 1, e->old, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, after, -1, SQLITE_STATIC);
    /* Large enough for any form's record (members, loans are smaller). */
    void *scratch = calloc(1, sizeof(struct household));
    int ok = scratch != NULL;
    size_t cap = 0;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!same_value(st))
            ok = add_change(st, e->tbl, scratch, out, n, &cap);
    sqlite3_finalize(st);
    free(scratch);
    if (!ok || rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return ok ? db_fail(db, rc, "读审计记录")
                  : db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    return DB_OK;
}

static void append(char *out, size_t outsz, size_t *len, const char *s)
{
    size_t room = outsz - *len, w = strlen(s);
    if (w >= room) {
        w = room - 1;
        while (w > 0 && ((unsigned char)s[w] & 0xC0) == 0x80)
            w--;                    /* never end inside a character */
    }
    memcpy(out + *len, s, w);
    *len += w;
    out[*len] = '\0';
}

void audit_changes_line(const struct audit_change *c, size_t n, const char *action,
                        char *out, size_t outsz)
{
    size_t len = 0;
    if (!outsz)
        return;
    out[0] = '\0';
    int update = strcmp(action, "update") == 0;
    for (size_t i = 0; i < n && len + 1 < outsz; i++) {
        char part[600];
        if (update)
            snprintf(part, sizeof part, "%s%s %s→%s", i ? "; " : "", c[i].label,
                     c[i].before[0] ? c[i].before : "空", c[i].after[0] ? c[i].after : "空");
        else
            snprintf(part, sizeof part, "%s%s %s", i ? "; " : "", c[i].label,
                     c[i].after[0] ? c[i].after : c[i].before);
        append(out, outsz, &len, part);
    }
}
