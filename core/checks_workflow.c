/* checks_workflow.c — the checks of the identification and exit workflow:
 * notices (Form D), 乡镇回访核查, the state history and state moves (SPEC
 * §3.1).  Entries of the one table of core/checks.c. */
#include "core/checks_priv.h"
#include "core/clock.h"

#define NF(subject) ((const struct notice_facts *)(subject))
#define VF(subject) ((const struct advance_facts *)(subject))

/* ---- notices (Form D) ---- */

static int configured_days(const struct check_ctx *ctx, const struct notice_facts *nf)
{
    return nf->configured_days > 0 ? nf->configured_days : ctx->notice_days;
}

void ck_notice_short(struct check_run *r, const void *s)
{
    int need = configured_days(r->ctx, NF(s));
    if (NF(s)->days < need)
        checks_emit(r, -1, "days", M_NOTICE_SHORT, NF(s)->days, need);
}

void ck_notice_start(struct check_run *r, const void *s)
{
    if (checks_day_number(NF(s)->start) < 0)
        checks_emit(r, -1, "start_date", M_NOTICE_START, NF(s)->start,
                    NF(s)->start[0] ? "不是有效日期" : "未填写");
}

void ck_notice_end(struct check_run *r, const void *s)
{
    char want[11];
    if (!NF(s)->end[0] || !wf_notice_end(NF(s)->start, NF(s)->days, want))
        return;
    long e = checks_day_number(NF(s)->end);
    if (e != checks_day_number(want))
        checks_emit(r, -1, "end_date", M_NOTICE_END, NF(s)->end, NF(s)->start, NF(s)->days, want);
}

/* base + delta days, "" when base is not a date. */
static void day_text(const char *base, int delta, char out[11])
{
    if (!date_add_days(base, delta, out))
        out[0] = '\0';
}

void ck_notice_meeting(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = checks_day_number(nf->start), m = checks_day_number(nf->meeting_date);
    if (st >= 0 && m >= 0 && st < m)
        checks_emit(r, -1, "start_date", M_NOTICE_MEETING, nf->start, nf->meeting_date,
                    nf->meeting_date);
}

void ck_notice_overlap(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = checks_day_number(nf->start), p = checks_day_number(nf->prev_end);
    if (nf->round < 2 || st < 0 || p < 0 || st > p)
        return;
    char next[11];
    day_text(nf->prev_end, 1, next);
    checks_emit(r, -1, "start_date", M_NOTICE_OVERLAP, nf->start, nf->prev_end, next);
}

void ck_notice_approval(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    long st = checks_day_number(nf->start), a = checks_day_number(nf->approval_date);
    if (nf->round == 3 && st >= 0 && a >= 0 && a > st)
        checks_emit(r, -1, "approval_date", M_NOTICE_APPROVAL, nf->approval_date, nf->start, nf->start);
}

/* Posted after the last day of its period (posting on the last day is in time). */
static int posted_late(const struct notice_facts *nf)
{
    long p = checks_day_number(nf->posted_on), e = checks_day_number(nf->end);
    return p >= 0 && e >= 0 && p > e;
}

static int has_reason(const struct notice_facts *nf)
{
    return nf->late_reason && !checks_blank(nf->late_reason);
}

void ck_notice_late(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    if (posted_late(nf) && !has_reason(nf))
        checks_emit(r, -1, "posted_on", M_NOTICE_LATE, nf->start, nf->end, nf->posted_on, nf->end);
}

void ck_notice_late_ok(struct check_run *r, const void *s)
{
    const struct notice_facts *nf = NF(s);
    if (posted_late(nf) && has_reason(nf))
        checks_emit(r, -1, "posted_on", M_NOTICE_LATE_OK, nf->start, nf->end, nf->posted_on,
                    nf->late_reason);
}

/* ---- 乡镇回访核查, state history ---- */

#define RF(subject) ((const struct recheck_facts *)(subject))

void ck_recheck_early(struct check_run *r, const void *s)
{
    long d = checks_day_number(RF(s)->date), e = checks_day_number(RF(s)->notice_end);
    if (d < 0 || e < 0 || d > e)
        return;
    char next[11];
    day_text(RF(s)->notice_end, 1, next);
    checks_emit(r, -1, "date", M_RECHECK_EARLY, RF(s)->date, RF(s)->notice_start, RF(s)->notice_end,
                next);
}

#define HF(subject) ((const struct history_facts *)(subject))

void ck_history_back(struct check_run *r, const void *s)
{
    const struct history_facts *hf = HF(s);
    long prev = -1;
    const char *prev_date = "";
    for (size_t i = 0; i < hf->n; i++) {
        const struct history_step *h = &hf->steps[i];
        long d = checks_day_number(h->date);
        if (d < 0)
            continue;
        if (prev >= 0 && d < prev)
            checks_emit(r, -1, "date", M_HISTORY_BACK, i + 1,
                        wf_state_label((enum wf_state)h->from),
                        wf_state_label((enum wf_state)h->to), h->date, prev_date, prev_date);
        else {
            prev = d;
            prev_date = h->date;
        }
    }
}

/* State moves: the workflow's own rules and wording (core/workflow.h). */
void ck_adv_allowed(struct check_run *r, const void *s)
{
    const struct advance_facts *a = VF(s);
    if (!wf_transition_find(a->from, a->to)) {
        char why[256];
        wf_can_move(a->facts, a->from, a->to, why, sizeof why);
        checks_emit(r, -1, "state", M_WF, why);
    }
}

static void adv_rule(struct check_run *r, const void *s, unsigned rule)
{
    const struct advance_facts *a = VF(s);
    const struct wf_transition *t = wf_transition_find(a->from, a->to);
    char why[256];
    if (t && (t->rules & rule) && !wf_rule_holds(rule, a->facts, why, sizeof why))
        checks_emit(r, -1, "state", M_WF, why);
}

void ck_adv_notice(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_ROUND_OVER);
}

void ck_adv_objection(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_NO_OBJECTION);
}

void ck_adv_exclusion(struct check_run *r, const void *s)
{
    adv_rule(r, s, WF_R_EXCLUSION);
}

void ck_adv_other(struct check_run *r, const void *s)
{
    const unsigned own = WF_R_ROUND_OVER | WF_R_NO_OBJECTION | WF_R_EXCLUSION;
    for (unsigned bit = 1; bit < (1u << WF_RULE_COUNT); bit <<= 1)
        if (!(bit & own))
            adv_rule(r, s, bit);
}
