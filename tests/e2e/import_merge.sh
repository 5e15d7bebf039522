# `fupin import csv` and `fupin merge` (SPEC §7.2) through the binary:
# UTF-8 (BOM, CRLF, quoted fields) and GBK files, wrong columns, a bad ID
# row (nothing written, the report names line and column), unknown village
# and --create-areas, a first import that creates the file; merging two demo
# village files with an injected duplicate person; re-import / re-merge
# change nothing.
. tests/e2e/lib.inc

H='县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态'
# CRLF line ends, a BOM, a quoted 帮扶单位 with a comma in it.
{
    printf '\357\273\277%s\r\n' "$H"
    printf '%s\r\n' \
      '隆安县,城厢镇,东信村,第一组,4501231012010001,张三,配偶,李秀英,女,450123198202020027,汉族,小学,健康,普通劳动力,一般贫困户,国家标准,因病,黄干部,"县农业农村局,驻村工作队",在册' \
      '隆安县,城厢镇,东信村,第一组,4501231012010001,张三,户主,张三,男,450123198001010017,汉族,初中,长期慢性病,普通劳动力,一般贫困户,国家标准,因病,黄干部,"县农业农村局,驻村工作队",在册' \
      '隆安县,城厢镇,东信村,第一组,4501231012010001,张三,之子,张小明,男,450123201003030032,汉族,初中,健康,普通劳动力,一般贫困户,国家标准,因病,黄干部,"县农业农村局,驻村工作队",在册' \
      '隆安县,城厢镇,东信村,第二组,,王五,户主,王五,男,450123197504040053,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中' \
      '隆安县,城厢镇,东信村,第二组,,王五,配偶,刘芳,女,450123197805050060,壮族,小学,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
} >"$T/roster.csv"

expect_rc 0 "$FUPIN" init --db "$T/a.db" --county 450123 隆安县 --township 450123101 城厢镇 \
    --village 450123101201 东信村
expect_rc 0 "$FUPIN" import csv --db "$T/a.db" "$T/roster.csv"
expect_grep "新增 2 户" "$T/out"
expect_grep "UTF-8" "$T/out"
[ "$(sql "$T/a.db" "select count(*) from members")" = 5 ] || fail "members not imported"
[ "$(sql "$T/a.db" "select name from members where ordinal=0 and household_id=(select id from households where hh_no='4501231012010001')")" = 张三 ] \
    || fail "户主 not first"
[ "$(sql "$T/a.db" "select unit from helpers")" = "县农业农村局,驻村工作队" ] || fail "quoted field with comma"
audit=$(sql "$T/a.db" "select count(*) from audit")
expect_rc 0 "$FUPIN" import csv --db "$T/a.db" "$T/roster.csv"
expect_grep "未变 2 户" "$T/out"
[ "$(sql "$T/a.db" "select count(*) from audit")" = "$audit" ] || fail "re-import wrote audit rows"
[ "$(sql "$T/a.db" "select count(*) from households")" = 2 ] || fail "re-import duplicated households"

# The same file in GBK, into a file that does not exist yet (--county makes it).
tail -c +4 "$T/roster.csv" | iconv -f UTF-8 -t GBK >"$T/gbk.csv"   # without the UTF-8 BOM
expect_rc 2 "$FUPIN" import csv --db "$T/new.db" "$T/gbk.csv"
expect_grep "--county" "$T/err"
[ ! -e "$T/new.db" ] || fail "a missing file was created without --county"
expect_rc 0 "$FUPIN" import csv --db "$T/new.db" --county 450123 隆安县 --create-areas "$T/gbk.csv"
expect_grep "GBK" "$T/out"
expect_grep "新建区划 2 个" "$T/out"
[ "$(sql "$T/new.db" "select group_concat(name) from members order by id")" = "$(sql "$T/a.db" "select group_concat(name) from members order by id")" ] \
    || fail "GBK import differs from UTF-8"
[ "$(sql "$T/new.db" "select provisional from areas where name='东信村'")" = 1 ] || fail "created village not 待核"
[ "$(stat -c %a "$T/new.db")" = 600 ] || fail "created db mode"
expect_rc 3 "$FUPIN" import csv --db "$T/new.db" --encoding utf-8 "$T/gbk.csv"
expect_grep "ENCODING" "$T/out"

# Wrong columns: refused as a whole (exit 3), nothing written.
printf '村,姓名,与户主关系,籍贯\n东信村,孙七,户主,广西\n' >"$T/cols.csv"
expect_rc 3 "$FUPIN" import csv --db "$T/a.db" "$T/cols.csv"
expect_grep "COLUMN_MISSING.*身份证号" "$T/out"
expect_grep "COLUMN_UNKNOWN.*籍贯" "$T/out"

# A bad ID on line 4 (check character): nothing of the file is written, and
# the report names file, line, column and check.
sed '4s/450123201003030032/450123201003030033/' "$T/roster.csv" >"$T/bad.csv"
printf '隆安县,城厢镇,东信村,第三组,,赵六,户主,赵六,男,450123196006060073,汉族,小学,健康,普通劳动力,一般贫困户,国家标准,因病,,,识别中\r\n' >>"$T/bad.csv"
expect_rc 1 "$FUPIN" import csv --db "$T/a.db" "$T/bad.csv"
expect_grep "bad.csv:4:10: 错误 \[ID_CHECKSUM\] 身份证号" "$T/out"
expect_grep "未导入任何数据" "$T/err"
[ "$(sql "$T/a.db" "select count(*) from members where name='赵六'")" = 0 ] || fail "valid rows of a bad file were written"
[ "$(sql "$T/a.db" "select count(*) from audit")" = "$audit" ] || fail "a refused import wrote audit rows"

# Unknown village: the message says how to add it.
sed 's/东信村/新丰村/' "$T/roster.csv" >"$T/village.csv"
expect_rc 1 "$FUPIN" import csv --db "$T/a.db" "$T/village.csv"
expect_grep "AREA_UNKNOWN.*新丰村.*基础设置.*--create-areas" "$T/out"

# ---- merge: two demo village files into a county file ----
expect_rc 0 "$FUPIN" demo --db "$T/v1.db" --households 150 --seed 11
expect_rc 0 "$FUPIN" demo --db "$T/v2.db" --households 150 --seed 12
# Inject a person registered twice: a v1 户主's ID on a non-head member in v2.
dup=$(sql "$T/v1.db" "select id_no from members where ordinal=0 order by id limit 1 offset 5")
sql "$T/v2.db" "update members set id_no='$dup' where id=(select min(id) from members where ordinal=1 and id_no not in (select id_no from members where ordinal=0))" \
    || fail "could not inject"
expect_rc 0 "$FUPIN" init --db "$T/county.db" --county 450123 隆安县
expect_rc 0 "$FUPIN" merge --db "$T/county.db" "$T/v1.db"
expect_grep "新增 150 户" "$T/out"
# The village's notices, lists, meetings, votes and projects come along.
expect_grep "评议会 [1-9][0-9]*, 公示 [1-9][0-9]*, 项目 [1-9]" "$T/out"
for t in notices notice_households meetings votes projects disbursements verifications rechecks; do
    [ "$(sql "$T/county.db" "select count(*) from $t")" = "$(sql "$T/v1.db" "select count(*) from $t")" ] \
        || fail "merge: $t not carried"
done
[ "$(sql "$T/v1.db" "select count(*) from notices")" -gt 0 ] || fail "demo has no notices"
"$FUPIN" merge --db "$T/county.db" "$T/v2.db" >"$T/out" 2>"$T/err"
[ $? = 1 ] || fail "merge with conflicts should exit 1"
expect_grep "冲突 \[PERSON_TWICE\] 重复登记.*$dup" "$T/out"
expect_grep "冲突的户未合并" "$T/err"
hh=$(sql "$T/county.db" "select count(*) from households")
audit=$(sql "$T/county.db" "select count(*) from audit")
[ "$hh" -gt 150 ] || fail "nothing of v2 merged"
[ "$(sql "$T/county.db" "select count(*) from audit where tbl='merge'")" = 2 ] || fail "one audit row per merge"
# Merging the same files again changes nothing.
"$FUPIN" merge --db "$T/county.db" "$T/v1.db" "$T/v2.db" >"$T/out" 2>"$T/err"
expect_grep "合计: 新增 0 户, 更新 0 户" "$T/out"
[ "$(sql "$T/county.db" "select count(*) from households")" = "$hh" ] || fail "re-merge added households"
[ "$(sql "$T/county.db" "select count(*) from audit")" = "$audit" ] || fail "re-merge wrote audit rows"
[ "$(sql "$T/county.db" "pragma integrity_check")" = ok ] || fail "integrity_check"
[ -z "$(sql "$T/county.db" "pragma foreign_key_check")" ] || fail "foreign_key_check"
expect_rc 2 "$FUPIN" merge --db "$T/county.db"
expect_rc 3 "$FUPIN" merge --db "$T/county.db" "$T/roster.csv"
expect_grep "不是 fupin 的数据库" "$T/err"
exit 0
