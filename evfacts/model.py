"""The result types every stage shares: one `Claim` per quantity, one `Result` per document."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Column order of a claim record (CSV header, table, JSON Schema). Defined once.
CLAIM_FIELDS = (
    "source", "line", "start", "end", "text", "sentence", "kind", "value", "value_max",
    "unit", "per", "approx", "change", "subject", "subject_id", "metric", "period", "modality", "companies",
    "title", "published", "url", "site",
)
#: the fields a claim takes from its document (stored once per document in the SQLite store)
DOCUMENT_FIELDS = ("title", "published", "url", "site")

KINDS = ("percent", "money", "quantity", "year")
APPROX = ("~", ">", ">=", "<", "<=")
CHANGES = ("up", "down")
MODALITIES = ("reported", "forecast", "target")


@dataclass
class Claim:
    """One quantitative claim. Offsets (`start`, `end`, `line`) point into the original input."""

    text: str
    start: int
    end: int
    line: int
    kind: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    #: the denominator of a rate, singular: "$62 per share" -> unit USD, per "share"
    per: str | None = None
    approx: str | None = None
    change: str | None = None
    subject: str | None = None
    #: the subject's canonical ID (evfacts.canonical): "US" for U.S./US/United States/America, "xiaomi", "CN/ev-market"
    subject_id: str | None = None
    metric: str | None = None
    period: str | None = None
    modality: str = "reported"
    companies: list[str] = field(default_factory=list)
    sentence: str = ""
    source: str = ""
    #: the document's title, publication date (ISO 8601), address and site, where known
    title: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    #: how many times the same fact was stated in the document (set by --unique)
    mentions: int | None = None
    #: which rules fired, for explanations (not part of the record)
    rules: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in CLAIM_FIELDS}
        d["value"] = _number(self.value)
        d["value_max"] = _number(self.value_max)
        d["companies"] = list(self.companies)
        if self.mentions is not None:
            d["mentions"] = self.mentions
        return d

    def fact_key(self) -> tuple:
        """What makes two mentions the same fact for a reader (used by --unique): the same figure,
        unit and denominator, direction and period said of the same subject ("$5 a share" and "$5 a month"
        are two facts)."""
        return (self.kind, self.value, self.value_max, self.unit, self.per, self.change, self.period,
                (self.subject or "").casefold())


def _number(x: float | None) -> int | float | None:
    if x is None:
        return None
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return int(x)
    return x


@dataclass
class LineDecision:
    """What `clean` decided about one non-blank line of the input."""

    line: int
    start: int
    end: int
    text: str
    keep: bool
    role: str  # title | heading | body | boilerplate | metadata
    reason: str | None = None  # why it was dropped (promo, disclaimer, breadcrumb, ...)
    rule: str | None = None  # the rule that decided, for --explain

    def to_dict(self, source: str) -> dict[str, Any]:
        return {"source": source, "line": self.line, "text": self.text, "keep": self.keep,
                "role": self.role, "reason": self.reason, "rule": self.rule}


@dataclass
class Result:
    """Everything evfacts learned about one document."""

    source: str
    title: str | None = None
    published: datetime | None = None
    claims: list[Claim] = field(default_factory=list)
    companies: list[tuple[str, int]] = field(default_factory=list)
    lines: list[LineDecision] = field(default_factory=list)
    error: str | None = None
    language: str | None = None  # ISO 639-1 code, null when the text is too short to tell
    url: str | None = None
    site: str | None = None
    #: why the document was given no claims on purpose ("language es"), else None
    skipped: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "site": self.site,
            "language": self.language,
            "companies": [{"name": n, "mentions": m} for n, m in self.companies],
            "claims": [c.to_dict() for c in self.claims],
        }


def claim_schema() -> dict[str, Any]:
    """JSON Schema of a claim record."""
    num = {"type": "number"}
    opt = lambda t, **kw: {"type": [t, "null"], **kw}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "evfacts claim",
        "type": "object",
        "required": list(CLAIM_FIELDS),
        "properties": {
            "source": {"type": "string", "description": "the path as given, '-' for stdin"},
            "line": {"type": "integer", "minimum": 1, "description": "1-based line of the original input where text starts"},
            "start": {"type": "integer", "minimum": 0, "description": "character offset of text in the original input"},
            "end": {"type": "integer", "minimum": 0},
            "text": {"type": "string", "description": "the surface of the quantity"},
            "sentence": {"type": "string"},
            "kind": {"enum": list(KINDS)},
            "value": num,
            "value_max": opt("number", description="upper end of a range"),
            "unit": opt("string", description="'%', ISO 4217 code, SI symbol or singular noun"),
            "per": opt("string", description="the denominator of a rate, singular: 'share' in '$62 per share', "
                       "'day' in '4 million barrels a day'; null when the figure is no rate or its unit is a "
                       "physical compound (km/h, mph, m/s, mpg)"),
            "approx": {"enum": [*APPROX, None]},
            "change": {"enum": [*CHANGES, None]},
            "subject": opt("string"),
            "subject_id": opt("string", description="the subject's canonical ID, one for all its spellings: ISO 3166 "
                              "for places ('US' for U.S., United States, America; 'US-CA'; 'EU'), a slug of the "
                              "lexicon's name for companies and exchanges ('xiaomi'), owner/slug for markets "
                              "('CN/ev-market', 'world/ev-market')"),
            "metric": opt("string"),
            "period": opt("string", description="2026, 2025-05, 2025-Q3, 2020/2025"),
            "modality": {"enum": list(MODALITIES)},
            "companies": {"type": "array", "items": {"type": "string"}},
            "title": opt("string", description="the document's title"),
            "published": opt("string", description="the document's publication date, ISO 8601"),
            "url": opt("string", description="the document's address (a fetched URL, a page's canonical link, a "
                       "dataset's url field)"),
            "site": opt("string", description="the site that published the document"),
            "mentions": {"type": "integer", "minimum": 1, "description": "with --unique: how often the fact is stated"},
        },
    }
