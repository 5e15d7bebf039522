#!/bin/sh
# Open-to-menu time (SPEC §8: under 0.2 s on a county database): from exec
# until 主菜单 is on a tmux screen, polled every 2 ms; median of 7 runs.
# Usage: bench_open.sh FUPIN DB
FUPIN=$1 DB=$2
S=fupin-bench-open-$$
times=""
for i in 1 2 3 4 5 6 7; do
    tmux -L $S kill-server 2>/dev/null
    t0=$(date +%s%N)
    tmux -L $S new-session -d -s b -x 100 -y 30 "LANG=C.UTF-8 $FUPIN --db $DB --operator bench"
    until tmux -L $S capture-pane -p -t b 2>/dev/null | grep -q 主菜单; do sleep 0.002; done
    t1=$(date +%s%N)
    times="$times $(( (t1 - t0) / 1000000 ))"
    tmux -L $S send-keys -t b q
    sleep 0.2
done
tmux -L $S kill-server 2>/dev/null
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 4p)
echo "open_to_menu_ms: median $median (runs:$times)"
