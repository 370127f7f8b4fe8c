"""Regular expressions with a pre-filter: skip a pattern on a text that cannot hold a match.

Most rule patterns can only match where some literal word is present (`quarter`, `fiscal`, `@`,
a month name). `literals(pattern)` reads that set off the pattern (with evfacts' own reader of the
regex syntax, below) — one of its strings is
in every match — and `Gated` checks it with `in` on the case-folded text before running the
pattern. The check is a necessary condition only, so results are the same with or without it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# -- a reader of the regex syntax the rule patterns use --------------------------------------------
#
# It builds the shape the literal analysis needs: a sequence of items, each one of
#   ("lit", ch)                 a character matched as it is
#   ("in", negated, members)    a class (`[a-z]`, `\d`, `.`): no literal
#   ("at", code)                an anchor or boundary (`^`, `\b`): no literal
#   ("ref", name)               a back reference: no literal
#   ("group", _Seq)             a group whose content is required (capturing, `(?i:...)`); a plain
#                               `(?:...)` is read as its content in line (or as the body of a repeat)
#   ("branch", [_Seq, ...])     alternatives
#   ("repeat", lo, _Seq)        a quantified item, `lo` the fewest repeats (lazy or greedy)
#   ("opaque", _Seq)            what may match without its content, or is not read into: lookarounds,
#                               atomic groups, conditionals
#   ("possessive", _Seq)        a possessive repeat, not read into
# Alternatives sharing a first item have it moved in front of the branch, and alternatives of one
# character each become a class, as Python's own parser does, so that the literals chosen are the
# ones it would give. Anything not read for sure raises _Unsure: the pattern then gets no gate.


class _Unsure(ValueError):
    """A construct the reader does not know for sure (verbose patterns, an unknown escape)."""


class _Seq:
    """A sequence of items. Compared by identity, like the nested sub-patterns of Python's parser:
    two groups are never "the same first item" of two alternatives."""

    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items


_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_CATEGORIES = frozenset("dDsSwW")
_ANCHORS = frozenset("AbBZ")
_HEX = {"x": 2, "u": 4, "U": 8}
_OCTAL = frozenset("01234567")
_FLAG_LETTERS = frozenset("aiLmsux")
_REPEAT_CHARS = frozenset("*+?{")


class _Reader:
    """A recursive-descent reader over one pattern string."""

    def __init__(self, pattern: str, verbose: bool):
        if verbose:
            raise _Unsure("verbose pattern")  # whitespace and comments would need reading too
        self.s, self.i = pattern, 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def take(self, text: str) -> bool:
        if self.s.startswith(text, self.i):
            self.i += len(text)
            return True
        return False

    def pattern(self) -> list:
        items = self.alternation()
        if self.i != len(self.s):
            raise _Unsure("unbalanced parenthesis")
        return items

    def alternation(self) -> list:
        alts = [self.sequence()]
        while self.take("|"):
            alts.append(self.sequence())
        if len(alts) == 1:
            return alts[0]
        out: list = []
        while all(alts) and all(a[0] == alts[0][0] for a in alts):  # a first item common to all
            out.append(alts[0][0])
            for a in alts:
                del a[0]
        members: list = []
        for a in alts:
            if len(a) != 1 or not (a[0][0] == "lit" or (a[0][0] == "in" and not a[0][1])):
                break
            members.extend([("lit", a[0][1])] if a[0][0] == "lit" else a[0][2])
        else:  # one character each: a class
            out.append(("in", False, tuple(dict.fromkeys(members))))
            return out
        out.append(("branch", [_Seq(a) for a in alts]))
        return out

    def sequence(self) -> list:
        items: list = []
        while (c := self.peek()) and c not in "|)":
            if c in _REPEAT_CHARS:
                q = self.quantifier()
                if q is None:  # a "{" that does not open a count: the character itself
                    self.i += 1
                    items.append(("lit", "{"))
                    continue
                if not items or items[-1][0] == "at":
                    raise _Unsure("nothing to repeat")
                items[-1] = self.repeated(items[-1], *q)
                continue
            item = self.atom()
            if item is not None:
                items.append(item)
        out: list = []  # a plain group `(?:...)` not repeated is read as its content, in line
        for item in items:
            out.extend(item[1].items if item[0] == "plain" else [item])
        return out

    def quantifier(self) -> tuple[int, str] | None:
        """(fewest repeats, "" | "?" | "+" for greedy, lazy, possessive), or None for a literal "{"."""
        c = self.peek()
        if c == "{":
            j = self.i + 1
            lo = ""
            while j < len(self.s) and self.s[j].isdigit() and self.s[j].isascii():
                lo += self.s[j]
                j += 1
            if j < len(self.s) and self.s[j] == ",":
                j += 1
                while j < len(self.s) and self.s[j].isdigit() and self.s[j].isascii():
                    j += 1
            if j >= len(self.s) or self.s[j] != "}" or j == self.i + 1:
                return None
            self.i = j + 1
            least = int(lo) if lo else 0
        else:
            self.i += 1
            least = 1 if c == "+" else 0
        mode = self.peek() if self.peek() in ("?", "+") else ""
        self.i += len(mode)
        return least, mode

    @staticmethod
    def repeated(item: tuple, least: int, mode: str) -> tuple:
        if item[0] in ("repeat", "possessive"):
            raise _Unsure("multiple repeat")
        body = item[1] if item[0] == "plain" else _Seq([item])
        if mode == "+":  # possessive: like an atomic group, not read into
            return ("possessive", body)
        return ("repeat", least, body)

    def atom(self) -> tuple | None:
        c = self.peek()
        self.i += 1
        if c == "\\":
            return self.escape(in_class=False)
        if c == "[":
            return self.char_class()
        if c == "(":
            return self.group()
        if c == ".":
            return ("in", True, ())
        if c in "^$":
            return ("at", c)
        return ("lit", c)

    def escape(self, in_class: bool) -> tuple:
        c = self.peek()
        if not c:
            raise _Unsure("trailing backslash")
        self.i += 1
        if c in _CATEGORIES:
            return ("in", False, (("cat", c),))
        if c == "b" and in_class:
            return ("lit", "\b")
        if c in _ANCHORS and not in_class:
            return ("at", c)
        if c in _ESCAPES:
            return ("lit", _ESCAPES[c])
        if c in _HEX:
            digits = self.s[self.i:self.i + _HEX[c]]
            if len(digits) != _HEX[c] or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise _Unsure("bad hex escape")
            self.i += _HEX[c]
            return ("lit", chr(int(digits, 16)))
        if c == "0" or (c in _OCTAL and self.peek() in _OCTAL and self.peek(1) in _OCTAL) or (c.isdigit() and in_class):
            return self.octal(c)
        if c.isdigit():
            if not c.isascii():
                raise _Unsure("non-ASCII digit escape")
            j = self.i + (1 if self.peek().isdigit() and self.peek().isascii() else 0)
            ref, self.i = self.s[self.i - 1:j], j
            return ("ref", ref)
        if c.isascii() and c.isalpha():
            raise _Unsure(f"escape \\{c}")  # \N{...} and errors
        return ("lit", c)

    def octal(self, first: str) -> tuple:
        if first not in _OCTAL:
            raise _Unsure("bad octal escape")
        digits = first
        while len(digits) < 3 and self.peek() in _OCTAL and self.peek():
            digits += self.peek()
            self.i += 1
        value = int(digits, 8)
        if value > 0o377:
            raise _Unsure("octal escape out of range")
        return ("lit", chr(value))

    def char_class(self) -> tuple:
        negated = self.take("^")
        members: list = []
        first = True
        while True:
            c = self.peek()
            if not c:
                raise _Unsure("unterminated class")
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            lo = self.class_member()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                hi = self.class_member()
                if lo[0] != "lit" or hi[0] != "lit":
                    raise _Unsure("class range of a category")
                members.append(("range", lo[1], hi[1]))
            else:
                members.append(lo)
        if len(members) == 1 and members[0][0] == "lit":  # `[.]`: the character itself
            return ("in", True, (members[0],)) if negated else members[0]
        return ("in", negated, tuple(members))

    def class_member(self) -> tuple:
        c = self.peek()
        self.i += 1
        if c == "\\":
            item = self.escape(in_class=True)
            return item if item[0] == "lit" else item[2][0]
        return ("lit", c)

    def group(self) -> tuple | None:
        if not self.take("?"):
            return self.closed("group")
        if self.take(":"):
            return self.closed("plain")
        if self.take("P<"):
            end = self.s.find(">", self.i)
            if end < 0:
                raise _Unsure("unterminated group name")
            self.i = end + 1
            return self.closed("group")
        if self.take("P="):
            end = self.s.find(")", self.i)
            if end < 0:
                raise _Unsure("unterminated reference")
            ref, self.i = self.s[self.i:end], end + 1
            return ("ref", ref)
        if self.take("#"):
            end = self.s.find(")", self.i)
            if end < 0:
                raise _Unsure("unterminated comment")
            self.i = end + 1
            return None
        for opener in ("=", "!", "<=", "<!", ">"):
            if self.take(opener):
                return self.closed("opaque")
        if self.take("("):  # a conditional: (?(1)yes|no)
            end = self.s.find(")", self.i)
            if end < 0:
                raise _Unsure("unterminated condition")
            self.i = end + 1
            return self.closed("opaque")
        return self.flags()

    def flags(self) -> tuple | None:
        start = self.i
        while self.peek() in _FLAG_LETTERS and self.peek():
            self.i += 1
        letters = self.s[start:self.i]
        if self.take(")"):
            if "x" in letters:
                raise _Unsure("verbose pattern")
            if start != 2:
                raise _Unsure("global flags not at the start")
            return None
        if self.take("-"):
            while self.peek() in _FLAG_LETTERS and self.peek():
                self.i += 1
        if not self.take(":"):
            raise _Unsure("unknown group")
        if "x" in letters:
            raise _Unsure("verbose group")
        return self.closed("group")

    def closed(self, kind: str) -> tuple:
        body = self.alternation()
        if not self.take(")"):
            raise _Unsure("missing )")
        return (kind, _Seq(body))



def _required(items: list, min_len: int, fold: bool = True) -> list[str] | None:
    """Literal strings (case-folded unless fold is False) one of which every match of the read items
    contains, or None. Of several such sets, the one whose shortest string is longest (the most selective)."""
    best: list[str] | None = None

    def consider(cands: list[str] | None) -> None:
        nonlocal best
        if cands and min(map(len, cands)) >= min_len and (best is None or min(map(len, cands)) > min(map(len, best))):
            best = cands

    run: list[str] = []
    for item in items:
        kind = item[0]
        if kind == "lit":
            run.append(item[1].casefold() if fold else item[1])
            continue
        consider(["".join(run)] if run else None)
        run = []
        if kind == "group":
            consider(_required(item[1].items, min_len, fold))
        elif kind == "branch":
            alts = [_required(b.items, min_len, fold) for b in item[1]]
            if all(alts):
                consider([x for a in alts for x in a])  # type: ignore[union-attr]
        elif kind == "repeat" and item[1] >= 1:
            consider(_required(item[2].items, min_len, fold))
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


@cache
def _literals(pattern: str, flags: int, min_len: int, cased: bool) -> tuple[str, ...] | None:
    if not isinstance(pattern, str):
        return None
    try:
        need = _required(_Reader(pattern, bool(flags & re.VERBOSE)).pattern(), min_len, not cased)
    except (_Unsure, RecursionError):  # not read for sure: no gate, the pattern runs on every text
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
    """A pattern and its literals: `search`/`finditer` on (text, folded text) run the pattern only if
    one of the literals is in the folded text (`text.casefold()`). The pattern is compiled on first
    use: a run whose texts never hold its literals never compiles it."""

    __slots__ = ("_flags", "_pattern", "_rx", "need")

    def __init__(self, pattern: str | re.Pattern, flags: int = 0, min_len: int = 1):
        self._rx = pattern if isinstance(pattern, re.Pattern) else None
        self._pattern, self._flags = (pattern.pattern, pattern.flags) if self._rx is not None else (pattern, flags)
        self.need = literals(self._pattern, self._flags, min_len=min_len)

    @property
    def rx(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self._pattern, self._flags)
        return self._rx

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
    cls = "".join(ch for c in firsts for ch in dict.fromkeys(c + c.upper() + _FOLD_EXTRA) if re.fullmatch(c, ch, re.IGNORECASE))
    return "(?-i:[" + cls + r"])(?<!\w.)(?:" + "|".join(f"(?<={w[0]}){w[1:]}" for w in ws) + ")" + pattern[m.end():]
