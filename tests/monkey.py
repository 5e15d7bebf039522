#!/usr/bin/env python3
"""monkey.py FUPIN SECONDS [SEED] — random keys into the workstation.

A fresh demo database (300 households) is opened in a private tmux server and
fed random keys for SECONDS: editing and function keys, Chinese and mixed text
(names with · and emoji, IDs, impossible dates, negative and huge amounts,
full-width digits), pastes, and resizes (down to 60x15 and back).  Whenever
the program quits cleanly it is started again.

It fails (exit 1) when the program
  - exits with any status but 0, or is killed by a signal;
  - writes a sanitizer report (run against build-san/fupin: ASan/UBSan);
  - hangs: spins on the CPU for HANG_SECONDS, or stops redrawing after keys;
  - leaves a database that fails PRAGMA integrity_check.
The seed is printed first and with every failure, with the last keys sent,
so a failure can be replayed: python3 tests/monkey.py FUPIN SECONDS SEED.
Uses the Python standard library only."""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HANG_SECONDS = 8.0          # continuous CPU use that counts as a spin
KEY_PAUSE = 0.015           # between keys: fast, but lets the program draw

# Letters: answers (y/n), quitting (q), and the menu's letters V 贫困村管理, T 驻村工作队,
# J 防返贫监测, M 帮扶措施登记, R 统计报表.
KEYS = ["Enter", "Enter", "Enter", "Tab", "BTab", "Escape", "Escape", "Up", "Down", "Left",
        "Right", "NPage", "PPage", "Home", "End", "IC", "DC", "BSpace", "BSpace",
        "F1", "F2", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10",
        "C-u", "C-s", "C-k", "C-a", "C-e", "C-q", "Space"] + list("0123456789") + list("yYnNqxjtvmr")
TEXTS = ["王", "覃桂芳", "张长生", "阿依古丽·买买提", "尉迟敬德", "𠮷野家", "😀", "e\u0301",
         "20261128", "20230230", "2026-02-29", "19000101", "450123198503021234",
         "45012319850302123X", "450123850302123", "１２３４５６", "13907711234", "0771-1234567",
         " -5", "99999999999", "1.005", "0", "12", "zz", "yb", "cq", "jt", "第一组", "x" * 40,
         "一" * 30, "\t", "；'\"%s%n"]


class Tmux:
    def __init__(self, sock):
        self.sock = sock

    def run(self, *args, check=False):
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True,
                              check=check)

    def keys(self, *keys, literal=False):
        self.run("send-keys", "-t", "m", *(["-l"] if literal else []), *keys)

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "m").stdout

    def pane_pid(self):
        out = self.run("display", "-p", "-t", "m", "#{pane_pid}").stdout.strip()
        return int(out) if out.isdigit() else 0


def child_pid(shell_pid, name):
    """The fupin process under the pane's shell (0 when not running)."""
    try:
        out = subprocess.run(["pgrep", "-P", str(shell_pid), "-f", name], capture_output=True,
                             text=True).stdout.split()
        return int(out[0]) if out else 0
    except (OSError, ValueError):
        return 0


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


class Monkey:
    def __init__(self, fupin, seconds, seed):
        self.fupin, self.seconds, self.seed = fupin, seconds, seed
        self.rnd = random.Random(seed)
        self.work = tempfile.mkdtemp(prefix="fupin-monkey.")
        self.db = os.path.join(self.work, "d.db")
        self.status = os.path.join(self.work, "status")
        self.stderr = os.path.join(self.work, "stderr")
        self.tmux = Tmux(f"fupin-monkey-{os.getpid()}")
        self.sent, self.last, self.starts = 0, [], 0
        self.spin_since, self.spin_cpu = None, None
        self.restore_in = 0         # keys until the window gets its size back
        self.why_stuck = ""

    def fail(self, why):
        print(f"monkey: FAIL {why} after {self.sent} keys, {self.starts} starts (seed {self.seed})")
        print("  last keys: " + " ".join(repr(k) for k in self.last[-40:]))
        if os.path.exists(self.stderr):
            err = open(self.stderr, errors="replace").read()
            if err.strip():
                print("  stderr:\n" + "\n".join("    " + l for l in err.splitlines()[-40:]))
        print("  screen:\n" + "\n".join("    " + l for l in self.tmux.screen().splitlines()))
        print(f"  replay: python3 {sys.argv[0]} {self.fupin} {self.seconds:.0f} {self.seed}")
        return 1

    def start(self):
        # Logged in as the demo's 管理员: random keys reach every screen.
        env = ("LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color FUPIN_TODAY=2026-12-02 "
               "FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin")
        env += " ASAN_OPTIONS=abort_on_error=0:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1"
        # In its own directory: the exports it saves (F9, menu 8) land there,
        # not in the checkout (an early run committed 26 of them).
        cmd = (f"cd {self.work} && {env} {self.fupin} --db {self.db} 2>>{self.stderr}; "
               f"echo $? > {self.status}; sleep 600")
        self.tmux.run("kill-server")
        time.sleep(0.2)
        self.tmux.run("new-session", "-d", "-s", "m", "-x", "100", "-y", "30", cmd, check=True)
        self.starts += 1
        time.sleep(0.6)
        self.spin_since = None

    def sanitizer_report(self):
        if not os.path.exists(self.stderr):
            return None
        err = open(self.stderr, errors="replace").read()
        for mark in ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer"):
            if mark in err:
                return mark
        return None

    def exited(self):
        """None while running; else the exit status as text."""
        if not os.path.exists(self.status):
            return None
        time.sleep(0.05)
        return open(self.status).read().strip()

    def spinning(self):
        """True once the program has used the CPU without a break for HANG_SECONDS."""
        pid = child_pid(self.tmux.pane_pid(), "fupin")
        cpu = cpu_seconds(pid) if pid else None
        now = time.time()
        if cpu is None:
            self.spin_since = None
            return False
        if self.spin_since is None:
            self.spin_since, self.spin_cpu = now, cpu
            return False
        wall = now - self.spin_since
        if cpu - self.spin_cpu < 0.8 * wall:    # it rested: start a new window
            self.spin_since, self.spin_cpu = now, cpu
            return False
        return wall >= HANG_SECONDS

    def one_key(self):
        r = self.rnd.random()
        if r < 0.12:
            k = self.rnd.choice(TEXTS)
            self.tmux.keys(k, literal=True)
        elif r < 0.14:
            k = self.rnd.choice(TEXTS)
            self.tmux.run("set-buffer", "--", k)
            self.tmux.run("paste-buffer", "-p", "-t", "m")
            k = "paste:" + k
        elif r < 0.155 and not self.restore_in:
            w, h = self.rnd.choice([(60, 15), (80, 24), (120, 40), (79, 23)])
            self.tmux.run("resize-window", "-t", "m", "-x", str(w), "-y", str(h))
            k = f"resize {w}x{h}"
            self.restore_in = self.rnd.randint(1, 30)    # a few keys at that size
        else:
            k = self.rnd.choice(KEYS)
            self.tmux.keys(k)
        self.last.append(k)
        self.sent += 1
        if self.restore_in:
            self.restore_in -= 1
            if not self.restore_in:
                self.restore_size()

    def restore_size(self):
        self.tmux.run("resize-window", "-t", "m", "-x", "100", "-y", "30")
        self.last.append("resize 100x30")

    def responsive(self):
        """After the keys stop, the program still answers: Esc, then F1 opens its help.

        Either key changing the screen counts.  Comparing only the screen before Esc with
        the screen after F1 called a live program stuck when its help was already open:
        Esc closed it and F1 opened the same help again (CI, seed 212346859)."""
        self.restore_size()
        time.sleep(0.3)
        before = self.tmux.screen()
        self.tmux.keys("Escape")
        time.sleep(0.3)
        after_escape = self.tmux.screen()
        self.tmux.keys("F1")
        pid = child_pid(self.tmux.pane_pid(), "fupin")
        cpu0 = cpu_seconds(pid) if pid else None
        for _ in range(100):        # 10 s: a sanitizer build on a loaded machine is slow
            time.sleep(0.1)
            now = self.tmux.screen()
            if now != after_escape or after_escape != before or self.exited() is not None:
                return True
        cpu1 = cpu_seconds(pid) if pid else None
        if cpu0 is not None and cpu1 is not None:
            self.why_stuck = f"(used {cpu1 - cpu0:.1f} s of CPU in the last 10 s: " + \
                ("spinning)" if cpu1 - cpu0 > 5 else "waiting)")
        return False

    def integrity(self):
        self.tmux.run("kill-server")
        time.sleep(0.3)
        out = subprocess.run(["sqlite3", self.db, "PRAGMA integrity_check"], capture_output=True,
                             text=True)
        return out.stdout.strip()

    def run(self):
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", FUPIN_TODAY="2026-12-02")
        made = subprocess.run([self.fupin, "demo", "--db", self.db, "--households", "300",
                               "--seed", "1"], env=env, capture_output=True, text=True)
        if made.returncode:
            print("monkey: fupin demo failed: " + made.stderr.strip())
            return 1
        print(f"monkey: seed {self.seed}, {self.seconds:.0f} s", flush=True)
        self.start()
        end = time.time() + self.seconds
        while time.time() < end:
            rc = self.exited()
            if rc is not None:
                if rc != "0":
                    return self.fail(f"the workstation exited with status {rc}")
                os.remove(self.status)
                self.start()
                continue
            if self.sanitizer_report():
                return self.fail(f"sanitizer report ({self.sanitizer_report()})")
            if self.sent % 25 == 0 and self.spinning():
                return self.fail(f"the workstation spun on the CPU for {HANG_SECONDS:.0f} s")
            self.one_key()
            time.sleep(KEY_PAUSE)
        time.sleep(0.5)
        if self.exited() not in (None, "0"):
            return self.fail(f"the workstation exited with status {self.exited()}")
        if self.sanitizer_report():
            return self.fail(f"sanitizer report ({self.sanitizer_report()})")
        if self.exited() is None and not self.responsive():
            return self.fail("the workstation stopped answering keys " + self.why_stuck)
        check = self.integrity()
        if check != "ok":
            return self.fail(f"integrity_check: {check}")
        print(f"monkey: {self.sent} keys in {self.seconds:.0f} s, {self.starts} starts, "
              f"no crash, hang or sanitizer report, database ok (seed {self.seed})")
        return 0

    def close(self):
        self.tmux.run("kill-server")
        shutil.rmtree(self.work, ignore_errors=True)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if not shutil.which("tmux"):
        print("tmux not installed")
        return 77
    seed = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else int(time.time() * 1000) % 10**9
    m = Monkey(os.path.abspath(sys.argv[1]), float(sys.argv[2]), seed)
    try:
        return m.run()
    finally:
        m.close()


if __name__ == "__main__":
    sys.exit(main())
