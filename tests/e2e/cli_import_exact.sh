# CSV import is exact (issue 13 item 7): a row with fewer or more fields
# than the header is an error naming file:line (a row cut to 10 of 20 fields
# was imported without a word); invisible characters in a name are a
# warning naming the column; the line of a fault stays exact after a NUL
# byte (it said line 1), with lone-CR line ends and after a quoted field
# with a line break; semicolon- and tab-separated files are read as such
# (they were refused as "no header").
. tests/e2e/lib.inc
cd "$T" || exit 1
python3 - <<'PY'
H = '县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态'
r1 = '隆安县,城厢镇,东信村,第二组,,王五,户主,王五,男,450123197504040053,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
r2 = '隆安县,城厢镇,东信村,第二组,,王五,配偶,刘芳,女,450123197805050060,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
bad = '隆安县,城厢镇,东信村,第二组,,王五,之子,王小,男,450123197805050061,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
def w(name, text, mode='w'):
    with open(name, mode) as f:
        f.write(text)
w('short.csv', '\n'.join([H, r1, ','.join(r2.split(',')[:10])]) + '\n')
w('long.csv', '\n'.join([H, r1, r2 + ',多余']) + '\n')
w('padded.csv', '\n'.join([H + ',,', r1 + ',,', r2 + ', ,']) + '\n')
w('zw.csv', '\n'.join([H, r1, r2.replace('刘芳', '刘\u200b芳')]) + '\n')
w('cr.csv', '\r'.join([H, r1, r2, bad]) + '\r')
w('nl.csv', '\n'.join([H, r1, r2.replace('缺技术,,,', '缺技术,,"县农业局\n驻村队",'), bad]) + '\n')
w('nul.csv', ('\n'.join([H, r1, r2]) + '\n').encode() + b'\x00\n' + (bad + '\n').encode(), 'wb')
w('semi.csv', '\n'.join(x.replace(',', ';') for x in [H, r1, r2]) + '\n')
w('tab.csv', '\n'.join(x.replace(',', '\t') for x in [H, r1, r2]) + '\n')
PY
fresh() {
    rm -f a.db
    "$FUPIN" init --db a.db --county 450123 隆安县 --township 450123101 城厢镇 \
        --village 450123101201 东信村 >/dev/null || fail init
}
members() { sqlite3 a.db "select count(*) from members"; }

fresh; expect_rc 1 "$FUPIN" import csv --db a.db short.csv
expect_grep "^short.csv:3:-: 错误 \[COLUMN_COUNT\] 这一行有 10 列，表头有 20 列" "$T/out"
[ "$(members)" = 0 ] || fail "a cut row was imported"
fresh; expect_rc 1 "$FUPIN" import csv --db a.db long.csv
expect_grep "^long.csv:3:-: 错误 \[COLUMN_COUNT\] 这一行有 21 列" "$T/out"
fresh; expect_rc 0 "$FUPIN" import csv --db a.db padded.csv     # empty padding is fine
[ "$(members)" = 2 ] || fail "padded rows"

fresh; expect_rc 0 "$FUPIN" import csv --db a.db zw.csv
expect_grep "^zw.csv:3:8: 警告 \[INVISIBLE_CHAR\] 姓名: .*U+200B" "$T/out"

fresh; expect_rc 1 "$FUPIN" import csv --db a.db cr.csv
expect_grep "^cr.csv:4:10: 错误 \[ID_CHECKSUM\]" "$T/out"
fresh; expect_rc 1 "$FUPIN" import csv --db a.db nl.csv
expect_grep "^nl.csv:5:10: 错误 \[ID_CHECKSUM\]" "$T/out"
fresh; expect_rc 3 "$FUPIN" import csv --db a.db nul.csv
expect_grep "^nul.csv:4:-: 错误 .*空字符" "$T/out"

for f in semi tab; do
    fresh; expect_rc 0 "$FUPIN" import csv --db a.db $f.csv
    expect_grep "分隔（不是逗号）" "$T/out"
    [ "$(members)" = 2 ] || fail "$f: members"
done
exit 0
