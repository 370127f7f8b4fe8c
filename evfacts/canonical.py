"""Canonical entities: one `subject_id` for every spelling of a claim's subject.

- a country or a part of one: its ISO 3166 code, found by pycountry (`China` → `CN`, `USA` →
  `US`, `California` → `US-CA`) or by the names news writes that ISO does not list
  (`data/canonical.toml`: `U.S.`, `America`, `Britain` → `US`, `US`, `GB`); its adjective too
  (`Chinese` → `CN`, data/places.demonyms.json);
- a company or an exchange: a slug of its one name in the lexicon (`Xiaomi Corp` → `xiaomi`,
  `Tesla Inc` → `tesla`, `NASDAQ` → `nasdaq`);
- a market or any other noun phrase: the slug of the phrase after its owner, the owner's ID before
  a slash (`China's EV market`, `the Chinese electric vehicle market`, `EV market in China` →
  `CN/ev-market`; `global EV market` → `world/ev-market`; `oil prices` → `oil-price`).
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True)
class Entities:
    """The read-only tables `subject_id` looks names up in."""

    places: MappingProxyType  # case-folded name -> ISO code or region slug
    companies: MappingProxyType  # case-folded name -> canonical name
    qualifiers: MappingProxyType  # case-folded word -> the ID it stands for ("global" -> "world")
    synonyms: tuple  # (compiled pattern, replacement), longest first


def _data(name: str) -> str:
    return resources.files("evfacts").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _packaged() -> dict:
    return tomllib.loads(_data("canonical.toml"))


@lru_cache(maxsize=1)
def _countries() -> MappingProxyType:
    """ISO 3166-1 names (name, official and common name) and alpha-3 codes -> alpha-2 code."""
    import pycountry

    names = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.casefold()] = c.alpha_2
        names[c.alpha_3.casefold()] = c.alpha_2
    return MappingProxyType(names)


@lru_cache(maxsize=1)
def _subdivisions() -> MappingProxyType:
    """ISO 3166-2 names that only one subdivision has -> its code (`Texas` -> `US-TX`)."""
    import pycountry

    seen: dict[str, str | None] = {}
    for s in pycountry.subdivisions:
        key = s.name.casefold()
        seen[key] = None if key in seen else s.code
    return MappingProxyType({k: v for k, v in seen.items() if v})


def entities(lexicon=None) -> Entities:
    """The tables, with the companies of `lexicon` (a user's config adds names) or the packaged ones."""
    if lexicon is None:
        from evfacts.claims.companies import lexicon as packaged

        lexicon = packaged()
    places, qualifiers, synonyms = _tables()
    return Entities(places, lexicon.canonical, qualifiers, synonyms)


@lru_cache(maxsize=1)
def _tables() -> tuple:
    import json

    data = _packaged()
    places = {k.casefold(): v for k, v in data["places"].items()}
    for adjective, place in json.loads(_data("places.demonyms.json")).items():
        places.setdefault(adjective.casefold(), place)  # resolved to a code in place_id
    qualifiers = {w.casefold(): target for target, words in data["qualifiers"].items() for w in words}
    synonyms = sorted(((w, key) for key, words in data["synonyms"].items() for w in words), key=lambda p: -len(p[0]))
    patterns = tuple((re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE), key) for w, key in synonyms)
    return MappingProxyType(places), MappingProxyType(qualifiers), patterns


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: `Mercedes-Benz` -> `mercedes-benz`, `S&P 500` -> `s-p-500`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_POSSESSIVE = re.compile(r"\s*['’]s?$")
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LEGAL = re.compile(r",?\s+(?:Inc|Corp|Co|Company|Corporation|Ltd|Limited|PLC|LLC|AG|SA|NV|SE|Group|Holdings)\.?$",
                    re.IGNORECASE)


def _bare(name: str) -> str:
    name = " ".join(name.split())
    name = _LEAD.sub("", name)
    return _POSSESSIVE.sub("", name).strip(" ,;:")


_CODE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?|world")


def place_id(name: str, ents: Entities) -> str | None:
    """The ISO code (or region slug) of a place name or adjective, or None."""
    key = _bare(name).casefold()
    if not key:
        return None
    value = ents.places.get(key)
    if value is not None and not _CODE.fullmatch(value):  # an adjective's place ("Chinese" -> "China")
        key, value = value.casefold(), ents.places.get(value.casefold())
    if value is not None:
        return value
    return _countries().get(key) or _subdivisions().get(key) or (slug(key) if key in _regions() else None)


@lru_cache(maxsize=1)
def _regions() -> frozenset:
    """Places of the lexicon ISO 3166 has no code for (`Europe`, `Asia-Pacific`, `Shenzhen`): their slug."""
    from evfacts.claims.places import known_places

    return known_places()


def company_id(name: str, ents: Entities) -> str | None:
    """The slug of a company's one name in the lexicon (legal suffix dropped), or None."""
    bare = _bare(name)
    for candidate in (bare, _LEGAL.sub("", bare)):
        canonical = ents.companies.get(candidate.casefold())
        if canonical:
            return slug(canonical)
    return None


def synonyms_applied(text: str, ents: Entities) -> str:
    """text with every spelling of data/canonical.toml [synonyms] made its key ("electric vehicle" -> "ev")."""
    for pattern, key in ents.synonyms:
        text = pattern.sub(key, text)
    return text


def _phrase(text: str, ents: Entities) -> str:
    """The slug of a noun phrase with its synonyms made one and its last word singular."""
    text = synonyms_applied(text, ents)
    last = text.split()[-1] if text.split() else ""
    words = slug(text).split("-")
    if last.islower() and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith(("ss", "us", "is")):
        words[-1] = words[-1][:-1]
    return "-".join(w for w in words if w)


def _owner(words: list[str], ents: Entities) -> tuple[str, int] | None:
    """The ID of the longest leading run of words that names a place, a company or the world, and its length."""
    for n in range(min(len(words), 5), 0, -1):
        head = " ".join(words[:n])
        if n == 1 and head.casefold() in ents.qualifiers:
            return ents.qualifiers[head.casefold()], 1
        found = company_id(head, ents) or place_id(head, ents)
        if found:
            return found, n
    return None


def _in_place(words: list[str]) -> tuple[str, str] | None:
    """("EV market", "China") of "EV market in China", "sales across the United States": the phrase and
    the capitalised name after its last `in`, `of` or `across`."""
    for i in range(len(words) - 2, 0, -1):
        if words[i].lower() in ("in", "of", "across"):
            where = words[i + 1:]
            if where[0].lower() == "the":
                where = where[1:]
            if where and all(w[:1].isupper() for w in where):
                return " ".join(words[:i]), " ".join(where)
            return None
    return None


def subject_id(subject: str | None, ents: Entities | None = None) -> str | None:
    """The canonical ID of a claim's subject (see the module's docstring), None without a subject."""
    if not subject or not subject.strip():
        return None
    ents = ents or entities()
    bare = _bare(subject)
    if not bare:
        return None
    whole = company_id(bare, ents) or place_id(bare, ents)
    if whole:
        return whole
    words = bare.split()
    split = _in_place(words)
    if split and (where := place_id(split[1], ents)):
        rest = _phrase(split[0], ents)
        return f"{where}/{rest}" if rest else where
    owner = _owner(words, ents)
    if owner and owner[1] < len(words):
        rest = _phrase(" ".join(words[owner[1]:]), ents)
        return f"{owner[0]}/{rest}" if rest else owner[0]
    return _phrase(_LEGAL.sub("", bare) if bare[:1].isupper() else bare, ents) or None
