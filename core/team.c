/* team.c — 驻村工作队 rules (see team.h). */
#include "core/team.h"
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/idno.h"

/* The last day of an open period: later than any real to-date. */
#define OPEN_END "9999-12-31"

static const char *end_of(const struct team_member *m)
{
    return m->to_date[0] ? m->to_date : OPEN_END;
}

static const char *shown_end(const struct team_member *m)
{
    return m->to_date[0] ? m->to_date : "今";
}

int team_same_person(const struct team_member *a, const struct team_member *b)
{
    if (a->id_no[0] && b->id_no[0])
        return strcmp(a->id_no, b->id_no) == 0;
    return a->phone[0] && strcmp(a->name, b->name) == 0 && strcmp(a->phone, b->phone) == 0;
}

int team_active_on(const struct team_member *m, const char *date)
{
    return strcmp(m->from_date, date) <= 0 && strcmp(date, end_of(m)) <= 0;
}

static int periods_overlap(const struct team_member *a, const struct team_member *b)
{
    return strcmp(a->from_date, end_of(b)) <= 0 && strcmp(b->from_date, end_of(a)) <= 0;
}

static const char *refuse(char *msg, size_t msgsz, const char **field, const char *key, const char *text)
{
    snprintf(msg, msgsz, "%s", text);
    *field = key;
    return msg;
}

/* Required fields, the ID number and the two dates, normalised in place. */
static const char *check_own_fields(struct team_member *m, char *msg, size_t msgsz, const char **field)
{
    if (!m->name[0])
        return refuse(msg, msgsz, field, "name", "「姓名」必须填写");
    if (m->id_no[0]) {
        struct idno_info info;
        enum idno_status st = idno_parse(m->id_no, &info);
        if (st != IDNO_OK && st != IDNO_UPGRADED) {
            snprintf(msg, msgsz, "「身份证号」%s", idno_strerror(st));
            *field = "id_no";
            return msg;
        }
        snprintf(m->id_no, sizeof m->id_no, "%s", info.id);
    }
    char day[11];
    if (!m->from_date[0])
        return refuse(msg, msgsz, field, "from_date", "「驻村起始日期」必须填写");
    if (!date_normalise(m->from_date, day))
        return refuse(msg, msgsz, field, "from_date", "「驻村起始日期」不是有效日期");
    memcpy(m->from_date, day, sizeof day);
    if (m->to_date[0]) {
        if (!date_normalise(m->to_date, day))
            return refuse(msg, msgsz, field, "to_date", "「驻村结束日期」不是有效日期");
        memcpy(m->to_date, day, sizeof day);
        if (strcmp(m->to_date, m->from_date) < 0) {
            snprintf(msg, msgsz, "「驻村结束日期」%s 早于起始日期 %s", m->to_date, m->from_date);
            *field = "to_date";
            return msg;
        }
    }
    return NULL;
}

const char *team_check_member(struct team_member *m, const struct team_member *others, size_t n,
                              char *msg, size_t msgsz, const char **field)
{
    const char *why = check_own_fields(m, msg, msgsz, field);
    if (why)
        return why;
    for (size_t i = 0; i < n; i++) {
        const struct team_member *o = &others[i];
        if ((m->id && o->id == m->id) || !periods_overlap(m, o))
            continue;
        int same_village = strcmp(o->village, m->village) == 0;
        if (team_same_person(m, o)) {
            snprintf(msg, msgsz, "%s 在 %s 至 %s 已是%s驻村工作队队员 (%s 至 %s)：同一人同一天只能在一个村驻村",
                     m->name, m->from_date, shown_end(m),
                     same_village ? "本村" : (o->village_name[0] ? o->village_name : o->village),
                     o->from_date, shown_end(o));
            *field = "from_date";
            return msg;
        }
        if (same_village && m->first_secretary && o->first_secretary) {
            snprintf(msg, msgsz, "本村 %s 至 %s 的第一书记已是 %s：同一天只能有一名第一书记，请先填写其驻村结束日期",
                     o->from_date, shown_end(o), o->name);
            *field = "first_secretary";
            return msg;
        }
        if (same_village && m->leader && o->leader) {
            snprintf(msg, msgsz, "本村 %s 至 %s 的队长已是 %s：同一天只能有一名队长，请先填写其驻村结束日期",
                     o->from_date, shown_end(o), o->name);
            *field = "leader";
            return msg;
        }
    }
    return NULL;
}

/* Whether a leader among ms serves on day; *next_start gets the earliest
 * start of a leader after day ("" when none). */
static int leader_on(const struct team_member *ms, size_t n, const char *day, char next_start[11])
{
    int found = 0;
    next_start[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!ms[i].leader)
            continue;
        if (team_active_on(&ms[i], day))
            found = 1;
        else if (strcmp(ms[i].from_date, day) > 0 && (!next_start[0] || strcmp(ms[i].from_date, next_start) < 0))
            memcpy(next_start, ms[i].from_date, 11);
    }
    return found;
}

int team_leader_gap(const struct team_member *ms, size_t n, const char *today, char gap_from[11],
                    char gap_to[11])
{
    if (n == 0)
        return 0;
    /* A gap can only begin on the team's first day or the day after a
     * leader leaves: try those days in turn. */
    const char *start = ms[0].from_date;
    for (size_t i = 1; i < n; i++)
        if (strcmp(ms[i].from_date, start) < 0)
            start = ms[i].from_date;
    for (size_t c = 0; c <= n; c++) {
        char day[11], next[11];
        if (c == 0)
            snprintf(day, sizeof day, "%s", start);
        else if (!ms[c - 1].leader || !ms[c - 1].to_date[0] || !date_add_days(ms[c - 1].to_date, 1, day))
            continue;
        if (strcmp(day, today) > 0 || strcmp(day, start) < 0 || leader_on(ms, n, day, next))
            continue;
        memcpy(gap_from, day, 11);
        if (next[0] && strcmp(next, today) <= 0)
            date_add_days(next, -1, gap_to);
        else
            snprintf(gap_to, 11, "%s", today);
        return 1;
    }
    return 0;
}

void team_gap_message(const char *gap_from, const char *gap_to, char *out, size_t outsz)
{
    snprintf(out, outsz, TEAM_GAP_FMT, gap_from, gap_to);
}

int team_secretaries_overlap(const struct team_member *ms, size_t n, char day[11], size_t *a, size_t *b)
{
    int found = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (!ms[i].first_secretary || !ms[j].first_secretary || !periods_overlap(&ms[i], &ms[j]))
                continue;
            const char *from = strcmp(ms[i].from_date, ms[j].from_date) > 0 ? ms[i].from_date : ms[j].from_date;
            if (!found || strcmp(from, day) < 0) {
                snprintf(day, 11, "%s", from);
                *a = i;
                *b = j;
                found = 1;
            }
        }
    return found;
}

const char *team_check_visit(struct team_visit_facts *v, char *msg, size_t msgsz, const char **field)
{
    char day[11];
    if (!v->date[0])
        return refuse(msg, msgsz, field, "date", "「走访日期」必须填写");
    if (!date_normalise(v->date, day))
        return refuse(msg, msgsz, field, "date", "「走访日期」不是有效日期");
    memcpy(v->date, day, sizeof day);
    if (v->today && strcmp(day, v->today) > 0) {
        snprintf(msg, msgsz, "「走访日期」%s 晚于今天 %s", day, v->today);
        *field = "date";
        return msg;
    }
    if (!v->who)
        return refuse(msg, msgsz, field, "who", "「走访人」必须从本村驻村工作队中选择");
    if (!team_active_on(v->who, day)) {
        snprintf(msg, msgsz, "「走访人」%s 的驻村期间是 %s 至 %s，%s 不在其中", v->who->name,
                 v->who->from_date, shown_end(v->who), day);
        *field = "who";
        return msg;
    }
    if (v->n_households == 0)
        return refuse(msg, msgsz, field, "households", "「走访户」至少选择一户");
    return NULL;
}

const char *team_check_signer(const struct team_member *m, const char *entry_date, char *msg,
                              size_t msgsz)
{
    if (team_active_on(m, entry_date))
        return NULL;
    snprintf(msg, msgsz, "「工作队长签字」%s 的驻村期间是 %s 至 %s，不含记录日期 %s", m->name,
             m->from_date, shown_end(m), entry_date);
    return msg;
}

const char *team_role_label(const struct team_member *m)
{
    if (m->leader && m->first_secretary)
        return "队长、第一书记";
    if (m->leader)
        return "队长";
    if (m->first_secretary)
        return "第一书记";
    return "队员";
}
