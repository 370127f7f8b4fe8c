"""Ranges ("3 to 5", "between 10% and 12%", "$1-2 billion"), feet and inches, whole units and cents."""
from __future__ import annotations

import itertools
import re
from decimal import Decimal

from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.patterns import _BETWEEN_RE, _FROM_RE, _OR_JOIN_RE, _RANGE_JOIN_RE


# ----------------------------------------------------------------------------- ranges
def _merge_ranges(atoms: list[_Atom], text: str, lead: str = "") -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms) and a.value_max is None:
            b = atoms[i + 1]
            gap = text[a.e:b.s]
            if b.sign == "-" and gap.strip() == "" and b.s == b.ns - 1 and not a.sign:
                b.sign, b.s, gap = "", b.ns, text[a.e:b.ns]
            between = bool(_BETWEEN_RE.search(lead + text[:a.s])) and re.fullmatch(r"\s+and\s+[~≈]?", gap, re.IGNORECASE) \
                and not _same_size(a, b)  # "between 4km^3, 4 cubic kilometres and 4 km cubed": one size said twice
            up_to = _up_to_range(a, b, gap)
            if up_to:
                b.approx = None  # "300 sq ft up to 600 sq ft": both ends say the unit, so "up to" closes a range
            join = (_RANGE_JOIN_RE.match(gap) and not re.fullmatch(r"\s+and\s+", gap, re.IGNORECASE)) or up_to
            compatible = _compatible(a, b, text)
            from_to = _FROM_RE.search(text[:a.s]) and re.fullmatch(r"\s+to\s+", gap, re.IGNORECASE)
            # "from $36,040 at 10.45pm last night to $34,935": a from-to with a short aside
            if (not from_to and not a.approx and not b.approx and not a.change and re.search(r"\bfrom\s+$", text[max(0, a.s - 8):a.s], re.IGNORECASE)
                    and _FROM_FAR_GAP.fullmatch(gap) and ((a.currency and a.currency == b.currency) or (a.unit and a.unit == b.unit))):
                join = from_to = True
            sign_only = a.change and "change_sign" in a.rules
            # "rise 2 to 2.5 degrees": a bare first end before "to" and a unit is one range of a change
            bare_first = a.change and not a.unit_kind and not a.currency and b.unit_kind and re.fullmatch(r"\s+to\s+", gap)
            if (between or (join and (not a.change or sign_only or bare_first or gap.strip() in ("-", "–", "—")))) and compatible and not (from_to and (a.approx or b.approx)) and (not b.approx or (between and b.approx == a.approx)):
                if not (gap.strip() in ("-", "–", "—") and a.words != b.words):
                    _share(a, b)
                    # value..value_max in the order written ("from 4.8% to 4.7%" keeps 4.8 first)
                    a.value_max = b.value * (b.scale or Decimal(1)) * (-1 if b.sign in ("-", "−") else 1)
                    a.e = b.e
                    a.rules.append("range")
                    if sign_only:  # "-5 to -3 degrees" is a range of levels
                        a.change = None
                    a.unit, a.unit_kind, a.currency = b.unit or a.unit, b.unit_kind or a.unit_kind, b.currency or a.currency
                    a.per = a.per or b.per  # "40 to 50 hours a week": the rate after the range is the whole range's
                    out.append(a)
                    i += 2
                    continue
            if _OR_JOIN_RE.match(gap) and compatible and b.unit_kind and not a.unit_kind and (
                    b.currency or (b.unit_kind in ("pct", "sym", "noun") and not re.fullmatch(r"\s?,\s?", gap))):
                _share(a, b)
        out.append(a)
        i += 1
    return out


_UP_TO_RE = re.compile(r"\s+up\s+to\s+", re.IGNORECASE)


def _same_size(a: _Atom, b: _Atom) -> bool:
    return a.value * (a.scale or 1) == b.value * (b.scale or 1) and a.sign == b.sign


def _up_to_range(a: _Atom, b: _Atom, gap: str) -> bool:
    """'300 sq ft up to 600 sq ft', '$5 up to $10': a larger second end in the same unit after "up to" is the top
    of a range (not '300 people, up to 600 in summer', nor 'rose 5% up to 10%' after a change)."""
    if not (_UP_TO_RE.fullmatch(gap) and b.approx == "<=" and not a.approx and not a.change and not b.change):
        return False
    same_unit = (a.currency is not None and a.currency == b.currency) or (
        a.unit_kind in ("sym", "noun") and a.unit_kind == b.unit_kind and a.unit == b.unit and a.per == b.per)
    return same_unit and a.value * (a.scale or 1) < b.value * (b.scale or 1)


_INCH_AFTER_FEET_RE = re.compile(r"\s?(in\.?|ins\.?)(?![\w])")


def _feet_inches(atoms: list[_Atom], text: str) -> None:
    """'12 ft 2 in', '5 feet 10 in.': the bare number after a length in feet is inches."""
    for x, y in itertools.pairwise(atoms):
        if x.unit == "ft" and not y.unit_kind and not y.currency and re.fullmatch(r"\s+(?:and\s+)?", text[x.e:y.s]) and y.value < 12:
            m = _INCH_AFTER_FEET_RE.match(text, y.e)
            if m:
                y.unit, y.unit_kind = "in", "sym"
                y.e = m.end()
                y.rules.append("feet_inches")


_FROM_FAR_GAP = re.compile(r"\s+(?:[^\s,;]+\s+){1,6}to\s+", re.IGNORECASE)
#: currencies whose minor unit is called a cent (a hundredth)
_CENT_CURRENCIES = {"USD", "EUR", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "ZAR", "BRL"}
_MINOR_JOIN_RE = re.compile(r"^\s+(?:and\s+)?$", re.IGNORECASE)


def _merge_minor(atoms: list[_Atom], text: str) -> list[_Atom]:
    out: list[_Atom] = []
    skip = False
    for x, y in zip(atoms, atoms[1:] + [None]):
        if skip:
            skip = False
            continue
        if y is not None and x.currency and ("currency_word" in x.rules or "currency_prefix" in x.rules) and x.scale is None \
                and x.value == int(x.value) and _MINOR_JOIN_RE.match(text[x.e:y.s]):
            # "$10 and 30 cents", "10 euros 30 cents": cents of any currency divided in hundredths
            minor = "currency_minor" in y.rules and y.value < 1 and y.scale is None and (
                y.currency == x.currency or (y.currency == "USD" and x.currency in _CENT_CURRENCIES and re.match(r"\s?cents?\b", text[y.ne:], re.IGNORECASE)))
            # "10 dollars 30", and "17 USD 25 more": a code between two numbers makes the second the cents
            bare = "currency_word" in x.rules and not y.unit_kind and not y.currency and y.value < 100 and y.value == int(y.value) \
                and y.scale is None and (not re.match(r"\s*[A-Za-z]", text[y.e:]) or "after_currency" in y.rules)
            if minor or bare:
                x.value += y.value if minor else y.value / 100
                x.e = y.e
                x.rules.append("currency_compound")
                out.append(x)
                skip = True
                continue
        out.append(x)
    return out


def _year_like(x: _Atom, text: str) -> bool:
    """A bare four-digit number that may be a year (2021, not 2,021 or 2021 cars)."""
    return (not x.unit_kind and not x.currency and x.scale is None and not x.sign and not x.words
            and x.value == int(x.value) and 1800 <= x.value <= 2199 and text[x.ns:x.ne].isdigit())


def _year_apart(x: _Atom, y: _Atom) -> bool:
    """'in 2021 to 2.2 million', 'in 2019 to 3.5%': a year does not join a figure with a scale, a currency
    or a percent, nor a number under 1,000; it joins a year, a count or a measure ('2000 - 2500 calories')."""
    return bool(y.scale is not None or y.currency or y.unit_kind in ("pct", "cur") or y.value < 1000)


def _compatible(a: _Atom, b: _Atom, text: str = "") -> bool:
    if text and ((_year_like(a, text) and not _year_like(b, text) and _year_apart(a, b))
                 or (_year_like(b, text) and not _year_like(a, text) and _year_apart(b, a))):
        return False
    if a.currency and b.currency and a.currency != b.currency:
        return False
    if a.unit_kind and b.unit_kind and (a.unit != b.unit):
        return False
    if a.unit_kind == "pct" and not b.unit_kind:
        return False
    if a.currency and not b.currency and b.unit_kind:
        return False
    return not (b.currency and a.unit_kind and a.unit_kind != "cur")


def _share(a: _Atom, b: _Atom) -> None:
    """'$1-2 billion', '3 to 5 years', 'four to five thousand', '15 dollars or 20': share scale / unit."""
    if a.scale is None and b.scale is not None and a.value < 1000 and a.value <= b.value:
        a.scale = b.scale
        a.rules.append("range_scale")
    if not a.unit_kind and b.unit_kind:
        a.unit, a.unit_kind = b.unit, b.unit_kind
    if a.currency is None and b.currency is not None:
        a.currency = b.currency
    if b.currency is None and a.currency is not None and not b.unit_kind:
        b.currency = a.currency
        b.unit_kind = "cur"


#: whole words (case-folded, see rx.words) one of which a sentence holds if it has a figure of the kind:
#: a run of number words yields only with a number word among its words (numbers.word_runs); a multiple is
#: "<n>-fold", "<word> fold" or a word of MULTIPLE_WORDS / MULTIPLE_VERBS standing alone; a vague plural starts
#: with its first word standing alone ("dozens of", "tens of thousands of")
