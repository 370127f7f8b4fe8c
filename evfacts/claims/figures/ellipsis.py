"""A bare figure compared with the one before it has that figure's unit: "460 vehicles were stolen this year,
compared with 63 last year", "1,500 cars, up from 1,200", "a rate of 4.5%, down from 4.8", "$4 a gallon
versus 3.60 in May", "22 burglaries, compared with an average of 20 per week". The comparison cue stands right
before the bare figure, and no other figure is between."""
from __future__ import annotations

import itertools
import re

from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.extend import _per_after

#: the cue right before the bare figure (an approximation word may stand between: "up from about 1,200")
_COMPARED_RE = re.compile(r"(?:\bcompared\s+(?:with|to)|\bup\s+from|\bdown\s+from|\bversus|\bvs\.?|\bagainst|\bfrom)"
                          r"\s+(?:an?\s+(?:average|total|median|peak|high|low|record)\s+of\s+)?"
                          r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|just\s+|some\s+|only\s+)?$",
                          re.IGNORECASE)
#: what may not stand between the two figures: a clause of its own
_BREAK_RE = re.compile(r"[;:()\[\]]|\bwhile\b|\bwhereas\b|\bbut\b", re.IGNORECASE)
#: a bare "from" needs the first figure to be a level reached: "to 1,500 cars from 1,200"
_TO_BEFORE_RE = re.compile(r"\bto\s+\S*$", re.IGNORECASE)
_MAX_GAP = 90


def compared_unit(atoms: list[_Atom], text: str) -> None:
    """Give a bare figure after a comparison cue the unit (currency, per) of the figure before it."""
    for x, y in itertools.pairwise(atoms):
        if not (x.unit_kind or x.currency) or (x.unit_kind == "cur" and not x.currency):
            continue
        if y.unit_kind or y.currency or y.kind_year or y.value_max is not None or x.value_max is not None:
            continue
        gap = text[x.e:y.s]
        m = _COMPARED_RE.search(gap)
        if m is None or len(gap) > _MAX_GAP or _BREAK_RE.search(gap):
            continue
        if m.group(0).lower().startswith("from") and not _TO_BEFORE_RE.search(text[:x.s]):
            continue  # a bare "from" after a figure that is no level reached ("30 cars from 45") says nothing
        if not _plain_number(y, text) or (x.unit_kind == "pct" and y.scale is not None):
            continue  # "a 4% rate, compared with 3 million": a count in millions is no percent
        y.unit, y.unit_kind, y.currency, y.per = x.unit, x.unit_kind, x.currency, x.per
        y.rules.append("compared_unit")
        if y.per is None and y.e == y.ne:
            _per_after(y, text)  # "compared with an average of 20 per week": a rate of its own


def _plain_number(y: _Atom, text: str) -> bool:
    """A number standing alone: not glued to a word after it ("63rd", "4x4"), nor to a hyphen."""
    return not re.match(r"[\w-]", text[y.e:y.e + 1])
