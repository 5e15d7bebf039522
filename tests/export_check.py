#!/usr/bin/python3
"""Checks fupin's roster and summary workbooks against the database, cell by
cell, with an implementation of its own (openpyxl + the sqlite3 module; run
with /usr/bin/python3).  Code labels come from SPEC §4 (typed here again),
民族 from core/codes.c.  Prints what differs and exits 1; 0 when all agree.

    export_check.py roster  DB XLSX TODAY [AREA [STATUS,... [TITLE]]]
                    (STATUS: state numbers; none = the register, 在册 and 已脱贫)
    export_check.py summary DB XLSX TODAY [AREA]
    export_check.py sample  DB XLSX TODAY N     (row count + every N-th row)
    export_check.py roster_year DB XLSX TODAY YEAR   (the roster of YEAR: each
                    household's survey of YEAR or the latest before it)
    export_check.py resurvey DB XLSX TODAY YEAR      (回头看: 在册/已脱贫 without
                    a survey of YEAR, by village, 小计 per village)
"""
import os
import re
import sqlite3
import sys

import openpyxl

from natural_order import natural_key

HERE = os.path.dirname(os.path.abspath(__file__))

L = {
    "sex": ["男", "女"],
    "relation": ["户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子",
                 "之外孙女", "之父母", "之祖父母", "之兄弟姐妹", "其他"],
    "education": ["文盲或半文盲", "小学", "初中", "高中", "中专/中职", "大专及以上", "学龄前儿童"],
    "schooling": ["非在校生", "学前教育", "小学", "初中", "高中", "中职", "高职/大专", "本科及以上"],
    "health": ["健康", "长期慢性病", "患有大病", "残疾"],
    "skill": ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"],
    "work": ["非务工", "乡镇内务工", "乡镇外县内务工", "县外省内务工", "省外务工"],
    "hh_type": ["一般贫困户", "低保贫困户", "特困供养贫困户"],
    "standard": ["国家标准", "省定标准", "市定标准"],
    "political": ["中共党员", "共青团员", "群众", "其他"],
    "cause": ["因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金",
              "交通条件落后", "自身发展动力不足", "其他"],
}
src = open(os.path.join(HERE, "..", "core", "codes.c"), encoding="utf-8").read()
eth = src[src.index("static const struct code ethnic[]"):]
eth = eth[:eth.index("};")]
L["ethnic"] = [m.group(2) for m in re.finditer(r'\{ *(\d+), *"([^"]+)" *\}', eth)]

# wf_roster_status of core/workflow.h, by state number
STATUS = {0: "未申请", 9: "未通过", 10: "已撤回", 15: "已脱贫", 17: "已清退"}
for s in range(1, 8):
    STATUS[s] = "识别中"
for s in (8, 11, 12, 13, 14, 16):
    STATUS[s] = "在册"

# wf_state_label, by state number
STEP = ["未申请", "已申请", "已调查", "已评议", "一榜公示", "已回访", "二榜公示", "三榜公示",
        "已建档立卡", "未通过", "已撤回", "退出评议", "退出一榜公示", "退出二榜公示", "退出三榜公示",
        "已脱贫", "清退公示", "已清退"]

INCOME = ["wage_income", "business_income", "property_income", "family_planning", "dibao", "tekun",
          "pension", "eco_comp", "other_transfer", "business_cost"]
HEADERS = ["序号", "县", "乡镇", "村", "村民小组", "户编号", "户主姓名", "家庭人口", "联系电话",
           "与户主关系", "姓名", "性别", "身份证号", "民族", "年龄", "政治面貌", "文化程度", "在校生状况",
           "健康状况", "残疾证号", "劳动技能", "务工状况", "务工时间(月)", "参加城乡居民基本医疗保险",
           "参加大病保险", "参加城乡居民基本养老保险", "是否现役军人", "调查年度", "贫困户属性",
           "识别标准", "主要致贫原因", "其他致贫原因1", "其他致贫原因2", "开户银行", "银行账号",
           "工资性收入", "生产经营性收入", "财产性收入", "计划生育金", "低保金", "特困供养金",
           "养老保险金", "生态补偿金", "其他转移性收入", "生产经营性支出", "年人均纯收入", "帮扶责任人",
           "帮扶单位", "状态", "办理状态", "脱贫年度"]
NCOLS = len(HEADERS)
REGISTER = {8, 11, 12, 13, 14, 15, 16}

errors = []


def err(msg):
    errors.append(msg)
    if len(errors) <= 30:
        print(msg)


def label(lst, code):
    return L[lst][code - 1] if code and 1 <= code <= len(L[lst]) else None


def age(birth, today):
    if not birth:
        return None
    by, bm, bd = map(int, birth.split("-"))
    ty, tm, td = map(int, today.split("-"))
    return ty - by - ((tm, td) < (bm, bd))


def per_capita(net, n):
    """Half away from zero, in fen (core/income.c's rule)."""
    if n <= 0:
        return 0
    q, r = divmod(abs(net), n)
    if 2 * r >= n:
        q += 1
    return q if net >= 0 else -q


def first_year(con, hid):
    """The year of the household's first application or survey, or None."""
    return con.execute("SELECT min(y) FROM (SELECT year AS y FROM applications WHERE household_id=?"
                       " UNION ALL SELECT year FROM surveys WHERE household_id=?)",
                       (hid, hid)).fetchone()[0]


def roster_pc(sv, n):
    """年人均纯收入 of a roster survey row: the declared figure (sv[19]) while
    every income part (sv[9:19]) is 0, else net / family size."""
    if sv[19] and not any(sv[9:19]):
        return sv[19]
    return per_capita(sv[3], n)


def yes(v):
    return "是" if v else "否"


def expected_roster(db, today, area="", states=None, only=None, year=0):
    """The roster's rows; with `only` (a set of row indexes) just those rows
    are built (others are None), so a large file can be sampled quickly.
    year: only households there by then, each with its survey of that year
    or the latest before it (0 = the latest)."""
    con = sqlite3.connect(db)
    hh = con.execute("""
        SELECT h.id, c.name, t.name, v.name, v.code, h.group_name, h.hh_no, h.head_name, h.state,
               h.n_members, h.phone
        FROM households h JOIN areas v ON v.code = h.village
        LEFT JOIN areas t ON t.code = v.parent LEFT JOIN areas c ON c.code = t.parent
        WHERE h.deleted = 0""").fetchall()
    hh = [r for r in hh if r[4].startswith(area) and (states is None or r[8] in states)]
    if year:
        hh = [r for r in hh if (first_year(con, r[0]) or 0) <= year]
    # village, 村民小组 by number, 户编号 (none first), entry order
    hh.sort(key=lambda r: (r[4], natural_key(r[5]), r[6] is not None, r[6] or "", r[0]))
    rows = []
    counts = dict(con.execute("SELECT household_id, count(*) FROM members WHERE deleted = 0 "
                              "GROUP BY household_id"))
    seq = 0
    for (hid, county, town, vil, vcode, group, hh_no, head, state, n, phone) in hh:
        seq += 1
        k = counts.get(hid, 0)
        if only is not None and not any(i in only for i in range(len(rows), len(rows) + k)):
            rows.extend([None] * k)
            continue
        sv = con.execute("""SELECT hh_type, standard, main_cause, wage_income + business_income +
            property_income + family_planning + dibao + tekun + pension + eco_comp + other_transfer
            - business_cost, year, other_cause1, other_cause2, bank, bank_account, %s,
            declared_per_capita FROM surveys WHERE household_id = ? AND (? = 0 OR year <= ?)
            ORDER BY year DESC LIMIT 1""" % ", ".join(INCOME), (hid, year, year)).fetchone()
        hp = con.execute("""SELECT hp.name, hp.unit FROM assignments a JOIN helpers hp ON
            hp.id = a.helper_id WHERE a.household_id = ? AND a.to_date IS NULL AND a.deleted = 0""",
                         (hid,)).fetchone()
        ey = None
        if state == 15:
            ey = con.execute("SELECT max(year) FROM exits WHERE household_id=? AND deleted=0",
                             (hid,)).fetchone()[0]
            if ey is None:
                d = con.execute("SELECT max(date) FROM state_history WHERE household_id=? AND "
                                "to_state=15", (hid,)).fetchone()[0]
                ey = int(d[:4]) if d else None
        htype = sv[0] if sv else con.execute("SELECT hh_type FROM households WHERE id=?",
                                              (hid,)).fetchone()[0]
        for m in con.execute("""SELECT relation, name, sex, id_no, birth, ethnic, education,
                schooling, health, skill, work, political, work_months, med_ins, serious_ins,
                pension_ins, soldier, disability_no FROM members WHERE household_id = ? AND deleted = 0
                ORDER BY ordinal""", (hid,)):
            rows.append([
                seq, county, town, vil, group or None, hh_no, head or None, n, phone or None,
                label("relation", m[0]), m[1], label("sex", m[2]), m[3], label("ethnic", m[5]),
                age(m[4], today), label("political", m[11]), label("education", m[6]),
                label("schooling", m[7]), label("health", m[8]), m[17] or None,
                label("skill", m[9]), label("work", m[10]), m[12], yes(m[13]), yes(m[14]),
                yes(m[15]), yes(m[16]),
                sv[4] if sv else None, label("hh_type", htype),
                label("standard", sv[1]) if sv else None, label("cause", sv[2]) if sv else None,
                label("cause", sv[5]) if sv else None, label("cause", sv[6]) if sv else None,
                (sv[7] or None) if sv else None, (sv[8] or None) if sv else None] +
                [round(v / 100, 2) if sv else None for v in (sv[9:19] if sv else [0] * 10)] + [
                round(roster_pc(sv, n) / 100, 2) if sv else None,
                (hp[0] or None) if hp else None, (hp[1] or None) if hp else None,
                STATUS[state], STEP[state], ey])
    return rows


def read_rows(path, sheet):
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet]
    return wb, [list(r) for r in ws.iter_rows(values_only=True)]


def check_layout(rows, title_part, headers):
    if not rows or not rows[0][0] or title_part not in rows[0][0]:
        err("title row: %r" % (rows[0][:1] if rows else None))
    if not rows[1][0] or not rows[1][0].startswith("填报单位"):
        err("填报 line: %r" % rows[1][:3])
    if headers and list(rows[2][:len(headers)]) != headers:
        err("header: %r" % rows[2])


def cmp_rows(got, want, first_row=4):
    if len(got) != len(want):
        err("row count %d, want %d" % (len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        for j, (gv, wv) in enumerate(zip(g, w)):
            if isinstance(wv, float) or isinstance(gv, float):
                ok = gv is not None and wv is not None and abs(gv - wv) < 0.005
            else:
                ok = gv == wv
            if not ok:
                err("row %d col %s (%s): got %r want %r" % (first_row + i, j + 1, HEADERS[j]
                    if j < len(HEADERS) else "", gv, wv))


def roster(db, path, today, area="", status=None, title="贫困户花名册"):
    states = set(int(s) for s in status.split(",")) if status else REGISTER
    want = expected_roster(db, today, area, states)
    _, rows = read_rows(path, "花名册")
    check_layout(rows, title, HEADERS)
    got = [r[:NCOLS] for r in rows[3:]]
    cmp_rows(got, want)
    # the ID column is text with all 18 characters
    idc = HEADERS.index("身份证号")
    for r in got:
        if not (isinstance(r[idc], str) and len(r[idc]) == 18):
            err("ID not 18-char text: %r" % (r[idc],))
            break
    print("roster: %d rows checked, %d differences" % (len(want), len(errors)))


def roster_year(db, path, today, year):
    want = expected_roster(db, today, states=REGISTER, year=year)
    _, rows = read_rows(path, "花名册")
    check_layout(rows, "%d年贫困户花名册" % year, HEADERS)
    cmp_rows([r[:NCOLS] for r in rows[3:]], want)
    print("roster %d: %d rows checked, %d differences" % (year, len(want), len(errors)))


def resurvey(db, path, today, year):
    """回头看 read back cell by cell against the database."""
    con = sqlite3.connect(db)
    reg = (8, 11, 12, 13, 14, 15, 16)
    hh = con.execute("""
        SELECT h.id, t.name, v.name, v.code, h.group_name, h.hh_no, h.head_name, h.n_members, h.state
        FROM households h JOIN areas v ON v.code = h.village LEFT JOIN areas t ON t.code = v.parent
        WHERE h.deleted = 0 AND h.state IN (%s)""" % ",".join(map(str, reg))).fetchall()
    hh = [r for r in hh if (first_year(con, r[0]) or 0) <= year and not con.execute(
        "SELECT 1 FROM surveys WHERE household_id = ? AND year = ?", (r[0], year)).fetchone()]
    hh.sort(key=lambda r: (r[3], natural_key(r[4]), r[5] is not None, r[5] or "", r[0]))
    want = []
    for i, (hid, town, vil, vcode, group, hh_no, head, n, state) in enumerate(hh):
        last = con.execute("""SELECT year, wage_income + business_income + property_income +
            family_planning + dibao + tekun + pension + eco_comp + other_transfer - business_cost
            FROM surveys WHERE household_id = ? AND year < ? ORDER BY year DESC LIMIT 1""",
                           (hid, year)).fetchone()
        want.append([i + 1, town, vil, group or None, hh_no, head, n, STATUS[state],
                     last[0] if last else "无",
                     round(per_capita(last[1], n) / 100, 2) if last else None])
        if i + 1 == len(hh) or hh[i + 1][3] != vcode:
            k = sum(1 for r in hh if r[3] == vcode)
            want.append([None, town, vil, None, None, "小计 %d 户" % k,
                         sum(r[7] for r in hh if r[3] == vcode), None, None, None])
    _, rows = read_rows(path, "回头看")
    check_layout(rows, "%d年回头看未复查户名单" % year,
                 ["序号", "乡镇", "村", "村民小组", "户编号", "户主姓名", "家庭人口", "状态",
                  "最近调查年度", "最近年人均纯收入"])
    got = [r[:10] for r in rows[3:3 + len(want)]]
    if len(got) != len(want):
        err("row count %d, want %d" % (len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        for j, (gv, wv) in enumerate(zip(g, w)):
            ok = abs(gv - wv) < 0.005 if isinstance(wv, float) and gv is not None else gv == wv
            if not ok:
                err("row %d col %d: got %r want %r" % (4 + i, j + 1, gv, wv))
    foot = next((r[0] for r in rows[3 + len(want):] if r[0]), None)
    if not foot or ("共 %d 户" % len(hh)) not in foot or ("%d年" % year) not in foot:
        err("footer %r" % foot)
    print("resurvey %d: %d households checked, %d differences" % (year, len(hh), len(errors)))


def sample(db, path, today, every):
    con = sqlite3.connect(db)
    nwant = con.execute("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id"
                        " WHERE m.deleted = 0 AND h.deleted = 0 AND h.state IN (%s)"
                        % ",".join(map(str, REGISTER))).fetchone()[0]
    picked = list(range(0, nwant, every)) + [nwant - 1]
    want = expected_roster(db, today, states=REGISTER, only=set(picked))
    _, rows = read_rows(path, "花名册")
    got = rows[3:]
    if len(got) != len(want) or len(want) != nwant:
        err("row count %d, want %d" % (len(got), len(want)))
    cmp_rows([got[i][:NCOLS] for i in picked if i < len(got)], [want[i] for i in picked])
    print("sample: %d rows, %d sampled, %d differences" % (len(got), len(picked), len(errors)))


def summary(db, path, today, area=""):
    con = sqlite3.connect(db)
    reg = (8, 11, 12, 13, 14, 15, 16)
    q = ",".join(map(str, reg))
    la = dict(con.execute("SELECT key, value FROM settings WHERE key LIKE 'labour.%'"))
    lmin, mmax, fmax = int(la["labour.min_age"]), int(la["labour.male_max"]), int(la["labour.female_max"])
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames[:3] != ["村表", "统计图", "图表数据"]:
        err("sheets %r" % wb.sheetnames)
    ws = wb["村表"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    check_layout(rows, "汇总表", ["乡镇", "村", "户数", "人数"] + L["hh_type"] + L["cause"])
    data = [r for r in rows[3:] if r[0] is not None and r[2] is not None]
    total = [r for r in data if r[0] == "合计"]
    if len(total) != 1:
        err("no single 合计 row")
        return
    total = total[0]
    villages = [r for r in data if r[0] != "合计" and r[1] != "小计"]
    subtotals = [r for r in data if r[1] == "小计"]
    # per village, from SQL and Python
    vrows = con.execute("SELECT v.code, v.name FROM areas v WHERE level = 3 AND code LIKE ? "
                        "ORDER BY code", (area + "%",)).fetchall()
    if [r[1] for r in villages] != [v[1] for v in vrows]:
        err("village rows %r want %r" % ([r[1] for r in villages], [v[1] for v in vrows]))
    want_total = [0] * 23
    for (code, name), got in zip(vrows, villages):
        hh = con.execute("SELECT id, hh_type, state, n_members FROM households WHERE deleted=0 "
                         "AND village=? AND state IN (%s)" % q, (code,)).fetchall()
        w = [0] * 23
        w[0] = len(hh)
        inc_sum = inc_n = 0
        for hid, htype, state, n in hh:
            sv = con.execute("""SELECT hh_type, main_cause, wage_income + business_income +
                property_income + family_planning + dibao + tekun + pension + eco_comp +
                other_transfer - business_cost FROM surveys WHERE household_id = ? ORDER BY year
                DESC LIMIT 1""", (hid,)).fetchone()
            t = sv[0] if sv else htype
            if t:
                w[1 + t] += 1
            if sv and sv[1]:
                w[4 + sv[1]] += 1
            if sv:
                inc_sum += per_capita(sv[2], n)
                inc_n += 1
            ms = con.execute("SELECT sex, birth, skill, schooling FROM members WHERE "
                             "household_id=? AND deleted=0", (hid,)).fetchall()
            w[1] += len(ms)
            for sex, birth, skill, school in ms:
                a = age(birth, today)
                if a is not None and lmin <= a <= (mmax if sex == 1 else fmax) and skill not in (4, 5):
                    w[17] += 1
                if school and school > 1:
                    w[18] += 1
            if state == 15:
                w[19] += 1
                w[20] += len(ms)
        w[21] = per_capita(inc_sum, inc_n) if inc_n else None
        w[22] = con.execute("""SELECT ifnull(sum(a.money),0) FROM aid_records a JOIN households h
            ON h.id = a.household_id WHERE h.village = ? AND h.deleted = 0 AND h.state IN (%s)
            AND a.deleted = 0 AND a.id NOT IN (SELECT corrects_id FROM aid_records
            WHERE corrects_id IS NOT NULL AND deleted = 0)""" % q, (code,)).fetchone()[0]
        gotv = list(got[2:25])
        wantv = list(w)
        wantv[21] = None if w[21] is None else round(w[21] / 100, 2)
        wantv[22] = round(w[22] / 100, 2)
        for j, (g, x) in enumerate(zip(gotv, wantv)):
            if (g is None) != (x is None) or (g is not None and abs(g - x) > 0.005):
                err("village %s col %d: got %r want %r" % (name, j + 3, g, x))
        for j in range(21):
            want_total[j] += w[j]
        want_total[22] += w[22]
    # totals straight from SQL counts
    hh_all = con.execute("SELECT count(*), sum(n_members) FROM households WHERE deleted=0 AND "
                         "state IN (%s) AND village LIKE ?" % q, (area + "%",)).fetchone()
    if total[2] != hh_all[0] or total[3] != (hh_all[1] or 0):
        err("合计 户数/人数 %r %r want %r" % (total[2], total[3], hh_all))
    ex = con.execute("SELECT count(*) FROM households WHERE deleted=0 AND state=15 AND village "
                     "LIKE ?", (area + "%",)).fetchone()[0]
    if total[21] != ex:
        err("合计 已脱贫户 %r want %r" % (total[21], ex))
    for j in range(21):
        if total[2 + j] != want_total[j]:
            err("合计 col %d: %r want %r" % (j + 3, total[2 + j], want_total[j]))
    if abs((total[24] or 0) - want_total[22] / 100) > 0.005:
        err("合计 帮扶资金 %r want %r" % (total[24], want_total[22] / 100))
    for s in subtotals:
        parts = [v for v, (code, _) in zip(villages, vrows) if v[0] == s[0]]
        for j in range(2, 23):
            if s[j] != sum(p[j] for p in parts):
                err("小计 %s col %d" % (s[0], j + 1))
    # charts
    charts = wb["统计图"]._charts
    if len(charts) < 2:
        err("统计图 has %d charts" % len(charts))
    print("summary: %d villages checked, %d differences" % (len(villages), len(errors)))


def main():
    a = sys.argv[1:]
    if len(a) < 4:
        print(__doc__)
        sys.exit(2)
    if a[0] == "roster":
        roster(a[1], a[2], a[3], a[4] if len(a) > 4 else "", a[5] if len(a) > 5 else None,
               a[6] if len(a) > 6 else "贫困户花名册")
    elif a[0] == "summary":
        summary(a[1], a[2], a[3], a[4] if len(a) > 4 else "")
    elif a[0] == "sample":
        sample(a[1], a[2], a[3], int(a[4]))
    elif a[0] == "roster_year":
        roster_year(a[1], a[2], a[3], int(a[4]))
    elif a[0] == "resurvey":
        resurvey(a[1], a[2], a[3], int(a[4]))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
