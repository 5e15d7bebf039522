/* dialog.h — modal dialogs drawn over the current screen.  Each runs its own
 * key loop; on KEY_RESIZE it redraws the screen under it and itself. */
#ifndef FUPIN_DIALOG_H
#define FUPIN_DIALOG_H
#include <stddef.h>

enum answer { ANSWER_YES, ANSWER_NO, ANSWER_CANCEL };

/* A message box; any key closes it.  Lines are separated by '\n'. */
void dialog_message(const char *title, const char *text);
/* 是/否 — Y/N/Enter(是)/Esc(否). */
int dialog_yesno(const char *question);
/* 是/否/取消 — "保存修改吗?". Esc is 取消. */
enum answer dialog_yes_no_cancel(const char *question);
/* Pick one of n items (UTF-8 labels, optionally with a filter hint per item).
 * Typing letters/digits filters by `match(i, typed)`; Chinese (typed through
 * the input method or pasted) also by a part of the item's text; ↑↓ PgUp
 * PgDn move; Enter picks, Esc cancels (-1).  Returns the index picked. */
int dialog_pick(const char *title, const char *const *items, size_t n, int current,
                int (*match)(size_t i, const char *typed, void *ud), void *ud);
/* dialog_pick opened with `filter` already typed (what the clerk typed into
 * the field: "zz" shows 藏族 and 壮族). */
int dialog_pick_filtered(const char *title, const char *const *items, size_t n, int current,
                         int (*match)(size_t i, const char *typed, void *ud), void *ud,
                         const char *filter);
/* A one-line text prompt with the CJK line editor.  Returns 1 on Enter, 0 on Esc. */
int dialog_input(const char *title, const char *prompt, char *buf, size_t bufsz, int max_chars);
/* A long scrollable text (help, reports).  Esc/Enter closes. */
void dialog_text(const char *title, const char *text);

#endif
