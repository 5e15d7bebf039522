/* assist.h — 精准帮扶 records (SPEC §3.2): helpers (帮扶责任人), their one-to-one
 * assignments with history, the 帮扶记录卡 entries (Form E) and 放弃帮扶声明
 * (waivers).
 *
 * Rules kept here and in the schema alike: one current helper per household
 * (a reassignment closes the current assignment the day the next starts); a
 * confirmed entry (any of the three signatures) is never edited — a
 * correction is a new entry with corrects_id, and the card shows both; no new
 * entry after a waiver.  The *_checked calls run the check engine first, so
 * a refusal reads the same as everywhere else (core/checks.h). */
#ifndef FUPIN_ASSIST_H
#define FUPIN_ASSIST_H
#include <stdint.h>
#include "core/household.h"
#include "core/checks.h"
#include "db/db.h"

struct helper {
    int64_t id;
    char name[TEXT_BYTES(NAME_CHARS)];
    char unit[TEXT_BYTES(40)];      /* 帮扶单位 */
    char title[TEXT_BYTES(20)];     /* 职务 */
    char phone[21];
};
/* Adds a helper and fills h->id. */
enum db_err db_helper_add(struct db *db, struct helper *h);
/* Makes helper_id the household's helper from `from_date` ("" = today),
 * closing the current assignment on that date, in one transaction. */
enum db_err db_helper_assign(struct db *db, int64_t household_id, int64_t helper_id,
                             const char *from_date);
/* The household's current helper; DB_ERR_NOTFOUND when it has none. */
enum db_err db_helper_of(struct db *db, int64_t household_id, struct helper *out);

/* One 帮扶记录卡 entry (Form E). */
struct aid_record {
    int64_t id;
    int64_t household_id;
    int64_t helper_id;              /* 0 = not recorded */
    char date[DATE_LEN + 1];
    int  measure;                   /* CL_MEASURE */
    char content[TEXT_BYTES(100)];  /* 帮扶内容 */
    money_t money;                  /* 投入资金 (fen) */
    money_t goods_value;            /* 物资折款 (fen) */
    char outcome[TEXT_BYTES(100)];  /* 帮扶成效 */
    int  signed_household, signed_village, signed_team;
    int64_t corrects_id;            /* the entry this one corrects, 0 = none */
    int64_t team_signer_id;         /* 工作队长签字: who (db/team.h), 0 = not recorded */
};
/* Adds an entry and fills r->id.  Refused (DB_ERR_CONSTRAINT) after the
 * household's waiver, unless it corrects an earlier entry. */
enum db_err db_aid_add(struct db *db, struct aid_record *r);

/* Records a 放弃帮扶声明; *id (may be NULL) gets its row id. */
enum db_err db_waiver_add(struct db *db, int64_t household_id, const char *date,
                          const char *reason, int64_t *id);

/* ---- helpers (帮扶责任人) ---- */

/* One line of the helper registry. */
struct helper_row {
    struct helper h;
    int n_households;               /* households assigned to them now */
};
/* The first `max` helpers (not deleted), by unit, then name. */
enum db_err db_helpers(struct db *db, struct helper_row *out, size_t max, size_t *n);
/* Every helper, however many (a county has thousands): *out is allocated
 * (the caller frees it; NULL when there are none), in db_helpers' order. */
enum db_err db_helpers_all(struct db *db, struct helper_row **out, size_t *n);
/* The helper named `name` (exactly); among namesakes one who is or was
 * assigned to household_id, else the first in db_helpers' order.
 * DB_ERR_NOTFOUND when the registry has no one of that name. */
enum db_err db_helper_by_name(struct db *db, const char *name, int64_t household_id, int64_t *id);
enum db_err db_helper_get(struct db *db, int64_t id, struct helper *out);
/* Rewrites name, unit, title and phone of helper h->id (audited). */
enum db_err db_helper_update(struct db *db, const struct helper *h);

/* One assignment, with both sides' names for the screens. */
struct assignment_row {
    int64_t id, helper_id, household_id;
    char helper_name[TEXT_BYTES(NAME_CHARS)];
    char helper_unit[TEXT_BYTES(40)];
    char helper_phone[21];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    char hh_no[HH_NO_LEN + 1];
    char village_name[TEXT_BYTES(30)];
    char from_date[DATE_LEN + 1];
    char to_date[DATE_LEN + 1];     /* "" = current */
};
/* A household's helpers over time, oldest first. */
enum db_err db_assignments_of_household(struct db *db, int64_t household_id,
                                        struct assignment_row *out, size_t max, size_t *n);
/* A helper's households (current only, or with past ones), by village, head. */
enum db_err db_assignments_of_helper(struct db *db, int64_t helper_id, int current_only,
                                     struct assignment_row *out, size_t max, size_t *n);
/* db_helper_assign with the rules said in words: the same helper again, or a
 * start before the current assignment's start, is DB_ERR_INVALID. */
enum db_err db_helper_reassign(struct db *db, int64_t household_id, int64_t helper_id,
                               const char *from_date);
/* Ends the current assignment on to_date ("" = today) with no successor. */
enum db_err db_helper_end(struct db *db, int64_t household_id, const char *to_date);

/* ---- 帮扶记录卡 (Form E) ---- */

/* One card line: the entry, its helper's name, and which entry corrects it. */
struct aid_row {
    struct aid_record r;
    char helper_name[TEXT_BYTES(NAME_CHARS)];
    int64_t corrected_by;           /* the newest entry correcting this one, 0 = none */
};
/* 1 when any of the three signatures is recorded: the entry is then frozen. */
int aid_confirmed(const struct aid_record *r);
/* A household's card, by date then entry (corrections right after what
 * they correct is the screen's business). */
enum db_err db_aid_list(struct db *db, int64_t household_id, struct aid_row *out,
                        size_t max, size_t *n);
enum db_err db_aid_get(struct db *db, int64_t id, struct aid_record *out);

/* The card's rules as the check engine words them: runs checks_run_aid with
 * the household's waiver; an error refuses (DB_ERR_INVALID, message = the
 * check's), nothing written.  Then:
 *   db_aid_add_checked: a new entry (r->id set);
 *   db_aid_update_checked: rewrites an entry not yet confirmed (the schema
 *     refuses a confirmed one; this says so first);
 *   db_aid_correct: a new entry correcting `original_id` (same household),
 *     allowed after a waiver since it fixes the past. */
enum db_err db_aid_add_checked(struct db *db, const struct check_ctx *cc, struct aid_record *r);
enum db_err db_aid_update_checked(struct db *db, const struct check_ctx *cc,
                                  const struct aid_record *r);
enum db_err db_aid_correct(struct db *db, const struct check_ctx *cc, int64_t original_id,
                           struct aid_record *r);
/* Deletes an entry nobody has signed and nothing corrects (soft: the row is
 * marked deleted and the audit trail keeps it).  A signed entry is
 * DB_ERR_CONSTRAINT: it is corrected, never deleted. */
enum db_err db_aid_delete(struct db *db, int64_t id);
/* Records signatures (only adds: a signature once recorded stays). */
enum db_err db_aid_confirm(struct db *db, int64_t id, int household, int village, int team);

/* The household's waiver: DB_OK with date (and reason, may be NULL), or
 * DB_ERR_NOTFOUND. */
enum db_err db_waiver_of(struct db *db, int64_t household_id, char date[11],
                         char *reason, size_t reasonsz);

/* ---- 帮扶台账 (SPEC §6): one row per aid entry ---- */

struct ledger_row {
    struct aid_record r;
    char village_name[TEXT_BYTES(30)];
    char hh_no[HH_NO_LEN + 1];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    char helper_name[TEXT_BYTES(NAME_CHARS)];
    char helper_unit[TEXT_BYTES(40)];
    char corrects_date[DATE_LEN + 1];   /* date of the entry this corrects, "" */
    char corrected_date[DATE_LEN + 1];  /* date of the newest entry correcting this, "" */
    char team_signer[TEXT_BYTES(NAME_CHARS)];   /* 工作队长签字's name when recorded, "" */
};
/* Entries of households under `area` (NULL/"" = all) dated in `year` (0 =
 * all), households in DB_HH_ORDER (village, 村民小组 by number, 户编号), then
 * date; fn returns non-zero to stop (the call then returns DB_OK).  Read-only. */
enum db_err db_aid_ledger(struct db *db, const char *area, int year,
                          int (*fn)(void *ud, const struct ledger_row *row), void *ud);
/* How many rows db_aid_ledger would give (for the progress bar). */
enum db_err db_aid_ledger_count(struct db *db, const char *area, int year, int64_t *n);

/* ---- the checks of a household's assistance over the whole file ---- */

/* Called per finding: household (0 for none), a short subject text ("户主 张三"
 * or "项目 12"), and the result. */
typedef void (*assist_check_fn)(void *ud, int64_t household_id, const char *subject,
                                const struct check_result *res);
/* Runs CS_ASSIST (helper, unsigned entries) for every active household and
 * CS_PROJECT (order, overdue verification) for every project; `fupin check`
 * and the screens report through fn.  *errors / *warnings get the counts
 * (either may be NULL). */
enum db_err db_assist_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn,
                                void *ud, size_t *errors, size_t *warnings);

/* check_ctx.hh_extra for this database (ud = struct db *): whether the
 * household is in the exit workflow in `year` and has a 危房改造/住房保障
 * card entry or 住房建设补助 project up to then.  0 when the query fails. */
int db_hh_extra(void *ud, const struct household *hh, int year, struct hh_extra *out);

/* The check context's assistance settings (caps, shares, days) from the file. */
void db_assist_check_ctx(struct db *db, struct check_ctx *cc);

#endif
