/* codepick.h — the list of a code field (F4), shared by the form engine
 * (tui/formview*.c) and the sub-forms (tui/aidcard.c). */
#ifndef FUPIN_CODEPICK_H
#define FUPIN_CODEPICK_H
#include <stddef.h>
#include "core/codes.h"

/* Opens the list titled 选择<label>, with `current` selected and the filter
 * already holding `typed` ("" for none; initials, a code number or Chinese).
 * Returns the code chosen, 0 on Esc. */
int codepick_dialog(enum codelist list, const char *label, const char *typed, int current);

/* For a code field being left with `text`: when the text fits several labels
 * (codes_pick gives -1: "zz" is 藏族 and 壮族) opens the list filtered by it,
 * never guessing.  A choice replaces text by the code's number, to be parsed
 * as usual; returns 1.  Esc leaves text as typed, says why on the status
 * line and returns 0: the field keeps the cursor.  Any other text: 1, text
 * untouched. */
int codepick_resolve(enum codelist list, const char *label, char *text, size_t textsz);

#endif
