/* facts.c — which fields are a household's identifying and eligibility
 * facts (facts.h).
 *
 * Identifying: who the people of the household are — a member joining or
 * leaving, and each member's 姓名, 身份证号 and 与户主关系 (who is the 户主).
 * Eligibility: what put the household on the register and on which terms —
 * the survey's 识别标准, 贫困户属性, 主要/其他致贫原因 and every income and
 * cost figure of the year (the per-capita income tested against the line).
 * Everything else (phone, bank, living conditions, 四看 notes, signatures)
 * is ordinary upkeep: corrected without a reason, and audited like every
 * write. */
#include "forms/facts.h"
#include "forms/form.h"
#include "core/clock.h"
#include <stdio.h>
#include <string.h>

struct fact {
    enum ftable table;
    const char *key;
};

/* The one table.  Keys are forms/household_forms.c's (labels come from
 * there).  Append, never reorder: nothing depends on the order but the
 * order the changes are listed in. */
static const struct fact FACTS[] = {
    { T_MEMBER, "name" }, { T_MEMBER, "id_no" }, { T_MEMBER, "relation" },
    { T_SURVEY, "standard" }, { T_SURVEY, "hh_type" },
    { T_SURVEY, "main_cause" }, { T_SURVEY, "other_cause1" }, { T_SURVEY, "other_cause2" },
    { T_SURVEY, "wage_income" }, { T_SURVEY, "business_income" }, { T_SURVEY, "property_income" },
    { T_SURVEY, "family_planning" }, { T_SURVEY, "dibao" }, { T_SURVEY, "tekun" },
    { T_SURVEY, "pension" }, { T_SURVEY, "eco_comp" }, { T_SURVEY, "other_transfer" },
    { T_SURVEY, "business_cost" },
};
#define N_FACTS (sizeof FACTS / sizeof *FACTS)

struct sink {
    struct fact_change *out;
    size_t max, n;
};

static void add(struct sink *s, const char *fmt, const char *a, const char *b, const char *c)
{
    if (s->n < s->max)
        snprintf(s->out[s->n].text, sizeof s->out[s->n].text, fmt, a, b, c);
    s->n++;
}

static void compare_fields(struct sink *s, enum ftable table, const void *old, const void *now,
                           const char *who)
{
    for (size_t i = 0; i < N_FACTS; i++) {
        if (FACTS[i].table != table)
            continue;
        const struct field *f = form_field(table, FACTS[i].key);
        if (!f || memcmp(field_cptr(f, old), field_cptr(f, now), f->size) == 0)
            continue;
        char a[160], b[160], what[176];
        field_format(f, old, a, sizeof a);
        field_format(f, now, b, sizeof b);
        if (strcmp(a, b) == 0)          /* bytes past a string's end */
            continue;
        snprintf(what, sizeof what, "%s%s", who, f->label);
        add(s, "%s: %s → %s", what, a[0] ? a : "(空)", b[0] ? b : "(空)");
    }
}

static const struct member *member_by_id(const struct household *hh, int64_t id)
{
    for (int i = 0; id && i < hh->n_members; i++)
        if (hh->members[i].id == id)
            return &hh->members[i];
    return NULL;
}

size_t facts_changes(const struct household *old, const struct household *now,
                     struct fact_change *out, size_t max)
{
    struct sink s = { out, max, 0 };
    for (int i = 0; i < old->n_members; i++)
        if (!member_by_id(now, old->members[i].id))
            add(&s, "成员离户: %s%s%s", old->members[i].name, " ", old->members[i].id_no);
    for (int i = 0; i < now->n_members; i++) {
        const struct member *m = &now->members[i];
        const struct member *was = member_by_id(old, m->id);
        if (!was) {
            add(&s, "成员入户: %s%s%s", m->name, " ", m->id_no);
            continue;
        }
        char who[160];
        snprintf(who, sizeof who, "第%d位成员 %s 的", i + 1, was->name);
        compare_fields(&s, T_MEMBER, was, m, who);
    }
    if (old->survey.year && old->survey.year == now->survey.year)
        compare_fields(&s, T_SURVEY, old, now, "");
    return s.n;
}

void facts_describe(const struct fact_change *c, size_t n, char *text, size_t sz)
{
    size_t len = 0;
    if (sz)
        text[0] = '\0';
    for (size_t i = 0; i < n && len + 1 < sz; i++) {
        int w = snprintf(text + len, sz - len, "%zu. %s\n", i + 1, c[i].text);
        if (w < 0 || (size_t)w >= sz - len)
            break;
        len += (size_t)w;
    }
}

const char *facts_event_date_error(const char *typed, const char *birth, const char *today,
                                   char out[11])
{
    static char msg[160];
    if (!typed || !date_normalise(typed, out)) {
        snprintf(msg, sizeof msg, "日期“%.20s”不存在，请按 年-月-日 填写，如 %s", typed ? typed : "", today);
        return msg;
    }
    if (strcmp(out, today) > 0) {
        snprintf(msg, sizeof msg, "日期 %s 晚于今天 (%s)，变动须已经发生", out, today);
        return msg;
    }
    if (birth && birth[0] && strcmp(out, birth) < 0) {
        snprintf(msg, sizeof msg, "日期 %s 早于本人出生日期 %s", out, birth);
        return msg;
    }
    return NULL;
}
