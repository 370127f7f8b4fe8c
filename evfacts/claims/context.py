"""What a figure is about: subject, metric, period, modality, companies.

Everything here reads the spaCy parse of the sentence a figure stands in; nothing changes text.

- **modality**: walk from the figure up its clause (through `xcomp`, nouns and prepositions) and
  look for modal auxiliaries and forecast/target words (`data/modality.toml`). A clause boundary
  (relative clause, participle, subordinate clause) stops the walk, and so does a comparison
  (`from`, `than`, `compared with`): "down from a 22% rally" is a past level, not a forecast.
- **period**: date expressions of the sentence are found by compiled patterns (years, spans,
  quarters, fiscal years, months, days, "last year", "the prior year") and resolved against the
  publication date. A figure takes the expression that governs it most closely in the dependency
  tree; expressions inside another clause or inside a comparison ("from the prior year") are
  skipped. A sentence without any date inherits the period of the previous sentence of its paragraph.
- **subject**: walk from the figure up the tree and take the first subject (`nsubj`) that names a
  company, a place or a market; a pronoun, "the company", "the tech titan" or a person point to the
  company most recently named; "In the United States, ..." scopes a clause; otherwise a company of
  the sentence, the previous sentence's subject, the company in focus.
- **metric**: a short noun phrase — "$6.69 billion in sales", "a dividend of $0.24", "550,000 EV
  deliveries", or the measure noun that is the clause's subject ("EV sales are forecast to drop 29%").
"""
from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

from evfacts import rx
from evfacts.claims import companies as comp
from evfacts.claims import units as L
from evfacts.claims.view import doc_ents, doc_text, parsed, sent_ents, sent_text, sent_words

# -- lexicons ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lex:
    modals: frozenset
    forecast_verbs: frozenset
    forecast_nouns: frozenset
    forecast_mods: frozenset
    seers: frozenset
    target_verbs: frozenset
    target_nouns: frozenset
    target_mods: frozenset
    company_nouns: frozenset
    pronouns: frozenset
    market_nouns: frozenset
    metric_nouns: frozenset
    product_nouns: frozenset = frozenset()


@lru_cache(maxsize=1)
def lex() -> Lex:
    data = resources.files("evfacts").joinpath("data")
    m = tomllib.loads(data.joinpath("modality.toml").read_text(encoding="utf-8"))
    c = tomllib.loads(data.joinpath("context.toml").read_text(encoding="utf-8"))
    f, t = m["forecast"], m["target"]
    fs = frozenset
    return Lex(fs(f["modals"]), fs(f["verbs"]), fs(f["nouns"]), fs(f["modifiers"]), fs(f["seers"]),
               fs(t["verbs"]), fs(t["nouns"]), fs(t["modifiers"]),
               fs(c["subject"]["company_nouns"]), fs(c["subject"]["pronouns"]), fs(c["subject"]["market_nouns"]),
               fs(c["metric"]["nouns"]), fs(c["subject"].get("product_nouns", ())))


PLACE_LABELS = {"GPE", "LOC"}
#: public bodies that also name a region: "In the EU, sales rose 5%"
#: words that do not make a market of a noun: "these stocks", "many shares"
VAGUE_WORDS = {"these", "those", "this", "that", "both", "some", "many", "all", "other", "such", "several", "few",
               "most", "more", "any", "each", "its", "their", "our", "his", "her", "the", "a", "an", "'s", "’s"}
INSTRUMENT_NOUNS = {"etf", "index", "fund", "trust", "composite"}
#: nouns of a market index: "the dollar index", "the index" (the one named before)
INDEX_NOUNS = {"index", "indexes", "indices", "benchmark", "gauge", "average"}
#: words that do not name an index: "the benchmark index", "the broader gauge"
GENERIC_INDEX_MODS = {"benchmark", "broader", "broad", "main", "blue-chip", "wider", "key", "headline", "stock",
                      "equity", "share", "market", "overall"}
REGION_BODIES = {"european union", "eu"}
INSTRUMENT = re.compile(r"\b(?:ETF|ETFs|Index|Fund|Trust|Composite|Average)\b")
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "ROOT"}
COMPARISON = {"from", "than", "compared", "comparing", "versus", "vs", "vs.", "against"}
PRESENT_MODS = {"current", "existing", "previous", "prior", "last", "latest", "recent", "past", "actual", "reported"}
#: words that keep a sentence from inheriting the previous sentence's period
PRESENT_RE = re.compile(r"\b(?:current|currently|now|today|presently|so far|to date|ever|recently)\b", re.I)
PERIOD_COMPARISON = COMPARISON | {"over"}
BE_FORMS = {"is", "was", "are", "were", "be", "been", "'s", "’s", "remains", "stands", "came", "comes"}
#: banks and research houses whose name as the subject of "estimates", "expects", "said" is a
#: source, not what the figure is about
ANALYST_FIRMS = comp.ANALYST_FIRMS
OPINION_VERBS = {"said", "says", "say", "wrote", "writes", "believes", "believe", "thinks", "noted", "notes",
                 "rates", "rated", "upgraded", "downgraded", "reiterated", "estimate", "estimates", "expects", "sees",
                 "predicts", "forecasts", "projects", "argues", "reckons", "calculates"}
REPORT_NOUNS = {"report", "call", "meeting", "release", "statement", "filing", "announcement", "conference", "event",
                "presentation", "update", "letter", "note", "interview", "article", "session"}
SCOPE_PREPS = {"in", "across", "within", "throughout", "for", "inside"}

# -- article state ------------------------------------------------------------------------------------


@dataclass
class SentState:
    """What the previous sentences of a paragraph left behind."""

    period: str | None = None
    subject: str | None = None
    #: what the last sentence itself was about (None: nothing)
    last: str | None = None


@dataclass
class SentInfo:
    """Computed once per sentence."""

    dates: list = field(default_factory=list)  # DateExpr
    companies: list = field(default_factory=list)  # (start_char, end_char, token i, name)
    period: str | None = None  # the sentence's own governing period (for the next sentence)
    #: (people, SubjectFinder.by_token): what the sentence's tokens name, read once for all its figures
    subject_tokens: tuple | None = None
    #: (SubjectFinder.by_token, SubjectFinder.other_subject())
    other_subject: tuple | None = None


# -- dates --------------------------------------------------------------------------------------------

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
    ("span", re.compile(rf"\b(?:from\s+|between\s+)?({YEAR})(?:\s*(?:-|–|—|to|through|thru|until|and)\s*({YEAR})|\s*[-–—/]\s*(\d{{2}}))\b(?!\s*%)", re.I)),
    ("ended", re.compile(rf"\b(?:(fiscal)\s+)?(year|quarter)\s*\(?\s*(?:that\s+)?(?:ended|ending|ends)\s+(?:on\s+|in\s+)?({MONTH_RE})\.?\s*(\d{{1,2}})?,?\s*({YEAR})?", re.I)),
    ("yearquarter", re.compile(rf"\b({YEAR})\s*(?:Q([1-4])|([1-4])Q)\b")),
    ("quarter", re.compile(rf"\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter)(?:\s*(?:of\s+)?(?:(?:fiscal|FY)\s*)?(?:the\s+)?(?:year\s+)?('?\d{{2}}\b|{YEAR}))?", re.I)),
    ("fiscal", re.compile(rf"\b(?:fiscal(?:\s+year)?\s*|FY\s?)('?\d{{2}}\b|{YEAR})", re.I)),
    ("fiscalq", re.compile(r"\bfiscal\s+(first|second|third|fourth)[\s-]+quarter", re.I)),
    ("monthyear", re.compile(rf"\b({MONTH_RE})\.?\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?({YEAR})\b")),
    ("daymonthyear", re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\.?,?\s+({YEAR})\b")),
    ("monthrel", re.compile(rf"\b({MONTH_RE})\.?\s+(?:of\s+)?(last|this|next|the\s+previous|the\s+prior)\s+year\b", re.I)),
    ("sameperiod", re.compile(rf"\b(?:the\s+)?same\s+(?:period|quarter|month|time|week)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of|in)\s+({YEAR}))", re.I)),
    ("ago", re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(years|quarters|months)\s+(ago|earlier|before)\b", re.I)),
    ("relative", re.compile(r"\b(last|this|next|the\s+prior|the\s+previous|the\s+current|the\s+coming|a|one|the\s+same)\s+(?:fiscal\s+|financial\s+|calendar\s+)?(year|quarter|month)(\s+(?:ago|earlier|before))?\b", re.I)),
    ("yearago", re.compile(r"\b(year[\s-]ago|year[\s-]earlier|year[\s-]over[\s-]year|year[\s-]on[\s-]year|prior[\s-]year|previous[\s-]year|quarter[\s-]over[\s-]quarter|sequential(?:ly)?)\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?({YEAR})\b", re.I)),
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
        ahead = forward or bool(re.search(r"\bend(ing|s)\b", d.text, re.I))
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
            out.append(DateExpr(base + s, base + e, kind, m.groups(), m.group(0), root_of(span), compar,
                                range(span.start, span.end)))
    return out


# -- tree helpers -------------------------------------------------------------------------------------


def root_of(span):
    """span.root, safe on unparsed docs (where spaCy's root is undefined)."""
    return span.root if parsed(span.doc) else span[0]


def path_up(tok) -> list:
    """The token and its ancestors up to the root of its sentence."""
    out = [tok]
    while tok.head.i != tok.i and len(out) < 100:
        tok = tok.head
        out.append(tok)
    return out


def _depth(tok) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def figure_root(sent, start: int, end: int):
    doc = sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        for t in sent:
            if t.idx <= start < t.idx + len(t) + 1:
                return t, None
        return root_of(sent), None
    return root_of(span), span


# -- period -------------------------------------------------------------------------------------------


def choose_date(fig, fig_span, dates: list[DateExpr]):
    """The date expression governing a figure: (DateExpr or None)."""
    if not parsed(fig.doc):  # no parse: the nearest date that is not a base of comparison
        own = (fig_span.start_char, fig_span.end_char) if fig_span is not None else (fig.idx, fig.idx + len(fig))
        near = [d for d in dates if not d.comparison and not (d.start < own[1] and own[0] < d.end)]
        return min(near, key=lambda d: abs(d.head.i - fig.i)) if near else None
    fpath = path_up(fig)
    fidx = {t.i: n for n, t in enumerate(fpath)}
    lo = fig_span.start if fig_span is not None else fig.i
    hi = fig_span.end if fig_span is not None else fig.i + 1
    best, best_key = None, None
    for d in dates:
        if d.head is None:
            continue
        if fig_span is not None and d.start < fig_span.end_char and fig_span.start_char < d.end:
            continue  # the figure itself ("2035" in "its planned 2035 ban")
        dpath = path_up(d.head)
        lca = None
        for n, t in enumerate(dpath):
            if t.i in fidx:
                lca = n
                break
        if lca is None:
            continue
        up_f, up_d = fidx[dpath[lca].i], lca
        between = dpath[1:lca]
        dspan = d.tokens
        penalty = 0
        if d.comparison:
            penalty += 2
        if any(is_verb(t) and t.i not in dspan and not lo <= t.i < hi for t in between):
            penalty += 1  # the date belongs to another clause
        if _other_end(fpath[1:up_f + 1], d):
            continue  # "grow from 16 in 2020 to 80 by 2030": each end point has its own date
        if any(t.lower_ in PERIOD_COMPARISON and (t.i not in dspan or d.kind != "span") for t in dpath[:lca]) \
                or d.text.split()[0].lower() in PERIOD_COMPARISON and d.kind != "span":
            penalty += 2  # "down from a 22% rally last year", "compared with 13.3 million in 2025"
        day = d.is_day()
        if day and (d.head.head.lower_ in REPORT_NOUNS or any(
                t.lower_ in REPORT_NOUNS for t in d.head.doc[d.head.i + 1:d.head.i + 3])):
            penalty += 1  # "in the February 1 report", "on its Jan. 30 call": when it was said
        if penalty:
            continue
        key = (day, up_f, up_d, abs(d.head.i - fig.i))
        if best_key is None or key < best_key:
            best, best_key = d, key
    return best


def _other_end(fpath, d) -> bool:
    """Is date `d` the other end point's in "from A [date] to B [date]"? fpath: the figure's ancestors
    below the common one. A figure under "from" owns the dates up to "to"; a figure under "to" does
    not own the dates between "from" and "to"."""
    prep = next((t for t in fpath if t.dep_ == "prep" and t.lower_ in ("from", "to", "by")), None)
    if prep is None:
        return False
    if prep.head.i not in {t.i for t in path_up(d.head)[1:]}:
        return False  # a date of the clause above: "the surge from 2020 through 2025, when sales jumped from ..."
    sib = {c.lower_: c for c in prep.head.children if c.dep_ == "prep" and c.i != prep.i}
    i = d.head.i
    if prep.lower_ == "from":
        end = sib.get("to") or sib.get("by")
        inside = i in {x.i for x in prep.subtree}
        return not inside and not (prep.i < i and (end is None or i < end.i))
    start = sib.get("from")
    return start is not None and start.i < i < prep.i


# -- modality -----------------------------------------------------------------------------------------


#: verbs that state or revise an outlook: "raised its guidance to $5 billion", "cut its forecast to 3%"
REVISE_VERBS = {"raise", "raises", "raised", "raising", "lift", "lifts", "lifted", "boost", "boosted", "cut", "cuts",
                "lower", "lowers", "lowered", "trim", "trims", "trimmed", "reiterate", "reiterates", "reiterated",
                "maintain", "maintains", "maintained", "reaffirm", "reaffirms", "reaffirmed", "narrow", "narrowed",
                "issue", "issued", "issues", "provide", "provided", "provides", "give", "gave", "set", "sets",
                "hike", "hiked", "slash", "slashed", "update", "updated", "revise", "revised", "increase", "increased"}


def _verb_modality(t, L: Lex) -> str | None:
    low = t.lower_
    if low in ("follow", "follows") and any(c.dep_ == "dobj" for c in t.children):
        return "reported"  # "which would follow the +3.8% growth in Q3": the precedent has happened
    if low in REVISE_VERBS:
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                if c.lower_ in L.target_nouns and not any(x.lower_ == "price" for x in c.children):
                    return "target"
                if c.lower_ in L.forecast_nouns or c.lower_ == "target":
                    return "forecast"
    for c in t.children:
        # "the analyst estimate for revenue is $108 billion", "the consensus estimate is pegged at $1.25",
        # "our goal is 1 million cars"
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in L.forecast_nouns and c.lower_ != "view":
                return "forecast"
            if c.lower_ in L.target_nouns and t.lower_ in BE_FORMS:
                return "target"
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in L.modals:
            return "forecast"
        if c.dep_ == "aux" and c.lower_ == "going" and any(x.lower_ == "to" for x in c.children):
            return "forecast"
    if low in L.target_verbs:
        if low in ("looking",) and not any(c.dep_ == "xcomp" for c in t.children):
            return None
        if low in ("want", "wants", "wanted", "wanting", "hope", "hopes", "hoping") and not any(
                c.dep_ in ("xcomp", "ccomp") for c in t.children):
            return None
        return "target"
    if low in L.forecast_verbs:
        if low in ("see", "sees", "seen"):
            subj = [c for c in t.children if c.dep_ in SUBJ_DEPS]
            if not any(w.lower_ in L.seers for s in subj for w in s.subtree):
                return None
        if low in ("set", "due", "bound") and not any(c.dep_ == "xcomp" for c in t.children):
            return None
        if low in ("estimated",) and t.dep_ == "amod":
            return None
        return "forecast"
    for c in t.children:
        if c.dep_ == "acomp" and c.lower_ in ("likely", "poised", "set", "expected", "due", "slated"):
            return "forecast"
        if c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in ("track", "course", "pace") for g in c.children):
            return "forecast"  # "is on track to produce 57,000 vehicles"
    return None


def _noun_modality(t, L: Lex) -> str | None:
    low = t.lower_
    if low in L.forecast_nouns:
        return "forecast"
    for c in t.children:
        # "the target price of $54.5", "7.9% upside potential", "the consensus figure of $1.10"
        if c.dep_ in ("compound", "amod") and c.i < t.i and (c.lower_ in ("upside", "downside") or c.dep_ == "compound" and c.lower_ == "consensus"
                                                   or (c.lower_ in ("target", "targets") and low in ("price", "prices"))):
            return "forecast"
    if low in L.target_nouns:
        if any(c.lower_ == "price" for c in t.children) or t.doc[t.i - 1].lower_ == "price":
            return "forecast"  # an analyst's price target is a forecast, not the company's plan
        return "target"
    return None


def _flat_modality(fig, L: Lex) -> str:
    """Without a parse: the nearest marker in the few words before the figure."""
    sent = fig.sent
    for t in reversed(fig.doc[max(sent.start, fig.i - 8):fig.i]):
        low = t.lower_
        if low in COMPARISON or low in ("after", "before", "since", "which", "when") or t.text in (";", ":", ","):
            return "reported"  # another clause
        if low in L.target_verbs or low in L.target_nouns:
            return "target"
        if low in L.modals or (low in L.forecast_verbs and low not in ("see", "sees", "seen", "set", "due", "bound")) \
                or low in L.forecast_nouns:
            return "forecast"
    return "reported"


def modality(fig, fig_span) -> str:
    L = lex()
    if not parsed(fig.doc):
        return _flat_modality(fig, L)
    lo = fig_span.start if fig_span is not None else fig.i
    hi = fig_span.end if fig_span is not None else fig.i + 1
    # the figure's own noun: "an expected 4.9 million sales", "its planned 2035 ban"
    own = fig if fig.pos_ in ("NOUN", "PROPN") and not fig.like_num else fig.head
    out = fig
    while lo <= out.i < hi and out.head.i != out.i:
        out = out.head
    if out.lower_ in ("upside", "downside") and not lo <= out.i < hi:
        return "forecast"  # "implies 8% upside"
    if hi < len(fig.doc) and fig.doc[hi].lower_ in ("upside", "downside") and fig.doc[hi].sent == fig.sent:
        return "forecast"  # "implies 7.9% upside potential"
    for c in own.children:
        if c.dep_ in ("amod", "compound") and not lo <= c.i < hi:
            if c.lower_ in L.target_mods:
                return "target"
            if c.lower_ in L.forecast_mods:
                return "forecast"
    # the figure itself modified: "higher than the expected 212,000", "$39.2 billion that was forecast by analysts"
    fig_toks = [fig.doc[i] for i in range(lo, hi)] if fig_span is not None else [fig]
    for ft in fig_toks:
        for c in ft.children:
            if lo <= c.i < hi:
                continue
            if c.dep_ == "amod" and c.i < lo:
                if c.lower_ in L.target_mods:
                    return "target"
                if c.lower_ in L.forecast_mods:
                    return "forecast"
            if c.dep_ == "relcl" and c.i >= hi and c.lower_ in L.forecast_verbs and c.lower_ not in ("see", "sees", "set", "due", "bound", "likely", "unlikely", "on track") \
                    and any(x.dep_ in ("nsubjpass", "nsubj") and x.lower_ in ("that", "which") for x in c.children):
                return "forecast"
    t = fig
    seen = 0
    noun_hops = 0
    while seen < 40:
        seen += 1
        if not lo <= t.i < hi:
            low = t.lower_
            if t.pos_ in ("NOUN", "PROPN") and not is_verb(t):
                m = _noun_modality(t, L)
                if m:
                    return m
                if any(c.dep_ == "amod" and c.lower_ in PRESENT_MODS for c in t.children) and t.lower_ not in (
                        "quarter", "quarters", "year", "years", "month", "months", "week", "weeks", "half", "period", "season"):
                    return "reported"  # "Peloton's current market cap of $2.1 billion"; not "in the current quarter"
                if t.dep_ == "pobj" and t.head.lower_ == "on" and any(
                        c.lower_ in ("higher", "lower", "stronger", "weaker") for c in t.children):
                    # "expected to be up 5% from a year ago on 3% higher revenues": the "on" phrase belongs to
                    # the predicate, however it was attached; go on from the nearest verb above
                    v = t.head
                    while v.head.i != v.i and not is_verb(v):
                        v = v.head
                    if is_verb(v) and v.i != t.i:
                        t = v
                        continue
                if t.dep_ == "pobj":
                    noun_hops += 1
                    if noun_hops >= 2:
                        return "reported"  # deep inside a noun phrase: a description, not the claim
            if low in COMPARISON:
                return "reported"
            if t.dep_ == "prep" and low in ("of", "at", "for") and t.i > 0:
                m = _noun_modality(t.doc[t.i - 1], L)  # "beating the Consensus Estimate of $2.10", however attached
                if m:
                    return m
            if is_verb(t) or t.pos_ == "ADJ":
                m = _verb_modality(t, L)
                if m:
                    return m
                if t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN") and not any(
                        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children):
                    pass  # ", indicating 10% growth": a participle shares its main clause
                elif t.dep_ in CLAUSE_DEPS:
                    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                    if (t.dep_ == "ccomp" or (t.dep_ == "advcl" and infinitive)) and t.head.i != t.i:
                        hm = _verb_modality(t.head, L)
                        if hm:
                            return hm
                    return "reported"
        if t.head.i == t.i:
            break
        t = t.head
    return "reported"


# -- subject ------------------------------------------------------------------------------------------


def _clean_np(tokens) -> str:
    toks = list(tokens)
    while toks and (toks[0].dep_ in ("det", "poss", "predet", "case") or toks[0].is_punct or toks[0].tag_ == "POS"
                    or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
        toks = toks[:-1]
    return "".join(t.text_with_ws for t in toks).strip()


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjectives of places: "Chinese" -> "China" (data/places.demonyms.json)."""
    import json

    return json.loads(resources.files("evfacts").joinpath("data").joinpath("places.demonyms.json").read_text(encoding="utf-8"))


def _place_name(ent) -> str:
    """"the United States" -> "United States", "China's" -> "China"; "U.S." keeps its stops."""
    text = " ".join(ent.text.split())
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return re.sub(r"['’]s?$", "", text).strip(" ,;:")


@lru_cache(maxsize=1)
def known_places() -> frozenset:
    """Lower-cased names of data/places.jsonl and the places of its demonyms."""
    import json

    text = resources.files("evfacts").joinpath("data").joinpath("places.jsonl").read_text(encoding="utf-8")
    names = {json.loads(line)["pattern"].lower() for line in text.splitlines()
             if line.strip() and isinstance(json.loads(line)["pattern"], str)}
    return frozenset(names | {v.lower() for v in demonyms().values()})


def is_place(ent, people=frozenset()) -> bool:
    """A country, region or public body that may be a subject: not a name with digits, and not a
    name the article gives a person ("Sondland" of "Gordon Sondland") unless it is a known place."""
    if not (ent.label_ in PLACE_LABELS or ent.label_ == "GOV") or any(ch.isdigit() for ch in ent.text):
        return False
    if people:
        name = _place_name(ent)
        if name in people and name.lower() not in known_places():
            return False
    return True


_POINTER_WORDS: tuple = (None, frozenset())


def _pointer_words(L: Lex) -> frozenset:
    """The words that make a subject the company's (a pointer to it or a measure of it): see
    SubjectFinder._other_subject. Built once for the lexicon at hand."""
    global _POINTER_WORDS
    lexicon, words = _POINTER_WORDS
    if lexicon is not L:
        words = frozenset(L.pronouns | L.company_nouns | L.product_nouns | L.metric_nouns | L.forecast_nouns
                          | L.target_nouns | REPORT_NOUNS | {"outlook", "results", "result", "estimates"})
        _POINTER_WORDS = (L, words)
    return words


class SubjectFinder:
    def __init__(self, sent, info: SentInfo, focus, people=frozenset()):
        self.sent = sent
        self.info = info
        self.focus = focus  # function(char offset) -> company most recently named before it
        self.people = people
        cached = info.subject_tokens
        if cached is not None and cached[0] is people:
            self.by_token = cached[1]
            return
        self.by_token = self.named_tokens(sent, info, people)
        info.subject_tokens = (people, self.by_token)

    @staticmethod
    def named_tokens(sent, info: SentInfo, people) -> dict:
        """Token index -> (kind, name): the companies, instruments, places, people and products of the sentence."""
        by_token = {}
        doc = sent.doc
        for s, e, i, name, *_ in info.companies:
            for t in doc.char_span(s, e, alignment_mode="expand") or []:
                by_token[t.i] = ("company", name)
        dtext = doc_text(doc)
        n = len(doc)
        for ent in sent_ents(sent):
            end = ent.end
            if end < n and doc[end].text == ":":
                continue  # "(NASDAQ: MCHI)": an exchange before a ticker
            label = ent.label_
            text = dtext[ent.start_char:ent.end_char]  # ent.text
            if label == "MARKET" or (label == "ORG" and INSTRUMENT.search(text)):
                kind = ("instrument", comp.normalise(text))
                for i in range(ent.start, end):
                    by_token.setdefault(i, kind)
            elif any(map(str.isdigit, text)) or (text.isupper() and len(text) > 3
                                                 and text not in ("APAC", "EMEA", "USA", "U.S.A.")):
                continue  # "Q4", "H1", a ticker such as "VSTO": not a place
            elif (label in PLACE_LABELS or label == "GOV") and not is_place(ent, people):
                continue  # "Sondland’s appearance": a person of the article NER took for a place
            elif label in PLACE_LABELS or label == "GOV":  # "In the EU", "a rate cut by the ECB"
                kind = ("place", _place_name(ent))
                for i in range(ent.start, end):
                    by_token.setdefault(i, kind)
            elif label == "PERSON":
                for i in range(ent.start, end):
                    by_token.setdefault(i, ("person", text))
            elif label == "PRODUCT":
                for i in range(ent.start, end):
                    by_token.setdefault(i, ("product", text))
        return by_token

    def candidate(self, tokens, at: int, skip=()):
        """Company, then market, then place among tokens; a pronoun or 'the company' -> focus."""
        L = lex()
        by_token = self.by_token
        toks = [t for t in tokens if t.i not in skip]
        found = {"company": None, "place": None, "person": None, "instrument": None, "product": None}
        # nearest the head of the phrase first: "Apple's rival Samsung" is about Samsung (only the named
        # tokens are ordered: the others name nothing)
        named = [t for t in toks if t.i in by_token]
        if len(named) > 1:
            named.sort(key=lambda t: (_depth(t), t.i))
        for t in named:
            kind = by_token[t.i]
            if found[kind[0]] is None:
                found[kind[0]] = kind[1]
        if found["company"]:
            return found["company"]
        if found["instrument"]:
            return found["instrument"]
        lows = [t.lower_ for t in toks]
        for t, low in zip(toks, lows):  # "the dollar index", "the KBW Regional Banking index"; "the index": the one named before
            if low in INDEX_NOUNS and t.pos_ in ("NOUN", "PROPN") and t.i not in self.by_token \
                    and t.dep_ not in ("compound", "amod"):
                left = [x for x in t.subtree if x.i <= t.i and x.i not in skip]
                mods = [x for x in left if x.i != t.i and not x.is_punct and x.dep_ not in ("det", "predet", "poss")
                        and x.lower_ not in VAGUE_WORDS | GENERIC_INDEX_MODS
                        and (x.dep_ in ("compound", "nmod") or x.pos_ == "PROPN")]
                if any(x.like_num or any(ch.isdigit() for ch in x.text) or x.i in self.by_token for x in mods):
                    continue
                if mods and any(x.pos_ == "PROPN" or x.lower_ in L.market_nouns for x in mods):
                    return _clean_np([x for x in left if x.lower_ not in GENERIC_INDEX_MODS or x.i == t.i])
                if mods:
                    continue  # "the air quality index": no market
                if any(d.lower_ in ("the", "this", "that") for d in t.children):
                    named = [e for e in doc_ents(t.doc) if e.label_ == "MARKET" and e.end <= t.i]
                    if named:
                        return comp.normalise(named[-1].text)
        for t, low in zip(toks, lows):
            if (low in L.market_nouns or (low in INSTRUMENT_NOUNS and t.text[0].isupper())) \
                    and t.pos_ in ("NOUN", "PROPN"):
                left = [x for x in t.subtree if x.i <= t.i and x.i not in skip]
                mods = [x for x in left if x.i != t.i and not x.is_punct and x.dep_ not in ("det", "predet")
                        and x.lower_ not in VAGUE_WORDS]
                if mods and not any(x.like_num or any(ch.isdigit() for ch in x.text) or x.lower_ in L.company_nouns
                                    or x.lower_ in L.pronouns or x.i in self.by_token for x in left if x.i != t.i):
                    return _clean_np(left)  # "global EV market", "Oil prices"; not "this segment", "Two stocks"
        if found["place"]:
            return found["place"]
        dem = demonyms()
        for t, low in zip(toks, lows):  # "Chinese demand", "European registrations"; not "the German automaker" (a pointer)
            if low in dem and t.dep_ in ("amod", "compound", "nmod") and not (
                    t.head.lower_ in L.company_nouns and any(c.lower_ in ("the", "this") for c in t.head.children)):
                return dem[low]
        for t, low in zip(toks, lows):  # "Global EV sales are set to hit 17 million": the world market
            if low in ("global", "worldwide", "world", "world's", "global's") and t.dep_ in ("amod", "compound", "poss", "nmod"):
                np = _clean_np([x for x in t.head.subtree if x.i <= t.head.i and x.i not in skip])
                return np[0].lower() + np[1:] if np else "global"
        if found["person"]:
            return self.strict_focus(at)
        if found["product"]:
            return self.focus(at)  # "The new MacBook Pro weighs 2 kg": its maker, the company in focus
        for t, low in zip(toks, lows):
            if low in L.pronouns and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                return self.antecedent(t)
            if low in L.company_nouns and any(c.lower_ == "the" or c.dep_ == "poss" for c in t.children):
                return self.focus(at)
        return None

    def antecedent(self, pron):
        """What "its", "it", "they" point to: the company named last before it in the sentence,
        else the place named last before it, else the company in focus."""
        verb = pron.head
        if pron.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" and verb.head.i != verb.i:
            # "the U.S. dollar, which fell 0.5%": the noun the relative clause hangs on
            noun = verb.head
            r = self.candidate([t for t in noun.subtree if t.i < verb.left_edge.i or t.i == noun.i], pron.idx)
            if r or pron.lower_ == "who":
                return r  # "a cat who has been missing": a person or an animal, never the company in focus
        before = [(i, v) for i, v in self.by_token.items() if i < pron.i and v[0] in ("company", "place", "instrument")]
        for kind in ("company", "instrument", "place"):
            cands = [(i, v[1]) for i, v in before if v[0] == kind]
            if cands:
                return max(cands)[1]
        if pron.lower_ in PERSON_PRONOUNS:
            return self.strict_focus(pron.idx)  # "he", "she": a person; their company only if just named
        return self.focus(pron.idx)

    def strict_focus(self, at: int):
        """The company named in this sentence (before `at`) or the previous one, else None: what a
        person of the sentence ("he", "Jane Roe said") may stand for."""
        sent = self.sent
        prev_start = max((s.start_char for s in sent.doc.sents if s.end_char <= sent.start_char), default=-1)
        try:
            return self.focus(at, since=prev_start)
        except TypeError:  # a focus function without the strict form
            return self.focus(at)

    def find(self, fig, fig_span, at: int, prev: SentState) -> tuple[str | None, bool]:
        """(subject, found by a rule of this sentence)."""
        own = set(range(fig_span.start, fig_span.end)) if fig_span is not None else {fig.i}
        path = path_up(fig)
        on_path = {t.i for t in path}
        # the figure's own noun phrase: "two accidents involving the Xiaomi SU7", "Xiaomi's 550,000 deliveries"
        head = fig if not fig.like_num else fig.head
        sized = head.lower_ in ("%", "percent", "cent") and head.dep_ in ("compound", "nmod", "amod", "nummod") \
            and head.head.pos_ == "NOUN" and head.head.i > head.i
        if sized:
            head = head.head  # "a 5.2% plunge in Acme": the noun the percentage sizes
        # (only a company of the sentence can be found there)
        if head.pos_ in ("NOUN", "PROPN") and not is_verb(head) and head.lower_ not in ("%", "percent", "cent") \
                and any(v[0] == "company" for v in self.by_token.values()):
            kids = [c for c in head.children if c.i not in on_path and (
                c.dep_ in ("poss", "prep", "acl", "compound", "nmod") if not sized
                else c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("in", "at", "of", "for"))]
            for c in kids:
                found = sorted((_depth(t), t.i, self.by_token[t.i][1]) for t in c.subtree
                               if t.i not in own and self.by_token.get(t.i, ("",))[0] == "company")
                if found:  # a company only: "3% in China" is left to the clause's scope
                    return found[0][2], True
        scope = None
        for t in path:
            for c in t.children:
                if c.i in on_path or c.i in own:
                    continue
                if c.dep_ in SUBJ_DEPS or c.dep_ == "poss":
                    r = self.candidate(c.subtree, at, own)
                    if r and r in ANALYST_FIRMS and t.lower_ in OPINION_VERBS | lex().forecast_verbs:
                        other = self.focus(at)
                        r = other if other and other not in ANALYST_FIRMS else r  # "Wedbush estimates ..."
                    if r:
                        return r, True
                elif scope is None and c.dep_ == "prep" and c.lower_ in SCOPE_PREPS:
                    for g in c.children:
                        kind = self.by_token.get(g.i)
                        if kind and kind[0] == "place":
                            scope = kind[1]
            if t.dep_ in SUBJ_DEPS and t.i not in own:
                # the figure sits inside the subject: "Two accidents involving the Xiaomi SU7 triggered ..."
                r = self.candidate(t.subtree, at, own)
                if r:
                    return r, True
        if scope:
            return scope, True
        # any company of the sentence, nearest first (before the figure wins ties)
        if self.info.companies:
            best = min(self.info.companies, key=lambda m: (abs(m[2] - fig.i), m[2] > fig.i))
            return best[3], True
        # "Investors poured $3 billion into bond funds": not the company of the sentences before
        other = self.other_subject()
        if prev.subject and not other:
            return prev.subject, False
        places = [e for e in sent_ents(self.sent) if is_place(e, self.people)]
        if places:
            return _place_name(places[0]), True
        return (None if other else self.recent_company(at)), False

    def other_subject(self) -> bool:
        """The sentence's grammatical subject is a noun phrase that is neither a company, a pointer
        to one ("it", "the company", "the headset") nor a measure of one ("Revenues", "Earnings per
        share"): "Investors ...", "Analysts ...", "The index ...". Its figures are not the company's.
        (Read once per sentence: it depends on the sentence and its named tokens only.)"""
        cached = self.info.other_subject
        if cached is not None and cached[0] is self.by_token:
            return cached[1]
        other = self._other_subject()
        self.info.other_subject = (self.by_token, other)
        return other

    def _other_subject(self) -> bool:
        sent = self.sent
        if not parsed(sent.doc):
            return False
        L = lex()
        for c in sent.root.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("i", "he", "she") or (
                    c.ent_type_ == "PERSON" and self.by_token.get(c.i, ("person",))[0] == "person")):
                return True  # "He died two months later", "Jane Roe has five titles": a person's sentence
            if c.dep_ not in ("nsubj", "nsubjpass") or c.pos_ != "NOUN":
                continue  # a proper noun may be a ticker or a name for the company ("VUG has earned")
            words = {t.lower_ for t in c.subtree}
            if any(t.text in ANALYST_FIRMS for t in c.subtree) or any(
                    d.lower_ in ("this", "these", "that", "those") for d in c.children):
                return False  # "Jefferies estimates ...": a source; "This segment ...": points back
            if c.lower_ in INDEX_NOUNS:
                return True  # "The index gained 1%": a market, not the company of the sentences before
            if c.lower_ in INSTRUMENT_NOUNS | {"etf", "etfs", "funds"} and any(
                    d.lower_ in ("the", "this", "that") for d in c.children):
                return False  # "The fund charges 9 bps": points back to the fund just named
            if not _pointer_words(L).isdisjoint(words) or any(t.i in self.by_token for t in c.subtree):
                return False
            return True
        return False

    def recent_company(self, at: int):
        """The strict fallback of a sentence that names no company and points back to none: a
        company named in the previous sentence of the same paragraph, else None."""
        sent = self.sent
        prev_start = max((s.start_char for s in sent.doc.sents if s.end_char <= sent.start_char), default=-1)
        if points_back(sent):
            return self.focus(at)
        try:
            return self.focus(at, since=prev_start)
        except TypeError:  # a focus function without the strict form
            return None


#: pronouns of a person
PERSON_PRONOUNS = {"he", "she", "his", "her", "him", "hers", "himself", "herself"}
#: pronouns that point back to a company named earlier ("we", "that", "which" do not)
BACK_PRONOUNS = {"it", "its", "itself", "they", "their"}


def points_back(sent) -> bool:
    """A sentence that refers back to a company named earlier: "it", "its", "the company",
    "the automaker", "the headset" (its product)."""
    L = lex()
    for t in sent:
        low = t.lower_
        if low in BACK_PRONOUNS:
            return True
        if (low in L.company_nouns or low in L.product_nouns) and t.pos_ in ("NOUN", "PROPN") and any(
                c.lower_ in ("the", "this") or c.dep_ == "poss" for c in t.children) and not any(
                c.lower_ == "of" for c in t.children):  # "this group of index members": a collection
            return True
    return False


# -- metric -------------------------------------------------------------------------------------------


#: adjectives that say which measure it is ("net profit", "adjusted earnings"), kept in a metric
METRIC_ADJ = {"net", "gross", "operating", "adjusted", "total", "annual", "quarterly", "monthly", "daily", "weekly",
              "average", "free", "global", "domestic", "international", "overseas", "organic", "comparable",
              "diluted", "basic", "core", "fiscal", "full-year", "electric", "hybrid", "retail", "wholesale",
              "active", "annualized", "recurring", "digital", "online", "cloud", "mobile", "automotive", "industrial",
              "underlying", "trailing", "forward", "nonfarm", "unemployment", "jobless", "compound"}


def _noun_phrase(t, stop=()) -> str:
    """The measure noun with the words that classify it right before it: "EV deliveries", "net profit"."""
    words = []
    k = t.i - 1
    while k >= 0 and t.i - k <= 3:
        m = t.doc[k]
        if m.i in stop:
            break
        if m.head.i != t.i and m.head.i not in {w.i for w in words} | {t.i}:
            break
        if m.like_num or m.is_punct and m.text != "-" or m.text in ("%", "$"):
            break
        if m.dep_ == "compound" or (m.dep_ == "amod" and m.lower_ in METRIC_ADJ) or m.text == "-":
            words.insert(0, m)
            k -= 1
            continue
        break
    out = " ".join(w.text if (w.text.isupper() or w.pos_ == "PROPN") else w.lower_ for w in words if w.text != "-")
    head = t.text if t.text.isupper() else t.lower_
    return f"{out} {head}".strip()


def _year_over_year(t) -> bool:
    """'year over year', 'quarter-on-quarter', 'year to date': a comparison, never what is measured."""
    doc = t.doc
    if t.lower_ not in ("year", "quarter", "month", "week", "day"):
        return False
    j = t.i + 1
    while j < len(doc) and doc[j].text == "-":
        j += 1
    if j >= len(doc) or doc[j].lower_ not in ("over", "on", "to"):
        return False
    j += 1
    while j < len(doc) and doc[j].text == "-":
        j += 1
    return j < len(doc) and (doc[j].lower_ == t.lower_ or doc[j].lower_ == "date")  # "year to date"


def metric(fig, fig_span) -> str | None:
    L = lex().metric_nouns
    own = set(range(fig_span.start, fig_span.end)) if fig_span is not None else {fig.i}
    # "$6.69 billion in sales"
    for c in fig.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in L:
                    return _noun_phrase(g)
    # "a dividend of $0.24", "revenue of $39 billion"
    h = fig.head
    if h.lower_ == "of" and h.head.pos_ in ("NOUN", "PROPN") and h.head.lower_ in L:
        return _noun_phrase(h.head)
    # "550,000 EV deliveries", "1.1 million units"
    counted = None
    if fig.pos_ == "NOUN" and not fig.like_num and fig.i in own:
        counted = fig
    elif fig.dep_ in ("nummod", "quantmod", "compound", "amod") and h.pos_ in ("NOUN", "PROPN"):
        counted = h
    if counted is not None and (_year_over_year(counted) or _year_over_year(counted.head)):
        counted = None  # "grew 2% year over year"
    if counted is not None and counted.dep_ in ("compound", "amod", "nmod") and counted.head.pos_ == "NOUN" \
            and counted.head.i > counted.i:
        return _noun_phrase(counted.head, stop={counted.i} | own)  # "a 3-nanometer processor": what is measured
    if counted is not None and counted.lower_ in L and counted.lower_ not in ("units", "vehicles", "cars"):
        return _noun_phrase(counted)
    # the clause's subject: "EV sales are forecast to drop 29%"
    for t in path_up(fig)[1:]:
        if is_verb(t):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in L and c.i not in own:
                    return _noun_phrase(c)
    if counted is not None and counted.pos_ == "NOUN" and counted.lower_ not in ("%", "percent", "cent", "x", "times"):
        return _noun_phrase(counted)
    return None


# -- entry points -------------------------------------------------------------------------------------


def sentence_info(sent, mentions) -> SentInfo:
    info = SentInfo()
    info.dates = find_dates(sent)
    info.companies = [m for m in mentions if sent.start_char <= m[0] < sent.end_char]
    return info


def sentence_subject(sent, info: SentInfo, focus, people=frozenset()) -> str | None:
    """What a sentence without figures is about: its subject's company or place, else its first."""
    sf = SubjectFinder(sent, info, focus, people)
    for c in (sent.root.children if parsed(sent.doc) else ()):
        if c.dep_ in SUBJ_DEPS:
            r = sf.candidate(c.subtree, c.idx)
            if r:
                return r
    if info.companies:
        return info.companies[0][3]
    places = [e for e in sent_ents(sent) if is_place(e, people)]
    return _place_name(places[0]) if places else None


def respectively(claims, starts: list[int], info: SentInfo, ctx, until: int) -> None:
    """"Snap and Pinterest rose 4.5% and 2.5%, respectively": the n-th figure of a run of the same
    kind belongs to the n-th company named before the figures. `starts`: doc-local offsets of the
    claims; only figures before `until` (where "respectively" stands) count."""
    keep = [i for i, st in enumerate(starts) if st < until]
    if len(keep) < 2:
        return
    claims = [claims[i] for i in keep]
    first = min(starts[i] for i in keep)
    names = []
    for m in info.companies:
        name = ctx.alias.get(m[3], m[3])
        if m[0] < first and name not in names:
            names.append(name)
    if len(names) < 2:
        return
    runs, run = [], [claims[0]]
    for c in claims[1:]:
        if (c.kind, c.unit) == (run[-1].kind, run[-1].unit):
            run.append(c)
        else:
            runs.append(run)
            run = [c]
    runs.append(run)
    for run in runs:
        if len(run) == len(names):
            for c, name in zip(run, names):
                c.subject = name


def listed(claims, spans: list[tuple[int, int]], info: SentInfo, ctx, sent) -> None:
    """"JD.com, PDD and Baidu finished down 22%, 13.3% and 11.6%": a list of companies and an
    equally long list of figures, both joined by "and", pair up in order (as with "respectively")."""
    doc = sent.doc
    starts = [a for a, _ in spans]
    first = min(starts)
    roots = []
    for m in info.companies:
        span = doc.char_span(m[0], m[1], alignment_mode="expand")
        if span is not None and m[0] < first and ctx.alias.get(m[3], m[3]) not in [r[1] for r in roots]:
            roots.append((root_of(span), ctx.alias.get(m[3], m[3])))
    if len(roots) < 2 or not all(r.dep_ == "conj" for r, _ in roots[1:]):
        return
    figs = [figure_root(sent, a, b)[0] for a, b in spans]
    if sum(1 for f in figs if f.dep_ in ("conj", "appos") or f.head.dep_ == "conj") < len(roots) - 1:
        return
    respectively(claims, starts, info, ctx, sent.end_char)


def carry_over(prev: SentState, sent, info: SentInfo, sent_claims, ctx) -> None:
    """What the next sentence of the paragraph inherits: the period and the subject."""
    if info.dates:
        prev.period = sentence_period(sent, info, ctx.published) or prev.period
    prev.last = None
    if sent_claims and sent_claims[-1].subject:
        prev.subject = prev.last = sent_claims[-1].subject
    elif not sent_claims:
        subject = sentence_subject(sent, info, ctx.focus, getattr(ctx, "people", frozenset()))
        prev.last = ctx.alias.get(subject, subject) if subject else None
        # only the previous sentence passes its subject on, unless this one points back ("it", "the firm")
        prev.subject = prev.last or (prev.subject if points_back(sent) else None)


def sentence_period(sent, info: SentInfo, published) -> str | None:
    d = choose_date(root_of(sent), None, info.dates) if parsed(sent.doc) else None
    if d is None:
        nc = [x for x in info.dates if not x.comparison]
        d = nc[0] if len(nc) == 1 else None
    return d.resolve(published) if d else None


def annotate(claim, q, sent, ctx, info: SentInfo | None = None, prev: SentState | None = None) -> None:
    """Fill subject, metric, period, modality and companies of a claim from its sentence."""
    if info is None:
        info = sentence_info(sent, comp.doc_mentions(sent.doc))
    prev = prev or SentState()
    fig, fig_span = figure_root(sent, q.start, q.end)
    names = []
    for _, _, _, name, *_ in info.companies:
        name = ctx.alias.get(name, name) if hasattr(ctx, "alias") else name
        if name not in names:
            names.append(name)
    claim.companies = names
    claim.modality = modality(fig, fig_span)
    if info.dates:
        d = choose_date(fig, fig_span, info.dates)
        claim.period = d.resolve(ctx.published, forward=claim.modality != "reported") if d else None
    elif prev.period and len(prev.period) <= 9 and not PRESENT_RE.search(sent_text(sent)) and not (
            claim.modality != "reported" and ctx.published and prev.period[:4].isdigit()
            and int(prev.period[:4]) < ctx.published.year):
        claim.period = prev.period  # "at the time", "The outlook compares with estimates of ..."
    focus = getattr(ctx, "focus", None) or (lambda at: ctx.main_company)
    subject, _own = SubjectFinder(sent, info, focus, getattr(ctx, "people", frozenset())).find(fig, fig_span, q.start, prev)
    if subject and hasattr(ctx, "alias"):
        subject = ctx.alias.get(subject, subject)
        if subject not in dict(ctx.companies):
            longer = [n for n, _ in ctx.companies if n.startswith(subject + " ")]
            subject = longer[0] if len(longer) == 1 else subject  # "Berkshire's portfolio" -> Berkshire Hathaway
    claim.subject = subject
    claim.metric = metric(fig, fig_span)
