"""Claims: every quantitative claim of an article, with its context.

The engine reads spaCy Docs made once by the pipeline. `quantities` finds the figures of a
sentence (value, unit, kind, range, approximation, change); `context` says what they are
about (subject, metric, period, modality, companies).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from evfacts.claims import context, quantities
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
    companies: Counter = field(default_factory=Counter)


def extract_article(parsed, *, published: datetime | None = None, title: str | None = None):
    """parsed: list of (Segment, spacy Doc). Returns (claims, companies sorted by mentions)."""
    ctx = ArticleContext(published=published, title=title)
    ctx.companies = context.count_companies([doc for _, doc in parsed])
    ctx.main_company = ctx.companies.most_common(1)[0][0] if ctx.companies else None
    claims: list[Claim] = []
    for seg, doc in parsed:
        for sent in doc.sents:
            for q in quantities.find_quantities(sent):
                start = seg.start + q.start
                claim = Claim(
                    text=q.text, start=start, end=seg.start + q.end,
                    line=seg.line + seg.text.count("\n", 0, q.start),
                    kind=q.kind, value=q.value, value_max=q.value_max, unit=q.unit,
                    approx=q.approx, change=q.change, sentence=sent.text.strip(), rules=list(q.rules),
                )
                context.annotate(claim, q, sent, ctx)
                claims.append(claim)
    return claims, ctx.companies.most_common()
