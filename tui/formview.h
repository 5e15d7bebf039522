/* formview.h — the form engine's private parts, shared by formview.c
 * (fields, navigation, drawing, keys), formview_aux.c (F1 help, F4 code
 * lists, F5 同上) and formview_save.c (checks, save, drafts).
 * Screens elsewhere use only tui/screens.h. */
#ifndef FUPIN_FORMVIEW_H
#define FUPIN_FORMVIEW_H
#include <stddef.h>
#include "forms/form.h"
#include "tui/app.h"
#include "tui/fieldedit.h"

struct formview {
    const struct form *form;
    struct household hh;
    int page;
    int cur;                /* field index on the page (or in the row sub-form) */
    int top;                /* first field row shown (vertical scroll) */
    int row;                /* roster: selected member */
    int in_row;             /* roster: editing members[row] in the sub-form */
    struct fieldedit fe;    /* the field being keyed */
    int loaded;             /* field index fe holds, -1 none */
    int dirty;
    int warnings_confirmed; /* warnings already confirmed for this content */
    char draft_key[32];
    int edit_y, edit_x;     /* where the editor is drawn, -1 when none */
    long last_layout;       /* layout_of() at the last draw */
    int field_only;         /* the last key only edited the field's text */
    int carried_from;       /* survey: the earlier year this new year's survey
                             * was started from, until saved (confirmed); 0 */
    int readonly;           /* survey of an earlier year: looked at, not changed */
};

/* formview.c */
const struct form_page *fv_page_of(const struct formview *v);
/* The fields being edited now and the record they live in; *n = 0 on a
 * roster page's table (no field has the cursor). */
const struct field *fv_cur_fields(struct formview *v, size_t *n, void **rec);
int  fv_skipped(const struct field *f, const void *rec);
int  fv_field_is_empty(const struct field *f, const void *rec);
void fv_load_field(struct formview *v);
void fv_unload_field(struct formview *v);
void fv_save_draft(struct formview *v);
/* Parses the editor's text into the record; 1 when the cursor may leave. */
int  fv_commit_field(struct formview *v);
int  fv_first_editable(struct formview *v, int from, int step);
void fv_go_page(struct formview *v, int page);
void fv_move_field(struct formview *v, int step, int wrap_page);
void fv_head_first(struct formview *v);

/* formview_aux.c */
void fv_default_village(char *out, size_t outsz);
void fv_show_help(struct formview *v);
void fv_pick_code(struct formview *v);
void fv_ditto(struct formview *v);

/* formview_save.c */
/* F2: checks the whole record (required fields, the form's checks), asks
 * once about warnings, writes it in one transaction.  1 when saved. */
int  fv_save(struct formview *v);
/* Esc/Ctrl-Q on a changed form: 保存修改吗?  1 when the form may close. */
int  fv_may_close(void *self);
void fv_offer_draft(struct formview *v);
/* The last household saved in this session (F5 on a plain form), or NULL. */
const struct household *fv_last_saved(void);

#endif
