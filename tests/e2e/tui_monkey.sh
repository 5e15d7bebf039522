# Random keys into the workstation for MONKEY_SECONDS (default 60) on a demo
# database: any crash, hang, sanitizer report (under make test-san) or
# integrity_check failure fails the test, with the seed to replay it.
# Longer runs: make monkey SECONDS=1800 [SEED=S].
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
exec python3 tests/monkey.py "${FUPIN:-build/fupin}" "${MONKEY_SECONDS:-60}" "${MONKEY_SEED:-}"
