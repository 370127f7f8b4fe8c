"""The page body of `evfacts.cleaner`: which run of lines of a web page is the article.

A reader's copy of a web page holds the article with the page around it: section menus,
bylines, share buttons, captions, related links, footers. What every news reader knows is
that the article is the longest run of full sentences. Each line gets features —

- its length in words (characters / 2 for Chinese, Japanese and Korean script),
- the share of its words that are function words of the page's language (running prose has
  many: "the", "of", "und", "и"; menus, link lists, names and credits have few —
  `data/stopwords.json`, from spaCy's lists),
- whether it ends like a sentence, how many of its words are capitalised, how much of it
  is digits —

and a hand-weighted prose score puts it in one of the classes of jusText ("good" prose,
"near" prose, "short", "bad"). The **body** is the run of good lines (short lines between them
allowed, as in jusText's and boilerpipe's context rules) with the most prose; a second run
joins it when it is close and substantial (an article cut by an inline teaser). Lines outside
the body that are not prose of their own are the page around the article (`outside-body`).

Only plain text and Markdown pages are read this way: an HTML page's text has been extracted
by trafilatura, which already cut the page to its body.
"""
from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,:/%]*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")  # Han and kana: no spaces between words
_SENT_END = re.compile(r"(?<![.…])[.!?。！？]['\"”’»)\]]*\s*$")  # not "..", "…": a cut teaser
_CLAUSE = re.compile(r"[,;:，、；]")

#: the prose classes
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


#: the share of a page's words the stop words of its language cover, at least
MIN_STOP_SHARE = 0.1


@lru_cache(maxsize=1)
def stop_words() -> dict[str, frozenset[str]]:
    data = json.loads(resources.files("evfacts").joinpath("data/stopwords.json").read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data["languages"].items()}


def page_stop_words(texts: list[str]) -> frozenset[str]:
    """The stop words of the language most of the page's words belong to (empty if none covers
    a tenth of its words: a language without a list, or one that is not written with spaces)."""
    counts: dict[str, int] = {}
    for t in texts:
        for w in _TOKEN.findall(t.lower()):
            counts[w] = counts.get(w, 0) + 1
    best, best_n = frozenset(), 0
    for words in stop_words().values():
        n = sum(c for w, c in counts.items() if w in words)
        if n > best_n:
            best, best_n = words, n
    return best if best_n >= MIN_STOP_SHARE * sum(counts.values()) else frozenset()


@dataclass(frozen=True)
class Features:
    words: float  # words and numbers (CJK: characters / 2)
    chars: int
    stop: float  # share of words that are stop words
    sentence: bool  # ends like a sentence
    clauses: int  # commas, semicolons, colons
    capitals: float  # share of words that start with a capital letter
    digits: float  # share of characters that are digits

    @property
    def prose(self) -> float:
        """A hand-weighted prose score: about 1 for a paragraph, 0 or less for a menu item."""
        s = min(self.words, 40) / 20 + 2.5 * self.stop + 0.6 * self.sentence + 0.1 * min(self.clauses, 3)
        return s - 0.8 * max(self.capitals - 0.5, 0) - 1.5 * max(self.digits - 0.2, 0)

    def kind(self, has_stops: bool) -> str:
        """jusText's classes: good prose, near prose, short, bad (long without prose)."""
        stop_ok = self.stop >= 0.22 or not has_stops
        if self.words < 6 or (self.words < 10 and not self.sentence):
            return SHORT
        if self.words >= 12 and stop_ok and (self.sentence or self.words >= 25) and self.prose >= 1.4:
            return GOOD
        if stop_ok or self.sentence:
            return NEAR
        return BAD


def features(text: str, stops: frozenset[str]) -> Features:
    toks = _TOKEN.findall(text)
    cjk = len(_CJK.findall(text))
    words = len(toks) - sum(1 for t in toks if _CJK.search(t)) + cjk / 2 + len(_NUMBER.findall(text))
    lowered = [t.lower() for t in toks]
    n = max(len(toks), 1)
    stop = sum(1 for t in lowered if t in stops) / n if stops else 0.0
    capitals = sum(1 for t in toks if t[:1].isupper()) / n
    digits = sum(map(str.isdigit, text)) / max(len(text), 1)
    return Features(words, len(text), stop, bool(_SENT_END.search(text)), len(_CLAUSE.findall(text)), capitals, digits)


@dataclass(frozen=True)
class Body:
    start: int  # first line of the body (index among the lines)
    end: int  # last line of the body
    kinds: tuple[str, ...]  # the prose class of every line


#: what a line adds to the body: its words if it is good prose, a share of them if it is near
#: prose; a short line, a long line without prose or a line a cue dropped takes some away
GOOD_WEIGHT, NEAR_WEIGHT, SHORT_COST, BAD_COST, CUED_COST = 1.0, 0.0, 4.0, 6.0, 6.0
WORDS_CAP = 50


def line_score(kind: str, f: Features, cued: bool) -> float:
    if cued:
        return -CUED_COST
    if kind == GOOD:
        return GOOD_WEIGHT * min(f.words, WORDS_CAP)
    if kind == NEAR:
        return NEAR_WEIGHT * min(f.words, WORDS_CAP)
    return -(SHORT_COST if kind == SHORT else BAD_COST)


#: a hard-wrapped line is long: at least this many words
WRAPPED_WORDS = 6


def _continues(prev: str, nxt: str) -> bool:
    """A hard-wrapped paragraph: the line stops inside a sentence and the next one goes on in
    lower case ("... making the rounds on social media," / "show Nigerian actress ...")."""
    return len(prev.split()) >= WRAPPED_WORDS and not _SENT_END.search(prev) and nxt[:1].islower()


def _kinds(texts: list[str], feats: list[Features], stops: frozenset[str], cued: list[bool]) -> tuple[str, ...]:
    """The prose class of every line; the lines of a hard-wrapped paragraph take its class."""
    kinds = [f.kind(bool(stops)) for f in feats]
    i = 0
    while i < len(texts):
        j = i
        while j + 1 < len(texts) and not cued[j] and not cued[j + 1] and _continues(texts[j], texts[j + 1]):
            j += 1
        if j > i:
            kind = features(" ".join(texts[i:j + 1]), stops).kind(bool(stops))
            kinds[i:j + 1] = [kind] * (j - i + 1)
        i = j + 1
    return tuple(kinds)


def find_body(texts: list[str], cued: list[bool] | None = None) -> Body | None:
    """The body of a page whose lines are `texts`: the run of lines with the highest sum of
    `line_score` (None when no line is good prose). `cued`: the lines a cue already dropped."""
    stops = page_stop_words(texts)
    feats = [features(t, stops) for t in texts]
    cued = cued or [False] * len(texts)
    kinds = _kinds(texts, feats, stops, cued)
    if GOOD not in kinds:
        return None
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, (k, f) in enumerate(zip(kinds, feats)):
        if total <= 0:
            total, start = 0.0, i
        total += line_score(k, f, cued[i])
        if total > best:
            best, best_span = total, (start, i)
    if best_span[1] < 0:
        return None
    start, end = _one_story(texts, kinds, feats, cued, *best_span)
    # one-line paragraphs at the edge ("Gold was flat at $2,055.20.", "Shares rose 3%.") are the article's
    def one_liner(i: int) -> bool:
        return kinds[i] in (NEAR, SHORT) and feats[i].sentence and feats[i].words >= 2 and not cued[i]

    while start > 0 and one_liner(start - 1):
        start -= 1
    while end + 1 < len(kinds):
        if one_liner(end + 1):
            end += 1
        elif end + 2 < len(kinds) and kinds[end + 1] == SHORT and not cued[end + 1] and one_liner(end + 2):
            end += 2  # a sub-heading and the one-line paragraph under it
        else:
            break
    end = _list_after(texts, feats, cued, end)
    end = _table_after(texts, cued, end)
    return Body(start, end, kinds)


_SKELETON = re.compile(r"[^\w\s.’']+")  # not the marks inside names: "St. Louis", "O'Hare"
#: a run of lines of one shape that goes on the article has at least this many lines
TABLE_ROWS = 3


def skeleton(text: str) -> str:
    """A line's punctuation in order ("September 5 – Seattle, WA @ The Forum": "–,@"), with "d"
    in front when it opens with a digit: the rows of one table or list share it."""
    marks = "".join(_SKELETON.findall(text))
    return ("d" if text[:1].isdigit() else "") + marks


def _table_after(texts: list[str], cued: list[bool], end: int) -> int:
    """The body goes on over rows of one shape right after it, or after a heading line right
    after it (tour dates, results, a numbered list): at least TABLE_ROWS lines whose
    punctuation opens with the same two marks or more."""
    k = end + 1
    while k < len(texts) and not cued[k]:
        first = _rows(texts, cued, k)
        if first == k and k == end + 1 and k + 1 < len(texts):
            first = _rows(texts, cued, k + 1)  # the table's heading ("Tour Dates") and its rows
            if first == k + 1:
                break
        elif first == k:
            break
        end = k = first
        k += 1
    return end


def row_shape(text: str) -> str:
    """What the rows of one table share: the first three marks of their skeleton ("" for fewer than two)."""
    shape = skeleton(text)[:3]
    return shape if len(shape) >= 2 else ""


def _rows(texts: list[str], cued: list[bool], k: int) -> int:
    """The last of at least TABLE_ROWS rows of one shape from line k (k itself when there are fewer)."""
    shape = row_shape(texts[k])
    if not shape or cued[k]:
        return k
    j = k
    while j + 1 < len(texts) and not cued[j + 1] and row_shape(texts[j + 1]) == shape:
        j += 1
    return j if j - k + 1 >= TABLE_ROWS else k


#: a dateline opens a story: "NEW DELHI: ...", "WASHINGTON (AP) — ...", "Feb 1 (Reuters) - ..."
DATELINE = re.compile(r"^(?:[A-Z][A-Z.’'-]+(?:[ ,]+[A-Z][\w.’'-]*){0,4}\s*(?:\([^)]{1,40}\))?"
                      r"|[A-Z][a-z]{2,8}\.? \d{1,2} \([^)]{1,40}\))\s*[:—–-]+\s")


def _one_story(texts, kinds, feats, cued, start: int, end: int) -> tuple[int, int]:
    """A run of prose where several paragraphs open with a dateline holds several stories (the
    teasers of a section page around an article): the body is the story with the most prose."""
    opens = [i for i in range(start, end + 1) if kinds[i] == GOOD and DATELINE.match(texts[i])]
    if len(opens) < 2:
        return start, end
    bounds = [start, *opens[1:], end + 1] if opens[0] > start else [*opens, end + 1]
    best, span = -1.0, (start, end)
    for a, b in itertools.pairwise(bounds):
        score = sum(line_score(kinds[i], feats[i], cued[i]) for i in range(a, b))
        if score > best:
            best, span = score, (a, b - 1)
    return span


#: a list the article introduces with a colon ("Key developments on Thursday:") has at most this many items
LIST_ITEMS = 15


def _list_after(texts: list[str], feats: list[Features], cued: list[bool], end: int) -> int:
    """The body goes on over a list that its last paragraph, or a lead-in line right after
    it, introduces with a colon: the items up to the first line a cue dropped or of one word."""
    lead = end if texts[end].rstrip().endswith(":") else end + 1
    if lead >= len(texts) or cued[lead] or not texts[lead].rstrip().endswith(":") or feats[lead].words < 3:
        return end
    k = lead
    while k + 1 < len(texts) and k - lead < LIST_ITEMS and not cued[k + 1] and feats[k + 1].words >= 2:
        k += 1
    return k if k > lead else end
