/* dialog.h — modal dialogs drawn over the current screen.  Each runs its own
 * key loop; on KEY_RESIZE it redraws the screen under it and itself. */
#ifndef FUPIN_DIALOG_H
#define FUPIN_DIALOG_H
#include <stddef.h>

enum answer { ANSWER_YES, ANSWER_NO, ANSWER_CANCEL };

/* A message box; any key closes it.  Lines are separated by '\n'. */
void dialog_message(const char *title, const char *text);
/* 是/否.  Every caller says what Enter answers (`enter`: ANSWER_YES or
 * ANSWER_NO); the box highlights it and its key line says "Enter=否".
 * Anything that cannot be undone (deleting, posting, a waiver, discarding)
 * passes ANSWER_NO, so Enter alone never confirms it.  Y/是 and N/否 answer
 * directly, ←→/Tab move the highlight, Esc is always 否.  1 when 是. */
int dialog_yesno(const char *question, enum answer enter);
/* dialog_yesno with a text above the question, in the same box, scrolled by
 * ↑↓ PgUp PgDn when long: the clerk answers while reading what the question
 * is about (the warnings a save passes over). */
int dialog_yesno_text(const char *title, const char *text, const char *question, enum answer enter);
/* 是/否/取消 — "保存修改吗?".  `enter` as in dialog_yesno (may also be
 * ANSWER_CANCEL); Esc is always 取消. */
enum answer dialog_yes_no_cancel(const char *question, enum answer enter);
/* Pick one of n items (UTF-8 labels, optionally with a filter hint per item).
 * Typing letters/digits filters by `match(i, typed)`; Chinese (typed through
 * the input method or pasted) also by a part of the item's text; ↑↓ PgUp
 * PgDn Home End move; Enter picks, Esc cancels (-1).  Returns the index picked. */
int dialog_pick(const char *title, const char *const *items, size_t n, int current,
                int (*match)(size_t i, const char *typed, void *ud), void *ud);
/* dialog_pick opened with `filter` already typed (what the clerk typed into
 * the field: "zz" shows 藏族 and 壮族). */
int dialog_pick_filtered(const char *title, const char *const *items, size_t n, int current,
                         int (*match)(size_t i, const char *typed, void *ud), void *ud,
                         const char *filter);
/* A one-line text prompt with the CJK line editor.  Returns 1 on Enter, 0 on
 * Esc.  Esc after the text was changed asks 放弃输入的内容吗? (Enter=否):
 * typed text is never dropped by one stray key. */
int dialog_input(const char *title, const char *prompt, char *buf, size_t bufsz, int max_chars);
/* dialog_input for a whole number lo..hi, starting from *out; asks again
 * after a wrong one.  Returns 1 with *out set, 0 on Esc. */
int dialog_input_int(const char *title, const char *prompt, int lo, int hi, int *out);
/* dialog_input with a text above the prompt in the same box (PgUp/PgDn when
 * long): what the answer is about, e.g. the changes a save needs a reason
 * for.  text NULL: dialog_input. */
int dialog_input_text(const char *title, const char *text, const char *prompt, char *buf, size_t bufsz,
                      int max_chars);
/* A long scrollable text (help, reports).  Esc/Enter closes. */
void dialog_text(const char *title, const char *text);

#endif
