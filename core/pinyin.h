/* pinyin.h — pinyin initials of Chinese text, from a table generated at build
 * time from Debian's Unihan_Readings (tools/gen_pinyin.sh). */
#ifndef FUPIN_PINYIN_H
#define FUPIN_PINYIN_H
#include <stddef.h>
#include <stdint.h>

/* The primary initial ('a'..'z') of a character, or 0 when it has no reading. */
char pinyin_initial(uint32_t codepoint);
/* Bit set of all initials of all readings (bit 0 = 'a'); 0 when none. */
uint32_t pinyin_initial_set(uint32_t codepoint);
/* Initials of a UTF-8 string into out (lower-case): CJK characters give their
 * initial; ASCII letters and digits are kept (lower-cased); everything else,
 * including characters without a reading, is skipped.  Invalid UTF-8 never
 * crashes.  Always NUL-terminates; returns the length written. */
size_t pinyin_initials(const char *utf8, char *out, size_t outsz);
/* As pinyin_initials, but the first character of a person's name uses its
 * surname reading (覃 Qín, 单 Shàn, 区 Ōu, 仇 Qiú, 解 Xiè, 曾 Zēng …). */
size_t pinyin_name_initials(const char *utf8, char *out, size_t outsz);
/* Does `typed` (ASCII letters) match the start of `utf8`'s initials, letting a
 * polyphonic character match any of its readings?  Case-insensitive. */
int pinyin_prefix_match(const char *utf8, const char *typed);

#endif
