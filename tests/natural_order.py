"""The natural order of 村民小组 names, written again for the export checks
(stdlib only): numbers by value (2组, 第二组 and 二组 are 2; 十一 = 11,
二〇二六 = 2026; a 第 before a number does not count), other characters by
their pinyin initial (the first kMandarin reading in Unihan), then code
point; spaces skipped; at one position the end first, then a number, then a
character; names equal so far by their UTF-8 bytes.  The rule is core/natural.h's.

    natural_key(name)  -> a sort key
"""
import bz2
import unicodedata

UNIHAN = "/usr/share/unicode/Unihan_Readings.txt.bz2"
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN_DIGITS["〇"] = 0
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
SPACES = " \t\u3000\u00a0"
_initials = None


def _initial(ch):
    global _initials
    if ch.isascii():
        return ch.lower() if ch.isalpha() else ""
    if _initials is None:
        _initials = {}
        with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
            for line in f:
                if "\tkMandarin\t" in line:
                    cp, _, reading = line.rstrip("\n").split("\t")
                    first = unicodedata.normalize("NFD", reading.split()[0])[0].lower()
                    if "a" <= first <= "z":
                        _initials[chr(int(cp[2:], 16))] = first
    return _initials.get(ch, "")


def _arabic(ch):
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "０" <= ch <= "９":
        return ord(ch) - 0xFF10
    return None


def _is_number(ch):
    return _arabic(ch) is not None or ch in CN_DIGITS or ch in CN_UNITS


def _chinese(s, i):
    total = cur = 0
    after_digit = False
    while i < len(s) and (s[i] in CN_DIGITS or s[i] in CN_UNITS):
        if s[i] in CN_DIGITS:
            cur = cur * 10 + CN_DIGITS[s[i]] if after_digit else CN_DIGITS[s[i]]
            after_digit = True
        else:
            total += (cur or 1) * CN_UNITS[s[i]]
            cur, after_digit = 0, False
        i += 1
    return total + cur, i


def natural_key(name):
    s = name or ""
    tokens = []
    i = 0
    while True:
        while i < len(s) and s[i] in SPACES:
            i += 1
        if i == len(s):
            break
        if s[i] == "第":
            j = i + 1
            while j < len(s) and s[j] in SPACES:
                j += 1
            if j < len(s) and _is_number(s[j]):
                i = j
        if _arabic(s[i]) is not None:
            v = 0
            while i < len(s) and _arabic(s[i]) is not None:
                v = v * 10 + _arabic(s[i])
                i += 1
            tokens.append((1, v))
        elif s[i] in CN_DIGITS or s[i] in CN_UNITS:
            v, i = _chinese(s, i)
            tokens.append((1, v))
        else:
            tokens.append((2, _initial(s[i]), ord(s[i])))
            i += 1
    return (tokens, s.encode("utf-8"))
