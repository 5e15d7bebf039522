# Operators on the command line (issue 13 item 1).  Every command that writes
# names a registered operator and proves it; without the name, without the
# password (no terminal to ask on), with a wrong password, an unknown or a
# disabled name, it is refused with exit 2 and nothing is written.  Reading
# commands (check, export) record who asked, beside the file (check still
# never writes the file it checks).  `fupin init` makes its 管理员 from the
# same two variables; `fupin demo` makes 演示员 and prints the password.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
DB=$T/w.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 20 --seed 5
expect_grep "管理员 演示员，密码 fupin" "$T/out"
[ "$(sql "$DB" "select name || role from operators")" = 演示员2 ] || fail "demo 管理员"
expect_rc 0 "$FUPIN" demo --db "$T/src.db" --households 5 --seed 9
printf '%s\n' '县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态' \
  '隆安县,城厢镇,东信村,第一组,,覃新,户主,覃新,男,450123197504040053,壮族,小学,健康,普通劳动力,一般贫困户,国家标准,缺技术,,,识别中' \
  >"$T/one.csv"
county=$(sql "$DB" "select code || ' ' || name from areas where level = 1 limit 1")
# a disabled 录入员 (the demo's 管理员 is the only other operator)
sql "$DB" "insert into operators(name, role, active, pw_hash) select '停用员', 0, 0, pw_hash from operators where name = '演示员'"

state() { sql "$DB" "select (select count(*) from households) || '/' || (select count(*) from audit) || '/' ||
                        (select count(*) from areas) || '/' || (select count(*) from members)"; }

# The writing commands, one per line: each must refuse and write nothing.
cat >"$T/writers" <<EOW
init --db $DB --county $county --village ${county%% *}101299 新村
import csv --db $DB --create-areas $T/one.csv
merge --db $DB $T/src.db
backup --db $DB -o $T/copy.db
EOW

# demo never writes into an existing file, logged in or not
expect_rc 3 "$FUPIN" demo --db "$DB" --households 3 --seed 2
expect_grep "演示数据只写入新文件" "$T/err"

# name PASSWORD (- = unset) OPERATOR (- = unset) WANT-MESSAGE
cat >"$T/who" <<'EOW'
none - - 需要登录
nopassword - 演示员 需要密码
wrong bad 演示员 操作员姓名或密码不对
unknown fupin 县长 操作员姓名或密码不对
disabled fupin 停用员 已停用
EOW

before=$(state)
n=0
while read -r cmd; do
    while read -r case pw op msg; do
        n=$((n + 1))
        set -- $cmd
        (
            unset FUPIN_OPERATOR FUPIN_PASSWORD
            [ "$pw" = - ] || export FUPIN_PASSWORD="$pw"
            [ "$op" = - ] || export FUPIN_OPERATOR="$op"
            exec "$FUPIN" "$@" </dev/null >"$T/out" 2>"$T/err"
        )
        rc=$?
        [ "$rc" = 2 ] || fail "$case: '$cmd' exited $rc, want 2: $(cat "$T/err")"
        grep -q "$msg" "$T/err" || fail "$case: '$cmd' said '$(cat "$T/err")', want '$msg'"
        [ "$(state)" = "$before" ] || fail "$case: '$cmd' wrote: $(state) was $before"
        [ ! -e "$T/copy.db" ] || fail "$case: backup written"
        sql "$DB" "update operators set failures = 0, retry_after = 0"   # the throttle is tried below
    done <"$T/who"
done <"$T/writers"
[ $n = 20 ] || fail "ran $n cases"

# --operator works as FUPIN_OPERATOR does; the right pair writes.
expect_rc 0 "$FUPIN" import csv --db "$DB" --operator 演示员 --create-areas "$T/one.csv"
[ "$(sql "$DB" "select operator from audit where tbl = 'households' order by id desc limit 1")" = 演示员 ] \
    || fail "import not audited as 演示员"

# Init of a new file: the named operator becomes its 管理员; without one,
# no file is left behind.
( unset FUPIN_OPERATOR; exec "$FUPIN" init --db "$T/new.db" --county 450123 隆安县 ) 2>"$T/err"
[ $? = 2 ] || fail "init without an operator"
[ ! -e "$T/new.db" ] || fail "refused init left a file"
expect_rc 0 env FUPIN_OPERATOR=韦管理 FUPIN_PASSWORD=secret1 "$FUPIN" init --db "$T/new.db" --county 450123 隆安县
[ "$(sql "$T/new.db" "select name || role from operators")" = 韦管理2 ] || fail "init 管理员"

# Wrong passwords slow further tries, also across commands.
for i in 1 2 3; do
    FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" backup --db "$DB" -o "$T/copy.db"
done
expect_grep "请 2 秒后再试" "$T/err"
expect_rc 2 "$FUPIN" backup --db "$DB" -o "$T/copy.db"          # the right password waits too
expect_grep "密码错误次数过多" "$T/err"
sleep 2.2
expect_rc 0 "$FUPIN" backup --db "$DB" -o "$T/copy.db"

# Reading: who asked is recorded beside the file, the file itself untouched.
sql "$DB" "update operators set failures = 0, retry_after = 0"
sum=$(sha256sum <"$DB")
expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/r.xlsx"
"$FUPIN" check --db "$DB" >/dev/null 2>&1
( unset FUPIN_OPERATOR FUPIN_PASSWORD; exec "$FUPIN" check --db "$DB" ) >/dev/null 2>&1
[ "$(sha256sum <"$DB")" = "$sum" ] || fail "reading changed the file"
grep -q "	演示员	export roster -o" "$DB.reads.log" || fail "export not recorded: $(cat "$DB.reads.log")"
grep -q "	演示员	check$" "$DB.reads.log" || fail "check not recorded"
grep -q "	未登录 (系统用户 .*)	check" "$DB.reads.log" || fail "anonymous check not recorded"
FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" check --db "$DB"
[ "$(sql "$DB" "select failures from operators where name = '演示员'")" = 1 ] || fail "a wrong password through check not counted"
# A good login through a reading command clears the count, as any login
# does (it could not before: the read-only connection kept the count, so the
# next slip waited); with no count, reading still leaves the file untouched.
FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" export roster --db "$DB" -o "$T/r.xlsx"
expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/r.xlsx"
[ "$(sql "$DB" "select failures from operators where name = '演示员'")" = 0 ] || fail "a good export left the count"
for i in 1 2; do FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" backup --db "$DB" -o "$T/copy2.db"; done
expect_rc 0 "$FUPIN" backup --db "$DB" -o "$T/copy2.db"
FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" check --db "$DB"
grep -q "秒后再试" "$T/err" && fail "the good backup left the count: $(cat "$T/err")"
sql "$DB" "update operators set failures = 0, retry_after = 0"
sum=$(sha256sum <"$DB")
expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/r.xlsx"
[ "$(sha256sum <"$DB")" = "$sum" ] || fail "a read with no count to clear changed the file"
echo "ok: $n refusals, each writing nothing; reads recorded"
