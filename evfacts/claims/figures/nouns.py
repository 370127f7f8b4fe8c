"""Counted nouns from the spaCy parse ("12,000 cars"), "one of", "a day or two"."""
from __future__ import annotations

import re

from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.extend import _per_after
from evfacts.claims.figures.patterns import (
    _COUNT_RATE_DENOMINATORS,
    _ONE_ADJ_PRE,
    _PER_RE,
    _PLUS_WORD_RE,
    _STANDALONE_DIGIT,
)
from evfacts.claims.view import sent_text


# ----------------------------------------------------------------------------- spaCy helpers
def _token_before(doc, pos: int, limit_start: int):
    """The last token of doc ending at or before doc-char pos, not before limit_start."""
    span = doc.char_span(limit_start, pos, alignment_mode="contract") if pos > limit_start else None
    if span is not None and len(span):
        return span[-1]
    best = None
    for tok in doc:
        if tok.idx + len(tok.text) <= pos and tok.idx >= limit_start:
            best = tok
        elif tok.idx >= pos:
            break
    return best


_ACRONYM_UNIT_RE = re.compile(r"\s([A-Z]{2,5})(?=\s*(?:[),;]|\.(?:\s|$)|$))")
#: upper-case words after a number that are not what it counts: time zones, eras, clock, tickers' exchanges
_ACRONYM_NOT_UNIT = set(L.TIME_WORDS) | {"am", "pm", "ad", "bc", "bce", "ce", "gmt", "utc", "nyse", "nasdaq", "ok", "us", "uk",
                                         "eu", "un", "usa", "ceo", "cfo", "ipo", "tv", "pc", "id", "gb", "tb", "mb", "kb", "ytd", "yoy",
                                         "qoq", "mom", "ttm", "ltm", "fy", "vs", "et", "pt", "est", "eps"}
_COUNTED_ADJ_POS = {"ADJ", "ADV"}
_NOUN_TAGS_PL = {"NNS", "NNPS"}


_MEASURE_BEFORE_NOUN_RE = re.compile(r" \d[\d.,]*(?:\s?|-)(?:%|(?:" + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])|(?i:"
                                     + L.alternation(L.UNIT_WORDS) + r")(?![\w-]))(?= [a-z])")


def _counted_noun(a: _Atom, sent, base: int) -> None:
    """The head noun a bare number counts: '550,000 EV deliveries' -> delivery."""
    stext = sent_text(sent)
    after = a.e
    pm = _PLUS_WORD_RE.match(stext, a.e)
    if pm:  # "1,000-plus employees"
        after = pm.end()
    # "eight million 250ml bottles", "four 40-foot containers": a measure between the number and what it counts
    mm = _MEASURE_BEFORE_NOUN_RE.match(stext, after) if not a.unit_kind else None
    if mm:
        after = mm.end()
    toks = [t for t in sent if t.idx >= base + after][:8]
    if not toks:
        return
    # the number must be right before the noun phrase (one space or a hyphen)
    gap = stext[after:toks[0].idx - base]
    if gap not in ("", " ", "-", "+", "+ "):
        return
    if mm and not (toks[0].tag_ in _NOUN_TAGS_PL or (len(toks) > 1 and toks[1].tag_ in _NOUN_TAGS_PL)):
        return  # only a plural noun right after the measure is what the number counts
    m = _ACRONYM_UNIT_RE.match(stext, after)
    if m and gap == " " and not a.words and m.group(1).lower() not in _ACRONYM_NOT_UNIT:
        # "(0.5 WAR)", "3.2 ERA,", "20,000 TEU.": an upper-case abbreviation closing the phrase is the unit
        a.unit, a.unit_kind = m.group(1), "noun"
        a.e = m.end(1)
        a.rules.append("acronym_unit")
        return
    run = _noun_run(toks)
    if not run:
        return
    nouns, conj = run
    head = _head_noun(a, nouns)
    if (head.text.isupper() and len(head.text) > 1) or not head.text[:1].isalpha():
        return
    if head.text.lower() in L.MONTHS or head.text.lower() in L.WEEKDAYS:
        return
    if _STANDALONE_DIGIT.search(_NAME_NUMBER_RE.sub(_blank, stext[after:head.idx - base])):
        return  # "0-to-60-mph": the noun belongs to the next number (not "83 S&P 500 members": a name's number)
    a.unit, a.unit_kind = _noun_unit(sent, base + after, nouns, head, conj), "noun"
    a.rules.append("counted_noun")
    if mm:  # the measure is a figure of its own: the spans do not overlap
        a.rules.append("counted_past_measure")
        return
    a.e = head.idx + len(head.text) - base
    m = _PER_RE.match(stext, a.e)
    if m and m.group(1).lower() in _COUNT_RATE_DENOMINATORS:
        _per_after(a, stext)  # "200,000 batteries a year", "3 goals per game": a rate


#: a capitalised name and its number: "S&P 500", "FTSE 100"
_NAME_NUMBER_RE = re.compile(r"(?<![\w&])[A-Z][\w&.]*\s\d+(?=\s)")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _noun_run(toks) -> tuple[list, bool] | None:
    """The nouns of the phrase after a number, past adjectives and participles, and whether a conjunction
    joined two modifiers ("460 Kia and Hyundai vehicles"); None when no noun can be what it counts."""
    nouns = []
    skipped = 0
    conj = glued = False
    for k, t in enumerate(toks):
        low = t.text.lower()
        if low in ("more", "fewer", "previous") and k == 0 and len(toks) > 1 and toks[1].tag_ in _NOUN_TAGS_PL \
                and toks[1].text.islower():
            skipped += 1  # "two more wins", "300 fewer workers", "40 previous seasons": these do not stop the count
            continue
        if glued and t.i > 0 and not t.doc[t.i - 1].whitespace_ and t.text.isalpha():
            glued = False  # "plug-in", "long-term": the word after the hyphen is part of the compound modifier
            skipped += 1
            continue
        glued = False
        if low in ("and", "or") and skipped and not nouns:
            conj = True  # "4.3M digital and physical sales", "460 Kia and Hyundai vehicles"
            continue
        if low in L.COUNTED_STOP and not nouns:
            if low in ("time", "times"):
                nouns.append(t)
                break
            return None
        if t.text == "-" or t.tag_ == "HYPH":
            if nouns and nouns[-1].i == t.i - 1 and not t.whitespace_:
                nouns.pop()  # "coal-fired", "gas-only": a compound adjective, not the head
                skipped += 1
            glued = not t.whitespace_ and k > 0 and not toks[k - 1].whitespace_ and toks[k - 1].text.isalpha()
            continue

        if t.pos_ in ("NOUN",) or (t.pos_ == "PROPN" and t.text.islower()) \
                or t.tag_ in _NOUN_TAGS_PL and (t.pos_ != "PROPN" or t.text.istitle()):
            if low in L.COUNTED_STOP:
                break
            nouns.append(t)
            continue
        if nouns:
            break
        if t.like_num and k > 0 and toks[k - 1].pos_ == "PROPN" and toks[k - 1].text[:1].isupper() and t.text.isdigit() \
                and toks[k - 1].whitespace_ and skipped and not nouns:
            skipped += 1  # "83 S&P 500 members", "12 FTSE 100 firms": the number of an index name is part of the name
            continue
        if t.pos_ in _COUNTED_ADJ_POS or t.tag_ in ("VBN", "VBG", "JJ", "JJR", "JJS") \
                or (t.pos_ == "PROPN" and skipped < 2) or t.tag_ == "HYPH":
            skipped += 1
            if skipped > 4:
                return None
            continue
        return None
    return (nouns, conj) if nouns else None


def _head_noun(a: _Atom, nouns: list):
    """The noun counted: the last plural of the first contiguous plural stretch ("graphics processing units"
    -> unit); without a plural the first noun (the last one for "one")."""
    plural = [t for t in nouns if t.tag_ in _NOUN_TAGS_PL or (t.text.lower().endswith("s") and t.text.lower() != L.singular(t.text))]
    if plural:
        head = plural[0]
        for t in nouns[nouns.index(plural[0]) + 1:]:
            if t in plural:
                head = t
        return head
    return nouns[0] if a.value != 1 else nouns[-1]


def _noun_unit(sent, phrase_start: int, nouns: list, head, conj: bool) -> str:
    """The unit of a counted noun: the singular head with a lower-case compound noun right before it ("job
    cuts") and a classifying adjective ("commercial fishermen", "electric vehicles"; not "new", "serious")."""
    hi = nouns.index(head)
    parts = []  # the compound nouns right before the head: "fuel cell buses", "job cuts" (two at most)
    for t in reversed(nouns[:hi]):
        if len(parts) == 2 or t.i != (parts[0] if parts else head).i - 1 or not (
                t.text.islower() and t.text.isalpha() and t.pos_ == "NOUN" and t.tag_ == "NN"):
            break
        parts.insert(0, t)
    first = parts[0] if parts else head
    adj = sent.doc[first.i - 1] if first.i - 1 >= sent.start else None
    if adj is not None and not conj and adj.idx >= phrase_start and adj.tag_ == "JJ" and adj.whitespace_ \
            and _relational_adjective(adj.text):
        parts = [adj, *parts]
    modifier = _hyphen_modifier(sent, phrase_start, (parts[0] if parts else head).i)
    unit = " ".join([p.text.lower() for p in parts] + [L.singular(head.text)])
    if modifier and not conj:
        unit = f"{modifier} {unit}"
    if L.singular(head.text) in L.UNIT_WORDS:  # "fluid ounce" -> the unit of the lexicon
        unit = L.UNIT_WORDS[L.singular(head.text)]
    return unit


def _hyphen_modifier(sent, phrase_start: int, first: int) -> str | None:
    """'12,400 plug-in hybrid vehicles' -> "plug-in hybrid", '20 coal-fired power plants' -> "coal-fired": a
    lower-case compound modifier joined by hyphens that opens the phrase, with the adjective after it, names the
    kind of thing counted. None when the phrase opens otherwise or holds another word."""
    toks = [t for t in sent.doc[max(sent.start, first - 6):first] if t.idx >= phrase_start]
    k = next((j for j, t in enumerate(toks) if t.tag_ == "HYPH" and not t.whitespace_), None)
    if k is None or k == 0 or toks[k - 1].whitespace_ or k != 1 or len(toks) > k + 3:
        return None
    words = toks[:k + 2]
    rest = toks[k + 2:]
    if not all(t.text.islower() and t.text.isalpha() for t in words[::2]) or len(words) < 3 or words[1].whitespace_:
        return None
    if any(not (t.text.islower() and t.text.isalpha() and t.tag_ in ("JJ", "NN")) for t in rest):
        return None
    return "".join(t.text_with_ws for t in words).strip().lower() + "".join(" " + t.text.lower() for t in rest)


_ONE_OF_RE = re.compile(r"(?i)one\s+of\s+")
_ONE_OF_SKIP_POS = {"DET", "ADJ", "ADV", "PART", "PRON", "NUM", "PROPN", "NOUN", "VERB", "CCONJ", "PUNCT"}


def _one_of(a: _Atom, sent, base: int, text: str) -> None:
    """'one of the best-selling cars', 'one of its largest plants': one member of a plural noun group.

    NewsQuant (and a reader) counts it: value 1, the plural head noun as the unit. Not when a number
    follows ('one of four plants': a share) or no plural noun does ('one of them', 'one of the best').
    """
    m = _ONE_OF_RE.match(text, a.s)
    if not m or a.e != a.s + 3:
        return
    _member_of(a, sent, base, m.end(), "one_of")


#: "<count> of the/its ... <plural>": the determiner that makes the phrase a group the count is taken from
#: (a possessive name too: "two of Johnson's deputies")
_GROUP_DET = r"(?:the|its|their|his|her|our|these|those|all\s+the|[A-Z][\w&.-]*['’]s)\s"
_COUNT_OF_RE = re.compile(r"\s+of\s+(?=" + _GROUP_DET + ")", re.IGNORECASE)
#: a share of a group: "one fifth of its workers", "two-thirds of voters"; "half the condos" without "of"
_SHARE_OF_RE = re.compile(r"\s+of\s+(?!(?:a|an|one|them|us|you|it|this|that)\b)", re.IGNORECASE)
_HALF_THE_RE = re.compile(r"\s+(?=(?:the|its|their|his|her|our)\s)", re.IGNORECASE)


def _count_of(a: _Atom, sent, base: int, text: str) -> None:
    """'42m of its subscribers', 'about 3,000 of the workers', 'twelve of the players', '500 of its staff': a count
    taken from a group counts what the group is made of; so does a share of it ('one fifth of its workers',
    'two-thirds of voters', 'half the condos', '1/8 of the members'). Not '20 of his 30 points' (the group is
    counted itself), not 'of them', not a share of one thing ('a third of the budget', 'half of 2024'), not a
    measure or money (they have a unit of their own)."""
    n = a.value * (a.scale or 1)
    if a.unit_kind or a.currency or a.value_max is not None:
        return
    if 0 < n < 1 and a.scale is None:
        m = _SHARE_OF_RE.match(text, a.e)
        if m is None and text[a.s:a.e].lower().endswith("half"):
            m = _HALF_THE_RE.match(text, a.e)
        if m:
            _member_of(a, sent, base, m.end(), "share_of")
        return
    if n < 2 or n != int(n):
        return
    m = _COUNT_OF_RE.match(text, a.e)
    if m:
        _member_of(a, sent, base, m.end(), "count_of")


def _member_of(a: _Atom, sent, base: int, start: int, rule: str) -> None:
    """The plural head of the noun group from `start` on ('the best-selling cars') as the unit of `a`."""
    toks = [t for t in sent if t.idx >= base + start][:8]
    nouns = []
    for t in toks:
        if t.like_num or t.pos_ == "NUM" or t.text in (",", ";", ":", "(", ")") or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and t.tag_ != "VBN" and t.tag_ != "VBG":
            break
        if t.pos_ not in _ONE_OF_SKIP_POS and t.tag_ not in ("POS", "HYPH", "VBN", "VBG"):
            break
        if t.pos_ == "PRON" and t.tag_ != "PRP$":
            return  # "one of them", "one of those"
        if t.pos_ == "NOUN" and t.text.islower():
            nouns.append(t)  # a noun run: "graphics processing units" ends at its head
            nxt = sent.doc[t.i + 1] if t.i + 1 < sent.end else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower():
                continue
            if nxt is not None and nxt.tag_ == "POS":
                nouns = []  # "one of the company's biggest customers": the owner is not the head
                continue
            break
        if nouns:
            nouns = []
    if not nouns or (nouns[-1].tag_ not in ("NNS",) and nouns[-1].text.lower() == L.singular(nouns[-1].text)
                     and (rule == "one_of" or nouns[-1].text.lower() not in L.COLLECTIVE_NOUNS)):
        return
    head = nouns[-1]
    prev = [t for t in nouns[:-1] if t.i == head.i - 1 and t.tag_ == "NN" and t.text.isalpha()]
    unit = " ".join([p.text.lower() for p in prev[-1:]] + [L.singular(head.text)])
    if L.singular(head.text) in L.UNIT_WORDS:
        unit = L.UNIT_WORDS[L.singular(head.text)]
    a.unit, a.unit_kind = unit, "noun"
    a.e = head.idx + len(head.text) - base
    a.rules.append(rule)


_RELATIONAL_SUFFIX_RE = re.compile(r"(?<![a-z])[a-z]{3,}(?:[^l]al|ial|ic|ary)$")


def _one_after_adjective(a: _Atom, sent, base: int, pre: str) -> bool:
    """'a professional one', 'the number one': 'one' standing for a noun (or a rank), not a count."""
    if not _ONE_ADJ_PRE.search(pre):
        return False
    prev = _token_before(sent.doc, base + a.s, sent.start_char)
    return prev is not None and (prev.pos_ in ("ADJ", "NOUN") or prev.tag_ in ("JJ", "NN"))


def _relational_adjective(word: str) -> bool:
    """A classifying (relational) adjective: 'residential', 'electric', 'public', 'military' -- it says what
    kind of thing is counted, so it belongs to the unit. Qualities ('new', 'serious', 'large') and the
    evaluative -al/-ic/-ary words of ``not_quantities.json`` (additional, total, typical ...) do not."""
    return word.islower() and bool(_RELATIONAL_SUFFIX_RE.match(word)) and word not in L.NOT_RELATIONAL_ADJECTIVES


_NOUN_OR_TWO_RE = re.compile(r"\b(?:a|an|another|one)\s+([a-z]+)\s+or\s+$", re.IGNORECASE)


def _noun_or_two(a: _Atom, sent, base: int, text: str) -> None:
    """'a day or two', 'another pick or two': the number counts the noun before 'or'."""
    if a.value not in (2, 3) or a.e != a.ne:
        return
    m = _NOUN_OR_TWO_RE.search(text, max(0, a.s - 40), a.s)
    if not m:
        return
    tok = _token_before(sent.doc, base + m.end(1), sent.start_char)
    if tok is None or tok.pos_ != "NOUN" or tok.text.lower() in L.COUNTED_STOP:
        return
    a.unit, a.unit_kind = L.UNIT_WORDS.get(tok.text.lower()) or L.singular(tok.text), "noun"
    a.rules.append("noun_or_two")


# ----------------------------------------------------------------------------- cues
#: the literals one of which every match of _APPROX_RE holds
