/* checks_inspect.c — what an inspection (督查、暗访、考核) looks for in a poor
 * household's record (issue 16 part 3).  Entries of the one table of
 * core/checks.c; every one is a warning: a finding to explain or put right,
 * never a refusal to save what a clerk is keying.
 *
 * A 贫困户 here is a household on the register (已建档立卡), in the exit
 * workflow, or exited (脱贫不脱政策: its 低保, 医保 and 属性 still count);
 * households in identification are not yet classed and are left alone.
 * School age is 义务教育 age, 6–15 inclusive (SCHOOL_AGE_MIN/MAX), from the
 * ID number's birth date at the survey date (else today), as SCHOOL_DROPOUT. */
#include "core/checks_priv.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

enum { HH_GENERAL = 1, HH_DIBAO = 2, HH_TEKUN = 3 };    /* CL_HH_TYPE */

static int exit_under_way(int state)
{
    return state >= WF_EXIT_APPRAISED && state <= WF_EXIT_NOTICE3;
}

/* 在册, exiting or exited. */
static int poor_household(int state)
{
    return state == WF_REGISTERED || exit_under_way(state) || state == WF_EXITED;
}

/* In the exit workflow in the check year: the database says so when it is
 * asked (ctx->hh_extra), else an exit under way by the state alone. */
static int exiting(const struct check_run *r, const struct household *hh)
{
    if (r->hi->extra.known)
        return r->hi->extra.exiting && (exit_under_way(hh->state) || hh->state == WF_EXITED);
    return exit_under_way(hh->state);
}

void ck_insp_dibao(struct check_run *r, const void *s)
{
    const struct survey *sv = &HH(s)->survey;
    /* An imported 年人均纯收入 without its parts says nothing of 低保金. */
    if (!poor_household(HH(s)->state) || sv->hh_type != HH_DIBAO || income_parts_empty(sv) ||
        sv->dibao > 0)
        return;
    char v[32];
    money_format(sv->dibao, v, sizeof v);
    checks_emit(r, -1, "dibao", M_INSP_DIBAO, v);
}

/* 现役军人 are covered by the army, not 城乡居民医保. */
void ck_insp_med_ins(struct check_run *r, const void *s)
{
    if (!poor_household(HH(s)->state))
        return;
    for (int i = 0; i < r->hi->n; i++)
        if (!HH(s)->members[i].med_ins && !HH(s)->members[i].soldier)
            checks_emit(r, i, "med_ins", M_INSP_MED_INS, r->hi->m[i].who);
}

/* A D级 house is unsafe whatever was done (the survey would say so if it
 * had been rebuilt); a lesser 危房 needs a 危房改造 on file. */
void ck_insp_house(struct check_run *r, const void *s)
{
    const struct household *hh = HH(s);
    const struct survey *sv = &hh->survey;
    int on = hh->state == WF_REGISTERED || exiting(r, hh);
    if (!on || !sv->dangerous_house)
        return;
    const char *why;
    if (sv->danger_grade == DANGER_D)
        why = "D级危房须拆除重建";
    else if (r->hi->extra.known && !r->hi->extra.housing_aid)
        why = "帮扶记录卡和项目中没有 危房改造/住房保障";
    else
        return;
    const char *grade = codes_label(CL_DANGER, sv->danger_grade);
    checks_emit(r, -1, sv->danger_grade == DANGER_D ? "danger_grade" : "dangerous_house", M_INSP_HOUSE,
                hh->state == WF_REGISTERED ? "在册" : "退出", grade[0] ? grade : "未填", why);
}

/* Every member 丧失劳动力 or 无劳动力 (a member whose 劳动技能 is not
 * filled could be one: no finding). */
void ck_insp_no_labour(struct check_run *r, const void *s)
{
    if (!poor_household(HH(s)->state) || HH(s)->survey.hh_type != HH_GENERAL || r->hi->n == 0)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int sk = HH(s)->members[i].skill;
        if (sk != SK_LOST && sk != SK_NONE)
            return;
    }
    checks_emit(r, -1, "hh_type", M_INSP_NO_LABOUR, r->hi->n);
}

void ck_insp_exit_school(struct check_run *r, const void *s)
{
    if (!exiting(r, HH(s)))
        return;
    for (int i = 0; i < r->hi->n; i++) {
        int age = r->hi->m[i].age;
        if (HH(s)->members[i].schooling == SCHOOL_NONE && checks_compulsory_age(age))
            checks_emit(r, i, "schooling", M_INSP_EXIT_SCHOOL, r->hi->m[i].who, age);
    }
}

/* Able-bodied: 普通 or 技能劳动力 and of working age (SPEC §5.2). */
void ck_insp_tekun_able(struct check_run *r, const void *s)
{
    if (!poor_household(HH(s)->state) || HH(s)->survey.hh_type != HH_TEKUN)
        return;
    for (int i = 0; i < r->hi->n; i++) {
        const struct member *m = &HH(s)->members[i];
        const struct minfo *mi = &r->hi->m[i];
        int ok_id = mi->st == IDNO_OK || mi->st == IDNO_UPGRADED;
        int sex = ok_id ? mi->info.sex : m->sex;
        if ((m->skill == SK_COMMON || m->skill == SK_SKILLED) && sex && mi->birth[0] &&
            labour_is_working_age(&r->ctx->labour, sex, mi->birth, r->hi->ref_date))
            checks_emit(r, i, "skill", M_INSP_TEKUN_ABLE, mi->who, mi->age,
                        codes_label(CL_SKILL, m->skill));
    }
}

/* CS_ASSIST: a household that must have a helper (HH_NO_HELPER) has one,
 * but no card entry of theirs is dated in the check year. */
void ck_insp_no_visit(struct check_run *r, const void *s)
{
    const struct assist_facts *a = s;
    int state = a->state;
    if (!(state == WF_REGISTERED || exit_under_way(state)) || !a->has_helper || a->waived)
        return;
    int year = checks_year(r->ctx);
    char y[5];
    snprintf(y, sizeof y, "%04d", year);
    if (a->last_visit[0] && strncmp(a->last_visit, y, 4) == 0)
        return;
    char last[64];
    if (a->last_visit[0])
        snprintf(last, sizeof last, "最近一次 %s", a->last_visit);
    else
        snprintf(last, sizeof last, "帮扶记录卡 中没有该责任人的记录");
    checks_emit(r, -1, "helper", M_INSP_NO_VISIT, a->helper_name[0] ? a->helper_name : "(未填姓名)",
                year, last);
}
