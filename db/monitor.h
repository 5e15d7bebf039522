/* monitor.h — 防返贫监测 in the store (rules: core/monitor.h): records,
 * proposals computed from the data, their acceptance and dismissal, the
 * 突发事件 they come from, the check for `fupin check` and the list the
 * screen and the 监测对象名单 export share.
 *
 * Roles: keying a record or an event needs a logged-in 录入员; accepting or
 * dismissing a proposal and 风险消除 need a 审核员. */
#ifndef FUPIN_DB_MONITOR_H
#define FUPIN_DB_MONITOR_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/monitor.h"
#include "db/db.h"

/* The settings the rules read (db/settings.h keys, defaults of core/monitor.h). */
struct monitor_settings {
    int margin_pct;             /* SET_MONITOR_MARGIN_PCT */
    money_t event_loss_min;     /* SET_MONITOR_EVENT_LOSS (fen) */
    int stale_months;           /* SET_MONITOR_STALE_MONTHS */
};
void db_monitor_settings(struct db *db, struct monitor_settings *out);
/* Sets them (管理员): margin 100–300 %, loss ≥ 0, months 1–24; refused
 * whole, naming the value, otherwise. */
enum db_err db_monitor_set_settings(struct db *db, const struct monitor_settings *ms);

/* Saves a record keyed by a 录入员: new when r->id is 0, else an open one
 * corrected (a closed record is refused).  Refused with the rule's message
 * (monitor_record_error, field named) and, for a second open record of the
 * household, a message naming the open one. */
enum db_err db_monitor_save(struct db *db, struct monitor_record *r);
enum db_err db_monitor_get(struct db *db, int64_t id, struct monitor_record *out);
/* The household's open record; DB_ERR_NOTFOUND when none. */
enum db_err db_monitor_open_of(struct db *db, int64_t household_id, struct monitor_record *out);
/* 风险消除 (审核员): date and reason (monitor_clear_error). */
enum db_err db_monitor_clear(struct db *db, int64_t id, const char *date, const char *reason);

/* The proposals still waiting for the household (decided causes dropped;
 * none while it has an open record), at most max; *n = count. */
enum db_err db_monitor_proposals_of(struct db *db, int64_t household_id,
                                    struct monitor_proposal *out, size_t max, size_t *n);
/* Accepts the household's waiting proposal `cause` (审核员): a record of its
 * category and risk, identified today, cause kept; *id (may be NULL) gets
 * it.  Refused when the proposal no longer stands or an open record exists. */
enum db_err db_monitor_accept(struct db *db, int64_t household_id, const char *cause, int64_t *id);
/* Dismisses it (审核员) with a reason: remembered, not proposed again. */
enum db_err db_monitor_dismiss(struct db *db, int64_t household_id, const char *cause,
                               const char *reason);

/* 突发事件 (录入员): a real day not after today, a type of CL_RISK, a loss
 * ≥ 0.  ev->id gets the row. */
enum db_err db_event_add(struct db *db, struct monitor_event *ev);
enum db_err db_events_of(struct db *db, int64_t household_id, struct monitor_event *out,
                         size_t max, size_t *n);

/* One line of the 监测 list: a proposal (is_proposal) or a record. */
struct monitor_row {
    int is_proposal;
    int64_t household_id;
    char village_code[AREA_CODE_LEN + 1];
    char village_name[TEXT_BYTES(30)];
    char group_name[TEXT_BYTES(20)];
    char hh_no[HH_NO_LEN + 1];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    char head_id[ID_NO_LEN + 1];
    int  n_members;
    int  state;                         /* enum wf_state */
    struct monitor_proposal prop;       /* when is_proposal */
    struct monitor_record rec;          /* otherwise */
};
enum { MON_LIST_PROPOSED = 1, MON_LIST_OPEN = 2, MON_LIST_CLOSED = 4, MON_LIST_ALL = 7 };
/* The rows of `area` (a village, township or county code; NULL/"" = all)
 * whose status is in `mask`, households in DB_HH_ORDER, each household's
 * proposals then records (newest first); fn gets each row, non-zero stops. */
enum db_err db_monitor_list(struct db *db, const char *area, int mask,
                            int (*fn)(void *ud, const struct monitor_row *row), void *ud);

/* MON_NO_MEASURE over every open record (the months: the file's setting,
 * else cc->monitor_stale_months); fn(ud, household_id, subject, result) per warning. */
typedef void (*monitor_check_fn)(void *ud, int64_t household_id, const char *subject,
                                 const struct check_result *r);
enum db_err db_monitor_check_all(struct db *db, const struct check_ctx *cc, monitor_check_fn fn,
                                 void *ud, size_t *warnings);

#endif
