# Shared helpers for the end-to-end scripts (sourced, not run).
set -u
FUPIN=${FUPIN:-$PWD/build/fupin}
T=$(mktemp -d /tmp/fupin-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_rc WANT CMD...: runs CMD, fails unless its exit code is WANT.
expect_rc() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" = "$want" ] || fail "'$*' exited $rc, want $want; stderr: $(cat "$T/err")"
}
# expect_grep PATTERN FILE
expect_grep() { grep -q -- "$1" "$2" || fail "'$1' not in $2: $(head -c 600 "$2")"; }
sql() { sqlite3 "$1" "$2"; }
