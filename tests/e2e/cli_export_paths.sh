# Every export and the backup say where the file went, with its full path
# (issue 12 item 8): each command of `fupin --help` that writes a file is run
# from another folder with a relative -o, and must print the absolute path of
# a file that exists.  The commands come from the help text, so a new export
# missing from the table below fails here until it is added.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 30 --seed 5 >/dev/null 2>&1 || fail "demo"
notice=$(sql "$DB" "select min(id) from notices")
hh=$(sql "$DB" "select min(id) from households where deleted = 0")
village=$(sql "$DB" "select village from households where id = $hh")
# args KIND: the arguments of `fupin export KIND` besides --db and -o.
args() {
    case $1 in
    notice) echo "--notice $notice" ;;
    card) echo "--id $hh" ;;
    cards|team|monitor|village-exit) echo "--village $village" ;;
    flow) echo "--period 2026" ;;
    roster|ledger|projects|plans|loans|training|dividends|relocation|summary|resurvey|villages) echo "" ;;
    *) return 1 ;;
    esac
}
kinds=$("$FUPIN" --help | sed -n 's/^ *fupin export \([a-z-]*\) .*/\1/p')
[ "$(echo "$kinds" | wc -w)" -ge 7 ] || fail "export kinds not found in --help: $kinds"
# Every kind the program takes (its own list, in the unknown-kind error) has
# its line in --help: `flow` had none, so this test never ran it.
"$FUPIN" export nosuch --db "$DB" -o x.xlsx 2>"$T/kinds" && fail "export nosuch succeeded"
taken=$(sed -n 's/.*export kind must be \([a-z|-]*\):.*/\1/p' "$T/kinds" | tr '|' ' ')
[ "$(echo "$taken" | wc -w)" -ge 7 ] || fail "no kinds in: $(cat "$T/kinds")"
for k in $taken; do
    echo "$kinds" | grep -qx -- "$k" || fail "fupin export $k has no line in --help"
done
mkdir -p "$T/work/out"
n=0
for kind in $kinds backup; do
    if [ "$kind" = backup ]; then
        cmd="backup"; extra=""; file="out/备份.db"
    else
        extra=$(args "$kind") || fail "export $kind is new: add it to the table in $0"
        cmd="export $kind"; file="out/$kind.xlsx"
    fi
    ( cd "$T/work" && "$FUPIN" $cmd --db "$DB" $extra -o "./$file" ) >"$T/out" 2>"$T/err" ||
        fail "$cmd: $(cat "$T/err")"
    said=$(tail -n 1 "$T/out")
    path=${said##*：}
    case $path in
    /*) ;;
    *) fail "$cmd does not say the full path: '$said'" ;;
    esac
    [ -f "$path" ] || fail "$cmd names '$path', which does not exist"
    [ "$path" = "$(realpath "$T/work/$file")" ] || fail "$cmd names '$path', not the file written"
    n=$((n + 1))
done
echo "ok: $n commands say the full path"
