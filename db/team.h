/* team.h — the 驻村工作队 store (issue 15 item 2): each village's team
 * members, the team's visit log (走访/遍访) and who signed an aid entry as
 * 工作队长.  The rules are core/team.h's, run here inside the save's
 * transaction so that a refusal reads the same from the screen, the command
 * line and the demo.  Keying any of it needs a logged-in 录入员 (or above). */
#ifndef FUPIN_DB_TEAM_H
#define FUPIN_DB_TEAM_H
#include <stddef.h>
#include <stdint.h>
#include "core/team.h"
#include "db/db.h"

#define TEAM_VISIT_MAX_HH 60    /* households on one visit entry */

/* Members of `village` (NULL/"" = every village), not deleted, in the
 * 花名册's order: village code, 队长 first, then start date, name.  Fills
 * village_name.  At most max rows; *n = how many. */
enum db_err db_team_members(struct db *db, const char *village, struct team_member *out, size_t max,
                            size_t *n);
enum db_err db_team_member_get(struct db *db, int64_t id, struct team_member *out);
/* Adds (m->id == 0, then set) or rewrites member m->id after
 * team_check_member against every member on file: DB_ERR_INVALID with the
 * rule's message (db_errfield names the field) when refused, nothing
 * written.  One transaction. */
enum db_err db_team_member_save(struct db *db, struct team_member *m);
/* Removes a member keyed by mistake (soft, audited).  Refused
 * (DB_ERR_CONSTRAINT) once a visit or an aid signature names them: their
 * 驻村结束日期 is set instead. */
enum db_err db_team_member_delete(struct db *db, int64_t id);
/* The members of village serving on date (队长 first).  *n = how many. */
enum db_err db_team_active(struct db *db, const char *village, const char *date, struct team_member *out,
                           size_t max, size_t *n);
/* The 队长 warning of a village up to today: msg gets team_gap_message's
 * text, or "" when every day has a 队长 (or there is no team). */
enum db_err db_team_leader_warning(struct db *db, const char *village, const char *today, char *msg,
                                   size_t msgsz);

/* `fupin check` and 数据维护's check over every village's team (core/checks.c
 * CS_TEAM: days without a 队长, two 第一书记 on a day) against cc->today;
 * fn gets each finding (household 0, subject "<村>驻村工作队"); *warnings
 * (may be NULL) how many. */
struct check_ctx;
struct check_result;
typedef void (*team_check_fn)(void *ud, int64_t household_id, const char *subject,
                              const struct check_result *res);
enum db_err db_team_check_all(struct db *db, const struct check_ctx *cc, team_check_fn fn, void *ud,
                              size_t *warnings);

/* One visit entry of the log. */
struct team_visit {
    int64_t id;
    char village[AREA_CODE_LEN + 1];
    int64_t member_id;
    char member_name[TEXT_BYTES(NAME_CHARS)];
    char date[DATE_LEN + 1];
    char notes[TEXT_BYTES(TEAM_NOTE_CHARS)];
    int64_t corrects_id;                        /* the entry this corrects, 0 = none */
    int64_t corrected_by;                       /* newest entry correcting this, 0 = none */
    int64_t households[TEAM_VISIT_MAX_HH];
    size_t n_households;
    char household_names[TEXT_BYTES(200)];      /* 户主 names, "、" between (lists) */
};
/* The village's visits, by date then entry (NULL/"" village = all). */
enum db_err db_team_visits(struct db *db, const char *village, struct team_visit *out, size_t max,
                           size_t *n);
/* Adds a visit (v->id set) after team_check_visit (who from v->member_id,
 * who must be of v->village; every household of that village), in one
 * transaction with its households.  `corrects` (0 = none) makes it a
 * correction of an earlier entry of the same village: a visit once keyed is
 * not edited, the log shows both. */
enum db_err db_team_visit_add(struct db *db, struct team_visit *v, int64_t corrects);
/* How many visits member_id made (entries in force: a corrected entry
 * counts through its correction only). */
enum db_err db_team_visit_count(struct db *db, int64_t member_id, int *n);

/* The rule behind an aid entry's 工作队长签字: the member signing serves in
 * the household's village on date.  DB_OK or DB_ERR_INVALID with
 * team_check_signer's message. */
enum db_err db_team_signer_check(struct db *db, int64_t household_id, const char *date, int64_t member_id);
/* Records aid entry aid_id as signed by team member member_id (signed_team
 * becomes 是); checked as above.  Once recorded, who signed stays. */
enum db_err db_aid_sign_team(struct db *db, int64_t aid_id, int64_t member_id);

#endif
