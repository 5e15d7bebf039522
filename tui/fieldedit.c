/* fieldedit.c — one declared field being keyed (see fieldedit.h). */
#include "tui/fieldedit.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/text.h"
#include "tui/app.h"
#include "tui/codepick.h"
#include "tui/dialog.h"
#include "tui/ui.h"

void fe_load(struct fieldedit *fe, const struct field *f, const void *rec)
{
    char text[512];
    field_format(f, rec, text, sizeof text);
    /* FT_TEXT sizes are bytes of UTF-8: 4 per character at most. */
    le_init(&fe->le, f->width, f->type == FT_TEXT ? (int)(f->size - 1) / 4 : 64);
    le_set_utf8(&fe->le, text);
    snprintf(fe->loaded_text, sizeof fe->loaded_text, "%s", text);
    fe->f = f;
    fe->why[0] = 0;
    /* As in keyed-entry systems and spreadsheets: the first character typed
     * into a coded, numeric or date field replaces it; an editing key
     * (← → Home End Backspace) edits the value instead.  Free text is
     * usually amended, so its value is not selected. */
    if (f->type != FT_TEXT)
        le_select_all(&fe->le);
}

int fe_changed(const struct fieldedit *fe)
{
    if (!fe->f)
        return 0;
    char text[512];
    le_get_utf8(&fe->le, text, sizeof text);
    return strcmp(text, fe->loaded_text) != 0;
}

/* ---- moving on by itself ---------------------------------------------------- */

/* A fixed-length field holds as much as it ever can. */
static int fixed_full(const struct field *f, const char *text)
{
    size_t len = strlen(text);
    switch (f->type) {
    case FT_IDNO: return len == 18;
    case FT_DATE: return len == 10 || (len == 8 && !strchr(text, '-'));
    case FT_PHONE: return len == 11 && text[0] == '1';
    default: return 0;
    }
}

/* One digit that is a whole answer: 0/1 of a yes/no field, or a code of the
 * list that no other code starts with. */
static int digit_answers(const struct field *f, const char *text)
{
    if (!text_is_digits(text, 1))
        return 0;
    if (f->type == FT_BOOL)
        return text[0] == '0' || text[0] == '1';
    if (f->type != FT_CODE)
        return 0;
    size_t n;
    const struct code *cs = codes_list(f->list, &n);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", cs[i].code);
        if (num[0] != text[0])
            continue;
        if (num[1])
            return 0;       /* "1" could still become 10..19 */
        found = 1;
    }
    return found;
}

int fe_complete(const struct field *f, const char *text, int auto_advance, int code_advance)
{
    char folded[64];
    text_fold_ascii(text, folded, sizeof folded);   /* full-width digits count */
    if (auto_advance && fixed_full(f, folded))
        return 1;
    return code_advance && digit_answers(f, folded);
}

void fe_moved_on(struct fieldedit *fe)
{
    fe->moved_on = 1;
}

int fe_swallow_enter(struct fieldedit *fe, int kind, wint_t ch)
{
    int fkey = kind == KEY_CODE_YES;
    if (fkey && ch == KEY_RESIZE)
        return 0;       /* the window, not the clerk: the move still counts */
    int enter = (fkey && ch == KEY_ENTER) || (!fkey && (ch == '\n' || ch == '\r'));
    int swallow = fe->moved_on && enter;
    fe->moved_on = 0;
    return swallow;
}

static enum fe_key_result after_typing(struct fieldedit *fe)
{
    char text[128];
    if (le_get_utf8(&fe->le, text, sizeof text) >= sizeof text)
        return FE_EDITED;
    return fe_complete(fe->f, text, app.auto_advance, app.code_advance) ? FE_COMPLETE : FE_EDITED;
}

enum fe_key_result fe_key(struct fieldedit *fe, int kind, wint_t ch)
{
    int fkey = kind == KEY_CODE_YES;
    if (!fe->f)
        return FE_UNHANDLED;
    if (fkey && ch == UI_KEY_PASTE) {   /* several characters at once: text, not keys */
        const char *msg = ui_paste_into(&fe->le);
        if (msg) {
            ui_status(MSG_WARN, "%s", msg);
            return FE_EDITED;
        }
        return after_typing(fe);
    }
    enum le_status st = le_key(&fe->le, ch, fkey);
    if (st == LE_UNHANDLED)
        return FE_UNHANDLED;
    if (st == LE_FULL) {
        ui_status(MSG_WARN, "「%s」最多 %d 个字", fe->f->label, fe->le.max_chars);
        beep();
        return FE_EDITED;
    }
    if (st != LE_OK || fkey || ch < 32 || ch == 127)
        return FE_EDITED;       /* an editing key, not a character typed */
    return after_typing(fe);
}

/* ---- commit --------------------------------------------------------------------- */

void fe_refuse(struct fieldedit *fe, const char *fmt, ...)
{
    char msg[sizeof fe->why];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(fe->why, sizeof fe->why, "%s", msg);
    ui_status(MSG_ERROR, "%s", fe->why);
    beep();
    le_select_all(&fe->le);
}

/* Initials that fit several labels of the list ("zz": 藏族 and 壮族): never
 * guess — the list opens filtered by them (codepick_resolve), and a choice
 * replaces text by its code.  Esc there: FE_REFUSED with the typed text kept
 * and selected.  Else FE_SAME (go on parsing).  The one place that decides
 * what the clerk gets then. */
static enum fe_parse_result ambiguous_code(struct fieldedit *fe, char *text, size_t textsz)
{
    if (fe->f->type != FT_CODE || !text[0])
        return FE_SAME;
    if (codepick_resolve(fe->f->list, fe->f->label, text, textsz))
        return FE_SAME;
    snprintf(fe->why, sizeof fe->why, "「%s」对应多个选项，请按F4选择", text);
    le_select_all(&fe->le);
    return FE_REFUSED;
}

enum fe_parse_result fe_parse(struct fieldedit *fe, void *rec)
{
    if (!fe->f)
        return FE_SAME;
    char text[512];
    le_get_utf8(&fe->le, text, sizeof text);
    if (strcmp(text, fe->loaded_text) == 0)
        return FE_SAME;
    if (ambiguous_code(fe, text, sizeof text) == FE_REFUSED)
        return FE_REFUSED;
    const char *msg = field_parse(fe->f, rec, text);
    if (msg) {
        fe_refuse(fe, "%s: %s", fe->f->label, msg);
        return FE_REFUSED;
    }
    fe->why[0] = 0;
    ui_status_clear();
    return FE_ACCEPTED;
}

/* ---- F4 ------------------------------------------------------------------------- */

int fe_pick_code(const struct fieldedit *fe, const struct field *f, void *rec)
{
    char typed[512] = "";
    if (fe->f == f && fe_changed(fe))      /* what was typed narrows the list */
        le_get_utf8(&fe->le, typed, sizeof typed);
    int *val = field_ptr(f, rec);
    int code = codepick_dialog(f->list, f->label, typed, *val);
    if (!code)
        return 0;
    *val = code;
    return 1;
}

/* ---- help ------------------------------------------------------------------------ */

const char *fe_type_help(enum ftype t)
{
    switch (t) {
    case FT_TEXT: return "文字: 可用输入法输入中文；少数民族姓名中间点请用「·」。";
    case FT_INT: return "整数: 只输入数字。";
    case FT_MONEY: return "金额(元): 最多两位小数，如 3650 或 3650.50，不能为负。";
    case FT_HUNDREDTHS: return "数值: 最多两位小数，如 2.5。";
    case FT_DATE: return "日期: 2026-11-22 或 20261122，输满8位自动跳到下一项。";
    case FT_CODE: return "代码: 输入编号或名称的拼音首字母 (如 yb = 因病)，F4 打开代码表。"
                         "一位编号已能确定时 (没有以它开头的其他编号) 自动跳到下一项。";
    case FT_BOOL: return "是/否: 输入 1/是/y 表示是，0/否/n 表示否，输入 1 或 0 后自动跳到下一项；空格切换。";
    case FT_IDNO: return "身份证号: 18位，末位可为X；输满18位自动校验并填出性别、出生日期。15位旧号自动升级。";
    case FT_PHONE: return "电话: 11位手机号，或带区号的固定电话 (如 0771-1234567)。";
    case FT_DIGITS: return "数字串: 只输入数字 (如银行账号)，按文本保存不丢位。";
    case FT_AREA: return "村: 输入12位区划代码，或按 F4 从本地区的村中选择。";
    }
    return "";
}
