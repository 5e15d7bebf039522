/* formview_save.c — the form engine's save: required fields and the checks
 * the form declares, warnings confirmed once, one transaction through db/;
 * 保存修改吗? on leaving; drafts offered back after a crash; and the move of
 * a freshly surveyed household to 已调查 through the workflow table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "forms/facts.h"
#include "tui/dialog.h"
#include "tui/formview.h"
#include "tui/screens.h"
#include "tui/ui.h"

#define MAX_RESULTS 64

/* The last household saved in this session: F5 on a plain form copies from it. */
static struct household last_saved;
static int have_last_saved;

const struct household *fv_last_saved(void)
{
    return have_last_saved ? &last_saved : NULL;
}

/* Step 2 of SPEC §3.1: a saved survey of an applied household moves it to
 * 已调查 when the state machine allows (two surveyors, three signatures,
 * signed application); otherwise the clerk is told what is missing. */
static void advance_if_surveyed(struct formview *v)
{
    if (v->form != &FORM_SURVEY || v->hh.state != WF_APPLIED || !v->hh.id)
        return;
    struct wf_facts f;
    wf_facts_init(&f);
    snprintf(f.today, sizeof f.today, "%s", app.ctx.today);
    const struct survey *s = &v->hh.survey;
    f.surveyors = (s->surveyor1[0] != 0) + (s->surveyor2[0] != 0);
    f.signed_household = s->signed_household;
    f.signed_cadre = s->signed_cadre;
    f.signed_surveyor = s->signed_surveyor;
    f.application_signed = v->hh.app.signed_by_applicant;
    char why[256];
    if (!wf_can_move(&f, WF_APPLIED, WF_SURVEYED, why, sizeof why)) {
        ui_status(MSG_WARN, "已保存，但尚不能标记为已调查: %s", why);
        return;
    }
    if (db_state_change(app.db, v->hh.id, WF_SURVEYED, s->survey_date[0] ? s->survey_date : app.ctx.today,
                        "入户调查完成") != DB_OK) {
        ui_status(MSG_ERROR, "已保存，状态未变更: %s", app_errmsg());
        return;
    }
    v->hh.state = WF_SURVEYED;
    ui_status(MSG_INFO, "已保存，状态: 已调查");
}

/* ---- save ------------------------------------------------------------------ */

/* A place on the form: page, the roster row (-1 none) and whether its
 * sub-form is open, and the field. */
struct spot { int page, row, in_row, field; };

static int field_index(const struct form_page *pg, const char *key)
{
    for (size_t i = 0; i < pg->n_fields; i++)
        if (strcmp(pg->fields[i].key, key) == 0)
            return (int)i;
    return -1;
}

static int is_member_key(const char *key)
{
    for (size_t i = 0; i < N_MEMBER_FIELDS; i++)
        if (strcmp(MEMBER_FIELDS[i].key, key) == 0)
            return 1;
    return 0;
}

/* 性别 and the birth date come from the ID number: a form without them
 * (Form A) sends their faults there. */
static const char *head_key(const char *key)
{
    if (strcmp(key, "id_no") == 0 || strcmp(key, "sex") == 0 || strcmp(key, "birth") == 0)
        return "head_id_no";
    return "head_name";     /* the head's line on a form without the roster */
}

/* Where a fault named by (member, key) is on this form:
 * - a member's field: that row's sub-form on the roster page (its first
 *   field when the roster lacks the key); without a roster (Form A) the
 *   head's own fields, 户主姓名 / 户主身份证号;
 * - a member field with no member (家庭成员 0 人): the members table;
 * - a household field: its page and field.
 * 0 when the form has no place for it. */
static int locate(const struct formview *v, int member, const char *key, struct spot *at)
{
    int member_key = is_member_key(key);
    if (member >= v->hh.n_members)
        member = -1;
    for (size_t p = 0; p < v->form->n_pages; p++) {
        const struct form_page *pg = &v->form->pages[p];
        int i = field_index(pg, key);
        if (pg->roster && member_key) {
            *at = (struct spot){ (int)p, member, member >= 0, i < 0 ? 0 : i };
            return 1;
        }
        if (!pg->roster && !member_key && i >= 0) {
            *at = (struct spot){ (int)p, -1, 0, i };
            return 1;
        }
    }
    if (!member_key)
        return 0;
    for (size_t p = 0; p < v->form->n_pages; p++) {
        int i = field_index(&v->form->pages[p], head_key(key));
        if (i >= 0) {
            *at = (struct spot){ (int)p, -1, 0, i };
            return 1;
        }
    }
    return 0;
}

/* Moves the cursor to the field a check names.  A computed field (年人均纯收入)
 * takes no cursor: the page's first field then.  性别 does, although Enter
 * passes over it when the ID number gives it: it may be the value at fault. */
static void jump_to(struct formview *v, int member, const char *key)
{
    struct spot at;
    if (!locate(v, member, key, &at))
        return;
    fv_go_page(v, at.page);     /* the page's first field, the table on the roster */
    const struct form_page *pg = fv_page_of(v);
    if (pg->roster)
        v->row = at.row >= 0 ? at.row : 0;
    v->in_row = at.in_row;
    const struct field *f = &pg->fields[at.field];
    if ((!pg->roster || at.in_row) && !(f->flags & F_READONLY) && f->table != T_DERIVED)
        v->cur = at.field;
    fv_unload_field(v);
}

/* A required field left empty is also what a check names when it says the
 * same (「户主姓名」必须填写 and 第1名成员 的 姓名 未填写): the list keeps
 * the check's words only, each fault once. */
static size_t drop_duplicate_required(const struct formview *v, struct check_result *rs, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        struct spot a, b;
        int dup = 0;
        if (!rs[i].def && locate(v, rs[i].member_index, rs[i].field_key, &a))
            for (size_t j = 0; j < n && !dup; j++)
                dup = rs[j].def && rs[j].def->level == CHECK_ERROR &&
                      locate(v, rs[j].member_index, rs[j].field_key, &b) &&
                      memcmp(&a, &b, sizeof a) == 0;
        if (!dup)
            rs[k++] = rs[i];
    }
    return k;
}

/* Required fields left empty, as check results so they list with the rest. */
static size_t missing_required(struct formview *v, struct check_result *out, size_t max)
{
    size_t k = 0;
    for (size_t p = 0; p < v->form->n_pages; p++) {
        const struct form_page *pg = &v->form->pages[p];
        int rows = pg->roster ? v->hh.n_members : 1;
        for (int r = 0; r < rows; r++) {
            const void *rec = pg->roster ? (const void *)&v->hh.members[r] : (const void *)&v->hh;
            for (size_t i = 0; i < pg->n_fields && k < max; i++) {
                const struct field *f = &pg->fields[i];
                if (!(f->flags & F_REQUIRED) || fv_skipped(f, rec) || !fv_field_is_empty(f, rec))
                    continue;
                memset(&out[k], 0, sizeof out[k]);
                /* The head's fields of Form A (head_name, T_HEAD) are
                 * members[0]'s, as the checks name them. */
                out[k].member_index = pg->roster ? r : f->table == T_HEAD ? 0 : -1;
                snprintf(out[k].field_key, sizeof out[k].field_key, "%s",
                         f->table == T_HEAD ? f->key + strlen("head_") : f->key);
                if (pg->roster)
                    snprintf(out[k].message, sizeof out[k].message, "第%d位成员: 「%s」必须填写", r + 1, f->label);
                else
                    snprintf(out[k].message, sizeof out[k].message, "「%s」必须填写", f->label);
                k++;
            }
        }
    }
    return k;
}


/* Lists results into text; returns how many are of `level`. */
static size_t list_results(const struct check_result *rs, size_t n, int errors, char *text, size_t sz)
{
    size_t k = 0, len = 0;
    text[0] = 0;
    for (size_t i = 0; i < n; i++) {
        int is_error = !rs[i].def || rs[i].def->level == CHECK_ERROR;
        if (is_error != errors)
            continue;
        k++;
        if (len + 300 < sz)
            len += snprintf(text + len, sz - len, "%zu. %s\n", k, rs[i].message);
    }
    return k;
}

/* Issue 11 item 4: a registered or exited household's identifying or
 * eligibility facts (forms/facts.h) change with a reason.  One box lists
 * what this save changes, with a line for the reason; Esc cancels the save
 * (the form keeps what was keyed).  db_household_save refuses such a save
 * without a reason all the same: this only asks.  1 to go on saving. */
static int ask_change_reason(struct formview *v)
{
    if (!v->hh.id || !wf_changes_need_reason((enum wf_state)v->hh.state))
        return 1;
    enum { MAX_CHANGES = 64 };
    struct household *old = malloc(sizeof *old);
    struct fact_change *fc = calloc(MAX_CHANGES, sizeof *fc);
    char *text = calloc(MAX_CHANGES, sizeof *fc);
    int go = 1;
    size_t n = 0;
    if (old && fc && text && db_household_load(app.db, v->hh.id, v->hh.survey.year, old) == DB_OK)
        n = facts_changes(old, &v->hh, fc, MAX_CHANGES);
    if (n) {
        facts_describe(fc, n < MAX_CHANGES ? n : MAX_CHANGES, text, MAX_CHANGES * sizeof *fc);
        char title[96], reason[sizeof v->hh.change_reason];
        snprintf(title, sizeof title, "该户为%s: 以下修改须说明原因", wf_state_label((enum wf_state)v->hh.state));
        snprintf(reason, sizeof reason, "%s", v->hh.change_reason);
        for (;;) {
            go = dialog_input_text(title, text, "修改原因 (必填):", reason, sizeof reason, 100);
            const char *r = reason;
            while (*r == ' ')
                r++;
            if (!go || *r)
                break;
            dialog_message("须填写修改原因", "请填写修改的原因，如「户主申报，经村委核实」；按 Esc 取消保存。");
        }
        if (go)
            snprintf(v->hh.change_reason, sizeof v->hh.change_reason, "%s", reason);
        else
            ui_status(MSG_INFO, "未保存: 修改已建档立卡户的信息须说明原因");
    }
    free(old);
    free(fc);
    free(text);
    return go;
}

/* F2: the whole record is checked, then written in one transaction. */
int fv_save(struct formview *v)
{
    if (!fv_commit_field(v))
        return 0;
    fv_head_first(v);
    struct check_result rs[MAX_RESULTS];
    size_t n = missing_required(v, rs, MAX_RESULTS);
    struct check_ctx cc;
    app_check_context(&cc);
    size_t k = checks_run_household(&cc, &v->hh, rs + n, MAX_RESULTS - n);
    /* Keep only the checks this form declares, compacting in place: the
     * write index never passes the read index, and the loop's bound is
     * fixed before it starts (it once grew with the write index). */
    size_t end = n + k;
    for (size_t i = n; i < end; i++)
        if (form_check_applies(v->form, rs[i].def->id))
            rs[n++] = rs[i];
    n = drop_duplicate_required(v, rs, n);
    static char text[MAX_RESULTS * 320];
    size_t errors = list_results(rs, n, 1, text, sizeof text);
    if (errors) {
        char title[64];
        snprintf(title, sizeof title, "有 %zu 处错误，不能保存", errors);
        dialog_text(title, text);
        for (size_t i = 0; i < n; i++)
            if (!rs[i].def || rs[i].def->level == CHECK_ERROR) {
                jump_to(v, rs[i].member_index, rs[i].field_key);
                ui_status(MSG_ERROR, "%s", rs[i].message);
                break;
            }
        return 0;
    }
    size_t warnings = list_results(rs, n, 0, text, sizeof text);
    if (warnings && v->warnings_confirmed != (int)warnings) {
        char q[64];
        snprintf(q, sizeof q, "有 %zu 条警告 (见上)，仍然保存吗?", warnings);
        if (!dialog_yesno_text("警告", text, q, ANSWER_NO))
            return 0;
        v->warnings_confirmed = (int)warnings;
    }
    if (!ask_change_reason(v))
        return 0;
    enum db_err rc = db_household_save(app.db, &v->hh);
    if (rc != DB_OK) {
        dialog_message("保存失败，数据没有写入", app_errmsg());
        return 0;
    }
    v->dirty = 0;
    db_draft_clear(app.db, v->form->name, v->draft_key);
    if (v->form == &FORM_SURVEY) {
        db_draft_survey_key(v->draft_key, sizeof v->draft_key, v->hh.id, v->hh.survey.year);
        v->carried_from = 0;    /* saved: the year's survey is confirmed */
    } else {
        snprintf(v->draft_key, sizeof v->draft_key, "%lld", (long long)v->hh.id);
    }
    last_saved = v->hh;
    have_last_saved = 1;
    ui_status(MSG_INFO, "已保存 (户主 %s，%d 人)", v->hh.members[0].name, v->hh.n_members);
    advance_if_surveyed(v);
    return 1;
}

/* 1 when the form holds a change: one committed, or text typed into the
 * current field that differs from what the field was loaded with (issue 10:
 * Esc right after typing must not drop what was typed). */
static int fv_changed(struct formview *v)
{
    size_t n;
    void *rec;
    fv_cur_fields(v, &n, &rec);
    if (v->dirty || n == 0 || v->loaded < 0 || v->loaded != v->cur)
        return v->dirty;
    return fe_changed(&v->fe);
}

/* Esc or Ctrl-Q on a changed form asks 保存修改吗? (Enter = 是).  是 saves
 * through fv_save, which commits the field first: a refused value keeps the
 * form open with its message.  Returns 1 when the form may close. */
int fv_may_close(void *self)
{
    struct formview *v = self;
    if (!fv_changed(v))
        return 1;
    switch (dialog_yes_no_cancel("保存修改吗?", ANSWER_YES)) {
    case ANSWER_YES:
        return fv_save(v);
    case ANSWER_NO:
        db_draft_clear(app.db, v->form->name, v->draft_key);
        return 1;
    default:
        return 0;
    }
}

/* Offers a draft left by a crash or a killed terminal.  Drafts are stored
 * field by field (db/drafts.c), so one written by an older build loads too:
 * what it does not hold keeps the value the form opened with.  An old raw
 * draft this build cannot read is reported once, then dropped. */
void fv_offer_draft(struct formview *v)
{
    static struct household draft;
    draft = v->hh;
    char updated[32] = "";
    enum db_err rc = db_draft_load(app.db, v->form->name, v->draft_key, &draft, updated);
    if (rc == DB_ERR_INVALID) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s\n这份草稿已删除，请重新录入。", app_errmsg());
        dialog_message("草稿无法恢复", msg);
        db_draft_clear(app.db, v->form->name, v->draft_key);
        return;
    }
    if (rc != DB_OK)
        return;
    char q[320];
    snprintf(q, sizeof q, "发现未保存的草稿 (户主 %s, %s)，恢复吗?",
             draft.n_members > 0 && draft.members[0].name[0] ? draft.members[0].name : "未填", updated);
    if (dialog_yesno(q, ANSWER_YES)) {
        v->hh = draft;
        v->dirty = 1;
    } else {
        db_draft_clear(app.db, v->form->name, v->draft_key);
    }
}
