/* syserr.h — what the operating system and libxlsxwriter report, said in
 * Chinese.  Every message a clerk sees is Chinese; the system's English text
 * may follow in parentheses for the IT person ("磁盘已满 (No space left on
 * device)"), never alone.  One table per source, used by the database, the
 * Excel writer, import and the command line alike. */
#ifndef FUPIN_SYSERR_H
#define FUPIN_SYSERR_H
#include <stddef.h>

/* Chinese text of an errno value ("磁盘已满"); a general text for codes
 * without their own. */
const char *syserr_zh(int errnum);
/* "中文 (English)" of an errno value into buf; returns buf. */
const char *syserr_text(int errnum, char *buf, size_t bufsz);
/* Chinese text of a libxlsxwriter lxw_error value. */
const char *syserr_lxw_zh(int lxw_error);
/* "中文 (English)" of a libxlsxwriter error into buf; returns buf. */
const char *syserr_lxw_text(int lxw_error, char *buf, size_t bufsz);

#endif
