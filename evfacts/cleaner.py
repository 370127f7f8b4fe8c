"""Clean: classify every line of a repost as title, heading, body, metadata or boilerplate.

The classifier is a registry of small named rules (`--explain` shows which one decided each
line), in three stages:

1. **Line rules** look at one line and its position: breadcrumbs, view counters, dates and
   "Published:" labels, URL/e-mail/phone lines, and the cue lexicon in
   `evfacts/data/boilerplate.toml` (disclaimers, promos, credits, bylines, related links, ...).
   The cues are data, not code: users add their own with `config`.
2. **Title and date**: the title is the first substantive line at the head (a Markdown `#`
   heading, or HTML metadata); later repeats of it are `duplicate-title`. The publication date
   comes from "Published:" lines, HTML metadata, date lines near the head, or a dated dateline.
3. **Structure rules** use the neighbourhood: a call to action ("See the 10 stocks", "... >>")
   takes the promo paragraphs above it up to their heading; the short lines under a "Related:"
   or "More From X" header are links; an author named in a disclosure or byline who opens a
   paragraph at the end is a bio; and once the last body paragraph is over, the short lines that
   follow the first footer line are footer too (`tail-block`).

Everything is regular expressions over lines — no NLP — so a thousand reposts take seconds.

`config` (a dict, e.g. a parsed `evfacts.toml`, or an object with these attributes; the keys may
sit under a `[clean]` table):

    [clean]
    disable = ["share-cue", "tail-block"]        # any rule or cue name shown by --explain
    cues = { promo = ['owners club'] }           # extra patterns by reason
    [[clean.cue]]                                # or full cue tables, as in data/boilerplate.toml
    name = "my-footer"
    reason = "promo"
    patterns = ['^brought to you by acme']

`profile` (see `evfacts.clean_repeats`) adds the lines a batch showed to be a site's template.
"""
from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from evfacts.clean_body import GOOD, NEAR, Body, find_body, row_shape
from evfacts.clean_dates import is_date_only
from evfacts.clean_lexicon import Cue, Lexicon, _cfg, _user_cues, default_lexicon
from evfacts.clean_title import find_published, find_title, mark_title, meta_date, title_like
from evfacts.config import strings
from evfacts.ingest import iter_lines
from evfacts.model import LineDecision

ROLES = ("title", "heading", "body", "boilerplate", "metadata")


@dataclass
class CleanResult:
    lines: list[LineDecision] = field(default_factory=list)  # non-blank lines only
    title: str | None = None
    published: datetime | None = None

    @property
    def kept(self) -> list[LineDecision]:
        return [d for d in self.lines if d.keep]


#: rules that are neither line nor structure rules and can be switched off by name
_OTHER_RULES = ("duplicate-title", "repeated")
#: names `--explain` shows for a decision made inside another rule
_PART_OF = {"url-line": "contact-line", "headline-link": "contact-line", "phone-line": "contact-line"}
#: names `--explain` shows for kept lines
_KEPT = ("body", "title", "short-line", "markdown-heading")


def rule_names(lex: Lexicon | None = None) -> list[str]:
    """Every name `[clean] disable` takes: the line and structure rules, the cues, and the rest."""
    lex = lex or default_lexicon()
    names = [n for n, _ in LINE_RULES] + [n for n, _ in STRUCTURE_RULES] + list(_OTHER_RULES)
    return list(dict.fromkeys(names + [c.name for c in lex.cues]))


def _lexicon_for(config: Any) -> tuple[Lexicon, frozenset[str]]:
    """The cue lexicon and the disabled rule names a configuration asks for (ValueError if it is wrong)."""
    if config is None:
        return default_lexicon(), frozenset()
    try:
        key = json.dumps(config, sort_keys=True, default=repr)
    except (TypeError, ValueError):  # not plain data: read it each time
        return _lexicon_uncached(config)
    return _lexicon_cached(key)


@lru_cache(maxsize=16)
def _lexicon_cached(key: str) -> tuple[Lexicon, frozenset[str]]:
    return _lexicon_uncached(json.loads(key))


def _lexicon_uncached(config: Any) -> tuple[Lexicon, frozenset[str]]:
    lex = default_lexicon()
    extra = _user_cues(config)
    if extra:
        lex = Lexicon(tuple(extra) + lex.cues, lex.weak_promo)
    raw = _cfg(config, "disable", None) or _cfg(config, "disabled_rules", None) or ()
    disabled = frozenset(strings(raw, "[clean] disable"))
    for name in sorted(disabled - set(rule_names(lex))):
        if name in _PART_OF:
            raise ValueError(f"[clean] disable: {name!r} is decided by the rule {_PART_OF[name]!r}: disable that")
        if name in _KEPT:
            raise ValueError(f"[clean] disable: {name!r} keeps a line; only rules that drop lines can be disabled")
        raise ValueError(f"[clean] disable: unknown rule {name!r} (known: {', '.join(sorted(rule_names(lex)))})")
    return lex, disabled


# ============================================================================ lines and context

_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+•·]\s+|\d{1,3}[.)]\s+)+")
_MD_LINK = re.compile(r"!?\[([^\][]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_WORD = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|rs|ly|gl)/\S*", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?=[\d+(])(?<![\d.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\d.])"
                    r"(?:\s*(?:ext\.?|x)\s*\d+)?", re.IGNORECASE)
_END_PUNCT = re.compile(r"[.!?…:;\"”’')\]。！？]\s*$")
_SENT_END = re.compile(r"[.!?…\"”’)]\s*$")
_FIGURE = re.compile(r"[$€£¥₹%]\s*\d|\d\s*(?:%|[$€£¥₹])")
_COUNTER = re.compile(r"^[\d.,\s]+[kKmM]?\+?$")
_BREADCRUMB_SEP = re.compile(r"\s+(?:/|>|»|›|\||::)\s+|\s*(?:/|»|›|\|)\s*$|^\s*(?:/|»|›|\|)")


@dataclass
class _Line:
    idx: int  # index among non-blank lines
    lineno: int
    start: int
    end: int
    text: str  # stripped original
    norm: str  # Markdown marks removed, whitespace collapsed
    words: int
    md_level: int = 0  # Markdown heading level, 0 = none
    cues: list[Cue] = field(default_factory=list)
    # decision
    keep: bool | None = None
    role: str | None = None
    reason: str | None = None
    rule: str | None = None
    block: bool = False
    cta: bool = False
    header: bool = False

    def decide(self, keep: bool, role: str, reason: str | None, rule: str, *, block: bool = False) -> None:
        self.keep, self.role, self.reason, self.rule, self.block = keep, role, reason, rule, block

    @property
    def open(self) -> bool:
        """Not decided yet (will be body or heading)."""
        return self.keep is None

    @property
    def dropped(self) -> bool:
        return self.keep is False

    @property
    def sentence_like(self) -> bool:
        return self.words >= 8 and (bool(_SENT_END.search(self.norm)) or len(self.norm) >= 100)

    @property
    def heading_like(self) -> bool:
        return 1 <= self.words <= 16 and len(self.norm) <= 120 and not re.search(r"[.;,]\s*$", self.norm)


def _split(text: str, fmt: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for lineno, (line, nxt) in enumerate(iter_lines(text), 1):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            norm = stripped
            level = 0
            if fmt == "markdown" or norm[:1] in "#>*-_[!":
                m = re.match(r"^(#{1,6})\s+", norm)
                if m and fmt == "markdown":
                    level = len(m.group(1))
                norm = _MD_PREFIX.sub("", norm)
                norm = _MD_LINK.sub(lambda m: m.group(1), norm)
                norm = _MD_EMPH.sub("", norm).strip().rstrip("#").strip()
            norm = " ".join(norm.split())
            out.append(_Line(len(out), lineno, offset + lead, offset + lead + len(stripped), stripped,
                             norm, len(_WORD.findall(norm)), level))
        offset = nxt
    return out


@dataclass
class _Ctx:
    lines: list[_Line]
    fmt: str
    meta: dict
    lex: Lexicon
    disabled: frozenset[str]
    head_end: int = 0  # index of the first body paragraph
    body_end: int = 0  # index of the last body paragraph (by cues only)
    title_idx: int | None = None
    title: str | None = None
    body: Body | None = None  # the page body (plain-text pages only): see evfacts.clean_body
    page_head: bool = False  # the lines above the body are a web page's head

    @property
    def n(self) -> int:
        return len(self.lines)

    def in_head(self, i: int) -> bool:
        return i < self.head_end

    def in_tail(self, i: int) -> bool:
        return i > self.body_end and i >= self.head_end

    def latter(self, i: int) -> bool:
        return i >= int(self.n * 0.4)


# ============================================================================ the rule registry

LineRule = Callable[[_Ctx, _Line], bool]  # decides the line (and returns True) or passes
LINE_RULES: list[tuple[str, LineRule]] = []
STRUCTURE_RULES: list[tuple[str, Callable[[_Ctx], None]]] = []


def line_rule(name: str):
    def deco(fn: LineRule) -> LineRule:
        LINE_RULES.append((name, fn))
        return fn
    return deco


def structure_rule(name: str):
    def deco(fn):
        STRUCTURE_RULES.append((name, fn))
        return fn
    return deco


@line_rule("markdown-image")
def _markdown_image(ctx: _Ctx, l: _Line) -> bool:
    if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)(?:\s*\*?[^*]{0,80}\*?)?", l.text):
        l.decide(False, "boilerplate", "credit", "markdown-image")
        return True
    return False


@line_rule("breadcrumb")
def _breadcrumb(ctx: _Ctx, l: _Line) -> bool:
    """`BTCC / BTCC Square / Cryptopolitan /`, `Home > Markets > Autos`, `|Square`."""
    t = l.norm
    if t.startswith("|") and t.endswith("|") and t.count("|") >= 3:
        return False  # a table row
    if (len(t) > 120 or _SENT_END.search(t) and not t.endswith((")",))) and not re.search(r"(?:/|»|›|\|)\s*$", t):
        return False
    parts = [p for p in _BREADCRUMB_SEP.split(t) if p and p.strip()]
    seps = len(_BREADCRUMB_SEP.findall(t))
    if seps == 0:
        return False
    short = all(len(_WORD.findall(p)) <= 4 for p in parts)
    if not short or re.search(r"\d+(?:\.\d+)?%", t):
        return False
    if (seps >= 2 and len(parts) >= 2) or (ctx.in_head(l.idx) and seps >= 1) or (len(parts) <= 1 and l.words <= 3):
        l.decide(False, "boilerplate", "breadcrumb" if len(parts) >= 2 else "navigation", "breadcrumb", block=False)
        return True
    return False


@line_rule("date-line")
def _date_line(ctx: _Ctx, l: _Line) -> bool:
    """A line that is just a date (at the head, or right under a "Published:" label)."""
    if l.words > 12 or not is_date_only(l.norm):
        return False
    prev = ctx.lines[l.idx - 1] if l.idx else None
    if ctx.in_head(l.idx) or ctx.in_tail(l.idx) or (prev is not None and prev.rule == "date-label") or l.idx <= 3:
        l.decide(False, "metadata", "published", "date-line")
        return True
    return False


@line_rule("counter")
def _counter(ctx: _Ctx, l: _Line) -> bool:
    """Digits-only lines (view, comment and share counters) at the head or the tail, or next to metadata."""
    if not _COUNTER.match(l.norm) or not re.search(r"\d", l.norm) or len(l.norm) > 12:
        return False
    prev = ctx.lines[l.idx - 1] if l.idx else None
    near_meta = prev is not None and (prev.role == "metadata" or prev.rule == "counter")
    if ctx.in_head(l.idx) or ctx.in_tail(l.idx) or near_meta:
        l.decide(False, "boilerplate", "counter", "counter", block=False)
        return True
    return False


@line_rule("contact-line")
def _contact_line(ctx: _Ctx, l: _Line) -> bool:
    """Lines that are mostly URLs, e-mail addresses or phone numbers (`((jon@x.com; +1 646 ...))`)."""
    t = l.norm
    # each pattern runs only where its sign is: an e-mail needs "@", a URL "/" or "www.", a phone
    # number 8 digits; most lines (long paragraphs among them) have none of the three
    has_mail = "@" in t and bool(_EMAIL.search(t))
    has_url = ("/" in t or "www." in t.casefold()) and bool(_URL.search(t))
    rest = t
    if has_url:
        rest = _URL.sub(" ", rest)
    if has_mail:
        rest = _EMAIL.sub(" ", rest)
    phone = sum(map(str.isdigit, rest)) >= 8 and bool(_PHONE.search(rest))
    if not (has_mail or has_url or phone):
        return False
    if phone:
        rest = _PHONE.sub(" ", rest)
    rest_words = _WORD.findall(rest)
    if has_mail and len(rest_words) <= 8:
        l.decide(False, "boilerplate", "contact", "contact-line", block=True)
        return True
    if has_url and not rest_words:
        l.decide(False, "boilerplate", "related", "url-line")
        return True
    if has_url and len(rest_words) <= 24 and not _SENT_END.search(rest.strip()) and _URL.search(t.split()[-1]):
        # "Asia stock markets https://tmsnrt.rs/2zpUAr4": a headline with its link
        l.decide(False, "boilerplate", "related", "headline-link")
        return True
    if phone and len(rest_words) <= 3:
        l.decide(False, "boilerplate", "contact", "phone-line")
        return True
    return False


@line_rule("cue")
def _cue(ctx: _Ctx, l: _Line) -> bool:
    for cue in l.cues:
        if cue.name in ctx.disabled:
            continue
        if cue.max_words and l.words > cue.max_words:
            continue
        if cue.where == "head" and not ctx.in_head(l.idx):
            continue
        if cue.where == "tail" and not ctx.in_tail(l.idx):
            continue
        if cue.name == "date-label" and not _is_date_label(ctx, l):
            continue
        l.decide(False, cue.role, cue.reason, cue.name, block=cue.block and cue.role == "boilerplate")
        # a short line that reads as a call to action / a list header is one, whichever cue won
        l.cta = any(c.kind == "cta" and (not c.max_words or l.words <= c.max_words) for c in l.cues)
        l.header = any(c.kind == "header" and (not c.max_words or l.words <= c.max_words) for c in l.cues)
        return True
    return False


def _is_date_label(ctx: _Ctx, l: _Line) -> bool:
    """`Published:` alone (a date on the next line) or `Updated: 2 Feb 2024, 10:00`."""
    rest = re.sub(r"^\W*(?:published|updated|last updated|posted|date|released|first published|modified)"
                  r"(?: on| at)?\s*[:\-–—]?\s*", "", l.norm, flags=re.IGNORECASE)
    if not rest:  # a bare label: "Published:" with the date on the next line
        nxt = ctx.lines[l.idx + 1] if l.idx + 1 < ctx.n else None
        return l.norm.rstrip().endswith(":") or (nxt is not None and is_date_only(nxt.norm))
    return is_date_only(rest) or bool(re.fullmatch(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?(?:/\d{3,4} [A-Z]{3})?", rest, re.IGNORECASE))


# ============================================================================ structure rules

@structure_rule("related-list")
def _related_list(ctx: _Ctx) -> None:
    """Short lines under a "Related:" / "More From X" / "Also see:" header are links."""
    for l in ctx.lines:
        if not l.header or not l.dropped:
            continue
        for m in ctx.lines[l.idx + 1:l.idx + 13]:
            if m.dropped:
                if m.reason == "related":
                    continue
                break
            if not m.open or m.words > 22 or len(m.norm) > 140:
                break
            m.decide(False, "boilerplate", "related", "related-list", block=True)


@structure_rule("promo-block")
def _promo_block(ctx: _Ctx) -> None:
    """A short call to action ("See the 10 stocks", "Get it free >>") closes a promo block:
    the paragraphs above it up to its heading go with it, if they read like marketing (most of
    them carry a marketing cue — or, for a short block with nothing but footer after it, one)."""
    _is_promo = lambda m: m.dropped and m.role == "boilerplate" and m.reason in ("promo", "subscribe")
    for l in reversed(ctx.lines):  # from the end: later blocks first
        if not l.cta or not ctx.latter(l.idx) or l.norm.endswith("."):
            continue
        taken: list[_Line] = []
        bounded = False
        top = l.idx  # topmost line of the block found so far
        k = l.idx - 1
        while k >= 0 and l.idx - k <= 8:
            m = ctx.lines[k]
            if m.dropped:
                if not taken and _is_promo(m):
                    top = k  # promo lines right above the call to action: the same block
                    k -= 1
                    continue
                bounded = True
                break
            if not m.open:
                break
            taken.append(m)
            top = k
            if m.heading_like:
                bounded = True
                break
            k -= 1
        # the block's own heading just above it ("Why Haven't You Looked at Our Top Picks?")
        if top > 0 and top < l.idx and (not taken or not taken[-1].heading_like):
            above = ctx.lines[top - 1]
            if above.open and above.heading_like and ctx.lex.weak_promo.search(above.norm) and ctx.latter(above.idx):
                taken.append(above)
        if not taken or not bounded or taken[-1].idx <= ctx.head_end:
            continue
        weak = sum(1 for m in taken if ctx.lex.weak_promo.search(m.norm))
        footer_after = all(m.dropped or (m.words <= 8 and not m.sentence_like) for m in ctx.lines[l.idx + 1:])
        if weak * 2 >= len(taken) or (footer_after and weak >= 1 and len(taken) <= 4):
            reason = l.reason
            for m in taken:
                for cue in m.cues:
                    if cue.reason == "subscribe":
                        reason = "subscribe"
            for m in taken:
                m.decide(False, "boilerplate", reason, "promo-block", block=True)
            if reason != l.reason:
                l.reason = reason


@structure_rule("promo-sandwich")
def _promo_sandwich(ctx: _Ctx) -> None:
    """Up to three marketing paragraphs between two promo lines belong to the same promo."""
    promo = [l.idx for l in ctx.lines if l.dropped and l.role == "boilerplate" and l.reason in ("promo", "subscribe")]
    for a, b in itertools.pairwise(promo):
        run = ctx.lines[a + 1:b]
        if not run or len(run) > 3 or not ctx.latter(b):
            continue
        if all(m.open and ctx.lex.weak_promo.search(m.norm) for m in run):
            for m in run:
                m.decide(False, "boilerplate", ctx.lines[b].reason, "promo-sandwich", block=True)


_NAME = r"[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3}"
_AUTHOR_PATTERNS = [
    re.compile(rf"\b(?i:on the date of publication),\s+({_NAME})\b"),
    re.compile(rf"^\W*({_NAME}) (?:has no position|has positions|holds|owned|owns|did not have|had no)\b"),
    re.compile(rf"^\W*(?:by|written by)\s+({_NAME})\W*$", re.IGNORECASE),
    re.compile(rf"\(reporting by ({_NAME})\b", re.IGNORECASE),
]


@structure_rule("author-bio")
def _author_bio(ctx: _Ctx) -> None:
    """An author named in a byline or disclosure who opens a paragraph at the end: a bio."""
    names: set[str] = set()
    for l in ctx.lines:
        if l.dropped and l.role == "boilerplate":
            for p in _AUTHOR_PATTERNS:
                for m in p.finditer(l.norm):
                    names.add(m.group(1))
    if not names:
        return
    starts = re.compile(r"^\W*(?:{})(?:[’']s\b|\s+(?:is|has|was|writes|covers|joined|began|spent|lives|holds))".format("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))))
    for l in ctx.lines:
        if l.open and ctx.latter(l.idx) and starts.search(l.norm):
            l.decide(False, "boilerplate", "byline", "author-bio", block=True)


@structure_rule("tail-block")
def _tail_block(ctx: _Ctx) -> None:
    """After the last body paragraph, the first footer line starts the footer: short lines after it go too."""
    last_body = -1
    for l in ctx.lines:
        if l.open and l.sentence_like:
            last_body = l.idx
    start = None
    for l in ctx.lines[last_body + 1:]:
        if l.dropped and l.block and ctx.latter(l.idx):
            start = l.idx
            break
    if start is None:
        return
    reason = ctx.lines[start].reason
    for l in ctx.lines[start + 1:]:
        if l.dropped:
            reason = l.reason if l.role == "boilerplate" else reason
            continue
        if l.open:
            l.decide(False, "boilerplate", reason, "tail-block", block=True)


#: a list of links has at least this many headline-like lines in a row; it is a table when this
#: share of them have one shape
LINK_LIST, TABLE_SHARE = 3, 0.7


def _headline_like(l: _Line) -> bool:
    """A few words without a sentence mark: not a list item that opens with a quantity
    ("6 tbsp fruit pectin") or lists places ("Ceres Robotics, Palo Alto, California")."""
    t = l.norm
    return (3 <= l.words <= 18 and len(t) <= 140 and not _END_PUNCT.search(t) and not _FIGURE.search(t)
            and not t[:1].isdigit() and t.count(",") < 2)


@structure_rule("link-list")
def _link_list(ctx: _Ctx) -> None:
    """Inside a web page's body, LINK_LIST or more headline-like lines in a row (a few words, no
    sentence mark, no figure) that no colon introduces: the headlines of other stories."""
    body = ctx.body
    if body is None:
        return
    i = body.start
    while i <= body.end:
        j = i
        while j <= body.end and ctx.lines[j].open and _headline_like(ctx.lines[j]):
            j += 1
        lead = ctx.lines[i - 1].norm if i > 0 else ""
        shapes = Counter(row_shape(l.norm) for l in ctx.lines[i:j])
        shape, rows = shapes.most_common(1)[0] if shapes else ("", 0)
        table = bool(shape) and rows >= TABLE_SHARE * (j - i)  # most rows of one shape: a table
        if j - i >= LINK_LIST and not lead.endswith(":") and not table:
            for l in ctx.lines[i:j]:
                l.decide(False, "boilerplate", "related", "link-list", block=True)
        i = max(j, i + 1)


@structure_rule("comment-section")
def _comment_section(ctx: _Ctx) -> None:
    """On a web page, a comment prompt or a comment's header after the article opens the
    comments: every line after it is readers' text, prose or not."""
    body = ctx.body
    if body is None:
        return
    first_prose = next((i for i in range(body.start, ctx.n) if body.kinds[i] == GOOD), None)
    if first_prose is None:
        return
    start = next((l.idx for l in ctx.lines[first_prose + 1:] if l.dropped and l.reason == "comments"), None)
    if start is None:
        return
    for l in ctx.lines[start + 1:]:
        if l.open:
            l.decide(False, "boilerplate", "comments", "comment-section", block=True)


#: a web page's head has a menu (at least PAGE_MENU lines of one to three words above the body that
#: are no date or counter) or at least PAGE_HEAD lines
PAGE_MENU, PAGE_HEAD = 3, 10


def _page_head(ctx: _Ctx) -> bool:
    """Whether the lines above the body are a web page's head (menus, section links), not the
    headline block of a repost, whose few lines above the body stay."""
    body = ctx.body
    if body is None:
        return False
    menu = sum(1 for l in ctx.lines[:body.start]
               if 1 <= l.words <= 3 and (l.open or l.reason in ("navigation", "share", "subscribe")))
    return body.start >= PAGE_HEAD or menu >= PAGE_MENU


def _in_prose_run(body: Body, i: int) -> bool:
    """Good prose with good prose next to it: another part of the article (a lone paragraph out
    there is a teaser, a standfirst or a bio)."""
    k = body.kinds
    return k[i] == GOOD and ((i > 0 and k[i - 1] == GOOD) or (i + 1 < len(k) and k[i + 1] == GOOD))


@structure_rule("outside-body")
def _outside_body(ctx: _Ctx) -> None:
    """On a web page's text, the lines before and after the article body (the longest run of
    prose, see `evfacts.clean_body`) but two paragraphs of prose in a row (another part of the
    article): menus, bylines, link lists, teasers. Above the body only on a page's head (a menu)."""
    body = ctx.body
    if body is None:
        return
    for l in ctx.lines:
        if l.idx < body.start and not ctx.page_head:
            continue  # a few lines above the body: a repost's headline block, not a page's menus
        if l.open and not body.start <= l.idx <= body.end and not _in_prose_run(body, l.idx):
            reason = "navigation" if l.idx < body.start else "related"
            l.decide(False, "boilerplate", reason, "outside-body", block=l.idx > body.end)


@structure_rule("ui-line")
def _ui_line(ctx: _Ctx) -> None:
    """Inside a web page's body, a line of one to three words that is no sentence, no Markdown
    heading, no list lead-in ("Ingredients:"), no figure ("Apple: $2.4 million") and not alone
    between two paragraphs (a heading): a button, a counter, a photo credit's name. A date alone
    on its line there is the date of a comment or an update (metadata)."""
    body = ctx.body
    if body is None:
        return
    prose = (GOOD, NEAR)
    for l in ctx.lines[body.start + 1:body.end]:
        if l.open and l.words <= 12 and is_date_only(l.norm):  # a comment's or an update's date
            l.decide(False, "metadata", "published", "ui-line", block=False)
            continue
        if not l.open or l.words > 3 or l.md_level or _END_PUNCT.search(l.norm) or _FIGURE.search(l.norm):
            continue
        k = body.kinds
        after = k[l.idx + 1] in prose or (l.idx + 2 < ctx.n and ctx.lines[l.idx + 1].words >= 3
                                          and k[l.idx + 2] in prose)
        if k[l.idx - 1] in prose and after and not is_date_only(l.norm):
            continue  # between two paragraphs, or over a sub-heading: a heading ("The Bull Case", "ETFs in Focus")
        l.decide(False, "boilerplate", "navigation", "ui-line", block=False)


# ============================================================================ the entry point

_PROBE = 3000


def clean_document(doc, *, enabled: bool = True, config=None, profile=None) -> CleanResult:
    """`clean_text` over an ingested document (its text, format and the metadata of its HTML)."""
    return clean_text(doc.text, fmt=doc.format, meta=doc.meta, enabled=enabled, config=config, profile=profile)


def clean_text(text: str, *, fmt: str = "text", meta: dict | None = None, enabled: bool = True,
               config=None, profile=None) -> CleanResult:
    """Classify every non-blank line of `text`; detect its title and publication date.

    `enabled=False` keeps every line (title/body) but still detects title and date.
    `profile` (from `clean_repeats.learn_repeats`) drops paragraphs that a batch showed to be a
    platform's template (reason `repeated`).
    """
    lines = _split(text, fmt)
    if not lines:
        return CleanResult([], (meta or {}).get("title") or None, meta_date(meta))
    lex, disabled = _lexicon_for(config)
    ctx = _Ctx(lines, fmt, meta or {}, lex, disabled)

    for l in lines:
        # cues look at (at most) the start and the end of a very long line: boilerplate is short,
        # and it bounds the cost of a pattern on pathological input
        probe = l.norm if len(l.norm) <= _PROBE else l.norm[:_PROBE * 2 // 3] + " … " + l.norm[-_PROBE // 3:]
        low = probe.casefold()
        l.cues = [c for c in lex.cues if c.search(probe, low)]
    # the head ends at the first sentence-like line that no cue claims
    # (a long headline without a full stop on the first line does not end the head)
    ctx.head_end = next((l.idx for l in lines if l.sentence_like and not l.cues
                         and not _URL.search(l.norm) and not _EMAIL.search(l.norm)
                         and not (l.idx == 0 and len(lines) > 1 and title_like(l))), len(lines))

    ctx.body_end = max((l.idx for l in lines if l.sentence_like and not l.cues), default=len(lines))
    for l in lines:
        for name, rule in LINE_RULES:
            if name in disabled:
                continue
            if rule(ctx, l):
                break
    if profile is not None and "repeated" not in disabled:
        from evfacts.clean_repeats import apply_profile
        apply_profile(profile, [l for l in lines], _decide_repeated)

    if fmt != "html" and "outside-body" not in disabled:
        ctx.body = find_body([l.norm for l in lines], [l.dropped for l in lines])
        ctx.page_head = _page_head(ctx)
    find_title(ctx)
    mark_title(ctx)

    for name, rule in STRUCTURE_RULES:
        if name not in disabled:
            rule(ctx)

    published = find_published(ctx)

    decisions = []
    for l in lines:
        if l.open:
            md_heading = l.md_level > 0
            if md_heading or (l.heading_like and l.words <= 14 and not _SENT_END.search(l.norm)):
                l.decide(True, "heading", None, "markdown-heading" if md_heading else "short-line")
            else:
                l.decide(True, "body", None, "body")
        if not enabled:
            role = "title" if l.idx == ctx.title_idx else "body"
            l.decide(True, role, None, "no-clean")
        decisions.append(LineDecision(l.lineno, l.start, l.end, l.text, bool(l.keep), l.role or "body",
                                      l.reason, l.rule))
    return CleanResult(decisions, ctx.title, published)


def _decide_repeated(l: _Line) -> None:
    if l.open:
        l.decide(False, "boilerplate", "repeated", "repeated", block=True)
