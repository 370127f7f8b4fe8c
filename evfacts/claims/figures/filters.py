"""Filters: numbers that are part of a name (SU7, Boeing 737, the 49ers), a model number, a bare year or an age in apposition."""
from __future__ import annotations

import itertools
import re

from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom
from evfacts.claims.figures.nouns import _token_before
from evfacts.claims.figures.patterns import _YEAR_RE
from evfacts.claims.view import headline, sent_ents


def _name_like(a: _Atom, sent, base: int, text: str) -> bool:
    """A bare number inside a name: Section 427, Boeing 737, Tablet 7 Ultra, Stoxx 50."""
    if a.currency or a.unit_kind in ("pct", "sym") or a.scale is not None or a.words or a.sign:
        return False
    if a.unit_kind == "noun" and a.unit == "time" or "after_currency" in a.rules:
        return False  # "called Bob 3 times": a count of times is not part of a name; nor "17 USD 25"
    pre = text[:a.ns]
    if not pre.endswith(" ") and not pre.endswith("#"):
        return pre.endswith(("No.", "no.", "#"))
    if pre.rstrip().endswith(("#", "No.", "no.", "Nos.")):
        return True
    prev = _token_before(sent.doc, base + a.ns, sent.start_char)
    if prev is None:
        return False
    low = prev.text.lower()
    if low in L.QUALIFIER_WORDS and low in ("aged", "ages", "age"):
        return True
    if low in L.APPROX or low in L.CHANGE_VERBS or low in ("the", "a", "an", "of", "and", "or", "to", "from", "by", "with", "than", "at", "in", "on", "for", "about"):
        return False
    if low in L.NAME_PREFIXES and (prev.text[:1].isupper() or low not in L.NAME_PREFIXES_NEED_CAPITAL):
        return True
    nxt = [t for t in sent.doc[prev.i + 1: sent.end] if t.idx >= base + a.ne][:1]
    if nxt and not headline(sent) and nxt[0].idx == base + a.ne + 1 and nxt[0].pos_ == "PROPN" and nxt[0].text.istitle() and "," not in text[a.ns:a.ne] \
            and "." not in text[a.ns:a.ne] and a.unit_kind != "noun" and nxt[0].text.lower() not in L.MONTHS \
            and not (prev.text.islower() and _brand_then_plural(sent, nxt[0])):
        return True
    if prev.i == sent.start:  # sentence-initial capital is not a name signal
        return False
    if headline(sent):  # "Targeting 550,000 Deliveries in 2026": capitals say nothing
        return False
    if prev.text[:1].isupper() and prev.text.lower() not in L.MONTHS and not prev.text.isupper() or (prev.text.isupper() and prev.text.isalpha() and (len(prev.text) == 1 or prev.pos_ == "PROPN")):
        # "Nick Hague 44" is an age after a person: not a name number but we cannot tell; names win
        if prev.pos_ in ("PROPN", "NOUN", "X", "ADJ") or (prev.text.isupper() and prev.pos_ != "VERB"):
            return True
    return False


#: what makes "Nx" a multiple: a comparison, the thing multiplied (earnings, sales, the average), or the clause ends
_MULTIPLE_AFTER_RE = re.compile(r"\s*(?:$|[.,;:)\]])|\s+(?:faster|slower|quicker|more|less|fewer|higher|lower|larger|bigger|smaller|"
                                r"better|worse|greater|cheaper|stronger|the|as|that|than|over|its|their|what|earnings|sales|revenues?|"
                                r"ebitda|book|cash|fcf|forward|trailing|multiples?|returns?|gains?|leverage|oversubscribed|zoom)\b", re.IGNORECASE)


def _model_number(a: _Atom, sent, base: int, text: str) -> bool:
    """'iPhone 5s', 'Boeing 777X', 'Honor 8X': a capitalised name, then a number with a model letter glued to it.

    The letter would read as a unit (seconds, a multiple) but after a product or brand name it is part of the
    model's name. Only the letters of ``model_suffix_units``: 'Anker 65W', 'Tokyo 100m' stay measures. Without
    the name, a three-digit 'Nx' that is not round and multiplies nothing ('777x jets') is a model too.
    """
    if a.unit_kind != "sym" or "unit_symbol" not in a.rules or a.currency or a.scale is not None or a.sign \
            or a.e != a.ne + 1 or text[a.ne:a.e] not in L.MODEL_SUFFIX_UNITS or not re.fullmatch(r"\d{1,4}", text[a.ns:a.ne]):
        return False
    if text[a.ne:a.e] in ("x", "X") and a.value >= 100 and a.value % 10 and not a.approx and not _MULTIPLE_AFTER_RE.match(text, a.e):
        return True  # "a commitment of 777x jets": a multiple is round or says what it multiplies ("123x earnings")
    if text[a.ns - 1:a.ns] != " ":
        return False
    prev = _token_before(sent.doc, base + a.ns - 1, sent.start_char)
    if prev is None or prev.idx + len(prev.text) != base + a.ns - 1:
        return False
    w = prev.text
    camel = w[:1].islower() and any(c.isupper() for c in w[1:])  # iPhone, eVTOL
    if not w.isalpha() or not (w[:1].isupper() or camel) or (w.isupper() and len(w) > 1) or w.lower() in L.MONTHS or w.lower() in L.WEEKDAYS:
        return False
    if camel:
        return True
    if headline(sent) or (prev.i == sent.start and prev.pos_ != "PROPN"):
        return False  # capitals say nothing in a headline; a sentence starts with a capital ("Within 5s ...")
    return prev.pos_ in ("PROPN", "NOUN", "X")


def _bare(a: _Atom) -> bool:
    """A number with nothing to say what it counts: no unit, currency, scale or sign."""
    return not (a.unit_kind or a.currency or a.scale is not None or a.words or a.sign or a.approx)


_SENT_OPEN = set("\"“‘'(:—–-[")


def _word_in_name(a: _Atom, sent, base: int, text: str) -> bool:
    """A capitalised number word inside a title-case name: 'Xbox One X', 'Zero Gravity Seats', 'One Home Depot'."""
    if not a.words or not text[a.ns:a.ns + 1].isupper() or a.currency or a.unit_kind in ("pct", "sym") or a.scale is not None:
        return False
    if re.search(r"[A-Z][a-z]+-$", text[max(0, a.ns - 20):a.ns]):
        return True  # "Take-Two", "Formula-One": a hyphenated name
    prev = _token_before(sent.doc, base + a.ns, sent.start_char)
    if prev is None or prev.i == sent.start or prev.text in _SENT_OPEN or prev.is_punct and prev.text != ",":
        return False  # a sentence or a quotation starts with a capital
    if headline(sent):
        return False  # "Tesla Sells One Million Cars": capitals say nothing in a headline
    nxt = [t for t in sent.doc[prev.i + 1: sent.end] if t.idx >= base + a.ne][:1]
    if prev.is_alpha and prev.text[:1].isupper() and prev.text.lower() not in L.MONTHS and prev.pos_ in ("PROPN", "NOUN", "X", "ADJ"):
        return True  # "Xbox One", "Formula One", "Air Force One"
    return bool(nxt) and nxt[0].is_alpha and (nxt[0].text.istitle() or nxt[0].text.isupper()) and nxt[0].text.lower() not in L.MONTHS \
        and nxt[0].idx == base + a.ne + 1


def _brand_then_plural(sent, tok) -> bool:
    """'includes 14 Boeing 787 jets', 'sold 300 Tesla cars': a count of branded things, not a name number."""
    for t in sent.doc[tok.i: min(tok.i + 4, sent.end)]:
        if t.tag_ == "NNS" and t.text.islower():
            return True
        if not (t.pos_ in ("PROPN", "NUM") or t.like_num or t.tag_ == "HYPH"):
            return False
    return False


def _age_apposition(a: _Atom, sent, base: int, text: str) -> bool:
    """'Maddon, 66, has ...' -> an age in years."""
    if a.currency or a.unit or a.words or a.scale is not None or not (10 <= a.value <= 110) or a.value != int(a.value):
        return False
    if not re.match(r"\s*,", text[a.e:]) or not re.search(r"[A-Z][a-z]+,\s*$", text[:a.s]):
        return False
    prev = _token_before(sent.doc, base + len(text[:a.s].rstrip().rstrip(",")), sent.start_char)
    ents = [e for e in sent_ents(sent) if e.label_ == "PERSON" and e.end_char <= base + a.s and e.end_char >= base + a.s - 3]
    return bool(ents) or (prev is not None and prev.pos_ == "PROPN")


def _hyphen_adjective(a: _Atom, text: str) -> bool:
    """'a five-year award', 'four-door', 'six-speed': a spelled-out number in a compound adjective."""
    if not a.words or a.e <= a.ne or text[a.ne:a.ne + 1] != "-" or a.currency:
        return False
    if a.unit_kind == "sym" and a.unit not in L.TIME_UNITS and a.unit != "x":
        return False  # three-foot, six-mile, three-ton: a measure
    return "age" not in a.rules


def _bare_year(a: _Atom, text: str) -> bool:
    if a.words or a.currency or a.unit_kind in ("pct",) or a.scale is not None or a.sign:
        return False
    num = text[a.ns:a.ne]
    if not _YEAR_RE.fullmatch(num):
        return False
    if a.unit_kind == "sym" and a.unit not in ("year", "s"):
        return False
    if a.approx and a.unit_kind == "noun":
        return False
    m = re.match(r"\s?(?:-|–|to)\s?(\d[\d,.]*)", text[a.e:])
    # not "about 2000 - 2500 Calories"; but "in 2021 to 2.2 million": a year, then a figure it does not join
    if m and _YEAR_AFTER_FIGURE_RE.match(text, a.e + m.end(1)) or (m and "." in m.group(1).rstrip(".")):
        return True
    return not (m and not _YEAR_RE.fullmatch(m.group(1)) and not re.fullmatch(r"\d\d", m.group(1)))


#: what makes the number after "2021 to" a figure and not the other end of a span of years
_YEAR_AFTER_FIGURE_RE = re.compile(r"\s?(?:%|percent|per\s?cent|million|billion|trillion|bn|mn|m\b)", re.IGNORECASE)




#: a model designation after a count: "737 Max", "787 Dreamliners", "A320neo" is masked elsewhere
_MODEL_NAME_AFTER_RE = re.compile(r"\s?[A-Z][A-Za-z]*\b")
#: between the count and the model: a space, or the maker's name ("30 Boeing 787 Dreamliners")
_COUNT_MODEL_GAP_RE = re.compile(r" (?:[A-Z][a-z]+ )?")


def model_after_count(atoms: list[_Atom], text: str) -> list[_Atom]:
    """"400 737 Max jets", "30 Boeing 787 Dreamliners": a bare count, a space (or a maker), then a three- or four-digit number that a
    capitalised name follows: the second is the model, and the count counts what the model's phrase names (a
    round hundred is no model: "3 500 Ford shares" is a count grouped by a space)."""
    drop = set()
    for x, y in itertools.pairwise(atoms):
        if id(x) in drop or not _COUNT_MODEL_GAP_RE.fullmatch(text, x.e, y.s) or x.unit_kind or x.currency or x.value_max is not None \
                or y.currency or y.unit_kind not in (None, "noun") or y.scale is not None or y.sign \
                or not re.fullmatch(r"\d{3,4}", text[y.ns:y.ne]) or y.value % 100 == 0 or _YEAR_RE.fullmatch(text[x.ns:x.ne]):
            continue
        if not (_MODEL_NAME_AFTER_RE.match(text, y.ne) or (y.s - x.e > 1 and y.unit_kind == "noun")):
            continue  # a name after the model, or the maker's name before it ("30 Boeing 787 pilots")
        x.unit, x.unit_kind = y.unit, y.unit_kind
        x.e = y.e
        x.rules.append("model_after_count")
        drop.add(id(y))
    return [a for a in atoms if id(a) not in drop]


def scaled_name_code(a: _Atom, sent, base: int, text: str) -> bool:
    """'Radeon Pro 5300M', 'its Block 1B variant', 'the 5500M chip': a number glued to M/B/K right after a
    capitalised name word (not opening the sentence, not in a headline), or four plain digits glued to one, is a
    model code, not millions or billions; money ('$5M'), '42M subscribers' and a spaced scale stay figures."""
    if a.currency or "scale_suffix" not in a.rules or a.unit_kind in ("pct", "sym") or a.sign \
            or not re.fullmatch(r"[\d.]+[A-Za-z]", text[a.ns:a.ne]):
        return False
    if re.fullmatch(r"\d{4,}[A-Za-z]", text[a.ns:a.ne]):
        return True  # "5500M": four plain digits and a scale letter is a code (5.5 billion is written "5.5B")
    prev = _token_before(sent.doc, base + a.ns, sent.start_char)
    if prev is None or prev.i == sent.start or headline(sent) or prev.idx + len(prev.text) != base + a.ns - 1:
        return False
    return prev.is_alpha and prev.text[:1].isupper() and prev.text.lower() not in L.MONTHS \
        and prev.pos_ in ("PROPN", "NOUN", "X")
