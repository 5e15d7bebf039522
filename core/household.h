/* household.h — the domain record of one household: members, the year's
 * application and survey (conditions, income, screening aids).
 *
 * Fixed-size buffers keep ownership trivial: a struct household is a plain value
 * that can be copied, zeroed and drafted without a free().  Text is UTF-8;
 * TEXT_BYTES(n) holds n characters of up to 4 bytes each.  Money is in fen
 * (1/100 元), land and floor areas in 1/100 亩 / 1/100 ㎡, distances in 1/100 km,
 * so no floating point touches money.  Code fields hold a code of core/codes.h
 * (0 = not filled).  Yes/no fields hold 0 or 1. */
#ifndef FUPIN_HOUSEHOLD_H
#define FUPIN_HOUSEHOLD_H
#include <stdint.h>

#define TEXT_BYTES(chars) ((chars) * 4 + 1)
#define NAME_CHARS     30     /* 姓名: minority names with · run long */
#define HH_MAX_MEMBERS 30
#define ID_NO_LEN      18
#define DATE_LEN       10     /* YYYY-MM-DD */
#define AREA_CODE_LEN  12     /* village 统计用区划代码 */
#define HH_NO_LEN      16     /* 户编号 = village code + 4-digit sequence */
#define N_FIVE_PRIORITY 5     /* 五优先 */
#define N_SEVEN_EXCL    7     /* 七不进 */

typedef int64_t money_t;      /* fen */

struct member {
    int64_t id;                         /* row id; 0 while new */
    char name[TEXT_BYTES(NAME_CHARS)];  /* 姓名 */
    int  sex;                           /* 性别 CL_SEX, derived from id_no */
    char id_no[ID_NO_LEN + 1];          /* 身份证号, normalised (X upper-case) */
    char birth[DATE_LEN + 1];           /* derived from id_no */
    int  relation;                      /* 与户主关系 CL_RELATION */
    int  ethnic;                        /* 民族 CL_ETHNIC */
    int  political;                     /* 政治面貌 CL_POLITICAL */
    int  education;                     /* 文化程度 CL_EDUCATION */
    int  schooling;                     /* 在校生状况 CL_SCHOOLING */
    int  health;                        /* 健康状况 CL_HEALTH */
    int  skill;                         /* 劳动技能 CL_SKILL */
    int  work;                          /* 务工状况 CL_WORK */
    int  work_months;                   /* 务工时间(月) 0..12 */
    int  med_ins;                       /* 参加城乡居民基本医疗保险 */
    int  serious_ins;                   /* 参加大病保险 */
    int  pension_ins;                   /* 参加城乡居民基本养老保险 */
    int  soldier;                       /* 是否现役军人 */
    char disability_no[TEXT_BYTES(22)]; /* 残疾证号 (if 残疾) */
    /* A new row joining a registered household (issue 11 item 2): why and
     * when, asked at Ins; db_household_save stores it as an event and
     * clears it.  0 / "" when not said. */
    int  join_reason;                   /* CL_MEMBER_IN */
    char join_date[DATE_LEN + 1];
};

/* A stored member leaving the household (Del on the roster): kept with the
 * record until the save stores it as an event. */
struct member_leave {
    int64_t member_id;                  /* the stored row */
    int  reason;                        /* CL_MEMBER_OUT */
    char date[DATE_LEN + 1];
};

/* Form A — 农村扶贫对象家庭申请书.  户主姓名/身份证号 are members[0]. */
struct application {
    int64_t id;
    int  year;                          /* 申请年度 */
    int  main_cause;                    /* 主要致贫原因 CL_CAUSE */
    int  other_cause1, other_cause2;    /* 其他致贫原因 (up to 2) */
    char reason[TEXT_BYTES(100)];       /* 说明 */
    char apply_date[DATE_LEN + 1];      /* 申请日期 */
    char accepted_by[TEXT_BYTES(NAME_CHARS)];   /* 受理人 */
    char accept_date[DATE_LEN + 1];     /* 受理日期 */
    int  signed_by_applicant;           /* 申请人已签字 */
};

/* Form B — 入户调查表, one per household per year. */
struct survey {
    int64_t id;
    int  year;
    /* page 1 家庭基本情况 */
    int  standard;                      /* 识别标准 CL_STANDARD */
    int  hh_type;                       /* 贫困户属性 CL_HH_TYPE */
    int  main_cause;                    /* 主要致贫原因 CL_CAUSE */
    int  other_cause1, other_cause2;
    int  military_family;               /* 是否军烈属 */
    int  only_child;                    /* 是否独生子女户 */
    int  two_daughters;                 /* 是否双女户 */
    char bank[TEXT_BYTES(30)];          /* 开户银行 */
    char bank_account[TEXT_BYTES(8)];   /* 银行账号: digits, up to 32 */
    /* page 3 生产生活条件 */
    int64_t arable_area;                /* 耕地面积 (1/100 亩) */
    int64_t irrigated_area;             /* 有效灌溉面积 */
    int64_t forest_area;                /* 林地面积 */
    int64_t returned_forest_area;       /* 退耕还林面积 */
    int64_t orchard_area;               /* 林果面积 */
    int64_t pasture_area;               /* 牧草地面积 */
    int64_t water_area;                 /* 水面面积 */
    int  power_production;              /* 通生产用电 */
    int  power_living;                  /* 通生活用电 */
    int  water_safe;                    /* 饮水安全 */
    int  water_hard;                    /* 饮水困难 */
    int64_t road_distance;              /* 与村主干路距离 (1/100 公里) */
    int  road_type;                     /* 入户路类型 CL_ROAD */
    int64_t house_area;                 /* 住房面积 (1/100 ㎡) */
    int  dangerous_house;               /* 住房是否危房 */
    int  danger_grade;                  /* 危房等级 CL_DANGER */
    int  fuel;                          /* 主要燃料类型 CL_FUEL */
    int  toilet;                        /* 有无卫生厕所 */
    int  cooperative;                   /* 加入农民专业合作社 */
    /* page 4 收入 (fen) */
    money_t wage_income;                /* 工资性收入 */
    money_t business_income;            /* 生产经营性收入 */
    money_t property_income;            /* 财产性收入 */
    money_t family_planning;            /* 计划生育金 */
    money_t dibao;                      /* 低保金 */
    money_t tekun;                      /* 特困供养金 */
    money_t pension;                    /* 养老保险金 */
    money_t eco_comp;                   /* 生态补偿金 */
    money_t other_transfer;             /* 其他转移性收入 */
    money_t business_cost;              /* 生产经营性支出 */
    /* 年人均纯收入 as declared, without the parts (a county sheet imported
     * with 年人均纯收入 only); may be negative.  Counts only while every part
     * above is 0: see income_per_capita. */
    money_t declared_per_capita;
    /* page 5 核查 */
    char look_house[TEXT_BYTES(40)];    /* 四看: 一看房 */
    char look_grain[TEXT_BYTES(40)];    /* 二看粮 */
    char look_labour[TEXT_BYTES(40)];   /* 三看劳力强不强 */
    char look_student[TEXT_BYTES(40)];  /* 四看家中有没有读书郎 */
    int  priority[N_FIVE_PRIORITY];     /* 五优先 flags */
    int  exclusion[N_SEVEN_EXCL];       /* 七不进 checkboxes */
    char exclusion_override[TEXT_BYTES(100)]; /* supervisor's written reason */
    char surveyor1[TEXT_BYTES(NAME_CHARS)];   /* 调查人员 */
    char surveyor2[TEXT_BYTES(NAME_CHARS)];
    char survey_date[DATE_LEN + 1];     /* 调查日期 */
    int  signed_household;              /* 农户签字 */
    int  signed_cadre;                  /* 村干部签字 */
    int  signed_surveyor;               /* 调查人签字 */
};

struct household {
    int64_t id;                         /* row id; 0 while new */
    char hh_no[HH_NO_LEN + 1];          /* 户编号, empty until registered */
    char village[AREA_CODE_LEN + 1];    /* 村 area code */
    char group_name[TEXT_BYTES(20)];    /* 村民小组 */
    char phone[21];                     /* 联系电话 */
    int  state;                         /* enum wf_state of core/workflow.h */
    int  n_members;
    struct member members[HH_MAX_MEMBERS];  /* members[0] is the 户主 */
    struct application app;
    struct survey survey;
    /* Said with the next save and cleared by it (db_household_save): why a
     * registered or exited household's identifying or eligibility facts
     * change (forms/facts.h), and the members who left. */
    char change_reason[TEXT_BYTES(100)];
    /* A new household only: the day its first state holds from when that is
     * not today — an imported 已脱贫 household's 脱贫年度 (db/import.c);
     * "" = the day it is saved. */
    char state_since[DATE_LEN + 1];
    int  n_left;
    struct member_leave left[HH_MAX_MEMBERS];
};

#endif
