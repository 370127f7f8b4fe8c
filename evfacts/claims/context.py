"""What a figure is about: subject, metric, period, modality, companies.

One concern a module (`words`, `state`, `tree`, `dates`, `period`, `modality`, `places`,
`subject`, `metric`); this module applies them to a claim. Everything reads the spaCy parse of the sentence a figure stands in; nothing changes text.

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

import re
import tomllib
from functools import lru_cache
from importlib import resources

from evfacts.claims import companies as comp
from evfacts.claims.dates import find_dates
from evfacts.claims.metric import metric
from evfacts.claims.modality import modality
from evfacts.claims.period import choose_date
from evfacts.claims.places import _place_name, is_place
from evfacts.claims.state import SentInfo, SentState
from evfacts.claims.subject import SubjectFinder, points_back
from evfacts.claims.tree import figure_root, path_up, root_of
from evfacts.claims.view import parsed, sent_ents, sent_text
from evfacts.claims.words import COMPARISON, PRESENT_RE, SUBJ_DEPS


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


#: the context recognizers, in the order they fill a claim: (name, what it decides)
RECOGNIZERS = (
    ("companies", "the companies a figure's sentence names (NER and the company lexicon, aliases merged)"),
    ("modality", "reported, forecast or target, from the figure's clause (data/modality.toml)"),
    ("period", "the date expression governing the figure, resolved against the publication date"),
    ("carry-over", "a sentence without a date or subject inherits the previous sentence's of its paragraph"),
    ("subject", "the company, place or market the figure is about"),
    ("metric", "what is measured: \"$6.69 billion in sales\", \"550,000 EV deliveries\""),
    ("pairing", "\"A and B rose 4% and 2%(, respectively)\": the n-th figure goes with the n-th company"),
)
RECOGNIZER_NAMES = tuple(name for name, _ in RECOGNIZERS)


def describe() -> list[tuple[str, str]]:
    """(name, description) of every context recognizer, in order."""
    return list(RECOGNIZERS)


def annotate(claim, q, sent, ctx, info: SentInfo | None = None, prev: SentState | None = None,
             disabled: frozenset[str] = frozenset()) -> None:
    """Fill subject, metric, period, modality and companies of a claim from its sentence; the
    recognizers named in `disabled` leave their field as it is."""
    if info is None:
        info = sentence_info(sent, comp.doc_mentions(sent.doc))
    prev = prev or SentState()
    fig, fig_span = figure_root(sent, q.start, q.end)
    if "companies" not in disabled:
        names = []
        for _, _, _, name, *_ in info.companies:
            name = ctx.alias.get(name, name) if hasattr(ctx, "alias") else name
            if name not in names:
                names.append(name)
        claim.companies = names
    if "modality" not in disabled:
        claim.modality = modality(fig, fig_span)
    if "period" not in disabled:
        claim.period = _period(claim, sent, ctx, info, prev, fig, fig_span, disabled)
    if "subject" not in disabled:
        claim.subject = _subject(sent, ctx, info, prev, fig, fig_span, q.start)
    if "metric" not in disabled:
        claim.metric = metric(fig, fig_span)


def _period(claim, sent, ctx, info: SentInfo, prev: SentState, fig, fig_span, disabled) -> str | None:
    fy = getattr(ctx, "fiscal_year", None)
    report = getattr(ctx, "report_period", None) if claim.modality == "reported" or _overtaken(sent) else fy
    if info.dates:
        d = choose_date(fig, fig_span, info.dates)
        if d and d.kind == "fullyear" and fy:
            return fy  # "full-year" in an article about the year to March 2026
        if d and d.kind == "relative" and fy and "fiscal" in d.text.lower() and d.groups[1].lower() == "year":
            step = {"next": 1, "the coming": 1, "last": -1, "the prior": -1, "the previous": -1}.get(
                " ".join(d.groups[0].lower().split()), 0)
            return f"FY{int(fy[2:]) + step}"  # "the current fiscal year" of an article about FY2025
        if d:
            return d.resolve(ctx.published, forward=claim.modality != "reported")
        if not report or any(not x.comparison and not x.scope for x in info.dates) or _compared(fig):
            return None
        return report  # "Net income rose to $318 million from $251 million a year earlier": the report's span
    if "carry-over" not in disabled and prev.period and len(prev.period) <= 9 \
            and not PRESENT_RE.search(sent_text(sent)) and not (
            claim.modality != "reported" and ctx.published and prev.period[:4].isdigit()
            and int(prev.period[:4]) < ctx.published.year):
        return prev.period  # "at the time", "The outlook compares with estimates of ..."
    if report and not prev.period and not (claim.modality == "reported" and PRESENT_RE.search(sent_text(sent))) \
            and not _compared(fig):
        return report  # "Revenue increased 8% to £412.6m" in the results for the year ended 31 December 2024
    return claim.period


@lru_cache(maxsize=1)
def _past_expectation() -> re.Pattern:
    words = tomllib.loads(resources.files("evfacts").joinpath("data/context.toml").read_text(encoding="utf-8"))
    w = words["period"]
    alts = "|".join(map(re.escape, w["past_expectations"]))
    verbs = "|".join(map(re.escape, w["overtaking_verbs"]))
    nouns = "|".join(map(re.escape, w["estimate_nouns"]))
    return re.compile(rf"\bhad\s+(?:been\s+)?(?:{alts})\b|\b(?:{verbs})\b[^.;]{{0,40}}?\b(?:{nouns})\b", re.IGNORECASE)


def _overtaken(sent) -> bool:
    """"Analysts had expected earnings of $1.35", "beating estimates of a 2.1% increase": an
    expectation of the span just reported."""
    return bool(_past_expectation().search(sent_text(sent)))


def _compared(fig) -> bool:
    """Is the figure the base of a comparison ("from $251 million", "against 1.48 lakh")?"""
    return any(t.lower_ in COMPARISON for t in path_up(fig)[1:4])


def _subject(sent, ctx, info: SentInfo, prev: SentState, fig, fig_span, start: int) -> str | None:
    focus = getattr(ctx, "focus", None) or (lambda at: ctx.main_company)
    subject, _own = SubjectFinder(sent, info, focus, getattr(ctx, "people", frozenset()),
                                  getattr(ctx, "main", None), getattr(ctx, "market", None)).find(fig, fig_span, start, prev)
    if subject and hasattr(ctx, "alias"):
        subject = ctx.alias.get(subject, subject)
        if subject not in dict(ctx.companies):
            longer = [n for n, _ in ctx.companies if n.startswith(subject + " ")]
            subject = longer[0] if len(longer) == 1 else subject  # "Berkshire's portfolio" -> Berkshire Hathaway
    return subject
