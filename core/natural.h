/* natural.h — natural order of names with numbers in them: 村民小组 by their
 * number (第二组 before 第十组, 2组 before 10组, 十一组 after 九组).
 *
 * A name is compared as a sequence of numbers and characters.  A number is a
 * run of ASCII or fullwidth digits, or of Chinese numerals (零〇一二…九十百千:
 * 十一 = 11, 二十三 = 23, 一百零五 = 105, 二〇二六 = 2026), compared by its
 * value; a 第 directly before a number is left out, so 第三组, 三组 and 3组 all
 * sort as 3.  Other characters compare by pinyin initial, then code point
 * (李家组 before 外来组 before 张村组); spaces are skipped.  At any position a
 * number sorts before a character and the end before both (a blank name
 * first).  Names that compare equal so far (2组 and 第二组) are told apart by
 * their bytes, so the order is total and repeatable.  Never crashes on invalid
 * UTF-8. */
#ifndef FUPIN_NATURAL_H
#define FUPIN_NATURAL_H
#include <stddef.h>

/* <0, 0, >0 as a sorts before, with or after b.  Lengths in bytes; the
 * strings need no NUL (SQLite's collation callback hands them so). */
int natural_cmpn(const char *a, size_t alen, const char *b, size_t blen);
/* natural_cmpn of two NUL-terminated strings (NULL counts as ""). */
int natural_cmp(const char *a, const char *b);

#endif
