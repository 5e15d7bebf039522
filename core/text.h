/* text.h — UTF-8 helpers that screens, forms and exports share.
 *
 * All functions take NUL-terminated UTF-8 and never crash on invalid input:
 * an invalid byte decodes as U+FFFD and counts as one character.  Two widths
 * exist on purpose: text_width() asks wcwidth() (what the terminal will draw,
 * so it depends on the program's setlocale), text_width_cjk() is a fixed rule
 * (East Asian Wide/Fullwidth = 2, else 1) for Excel column widths, which must
 * not change with the locale the export happened to run in. */
#ifndef FUPIN_TEXT_H
#define FUPIN_TEXT_H
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at *s and advances *s past it.  At the terminating
 * NUL returns 0 and does not advance.  An invalid, overlong, surrogate or
 * truncated sequence gives U+FFFD and advances exactly one byte. */
uint32_t utf8_decode_next(const char **s);
/* Encodes cp into out (no NUL); returns 1..4 bytes, 0 for surrogates and
 * values above U+10FFFF. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* How many ASCII digits s starts with. */
size_t text_digit_run(const char *s);
/* 1 when s is all ASCII digits: exactly `len` of them, or (len 0) one or more.
 * Codes, ID prefixes, phone numbers and area codes are checked with it. */
int text_is_digits(const char *s, size_t len);

/* 1 when s is entirely valid UTF-8 (NULL counts as valid: empty). */
int text_valid_utf8(const char *s);
/* Number of characters (code points; each invalid byte counts one). */
size_t text_chars(const char *s);

/* 1 for a character a terminal or Excel shows as nothing although glibc
 * calls it printable: zero-width spaces and joiners, direction marks, the
 * soft hyphen, the byte-order mark, tags.  In a name it is invisible damage:
 * two equal-looking names differ for search and duplicate checks. */
int text_is_invisible(uint32_t cp);
/* The first such character in UTF-8 text s, 0 when there is none. */
uint32_t text_first_invisible(const char *s);

/* Display columns of one character as wcwidth() sees it under the current
 * locale; a non-printable character counts as the width of the visible
 * replacement that text_char_visible() writes for it. */
int text_char_width(uint32_t cp);
/* The visible replacement of a non-printable character: "\u001B" (BMP) or
 * "\U0001F600" (beyond).  out needs 11 bytes. */
void text_char_visible(uint32_t cp, char out[11]);
/* Display columns of a string: the sum of text_char_width(). */
int text_width(const char *s);

/* Locale-independent width: 2 for East Asian Wide/Fullwidth (Unicode 15
 * EastAsianWidth W/F), 1 for everything else, combining marks included. */
int text_char_width_cjk(uint32_t cp);
int text_width_cjk(const char *s);

/* Cuts s in place after max_chars characters (never inside a character);
 * returns the new length in bytes. */
size_t text_truncate_chars(char *s, size_t max_chars);
/* Bytes of the longest prefix of s whose text_width() is at most cols;
 * a double-width character that would straddle the edge is left out. */
size_t text_prefix_fit(const char *s, int cols);

/* The normaliser of every field that is ASCII at heart (ID numbers, dates,
 * money, phone, codes), in the screens (field_parse, the household search)
 * and CSV import alike.  Copies in to out turning fullwidth ASCII forms
 * (U+FF01..U+FF5E, what a Chinese input method types in full-width mode:
 * ０１２, Ｘ, －, ．) into ASCII, the ideographic space U+3000 and the no-break
 * space U+00A0 (pasted from Excel) into ' ', 。 (Chinese punctuation mode)
 * into '.', and hyphens, en dash and minus sign (U+2010..2013, U+2212) into
 * '-'.  Other characters are copied as they are; the result is cut at a
 * character boundary to fit outsz. */
void text_fold_ascii(const char *in, char *out, size_t outsz);

#endif
