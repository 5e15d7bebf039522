/* member_history.h — a registered household's history (issue 11 items 2
 * and 4): members joining and leaving as events, changes of its identifying
 * and eligibility facts with their reasons, and the roster of a past year.
 *
 * Writes happen inside db_household_save's transaction (it calls
 * db_history_record); the reads serve the household's F7 history, the
 * rosters of a year and the tests. */
#ifndef FUPIN_MEMBER_HISTORY_H
#define FUPIN_MEMBER_HISTORY_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

enum { MEMBER_JOINED = 1, MEMBER_LEFT = 2 };    /* member_events.kind */

/* SQL condition: member row `m` (an alias of members) belonged to its
 * household at some time during year `y` (an SQL expression, e.g. "?3"):
 *   - it did not join after the year (no 入户 event dated after y-12-31);
 *   - it is still a member, or it left (a 离户 event) on or after y-01-01.
 * A row soft-deleted without a 离户 event was a correction (keyed wrongly,
 * or removed before events existed) and belongs to no year.  For one
 * household use db_members_in_year; a roster export over many households
 * puts this in its WHERE clause, e.g.
 *   "... FROM members m WHERE m.household_id = h.id AND " DB_MEMBER_IN_YEAR("m", "?2")
 * (indexed: member_events(member_id, kind, date)). */
#define DB_MEMBER_IN_YEAR(m, y) \
    "(NOT EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = " m ".id AND e.kind = 1 " \
    "AND e.date > (" y ") || '-12-31') AND (" m ".deleted = 0 AND NOT EXISTS (SELECT 1 " \
    "FROM member_events e WHERE e.member_id = " m ".id AND e.kind = 2 AND e.date < (" y ") || '-01-01') " \
    "OR EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = " m ".id AND e.kind = 2 " \
    "AND e.date >= (" y ") || '-01-01')))"

/* One member of a year's roster, with the change that year if any. */
struct year_member {
    struct member m;
    int  left;                          /* left the household: 1 */
    int  left_reason;                   /* CL_MEMBER_OUT */
    char left_date[DATE_LEN + 1];
    int  join_reason;                   /* CL_MEMBER_IN, 0 when no event */
    char join_date[DATE_LEN + 1];
};

/* Members of household hh_id during `year` (DB_MEMBER_IN_YEAR), in roster
 * order (the 户主 first, as stored), at most max; *n = count. */
enum db_err db_members_in_year(struct db *db, int64_t hh_id, int year,
                               struct year_member *out, size_t max, size_t *n);

struct member_event_row {
    int  kind;                          /* MEMBER_JOINED / MEMBER_LEFT */
    int  reason;                        /* CL_MEMBER_IN / CL_MEMBER_OUT code */
    char date[DATE_LEN + 1];
    char name[TEXT_BYTES(NAME_CHARS)];
    char id_no[ID_NO_LEN + 1];
    char op[TEXT_BYTES(NAME_CHARS)];
    char note[TEXT_BYTES(100)];
    char at[20];
};
/* The household's member events, by date then recording order. */
enum db_err db_member_events(struct db *db, int64_t hh_id, struct member_event_row *rows,
                             size_t max, size_t *n);

struct hh_change_row {
    char date[DATE_LEN + 1];
    char op[TEXT_BYTES(NAME_CHARS)];
    char reason[TEXT_BYTES(100)];
    char changes[4096];                 /* "1. …\n2. …\n" as listed to the clerk */
    char at[20];
};
/* The household's recorded changes with their reasons, oldest first. */
enum db_err db_hh_changes(struct db *db, int64_t hh_id, struct hh_change_row *rows,
                          size_t max, size_t *n);

/* Inside db_household_save's transaction, after the rows are written:
 * stores the events and the change record of one save.  `old` is the
 * household as stored before (its state decides), `hh` as saved (new rows
 * have their ids), joined[i] is 1 for members[i] that were new rows.
 * - a stored member gone from hh leaves: with the reason and date of its
 *   hh->left entry, else (on the register) as 其他, today, noting
 *   hh->change_reason; during identification without an entry it was a
 *   correction and leaves no event;
 * - a new row joins likewise (its join_reason/join_date);
 * - on the register, `changes` (facts_describe text, "" = none) is stored
 *   with hh->change_reason.
 * A reason code outside its list or a date facts_event_date_error refuses
 * is DB_ERR_INVALID with a message naming the member. */
enum db_err db_history_record(struct db *db, const struct household *old, const struct household *hh,
                              const unsigned char joined[HH_MAX_MEMBERS], const char *changes);

#endif
