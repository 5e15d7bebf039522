/* assist.h — 精准帮扶 records (SPEC §3.2): helpers (帮扶责任人), their one-to-one
 * assignments, the 帮扶记录卡 entries and 放弃帮扶声明 (waivers).  Minimal for
 * now; the schema already refuses editing a confirmed entry and new entries
 * after a waiver. */
#ifndef FUPIN_ASSIST_H
#define FUPIN_ASSIST_H
#include <stdint.h>
#include "core/household.h"
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
};
/* Adds an entry and fills r->id.  Refused (DB_ERR_CONSTRAINT) after the
 * household's waiver, unless it corrects an earlier entry. */
enum db_err db_aid_add(struct db *db, struct aid_record *r);

/* Records a 放弃帮扶声明; *id (may be NULL) gets its row id. */
enum db_err db_waiver_add(struct db *db, int64_t household_id, const char *date,
                          const char *reason, int64_t *id);

#endif
