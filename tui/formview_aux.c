/* formview_aux.c — the form engine's helper keys: F1 help for the field
 * (with its code list), F4 pick from a code list or the villages, F5 同上. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/workflow.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "tui/codepick.h"
#include "tui/dialog.h"
#include "tui/formview.h"
#include "tui/screens.h"
#include "tui/ui.h"

/* ---- F1, F4, F5, F7 ------------------------------------------------------- */

/* The only village, or the first one: most offices key for one village. */
void fv_default_village(char *out, size_t outsz)
{
    struct area a;
    size_t n = 0;
    out[0] = 0;
    if (db_areas(app.db, AREA_VILLAGE, NULL, &a, 1, &n) == DB_OK && n == 1)
        snprintf(out, outsz, "%s", a.code);
}

static void pick_village(const struct field *f, void *rec)
{
    static struct area vs[512];
    size_t n = 0;
    if (db_areas(app.db, AREA_VILLAGE, NULL, vs, 512, &n) != DB_OK || n == 0) {
        ui_status(MSG_ERROR, "还没有登记村，请先在「基础设置」中添加");
        return;
    }
    const char *labels[512];
    int cur = 0;
    char *val = field_ptr(f, rec);
    for (size_t i = 0; i < n; i++) {
        labels[i] = vs[i].name;
        if (strcmp(vs[i].code, val) == 0) cur = (int)i;
    }
    int k = dialog_pick("选择村", labels, n, cur, NULL, NULL);
    if (k >= 0)
        snprintf(val, f->size, "%s", vs[k].code);
}

static const char *type_help(enum ftype t)
{
    switch (t) {
    case FT_TEXT: return "文字: 可用输入法输入中文；少数民族姓名中间点请用「·」。";
    case FT_INT: return "整数: 只输入数字。";
    case FT_MONEY: return "金额(元): 最多两位小数，如 3650 或 3650.50，不能为负。";
    case FT_HUNDREDTHS: return "数值: 最多两位小数，如 2.5。";
    case FT_DATE: return "日期: 2026-11-22 或 20261122，输满8位自动跳到下一项。";
    case FT_CODE: return "代码: 输入编号或名称的拼音首字母 (如 yb = 因病)，F4 打开代码表。";
    case FT_BOOL: return "是/否: 输入 1/是/y 表示是，0/否/n 表示否；空格切换。";
    case FT_IDNO: return "身份证号: 18位，末位可为X；输满18位自动校验并填出性别、出生日期。15位旧号自动升级。";
    case FT_PHONE: return "电话: 11位手机号，或带区号的固定电话 (如 0771-1234567)。";
    case FT_DIGITS: return "数字串: 只输入数字 (如银行账号)，按文本保存不丢位。";
    case FT_AREA: return "村: 输入12位区划代码，或按 F4 从本地区的村中选择。";
    }
    return "";
}

void fv_show_help(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    char text[8192];
    size_t len = 0;
    if (n == 0) {
        len += snprintf(text, sizeof text, "家庭成员表: Ins 添加成员, Enter 修改所选成员, Del 删除 (需确认)。\n"
                        "户主始终排在第一行。PgDn/PgUp 翻页, F2 保存整张表。");
    } else {
        const struct field *f = &fs[v->cur];
        len += snprintf(text + len, sizeof text - len, "「%s」%s\n\n%s\n", f->label,
                        f->flags & F_REQUIRED ? " (必填)" : "", f->help ? f->help : type_help(f->type));
        if (f->type == FT_CODE) {
            size_t nc;
            const struct code *cs = codes_list(f->list, &nc);
            len += snprintf(text + len, sizeof text - len, "\n代码表「%s」(编号、拼音首字母、名称):\n",
                            codes_list_name(f->list));
            for (size_t i = 0; i < nc && len + 64 < sizeof text; i++)
                len += snprintf(text + len, sizeof text - len, "  %2d  %-8s %s\n", cs[i].code,
                                codes_shortcut(f->list, cs[i].code), cs[i].label);
        }
    }
    snprintf(text + len, sizeof text - len, "\n按键: Enter/Tab/↓ 下一项  Shift-Tab/↑ 上一项  PgDn/PgUp 翻页\n"
             "      F2/Ctrl-S 保存  F4 代码表  F5 同上  Esc 返回 (未保存时会询问)");
    dialog_text("帮助", text);
}

/* F4: the code list, filtered by what was typed into the field (not by the
 * value it showed when the cursor came). */
void fv_pick_code(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    if (f->type == FT_AREA) {
        pick_village(f, rec);
        v->dirty = 1;
        fv_unload_field(v);
        fv_save_draft(v);
        return;
    }
    if (f->type != FT_CODE) {
        ui_status(MSG_INFO, "「%s」没有代码表", f->label);
        return;
    }
    char typed[512] = "";
    if (v->loaded == v->cur) {
        le_get_utf8(&v->le, typed, sizeof typed);
        if (strcmp(typed, v->loaded_text) == 0)
            typed[0] = 0;
    }
    int *val = field_ptr(f, rec);
    int code = codepick_dialog(f->list, f->label, typed, *val);
    if (code) {
        *val = code;
        v->dirty = 1;
        v->warnings_confirmed = 0;
        fv_unload_field(v);
        fv_save_draft(v);
        fv_move_field(v, 1, 1);
    }
}

/* F5 同上: the value of this field in the previous roster row, or in the last
 * household saved in this session. */
void fv_ditto(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    const void *src = NULL;
    if (fv_page_of(v)->roster) {
        if (v->row > 0)
            src = &v->hh.members[v->row - 1];
    } else {
        src = fv_last_saved();
    }
    if (!src || f->type == FT_IDNO || f->table == T_HEAD) {
        ui_status(MSG_INFO, "这一项没有可以复制的「同上」值");
        return;
    }
    char text[512];
    field_format(f, src, text, sizeof text);
    le_set_utf8(&v->le, text);
    v->replace_on_type = 0;
    ui_status(MSG_INFO, "已复制上一条的「%s」", f->label);
}

