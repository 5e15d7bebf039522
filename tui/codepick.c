/* codepick.c — see codepick.h. */
#include "tui/codepick.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/ui.h"

struct pick_ud { enum codelist list; const struct code *cs; };

/* A code number as typed ("1" shows 1, 10-19 …) or the label's initials or
 * part of it. */
static int code_match(size_t i, const char *typed, void *ud)
{
    const struct pick_ud *p = ud;
    char num[12];
    snprintf(num, sizeof num, "%d", p->cs[i].code);
    if (strncmp(num, typed, strlen(typed)) == 0)
        return 1;
    return codes_matches(p->list, p->cs[i].code, typed);
}

int codepick_dialog(enum codelist list, const char *label, const char *typed, int current)
{
    size_t nc;
    const struct code *cs = codes_list(list, &nc);
    if (!cs || !nc)
        return 0;
    const char **labels = calloc(nc, sizeof *labels);
    if (!labels)
        return 0;
    int cur = -1;
    for (size_t i = 0; i < nc; i++) {
        labels[i] = cs[i].label;
        if (cs[i].code == current)
            cur = (int)i;
    }
    struct pick_ud ud = { list, cs };
    char title[96];
    snprintf(title, sizeof title, "选择%s", label);
    int k = dialog_pick_filtered(title, labels, nc, cur, code_match, &ud, typed ? typed : "");
    free(labels);
    return k >= 0 ? cs[k].code : 0;
}

int codepick_resolve(enum codelist list, const char *label, char *text, size_t textsz)
{
    char folded[256];
    text_fold_ascii(text, folded, sizeof folded);    /* ｚｚ in full-width mode */
    if (!folded[0] || codes_pick(list, folded) != -1)
        return 1;
    int code = codepick_dialog(list, label, folded, 0);
    if (!code) {
        ui_status(MSG_WARN, "「%s」对应多个选项，请选择或改输", text);
        return 0;
    }
    snprintf(text, textsz, "%d", code);
    return 1;
}
