/* codes.h — the code lists of SPEC §4 and §3, defined once (core/codes.c).
 * Stored as codes, shown as labels.  Codes are 1..n in list order; 0 = unset.
 * Screens, checks, exports and imports all go through these functions. */
#ifndef FUPIN_CODES_H
#define FUPIN_CODES_H
#include <stddef.h>

enum codelist {
    CL_NONE = 0,
    CL_SEX,          /* 性别 */
    CL_RELATION,     /* 与户主关系 */
    CL_ETHNIC,       /* 民族: 56 nationalities + 其他 + 外国血统 */
    CL_POLITICAL,    /* 政治面貌 */
    CL_EDUCATION,    /* 文化程度 */
    CL_SCHOOLING,    /* 在校生状况 */
    CL_HEALTH,       /* 健康状况 */
    CL_SKILL,        /* 劳动技能 */
    CL_WORK,         /* 务工状况 */
    CL_HH_TYPE,      /* 贫困户属性 */
    CL_STANDARD,     /* 识别标准 */
    CL_CAUSE,        /* 致贫原因 */
    CL_ROAD,         /* 入户路类型 */
    CL_FUEL,         /* 主要燃料类型 */
    CL_DANGER,       /* 危房等级: A级 B级 C级 D级 */
    CL_MEASURE,      /* 帮扶措施类别 (SPEC §3.2) */
    CL_EXIT_ROUTE,   /* 脱贫途径 */
    CL_PARTNER,      /* 合作方类型: 自然人 法人 其他组织 村委会 */
    CL_PROJECT,      /* 项目类型: 一户一增收 住房建设补助 */
    CL_NOTICE_KIND,  /* 公示类型: 识别 退出 调整 项目 */
    CL_PRIORITY,     /* 五优先 flags, in survey.priority[] order */
    CL_EXCLUSION,    /* 七不进, in survey.exclusion[] order */
    CL_MEMBER_OUT,   /* 成员减少原因: 死亡 婚出 分户 外嫁 其他 (issue 11) */
    CL_MEMBER_IN,    /* 成员增加原因: 新生 婚入 其他 */
    CL_MONITOR_KIND, /* 监测对象类别: 脱贫不稳定户 边缘易致贫户 突发严重困难户 (issue 15) */
    CL_RISK,         /* 风险类型 of a monitored household and of a 突发事件 */
    CL_JOB_KIND,     /* 就业/培训 类别: 技能培训 务工就业 公益性岗位 (issue 16) */
    CL_RELOC_MODE,   /* 易地搬迁 安置方式: 集中 (县城 集镇 中心村 产业园区), 分散 (插花 投亲靠友 其他) */
    CL_COUNT
};

/* Well-known codes that rules refer to by name (values are list positions). */
enum { SEX_MALE = 1, SEX_FEMALE = 2 };
enum { REL_HEAD = 1, REL_SPOUSE = 2, REL_SON = 3, REL_DAUGHTER = 4, REL_PARENT = 11,
       REL_GRANDPARENT = 12 };
enum { HEALTH_OK = 1, HEALTH_CHRONIC = 2, HEALTH_SERIOUS = 3, HEALTH_DISABLED = 4 };
enum { SCHOOL_NONE = 1, SCHOOL_PRE = 2, SCHOOL_PRIMARY = 3, SCHOOL_JUNIOR = 4 };
enum { CAUSE_ILLNESS = 1, CAUSE_DISABILITY = 2, CAUSE_SCHOOLING = 3, CAUSE_OTHER = 12 };
enum { STD_NATIONAL = 1, STD_PROVINCIAL = 2, STD_CITY = 3 };
enum { DANGER_C = 3, DANGER_D = 4 };
enum { PARTNER_VILLAGE = 4 };
enum { PROJECT_INCOME = 1, PROJECT_HOUSING = 2 };
/* The last entry of both member-change lists: what a change nobody
 * explained (an import, a recovered draft) is recorded as. */
enum { MEMBER_OUT_OTHER = 5, MEMBER_IN_OTHER = 3 };
/* 防返贫监测 (core/monitor.h): the proposal rules name these. */
enum { MON_UNSTABLE = 1, MON_EDGE = 2, MON_SUDDEN = 3 };
enum { RISK_ILLNESS = 1, RISK_DISABILITY = 2, RISK_DISASTER = 3, RISK_SCHOOLING = 4,
       RISK_ACCIDENT = 5, RISK_INCOME = 6, RISK_OTHER = 7 };

struct code {
    int code;
    const char *label;
};

/* The whole list, in order; *n gets its length.  NULL for CL_NONE. */
const struct code *codes_list(enum codelist list, size_t *n);
/* Short name of the list, e.g. "致贫原因". */
const char *codes_list_name(enum codelist list);
/* Label of a code, or "" when the code is 0 or not in the list. */
const char *codes_label(enum codelist list, int code);
/* Code whose label is exactly `label`, or 0. */
int codes_by_label(enum codelist list, const char *label);
/* Everyday pinyin initials of a code's label, as clerks say the word
 * (lower-case ASCII: "yb" for 因病, "cqmxb" for 长期慢性病, "zz" for 藏族). */
const char *codes_initials(enum codelist list, int code);
/* The shortest start of codes_initials that picks the code alone ("cq" for
 * 长期慢性病), or all of them when none does ("hz": 汉族 and 回族 alike).
 * What F1 shows.  Valid until the next call. */
const char *codes_shortcut(enum codelist list, int code);
/* Picks a code from what a clerk typed: a code number ("3"), an exact label,
 * a unique part of a label ("慢性病"), or pinyin initials ("yb" → 因病),
 * each character under any of its readings in use.  Returns the code when
 * exactly one entry matches, 0 when none, and -1 when several match (the
 * screen then opens the list filtered by `typed`; never a guess). */
int codes_pick(enum codelist list, const char *typed);
/* Does the entry match what was typed into a pick list's filter: initials
 * as a prefix under any reading, or Chinese as a part of the label? */
int codes_matches(enum codelist list, int code, const char *typed);

#endif
