# The command line of SPEC §7.2: help, version, init, demo, check, backup,
# usage errors (exit 2) and data errors (exit 3, one line, Chinese + English).
. tests/e2e/lib.inc

expect_rc 0 "$FUPIN" --help
expect_grep "fupin init" "$T/out"
expect_rc 0 "$FUPIN" --version
expect_grep "fupin [0-9]" "$T/out"
expect_rc 2 "$FUPIN" frobnicate
expect_grep "未知命令" "$T/err"
expect_rc 3 "$FUPIN" export roster --db "$T/x.db" -o "$T/x.xlsx"   # no such file: data error
expect_grep "不存在" "$T/err"
expect_rc 2 "$FUPIN" export nonsense --db "$T/x.db"

# init: areas by code length; the file is private (0600).
expect_rc 0 "$FUPIN" init --db "$T/a.db" --county 450123 隆安县 --township 450123101 古潭乡 \
    --village 450123101001 那门村
[ "$(stat -c %a "$T/a.db")" = 600 ] || fail "mode is $(stat -c %a "$T/a.db"), want 600"
[ "$(sql "$T/a.db" "select name from areas where code='450123101001'")" = 那门村 ] || fail "village not stored"
expect_rc 2 "$FUPIN" init --db "$T/b.db" --county 4501 短码县
expect_grep "error" "$T/err"

# demo + check + backup.
expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 400 --seed 7
[ "$(sql "$T/d.db" "select count(*) from households")" = 400 ] || fail "demo did not write 400 households"
[ "$(sql "$T/d.db" "pragma integrity_check")" = ok ] || fail "integrity_check"
[ -z "$(sql "$T/d.db" "pragma foreign_key_check")" ] || fail "foreign_key_check"
[ "$(stat -c %a "$T/d.db")" = 600 ] || fail "demo db mode"
"$FUPIN" check --db "$T/d.db" >"$T/check" 2>&1
rc=$?
[ $rc = 0 ] || fail "check found errors in demo data (rc $rc): $(grep 错误 "$T/check" | head -5)"
expect_grep "个警告" "$T/check"
# Same seed, same data.
expect_rc 0 "$FUPIN" demo --db "$T/d2.db" --households 400 --seed 7
[ "$(sql "$T/d.db" "select group_concat(id_no) from (select id_no from members order by id)")" = \
  "$(sql "$T/d2.db" "select group_concat(id_no) from (select id_no from members order by id)")" ] || fail "demo not reproducible"

expect_rc 0 "$FUPIN" backup --db "$T/d.db" -o "$T/backup.db"
[ "$(sql "$T/backup.db" "pragma integrity_check")" = ok ] || fail "backup integrity"
[ "$(sql "$T/backup.db" "select count(*) from members")" = "$(sql "$T/d.db" "select count(*) from members")" ] || fail "backup rows"
[ "$(stat -c %a "$T/backup.db")" = 600 ] || fail "backup mode"
expect_rc 2 "$FUPIN" backup --db "$T/d.db"

# Data errors: exit 3 with one line naming the file, in Chinese and English.
expect_rc 3 "$FUPIN" check --db "$T/no/such/dir/x.db"
[ "$(wc -l < "$T/err")" = 1 ] || fail "missing dir: not one line: $(cat "$T/err")"
head -c 20000 /dev/urandom > "$T/corrupt.db"
expect_rc 3 "$FUPIN" check --db "$T/corrupt.db"
[ "$(wc -l < "$T/err")" = 1 ] || fail "corrupt: not one line"
cp "$T/a.db" "$T/ro.db"; chmod 0400 "$T/ro.db"
if [ "$(id -u)" != 0 ]; then
    expect_rc 3 "$FUPIN" init --db "$T/ro.db" --county 450124 其他县
fi
# A check failure exits 1: put two households on one ID number behind the
# schema's back (as a merged file from elsewhere could).
cp "$T/d.db" "$T/dup.db"
# (The shell cannot write an audited table without dropping its audit
# trigger, which check reports too: the duplicate must be named itself.)
sqlite3 "$T/dup.db" "drop index members_id_no; drop trigger audit_members_update; update members set id_no=(select id_no from members where id=1) where id=(select min(id) from members where household_id<>(select household_id from members where id=1));" 2>"$T/err" || fail "could not make a duplicate: $(cat "$T/err")"
expect_rc 1 "$FUPIN" check --db "$T/dup.db"
expect_grep "错误.*身份证号" "$T/out"
exit 0
