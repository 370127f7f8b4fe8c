"""Regular expressions with a pre-filter: skip a pattern on a text that cannot hold a match.

Most rule patterns can only match where some literal word is present (`quarter`, `fiscal`, `@`,
a month name). `literals(pattern)` reads that set off the parsed pattern — one of its strings is
in every match — and `Gated` checks it with `in` on the case-folded text before running the
pattern. The check is a necessary condition only, so results are the same with or without it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


try:  # the regex parser, to find the literal words a pattern cannot match without
    import re._constants as _sc
    import re._parser as _sp
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]


def _required(items, min_len: int, fold: bool = True) -> list[str] | None:
    """Literal strings (case-folded unless fold is False) one of which every match of the parsed items
    contains, or None. Of several such sets, the one whose shortest string is longest (the most selective)."""
    best: list[str] | None = None

    def consider(cands: list[str] | None) -> None:
        nonlocal best
        if cands and min(map(len, cands)) >= min_len and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    run: list[str] = []
    for op, av in items:
        if op is _sc.LITERAL:
            run.append(chr(av).casefold() if fold else chr(av))
            continue
        consider(["".join(run)] if run else None)
        run = []
        if op is _sc.SUBPATTERN:
            consider(_required(av[-1], min_len, fold))
        elif op is _sc.BRANCH:
            alts = [_required(b, min_len, fold) for b in av[1]]
            if all(alts):
                consider([x for a in alts for x in a])  # type: ignore[union-attr]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2], min_len, fold))
    consider(["".join(run)] if run else None)
    return best


#: an inline flag group that may turn on case-insensitive matching: "(?i)", "(?i:", "(?ix)"
_INLINE_I = re.compile(r"\(\?[a-zA-Z]*i")


def literals(pattern: str | re.Pattern, flags: int = 0, min_len: int = 1, cased: bool = False) -> tuple[str, ...] | None:
    """The case-folded literals one of which is in every match of `pattern`, or None if the
    analysis finds none (a pattern of digits and classes only).

    cased: the literals as written, one of which is in every match as it stands in the text (not
    case-folded); None for a pattern that matches any part ignoring case."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    if cased and (flags & re.IGNORECASE or _INLINE_I.search(pattern)):
        return None
    return _literals(pattern, int(flags), min_len, cased)


@lru_cache(maxsize=None)
def _literals(pattern: str, flags: int, min_len: int, cased: bool) -> tuple[str, ...] | None:
    try:
        need = _required(_sp.parse(pattern, flags & ~re.UNICODE), min_len, not cased)
    except Exception:  # pragma: no cover - the pattern compiles; the analysis is only an optimisation
        return None
    if not need:
        return None
    return minimal(need)


def minimal(needs) -> tuple[str, ...]:
    """The literals of an any-of check without those holding a shorter one, which add nothing to it
    ("added" is in any text "add" is in), sorted."""
    kept: list[str] = []
    for w in sorted(set(needs), key=len):
        if not any(k in w for k in kept):
            kept.append(w)
    return tuple(sorted(kept))


class Gated:
    """A compiled pattern and its literals: `search`/`finditer` on (text, folded text) run the
    pattern only if one of the literals is in the folded text (`text.casefold()`)."""

    __slots__ = ("rx", "need")

    def __init__(self, pattern: str | re.Pattern, flags: int = 0, min_len: int = 1):
        self.rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.need = literals(self.rx, min_len=min_len)

    def may_match(self, folded: str) -> bool:
        return self.need is None or any(map(folded.__contains__, self.need))

    def finditer(self, text: str, folded: str) -> Iterator[re.Match]:
        return self.rx.finditer(text) if self.may_match(folded) else iter(())

    def search(self, text: str, folded: str) -> re.Match | None:
        return self.rx.search(text) if self.may_match(folded) else None


_LEADING_DIGIT = re.compile(r"^(\(\?i\))?\\b\\d(\+|\*|\{(\d+)(?:,(\d*))?\})?")


def digit_first(pattern: str) -> str:
    """The same pattern written to start with the digit: `\\b\\d+...` becomes `\\d(?<!\\w\\d)\\d*...`.

    A pattern whose first item is a character class lets the regex engine jump from one candidate
    character to the next in C; a leading `\\b` makes it try every position. The boundary before a
    digit is the same as "the character before the digit is not a word character", which a
    lookbehind over two characters says once the digit is consumed. Other patterns are returned as
    they are."""
    m = _LEADING_DIGIT.match(pattern)
    if not m:
        return pattern
    flags, q, lo, hi = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    rest = pattern[m.end():]
    if q is None:
        more = ""
    elif q == "+":
        more = r"\d*"
    elif q == "*":
        return pattern  # "\b\d*" may match no digit at all
    elif hi is None:  # {n}
        more = "" if int(lo) == 1 else rf"\d{{{int(lo) - 1}}}"
    elif hi == "":  # {n,}
        more = rf"\d{{{max(int(lo) - 1, 0)},}}"
    else:  # {n,m}
        if int(lo) < 1:
            return pattern
        more = rf"\d{{{int(lo) - 1},{int(hi) - 1}}}"
    return flags + r"\d(?<!\w\d)" + more + rest


#: characters that case-insensitive matching takes for an ASCII letter but `str.casefold` does not turn
#: into it ("ı" matches "i"; "İ" folds to two characters), and characters that fold into ASCII letters
#: ("ß" -> "ss", "ﬁ" -> "fi"): a text holding one has no word set (tests/test_rx.py checks the list)
FOLD_UNSAFE = re.compile("[\u00df\u0130\u0131\u0149\u017f\u01f0\u1e96-\u1e9a\u1e9e\u212a\ufb00-\ufb06]")
_ASCII_RUN = re.compile("[a-z]+")


def words(text: str, folded: str) -> frozenset[str] | None:
    """The runs of ASCII letters of `folded` (`text.casefold()`), or None where `text` holds a
    character of FOLD_UNSAFE. A case-insensitive pattern can match a whole ASCII word (a word boundary
    or a character that is not a letter on both sides) only if that word, case-folded, is in the set."""
    if FOLD_UNSAFE.search(text) is not None:
        return None
    return frozenset(_ASCII_RUN.findall(folded))


_LEADING_WORDS = re.compile(r"^\\b\(\?:((?:[a-z]+\|)*[a-z]+)\)")
#: characters case-insensitive matching takes for an ASCII letter besides its two cases, with that letter
#: (long s, Kelvin sign, dotless i, dotted capital I)
ASCII_TWINS = {"\u017f": "s", "\u212a": "k", "\u0131": "i", "\u0130": "i"}
_FOLD_EXTRA = "".join(ASCII_TWINS)


def word_first(pattern: str, flags: int) -> str:
    """A case-insensitive pattern that starts with a word of an alternation, `\\b(?:march|may|...)`,
    written to start with a class of the words' first letters: `(?-i:[mM...])(?<!\\w.)(?:(?<=m)arch|...)`.

    The class is case-sensitive (all the cases spelt out), so the engine jumps between candidate letters in
    C; the lookbehinds say what `\\b` and the first letter said, and the alternatives keep their order.
    Other patterns are returned as they are."""
    m = _LEADING_WORDS.match(pattern)
    if not m or not flags & re.IGNORECASE:
        return pattern
    ws = m.group(1).split("|")
    firsts = sorted({w[0] for w in ws})
    cls = "".join(ch for c in firsts for ch in dict.fromkeys(c + c.upper() + _FOLD_EXTRA) if re.fullmatch(c, ch, re.I))
    return "(?-i:[" + cls + r"])(?<!\w.)(?:" + "|".join(f"(?<={w[0]}){w[1:]}" for w in ws) + ")" + pattern[m.end():]
