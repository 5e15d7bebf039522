/* schema_v1.c — the first step of the schema (user_version 0 → 1): every
 * table of the first release, as it was released.  Never edited: a change
 * is a new step in db/schema_sql.c.  Column shapes: db/schema_priv.h. */
#include "db/schema_priv.h"

const char schema_migration_1[] =
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
    " created_at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
    ");\n"
    /* Read by the audit triggers; see db_schema_audit_triggers. */
    "CREATE TABLE current_operator (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL);\n"
    "INSERT INTO current_operator VALUES (1, '');\n"
    "CREATE TABLE drafts (\n"
    " form TEXT NOT NULL, key TEXT NOT NULL, blob BLOB NOT NULL,\n"
    " updated_at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW "),\n"
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
    " at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")\n"
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
     * notice; the move to 已回访 needs a passed one (db/wfs_objection.c). */
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
    " at TEXT NOT NULL DEFAULT (" DB_TEXT_NOW "),\n"
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
