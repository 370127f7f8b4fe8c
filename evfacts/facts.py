"""Facts: the claims of many documents that state one thing, with their sources and whether they agree.

Two claims are one fact when they have the same key (`fact_key`): the subject's canonical ID
(`subject_id`), the measure (`metric`, its words made one: "EV deliveries", "delivered ... cars" and
"deliveries" are `delivery`), the period, the kind, the unit (counted vehicles are one unit), `per`,
the direction of a change and whether the figure is reported or expected (a target or forecast is
another fact than the result). The words lists live in data/facts.toml.

A fact's figures conflict when two sources state values that do not agree (`agree`): the coarser
figure must be the finer one rounded to its last significant digit ("about 550,000" and "549,800"
agree; "550,000" and "500,000" do not), a bound must hold for the other figure ("more than
500,000" and "550,000" agree), and ranges must overlap.
"""
from __future__ import annotations

import hashlib
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from evfacts.model import Claim, _number

#: the columns of a fact record (CSV header, table, SQLite); `claims` is a list in JSON only
FACT_FIELDS = ("fact_id", "subject_id", "subject", "metric", "period", "kind", "unit", "per", "change", "modality",
               "value", "values", "sources", "mentions", "first_published", "last_published", "conflict")


@dataclass(frozen=True)
class Vocabulary:
    measures: dict  # word -> measure ("delivered" -> "delivery")
    units: dict  # counted noun -> unit class ("car" -> "vehicle")
    one_digit_tolerance: float


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("evfacts").joinpath("data/facts.toml").read_text(encoding="utf-8"))
    measures = {w.casefold(): m for m, words in data["measures"].items() for w in words}
    units = {w.casefold(): u for u, words in data["units"].items() for w in words}
    return Vocabulary(measures, units, float(data["agreement"]["one_digit_tolerance"]))


@dataclass
class Mention:
    """A claim as a fact holds it: the claim and its document's publication date."""

    claim: Claim
    published: datetime | None = None


@dataclass
class Fact:
    key: tuple
    mentions: list[Mention] = field(default_factory=list)
    #: the pairs of values two sources state that do not agree, smaller first
    disagreements: list[tuple] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return bool(self.disagreements)

    @property
    def fact_id(self) -> str:
        return hashlib.sha1(repr(self.key).encode("utf-8")).hexdigest()[:12]

    def to_dict(self, *, claims: bool = True) -> dict[str, Any]:
        subject_id, metric, period, kind, unit, per, change, modality = self.key
        subjects = Counter(m.claim.subject for m in self.mentions if m.claim.subject)
        dates = sorted(m.published for m in self.mentions if m.published)
        values = sorted({_number(m.claim.value) for m in self.mentions})
        d = {"fact_id": self.fact_id, "subject_id": subject_id,
             "subject": subjects.most_common(1)[0][0] if subjects else None, "metric": metric or None,
             "period": period, "kind": kind, "unit": unit, "per": per, "change": change, "modality": modality,
             "value": _number(_finest(self.mentions).claim.value), "values": values,
             "sources": sorted({m.claim.source for m in self.mentions}), "mentions": len(self.mentions),
             "first_published": dates[0].isoformat() if dates else None,
             "last_published": dates[-1].isoformat() if dates else None, "conflict": self.conflict}
        if claims:
            d["disagreements"] = [[_number(a), _number(b)] for a, b in self.disagreements]
            d["claims"] = [{"source": m.claim.source, "line": m.claim.line, "text": m.claim.text,
                            "value": _number(m.claim.value), "approx": m.claim.approx, "subject": m.claim.subject,
                            "published": m.published.isoformat() if m.published else None} for m in self.mentions]
        return d


# -- the key --------------------------------------------------------------------------------

_WORD = re.compile(r"[\w.'’-]+")


def _words(text: str | None) -> list[str]:
    return [w.strip(".'’-").casefold() for w in _WORD.findall(text or "") if w.strip(".'’-")]


def _measure_of(words: list[str], voc: Vocabulary) -> str | None:
    for w in words:
        if w in voc.measures:
            return voc.measures[w]
    return None


def _context_measure(c: Claim, voc: Vocabulary) -> str | None:
    """The measure a verb or noun near the figure names: 'aims to deliver about 550,000 vehicles',
    '550,000 cars were sold'. The nearest word before the figure (six words), else after it (four)."""
    at = c.sentence.find(c.text) if c.sentence else -1
    if at < 0:
        return None
    before = _words(c.sentence[:at])[-6:]
    after = _words(c.sentence[at + len(c.text):])[:4]
    return _measure_of(list(reversed(before)), voc) or _measure_of(after, voc)


def _metric_words(c: Claim, voc: Vocabulary, ents) -> list[str]:
    """The metric's words without the subject's names ('U.S. EV sales' -> 'ev sale'), one spelling each."""
    from evfacts.canonical import company_id, place_id, synonyms_applied

    out = []
    for raw in _WORD.findall(synonyms_applied(c.metric or "", ents)):
        w = raw.strip(".'’-").casefold()
        if not w or place_id(raw, ents) or company_id(raw, ents) or w in ents.qualifiers:
            continue
        out.append(voc.measures.get(w, w))
    return out


def fact_key(c: Claim, ents=None) -> tuple:
    """What makes claims of different documents one fact (see the module's docstring)."""
    from evfacts.canonical import entities, synonyms_applied

    voc = vocabulary()
    ents = ents or entities()
    unit = c.unit
    words = _metric_words(c, voc, ents)
    if c.kind == "quantity":
        unit_words = _words(synonyms_applied(c.unit or "", ents))
        measure = (_measure_of(unit_words, voc) or _measure_of(words, voc) or _context_measure(c, voc))
        unit_class = voc.units.get(" ".join(unit_words)) or voc.units.get(unit_words[-1] if unit_words else "")
        if unit_class:
            unit = unit_class
            words = [w for w in words if voc.units.get(w) != unit_class]
        metric = measure if measure and unit_class else " ".join(words) or measure
    else:
        metric = " ".join(words) or _context_measure(c, voc)
    modality = "reported" if c.modality == "reported" else "expected"
    return (c.subject_id, metric, c.period, c.kind, unit, c.per, c.change, modality)


# -- agreement ------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def precision(c: Claim) -> float:
    """The place of the last significant digit of the figure as written: '550,000' -> 10,000,
    '4.27 million' -> 10,000, '12.3%' -> 0.1; trailing zeros of numbers under 1,000 count ('20%' -> 1).
    A figure in words ('half a million') is precise to its first digit."""
    m = _NUMBER.search(c.text)
    value = abs(c.value) or 1.0
    if not m:
        return 10 ** math.floor(math.log10(value))
    written = m.group().replace(",", "")
    number = float(written)
    scale = value / number if number else 1.0
    if "." in written:
        return scale * 10 ** -len(written.split(".")[1])
    digits = written.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0")) if number >= 1000 else 0
    return scale * 10 ** zeros


def _significant_digits(c: Claim) -> int:
    p = precision(c)
    return max(1, math.floor(math.log10(abs(c.value) / p)) + 1) if c.value else 1


def _bounds(c: Claim) -> tuple[float, float]:
    lo, hi = c.value, c.value if c.value_max is None else c.value_max
    if c.approx in (">", ">="):
        return lo, math.inf
    if c.approx in ("<", "<="):
        return -math.inf, hi
    return lo, hi


def agree(a: Claim, b: Claim, tolerance: float | None = None) -> bool:
    """Whether two figures of one fact can both be right (see the module's docstring)."""
    tolerance = vocabulary().one_digit_tolerance if tolerance is None else tolerance
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    slack = max(precision(a), precision(b)) / 2
    if alo != ahi or blo != bhi:  # a bound or a range: the two must overlap
        return alo <= bhi + slack and blo <= ahi + slack
    fine, coarse = (a, b) if precision(a) <= precision(b) else (b, a)
    p = precision(coarse)
    if abs(math.floor(fine.value / p + 0.5) * p - coarse.value) > p * 1e-9:
        return False
    if _significant_digits(coarse) == 1:
        return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))
    return True


def _finest(mentions: list[Mention]) -> Mention:
    exact = [m for m in mentions if m.claim.approx is None] or mentions
    return min(exact, key=lambda m: precision(m.claim))


def _disagreements(mentions: list[Mention]) -> list[tuple]:
    """The pairs of values two sources state that do not agree (one source's restatements are not compared)."""
    pairs = set()
    for i, m in enumerate(mentions):
        for n in mentions[i + 1:]:
            if m.claim.source != n.claim.source and not agree(m.claim, n.claim):
                pairs.add(tuple(sorted((m.claim.value, n.claim.value))))
    return sorted(pairs)


def group_facts(mentions, ents=None) -> list[Fact]:
    """The facts of (claim, published) mentions: grouped by `fact_key`, most sources first. Claims
    without a subject are left out (nothing says two of them are about the same thing)."""
    facts: dict[tuple, Fact] = {}
    for m in mentions:
        if not isinstance(m, Mention):
            m = Mention(*m)
        if not m.claim.subject_id:
            continue
        key = fact_key(m.claim, ents)
        facts.setdefault(key, Fact(key)).mentions.append(m)
    for f in facts.values():
        f.disagreements = _disagreements(f.mentions)
    return sorted(facts.values(), key=lambda f: (-len({m.claim.source for m in f.mentions}), -len(f.mentions),
                                                 [str(k) for k in f.key]))
