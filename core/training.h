/* training.h — the 就业/培训 register (issue 16 part 2): one record per
 * course or job of a household member.  The rules are checks (core/checks.h
 * CS_TRAINING: 类别, 日期 from ≤ to, 收入). */
#ifndef FUPIN_TRAINING_H
#define FUPIN_TRAINING_H
#include <stdint.h>
#include "core/household.h"
#include "core/income.h"

enum { JOB_TRAINING = 1, JOB_WORK = 2, JOB_PUBLIC = 3 };   /* CL_JOB_KIND */
#define TRAINING_MAX_INCOME 100000000      /* 100万元 (fen): more is a typing slip */

struct training {
    int64_t id;
    int64_t household_id;
    int     member;                     /* 成员序号 on the roster, 1 = 户主 */
    int     kind;                       /* CL_JOB_KIND */
    char    content[TEXT_BYTES(40)];    /* 培训课程 / 工作岗位 */
    char    place[TEXT_BYTES(40)];      /* 培训机构或地点 / 务工地点 */
    char    start[DATE_LEN + 1];        /* 开始日期 */
    char    finish[DATE_LEN + 1];       /* 结束日期, "" = ongoing */
    money_t income;                     /* 收入 (fen): 务工 or 岗位 earnings in the period */
    char    note[TEXT_BYTES(40)];
    /* loaded, not stored */
    int64_t member_id;
    char    member_name[TEXT_BYTES(NAME_CHARS)];
};

#endif
