/* checks_priv.h — what the check engine's own files share (core/checks.c,
 * core/checks_inspect.c): the state of one run, the household's analysis
 * and the emitter.  Not for callers: they use core/checks.h. */
#ifndef FUPIN_CHECKS_PRIV_H
#define FUPIN_CHECKS_PRIV_H
#include "core/checks.h"
#include "core/idno.h"

/* Compulsory education (义务教育): nine years from age 6 — ages 6 to 15
 * inclusive, at the household's reference date. */
enum { SCHOOL_AGE_MIN = 6, SCHOOL_AGE_MAX = 15 };

struct minfo {
    enum idno_status st;
    struct idno_info info;      /* valid when st is IDNO_OK / IDNO_UPGRADED */
    char birth[11];             /* from the ID, else member.birth; "" unknown */
    int  age;                   /* at the reference date; -1 unknown */
    char who[160];              /* "第2名成员「李四」" */
};

struct hhinfo {
    int  n;                     /* members, clamped to 0..HH_MAX_MEMBERS */
    char ref_date[11];          /* survey date, else today */
    int  heads;                 /* members with relation 户主 */
    int  head;                  /* index of the only head, else -1 */
    struct minfo m[HH_MAX_MEMBERS];
    /* From ctx->hh_extra (core/checks.h); extra.known = 0 without it. */
    struct hh_extra extra;
};

struct check_run {
    const struct check_ctx *ctx;
    const struct check_def *def;
    const struct hhinfo *hi;    /* household runs only */
    struct check_result *out;
    size_t max, n;
};

/* Stores one result of the running check (dropped when out is full). */
void checks_emit(struct check_run *r, int member, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Messages of the inspection checks: the table's text and the format its
 * function prints with. */
#define M_INSP_DIBAO      "贫困户属性 为 低保贫困户, 但 低保金 为 %s 元: 低保贫困户应有低保金收入, 请核对贫困户属性或补录低保金"
#define M_INSP_MED_INS    "%s 未参加城乡居民基本医疗保险: 贫困人口应全部参保 (基本医疗有保障), 请核对"
#define M_INSP_HOUSE      "%s户 住房是否危房 为 是 (危房等级 %s): %s, 住房安全有保障 未落实"
#define M_INSP_NO_LABOUR  "家庭成员 %d 人均为 丧失劳动力 或 无劳动力, 贫困户属性 却为 一般贫困户: 请核对是否应纳入 低保 或 特困供养 (兜底保障)"
#define M_INSP_EXIT_SCHOOL "%s 现年 %d 岁, 属义务教育年龄 (6–15 岁), 在校生状况 为 非在校生: 退出户须 义务教育有保障 (控辍保学), 请核对"
#define M_INSP_TEKUN_ABLE "贫困户属性 为 特困供养贫困户, 但 %s 现年 %d 岁, 劳动技能 为 %s: 特困供养对象应无劳动能力, 请核对"
#define M_INSP_NO_VISIT   "帮扶责任人 %s %d年 尚无走访记录 (%s)"

/* The inspection checks (issue 16 part 3, core/checks_inspect.c), CS_HOUSEHOLD. */
void ck_insp_dibao(struct check_run *r, const void *s);
void ck_insp_med_ins(struct check_run *r, const void *s);
void ck_insp_house(struct check_run *r, const void *s);
void ck_insp_no_labour(struct check_run *r, const void *s);
void ck_insp_exit_school(struct check_run *r, const void *s);
void ck_insp_tekun_able(struct check_run *r, const void *s);
/* CS_ASSIST */
void ck_insp_no_visit(struct check_run *r, const void *s);

#endif
