# The short kill test (make stress runs the long one): 21 saves, imports and
# demo builds killed with SIGKILL at random moments, each leaving the files
# whole (tests/stress/kill_saves.sh says how; the seed it prints replays).
. tests/e2e/lib.inc
sh tests/stress/kill_saves.sh "$(dirname "$FUPIN")" 21
