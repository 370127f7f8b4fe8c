"""Approximation (about, over, up to) and change (rose 5%, a 22% rally, down 3%) read from the words around a figure."""
from __future__ import annotations

import re

from evfacts import rx
from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.patterns import (
    _AGO_RE,
    _APPROX_RE,
    _CHANGE_NOUN_POST_RE,
    _CHANGE_NOUN_PRE,
    _CHANGE_PRE,
    _CHANGE_VERB_BY,
    _OR_MORE_RE,
    _OR_PCT_AFTER,
    _OVER_MORE_THAN_RE,
    _PCT_RANGE_AFTER,
    _PLUS_RE,
    _PLUS_WORD_RE,
    _POST_HIGHER_LOWER_RE,
    _UPDOWN,
    _VERB_UP_TO_RE,
)

_APPROX_NEED = rx.literals(_APPROX_RE)


def _approx_literals(text: str, lead: str = "") -> tuple | None:
    """The literals of _APPROX_RE the sentence holds (None: look everywhere); see _change_literals."""
    if _APPROX_NEED is None:
        return None
    folded = (lead + text).casefold()
    return tuple(w for w in _APPROX_NEED if w in folded)


def _approx(a: _Atom, text: str, lead: str = "", literals: tuple | None = None) -> None:
    """literals: _approx_literals(text, lead), read once for the sentence."""
    pre = (lead + text[:a.s])[-40:]
    if literals is None:
        literals = _approx_literals(text, lead)
    m = _APPROX_RE.search(pre) if literals is None or (literals and _may(literals, pre.casefold())) else None
    if m and m.group(1).lower() == "up to" and _VERB_UP_TO_RE.search(pre):
        m = None
    if m and not (m.group(1).lower() == "over" and a.unit in L.TIME_UNITS and not _OVER_MORE_THAN_RE.search(pre, 0, m.start())
                  and not _AGO_RE.match(text, a.e)):
        a.approx = L.APPROX[m.group(1).lower()]
        a.rules.append("approx")
    post = text[a.e:a.e + 20]
    if _PLUS_RE.match(text, a.ne) or _PLUS_RE.match(post):
        if _PLUS_RE.match(text, a.ne) and a.e == a.ne:
            a.e += 1
        a.approx = ">="
        a.rules.append("approx_plus")
    if _PLUS_WORD_RE.match(text, a.ne) and "counted_noun" in a.rules or _PLUS_WORD_RE.match(text, a.ne) and re.match(r"(?:-|\s)plus\s*(?:$|[,.;)])", text[a.ne:]):
        a.approx = ">="
        a.rules.append("approx_plus")
    m = _OR_MORE_RE.match(post)
    if m:
        a.approx = ">=" if m.group(1) else "<=" if m.group(2) else "~"
        a.rules.append("approx_or")


def _change_literals(text: str, lead: str = "") -> tuple:
    """For _CHANGE_PRE (and _CHANGE_VERB_BY, which needs the same), _UPDOWN and _CHANGE_NOUN_PRE: the
    literals of each that the sentence holds (None: the pattern has none). The words before a figure
    are part of the sentence: a literal they hold is among these, and most sentences hold none."""
    folded = (lead + text).casefold()
    return tuple(None if g.need is None else tuple(w for w in g.need if w in folded)
                 for g in (_CHANGE_PRE, _UPDOWN, _CHANGE_NOUN_PRE))


def _may(need: tuple | None, folded: str) -> bool:
    return need is None or any(map(folded.__contains__, need))


def _change(a: _Atom, text: str, lead: str = "", literals: tuple | None = None) -> None:
    """literals: _change_literals(text, lead), read once for the sentence."""
    pre = (lead + text[:a.s])[-60:]
    if a.approx:  # the approximation words sit between the verb and the number
        m = _APPROX_RE.search(pre)
        if m:
            pre = pre[:m.start()]
    if a.unit == "x":
        return  # a multiple is a ratio, not the size of a change
    verb_need, updown_need, noun_need = literals or _change_literals(text, lead)
    # (no literal of any in the sentence: nothing to look for in the words before)
    folded = pre.casefold() if any(n is None or n for n in (verb_need, updown_need, noun_need)) else ""
    verb_ok = _may(verb_need, folded)
    m = _CHANGE_PRE.rx.search(pre) if verb_ok else None
    if m:
        verb = m.group(1).lower()
        tail = pre[m.end(1):].lower()
        pct_like = a.unit_kind == "pct" or bool(_PCT_RANGE_AFTER.match(text, a.e))
        if verb not in L.CHANGE_VERBS_NEED_BY or " by " in tail + " " or pct_like or a.unit in ("point", "basis point") \
                or (a.unit_kind == "noun" and not a.currency and verb.startswith(("cut", "shed", "add", "lost", "los", "slash", "trim", "elimin"))) \
                or (a.unit_kind == "sym" and not a.currency and a.unit not in L.TIME_UNITS and a.unit != "x"
                    and verb.startswith(("shed", "lost", "los", "gain"))) \
                or re.search(r"\b(?:another|further|additional|extra)\b", tail) or _OR_PCT_AFTER.match(text, a.e):
            a.change = L.CHANGE_VERBS[verb]
            a.rules.append("change_verb")
            return
    m = _CHANGE_VERB_BY.rx.search(pre) if verb_ok else None
    if m:
        a.change = L.CHANGE_VERBS[m.group(1).lower()]
        a.rules.append("change_verb_by")
        return
    m = _UPDOWN.rx.search(pre) if _may(updown_need, folded) else None
    if m and m.group(1).lower() in ("up", "down", "off"):
        a.change = "up" if m.group(1).lower() == "up" else "down"
        a.rules.append("change_updown")
        return
    m = _CHANGE_NOUN_PRE.rx.search(pre) if _may(noun_need, folded) else None
    if m:
        a.change = L.CHANGE_NOUNS[m.group(1).lower()]
        a.rules.append("change_noun_of")
        return
    if a.unit_kind in ("pct", "cur") or a.currency:
        m = _CHANGE_NOUN_POST_RE.match(text, a.e)
        if m:
            a.change = L.CHANGE_NOUNS[m.group(1).lower()]
            a.rules.append("change_noun")
            return
    if a.sign in ("-", "−", "+") and (a.unit_kind == "pct" or a.unit == "point" or (not a.unit_kind and not a.currency)):
        a.change = "up" if a.sign == "+" else "down"
        a.rules.append("change_sign")
        return
    # "6% higher year-over-year", "moving 13% lower", "7% lower than a year earlier": the size of the move comes first
    if a.unit_kind == "pct" or a.unit in ("point", "basis point"):
        m = _POST_HIGHER_LOWER_RE.match(text, a.e)
        if m:
            a.change = "up" if m.group(1).lower() == "higher" else "down"
            a.rules.append("change_post_higher_lower")


# ----------------------------------------------------------------------------- filters
