/* notices.c — 公示管理 (see notices.h).  Two screens: the list of notices with
 * their calendar, and one notice with its list of households. */
#include "tui/hhyears.h"
#include "tui/notices.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/checks.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/operators.h"
#include "db/household_store.h"
#include "db/member_history.h"
#include "db/notice_export.h"
#include "db/notice_sheet.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/ui.h"
#include "tui/wfui.h"

/* ---- the store queries behind the lists (rowbuf_load, tui/wfui.h) ---- */

static enum db_err fill_notices(const void *area, void *out, size_t max, size_t *n)
{
    return wfs_notices(app.db, area, out, max, n);
}

static enum db_err fill_listed(const void *notice_id, void *out, size_t max, size_t *n)
{
    return wfs_notice_list(app.db, *(const int64_t *)notice_id, out, max, n);
}

static enum db_err fill_candidates(const void *notice_id, void *out, size_t max, size_t *n)
{
    return wfs_notice_candidates(app.db, *(const int64_t *)notice_id, out, max, n);
}

static enum db_err fill_objections(const void *notice_id, void *out, size_t max, size_t *n)
{
    return wfs_objections(app.db, *(const int64_t *)notice_id, 0, out, max, n);
}

static const char *round_label(int kind, int round)
{
    if (kind == NK_ADJUST)
        return "清退";
    return round == 1 ? "一榜" : round == 2 ? "二榜" : round == 3 ? "三榜" : "";
}

/* 草稿 / 公示中 (剩 N 天) / 已期满 / 已结束. */
static void notice_status(const struct wfs_notice *n, char *out, size_t sz)
{
    if (!n->posted) {
        snprintf(out, sz, "草稿");
        return;
    }
    if (n->closed) {
        snprintf(out, sz, "已结束");
        return;
    }
    int y, m, d;
    long end = date_parse(n->end, &y, &m, &d) ? date_to_days(y, m, d) : 0;
    long left = end - clock_today_days() + 1;
    if (left > 0)
        snprintf(out, sz, "公示中, 剩 %ld 天", left);
    else
        snprintf(out, sz, "已期满, 待结束");
}

/* ---- one notice --------------------------------------------------------- */

struct nview {
    int64_t id;
    struct wfs_notice n;
    struct rowbuf list;         /* struct wfs_listed: every household on it */
    struct notice_sheet sheet;  /* a posted notice: the rows as printed */
    struct wfui_list l;
};

static struct wfs_listed *listed(const struct nview *v)
{
    return v->list.rows;
}

static void nview_load(struct nview *v)
{
    /* The notice's count sizes the buffer: one query, as each row loads its
     * household's survey (a county list holds thousands). */
    if (wfs_notice_get(app.db, v->id, &v->n) != DB_OK ||
        rowbuf_load(&v->list, sizeof(struct wfs_listed), (size_t)v->n.n_households + 1, fill_listed,
                    &v->id) == 0) {
        ui_status(MSG_ERROR, "%s", app_errmsg());
        v->list.n = 0;
    }
    v->l.n = v->list.n;
    notice_sheet_free(&v->sheet);
    if (v->n.posted && notice_sheet_load(app.db, v->id, &v->sheet) != DB_OK)
        ui_status(MSG_ERROR, "%s", app_errmsg());
    wfui_clamp(&v->l);
    v->l.stale = 0;
}

/* The stored row of a posted notice for the household (row i of the list),
 * or NULL.  The sheet was stored in list order, so row i is tried first: a
 * search of a county's sheet for every row drawn is needless. */
static const struct notice_row *frozen_row(const struct nview *v, size_t i, int64_t household_id)
{
    if (v->sheet.frozen && i < v->sheet.n && v->sheet.rows[i].household_id == household_id)
        return &v->sheet.rows[i];
    for (size_t k = 0; v->sheet.frozen && k < v->sheet.n; k++)
        if (v->sheet.rows[k].household_id == household_id)
            return &v->sheet.rows[k];
    return NULL;
}

static void nview_row(void *self, int i, int y, attr_t a)
{
    const struct nview *v = self;
    const struct wfs_listed *l = &listed(v)[i];
    char masked[24], num[16], nm[8], group[sizeof l->village_name + sizeof l->group_name];
    snprintf(masked, sizeof masked, "%.6s********%.4s", l->head_id,
             strlen(l->head_id) == 18 ? l->head_id + 14 : "");
    snprintf(num, sizeof num, " %d", i + 1);
    snprintf(nm, sizeof nm, "%d", l->n_members);
    /* A township or county list spans villages: the group alone is ambiguous. */
    snprintf(group, sizeof group, "%s%s", strlen(v->n.area) < AREA_CODE_LEN ? l->village_name : "",
             l->group_name);
    const char *where = group, *head = l->head_name, *type = codes_label(CL_HH_TYPE, l->hh_type);
    const struct notice_row *posted = frozen_row(v, (size_t)i, l->household_id);
    if (posted) {
        /* What was posted, not what the household says today. */
        where = posted->group;
        snprintf(masked, sizeof masked, "%s", posted->id_masked);
        snprintf(nm, sizeof nm, "%d", posted->n_members);
        head = posted->head_name;
        type = posted->hh_type;
    }
    const char *cells[] = { num, where, head, nm, masked, type,
                            wf_state_label(l->state), l->open_objections ? "有未处理" : "" };
    static const int widths[] = { 6, 15, 12, 5, 21, 15, 13, 0 };
    wfui_cells(y, cells, widths, 8, a);
}

static void nview_draw(void *self)
{
    struct nview *v = self;
    if (v->l.stale)
        nview_load(v);
    char title[300], st[64], line[600], approval[200] = "";
    wfs_notice_title(&v->n, title, sizeof title);
    notice_status(&v->n, st, sizeof st);
    ui_title(title, st);
    snprintf(line, sizeof line, "公示期 %s 至 %s (%d 天)  张贴: %s  监督电话: %s", v->n.start, v->n.end,
             v->n.days, v->n.place, v->n.phone[0] ? v->n.phone : "(未填)");
    ui_put(1, 0, line, COLS, A_NORMAL);
    if (v->n.round >= 2)
        snprintf(approval, sizeof approval, "%s: %s %s  ", v->n.round == 3 ? "县级批文" : "乡镇审核",
                 v->n.approval_no[0] || v->n.approval_date[0] ? v->n.approval_no : "(未录入)",
                 v->n.approval_date);
    snprintf(line, sizeof line, "发布单位: %s  %s共 %zu 户, 未处理异议 %d 条", v->n.publisher, approval,
             v->l.n, v->n.open_objections);
    ui_put(2, 0, line, COLS, A_NORMAL);
    ui_put(3, 0, " 序号 村民小组       户主        人口 身份证号(公示)       属性           状态         异议",
           COLS, A_BOLD);
    wfui_list_draw(&v->l, 4, LINES - 6, nview_row, v);
    if (v->n.kind == NK_VILLAGE_EXIT)
        ui_put(5, 2, "公示对象是本村 (贫困村出列), 不列户: 按 O 对本村登记异议, J 处理。", COLS - 4, A_NORMAL);
    else if (v->l.n == 0)
        ui_put(5, 2, v->n.posted ? "名单为空。" : "名单为空: 按 A 从符合条件的户中添加。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    /* Objections and closing the round are the 审核员's (db/operators.h):
     * a 录入员 is not offered them (the store refuses them too). */
    ui_keybar(!v->n.posted ? " A添加户 Del移出 E编辑 P张贴 X导出 F1帮助 Esc返回"
              : db_session_role(app.db) >= ROLE_REVIEWER
              ? " O异议 J处理异议 R回访核查 C结束本轮 X导出 F1帮助 Esc返回"
              : " R回访核查 X导出 F1帮助 Esc返回");
    curs_set(0);
}

/* Picks one of the n candidates: all of them are offered (a fixed 2 000
 * left the rest of a county's households out of reach).  -1 when cancelled
 * or out of memory (said). */
static int pick_candidate(const struct wfs_listed *c, size_t n)
{
    const char **labels = calloc(n, sizeof *labels);
    char (*text)[320] = calloc(n, sizeof *text);
    int k = -1;
    if (labels && text) {
        for (size_t i = 0; i < n; i++) {
            snprintf(text[i], sizeof text[i], "%s  %s  %s", c[i].head_name, c[i].group_name,
                     wf_state_label(c[i].state));
            labels[i] = text[i];
        }
        k = wfui_pick("添加到公示名单", labels, n, 0);
    } else {
        ui_status(MSG_ERROR, "内存不足, 不能列出 %zu 户", n);
    }
    free(labels);
    free(text);
    return k;
}

static void add_households(struct nview *v)
{
    struct rowbuf c = { 0 };
    int r = rowbuf_load(&c, sizeof(struct wfs_listed), 256, fill_candidates, &v->id);
    const struct wfs_listed *cand = c.rows;
    int k = -1;
    if (r == 0)
        wfui_error();
    else if (r > 0 && c.n == 0)
        dialog_message("添加户", "没有处于上一步状态、且不在名单上的户。");
    else if (r > 0)
        k = pick_candidate(cand, c.n);
    if (k >= 0) {
        char reason[TEXT_BYTES(100)] = "";
        int ok = 1;
        if (v->n.kind == NK_ADJUST)
            ok = dialog_input("清退原因", "清退须录入书面原因 (将作为备注公示):", reason, sizeof reason, 100);
        if (ok && wfs_notice_add(app.db, v->id, cand[k].household_id, reason) != DB_OK)
            wfui_error();
        v->l.stale = 1;
    }
    free(c.rows);
}

/* Prompts one text field in place; 0 when cancelled. */
static int ask(const char *title, const char *prompt, char *buf, size_t sz, int max)
{
    return dialog_input(title, prompt, buf, sz, max);
}

static void edit_header(struct nview *v)
{
    struct wfs_notice n = v->n;
    char days[8];
    snprintf(days, sizeof days, "%d", n.days);
    if (!ask("编辑公示", "开始日期 (YYYY-MM-DD 或 YYYYMMDD):", n.start, sizeof n.start, 10)) return;
    if (!ask("编辑公示", "公示天数:", days, sizeof days, 3)) return;
    n.days = atoi(days);
    if (!ask("编辑公示", "张贴地点:", n.place, sizeof n.place, 40)) return;
    if (!ask("编辑公示", "监督电话:", n.phone, sizeof n.phone, 20)) return;
    if (!ask("编辑公示", "发布单位:", n.publisher, sizeof n.publisher, 40)) return;
    if (n.round == 2 && !ask("乡镇审核", "乡镇审核日期 (二榜须录入):", n.approval_date, sizeof n.approval_date, 10)) return;
    if (n.round == 2 && !ask("乡镇审核", "乡镇审核文号 (可空):", n.approval_no, sizeof n.approval_no, 30)) return;
    if (n.round == 3 && !ask("县级确认", "县级确认批文号 (三榜须录入):", n.approval_no, sizeof n.approval_no, 30)) return;
    if (n.round == 3 && !ask("县级确认", "批文日期:", n.approval_date, sizeof n.approval_date, 10)) return;
    if (wfs_notice_update(app.db, &n) != DB_OK)
        wfui_error();
    else
        ui_status(MSG_INFO, "已保存, 结束日期 %s", n.end);
    v->l.stale = 1;
}

static void add_objection(struct nview *v)
{
    int village = v->n.kind == NK_VILLAGE_EXIT;     /* against the village, no list */
    if (v->l.n == 0 && !village)
        return;
    struct wfs_objection o;
    memset(&o, 0, sizeof o);
    o.notice_id = v->id;
    if (village)
        snprintf(o.village, sizeof o.village, "%s", v->n.area);
    else
        o.household_id = listed(v)[v->l.sel].household_id;
    char prompt[200];
    snprintf(prompt, sizeof prompt, "对 %s 的异议 — 收到日期 (空 = 今天):",
             village ? v->n.area_name : listed(v)[v->l.sel].head_name);
    if (!ask("登记异议", prompt, o.received, sizeof o.received, 10)) return;
    if (!ask("登记异议", "异议人 (可空 = 匿名):", o.objector, sizeof o.objector, NAME_CHARS)) return;
    if (!ask("登记异议", "异议内容:", o.content, sizeof o.content, 200)) return;
    if (wfs_objection_add(app.db, &o) != DB_OK)
        wfui_error();
    else
        ui_status(MSG_INFO, "已登记异议, 须核查处理 (维持/取消) 后%s才能进入下一步", village ? "该村" : "该户");
    v->l.stale = 1;
}

/* Picks one of the open objections among the n of the notice: all of them
 * (a notice's first 64 only were offered, and one past them kept the round
 * from closing).  Its index in os, or -1. */
static int pick_open_objection(const struct wfs_objection *os, size_t n)
{
    size_t open = 0;
    for (size_t i = 0; i < n; i++)
        open += os[i].resolution == OBJ_OPEN;
    if (!open) {
        dialog_message("处理异议", "本公示没有未处理的异议。");
        return -1;
    }
    const char **labels = calloc(open, sizeof *labels);
    char (*text)[200] = calloc(open, sizeof *text);
    size_t *map = calloc(open, sizeof *map);
    int k = -1;
    if (labels && text && map) {
        for (size_t i = 0, j = 0; i < n; i++)
            if (os[i].resolution == OBJ_OPEN) {
                snprintf(text[j], sizeof text[j], "%s  %s  %s: %.60s", os[i].received, os[i].head_name,
                         os[i].objector[0] ? os[i].objector : "匿名", os[i].content);
                labels[j] = text[j];
                map[j++] = i;
            }
        k = wfui_pick("选择要处理的异议", labels, open, 0);
        k = k < 0 ? -1 : (int)map[k];
    } else {
        ui_status(MSG_ERROR, "内存不足, 不能列出异议");
    }
    free(labels);
    free(text);
    free(map);
    return k;
}

/* 维持 or 取消 of one objection, with the checker's findings. */
static void resolve_one(struct nview *v, const struct wfs_objection *o)
{
    const char *choices[] = { "维持 (异议不成立, 保留在名单上)", "取消 (异议成立, 该户移出)" };
    int r = wfui_pick("处理结果", choices, 2, 0);
    if (r < 0)
        return;
    char checker[TEXT_BYTES(NAME_CHARS)] = "", result[TEXT_BYTES(200)] = "", date[11] = "";
    if (!ask("处理异议", "核查人:", checker, sizeof checker, NAME_CHARS)) return;
    if (!ask("处理异议", "核查结果:", result, sizeof result, 200)) return;
    if (!ask("处理异议", "处理日期 (空 = 今天):", date, sizeof date, 10)) return;
    if (wfs_objection_resolve(app.db, o->id, r == 0 ? OBJ_UPHELD : OBJ_CANCEL, checker, result, date) != DB_OK)
        wfui_error();
    else
        ui_status(MSG_INFO, "异议已处理: %s", r == 0 ? "维持" : "取消");
    v->l.stale = 1;
}

static void resolve_objection(struct nview *v)
{
    struct rowbuf os = { 0 };
    int r = rowbuf_load(&os, sizeof(struct wfs_objection), 64, fill_objections, &v->id);
    if (r == 0)
        wfui_error();
    int k = r > 0 ? pick_open_objection(os.rows, os.n) : -1;
    if (k >= 0)
        resolve_one(v, &((const struct wfs_objection *)os.rows)[k]);
    free(os.rows);
}

static void recheck(struct nview *v)
{
    if (v->l.n == 0 || v->n.kind != NK_IDENTIFY || v->n.round != 1) {
        ui_status(MSG_WARN, "回访核查只对一榜识别公示的户");
        return;
    }
    const struct wfs_listed *l = &listed(v)[v->l.sel];
    const char *choices[] = { "通过", "不通过 (该户转为未通过)" };
    char title[200];
    snprintf(title, sizeof title, "乡镇回访核查: %s", l->head_name);
    int r = wfui_pick(title, choices, 2, 0);
    if (r < 0)
        return;
    char checker[TEXT_BYTES(NAME_CHARS)] = "", result[TEXT_BYTES(100)] = "", date[11] = "";
    if (!ask(title, "核查人:", checker, sizeof checker, NAME_CHARS)) return;
    if (!ask(title, "核查意见:", result, sizeof result, 100)) return;
    if (!ask(title, "核查日期 (空 = 今天):", date, sizeof date, 10)) return;
    if (wfs_recheck(app.db, l->household_id, r == 0, checker, result, date) != DB_OK)
        wfui_error();
    else
        ui_status(MSG_INFO, "已记录回访核查");
    v->l.stale = 1;
}

static void export_notice(struct nview *v)
{
    char path[1024], dir[400];
    app_export_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/公示名单_%lld.xlsx", dir, (long long)v->id);
    if (!ask("导出公示名单", "保存为 (xlsx 文件):", path, sizeof path, 200) || !app_export_path(path, sizeof path))
        return;
    if (notice_export(app.db, v->id, path) != DB_OK)
        wfui_error();
    else
        app_written("导出完成", "已导出公示名单", path);
}

/* Posting; a period already over needs the clerk's confirmation and reason,
 * worded by the check table (NOTICE_POSTED_LATE). */
static void post_notice(struct nview *v)
{
    char reason[TEXT_BYTES(100)] = "";
    if (wfs_notice_needs_late_reason(&v->n)) {
        struct notice_facts nf;
        struct check_ctx cc;
        struct check_result res[16];
        size_t n = 0;
        checks_ctx_init(&cc);
        if (wfs_notice_facts(app.db, v->id, &nf, NULL, 0) == DB_OK) {
            snprintf(nf.posted_on, sizeof nf.posted_on, "%s", cc.today);
            n = checks_run_notice(&cc, &nf, res, 16);
        }
        for (size_t i = 0; i < n; i++)
            if (strcmp(res[i].def->id, "NOTICE_POSTED_LATE") == 0)
                dialog_message("逾期张贴", res[i].message);
        if (!dialog_input("逾期张贴", "确认逾期张贴, 请填写原因 (将随公示保存):", reason, sizeof reason, 100)
            || !reason[strspn(reason, " ")]) {
            ui_status(MSG_WARN, "未填写原因, 未张贴");
            return;
        }
    }
    if (wfs_notice_post(app.db, v->id, reason[0] ? reason : NULL) != DB_OK)
        wfui_error();
    else
        ui_status(MSG_INFO, "已张贴, 公示至 %s", v->n.end);
    v->l.stale = 1;
}

static enum screen_action nview_key(void *self, int kind, wint_t ch)
{
    struct nview *v = self;
    int fkey = kind == KEY_CODE_YES;
    if (fkey) {
        if (wfui_nav(&v->l, (int)ch))
            return ACT_NONE;
        switch (ch) {
        case KEY_IC: if (!v->n.posted) add_households(v); return ACT_NONE;
        case KEY_DC: ch = 'D'; break;
        case KEY_F(1):
            dialog_text("公示管理帮助",
                "草稿: A/Ins 添加户, Del 移出, E 编辑 (开始日期、天数、张贴地点、监督电话、发布单位,\n"
                "二榜录入乡镇审核日期, 三榜录入县级批文号和日期), P 张贴 (名单冻结, 各户进入公示状态)。\n"
                "张贴后: O 对所选户登记异议, J 处理异议 (维持/取消), R 记录乡镇回访核查 (一榜),\n"
                "C 结束本轮 (须过了结束日期且没有未处理的异议), X 导出公示名单 (xlsx)。");
            return ACT_NONE;
        default: return ACT_NONE;
        }
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    switch (ch) {
    case 'a': case 'A': if (!v->n.posted) add_households(v); break;
    case 'd': case 'D':
        if (!v->n.posted && v->l.n && dialog_yesno("从名单中移出所选户吗?", ANSWER_NO)) {
            if (wfs_notice_remove(app.db, v->id, listed(v)[v->l.sel].household_id) != DB_OK)
                wfui_error();
            v->l.stale = 1;
        }
        break;
    case 'e': case 'E':
        if (v->n.posted) ui_status(MSG_WARN, "公示已张贴, 不可修改");
        else edit_header(v);
        break;
    case 'p': case 'P':
        if (!v->n.posted && dialog_yesno("张贴后名单冻结不可修改, 各户进入公示状态。确认张贴吗?", ANSWER_NO))
            post_notice(v);
        break;
    case 'o': case 'O': if (v->n.posted) add_objection(v); break;
    case 'j': case 'J': resolve_objection(v); break;
    case 'r': case 'R': recheck(v); break;
    case 'c': case 'C': {
        char report[4096];
        if (wfs_notice_close(app.db, v->id, report, sizeof report) != DB_OK)
            wfui_error();
        else
            dialog_text("本轮公示已结束", report);
        v->l.stale = 1;
        break;
    }
    case 'x': case 'X': export_notice(v); break;
    default: break;
    }
    return ACT_NONE;
}

static void nview_close(void *self)
{
    struct nview *v = self;
    notice_sheet_free(&v->sheet);
    free(v->list.rows);
    free(v);
}

static struct screen nview_screen(int64_t id)
{
    struct nview *v = calloc(1, sizeof *v);
    v->id = id;
    v->l.stale = 1;
    return (struct screen){ "notice", nview_draw, nview_key, nview_close, NULL, v };
}

void notices_open(int64_t id)
{
    app_push(nview_screen(id));
}

/* ---- the list of notices ------------------------------------------------ */

struct nlist {
    struct rowbuf list;                 /* struct wfs_notice, newest first: all of them */
    char area[AREA_CODE_LEN + 1];       /* F6: the notices under this area; "" = all */
    char area_label[TEXT_BYTES(30) + 32];
    struct wfui_list l;
};

static struct wfs_notice *notices(const struct nlist *l)
{
    return l->list.rows;
}

/* 范围 gives way on 80 columns, so that 状态 ("公示中, 剩 6 天") stays whole. */
static int scope_width(void)
{
    return COLS >= 90 ? 21 : 17;
}

static void nlist_row(void *self, int i, int y, attr_t a)
{
    const struct wfs_notice *n = &notices(self)[i];
    char ids[16], cnt[16], obj[16], st[64];
    snprintf(ids, sizeof ids, " %lld", (long long)n->id);
    snprintf(cnt, sizeof cnt, "%d", n->n_households);
    snprintf(obj, sizeof obj, "%d", n->open_objections);
    notice_status(n, st, sizeof st);
    const char *cells[] = { ids, codes_label(CL_NOTICE_KIND, n->kind), round_label(n->kind, n->round),
                            n->area_name, n->start, n->end, cnt, obj, st };
    const int widths[] = { 6, 5, 5, scope_width(), 11, 11, 5, 5, 0 };
    wfui_cells(y, cells, widths, 9, n->posted && !n->closed ? a | A_BOLD : a);
}

/* Every notice under the area picked with F6: a county's thousands, not
 * the newest 300. */
static void nlist_load(struct nlist *l)
{
    const char *area = l->area[0] ? l->area : NULL;
    if (rowbuf_load(&l->list, sizeof(struct wfs_notice), 256, fill_notices, area) == 0)
        ui_status(MSG_ERROR, "%s", app_errmsg());
    l->l.n = l->list.n;
    wfui_clamp(&l->l);
    l->l.stale = 0;
}

static void nlist_draw(void *self)
{
    struct nlist *l = self;
    if (l->l.stale)
        nlist_load(l);
    char right[64], line[300];
    snprintf(right, sizeof right, "今天 %s", app.ctx.today);
    ui_title("公示管理 (三榜公示)", right);
    snprintf(line, sizeof line, " 地区: %s   共 %zu 条公示", l->area_label, l->l.n);
    ui_put(1, 0, line, COLS, A_NORMAL);
    char scope[64];
    snprintf(line, sizeof line, " 编号 类型 轮次 %s开始       结束       户数 异议 状态",
             ui_pad("范围", scope_width(), scope, sizeof scope));
    ui_put(2, 0, line, COLS, A_BOLD);
    wfui_list_draw(&l->l, 3, LINES - 5, nlist_row, l);
    if (l->l.n == 0)
        ui_put(4, 2, l->area[0] ? "本地区没有公示。按 F6 选择其他地区或「全部」。"
                     : "还没有公示。按 N 新建一榜公示 (从已评议的户生成名单)。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" ↑↓选择 Enter打开 N新建公示 Del删除草稿 F6地区 F1帮助 Esc返回");
    curs_set(0);
}

static void new_notice(struct nlist *l)
{
    const char *kinds[] = { "识别", "退出", "调整 (清退)" };
    int k = wfui_pick("公示类型", kinds, 3, 0);
    if (k < 0)
        return;
    int kind = k + 1, round = 1;
    if (kind != NK_ADJUST) {
        const char *rounds[] = { "一榜 (村)", "二榜 (乡镇)", "三榜 (县)" };
        int r = wfui_pick("轮次", rounds, 3, 0);
        if (r < 0)
            return;
        round = r + 1;
    }
    /* The cursor starts on the round's usual scope: village, township, county. */
    char scope[AREA_CODE_LEN + 1] = "";
    struct area first;
    size_t n = 0;
    int level = round == 1 ? AREA_VILLAGE : round == 2 ? AREA_TOWNSHIP : AREA_COUNTY;
    if (db_areas(app.db, level, NULL, &first, 1, &n) == DB_OK && n == 1)
        snprintf(scope, sizeof scope, "%s", first.code);
    char start[11] = "";
    if (areapick_any("公示范围 (输入代码或拼音首字母筛选)", NULL, scope, sizeof scope, NULL, 0) == 1 &&
        dialog_input("新建公示", "开始日期 (空 = 今天):", start, sizeof start, 10)) {
        int64_t id = 0;
        if (wfs_notice_draft(app.db, kind, round, scope, start, &id) != DB_OK) {
            wfui_error();
        } else {
            l->l.stale = 1;
            app_push(nview_screen(id));
        }
    }
}

/* F6: the shared area picker.  A county, township or village keeps the
 * notices whose scope lies under it or covers it (wfs_notices); 全部 undoes it. */
static void nlist_pick_area(struct nlist *l)
{
    if (areapick_any("按地区筛选公示 (输入代码或拼音首字母筛选)", "全部", l->area, sizeof l->area,
                     l->area_label, sizeof l->area_label) == 1) {
        l->l.sel = l->l.first = 0;
        l->l.stale = 1;
    }
}

static enum screen_action nlist_key(void *self, int kind, wint_t ch)
{
    struct nlist *l = self;
    int fkey = kind == KEY_CODE_YES;
    if (fkey) {
        if (wfui_nav(&l->l, (int)ch))
            return ACT_NONE;
        switch (ch) {
        case KEY_IC: new_notice(l); return ACT_NONE;
        case KEY_ENTER: ch = '\n'; break;
        case KEY_DC: ch = 'D'; break;
        case KEY_F(6): nlist_pick_area(l); return ACT_NONE;
        case KEY_F(1):
            dialog_text("公示管理帮助",
                "每行一个公示: 类型、轮次、范围、公示期和状态 (草稿 / 公示中, 剩几天 / 已期满 / 已结束)。\n"
                "N 新建: 选类型、轮次、范围和开始日期, 名单从处于上一步的户自动生成, 张贴前可修改。\n"
                "Enter 打开公示, Del 删除草稿 (已张贴的公示不能删除)。\n"
                "F6 按地区筛选: 选县、乡镇或村, 列出该地区及其下的公示和覆盖它的乡镇、县级公示; 选「全部」取消。");
            return ACT_NONE;
        default: return ACT_NONE;
        }
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch == '\n' || ch == '\r') {
        if (l->l.n) {
            app_push(nview_screen(notices(l)[l->l.sel].id));
            l->l.stale = 1;
        }
    } else if (ch == 'n' || ch == 'N') {
        new_notice(l);
    } else if ((ch == 'd' || ch == 'D') && l->l.n && dialog_yesno("删除所选公示草稿吗?", ANSWER_NO)) {
        if (wfs_notice_delete(app.db, notices(l)[l->l.sel].id) != DB_OK)
            wfui_error();
        l->l.stale = 1;
    }
    return ACT_NONE;
}

static void nlist_close(void *self)
{
    struct nlist *l = self;
    free(l->list.rows);
    free(l);
}

struct screen notices_screen(void)
{
    struct nlist *l = calloc(1, sizeof *l);
    snprintf(l->area_label, sizeof l->area_label, "全部");
    l->l.stale = 1;
    return (struct screen){ "notices", nlist_draw, nlist_key, nlist_close, NULL, l };
}

void notices_show_household(int64_t household_id)
{
    size_t cap = 16384, len = 0;
    char *text = malloc(cap);
    if (!text)
        return;
    text[0] = '\0';
#define ADD(...) do { if (len < cap) len += (size_t)snprintf(text + len, cap - len, __VA_ARGS__); } while (0)
    hhyears_text(household_id, text, cap, &len);
    struct state_row *h = calloc(200, sizeof *h);
    size_t n = 0;
    ADD("\n状态记录:\n");
    if (h && db_state_history(app.db, household_id, h, 200, &n) == DB_OK)
        for (size_t i = 0; i < n; i++)
            ADD("  %s  %s → %s  %s (%s)\n", h[i].date, wf_state_label(h[i].from_state),
                wf_state_label(h[i].to_state), h[i].reason, h[i].op);
    free(h);
    struct wfs_hh_notice hn[64];
    ADD("\n列入的公示:\n");
    if (wfs_household_notices(app.db, household_id, hn, 64, &n) == DB_OK) {
        for (size_t i = 0; i < n; i++)
            ADD("  %s  %s 至 %s  %s%s\n", hn[i].title, hn[i].start, hn[i].end,
                !hn[i].posted ? "草稿" : hn[i].closed ? "已结束" : "公示中",
                hn[i].objections ? (hn[i].open_objections ? ", 有未处理异议" : ", 有异议 (已处理)") : "");
        if (!n)
            ADD("  (无)\n");
    }
    struct wfs_objection os[32];
    if (wfs_objections(app.db, 0, household_id, os, 32, &n) == DB_OK && n) {
        ADD("\n异议:\n");
        for (size_t i = 0; i < n; i++)
            ADD("  %s %s: %s — %s %s %s\n", os[i].received, os[i].objector[0] ? os[i].objector : "匿名",
                os[i].content, wfs_resolution_label(os[i].resolution), os[i].checker, os[i].check_result);
    }
    /* Issue 11: members who came and went, and changes with their reasons. */
    struct member_event_row *ev = calloc(100, sizeof *ev);
    if (ev && db_member_events(app.db, household_id, ev, 100, &n) == DB_OK && n) {
        ADD("\n成员变动:\n");
        for (size_t i = 0; i < n; i++) {
            int in = ev[i].kind == MEMBER_JOINED;
            ADD("  %s  %s %s %s (%s)  记录: %s %.16s%s%s\n", ev[i].date, in ? "入户" : "离户", ev[i].name,
                ev[i].id_no, codes_label(in ? CL_MEMBER_IN : CL_MEMBER_OUT, ev[i].reason), ev[i].op, ev[i].at,
                ev[i].note[0] ? "  " : "", ev[i].note);
        }
    }
    free(ev);
    struct hh_change_row *ch = calloc(50, sizeof *ch);
    if (ch && db_hh_changes(app.db, household_id, ch, 50, &n) == DB_OK && n) {
        ADD("\n修改记录:\n");
        for (size_t i = 0; i < n; i++) {
            ADD("  %s  %s  原因: %s\n", ch[i].date, ch[i].op, ch[i].reason);
            for (const char *p = ch[i].changes; *p; ) {
                const char *nl = strchr(p, '\n');
                int w = nl ? (int)(nl - p) : (int)strlen(p);
                ADD("      %.*s\n", w, p);
                p += w + (nl != NULL);
            }
        }
    }
    free(ch);
#undef ADD
    dialog_text("调查年度、状态记录与公示", text);
    free(text);
}
