/* household_store.h — saving, loading, deleting and finding households.
 *
 * A household is saved whole (household row, members in order, the year's
 * application and survey) in one transaction: a crash or a refused field
 * leaves the old record, never half of the new one. */
#ifndef FUPIN_HOUSEHOLD_STORE_H
#define FUPIN_HOUSEHOLD_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

/* Saves hh in one transaction and fills in the ids of new rows.
 * - members in array order (members[0] is the 户主); members of the stored
 *   household missing from the array are soft-deleted;
 * - the application and the survey of their own year (app.year, survey.year),
 *   each skipped when its year is 0; an existing row of that year is updated;
 * - a new household (id 0) starts in hh->state with a state_history row; an
 *   existing household keeps its stored state (moves go through
 *   db_state_change) and hh->state is refreshed from the file.
 * An ID number used by another active household is refused (DB_ERR_CONSTRAINT)
 * with a message naming that household.  On any failure nothing is written
 * and hh's ids are as they were. */
enum db_err db_household_save(struct db *db, struct household *hh);

/* Loads household `id` with the application and survey of `year`, or of the
 * latest year each when year is 0 (a missing one is zeroed, year 0).
 * DB_ERR_NOTFOUND for a deleted or unknown household. */
enum db_err db_household_load(struct db *db, int64_t id, int year, struct household *out);

/* What a scan over many households needs of one (the 防返贫监测 proposals):
 * out->id, out->state, out->n_members (the household row's count) and the
 * latest survey (zeroed, year 0, when none); nothing else of out is
 * touched, so a scan does not clear a whole struct household per row. */
enum db_err db_household_load_latest_survey(struct db *db, int64_t id, struct household *out);

/* Loads household `id` as of `year` (> 0): the survey of that year or, when
 * it has none, the latest earlier one as stored (its own year), or none; the
 * latest application.  What reports and checks of a year read. */
enum db_err db_household_load_as_of(struct db *db, int64_t id, int year, struct household *out);

/* Loads household `id` for the survey of `year` (> 0), one survey per year:
 * - that year's stored survey, *carried_from = 0;
 * - else, when an earlier year has one, a new survey of `year` started from
 *   the latest earlier one (id 0, year = `year`, 调查日期 and the three
 *   signatures empty: this year's visit gives them), *carried_from = that
 *   earlier year; saving it adds `year`'s row and leaves the earlier row as
 *   it was;
 * - else no survey (survey zeroed, year 0), *carried_from = 0.
 * The application is the latest one (as db_household_load with year 0). */
enum db_err db_household_load_survey(struct db *db, int64_t id, int year, struct household *out,
                                     int *carried_from);

/* The household's stored surveys, oldest year first (回头看 history). */
struct survey_year {
    int year;
    struct survey survey;
};
enum db_err db_survey_years(struct db *db, int64_t id, struct survey_year *rows, size_t max, size_t *n);

/* Soft delete (deleted=1, deleted_at, reason), members with it; audited. */
enum db_err db_household_delete(struct db *db, int64_t id, const char *reason);
/* Undoes a soft delete with the members deleted with it; refused when one of
 * their ID numbers is now in another active household. */
enum db_err db_household_restore(struct db *db, int64_t id);

/* Which active household (other than exclude_household_id) has a member with
 * this ID number?  DB_OK with *owner_id and the owner's head name filled, or
 * DB_ERR_NOTFOUND when none. */
enum db_err db_id_owner(struct db *db, const char *id_no, int64_t exclude_household_id,
                        int64_t *owner_id, char *owner_head_name, size_t sz);

/* A ready check_ctx.id_owner callback (core/checks.h); ud is the struct db.
 * Describes the owner as "户主 NAME (内部号 N)". */
int db_id_owner_describe(void *ud, const char *id_no, int64_t self_hh, char *other, size_t othersz);

/* Rewrites every member's ID number in its stored form (15 digits upgraded
 * to 18, x → X); numbers that do not parse are left as typed for the checks
 * to name.  db_household_save does this itself; an import calls it first to
 * compare a row with what is stored. */
void db_household_canonical_ids(struct household *hh);

/* Years that have an application or a survey, newest first (回头看 history). */
/* Ids of all active (not deleted) households in id order, in a malloc'd
 * array the caller frees. */
enum db_err db_household_ids(struct db *db, int64_t **ids, size_t *n);
enum db_err db_household_years(struct db *db, int64_t id, int *years, size_t max, size_t *n);

/* One line of the household list screen. */
struct hh_row {
    int64_t id;
    char hh_no[HH_NO_LEN + 1];
    char village[AREA_CODE_LEN + 1];
    char village_name[TEXT_BYTES(30)];
    char group_name[TEXT_BYTES(20)];
    char head_name[TEXT_BYTES(NAME_CHARS)];
    int  n_members;
    int  hh_type;       /* CL_HH_TYPE of the latest survey, 0 if none */
    int  state;         /* enum wf_state */
    /* Where the row sits in an initials search (db_household_page's keyset):
     * rank 0 = the 户主's key matched, 1 = another member's; the key. */
    int  rank;
    char key[32];
};

/* The household list, filtered by `query`:
 *   empty                  → all households;
 *   ASCII letters          → pinyin initials of any active member's name, as
 *                            a prefix, each character under any reading in
 *                            use ("zs" finds 张三, 张山峰; "zcs" and "zzs"
 *                            find 张长生); households whose 户主 matches come
 *                            first;
 *   4+ digits (X allowed)  → any member's ID number or the 户编号 containing them;
 *   anything else          → a substring of any member's name.
 * `village`: NULL/"" for all, else an area code (a township or county code
 * selects everything under it).  `state`: < 0 for all.  At most `max` rows
 * (the first page of db_household_page below); *n = count.
 * Fullwidth digits and letters (an input method in full-width mode) count as
 * ASCII. */
enum db_err db_household_search(struct db *db, const char *query, const char *village,
                                int state, struct hh_row *rows, size_t max, size_t *n);
/* The list page by page, for any number of households: the `max` rows after
 * `from` (a row of the previous page; NULL: the first page) or, `backward`,
 * the `max` rows before it (NULL: the last page), always in list order.
 * The order: all households in DB_HH_ORDER; initials as above; names and ID
 * digits in DB_HH_ORDER when every hit fits in the first page, else in entry
 * order (a page is then found without reading every hit). */
enum db_err db_household_page(struct db *db, const char *query, const char *village, int state,
                              const struct hh_row *from, int backward, struct hh_row *rows,
                              size_t max, size_t *n);
/* Recomputes the search table from the households (after a bulk import
 * done with raw SQL, or a merge). */
enum db_err db_search_rebuild(struct db *db);
/* Recomputes only the initials index (hh_initials) from the members: what a
 * schema upgrade needs when the keys change (the pinyin table, the rules of
 * pinyin_name_keys), without rewriting the name/ID search table. */
enum db_err db_search_initials_rebuild(struct db *db);
/* Recomputes, from the database, the search records of the 128 consecutive
 * household ids sharing household_id's chunk of the search table (added,
 * changed or deleted households alike): after writes done with raw SQL to a
 * few households — a merge calls it once per chunk it touched. */
enum db_err db_search_update(struct db *db, int64_t household_id);

/* One move of the workflow: updates households.state and appends a
 * state_history row (operator, date — "" = today —, reason) in one
 * transaction.  Whether the move is allowed is core/workflow.h's business. */
enum db_err db_state_change(struct db *db, int64_t household_id, int to_state,
                            const char *date, const char *reason);

struct state_row {
    int64_t id;
    int  from_state, to_state;
    char date[DATE_LEN + 1];
    char op[TEXT_BYTES(NAME_CHARS)];
    char reason[TEXT_BYTES(100)];
    char at[20];            /* YYYY-MM-DD HH:MM:SS of the recording */
};
/* The household's moves, oldest first. */
enum db_err db_state_history(struct db *db, int64_t hh_id, struct state_row *rows,
                             size_t max, size_t *n);

#endif
