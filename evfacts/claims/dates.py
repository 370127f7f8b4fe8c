"""Date expressions of a sentence (years, spans, quarters, fiscal years, halves, months, days, "last year") and their resolution against the publication date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime

from evfacts import rx
from evfacts.claims import units as L
from evfacts.claims.tree import root_of
from evfacts.claims.view import sent_text, sent_words

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
YEAR = r"(?:19|20)\d{2}"
ORD = L.Lexicon({"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4})
NUM_WORDS = L.Lexicon({"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                       "ten": 10, "a": 1})

# (name, compiled pattern) in priority order: a later pattern never takes text an earlier one took
DATE_PATTERNS = [
    # "2020-2025", "2024–25", "from 2020 to 2025"; not "from 16 in 2020 to 80" (two digits only after a dash)
    ("span", re.compile(rf"\b(?:from\s+|between\s+)?({YEAR})(?:\s*(?:-|–|—|to|through|thru|until|and)\s*({YEAR})|\s*[-–—/]\s*(\d{{2}}))\b(?!\s*%)", re.IGNORECASE)),
    ("ended", re.compile(rf"\b(?:(fiscal)\s+)?(year|quarter)\s*\(?\s*(?:that\s+)?(?:ended|ending|ends)\s+(?:on\s+|in\s+)?({MONTH_RE})\.?\s*(\d{{1,2}})?,?\s*({YEAR})?", re.IGNORECASE)),
    # "the year to March 2026", "year ended 31 December 2024", "12 months to June 30, 2025"
    ("yearto", re.compile(rf"\b(?:(fiscal|financial)\s+)?(?:year|12\s+months)\s+(?:to|ended|ending)\s+(?:(\d{{1,2}})\s+)?({MONTH_RE})\.?(?:\s+\d{{1,2}})?,?\s+({YEAR})", re.IGNORECASE)),
    # "the July-September quarter", "April-June": a calendar quarter by its months
    ("monthquarter", re.compile(rf"\b(Jan(?:uary)?|Apr(?:il)?|July?|Oct(?:ober)?)\s*(?:-|–|—|to)\s*(?:Mar(?:ch)?|June?|Sept?(?:ember)?|Dec(?:ember)?)\b(?:\s+(?:quarter|period))?(?:\s+(?:of\s+)?({YEAR}))?")),
    # "first half", "H1 2025", "the second half of 2024", "first-half"
    ("half", re.compile(rf"\b(?:(first|second|1st|2nd)[\s-]+half|H([12]))(?:\s*(?:of\s+)?(?:(?:fiscal|FY)\s*)?({YEAR}|'?\d{{2}}\b))?", re.IGNORECASE)),
    # "in the first nine months", "the first 10 months of 2025": the year so far
    ("yeartodate", re.compile(rf"\b(?:first|past)\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months(?:\s+of\s+(?:the\s+year|({YEAR})))?", re.IGNORECASE)),
    # "full-year revenue", "for the full year"
    ("fullyear", re.compile(r"\bfull[\s-]year\b", re.IGNORECASE)),
    ("yearquarter", re.compile(rf"\b({YEAR})\s*(?:Q([1-4])|([1-4])Q)\b")),
    ("quarter", re.compile(rf"\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter)(?:\s*(?:of\s+)?(?:(?:fiscal|FY)\s*)?(?:the\s+)?(?:year\s+)?('?\d{{2}}\b|{YEAR}))?", re.IGNORECASE)),
    ("fiscal", re.compile(rf"\b(?:fiscal(?:\s+year)?\s*|FY\s?)('?\d{{2}}\b|{YEAR})", re.IGNORECASE)),
    ("fiscalq", re.compile(r"\bfiscal\s+(first|second|third|fourth)[\s-]+quarter", re.IGNORECASE)),
    ("monthyear", re.compile(rf"\b({MONTH_RE})\.?\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?({YEAR})\b")),
    ("daymonthyear", re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\.?,?\s+({YEAR})\b")),
    ("monthrel", re.compile(rf"\b({MONTH_RE})\.?\s+(?:of\s+)?(last|this|next|the\s+previous|the\s+prior)\s+year\b", re.IGNORECASE)),
    ("sameperiod", re.compile(rf"\b(?:the\s+)?same\s+(?:period|quarter|month|time|week)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of|in)\s+({YEAR}))", re.IGNORECASE)),
    ("ago", re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(years|quarters|months)\s+(ago|earlier|before)\b", re.IGNORECASE)),
    ("relative", re.compile(r"\b(last|this|next|the\s+prior|the\s+previous|the\s+current|the\s+coming|a|one|the\s+same)\s+(?:fiscal\s+|financial\s+|calendar\s+)?(year|quarter|month)(\s+(?:ago|earlier|before))?\b", re.IGNORECASE)),
    ("yearago", re.compile(r"\b(year[\s-]ago|year[\s-]earlier|year[\s-]over[\s-]year|year[\s-]on[\s-]year|prior[\s-]year|previous[\s-]year|quarter[\s-]over[\s-]quarter|sequential(?:ly)?)\b", re.IGNORECASE)),
    ("since", re.compile(rf"\bsince\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?({YEAR})\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:(in|since|during|by|of|on|last|this|next|early|late|mid|until|through|from|before|after)[\s-]+)?({MONTH_RE})\.?(?:\s+(\d{{1,2}})\b)?(?!\s*{YEAR})")),
    ("year", re.compile(rf"(?<![\d$€£¥.,])({YEAR})(?![\d%,.]\d|\s*%|\s*(?:million|billion|bn|mn|km|kwh)\b)")),
]
#: each with the literals one of which its matches hold ("quarter", a month's name): most are
#: skipped without running on a sentence that has none
DATE_PATTERNS = [(kind, rx.Gated(pat)) for kind, pat in DATE_PATTERNS]


def _date_table():
    """DATE_PATTERNS as (kind, pattern, literals, on the text as written, group): a case-sensitive pattern has
    its literals as written ("Mar" is rarer in a text than "mar", which "market" holds), checked on the text;
    the others have the case-folded ones, checked on the folded text. Patterns with the same literals share
    a group, whose check runs once per sentence."""
    groups: dict = {}
    table = []
    for kind, g in DATE_PATTERNS:
        cased = rx.literals(g.rx, cased=True)
        need, on_text = (cased, True) if cased is not None else (g.need, False)
        group = groups.setdefault((need, on_text), len(groups)) if need is not None else None
        table.append((kind, g.rx, need, on_text, group))
    return table, len(groups)


_DATE_TABLE, _DATE_GROUPS = _date_table()
#: whole words (case-folded, see rx.words) one of which every match of the pattern holds as a word of its own
#: (a boundary or a space on both sides): one set operation where the literals are scans of the text
_DATE_WORD_GATE = {
    "since": frozenset(["since"]),
    "sameperiod": frozenset(["same"]),
    "ago": frozenset(["years", "quarters", "months"]),
    "relative": frozenset(["year", "quarter", "month"]),
    "yearago": frozenset(["year", "prior", "previous", "quarter", "sequential", "sequentially"]),
    "monthrel": frozenset(["year"]),
    "fiscalq": frozenset(["fiscal"]),
    "yearto": frozenset(["year", "months"]),
    "half": frozenset(["half", "h1", "h2"]),
    "yeartodate": frozenset(["months"]),
    "fullyear": frozenset(["full", "full-year"]),
}


DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]\s")
#: capitalised words that may stand before a year at the start of a sentence ("In 2024, ...")
YEAR_PREPS = {"in", "by", "since", "for", "through", "until", "during", "from", "before", "after", "of", "the",
              "early", "late", "mid", "fiscal", "calendar", "full-year", "fy", "as", "at", "between", "and", "to"}


@dataclass
class DateExpr:
    start: int  # doc char offsets
    end: int
    kind: str
    groups: tuple
    text: str
    head: object = None  # the spaCy token heading the expression
    comparison: bool = False  # "the prior year", "a year ago": a base of comparison
    tokens: range = range(0)  # token indices of the expression
    #: (start, end) doc char offsets of the brackets the date labels: "(2023: £382.1m)" is the period of
    #: the figures inside it only (the comparison of the figure before it)
    scope: tuple | None = None

    def resolve(self, published: datetime | None, forward: bool = False) -> str | None:
        return resolve(self, published, forward)

    def is_day(self) -> bool:
        """A single day ("Jan. 31", "February 15, 2024"): usually when something was said or paid."""
        g = self.groups
        return (self.kind == "monthyear" and bool(g[1])) or self.kind == "daymonthyear" or (
            self.kind == "month" and bool(g[2]))


def _year2(y: str, published: datetime | None) -> int:
    y = y.lstrip("'")
    if len(y) == 4:
        return int(y)
    century = (published.year // 100 * 100) if published else 2000
    return century + int(y)


def _ahead_cost(months: int) -> int:
    """How unlikely a forecast is about a time `months` from publication: looking back costs double."""
    return months if months >= 0 else -2 * months


def _month_year(month: int, published: datetime | None, forward: bool) -> int | None:
    """The year of a month named alone: the latest such month so far for what happened; for a
    forecast the nearest one ("ending in March" in January is this March; "expect ... added jobs
    in January", written in February, is last January)."""
    if not published:
        return None
    if forward:
        pub_m = published.year * 12 + published.month
        return min((published.year - 1, published.year, published.year + 1),
                   key=lambda y: _ahead_cost(y * 12 + month - pub_m))
    return published.year if month <= published.month else published.year - 1


def _quarter(q: int, published: datetime | None, forward: bool) -> str | None:
    """A quarter named without its year: for a reported figure the latest one that has begun; for
    a forecast the one nearest the publication date ("Q4 earnings are expected ..." in February is
    last year's fourth quarter; "second-quarter sales" forecast in January is this year's)."""
    if not published:
        return None
    cur = (published.month - 1) // 3 + 1
    if not forward:
        y = published.year if q <= cur else published.year - 1
        return f"{y}-Q{q}"
    pub_m = published.year * 12 + published.month - 1
    y = min((published.year - 1, published.year, published.year + 1),
            key=lambda y: _ahead_cost(y * 12 + 3 * q - 1 - pub_m))
    return f"{y}-Q{q}"


def _half(h: int, published: datetime | None, forward: bool) -> str | None:
    """A half named without its year, as `_quarter`: the latest begun for what happened, the nearest for a forecast."""
    if not published:
        return None
    cur = 1 if published.month <= 6 else 2
    if not forward:
        return f"{published.year if h <= cur else published.year - 1}-H{h}"
    pub_m = published.year * 12 + published.month - 1
    y = min((published.year - 1, published.year, published.year + 1),
            key=lambda y: _ahead_cost(y * 12 + 6 * h - 3 - pub_m))
    return f"{y}-H{h}"


def _resolve_spans(d: DateExpr, pub: datetime | None, forward: bool) -> str | None:
    """The fiscal and relative spans: "the year to March 2026", "July-September", "first half",
    "first nine months", "full-year"; None for other kinds (and where a span needs a publication date and has none)."""
    g = d.groups
    if d.kind == "yearto":
        fiscal, _day, mon, year = g
        m = MONTHS.get(mon.lower().rstrip("."))
        return str(year) if m == 12 and not fiscal else f"FY{year}"
    if d.kind == "monthquarter":
        q = (MONTHS[g[0].lower().rstrip(".")] - 1) // 3 + 1
        return f"{g[1]}-Q{q}" if g[1] else _quarter(q, pub, forward)
    if d.kind == "half":
        h = 1 if (g[1] or (g[0] or "").lower()[:1]) in ("1", "f") else 2
        if g[2]:
            return f"{_year2(g[2], pub)}-H{h}"
        return _half(h, pub, forward)
    if d.kind == "yeartodate":
        return g[1] or (str(pub.year) if pub else None)
    if d.kind == "fullyear":
        return str(pub.year if forward or pub.month > 6 else pub.year - 1) if pub else None
    return None


def resolve(d: DateExpr, published: datetime | None, forward: bool = False) -> str | None:
    g = d.groups
    pub = published
    if d.kind == "span":
        a = int(g[0])
        b = int(g[1]) if g[1] else a // 100 * 100 + int(g[2])
        return f"{a}/{b}" if b > a else str(a)
    if d.kind == "ended":
        fiscal, unit, mon, day, year = g
        m = MONTHS.get(mon.lower().rstrip("."))
        ahead = forward or bool(re.search(r"\bend(ing|s)\b", d.text, re.IGNORECASE))
        y = int(year) if year else (_month_year(m, pub, ahead) if m else None)
        if y is None:
            return None
        if unit.lower() == "year":
            return f"FY{y}" if fiscal else str(y)
        return f"{y}-{m:02d}-{int(day):02d}" if day else f"{y}-{m:02d}"
    if d.kind == "quarter":
        q = int(g[0] or g[1] or ORD[g[2].lower()])
        if g[3]:
            return f"{_year2(g[3], pub)}-Q{q}"
        return _quarter(q, pub, forward)
    spans = _resolve_spans(d, pub, forward)
    if spans is not None:
        return spans
    if d.kind == "yearquarter":
        return f"{g[0]}-Q{g[1] or g[2]}"
    if d.kind == "fiscalq":
        return _quarter(ORD[g[0].lower()], pub, forward)
    if d.kind == "fiscal":
        return f"FY{_year2(g[0], pub)}"
    if d.kind == "monthyear":
        m = MONTHS[g[0].lower().rstrip(".")]
        return f"{g[2]}-{m:02d}-{int(g[1]):02d}" if g[1] else f"{g[2]}-{m:02d}"
    if d.kind == "daymonthyear":
        m = MONTHS[g[1].lower().rstrip(".")]
        return f"{g[2]}-{m:02d}-{int(g[0]):02d}"
    if d.kind == "monthrel":
        if not pub:
            return None
        m = MONTHS[g[0].lower().rstrip(".")]
        rel = g[1].lower()
        y = pub.year + (1 if rel == "next" else 0 if rel == "this" else -1)
        return f"{y}-{m:02d}"
    if d.kind == "relative":
        if not pub:
            return None
        rel, unit = " ".join(g[0].lower().split()), g[1].lower()
        step = {"last": -1, "the prior": -1, "the previous": -1, "a": -1, "one": -1, "this": 0,
                "the current": 0, "next": 1, "the coming": 1, "the same": -1}.get(rel, 0)
        if unit == "year":
            return str(pub.year + step)
        if unit == "quarter":
            q = (pub.month - 1) // 3 + step
            y = pub.year + (q // 4)
            return f"{y}-Q{q % 4 + 1}"
        m = pub.month - 1 + step
        return f"{pub.year + m // 12}-{m % 12 + 1:02d}"
    if d.kind == "ago":  # "four years ago": a base of comparison, resolved only with a publication date
        if not pub:
            return None
        n = int(g[0]) if g[0].isdigit() else NUM_WORDS[g[0].lower()]
        unit = g[1].lower()
        if unit == "years":
            return str(pub.year - n)
        m = pub.year * 12 + pub.month - 1 - (3 * n if unit == "quarters" else n)
        return f"{m // 12}-Q{(m % 12) // 3 + 1}" if unit == "quarters" else f"{m // 12}-{m % 12 + 1:02d}"
    if d.kind == "sameperiod":
        return g[0] if g[0] else (str(pub.year - 1) if pub else None)
    if d.kind == "yearago":
        return str(pub.year - 1) if pub else None
    if d.kind == "since":
        y = int(g[0])
        return f"{y}/{pub.year}" if pub and pub.year > y else str(y)
    if d.kind == "month":
        m = MONTHS[g[1].lower().rstrip(".")]
        prep = (g[0] or "").lower()
        fwd = forward or prep in {"next", "until", "by"}
        if prep == "last":
            fwd = False
        y = _month_year(m, pub, fwd)
        if y is None:
            return None
        return f"{y}-{m:02d}-{int(g[2]):02d}" if g[2] and 1 <= int(g[2]) <= 31 else f"{y}-{m:02d}"
    if d.kind == "year":
        return g[0]
    return None


def find_dates(sent) -> list[DateExpr]:
    """Date expressions of a sentence, with the token heading each."""
    text = sent_text(sent)
    base = sent.start_char
    doc = sent.doc
    taken: list[tuple[int, int]] = []
    if "(" in text:  # "(read: 5 Best ETFs of 2023 Set to Soar in 2024)": another article's dates
        from .quantities import CROSSREF_RE
        taken += [m.span() for m in CROSSREF_RE.finditer(text)]
    out = []
    folded, words = sent_words(sent)
    found = [None] * _DATE_GROUPS  # group -> a literal of it is in the text
    for kind, pat, need, on_text, group in _DATE_TABLE:
        gate = _DATE_WORD_GATE.get(kind)
        if gate is not None and words is not None:
            if gate.isdisjoint(words):
                continue
        elif need is not None:
            ok = found[group]
            if ok is None:
                ok = found[group] = any(map((text if on_text else folded).__contains__, need))
            if not ok:
                continue
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "month":
                mon = m.group(2)
                # "May" the modal verb, "March" the verb: need a preposition or a day
                if mon in ("May", "March") and not (m.group(1) or m.group(3)):
                    continue
                if mon in ("Mar", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Apr") and not (m.group(1) or m.group(3)):
                    continue
                if m.group(3) and len(m.group(3)) > 2:
                    continue
            if kind == "year":
                tok = doc.char_span(base + s, base + e, alignment_mode="expand")
                if tok is None or len(tok) != 1:
                    continue
                before = doc[tok[0].i - 1] if tok[0].i > sent.start else None
                if before is not None and (before.text in "$€£¥#" or (
                        before.is_title and before.lower_ not in MONTHS and before.lower_ not in YEAR_PREPS)):
                    continue  # "$2025", "Russell 2000", "Vision 2030": not a date
            span = doc.char_span(base + s, base + e, alignment_mode="expand")
            if span is None:
                continue
            taken.append((s, e))
            if kind in ("monthyear", "daymonthyear", "month") and DATELINE_TAIL.match(text, e):
                continue  # "Chicago, IL – January 25, 2024 – ...", "Jan 31 (Reuters) - ...": when it was written
            low = m.group(0).lower()
            compar = kind in ("yearago", "sameperiod") or bool(re.match(r"(the\s+prior|the\s+previous|a|one|the\s+same)\s", low)) \
                or bool(re.search(r"\b(ago|earlier|before)$", low))
            scope = None
            if text[:s].rstrip().endswith("(") and text[e:e + 1] == ":":  # "(2023: £382.1m)"
                close = text.find(")", e)
                scope = (base + text[:s].rstrip().rfind("("), base + (close if close > 0 else len(text)))
            out.append(DateExpr(base + s, base + e, kind, m.groups(), m.group(0), root_of(span), compar or bool(scope),
                                range(span.start, span.end), scope))
    return out


# -- tree helpers -------------------------------------------------------------------------------------


