# A writer killed while it closed leaves the file in WAL mode with an empty
# -wal and no -shm (found by the kill test, tests/stress/kill_saves.sh).
# Everything is in the file; `fupin check` (read-only) said "无法打开数据库
# 文件" until something opened it for writing.  Also without the -wal at all
# (the file alone copied to a USB stick).
. tests/e2e/lib.inc
cd "$T" || exit 1
"$FUPIN" demo --db d.db --households 3 --seed 1 >/dev/null || fail demo
want=$(sqlite3 -readonly d.db "select count(*) from households")
# Header bytes 18 and 19 (file format versions) are 2 in WAL mode.
printf '\002\002' | dd of=d.db bs=1 seek=18 conv=notrunc 2>/dev/null
: >d.db-wal
"$FUPIN" check --db d.db >"$T/out" 2>&1
expect_grep "检查 $want 户" "$T/out"
expect_grep "校验完好" "$T/out"
[ -e d.db-shm ] && fail "a read-only check made a -shm"
rm -f d.db-wal
"$FUPIN" check --db d.db >"$T/out" 2>&1
expect_grep "检查 $want 户" "$T/out"
# A backup (read-only too) of it works.
expect_rc 0 "$FUPIN" backup --db d.db -o "$T/b.db"
exit 0
