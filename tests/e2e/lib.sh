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

# ---- driving the workstation in tmux (a private server per test) ----
TMUX_SOCK="fupin-test-$$"
tx() { tmux -L "$TMUX_SOCK" "$@"; }
# tui_start DB [ARGS...]: starts fupin in a 100x30 window.
tui_start() {
    db=$1; shift
    command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
    tx kill-server 2>/dev/null
    tx new-session -d -s t -x 100 -y 30 "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=${TUI_TERM:-xterm-256color} $FUPIN --db $db $*; rc=\$?; stty sane; clear; echo FUPIN-EXITED-\$rc; sleep 30"
    trap 'tx kill-server 2>/dev/null; rm -rf "$T"' EXIT
}
screen() { tx capture-pane -p -t t; }
# k KEYS...: sends keys (tmux names: Enter, Escape, F2, NPage, IC, BSpace …)
# and waits for the program to draw.
k() { tx send-keys -t t "$@"; sleep ${TUI_DELAY:-0.08}; }
# wait_for TEXT [SECONDS]: until TEXT is on the screen, else fail with the screen.
wait_for() {
    n=0; limit=$(( ${2:-5} * 10 ))
    while ! screen | grep -q -- "$1"; do
        n=$((n + 1)); [ $n -gt $limit ] && { screen; fail "screen never showed '$1'"; }
        sleep 0.1
    done
}
# not_on_screen TEXT
not_on_screen() { screen | grep -q -- "$1" && { screen; fail "screen shows '$1'"; }; return 0; }
