"""Ages said before the number or as a decade of life: "aged 41", "at the age of 41", "in his 70s",
"in their early 30s". (After the number, "30 years old" and "a 15-year-old" are read in extend.)"""
from __future__ import annotations

import re

from evfacts.claims.figures.atom import _Atom

#: the words before a bare number that make it someone's age in years: "at the age of 41", "at age 41", and "aged"
#: in apposition ("The driver, aged 41, ..."); "women aged 25 to 54" qualifies a group and is no claim (filters)
#: and "age" in apposition or after "of" ("Jane Doe, age 45,", "a man of age 87")
_AGE_BEFORE_RE = re.compile(r"(?:(?:^|[,(—–]\s*)aged?|\bof\s+age|\bat\s+(?:the\s+)?ages?(?:\s+of)?|\bthe\s+age\s+of)\s+$",
                            re.IGNORECASE)
#: a decade of life: "in his 70s", "in her early 30s", "in their mid-40s", "in my late 20s"
_DECADE_CUE_RE = re.compile(r"\bin\s+(?:his|her|their|my|your|our)\s+(?:(early|mid|late)[\s-]*)?$", re.IGNORECASE)
_DECADE_S_RE = re.compile(r"['’]?s\b")
_PART = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def decade_of_life(text: str, start: int) -> bool:
    """Whether the number at start is a decade of someone's life ("in his 70s"), not of the calendar ("the 70s")."""
    return _DECADE_CUE_RE.search(text, 0, start) is not None


def age_decade(a: _Atom, text: str, rest: str, i: int) -> bool:
    """'in his 70s' -> 70 to 79 years; 'in her early 30s' -> 30 to 33, mid 34 to 36, late 37 to 39."""
    m = _DECADE_S_RE.match(rest)
    cue = _DECADE_CUE_RE.search(text, 0, a.s)
    if not (m and cue and i == a.ne and a.value == int(a.value) and 10 <= a.value <= 110 and a.value % 10 == 0):
        return False
    lo, hi = _PART.get((cue.group(1) or "").lower(), (0, 9))
    a.value, a.value_max = a.value + lo, a.value + hi
    a.unit, a.unit_kind = "year", "sym"
    a.e = i + m.end()
    a.rules.append("age_decade")
    return True


def age_before(a: _Atom, text: str) -> bool:
    """'at the age of 41', 'at age 41', ', aged 41,': a bare whole number after these words is an age in years."""
    if a.unit_kind or a.currency or a.scale is not None or a.value != int(a.value) or not (0 <= a.value <= 130):
        return False
    if not _AGE_BEFORE_RE.search(text, 0, a.s):
        return False
    a.unit, a.unit_kind = "year", "sym"
    a.rules.append("age")
    return True


