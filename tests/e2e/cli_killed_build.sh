# A killed `fupin demo` (or a failed `fupin init`) leaves nothing half-built
# under the database's name, and a rerun works (issue 13 item 6).
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 3000 >/dev/null 2>&1 &
pid=$!
n=0
until [ -s "$DB.building-wal" ] || [ -s "$DB-wal" ]; do
    n=$((n + 1)); [ $n -gt 100 ] && fail "demo never started writing"; sleep 0.05
done
sleep 0.3
kill -9 $pid; wait $pid 2>/dev/null
[ -e "$DB" ] && fail "killed demo left a half-built $DB ($(ls "$T"))"
expect_rc 0 "$FUPIN" demo --db "$DB" --households 5
[ "$(sqlite3 "$DB" "select count(*) from households")" = 5 ] || fail "rerun"
[ "$(ls "$T" | grep -c building)" = 0 ] || fail "leftover building files: $(ls "$T")"
[ "$(stat -c %a "$DB")" = 600 ] || fail "not 0600"
# demo onto an existing file: refused as before, the file untouched
cp "$DB" "$T/before.db"
expect_rc 3 "$FUPIN" demo --db "$DB" --households 5
cmp -s "$DB" "$T/before.db" || fail "a refused demo changed the file"

# init that fails (a village code twice) leaves no file; a correct rerun works
expect_rc 2 "$FUPIN" init --db "$T/i.db" --county 450123 隆安县 --township 450123101 古潭乡 \
    --village 450123101001 那门村 --village 450123101001 那门村
[ -e "$T/i.db" ] && fail "failed init left $T/i.db"
expect_rc 0 "$FUPIN" init --db "$T/i.db" --county 450123 隆安县
[ "$(ls "$T" | grep -c building)" = 0 ] || fail "leftover building files: $(ls "$T")"
exit 0
