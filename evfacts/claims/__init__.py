"""Claims: every quantitative claim of an article, with its context.

The engine reads spaCy Docs made once by the pipeline. `quantities` finds the figures of a
sentence (value, unit, kind, range, approximation, change); `context` says what they are
about (subject, metric, period, modality, companies); `companies` says which ORG entities are
companies and counts them per document.
"""
from __future__ import annotations

import itertools
from bisect import bisect_left
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from evfacts.claims import companies as comp
from evfacts.claims import context, entities, quantities
from evfacts.claims.figures.engine import describe as figure_recognizers
from evfacts.claims.figures.engine import recognizer_names as figure_names
from evfacts.claims.period import fiscal_year, report_period
from evfacts.claims.view import article_views, sent_text
from evfacts.model import Claim


@dataclass
class Segment:
    """A kept piece of the document (a line or paragraph) that is parsed on its own."""

    text: str
    start: int  # offset of text in the document
    line: int  # document line where text starts


@dataclass
class ArticleContext:
    published: datetime | None = None
    title: str | None = None
    #: the company the article is mainly about (for "the company", "its")
    main_company: str | None = None
    #: [(name, mentions)] most mentioned first
    companies: list = field(default_factory=list)
    #: short name -> the longer name used for it in this article (Microchip -> Microchip Technology)
    alias: dict = field(default_factory=dict)
    #: company most recently named before a doc-local offset of the current segment
    focus: object = None
    #: names of the article's people ("Adam Neumann", "Neumann"): never a company or a place
    people: set = field(default_factory=set)
    #: (main company, main entity) of `entities.main_entity`: what the article is about
    main: tuple = (None, None)
    #: the span the article reports on (`period.report_period`): the period of reported figures without one
    report_period: str | None = None
    #: the market the last claim with a market as its subject was about: what "the market" points to
    market: str | None = None
    #: the fiscal year the lede names (`period.fiscal_year`): the period of forecasts without one, of "full-year"
    fiscal_year: str | None = None


def _market_of(claims, ctx) -> str | None:
    """The last subject of these claims that is a market ("Global smartphone shipments", "global EV
    market"): lower-case words, not a company, the article's main entity, nor a person."""
    known = {n for n, _ in ctx.companies} | set(ctx.alias.values()) | set(ctx.main) | ctx.people
    for c in reversed(claims):
        s = c.subject
        if s and s not in known and " " in s and any(w.islower() for w in s.split()[1:]):
            return s
    return None


def recognizer_names() -> list[str]:
    """Every name `[claims] disable` takes: the figure stages and masks, then the context recognizers."""
    return figure_names() + list(context.RECOGNIZER_NAMES)


def describe() -> list[tuple[str, str]]:
    """(name, description) of every recognizer, in the order they run."""
    return figure_recognizers() + context.describe()


def check_disabled(names) -> frozenset[str]:
    """The names as a set; ValueError naming the unknown ones."""
    names = frozenset(names)
    unknown = sorted(names - set(recognizer_names()))
    if unknown:
        raise ValueError(f"unknown recognizer(s) {', '.join(unknown)} (known: {', '.join(recognizer_names())})")
    return names


def extract_article(parsed, *, published: datetime | None = None, title: str | None = None, finder=None,
                    disabled: frozenset[str] = frozenset(), lexicon: comp.Lexicon | None = None):
    """parsed: list of (Segment, spacy Doc). Returns (claims, companies sorted by mentions).

    finder(sent) -> list[Quantity] finds the figures (default `quantities.find_quantities`);
    disabled: names of recognizers to switch off (`recognizer_names()`; ValueError for others);
    lexicon: the run's company lexicon (`companies.Lexicon`; the packaged one by default)."""
    disabled = check_disabled(disabled)
    if finder is None:
        finder = partial(quantities.find_quantities, disabled=disabled & frozenset(figure_names()))
    with article_views(doc for _, doc in parsed):  # each doc's text and entities are read once
        return _extract_article(parsed, published, title, finder, disabled & frozenset(context.RECOGNIZER_NAMES),
                                lexicon)


def _article_mentions(parsed, lexicon):
    """(the article's people, per segment its company mentions): NER and the lexicon, people and
    common words out, names an appositive or a legal form makes companies in, data sources out."""
    docs = [doc for _, doc in parsed]
    people = comp.people_names(docs)
    appos = entities.appositive_companies(docs)
    named = {m[3] for ms in appos for m in ms}
    people = {p for p in people if p not in named and not any(n.endswith(" " + p) for n in named)}
    lower_words = comp.lower_words(docs)
    mentions = [comp.doc_mentions(doc, lexicon) for doc in docs]
    mid = comp.named_mid_sentence(mentions, docs)
    mentions = [comp.drop_people(ms, people, lower_words, doc, mid) for ms, doc in zip(mentions, docs)]
    mentions = [sorted(ms + [a for a in extra if not any(m[0] < a[1] and a[0] < m[1] for m in ms)])
                for ms, extra in zip(mentions, appos)]
    mentions = comp.add_mislabelled(mentions, docs, people)
    mentions = comp.add_named_again(mentions, docs)
    return people, entities.drop_sources(mentions, docs)


def _extract_article(parsed, published, title, finder, disabled, lexicon):
    ctx = ArticleContext(published=published, title=title)
    people, mentions = _article_mentions(parsed, lexicon)
    ctx.people = people
    names = [m[3] for ms in mentions for m in ms]
    ctx.companies = comp.count(names)
    ctx.alias = comp.merge_names(dict.fromkeys(names, 1))
    ctx.main_company = ctx.companies[0][0] if ctx.companies else None
    ctx.main = entities.main_entity(parsed, mentions, ctx.companies, ctx.alias)
    ctx.report_period = report_period(parsed, published)
    ctx.fiscal_year = fiscal_year(parsed, published)
    claims: list[Claim] = []
    last_before = ctx.main_company  # last company named in earlier segments (sources aside)
    tail = None  # the company the last sentence of the previous segment was about
    for (seg, doc), seg_mentions in zip(parsed, mentions):
        starts = [m[0] for m in seg_mentions]

        def focus(at, since=None, _ms=seg_mentions, _starts=starts, _before=last_before, _tail=tail):
            """The company in focus at a doc-local offset: the company named last before it (banks
            and research houses quoted as sources aside), else the article's main company.
            since: a doc-local offset; only a company named from there on counts (no fallback to
            earlier paragraphs or the main company): the strict fallback of a sentence that names
            no company and does not point back to one."""
            k = bisect_left(_starts, at)
            recent = [ctx.alias.get(m[3], m[3]) for m in _ms[:k] if m[3] not in comp.ANALYST_FIRMS
                      and (since is None or m[0] >= since)]
            if since is not None:  # strict: the previous sentence; for a paragraph's first sentence,
                # the company the previous paragraph (or its heading) ended on
                if recent:
                    return recent[-1]
                return _tail if since < 0 else None
            name = recent[-1] if recent else (ctx.main[0] or _before or ctx.main_company)
            return ctx.alias.get(name, name) if name else None

        ctx.focus = focus
        prev = context.SentState()
        for sent in doc.sents:
            figures = finder(sent)
            try:
                info = context.sentence_info(sent, seg_mentions)
            except Exception:  # noqa: BLE001 — a context rule never costs the figures
                info = context.SentInfo(companies=[m for m in seg_mentions if sent.start_char <= m[0] < sent.end_char])
            sent_claims = []
            stext = sent_text(sent)
            for q in figures:
                start = seg.start + q.start
                claim = Claim(
                    text=q.text, start=start, end=seg.start + q.end,
                    line=seg.line + seg.text.count("\n", 0, q.start),
                    kind=q.kind, value=q.value, value_max=q.value_max, unit=q.unit, per=q.per,
                    approx=q.approx, change=q.change, sentence=stext.strip(), rules=list(q.rules),
                )
                try:
                    context.annotate(claim, q, sent, ctx, info, prev, disabled)
                except Exception as e:  # noqa: BLE001 — a context rule never costs the figure itself
                    claim.rules.append(f"context-error:{e.__class__.__name__}")
                sent_claims.append(claim)
            if len(sent_claims) > 1 and len(info.companies) > 1 and "pairing" not in disabled:
                try:
                    if "respectively" in stext:
                        context.respectively(sent_claims, [q.start for q in figures], info, ctx,
                                             sent.start_char + stext.index("respectively"))
                    else:
                        context.listed(sent_claims, [(q.start, q.end) for q in figures], info, ctx, sent)
                except Exception as e:  # noqa: BLE001 — nor does pairing figures with companies
                    sent_claims[0].rules.append(f"context-error:{e.__class__.__name__}")
            for a, b in itertools.pairwise(sent_claims) if "metric" not in disabled else ():
                if b.metric is None and a.metric and a.subject == b.subject:
                    b.metric = a.metric  # "volumes projected at 15.5 million, compared with 13.3 million"
            claims.extend(sent_claims)
            ctx.market = _market_of(sent_claims, ctx) or ctx.market
            if "carry-over" not in disabled:
                with suppress(Exception):  # a context rule never costs the figures
                    context.carry_over(prev, sent, info, sent_claims, ctx)
        known = {n for n, _ in ctx.companies} | set(ctx.alias.values())
        tail = prev.last if prev.last in known and prev.last not in comp.ANALYST_FIRMS else None
        named = [m[3] for m in seg_mentions if m[3] not in comp.ANALYST_FIRMS]
        if named:
            last_before = named[-1]
    return claims, ctx.companies
