"""Number surfaces: digits, spelled-out numbers, "half a", vague plurals and multiples."""
from __future__ import annotations

import itertools
import re
from decimal import Decimal

from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.extend import _extend_right
from evfacts.claims.figures.patterns import (
    _CUR_PREFIX_LOWER,
    _CUR_PREFIX_RE,
    _DOLLAR_PREFIX_OK,
    _FOLD_AFTER_RE,
    _MULTIPLE_WORD_RE,
    _PREFIX_NEEDS_BOUNDARY,
    _WORD_NUM_SINGLE_FRACTION,
    NUM,
)
from evfacts.claims.figures.tolerance import is_tolerance
from evfacts.claims.numbers import FRAC, parse_digits, parse_words, word_runs

_FRACTION_OF_RE = re.compile(r"\s+of\s+(?:a|an|the|its|their|his|her|our|all|\w+['’]s)\s", re.IGNORECASE)


def _fraction_of(num: str, text: str, end: int) -> Decimal | None:
    """"1/40 of the wavelength", "3/20 of its budget": a fraction of something has any denominator (alone,
    "24/7" and "9/11" are no fractions; see numbers.FRACTION_DENOMINATORS)."""
    m = FRAC.fullmatch(num.strip())
    if not m or m.group(1) or not _FRACTION_OF_RE.match(text, end):
        return None
    n, d = int(m.group(2)), int(m.group(3))
    return Decimal(n) / Decimal(d) if 0 < n < d <= 1000 else None


def _digit_atoms(text: str, masks) -> list[_Atom]:
    atoms = []
    for m in NUM.finditer(text):
        sign, num = m.group(1) or "", m.group(2)
        ns, ne = m.start(2), m.end(2)
        s = m.start()
        v = parse_digits(num)
        if v is None:
            v = _fraction_of(num, text, ne)
            if v is None:
                continue
        a = _Atom(s=s, e=ne, ns=ns, ne=ne, value=v, sign=sign, rules=["digits"])
        fm = _FOLD_AFTER_RE.match(text, ne)
        if fm:  # "3-fold": a multiple
            a.unit, a.unit_kind, a.e = "x", "sym", fm.end()
            a.rules.append("multiple")
        mm = re.search(r"(?i)\bminus[\s-]$", text[max(0, s - 7):s])
        if mm and not sign and not is_tolerance(text, s):  # not "plus or minus 3 points"
            a.sign, a.s = "-", s - (len(text[max(0, s - 7):s]) - mm.start())
        # currency before: "$", "US$", "HK $", "RMB ", "€", "Y=", "USD", "PS"
        before = text[max(0, s - 8):s]
        cm = _CUR_PREFIX_RE.search(before)
        if cm:
            sym = cm.group(0).strip()
            start = s - len(cm.group(0))
            ok = True
            if _PREFIX_NEEDS_BOUNDARY.match(sym[0]) and start > 0 and (text[start - 1].isalnum()):
                ok = False
                # "versus $4.96", "bonus $500": the letters belong to the word before, the "$" still stands
                dm = re.search(r"\$\s?$", cm.group(0)) if sym.endswith("$") else None
                if dm:
                    sym, start, ok = "$", s - len(cm.group(0)) + dm.start(), True
            if sym == "PS" and not (re.match(r"\d[\d,.]*\s?(?:m|bn|k|million|billion)\b", text[ns:ns + 14]) or "," in num or "." in num):
                ok = False  # PS5 is a console, PS6m is £6m
            if sym in ("dollar",) and not _DOLLAR_PREFIX_OK.match(text, ns):
                ok = False  # "the dollar 1.2% higher"; but "at dollar 22.5 million" is money
            if ok:
                a.currency = L.CUR_PREFIX.get(sym, "GBP" if sym == "PS" else _CUR_PREFIX_LOWER.get(sym.lower()))
                if a.currency is None:
                    a.currency = L.CUR_PREFIX.get(sym.replace(" ", ""))
                if sym in L.CUR_PREFIX_SCALED:
                    a.scale = Decimal(str(L.CUR_PREFIX_SCALED[sym]))
                a.s = start
                a.rules.append("currency_prefix")
                # sign before currency: "-$2.5bn"
                if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
                    a.sign = "-"
                    a.s = start - 1
        atoms.append(a)
    return atoms


def _word_atoms(text: str, taken) -> list[_Atom]:
    atoms = []
    for s, e, words in word_runs(text):
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        lw = [w.lower() for w in words]
        if _FOLD_AFTER_RE.match(text, e):
            continue  # "five-fold": a multiple, read by _multiple_atoms
        # a lone fraction word ("third", "quarter") is an ordinal or a period, not a number
        if len(lw) == 1 and lw[0] in _WORD_NUM_SINGLE_FRACTION:
            continue
        if lw[0] in ("a", "an") and len(lw) == 2 and lw[1] in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth") \
                and not re.match(r"\s+(?:of|more|less|fewer|million|billion|trillion|thousand|(?:percentage[\s-])?points?|stake|share|interest)\b", text[e:], re.IGNORECASE):
            continue  # "for a fifth straight quarter", "a third time": an ordinal, not a fraction
        if lw[0] in ("a", "an") and len(lw) == 2 and lw[1] in ("quarter", "quarters"):
            if not re.match(r"\s+(?:of|million|billion|trillion|century|(?:percentage[\s-])?points?)\b", text[e:]):
                continue  # "a quarter point" (0.25 points) is a figure; "a quarter" alone is a period
        if lw == ["half"] or lw[-1] == "half" and lw[0] in ("a", "an") and len(lw) == 2:
            pre = text[:s].rstrip().lower()
            if re.search(r"(?:first|second|1st|2nd|latter|back|front|top|bottom|other|the|a|an)$", pre) or not (
                    re.match(r"\s+(?:of|the|a|an|million|billion|its|their|his|her|our|all)\b", text[e:]) or (len(lw) == 2 and _HALF_UNIT_RE.match(text, e))):
                continue
        if lw in (["score"],) or (lw[-1] == "score" and len(lw) == 1):
            continue
        if "score" in lw:
            continue
        if lw in (["dozen"], ["dozens"]) or (len(lw) == 1 and lw[0] in L.WORD_SCALES):
            continue  # "Trillion", "million" alone: not a figure
        if len(lw) == 2 and lw[1] == "quarter" and "-" in text[s:e] and (parse_words(words[:1]) or 0) in (2, 4, 5, 6, 7, 8, 9, 10, 11, 12):
            # "a four-quarter streak", "a two-quarter slump": a span of quarters, not 4/4 of something
            v = parse_words(words[:1])
            atoms.append(_Atom(s=s, e=e, ns=s, ne=s + len(words[0]), value=Decimal(str(v)), words=True, unit="quarter",
                               unit_kind="noun", rules=["words", "span_of_quarters"]))
            continue
        if len(lw) > 1 and lw[-1] in ("quarters", "thirds", "halves", "fifths", "tenths", "eighths") and text[s:e].count("-") == 0 \
                and not re.match(r"\s+(?:of|million|billion|trillion|thousand)\b", text[e:], re.IGNORECASE):
            words = words[:-1]
            lw = lw[:-1]
            e = s + len(" ".join(words)) if text[s:e].startswith(" ".join(words)) else e
            while e > s and not text[e - 1].isalpha():
                e -= 1
        v = parse_words(words)
        if v is None:
            continue
        a = _Atom(s=s, e=e, ns=s, ne=e, value=Decimal(str(v)), words=True, rules=["words"])
        k = len(lw)
        while k > 0 and lw[k - 1] in L.WORD_SCALES:
            k -= 1  # the scale words closing the run: "million", "thousand million" (a scale of a scale)
        if 0 < k < len(lw) and lw[k - 1] != "hundred" and (len(lw) - k == 1 or _ascending(lw[k:])):
            sc = Decimal(1)
            for w in lw[k:]:
                sc *= Decimal(str(L.WORD_SCALES[w]))
            a.value, a.scale = a.value / sc, sc
        atoms.append(a)
    return atoms


def _ascending(scales: list[str]) -> bool:
    """"thousand million": each scale word larger than the one before, so they multiply."""
    values = [L.WORD_SCALES[w] for w in scales]
    return all(x < y for x, y in itertools.pairwise(values))


#: "a half point", "a half-mile", "half a percentage point", "half an hour": half of a unit
_HALF_UNIT_RE = re.compile(r"[\s-](?:an?\s+)?(?:(?:percentage[\s-])?points?|percent|per\s?cent|" + L.alternation(L.UNIT_WORDS) + r")(?![\w-])", re.IGNORECASE)
_HALF_A_RE = re.compile(r"\s+an?(?=\s)", re.IGNORECASE)


def _half_a_unit(a: _Atom, text: str) -> None:
    """'half a mile', 'half an hour', 'half a point': the unit after the article is the figure's unit."""
    if a.value != Decimal("0.5") or a.unit_kind or a.currency or a.e != a.ne or not _HALF_UNIT_RE.match(text, a.e):
        return
    m = _HALF_A_RE.match(text, a.e)
    if not m:
        return
    ne = a.ne
    a.ne = m.end()
    pm = re.match(r"\s+(points?)\b", text[a.ne:], re.IGNORECASE)
    if pm:
        a.unit, a.unit_kind, a.e = "point", "noun", a.ne + pm.end()
    else:
        _extend_right(a, text)
    if a.unit_kind in ("sym", "pct", "noun"):
        a.rules.append("half_a_unit")
    else:
        a.e = ne
    a.ne = ne


_VAGUE_RE = re.compile(r"(?<![\w-])(" + L.alternation(L.VAGUE_PLURALS) + r")\s+of\s+(?!(?:" + L.alternation(L.VAGUE_PLURALS) + r"|dollars|euros|pounds|yen|yuan|the|them|us|these|those|its|their)\b)", re.IGNORECASE)


#: "thousands of dollars", "tens of thousands of euros", "hundreds of millions of pounds": an order of magnitude of money
_VAGUE_MONEY_RE = re.compile(r"(?<![\w-])(" + L.alternation(L.VAGUE_PLURALS) + r")\s+of\s+(" + L.alternation(
    [w for w in L.CUR_WORDS if " " not in w or w.endswith("s")] + ["pounds", "pounds sterling"]) + r")(?![\w-])", re.IGNORECASE)
#: "hundreds of millions were spent": a compound order of magnitude needs no noun after it
_VAGUE_ALONE_RE = re.compile(r"(?<![\w-])(" + L.alternation([w for w in L.VAGUE_PLURALS if " of " in w])
                             + r")(?![\w-])(?!\s+of\b)", re.IGNORECASE)


def _vague_atoms(text: str, taken) -> list[_Atom]:
    """'dozens of people', 'thousands of job cuts', 'tens of thousands of euros', 'hundreds of millions': an order
    of magnitude, as a range (of a currency when its name follows)."""
    out = []
    found = [(m, None) for m in _VAGUE_RE.finditer(text)] + [(m, m.group(2)) for m in _VAGUE_MONEY_RE.finditer(text)] \
        + [(m, None) for m in _VAGUE_ALONE_RE.finditer(text)]
    for m, money in sorted(found, key=lambda f: (f[0].start(), -f[0].end())):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        lo, hi = L.VAGUE_PLURALS[m.group(1).lower()]
        a = _Atom(s=m.start(), e=m.end(), ns=m.start(), ne=m.end(1), value=Decimal(str(lo)), value_max=Decimal(str(hi)),
                  words=True, rules=["vague_plural"])
        if money:
            low = money.lower()
            a.currency, a.unit_kind = L.CUR_WORDS.get(low) or L.CUR_AMBIGUOUS.get(low) or "GBP", "cur"
            a.rules.append("currency_word")
        out.append(a)
        taken = [*taken, (m.start(), m.end())]
    return out


def _multiple_atoms(text: str, taken) -> list[_Atom]:
    out = []
    for m in _MULTIPLE_WORD_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group(1):
            v = Decimal(m.group(1))
        elif m.group(2):
            v = Decimal(L.MULTIPLE_WORDS[m.group(2).lower()])
        elif m.group(3):
            v = Decimal(L.MULTIPLE_VERBS[m.group(3).lower()])
        else:  # "five-fold", "ten fold"
            w = L.plain(m.group(4))  # the pattern ignores case: "ſix-fold"
            v = Decimal(L.WORD_UNITS.get(w) or L.WORD_TENS.get(w) or {"hundred": 100, "thousand": 1000}[w])
        out.append(_Atom(s=m.start(), e=m.end(), ns=m.start(), ne=m.end(), value=v, unit="x", unit_kind="sym",
                         words=True, rules=["multiple"]))
    return out


