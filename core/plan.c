/* plan.c — 帮扶规划 rules (plan.h). */
#include "core/plan.h"
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/workflow.h"

enum plan_status plan_item_status(money_t target_amount, int entries, money_t amount_so_far)
{
    if (entries <= 0)
        return PLAN_NOT_STARTED;
    if (target_amount > 0 && amount_so_far < target_amount)
        return PLAN_UNDER_WAY;
    return PLAN_DONE;
}

const char *plan_status_label(enum plan_status s)
{
    switch (s) {
    case PLAN_NOT_STARTED: return "未开始";
    case PLAN_UNDER_WAY: return "进行中";
    case PLAN_DONE: return "已完成";
    }
    return "";
}

int plan_mmdd_valid(const char *mmdd)
{
    if (!mmdd || strlen(mmdd) != 5 || mmdd[2] != '-')
        return 0;
    char d[11];
    /* 2001 is not a leap year: a day valid there is valid every year. */
    snprintf(d, sizeof d, "2001-%s", mmdd);
    int y, m, dd;
    return date_parse(d, &y, &m, &dd);
}

int plan_day(int year, const char *mmdd, const char *def, char out[11])
{
    const char *use = plan_mmdd_valid(mmdd) ? mmdd : def;
    if (year < 1000 || year > 9999 || !plan_mmdd_valid(use)) {
        out[0] = '\0';
        return 0;
    }
    snprintf(out, 11, "%04d-%.5s", year, use);
    return 1;
}

uint32_t plan_register_states(void)
{
    uint32_t mask = 0;
    for (int s = 0; s < WF_STATE_COUNT; s++)
        if (strcmp(wf_roster_status((enum wf_state)s), "在册") == 0)
            mask |= 1u << s;
    return mask;
}
