# Form A can be reopened from the household list (F5) and corrected: the
# phone of a household still in identification is changed, saved through the
# same save as any form, and the audit log has the old and the new number.
# A registered household's application is evidence: F5 says so and asks
# first; answering no leaves the list.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
# A household in 已申请/已调查, and a registered one, each a unique head name.
pick() {
    sql "$DB" "SELECT head_name FROM households WHERE state IN ($1) AND deleted = 0 GROUP BY head_name
               HAVING count(*) = 1 ORDER BY min(id) LIMIT 1"
}
OPEN=$(pick 1,2); REG=$(pick 8)
[ -n "$OPEN" ] && [ -n "$REG" ] || fail "demo has no household to open"
OLD=$(sql "$DB" "SELECT phone FROM households WHERE head_name = '$OPEN'")
NEW=13907719999
tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "F5申请书"
k "$OPEN"; sleep 0.3
k F5; wait_for "农村扶贫对象家庭申请书"; wait_for "户主: $OPEN"
screen | grep -q "联系电话 $OLD" || { screen; fail "Form A does not show the saved phone $OLD"; }
n=0
while ! { k F1; screen | grep -q "「联系电话」"; }; do
    k Escape; k Down; n=$((n + 1)); [ $n -gt 12 ] && fail "never reached 联系电话"
done
k Escape; k C-u "$NEW" Enter
k F2; wait_for "已保存"
k Escape; wait_for "户信息查询"
[ "$(sql "$DB" "SELECT phone FROM households WHERE head_name = '$OPEN'")" = "$NEW" ] || fail "phone not saved"
AUD=$(sql "$DB" "SELECT count(*) FROM audit WHERE tbl = 'households' AND action = 'update' AND operator = '演示员'
                 AND json_extract(old, '\$.phone') = '$OLD' AND json_extract(new, '\$.phone') = '$NEW'")
[ "$AUD" = 1 ] || fail "correction not audited: $(sql "$DB" "SELECT * FROM audit ORDER BY id DESC LIMIT 3")"

# A registered household: asked first; no leaves the list as it was.
k F8; k "$REG"; sleep 0.3
k F5; wait_for "申请书已作为认定依据"
k n; sleep 0.3; not_on_screen "农村扶贫对象家庭申请书"; wait_for "户信息查询"
k F5; wait_for "申请书已作为认定依据"
k y; wait_for "农村扶贫对象家庭申请书"; wait_for "户主: $REG"
k Escape; wait_for "户信息查询"
k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
