/* drafts.h — autosaved form drafts (SPEC §8: "autosaved as a draft at each
 * field exit and offered back after a crash").  A draft is one household per
 * (form, key), e.g. ("survey", "42") or ("application", "new"), stored field
 * by field under the keys of the form declarations (forms/form.h), members by
 * index — never as the bytes of a C struct, so a draft written by an older
 * or newer build still loads after fields were added or removed.  Each write
 * is one small durable transaction (synchronous=FULL). */
#ifndef FUPIN_DRAFTS_H
#define FUPIN_DRAFTS_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

/* Stores (replaces) the draft of (form, key): every stored field of hh and
 * of its n_members members, plus the row ids and workflow state. */
enum db_err db_draft_save(struct db *db, const char *form, const char *key,
                          const struct household *hh);
/* Loads the draft of (form, key) over *hh: each value the draft holds is
 * written; a field the draft does not hold (added by a later build) keeps the
 * value *hh had on entry, and a value whose key this build does not know
 * (a field since removed) is ignored.  n_members is the draft's.  `updated`
 * (20 bytes, may be NULL) gets its time.  DB_ERR_NOTFOUND when none;
 * DB_ERR_INVALID (with the reason in db_errmsg) when only a draft of the
 * old raw format exists that this build cannot read: the caller says so and
 * clears it. */
enum db_err db_draft_load(struct db *db, const char *form, const char *key,
                          struct household *hh, char *updated);
/* Removes the draft (after a successful save or when the clerk discards it);
 * no draft is not an error. */
enum db_err db_draft_clear(struct db *db, const char *form, const char *key);

/* The key of a household's survey draft: "ID/YEAR", one per survey year,
 * so a draft of the 2027 survey is never offered on the 2026 one. */
void db_draft_survey_key(char *out, size_t outsz, int64_t household_id, int year);
/* A survey draft written before the year was in the key ("ID") becomes the
 * draft of the year it holds when that is `year` (and that year has no
 * draft of its own); otherwise it is left alone. */
enum db_err db_draft_adopt_survey(struct db *db, int64_t household_id, int year);

struct draft_info {
    char form[32];
    char key[64];
    char updated[20];
};
/* The drafts waiting to be offered back (old-format ones included), newest
 * first. */
enum db_err db_drafts(struct db *db, struct draft_info *out, size_t max, size_t *n);

#endif
