# Backup as the rescue (issue 13 item 5): `fupin backup -o /other/disk` works
# when the database's own disk is full, and a backup that fails (its own
# disk full) leaves nothing behind.  Full disks are small tmpfs mounts, so
# this needs root; without mount it is skipped.
. tests/e2e/lib.inc
mkdir "$T/full" "$T/tiny"
mount -t tmpfs -o size=2m tmpfs "$T/full" 2>/dev/null || { echo "cannot mount tmpfs: skipped"; exit 77; }
trap 'umount "$T/full" "$T/tiny" 2>/dev/null; rm -rf "$T"' EXIT
mount -t tmpfs -o size=64k tmpfs "$T/tiny" || fail "mount tiny"
DB=$T/full/d.db
"$FUPIN" demo --db "$DB" --households 20 >/dev/null || fail demo
n=$(sqlite3 "$DB" "select count(*) from households")
dd if=/dev/zero of="$T/full/filler" bs=4k 2>/dev/null   # until the disk is full
[ "$(df --output=avail "$T/full" | tail -1)" -le 4 ] || fail "premise: disk not full"

# The rescue: copy out to another disk.
expect_rc 0 "$FUPIN" backup --db "$DB" -o "$T/rescue.db"
[ "$(sqlite3 "$T/rescue.db" "pragma integrity_check")" = ok ] || fail "rescue copy integrity"
[ "$(sqlite3 "$T/rescue.db" "select count(*) from households")" = "$n" ] || fail "rescue copy incomplete"
[ "$(stat -c %a "$T/rescue.db")" = 600 ] || fail "rescue copy not 0600"
[ -e "$DB-wal" ] && fail "backup left a WAL on the full disk"

# A backup onto a disk too small for it fails whole and leaves nothing.
expect_rc 3 "$FUPIN" backup --db "$T/rescue.db" -o "$T/tiny/b.db"
expect_grep "磁盘已满" "$T/err"
[ "$(ls -A "$T/tiny")" = "" ] || fail "failed backup left: $(ls -A "$T/tiny")"

# Issue 14: the compressed backup, from the full disk too; any gzip reads it.
expect_rc 0 "$FUPIN" backup --db "$DB" -o "$T/rescue.db.gz" --compress
gzip -t "$T/rescue.db.gz" || fail "compressed backup is not whole gzip"
[ "$(stat -c %a "$T/rescue.db.gz")" = 600 ] || fail "compressed backup not 0600"
[ "$(stat -c %s "$T/rescue.db.gz")" -lt "$(($(stat -c %s "$T/rescue.db") / 2))" ] || fail "not compressed"
gzip -dc "$T/rescue.db.gz" >"$T/plain.db"
[ "$(sqlite3 "$T/plain.db" "select count(*) from households")" = "$n" ] || fail "compressed copy incomplete"
expect_rc 0 "$FUPIN" check --db "$T/plain.db"
# a full disk: fails whole, nothing left (the temporary copy is in $TMPDIR)
dd if=/dev/zero of="$T/tiny/filler" bs=1k count=60 2>/dev/null
expect_rc 3 "$FUPIN" backup --db "$T/rescue.db" -o "$T/tiny/b.db.gz" --compress
expect_grep "磁盘已满" "$T/err"
[ "$(ls -A "$T/tiny")" = "filler" ] || fail "failed compressed backup left: $(ls -A "$T/tiny")"
exit 0
