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
/* Bit set of the initials of the readings in use today (kMandarin and the
 * 2013 通用规范汉字字典): 长 c|z, 藏 c|z, 阚 h|k, 尉 w|y, but 其 only q. */
uint32_t pinyin_common_set(uint32_t codepoint);

enum pinyin_readings {
    PINYIN_ANY,         /* every reading Unihan knows, archaic ones included */
    PINYIN_COMMON       /* the readings in use (pinyin_common_set) */
};
/* Does `typed` (ASCII letters/digits) spell `utf8`'s initials, each character
 * under any of its `readings`?  whole = 1: all the initials; 0: a prefix of
 * them.  Case-insensitive; characters without a reading are skipped. */
int pinyin_match(const char *utf8, const char *typed, enum pinyin_readings readings, int whole);
/* pinyin_match(utf8, typed, PINYIN_ANY, 0): for filtering pick lists. */
int pinyin_prefix_match(const char *utf8, const char *typed);

/* The initials strings a person can be searched by (the household list):
 * every combination of the readings in use of each character, the surname
 * readings of the first (张长生: zcs and zzs; 阚亮: kl and hl; 尉迟: yc, wc),
 * the everyday one (pinyin_name_initials) first, then those differing from it
 * in one character, in two, ...; at most max of them.  A name of more than
 * PINYIN_KEY_LEN - 1 initials is cut.  Returns the number of keys (1 for a
 * name without any initial: the empty key). */
#define PINYIN_KEY_LEN 32
size_t pinyin_name_keys(const char *name, char (*keys)[PINYIN_KEY_LEN], size_t max);

#endif
