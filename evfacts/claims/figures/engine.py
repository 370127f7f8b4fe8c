"""The figure recognizer of a sentence: the stages in order, from masks to the figures found."""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from evfacts.claims import units as L
from evfacts.claims.figures.ages import decade_of_life
from evfacts.claims.figures.atom import Quantity, _Atom, signed_change_size
from evfacts.claims.figures.atoms import _digit_atoms, _half_a_unit, _multiple_atoms, _vague_atoms, _word_atoms
from evfacts.claims.figures.cues import _approx, _approx_literals, _change, _change_literals
from evfacts.claims.figures.ellipsis import compared_unit
from evfacts.claims.figures.extend import _extend_right
from evfacts.claims.figures.filters import (
    _age_apposition,
    _bare,
    _bare_year,
    _hyphen_adjective,
    _model_number,
    _name_like,
    _word_in_name,
    model_after_count,
    scaled_name_code,
)
from evfacts.claims.figures.masks import _TABLE_RUN_RE, CROSSREF_RE, MASKS, _list_number_spans, _mask_spans, _masked
from evfacts.claims.figures.notation import bracket_negatives, slash_ranges
from evfacts.claims.figures.nouns import _count_of, _counted_noun, _noun_or_two, _one_after_adjective, _one_of
from evfacts.claims.figures.patterns import (
    _APPOSITION_RE,
    _CONVERSION_CLOSE_RE,
    _CONVERSION_OPEN_RE,
    _FROM_RE,
    _HAS_DIGIT,
    _ONE_BAD_PRE,
    _ONE_DET_AFTER,
    _ONE_NOT_RE,
    _PCT_LIST_RE,
    _RANGE_JOIN_RE,
    _YEAR_FIGURE_RE,
)
from evfacts.claims.figures.ranges import _compatible, _feet_inches, _merge_minor, _merge_ranges
from evfacts.claims.figures.tolerance import tolerances
from evfacts.claims.numbers import RUN_NUMBER_WORDS
from evfacts.claims.view import doc_text, sent_text, sent_words

_RUN_GATE = RUN_NUMBER_WORDS
_MULTIPLE_GATE = frozenset(["fold", *L.MULTIPLE_WORDS, *L.MULTIPLE_VERBS])
_VAGUE_GATE = frozenset(k.split()[0] for k in L.VAGUE_PLURALS)
assert all(re.fullmatch(r"[a-z]+", w) for w in _MULTIPLE_GATE | _VAGUE_GATE)


# ----------------------------------------------------------------------------- the recognizer
@dataclass
class SentenceWork:
    """What the stages of one sentence read and fill in, handed from stage to stage."""

    sent: object
    text: str
    base: int  # doc offset of the sentence
    folded: str
    #: the sentence's whole words, case-folded; None when a character folds unsafely (every stage runs)
    wordset: frozenset | None
    has_digit: bool
    lead: str  # the text of up to 4 tokens before the sentence (the parser may split a cue from its figure)
    disabled: frozenset[str] = frozenset()
    one_of_as_count: bool = False
    masks: list = field(default_factory=list)
    digits: list[_Atom] = field(default_factory=list)
    words: list[_Atom] = field(default_factory=list)
    multiples: list[_Atom] = field(default_factory=list)
    vague: list[_Atom] = field(default_factory=list)
    atoms: list[_Atom] = field(default_factory=list)

    def may_hold(self, gate: frozenset) -> bool:
        return self.wordset is None or not self.wordset.isdisjoint(gate)


def _start(sent, disabled: frozenset[str], one_of_as_count: bool) -> SentenceWork:
    text = sent_text(sent)
    folded, wordset = sent_words(sent)
    lead = doc_text(sent.doc)[sent.doc[max(0, sent.start - 4)].idx:sent.start_char] if sent.start else ""
    return SentenceWork(sent, text, sent.start_char, folded, wordset, _HAS_DIGIT.search(text) is not None, lead,
                        disabled, one_of_as_count)


# --- the stages that find numbers
def _stage_masks(w: SentenceWork) -> None:
    if w.has_digit:
        w.masks = _mask_spans(w.text, w.folded, w.wordset, w.disabled)
        if "list-numbers" not in w.disabled:
            w.masks += _list_number_spans(w.sent)


def _stage_digits(w: SentenceWork) -> None:
    if not w.has_digit:
        return
    # a number in a masked region is not a claim (unless the currency makes it money: "$2024")
    atoms = [a for a in _digit_atoms(w.text, w.masks)
             if not ((name := _masked(w.masks, a.ns, a.ne)) and not (a.currency and name in ("code",))
                     and not (name == "decade" and decade_of_life(w.text, a.s)))]
    for a in atoms:
        _extend_right(a, w.text)
    # "17 USD 25": the code was read as the first figure's currency; the second figure has no prefix of its own
    for x, y in itertools.pairwise(atoms):
        if y.s < x.e <= y.ns and "currency_prefix" in y.rules and x.currency == y.currency and y.scale is None:
            y.s, y.currency = y.ns, None
            y.rules.remove("currency_prefix")
            y.rules.append("after_currency")
            y.e = y.ne
            _extend_right(y, w.text)
    w.digits = atoms


def _stage_number_words(w: SentenceWork) -> None:
    if not w.may_hold(_RUN_GATE):
        return
    taken = [(a.s, a.e) for a in w.digits]
    w.words = [a for a in _word_atoms(w.text, taken) if not _masked(w.masks, a.ns, a.ne)]
    for a in w.words:
        _extend_right(a, w.text)
        _half_a_unit(a, w.text)


def _stage_multiples(w: SentenceWork) -> None:
    if w.may_hold(_MULTIPLE_GATE):
        w.multiples = _multiple_atoms(w.text, [(a.ns, a.e) for a in w.digits + w.words])


def _stage_vague(w: SentenceWork) -> None:
    if w.may_hold(_VAGUE_GATE):
        w.vague = _vague_atoms(w.text, [(a.s, a.e) for a in w.digits + w.words + w.multiples])


# --- the stages that read what a number is
def _stage_crossref(w: SentenceWork) -> None:
    if "(" in w.text:
        refs = [m.span() for m in CROSSREF_RE.finditer(w.text)]
        if refs:
            w.atoms = [a for a in w.atoms if not any(rs <= a.s < re_ for rs, re_ in refs)]


_SHARE_GAP_RE = re.compile(r"\s+(?:in|out\s+of)\s+", re.IGNORECASE)


def _stage_shares(w: SentenceWork) -> None:
    """'one in five cars', 'one out of four buyers', '2 in 3 voters': a share, the first number over the second."""
    atoms = sorted(w.atoms, key=lambda a: a.s)
    drop = set()
    for x, y in itertools.pairwise(atoms):
        if id(x) in drop or not _SHARE_GAP_RE.fullmatch(w.text[x.e:y.s]) or x.unit_kind or x.currency or y.currency \
                or y.unit_kind or x.scale is not None or y.scale is not None or x.value_max is not None:
            continue
        if not (x.value == int(x.value) and y.value == int(y.value) and 1 <= x.value < y.value <= 1000):
            continue
        x.value = x.value / y.value
        x.e = x.ne = y.ne
        x.rules.append("share")
        drop.add(id(y))
    w.atoms = [a for a in w.atoms if id(a) not in drop]


def _stage_counted_noun(w: SentenceWork) -> None:
    for a in w.atoms:
        if not a.unit_kind and not a.currency:
            _counted_noun(a, w.sent, w.base)
            if w.one_of_as_count and a.words and a.value == 1 and not a.unit_kind:
                _one_of(a, w.sent, w.base, w.text)
            if a.words and not a.unit_kind:
                _noun_or_two(a, w.sent, w.base, w.text)
            if not a.unit_kind:
                _count_of(a, w.sent, w.base, w.text)


def _stage_model_after_count(w: SentenceWork) -> None:
    if w.has_digit:
        w.atoms = model_after_count(w.atoms, w.text)


def _stage_approximation(w: SentenceWork) -> None:
    literals = _approx_literals(w.text, w.lead) if w.atoms else None
    for a in w.atoms:
        _approx(a, w.text, w.lead, literals)


def _not_a_figure(a: _Atom, w: SentenceWork, table: bool) -> bool:
    sent, base, text = w.sent, w.base, w.text
    return (_bare_year(a, text) or _name_like(a, sent, base, text) or _age_apposition(a, sent, base, text)
            or _hyphen_adjective(a, text) or (table and _bare(a)) or _word_in_name(a, sent, base, text)
            or _model_number(a, sent, base, text) or scaled_name_code(a, sent, base, text))


def _stage_filters(w: SentenceWork) -> None:
    kept = []
    dropped_prev = None
    table = w.has_digit and _TABLE_RUN_RE.search(w.text) is not None
    for a in w.atoms:
        if dropped_prev is not None and _RANGE_JOIN_RE.match(w.text[dropped_prev.e:a.s]) and not a.unit_kind \
                and not a.currency and a.scale is None:
            dropped_prev = a  # "aged 25 to 54": the second end goes with the first (not "in 2020 to $4.5 billion")
            continue
        dropped_prev = None
        if _bare_year(a, w.text) and _YEAR_FIGURE_RE.match(w.text, a.ne):
            a.kind_year = True  # "its planned 2035 ban": the year is the figure
            a.e = a.ne
            a.rules.append("year_figure")
        elif _not_a_figure(a, w, table):
            dropped_prev = a
            continue
        kept.append(a)
    w.atoms = kept


def _stage_change(w: SentenceWork) -> None:
    literals = _change_literals(w.text, w.lead) if w.atoms else None
    for a in w.atoms:
        _change(a, w.text, w.lead, literals)
        signed_change_size(a)


def _stage_tolerance(w: SentenceWork) -> None:
    w.atoms = tolerances(w.atoms, w.text)


def _stage_cents(w: SentenceWork) -> None:
    w.atoms = _merge_minor(w.atoms, w.text)


def _stage_feet_inches(w: SentenceWork) -> None:
    _feet_inches(w.atoms, w.text)


def _stage_ranges(w: SentenceWork) -> None:
    w.atoms = _merge_ranges(w.atoms, w.text, w.lead)


def _stage_notation(w: SentenceWork) -> None:
    w.atoms = slash_ranges(w.atoms, w.text)
    bracket_negatives(w.atoms, w.text)


def _stage_from_to_unit(w: SentenceWork) -> None:
    """"from about 14-18 mpg to 24", "from about 208 pounds to 193": the bare end has the unit of the start."""
    text = w.text
    for x, y in zip(w.atoms, w.atoms[1:]):
        if (x.unit_kind or x.currency) and not y.unit_kind and not y.currency \
                and re.fullmatch(r"\s+to\s+", text[x.e:y.s], re.IGNORECASE) and _FROM_RE.search(text[:x.s]) \
                and _compatible(x, y):
            y.unit, y.unit_kind, y.currency = x.unit, x.unit_kind, x.currency
            y.rules.append("from_to_unit")


def _stage_compared_unit(w: SentenceWork) -> None:
    compared_unit(w.atoms, w.text)


def _stage_shared_cues(w: SentenceWork) -> None:
    text = w.text
    for x, y in zip(w.atoms, w.atoms[1:]):
        # "lost 190 points, or 0.6%": the apposition shares the change
        if x.change and not y.change and _APPOSITION_RE.match(text[x.e:y.s]):
            y.change = x.change
            y.rules.append("change_apposition")
        elif x.change and not y.change and x.unit_kind == "pct" and y.unit_kind == "pct" and not y.approx \
                and x.value_max is None and y.value_max is None and _PCT_LIST_RE.match(text[x.e:y.s]):
            y.change = x.change
            y.rules.append("change_list")
        # "more than 8.9 ksi (61.4 MPa)", "about $5 billion (£4 billion)": a conversion in brackets is as approximate
        if x.approx and not y.approx and _CONVERSION_OPEN_RE.fullmatch(text, x.e, y.s) \
                and _CONVERSION_CLOSE_RE.match(text, y.e) and (x.value_max is None) == (y.value_max is None):
            y.approx = x.approx
            y.rules.append("approx_conversion")


def _stage_pronoun_one(w: SentenceWork) -> None:
    """"one" alone, "that one", "a professional one": a pronoun, not a count; "a", "an" and "zero" alone neither."""
    w.atoms = [a for a in w.atoms if not _pronoun_or_article(a, w)]


def _pronoun_or_article(a: _Atom, w: SentenceWork) -> bool:
    if not a.words or a.value not in (0, 1):
        return False
    unit_kind = None if a.currency is None and a.unit_kind == "cur" else a.unit_kind
    if a.value == 0:
        return not unit_kind
    if not unit_kind:
        return True  # "one" alone is a pronoun more often than a count
    if "one_of" not in a.rules and not (unit_kind == "sym" or a.currency):
        pre = w.text[:a.s]  # "that one" is a pronoun; "that one mile" is a distance
        if _ONE_BAD_PRE.search(pre) or _ONE_NOT_RE.match(w.text[a.s:]):
            return True
        if unit_kind != "pct" and a.scale is None and (_one_after_adjective(a, w.sent, w.base, pre)
                                                          or _ONE_DET_AFTER.match(w.text, a.ne)):
            return True  # "a professional one", "one several weeks ago": the pronoun, not a count
    return w.text[a.s:a.ne].lower() in ("a", "an")


@dataclass(frozen=True)
class Stage:
    name: str
    description: str
    run: Callable[[SentenceWork], None]


#: the stages that find number surfaces, in order; then the stages that read them (STAGES)
FINDERS = (
    Stage("masks", "regions that hold digits but no claim: dates, times, codes, phone numbers, scores (masks.toml)",
          _stage_masks),
    Stage("digits", "numbers written in digits, with their currency, scale, percent and unit", _stage_digits),
    Stage("number-words", "numbers written in words: \"two hundred\", \"a dozen\", \"half a mile\"", _stage_number_words),
    Stage("multiples", "multiples: 3x, sixfold, doubled", _stage_multiples),
    Stage("vague", "vague amounts: \"dozens of\", \"tens of thousands of\"", _stage_vague),
)
STAGES = (
    Stage("crossref", "figures inside a pointer to another article: \"(read: 5 best ETFs)\"", _stage_crossref),
    Stage("shares", "one number in or out of another is a share: \"one in five\", \"one out of four\"", _stage_shares),
    Stage("counted-noun", "the counted noun from the parse: \"12,000 cars\", \"a day or two\"", _stage_counted_noun),
    Stage("model-after-count", "a model number after a count is part of what it counts: \"400 737 Max jets\"",
          _stage_model_after_count),
    Stage("approximation", "about, over, up to, nearly, + before or after a figure", _stage_approximation),
    Stage("filters", "numbers that are part of a name, a model number, a bare year, an age in apposition",
          _stage_filters),
    Stage("change", "rose 5%, a 22% rally, down 3%, cut by 20%", _stage_change),
    Stage("tolerance", "a tolerance: \"±3%\", \"plus or minus 3 points\"; after a measure, part of it: \"5.2 ± 0.3 mm\"",
          _stage_tolerance),
    Stage("cents", "whole units and cents: \"$4 and 75 cents\"", _stage_cents),
    Stage("feet-inches", "\"12 ft 2 in\" as one length", _stage_feet_inches),
    Stage("ranges", "\"3 to 5\", \"between 10% and 12%\", \"$1-2 billion\", \"from X to Y\"", _stage_ranges),
    Stage("money-notation", "money ranges over a slash \"$12/$15\"; the accounting negative \"a loss of ($0.12)\"",
          _stage_notation),
    Stage("from-to-unit", "the bare end of \"from 208 pounds to 193\" has the unit of the start", _stage_from_to_unit),
    Stage("compared-unit", "a bare figure compared with the one before has its unit: \"1,500 cars, up from 1,200\"",
          _stage_compared_unit),
    Stage("shared-cues", "an apposition or a list shares the change; a conversion in brackets the approximation",
          _stage_shared_cues),
    Stage("pronoun-one", "\"one\" as a pronoun and \"a\"/\"an\"/\"zero\" alone are no figures", _stage_pronoun_one),
)


#: masks written in code (their patterns read the figures around them), by name
CODE_MASKS = (("scores", "sports scores and vote tallies: \"won 3-1\", \"voted 9 to 3\", \"6-4, 7-6 (5)\""),
              ("citation", "a reference number in brackets at the end of a sentence: \"...rose (12).\""),
              ("list-numbers", "list numbering at the start of a line: \"2. Don't ...\""))


def recognizer_names() -> list[str]:
    """Every name `[claims] disable` takes for figures: the stages and the masks."""
    # "crossref" names both the mask and the stage that drops spelled-out numbers inside one
    return list(dict.fromkeys([s.name for s in FINDERS + STAGES] + [m.name for m in MASKS] + [name for name, _ in CODE_MASKS]))


def describe() -> list[tuple[str, str]]:
    """(name, description) of every stage and mask, in the order they run."""
    return ([(s.name, s.description) for s in FINDERS + STAGES] + [(m.name, m.description) for m in MASKS]
            + list(CODE_MASKS))


def find_quantities(sent, *, disabled: frozenset[str] = frozenset(), one_of_as_count: bool = False) -> list[Quantity]:
    """The figures of a spaCy sentence (a Span of a Doc), doc-local offsets.

    disabled: names of stages and masks to skip (see `recognizer_names`).
    one_of_as_count: read "one of the largest plants" as 1 plant, as NewsQuant annotates it (every "one of
    the ..." in its sentences is a figure). Off (the default), it is no figure, as in the article gold ("one
    of the market's best AI stocks" is not a claim). Measured: on gains NewsQuant dev value F1 +0.7 and
    costs one article-gold false claim."""
    w = _start(sent, disabled, one_of_as_count)
    for stage in FINDERS:
        if stage.name not in disabled:
            stage.run(w)
    w.atoms = sorted(w.digits + w.words + w.multiples + w.vague, key=lambda a: a.s)
    for stage in STAGES:
        if stage.name not in disabled:
            stage.run(w)
    out = []
    for a in w.atoms:
        if a.currency is None and a.unit_kind == "cur":
            a.unit_kind = None
        q = _to_quantity(a, w.text, w.base)
        if math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max)):
            out.append(q)
    return out


def _num(d: Decimal) -> float:
    return float(d)


def _to_quantity(a: _Atom, text: str, base: int) -> Quantity:
    scale = a.scale or Decimal(1)
    value = a.value * scale
    if a.sign in ("-", "−"):
        value = -value
    vmax = a.value_max
    if a.kind_year:
        kind, unit = "year", None
    elif a.currency:
        kind, unit = "money", a.currency
    elif a.unit_kind == "pct":
        kind, unit = "percent", a.unit
    else:
        kind, unit = "quantity", a.unit
    while a.e > a.s and text[a.e - 1] in " -,":
        a.e -= 1
    return Quantity(start=base + a.s, end=base + a.e, text=text[a.s:a.e], value=_num(value), kind=kind,
                    value_max=_num(vmax) if vmax is not None else None, unit=unit, approx=a.approx, change=a.change,
                    rules=list(dict.fromkeys(a.rules)), per=a.per)
