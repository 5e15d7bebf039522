# Exports are proposed beside the database, not in the folder the program
# was started from: a random-key run once left exported files in the
# checkout (and a clerk's shortcut may start it anywhere).  The aid-card
# ledger and a notice are exported with the proposed name (Enter only).
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-02
mkdir -p "$T/data"
DB=$T/data/d.db
"$FUPIN" demo --db "$DB" --households 30 --seed 7 >/dev/null || fail demo
IDNO=$(sql "$DB" "SELECT m.id_no FROM households h JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      JOIN assignments a ON a.household_id = h.id AND a.to_date IS NULL WHERE h.deleted = 0 ORDER BY h.id LIMIT 1")
before=$(ls | wc -l)
tui_start "$DB"
wait_for "主菜单"
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "帮扶责任人"
k F9; wait_for "本村全部帮扶记录"; k Enter
wait_for "已导出帮扶台账"; k Enter
[ -f "$T/data/帮扶台账_20261202.xlsx" ] || fail "ledger not beside the database: $(ls "$T/data")"
k Escape; wait_for "主菜单"
k 4; wait_for "公示管理 (三榜公示)"
k Enter; sleep 0.5; k x; wait_for "导出公示名单"; k Enter; wait_for "已导出公示名单"; k Enter
ls "$T/data" | grep -q '^公示名单_[0-9]*\.xlsx$' || fail "notice not beside the database: $(ls "$T/data")"
# A bare name typed over the proposal goes beside the database too.
k x; wait_for "导出公示名单"; k C-u 第一榜.xlsx Enter; wait_for "导出完成"; k Enter
[ -f "$T/data/第一榜.xlsx" ] || fail "a bare name was not saved beside the database: $(ls "$T/data")"
k Escape; k Escape; wait_for "主菜单"
# A backup under a bare name (数据维护 → 备份数据库) goes there too.
k 0; wait_for "备份数据库"; k 2; wait_for "备份文件"; k C-u 备份.db Enter
wait_for "备份完成"; k Enter
[ -f "$T/data/备份.db" ] || fail "a bare backup name was not saved beside the database: $(ls "$T/data")"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
[ "$(ls | wc -l)" = "$before" ] || fail "files appeared where the program was started: $(ls -t | head -3)"
echo "ok: exports proposed beside the database"
