"""Date spans for `clean`: find date-like spans in a line and parse them (never bare numbers).

Only a span that looks like a date (ISO `2026-01-04 01:38:43`, `January 25, 2024 — 03:33 am EST`,
`4 Jan 2026`, `01/04/2026`) is handed to a parser; dateparser is the fallback for the odd forms
the fast paths below do not read. Results are naive datetimes (a time zone name is dropped).
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday|rsday)?\.?,?\s+)"
_TIME = (r"(?:(?:\s*(?:,|at|@|—|–|-|\||T))?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?\s?m\.?)?"
         r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT|ET|EST|EDT|CET|CEST|BST|PST|PDT|CST|CDT|HKT|SGT|JST|IST)"
         r"(?:[+-]\d{1,2})?\)?))?)")
_YEAR = r"(?:19|20)\d{2}"

DATE_SPAN = re.compile(
    "|".join([
        rf"\b{_YEAR}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?\b",
        rf"\b{_WEEKDAY}?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b{_TIME}?",
        rf"\b{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b{_TIME}?",
        rf"\b\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}\b{_TIME}?",
        rf"\b{_YEAR}/\d{{1,2}}/\d{{1,2}}\b{_TIME}?",
    ]),
    re.IGNORECASE,
)

#: what may surround a date on a line that is "just a date" (labels, separators, zones, weekdays)
_FILLER = re.compile(
    r"(?:published|updated|last updated|posted|date|on|at|released|modified|first|"
    r"utc|gmt|et|est|edt|cet|cest|bst|pst|pdt|[ap]\.?m\.?|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?|[\W_]+)",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in DATE_SPAN.finditer(text)]


def is_date_only(text: str) -> bool:
    """True when the line holds one date and nothing else but labels, separators and times."""
    spans = find_dates(text)
    if not spans:
        return False
    rest = text
    for a, b in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    rest = _FILLER.sub(" ", rest)
    return not rest.strip()


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MDY = re.compile(rf"^{_WEEKDAY}?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b(.*)$", re.IGNORECASE)
_DMY = re.compile(rf"^{_WEEKDAY}?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b(.*)$", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s?m?", re.IGNORECASE)


def _clock(rest: str) -> tuple[int, int, int]:
    m = _CLOCK.search(rest or "")
    if not m:
        return 0, 0, 0
    h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    ap = (m.group(4) or "").lower()
    if ap == "p" and h < 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    return h, mi, s


@lru_cache(maxsize=4096)
def parse_date(span: str) -> datetime | None:
    """A date-like span → naive datetime, or None. Bare numbers are never parsed."""
    span = span.strip()
    if not span or not DATE_SPAN.search(span):
        return None
    try:
        m = _ISO.match(span)
        if m:
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
            return datetime(y, mo, d, h, mi, s)
        m = _MDY.match(span)
        if m:
            mon = _MONTHS[m.group(1)[:3].lower()]
            return datetime(int(m.group(3)), mon, int(m.group(2)), *_clock(m.group(4)))
        m = _DMY.match(span)
        if m:
            mon = _MONTHS[m.group(2)[:3].lower()]
            return datetime(int(m.group(3)), mon, int(m.group(1)), *_clock(m.group(4)))
    except ValueError:
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    got = dateparser.parse(span, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                           "RETURN_AS_TIMEZONE_AWARE": False})
    return got.replace(tzinfo=None) if got else None


def first_date(text: str) -> datetime | None:
    for a, b in find_dates(text):
        d = parse_date(text[a:b])
        if d is not None:
            return d
    return None
