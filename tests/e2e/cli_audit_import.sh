# The summary rows a CSV import and a merge write into the audit log are
# sealed into its chain like every other row: `fupin check` after a plain
# import said "审计记录第 N 条（import）是伪造的" (found by the kill test,
# tests/stress/kill_saves.sh), and after a merge the same of the merge row.
. tests/e2e/lib.inc
cd "$T" || exit 1
python3 - <<'PY'
H = '县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态'
r1 = '隆安县,城厢镇,东信村,第二组,,王五,户主,王五,男,450123197504040053,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
with open('a.csv', 'w') as f:
    f.write(H + '\n' + r1 + '\n')
PY
"$FUPIN" init --db a.db --county 450123 隆安县 --township 450123101 城厢镇 \
    --village 450123101201 东信村 >/dev/null || fail init
expect_rc 0 "$FUPIN" import csv --db a.db a.csv
"$FUPIN" check --db a.db >"$T/check" 2>&1
expect_grep "审计记录 [0-9]* 条: 校验完好" "$T/check"

"$FUPIN" demo --db v.db --households 3 --seed 2 >/dev/null || fail demo
"$FUPIN" demo --db c.db --households 3 --seed 1 >/dev/null || fail demo
"$FUPIN" merge --db c.db v.db >"$T/out" 2>&1    # exits 1: two demo counties conflict
expect_grep "新增 1 户" "$T/out"
"$FUPIN" check --db c.db >"$T/check" 2>&1
expect_grep "审计记录 [0-9]* 条: 校验完好" "$T/check"
exit 0
