/* drafts.h — autosaved form drafts (SPEC §8: "autosaved as a draft at each
 * field exit and offered back after a crash").  A draft is an opaque blob
 * per (form, key), e.g. ("survey", "hh:42") holding a struct household; the
 * caller checks the blob's size against its struct before using it.  Each
 * write is one small durable transaction (synchronous=FULL). */
#ifndef FUPIN_DRAFTS_H
#define FUPIN_DRAFTS_H
#include <stddef.h>
#include "db/db.h"

/* Stores (replaces) the draft of (form, key). */
enum db_err db_draft_save(struct db *db, const char *form, const char *key,
                          const void *blob, size_t len);
/* Copies the draft into buf (up to bufsz bytes); *len gets its full size and
 * `updated` (20 bytes, may be NULL) its time.  DB_ERR_NOTFOUND when none;
 * DB_ERR_INVALID when it is larger than bufsz (nothing copied). */
enum db_err db_draft_load(struct db *db, const char *form, const char *key,
                          void *buf, size_t bufsz, size_t *len, char *updated);
/* Removes the draft (after a successful save or when the clerk discards it);
 * no draft is not an error. */
enum db_err db_draft_clear(struct db *db, const char *form, const char *key);

struct draft_info {
    char form[32];
    char key[64];
    char updated[20];
    size_t len;
};
/* The drafts waiting to be offered back, newest first. */
enum db_err db_drafts(struct db *db, struct draft_info *out, size_t max, size_t *n);

#endif
