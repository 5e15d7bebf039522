/* appraisal.c — 村级评议 (see appraisal.h): the list of meetings, and one
 * meeting's agenda with votes, scores, ranks and results. */
#include "tui/appraisal.h"
#include <stddef.h>
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

#define MAX_AGENDA 1000
#define MAX_MEETINGS 300

/* ---- one meeting ------------------------------------------------------- */

struct agenda {
    int64_t id;
    struct wfs_meeting m;
    struct wfs_vote *v;
    struct wfui_list l;
};

static void agenda_load(struct agenda *a)
{
    if (wfs_meeting_get(app.db, a->id, &a->m) != DB_OK ||
        wfs_agenda(app.db, a->id, a->v, MAX_AGENDA, &a->l.n) != DB_OK) {
        ui_status(MSG_ERROR, "%s", app_errmsg());
        a->l.n = 0;
    }
    wfui_clamp(&a->l);
    a->l.stale = 0;
}

static void agenda_row(void *self, int i, int y, attr_t at)
{
    const struct agenda *a = self;
    const struct wfs_vote *v = &a->v[i];
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
    char title[400], line[600];
    char village[TEXT_BYTES(30)] = "";
    db_area_name(app.db, a->m.village, village, sizeof village);
    snprintf(title, sizeof title, "村级评议 %s %s (%s)", village, a->m.date,
             a->m.kind == NK_EXIT ? "脱贫退出" : "扶贫对象识别");
    ui_title(title, "");
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
        ui_put(LINES - 3, 0, a->v[a->l.sel].rule, COLS, ui_attr(UI_DIM));
    else
        ui_put(5, 2, "议程为空: 按 A 从待评议的户中添加。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" A添加户 Enter录票 Del移出 M会议信息 D公布结果 F1帮助 Esc返回");
    curs_set(0);
}

static void agenda_add(struct agenda *a)
{
    struct wfs_vote *c = calloc(MAX_AGENDA, sizeof *c);
    size_t n = 0;
    if (!c || wfs_agenda_candidates(app.db, a->id, c, MAX_AGENDA, &n) != DB_OK) {
        free(c);
        wfui_error();
        return;
    }
    if (!n) {
        dialog_message("添加户", a->m.kind == NK_EXIT ? "本村没有其他已建档立卡的户。"
                                                     : "本村没有其他已调查、待评议的户。");
        free(c);
        return;
    }
    const char **labels = calloc(n + 1, sizeof *labels);
    char (*text)[300] = calloc(n + 1, sizeof *text);
    if (labels && text) {
        snprintf(text[0], sizeof text[0], "全部 %zu 户 (五优先在前)", n);
        labels[0] = text[0];
        for (size_t i = 0; i < n; i++) {
            snprintf(text[i + 1], sizeof text[i + 1], "%s  %s  五优先 %d 项%s", c[i].head_name,
                     c[i].group_name, c[i].priority, c[i].exclusions ? "  七不进!" : "");
            labels[i + 1] = text[i + 1];
        }
        int k = wfui_pick("列入评议议程", labels, n + 1, 0);
        for (size_t i = 0; k >= 0 && i < n; i++)
            if ((k == 0 || (size_t)k == i + 1) && wfs_agenda_add(app.db, a->id, c[i].household_id) != DB_OK) {
                wfui_error();
                break;
            }
    }
    free(labels);
    free(text);
    free(c);
    a->l.stale = 1;
}

static void agenda_vote(struct agenda *a)
{
    if (!a->l.n)
        return;
    struct wfs_vote *v = &a->v[a->l.sel];
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
        if (wfs_agenda_remove(app.db, a->id, a->v[a->l.sel].household_id) != DB_OK)
            wfui_error();
        a->l.stale = 1;
    } else if (ch == 'm' || ch == 'M') {
        struct wfs_meeting m = a->m;
        edit_meeting(&m);
        a->l.stale = 1;
    } else if ((ch == 'd' || ch == 'D') && dialog_yesno("按评议结果转入下一步吗? (通过 → 已评议, 未通过 → 未通过)", ANSWER_NO)) {
        char report[8192];
        if (wfs_meeting_decide(app.db, a->id, report, sizeof report) != DB_OK)
            wfui_error();
        else
            dialog_text("评议结果", report);
        a->l.stale = 1;
    }
    return ACT_NONE;
}

static void agenda_close(void *self)
{
    struct agenda *a = self;
    free(a->v);
    free(a);
}

static struct screen agenda_screen(int64_t id)
{
    struct agenda *a = calloc(1, sizeof *a);
    a->v = calloc(MAX_AGENDA, sizeof *a->v);
    a->id = id;
    a->l.stale = 1;
    return (struct screen){ "agenda", agenda_draw, agenda_key, agenda_close, NULL, a };
}

/* ---- the meetings ------------------------------------------------------ */

struct mlist {
    struct wfs_meeting m[MAX_MEETINGS];
    struct wfui_list l;
};

static void mlist_row(void *self, int i, int y, attr_t a)
{
    const struct wfs_meeting *m = &((struct mlist *)self)->m[i];
    char v[TEXT_BYTES(30)] = "", nums[64], date[16];
    db_area_name(app.db, m->village, v, sizeof v);
    snprintf(date, sizeof date, " %s", m->date);
    snprintf(nums, sizeof nums, "%-5d%-5d%-5d%-7d", m->attendees, m->representatives, m->n_agenda,
             m->n_decided);
    const char *cells[] = { date, v, m->kind == NK_EXIT ? "退出" : "识别", nums, m->host };
    static const int widths[] = { 12, 15, 7, 22, 0 };
    wfui_cells(y, cells, widths, 5, a);
}

static void mlist_draw(void *self)
{
    struct mlist *l = self;
    if (l->l.stale) {
        if (wfs_meetings(app.db, NULL, l->m, MAX_MEETINGS, &l->l.n) != DB_OK)
            l->l.n = 0;
        wfui_clamp(&l->l);
        l->l.stale = 0;
    }
    ui_title("村级评议 (表C 村级评议记录)", app.ctx.today);
    ui_put(2, 0, " 日期       村             类型   参会 代表 议程 已录票 主持人", COLS, A_BOLD);
    wfui_list_draw(&l->l, 3, LINES - 5, mlist_row, l);
    if (!l->l.n)
        ui_put(4, 2, "还没有评议会议。按 N 新建。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" ↑↓选择 Enter打开 N新建会议 Esc返回");
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

static enum screen_action mlist_key(void *self, int kind, wint_t ch)
{
    struct mlist *l = self;
    if (kind == KEY_CODE_YES) {
        if (wfui_nav(&l->l, (int)ch))
            return ACT_NONE;
        if (ch == KEY_IC) ch = 'N';
        else if (ch == KEY_ENTER) ch = '\n';
        else return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if ((ch == '\n' || ch == '\r') && l->l.n) {
        app_push(agenda_screen(l->m[l->l.sel].id));
        l->l.stale = 1;
    } else if (ch == 'n' || ch == 'N') {
        new_meeting(l);
    }
    return ACT_NONE;
}

static void mlist_close(void *self)
{
    free(self);
}

struct screen appraisal_screen(void)
{
    struct mlist *l = calloc(1, sizeof *l);
    l->l.stale = 1;
    return (struct screen){ "appraisal", mlist_draw, mlist_key, mlist_close, NULL, l };
}
