"""Lexicons for the quantity engine, loaded once at import from `evfacts/data/*.json`.

units.json          unit surfaces -> normalised unit (SI symbol or singular noun), irregular plurals: wins over
units.catalog.json  quantulum3's physical units: symbols, symbols unambiguous in any case, names (scripts/gen_units.py)
currencies.json     currency symbols, codes and words -> ISO 4217, minor units (cent, pence): the hand list, which wins
currencies.cldr.json  every ISO 4217 code, English name and unambiguous symbol in CLDR (scripts/gen_currencies.py)
scales.json         million / bn / k ... -> factor
number_words.json   spelled-out numbers, fractions, multiples, approximation and change cue words
not_quantities.json months, name prefixes, street suffixes, time words: contexts that are not claims
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from evfacts import rx

DATA = Path(__file__).resolve().parent.parent / "data"


def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as f:
        d = json.load(f)
    d.pop("_doc", None)
    return d


UNITS = _load("units.json")
UNITS_CATALOG = _load("units.catalog.json")
CURRENCIES = _load("currencies.json")
CURRENCIES_CLDR = _load("currencies.cldr.json")
SCALES = _load("scales.json")
NUMBER_WORDS = _load("number_words.json")
NOT_QUANTITIES = _load("not_quantities.json")

IRREGULAR = {k.lower(): v for k, v in UNITS["irregular_plurals"].items()}
#: plural endings of Greek -sis nouns ("-yses" -> "-ysis"), from units.json
GREEK_SES = tuple(UNITS["greek_ses_plurals"])
#: endings of singular nouns in -is ("analysis", "axis", "tennis"); another -is is a plural of -i ("Israelis")
IS_SINGULARS = tuple(UNITS["is_singulars"])
#: singular nouns naming a group: a count or a share taken from them counts them ("500 of its staff")
COLLECTIVE_NOUNS = frozenset(UNITS["collective_nouns"])


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """Lower-case singular of an English noun (rules plus the irregular list in units.json)."""
    w = word.strip().lower()
    if not w:
        return w
    if " " in w or "-" in w:  # singularise the last part of a compound
        sep = " " if " " in w else "-"
        head, _, last = w.rpartition(sep)
        return head + sep + singular(last)
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("is") and len(w) > 4 and not w.endswith(IS_SINGULARS):
        return w[:-1]  # "Israelis", "taxis", "tsunamis": the plural of a noun in -i
    if w.endswith(("ss", "us", "is")) or len(w) <= 3:
        return w
    # Greek -sis nouns make their plural in -ses: analyses, diagnoses, hypotheses, metastases (not "diagnose");
    # the endings are those no -se noun shares (doses, houses, cheeses keep the plain -s rule)
    for suf in GREEK_SES:
        if w.endswith(suf) and len(w) > len(suf):
            return w[:-2] + "is"
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if w.endswith(suf) and len(w) > len(suf) + 1:
            return w[: -len(suf)] + rep
    return w


def _plural_forms(word: str) -> list[str]:
    w = word.lower()
    forms = {w}
    if w.endswith(("y",)) and not w.endswith(("ay", "ey", "oy")):
        forms.add(w[:-1] + "ies")
    elif w.endswith(("s", "x", "ch", "sh")):
        forms.add(w + "es")
    else:
        forms.add(w + "s")
    if w.endswith("foot"):
        forms.add(w[:-4] + "feet")
    if w.endswith("inch"):
        forms.add(w + "es")
    return sorted(forms)


# --- unit words (case-insensitive, with plurals), longest first
UNIT_WORDS: dict[str, str] = {}
for surface, canon in UNITS["words"].items():
    parts = surface.split(" ")
    for f in _plural_forms(parts[0]) if len(parts) > 1 and parts[1] in ("per", "an", "a") else [surface]:
        UNIT_WORDS[" ".join([f] + parts[1:])] = canon
    for f in _plural_forms(parts[-1]):
        UNIT_WORDS[" ".join(parts[:-1] + [f])] = canon
for surface, canon in UNITS_CATALOG["words"].items():
    parts = surface.split(" ")
    for f in _plural_forms(parts[-1]):
        UNIT_WORDS.setdefault(" ".join(parts[:-1] + [f]), canon)
#: the name of a normalised unit ("m" -> "metre", "°C" -> "degree celsius"); a unit that is a name is its own
_UNIT_NAMES: dict[str, str] = {}
for surface, canon in UNITS["words"].items():
    if " per " not in surface and " an " not in surface:
        _UNIT_NAMES.setdefault(canon, surface)


def unit_name(canon: str) -> str:
    """The singular English name of a normalised unit: "km" -> "kilometre", "milliampere" -> itself."""
    return _UNIT_NAMES.get(canon, canon)


UNIT_SYMBOLS: dict[str, str] = dict(UNITS["symbols"])
for _sym, _canon in UNITS_CATALOG["symbols"].items():
    UNIT_SYMBOLS.setdefault(_sym, _canon)
#: symbols no two units share in any case ("5.8Ghz", "13.5 KWH", "5,000 MAH"), lower-case -> unit
UNIT_SYMBOLS_ANY_CASE: dict[str, str] = {k: v for k, v in UNITS_CATALOG["symbols_any_case"].items()}
HYPHEN_OK = set(UNITS["hyphen_ok"])
TIME_UNITS = {"s", "ms", "min", "h", "day", "week", "month", "year", "decade", "century", "fortnight"}
PERCENT_UNITS = {"%", "percentage point", "basis point"}

# --- currencies
CUR_PREFIX: dict[str, str] = dict(CURRENCIES["prefix"])
for _sym, _code in CURRENCIES_CLDR["symbols"].items():
    CUR_PREFIX.setdefault(_sym, _code)
for _code in CURRENCIES_CLDR["codes"]:
    CUR_PREFIX.setdefault(_code, _code)
#: CLDR symbols written after an amount ("50 zł", "2 000 Kč", "100 ₴"): every symbol without a dollar sign
CUR_SYMBOLS_AFTER: dict[str, str] = {s: c for s, c in CUR_PREFIX.items() if "$" not in s and not s.isascii()}
CUR_PREFIX_SCALED: dict[str, float] = dict(CURRENCIES["prefix_scaled"])
CUR_AFTER_DOLLAR: dict[str, str] = dict(CURRENCIES["suffix_after_dollar"])
CUR_WORDS: dict[str, str] = {}
for surface, code in list(CURRENCIES["suffix_words"].items()) + list(CURRENCIES_CLDR["names"].items()):
    if surface in CUR_WORDS:
        continue  # the hand list first
    CUR_WORDS[surface] = code
    parts = surface.split(" ")
    for f in _plural_forms(parts[-1]):
        CUR_WORDS.setdefault(" ".join(parts[:-1] + [f]), code)
CUR_AMBIGUOUS: dict[str, str] = {}
for surface, code in CURRENCIES["ambiguous_suffix_words"].items():
    for f in _plural_forms(surface):
        CUR_AMBIGUOUS[f] = code
CUR_MINOR: dict[str, tuple[str, int]] = {}
for surface, (code, per) in CURRENCIES["minor"].items():
    for f in _plural_forms(surface) if len(surface) > 1 else [surface]:  # "p", not "ps" ("150 PS" is horsepower)
        CUR_MINOR[f] = (code, per)
CUR_MINOR["pence"] = CUR_MINOR["penny"] = ("GBP", 100)

# --- scales
SCALE_WORDS: dict[str, float] = {k.lower(): float(v) for k, v in SCALES["words"].items()}
SCALE_SUFFIXES: dict[str, float] = {k: float(v) for k, v in SCALES["suffixes"].items()}
SCALE_MONEY_ONLY: dict[str, float] = {k: float(v) for k, v in SCALES["money_only"].items()}

# --- number words
NW = NUMBER_WORDS
WORD_UNITS: dict[str, int] = dict(NW["units"])
WORD_TENS: dict[str, int] = dict(NW["tens"])
WORD_SCALES: dict[str, float] = {k: float(v) for k, v in NW["scales"].items()}
WORD_DOZEN: dict[str, int] = dict(NW["dozen"])
WORD_FRACTIONS: dict[str, float] = dict(NW["fractions"])
UNICODE_FRACTIONS: dict[str, float] = dict(NW["unicode_fractions"])
VAGUE_PLURALS: dict[str, tuple[float, float]] = {k: (float(a), float(b)) for k, (a, b) in NW["vague_plurals"].items()}
MULTIPLE_VERBS: dict[str, int] = dict(NW["multiples_verbs"])
MULTIPLE_WORDS: dict[str, int] = dict(NW["multiples_words"])
ONE_NOT_QUANTITY = tuple(NW["one_not_quantity"])
APPROX: dict[str, str] = {}
for sym, words in NW["approx"].items():
    for w in words:
        APPROX[w.lower()] = sym
CHANGE_VERBS: dict[str, str] = {w: "up" for w in NW["change_up"]}
CHANGE_VERBS.update({w: "down" for w in NW["change_down"]})
CHANGE_VERBS_NEED_BY = set(NW["change_verbs_need_by"])
CHANGE_NOUNS: dict[str, str] = {w: "up" for w in NW["change_nouns_up"]}
CHANGE_NOUNS.update({w: "down" for w in NW["change_nouns_down"]})

# --- not quantities
MONTHS = NOT_QUANTITIES["months"]
WEEKDAYS = NOT_QUANTITIES["weekdays"]
NAME_PREFIXES = set(NOT_QUANTITIES["name_prefixes"])
NAME_PREFIXES_NEED_CAPITAL = set(NOT_QUANTITIES["name_prefixes_need_capital"])
QUALIFIER_WORDS = set(NOT_QUANTITIES["qualifier_words"])
STREET_SUFFIXES = NOT_QUANTITIES["street_suffixes"]
TIME_WORDS = NOT_QUANTITIES["time_words"]
YEAR_FIGURE_NOUNS = NOT_QUANTITIES["year_figure_nouns"]
YEAR_NOUNS_OK = set(NOT_QUANTITIES["year_nouns_ok"])
COUNTED_STOP = set(NOT_QUANTITIES["counted_noun_stop"])
MODEL_SUFFIX_UNITS = set(NOT_QUANTITIES["model_suffix_units"])
NOT_RELATIONAL_ADJECTIVES = set(NOT_QUANTITIES["not_relational_adjectives"])


def alternation(words, *, escape=True) -> str:
    """A regex alternation, longest first (so 'more than' wins over 'more')."""
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in ws)


# ----------------------------------------------------------------------------- case twins
#: letters a pattern that ignores case matches for an ASCII letter, though lower() keeps them apart
_CASE_TWINS = str.maketrans(rx.ASCII_TWINS)


def plain(word: str) -> str:
    """word lower-cased, with its case twins as their ASCII letters: "ſix" is "six"."""
    return word.translate(_CASE_TWINS).lower()


class Lexicon(dict):
    """A lexicon of lower-case words. The patterns built from it ignore case, so they also match "ſix"
    or "ſurged", which lower() leaves as they are: a word missing as written is looked up once more
    with those letters as their ASCII twins, instead of a KeyError ending the article."""

    def __missing__(self, word):
        if isinstance(word, str):
            twin = plain(word)
            if twin != word and dict.__contains__(self, twin):
                return dict.__getitem__(self, twin)
        raise KeyError(word)


for _name in ("IRREGULAR", "UNIT_WORDS", "CUR_WORDS", "CUR_AMBIGUOUS", "CUR_MINOR", "SCALE_WORDS", "WORD_UNITS",
              "WORD_TENS", "WORD_SCALES", "WORD_DOZEN", "WORD_FRACTIONS", "VAGUE_PLURALS", "MULTIPLE_VERBS",
              "MULTIPLE_WORDS", "APPROX", "CHANGE_VERBS", "CHANGE_NOUNS"):
    globals()[_name] = Lexicon(globals()[_name])
