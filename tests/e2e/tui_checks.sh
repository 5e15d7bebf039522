# Every check reaches its dialog: for each case of build/tests/check_case
# (one household per check of Form A and Form B), F2 in the real workstation
# shows the error list with the cursor then on the field at fault, or the
# warning and 仍然保存吗? and saves.  The driver is tests/e2e/tui_checks.py.
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
exec python3 tests/e2e/tui_checks.py
