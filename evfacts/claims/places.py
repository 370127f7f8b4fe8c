"""Places: countries and regions named in a sentence (data/places.jsonl, demonyms), told apart from people and companies."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from evfacts.claims.words import PLACE_LABELS


def _clean_np(tokens) -> str:
    toks = list(tokens)
    while toks and (toks[0].dep_ in ("det", "poss", "predet", "case") or toks[0].is_punct or toks[0].tag_ == "POS"
                    or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
        toks = toks[:-1]
    return "".join(t.text_with_ws for t in toks).strip()


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjectives of places: "Chinese" -> "China" (data/places.demonyms.json)."""
    import json

    return json.loads(resources.files("evfacts").joinpath("data").joinpath("places.demonyms.json").read_text(encoding="utf-8"))


def _place_name(ent) -> str:
    """"the United States" -> "United States", "China's" -> "China"; "U.S." keeps its stops."""
    text = " ".join(ent.text.split())
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return re.sub(r"['’]s?$", "", text).strip(" ,;:")


@lru_cache(maxsize=1)
def known_places() -> frozenset:
    """Lower-cased names of data/places.jsonl and the places of its demonyms."""
    import json

    text = resources.files("evfacts").joinpath("data").joinpath("places.jsonl").read_text(encoding="utf-8")
    names = {json.loads(line)["pattern"].lower() for line in text.splitlines()
             if line.strip() and isinstance(json.loads(line)["pattern"], str)}
    return frozenset(names | {v.lower() for v in demonyms().values()})


def is_place(ent, people=frozenset()) -> bool:
    """A country, region or public body that may be a subject: not a name with digits, and not a
    name the article gives a person ("Sondland" of "Gordon Sondland") unless it is a known place."""
    if not (ent.label_ in PLACE_LABELS or ent.label_ == "GOV") or any(ch.isdigit() for ch in ent.text):
        return False
    if people:
        name = _place_name(ent)
        if name in people and name.lower() not in known_places():
            return False
    return True
