/* team.h — the rules of the 驻村工作队 (issue 15 item 2; seed 003 §二, seed
 * 004 §21): each village's team of cadres sent by the 挂村单位, one of them
 * 队长 (the 第一书记 is often the same person), each serving from one date
 * to another, and the team's visit log (走访/遍访).
 *
 * SQL-free: db/team.c hands the members in and stores what passes.  Every
 * message the clerk sees about a team is worded here, once.
 *
 * Dates are inclusive ("from" and "to" are both days of service); to = ""
 * means still serving. */
#ifndef FUPIN_TEAM_H
#define FUPIN_TEAM_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"

#define TEAM_UNIT_CHARS  40
#define TEAM_TITLE_CHARS 20
#define TEAM_NOTE_CHARS  200

struct team_member {
    int64_t id;                                 /* row id; 0 while new */
    char village[AREA_CODE_LEN + 1];            /* 村 area code */
    char village_name[TEXT_BYTES(30)];          /* for messages; may be "" */
    char name[TEXT_BYTES(NAME_CHARS)];          /* 姓名 */
    char id_no[ID_NO_LEN + 1];                  /* 身份证号, "" = not keyed */
    char unit[TEXT_BYTES(TEAM_UNIT_CHARS)];     /* 派出单位 */
    char title[TEXT_BYTES(TEAM_TITLE_CHARS)];   /* 职务 */
    char phone[21];                             /* 联系电话 */
    char from_date[DATE_LEN + 1];               /* 驻村起始日期 */
    char to_date[DATE_LEN + 1];                 /* 驻村结束日期, "" = 至今 */
    int  leader;                                /* 队长 */
    int  first_secretary;                       /* 第一书记 */
};

/* 1 when a and b are the same person: the same ID number when both have one,
 * else the same name and the same (non-empty) phone. */
int team_same_person(const struct team_member *a, const struct team_member *b);

/* 1 when m serves on `date` (from <= date <= to, to "" = open). */
int team_active_on(const struct team_member *m, const char *date);

/* The rules a member must pass to be saved, with `others` the members
 * already on file in every village (m itself, by id, is skipped):
 * name and 驻村起始日期 required; 身份证号 valid when keyed; to >= from; the
 * same person not serving in two villages (or twice in one) on the same day;
 * two 队长, or two 第一书记, of one village never on the same day.  Normalises m's dates and
 * ID number in place.  Returns NULL when it passes, else the message
 * (written into msg) with *field set to the key at fault ("name", "id_no",
 * "from_date", "to_date", "leader"). */
const char *team_check_member(struct team_member *m, const struct team_member *others, size_t n,
                              char *msg, size_t msgsz, const char **field);

/* The first stretch of days, between the earliest start of a village's
 * members and `today`, on which the team has no 队长 (members of that one
 * village in ms).  1 with gap_from/gap_to filled (gap_to <= today), 0 when
 * every day has one or the village has no team. */
int team_leader_gap(const struct team_member *ms, size_t n, const char *today, char gap_from[11],
                    char gap_to[11]);
/* The warning for a gap, e.g. "驻村工作队 2024-01-01 至 2024-02-29 没有队长"
 * (the check TEAM_NO_LEADER of core/checks.c words it the same). */
#define TEAM_GAP_FMT "驻村工作队 %s 至 %s 没有队长"
void team_gap_message(const char *gap_from, const char *gap_to, char *out, size_t outsz);
/* Two 第一书记 of one village serving on a same day (members of that one
 * village in ms, as an older file or an import may hold them): 1 with the
 * first such day and the two (indexes into ms), else 0. */
int team_secretaries_overlap(const struct team_member *ms, size_t n, char day[11], size_t *a, size_t *b);

/* A visit (走访/遍访) as keyed: the rules of the visit log.  who: the
 * members of the village (is_active tells whether the chosen one serves
 * that day: team_active_on); households: how many were picked. */
struct team_visit_facts {
    char date[DATE_LEN + 1];
    const char *today;
    const struct team_member *who;              /* NULL = nobody chosen */
    size_t n_households;
};
/* NULL when the visit can be saved, else the message (in msg) and *field
 * ("date", "who", "households"): a real date not after today, a member
 * serving on that date, at least one household. */
const char *team_check_visit(struct team_visit_facts *v, char *msg, size_t msgsz, const char **field);

/* The 工作队长签字 of an aid entry: who signs must serve in the household's
 * village on the entry's date.  NULL when m may sign, else the message. */
const char *team_check_signer(const struct team_member *m, const char *entry_date, char *msg,
                              size_t msgsz);

/* "队长" / "第一书记" / "队长、第一书记" / "队员": the role column of lists and
 * the 花名册. */
const char *team_role_label(const struct team_member *m);

#endif
