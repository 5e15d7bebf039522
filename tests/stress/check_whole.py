"""check_whole.py FILE SAVED_LIST IMPORT_RUNS: the all-or-nothing check of
the kill test (tests/stress/kill_saves.sh).

- every household save_loop made (head 压测<i>户主) holds exactly its
  1 + i % 4 members and one survey with 工资性收入 i yuan, and every i
  save_loop reported saved (SAVED_LIST, one a line) is there;
- every CSV import run r (IMPORT_RUNS, "r households members" a line) is there
  whole (each of its households with all its members) or not at all.
- PRAGMA integrity_check says ok.
The file is opened read-only (kill_saves.sh hands a copy the next writer
has opened and closed).
Prints one line per problem; exit 1 when there is any."""
import re
import sqlite3
import sys

path, saved_list, import_runs = sys.argv[1:4]
con = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
problems = []
ic = [r[0] for r in con.execute('PRAGMA integrity_check')]
if ic != ['ok']:
    problems.append(f'integrity_check: {ic[:5]}')

rows = con.execute("""select h.id, h.head_name,
    (select count(*) from members m where m.household_id = h.id),
    (select count(*) from surveys s where s.household_id = h.id),
    (select max(wage_income) from surveys s where s.household_id = h.id)
    from households h""").fetchall()
present = set()
runs = {}
for hid, head, n_members, n_surveys, wage in rows:
    m = re.fullmatch(r'压测(\d+)户主', head or '')
    if m:
        i = int(m.group(1))
        present.add(i)
        if n_members != 1 + i % 4 or n_surveys != 1 or wage != i * 100:
            problems.append(f'household {hid} ({head}): {n_members} members, '
                            f'{n_surveys} surveys, wage {wage}: a half save')
    m = re.fullmatch(r'导入(\d+)户(\d+)', head or '')
    if m:
        runs.setdefault(int(m.group(1)), []).append((hid, n_members))

for line in open(saved_list, encoding='utf-8'):
    i = int(line.split()[1])
    if i not in present:
        problems.append(f'household 压测{i}户主 was reported saved and is gone')

for line in open(import_runs, encoding='utf-8'):
    r, want_hh, want_members = map(int, line.split())
    got = runs.get(r, [])
    if got and (len(got) != want_hh or any(n != want_members for _, n in got)):
        problems.append(f'import run {r}: {len(got)} of {want_hh} households '
                        f'({[n for _, n in got][:5]}… members): a half import')

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
