"""Regular expressions with a pre-filter: skip a pattern on a text that cannot hold a match.

Most rule patterns can only match where some literal word is present (`quarter`, `fiscal`, `@`,
a month name). `literals(pattern)` reads that set off the parsed pattern — one of its strings is
in every match — and `Gated` checks it with `in` on the case-folded text before running the
pattern. The check is a necessary condition only, so results are the same with or without it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the regex parser, to find the literal words a pattern cannot match without
    import re._constants as _sc
    import re._parser as _sp
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]


def _required(items, min_len: int) -> list[str] | None:
    """Literal strings (case-folded) one of which every match of the parsed items contains, or None.
    Of several such sets, the one whose shortest string is longest (the most selective)."""
    best: list[str] | None = None

    def consider(cands: list[str] | None) -> None:
        nonlocal best
        if cands and min(map(len, cands)) >= min_len and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    run: list[str] = []
    for op, av in items:
        if op is _sc.LITERAL:
            run.append(chr(av).casefold())
            continue
        consider(["".join(run)] if run else None)
        run = []
        if op is _sc.SUBPATTERN:
            consider(_required(av[-1], min_len))
        elif op is _sc.BRANCH:
            alts = [_required(b, min_len) for b in av[1]]
            if all(alts):
                consider([x for a in alts for x in a])  # type: ignore[union-attr]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2], min_len))
    consider(["".join(run)] if run else None)
    return best


def literals(pattern: str | re.Pattern, flags: int = 0, min_len: int = 1) -> tuple[str, ...] | None:
    """The case-folded literals one of which is in every match of `pattern`, or None if the
    analysis finds none (a pattern of digits and classes only)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        need = _required(_sp.parse(pattern, flags & ~re.UNICODE), min_len)
    except Exception:  # pragma: no cover - the pattern compiles; the analysis is only an optimisation
        return None
    if not need:
        return None
    # a literal holding a shorter one adds nothing to the check ("added" is in any text "add" is in)
    need = sorted(set(need), key=len)
    kept: list[str] = []
    for w in need:
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
