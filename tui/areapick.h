/* areapick.h — the one village picker and the one area picker of every
 * screen: every area of the file, however many (a county file may hold
 * hundreds of villages; the pickers had their own caps of 512, 600 or 2 048
 * and silently dropped the rest), filtered as typed — Chinese by itself,
 * letters by the pinyin initials of the name, digits by any part of the
 * code. */
#ifndef FUPIN_TUI_AREAPICK_H
#define FUPIN_TUI_AREAPICK_H

#include <stddef.h>
#include "db/settings.h"

/* Every area of `level` (enum area_level) in code order, however many;
 * the caller frees.  NULL with *n = 0 when there is none or no memory. */
struct area *areapick_all(int level, size_t *n);

/* Picks a village.  `all_label`: a first line meaning every village (its
 * pick gives code ""), or NULL for none.  `code` holds the current village
 * (the cursor starts on it) and receives the pick; `name` (may be NULL)
 * its name, or all_label.  Returns 1 on a pick, 0 on Esc, -1 when the file
 * has no village yet (the status line says where to add one). */
int areapick_village(const char *title, const char *all_label, char *code, size_t codesz,
                     char *name, size_t namesz);

/* Picks any area: the county, its townships and their villages in code
 * order, indented by level.  As above; `label` gets "名称 (代码)". */
int areapick_any(const char *title, const char *all_label, char *code, size_t codesz,
                 char *label, size_t labelsz);

#endif
