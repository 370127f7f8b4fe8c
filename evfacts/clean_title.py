"""Title and publication date of `evfacts.cleaner`: from HTML metadata, a Markdown heading, the head
of a repost, or, on a web page's text, the headline above the body; the date from "Published:"
lines, metadata, a date line at the head, a dateline, or the lines between a page's headline and
its body.

The functions take the classifier's context (`evfacts.cleaner._Ctx`: its lines, the head and the body
it found) and decide the title line (`title`, repeats `duplicate-title`).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from evfacts.clean_dates import first_date, is_date_only

if TYPE_CHECKING:
    from evfacts.cleaner import _Ctx, _Line

_WORD = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*")


def title_like(l: _Line) -> bool:
    if l.md_level:
        return l.words >= 1
    if l.words < 3 or l.words > 35 or len(l.norm) > 250:
        return False
    if re.search(r"(?<!\.\.)\.\s*$", l.norm) or l.norm.endswith((",", ";", ":")):
        return False
    return not re.match(r"^\W*\(?[A-Z][\w ]{1,20}\)\s*[-–—]", l.norm)  # not a "(RTTNews) - ..." dateline


def canon(s: str) -> str:
    return " ".join(_WORD.findall(s.lower().replace("’", "'")))


def headline_shape(l: _Line) -> bool:
    """Title-like, and four words or more of which one is lower-case, or six or more."""
    if l.words < 4 or not title_like(l):
        return False
    return l.words >= 6 or any(w[:1].islower() for w in _WORD.findall(l.norm))


#: a web page's headline is at most this many lines above its body
TITLE_REACH = 10


def find_title(ctx: _Ctx) -> None:
    meta_title = (ctx.meta or {}).get("title")
    if meta_title:
        key = canon(str(meta_title))
        ctx.title = " ".join(str(meta_title).split())
        for l in ctx.lines[:max(ctx.head_end, 3) + 3]:
            if l.open and canon(l.norm) == key:
                ctx.title_idx = l.idx
                break
        return
    if ctx.n < 2:
        return
    if ctx.page_head and ctx.body is not None:
        # a web page: the headline is the nearest line above the body that reads like one (not a
        # name such as "The Wall Street Journal", a byline or a date)
        near = [l for l in ctx.lines[max(0, ctx.body.start - TITLE_REACH):ctx.body.start]
                if l.open and headline_shape(l) and first_date(l.norm) is None
                and not re.match(r"\W*by\b", l.norm, re.IGNORECASE)]
        if near:
            ctx.title_idx, ctx.title = near[-1].idx, near[-1].norm
        return
    if ctx.fmt == "markdown":
        for l in ctx.lines[:max(ctx.head_end, 1) + 2]:
            if l.md_level == 1 and l.open:
                ctx.title_idx, ctx.title = l.idx, l.norm
                return
    for l in ctx.lines[:ctx.head_end + 1]:
        if l.open:
            if title_like(l) and (l.idx < ctx.head_end or l.idx + 1 < ctx.n):
                ctx.title_idx, ctx.title = l.idx, l.norm
            return


def mark_title(ctx: _Ctx) -> None:
    if ctx.title is None:
        return
    key = canon(ctx.title)
    if ctx.title_idx is not None:
        ctx.lines[ctx.title_idx].decide(True, "title", None, "title")
    if "duplicate-title" in ctx.disabled or not key:
        return
    for l in ctx.lines:
        if l.idx != ctx.title_idx and (l.open or l.role == "heading") and canon(l.norm) == key:
            l.decide(False, "boilerplate", "duplicate-title", "duplicate-title", block=False)


_PUBLISHED_LABEL = re.compile(r"^\W*(?:published|posted|released|first published|date)\b", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"^\W*(?:updated|last updated|modified|last modified)\b", re.IGNORECASE)


def find_published(ctx: _Ctx) -> datetime | None:
    """"Published:" > HTML metadata > a date line at the head > "Updated:" > a dated dateline."""
    labelled, plain, updated = None, None, None
    for l in ctx.lines[:max(ctx.head_end, 8) + 3]:
        if l.rule not in ("date-label", "date-line"):
            continue
        d = first_date(l.norm)
        if d is None and l.rule == "date-label" and l.idx + 1 < ctx.n and is_date_only(ctx.lines[l.idx + 1].norm):
            d = first_date(ctx.lines[l.idx + 1].norm)
        if d is None:
            continue
        if _PUBLISHED_LABEL.match(l.norm):
            labelled = labelled or d
        elif _UPDATED_LABEL.match(l.norm):
            updated = updated or d
        elif l.rule == "date-line" and (l.idx == 0 or ctx.lines[l.idx - 1].rule != "date-label"):
            plain = plain or d
    if labelled:
        return labelled
    d = meta_date(ctx.meta)
    if d:
        return d
    if plain or updated:
        return plain or updated
    # a dated dateline: "Chicago, IL – January 25, 2024 – Zacks ..."
    for l in ctx.lines[:3]:
        if l.open or l.role in ("title", "body", "heading"):
            head = l.norm[:80]
            d = first_date(head)
            if d:
                return d
    return _page_date(ctx)


def _page_date(ctx: _Ctx) -> datetime | None:
    """On a web page, a date between the headline and the body ("Posted on August 14, 2024 by Jo")."""
    if not ctx.page_head or ctx.body is None or ctx.title_idx is None:
        return None
    for l in ctx.lines[ctx.title_idx + 1:ctx.body.start]:
        if l.words <= 16:
            d = first_date(l.norm)
            if d:
                return d
    return None


def meta_date(meta: dict | None) -> datetime | None:
    """The date of HTML metadata: ISO 8601 as trafilatura gives it, else any date in the string."""
    value = (meta or {}).get("date")
    if isinstance(value, datetime):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        return first_date(str(value))
