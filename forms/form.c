/* form.c — value access, display and parsing through field declarations
 * (forms/form.h).  The type rules of SPEC §4 live here once; screens, drafts
 * and imports all parse through field_parse(). */
#include "forms/form.h"
#include "core/clock.h"
#include "core/idno.h"
#include "core/text.h"
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ---- the stored fields of each table -------------------------------------- */

#define TABLE_MAX 128
static struct field table_fields[T_DERIVED + 1][TABLE_MAX];
static size_t table_n[T_DERIVED + 1];
static int tables_collected;

static void collect_one(const struct field *f)
{
    if (f->table == T_HEAD || f->table == T_DERIVED)
        return;             /* T_HEAD is stored as members[0]: T_MEMBER binds it */
    size_t *n = &table_n[f->table];
    for (size_t i = 0; i < *n; i++)
        if (strcmp(table_fields[f->table][i].key, f->key) == 0)
            return;         /* the same column on two forms (e.g. phone) */
    if (*n < TABLE_MAX)
        table_fields[f->table][(*n)++] = *f;
}

static void collect_form(const struct form *form)
{
    for (size_t p = 0; p < form->n_pages; p++)
        for (size_t i = 0; i < form->pages[p].n_fields; i++)
            collect_one(&form->pages[p].fields[i]);
}

static void collect(void)
{
    if (tables_collected)
        return;
    collect_form(&FORM_APPLICATION);
    collect_form(&FORM_SURVEY);
    for (size_t i = 0; i < N_MEMBER_FIELDS; i++)
        collect_one(&MEMBER_FIELDS[i]);
    tables_collected = 1;
}

const struct field *form_table_fields(enum ftable table, size_t *n)
{
    collect();
    if (table < T_HOUSEHOLD || table >= T_HEAD) {
        *n = 0;
        return NULL;
    }
    *n = table_n[table];
    return table_fields[table];
}

static const struct field *find_in_form(const struct form *form, enum ftable table, const char *key)
{
    for (size_t p = 0; p < form->n_pages; p++)
        for (size_t i = 0; i < form->pages[p].n_fields; i++) {
            const struct field *f = &form->pages[p].fields[i];
            if (f->table == table && strcmp(f->key, key) == 0)
                return f;
        }
    return NULL;
}

const struct field *form_field(enum ftable table, const char *key)
{
    size_t n;
    if (!key)
        return NULL;
    if (table == T_HEAD || table == T_DERIVED) {
        const struct field *f = find_in_form(&FORM_APPLICATION, table, key);
        return f ? f : find_in_form(&FORM_SURVEY, table, key);
    }
    const struct field *fields = form_table_fields(table, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].key, key) == 0)
            return &fields[i];
    return NULL;
}

/* ---- value access ----------------------------------------------------------- */

void *field_ptr(const struct field *f, void *record)
{
    if (!f || !record || f->table == T_DERIVED)
        return NULL;
    return (char *)record + f->offset;
}

const void *field_cptr(const struct field *f, const void *record)
{
    if (!f || !record || f->table == T_DERIVED)
        return NULL;
    return (const char *)record + f->offset;
}

/* Integer values are int or int64_t; the declared size says which. */
static int64_t get_int(const struct field *f, const void *record)
{
    const void *p = field_cptr(f, record);
    if (f->size == sizeof(int64_t)) {
        int64_t v;
        memcpy(&v, p, sizeof v);
        return v;
    }
    int v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void set_int(const struct field *f, void *record, int64_t value)
{
    void *p = field_ptr(f, record);
    if (f->size == sizeof(int64_t)) {
        memcpy(p, &value, sizeof value);
    } else {
        int v = (int)value;
        memcpy(p, &v, sizeof v);
    }
}

static void set_text(const struct field *f, void *record, const char *text)
{
    char *p = field_ptr(f, record);
    size_t len = strlen(text);
    if (len >= f->size)
        len = f->size - 1;      /* callers checked; never split past the buffer */
    memcpy(p, text, len);
    p[len] = '\0';
}

void field_format(const struct field *f, const void *record, char *out, size_t outsz)
{
    if (outsz == 0)
        return;
    out[0] = '\0';
    if (!f || !record)
        return;
    if (f->table == T_DERIVED) {
        if (f->derive)
            f->derive(record, NULL, out, outsz);
        return;
    }
    switch (f->type) {
    case FT_INT:
        snprintf(out, outsz, "%lld", (long long)get_int(f, record));
        break;
    case FT_MONEY:
        money_format(get_int(f, record), out, outsz);
        break;
    case FT_HUNDREDTHS:
        hundredths_format(get_int(f, record), out, outsz);
        break;
    case FT_CODE:
        snprintf(out, outsz, "%s", codes_label(f->list, (int)get_int(f, record)));
        break;
    case FT_BOOL:
        snprintf(out, outsz, "%s", get_int(f, record) ? "是" : "否");
        break;
    case FT_TEXT: case FT_DATE: case FT_IDNO: case FT_PHONE: case FT_DIGITS: case FT_AREA: {
        const char *p = field_cptr(f, record);
        size_t len = strnlen(p, f->size);
        if (len >= outsz) {
            len = outsz - 1;
            while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
                len--;          /* never end inside a character */
        }
        memcpy(out, p, len);
        out[len] = '\0';
        break;
    }
    }
}

/* ---- parsing ---------------------------------------------------------------- */

/* Messages with a number in them; valid until the next field_parse(). */
static char message[160];

static int all_digits(const char *s)
{
    return text_is_digits(s, 0);
}

/* Copies s without surrounding ASCII whitespace. */
static void trim(const char *s, char *out, size_t outsz)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'
                       || s[len - 1] == '\r'))
        len--;
    if (len >= outsz)
        len = outsz - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static const char *too_long(const struct field *f)
{
    snprintf(message, sizeof message, "%s最多%zu个字", f->label, (f->size - 1) / 4);
    return message;
}

static const char *parse_text(const struct field *f, void *record, const char *text)
{
    char buf[1024];
    size_t o = 0;
    const char *p = text;
    uint32_t cp;

    if (!text_valid_utf8(text))
        return "含有无法识别的字符（编码错误）";
    /* Pasted text brings newlines and tabs: one line, spaces instead. */
    for (;;) {
        const char *start = p;
        if ((cp = utf8_decode_next(&p)) == 0)
            break;
        if (cp == '\r' && *p == '\n')
            continue;           /* \r\n is one line break */
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            if (o + 1 >= sizeof buf)
                return too_long(f);
            buf[o++] = ' ';
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            return "含有控制字符，请删除后重新输入";
        size_t n = (size_t)(p - start);
        if (o + n >= sizeof buf)
            return too_long(f);
        memcpy(buf + o, start, n);
        o += n;
    }
    buf[o] = '\0';
    char clean[1024];
    trim(buf, clean, sizeof clean);
    if (text_chars(clean) > (f->size - 1) / 4 || strlen(clean) >= f->size)
        return too_long(f);
    set_text(f, record, clean);
    return NULL;
}

static const char *parse_int(const struct field *f, void *record, const char *t)
{
    if (!*t) {
        set_int(f, record, 0);
        return NULL;
    }
    if (!all_digits(t))
        return "只能输入数字";
    int64_t v = 0;
    int64_t max = f->size == sizeof(int64_t) ? INT64_MAX : INT_MAX;
    for (; *t; t++) {
        if (v > (max - (*t - '0')) / 10)
            return "数字太大";
        v = v * 10 + (*t - '0');
    }
    set_int(f, record, v);
    return NULL;
}

/* money_parse() says only yes or no; this says why, for the message. */
static const char *decimal_problem(const char *t, const char *what)
{
    const char *dot = strchr(t, '.');
    if (strchr(t, '-'))
        snprintf(message, sizeof message, "%s不能为负数", what);
    else if (dot && strspn(dot + 1, "0123456789") > 2)
        snprintf(message, sizeof message, "%s最多两位小数", what);
    else if (strspn(t, "0123456789,.") == strlen(t) && strlen(t) > 15)
        snprintf(message, sizeof message, "%s数值太大", what);
    else
        snprintf(message, sizeof message, "%s格式不对，例如：1234.50", what);
    return message;
}

static const char *parse_decimal(const struct field *f, void *record, const char *t, int money)
{
    int64_t v;
    if (!*t) {
        set_int(f, record, 0);
        return NULL;
    }
    if (!(money ? money_parse(t, &v) : hundredths_parse(t, &v)))
        return decimal_problem(t, money ? "金额" : "数值");
    set_int(f, record, v);
    return NULL;
}

static const char *parse_date(const struct field *f, void *record, const char *t)
{
    char out[11];
    if (!*t) {
        set_text(f, record, "");
        return NULL;
    }
    if (date_normalise(t, out)) {
        set_text(f, record, out);
        return NULL;
    }
    size_t len = strlen(t);
    int shaped = (len == 8 && all_digits(t))
              || (len == 10 && t[4] == '-' && t[7] == '-'
                  && strspn(t, "0123456789-") == len);
    return shaped ? "日期不存在" : "日期格式应为YYYY-MM-DD或YYYYMMDD";
}

static const char *parse_code(const struct field *f, void *record, const char *t)
{
    if (!*t) {
        set_int(f, record, 0);
        return NULL;
    }
    int code = codes_pick(f->list, t);
    if (code < 0)
        return "有多个选项匹配，请按F4选择";
    if (code == 0)
        return "没有这个选项，请按F4选择";
    set_int(f, record, code);
    return NULL;
}

static const char *parse_bool(const struct field *f, void *record, const char *t)
{
    if (!*t || strcmp(t, "0") == 0 || strcmp(t, "否") == 0 || strcmp(t, "n") == 0
        || strcmp(t, "N") == 0) {
        set_int(f, record, 0);
        return NULL;
    }
    if (strcmp(t, "1") == 0 || strcmp(t, "是") == 0 || strcmp(t, "y") == 0
        || strcmp(t, "Y") == 0) {
        set_int(f, record, 1);
        return NULL;
    }
    return "请输入 1(是) 或 0(否)";
}

/* The struct member an id_no field belongs to, so sex and birth can be filled
 * beside it: a roster field (record is the member) or members[0] of Form A. */
static struct member *member_of_idno(const struct field *f, void *record)
{
    if (f->table == T_MEMBER && f->offset == offsetof(struct member, id_no))
        return record;
    if (f->table == T_HEAD || f->table == T_HOUSEHOLD) {
        size_t base = offsetof(struct household, members);
        size_t end = base + sizeof ((struct household *)0)->members;
        if (f->offset >= base && f->offset < end
            && (f->offset - base) % sizeof(struct member) == offsetof(struct member, id_no))
            return (struct member *)((char *)record + f->offset - offsetof(struct member, id_no));
    }
    return NULL;
}

static const char *parse_idno(const struct field *f, void *record, const char *t)
{
    struct idno_info info;
    if (!*t) {
        set_text(f, record, "");
        return NULL;
    }
    enum idno_status st = idno_parse(t, &info);
    if (st != IDNO_OK && st != IDNO_UPGRADED)
        return idno_strerror(st);
    set_text(f, record, info.id);
    struct member *m = member_of_idno(f, record);
    if (m) {
        m->sex = info.sex;
        memcpy(m->birth, info.birth, sizeof m->birth);
    }
    return NULL;
}

static const char *parse_phone(const struct field *f, void *record, const char *t)
{
    if (*t && !phone_valid(t))
        return PHONE_RULE;
    if (strlen(t) >= f->size)
        return "电话号码太长";
    set_text(f, record, t);
    return NULL;
}

/* Bank numbers are printed in groups of four: spaces inside are dropped. */
static const char *parse_digits(const struct field *f, void *record, const char *t)
{
    char buf[128];
    size_t o = 0;
    for (; *t; t++) {
        if (*t == ' ')
            continue;
        if (*t < '0' || *t > '9')
            return "只能输入数字";
        if (o + 1 >= sizeof buf || o + 1 >= f->size) {
            snprintf(message, sizeof message, "%s最多%zu位数字", f->label, f->size - 1);
            return message;
        }
        buf[o++] = *t;
    }
    buf[o] = '\0';
    set_text(f, record, buf);
    return NULL;
}

static const char *parse_area(const struct field *f, void *record, const char *t)
{
    if (*t && (!all_digits(t) || strlen(t) != AREA_CODE_LEN))
        return "村代码应为12位数字，请按F4选择";
    set_text(f, record, t);
    return NULL;
}

const char *field_parse(const struct field *f, void *record, const char *text)
{
    char t[512];
    if (!f || !record)
        return "内部错误：没有字段";
    if (f->table == T_DERIVED || !f->size)
        return "该项为计算值，不能修改";
    if (!text)
        text = "";
    if (f->type == FT_TEXT)
        return parse_text(f, record, text);

    /* Everything else is ASCII at heart: fold what a Chinese input method in
     * full-width mode types (１２３，Ｘ) and ignore surrounding spaces. */
    char folded[512];
    if (strlen(text) >= sizeof folded)
        return "内容太长";
    text_fold_ascii(text, folded, sizeof folded);
    trim(folded, t, sizeof t);
    switch (f->type) {
    case FT_INT:        return parse_int(f, record, t);
    case FT_MONEY:      return parse_decimal(f, record, t, 1);
    case FT_HUNDREDTHS: return parse_decimal(f, record, t, 0);
    case FT_DATE:       return parse_date(f, record, t);
    case FT_CODE:       return parse_code(f, record, t);
    case FT_BOOL:       return parse_bool(f, record, t);
    case FT_IDNO:       return parse_idno(f, record, t);
    case FT_PHONE:      return parse_phone(f, record, t);
    case FT_DIGITS:     return parse_digits(f, record, t);
    case FT_AREA:       return parse_area(f, record, t);
    case FT_TEXT:       break;
    }
    return "内部错误：未知字段类型";
}

int form_check_applies(const struct form *f, const char *id)
{
    if (!f->checks)
        return 1;
    for (const char *const *c = f->checks; *c; c++)
        if (strcmp(*c, id) == 0)
            return 1;
    return 0;
}
