# A county file with hundreds of villages: every picker lists them all and
# filters as typed.  The pickers had their own caps (Form A's 村 512, the
# 村民小组 settings 512, 村级评议 600, 公示范围 600 areas) and silently
# dropped the rest: the 700th village could not be keyed on Form A at all.
# One picker now (tui/areapick.c); Home/End reach either end of any list.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/county.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 200 --seed 4
TOWN=$(sqlite3 "$DB" "SELECT code FROM areas WHERE level = 2 ORDER BY code LIMIT 1")
# 700 more villages under the township (codes …300 to …999), the last 那桐村.
sqlite3 "$DB" "WITH RECURSIVE i(n) AS (SELECT 300 UNION ALL SELECT n + 1 FROM i WHERE n < 999)
               INSERT INTO areas(code, level, name, parent)
               SELECT '$TOWN' || n, 3, CASE n WHEN 999 THEN '那桐村' ELSE '新村' || n END, '$TOWN' FROM i"
NV=$(sqlite3 "$DB" "SELECT count(*) FROM areas WHERE level = 3")
[ "$NV" -gt 700 ] || fail "only $NV villages"
LAST=${TOWN}999
V1=$(sqlite3 "$DB" "SELECT village FROM households GROUP BY village ORDER BY count(*) DESC LIMIT 1")
V1NAME=$(sqlite3 "$DB" "SELECT name FROM areas WHERE code = '$V1'")
tui_start "$DB"
wait_for "主菜单"

# ---- 基础设置 counts them all (a 4 096 array counted before).
k 9; wait_for "$NV 个村"
k Escape; wait_for "主菜单"

# ---- Form A: F4 on 村, letters filter to the 700th village.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter; cursor_on "村 [0-9]"
k F4; wait_for "选择村"
k n t c; wait_for "那桐村"; not_on_screen "新村998"
k Enter; wait_for "村 $LAST 那桐村"
# digits filter by a part of the code; End reaches the last of the list
k F4; wait_for "选择村"
k 2 0 0 9 9 9; wait_for "那桐村"; not_on_screen "新村998"
k Escape; wait_for "村 $LAST 那桐村"
k F4; wait_for "选择村"; k Home; k End; k Enter
wait_for "村 $LAST 那桐村"
k F4; wait_for "选择村"; k Home; k Enter
not_on_screen "村 $LAST 那桐村"
k Escape; answer_if "保存修改吗" n "主菜单"
wait_for "主菜单"

# ---- 户信息查询's village filter: the same picker.
k 2; wait_for "户信息查询"
k F6; wait_for "按村筛选"
k n t c; wait_for "那桐村"; k Enter
wait_for "没有符合条件的户"
k F6; wait_for "按村筛选"; k Home; k Enter      # 全部村
wait_for "200 户"
k Escape; wait_for "主菜单"

# ---- 驻村工作队 of the 700th village.
k T; wait_for "选择村"
k n t c; wait_for "那桐村"; k Enter
wait_for "驻村工作队 — 那桐村"
# A visit entry holds at most 60 households: the 61st tick is refused with
# a message (the ticks past 60 were dropped at save without a word), and a
# village of any size is listed whole (the list stopped at 500).
k F3; wait_for "选择村"
k $(echo "$V1" | cut -c7- | sed 's/./& /g'); wait_for "$V1NAME"; k Enter
wait_for "驻村工作队 — $V1NAME"
k F5; wait_for "走访记录 — $V1NAME"
k IC; wait_for "走访记录 — 新增"
k 20261120; k 集中走访 Enter
k F2; wait_for "走访人 (当天"
k Enter; wait_for "选择走访户"
tx send-keys -t t $(i=0; while [ $i -lt 61 ]; do printf 'Space Down '; i=$((i + 1)); done)
wait_for "一条走访记录最多 60 户"
wait_for "已选 60 户"
k Enter; wait_for "已保存走访记录 (2026-11-20，60 户)"
k Escape; wait_for "驻村工作队 — $V1NAME"
k Escape; wait_for "主菜单"

# ---- 村级评议: a meeting for it (the picker stopped at 600).
k 3; wait_for "村级评议"
k N; wait_for "评议的村"
k n t c; wait_for "那桐村"; k Enter
wait_for "评议类型"; k Escape
k Escape; wait_for "主菜单"

# ---- a small screen with the picker open: it says so, and comes back whole.
k T; wait_for "选择村"
tx resize-window -t t -x 60 -y 15; wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30; wait_for "选择村"
k n t c; wait_for "那桐村"; k Escape               # Esc on the first pick: back to the menu
wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
