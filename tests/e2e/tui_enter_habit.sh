# A whole 5-member household survey (Form B, the values of tui_household.sh)
# keyed by a clerk who ends every field with Enter while 一键跳格 is on: the
# Enter after each answer that moved on by itself only confirms it, and the
# household read back from SQLite is exactly the one keyed.  The keys are
# tests/bench/keystrokes.sh's (mode 2), so the test and the README's
# keystroke figures key the same household.
exec sh tests/bench/keystrokes.sh "${FUPIN:-$PWD/build/fupin}" 2
