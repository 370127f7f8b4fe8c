"""Companies: which ORG entities of a parsed text are companies, under one name each.

The pipeline (`evfacts.nlp`) has already labelled well-known companies `ORG` with their canonical
name in `ent_id_`, and pre-empted non-companies with other labels (`GOV`, `MARKET`, `MEDIA`,
`PRODUCT`). Here the remaining ORG entities from NER are judged by rules:

- rejected: names from `data/not_companies.jsonl` in any case or form (`Nasdaq, Inc.`), all-caps
  words that are not known companies (`ROSE`, `EV`, tickers such as `AAPL`, `QCOM.O`), names with
  digits (`Galaxy S24`, `Tablet 7 Ultra`), lower-case starts, product-style endings (`Pro`, `Ultra`),
  public bodies (`... Department`, `... Commission`) and boards (`Board of Directors`);
- normalised: leading `the`, possessive `’s`, a known company followed by a place
  (`Volkswagen China` → `Volkswagen`), a legal suffix (`Inc.`);
- merged per document: `Microchip` and `Microchip Technology` count as one company.
"""
from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from evfacts.claims.view import doc_ents, doc_text

COMPANY_LABEL = "ORG"
#: the word lists below live in data/name_words.toml
_WORDS = tomllib.loads(resources.files("evfacts").joinpath("data/name_words.toml").read_text(encoding="utf-8"))
#: words that make an ORG name a body, a product or a section rather than a company
NOT_COMPANY_WORDS = set(_WORDS["not_company_words"])
#: last words of the name of a newspaper, magazine or broadcaster ("Los Angeles Times", "CBS Sports"):
#: a publication quoted as a source, not a company of the claim (a name of two words or more: "Tribune"
#: alone may be the publisher)
MEDIA_ENDINGS = set(_WORDS["media_endings"])
#: nouns right after a name that make it a product or an index ("the Mobile DnF game", "the KBW Banking index")
PRODUCT_NOUNS_AFTER = set(_WORDS["product_nouns_after"])
#: words between "the" and a one-word name that make it a product: "the new Sportback"
PRODUCT_LEADS = set(_WORDS["product_leads"])
#: last words of a company's name: "Graham Holdings", "Mack Trucks" are no people
CORPORATE_WORDS = set(_WORDS["corporate_words"])
PRODUCT_ENDINGS = set(_WORDS["product_endings"])
LEGAL_SUFFIX = re.compile(r"(?:,?\s+(?:Inc|Corp|Co|Company|Corporation|Incorporated|Ltd|Limited|PLC|plc|LLC|AG|SA|NV|SE|"
                          r"A/S|ASA|AB|GmbH|S\.A|N\.V|S\.p\.A|SpA|KGaA|Oyj|Ltda|Bhd|Tbk|K\.K)\.?)+$")
POSSESSIVE = re.compile(r"\s*['’]s?$")
ACRONYM = re.compile(r"^[A-Z0-9&.\-]+$")


@dataclass(frozen=True)
class Lexicon:
    """Known companies and non-companies; read-only, so one run's additions never reach another."""

    canonical: Mapping[str, str]  # lower-cased surface form -> canonical name
    rejected: frozenset[str]  # lower-cased names of non-companies

    def extended(self, names=(), not_companies=()) -> Lexicon:
        """A new lexicon with a user's companies added and non-companies removed from it."""
        canonical, rejected = dict(self.canonical), set(self.rejected)
        for name in names:
            canonical[name.lower()] = name
            rejected.discard(name.lower())
        for name in not_companies:
            rejected.add(name.lower())
            canonical.pop(name.lower(), None)
        return Lexicon(MappingProxyType(canonical), frozenset(rejected))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon (data/companies.jsonl, data/not_companies.jsonl)."""
    canonical, rejected = {}, set()
    data = resources.files("evfacts").joinpath("data")
    for line in data.joinpath("companies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = json.loads(line)
            canonical[p["pattern"].lower()] = p.get("id") or p["pattern"]
    for line in data.joinpath("not_companies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rejected.add(json.loads(line)["pattern"].lower())
    return Lexicon(MappingProxyType(canonical), frozenset(rejected))


TICKER_TAIL = re.compile(r"(?:\s*\((?:[A-Z]+:\s*)?[A-Z0-9.\-]*\)?|\s+[A-Z0-9]{1,6}\.[A-Z]{1,2}|(?<=[a-z])[A-Z]{1,5}\.[A-Z]{1,2})$")
LEADING_WORDS = set(_WORDS["leading_words"])
NAME_LINKS = set(_WORDS["name_links"])


def normalise(text: str) -> str:
    text = " ".join(text.split())
    text = TICKER_TAIL.sub("", text)
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = POSSESSIVE.sub("", text)
    text = LEGAL_SUFFIX.sub("", text).strip(" ,.;:-–—|/()[]\"'“”‘’")
    return text


#: banks and research houses: as the subject of "estimates", "expects", "said" they are a source,
#: not what the figure is about, and never the company "the company" points back to
ANALYST_FIRMS = set(_WORDS["analyst_firms"])


#: words before a name that make it a person: "CEO Tim Cook", "Tech reviewer Marques Brownlee"
PERSON_CUES = set(_WORDS["person_cues"])
#: single words NER calls ORG that are common nouns here: "the Company", "The Numbers"
COMMON_WORDS = set(_WORDS["common_words"])


@lru_cache(maxsize=1)
def stop_words() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def first_names() -> frozenset:
    text = resources.files("evfacts").joinpath("data").joinpath("not_companies.names.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def company_name(ent, lex: Lexicon | None = None) -> str | None:
    """The canonical company name of an entity span, or None when it is not a company."""
    if ent.label_ != COMPANY_LABEL:
        return None
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if ent.ent_id_:
        if len(ent) == 1 and prev is not None and prev.is_title and prev.lower_ in first_names() \
                and not prev.is_sent_start:
            return None  # "Mike Ford", "Henry Ford": a person of that name
        return ent.ent_id_
    words = [t for t in ent if not t.is_punct and t.tag_ != "POS"]
    if words and words[0].lower_ == "the":
        words = words[1:]
    if not words:
        return None
    if prev is not None and prev.lower_ in PERSON_CUES and len(words) <= 3:
        return None
    if prev is not None and prev.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in PERSON_CUES:
        return None  # "Director of Research Sheraz Mian"
    if person_shaped(words):
        return None
    if len(words) == 1:
        if words[0].lower_ in COMMON_WORDS or words[0].lower_ in stop_words():
            return None  # "the Company", "We"
        if (prev is not None and prev.lower_ == "the") or ent[0].lower_ == "the":
            return None  # "the Numbers", "the Company": a common noun in capitals
    if product_context(ent):
        return None
    return judge(ent.text, lex)


def person_shaped(words) -> bool:
    """Two to four title-case words with a first name before the last ("Howard Jones", "envoy to
    Ukraine Kurt Volker") and no company word at the end ("Graham Holdings")."""
    return 2 <= len(words) <= 4 and all(w.is_title for w in words) and words[-1].lower_ not in CORPORATE_WORDS \
        and any(w.lower_ in first_names() for w in words[:-1])


def product_context(ent) -> bool:
    """An ORG from NER that the words around it make a product: a product noun right after it ("the
    Mobile DnF game", "Stadia users"), a word of novelty before it ("the new Sportback"), or a known
    company right before it ("Google Stadia", "Acme e-tron Sportback")."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in PRODUCT_NOUNS_AFTER and nxt.pos_ in ("NOUN", "PROPN", "") \
            and not nxt.is_title:
        return True
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is None:
        return False
    if prev.lower_ in PRODUCT_LEADS and len(ent) <= 2:
        return True
    k = ent.start - 1
    while k > 0 and doc[k].is_lower and doc[k].text.count("-") and k > ent.start - 3:
        k -= 1  # "Audi e-tron Sportback": a model word between maker and name
    maker = doc[k]
    return bool(maker.ent_type_ == "ORG" and maker.ent_id_ and maker.whitespace_ != "" and not maker.is_punct)


def judge(text: str, lex: Lexicon | None = None) -> str | None:
    """Name-only rules for an ORG from NER: the company name, or None (lex: the run's lexicon,
    the packaged one by default)."""
    lex = lex or lexicon()
    name = normalise(text)
    if len(name) < 2:
        return None
    low = name.lower()
    if low in lex.canonical:
        return lex.canonical[low]
    if low in lex.rejected or low.rstrip(".") in lex.rejected:
        return None
    words = name.split()
    # a known company followed by a place or a unit: "Volkswagen China", "Tesla Shanghai"
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n]).lower()
        if head in lex.canonical:
            return lex.canonical[head]
        if head in lex.rejected:
            return None
    if not name[0].isupper() and not name[0].isdigit():
        return None
    if any(ch.isdigit() for ch in name):
        return None
    if all(ACRONYM.match(w) for w in words):  # ROSE, EV, AAPL, QCOM.O: not a company we know
        return None
    if words[0].lower() in LEADING_WORDS:
        return None  # "Across Japan", "In Europe": a phrase NER took for a name
    if any(w.isalpha() and w.islower() and w not in NAME_LINKS for w in words):
        return None  # "Focus moves back", "Prediction for": a phrase, not a name
    lw = [w.lower().strip(".,") for w in words]
    if any(w in NOT_COMPANY_WORDS for w in lw) or lw[-1] in PRODUCT_ENDINGS:
        return None
    if len(lw) >= 2 and lw[-1].strip("’'") in MEDIA_ENDINGS:
        return None  # "Los Angeles Times", "CBS Sports": a publication
    if words[-1].lower() in NAME_LINKS or words[0].lower() in NAME_LINKS - {"de", "la", "le", "van", "von", "del", "di", "du"}:
        return None  # "Sabres and": a name cut short
    if "," in name or name.count("(") != name.count(")"):
        return None  # "Big Machine, Braun": a list NER ran together; "Belgium (Group I"
    if any(c in name for c in "@/:|") or "http" in low or ".com" in low and low not in lex.canonical:
        return None
    return name


#: "Clorox (CLX)", "Danske Bank A/S (DANSKE.CO)", "Nvidia (NASDAQ: NVDA)": a name with its ticker
TICKERED = re.compile(
    r"(?<![\w&.'’-])((?:[A-Z][\w&.'’/-]*\s+){0,4}[A-Z][\w&.'’/-]*)\s*\((?:(?:NASDAQ|Nasdaq|NYSE|NYSEARCA|NYSEAMERICAN|"
    r"OTC|OTCMKTS|TSX|TSXV|LSE|LON|HKEX|HKG|HK|SHA|SHE|SZSE|SSE|TYO|TSE|ETR|EPA|FRA|BIT|SIX|ASX|KRX)\s*:\s*)?"
    r"[A-Z]{1,5}(?:[./][A-Z]{1,3})?\)")
#: words before "Name (TICKER)" that are not part of the name (parsed or not): "Consider Peloton (PTON)"
TICKER_LEAD = set(_WORDS["ticker_lead"])
BLOCKING_LABELS = {"GOV", "MARKET", "MEDIA", "PRODUCT", "GENERIC", "GPE", "LOC", "NORP"}


def doc_mentions(doc, lex: Lexicon | None = None) -> list[tuple[int, int, int, str, str]]:
    """(start_char, end_char, first token index, name, how) for every company mention of a doc;
    how: `lexicon`, `ner` or `ticker` (named with its ticker: "Clorox (CLX)")."""
    out = []
    for ent in doc_ents(doc):
        if 0 < ent.start and ent.end < len(doc) and doc[ent.start - 1].text == ":" and doc[ent.end].text == ")":
            continue  # the ticker in "PDD Holdings (NASDAQ: PDD)" is no second mention
        name = company_name(ent, lex)
        if name:
            out.append((ent.start_char, ent.end_char, ent.start, name, "lexicon" if ent.ent_id_ else "ner"))
    if "(" in doc_text(doc):
        out = sorted(out + _tickered(doc, out, lex))
    if SUFFIXED_GATE.search(doc_text(doc)):
        out = sorted(out + _suffixed(doc, out, lex))
    return out


#: "Corvant Inc", "Trivani Motors Ltd", "Halden Foods plc": capitalised words before a legal form
SUFFIXED = re.compile(
    r"(?<![\w&.'’-])((?:[A-Z][\w&'’-]*\s+(?:&\s+)?){0,3}[A-Z][\w&'’-]*),?\s+"
    r"(?:Inc|Corp|Ltd|Limited|PLC|plc|LLC|AG|SA|NV|SE|GmbH|Corporation|Incorporated|Holdings)\b\.?")
SUFFIXED_GATE = re.compile(r"\s(?:Inc|Corp|Ltd|Limited|PLC|plc|LLC|AG|SA|NV|SE|GmbH|Corporation|Incorporated|Holdings)\b")


def _suffixed(doc, found, lex: Lexicon | None = None) -> list[tuple[int, int, int, str, str]]:
    """Companies NER missed that the text names with their legal form: "Corvant Inc on Thursday
    reported"; not a name with a place, person or product of NER in it."""
    extra = []
    text = doc_text(doc)
    for m in SUFFIXED.finditer(text):
        s, e = m.span(1)
        span = doc.char_span(s, e, alignment_mode="expand")
        while span is not None and len(span) > 1 and (span[0].lower_ in LEADING_WORDS | TICKER_LEAD or span[0].pos_ in (
                "VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ")):
            span = span[1:]
        if span is None or any(t.ent_type_ in BLOCKING_LABELS | {"PERSON", "DATE", "MONEY"} for t in span):
            continue
        if any(x[0] < m.end() and span.start_char < x[1] for x in found):
            continue
        name = judge(span.text, lex)
        if name and name.lower() not in COMMON_WORDS:
            extra.append((span.start_char, span.end_char, span.start, name, "suffix"))
    return extra


def add_named_again(mentions: list, docs: list) -> list:
    """A company first named with its legal form ("Corvant Inc") or an appositive ("Barratt Redrow,
    the largest housebuilder") is the same company where the
    article names it without ("Corvant said", "Shares of Trivani"): its name, or the first word of
    a longer one, as a capitalised word that no other name covers."""
    names = {m[3] for ms, doc in zip(mentions, docs) for m in ms if m[4] in ("suffix", "appos")
             or SUFFIXED_GATE.search(doc_text(doc)[m[0]:m[1] + 6])}
    if not names:
        return mentions
    forms = {}
    for name in names:
        forms[name] = name
        first = name.split()[0]
        if len(first) > 3 and first.lower() not in COMMON_WORDS and first.lower() not in stop_words():
            forms.setdefault(first, name)
    pattern = re.compile(r"(?<![\w&.'’-])(" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                         + r")(?![\w&-])")
    out = []
    for ms, doc in zip(mentions, docs):
        extra = []
        for m in pattern.finditer(doc_text(doc)):
            s, e = m.span(1)
            if any(x[0] < e and s < x[1] for x in ms):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or any(t.ent_type_ in BLOCKING_LABELS for t in span):
                continue
            extra.append((s, e, span.start, forms[m.group(1)], "suffix"))
        out.append(sorted(ms + extra) if extra else ms)
    return out


def _tickered(doc, found, lex: Lexicon | None = None) -> list[tuple[int, int, int, str]]:
    """Companies NER missed but the text names with a ticker: "Clorox (CLX) rallied"."""
    extra = []
    text = doc_text(doc)
    for m in TICKERED.finditer(text):
        s, e = m.span(1)
        words = m.group(1).split()
        while words and words[0].lower() in LEADING_WORDS | TICKER_LEAD:
            s += text[s:].index(words[0]) + len(words[0])
            s += len(text[s:]) - len(text[s:].lstrip())
            words = words[1:]
        if not words or any(m[0] < e and s < m[1] for m in found):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        while span is not None and len(span) > 1 and span[0].pos_ in ("VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ"):
            span = span[1:]  # "Consider Peloton Interactive (PTON)"
        if span is None or any(t.ent_type_ in BLOCKING_LABELS for t in span):
            continue
        s, words = span.start_char, span.text.split()
        name = judge(" ".join(words), lex)
        if name:
            extra.append((s, e, span.start, name, "ticker"))
    return extra


#: words before a name that make it a person wherever in the article it stands ("Gov. Kristi Noem" ->
#: "Noem said" is a person too)
TITLE_CUES = set(_WORDS["title_cues"])


def people_names(docs) -> set[str]:
    """Names and surnames of the people of an article: NER's PERSON entities ("Adam Neumann" ->
    "Neumann") and title-case names after a title or role ("Gov. Kristi Noem", "coach Jane Roe")."""
    out = set()
    # a one-word name is a person when NER calls it PERSON more often than ORG ("Nexon" once each is
    # the company), or as often and it is a first name
    single = Counter()
    for doc in docs:
        for ent in doc_ents(doc):
            if ent.label_ == "PERSON" or (ent.label_ == COMPANY_LABEL and not ent.ent_id_ and person_shaped(
                    [t for t in ent if not t.is_punct and t.tag_ != "POS"])):
                words = [t.text for t in ent if t.is_alpha]
                if len(words) > 1:
                    out.add(" ".join(words))
                    out.add(words[-1])
                    single[words[0]] += 1  # "LeBron" of "LeBron James"
                elif words:
                    single[words[0]] += 1
            elif ent.label_ == COMPANY_LABEL and len(ent) == 1:
                single[ent.text] -= 1
        for i in _cue_positions(doc):
            t = doc[i]
            if t.i + 1 >= len(doc):
                continue
            words = []
            for w in doc[t.i + 1:t.i + 4]:
                if not (w.is_title and w.is_alpha) or w.ent_id_ or w.ent_type_ in BLOCKING_LABELS:
                    break
                words.append(w.text)
            if words and (len(words) > 1 or t.text.endswith(".")):
                out.add(" ".join(words))
                out.add(words[-1])
    return out | {w for w, n in single.items() if n > 0 or (n == 0 and w.lower() in first_names())}


def _cue_positions(doc) -> list[int]:
    """Indexes of the tokens of doc that are title cues (one array look-up, not a Token per word)."""
    from spacy.attrs import LOWER

    if not len(doc):
        return []
    cues = _cue_hashes()
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in cues]


@lru_cache(maxsize=1)
def _cue_hashes() -> frozenset:
    from spacy.strings import StringStore

    strings = StringStore()  # a string's hash is the same in every store
    return frozenset(strings.add(c) for c in TITLE_CUES)


def lower_words(docs) -> frozenset:
    """The words an article writes in lower case (alphabetic tokens), from the docs' arrays."""
    import numpy as np
    from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH

    out, strings = set(), None
    for doc in docs:
        if len(doc):
            arr = doc.to_array([ORTH, IS_LOWER, IS_ALPHA])
            out.update(np.unique(arr[(arr[:, 1] == 1) & (arr[:, 2] == 1), 0]).tolist())
            strings = doc.vocab.strings
    return frozenset(strings[h] for h in out) if out else frozenset()


def heading_like(doc) -> bool:
    """A short line in title case ("Pre-Workout Meal", "Pos Player Plays % Stats"): a heading or a
    table header, where NER calls any capitalised phrase a name."""
    from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER

    if not len(doc):
        return False
    arr = doc.to_array([IS_ALPHA, IS_TITLE, IS_UPPER])
    alpha = arr[:, 0] == 1
    n = int(alpha.sum())
    return 0 < n <= 10 and int(((arr[:, 1] == 1) | (arr[:, 2] == 1))[alpha].sum()) >= 0.7 * n


def named_mid_sentence(mentions: list, docs: list) -> set[str]:
    """Names of company mentions that stand inside a sentence of running text, where a capital
    means a name (not at a sentence start, not in a heading)."""
    out = set()
    for ms, doc in zip(mentions, docs):
        if ms and not heading_like(doc):
            out.update(m[3] for m in ms if 0 <= m[2] < len(doc) and not doc[m[2]].is_sent_start)
    return out


def drop_people(mentions: list, people: set[str], lower_words: frozenset = frozenset(), doc=None,
                mid_sentence: set = frozenset()) -> list:
    """Company mentions that are not the name of a person of the article (known companies stay):
    the name itself, or a name ending in a person's name of two words ("Ukraine Kurt Volker").
    lower_words: words the article also writes in lower case; a one-word name among them that the
    article never capitalises inside a sentence (`mid_sentence`) is a common word ("Fertilizer" of a
    headline, "Public" at a sentence start; not "Target" in "shares of Target"), and so is a name of
    such words in a heading (`doc`, the segment: "Post-Workout Meal")."""
    out = []
    full = {p for p in people if " " in p}
    heading = doc is not None and lower_words and heading_like(doc)
    for m in mentions:
        name = m[3]
        if m[4] == "ner":
            words = name.split()
            if name in people or (len(words) <= 4 and any(name.endswith(" " + p) for p in full)):
                continue
            if len(words) == 1 and name.lower() in lower_words and name not in mid_sentence:
                continue
            if heading and name not in mid_sentence and all(
                    w in lower_words for w in re.findall(r"[^\W\d_]+", name.lower())):
                continue
        out.append(m)
    return out


def add_mislabelled(mentions: list, docs: list, people: set[str]) -> list:
    """NER sometimes calls a company of the article a person in one sentence ("Nexon surged 20%"
    after "Nexon’s sales"): a PERSON entity whose text is a company named elsewhere in the article
    and no person's name is a mention of that company."""
    known = {m[3] for ms in mentions for m in ms if m[4] == "ner"}
    if not known:
        return mentions
    out = []
    for ms, doc in zip(mentions, docs):
        extra = [(e.start_char, e.end_char, e.start, e.text, "ner") for e in doc_ents(doc)
                 if e.label_ == "PERSON" and e.text in known and e.text not in people]
        out.append(sorted(ms + extra) if extra else ms)
    return out


def merge_names(counts: Counter) -> dict[str, str]:
    """Map short forms onto the longer name they start: Microchip -> Microchip Technology."""
    names = list(counts)
    alias = {}
    for a in names:
        longer = [b for b in names if b != a and b.lower().startswith(a.lower() + " ")]
        if len(longer) == 1:
            alias[a] = longer[0]
    return alias


def count(mentions: list[str]) -> list[tuple[str, int]]:
    """Mentions in document order -> [(name, mentions)], most mentioned first, then first seen."""
    c = Counter(mentions)
    alias = merge_names(c)
    merged = Counter()
    for name in mentions:
        merged[alias.get(name, name)] += 1
    return merged.most_common()
