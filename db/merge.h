/* merge.h — `fupin merge --db TARGET.db SOURCE.db...` (SPEC §7.2): village
 * files into a township file, township files into a county file.
 *
 * Per source file, in ONE transaction of the target (the source is only read):
 *  - areas the target lacks are added (a same code with another name is a
 *    conflict, reported; the target's name stays); 村民小组 likewise;
 *  - helpers (帮扶责任人) are matched by name + unit + phone, else added;
 *    meetings (评议会) by village, kind, year and date, notices (公示) by
 *    area, kind, round, year and start date: added, or updated when the
 *    source row is newer (a notice posted or closed in either file stays so);
 *  - each active source household is matched to the target household that
 *    holds its members' ID numbers:
 *      none    → added with all its records (stamps copied, so a second
 *                merge sees them as equal);
 *      one, same village and same 户主 ID → the same household: when the
 *                source is newer (the latest updated_at over the household,
 *                members, applications, surveys and exits) the household row,
 *                members (by ID; members gone from the source are
 *                soft-deleted), applications/surveys/exits (by year) are
 *                updated; records of events the target lacks are added
 *                whatever the dates (never lost): state history,
 *                assignments, aid entries, waivers, notice lists;
 *                projects (by kind, year and creation time), votes (by
 *                meeting and project), objections (by notice, date and
 *                creation time), rechecks (by notice and date),
 *                disbursements (by project, stage and date) and
 *                verifications (by project and level) are added, or
 *                updated when the source row itself is newer;
 *      otherwise → a CONFLICT, reported and the household skipped: the same
 *                ID number in two households or villages (a person
 *                registered twice), or a 户编号 used by another household.
 *    Other conflicts, reported and that record (or household) skipped:
 *    another current 帮扶责任人 (HELPER), a disbursement of the same project,
 *    stage and date with another amount, a verification with another result
 *    (RECORD), a household missing from a list already posted in the target
 *    (NOTICE_POSTED).
 *  - one audit row (tbl 'merge') records a merge that changed something,
 *    beside the row-level audit rows of the triggers.
 * Merging the same file again changes nothing.  Not merged: drafts,
 * settings, lines, operators, and soft deletions of whole households in
 * the source. */
#ifndef FUPIN_MERGE_H
#define FUPIN_MERGE_H
#include <stddef.h>
#include "db/db.h"

struct merge_msg {
    char kind[24];          /* PERSON_TWICE, HH_NO, AREA_NAME, HELPER, RECORD, NOTICE_POSTED, SAVE */
    char text[480];         /* Chinese, names the people, households, villages */
};

struct merge_report {
    long areas_added, groups_added, helpers_added;
    long meetings_added, notices_added, projects_added;
    long households_added, households_updated, households_unchanged;
    long rows_added, rows_updated;      /* all tables, the households' rows included */
    size_t conflicts;                   /* total (may exceed what msgs holds) */
    struct merge_msg *msgs;             /* owned; free with merge_report_free */
    size_t n_msgs, cap_msgs;
};

/* Merges one source file into db.  DB_OK when the source was read (even
 * with conflicts: see rep->conflicts); an error (db_errmsg) when the source
 * cannot be read — not a fupin file, another schema version, the target
 * itself — and then nothing was written.  `max_msgs` 0 = 200. */
enum db_err db_merge_file(struct db *db, const char *source_path, size_t max_msgs,
                          struct merge_report *rep);
void merge_report_free(struct merge_report *rep);

#endif
