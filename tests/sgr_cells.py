"""Reads `tmux capture-pane -e -p` on stdin and says how TEXT is drawn.

    python3 tests/sgr_cells.py TEXT [--last]

Finds the first (with --last: the last) screen line holding TEXT and prints, one line per distinct
look, the SGR state its non-blank characters were drawn in:
"fg=37 bg=44 bold reverse" (fg/bg absent when default).  Exit 1 when TEXT is
not on the screen.  Used by the tmux tests to assert that text itself, not
only the blanks around it, carries its colour pair.
"""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def apply(state, params):
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c == 1:
            state["bold"] = True
        elif c == 7:
            state["reverse"] = True
        elif c == 22:
            state.pop("bold", None)
        elif c == 27:
            state.pop("reverse", None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = c
        elif c == 39:
            state.pop("fg", None)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = c
        elif c == 49:
            state.pop("bg", None)
        elif c in (38, 48):     # 38;5;N or 38;2;R;G;B
            n = 3 if codes[i + 1:i + 2] == [5] else 5
            state["fg" if c == 38 else "bg"] = ";".join(map(str, codes[i:i + n]))
            i += n - 1
        i += 1


def cells(line, state):
    """(char, look) for each character of one captured line."""
    out = []
    pos = 0
    for m in SGR.finditer(line):
        out += [(ch, describe(state)) for ch in line[pos:m.start()]]
        apply(state, m.group(1))
        pos = m.end()
    out += [(ch, describe(state)) for ch in line[pos:]]
    return out


def describe(state):
    parts = []
    for key in ("fg", "bg"):
        if key in state:
            parts.append("%s=%s" % (key, state[key]))
    parts += [k for k in ("bold", "reverse") if state.get(k)]
    return " ".join(parts) or "plain"


def main():
    text = sys.argv[1]
    state = {}      # tmux carries the SGR state across lines
    found = None
    for line in sys.stdin.read().split("\n"):
        row = cells(line, state)
        plain = "".join(ch for ch, _ in row)
        at = plain.find(text)
        if at < 0:
            continue
        looks = []
        for ch, look in row[at:at + len(text)]:
            if ch != " " and look not in looks:
                looks.append(look)
        found = looks
        if "--last" not in sys.argv:
            break
    if found is None:
        return 1
    print("\n".join(found))
    return 0


sys.exit(main())
