/* hhyears.h — the household's surveys side by side, a column per year
 * (回头看: SPEC §3 "the household's history shows all years side by side"). */
#ifndef FUPIN_HHYEARS_H
#define FUPIN_HHYEARS_H
#include <stddef.h>
#include <stdint.h>

/* Appends to text[*len..cap) the table of household_id's surveys: 家庭人口,
 * 家庭年纯收入, 年人均纯收入 and the poverty line of each survey's year with
 * 高于/低于; "(尚无调查)" when there is none. */
void hhyears_text(int64_t household_id, char *text, size_t cap, size_t *len);

#endif
