# Issue 13 item 4: a damaged page is noticed.  `fupin check` runs SQLite's
# quick_check (integrity_check with --full) and foreign_key_check first and
# exits 3 naming the damage; it never writes to the file it checks; `fupin
# backup` refuses a damaged file (exit 1) and leaves no file behind.
. tests/e2e/lib.inc

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 300 --seed 2
PAGE=$(sql "$T/d.db" "pragma page_size")

# damage NAME TREE: a copy with one leaf page of TREE overwritten.
damage() {
    cp "$T/d.db" "$T/$1.db"
    pg=$(sql "$T/$1.db" "select pageno from dbstat where name = '$2' and pagetype = 'leaf' order by pageno limit 1 offset 1")
    [ -n "$pg" ] || fail "$1: no leaf page of $2"
    head -c "$PAGE" /dev/urandom | dd of="$T/$1.db" bs="$PAGE" seek=$((pg - 1)) count=1 conv=notrunc 2>/dev/null
}
# stamp FILE: bytes and mtime of the file and of its -wal/-shm (if any).
stamp() {
    for f in "$1" "$1-wal" "$1-shm"; do
        if [ -e "$f" ]; then echo "$f $(md5sum < "$f") $(stat -c %Y.%y "$f")"; else echo "$f none"; fi
    done
}

for case in "households households" "roster households_roster" "members members"; do
    set -- $case
    damage "$1" "$2"
    before=$(stamp "$T/$1.db")
    expect_rc 3 "$FUPIN" check --db "$T/$1.db"
    grep -q "数据库文件已损坏" "$T/err" || fail "$1: damage not named: $(cat "$T/err")"
    grep -q "损坏.*$2" "$T/out" "$T/err" || fail "$1: $2 not named: $(cat "$T/out" "$T/err" | head -5)"
    expect_rc 3 "$FUPIN" check --full --db "$T/$1.db"
    [ "$(stamp "$T/$1.db")" = "$before" ] || fail "$1: check changed the file: $before / $(stamp "$T/$1.db")"
    # backup refuses, names the damage, leaves nothing; --force copies.
    expect_rc 1 "$FUPIN" backup --db "$T/$1.db" -o "$T/$1.bak"
    grep -q "已损坏.*未备份" "$T/err" || fail "$1: backup message: $(cat "$T/err")"
    grep -q "$2" "$T/err" || fail "$1: backup does not name $2: $(cat "$T/err")"
    [ ! -e "$T/$1.bak" ] || fail "$1: a refused backup left a file"
done
expect_rc 0 "$FUPIN" backup --force --db "$T/households.db" -o "$T/forced.bak"
expect_grep "警告" "$T/err"
[ -s "$T/forced.bak" ] || fail "--force wrote no copy"

# A broken foreign key (written behind the schema's back) is damage too.
cp "$T/d.db" "$T/fk.db"
sqlite3 "$T/fk.db" "pragma foreign_keys = off; drop trigger audit_rechecks_delete; delete from rechecks; drop trigger audit_members_update; update members set household_id = 999999 where id = 3;" \
    || fail "could not break a key"
expect_rc 3 "$FUPIN" check --db "$T/fk.db"
expect_grep "members.*第 3 行引用的 households" "$T/err"

# A clean file checks clean and stays byte-identical, also when a crash
# left its -wal and -shm beside it.
before=$(stamp "$T/d.db")
expect_rc 0 "$FUPIN" check --db "$T/d.db"
[ "$(stamp "$T/d.db")" = "$before" ] || fail "check changed the clean file"
cp "$T/d.db" "$T/crash.db"
python3 - "$T/crash.db" <<'EOF' || fail "could not leave a WAL"
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("pragma journal_mode=wal")
c.execute("insert or replace into settings(key, value) values ('crash.test', '1')")
os._exit(0)     # no close: -wal and -shm stay, as after a power cut
EOF
[ -e "$T/crash.db-wal" ] || fail "no -wal left"
before=$(stamp "$T/crash.db")
expect_rc 0 "$FUPIN" check --db "$T/crash.db"
[ "$(stamp "$T/crash.db")" = "$before" ] || fail "check changed a crashed file: $before / $(stamp "$T/crash.db")"
exit 0
