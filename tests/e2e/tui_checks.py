#!/usr/bin/env python3
"""Every check reaches its dialog (issue 10 item 1), driven like a clerk.

For each case of build/tests/check_case list (one household per check that
Form A or Form B runs, tests/tools/check_cases.c): a fresh database gets the
case as the form's draft; the real workstation runs in tmux, the clerk opens
the form (1 新增申请, or 2 户信息查询 → 覃明), takes the draft back, presses F2
and must see
  errors:  the error list with the check's message, each fault once (the
           title's count is the engine's), and after Esc the terminal cursor
           on the field at fault — the label on the cursor's line, in the
           right member's sub-form;
  warning: the warning, then 仍然保存吗?; 是 saves (已保存, and the stored
           record is the case's household);
  saved:   the form puts it right itself and saves.
Then the form is left and the program quits with exit code 0.  A crash (the
SIGSEGV of the form's check filter once) ends a case at once.  Prints one
FAIL line per failing case; exit 1 when any failed.  Cases run two at a time
(each in its own tmux session and database).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

FUPIN = os.environ.get("FUPIN") or os.path.abspath("build/fupin")
TOOL = os.path.join(os.path.dirname(FUPIN), "tests", "check_case")
SOCK = "fupin-checks-%d" % os.getpid()
TODAY = "2026-11-23"            # the cases' dates and ages assume this day
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", FUPIN_TODAY=TODAY,
           FUPIN_OPERATOR="演示员", FUPIN_PASSWORD="fupin")   # init makes the 管理员
WORKERS = 2
MAIN_MENU = "主菜单 (按数字或字母选择)"


class CaseFail(Exception):
    pass


def tx(*args):
    return subprocess.run(["tmux", "-L", SOCK] + list(args), capture_output=True,
                          text=True, env=ENV).stdout


class Session:
    """One workstation in one tmux session."""

    def __init__(self, name, db):
        self.name = name
        cmd = ("LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color FUPIN_TODAY=%s "
               "FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin %s --db %s; "
               "echo FUPIN-EXITED-$?; sleep 60" % (TODAY, FUPIN, db))
        tx("new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd)

    def screen(self):
        return tx("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys):
        tx("send-keys", "-t", self.name, *keys)
        time.sleep(0.05)

    def cursor(self):
        out = tx("display", "-p", "-t", self.name, "#{cursor_y} #{cursor_x} #{cursor_flag}").split()
        return int(out[0]), int(out[1]), out[2] == "1"

    def wait_for(self, text, secs=5.0):
        end = time.time() + secs
        while True:
            s = self.screen()
            if text in s:
                return s
            m = re.search(r"FUPIN-EXITED-(\d+)", s)
            if m and text != m.group(0):
                raise CaseFail("the program exited (code %s) waiting for '%s'" % (m.group(1), text))
            if time.time() > end:
                raise CaseFail("screen never showed '%s'" % text)
            time.sleep(0.05)

    def close(self):
        tx("kill-session", "-t", self.name)


def squeeze(text):
    """Screen or message text without the dialog's side borders (captured as
    'x' or '│') and blanks, lines joined: a long message wraps in the box."""
    lines = [re.sub(r"\s[x│]\s*$", "", re.sub(r"^\s*[x│]\s", "", l)) for l in text.split("\n")]
    return re.sub(r"\s", "", "".join(lines))


def put(case, db):
    out = subprocess.run([TOOL, "--db", db, "put", case], capture_output=True, text=True, env=ENV)
    if out.returncode != 0:
        raise CaseFail("check_case put: " + out.stderr.strip())
    return dict(line.split("=", 1) for line in out.stdout.splitlines())


def open_form(s, info):
    s.wait_for(MAIN_MENU)
    if info["form"] == "A":
        s.keys("1")
    else:
        s.keys("2")
        s.wait_for("户信息查询")
        s.keys("qm")
        s.wait_for("覃明")
        s.keys("Enter")
    s.wait_for("发现未保存的草稿")
    s.keys("y")
    s.wait_for("农村扶贫对象家庭申请书" if info["form"] == "A" else "入户调查表")


def check_cursor(s, info):
    """After the error list: the cursor is on the field the case names."""
    screen = s.screen()
    at, member = info["at"], int(info["member"])
    if at == "成员表":
        if "尚无成员" not in screen:
            raise CaseFail("the members table (尚无成员) is not shown")
        return
    if member and ("第 %d 位成员" % member) not in screen:
        raise CaseFail("not in the sub-form of member %d" % member)
    y, x, visible = s.cursor()
    line = screen.split("\n")[y] if y < len(screen.split("\n")) else ""
    if not visible or not re.match(r"\s*\*?" + re.escape(at) + r"(\s|$)", line):
        raise CaseFail("cursor (line %d, column %d%s) is on「%s」, want the field「%s」"
                       % (y, x, "" if visible else ", hidden", line.strip(), at))


def expect_errors(s, info):
    screen = s.wait_for("不能保存")
    want = "有 %s 处错误" % info["errors"]
    if want not in screen:
        raise CaseFail("title is not '%s' (each fault once)" % want)
    if squeeze(info["message"]) not in squeeze(screen):
        raise CaseFail("the error list lacks「%s」" % info["message"])
    s.keys("Escape")
    time.sleep(0.15)
    check_cursor(s, info)


def stored(case, db, info):
    out = subprocess.run([TOOL, "--db", db, "stored", case], capture_output=True, text=True,
                         env=ENV)
    if out.returncode != 0:
        raise CaseFail("stored record is not the case's: %s %s" % (out.stdout.strip(),
                                                                  out.stderr.strip()))


def expect_warning(s, case, db, info):
    screen = s.wait_for("警告")
    if squeeze(info["message"]) not in squeeze(screen):
        raise CaseFail("the warning lacks「%s」" % info["message"])
    # The warnings and the question share one box: the clerk answers while
    # reading them (it once closed the list before asking).
    if "仍然保存吗" not in screen:
        screen = s.wait_for("仍然保存吗")
        if squeeze(info["message"]) not in squeeze(screen):
            raise CaseFail("the question hides the warning「%s」" % info["message"])
    want = "有 %s 条警告" % info["warnings"]
    if want not in screen:
        raise CaseFail("question is not '%s'" % want)
    s.keys("y")
    s.wait_for("已保存")
    stored(case, db, info)


def expect_saved(s, case, db, info):
    screen = s.wait_for("已保存")
    if "不能保存" in screen or "警告" in screen:
        raise CaseFail("a dialog where the form should have saved")
    stored(case, db, info)


def quit_program(s):
    """Esc until the main menu (a sub-form, then the form; 保存修改吗? 否), q."""
    end = time.time() + 5
    while MAIN_MENU not in s.screen():
        if time.time() > end:
            raise CaseFail("Esc never led back to the main menu")
        if "FUPIN-EXITED-" in s.screen():
            raise CaseFail("the program exited leaving the form")
        s.keys("n" if "保存修改吗" in s.screen() else "Escape")
        time.sleep(0.2)
    s.keys("q")
    end = time.time() + 3
    while "FUPIN-EXITED-" not in s.screen():
        if time.time() > end:
            raise CaseFail("q on the main menu did not quit")
        if "吗?" in s.screen():     # should quitting ever ask, answer 是
            s.keys("y")
        time.sleep(0.05)
    s.wait_for("FUPIN-EXITED-0")


def run_case(case, template, tmp, index):
    db = os.path.join(tmp, "case%d.db" % index)
    shutil.copy(template, db)
    info = put(case, db)
    s = Session("c%d" % index, db)
    try:
        open_form(s, info)
        s.keys("F2")
        if info["expect"] == "errors":
            expect_errors(s, info)
        elif info["expect"] == "warning":
            expect_warning(s, case, db, info)
        else:
            expect_saved(s, case, db, info)
        quit_program(s)
    except CaseFail as e:
        screen = s.screen()
        s.close()
        raise CaseFail("%s\n%s" % (e, "\n".join("    | " + l for l in screen.rstrip().split("\n"))))
    s.close()


def main():
    if not shutil.which("tmux"):
        print("tmux not installed")
        return 77
    if not os.access(TOOL, os.X_OK):
        print("FAIL: %s not built (make all)" % TOOL)
        return 1
    cases = subprocess.run([TOOL, "list"], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    cases = [c.split()[0] for c in cases if c.strip()]
    # CHECK_CASES="INSP_ ID_" runs only the cases starting with one of these.
    only = os.environ.get("CHECK_CASES", "").split()
    if only:
        cases = [c for c in cases if any(c.startswith(p) for p in only)]
    tmp = tempfile.mkdtemp(prefix="fupin-checks.")
    template = os.path.join(tmp, "template.db")
    subprocess.run([FUPIN, "init", "--db", template, "--county", "450123", "隆安县",
                    "--township", "450123101", "古潭乡", "--village", "450123101001", "那门村"],
                   check=True, capture_output=True, env=ENV)
    failures = []
    lock = threading.Lock()
    todo = list(enumerate(cases))

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                index, case = todo.pop(0)
            try:
                run_case(case, template, tmp, index)
                line = "ok   " + case
            except CaseFail as e:
                line = "FAIL %s: %s" % (case, e)
                with lock:
                    failures.append(case)
            with lock:
                print(line, flush=True)

    started = time.time()
    # A first session starts the tmux server; the rest share it.
    tx("new-session", "-d", "-s", "keep", "sleep 600")
    try:
        threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        tx("kill-server")
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d cases, %d failed (%.0f s)%s" % (len(cases), len(failures), time.time() - started,
                                              ": " + " ".join(failures) if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
