/* checks_member.c — the checks of each member of a household: name, ID
 * number, relation to the head, age against relation, schooling and skill,
 * disability certificate.  Entries of the one table of core/checks.c
 * (CS_HOUSEHOLD), run on the household's analysis (struct hhinfo). */
#include "core/checks_priv.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

/* Code positions of lists that have no named constants in codes.h (values are
 * list positions, checked against codes_by_label in the unit tests). */
enum { SCHOOL_SENIOR = 5, SCHOOL_VOCATIONAL = 6, SCHOOL_COLLEGE = 7, SCHOOL_UNIVERSITY = 8 };
enum { REL_LAST = 14 };

/* Legal marriage age (婚姻法): men 22, women 20. */
enum { MARRY_MALE = 22, MARRY_FEMALE = 20 };

void ck_member_count(struct check_run *r, const void *s)
{
    int n = HH(s)->n_members;
    if (n <= 0)
        checks_emit(r, -1, "name", M_MEMBER_COUNT, n, "至少须录入户主");
    else if (n > HH_MAX_MEMBERS)
        checks_emit(r, -1, "name", M_MEMBER_COUNT, n, "超过每户上限 30 人");
}

void ck_name_empty(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (checks_blank(HH(s)->members[i].name))
            checks_emit(r, i, "name", M_NAME_EMPTY, r->hi->m[i].who);
}

void ck_name_long(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        size_t n = text_chars(HH(s)->members[i].name);
        if (n > NAME_CHARS)
            checks_emit(r, i, "name", M_NAME_LONG, r->hi->m[i].who, n, NAME_CHARS);
    }
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           cp == 0x2028 || cp == 0x2029 || cp == UTF8_REPLACEMENT;
}

/* Emoji and pictographs: legal Unicode, never part of a registered name. */
static int is_pictograph(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           cp == 0xFE0F || cp == 0x200D;
}

void ck_name_chars(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const char *name = HH(s)->members[i].name;
        if (!text_valid_utf8(name)) {
            checks_emit(r, i, "name", M_NAME_CHARS, r->hi->m[i].who, "无效的文字编码");
            continue;
        }
        for (const char *p = name; *p;) {
            uint32_t cp = utf8_decode_next(&p);
            if (is_control(cp)) {
                checks_emit(r, i, "name", M_NAME_CHARS, r->hi->m[i].who,
                            cp == '\n' || cp == '\r' ? "换行符" : "控制字符");
                break;
            }
        }
    }
}

void ck_name_symbol(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const char *name = HH(s)->members[i].name;
        if (!text_valid_utf8(name))
            continue;
        for (const char *p = name; *p;) {
            uint32_t cp = utf8_decode_next(&p);
            if (is_pictograph(cp)) {
                char vis[11];
                text_char_visible(cp, vis);
                checks_emit(r, i, "name", M_NAME_SYMBOL, r->hi->m[i].who, vis);
                break;
            }
        }
    }
}

void ck_id_empty(struct check_run *r, const void *s)
{
    (void)s;
    for (int i = 0; i < r->hi->n; i++)
        if (r->hi->m[i].st == IDNO_EMPTY)
            checks_emit(r, i, "id_no", M_ID_EMPTY, r->hi->m[i].who);
}

void ck_id_format(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        enum idno_status st = r->hi->m[i].st;
        if (st == IDNO_BAD_LENGTH || st == IDNO_BAD_CHAR || st == IDNO_BAD_AREA)
            checks_emit(r, i, "id_no", M_ID_FORMAT, r->hi->m[i].who, HH(s)->members[i].id_no,
                        idno_strerror(st));
    }
}

void ck_id_date(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        enum idno_status st = r->hi->m[i].st;
        if (st == IDNO_BAD_DATE || st == IDNO_FUTURE_DATE)
            checks_emit(r, i, "id_no", M_ID_DATE, r->hi->m[i].who, HH(s)->members[i].id_no,
                        idno_strerror(st));
    }
}

void ck_id_checksum(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        if (r->hi->m[i].st != IDNO_BAD_CHECK)
            continue;
        const char *id = HH(s)->members[i].id_no;
        while (*id == ' ' || *id == '\t')      /* as idno_parse trims */
            id++;
        char first17[18];
        snprintf(first17, sizeof first17, "%.17s", id);
        char got = id[17] == 'x' ? 'X' : id[17];
        checks_emit(r, i, "id_no", M_ID_CHECKSUM, r->hi->m[i].who, HH(s)->members[i].id_no,
                    got, idno_check_char(first17));
    }
}

void ck_id_legacy(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (r->hi->m[i].st == IDNO_UPGRADED)
            checks_emit(r, i, "id_no", M_ID_LEGACY, r->hi->m[i].who, HH(s)->members[i].id_no,
                        r->hi->m[i].info.id);
}

static int id_ok(const struct minfo *mi)
{
    return mi->st == IDNO_OK || mi->st == IDNO_UPGRADED;
}

void ck_sex_id(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        int sex = HH(s)->members[i].sex;
        if (!id_ok(mi) || sex == 0 || sex == mi->info.sex)
            continue;
        checks_emit(r, i, "sex", M_SEX_ID, mi->who, codes_label(CL_SEX, sex), mi->info.id[16],
                    codes_label(CL_SEX, mi->info.sex));
    }
}

void ck_birth_id(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        const char *birth = HH(s)->members[i].birth;
        char norm[11];
        if (!id_ok(mi) || !birth[0])
            continue;
        if (date_normalise(birth, norm) && strcmp(norm, mi->info.birth) == 0)
            continue;
        checks_emit(r, i, "id_no", M_BIRTH_ID, mi->who, birth, mi->info.birth);
    }
}

void ck_id_dup(struct check_run *r, const void *s)
{
    (void)s;
    for (int i = 1; i < r->hi->n; i++) {
        if (!id_ok(&r->hi->m[i]))
            continue;
        for (int j = 0; j < i; j++)
            if (id_ok(&r->hi->m[j]) && strcmp(r->hi->m[i].info.id, r->hi->m[j].info.id) == 0) {
                checks_emit(r, i, "id_no", M_ID_DUP, r->hi->m[i].who, r->hi->m[i].info.id,
                            r->hi->m[j].who);
                break;
            }
    }
}

void ck_id_other_hh(struct check_run *r, const void *s)
{
    if (!r->ctx->id_owner)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        char other[160] = "";
        if (id_ok(&r->hi->m[i]) &&
            r->ctx->id_owner(r->ctx->id_owner_ud, r->hi->m[i].info.id, HH(s)->id,
                             other, sizeof other))
            checks_emit(r, i, "id_no", M_ID_OTHER_HH, r->hi->m[i].who, r->hi->m[i].info.id,
                        other[0] ? other : "(未知户)");
    }
}

void ck_relation_empty(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if (rel < 1 || rel > REL_LAST)
            checks_emit(r, i, "relation", M_RELATION_EMPTY, r->hi->m[i].who);
    }
}

void ck_head_count(struct check_run *r, const void *s)
{
    if (r->hi->n == 0 || r->hi->heads == 1)
        return;
    /* The member whose 与户主关系 to correct: the second 户主, or the first
     * member (the form keeps the 户主 first) when nobody is. */
    int at = 0;
    char names[160] = "";
    if (r->hi->heads > 1) {
        strcpy(names, " (");
        int k = 0;
        for (int i = 0; i < r->hi->n && strlen(names) < 120; i++)
            if (HH(s)->members[i].relation == REL_HEAD) {
                if (k == 1)
                    at = i;
                size_t len = strlen(names);
                snprintf(names + len, sizeof names - len, "%s第%d名", k++ ? "、" : "", i + 1);
            }
        strcat(names, ")");
    }
    checks_emit(r, at, "relation", M_HEAD_COUNT, r->hi->heads, names);
}

void ck_head_first(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h > 0)
        checks_emit(r, h, "relation", M_HEAD_FIRST, HH(s)->members[h].name, h + 1);
}

void ck_head_young(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h >= 0 && r->hi->m[h].age >= 0 && r->hi->m[h].age < 16)
        checks_emit(r, h, "id_no", M_HEAD_YOUNG, HH(s)->members[h].name, r->hi->m[h].age);
}

void ck_child_older(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h < 0 || !r->hi->m[h].birth[0])
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if ((rel == REL_SON || rel == REL_DAUGHTER) && r->hi->m[i].birth[0] &&
            strcmp(r->hi->m[i].birth, r->hi->m[h].birth) < 0)
            checks_emit(r, i, "relation", M_CHILD_OLDER, r->hi->m[i].who,
                        codes_label(CL_RELATION, rel), r->hi->m[i].birth, r->hi->m[h].birth);
    }
}

void ck_spouse_young(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        const struct minfo *mi = &r->hi->m[i];
        if (HH(s)->members[i].relation != REL_SPOUSE || mi->age < 0)
            continue;
        int sex = id_ok(mi) ? mi->info.sex : HH(s)->members[i].sex;
        int min = sex == SEX_MALE ? MARRY_MALE : MARRY_FEMALE;
        if (mi->age < min)
            checks_emit(r, i, "relation", M_SPOUSE_YOUNG, mi->who, mi->age,
                        sex == SEX_MALE ? "男" : "女", min);
    }
}

void ck_parent_young(struct check_run *r, const void *s)
{
    int h = r->hi->head;
    if (h < 0 || !r->hi->m[h].birth[0])
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int rel = HH(s)->members[i].relation;
        if ((rel == REL_PARENT || rel == REL_GRANDPARENT) && r->hi->m[i].birth[0] &&
            strcmp(r->hi->m[i].birth, r->hi->m[h].birth) > 0)
            checks_emit(r, i, "relation", M_PARENT_YOUNG, r->hi->m[i].who,
                        codes_label(CL_RELATION, rel), r->hi->m[i].birth, r->hi->m[h].birth);
    }
}

/* Plausible ages for each 在校生状况 (inclusive); wide on purpose: a warning
 * should mean a keying slip (小学 at 30), not a late starter. */
static const struct { int code, min, max; } SCHOOL_AGES[] = {
    { SCHOOL_PRE,        2,  7 },
    { SCHOOL_PRIMARY,    5, 16 },
    { SCHOOL_JUNIOR,    10, 19 },
    { SCHOOL_SENIOR,    13, 22 },
    { SCHOOL_VOCATIONAL, 13, 25 },
    { SCHOOL_COLLEGE,   15, 35 },
    { SCHOOL_UNIVERSITY, 15, 45 },
};

void ck_school_age(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++) {
        int sch = HH(s)->members[i].schooling, age = r->hi->m[i].age;
        if (age < 0)
            continue;
        for (size_t k = 0; k < sizeof SCHOOL_AGES / sizeof SCHOOL_AGES[0]; k++)
            if (SCHOOL_AGES[k].code == sch &&
                (age < SCHOOL_AGES[k].min || age > SCHOOL_AGES[k].max)) {
                const char *label = codes_label(CL_SCHOOLING, sch);
                checks_emit(r, i, "schooling", M_SCHOOL_AGE, r->hi->m[i].who, label, age, label,
                            SCHOOL_AGES[k].min, SCHOOL_AGES[k].max);
            }
    }
}

int checks_compulsory_age(int age)
{
    return age >= SCHOOL_AGE_MIN && age <= SCHOOL_AGE_MAX;
}

void ck_school_dropout(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].schooling == SCHOOL_NONE && checks_compulsory_age(r->hi->m[i].age))
            checks_emit(r, i, "schooling", M_SCHOOL_DROPOUT, r->hi->m[i].who, r->hi->m[i].age);
}

void ck_skill_age(struct check_run *r, const void *s)
{
    const struct labour_ages *la = &r->ctx->labour;
    for (int i = 0; i < r->hi->n; i++) {
        const struct member *m = &HH(s)->members[i];
        const struct minfo *mi = &r->hi->m[i];
        if (mi->age < 0)
            continue;
        int sex = id_ok(mi) ? mi->info.sex : m->sex;
        if (mi->age < la->min_age && (m->skill == SK_COMMON || m->skill == SK_SKILLED)) {
            char why[48];
            snprintf(why, sizeof why, " (未满 %d 岁)", la->min_age);
            checks_emit(r, i, "skill", M_SKILL_AGE, mi->who, mi->age, why,
                        codes_label(CL_SKILL, m->skill));
        } else if (m->skill == SK_NONE && m->health == HEALTH_OK &&
                   (m->schooling == 0 || m->schooling == SCHOOL_NONE) && sex &&
                   labour_is_working_age(la, sex, mi->birth, r->hi->ref_date)) {
            checks_emit(r, i, "skill", M_SKILL_AGE, mi->who, mi->age, " (劳动年龄内, 健康, 非在校生)",
                        codes_label(CL_SKILL, m->skill));
        }
    }
}

void ck_disability_no(struct check_run *r, const void *s)
{
    for (int i = 0; i < r->hi->n; i++)
        if (HH(s)->members[i].health == HEALTH_DISABLED &&
            checks_blank(HH(s)->members[i].disability_no))
            checks_emit(r, i, "disability_no", M_DISABILITY_NO, r->hi->m[i].who);
}
