/* audit.c — the audit log's hash chain and its reading (see audit.h).
 *
 * A row's hash is BLAKE2b with 16 bytes of output (32 in the rows written
 * before issue 14: the verifier takes the stored length).  It covers, in
 * this order: the tag "fupin-audit-1", the
 * previous row's hash, then id, at, operator, tbl, row_id, action, old, new.
 * Each value is one byte 0 (NULL) or 1, then its length as 8 bytes little
 * endian and its bytes (a blob's bytes, anything else as SQLite's text of
 * it), so no two different rows hash the same bytes and an integer hashes
 * the same whether SQLite stored it as 5 or '5'.
 *
 * An insert's row keeps no image (issue 14): its `new` is the record's
 * number of audited columns, and after `new` its hash covers one more
 * value, the record's digest (audit_row_digest: BLAKE2b-256 of the tag
 * "fupin-row-1" and those values but updated_at, each as above).  Such
 * rows are checked by the replay (db/audit_replay.c), which rebuilds the
 * inserted values from the record and the later updates.
 *
 * Since schema 16 the rows are stored compactly in audit_log (see
 * AUDIT_VIEW in db/schema_sql.c) and read through the view `audit`: every
 * value above is the view's text, so the rows written before keep their
 * hashes, and a code edited in audit_log reads as other text. */
#include "db/audit.h"
#include "db/audit_chain.h"
#include "db/schema.h"
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_LEN crypto_generichash_BYTES   /* 32: the digest; rows before issue 14 */
#define SEAL_LEN AUDIT_SEAL_LEN             /* 16: a row's stored hash */
#define N_FIELDS 8                          /* id .. new */
static const char TAG[] = "fupin-audit-1";
static const char ROW_TAG[] = "fupin-row-1";

/* One value: 0 for NULL (p == NULL), else 1, the length, the bytes. */
static void hash_bytes(crypto_generichash_state *s, const void *p, uint64_t n)
{
    unsigned char head[9] = { 0 };
    if (!p) {
        crypto_generichash_update(s, head, 1);
        return;
    }
    head[0] = 1;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)(n >> (8 * i));
    crypto_generichash_update(s, head, sizeof head);
    if (n)
        crypto_generichash_update(s, p, n);
}

/* A value's bytes: a blob's own, anything else SQLite's text of it. */
const void *audit_value_bytes(sqlite3_value *v, uint64_t *n)
{
    *n = 0;
    if (!v || sqlite3_value_type(v) == SQLITE_NULL)
        return NULL;
    const void *p = sqlite3_value_type(v) == SQLITE_BLOB ? sqlite3_value_blob(v)
                                                        : (const void *)sqlite3_value_text(v);
    *n = (uint64_t)sqlite3_value_bytes(v);
    return p ? p : "";
}

void audit_chain_hash(const void *prev, uint64_t prev_len, sqlite3_value **fields,
                      const unsigned char *digest, unsigned char *out, size_t outlen)
{
    crypto_generichash_state s;
    crypto_generichash_init(&s, NULL, 0, outlen);
    crypto_generichash_update(&s, (const unsigned char *)TAG, sizeof TAG);
    hash_bytes(&s, prev, prev_len);
    for (int i = 0; i < N_FIELDS; i++) {
        uint64_t n;
        const void *p = audit_value_bytes(fields[i], &n);
        hash_bytes(&s, p, n);
    }
    if (digest)
        hash_bytes(&s, digest, HASH_LEN);
    crypto_generichash_final(&s, out, outlen);
}

void audit_row_digest(sqlite3_value **vals, int n, unsigned char out[HASH_LEN])
{
    crypto_generichash_state s;
    crypto_generichash_init(&s, NULL, 0, HASH_LEN);
    crypto_generichash_update(&s, (const unsigned char *)ROW_TAG, sizeof ROW_TAG);
    for (int i = 0; i < n; i++) {
        uint64_t len;
        const void *p = audit_value_bytes(vals[i], &len);
        hash_bytes(&s, p, len);
    }
    crypto_generichash_final(&s, out, HASH_LEN);
}

/* fupin_audit_hash(prev, id, at, operator, tbl, row_id, action, old, new
 * [, digest]): the digest only for an insert's row. */
static void fn_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    unsigned char h[SEAL_LEN], digest[HASH_LEN];
    uint64_t n;
    const void *prev = audit_value_bytes(argv[0], &n);
    int has_digest = argc > 1 + N_FIELDS;
    if (has_digest) {
        uint64_t dn;
        const void *d = audit_value_bytes(argv[1 + N_FIELDS], &dn);
        if (!d || dn != HASH_LEN) {
            sqlite3_result_error(ctx, "fupin_audit_hash: bad digest", -1);
            return;
        }
        memcpy(digest, d, HASH_LEN);
    }
    audit_chain_hash(prev, n, argv + 1, has_digest ? digest : NULL, h, SEAL_LEN);
    sqlite3_result_blob(ctx, h, SEAL_LEN, SQLITE_TRANSIENT);
}

/* fupin_audit_row(v1, ..., vn): the digest of an inserted record's values. */
static void fn_audit_row(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    unsigned char d[HASH_LEN];
    audit_row_digest(argv, argc, d);
    sqlite3_result_blob(ctx, d, HASH_LEN, SQLITE_TRANSIENT);
}

int audit_register(sqlite3 *h)
{
    if (sodium_init() < 0)
        return SQLITE_ERROR;
    /* Innocuous: pure, so they may run inside triggers whatever trusted_schema says. */
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function(h, "fupin_audit_hash", 1 + N_FIELDS, flags, NULL,
                                     fn_audit_hash, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(h, "fupin_audit_hash", 2 + N_FIELDS, flags, NULL,
                                     fn_audit_hash, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(h, "fupin_audit_row", -1, flags, NULL, fn_audit_row, NULL, NULL);
    return rc;
}

#define ROW_COLS "id, at, operator, tbl, row_id, action, old, new, hash"

/* The hash of the row `st` points at (columns ROW_COLS) after prev. */
static void row_hash(sqlite3_stmt *st, const void *prev, uint64_t prev_len, unsigned char *out, size_t outlen)
{
    sqlite3_value *fields[N_FIELDS];
    for (int i = 0; i < N_FIELDS; i++)
        fields[i] = sqlite3_column_value(st, i);
    audit_chain_hash(prev, prev_len, fields, NULL, out, outlen);
}

/* Chains up to CHUNK rows after *last_id, the first after prev (NULL:
 * none); returns how many (0: none were left).  Reads the chunk, then
 * writes it: a table is not updated under a running SELECT of it. */
#define CHUNK 1024
static int chain_chunk(struct db *db, int64_t *last_id, unsigned char prev[SEAL_LEN], int *have_prev,
                       int *rc)
{
    static int64_t ids[CHUNK];
    static unsigned char hashes[CHUNK][SEAL_LEN];
    sqlite3 *h = db_handle(db);
    sqlite3_stmt *sel = NULL, *upd = NULL;
    int n = 0;
    *rc = sqlite3_prepare_v2(h, "SELECT " ROW_COLS " FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2",
                             -1, &sel, NULL);
    if (*rc == SQLITE_OK) {
        sqlite3_bind_int64(sel, 1, *last_id);
        sqlite3_bind_int(sel, 2, CHUNK);
        while ((*rc = sqlite3_step(sel)) == SQLITE_ROW) {
            ids[n] = sqlite3_column_int64(sel, 0);
            row_hash(sel, *have_prev ? prev : NULL, SEAL_LEN, hashes[n], SEAL_LEN);
            memcpy(prev, hashes[n], SEAL_LEN);
            *have_prev = 1;
            n++;
        }
        *rc = *rc == SQLITE_DONE ? SQLITE_OK : *rc;
    }
    sqlite3_finalize(sel);
    if (*rc == SQLITE_OK && n)
        *rc = sqlite3_prepare_v2(h, "UPDATE audit SET hash = ?1 WHERE id = ?2", -1, &upd, NULL);
    for (int i = 0; *rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_blob(upd, 1, hashes[i], SEAL_LEN, SQLITE_STATIC);
        sqlite3_bind_int64(upd, 2, ids[i]);
        *rc = sqlite3_step(upd) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h);
        sqlite3_reset(upd);
    }
    sqlite3_finalize(upd);
    if (n)
        *last_id = ids[n - 1];
    return n;
}

enum db_err audit_chain_existing(struct db *db)
{
    /* The guard refuses every UPDATE; lift it for this one pass, inside the
     * migration's transaction, and put the same text back. */
    enum db_err err = db_exec(db, "DROP TRIGGER IF EXISTS audit_no_update", "升级审计记录");
    if (err != DB_OK)
        return err;
    int64_t last = 0;
    unsigned char prev[SEAL_LEN];
    int have_prev = 0, rc = SQLITE_OK;
    while (chain_chunk(db, &last, prev, &have_prev, &rc) > 0 && rc == SQLITE_OK)
        ;
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "升级审计记录");
    /* No guard goes back: the same upgrade moves the log into audit_log
     * (MIGRATION_16), which has its own. */
    return DB_OK;
}

/* ---- verification --------------------------------------------------------- */

void audit_describe(const struct audit_finding *f, char *out, size_t outsz)
{
    switch (f->fault) {
    case AUDIT_EDITED:
        snprintf(out, outsz, "审计记录第 %lld 条（%s，%s）被修改：内容与校验值不符 "
                 "(audit row %lld edited: content does not match its hash)",
                 (long long)f->id, f->tbl, f->at, (long long)f->id);
        break;
    case AUDIT_DELETED:
        snprintf(out, outsz, "审计记录第 %lld–%lld 条被删除（缺失于第 %lld 条 %s，%s 之前） "
                 "(audit rows %lld-%lld deleted, before row %lld)",
                 (long long)f->missing_from, (long long)f->missing_to, (long long)f->id, f->tbl,
                 f->at, (long long)f->missing_from, (long long)f->missing_to, (long long)f->id);
        break;
    case AUDIT_FORGED:
        snprintf(out, outsz, "审计记录第 %lld 条（%s，%s）是伪造的：不是本系统写入 "
                 "(audit row %lld forged: not written by fupin)",
                 (long long)f->id, f->tbl, f->at, (long long)f->id);
        break;
    case AUDIT_TRIGGER_MISSING:
        snprintf(out, outsz, "审计触发器 %s 已被删除，期间的修改可能没有记录 (audit trigger %s is missing)",
                 f->trigger, f->trigger);
        break;
    case AUDIT_UNLOGGED:
        snprintf(out, outsz, "%s 第 %lld 条记录没有新增的审计记录：审计记录的末尾可能被删除，"
                 "或记录是绕过审计写入的 (no audit row for the insert of %s %lld: the log's end may "
                 "have been cut off)", f->tbl, (long long)f->row_id, f->tbl, (long long)f->row_id);
        break;
    case AUDIT_ROW_CHANGED:
        snprintf(out, outsz, "%s 第 %lld 条记录与审计记录第 %lld 条（%s）之后的内容不符：有未留审计的修改 "
                 "(%s %lld was changed without an audit row after audit row %lld)", f->tbl,
                 (long long)f->row_id, (long long)f->id, f->at, f->tbl, (long long)f->row_id, (long long)f->id);
        break;
    case AUDIT_ROW_REMOVED:
        snprintf(out, outsz, "%s 第 %lld 条记录已不在，却没有删除的审计记录（最后一条是第 %lld 条）"
                 "(%s %lld was removed without an audit row)", f->tbl, (long long)f->row_id,
                 (long long)f->id, f->tbl, (long long)f->row_id);
        break;
    case AUDIT_INSERT_MISMATCH:
        snprintf(out, outsz, "审计记录第 %lld 条（%s，%s）被修改，或 %s 第 %lld 条记录有未留审计的修改："
                 "新增的内容与校验值不符 (audit row %lld edited, or %s %lld changed without an audit row)",
                 (long long)f->id, f->tbl, f->at, f->tbl, (long long)f->row_id, (long long)f->id, f->tbl,
                 (long long)f->row_id);
        break;
    case AUDIT_TRIGGER_CHANGED:
        snprintf(out, outsz, "审计触发器 %s 已被改动 (audit trigger %s was altered)", f->trigger, f->trigger);
        break;
    case AUDIT_BACKUP_CUT:
        snprintf(out, outsz, "审计记录比自动备份 %s 还少：备份中的第 %lld 条在本文件中已不存在，审计记录的末尾被删除过"
                 "（若本文件是有意换上的另一个文件，请把旧的 backups 文件夹移走） "
                 "(the log ends before row %lld of the automatic backup %s: its end was cut off)",
                 f->backup, (long long)f->id, (long long)f->id, f->backup);
        break;
    case AUDIT_BACKUP_DIFFERS:
        snprintf(out, outsz, "审计记录第 %lld 条与自动备份 %s 中的不同：此前的审计记录被改写过"
                 "（若本文件是有意换上的另一个文件，请把旧的 backups 文件夹移走） "
                 "(audit row %lld differs from the automatic backup %s: the log was rewritten)",
                 (long long)f->id, f->backup, (long long)f->id, f->backup);
        break;
    }
}

/* Compares one trigger's stored text with what fupin makes. */
static int verify_trigger(struct db *db, const char *name, const char *want, audit_report_fn report,
                          void *ud)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    struct audit_finding f = { 0 };
    snprintf(f.trigger, sizeof f.trigger, "%s", name);
    if (rc != SQLITE_ROW)
        f.fault = AUDIT_TRIGGER_MISSING;
    else if (!want || strcmp((const char *)sqlite3_column_text(st, 0), want) != 0)
        f.fault = AUDIT_TRIGGER_CHANGED;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (f.fault && report)
        report(ud, &f);
    return f.fault ? 1 : 0;
}

static int verify_triggers(struct db *db, audit_report_fn report, void *ud, size_t *bad)
{
    static const char *const actions[] = { "insert", "update", "delete" };
    for (int g = 0; g < 2; g++) {
        int r = verify_trigger(db, g ? "audit_no_delete" : "audit_no_update",
                               db_schema_audit_guard_sql(g), report, ud);
        if (r < 0)
            return -1;
        *bad += (size_t)r;
    }
    for (int t = 0; DB_AUDITED_TABLES[t]; t++)
        for (int a = 0; a < 3; a++) {
            char name[96];
            snprintf(name, sizeof name, "audit_%s_%s", DB_AUDITED_TABLES[t], actions[a]);
            char *want = db_schema_audit_trigger_sql(db, DB_AUDITED_TABLES[t], a);
            int r = verify_trigger(db, name, want, report, ud);
            free(want);
            if (r < 0)
                return -1;
            *bad += (size_t)r;
        }
    return 0;
}

/* One row against the stored hash of the row before it (prev, NULL for
 * the first): the fault, or 0. */
static enum audit_fault verify_row(sqlite3_stmt *st, const void *prev, uint64_t prev_len,
                                   int64_t expect_id, struct audit_finding *f)
{
    f->id = sqlite3_column_int64(st, 0);
    snprintf(f->at, sizeof f->at, "%s", sqlite3_column_type(st, 1) == SQLITE_NULL ? ""
             : (const char *)sqlite3_column_text(st, 1));
    snprintf(f->tbl, sizeof f->tbl, "%s", sqlite3_column_type(st, 3) == SQLITE_NULL ? ""
             : (const char *)sqlite3_column_text(st, 3));
    if (f->id != expect_id) {
        f->missing_from = expect_id;
        f->missing_to = f->id - 1;
        return f->id > expect_id ? AUDIT_DELETED : AUDIT_EDITED;
    }
    /* 16 bytes (32 in rows written before issue 14) */
    size_t len = (size_t)sqlite3_column_bytes(st, 8);
    if (sqlite3_column_type(st, 8) != SQLITE_BLOB || (len != SEAL_LEN && len != HASH_LEN))
        return AUDIT_FORGED;
    if (audit_no_image((const char *)sqlite3_column_text(st, 5), sqlite3_column_value(st, 7)))
        /* An insert without image: the replay checks it (with the record's
         * values), if it is of an audited table at all. */
        return audit_table_audited(f->tbl) ? 0 : AUDIT_EDITED;
    unsigned char h[HASH_LEN];
    row_hash(st, prev, prev_len, h, len);
    return memcmp(h, sqlite3_column_blob(st, 8), len) ? AUDIT_EDITED : 0;
}

/* Keeps a copy of the stored hash of the current row (whatever its bytes:
 * the triggers chain on the stored value) as the next row's prev; 0 when
 * out of memory. */
static int prev_stored(sqlite3_stmt *st, unsigned char **prev, uint64_t *len, int *have)
{
    uint64_t n;
    const void *p = audit_value_bytes(sqlite3_column_value(st, 8), &n);
    *have = p != NULL;
    *len = n;
    unsigned char *copy = realloc(*prev, n + 1);
    if (!copy)
        return 0;
    *prev = copy;
    if (p && n)
        memcpy(copy, p, n);
    return 1;
}

int audit_no_image(const char *action, sqlite3_value *new_)
{
    if (!action || strcmp(action, "insert") != 0 || sqlite3_value_type(new_) == SQLITE_NULL)
        return 0;
    const unsigned char *t = sqlite3_value_text(new_);
    return t && *t >= '0' && *t <= '9';
}

int audit_table_audited(const char *tbl)
{
    for (int t = 0; DB_AUDITED_TABLES[t]; t++)
        if (strcmp(DB_AUDITED_TABLES[t], tbl) == 0)
            return 1;
    return 0;
}

enum db_err audit_verify(struct db *db, audit_report_fn report, void *ud, size_t *rows, size_t *bad)
{
    *rows = *bad = 0;
    if (verify_triggers(db, report, ud, bad) < 0)
        return db_fail(db, sqlite3_errcode(db_handle(db)), "检查审计触发器");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), "SELECT " ROW_COLS " FROM audit ORDER BY id", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "检查审计记录");
    /* The stored hash of the row before (its bytes, whatever they are). */
    unsigned char *prev = NULL;
    uint64_t prev_len = 0;
    int have_prev = 0;
    int64_t expect = 1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_finding f = { 0 };
        f.fault = verify_row(st, have_prev ? prev : NULL, prev_len, expect, &f);
        if (f.fault) {
            ++*bad;
            if (report)
                report(ud, &f);
        }
        ++*rows;
        expect = f.id + 1;
        if (!prev_stored(st, &prev, &prev_len, &have_prev)) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    free(prev);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        rc = audit_replay_verify(db, report, ud, bad);
    if (rc == SQLITE_OK)
        rc = audit_anchor_verify(db, report, ud, bad);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "检查审计记录");
}

/* ---- reading ------------------------------------------------------------------ */

static const struct { const char *tbl, *label; } TABLE_LABELS[] = {
    { "households", "户" }, { "members", "成员" }, { "applications", "申请书" },
    { "surveys", "入户调查" }, { "aid_records", "帮扶记录" }, { "objections", "异议" },
    { "exits", "退出" }, { "waivers", "放弃" }, { "assignments", "结对" }, { "helpers", "帮扶责任人" },
    { "projects", "项目" }, { "disbursements", "资金拨付" }, { "votes", "评议票" },
    { "verifications", "项目验收" }, { "meetings", "评议会" }, { "notices", "公示" },
    { "rechecks", "回访核查" }, { "operators", "操作员" }, { "team_members", "工作队员" },
    { "team_visits", "走访记录" }, { "team_visit_households", "走访户" },
    { "monitor_records", "监测对象" }, { "monitor_dismissals", "监测不纳入" },
    { "hh_events", "突发事件" }, { "villages", "贫困村" }, { "village_years", "村年度情况" },
    { "village_exits", "贫困村出列" }, { "plans", "帮扶规划" }, { "plan_items", "规划措施" },
    { "flow_targets", "减贫任务" }, { "loans", "小额信贷" }, { "loan_repayments", "还款" },
    { "trainings", "就业培训" }, { "relocations", "易地搬迁" }, { "asset_shares", "资产收益" },
    { "asset_dividends", "分红" },
    /* the rows fupin writes for a whole operation, not a table's record */
    { "import", "导入" }, { "merge", "合并" }, { AUDIT_RESTORE_TBL, "从备份恢复" },
};

const char *audit_table_label(const char *tbl)
{
    for (size_t i = 0; i < sizeof TABLE_LABELS / sizeof *TABLE_LABELS; i++)
        if (strcmp(TABLE_LABELS[i].tbl, tbl) == 0)
            return TABLE_LABELS[i].label;
    return tbl;
}

const char *audit_action_label(const char *action)
{
    return strcmp(action, "insert") == 0 ? "新增" : strcmp(action, "update") == 0 ? "修改"
         : strcmp(action, "delete") == 0 ? "删除" : action;
}

static int has_household_column(struct db *db, const char *table)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') WHERE name = 'household_id'", table);
    sqlite3_stmt *st = NULL;
    int yes = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
              && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

/* The WHERE clause of a filter (?1 is the value; by household, ?2 its id). */
static void filter_sql(struct db *db, enum audit_filter filter, char *out, size_t outsz)
{
    if (filter == AUDIT_BY_OPERATOR) {
        snprintf(out, outsz, "operator = ?1");
    } else if (filter == AUDIT_BY_DATE) {
        snprintf(out, outsz, "substr(at, 1, 10) = ?1");
    } else if (filter == AUDIT_BY_HOUSEHOLD) {
        size_t n = (size_t)snprintf(out, outsz, "(tbl = 'households' AND row_id = ?2)");
        for (int t = 0; DB_AUDITED_TABLES[t] && n < outsz; t++)
            if (has_household_column(db, DB_AUDITED_TABLES[t]))
                n += (size_t)snprintf(out + n, outsz - n, " OR (tbl = '%s' AND row_id IN "
                                      "(SELECT id FROM %s WHERE household_id = ?2))",
                                      DB_AUDITED_TABLES[t], DB_AUDITED_TABLES[t]);
    } else {
        snprintf(out, outsz, "1");
    }
}

/* The household a clerk named: by 户编号, else by internal number; 0 when none. */
static int64_t household_named(struct db *db, const char *value)
{
    sqlite3_stmt *st = NULL;
    int64_t id = 0;
    if (sqlite3_prepare_v2(db_handle(db), "SELECT id FROM households WHERE hh_no = ?1 UNION ALL "
                           "SELECT id FROM households WHERE ?1 NOT GLOB '*[^0-9]*' AND length(?1) < 16 "
                           "AND id = CAST(?1 AS INTEGER) LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return id;
}

static char *dup_column(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? strdup(t) : NULL;
}

static void copy_column(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    snprintf(out, outsz, "%s", t ? t : "");
}

enum db_err audit_list(struct db *db, enum audit_filter filter, const char *value, size_t max,
                       struct audit_entry **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int64_t hh = 0;
    if (filter == AUDIT_BY_HOUSEHOLD && (hh = household_named(db, value ? value : "")) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有户编号或内部号为 %s 的户 (no household %s)",
                            value ? value : "", value ? value : "");
    char where[4096], sql[4300];
    filter_sql(db, filter, where, sizeof where);
    snprintf(sql, sizeof sql, "SELECT id, at, operator, tbl, row_id, action, old, new FROM audit "
             "WHERE %s ORDER BY id DESC LIMIT ?3", where);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读取审计记录");
    sqlite3_bind_text(st, 1, value ? value : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, hh);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    struct audit_entry *e = calloc(max ? max : 1, sizeof *e);
    if (!e) {
        sqlite3_finalize(st);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    size_t k = 0;
    while (k < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        e[k].id = sqlite3_column_int64(st, 0);
        copy_column(st, 1, e[k].at, sizeof e[k].at);
        copy_column(st, 2, e[k].operator_name, sizeof e[k].operator_name);
        copy_column(st, 3, e[k].tbl, sizeof e[k].tbl);
        e[k].row_id = sqlite3_column_int64(st, 4);
        copy_column(st, 5, e[k].action, sizeof e[k].action);
        e[k].old = dup_column(st, 6);
        e[k].new_ = dup_column(st, 7);
        e[k].no_image = audit_no_image(e[k].action, sqlite3_column_value(st, 7))
                        && audit_table_audited(e[k].tbl);
        k++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        audit_entries_free(e, k);
        return db_fail(db, rc, "读取审计记录");
    }
    *out = e;
    *n = k;
    return DB_OK;
}

const char *audit_entry_new(struct db *db, struct audit_entry *e)
{
    if (e->no_image) {
        /* Rebuilt once, when first shown (a list holds thousands of rows;
         * each takes the record's history). */
        char *image = audit_insert_json(db, e->tbl, e->row_id, e->id);
        e->no_image = 0;
        if (image) {
            free(e->new_);
            e->new_ = image;
        }
    }
    return e->new_;
}

void audit_entries_free(struct audit_entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].old);
        free(e[i].new_);
    }
    free(e);
}
