"""Number surfaces: digits (with separators, decimals, fractions) and spelled-out numbers."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from evfacts.claims.units import (
    UNICODE_FRACTIONS,
    WORD_DOZEN,
    WORD_FRACTIONS,
    WORD_SCALES,
    WORD_TENS,
    WORD_UNITS,
    alternation,
)

_SP = "\u00a0\u202f\u2009\u2007"  # non-breaking, narrow no-break, thin, figure space
_UF = "".join(UNICODE_FRACTIONS)

# One number written with digits. Order matters: the longest forms first.
DIGITS = (
    r"(?:\d+(?:\.\d+)?\s?×\s?10\s?\^?\s?[−-]?\d+)"  # scientific 1.99×10−30 (mantissa part below)
    r"|(?:\d+(?:\.\d+)?\s?[×x]\s?10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"  # 6.7×10⁻⁴, 3x10⁸ with superscripts
    r"|(?:\d+[ " + _SP + r"-]\d{1,2}\s?[/⁄]\s?\d{1,3}(?![\d/]))"  # mixed fraction 10 1/2, 3-3/4
    r"|(?:\d{1,2}\s?[/⁄]\s?\d{1,3}(?![\d/]))"  # fraction 1/2, 1⁄32
    r"|(?:\d+(?:\.\d+)?/\d+(?:\.\d+)?(?![\d/]))"  # glued pair: a score 182/9, a name's 22.5/45 (no figure)
    r"|(?:\d+(?:\.\d+)?[" + _UF + r"])"  # 2½
    r"|(?:[" + _UF + r"])"
    r"|(?:\d{1,3}(?:,\d{2})*(?:,\d{3})+(?:\.\d+)?)"  # 1,234,567.89 and 12,34,567.89
    r"|(?:\d{1,3}(?:, 0\d\d)+)"  # '80, 000' (tokenised text)
    r"|(?:\d{1,3}(?:[" + _SP + r"]\d{3})+(?:[.,]\d+)?)"  # 550 000 with thin / no-break spaces
    # 10 000, 2 500 000 with plain spaces (a group of three, no more; not a model before a name: "400 737 Max jets")
    r"|(?:[1-9]\d{0,2}(?: \d{3})+(?![\d.,]\d|\s\d|[A-Za-z]|(?<!00)\s[A-Z]))"
    r"|(?:\d+(?:\.\d+)?[eE][−-]?\d{1,2}(?![\w]))"  # 3e8, 6.7e-4
    r"|(?:\d+(?:\.\d+)?)"
    r"|(?:\.\d+)"
)
#: the largest power of ten a figure may carry ("1×10^400"); past it no float holds the value, so the
#: figure is dropped (the rest of its sentence and article is read as usual)
MAX_EXPONENT = 330
FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100, 128}
SCI = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?×\s?10\s?\^?\s?([−-]?)(\d+)")
FRAC = re.compile(r"(?<!\d)(?:(\d+)[ " + _SP + r"-])?(\d+)\s?[/⁄]\s?(\d+)")


#: superscript digits and minus, as their plain forms ("10⁻⁴" is "10-4" after "×")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def parse_digits(s: str) -> Decimal | None:
    s = s.strip()
    if "10" in s and any(c in s for c in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
        s = s.translate(_SUPERSCRIPTS).replace("x", "×")
    m = SCI.fullmatch(s)
    if m:
        mant, neg, exp = m.groups()
        if len(exp) > len(str(MAX_EXPONENT)) or int(exp) > MAX_EXPONENT:
            return None  # "1×10^99999999": no number a claim can hold
        e = -int(exp) if neg else int(exp)
        return Decimal(mant).scaleb(e)
    m = FRAC.fullmatch(s)
    if m:
        whole, num, den = m.groups()
        if int(den) not in FRACTION_DENOMINATORS or int(num) >= int(den):
            return None  # 24/7, 9/11: not a fraction
        return Decimal(int(whole or 0)) + Decimal(int(num)) / Decimal(int(den))
    if s and s[-1] in UNICODE_FRACTIONS:
        whole = s[:-1]
        return (Decimal(whole) if whole else Decimal(0)) + Decimal(str(UNICODE_FRACTIONS[s[-1]]))
    t = s.replace(",", "").replace(" ", "").replace("−", "-")
    for c in _SP:
        t = t.replace(c, "")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


# Spelled-out numbers: a run of number words ("twenty-eight thousand six hundred forty-two",
# "one and a half", "two dozen", "a third", "two-thirds").
_NUMWORDS = set(WORD_UNITS) | set(WORD_TENS) | set(WORD_SCALES) | set(WORD_DOZEN) | set(WORD_FRACTIONS)
_A_NEXT = set(WORD_SCALES) | set(WORD_DOZEN) | set(WORD_FRACTIONS)
_AND_AFTER = {"hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"}
_WORD = re.compile(r"[A-Za-z]+")
#: the words a run can hold (number words, "a", "an", "and"), each a whole [A-Za-z]+ word: word_runs looks
#: at these only; any other word between two of them breaks the run all the same (the gap is not a space)
_RUN_WORD = re.compile(r"(?<![A-Za-z])(?:" + alternation(sorted(w for w in _NUMWORDS | {"a", "an", "and"} if re.fullmatch(r"[a-z]+", w))) + r")(?![A-Za-z])", re.IGNORECASE)
#: the number words a run is yielded for (one of them is in every run word_runs yields), as whole words
#: (see rx.words): a text holding none of them has no run
RUN_NUMBER_WORDS = frozenset(w for w in _NUMWORDS if re.fullmatch(r"[a-z]+", w))


def _spaced_hyphen_pair(prev: str, w: str) -> bool:
    """'twenty - five', 'one - third' in tokenised text (a spaced hyphen): one number, not two."""
    return (prev in WORD_TENS and w in WORD_UNITS and w != "zero") or (
        (prev in WORD_UNITS or prev in WORD_TENS) and w in WORD_FRACTIONS and w not in ("half", "halves"))


def _hyphen_range(prev: str, w: str) -> bool:
    """'two-three days', 'ten-twelve', 'twenty-thirty': two numbers joined by a hyphen are a range, not one number.

    A hyphen makes one number only in 'twenty-five' (tens then a digit), 'two-thirds', 'one-half' (a
    fraction), 'two-hundred', 'three-million', 'two-dozen' (a multiplier).
    """
    if not ((prev in WORD_UNITS or prev in WORD_TENS) and (w in WORD_UNITS or w in WORD_TENS)):
        return False
    return not (prev in WORD_TENS and w in WORD_UNITS and 0 < WORD_UNITS[w] < 10)


def word_runs(text: str):
    """Yield (start, end, words) for each run of number words joined by spaces, hyphens or 'and'.

    'and' joins only after hundred/thousand/... ('one hundred and five') or before 'a half'
    ('one and a half'); 'two and three points' is two numbers.
    """
    ms = list(_RUN_WORD.finditer(text))
    run: list[re.Match] = []

    def flush():
        while run and run[-1].group(0).lower() in ("a", "an", "and"):
            run.pop()
        while run and (run[0].group(0).lower() == "and" or (
                run[0].group(0).lower() in ("a", "an") and len(run) > 1
                and run[1].group(0).lower() not in _A_NEXT)):
            run.pop(0)
        if run and any(m.group(0).lower() in _NUMWORDS for m in run):
            yield run[0].start(), run[-1].end(), [m.group(0) for m in run]
        run.clear()

    prev_end = None
    for k, m in enumerate(ms):
        w = m.group(0).lower()
        gap = text[prev_end:m.start()] if prev_end is not None else None
        joined = gap in (" ", "-", "\u00a0") or (gap == " - " and bool(run) and _spaced_hyphen_pair(run[-1].group(0).lower(), w))
        if joined and gap == "-" and run and _hyphen_range(run[-1].group(0).lower(), w):
            joined = False  # "two-three days": a range of two numbers (merged by the range rules)
        ok = w in _NUMWORDS or w in ("a", "an", "and")
        if ok and w == "and" and run:
            prev_w = run[-1].group(0).lower()
            after = _WORD.search(text, m.end())  # the next word, whatever it is
            nxt = after.group(0).lower() if after else ""
            ok = prev_w in _AND_AFTER or nxt in ("a", "an")
        if run and (not joined or not ok):
            yield from flush()
        if ok and (run or w != "and"):
            run.append(m)
        prev_end = m.end()
    yield from flush()


def parse_words(words: list[str]) -> float | None:
    """Value of a run of number words, or None if it is not a number ('a', 'and')."""
    total = 0.0
    current = 0.0
    last_scale = 0  # the scale word just read ("million"), while no number follows it
    seen = False
    frac_done = False
    i = 0
    while i < len(words):
        w = words[i].lower()
        if w in ("and",):
            i += 1
            continue
        if w in ("a", "an"):
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if nxt in WORD_SCALES or nxt in WORD_DOZEN or nxt in WORD_FRACTIONS:
                if nxt in WORD_FRACTIONS and (seen or current):
                    if current == 0 and last_scale:  # "a million and a half": half a million more
                        total += WORD_FRACTIONS[nxt] * last_scale
                    else:
                        current += WORD_FRACTIONS[nxt]  # one and a half
                    i += 2
                    seen = frac_done = True
                    continue
                current = current or 1
                seen = True
            i += 1
            continue
        if w in WORD_UNITS:
            current += WORD_UNITS[w]
            seen = True
        elif w in WORD_TENS:
            current += WORD_TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in WORD_SCALES:
            if current == 0 and total and last_scale and WORD_SCALES[w] > last_scale:
                total *= WORD_SCALES[w]  # "two thousand million": a scale of a scale
            else:
                total += (current or 1) * WORD_SCALES[w]
            last_scale = WORD_SCALES[w]
            current = 0
            seen = True
        elif w in WORD_DOZEN:
            current = (current or 1) * WORD_DOZEN[w]
            seen = True
        elif w in WORD_FRACTIONS:
            if frac_done:
                return None
            f = WORD_FRACTIONS[w]
            if w in ("half", "halves"):
                current = (current or 1) * 0.5 if not seen else current * 0.5 if current else 0.5
            else:
                current = (current or 1) * f
            seen = frac_done = True
        else:
            return None
        i += 1
    if not seen:
        return None
    return total + current
