"""Rates: the denominator after a figure ("$62 per share", "4 million barrels a day", "RM79 a month",
"$70-a-share", "95 g/km") and how a claim writes it, from `data/rates.json`.

A rate of money, of a counted noun or of a measured thing keeps its unit and names the denominator
in `per` (USD per share, barrel per day, time per second, m per millisecond). A physical compound
with a symbol of its own (the `compounds` of rates.json: speeds, data rates, emissions per distance,
concentrations, fuel economy) is that symbol in `unit` and no `per`: "300 km per hour" is km/h, "40
miles per gallon" mpg, "1.2 metres per second" m/s. A calendar span is always a `per`, whatever the
numerator: "10 km a day" is km per day, "5 kWh a day" kWh per day.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from evfacts.claims import units as L

with open(Path(__file__).resolve().parent.parent.parent / "data" / "rates.json", encoding="utf-8") as _f:
    _DATA = json.load(_f)

#: denominator surface (lower case) -> canonical singular noun
DENOMINATORS: dict[str, str] = {k: (v or k) for k, v in _DATA["denominators"].items() if k != "_doc"}
CALENDAR = frozenset(_DATA["time"]["calendar"])
CLOCK = frozenset(_DATA["time"]["clock"])
TIME = CALENDAR | CLOCK
#: canonical denominators a counted noun may be a rate of ("200,000 batteries a year", "3 goals per game")
COUNT_DENOMINATORS = TIME | frozenset(_DATA["count_denominators"]["words"])
#: surfaces (lower case) whose denominator is one of COUNT_DENOMINATORS
COUNT_SURFACES = frozenset(s for s, c in DENOMINATORS.items() if c in COUNT_DENOMINATORS)
_TERSE = frozenset(_DATA["joiners"]["terse"])
_COMPOUNDS = frozenset(_DATA["compounds"]["symbols"])
_SYMBOLS = {k: v for k, v in _DATA["symbols"].items() if k != "_doc"}
_NAMED = {k: v for k, v in _DATA["named"].items() if k != "_doc"}

_JOIN = (r"(?:\s?/\s?|\s+(?:" + "|".join(_DATA["joiners"]["words"]) + r")\s+|"
         + "|".join(re.escape(h) for h in _DATA["joiners"]["hyphenated"]) + ")")
_TERSE_JOIN = re.compile(r"\s?/\s?|\s+per\s+", re.IGNORECASE)
_ARTICLE_JOIN = re.compile(r"\s+an?\s+|-a-|\s+a-", re.IGNORECASE)
#: a joiner and a denominator (group 1; a plural -s allowed); the words after are checked by `match`
PER_RE = re.compile(_JOIN + "(" + L.alternation(list(DENOMINATORS)) + r")s?(?![\w²³])", re.IGNORECASE)
_NOT_AFTER = {kind: re.compile(r"\s+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b",
                               re.IGNORECASE)
              for kind, words in _DATA["not_after"].items() if kind != "_doc"}
#: "2.4 billion gallons of jet fuel a year", "20 kg of rice per person": the measured stuff between figure and rate
OF_STUFF_RE = re.compile(r"\s+of\s+(?:[A-Za-z][\w-]*\s+){1,3}(?=(?:a|an|per)\s+)")


@dataclass(frozen=True)
class Rate:
    per: str  # the canonical denominator ("share", "day", "kilogram", "kWh")
    end: int  # where the rate ends in the text


def match(text: str, pos: int) -> Rate | None:
    """The rate right at `pos` ("per share", " a day", "/kWh", "-a-share"), or None: a symbol denominator
    only after "per" or a slash; after "a"/"an", a time denominator not followed by the words that make it a
    time phrase ("a day after", "a year earlier", "a day or two"), another not followed by "of" ("a share of
    the market"; but "$5 per share of common stock", "95 g/km of CO2")."""
    m = PER_RE.match(text, pos)
    if not m:
        return None
    surface = m.group(1).lower()
    den = DENOMINATORS.get(surface) or DENOMINATORS.get(surface.rstrip("s"))
    if den is None:
        return None
    if surface in _TERSE and not _TERSE_JOIN.fullmatch(text, pos, m.start(1)):
        return None
    if _ARTICLE_JOIN.fullmatch(text, pos, m.start(1)) and _NOT_AFTER["time" if den in TIME else "count"].match(text, m.end()):
        return None
    return Rate(den, m.end())


def match_past_stuff(text: str, pos: int, denominators: frozenset[str]) -> Rate | None:
    """"2.4 billion gallons of jet fuel a year": a rate past the measured stuff, for the given denominators."""
    o = OF_STUFF_RE.match(text, pos)
    r = match(text, o.end() - 1) if o else None
    return r if r is not None and r.per in denominators else None


def rate_unit(unit: str | None, unit_kind: str | None, per: str) -> tuple[str | None, str | None]:
    """(unit, per) of a figure in `unit` with the denominator `per`: a physical compound with a symbol of
    its own becomes that symbol ("km" per "hour" -> "km/h", per None); everything else keeps its unit and
    the denominator ("barrel" per "day", "gallon" per "minute")."""
    if unit_kind != "sym" or not unit or per in CALENDAR:
        return unit, per
    symbol = f"{_SYMBOLS.get(unit, unit)}/{_SYMBOLS.get(per, per)}"
    symbol = _NAMED.get(symbol, symbol)
    return (symbol, None) if symbol in _COMPOUNDS else (unit, per)


def split_unit(canon: str) -> tuple[str, str | None]:
    """A unit whose canonical form in units.json is itself a rate ("metre per second" from "m/s", "barrel
    per day" from "b/d"): (unit, per) by `rate_unit`; any other unit as it is ("pound per square inch" is
    a pressure, its denominator no rate)."""
    num, sep, den = canon.partition(" per ")
    if not sep or den not in DENOMINATORS:
        return canon, None
    return rate_unit(num, "sym", DENOMINATORS[den])
