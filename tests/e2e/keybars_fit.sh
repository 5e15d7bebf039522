# Every key bar the screens draw fits an 80-column window (the smallest the
# workstation runs in): a bar cut at 80 columns once hid "Esc返回" on the
# survey.  Reads each string literal passed to ui_keybar() in tui/*.c
# (ternaries included) and measures it in display columns.
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
exec python3 - <<'PY'
import glob, re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad, seen = [], 0
for path in sorted(glob.glob("tui/*.c")):
    src = open(path, encoding="utf-8").read()
    for m in re.finditer(r"ui_keybar\((.*?)\);", src, re.S):
        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)):
            seen += 1
            if width(lit) > 79:
                line = src[:m.start()].count("\n") + 1
                bad.append(f"{path}:{line}: {width(lit)} columns: {lit}")
if seen < 10:
    print(f"only {seen} key bars found: the pattern no longer matches the code"); sys.exit(1)
for b in bad:
    print(b)
print(f"{seen} key bars, {len(bad)} wider than 79 columns")
sys.exit(1 if bad else 0)
PY
