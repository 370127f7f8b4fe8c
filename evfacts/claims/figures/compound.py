"""Powered and compound unit symbols after a number: "40 m^3", "85 cm2", "9.8 m/s2", "25 mA/cm2", "5 V/m".

The unit is named as units.json and quantulum3 name such units ("cubic metre", "metre per square second",
"milliampere per square centimetre"), or by the symbol units.json gives that name ("km/h").
"""
from __future__ import annotations

import re

from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom

#: symbols that are not the base of a compound: multiplication signs, quotes, degrees, pence, "in" ("in/out")
_NOT_BASE = {"x", "X", "×", "\"", "″", "°", "p", "in", "pp", "ppt", "bp", "bps"}
_SYM = "(" + L.alternation([s for s in L.UNIT_SYMBOLS if s not in _NOT_BASE and "/" not in s and " " not in s]) + ")"
_POW = r"(?:\^([23])|([23²³]))"
#: a symbol with a power, or two symbols over a slash (each may have a power); nothing glued after
_COMPOUND_RE = re.compile(r"\s?" + _SYM + _POW + r"?(?:\s?/\s?" + _SYM + _POW + r"?)?(?![\w²³/^])")
_POWER_WORDS = {"2": "square", "²": "square", "3": "cubic", "³": "cubic", "square": "square", "sq": "square",
                "sq.": "square", "squared": "square", "cubic": "cubic", "cu": "cubic", "cu.": "cubic", "cubed": "cubic"}
#: the power in words: "4 square km", "4 cu. ft"; "4 km squared", "4 km cubed"
_WORD_POWER_RE = re.compile(r"\s(square|sq\.?|cubic|cu\.?)\s" + _SYM + r"(?![\w²³/^])|\s?" + _SYM + r"\s(squared|cubed)\b")


def _named(sym: str, power: str | None) -> str:
    name = L.unit_name(L.UNIT_SYMBOLS[sym])
    return f"{_POWER_WORDS[power]} {name}" if power else name


def unit_compound(a: _Atom, text: str, rest: str, i: int) -> bool:
    """'40 m^3' -> cubic metre; '9.8 m/s2' -> metre per square second; '5 V/m' -> volt per metre; '4 square km',
    '4 km cubed': a symbol raised to a power or divided by another symbol (a plain symbol is read by the symbol
    reader)."""
    w = _WORD_POWER_RE.match(rest)
    if w:
        power, sym = (w.group(1), w.group(2)) if w.group(1) else (w.group(4), w.group(3))
        name = _named(sym, power.lower())
        a.unit, a.unit_kind = L.UNIT_WORDS.get(name, name), "sym"
        a.e = i + w.end()
        a.rules.append("unit_compound")
        return True
    m = _COMPOUND_RE.match(rest)
    if not m:
        return False
    num, pow1, pow1s, den, pow2, pow2s = m.groups()
    p1, p2 = pow1 or pow1s, pow2 or pow2s
    if not (den or p1) or (rest[:1] == " " and num in L.UNIT_SYMBOLS and not den and p1 in ("2", "3")
                           and num in ("s", "h", "t", "g", "l", "L", "A", "V", "W", "K", "F")):
        return False  # "5 s2", "3 A2": a label, not a power
    name = _named(num, p1)
    if den:
        name = f"{name} per {_named(den, p2)}"
    a.unit, a.unit_kind = L.UNIT_WORDS.get(name, name), "sym"
    a.e = i + m.end()
    a.rules.append("unit_compound")
    return True
