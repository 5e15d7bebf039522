/* idno.c — resident ID numbers (GB 11643-1999) and the one masking rule for
 * public outputs (SPEC §5.1, §6). */
#include "core/idno.h"
#include "core/text.h"
#include "core/clock.h"
#include "core/codes.h"
#include <string.h>

/* ISO 7064 MOD 11-2 as GB 11643 applies it: weights 2^(17-i) mod 11. */
static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

char idno_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (first17[i] < '0' || first17[i] > '9')
            return '?';
        sum += (first17[i] - '0') * weights[i];
    }
    return check_chars[sum % 11];
}

/* Province-level codes in use (GB/T 2260), plus 71 台湾 and the 81/82/83
 * codes of Hong Kong, Macao and Taiwan residence permits. */
static int province_valid(int p)
{
    return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37)
        || (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65)
        || p == 71 || p == 81 || p == 82 || p == 83;
}

enum idno_status idno_parse(const char *input, struct idno_info *info)
{
    char id[19];
    if (!input)
        return IDNO_EMPTY;
    while (*input == ' ' || *input == '\t')
        input++;
    size_t len = strlen(input);
    while (len > 0 && (input[len - 1] == ' ' || input[len - 1] == '\t' || input[len - 1] == '\n'
                       || input[len - 1] == '\r'))
        len--;
    if (len == 0)
        return IDNO_EMPTY;
    for (size_t i = 0; i < len; i++) {
        char c = input[i];
        if (!((c >= '0' && c <= '9') || c == 'x' || c == 'X'))
            return IDNO_BAD_CHAR;
    }
    if (len != 15 && len != 18)
        return IDNO_BAD_LENGTH;
    if (text_digit_run(input) < (len == 18 ? 17u : 15u))
        return IDNO_BAD_CHAR;          /* X anywhere but the 18th place */

    if (len == 15) {
        /* Legacy: 6 area + YYMMDD + 3 sequence, all born in the 1900s. */
        memcpy(id, input, 6);
        memcpy(id + 6, "19", 2);
        memcpy(id + 8, input + 6, 9);
    } else {
        memcpy(id, input, 17);
    }
    id[17] = '\0';

    int province = (id[0] - '0') * 10 + (id[1] - '0');
    if (memcmp(id, "000000", 6) == 0 || !province_valid(province))
        return IDNO_BAD_AREA;

    char date[9];
    char birth[11];
    memcpy(date, id + 6, 8);
    date[8] = '\0';
    if (!date_normalise(date, birth))
        return IDNO_BAD_DATE;
    char today[11];
    clock_today(today);
    if (strcmp(birth, today) > 0)       /* both YYYY-MM-DD: text order is date order */
        return IDNO_FUTURE_DATE;

    char check = idno_check_char(id);
    if (len == 18) {
        char given = input[17] == 'x' ? 'X' : input[17];
        if (given != check)
            return IDNO_BAD_CHECK;
    }
    id[17] = check;
    id[18] = '\0';

    if (info) {
        memcpy(info->id, id, sizeof info->id);
        memcpy(info->birth, birth, sizeof info->birth);
        info->sex = (id[16] - '0') % 2 ? SEX_MALE : SEX_FEMALE;
    }
    return len == 15 ? IDNO_UPGRADED : IDNO_OK;
}

const char *idno_strerror(enum idno_status status)
{
    switch (status) {
    case IDNO_OK:          return "身份证号正确";
    case IDNO_UPGRADED:    return "15位旧身份证号已升级为18位，请核对";
    case IDNO_EMPTY:       return "身份证号为空";
    case IDNO_BAD_LENGTH:  return "身份证号应为18位（或15位旧号）";
    case IDNO_BAD_CHAR:    return "身份证号只能是数字，最后一位可为X";
    case IDNO_BAD_AREA:    return "身份证号地区码不存在";
    case IDNO_BAD_DATE:    return "身份证号中的出生日期不存在";
    case IDNO_FUTURE_DATE: return "身份证号中的出生日期晚于今天";
    case IDNO_BAD_CHECK:   return "身份证号校验位错误";
    }
    return "身份证号错误";
}

/* The one mask of SPEC §6: any other shape would let a reader stitch two
 * differently masked lists back into a full number. */
void idno_mask(const char *id, char *out)
{
    if (!id || strlen(id) != 18) {
        out[0] = '\0';
        return;
    }
    memcpy(out, id, 6);
    memcpy(out + 6, "********", 8);
    memcpy(out + 14, id + 14, 4);
    out[18] = '\0';
}

/* Mobile: 1 + 10 digits.  Landline: 0 + area code (2-3 digits) + "-" + 7-8
 * digits, or the same run together (0 + 10-11 digits). */
int phone_valid(const char *t)
{
    size_t len = strlen(t);
    const char *dash = strchr(t, '-');
    if (t[0] == '1')
        return len == 11 && text_is_digits(t, 0);
    if (t[0] != '0')
        return 0;
    if (!dash)
        return (len == 11 || len == 12) && text_is_digits(t, 0);
    size_t area = (size_t)(dash - t), local = len - area - 1;
    char a[8];
    if (area < 3 || area > 4 || local < 7 || local > 8 || strchr(dash + 1, '-'))
        return 0;
    memcpy(a, t, area);
    a[area] = '\0';
    return text_is_digits(a, 0) && text_is_digits(dash + 1, 0);
}

void phone_mask(const char *phone, char *out)
{
    size_t len = phone ? strlen(phone) : 0;
    if (len > 20)
        len = 20;
    if (len == 11 && phone[0] == '1' && text_is_digits(phone, 11)) {
        memcpy(out, phone, 3);
        memcpy(out + 3, "****", 4);
        memcpy(out + 7, phone + 7, 4);
        out[11] = '\0';
        return;
    }
    /* Landlines and anything else: only the last 4 characters stay. */
    for (size_t i = 0; i < len; i++)
        out[i] = i + 4 < len ? '*' : phone[i];
    out[len] = '\0';
}
