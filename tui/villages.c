/* villages.c — 贫困村管理 (see villages.h): the villages, and one village's
 * register, year figures, 出列核查 and 出列 steps on one screen.  Each
 * answer is saved when it is confirmed (one statement each, audited); the
 * rules are db/village_store.c's and core/village.c's. */
#include "tui/villages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/income.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/village_store.h"
#include "tui/dialog.h"
#include "tui/notices.h"
#include "tui/screens.h"
#include "tui/ui.h"
#include "tui/wfui.h"

#define MAX_VILLAGES 4000

/* ---- one village --------------------------------------------------------- */

struct vform {
    struct village_info v;
    struct village_year y;
    struct village_exit e;
    int has_exit;
    int year;
    int *stale;         /* the list's: set after a save */
    int reload;         /* back from the notice: its 异议 may have changed */
};

static void vf_load(struct vform *f)
{
    if (vs_get(app.db, f->v.code, &f->v) != DB_OK || vs_year_get(app.db, f->v.code, f->year, &f->y) != DB_OK)
        wfui_error();
    f->has_exit = vs_exit_get(app.db, f->v.code, f->year, &f->e) == DB_OK;
}

static void money_or_blank(int64_t fen, char *out, size_t outsz)
{
    if (fen < 0)
        snprintf(out, outsz, "(未录入)");
    else
        money_format(fen, out, outsz);
}

static void vf_draw_register(const struct vform *f)
{
    char line[400], a[48] = "", b[48] = "未出列";
    if (f->v.identified_year)
        snprintf(a, sizeof a, "%d", f->v.identified_year);
    if (f->v.exit_year)
        snprintf(b, sizeof b, "%d", f->v.exit_year);
    snprintf(line, sizeof line, "1. 是否贫困村  %s      2. 认定年度  %s      出列年度  %s",
             f->v.poor ? "是" : "否", a, b);
    ui_put(2, 2, line, COLS - 2, A_NORMAL);
    snprintf(line, sizeof line, "3. 挂村单位  %s    4. 联系人  %s    5. 联系电话  %s", f->v.unit, f->v.contact,
             f->v.phone);
    ui_put(3, 2, line, COLS - 2, A_NORMAL);
    money_or_blank(f->y.per_capita_income, a, sizeof a);
    money_or_blank(f->y.collective_income, b, sizeof b);
    /* two lines: on 80 columns field 8 fell off the end of one */
    snprintf(line, sizeof line, "%d年: 6. 农村户籍人口 %d   7. 村人均可支配收入 %s 元",
             f->year, f->y.population, a);
    ui_put(4, 2, line, COLS - 2, A_BOLD);
    snprintf(line, sizeof line, "       8. 村集体经济收入 %s 元", b);
    ui_put(5, 2, line, COLS - 2, A_BOLD);
}

static void vf_draw_checklist(const struct vform *f)
{
    struct vc_facts facts;
    struct vc_result r[VC_COUNT];
    char failing[TEXT_BYTES(200)], line[1200], pad[64];
    if (vs_facts(app.db, f->v.code, f->year, &facts) != DB_OK)
        return;
    int bad = vc_evaluate_all(&facts, r, failing, sizeof failing);
    ui_put(6, 2, "   出列核查         标准                         结论    实际", COLS - 2, ui_attr(UI_DIM));
    for (int i = 0; i < VC_COUNT; i++) {
        char key[8] = "  ";
        if (i >= VC_FIRST_YESNO)
            snprintf(key, sizeof key, "%c.", 'a' + i - VC_FIRST_YESNO);
        char std[96], verdict[32], when[40] = "";
        if (i >= VC_FIRST_YESNO && f->y.date[i - VC_FIRST_YESNO][0])
            snprintf(when, sizeof when, "  %s确认", f->y.date[i - VC_FIRST_YESNO]);
        snprintf(line, sizeof line, "%s %s %s %s  %s%s", key, ui_pad(vc_item_label((enum vc_item)i), 16, pad, sizeof pad),
                 ui_pad(r[i].standard, 28, std, sizeof std),
                 ui_pad(vc_verdict_label((enum vc_item)i, r[i].verdict), 6, verdict, sizeof verdict),
                 r[i].actual, when);
        ui_put(7 + i, 2, line, COLS - 2, r[i].verdict == VC_PASS ? A_NORMAL : ui_attr(UI_ERROR));
    }
    if (bad)
        snprintf(line, sizeof line, "核查结论: %d 项未达标: %s", bad, failing);
    else
        snprintf(line, sizeof line, "核查结论: 全部达标, 可提出出列");
    ui_put(8 + VC_COUNT, 2, line, COLS - 2, bad ? ui_attr(UI_WARN) : A_BOLD);
}

static void vf_draw_exit(const struct vform *f)
{
    char line[1400];
    int y = 9 + VC_COUNT;
    if (!f->has_exit) {
        snprintf(line, sizeof line, "出列进度: %s", f->v.poor && !f->v.exit_year ? "未提出" : "—");
        ui_put(y, 2, line, COLS - 2, A_NORMAL);
        return;
    }
    const struct village_exit *e = &f->e;
    snprintf(line, sizeof line, "出列进度: %s", vc_stage_label((enum vc_stage)e->stage));
    if (e->objections)
        snprintf(line + strlen(line), sizeof line - strlen(line), " (异议 %d 件未处理)", e->objections);
    if (e->sustained)
        snprintf(line + strlen(line), sizeof line - strlen(line), " (异议成立 %d 件)", e->sustained);
    snprintf(line + strlen(line), sizeof line - strlen(line), "  提出 %s", e->proposed_date);
    if (e->meeting_id)
        snprintf(line + strlen(line), sizeof line - strlen(line), "  评议 %s 赞成 %d/%d", e->meeting_date,
                 e->votes_for, e->present);
    if (e->notice_start[0])
        snprintf(line + strlen(line), sizeof line - strlen(line), "  公示 %s 至 %s", e->notice_start, e->notice_end);
    if (e->decided_date[0])
        snprintf(line + strlen(line), sizeof line - strlen(line), "  出列 %s (%s)", e->decided_date, e->decided_by);
    ui_put(y, 2, line, COLS - 2, A_BOLD);
    if (e->override_reason[0]) {
        snprintf(line, sizeof line, "未达标仍提出: 审核员 %s, 理由: %s", e->override_by, e->override_reason);
        ui_put(y + 1, 2, line, COLS - 2, ui_attr(UI_WARN));
    }
}

static void vf_draw(void *self)
{
    struct vform *f = self;
    if (f->reload) {
        f->reload = 0;
        vf_load(f);
    }
    char title[320], right[32];
    snprintf(title, sizeof title, "贫困村管理  %s%s (%s)", f->v.township, f->v.name, f->v.code);
    snprintf(right, sizeof right, "%d 年度", f->year);
    ui_title(title, right);
    for (int y = 1; y < LINES - 2; y++)
        ui_put(y, 0, "", COLS, A_NORMAL);
    vf_draw_register(f);
    vf_draw_checklist(f);
    vf_draw_exit(f);
    ui_status_draw();
    ui_keybar(" 1-8修改 a-g是/否 PgUp/PgDn年度 F5提出 F6评议 F7公示 F8异议 F9出列决定 Esc返回");
    curs_set(0);
}

static void saved(struct vform *f, enum db_err err, const char *what)
{
    if (err != DB_OK) {
        wfui_error();
    } else {
        ui_status(MSG_INFO, "%s已保存", what);
        *f->stale = 1;
    }
    vf_load(f);
}

/* 1-5: the register fields. */
static void vf_edit_register(struct vform *f, int k)
{
    struct village_info v = f->v;
    int ok = 0;
    if (k == 1) {
        ok = 1;
        v.poor = !v.poor;
        if (!v.poor) {
            v.identified_year = 0;
        } else if (!v.identified_year) {
            v.identified_year = f->year;
            ok = dialog_input_int("认定年度", "认定为贫困村的年度:", 1949, 2100, &v.identified_year);
        }
    } else if (k == 2) {
        int y = v.identified_year ? v.identified_year : f->year;
        ok = dialog_input_int("认定年度", "认定为贫困村的年度:", 1949, 2100, &y);
        v.identified_year = y;
    } else if (k == 3) {
        ok = dialog_input("挂村单位", "挂村单位:", v.unit, sizeof v.unit, 40);
    } else if (k == 4) {
        ok = dialog_input("联系人", "挂村单位联系人:", v.contact, sizeof v.contact, NAME_CHARS);
    } else {
        ok = dialog_input("联系电话", "联系电话:", v.phone, sizeof v.phone, 20);
    }
    if (ok)
        saved(f, vs_save(app.db, &v), "贫困村信息");
}

/* An amount in 元 into fen (-1 when the text is empty). */
static int ask_money(const char *title, int64_t *fen)
{
    char buf[32] = "";
    if (*fen >= 0)
        money_format(*fen, buf, sizeof buf);
    for (;;) {
        if (!dialog_input(title, "金额 (元, 空白 = 未录入):", buf, sizeof buf, 16))
            return 0;
        if (!buf[0]) {
            *fen = -1;
            return 1;
        }
        money_t m;
        if (money_parse(buf, &m)) {
            *fen = m;
            return 1;
        }
        dialog_message(title, "金额应为不带负号的数字, 最多两位小数, 如 13860 或 13860.50");
    }
}

/* 6-8: the year's figures; a-g: the yes/no items (未确认 → 是 → 否 → 未确认). */
static void vf_edit_year(struct vform *f, int ch)
{
    struct village_year y = f->y;
    int ok = 1;
    if (ch == '6')
        ok = dialog_input_int("农村户籍人口", "全村农村户籍人口 (人):", 0, 999999, &y.population);
    else if (ch == '7')
        ok = ask_money("村人均可支配收入", &y.per_capita_income);
    else if (ch == '8')
        ok = ask_money("村集体经济收入", &y.collective_income);
    else {
        int k = ch - 'a';
        y.answer[k] = y.answer[k] == VC_UNSET ? VC_YES : y.answer[k] == VC_YES ? VC_NO : VC_UNSET;
        y.date[k][0] = 0;   /* confirmed today */
    }
    if (ok)
        saved(f, vs_year_save(app.db, &y), "年度数据");
}

/* M: the 村级评议 of the proposal. */
static void vf_appraise(struct vform *f)
{
    char date[DATE_LEN + 1] = "", host[TEXT_BYTES(NAME_CHARS)] = "";
    int attendees = 0, reps = 0, yes = 0, no = 0, abstain = 0;
    if (!dialog_input("出列评议", "会议日期 (空白 = 今天):", date, sizeof date, 10) ||
        !dialog_input("出列评议", "主持人:", host, sizeof host, NAME_CHARS) ||
        !wfui_ask_int("出列评议", "参会人数:", &attendees) ||
        !wfui_ask_int("出列评议", "其中村民代表人数 (0 = 全体参会人员表决):", &reps) ||
        !wfui_ask_int("出列评议", "赞成票:", &yes) || !wfui_ask_int("出列评议", "反对票:", &no) ||
        !wfui_ask_int("出列评议", "弃权票:", &abstain))
        return;
    if (!date[0])
        memcpy(date, app.ctx.today, sizeof date);
    saved(f, vs_exit_appraise(app.db, f->v.code, f->year, date, host, attendees, reps, yes, no, abstain), "出列评议");
}

static void vf_exit_step(struct vform *f, int ch)
{
    if (ch == 'p') {
        char reason[TEXT_BYTES(100)] = "";
        enum db_err err = vs_exit_propose(app.db, f->v.code, f->year, NULL);
        /* A failing item: a 审核员 may go on with a written reason. */
        if (err == DB_ERR_CONSTRAINT && strstr(db_errmsg(app.db), "审核员") &&
            db_session_role(app.db) >= ROLE_REVIEWER &&
            dialog_input_text("出列核查未达标", app_errmsg(), "审核员准予提出的理由:", reason, sizeof reason, 100))
            err = vs_exit_propose(app.db, f->v.code, f->year, reason);
        saved(f, err, "出列申请");
    } else if (ch == 'm') {
        vf_appraise(f);
    } else if (ch == 'n') {
        char start[DATE_LEN + 1] = "";
        if (dialog_input("出列公示", "公示开始日期 (空白 = 今天):", start, sizeof start, 10))
            saved(f, vs_exit_notice(app.db, f->v.code, f->year, start), "出列公示");
    } else if (ch == 'o') {
        /* 异议 are keyed and resolved on the notice, like a household list's. */
        if (f->has_exit && f->e.notice_id) {
            notices_open(f->e.notice_id);
            f->reload = 1;
        } else {
            ui_status(MSG_WARN, "出列尚未公示, 没有可登记异议的公示");
        }
    } else if (ch == 'd') {
        if (dialog_yesno("决定该村出列吗? 出列后记入出列年度。", ANSWER_NO))
            saved(f, vs_exit_decide(app.db, f->v.code, f->year, ""), "出列决定");
    }
}

static enum screen_action vf_key(void *self, int kind, wint_t ch)
{
    struct vform *f = self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_NPAGE || ch == KEY_PPAGE) {
            f->year += ch == KEY_NPAGE ? 1 : -1;
            vf_load(f);
        }
        /* The 出列 steps on F5-F9: letters a-g are the checklist's items. */
        for (int i = 0; i < 5; i++)
            if (ch == (wint_t)KEY_F(5 + i))
                vf_exit_step(f, "pmnod"[i]);
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch >= '1' && ch <= '5')
        vf_edit_register(f, (int)(ch - '0'));
    else if ((ch >= '6' && ch <= '8') || (ch >= 'a' && ch < 'a' + VC_N_YESNO))
        vf_edit_year(f, (int)ch);
    return ACT_NONE;
}

static void vf_close(void *self)
{
    free(self);
}

/* ---- the standards by year (管理员) --------------------------------------- */

/* One by-year setting from `year` on: the current value offered, a
 * percent (2 decimals, stored as basis points) or an amount in 元. */
static int edit_standard(const char *key, int year, const char *what, int percent)
{
    char buf[32], prompt[160];
    int64_t v = vs_setting(app.db, key, year);
    if (percent)
        hundredths_format(v, buf, sizeof buf);
    else
        money_format(v, buf, sizeof buf);
    snprintf(prompt, sizeof prompt, "%d年起%s (%s):", year, what, percent ? "%" : "元");
    for (;;) {
        if (!dialog_input("贫困村出列标准", prompt, buf, sizeof buf, 14))
            return 0;
        int64_t nv = 0;
        int ok = percent ? hundredths_parse(buf, &nv) : money_parse(buf, &nv);
        if (!ok) {
            dialog_message("输入有误", percent ? "应为百分数, 最多两位小数, 如 2 或 3.00" : "应为金额, 如 13000");
            continue;
        }
        if (vs_setting_set(app.db, key, year, nv) == DB_OK)
            return 1;
        wfui_error();
        if (db_session_role(app.db) < ROLE_ADMIN)
            return 0;
    }
}

static void edit_standards(void)
{
    int year = app.year;
    if (!dialog_input_int("贫困村出列标准", "从哪一年起 (以后各年沿用, 直到另设):", 1949, 2100, &year))
        return;
    if (edit_standard(VS_SET_RATE, year, "贫困发生率低于", 1) &&
        edit_standard(VS_SET_INCOME, year, "村人均可支配收入不低于", 0) &&
        edit_standard(VS_SET_COLLECTIVE, year, "村集体经济收入不低于", 0))
        ui_status(MSG_INFO, "%d年起的贫困村出列标准已保存", year);
}

/* ---- the list ------------------------------------------------------------ */

struct vlist {
    struct village_info *v;
    struct wfui_list l;
};

static void vl_load(struct vlist *vl)
{
    if (vs_villages(app.db, NULL, vl->v, MAX_VILLAGES, &vl->l.n) != DB_OK)
        wfui_error();
    wfui_clamp(&vl->l);
    vl->l.stale = 0;
}

static void vl_row(void *self, int i, int y, attr_t a)
{
    const struct village_info *v = &((struct vlist *)self)->v[i];
    char ident[8] = "", out[8] = "";
    if (v->identified_year)
        snprintf(ident, sizeof ident, "%d", v->identified_year);
    if (v->exit_year)
        snprintf(out, sizeof out, "%d", v->exit_year);
    const char *cells[] = { v->code, v->township, v->name, v->poor ? "是" : "", ident, out,
                            v->poor ? vc_stage_label((enum vc_stage)v->exit_stage) : "", v->unit };
    static const int widths[] = { 14, 12, 12, 8, 8, 8, 12, 0 };
    wfui_cells(y, cells, widths, 8, a);
}

static void vl_draw(void *self)
{
    struct vlist *vl = self;
    if (vl->l.stale)
        vl_load(vl);
    size_t poor = 0;
    for (size_t i = 0; i < vl->l.n; i++)
        poor += vl->v[i].poor;
    char right[64];
    snprintf(right, sizeof right, "%zu 个村, 贫困村 %zu 个", vl->l.n, poor);
    ui_title("贫困村管理 (贫困村名册与出列)", right);
    char std[320], rate[32], income[32], coll[32];
    vc_format_bp(vs_setting(app.db, VS_SET_RATE, app.year), rate, sizeof rate);
    money_format(vs_setting(app.db, VS_SET_INCOME, app.year), income, sizeof income);
    money_format(vs_setting(app.db, VS_SET_COLLECTIVE, app.year), coll, sizeof coll);
    /* the standards on two lines: one did not fit 80 columns */
    snprintf(std, sizeof std, "%d年出列标准: 贫困发生率低于 %s, 村人均可支配收入不低于 %s 元,", app.year, rate,
             income);
    ui_put(1, 0, std, COLS, ui_attr(UI_DIM));
    snprintf(std, sizeof std, "              村集体经济收入不低于 %s 元", coll);
    ui_put(2, 0, std, COLS, ui_attr(UI_DIM));
    ui_put(3, 0, "区划代码      乡镇        村名        贫困村  认定    出列    出列进度    挂村单位", COLS, A_BOLD);
    wfui_list_draw(&vl->l, 4, LINES - 6, vl_row, vl);
    if (!vl->l.n)
        ui_put(5, 2, "尚无村: 请先在「基础设置」中添加村。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" ↑↓选择 Enter打开 S出列标准(管理员) Esc返回");
    curs_set(0);
}

static void vl_open(struct vlist *vl)
{
    if (!vl->l.n)
        return;
    struct vform *f = calloc(1, sizeof *f);
    if (!f)
        return;
    f->v = vl->v[vl->l.sel];
    f->year = app.year;
    f->stale = &vl->l.stale;
    vf_load(f);
    app_push((struct screen){ "village", vf_draw, vf_key, vf_close, NULL, f });
}

static enum screen_action vl_key(void *self, int kind, wint_t ch)
{
    struct vlist *vl = self;
    if (kind == KEY_CODE_YES) {
        if (!wfui_nav(&vl->l, (int)ch) && ch == KEY_ENTER)
            vl_open(vl);
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch == '\n' || ch == '\r')
        vl_open(vl);
    else if (ch == 's' || ch == 'S')
        edit_standards();
    return ACT_NONE;
}

static void vl_close(void *self)
{
    struct vlist *vl = self;
    free(vl->v);
    free(vl);
}

struct screen villages_screen(void)
{
    struct vlist *vl = calloc(1, sizeof *vl);
    if (!vl || !(vl->v = calloc(MAX_VILLAGES, sizeof *vl->v))) {
        free(vl);
        ui_status(MSG_ERROR, "内存不足");
        return menu_screen();
    }
    vl->l.stale = 1;
    return (struct screen){ "villages", vl_draw, vl_key, vl_close, NULL, vl };
}
