"""The boilerplate cue lexicon of `evfacts.cleaner`: the packaged cues of `data/boilerplate.toml` and
the user's own (`[clean] cues` / `[[clean.cue]]` in `evfacts.toml`), compiled once.

A user's pattern runs under the `regex` module with a time limit (`TimedPattern`), and is refused
when it is empty, matches an empty line or backtracks on long lines.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from evfacts import rx
from evfacts.config import strings


@dataclass(frozen=True)
class Cue:
    name: str
    reason: str
    #: (literals one of which must occur in the lower-cased line, pattern) — a fast pre-filter
    parts: tuple[tuple[tuple[str, ...] | None, re.Pattern], ...] = ()
    role: str = "boilerplate"
    where: str = "any"  # any | head | tail
    max_words: int = 0
    block: bool = True
    kind: str = "line"  # line | cta | header
    #: the literals of all parts together (None if a part has none): most lines hold none of them,
    #: and one check then rules the whole cue out
    need: tuple[str, ...] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        needs = [n for n, _ in self.parts]
        if needs and all(n is not None for n in needs):
            object.__setattr__(self, "need", rx.minimal(x for n in needs for x in n))  # type: ignore[union-attr]

    def search(self, norm: str, low: str) -> bool:
        need = self.need
        if need is not None and not any(map(low.__contains__, need)):
            return False
        for need, pattern in self.parts:
            if need is not None and not any(map(low.__contains__, need)):
                continue
            if pattern.search(norm):
                return True
        return False


def _prefilter(pattern: str) -> tuple[str, ...] | None:
    """The literals one of which every match of a cue pattern holds (cue patterns are matched
    ignoring case); strings under 3 characters make no useful filter."""
    return rx.literals(pattern, re.IGNORECASE, min_len=3)


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    weak_promo: re.Pattern


def _compile(patterns: list[str], name: str) -> re.Pattern:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"boilerplate cue {name!r}: bad regular expression: {e}") from None


#: the most time a user's cue pattern may take on one line; past it the cue does not match the line
USER_CUE_SECONDS = 0.05
#: lines on which a pattern with nested quantifiers (`(a+)+$`, `(\w+\s?)+$`) backtracks for ever
_HOSTILE_LINES = tuple(unit * (2000 // len(unit)) + "!" for unit in ("a", "1", " ", "ab ", "-", "a1 ", "a."))


@dataclass(frozen=True)
class TimedPattern:
    """A user's cue pattern (from `evfacts.toml`), run by the `regex` module under a time limit."""

    pattern: regex.Pattern
    seconds: float = USER_CUE_SECONDS

    def search(self, text: str):
        try:
            return self.pattern.search(text, timeout=self.seconds)
        except TimeoutError:
            return None


def _user_pattern(p: Any, name: str) -> TimedPattern:
    """A user's cue pattern, refused (ValueError) when it is no string, empty, matches an empty line
    (it would drop every line), is no regular expression, or backtracks on long lines."""
    if not isinstance(p, str):
        raise ValueError(f"boilerplate cue {name!r}: a pattern must be a string, not {type(p).__name__} {p!r}")
    if not p.strip():
        raise ValueError(f"boilerplate cue {name!r}: empty pattern (it would match every line)")
    try:
        compiled = regex.compile(p, regex.IGNORECASE | regex.VERSION0)
    except regex.error as e:
        raise ValueError(f"boilerplate cue {name!r}: bad regular expression: {e}") from None
    timed = TimedPattern(compiled)
    if timed.search("") is not None:
        raise ValueError(f"boilerplate cue {name!r}: {p!r} matches an empty line (it would drop every line)")
    try:
        for line in _HOSTILE_LINES:
            compiled.search(line, timeout=USER_CUE_SECONDS * 4)
    except TimeoutError:
        raise ValueError(f"boilerplate cue {name!r}: {p!r} takes too long on long lines "
                         "(nested quantifiers such as (a+)+ backtrack); simplify it") from None
    return timed


#: the keys of a [[clean.cue]] table and the types they take
_CUE_KEYS = {"name": str, "reason": str, "patterns": (str, list), "role": str, "where": str, "max_words": int,
             "block": bool, "kind": str}


def _check_cue_table(t: Any) -> dict:
    if not isinstance(t, dict):
        raise ValueError(f"a boilerplate cue must be a table, not {type(t).__name__} {t!r}")
    for key, value in t.items():
        want = _CUE_KEYS.get(key)
        if want is None:
            raise ValueError(f"boilerplate cue: unknown key {key!r} (known: {', '.join(_CUE_KEYS)})")
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ValueError(f"boilerplate cue: {key} must be {getattr(want, '__name__', 'a string or a list')}, "
                             f"not {type(value).__name__} {value!r}")
    return t


def _cue_from_table(t: dict, user: bool = False) -> Cue:
    if user:
        t = _check_cue_table(t)
    name = str(t.get("name") or t.get("reason") or "cue")
    pats = t.get("patterns") or []
    if isinstance(pats, str):
        pats = [pats]
    if user:
        parts = tuple((_prefilter(p), _user_pattern(p, name)) for p in pats)
    else:
        parts = tuple((_prefilter(p), _compile([p], name)) for p in pats)
    return Cue(name=name, reason=str(t.get("reason", "boilerplate")), parts=parts,
               role=str(t.get("role", "boilerplate")), where=str(t.get("where", "any")),
               max_words=int(t.get("max_words", 0)), block=bool(t.get("block", True)),
               kind=str(t.get("kind", "line")))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("evfacts").joinpath("data/boilerplate.toml").read_text(encoding="utf-8"))
    cues = tuple(_cue_from_table(t) for t in data.get("cue", []))
    weak = _compile(data.get("weak", {}).get("promo", [r"\bfree\b"]), "weak.promo")
    return Lexicon(cues, weak)


def _cfg(config: Any, key: str, default=None):
    """Read a setting from a dict (optionally under a "clean" table) or an object attribute."""
    if config is None:
        return default
    for src in (config, _get(config, "clean")):
        if src is None:
            continue
        v = _get(src, key)
        if v is not None:
            return v
    return default


def _get(obj: Any, key: str):
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def _user_cues(config: Any) -> list[Cue]:
    """[[clean.cue]] tables like the packaged file, or {reason: [patterns]} under "cues"/"boilerplate_cues"."""
    extra: list[Cue] = []
    tables = _cfg(config, "cue", None) or []
    if not isinstance(tables, list | tuple):
        raise ValueError(f"[[clean.cue]] must be a list of tables, not {type(tables).__name__}")
    for t in tables:
        if isinstance(t, dict) and not t.get("patterns"):  # a cue that would silently do nothing
            raise ValueError(f"boilerplate cue {t.get('name') or t.get('reason') or ''!r}: no patterns "
                             "(give it patterns = ['...'], or remove it)")
        extra.append(_cue_from_table(t, user=True))
    more = _cfg(config, "cues", None)
    more = _cfg(config, "boilerplate_cues", None) if more is None else more
    if isinstance(more, dict):
        for reason, pats in more.items():
            extra.append(_cue_from_table({"name": f"user-{reason}", "reason": reason,
                                          "patterns": strings(pats, f"[clean.cues] {reason}")}, user=True))
    elif more is not None:
        for p in strings(more, "[clean] cues"):
            extra.append(_cue_from_table({"name": "user-cue", "reason": "boilerplate", "patterns": [p]}, user=True))
    return extra
