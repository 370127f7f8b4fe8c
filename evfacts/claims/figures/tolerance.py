"""A tolerance: "±3%", "+/- 1e-5 km/s2", "plus or minus 3 percentage points". The figure after the marker is the
size of the tolerance, never a negative value nor a fall; after a measure ("5.2 ± 0.3 mm") it is part of that
measure, which takes its unit, and no figure of its own."""
from __future__ import annotations

import re

from evfacts.claims.figures.atom import _Atom

#: the marker right before the tolerance figure
_MARKER_RE = re.compile(r"(?:±|\+\s?/\s?-|\+-|\bplus\s+or\s+minus)\s*$", re.IGNORECASE)
#: a measure, the marker, the tolerance: nothing else between the two figures
_BETWEEN_RE = re.compile(r"\s*(?:±|\+\s?/\s?-|\+-|plus\s+or\s+minus)\s*", re.IGNORECASE)


def is_tolerance(text: str, start: int) -> bool:
    """Whether the number starting at `start` (its sign or "minus" included) follows a tolerance marker."""
    return _MARKER_RE.search(text, max(0, start - 20), start) is not None


def tolerances(atoms: list[_Atom], text: str) -> list[_Atom]:
    """The size of each tolerance as it is written; a tolerance after a bare measure gives it its unit."""
    drop = set()
    prev = None
    for a in atoms:
        if not is_tolerance(text, a.s):
            prev = a
            continue
        a.sign, a.change = "", None
        a.rules.append("tolerance")
        if prev is not None and _BETWEEN_RE.fullmatch(text, prev.e, a.s) and prev.value_max is None:
            if not (prev.unit_kind or prev.currency):
                prev.unit, prev.unit_kind, prev.currency, prev.per = a.unit, a.unit_kind, a.currency, a.per
            prev.e = a.e
            prev.rules.append("with_tolerance")
            drop.add(id(a))
        prev = a
    return [a for a in atoms if id(a) not in drop]
