/* notice_sheet.h — a notice as it is printed (公示名单), and its frozen copy.
 *
 * A draft notice is printed from the households as they are now.  At posting
 * (张贴) the sheet — header and rows, with labels, masked IDs and income as
 * printed — is stored in notice_sheets / notice_sheet_rows in the posting's
 * transaction; from then on every export and screen shows the stored sheet,
 * whatever changed since in the households (issue 11 item 3: the evidence of
 * 精准识别 is what hung on the wall).  A project notice (kind 项目, seed 002
 * 篇1 第十二条) prints the project it makes public: 项目类别, 项目内容, 金额,
 * 合作方 — not household income.  No curses. */
#ifndef FUPIN_NOTICE_SHEET_H
#define FUPIN_NOTICE_SHEET_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

struct notice_row {
    int64_t household_id;
    int  ordinal;                           /* 序号 as printed, 1.. */
    char group[TEXT_BYTES(60)];             /* 村民小组, or 村+组 on a township/county list */
    char head_name[TEXT_BYTES(NAME_CHARS)];
    int  n_members;
    char id_masked[ID_NO_LEN + 1];          /* idno_mask: never the full number */
    char hh_type[TEXT_BYTES(20)];           /* 贫困户属性 label */
    char cause[TEXT_BYTES(20)];             /* 主要致贫原因 label */
    money_t per_capita;                     /* 年人均纯收入, fen */
    char remark[TEXT_BYTES(120)];           /* 备注 */
    /* project notices */
    char project_kind[TEXT_BYTES(20)];      /* 一户一增收 / 住房建设补助 */
    char project_content[TEXT_BYTES(200)];
    money_t project_amount;                 /* 申请金额, fen */
    char partner[TEXT_BYTES(60)];           /* 合作方 (and its type) */
};

struct notice_sheet {
    int64_t notice_id;
    int  kind, round;                       /* NK_*, 1..3 */
    int  frozen;                            /* 1: the stored sheet of the posting */
    char title[300];
    char group_header[16];                  /* 村民小组 / 所在村组 */
    char start[11], end[11];
    int  days;
    char place[TEXT_BYTES(40)], phone[21], publisher[TEXT_BYTES(40)];
    char approval_label[32];                /* 乡镇审核 / 县级确认批文 / "" */
    char approval_no[TEXT_BYTES(30)], approval_date[11];
    char posted_on[11];                     /* "" when not posted or not known */
    char late_reason[TEXT_BYTES(200)];      /* posted after its end date: why */
    size_t n;
    struct notice_row *rows;                /* malloc'd: notice_sheet_free */
};

/* The sheet of a notice: the stored one when it was posted, else built from
 * the households now.  DB_ERR_NOTFOUND for an unknown notice. */
enum db_err notice_sheet_load(struct db *db, int64_t notice_id, struct notice_sheet *out);
/* Built from the households now, whatever the notice's state. */
enum db_err notice_sheet_live(struct db *db, int64_t notice_id, struct notice_sheet *out);
void notice_sheet_free(struct notice_sheet *s);

/* The printed sheet's name, per round and kind: 第二榜公示_识别, 第一榜公示_退出,
 * 清退公示, 项目公示. */
void notice_sheet_name(const struct notice_sheet *s, char *out, size_t outsz);
/* The notice's opening sentence: what it lists (kind and round), on what
 * decision, and the period ("公示期自 2026年3月1日 至 2026年3月7日，共 7 天"). */
void notice_sheet_intro(const struct notice_sheet *s, char *out, size_t outsz);
/* A date YYYY-MM-DD as a notice prints it: 2026年3月1日 (other text as given). */
void notice_date_words(const char *date, char *out, size_t outsz);

/* Stores the sheet as printed now, posted on `posted_on` (YYYY-MM-DD, "" =
 * unknown) with `late_reason` (may be NULL).  Call inside the posting's
 * transaction; a notice already stored is refused (DB_ERR_CONSTRAINT). */
enum db_err notice_sheet_freeze(struct db *db, int64_t notice_id, const char *posted_on,
                                const char *late_reason);
/* Upgrade step: stores the sheet of every posted notice that has none, as it
 * exports today; the posting day from the audit log when it is there. */
enum db_err notice_sheet_freeze_all(struct db *db);

#endif
