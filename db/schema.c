/* schema.c — the one versioned schema of the fupin file and its migrations.
 *
 * MIGRATIONS[i] brings a file from user_version i to i+1.  A step, once
 * released, is never edited: a change is a new step appended to the array
 * (ALTER TABLE ... ADD COLUMN for a new form field).  db_schema_migrate runs
 * all pending steps, re-creates the audit triggers from the tables' actual
 * columns and sets user_version, in one BEGIN IMMEDIATE transaction: a power
 * cut during an upgrade leaves the old version, never a half-upgraded file.
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
#include "db/audit.h"
#include "db/household_store.h"
#include "core/income.h"
#include "db/notice_sheet.h"
#include "db/village_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* Column shapes.  The constraint is named after the column so that a refusal
 * reads "CHECK constraint failed: sex" and db_fail can name the field. */
#define C_BOOL(c)     " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " IN (0,1)),\n"
#define C_CODE(c)     " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " >= 0),\n"
#define C_CODE_REQ(c) " " c " INTEGER NOT NULL CONSTRAINT " c " CHECK (" c " > 0),\n"
#define C_NONNEG(c)   " " c " INTEGER NOT NULL DEFAULT 0 CONSTRAINT " c " CHECK (" c " >= 0),\n"
#define C_TEXT(c)     " " c " TEXT NOT NULL DEFAULT '',\n"
#define C_DATE(c)     " " c " TEXT NOT NULL DEFAULT '' CONSTRAINT " c \
                      " CHECK (" c " = '' OR date(" c ", '+0 days') IS " c "),\n"
#define C_DATE_REQ(c) " " c " TEXT NOT NULL CONSTRAINT " c \
                      " CHECK (date(" c ", '+0 days') IS " c "),\n"
#define C_YEAR(c)     " " c " INTEGER NOT NULL CONSTRAINT " c " CHECK (" c " BETWEEN 1949 AND 2100),\n"
/* A yes/no item of the village checklist: -1 not confirmed, 0 no, 1 yes. */
#define VC_ITEM(c)    " " c " INTEGER NOT NULL DEFAULT -1 CONSTRAINT " c " CHECK (" c " IN (-1,0,1)),\n" \
                      C_DATE(c "_date")
#define C_HH          " household_id INTEGER NOT NULL REFERENCES households(id),\n"
/* Soft delete and stamps, last in every personal table. */
#define C_SOFT \
    " deleted INTEGER NOT NULL DEFAULT 0 CONSTRAINT deleted CHECK (deleted IN (0,1)),\n" \
    " deleted_at TEXT,\n"
/* Stamps as the steps up to STAMPS_VERSION declared them (text); that step
 * turns them into integers, in the file and in the declaration.  A step
 * after it must declare C_STAMPS_INT, or its table keeps text stamps (the
 * test stamps_declared_integer_in_every_table finds such a table). */
#define C_STAMPS \
    " created_at TEXT NOT NULL DEFAULT (" NOW "),\n" \
    " updated_at TEXT NOT NULL DEFAULT (" NOW ")\n"
#define C_STAMPS_INT \
    " created_at INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW "),\n" \
    " updated_at INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW ")\n"

/* Append-only tables: the log cannot be edited, from the UI or any tool
 * that goes through SQLite without dropping the triggers. */
#define NO_UPDATE(t, zh) \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t " BEGIN " \
    "SELECT RAISE(ABORT, '" zh "不可修改 (" t " is append-only)'); END"
#define NO_DELETE(t, zh) \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN " \
    "SELECT RAISE(ABORT, '" zh "不可删除 (" t " is append-only)'); END"
#define APPEND_ONLY(t, zh) NO_UPDATE(t, zh) ";\n" NO_DELETE(t, zh) ";\n"

static const char MIGRATION_1[] =
    /* ---- areas and settings ---- */
    "CREATE TABLE areas (\n"
    " code TEXT PRIMARY KEY NOT NULL CONSTRAINT code CHECK (code NOT GLOB '*[^0-9]*'\n"
    "   AND length(code) = CASE level WHEN 1 THEN 6 WHEN 2 THEN 9 ELSE 12 END),\n"
    " level INTEGER NOT NULL CONSTRAINT level CHECK (level IN (1,2,3)),\n"
    " name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    " parent TEXT REFERENCES areas(code) ON UPDATE CASCADE,\n"
    " provisional INTEGER NOT NULL DEFAULT 0 CONSTRAINT provisional CHECK (provisional IN (0,1)),\n"
    " CONSTRAINT parent CHECK ((level = 1) = (parent IS NULL))\n"
    ");\n"
    "CREATE INDEX areas_parent ON areas(parent, level);\n"
    "CREATE TABLE village_groups (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    " name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    " UNIQUE (village, name)\n"
    ");\n"
    "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);\n"
    "CREATE TABLE lines (\n"
    " year INTEGER NOT NULL CONSTRAINT year CHECK (year BETWEEN 1949 AND 2100),\n"
    " standard INTEGER NOT NULL CONSTRAINT standard CHECK (standard > 0),\n"
    " kind INTEGER NOT NULL CONSTRAINT kind CHECK (kind IN (1,2)),\n"
    " amount INTEGER NOT NULL CONSTRAINT amount CHECK (amount >= 0),\n"
    " PRIMARY KEY (year, standard, kind)\n"
    ");\n"
    "CREATE TABLE operators (\n"
    " id INTEGER PRIMARY KEY,\n"
    " name TEXT NOT NULL UNIQUE CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    " role INTEGER NOT NULL DEFAULT 0 CONSTRAINT role CHECK (role BETWEEN 0 AND 3),\n"
    " active INTEGER NOT NULL DEFAULT 1 CONSTRAINT active CHECK (active IN (0,1)),\n"
    " created_at TEXT NOT NULL DEFAULT (" NOW ")\n"
    ");\n"
    /* Read by the audit triggers; see db_schema_audit_triggers. */
    "CREATE TABLE current_operator (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL);\n"
    "INSERT INTO current_operator VALUES (1, '');\n"
    "CREATE TABLE drafts (\n"
    " form TEXT NOT NULL, key TEXT NOT NULL, blob BLOB NOT NULL,\n"
    " updated_at TEXT NOT NULL DEFAULT (" NOW "),\n"
    " PRIMARY KEY (form, key)\n"
    ");\n"

    /* ---- households (Form A/B header) ---- */
    "CREATE TABLE households (\n"
    " id INTEGER PRIMARY KEY,\n"
    " hh_no TEXT UNIQUE CONSTRAINT hh_no CHECK (hh_no IS NULL OR\n"
    "   (length(hh_no) BETWEEN 1 AND 16 AND hh_no NOT GLOB '*[^0-9]*')),\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_TEXT("group_name")
    C_TEXT("phone")
    " state INTEGER NOT NULL DEFAULT 0 CONSTRAINT state CHECK (state >= 0),\n"
    /* Copies kept for the household list and its search (db/household_store.c). */
    C_TEXT("head_name")
    C_TEXT("head_initials")
    C_NONNEG("n_members")
    C_CODE("hh_type")
    C_TEXT("delete_reason")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX households_village ON households(village, state) WHERE deleted = 0;\n"
    "CREATE INDEX households_initials ON households(head_initials) WHERE deleted = 0;\n"
    /* The roster's order (village, 户编号, entry order) straight from an index:
     * db/export_queries.c streams 350 000 members without a sort. */
    "CREATE INDEX households_roster ON households(village, hh_no) WHERE deleted = 0;\n"

    /* ---- members (Form B page 2), members[0] = ordinal 0 = 户主 ---- */
    "CREATE TABLE members (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_NONNEG("ordinal")
    " name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    " id_no TEXT NOT NULL CONSTRAINT id_no CHECK (length(id_no) = 18\n"
    "   AND substr(id_no, 1, 17) NOT GLOB '*[^0-9]*' AND substr(id_no, 18) GLOB '[0-9X]'),\n"
    " sex INTEGER NOT NULL CONSTRAINT sex CHECK (sex IN (1,2)),\n"
    C_DATE("birth")
    C_CODE_REQ("relation")
    /* The application (Form A) knows only the head's name and ID: the other
     * codes come with the survey, whose form requires them (F_REQUIRED). */
    C_CODE("ethnic")
    C_CODE("political")
    C_CODE("education")
    C_CODE("schooling")
    C_CODE("health")
    C_CODE("skill")
    C_CODE("work")
    " work_months INTEGER NOT NULL DEFAULT 0 CONSTRAINT work_months CHECK (work_months BETWEEN 0 AND 12),\n"
    C_BOOL("med_ins")
    C_BOOL("serious_ins")
    C_BOOL("pension_ins")
    C_BOOL("soldier")
    C_TEXT("disability_no")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX members_household ON members(household_id, ordinal);\n"
    /* 同一身份证号只能在一个在册户中: the same ID in one active household only. */
    "CREATE UNIQUE INDEX members_id_no ON members(id_no) WHERE deleted = 0;\n"

    /* ---- applications (Form A), one per household per year ---- */
    "CREATE TABLE applications (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_YEAR("year")
    C_CODE_REQ("main_cause")
    C_CODE("other_cause1")
    C_CODE("other_cause2")
    C_TEXT("reason")
    C_DATE("apply_date")
    C_TEXT("accepted_by")
    C_DATE("accept_date")
    C_BOOL("signed_by_applicant")
    C_STAMPS ",\n"
    " UNIQUE (household_id, year)\n"
    ");\n"

    /* ---- surveys (Form B), one per household per year ---- */
    "CREATE TABLE surveys (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_YEAR("year")
    C_CODE_REQ("standard")
    C_CODE_REQ("hh_type")
    C_CODE_REQ("main_cause")
    C_CODE("other_cause1")
    C_CODE("other_cause2")
    C_BOOL("military_family")
    C_BOOL("only_child")
    C_BOOL("two_daughters")
    C_TEXT("bank")
    " bank_account TEXT NOT NULL DEFAULT '' CONSTRAINT bank_account CHECK (bank_account NOT GLOB '*[^0-9]*'),\n"
    C_NONNEG("arable_area")
    C_NONNEG("irrigated_area")
    C_NONNEG("forest_area")
    C_NONNEG("returned_forest_area")
    C_NONNEG("orchard_area")
    C_NONNEG("pasture_area")
    C_NONNEG("water_area")
    C_BOOL("power_production")
    C_BOOL("power_living")
    C_BOOL("water_safe")
    C_BOOL("water_hard")
    C_NONNEG("road_distance")
    C_CODE("road_type")
    C_NONNEG("house_area")
    C_BOOL("dangerous_house")
    C_CODE("danger_grade")
    C_CODE("fuel")
    C_BOOL("toilet")
    C_BOOL("cooperative")
    C_NONNEG("wage_income")
    C_NONNEG("business_income")
    C_NONNEG("property_income")
    C_NONNEG("family_planning")
    C_NONNEG("dibao")
    C_NONNEG("tekun")
    C_NONNEG("pension")
    C_NONNEG("eco_comp")
    C_NONNEG("other_transfer")
    C_NONNEG("business_cost")
    C_TEXT("look_house")
    C_TEXT("look_grain")
    C_TEXT("look_labour")
    C_TEXT("look_student")
    C_BOOL("priority1") C_BOOL("priority2") C_BOOL("priority3") C_BOOL("priority4")
    C_BOOL("priority5")
    C_BOOL("exclusion1") C_BOOL("exclusion2") C_BOOL("exclusion3") C_BOOL("exclusion4")
    C_BOOL("exclusion5") C_BOOL("exclusion6") C_BOOL("exclusion7")
    C_TEXT("exclusion_override")
    C_TEXT("surveyor1")
    C_TEXT("surveyor2")
    C_DATE("survey_date")
    C_BOOL("signed_household")
    C_BOOL("signed_cadre")
    C_BOOL("signed_surveyor")
    C_STAMPS ",\n"
    " UNIQUE (household_id, year)\n"
    ");\n"

    /* ---- state history: every move of the workflow, append-only ---- */
    "CREATE TABLE state_history (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " from_state INTEGER NOT NULL CONSTRAINT from_state CHECK (from_state >= 0),\n"
    " to_state INTEGER NOT NULL CONSTRAINT to_state CHECK (to_state >= 0),\n"
    C_DATE_REQ("date")
    " operator TEXT NOT NULL,\n"
    C_TEXT("reason")
    " at TEXT NOT NULL DEFAULT (" NOW ")\n"
    ");\n"
    "CREATE INDEX state_history_household ON state_history(household_id, id);\n"
    APPEND_ONLY("state_history", "状态记录")

    /* ---- Form C: appraisal meetings and votes ---- */
    "CREATE TABLE meetings (\n"
    " id INTEGER PRIMARY KEY,\n"
    " village TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_CODE_REQ("kind")              /* CL_NOTICE_KIND: 识别/退出/调整/项目 */
    C_YEAR("year")
    C_DATE_REQ("meeting_date")
    C_TEXT("host")
    C_NONNEG("attendees")
    " representatives INTEGER NOT NULL DEFAULT 0 CONSTRAINT representatives\n"
    "   CHECK (representatives >= 0 AND representatives <= attendees),\n"
    C_TEXT("recorder")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE TABLE projects (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_CODE_REQ("kind")              /* CL_PROJECT */
    C_YEAR("year")
    C_TEXT("content")
    C_TEXT("partner_name")
    C_CODE("partner_type")          /* CL_PARTNER */
    C_NONNEG("amount")              /* 申请金额, fen */
    " meeting_id INTEGER REFERENCES meetings(id),\n"
    C_DATE("township_approved")
    " notice_id INTEGER REFERENCES notices(id),\n"
    C_DATE("start_date")            /* 开工日期: the 预付 follows it */
    C_DATE("verify_requested")      /* 申请验收日期: 村级核验 within 15 days */
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX projects_household ON projects(household_id, year);\n"
    "CREATE TABLE votes (\n"
    " id INTEGER PRIMARY KEY,\n"
    " meeting_id INTEGER NOT NULL REFERENCES meetings(id),\n"
    C_HH
    " project_id INTEGER REFERENCES projects(id),\n"
    C_NONNEG("votes_for")
    C_NONNEG("votes_against")
    C_NONNEG("votes_abstain")
    " score INTEGER NOT NULL DEFAULT 0,\n"   /* 排队打分 ×100 */
    C_BOOL("passed")
    C_STAMPS ",\n"
    " UNIQUE (meeting_id, household_id, project_id)\n"
    ");\n"
    "CREATE INDEX votes_household ON votes(household_id);\n"

    /* ---- Form D: notices and their lists, objections ---- */
    "CREATE TABLE notices (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_CODE_REQ("kind")              /* CL_NOTICE_KIND */
    " round INTEGER NOT NULL CONSTRAINT round CHECK (round IN (1,2,3)),\n"
    " area TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,\n"
    C_YEAR("year")
    C_DATE_REQ("start_date")
    " days INTEGER NOT NULL DEFAULT 7 CONSTRAINT days CHECK (days > 0),\n"
    C_DATE_REQ("end_date")
    C_TEXT("place")
    C_TEXT("phone")
    C_TEXT("publisher")
    C_TEXT("approval_no")           /* 县级确认批文号 (round 3) */
    C_DATE("approval_date")
    C_BOOL("posted")
    C_BOOL("closed")
    C_SOFT C_STAMPS ",\n"
    " CONSTRAINT end_date CHECK (end_date >= start_date)\n"
    ");\n"
    "CREATE TABLE notice_households (\n"
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    C_HH
    C_NONNEG("ordinal")
    " project_id INTEGER REFERENCES projects(id),\n"
    C_TEXT("remark")                /* 备注: printed; the written reason of a 清退 */
    " PRIMARY KEY (notice_id, household_id)\n"
    ");\n"
    "CREATE INDEX notice_households_household ON notice_households(household_id);\n"
    /* 乡镇回访核查 (SPEC §3.1 step 5): one result per household per round-1
     * notice; the move to 已回访 needs a passed one (db/workflow_store.c). */
    "CREATE TABLE rechecks (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    C_DATE_REQ("date")
    C_TEXT("checker")
    C_BOOL("passed")
    C_TEXT("result")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX rechecks_household ON rechecks(household_id);\n"
    /* A posted list is what hung on the wall: frozen. */
    "CREATE TRIGGER notice_households_frozen_ins BEFORE INSERT ON notice_households\n"
    " WHEN (SELECT posted FROM notices WHERE id = new.notice_id) = 1 BEGIN\n"
    " SELECT RAISE(ABORT, '公示已张贴，名单不可修改 (posted notice list is frozen)'); END;\n"
    "CREATE TRIGGER notice_households_frozen_upd BEFORE UPDATE ON notice_households\n"
    " WHEN (SELECT posted FROM notices WHERE id = old.notice_id) = 1 BEGIN\n"
    " SELECT RAISE(ABORT, '公示已张贴，名单不可修改 (posted notice list is frozen)'); END;\n"
    "CREATE TRIGGER notice_households_frozen_del BEFORE DELETE ON notice_households\n"
    " WHEN (SELECT posted FROM notices WHERE id = old.notice_id) = 1 BEGIN\n"
    " SELECT RAISE(ABORT, '公示已张贴，名单不可修改 (posted notice list is frozen)'); END;\n"
    "CREATE TABLE objections (\n"
    " id INTEGER PRIMARY KEY,\n"
    " notice_id INTEGER NOT NULL REFERENCES notices(id),\n"
    C_HH
    C_DATE_REQ("received_date")
    C_TEXT("objector")              /* '' = anonymous */
    C_TEXT("content")
    C_TEXT("checker")
    C_TEXT("check_result")
    " resolution INTEGER NOT NULL DEFAULT 0 CONSTRAINT resolution CHECK (resolution IN (0,1,2)),\n"
    C_DATE("resolved_date")          /* resolution: 0 open, 1 维持, 2 取消 */
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX objections_notice ON objections(notice_id, household_id);\n"
    "CREATE INDEX objections_household ON objections(household_id);\n"

    /* ---- assistance: helpers, assignments, aid records, waivers ---- */
    "CREATE TABLE helpers (\n"
    " id INTEGER PRIMARY KEY,\n"
    " name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),\n"
    C_TEXT("unit")
    C_TEXT("title")
    C_TEXT("phone")
    C_SOFT C_STAMPS
    ");\n"
    "CREATE TABLE assignments (\n"
    " id INTEGER PRIMARY KEY,\n"
    " helper_id INTEGER NOT NULL REFERENCES helpers(id),\n"
    C_HH
    C_DATE_REQ("from_date")
    " to_date TEXT CONSTRAINT to_date CHECK (to_date IS NULL OR\n"
    "   (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),\n"
    C_SOFT C_STAMPS
    ");\n"
    /* 一对一: one current helper per household. */
    "CREATE UNIQUE INDEX assignments_current ON assignments(household_id)\n"
    " WHERE to_date IS NULL AND deleted = 0;\n"
    "CREATE INDEX assignments_household ON assignments(household_id, from_date);\n"
    "CREATE TABLE aid_records (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    " helper_id INTEGER REFERENCES helpers(id),\n"
    C_DATE_REQ("date")
    C_CODE_REQ("measure")           /* CL_MEASURE */
    C_TEXT("content")
    C_NONNEG("money")               /* 投入资金, fen */
    C_NONNEG("goods_value")         /* 物资折款, fen */
    C_TEXT("outcome")
    C_BOOL("signed_household")
    C_BOOL("signed_village")
    C_BOOL("signed_team")
    " corrects_id INTEGER REFERENCES aid_records(id),\n"
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX aid_records_household ON aid_records(household_id, date);\n"
    /* The card and the ledger show which entry corrects which. */
    "CREATE INDEX aid_records_corrects ON aid_records(corrects_id) WHERE corrects_id IS NOT NULL;\n"
    /* A confirmed entry (any of the three signatures) is a signed paper:
     * its content is never edited nor deleted; a correction is a new entry
     * with corrects_id.  Adding a missing signature stays possible. */
    "CREATE TRIGGER aid_records_confirmed BEFORE UPDATE ON aid_records\n"
    " WHEN (old.signed_household OR old.signed_village OR old.signed_team) AND (\n"
    "  new.household_id IS NOT old.household_id OR new.helper_id IS NOT old.helper_id OR\n"
    "  new.date IS NOT old.date OR new.measure IS NOT old.measure OR\n"
    "  new.content IS NOT old.content OR new.money IS NOT old.money OR\n"
    "  new.goods_value IS NOT old.goods_value OR new.outcome IS NOT old.outcome OR\n"
    "  new.corrects_id IS NOT old.corrects_id OR new.deleted IS NOT old.deleted OR\n"
    "  new.signed_household < old.signed_household OR new.signed_village < old.signed_village OR\n"
    "  new.signed_team < old.signed_team) BEGIN\n"
    " SELECT RAISE(ABORT, '已签字确认的帮扶记录不能修改，请新增一条更正记录 (confirmed aid entry: add a correction)'); END;\n"
    "CREATE TABLE waivers (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_DATE_REQ("date")
    " reason TEXT NOT NULL CONSTRAINT reason CHECK (length(trim(reason)) > 0),\n"
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX waivers_household ON waivers(household_id);\n"
    /* 放弃帮扶声明 stops new aid entries dated after it (corrections of old
     * ones still go); the day itself is allowed, as check AID_AFTER_WAIVER. */
    "CREATE TRIGGER aid_records_after_waiver BEFORE INSERT ON aid_records\n"
    " WHEN new.corrects_id IS NULL AND EXISTS (SELECT 1 FROM waivers WHERE\n"
    "  household_id = new.household_id AND deleted = 0 AND date < new.date) BEGIN\n"
    " SELECT RAISE(ABORT, '该户已声明放弃帮扶，不能新增帮扶记录 (household waived assistance)'); END;\n"

    /* ---- Form F: disbursements and verifications of projects ---- */
    "CREATE TABLE disbursements (\n"
    " id INTEGER PRIMARY KEY,\n"
    " project_id INTEGER NOT NULL REFERENCES projects(id),\n"
    C_DATE_REQ("date")
    " amount INTEGER NOT NULL CONSTRAINT amount CHECK (amount > 0),\n"
    " stage INTEGER NOT NULL CONSTRAINT stage CHECK (stage IN (1,2)),\n"  /* 1 预付 2 尾款 */
    C_SOFT C_STAMPS
    ");\n"
    "CREATE INDEX disbursements_project ON disbursements(project_id);\n"
    "CREATE TABLE verifications (\n"
    " id INTEGER PRIMARY KEY,\n"
    " project_id INTEGER NOT NULL REFERENCES projects(id),\n"
    " level INTEGER NOT NULL CONSTRAINT level CHECK (level IN (1,2,3)),\n"  /* 村 乡镇 县 */
    C_DATE_REQ("date")
    C_BOOL("passed")
    C_TEXT("conclusion")
    C_STAMPS ",\n"
    " UNIQUE (project_id, level)\n"
    ");\n"

    /* ---- Form G: exits (脱贫退出) ---- */
    "CREATE TABLE exits (\n"
    " id INTEGER PRIMARY KEY,\n"
    C_HH
    C_YEAR("year")
    C_CODE_REQ("route")             /* CL_EXIT_ROUTE 脱贫途径 */
    C_NONNEG("per_capita")          /* fen, from the year's survey */
    C_NONNEG("exit_line")           /* fen */
    C_BOOL("food")                  /* 不愁吃 */
    C_BOOL("clothing")              /* 不愁穿 */
    C_BOOL("education")             /* 义务教育有保障 */
    C_BOOL("medical")               /* 基本医疗有保障 */
    C_BOOL("housing")               /* 住房安全有保障 */
    C_BOOL("water")                 /* 饮水安全有保障 */
    C_DATE("check_date")
    C_TEXT("checker")
    C_DATE("exit_date")             /* set when the household leaves */
    C_SOFT C_STAMPS
    ");\n"
    "CREATE UNIQUE INDEX exits_household_year ON exits(household_id, year) WHERE deleted = 0;\n"

    /* ---- the audit log: append-only; rows written by triggers ---- */
    "CREATE TABLE audit (\n"
    " id INTEGER PRIMARY KEY,\n"
    " at TEXT NOT NULL DEFAULT (" NOW "),\n"
    " operator TEXT NOT NULL,\n"
    " tbl TEXT NOT NULL,\n"
    " row_id INTEGER NOT NULL,\n"
    " action TEXT NOT NULL CHECK (action IN ('insert','update','delete')),\n"
    " old TEXT,\n"
    " new TEXT\n"
    ");\n"
    "CREATE INDEX audit_row ON audit(tbl, row_id);\n"
    APPEND_ONLY("audit", "审计记录")

    /* ---- list search (db/household_store.c) ---- */
    /* One row per 128 households (chunk = id >> 7): records
     * "id US names US ids LF" sorted by id, scanned with memmem. */
    "CREATE TABLE hh_search (chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);\n"

    /* Soft-deleting a household soft-deletes its members, so their ID numbers
     * are free for another household; restoring it brings back the members
     * deleted with it (same deleted_at), not those removed earlier. */
    "CREATE TRIGGER households_delete_members AFTER UPDATE OF deleted ON households\n"
    " WHEN new.deleted = 1 AND old.deleted = 0 BEGIN\n"
    " UPDATE members SET deleted = 1, deleted_at = new.deleted_at\n"
    "  WHERE household_id = new.id AND deleted = 0; END;\n"
    "CREATE TRIGGER households_restore_members AFTER UPDATE OF deleted ON households\n"
    " WHEN new.deleted = 0 AND old.deleted = 1 BEGIN\n"
    " UPDATE members SET deleted = 0, deleted_at = NULL\n"
    "  WHERE household_id = new.id AND deleted = 1 AND deleted_at IS old.deleted_at; END;\n"
    /* An active member belongs to an active household. */
    "CREATE TRIGGER members_active_household_ins BEFORE INSERT ON members\n"
    " WHEN new.deleted = 0 AND (SELECT deleted FROM households WHERE id = new.household_id) = 1 BEGIN\n"
    " SELECT RAISE(ABORT, '该户已删除，不能添加成员 (household is deleted)'); END;\n"
    "CREATE TRIGGER members_active_household_upd BEFORE UPDATE ON members\n"
    " WHEN new.deleted = 0 AND (SELECT deleted FROM households WHERE id = new.household_id) = 1 BEGIN\n"
    " SELECT RAISE(ABORT, '该户已删除，不能修改成员 (household is deleted)'); END;\n"

    /* ---- defaults of the settings screen ---- */
    "INSERT INTO settings(key, value) VALUES\n"
    " ('labour.min_age', '16'), ('labour.male_max', '60'), ('labour.female_max', '55'),\n"
    " ('notice.days', '7'), ('notice.project_days', '3'),\n"
    " ('cap.income_project', '3000000'), ('cap.housing', '5000000'),\n"
    " ('stage.first_pct', '80'), ('stage.final_pct', '20'),\n"
    " ('verify.village_days', '15'), ('verify.township_days', '15'),\n"
    " ('meeting.min_people', '50'), ('project_meeting.min', '9'), ('project_meeting.max', '15'),\n"
    " ('ui.auto_advance', '1');\n";

/* Drafts by field instead of the bytes of struct household (db/drafts.c
 * says why).  The old table keeps its drafts as drafts_blob until each has
 * been offered once; draft_values.value has no type: numbers stay numbers. */
static const char MIGRATION_2[] =
    "ALTER TABLE drafts RENAME TO drafts_blob;\n"
    "CREATE TABLE drafts (\n"
    " form TEXT NOT NULL, key TEXT NOT NULL,\n"
    " updated_at TEXT NOT NULL DEFAULT (" NOW "),\n"
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
    " at TEXT NOT NULL DEFAULT (" NOW ")\n"
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
    " at TEXT NOT NULL DEFAULT (" NOW ")\n"
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
    " at TEXT NOT NULL DEFAULT (" NOW ")\n"
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
static const char TEAM_SIGNER_TRIGGER[] =
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

static const char *const MIGRATIONS[] = {
    MIGRATION_1,
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
/* The step that adds surveys.declared_per_capita. */
#define DECLARED_VERSION 8
/* The step after which existing posted notices get their stored rows. */
#define NOTICE_SHEETS_VERSION 3
/* A file older than this has its initials index rebuilt by the upgrade. */
#define REBUILD_SEARCH_FROM 4
/* The step after which the audit rows already in the file are chained. */
#define AUDIT_HASH_VERSION 6
/* The step from which operators are audited. */
#define OPERATORS_AUDIT_VERSION 10
/* The step that adds the 驻村工作队 and aid_records.team_signer_id. */
#define TEAM_VERSION 11
/* The step that moves the log into the compact audit_log. */
#define AUDIT_COMPACT_VERSION 16
/* The step that makes a village exit's 公示 a notice (village_exits.notice_id). */
#define VILLAGE_NOTICE_VERSION 17
/* The step after which the stamps are integers (stamps_convert). */
#define STAMPS_VERSION 20
/* The step that stores the posted notices' rows in notice_sheet_lines. */
#define SHEET_LINES_VERSION 22
#define N_MIGRATIONS ((int)(sizeof MIGRATIONS / sizeof *MIGRATIONS))

const char *const DB_AUDITED_TABLES[] = {
    "households", "members", "applications", "surveys", "aid_records", "objections",
    "exits", "waivers", "assignments", "helpers", "projects", "disbursements",
    "votes", "verifications", "meetings", "notices", "rechecks", "operators",
    "team_members", "team_visits", "team_visit_households",
    "monitor_records", "monitor_dismissals", "hh_events",
    "villages", "village_years", "village_exits", "plans", "plan_items", "flow_targets",
    "loans", "loan_repayments", "trainings", "relocations", "asset_shares", "asset_dividends", NULL
};

int db_schema_current(void)
{
    return N_MIGRATIONS;
}

/* ---- audit triggers ------------------------------------------------------ */

struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
};

static void sb_add(struct sbuf *b, const char *t)
{
    size_t n = strlen(t);
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
}

#define MAX_COLS DB_AUDIT_MAX_COLS
/* SQLite limits a function to 127 arguments by default, and surveys has more
 * columns than that, so a row's JSON is json_object() of the first chunk with
 * json_insert() of the rest (json_insert keeps NULLs, json_patch would not). */
#define JSON_CHUNK 50

static int is_stamp(const char *col)
{
    return strcmp(col, "created_at") == 0 || strcmp(col, "updated_at") == 0;
}

void db_schema_audit_value(char *out, size_t outsz, const char *rec, const char *col)
{
    char v[160];
    snprintf(v, sizeof v, "%s%s\"%.63s\"", rec ? rec : "", rec ? "." : "", col);
    if (is_stamp(col))
        snprintf(out, outsz, "CASE typeof(%s) WHEN 'integer' THEN datetime(%s, 'unixepoch') ELSE %s END",
                 v, v, v);
    else
        snprintf(out, outsz, "%s", v);
}

static void sb_row_json(struct sbuf *b, const char *rec, char cols[][64], int n)
{
    int chunks = (n + JSON_CHUNK - 1) / JSON_CHUNK;
    for (int c = 1; c < chunks; c++)
        sb_add(b, "json_insert(");
    char item[800], val[600];
    for (int c = 0; c < chunks; c++) {
        int lo = c * JSON_CHUNK, hi = lo + JSON_CHUNK < n ? lo + JSON_CHUNK : n;
        sb_add(b, c == 0 ? "json_object(" : ", ");
        for (int i = lo; i < hi; i++) {
            db_schema_audit_value(val, sizeof val, rec, cols[i]);
            snprintf(item, sizeof item, "%s'%s%.63s', %s", i > lo ? ", " : "", c == 0 ? "" : "$.",
                     cols[i], val);
            sb_add(b, item);
        }
        sb_add(b, ")");
    }
}

/* Columns the audit never sees, "table.column": a password's hash is no
 * business of the log's readers, and the login throttle would flood it. */
static const char *const UNAUDITED_COLUMNS =
    "'operators.pw_hash', 'operators.failures', 'operators.retry_after'";

/* The audited columns of `table` in order; 0 when it has none (no such table). */
int db_schema_audit_columns(struct db *db, const char *table, char cols[][64], int *n)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') WHERE '%s.' || name "
             "NOT IN (%s) ORDER BY cid", table, table, UNAUDITED_COLUMNS);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    *n = 0;
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < MAX_COLS)
        snprintf(cols[(*n)++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The old and new values an audit row keeps for action a (0 insert,
 * 1 update, 2 delete), as two SQL expressions "old AS o, new AS n". */
static void sb_audit_values(struct sbuf *b, int a, char cols[][64], int n)
{
    if (a == 0) {
        /* insert (issue 14): no image — the record itself holds the values
         * until its first update, whose old values the log keeps.  `new`
         * is how many audited columns the record had (later migrations
         * add columns at the end), and d, the digest of those values (all
         * but updated_at, which no audit row follows), goes into the hash:
         * the log commits to what was inserted, so `fupin check` finds a
         * record changed without an audit row (db/audit_replay.c).  One
         * argument per column: a table of more than 127 columns would
         * fail here, loudly, at the migration (surveys has 68). */
        char line[160], val[600];
        snprintf(line, sizeof line, "NULL AS o, %d AS n, fupin_audit_row(", n);
        sb_add(b, line);
        int first = 1;
        for (int i = 0; i < n; i++) {
            if (strcmp(cols[i], "updated_at") == 0)
                continue;
            db_schema_audit_value(val, sizeof val, "new", cols[i]);
            sb_add(b, first ? "" : ", ");
            sb_add(b, val);
            first = 0;
        }
        sb_add(b, ") AS d");
    } else if (a == 1) {
        /* update: the changed columns only, old and new side by side. */
        for (int side = 0; side < 2; side++) {
            sb_add(b, side ? ", " : "");
            sb_add(b, side ? "(SELECT json_group_object(o.key, n.value) FROM json_each("
                           : "(SELECT json_group_object(o.key, o.value) FROM json_each(");
            sb_row_json(b, "old", cols, n);
            sb_add(b, ") o JOIN json_each(");
            sb_row_json(b, "new", cols, n);
            sb_add(b, ") n ON n.key = o.key WHERE o.value IS NOT n.value AND o.key <> 'updated_at')");
            sb_add(b, side ? " AS n" : " AS o");
        }
    } else {
        /* delete: the whole row as it was. */
        sb_row_json(b, "old", cols, n);
        sb_add(b, " AS o, NULL AS n");
    }
}

static const char *const AUDIT_ACTIONS[] = { "insert", "update", "delete" };

/* The CREATE TRIGGER text of audit_<table>_<action>, as sqlite_master
 * keeps it (no trailing semicolon).
 *
 * The operator comes from the one-row table current_operator, which
 * db_begin/db_set_operator keep equal to the connection's operator
 * (triggers in the main schema cannot read a TEMP table).  The row's hash
 * comes from fupin_audit_hash, an application function db_open registers
 * on every connection (db/audit.c): a tool without it — the sqlite3 shell —
 * cannot write an audited table at all ("no such function"), so the only
 * way to change a record outside fupin is to drop its trigger first, which
 * `fupin check` reports.  The values are computed once in the inner SELECT
 * and hashed exactly as stored: id is max + 1 (ids stay contiguous, so a
 * gap is a deleted row), the previous hash is the last row's. */
static void sb_audit_insert(struct sbuf *b, const char *table, int a, char cols[][64], int n);

static void sb_audit_trigger(struct sbuf *b, const char *table, int a, char cols[][64], int n)
{
    char line[512];
    snprintf(line, sizeof line, "CREATE TRIGGER audit_%s_%s AFTER %s ON %s\n", table,
             AUDIT_ACTIONS[a], a == 0 ? "INSERT" : a == 1 ? "UPDATE" : "DELETE", table);
    sb_add(b, line);
    if (a == 1) {
        /* Only real changes: a save that rewrites an unchanged member
         * (or only touches updated_at) leaves no noise in the log. */
        sb_add(b, " WHEN NOT (");
        int first = 1;
        for (int i = 0; i < n; i++) {
            if (strcmp(cols[i], "updated_at") == 0)
                continue;
            snprintf(line, sizeof line, "%sold.\"%.63s\" IS new.\"%.63s\"",
                     first ? "" : " AND ", cols[i], cols[i]);
            sb_add(b, line);
            first = 0;
        }
        sb_add(b, ")\n");
    }
    /* The operator's number in audit_names, made on its first write (not
     * INSERT OR IGNORE: in a trigger the outer statement's conflict clause
     * wins, and an INSERT OR REPLACE would renumber the name). */
    sb_add(b, " BEGIN INSERT INTO audit_names(name) SELECT c.name FROM current_operator c"
              " WHERE c.id = 1 AND NOT EXISTS (SELECT 1 FROM audit_names WHERE name = c.name);\n ");
    sb_audit_insert(b, table, a, cols, n);
    sb_add(b, "); END");
}

/* The trigger's statement up to its inner SELECT's end (left open: the
 * trigger closes it, the upgrade adds a FROM that names a row `new`). */
static void sb_audit_insert(struct sbuf *b, const char *table, int a, char cols[][64], int n)
{
    char line[512];
    /* Stored compactly (see AUDIT_VIEW), hashed as the view reads it. */
    snprintf(line, sizeof line,
             "INSERT INTO audit_log(id, at, operator, tbl, row_id, action, old, new, hash)\n"
             " SELECT i, s, coalesce((SELECT id FROM audit_names WHERE name = op), op),\n"
             " (SELECT id FROM audit_names WHERE name = '%s'), r, %d, o, n,\n"
             " fupin_audit_hash(p, i, datetime(s, 'unixepoch'), op, '%s', r, '%s', o, n%s)\n"
             " FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS i, ",
             table, a, table, AUDIT_ACTIONS[a], a == 0 ? ", d" : "");
    sb_add(b, line);
    sb_add(b, "CAST(strftime('%s', 'now', 'localtime') AS INTEGER) AS s,\n");
    snprintf(line, sizeof line,
             " coalesce((SELECT name FROM current_operator WHERE id = 1), '') AS op, %s.id AS r,\n"
             " (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS p, ", a == 2 ? "old" : "new");
    sb_add(b, line);
    sb_audit_values(b, a, cols, n);
}

char *db_schema_audit_trigger_sql(struct db *db, const char *table, int action)
{
    char (*cols)[64] = malloc(MAX_COLS * sizeof *cols);
    int n = 0;
    if (!cols || db_schema_audit_columns(db, table, cols, &n) != SQLITE_OK || n == 0 || action < 0 || action > 2) {
        free(cols);
        return NULL;
    }
    struct sbuf b = { 0 };
    sb_audit_trigger(&b, table, action, cols, n);
    free(cols);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

const char *db_schema_audit_guard_sql(int which)
{
    return which == 0 ? AUDIT_GUARD_UPDATE : AUDIT_GUARD_DELETE;
}

static enum db_err audit_table(struct db *db, const char *table)
{
    struct sbuf b = { 0 };
    char drop[256];
    for (int a = 0; a < 3; a++) {
        char *sql = db_schema_audit_trigger_sql(db, table, a);
        if (!sql) {
            free(b.s);
            return db_set_error(db, DB_ERR_IO, "建立审计触发器失败：表 %s 不存在 (no table %s)",
                                table, table);
        }
        snprintf(drop, sizeof drop, "DROP TRIGGER IF EXISTS audit_%s_%s;\n"
                 "INSERT OR IGNORE INTO audit_names(name) VALUES ('%s');\n", table, AUDIT_ACTIONS[a], table);
        sb_add(&b, drop);
        sb_add(&b, sql);
        sb_add(&b, ";\n");
        free(sql);
    }
    enum db_err err = DB_OK;
    if (b.oom)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    else
        err = db_exec(db, b.s, "建立审计触发器");
    free(b.s);
    return err;
}

/* Logs the insert of every row already in `table`, oldest first, as its
 * trigger would have (a table audited from an upgrade on). */
static enum db_err audit_log_existing(struct db *db, const char *table)
{
    char (*cols)[64] = malloc(MAX_COLS * sizeof *cols);
    int n = 0;
    struct sbuf b = { 0 };
    if (cols && db_schema_audit_columns(db, table, cols, &n) == SQLITE_OK && n > 0) {
        sb_audit_insert(&b, table, 0, cols, n);
        char from[160];
        snprintf(from, sizeof from, " FROM \"%s\" AS new WHERE new.id = ?1)", table);
        sb_add(&b, from);
    }
    free(cols);
    char ids_sql[160];
    snprintf(ids_sql, sizeof ids_sql, "SELECT id FROM \"%s\" ORDER BY id", table);
    sqlite3_stmt *ids = NULL, *ins = NULL;
    int rc = b.s && !b.oom ? sqlite3_prepare_v2(db_handle(db), ids_sql, -1, &ids, NULL) : SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(db), b.s, -1, &ins, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(ids)) == SQLITE_ROW) {
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(ids, 0));
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_handle(db));
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ids);
    sqlite3_finalize(ins);
    free(b.s);
    return rc == SQLITE_DONE || rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "升级审计记录");
}

enum db_err db_schema_audit_triggers(struct db *db)
{
    for (int i = 0; DB_AUDITED_TABLES[i]; i++) {
        enum db_err err = audit_table(db, DB_AUDITED_TABLES[i]);
        if (err != DB_OK)
            return err;
    }
    return DB_OK;
}

/* ---- migration ------------------------------------------------------------ */

static int read_int(struct db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* ALTER TABLE table ADD COLUMN column decl, unless it is there already
 * (SQLite has no ADD COLUMN IF NOT EXISTS). */
static enum db_err add_column(struct db *db, const char *table, const char *column, const char *decl)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
             table, column);
    int has = 0;
    int rc = read_int(db, sql, &has);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读取数据库结构");
    snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", table, column, decl);
    return has ? DB_OK : db_exec(db, sql, "升级数据库结构");
}

static enum db_err seed_lines(struct db *db)
{
    size_t n = 0;
    const struct line *lines = lines_seeded(&n);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db),
        "INSERT OR REPLACE INTO lines(year, standard, kind, amount) VALUES (?, ?, ?, ?)",
        -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int(st, 1, lines[i].year);
        sqlite3_bind_int(st, 2, lines[i].standard);
        sqlite3_bind_int(st, 3, (int)lines[i].kind);
        sqlite3_bind_int64(st, 4, lines[i].amount);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "写入贫困线");
}

/* ---- stamps as integers (STAMPS_VERSION) ---------------------------------- */

#define STAMP_TEXT_DECL(c) c " TEXT NOT NULL DEFAULT (" NOW ")"
#define STAMP_INT_DECL(c)  c " INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW ")"
/* The drafts' own stamps stay text (db/drafts.c reads them as such). */
#define STAMP_TABLES \
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('drafts', 'drafts_blob')" \
    " AND (instr(sql, ?1) OR instr(sql, ?2))"

/* The names of the tables whose declared stamps are `from_*` (a malloc'd
 * NULL-terminated array). */
static char **stamp_tables(struct db *db, const char *from_c, const char *from_u)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0, cap = 64;
    char **names = calloc(cap + 1, sizeof *names);
    if (!names || sqlite3_prepare_v2(db_handle(db), STAMP_TABLES, -1, &st, NULL) != SQLITE_OK) {
        free(names);
        return NULL;
    }
    sqlite3_bind_text(st, 1, from_c, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from_u, -1, SQLITE_STATIC);
    while (n < cap && sqlite3_step(st) == SQLITE_ROW)
        names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return names;
}

/* One table: its triggers saved and dropped (the guards would refuse the
 * UPDATE, the audit ones would log it), its values converted, the triggers
 * made again as they were.  The declared type is already the new one. */
static enum db_err stamps_table(struct db *db, const char *table, int to_int)
{
    struct sbuf undo = { 0 }, sql = { 0 };
    char line[1024];
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = ?1 AND sql IS NOT NULL", -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(line, sizeof line, "DROP TRIGGER \"%s\";\n", (const char *)sqlite3_column_text(st, 0));
        sb_add(&sql, line);
        sb_add(&undo, (const char *)sqlite3_column_text(st, 1));
        sb_add(&undo, ";\n");
    }
    sqlite3_finalize(st);
    snprintf(line, sizeof line, "UPDATE \"%s\" SET ", table);
    sb_add(&sql, line);
    static const char *const cols[] = { "created_at", "updated_at" };
    int first = 1;
    for (int i = 0; i < 2; i++) {
        snprintf(line, sizeof line, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
                 table, cols[i]);
        int has = 0;
        if (read_int(db, line, &has) != SQLITE_OK || !has)
            continue;
        const char *c = cols[i];
        if (to_int)
            snprintf(line, sizeof line, "%s%s = CASE WHEN datetime(CAST(strftime('%%s', %s) AS INTEGER), "
                     "'unixepoch') IS %s THEN CAST(strftime('%%s', %s) AS INTEGER) ELSE %s END",
                     first ? "" : ", ", c, c, c, c, c);
        else
            snprintf(line, sizeof line, "%s%s = CASE typeof(%s) WHEN 'integer' THEN datetime(%s, 'unixepoch') "
                     "ELSE %s END", first ? "" : ", ", c, c, c, c);
        sb_add(&sql, line);
        first = 0;
    }
    sb_add(&sql, first ? "rowid = rowid;\n" : ";\n");
    sb_add(&sql, undo.s ? undo.s : "");
    enum db_err err = rc != SQLITE_OK ? db_fail(db, rc, "升级数据库结构")
                    : sql.oom || undo.oom ? db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)")
                    : db_exec(db, sql.s, "升级数据库结构");
    free(sql.s);
    free(undo.s);
    return err;
}

enum db_err db_schema_stamps(struct db *db, int to_int)
{
    const char *from_c = to_int ? STAMP_TEXT_DECL("created_at") : STAMP_INT_DECL("created_at");
    const char *from_u = to_int ? STAMP_TEXT_DECL("updated_at") : STAMP_INT_DECL("updated_at");
    const char *to_c = to_int ? STAMP_INT_DECL("created_at") : STAMP_TEXT_DECL("created_at");
    const char *to_u = to_int ? STAMP_INT_DECL("updated_at") : STAMP_TEXT_DECL("updated_at");
    char **tables = stamp_tables(db, from_c, from_u);
    if (!tables)
        return db_fail(db, sqlite3_errcode(db_handle(db)), "读取数据库结构");
    /* The declared types first, then the schema read anew: only then does
     * SQLite keep an integer written to the column as one. */
    sqlite3_stmt *st = NULL;
    enum db_err err = db_exec(db, "PRAGMA writable_schema = ON", "升级数据库结构");
    int rc = err == DB_OK ? sqlite3_prepare_v2(db_handle(db), "UPDATE sqlite_master SET sql = "
                                               "replace(replace(sql, ?1, ?2), ?3, ?4) WHERE type = 'table' "
                                               "AND name = ?5", -1, &st, NULL) : SQLITE_OK;
    for (int i = 0; err == DB_OK && rc == SQLITE_OK && tables[i]; i++) {
        sqlite3_bind_text(st, 1, from_c, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to_c, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, from_u, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, to_u, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, tables[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_handle(db));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (err == DB_OK && rc != SQLITE_OK)
        err = db_fail(db, rc, "升级数据库结构");
    enum db_err off = db_exec(db, "PRAGMA writable_schema = RESET; PRAGMA writable_schema = OFF",
                              "升级数据库结构");
    err = err == DB_OK ? off : err;
    for (int i = 0; err == DB_OK && tables[i]; i++)
        err = stamps_table(db, tables[i], to_int);
    for (int i = 0; tables[i]; i++)
        free(tables[i]);
    free(tables);
    return err;
}

enum db_err db_schema_migrate(struct db *db, int created)
{
    (void)created;
    int version = 0;
    int rc = read_int(db, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读取数据库版本");
    if (version > N_MIGRATIONS)
        return db_set_error(db, DB_ERR_NEWER,
            "数据库版本 %d 比本程序支持的版本 %d 新，请升级 fupin 后再打开，未做任何修改 "
            "(database schema %d is newer than this fupin's %d: %s)",
            version, N_MIGRATIONS, version, N_MIGRATIONS, db_path(db));
    if (version == N_MIGRATIONS)
        return DB_OK;
    if (db_is_readonly(db))
        return db_set_error(db, DB_ERR_READONLY,
            "数据库需要升级（版本 %d → %d），但以只读方式打开 (schema upgrade needs write access: %s)",
            version, N_MIGRATIONS, db_path(db));

    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    /* Another program may have upgraded between our read and the lock. */
    rc = read_int(db, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "读取数据库版本");
        goto fail;
    }
    if (version == 0) {
        int objects = 0;
        rc = read_int(db, "SELECT count(*) FROM sqlite_master", &objects);
        if (rc != SQLITE_OK) {
            err = db_fail(db, rc, "读取数据库结构");
            goto fail;
        }
        if (objects > 0) {
            /* Some other program's SQLite file: never write our tables into it. */
            err = db_set_error(db, DB_ERR_NOTDB,
                "这不是 fupin 的数据库文件（是其他程序的 SQLite 文件），未做任何修改 "
                "(not a fupin database: %s)", db_path(db));
            goto fail;
        }
    }
    if (version > N_MIGRATIONS) {
        err = db_set_error(db, DB_ERR_NEWER, "数据库版本比本程序新 (database schema %d is newer: %s)",
                           version, db_path(db));
        goto fail;
    }
    int was_empty = version == 0, from = version;
    for (; version < N_MIGRATIONS; version++) {
        int moved = 0;
        const char *done = version + 1 == AUDIT_COMPACT_VERSION ? "audit_log"
                         : version + 1 == SHEET_LINES_VERSION ? "notice_sheet_lines" : NULL;
        char sql_done[96];
        snprintf(sql_done, sizeof sql_done, "SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                 done ? done : "");
        if (done && (rc = read_int(db, sql_done, &moved)) != SQLITE_OK) {
            err = db_fail(db, rc, "读取数据库结构");
            goto fail;
        }
        /* A file marked older than it is (its log or sheet rows already
         * moved) keeps them as they are. */
        err = moved ? DB_OK : db_exec(db, MIGRATIONS[version], "升级数据库结构");
        if (err == DB_OK && !was_empty && version + 1 == AUDIT_HASH_VERSION)
            err = audit_chain_existing(db);
        if (err == DB_OK && version + 1 == STAMPS_VERSION)
            err = db_schema_stamps(db, 1);
        if (err != DB_OK)
            goto fail;
    }
    if (from < DECLARED_VERSION)
        err = add_column(db, "surveys", "declared_per_capita", "INTEGER NOT NULL DEFAULT 0");
    if (err == DB_OK && from < OPERATORS_AUDIT_VERSION)
        err = add_column(db, "operators", "pw_reset_at", "TEXT NOT NULL DEFAULT ''");
    if (err == DB_OK && from < TEAM_VERSION)
        err = add_column(db, "aid_records", "team_signer_id", "INTEGER REFERENCES team_members(id)");
    if (err == DB_OK && from < TEAM_VERSION)
        err = db_exec(db, TEAM_SIGNER_TRIGGER, "升级数据库结构");
    if (err == DB_OK && from < VILLAGE_NOTICE_VERSION)
        err = add_column(db, "village_exits", "notice_id", "INTEGER REFERENCES notices(id)");
    if (err != DB_OK)
        goto fail;
    if (!was_empty && from < REBUILD_SEARCH_FROM) {
        err = db_search_initials_rebuild(db);
        if (err != DB_OK)
            goto fail;
    }
    err = db_schema_audit_triggers(db);
    if (err == DB_OK && !was_empty && from < OPERATORS_AUDIT_VERSION)
        err = audit_log_existing(db, "operators");
    if (err != DB_OK)
        goto fail;
    if (!was_empty && from < NOTICE_SHEETS_VERSION) {
        err = notice_sheet_freeze_all(db);
        if (err != DB_OK)
            goto fail;
    }
    if (!was_empty && from < VILLAGE_NOTICE_VERSION) {
        err = vs_exit_notices_adopt(db);
        if (err != DB_OK)
            goto fail;
    }
    if (was_empty) {
        err = seed_lines(db);
        if (err != DB_OK)
            goto fail;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", N_MIGRATIONS);
    err = db_exec(db, sql, "写入数据库版本");
    if (err != DB_OK)
        goto fail;
    err = db_commit(db);
    /* The stamps' conversion leaves the file as large as it was, its
     * pages part empty: VACUUM gives the space back once, at the upgrade
     * (a 420 MB county file: ~70 MB, in under a minute); so does the
     * move of the posted rows (SHEET_LINES_VERSION).  Without room for
     * the copy it fails and the file stays as it is, whole. */
    if (err == DB_OK && !was_empty && from < SHEET_LINES_VERSION)
        sqlite3_exec(db_handle(db), "VACUUM", NULL, NULL, NULL);
    return err;
fail:
    db_rollback(db);
    return err;
}
