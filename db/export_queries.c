/* export_queries.c — read-only queries of the roster and summary exports. */
#include "db/export_queries.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/member_history.h"
#include "db/record.h"
#include "db/settings.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_STATES ((1u << WF_STATE_COUNT) - 1u)

uint32_t export_register_states(void)
{
    uint32_t m = 0;
    for (int s = 0; s < WF_STATE_COUNT; s++) {
        const char *l = wf_roster_status((enum wf_state)s);
        if (!strcmp(l, "在册") || !strcmp(l, "已脱贫"))
            m |= 1u << s;
    }
    return m;
}

uint32_t export_all_states(void)
{
    return ALL_STATES;
}

/* The states that share state s's roster status label (在册: 8, 11..14, 16). */
static uint32_t label_group(int s)
{
    uint32_t m = 0;
    const char *l = wf_roster_status((enum wf_state)s);
    for (int t = 0; t < WF_STATE_COUNT; t++)
        if (!strcmp(l, wf_roster_status((enum wf_state)t)))
            m |= 1u << t;
    return m;
}

/* The labels of a filter joined by `sep`: a roster status label where the
 * filter holds all its states, else the step's own label, in state order. */
static void states_labels(uint32_t states, const char *sep, char *out, size_t outsz)
{
    size_t len = 0;
    uint32_t done = 0;
    out[0] = 0;
    for (int s = 0; s < WF_STATE_COUNT; s++) {
        if (!((states >> s) & 1) || ((done >> s) & 1))
            continue;
        uint32_t g = label_group(s);
        int whole = (states & g) == g;
        const char *l = whole ? wf_roster_status((enum wf_state)s) : wf_state_label((enum wf_state)s);
        done |= whole ? g : 1u << s;
        if (len < outsz)
            len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? sep : "", l);
    }
}

void export_states_phrase(uint32_t states, char *out, size_t outsz)
{
    if (!states)
        states = export_register_states();
    if ((states & ALL_STATES) == ALL_STATES) {
        snprintf(out, outsz, "全部农户");
        return;
    }
    char l[400];
    states_labels(states, "、", l, sizeof l);
    if (states == export_register_states())
        states_labels(states, "及", l, sizeof l);
    snprintf(out, outsz, "%s户", l);
}

enum db_err db_export_title(struct db *db, enum export_title_kind kind,
                            const struct export_filter *f, char *out, size_t outsz)
{
    char name[200], today[11], what[420];
    enum db_err e = db_export_area_title(db, f && f->area ? f->area : "", name, sizeof name);
    if (e)
        return e;
    clock_today(today);
    int year = f && f->year > 0 ? f->year : atoi(today);
    uint32_t states = f && f->states ? f->states : export_register_states();
    export_states_phrase(states, what, sizeof what);
    if (kind == TITLE_SUMMARY)
        snprintf(out, outsz, "%s%d年扶贫对象汇总表（%s）", name, year, what);
    else if (kind == TITLE_RESURVEY)
        snprintf(out, outsz, "%s%d年回头看未复查户名单（%s）", name, year, what);
    else if (states == export_register_states())
        snprintf(out, outsz, "%s%d年贫困户花名册", name, year);
    else
        snprintf(out, outsz, "%s%d年%s名单", name, year, what);
    return DB_OK;
}

/* English names for scripts: the enum's names, lower-case. */
static const char *const STATE_NAMES[WF_STATE_COUNT] = {
    "none", "applied", "surveyed", "appraised", "notice1", "rechecked", "notice2",
    "notice3", "registered", "rejected", "withdrawn", "exit_appraised", "exit_notice1",
    "exit_notice2", "exit_notice3", "exited", "removal_notice", "removed"
};

static uint32_t parse_one_status(const char *t)
{
    uint32_t m = 0;
    if (!*t)
        return 0;
    if (!strcmp(t, "全部") || !strcmp(t, "all"))
        return ALL_STATES;
    char *end;
    long v = strtol(t, &end, 10);
    if (*end == 0 && end != t)
        return v >= 0 && v < WF_STATE_COUNT ? 1u << v : 0;
    for (int s = 0; s < WF_STATE_COUNT; s++)
        if (!strcmp(t, wf_roster_status((enum wf_state)s)) ||
            !strcmp(t, wf_state_label((enum wf_state)s)) || !strcmp(t, STATE_NAMES[s]))
            m |= 1u << s;
    return m;
}

int export_parse_status(const char *s, uint32_t *states)
{
    char buf[256];
    if (!s || !*s || strlen(s) >= sizeof buf)
        return 0;
    uint32_t m = 0;
    /* Split on ',' and the full-width '，' as whole strings: strtok's byte
     * set would also cut UTF-8 characters that contain 0x8C (册). */
    while (*s) {
        const char *a = strstr(s, ","), *b = strstr(s, "，");
        const char *e = a && (!b || a < b) ? a : b;
        size_t len = e ? (size_t)(e - s) : strlen(s);
        memcpy(buf, s, len);
        buf[len] = 0;
        uint32_t one = parse_one_status(buf);
        if (!one)
            return 0;
        m |= one;
        s += len;
        if (e)
            s += e == a ? 1 : strlen("，");
    }
    if (!m)
        return 0;
    *states = m;
    return 1;
}

/* The households of a filter: ?1 the GLOB pattern "AREA*" ("*" = all; a bound
 * pattern with a literal prefix lets SQLite range-scan the village index),
 * ?2 the state bit mask, ?3 the year (0 = any): a household whose first
 * application or survey is of a later year was not there yet. */
#define HH_WHERE \
    " h.deleted = 0 AND h.village GLOB ?1 AND ((?2 >> h.state) & 1) AND (?3 = 0 OR" \
    " ifnull((SELECT min(y) FROM (SELECT year AS y FROM applications WHERE household_id = h.id" \
    " UNION ALL SELECT year FROM surveys WHERE household_id = h.id)), 0) <= ?3) "

static void bind_filter_area(sqlite3_stmt *st, const char *area)
{
    char pat[AREA_CODE_LEN + 2];
    if (!area)
        area = "";
    /* Area codes are digits (the areas table enforces it); anything else
     * matches nothing rather than acting as a wildcard. */
    int digits = strlen(area) <= AREA_CODE_LEN;
    for (const char *p = area; *p && digits; p++)
        digits = *p >= '0' && *p <= '9';
    snprintf(pat, sizeof pat, "%s*", digits ? area : "-");
    sqlite3_bind_text(st, 1, pat, -1, SQLITE_TRANSIENT);
}

static void bind_filter(sqlite3_stmt *st, const struct export_filter *f)
{
    bind_filter_area(st, f ? f->area : NULL);
    uint32_t states = f && f->states ? f->states : export_register_states();
    sqlite3_bind_int64(st, 2, (sqlite3_int64)states);
    sqlite3_bind_int(st, 3, f ? f->year : 0);
}

/* The members a roster lists, ?4 binding the year (bind_member_year): the
 * roster of a past year lists who belonged to the household that year
 * (member events: the one who died in it, not the child born after it);
 * this year's, and the latest, list the members now. */
#define ROSTER_MEMBER " (CASE WHEN ?4 = 0 THEN m.deleted = 0 ELSE " DB_MEMBER_IN_YEAR("m", "?4") " END)"

static void bind_member_year(sqlite3_stmt *st, const struct export_filter *f)
{
    char today[11];
    clock_today(today);
    int year = f ? f->year : 0;
    sqlite3_bind_int(st, 4, year && year < atoi(today) ? year : 0);
}

enum db_err db_roster_count(struct db *db, const struct export_filter *f, int64_t *n)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT count(*) FROM households h JOIN members m ON m.household_id = h.id"
        " AND" ROSTER_MEMBER " WHERE" HH_WHERE);
    if (!st)
        return DB_ERR_IO;
    bind_filter(st, f);
    bind_member_year(st, f);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "统计花名册行数");
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return DB_OK;
}

enum db_err db_roster_estimate(struct db *db, const struct export_filter *f, int64_t *households,
                               int64_t *rows)
{
    /* households_village (village, state) WHERE deleted = 0 covers the
     * count; max(id) is one B-tree descent each. */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT count(*), (SELECT max(id) FROM members), (SELECT max(id) FROM households)"
        " FROM households h INDEXED BY households_village"
        " WHERE h.deleted = 0 AND h.village GLOB ?1 AND ((?2 >> h.state) & 1)");
    if (!st)
        return DB_ERR_IO;
    bind_filter(st, f);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "估计花名册行数");
    int64_t hh = sqlite3_column_int64(st, 0), m_ids = sqlite3_column_int64(st, 1);
    int64_t hh_ids = sqlite3_column_int64(st, 2);
    sqlite3_reset(st);
    *households = hh;
    *rows = hh_ids > 0 ? hh * m_ids / hh_ids : 0;
    if (*rows < hh)
        *rows = hh;
    return DB_OK;
}

/* One statement for the whole roster in DB_HH_ORDER (village, 村民小组 by
 * number, 户编号: households not yet registered have none and come first in
 * their group), members through members_household.  The villages come in
 * index order, so SQLite sorts one village at a time, never a temp B-tree of
 * all 350 000 wide rows (that sort cost 8 s of a 10 s query).  The latest survey is found once per
 * household (the subquery sits on households, evaluated before the member
 * loop) — of the filter's year or the latest before it; the current helper through the one-current-assignment index; the
 * exit year only for exited households: from the exit record (Form G), else
 * from the state history's move to 已脱贫. */
static const char ROSTER_SQL[] =
    "SELECT h.id, ifnull(c.name,''), ifnull(t.name,''), v.name, v.code, h.group_name,"
    " ifnull(h.hh_no,''), h.head_name, m.relation, m.name, m.sex, m.id_no, m.birth,"
    " m.ethnic, m.education, m.schooling, m.health, m.skill, m.work,"
    " s.id IS NOT NULL, ifnull(s.hh_type, h.hh_type), ifnull(s.standard,0), ifnull(s.main_cause,0),"
    " s.wage_income, s.business_income, s.property_income, s.family_planning, s.dibao,"
    " s.tekun, s.pension, s.eco_comp, s.other_transfer, s.business_cost,"
    " ifnull(hp.name,''), ifnull(hp.unit,''), h.state,"
    " CASE WHEN h.state = 15 THEN ifnull((SELECT max(e.year) FROM exits e"
    "   WHERE e.household_id = h.id AND e.deleted = 0),"
    "   (SELECT CAST(substr(max(sh.date),1,4) AS INTEGER) FROM state_history sh"
    "   WHERE sh.household_id = h.id AND sh.to_state = 15)) ELSE 0 END,"
    " CASE WHEN ?4 = 0 THEN h.n_members ELSE (SELECT count(*) FROM members m"
    "   WHERE m.household_id = h.id AND" ROSTER_MEMBER ") END,"
    " h.phone, m.political, m.work_months, m.med_ins, m.serious_ins, m.pension_ins, m.soldier,"
    " m.disability_no, s.other_cause1, s.other_cause2, s.bank, s.bank_account, s.year,"
    " s.declared_per_capita"
    " FROM households h"
    " JOIN areas v ON v.code = h.village"
    " LEFT JOIN areas t ON t.code = v.parent"
    " LEFT JOIN areas c ON c.code = t.parent"
    " LEFT JOIN surveys s ON s.id = (SELECT s2.id FROM surveys s2 WHERE s2.household_id = h.id"
    "   AND (?3 = 0 OR s2.year <= ?3) ORDER BY s2.year DESC LIMIT 1)"
    " LEFT JOIN assignments a ON a.household_id = h.id AND a.to_date IS NULL AND a.deleted = 0"
    " LEFT JOIN helpers hp ON hp.id = a.helper_id"
    " JOIN members m ON m.household_id = h.id AND" ROSTER_MEMBER
    " WHERE" HH_WHERE
    " ORDER BY" DB_HH_ORDER("h") ", m.ordinal";

/* The survey fields of the household's row (read once per household). */
static void read_survey(sqlite3_stmt *st, struct survey *sv)
{
    memset(sv, 0, sizeof *sv);
    sv->hh_type = sqlite3_column_int(st, 20);
    sv->standard = sqlite3_column_int(st, 21);
    sv->main_cause = sqlite3_column_int(st, 22);
    sv->wage_income = sqlite3_column_int64(st, 23);
    sv->business_income = sqlite3_column_int64(st, 24);
    sv->property_income = sqlite3_column_int64(st, 25);
    sv->family_planning = sqlite3_column_int64(st, 26);
    sv->dibao = sqlite3_column_int64(st, 27);
    sv->tekun = sqlite3_column_int64(st, 28);
    sv->pension = sqlite3_column_int64(st, 29);
    sv->eco_comp = sqlite3_column_int64(st, 30);
    sv->other_transfer = sqlite3_column_int64(st, 31);
    sv->business_cost = sqlite3_column_int64(st, 32);
    sv->other_cause1 = sqlite3_column_int(st, 46);
    sv->other_cause2 = sqlite3_column_int(st, 47);
    db_copy_text(sv->bank, sizeof sv->bank, db_col(st, 48));
    db_copy_text(sv->bank_account, sizeof sv->bank_account, db_col(st, 49));
    sv->year = sqlite3_column_int(st, 50);
    sv->declared_per_capita = sqlite3_column_int64(st, 51);
}

/* The member's fields of the row, the scalar copies in r included. */
static void read_member(sqlite3_stmt *st, const char *today, struct roster_row *r, struct member *m)
{
    memset(m, 0, sizeof *m);
    r->relation = m->relation = sqlite3_column_int(st, 8);
    r->name = db_col(st, 9);
    db_copy_text(m->name, sizeof m->name, r->name);
    r->sex = m->sex = sqlite3_column_int(st, 10);
    r->id_no = db_col(st, 11);
    db_copy_text(m->id_no, sizeof m->id_no, r->id_no);
    r->birth = db_col(st, 12);
    db_copy_text(m->birth, sizeof m->birth, r->birth);
    r->age = *r->birth ? age_on(r->birth, today) : -1;
    r->ethnic = m->ethnic = sqlite3_column_int(st, 13);
    r->education = m->education = sqlite3_column_int(st, 14);
    r->schooling = m->schooling = sqlite3_column_int(st, 15);
    r->health = m->health = sqlite3_column_int(st, 16);
    r->skill = m->skill = sqlite3_column_int(st, 17);
    r->work = m->work = sqlite3_column_int(st, 18);
    m->political = sqlite3_column_int(st, 39);
    m->work_months = sqlite3_column_int(st, 40);
    m->med_ins = sqlite3_column_int(st, 41);
    m->serious_ins = sqlite3_column_int(st, 42);
    m->pension_ins = sqlite3_column_int(st, 43);
    m->soldier = sqlite3_column_int(st, 44);
    db_copy_text(m->disability_no, sizeof m->disability_no, db_col(st, 45));
}

/* Scratch of one walk: a household record (its phone and survey) and a
 * member, reused row after row — the memory of the walk stays flat. */
struct roster_scratch {
    struct household hh;
    struct member m;
};

/* SQLite's result of the last step: SQLITE_DONE at the end (or when fn
 * stopped the walk: *stopped = 1), else the error. */
static int roster_walk(sqlite3_stmt *st, const char *today, struct roster_scratch *w,
                       roster_row_fn fn, void *ud, int *stopped, int64_t *done)
{
    int rc;
    struct roster_row r;
    memset(&r, 0, sizeof r);
    r.member = &w->m;
    r.hh = &w->hh;
    r.household_id = -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        r.county = db_col(st, 1);
        r.township = db_col(st, 2);
        r.village = db_col(st, 3);
        r.village_code = db_col(st, 4);
        r.group_name = db_col(st, 5);
        r.hh_no = db_col(st, 6);
        r.head_name = db_col(st, 7);
        read_member(st, today, &r, &w->m);
        r.has_survey = sqlite3_column_int(st, 19);
        r.n_members = sqlite3_column_int(st, 37);
        if (id != r.household_id) {
            /* Once per household: 年人均纯收入 by core/income.c, as the
             * survey screen shows it. */
            r.household_id = id;
            r.seq++;
            read_survey(st, &w->hh.survey);
            db_copy_text(w->hh.phone, sizeof w->hh.phone, db_col(st, 38));
            r.hh_type = sqlite3_column_int(st, 20);
            r.standard = w->hh.survey.standard;
            r.main_cause = w->hh.survey.main_cause;
            r.per_capita = r.has_survey ? income_per_capita(&w->hh.survey, r.n_members) : 0;
        }
        r.helper = db_col(st, 33);
        r.helper_unit = db_col(st, 34);
        r.state = sqlite3_column_int(st, 35);
        r.exit_year = sqlite3_column_int(st, 36);
        if (done)
            ++*done;
        if (fn(ud, &r)) {
            *stopped = 1;
            return SQLITE_DONE;
        }
    }
    return rc;
}

enum db_err db_roster_each(struct db *db, const struct export_filter *f, const char *today,
                           roster_row_fn fn, void *ud, int *stopped)
{
    int stop = 0;
    if (stopped)
        *stopped = 0;
    char day[11];
    if (!today || !*today) {
        clock_today(day);
        today = day;
    }
    struct roster_scratch *w = malloc(sizeof *w);
    if (!w)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    sqlite3_stmt *st = db_stmt(db, ROSTER_SQL);
    if (!st) {
        free(w);
        return DB_ERR_IO;
    }
    bind_filter(st, f);
    bind_member_year(st, f);
    int rc = roster_walk(st, today, w, fn, ud, &stop, f ? f->done : NULL);
    sqlite3_reset(st);
    free(w);
    if (stopped)
        *stopped = stop;
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取花名册");
}

/* ---- summary ------------------------------------------------------------- */

money_t summary_avg_income(const struct summary_row *r)
{
    if (r->income_n <= 0)
        return 0;
    int64_t q = r->income_sum / r->income_n, rem = r->income_sum % r->income_n;
    int64_t ar = rem < 0 ? -rem : rem;
    if (2 * ar >= r->income_n)          /* the same rounding as income_per_capita */
        q += r->income_sum < 0 ? -1 : 1;
    return q;
}

static void row_add(struct summary_row *to, const struct summary_row *from)
{
    to->households += from->households;
    to->people += from->people;
    for (int i = 0; i < SUM_TYPES; i++)
        to->by_type[i] += from->by_type[i];
    for (int i = 0; i < SUM_CAUSES; i++)
        to->by_cause[i] += from->by_cause[i];
    to->able += from->able;
    to->students += from->students;
    to->exited_hh += from->exited_hh;
    to->exited_people += from->exited_people;
    to->income_sum += from->income_sum;
    to->income_n += from->income_n;
    to->aid_money += from->aid_money;
}

struct sum_scan {
    struct summary_row *v;      /* village rows, code order */
    size_t nv;
    size_t cur;                 /* index of the row being added to */
    int64_t last_hh;
    struct labour_ages la;
    const char *today;
};

static int find_village(struct sum_scan *s, const char *code)
{
    if (s->cur < s->nv && !strcmp(s->v[s->cur].code, code))
        return 1;
    /* Rows come in village-code order, so the next one is ahead of cur. */
    for (size_t i = 0; i < s->nv; i++)
        if (!strcmp(s->v[i].code, code)) {
            s->cur = i;
            return 1;
        }
    return 0;
}

static int sum_row(void *ud, const struct roster_row *r)
{
    struct sum_scan *s = ud;
    if (!find_village(s, r->village_code))
        return 0;                       /* a village outside the areas table: cannot be */
    struct summary_row *v = &s->v[s->cur];
    int exited = r->state == WF_EXITED;
    if (r->household_id != s->last_hh) {
        s->last_hh = r->household_id;
        v->households++;
        if (r->hh_type > 0 && r->hh_type < SUM_TYPES)
            v->by_type[r->hh_type]++;
        v->by_cause[r->main_cause > 0 && r->main_cause < SUM_CAUSES ? r->main_cause : 0]++;
        if (r->has_survey) {
            v->income_sum += r->per_capita;
            v->income_n++;
        }
        if (exited)
            v->exited_hh++;
    }
    v->people++;
    if (exited)
        v->exited_people++;
    /* 有劳动能力: of working age (SPEC §5.2, on the export date) and not
     * 丧失劳动力 / 无劳动力. */
    if (*r->birth && labour_is_working_age(&s->la, r->sex, r->birth, s->today) &&
        r->skill != 4 && r->skill != 5)
        v->able++;
    /* 在校生: any 在校生状况 other than 非在校生 (学前教育 included). */
    if (r->schooling > SCHOOL_NONE)
        v->students++;
    return 0;
}

/* 帮扶资金 per village: 投入资金 of live entries; an entry that a later live
 * correction replaces (corrects_id) is counted through its correction only.
 * NOT IN (uncorrelated) builds the set of corrected ids once; a correlated
 * NOT EXISTS would scan aid_records per entry (corrects_id has no index):
 * minutes on a county file. */
static enum db_err sum_aid(struct db *db, const struct export_filter *f, struct sum_scan *s)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.village, sum(a.money) FROM aid_records a JOIN households h ON h.id = a.household_id"
        " WHERE" HH_WHERE " AND a.deleted = 0 AND a.id NOT IN (SELECT c.corrects_id"
        "  FROM aid_records c WHERE c.corrects_id IS NOT NULL AND c.deleted = 0)"
        " GROUP BY h.village ORDER BY h.village");
    if (!st)
        return DB_ERR_IO;
    bind_filter(st, f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (find_village(s, db_col(st, 0)))
            s->v[s->cur].aid_money += sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "统计帮扶资金");
}

enum db_err db_summary(struct db *db, const struct export_filter *filter, const char *today,
                       struct summary_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    char day[11];
    if (!today || !*today) {
        clock_today(day);
        today = day;
    }
    struct export_filter f = { filter ? filter->area : NULL, filter ? filter->states : 0,
                               filter ? filter->year : 0, filter ? filter->done : NULL,
                               filter ? filter->total : NULL };
    if (!f.area)
        f.area = "";
    if (!f.states)
        f.states = export_register_states();

    struct sum_scan s = { .last_hh = -1, .today = today };
    enum db_err err = db_labour_ages(db, &s.la);
    if (err)
        return err;
    /* Villages (with their township) under the area, zeros included.  The
     * area may itself be a village (then only it). */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT v.code, v.name, ifnull(t.code,''), ifnull(t.name,'') FROM areas v"
        " LEFT JOIN areas t ON t.code = v.parent"
        " WHERE v.level = 3 AND v.code GLOB ?1 ORDER BY v.code");
    if (!st)
        return DB_ERR_IO;
    bind_filter_area(st, f.area);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (s.nv == cap) {
            cap = cap ? cap * 2 : 64;
            struct summary_row *nv = realloc(s.v, cap * sizeof *nv);
            if (!nv) {
                sqlite3_reset(st);
                free(s.v);
                return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
            }
            s.v = nv;
        }
        struct summary_row *v = &s.v[s.nv++];
        memset(v, 0, sizeof *v);
        v->level = SUM_VILLAGE;
        snprintf(v->code, sizeof v->code, "%s", db_col(st, 0));
        snprintf(v->name, sizeof v->name, "%s", db_col(st, 1));
        snprintf(v->township, sizeof v->township, "%s", db_col(st, 3));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(s.v);
        return db_fail(db, rc, "读取行政区划");
    }
    if (f.total) {
        int64_t households;
        err = db_roster_estimate(db, &f, &households, f.total);
        if (err) {
            free(s.v);
            return err;
        }
    }
    err = db_roster_each(db, &f, today, sum_row, &s, NULL);
    if (!err)
        err = sum_aid(db, &f, &s);
    if (err) {
        free(s.v);
        return err;
    }

    /* Villages, a 小计 after each township's villages, one 合计. */
    size_t ntown = 0;
    for (size_t i = 0; i < s.nv; i++)
        if (i == 0 || strncmp(s.v[i].code, s.v[i - 1].code, 9) != 0)
            ntown++;
    struct summary_row *out = calloc(s.nv + ntown + 1, sizeof *out);
    if (!out) {
        free(s.v);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    size_t k = 0;
    struct summary_row total = { .level = SUM_COUNTY };
    for (size_t i = 0; i < s.nv;) {
        struct summary_row sub = { .level = SUM_TOWNSHIP };
        memcpy(sub.code, s.v[i].code, 9);
        sub.code[9] = 0;
        snprintf(sub.name, sizeof sub.name, "%s", s.v[i].township);
        size_t j = i;
        for (; j < s.nv && !strncmp(s.v[j].code, s.v[i].code, 9); j++) {
            out[k++] = s.v[j];
            row_add(&sub, &s.v[j]);
        }
        row_add(&total, &sub);
        out[k++] = sub;
        i = j;
    }
    snprintf(total.code, sizeof total.code, "%s", f.area);
    err = db_export_area_title(db, f.area, total.name, sizeof total.name);
    out[k++] = total;
    free(s.v);
    if (err) {
        free(out);
        return err;
    }
    *rows = out;
    *n = k;
    return DB_OK;
}

enum db_err db_exits_by_year(struct db *db, const struct export_filter *filter,
                             struct exit_year_count *out, size_t max, size_t *n)
{
    *n = 0;
    struct export_filter f = { filter ? filter->area : "", 1u << WF_EXITED, filter ? filter->year : 0 };
    sqlite3_stmt *st = db_stmt(db,
        "SELECT y, count(*) FROM (SELECT ifnull((SELECT max(e.year) FROM exits e"
        "   WHERE e.household_id = h.id AND e.deleted = 0),"
        "   (SELECT CAST(substr(max(sh.date),1,4) AS INTEGER) FROM state_history sh"
        "   WHERE sh.household_id = h.id AND sh.to_state = 15)) AS y"
        "  FROM households h WHERE" HH_WHERE ") WHERE y IS NOT NULL GROUP BY y ORDER BY y");
    if (!st)
        return DB_ERR_IO;
    bind_filter(st, &f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        out[*n].year = sqlite3_column_int(st, 0);
        out[*n].households = sqlite3_column_int64(st, 1);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计脱贫年度");
}

static enum db_err resurvey_scan(struct db *db, const struct export_filter *f,
                                 struct resurvey_row **rows, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, ifnull(t.name,''), v.name, v.code, h.group_name, ifnull(h.hh_no,''), h.head_name,"
        " h.n_members, h.state, ifnull((SELECT max(s.year) FROM surveys s WHERE s.household_id = h.id"
        " AND s.year < ?3), 0)"
        " FROM households h JOIN areas v ON v.code = h.village LEFT JOIN areas t ON t.code = v.parent"
        " WHERE" HH_WHERE " AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.household_id = h.id"
        " AND s.year = ?3) ORDER BY" DB_HH_ORDER("h"));
    if (!st)
        return DB_ERR_IO;
    bind_filter(st, f);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            struct resurvey_row *grown = realloc(*rows, cap * sizeof **rows);
            if (!grown) {
                sqlite3_reset(st);
                return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
            }
            *rows = grown;
        }
        struct resurvey_row *r = &(*rows)[(*n)++];
        memset(r, 0, sizeof *r);
        r->household_id = sqlite3_column_int64(st, 0);
        db_copy_text(r->township, sizeof r->township, db_col(st, 1));
        db_copy_text(r->village, sizeof r->village, db_col(st, 2));
        db_copy_text(r->village_code, sizeof r->village_code, db_col(st, 3));
        db_copy_text(r->group_name, sizeof r->group_name, db_col(st, 4));
        db_copy_text(r->hh_no, sizeof r->hh_no, db_col(st, 5));
        db_copy_text(r->head_name, sizeof r->head_name, db_col(st, 6));
        r->n_members = sqlite3_column_int(st, 7);
        r->state = sqlite3_column_int(st, 8);
        r->last_year = sqlite3_column_int(st, 9);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取回头看名单");
}

enum db_err db_resurvey_list(struct db *db, const struct export_filter *filter,
                             struct resurvey_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (!filter || filter->year <= 0)
        return db_set_error(db, DB_ERR_INVALID, "回头看须指定年度 (year required)");
    struct export_filter f = *filter;
    if (!f.area)
        f.area = "";
    if (!f.states)
        f.states = export_register_states();
    enum db_err err = resurvey_scan(db, &f, rows, n);
    if (f.total)
        *f.total = (int64_t)*n;
    /* After the scan: the income of the last survey, as the survey screen
     * computes it (core/income.c), read with statements of its own. */
    struct household *hh = malloc(sizeof *hh);
    if (err == DB_OK && !hh)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    for (size_t i = 0; err == DB_OK && i < *n; i++) {
        struct resurvey_row *r = &(*rows)[i];
        if (f.done)
            ++*f.done;
        if (!r->last_year)
            continue;
        err = db_household_load_as_of(db, r->household_id, r->last_year, hh);
        if (err == DB_OK)
            r->last_per_capita = income_per_capita(&hh->survey, hh->n_members);
    }
    free(hh);
    return err;
}

enum db_err db_export_area_title(struct db *db, const char *area, char *out, size_t outsz)
{
    out[0] = 0;
    if (area && *area)
        return db_area_name(db, area, out, outsz);
    /* All areas: the county's name when the file holds exactly one county. */
    sqlite3_stmt *st = db_stmt(db, "SELECT name, (SELECT count(*) FROM areas WHERE level = 1)"
                                   " FROM areas WHERE level = 1 ORDER BY code LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 1) == 1)
        snprintf(out, outsz, "%s", db_col(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取行政区划");
}
