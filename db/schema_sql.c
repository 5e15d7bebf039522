/* schema_sql.c — the SQL of the schema's steps, in order, as one table.
 *
 * schema_migrations[i] brings a file from user_version i to i+1 (the first
 * step, the whole first schema, is db/schema_v1.c).  A step, once released,
 * is never edited: a change is a new step appended to the table (ALTER
 * TABLE ... ADD COLUMN for a new form field).  db_schema_migrate (db/schema.c)
 * runs the pending ones; the C work a step needs is done there.
 *
 * The columns of households, members, applications and surveys are named
 * exactly as the `key`s of forms/household_forms.c, so db/record.c can bind
 * them generically (a unit test checks every form field has its column).
 *
 * Rules the schema itself enforces (whatever program writes the file):
 * codes > 0 where the paper requires them, money and areas >= 0, yes/no 0/1,
 * real dates (date(x,'+0 days') IS x rejects 02-30), 18-character IDs, one
 * active household per ID number (partial UNIQUE index), one application and
 * one survey per household per year, unique 户编号, an append-only audit log
 * and state history, a posted notice's list frozen, a confirmed aid entry
 * never edited in place, no new aid after a waiver. */
#include "db/schema.h"
#include "db/schema_priv.h"

/* Drafts by field instead of the bytes of struct household (db/drafts.c
 * says why).  The old table keeps its drafts as drafts_blob until each has
 * been offered once; draft_values.value has no type: numbers stay numbers. */
static const char MIGRATION_2[] =
    "ALTER TABLE drafts RENAME TO drafts_blob;\n"
    "CREATE TABLE drafts (\n"
    " form TEXT NOT NULL, key TEXT NOT NULL,\n"
    " updated_at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW "),\n"
    " PRIMARY KEY (form, key)\n"
    ");\n"
    "CREATE TABLE draft_values (\n"
    " form TEXT NOT NULL, key TEXT NOT NULL,\n"
    " member INTEGER NOT NULL CONSTRAINT member CHECK (member >= -1),\n"
    " field TEXT NOT NULL, value,\n"
    " PRIMARY KEY (form, key, member, field),\n"
    " FOREIGN KEY (form, key) REFERENCES drafts(form, key) ON DELETE CASCADE\n"
    ");\n";

/* Issue 11: a posted notice is what hung on the wall.  At posting its
 * header and rows are stored as printed (labels, masked IDs, income of the
 * day), so a re-export is the same sheet whatever changed since in the
 * households; with the day it was posted and, when the period was already
 * over, the reason the clerk confirmed.  Existing posted notices get their
 * rows from the data as it is at the upgrade (db/notice_sheet.c, run by
 * db_schema_migrate after this step).  The seeded 7365 元 exit line is seed
 * 003's projection for 2018, not a 2016 figure. */
static const char MIGRATION_3[] =
    "CREATE TABLE notice_sheets (\n"
    " notice_id INTEGER PRIMARY KEY REFERENCES notices(id),\n"
    " title TEXT NOT NULL,\n"
    " group_header TEXT NOT NULL,\n"    /* 村民小组 / 所在村组 */
    C_DATE_REQ("start_date")
    " days INTEGER NOT NULL,\n"
    C_DATE_REQ("end_date")
    C_TEXT("place")
    C_TEXT("phone")
    C_TEXT("publisher")
    C_TEXT("approval_label")            /* 乡镇审核 / 县级确认批文 */
    C_TEXT("approval_no")
    C_TEXT("approval_date")
    C_DATE("posted_on")                 /* '' when not known (upgraded file) */
    C_TEXT("late_reason")               /* posted after the period: why */
    " at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
    ");\n"
    APPEND_ONLY("notice_sheets", "已张贴公示")
    "CREATE TABLE notice_sheet_rows (\n"
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    " ordinal INTEGER NOT NULL,\n"       /* 序号 as printed */
    " household_id INTEGER REFERENCES households(id),\n"
    C_TEXT("group_name")
    C_TEXT("head_name")
    C_NONNEG("n_members")
    C_TEXT("id_masked")
    C_TEXT("hh_type")                   /* labels as printed */
    C_TEXT("cause")
    C_NONNEG("per_capita")              /* fen */
    C_TEXT("remark")
    C_TEXT("project_kind")              /* project notices (kind 项目) */
    C_TEXT("project_content")
    C_NONNEG("project_amount")          /* fen */
    C_TEXT("partner")
    " PRIMARY KEY (notice_id, ordinal)\n"
    ");\n"
    APPEND_ONLY("notice_sheet_rows", "已张贴公示名单")
    "UPDATE lines SET year = 2018 WHERE year = 2016 AND standard = 2 AND kind = 2 AND amount = 736500\n"
    " AND NOT EXISTS (SELECT 1 FROM lines WHERE year = 2018 AND standard = 2 AND kind = 2);\n";

/* The household list finds a household by the pinyin initials of any
 * active member's name under any reading in use (db/household_store.c):
 * one row per distinct initials string of a household, rank 0 for the
 * 户主's, 1 for the other members'.  Filled in C after the step
 * (REBUILD_SEARCH_FROM): SQL cannot compute pinyin. */
static const char MIGRATION_4[] =
    "CREATE TABLE hh_initials (\n"
    " rank INTEGER NOT NULL,\n"
    " initials TEXT NOT NULL,\n"
    " household_id INTEGER NOT NULL,\n"
    " PRIMARY KEY (rank, initials, household_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX hh_initials_household ON hh_initials(household_id);\n"
    /* Replaced by hh_initials (head_initials stays: a sort key of lists). */
    "DROP INDEX households_initials;\n";

/* Issue 11 items 2 and 4: a registered household's record is evidence.
 * member_events: a member joining (kind 1) or leaving (kind 2) — reason code
 * of CL_MEMBER_IN / CL_MEMBER_OUT, the day it happened, who recorded it, and
 * the person as they were (the member row itself stays, soft-deleted when
 * they left, so rosters of past years still list them:
 * DB_MEMBER_IN_YEAR in db/member_history.h).  hh_changes: each save that
 * changed a registered or exited household's identifying or eligibility
 * facts (forms/facts.h), with its reason and the changes as listed to the
 * clerk.  Both append-only; existing files start with no events (members
 * removed before this version count as corrections, as they did). */
static const char MIGRATION_5[] =
    "CREATE TABLE member_events (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " member_id INTEGER REFERENCES members(id),\n"
    " kind INTEGER NOT NULL CONSTRAINT kind CHECK (kind IN (1,2)),\n"
    " reason INTEGER NOT NULL CONSTRAINT reason CHECK (reason > 0),\n"
    C_DATE_REQ("date")
    C_TEXT("name")
    C_TEXT("id_no")
    " operator TEXT NOT NULL,\n"
    C_TEXT("note")
    " at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
    ");\n"
    "CREATE INDEX member_events_household ON member_events(household_id, date);\n"
    "CREATE INDEX member_events_member ON member_events(member_id, kind, date);\n"
    APPEND_ONLY("member_events", "成员变动记录")
    "CREATE TABLE hh_changes (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_DATE_REQ("date")
    " operator TEXT NOT NULL,\n"
    " reason TEXT NOT NULL CONSTRAINT reason CHECK (length(trim(reason)) > 0),\n"
    C_TEXT("changes")
    " at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
    ");\n"
    "CREATE INDEX hh_changes_household ON hh_changes(household_id, id);\n"
    APPEND_ONLY("hh_changes", "修改记录");

/* Issue 13 item 2: each audit row carries hash = BLAKE2b-256 over the
 * previous row's hash and its own columns (db/audit.c says exactly what), so
 * an edited, deleted or forged row breaks the chain and `fupin check` names
 * it.  The triggers compute it at insert through the SQL function
 * fupin_audit_hash that db_open registers on every connection; the rows
 * already in the file are chained in C right after this step
 * (AUDIT_HASH_VERSION). */
static const char MIGRATION_6[] =
    "ALTER TABLE audit ADD COLUMN hash BLOB;\n";

/* Issue 13 item 1: operators log in.  pw_hash is libsodium's crypto_pwhash_str
 * ("" = cannot log in until a 管理员 sets one); failures and retry_after
 * (Unix seconds) keep the wrong-password throttle across restarts.  Roles
 * become 0 录入员, 1 审核员, 2 管理员 (db/operators.h): the old 3 (admin)
 * maps to 2, the old township/county levels to 审核员. */
static const char MIGRATION_7[] =
    "ALTER TABLE operators ADD COLUMN pw_hash TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE operators ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE operators ADD COLUMN retry_after INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE operators SET role = CASE role WHEN 0 THEN 0 WHEN 3 THEN 2 ELSE 1 END;\n";

/* Issue 12 item 3: a county sheet with 年人均纯收入 but no income parts
 * keeps the figure as declared (core/income.c uses it while every part is 0):
 * surveys.declared_per_capita, added by add_declared_per_capita after the
 * step (where it is missing: SQLite has no ADD COLUMN IF NOT EXISTS). */
static const char MIGRATION_8[] = "";

/* Issue 14: a status filter (F7) that few households pass drives the
 * initials search from the households (db/search.c page_filter).  No
 * index in DB_HH_ORDER: one would need the natural_order collation, and
 * the plain sqlite3 shell could then no longer check or write the file. */
static const char MIGRATION_9[] =
    "CREATE INDEX IF NOT EXISTS households_state ON households(state) WHERE deleted = 0;\n";

/* Issue 13 item 2: the operators table is audited like the records (adding,
 * a role, disabling, a password reset).  The audit never holds pw_hash nor
 * the wrong-password throttle (UNAUDITED_COLUMNS): a reset shows as a new
 * pw_reset_at.  The operators already in the file get their insert rows
 * right after the step (OPERATORS_AUDIT_VERSION), so `fupin check` finds
 * the newest one logged.  The column is added in C, where it is missing
 * (as MIGRATION_8's). */
static const char MIGRATION_10[] = "";

/* Issue 15 item 2: the 驻村工作队 of each village (core/team.h: a person
 * serves in one village at a time, one 队长 a day — checked in C before a
 * save, where the message can name the other village), its visit log
 * (走访/遍访: who, when, which households; a visit once keyed is corrected
 * by a new entry, as the aid card's are), and who signed an aid entry as
 * 工作队长 (NULL: not recorded, signed_team keeps its yes/no meaning). */
static const char MIGRATION_11[] =
    "CREATE TABLE IF NOT EXISTS team_members (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    " name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    " id_no TEXT NOT NULL DEFAULT '' CONSTRAINT id_no CHECK (id_no = '' OR length(id_no) = 18),\n"
    C_TEXT("unit")
    C_TEXT("title")
    C_TEXT("phone")
    C_DATE_REQ("from_date")
    " to_date TEXT NOT NULL DEFAULT '' CONSTRAINT to_date CHECK (to_date = '' OR\n"
    "   (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),\n"
    C_BOOL("leader")
    C_BOOL("first_secretary")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS team_members_village ON team_members(village, from_date) WHERE deleted = 0;\n"
    "CREATE TABLE IF NOT EXISTS team_visits (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    " member_id INTEGER NOT NULL REFERENCES team_members(id),\n"
    C_DATE_REQ("date")
    C_TEXT("notes")
    " corrects_id INTEGER REFERENCES team_visits(id),\n"
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS team_visits_village ON team_visits(village, date);\n"
    "CREATE TABLE IF NOT EXISTS team_visit_households (\n"
    " id INTEGER PRIMARY KEY,\n"
    " visit_id INTEGER NOT NULL REFERENCES team_visits(id),\n"
    C_HH
    " UNIQUE (visit_id, household_id)\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS team_visit_households_hh ON team_visit_households(household_id);\n";

/* Who signed an aid entry as 工作队长, added in C where missing (a step
 * may run again on a file that already has it: IF NOT EXISTS above); who
 * signed stays once recorded, like the yes/no it stands behind. */
const char schema_team_signer_trigger[] =
    "CREATE TRIGGER IF NOT EXISTS aid_records_team_signer BEFORE UPDATE OF team_signer_id ON aid_records\n"
    " WHEN old.team_signer_id IS NOT NULL AND new.team_signer_id IS NOT old.team_signer_id BEGIN\n"
    " SELECT RAISE(ABORT, '已签字确认的帮扶记录不能修改，请新增一条更正记录 (confirmed aid entry: add a correction)'); END;\n";
/* Issue 15 item 4: 防返贫监测 (core/monitor.h).  A record is never deleted
 * (no soft delete either: 风险消除 closes it); at most one open record per
 * household; 消除 not before the identified day, with a reason; a closed
 * record stays closed.  A dismissed proposal is remembered under its cause,
 * append-only.  突发事件 keyed on a household (no disaster data exists
 * elsewhere), the source of 突发严重困难户 proposals. */
static const char MIGRATION_12[] =
    "CREATE TABLE IF NOT EXISTS monitor_records (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " category INTEGER NOT NULL CONSTRAINT category CHECK (category BETWEEN 1 AND 3),\n"
    " risk INTEGER NOT NULL CONSTRAINT risk CHECK (risk > 0),\n"
    C_DATE_REQ("identified")
    C_TEXT("measures")
    C_CODE("measure1") C_CODE("measure2") C_CODE("measure3")
    C_DATE("cleared")
    C_TEXT("clear_reason")
    C_TEXT("cause")
    C_TEXT("note")
    C_STAMPS ",\n"
    " CONSTRAINT cleared CHECK (cleared = '' OR (cleared >= identified AND length(trim(clear_reason)) > 0))\n"
    ");\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS monitor_records_open ON monitor_records(household_id) WHERE cleared = '';\n"
    "CREATE INDEX IF NOT EXISTS monitor_records_cause ON monitor_records(household_id, cause);\n"
    "CREATE TRIGGER IF NOT EXISTS monitor_records_no_delete BEFORE DELETE ON monitor_records BEGIN "
    "SELECT RAISE(ABORT, '监测记录不可删除 (monitor_records is append-only)'); END;\n"
    "CREATE TRIGGER IF NOT EXISTS monitor_records_closed BEFORE UPDATE ON monitor_records\n"
    " WHEN old.cleared <> '' BEGIN SELECT RAISE(ABORT, '已消除的监测记录不可修改 (closed)'); END;\n"
    "CREATE TABLE IF NOT EXISTS monitor_dismissals (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " cause TEXT NOT NULL CONSTRAINT cause CHECK (length(cause) > 0),\n"
    " reason TEXT NOT NULL CONSTRAINT reason CHECK (length(trim(reason)) > 0),\n"
    C_DATE_REQ("date")
    " operator TEXT NOT NULL DEFAULT '',\n"
    C_STAMPS ",\n"
    " UNIQUE (household_id, cause)\n"
    ");\n"
    "CREATE TRIGGER IF NOT EXISTS monitor_dismissals_no_update BEFORE UPDATE ON monitor_dismissals BEGIN "
    "SELECT RAISE(ABORT, '不予监测记录不可修改 (monitor_dismissals is append-only)'); END;\n"
    "CREATE TRIGGER IF NOT EXISTS monitor_dismissals_no_delete BEFORE DELETE ON monitor_dismissals BEGIN "
    "SELECT RAISE(ABORT, '不予监测记录不可删除 (monitor_dismissals is append-only)'); END;\n"
    "CREATE TABLE IF NOT EXISTS hh_events (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_DATE_REQ("date")
    " kind INTEGER NOT NULL CONSTRAINT kind CHECK (kind > 0),\n"
    C_NONNEG("loss")
    C_TEXT("note")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS hh_events_household ON hh_events(household_id, date);\n";
/* Issue 15 item 1: the 贫困村 register (core/village.h).  villages: one row
 * per village that has any of it (是否贫困村, 认定年度, 出列年度, 挂村单位);
 * village_years: per year the keyed figures (农村户籍人口, incomes in fen,
 * -1 = not keyed) and the yes/no items of the checklist (-1 not confirmed)
 * with their dates; village_exits: one 出列 per village and year through
 * proposal (override reason when an item fails), appraisal (a 退出 meeting
 * and the village's votes), notice and the 审核员's decision.  IF NOT EXISTS:
 * a file whose user_version a test wound back already has the tables. */
static const char MIGRATION_13[] =
    "CREATE TABLE IF NOT EXISTS villages (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL UNIQUE REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_BOOL("poor")
    " identified_year INTEGER NOT NULL DEFAULT 0 CONSTRAINT identified_year\n"
    "   CHECK (identified_year = 0 OR identified_year BETWEEN 1949 AND 2100),\n"
    " exit_year INTEGER NOT NULL DEFAULT 0 CONSTRAINT exit_year\n"
    "   CHECK (exit_year = 0 OR exit_year BETWEEN 1949 AND 2100),\n"
    C_TEXT("unit")                  /* 挂村单位 */
    C_TEXT("contact")               /* 联系人 */
    C_TEXT("phone")
    C_STAMPS ",\n"
    " CONSTRAINT exit_year CHECK (exit_year = 0 OR exit_year >= identified_year)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS village_years (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_YEAR("year")
    C_NONNEG("population")          /* 农村户籍人口 */
    " per_capita_income INTEGER NOT NULL DEFAULT -1 CONSTRAINT per_capita_income\n"
    "   CHECK (per_capita_income >= -1),\n"
    " collective_income INTEGER NOT NULL DEFAULT -1 CONSTRAINT collective_income\n"
    "   CHECK (collective_income >= -1),\n"
    VC_ITEM("road") VC_ITEM("water") VC_ITEM("power") VC_ITEM("broadband")
    VC_ITEM("clinic") VC_ITEM("school") VC_ITEM("culture")
    C_STAMPS ",\n"
    " UNIQUE (village, year)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS village_exits (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_YEAR("year")
    " stage INTEGER NOT NULL DEFAULT 1 CONSTRAINT stage CHECK (stage BETWEEN 1 AND 5),\n"
    C_DATE("proposed_date")
    C_TEXT("failing")               /* the items that failed at proposal */
    C_TEXT("override_reason")       /* 审核员's written reason to go on anyway */
    C_TEXT("override_by")
    " meeting_id INTEGER REFERENCES meetings(id),\n"
    C_NONNEG("votes_for")
    C_NONNEG("votes_against")
    C_NONNEG("votes_abstain")
    C_DATE("notice_start")
    C_NONNEG("notice_days")
    C_DATE("notice_end")
    C_NONNEG("objections")          /* 异议 still open */
    C_DATE("decided_date")
    C_TEXT("decided_by")
    C_STAMPS ",\n"
    " UNIQUE (village, year)\n"
    ");\n";
/* Issue 15 item 3: 帮扶规划 (一户一法), one per household and year, its
 * planned measures in order (one measure once a year: the progress of an
 * item is the year's card entries of its measure).  Both audited. */
static const char MIGRATION_14[] =
    "CREATE TABLE IF NOT EXISTS plans (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_YEAR("year")
    C_TEXT("notes")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS plans_household_year ON plans(household_id, year) WHERE deleted = 0;\n"
    "CREATE INDEX IF NOT EXISTS plans_year ON plans(year) WHERE deleted = 0;\n"
    "CREATE TABLE IF NOT EXISTS plan_items (\n"
    " id INTEGER PRIMARY KEY,\n"
    " plan_id INTEGER NOT NULL REFERENCES plans(id),\n"
    " ordinal INTEGER NOT NULL CONSTRAINT ordinal CHECK (ordinal >= 0),\n"
    C_CODE_REQ("measure")           /* CL_MEASURE */
    C_TEXT("target")                /* 帮扶目标 */
    C_NONNEG("amount")              /* 目标金额, fen; 0 = none */
    " helper_id INTEGER REFERENCES helpers(id),\n"
    C_DATE("deadline")              /* 完成期限 */
    C_STAMPS
    ");\n"
    /* Each measure once a plan is check PLAN_MEASURE's (a save may swap two
     * items' measures, which a unique index would refuse half-way). */
    "CREATE INDEX IF NOT EXISTS plan_items_plan ON plan_items(plan_id, ordinal);\n";
/* Issue 14 goal 4: an insert's audit row keeps no image of the record (the
 * record holds it until its first update, which logs the old values); its
 * hash commits to the values instead.  The rows already in the file stay
 * as they are (their images stored, their hashes valid): `fupin check`
 * accepts both.  The step only makes the triggers anew. */
static const char MIGRATION_15[] = "";
/* Issue 15, 出列's 公示: a village exit's notice is a notices row (kind 5,
 * its area the village) that village_exits.notice_id names (added below,
 * VILLAGE_NOTICE_VERSION), and its 异议 are objections of the village:
 * objections is made anew with household_id optional and a village column
 * last (where ADD COLUMN would put it), exactly one of the two set.  The
 * old notice columns of village_exits stay for older files' values; the
 * upgrade turns them into notices (vs_exit_notices_adopt). */
static const char MIGRATION_17[] =
    "CREATE TABLE objections_v16 (\n"
    " id INTEGER PRIMARY KEY,\n"
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    " household_id INTEGER REFERENCES households(id),\n"
    C_DATE_REQ("received_date")
    C_TEXT("objector")
    C_TEXT("content")
    C_TEXT("checker")
    C_TEXT("check_result")
    " resolution INTEGER NOT NULL DEFAULT 0 CONSTRAINT resolution CHECK (resolution IN (0,1,2)),\n"
    C_DATE("resolved_date")
    C_SOFT C_STAMPS ",\n"
    " village TEXT REFERENCES areas(code) ON UPDATE CASCADE,\n"
    " CONSTRAINT subject CHECK ((household_id IS NULL) <> (village IS NULL))\n"
    ");\n"
    "INSERT INTO objections_v16(id, notice_id, household_id, received_date, objector, content, checker, "
    " check_result, resolution, resolved_date, deleted, deleted_at, created_at, updated_at)\n"
    " SELECT id, notice_id, household_id, received_date, objector, content, checker, check_result,\n"
    " resolution, resolved_date, deleted, deleted_at, created_at, updated_at FROM objections;\n"
    "DROP TABLE objections;\n"
    "ALTER TABLE objections_v16 RENAME TO objections;\n"
    "CREATE INDEX objections_notice ON objections(notice_id, household_id);\n"
    "CREATE INDEX objections_household ON objections(household_id);\n";

/* Issue 16 item 1: 减贫任务, the year's target of households and people to
 * lift out of poverty per area (county, township or village), set by a
 * 审核员 or 管理员 (db/flow_report.h); audited. */
static const char MIGRATION_18[] =
    "CREATE TABLE IF NOT EXISTS flow_targets (\n"
    " id INTEGER PRIMARY KEY,\n"
    " area TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_YEAR("year")
    C_NONNEG("households")
    C_NONNEG("people")
    C_STAMPS ",\n"
    " UNIQUE (area, year)\n"
    ");\n";

/* The audit log's guards (trigger names kept from the first schema, so a
 * check's message names the same trigger whatever the file's age). */
#define AUDIT_GUARD_UPDATE \
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN " \
    "SELECT RAISE(ABORT, '审计记录不可修改 (audit is append-only)'); END"
#define AUDIT_GUARD_DELETE \
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN " \
    "SELECT RAISE(ABORT, '审计记录不可删除 (audit is append-only)'); END"
/* Issue 14 goal 4 (2): the audit log stored compactly in audit_log — `at`
 * an integer (the local time's seconds since 1970-01-01: 4 bytes for the 19
 * of 'YYYY-MM-DD HH:MM:SS'), operator and tbl numbers of audit_names, action
 * 0 insert, 1 update, 2 delete.  The view `audit` gives every reader (the
 * screens, `fupin check`, the tests) the log as text, as before, and the
 * hash stays defined over those text values: the rows already in the file
 * are moved over with their hashes as they were, and a row whose `at` or
 * operator is not in the compact form keeps its text (the view shows either).
 * A forged number reads as another name or as NULL: its hash no longer holds. */
#define AUDIT_VIEW \
    "CREATE VIEW audit(id, at, operator, tbl, row_id, action, old, new, hash) AS SELECT l.id,\n" \
    " CASE typeof(l.at) WHEN 'integer' THEN datetime(l.at, 'unixepoch') ELSE l.at END,\n" \
    " CASE typeof(l.operator) WHEN 'integer' THEN (SELECT o.name FROM audit_names o\n" \
    "  WHERE o.id = l.operator) ELSE l.operator END,\n" \
    " t.name, l.row_id, CASE l.action WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' END,\n" \
    " l.old, l.new, l.hash\n" \
    " FROM audit_log l LEFT JOIN audit_names t ON t.id = l.tbl"
static const char MIGRATION_16[] =
    "CREATE TABLE audit_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
    "INSERT INTO audit_names(name) SELECT operator FROM audit UNION SELECT tbl FROM audit\n"
    " UNION VALUES ('merge'), ('import');\n"
    "CREATE TABLE audit_log (\n"
    " id INTEGER PRIMARY KEY,\n"
    " at NOT NULL,\n"                 /* integer, or the text of an odd older row */
    " operator NOT NULL,\n"           /* audit_names.id, or a name */
    " tbl INTEGER NOT NULL,\n"        /* audit_names.id */
    " row_id INTEGER NOT NULL,\n"
    " action INTEGER NOT NULL CHECK (action IN (0, 1, 2)),\n"
    " old TEXT,\n"
    " new TEXT,\n"
    " hash BLOB\n"
    ");\n"
    "INSERT INTO audit_log(id, at, operator, tbl, row_id, action, old, new, hash)\n"
    " SELECT id, CASE WHEN datetime(CAST(strftime('%s', at) AS INTEGER), 'unixepoch') IS at\n"
    "  THEN CAST(strftime('%s', at) AS INTEGER) ELSE at END,\n"
    " (SELECT n.id FROM audit_names n WHERE n.name = operator),\n"
    " (SELECT n.id FROM audit_names n WHERE n.name = tbl), row_id,\n"
    " CASE action WHEN 'insert' THEN 0 WHEN 'update' THEN 1 WHEN 'delete' THEN 2 END, old, new, hash\n"
    " FROM audit ORDER BY id;\n"
    "DROP TABLE audit;\n"
    "CREATE INDEX audit_row ON audit_log(tbl, row_id);\n"
    AUDIT_VIEW ";\n"
    AUDIT_GUARD_UPDATE ";\n"
    AUDIT_GUARD_DELETE ";\n";

/* Issue 16 part 2, 扶贫小额信贷: one row per loan of a household (the
 * borrower one of its members), its repayments in their own table.  The
 * rules (5万, 3年, dates, repayments within the loan) are the check
 * engine's (CS_LOAN); the columns only refuse what no rule could mean.
 * Both audited; a loan or a repayment is soft-deleted, never removed. */
static const char MIGRATION_19[] =
    "CREATE TABLE IF NOT EXISTS loans (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " member_id INTEGER REFERENCES members(id),\n"  /* 借款人, NULL = the head */
    C_TEXT("bank")                  /* 放贷银行 */
    C_TEXT("contract_no")           /* 借款合同号 */
    " amount INTEGER NOT NULL CONSTRAINT amount CHECK (amount > 0),\n"
    " term_months INTEGER NOT NULL CONSTRAINT term_months CHECK (term_months > 0),\n"
    C_DATE_REQ("start")             /* 放款日期 */
    C_DATE_REQ("due")               /* 到期日期 */
    C_NONNEG("rate_bp")             /* 年利率, 万分之 */
    C_BOOL("subsidised")            /* 财政贴息 */
    C_TEXT("purpose")               /* 贷款用途 */
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS loans_household ON loans(household_id) WHERE deleted = 0;\n"
    "CREATE TABLE IF NOT EXISTS loan_repayments (\n"
    " id INTEGER PRIMARY KEY,\n"
    " loan_id INTEGER NOT NULL REFERENCES loans(id),\n"
    C_DATE_REQ("date")
    " amount INTEGER NOT NULL CONSTRAINT amount CHECK (amount > 0),\n"
    C_TEXT("note")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS loan_repayments_loan ON loan_repayments(loan_id, date) WHERE deleted = 0;\n"
    /* 就业/培训, one row per course or job of a member. */
    "CREATE TABLE IF NOT EXISTS trainings (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " member_id INTEGER NOT NULL REFERENCES members(id),\n"
    C_CODE_REQ("kind")              /* CL_JOB_KIND */
    C_TEXT("content")               /* 培训课程 / 工作岗位 */
    C_TEXT("place")                 /* 培训机构或地点 / 务工地点 */
    C_DATE_REQ("start")
    C_DATE("finish")                /* "" = still on it */
    C_NONNEG("income")              /* 收入 (fen) */
    C_TEXT("note")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX IF NOT EXISTS trainings_household ON trainings(household_id) WHERE deleted = 0;\n";

/* Issue 14 goal 4 (3): the records' created_at and updated_at stored as
 * integers (DB_STAMP_NOW), by stamps_convert after this empty step: the
 * tables' declared type becomes INTEGER (so SQLite keeps the integer) and
 * the values that are canonical 'YYYY-MM-DD HH:MM:SS' become their
 * seconds; any other text stays as it was.  The audit hashes and shows the
 * text (db_schema_audit_value), so the chains of older files still hold.
 * (Planned as migration 21 in issue 14's round; numbered in order here:
 * it must stay the last step that creates stamped tables, or come after them.) */
static const char MIGRATION_20[] = "";

/* Issue 16 part 2, 易地扶贫搬迁: one row per move of a household (迁出地,
 * 安置点, 入住日期, 安置方式 CL_RELOC_MODE, 搬迁人数, 住房面积 ㎡×100, 建房
 * 补助); 资产收益扶贫: a household's share in a project and its 分红, one row
 * per year.  The rules are the checks' (CS_RELOCATION, CS_DIVIDEND); the
 * columns are named after the register forms' keys (forms/registers.c) so
 * the 审计记录 screen labels them.  Audited; soft-deleted, never removed. */
static const char MIGRATION_21[] =
    "CREATE TABLE IF NOT EXISTS relocations (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_TEXT("from_addr")             /* 迁出地 */
    C_TEXT("site")                  /* 安置点 */
    C_DATE_REQ("moved_on")          /* 搬迁入住日期 */
    C_CODE_REQ("mode")              /* CL_RELOC_MODE */
    " people INTEGER NOT NULL CONSTRAINT people CHECK (people > 0),\n"
    " area INTEGER NOT NULL CONSTRAINT area CHECK (area > 0),\n"  /* ㎡ ×100 */
    C_NONNEG("subsidy")             /* 建房补助 (fen) */
    C_TEXT("note")
    C_SOFT C_STAMPS_INT
    ");\n"
    "CREATE INDEX IF NOT EXISTS relocations_household ON relocations(household_id) WHERE deleted = 0;\n"
    "CREATE TABLE IF NOT EXISTS asset_shares (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_TEXT("project")               /* 项目名称 */
    C_YEAR("start_year")            /* 入股年份 */
    C_NONNEG("amount")              /* 入股/配股金额 (fen) */
    " shares INTEGER NOT NULL CONSTRAINT shares CHECK (shares > 0),\n"
    C_TEXT("note")
    C_SOFT C_STAMPS_INT
    ");\n"
    "CREATE INDEX IF NOT EXISTS asset_shares_household ON asset_shares(household_id) WHERE deleted = 0;\n"
    "CREATE TABLE IF NOT EXISTS asset_dividends (\n"
    " id INTEGER PRIMARY KEY,\n"
    " share_id INTEGER NOT NULL REFERENCES asset_shares(id),\n"
    C_YEAR("year")                  /* 分红年度 */
    C_NONNEG("amount")              /* 分红金额 (fen) */
    C_TEXT("note")
    C_SOFT C_STAMPS_INT
    ");\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS asset_dividends_year ON asset_dividends(share_id, year) WHERE deleted = 0;\n";

/* Issue 14 goal 4 (4): the rows of posted notices stored compactly.  Their
 * texts of few values (组别, 户类型 and 致贫原因 as printed, and the masked
 * 身份证号 but its last 4 characters: "450123********", the 4 kept beside)
 * are kept once each in notice_texts and named by their id; a text stays as it was
 * posted whatever a code list becomes later (the ids name strings, never
 * codes).  The rows themselves live in notice_sheet_lines, keyed by
 * (notice, 序号) without a separate rowid and index; the view
 * notice_sheet_rows shows them as the table of that name did, and takes
 * the rows of a sheet being frozen (db/notice_sheet.c).  All append-only.
 * (Planned as migration 22 of issue 14's round.) */
#define SHEET_TEXT(col) "(SELECT id FROM notice_texts WHERE text = coalesce(NEW." col ", ''))"
/* The masked number x as ID_HEAD(x) || ID_TAIL(x), exactly (by characters). */
#define ID_HEAD(x) "CASE WHEN length(" x ") > 4 THEN substr(" x ", 1, length(" x ") - 4) ELSE '' END"
#define ID_TAIL(x) "CASE WHEN length(" x ") > 4 THEN substr(" x ", length(" x ") - 3) ELSE " x " END"
#define NEW_ID "coalesce(NEW.id_masked, '')"
static const char MIGRATION_22[] =
    "CREATE TABLE notice_texts (\n"
    " id INTEGER PRIMARY KEY,\n"
    " text TEXT NOT NULL UNIQUE\n"
    ");\n"
    APPEND_ONLY("notice_texts", "已张贴公示文字")
    "CREATE TABLE notice_sheet_lines (\n"
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    " ordinal INTEGER NOT NULL,\n"       /* 序号 as printed */
    " household_id INTEGER REFERENCES households(id),\n"
    " group_text INTEGER NOT NULL REFERENCES notice_texts(id),\n"
    C_TEXT("head_name")
    C_NONNEG("n_members")
    " id_head_text INTEGER NOT NULL REFERENCES notice_texts(id),\n"
    C_TEXT("id_tail")
    " hh_type_text INTEGER NOT NULL REFERENCES notice_texts(id),\n"
    " cause_text INTEGER NOT NULL REFERENCES notice_texts(id),\n"
    C_NONNEG("per_capita")              /* fen */
    C_TEXT("remark")
    C_TEXT("project_kind")
    C_TEXT("project_content")
    C_NONNEG("project_amount")          /* fen */
    C_TEXT("partner")
    " PRIMARY KEY (notice_id, ordinal)\n"
    ") WITHOUT ROWID;\n"
    APPEND_ONLY("notice_sheet_lines", "已张贴公示名单")
    "INSERT INTO notice_texts(text) SELECT group_name FROM notice_sheet_rows\n"
    " UNION SELECT hh_type FROM notice_sheet_rows UNION SELECT cause FROM notice_sheet_rows\n"
    " UNION SELECT " ID_HEAD("id_masked") " FROM notice_sheet_rows;\n"
    "INSERT INTO notice_sheet_lines SELECT r.notice_id, r.ordinal, r.household_id,\n"
    " g.id, r.head_name, r.n_members, i.id, " ID_TAIL("r.id_masked") ", t.id, c.id, r.per_capita,\n"
    " r.remark, r.project_kind, r.project_content, r.project_amount, r.partner\n"
    " FROM notice_sheet_rows r JOIN notice_texts g ON g.text = r.group_name\n"
    " JOIN notice_texts t ON t.text = r.hh_type JOIN notice_texts c ON c.text = r.cause\n"
    " JOIN notice_texts i ON i.text = " ID_HEAD("r.id_masked") "\n"
    " ORDER BY r.notice_id, r.ordinal;\n"
    "DROP TABLE notice_sheet_rows;\n"
    "CREATE VIEW notice_sheet_rows AS SELECT l.notice_id, l.ordinal, l.household_id,\n"
    " g.text AS group_name, l.head_name, l.n_members, i.text || l.id_tail AS id_masked,\n"
    " t.text AS hh_type,\n"
    " c.text AS cause, l.per_capita, l.remark, l.project_kind, l.project_content,\n"
    " l.project_amount, l.partner\n"
    " FROM notice_sheet_lines l JOIN notice_texts g ON g.id = l.group_text\n"
    " JOIN notice_texts t ON t.id = l.hh_type_text JOIN notice_texts c ON c.id = l.cause_text\n"
    " JOIN notice_texts i ON i.id = l.id_head_text;\n"
    "CREATE TRIGGER notice_sheet_rows_insert INSTEAD OF INSERT ON notice_sheet_rows BEGIN\n"
    " INSERT OR IGNORE INTO notice_texts(text) VALUES (coalesce(NEW.group_name, '')),\n"
    "  (coalesce(NEW.hh_type, '')), (coalesce(NEW.cause, '')), (" ID_HEAD(NEW_ID) ");\n"
    " INSERT INTO notice_sheet_lines VALUES (NEW.notice_id, NEW.ordinal, NEW.household_id,\n"
    "  " SHEET_TEXT("group_name") ", coalesce(NEW.head_name, ''), coalesce(NEW.n_members, 0),\n"
    "  (SELECT id FROM notice_texts WHERE text = " ID_HEAD(NEW_ID) "), " ID_TAIL(NEW_ID) ",\n"
    "  " SHEET_TEXT("hh_type") ", " SHEET_TEXT("cause") ",\n"
    "  coalesce(NEW.per_capita, 0), coalesce(NEW.remark, ''), coalesce(NEW.project_kind, ''),\n"
    "  coalesce(NEW.project_content, ''), coalesce(NEW.project_amount, 0), coalesce(NEW.partner, ''));\n"
    "END;\n"
    "CREATE TRIGGER notice_sheet_rows_no_update INSTEAD OF UPDATE ON notice_sheet_rows BEGIN "
    "SELECT RAISE(ABORT, '已张贴公示名单不可修改 (notice_sheet_rows is append-only)'); END;\n"
    "CREATE TRIGGER notice_sheet_rows_no_delete INSTEAD OF DELETE ON notice_sheet_rows BEGIN "
    "SELECT RAISE(ABORT, '已张贴公示名单不可删除 (notice_sheet_rows is append-only)'); END;\n";
#undef SHEET_TEXT
#undef ID_HEAD
#undef ID_TAIL
#undef NEW_ID

const char *const schema_migrations[] = {
    schema_migration_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5,
    MIGRATION_6,
    MIGRATION_7,
    MIGRATION_8,
    MIGRATION_9,
    MIGRATION_10,
    MIGRATION_11,
    MIGRATION_12,
    MIGRATION_13,
    MIGRATION_14,
    MIGRATION_15,
    MIGRATION_16,
    MIGRATION_17,
    MIGRATION_18,
    MIGRATION_19,
    MIGRATION_20,
    MIGRATION_21,
    MIGRATION_22,
};

int db_schema_current(void)
{
    return (int)(sizeof schema_migrations / sizeof *schema_migrations);
}

const char *db_schema_audit_guard_sql(int which)
{
    return which == 0 ? AUDIT_GUARD_UPDATE : AUDIT_GUARD_DELETE;
}
