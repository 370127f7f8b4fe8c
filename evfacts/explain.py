"""`extract --explain`: why each field of a claim is what it is, as one `Explanation` per claim.

Every field gets a `Reason`: the recognizer that decided it (the figure's rules as the claim
engine recorded them: `digits`, `scale_word`, `percent`, `counted_noun`, `change_verb`, ...) and
the cue, the words of the sentence it rests on, with their offsets in `sentence` (so that
`sentence[start:end] == cue`). Cues are found with the lexicons the engine reads (approximation
and change words of data/number_words.json, forecast and target words of data/modality.toml); a
field decided outside the sentence says where (`subject` from the paragraph or the article's main
entity, a `period` from the publication date) and has no offsets.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from evfacts.model import Claim

#: the engine's rules that name how the figure was read, how its unit was found, and how its change
FIGURE_RULES = ("digits", "words", "scale_word", "range_slash", "bracket_negative", "year_figure")
UNIT_RULES = ("percent", "counted_noun", "unit_word", "unit_symbol", "unit_temperature", "unit_inch", "unit_bracket",
              "unit_of_a", "per", "age")
CHANGE_RULES = ("change_verb", "change_noun", "change_updown", "change_sign", "change_signed_size")


@dataclass
class Reason:
    """Why one field has its value: the recognizer, the cue and where the cue stands in the sentence."""

    recognizer: str
    cue: str | None = None
    start: int | None = None  # offsets in the claim's sentence; None when the cue is not in it
    end: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("recognizer", self.recognizer), ("cue", self.cue), ("start", self.start),
                                  ("end", self.end), ("note", self.note)) if v is not None}


@dataclass
class Explanation:
    """The reasons of a claim's fields (presidio's AnalysisExplanation, for quantities)."""

    fields: dict[str, Reason] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {name: r.to_dict() for name, r in self.fields.items()}


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, str]]:
    """Cue words by field: approximation, change and modality, longest first."""
    data = resources.files("evfacts").joinpath("data")
    words = json.loads(data.joinpath("number_words.json").read_text(encoding="utf-8"))
    modality = tomllib.loads(data.joinpath("modality.toml").read_text(encoding="utf-8"))
    approx = {w.lower(): sym for sym, ws in words["approx"].items() for w in ws}
    change = {w.lower(): d for d, key in (("up", "change_up"), ("down", "change_down"), ("up", "change_nouns_up"),
                                          ("down", "change_nouns_down")) for w in words[key]}
    modal = {w.lower(): kind for kind in ("forecast", "target") for part, ws in modality[kind].items()
             if part != "seers" and isinstance(ws, list) for w in ws if isinstance(w, str)}
    return {"approx": approx, "change": change, "modality": modal}


def _find(sentence: str, cue: str, near: int) -> tuple[int, int] | None:
    """The occurrence of cue (a whole word or phrase, any case) nearest to offset `near`."""
    hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", sentence, re.IGNORECASE)]
    return min(hits, key=lambda s: abs(s[0] - near)) if hits else None


def _nearest(sentence: str, words: dict[str, str], near: int, *, want: str | None = None,
             before_only: bool = False) -> tuple[str, int, int] | None:
    best = None
    for w, meaning in words.items():
        if want is not None and meaning != want:
            continue
        span = _find(sentence, w, near)
        if span is None or before_only and span[0] > near:
            continue
        distance = abs(span[0] - near)
        if best is None or distance < best[0] or distance == best[0] and len(w) > best[1][2] - best[1][1]:
            best = (distance, (sentence[span[0]:span[1]], *span))
    return best[1] if best else None


def _rule(c: Claim, rules: tuple[str, ...], default: str) -> str:
    found = [r for r in c.rules if r in rules]
    return "+".join(found) if found else default


def _reason(recognizer: str, found: tuple[str, int, int] | None, note: str | None = None) -> Reason:
    if found is None:
        return Reason(recognizer, note=note)
    cue, start, end = found
    return Reason(recognizer, cue, start, end, note)


def explain(c: Claim) -> Explanation:
    """The reasons of every field of `c` (see the module's docstring)."""
    s = c.sentence
    at = s.find(c.text)
    span = (c.text, at, at + len(c.text)) if at >= 0 else None
    cues = _cues()
    e = Explanation()
    e.fields["value"] = _reason(_rule(c, FIGURE_RULES, "figure"), span)
    unit_rule = _rule(c, UNIT_RULES, "currency" if c.kind == "money" else "figure")
    e.fields["kind"] = _reason(unit_rule, span, f"kind {c.kind}")
    unit_note = "no unit: a bare number" if c.unit is None else f"unit {c.unit}"
    e.fields["unit"] = _reason(unit_rule, span, unit_note)
    e.fields["per"] = _reason("per" if c.per else "no rate", span if c.per else None,
                              f"per {c.per}" if c.per else "no denominator after the figure")
    if c.approx:
        want = c.approx
        found = _nearest(s, {w: m for w, m in cues["approx"].items() if m == want}, max(at, 0))
        e.fields["approx"] = _reason(_rule(c, ("approx", "approx_plus", "approx_or"), "approx"), found or span,
                                     f"approx {want}")
    else:
        e.fields["approx"] = Reason("approx", note="exact: no approximation word before or after the figure")
    if c.change:
        found = _nearest(s, cues["change"], max(at, 0), want=c.change)
        e.fields["change"] = _reason(_rule(c, CHANGE_RULES, "change"), found or span, f"change {c.change}")
    else:
        e.fields["change"] = Reason("change", note="a level: no change word governs the figure")
    e.fields["subject"] = _subject(c)
    e.fields["metric"] = _metric(c)
    e.fields["period"] = _period(c)
    if c.modality != "reported":
        found = _nearest(s, cues["modality"], max(at, 0), want=c.modality)
        e.fields["modality"] = _reason("modality", found, c.modality)
    else:
        e.fields["modality"] = Reason("modality", note="reported: no forecast or target word governs the figure")
    return e


def _subject(c: Claim) -> Reason:
    if not c.subject:
        return Reason("subject", note="no subject found in the sentence, its paragraph or the article")
    s = c.sentence
    for candidate in (c.subject, c.subject.split()[-1], c.subject.split()[0]):
        span = _find(s, candidate, max(s.find(c.text), 0))
        if span:
            where = "named in the sentence" if candidate == c.subject else f"'{candidate}' in the sentence"
            return Reason("subject", s[span[0]:span[1]], *span, note=where + (f"; id {c.subject_id}" if c.subject_id
                                                                               else ""))
    return Reason("subject", note="from the paragraph or the article's main entity (not named in the sentence)")


def _metric(c: Claim) -> Reason:
    if not c.metric:
        return Reason("metric", note="no measure noun near the figure")
    near = max(c.sentence.find(c.text), 0)
    for candidate in (c.metric, c.metric.split()[-1]):
        span = _find(c.sentence, candidate, near)
        if span:
            return Reason("metric", c.sentence[span[0]:span[1]], *span, note=f"metric {c.metric}")
    return Reason("metric", note=f"metric {c.metric}, its words normalised")


_RELATIVE = re.compile(r"\b(?:last|next|this|previous|prior|coming|current)\s+(?:year|quarter|month|fiscal year)\b|"
                       r"\b(?:Q[1-4]|H[12]|first|second|third|fourth)\b|"
                       r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
                       re.IGNORECASE)


def _period(c: Claim) -> Reason:
    if not c.period:
        return Reason("period", note="no period stated")
    s = c.sentence
    years = re.findall(r"(?:19|20)\d\d", c.period)
    near = max(s.find(c.text), 0)
    for y in years:
        span = _find(s, y, near)
        if span and not (c.kind == "year" and s[span[0]:span[1]] == c.text):
            return Reason("period", y, *span, note=f"period {c.period}")
    m = min(_RELATIVE.finditer(s), key=lambda m: abs(m.start() - near), default=None)
    if m:
        return Reason("period", m.group(), *m.span(), note=f"period {c.period}, dated from the publication")
    return Reason("period", note=f"period {c.period} from the sentence's context or the publication date")
