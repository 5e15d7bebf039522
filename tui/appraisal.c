/* appraisal.c — 村级评议 (see appraisal.h): the list of meetings, and one
 * meeting's agenda with votes, scores, ranks and results. */
#include "tui/appraisal.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/workflow.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include "tui/aidcard.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/ui.h"
#include "tui/wfui.h"

/* ---- the store queries behind the lists (rowbuf_load, tui/wfui.h) ---- */

static enum db_err fill_meetings(const void *area, void *out, size_t max, size_t *n)
{
    return wfs_meetings(app.db, area, out, max, n);
}

static enum db_err fill_agenda(const void *meeting_id, void *out, size_t max, size_t *n)
{
    return wfs_agenda(app.db, *(const int64_t *)meeting_id, out, max, n);
}

static enum db_err fill_candidates(const void *meeting_id, void *out, size_t max, size_t *n)
{
    return wfs_agenda_candidates(app.db, *(const int64_t *)meeting_id, out, max, n);
}

/* ---- one meeting ------------------------------------------------------- */

struct agenda {
    int64_t id;
    struct wfs_meeting m;
    struct rowbuf votes;        /* struct wfs_vote: the whole agenda, ranked */
    struct wfui_list l;
};

static struct wfs_vote *votes(const struct agenda *a)
{
    return a->votes.rows;
}

static void agenda_load(struct agenda *a)
{
    /* The whole agenda, or the store ranks only the part it was given room
     * for (it sorts after reading): the meeting's count sizes the buffer. */
    if (wfs_meeting_get(app.db, a->id, &a->m) != DB_OK ||
        rowbuf_load(&a->votes, sizeof(struct wfs_vote), (size_t)a->m.n_agenda + 1, fill_agenda, &a->id) == 0) {
        ui_status(MSG_ERROR, "%s", app_errmsg());
        a->votes.n = 0;
    }
    a->l.n = a->votes.n;
    wfui_clamp(&a->l);
    a->l.stale = 0;
}

static void agenda_row(void *self, int i, int y, attr_t at)
{
    const struct agenda *a = self;
    const struct wfs_vote *v = &votes(a)[i];
    char rank[8], pr[8], f[8], ag[8], ab[8], sc[16];
    snprintf(rank, sizeof rank, v->rank ? " %d" : " -", v->rank);
    snprintf(pr, sizeof pr, "%d", v->priority);
    snprintf(f, sizeof f, "%d", v->votes_for);
    snprintf(ag, sizeof ag, "%d", v->votes_against);
    snprintf(ab, sizeof ab, "%d", v->votes_abstain);
    snprintf(sc, sizeof sc, "%d.%02d", v->score / 100, abs(v->score % 100));
    const char *cells[] = { rank, v->head_name, v->group_name, pr, f, ag, ab, sc };
    static const int widths[] = { 6, 12, 10, 7, 5, 5, 6, 7 };
    wfui_cells(y, cells, widths, 8, at);
    const char *res = !v->voted ? "未录入"
                      : v->state != (a->m.kind == NK_EXIT ? WF_REGISTERED : WF_SURVEYED)
                      ? wf_state_label(v->state) : v->passes ? "通过" : "不通过";
    ui_put(y, 58, res, COLS - 58, v->voted && !v->passes ? at | ui_attr(UI_ERROR) : at);
}

static void agenda_draw(void *self)
{
    struct agenda *a = self;
    if (a->l.stale)
        agenda_load(a);
    char title[400], line[600], count[32];
    char village[TEXT_BYTES(30)] = "";
    db_area_name(app.db, a->m.village, village, sizeof village);
    snprintf(title, sizeof title, "村级评议 %s %s (%s)", village, a->m.date,
             a->m.kind == NK_EXIT ? "脱贫退出" : "扶贫对象识别");
    snprintf(count, sizeof count, "议程 %zu 户", a->l.n);
    ui_title(title, count);
    int present = wfs_meeting_present(&a->m);
    snprintf(line, sizeof line, "主持人 %s  参会 %d 人, 其中村民代表 %d 人  记录人 %s", a->m.host,
             a->m.attendees, a->m.representatives, a->m.recorder);
    ui_put(1, 0, line, COLS, A_NORMAL);
    snprintf(line, sizeof line, "通过规则: 赞成票 ≥ 到会代表 %d 人的三分之二, 即至少 %d 票", present,
             wf_appraisal_needed(present));
    ui_put(2, 0, line, COLS, ui_attr(UI_WARN));
    ui_put(3, 0, " 名次 户主        小组      五优先 赞成 反对 弃权  打分   评议结果", COLS, A_BOLD);
    /* The selected household's rule sits above the status line, which
     * would otherwise hide it. */
    wfui_list_draw(&a->l, 4, LINES - 7, agenda_row, a);
    if (a->l.n)
        ui_put(LINES - 3, 0, votes(a)[a->l.sel].rule, COLS, ui_attr(UI_DIM));
    else
        ui_put(5, 2, "议程为空: 按 A 从待评议的户中添加。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" A添加户 Enter录票 Del移出 M会议信息 D公布结果 F1帮助 Esc返回");
    curs_set(0);
}

/* The pick among the n candidates: 0 = all of them, i + 1 = c[i]; -1 when
 * cancelled or out of memory (said). */
static int pick_candidates(const struct wfs_vote *c, size_t n)
{
    const char **labels = calloc(n + 1, sizeof *labels);
    char (*text)[300] = calloc(n + 1, sizeof *text);
    int k = -1;
    if (labels && text) {
        snprintf(text[0], sizeof text[0], "全部 %zu 户 (五优先在前)", n);
        labels[0] = text[0];
        for (size_t i = 0; i < n; i++) {
            snprintf(text[i + 1], sizeof text[i + 1], "%s  %s  五优先 %d 项%s", c[i].head_name,
                     c[i].group_name, c[i].priority, c[i].exclusions ? "  七不进!" : "");
            labels[i + 1] = text[i + 1];
        }
        k = wfui_pick("列入评议议程", labels, n + 1, 0);
    } else {
        ui_status(MSG_ERROR, "内存不足, 不能列出 %zu 户", n);
    }
    free(labels);
    free(text);
    return k;
}

/* Puts pick k of pick_candidates (0 = all n) on the agenda in one store
 * call: one transaction, so 全部 of a thousand households is one write, and
 * a refusal leaves none of them on (it used to stop halfway, the first ones
 * added). */
static void add_picked(int64_t meeting_id, const struct wfs_vote *c, size_t n, int k)
{
    size_t m = k > 0 ? 1 : n;
    int64_t *ids = malloc(m * sizeof *ids);
    if (!ids) {
        ui_status(MSG_ERROR, "内存不足, 不能列入 %zu 户", m);
        return;
    }
    for (size_t i = 0; i < m; i++)
        ids[i] = c[k > 0 ? (size_t)k - 1 : i].household_id;
    if (wfs_agenda_add_list(app.db, meeting_id, ids, m) != DB_OK)
        wfui_error();
    free(ids);
}

/* A: every candidate of the village is offered, and 全部 adds every one
 * (it added the first 1 000 only, under a label that said 全部). */
static void agenda_add(struct agenda *a)
{
    struct rowbuf cb = { 0 };
    int r = rowbuf_load(&cb, sizeof(struct wfs_vote), 256, fill_candidates, &a->id);
    const struct wfs_vote *c = cb.rows;
    int k = -1;
    if (r == 0)
        wfui_error();
    else if (r > 0 && !cb.n)
        dialog_message("添加户", a->m.kind == NK_EXIT ? "本村没有其他已建档立卡的户。"
                                                     : "本村没有其他已调查、待评议的户。");
    else if (r > 0)
        k = pick_candidates(c, cb.n);
    if (k >= 0)
        add_picked(a->id, c, cb.n, k);
    free(cb.rows);
    a->l.stale = 1;
}

static void agenda_vote(struct agenda *a)
{
    if (!a->l.n)
        return;
    struct wfs_vote *v = &votes(a)[a->l.sel];
    char title[200];
    snprintf(title, sizeof title, "录入票数: %s", v->head_name);
    int f = v->votes_for, ag = v->votes_against, ab = v->votes_abstain, sc = v->score / 100;
    if (!wfui_ask_int(title, "赞成票:", &f) || !wfui_ask_int(title, "反对票:", &ag) ||
        !wfui_ask_int(title, "弃权票:", &ab) || !wfui_ask_int(title, "排队打分 (整数):", &sc))
        return;
    if (wfs_vote_set(app.db, a->id, v->household_id, f, ag, ab, sc * 100) != DB_OK)
        wfui_error();
    a->l.stale = 1;
}

#define MEETING_FIELD(key, label, type, member, width, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct wfs_meeting, member), \
      sizeof ((struct wfs_meeting *)0)->member, width, CL_NONE, flags, NULL, NULL }
static const struct field MEETING_FIELDS[] = {
    MEETING_FIELD("date", "会议日期", FT_DATE, date, 12, F_REQUIRED),
    MEETING_FIELD("host", "主持人", FT_TEXT, host, 12, 0),
    MEETING_FIELD("attendees", "参会人数", FT_INT, attendees, 6, F_REQUIRED),
    MEETING_FIELD("representatives", "其中村民代表人数 (投票人数)", FT_INT, representatives, 6, 0),
    MEETING_FIELD("recorder", "记录人", FT_TEXT, recorder, 12, 0),
};

/* F2 on the meeting's header: what wfs_meeting_save would refuse, reported
 * at its field. */
static const char *meeting_validate(void *rec, void *ud, const char **at)
{
    (void)ud;
    static char why[256];
    return wfs_meeting_invalid(app.db, rec, at, why, sizeof why);
}

/* Keys the header of Form C on one screen; 1 when saved. */
static int edit_meeting(struct wfs_meeting *m)
{
    char head[200];
    snprintf(head, sizeof head, "评议类型: %s", m->kind == NK_EXIT ? "脱贫退出" : "扶贫对象识别");
    int min = (int)db_setting_int(app.db, SET_MEETING_MIN, 50);
    while (subform_edit("评议会议 (表C)", head, MEETING_FIELDS, sizeof MEETING_FIELDS / sizeof *MEETING_FIELDS,
                        m, sizeof *m, meeting_validate, NULL)) {
        if (m->attendees < min) {
            char q[160];
            snprintf(q, sizeof q, "参会人数 %d 少于规定的 %d 人。仍然保存吗?", m->attendees, min);
            if (!dialog_yesno(q, ANSWER_NO))
                continue;
        }
        if (wfs_meeting_save(app.db, m) == DB_OK)
            return 1;
        wfui_error();
    }
    return 0;
}

static enum screen_action agenda_key(void *self, int kind, wint_t ch)
{
    struct agenda *a = self;
    if (kind == KEY_CODE_YES) {
        if (wfui_nav(&a->l, (int)ch))
            return ACT_NONE;
        if (ch == KEY_IC) ch = 'A';
        else if (ch == KEY_ENTER) ch = '\n';
        else if (ch == KEY_DC) ch = 'X';
        else if (ch == KEY_F(1)) {
            dialog_text("村级评议帮助",
                "A/Ins 把待评议的户列入议程 (五优先的户排在前面), Enter 录入所选户的赞成/反对/弃权票和打分,\n"
                "名次按打分自动排出, 评议结果按 赞成票 ≥ 到会村民代表的三分之二 自动判定。\n"
                "Del 移出议程, M 修改会议信息, D 公布结果: 通过的户转为「已评议」(退出评议: 「退出评议」),\n"
                "未通过的户转为「未通过」并记录票数。");
            return ACT_NONE;
        } else
            return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch == '\n' || ch == '\r')
        agenda_vote(a);
    else if (ch == 'a' || ch == 'A')
        agenda_add(a);
    else if ((ch == 'x' || ch == 'X') && a->l.n && dialog_yesno("把所选户移出议程吗?", ANSWER_NO)) {
        if (wfs_agenda_remove(app.db, a->id, votes(a)[a->l.sel].household_id) != DB_OK)
            wfui_error();
        a->l.stale = 1;
    } else if (ch == 'm' || ch == 'M') {
        struct wfs_meeting m = a->m;
        edit_meeting(&m);
        a->l.stale = 1;
    } else if ((ch == 'd' || ch == 'D') && dialog_yesno("按评议结果转入下一步吗? (通过 → 已评议, 未通过 → 未通过)", ANSWER_NO)) {
        /* A line a household (name, rank, the rule with its numbers): an
         * 8 KB report stopped after about 100 of a big meeting's. */
        size_t sz = (a->votes.n + 8) * 512;
        char *report = malloc(sz);
        if (!report)
            ui_status(MSG_ERROR, "内存不足 (out of memory)");
        else if (wfs_meeting_decide(app.db, a->id, report, sz) != DB_OK)
            wfui_error();
        else
            dialog_text("评议结果", report);
        free(report);
        a->l.stale = 1;
    }
    return ACT_NONE;
}

static void agenda_close(void *self)
{
    struct agenda *a = self;
    free(a->votes.rows);
    free(a);
}

static struct screen agenda_screen(int64_t id)
{
    struct agenda *a = calloc(1, sizeof *a);
    a->id = id;
    a->l.stale = 1;
    return (struct screen){ "agenda", agenda_draw, agenda_key, agenda_close, NULL, a };
}

/* ---- the meetings ------------------------------------------------------ */

struct mlist {
    struct rowbuf list;                 /* struct wfs_meeting, newest first: all of them */
    char area[AREA_CODE_LEN + 1];       /* F6: the meetings under this area; "" = all */
    char area_label[TEXT_BYTES(30) + 32];
    struct wfui_list l;
};

static struct wfs_meeting *meetings(const struct mlist *l)
{
    return l->list.rows;
}

static void mlist_row(void *self, int i, int y, attr_t a)
{
    const struct wfs_meeting *m = &meetings(self)[i];
    char v[TEXT_BYTES(30)] = "", nums[64], date[16];
    db_area_name(app.db, m->village, v, sizeof v);
    snprintf(date, sizeof date, " %s", m->date);
    snprintf(nums, sizeof nums, "%-5d%-5d%-5d%-7d", m->attendees, m->representatives, m->n_agenda,
             m->n_decided);
    const char *cells[] = { date, v, m->kind == NK_EXIT ? "退出" : "识别", nums, m->host };
    static const int widths[] = { 12, 15, 7, 22, 0 };
    wfui_cells(y, cells, widths, 5, a);
}

/* Every meeting under the area picked with F6: a county's thousands, not
 * the newest 300. */
static void mlist_load(struct mlist *l)
{
    const char *area = l->area[0] ? l->area : NULL;
    if (rowbuf_load(&l->list, sizeof(struct wfs_meeting), 256, fill_meetings, area) == 0)
        ui_status(MSG_ERROR, "%s", app_errmsg());
    l->l.n = l->list.n;
    wfui_clamp(&l->l);
    l->l.stale = 0;
}

static void mlist_draw(void *self)
{
    struct mlist *l = self;
    if (l->l.stale)
        mlist_load(l);
    char line[300];
    ui_title("村级评议 (表C 村级评议记录)", app.ctx.today);
    snprintf(line, sizeof line, " 地区: %s   共 %zu 次评议会议", l->area_label, l->l.n);
    ui_put(1, 0, line, COLS, A_NORMAL);
    ui_put(2, 0, " 日期       村             类型   参会 代表 议程 已录票 主持人", COLS, A_BOLD);
    wfui_list_draw(&l->l, 3, LINES - 5, mlist_row, l);
    if (!l->l.n)
        ui_put(4, 2, l->area[0] ? "本地区没有评议会议。按 F6 选择其他地区或「全部」。"
                     : "还没有评议会议。按 N 新建。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" ↑↓选择 Enter打开 N新建会议 F6地区 F1帮助 Esc返回");
    curs_set(0);
}

static void new_meeting(struct mlist *l)
{
    char village[AREA_CODE_LEN + 1] = "";
    if (areapick_village("评议的村 (输入村名、拼音首字母或代码)", NULL, village, sizeof village, NULL, 0) != 1)
        return;
    const char *kinds[] = { "扶贫对象识别", "脱贫退出" };
    int t = wfui_pick("评议类型", kinds, 2, 0);
    if (t < 0)
        return;
    struct wfs_meeting m;
    memset(&m, 0, sizeof m);
    snprintf(m.village, sizeof m.village, "%s", village);
    m.kind = t == 0 ? NK_IDENTIFY : NK_EXIT;
    snprintf(m.date, sizeof m.date, "%s", app.ctx.today);
    db_copy_text(m.recorder, sizeof m.recorder, app.operator_name);
    if (edit_meeting(&m)) {
        l->l.stale = 1;
        app_push(agenda_screen(m.id));
    }
}

/* F6: the shared area picker.  A county, township or village keeps the
 * meetings of the villages under it (the store's area prefix); 全部 undoes it. */
static void mlist_pick_area(struct mlist *l)
{
    if (areapick_any("按地区筛选评议会议 (输入代码或拼音首字母筛选)", "全部", l->area, sizeof l->area,
                     l->area_label, sizeof l->area_label) == 1) {
        l->l.sel = l->l.first = 0;
        l->l.stale = 1;
    }
}

static enum screen_action mlist_key(void *self, int kind, wint_t ch)
{
    struct mlist *l = self;
    if (kind == KEY_CODE_YES) {
        if (wfui_nav(&l->l, (int)ch))
            return ACT_NONE;
        if (ch == KEY_IC) ch = 'N';
        else if (ch == KEY_ENTER) ch = '\n';
        else if (ch == KEY_F(6)) {
            mlist_pick_area(l);
            return ACT_NONE;
        } else if (ch == KEY_F(1)) {
            dialog_text("村级评议帮助",
                "每行一次评议会议 (表C): 日期、村、类型 (识别/退出)、参会和代表人数、议程户数、已录票户数。\n"
                "Enter 打开会议的议程, N/Ins 新建会议 (选村和类型, 录入会议信息)。\n"
                "F6 按地区筛选: 选县、乡镇或村, 只列其下各村的会议; 选「全部」取消。");
            return ACT_NONE;
        } else
            return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if ((ch == '\n' || ch == '\r') && l->l.n) {
        app_push(agenda_screen(meetings(l)[l->l.sel].id));
        l->l.stale = 1;
    } else if (ch == 'n' || ch == 'N') {
        new_meeting(l);
    }
    return ACT_NONE;
}

static void mlist_close(void *self)
{
    struct mlist *l = self;
    free(l->list.rows);
    free(l);
}

struct screen appraisal_screen(void)
{
    struct mlist *l = calloc(1, sizeof *l);
    snprintf(l->area_label, sizeof l->area_label, "全部");
    l->l.stale = 1;
    return (struct screen){ "appraisal", mlist_draw, mlist_key, mlist_close, NULL, l };
}
