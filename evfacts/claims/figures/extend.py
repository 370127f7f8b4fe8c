"""Extending a number to the right: scale words, currencies after it, percent, units, ages and rates."""
from __future__ import annotations

import re
from decimal import Decimal

from evfacts.claims import units as L
from evfacts.claims.figures import rates
from evfacts.claims.figures.ages import age_before, age_decade
from evfacts.claims.figures.atom import MINOR_AS_MAJOR, _Atom
from evfacts.claims.figures.compound import unit_compound
from evfacts.claims.figures.patterns import (
    _AFTER_DOLLAR_RE,
    _AGE_RE,
    _AGE_UNIT_RE,
    _BRACKET_UNIT_RE,
    _CAPITAL_BEFORE_RE,
    _CUR_AMBIG_RE,
    _CUR_CODE_AFTER_RE,
    _CUR_MCODE_AFTER_RE,
    _CUR_MINOR_RE,
    _CUR_SYMBOL_AFTER_RE,
    _CUR_WORD_RE,
    _GLUED_ONLY,
    _INCH_SPACED_OK,
    _M_PLURAL_RE,
    _MONEY_M_RE,
    _OF_A_UNIT_RE,
    _PCT_RE,
    _SCALE_SPACED_RE,
    _SCALE_SUFFIX_RE,
    _SCALE_WORD_RE,
    _SPACED_SYMBOL_OK,
    _TEMP_AFTER_OK_RE,
    _TEMP_CONTEXT_RE,
    _TEMP_GLUED_RE,
    _TEMP_NAME_BEFORE_RE,
    _TEMP_SPACED_RE,
    _UNIT_SYM_ANY_CASE_RE,
    _UNIT_SYM_RE,
    _UNIT_WORD_RE,
)


def _scale_after(text: str, i: int, has_cur: bool) -> tuple[int, Decimal | None, str | None]:
    """A scale right after position i: ' million', 'bn', 'M', 'k' (money 'm')."""
    rest = text[i:i + 16]
    m = _SCALE_WORD_RE.match(rest)
    if m:
        return _scale_words(text, i + m.end(), Decimal(str(L.SCALE_WORDS[m.group(1).lower()])))
    m = _SCALE_SUFFIX_RE.match(rest)
    if m and (m.group(1) not in ("K", "k", "T", "b", "B", "M") or has_cur or re.match(r"[A-Za-z]+\+?(?:\s+[a-z(]|\s*$|[,.;)]|\s+\d)", rest)):
        if not (m.group(1) in ("T", "b") and not has_cur):
            return i + m.end(), Decimal(str(L.SCALE_SUFFIXES[m.group(1)])), "scale_suffix"
    m = _SCALE_SPACED_RE.match(rest)
    if m and (has_cur or m.group(1) in ("bn", "mn", "mln", "bln", "tn", "trn") or re.match(r" [BM]\s+[a-z]", rest)):
        return i + m.end(), Decimal(str(L.SCALE_SUFFIXES[m.group(1)])), "scale_suffix"
    if has_cur or _M_PLURAL_RE.match(rest) or _M_OF_PLURAL_RE.match(text, i):  # "£1.2m", "3m users", "42m of its users"
        m = _MONEY_M_RE.match(rest)
        if m:
            return i + m.end(), Decimal(1_000_000), "scale_money_m"
    return i, None, None


def _scale_words(text: str, end: int, factor: Decimal) -> tuple[int, Decimal, str]:
    """"3 hundred thousand", "2 thousand million": a scale word times a larger one after it is one scale."""
    while m := _SCALE_WORD_RE.match(text, end):
        nxt = Decimal(str(L.SCALE_WORDS[m.group(1).lower()]))
        if nxt <= factor or m.group(1).lower().endswith("s"):
            break
        factor, end = factor * nxt, m.end()
    return end, factor, "scale_word"


#: "42m of its subscribers", "3m of the company's shares": m before "of" a determiner and a plural is million
#: (a possessive: "100m of the new cables" is a length)
_M_OF_PLURAL_RE = re.compile(r"m\s+of\s+(?:its|their|his|her|our|the\s+[\w-]+['’]s)\s+(?:[\w-]+\s+)?"
                             r"(?:[a-z]+[^s\W]s|people|staff|children|men|women)\b")


def _extend_right(a: _Atom, text: str) -> None:
    """Scale, currency words, percent, units after the number: the first reader that takes the words
    after it decides."""
    i = _scale_and_country(a, text)
    rest = text[i:]
    if _percent(a, rest, i):
        return
    if a.currency is not None:
        _money_word_again(a, text, rest, i)
        return
    for read in (age_decade, _currency_minor, _currency_mcode, _currency_symbol_after, _currency_word, _currency_ambiguous,
                 _temperature, unit_compound, _unit_word_or_symbol, _unit_bracket, _pounds_weight,
                 _inch_abbreviation):
        if read(a, text, rest, i):
            return
    a.e = max(a.e, i)
    if not _unit_of_a(a, text, rest, i) and not _age(a, text, rest, i):
        age_before(a, text)


def _scale_and_country(a: _Atom, text: str) -> int:
    """"100 thousand", "$2.5bn", "4.3M"; then "$76 US", "$4.46 U.S.": where the words after the number start."""
    i = a.ne
    if a.scale is None:
        j, sc, rule = _scale_after(text, i, a.currency is not None
                                   or bool(_CUR_WORD_RE.match(text, _scale_after(text, i, True)[0])))
        if sc is not None:
            a.scale, i, a.ne = sc, j, j
            a.rules.append(rule)
    if a.currency == "USD" and text[a.s] == "$":
        m = _AFTER_DOLLAR_RE.match(text, i)
        if m:
            a.currency = L.CUR_AFTER_DOLLAR[m.group(1)]
            i = m.end()
    return i


def _percent(a: _Atom, rest: str, i: int) -> bool:
    """Percent, percentage points and basis points."""
    m = _PCT_RE.match(rest)
    if not m or a.currency:
        return False
    pp_sym, _pct, pp_word, bp, pp_abbr, _pct_word = m.groups()
    if pp_sym or pp_word or pp_abbr:
        a.unit = "percentage point"
    elif bp:
        a.unit = "basis point"
    else:
        a.unit = "%"
    a.unit_kind = "pct"
    a.e = i + m.end()
    a.rules.append("percent")
    return True


def _money_word_again(a: _Atom, text: str, rest: str, i: int) -> None:
    """"$1.6 million dollars", "$10 dollars": the currency said twice; then a rate."""
    a.e = max(a.e, i)
    m = _CUR_WORD_RE.match(rest)
    if m and L.CUR_WORDS.get(m.group(1).lower()) == a.currency:
        a.e = i + m.end()
    _per_after(a, text)


def _currency(a: _Atom, code: str | None, end: int, rule: str) -> None:
    a.currency = code
    a.e = end
    a.unit_kind = "cur"
    a.rules.append(rule)


def _currency_minor(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"45 cents", "12p": in the currency (MINOR_AS_MAJOR) or in the minor unit."""
    m = _CUR_MINOR_RE.match(rest)
    if not (m and not re.match(r"[\s-]?(?:p)\b", rest[: m.end()]) or (m and m.group(1) == "p" and not rest.startswith(" "))):
        return False
    code, per = L.CUR_MINOR[m.group(1).lower()]
    if m.group(1).lower() == "p" and a.value >= 1000:
        return False
    if MINOR_AS_MAJOR:
        a.value = a.value / per
    else:
        code = L.singular(m.group(1)) if m.group(1).lower() not in ("pence", "p") else "penny"
    _currency(a, code, i + m.end(), "currency_minor")
    _per_after(a, text)
    return True


def _currency_mcode(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"45 MUSD": millions of a currency."""
    m = _CUR_MCODE_AFTER_RE.match(rest)
    if not m:
        return False
    a.scale = (a.scale or Decimal(1)) * Decimal(1_000_000)
    _currency(a, L.CUR_PREFIX[m.group(1)[1:]], i + m.end(), "currency_mcode")
    return True


def _currency_symbol_after(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"45€", "100 ₹"."""
    m = _CUR_SYMBOL_AFTER_RE.match(rest)
    if not m:
        return False
    _currency(a, L.CUR_PREFIX.get(m.group(1)), i + m.end(), "currency_symbol_after")
    return True


def _currency_word(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"420 million finnish markka", "115USD", "333.6 million yen", "75 USD million"; then a rate."""
    m = _CUR_WORD_RE.match(rest) or _CUR_CODE_AFTER_RE.match(rest)
    if not m:
        return False
    word = m.group(1)
    code = L.CUR_WORDS.get(word.lower()) or L.CUR_PREFIX.get(word)
    if not code:
        return False
    _currency(a, code, i + m.end(), "currency_word")
    if a.scale is None:  # "75 USD million"
        j, sc, rule = _scale_after(text, a.e, True)
        if sc is not None:
            a.scale, a.e = sc, j
            a.rules.append(rule)
    _per_after(a, text)
    return True


def _currency_ambiguous(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"5 million pounds", "20 pounds sterling": a word that is money only with a scale or "sterling"."""
    m = _CUR_AMBIG_RE.match(rest)
    if not (m and (a.scale is not None or re.match(r"\s?(?:sterling)\b", rest[m.end():]))):
        return False
    _currency(a, L.CUR_AMBIGUOUS[m.group(1).lower()], i + m.end(), "currency_word")
    return True


def _temperature(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"45.3C", "104F", "80 C" in a sentence about temperature, and a C (no unit of its own; F is also the
    farad) with nothing after it that makes the letter a label ("heated to 80C before use"): degrees, as
    "80°C" is (not after a name: "Row 14C", "Form 10C")."""
    m = _TEMP_GLUED_RE.match(rest) or _TEMP_SPACED_RE.match(rest)
    if not (m and i == a.ne and not a.currency and not _CAPITAL_BEFORE_RE.search(text, 0, a.s) and abs(a.value) <= 5000
            and (_TEMP_CONTEXT_RE.search(text) or ((m.group(1) == "C" or _fahrenheit_size(a))
                                                   and _TEMP_AFTER_OK_RE.match(text, i + m.end())))):
        return False
    nm = _TEMP_NAME_BEFORE_RE.search(text, 0, a.s)
    if nm and nm.group(1).lower() in L.NAME_PREFIXES:
        return False
    a.unit, a.unit_kind = "°" + m.group(1), "sym"
    a.e = i + m.end()
    a.rules.append("unit_temperature")
    return True


def _fahrenheit_size(a: _Atom) -> bool:
    """"68F", "-4F": a whole number of ten or more (or below zero) before F is degrees; "2.5F" is a farad."""
    return a.value == int(a.value) and (abs(a.value) >= 10 or a.sign in ("-", "−"))


def _unit_word_or_symbol(a: _Atom, text: str, rest: str, i: int) -> bool:
    """Units: words first ("miles per hour"), then symbols ("km", "kWh", "°C"); then an age or a rate."""
    m = _UNIT_WORD_RE.match(rest)
    sym = _UNIT_SYM_RE.match(rest) or _UNIT_SYM_ANY_CASE_RE.match(rest)
    if m and (not sym or m.end() >= sym.end()):
        canon = L.UNIT_WORDS.get(m.group(1).lower()) or "lb"
        if not (rest[:1] == "-" and canon not in L.HYPHEN_OK):
            a.unit_kind = "sym"
            _unit_canon(a, canon)
            a.e = i + m.end()
            a.rules.append("unit_word")
            _age_or_per(a, text)
            return True
    return bool(sym) and _unit_symbol(a, text, rest, i, sym)


def _unit_symbol(a: _Atom, text: str, rest: str, i: int, sym: re.Match) -> bool:
    sep, s = sym.group(1), sym.group(2)
    canon = L.UNIT_SYMBOLS.get(s) or L.UNIT_SYMBOLS_ANY_CASE[s.lower()]
    glued = sep == ""
    spaced_ok = s in ("m", "t", "g", "L", "h", "l") and not glued and "-" not in sep \
        and bool(_SPACED_SYMBOL_OK.match(rest, sym.end()))
    # '10 " long', '55 " screen': a spaced inch mark only before a dimension word
    spaced_ok = spaced_ok or (s in ("\"", "″") and not glued and "-" not in sep
                              and bool(_INCH_SPACED_OK.match(rest, sym.end())))
    if not (glued or spaced_ok or (s not in _GLUED_ONLY and "-" not in sep) or ("-" in sep and canon in L.HYPHEN_OK)):
        return False
    if s == "F" and a.value == int(a.value):
        return False  # "the 13F filing", "a Boeing 777F": a whole number glued to F is a label (a farad is "2.5F")
    if s in ("x", "X", "×"):
        canon = "x"
    if s in ("\"", "″") and text[:i].count("\"") % 2 == 1:
        return True  # the closing quote of "Magnificent 7": no unit, and nothing more to read
    a.unit_kind = "sym"
    _unit_canon(a, canon)
    a.e = i + sym.end()
    a.rules.append("unit_symbol")
    _age_or_per(a, text)
    return True


_INCH_ABBR_RE = re.compile(r" (in)\b\.?")


def _inch_abbreviation(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"2 1/2 in thick", "the pencil is 2 in.": "in" after a number is an inch before a dimension word or at
    the end of the sentence (not "rose 2 in Japan")."""
    m = _INCH_ABBR_RE.match(rest)
    if not (m and (_INCH_SPACED_OK.match(rest, m.end(1)) or re.fullmatch(r"\.?\s*", rest[m.end(1):]))):
        return False
    a.unit, a.unit_kind = "in", "sym"
    a.e = i + m.end(1)
    a.rules.append("unit_inch")
    return True


def _unit_bracket(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"45 (kg)", "12 [m]"."""
    m = _BRACKET_UNIT_RE.match(rest)
    if not m or m.group(1) in ("x", "X", "×", "\"", "″"):
        return False
    a.unit, a.unit_kind = L.UNIT_SYMBOLS[m.group(1)], "sym"
    a.e = i + m.end()
    a.rules.append("unit_bracket")
    return True


def _pounds_weight(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"pounds" as weight when it is not money."""
    m = _CUR_AMBIG_RE.match(rest)
    if not (m and m.group(1).lower().startswith("pound")):
        return False
    a.unit, a.unit_kind = "lb", "sym"
    a.e = i + m.end()
    a.rules.append("unit_word")
    return True


def _unit_of_a(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"1/16 of a US pint"."""
    m = _OF_A_UNIT_RE.match(rest)
    if not (m and a.value < 1):
        return False
    a.unit, a.unit_kind = L.UNIT_WORDS.get(m.group(1).lower()), "sym"
    a.e = i + m.end()
    a.rules.append("unit_of_a")
    return True


def _age(a: _Atom, text: str, rest: str, i: int) -> bool:
    """"30 years old", "18 month-old": the age in its own unit."""
    m = _AGE_RE.match(rest)
    if not m:
        return False
    unit = _AGE_UNIT_RE.search(m.group(0))
    a.unit, a.unit_kind = unit.group(1).lower() if unit else "year", "sym"
    a.e = i + m.end()
    a.rules.append("age")
    return True


def _age_or_per(a: _Atom, text: str) -> None:
    rest = text[a.e:]
    m = re.match(r"[\s-]old\b", rest)
    if m and a.unit in ("year", "month", "week", "day"):
        a.e += m.end()
        a.rules.append("age")
        return
    _per_after(a, text)


def _per_after(a: _Atom, text: str) -> None:
    """A rate after the figure: "$62 per share", "4 million barrels a day", "RM79 a month", "300 km per hour"
    (one symbol, km/h), and past the measured stuff, "2.4 billion gallons of jet fuel a year", "20 kg of rice
    per person". The unit stays, the denominator goes to `per` (see rates.rate_unit). A percent is no rate."""
    if a.unit_kind == "pct" or a.per is not None:
        return
    r = rates.match(text, a.e) or rates.match_past_stuff(text, a.e, rates.COUNT_DENOMINATORS)
    if r is None:
        return
    if a.currency or a.unit_kind == "cur":
        a.per = r.per
    else:
        a.unit, a.per = rates.rate_unit(a.unit, a.unit_kind, r.per)
    a.e = r.end
    a.rules.append("per")


def _unit_canon(a: _Atom, canon: str) -> None:
    """A unit whose canonical form is a rate ("b/d" is barrel per day, "m/s" metre per second): unit and per."""
    a.unit, per = rates.split_unit(canon)
    if per is not None:
        a.per = per
        a.rules.append("per")


# ----------------------------------------------------------------------------- atoms
