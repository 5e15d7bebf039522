/* fieldedit.h — one declared field (forms/form.h) being keyed: the line
 * editor loaded with the field's formatted value, what the keys typed into it
 * do, and its commit through field_parse().  The form engine (formview.c:
 * Form A, Form B and its member rows) and the sub-form of the assistance
 * screens (aidcard.c subform_edit: aid card, projects, helpers, meetings)
 * both key their fields through this module, so a field behaves the same
 * everywhere.
 *
 * Selection: a coded, numeric or date field is entered with its value
 * selected, and a refused value is selected again — the next printable key
 * replaces it (as in CSPro and EpiData), ← → Home End Backspace edit it
 * (lineedit.h, le_select_all).
 *
 * Moving on by itself (FE_COMPLETE): with the auto-advance setting, a
 * fixed-length field (by its type: ID number, date, mobile — in every form
 * alike, SPEC §7.3) when full; with the
 * one-digit setting, a code or yes/no field when the digit typed is a whole
 * answer no other code starts with ("3" of 14 relations, never "1" of 58
 * nationalities). */
#ifndef FUPIN_FIELDEDIT_H
#define FUPIN_FIELDEDIT_H
#include "forms/form.h"
#include "tui/lineedit.h"

struct fieldedit {
    const struct field *f;      /* the field loaded; NULL when none */
    struct lineedit le;
    char loaded_text[512];      /* its text when loaded: unchanged text is
                                 * not parsed again */
    char why[640];              /* the last refusal, as on the status line */
    int moved_on;               /* the last key completed a field and the
                                 * cursor moved on by itself */
};

/* Loads field f of record rec into the editor: its formatted value, cursor
 * at the end, selected unless it is free text or empty. */
void fe_load(struct fieldedit *fe, const struct field *f, const void *rec);
/* 1 when the text differs from the value loaded (typed but not committed). */
int fe_changed(const struct fieldedit *fe);

enum fe_key_result {
    FE_EDITED,      /* the editor took the key (or refused it, and said so) */
    FE_COMPLETE,    /* ... and the text is now a whole answer: move on */
    FE_UNHANDLED    /* not an editing key (Enter, F-keys, Esc): the caller's */
};
/* Applies one key as returned by ui_getkey() (kind KEY_CODE_YES for function
 * keys; UI_KEY_PASTE inserts the pasted text).  The settings app.auto_advance
 * and app.code_advance decide FE_COMPLETE. */
enum fe_key_result fe_key(struct fieldedit *fe, int kind, wint_t ch);
/* Enter on every question: a clerk who ends each field with Enter presses it
 * after a field that already moved on by itself too, and that Enter would
 * leave the next field empty and put what is typed next one field further
 * down.  So Enter as the very next key after such a move confirms the field
 * moved from and is swallowed; any other key ends that.  The caller marks a
 * move made on FE_COMPLETE with fe_moved_on() and asks fe_swallow_enter()
 * first on every key (1: do nothing with this key). */
void fe_moved_on(struct fieldedit *fe);
/* The line of F1 help that says so, in every form that keys fields. */
#define FE_HELP_MOVED_ON "      身份证、日期、手机号填满或一位代码答完即自动跳到下一项，紧接着的 Enter 只算确认。\n"
int fe_swallow_enter(struct fieldedit *fe, int kind, wint_t ch);
/* The rule behind FE_COMPLETE, on the text of field f (pure, for tests). */
int fe_complete(const struct field *f, const char *text, int auto_advance, int code_advance);

enum fe_parse_result {
    FE_SAME,        /* text unchanged: nothing parsed, rec untouched */
    FE_ACCEPTED,    /* parsed into rec; the status line is cleared */
    FE_REFUSED      /* rec untouched; the status line says why */
};
/* Parses the editor's text into rec (the record f lives in).  A wrong value
 * is refused with fe_refuse(); a code whose initials fit several labels is
 * refused with a warning and stays unselected, so typing on narrows it. */
enum fe_parse_result fe_parse(struct fieldedit *fe, void *rec);
/* Refuses the value: the message in red on the status line (kept in
 * fe->why), a beep, and the text selected so the next key typed replaces it.
 * Also for rules the caller checks itself (an ID number used elsewhere, a
 * sub-form's validate). */
void fe_refuse(struct fieldedit *fe, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* F4 on code field f of rec: its list (tui/codepick.c), already narrowed by
 * what was typed into the field when fe holds it, then as the clerk types a
 * number, pinyin initials or Chinese; the code picked is written into rec.
 * 1 when picked, 0 when cancelled. */
int fe_pick_code(const struct fieldedit *fe, const struct field *f, void *rec);

/* What F1 says about a type of field when the field has no help of its own. */
const char *fe_type_help(enum ftype t);

#endif
