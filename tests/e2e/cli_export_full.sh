# An export onto a full disk (issue 13 item 6): exit 3, one line on stderr
# saying 磁盘已满 in Chinese and English, nothing raw from libxlsxwriter
# ("[ERROR] …"), and no file, whole or half, left in the folder.
. tests/e2e/lib.inc
mkdir "$T/small"
mount -t tmpfs -o size=64k tmpfs "$T/small" 2>/dev/null || { echo "cannot mount tmpfs: skipped"; exit 77; }
trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
"$FUPIN" demo --db "$T/d.db" --households 200 >/dev/null || fail demo
dd if=/dev/zero of="$T/small/filler" bs=1k count=60 2>/dev/null   # 4k left: less than any export
for kind in roster summary ledger projects; do
    expect_rc 3 "$FUPIN" export $kind --db "$T/d.db" -o "$T/small/$kind.xlsx"
    [ "$(wc -l <"$T/err")" = 1 ] || fail "$kind: not one line: $(cat "$T/err")"
    expect_grep "磁盘已满" "$T/err"
    expect_grep "No space left on device" "$T/err"
    grep -q "ERROR\]" "$T/err" && fail "$kind: raw libxlsxwriter output: $(cat "$T/err")"
    [ "$(ls -A "$T/small")" = filler ] || fail "$kind: left $(ls -A "$T/small")"
done
exit 0
