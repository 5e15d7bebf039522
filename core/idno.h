/* idno.h — resident ID numbers (GB 11643-1999, SPEC §5.1). */
#ifndef FUPIN_IDNO_H
#define FUPIN_IDNO_H

enum idno_status {
    IDNO_OK = 0,
    IDNO_UPGRADED,        /* a 15-digit legacy number was upgraded: a warning */
    IDNO_EMPTY,
    IDNO_BAD_LENGTH,      /* not 15 or 18 characters */
    IDNO_BAD_CHAR,        /* not digits (+ X as the 18th) */
    IDNO_BAD_AREA,        /* area code 000000 or province code not in use */
    IDNO_BAD_DATE,        /* birth date does not exist */
    IDNO_FUTURE_DATE,     /* birth date after today (core/clock.h) */
    IDNO_BAD_CHECK        /* check character wrong */
};

struct idno_info {
    char id[19];          /* normalised 18-char number (x → X, 15 → 18) */
    char birth[11];       /* YYYY-MM-DD */
    int  sex;             /* SEX_MALE / SEX_FEMALE (core/codes.h) */
};

/* Validates and normalises `input` (surrounding spaces ignored).  Fills *info
 * when the status is IDNO_OK or IDNO_UPGRADED. */
enum idno_status idno_parse(const char *input, struct idno_info *info);
/* The check character for the first 17 digits ('0'..'9' or 'X'). */
char idno_check_char(const char *first17);
/* A one-line Chinese message for a status, e.g. "身份证号校验位错误". */
const char *idno_strerror(enum idno_status status);
/* Masks for public outputs: the one rule of SPEC §6.  out needs 19 bytes.
 * ID: first 6 + ******** + last 4; anything not 18 long becomes "". */
void idno_mask(const char *id, char *out);
/* Mobile: first 3 + **** + last 4 (11 digits); other phones: all but the last 4
 * starred.  out needs 21 bytes. */
void phone_mask(const char *phone, char *out);
/* 1 when t is a phone number as the forms accept it (PHONE_RULE): mobile
 * 1 + 10 digits, or a landline 0 + area code, with or without "-". */
int phone_valid(const char *t);
#define PHONE_RULE "电话应为11位手机号，或带区号的固定电话（如0755-12345678）"

#endif
