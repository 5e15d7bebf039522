# 项目管理 on a county's years of projects: every one listed (the list stopped
# at 2 000 without a word; the rest could not be opened or moved on).
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/p.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 2
# 2 100 more projects for the household the list shows last (its order:
# village, group, 户编号, id), in 2016–2025, and one of 2030 that sorts
# after them all.
LAST=$(sql "$DB" "SELECT id FROM households WHERE deleted = 0
                  ORDER BY village DESC, group_name COLLATE natural_order DESC, hh_no DESC, id DESC LIMIT 1")
sql "$DB" "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 2101)
           INSERT INTO projects(household_id, kind, year, content, amount)
           SELECT $LAST, p.kind, CASE n WHEN 2101 THEN 2030 ELSE 2016 + n % 10 END,
                  CASE n WHEN 2101 THEN '最后一个项目' ELSE '复制项目' || n END,
                  p.amount FROM i, (SELECT * FROM projects ORDER BY id LIMIT 1) p" >/dev/null ||
    fail "could not add the projects"
N=$(sqlite3 "$DB" "SELECT count(*) FROM projects WHERE deleted = 0")
[ "$N" -gt 2100 ] || fail "only $N projects"
tui_start "$DB"
wait_for "主菜单"
k 6; wait_for "共 $N 个项目"
k End; wait_for " 2030 "                  # the last row is on screen
k Enter; wait_for "办理"; k 1 Enter; wait_for "最后一个项目"
k Escape; answer_if "保存修改吗" n "共 $N 个项目"
wait_for "共 $N 个项目"
tx resize-window -t t -x 60 -y 15; wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30; wait_for "共 $N 个项目"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
