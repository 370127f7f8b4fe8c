"""The article's entities by type, and the one the article is about (data/entities.toml).

A figure's subject is found in its clause first (`subject.SubjectFinder`); this unit says what the
article as a whole is about, so that a clause without one ("Revenue increased 8% to £412.6m",
"Adjusted operating profit of £38.2m") still gets it, and which names can never be a subject:

- **data sources**: "according to Dataforce", "data from Destatis showed", "LSEG data" — where a
  figure comes from, not what it is about (`source_tokens`); a name only ever named as a source is
  no company of the article either;
- **datelines**: "NEW YORK, July 24 (Reuters) -", "Mumbai, Oct 28 -" (`dateline_end`);
- **public bodies**: "the finance ministry", "the federal government", "the economy" without a
  named owner stand for the country the article is about (`public_body`).

The main entity (`main_entity`) is the company the title and lede name and the article names most;
without one, the country of a title or lede that names a country and no company (a budget or an
economy story).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from evfacts.claims.places import _place_name, is_place, known_places
from evfacts.claims.view import doc_ents, doc_text


@dataclass(frozen=True)
class EntityWords:
    data_nouns: frozenset
    report_verbs: frozenset
    body_nouns: frozenset
    body_not_after: frozenset
    dateline: re.Pattern
    measure_modifiers: frozenset
    measure_nouns: frozenset


@lru_cache(maxsize=1)
def words() -> EntityWords:
    data = tomllib.loads(resources.files("evfacts").joinpath("data/entities.toml").read_text(encoding="utf-8"))
    s, b = data["source"], data["public_body"]
    return EntityWords(frozenset(s["data_nouns"]), frozenset(s["report_verbs"]), frozenset(b["nouns"]),
                       frozenset(b["not_after"]), re.compile(data["dateline"]["pattern"]),
                       frozenset(data["measure"]["modifiers"]), frozenset(data["measure"]["nouns"]))


def dateline_end(text: str) -> int:
    """Where a dateline at the start of a paragraph ends ("NEW YORK, July 24 (Reuters) - "), else 0.
    A dateline has a place in capitals, a date or a news service in brackets: "Tesla - the
    automaker -" has none."""
    m = words().dateline.match(text)
    if not m:
        return 0
    head = m.group(0)
    if not (re.search(r"\b[A-Z]{2,}\b", head) or any(ch.isdigit() for ch in head) or "(" in head):
        return 0
    return m.end()


def _np_root(tok):
    """The head of the noun phrase a token stands in (through compounds, names and possessives)."""
    while tok.dep_ in ("compound", "flat", "nmod", "poss", "case", "amod") and tok.head.i != tok.i \
            and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def is_source(tok, span=None) -> bool:
    """Does this token (of the name `span`) stand in the name of a data source? "according to
    NielsenIQ", "data from Destatis showed", "LSEG data", "figures compiled by Dataforce"; not
    "Counterpoint Research" (the noun is part of the name)."""
    W = words()
    root = _np_root(tok)
    inside = span is not None and span.start <= root.i < span.end
    if root.i != tok.i and not inside and root.lower_ in W.data_nouns:
        return True  # "LSEG data", "Dataforce's figures"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if root.dep_ == "pobj" and head.lower_ in ("from", "by", "of"):
        noun = head.head
        if noun.lower_ == "compiled" or noun.lower_ in W.report_verbs:
            noun = noun.head  # "figures compiled by X"
        return noun.lower_ in W.data_nouns
    return False


def source_tokens(sent) -> set[int]:
    """Token indices of the sentence's entities that name a data source."""
    out = set()
    for ent in sent.ents:
        if any(is_source(t, ent) for t in ent):
            out.update(range(ent.start, ent.end))
    return out


def public_body(tok) -> bool:
    """A noun of a public body with no named owner: "the finance ministry", "the federal
    government", "The economy"; not "Germany's ministry" (named) nor "the state-owned firm"."""
    W = words()
    if tok.lower_ not in W.body_nouns or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(tok.children)
    if not any(c.lower_ in ("the", "its") for c in kids):
        return False
    if any(c.dep_ == "poss" or c.ent_type_ for c in kids if c.lower_ not in ("the", "its")):
        return False
    return not any(t.lower_ in W.body_not_after for t in tok.doc[tok.i + 1:tok.i + 3])


def _lede(parsed, n: int = 3) -> list:
    """The docs of the title and the first paragraphs (up to n segments with words)."""
    out = []
    for _, doc in parsed:
        if any(t.is_alpha for t in doc):
            out.append(doc)
        if len(out) >= n:
            break
    return out


def main_entity(parsed, mentions, companies, alias) -> tuple[str | None, str | None]:
    """(main company, main entity): the company the article is about, and what it is about when no
    company is (a country).

    The main company is the company of the title, when no other is named more often; else the most
    mentioned company, when the lede names it and no other company is named as often; or, wherever it
    is first named, when it is named at least three times and more than twice as often as any other."""
    ledes = _lede(parsed)
    lede = {id(d) for d in ledes}
    counts = dict(companies)
    if counts:
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        n = ranked[0][1]

        def named_in(docs):
            return [alias.get(m[3], m[3]) for ms, (_, doc) in zip(mentions, parsed) if id(doc) in docs for m in ms]

        first = named_in({id(ledes[0])} if ledes else set())
        tied = [name for name, k in ranked if k == n]
        in_title = [name for name in tied if name in first]
        if len(in_title) == 1:
            return in_title[0], in_title[0]  # the company of the title, named at least as often as any other
        top = ranked[0][0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if (top in named_in(lede) and n > second) or (n >= 3 and n > 2 * second):
            return top, top
    if companies and any(ms for ms, (_, doc) in zip(mentions, parsed) if id(doc) in lede):
        return None, None  # the lede names companies, none of them the article's
    bodies = []
    for doc in _lede(parsed):
        text = doc_text(doc)
        skip = dateline_end(text)
        for ent in doc_ents(doc):
            if ent.start_char < skip or not is_place(ent):
                continue
            name = _place_name(ent)
            if ent.label_ in ("GPE", "LOC") and name.lower() in known_places():
                return None, name  # a country or region, not the city a story was filed from
            if ent.label_ == "GOV":  # "the Reserve Bank of India": its country
                of = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)$", name)
                if of and of.group(1).lower() in known_places():
                    return None, of.group(1)
                bodies.append(name)
    return None, (bodies[0] if bodies else None)


def drop_sources(mentions: list, docs: list) -> list:
    """Drop the mentions of a name the article only ever names as a data source ("according to
    Dataforce", "data from Shanghai Metals Market showed"): a source, not a company of the article."""
    at_source, elsewhere = set(), set()
    for ms, doc in zip(mentions, docs):
        if not ms:
            continue
        if not doc.has_annotation("DEP"):
            elsewhere.update(m[3] for m in ms)
            continue
        for m in ms:
            span = doc.char_span(m[0], m[1], alignment_mode="expand")
            (at_source if span is not None and any(is_source(t, span) for t in span) else elsewhere).add(m[3])
    only = {n for n in at_source - elsewhere if not any(e.startswith(n + " ") for e in elsewhere)}  # "Kantar Group"
    if not only:
        return mentions
    return [[m for m in ms if m[3] not in only] for ms in mentions]


def appositive_companies(docs) -> list[list[tuple[int, int, int, str, str]]]:
    """Per doc, the mentions of names NER missed (or took for a person) that an appositive makes a
    company: "Barratt Redrow, the largest housebuilder, said", "Kizumo, a maker of chips"; not "Jane
    Roe, the company's chief executive" (the appositive's head is a role, not a company noun)."""
    from evfacts.claims.words import lex

    nouns = lex().company_nouns
    out = []
    for doc in docs:
        found = []
        if doc.has_annotation("DEP"):
            for ent in doc_ents(doc):
                if ent.label_ not in ("PERSON", "ORG") or any(ch.isdigit() for ch in ent.text):
                    continue
                root = ent.root
                app = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
                if app and app[0].lower_ in nouns and any(d.lower_ in ("the", "a", "an") for d in app[0].children) \
                        and not any(c.dep_ == "poss" for c in app[0].children):
                    name = " ".join(t.text for t in ent if not t.is_punct)
                    found.append((ent.start_char, ent.end_char, ent.start, name, "appos"))
        out.append(found)
    return out
