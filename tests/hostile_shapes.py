"""Hostile input shapes: named generators of text of a given size.

Each shape is a kind of line real pages hold or a red team writes: tables of figures flattened to
text, lists of figures, phone lists, runs of one symbol, words mixed with digits, long digit
strings, runs of brackets, scores, CSV and TSV rows, other scripts' digits. `SHAPES[name](n)` gives
about n characters of it. tests/test_linear_time.py times every pattern and the whole pipeline on
each shape at n and 4n; bench/robust.py times `evfacts extract` on each at three larger sizes.
"""
from __future__ import annotations

import random
from collections.abc import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _seeded(alphabet: str) -> Callable[[int], str]:
    return lambda n: "".join(random.Random(n).choice(alphabet) for _ in range(n))


def _then(fill: str, tail: str) -> Callable[[int], str]:
    return lambda n: fill * max(0, n - len(tail)) + tail


def _words(words: list[str]) -> Callable[[int], str]:
    def make(n: int) -> str:
        rng = random.Random(n)
        return " ".join(rng.choice(words) for _ in range(n // 3))[:n]
    return make


def _list_of_figures(n: int) -> str:
    rng = random.Random(n)
    return ", ".join(str(rng.randint(10, 99)) for _ in range(n // 4))[:n]


def _nested(n: int) -> str:
    return "(" * (n // 2) + "1" + ")" * (n - n // 2 - 1)


_PROSE = "Acme's revenue rose 9% to $2.1 billion in the third quarter, while margins fell 40 basis points. "
_MIXED = ["rev", "Q3", "up", "9", "7.5%", "$2", "bn", "vs", "2024", "EPS", "1.2", "down", "m", "(3)", "-4%"]
_NUMBER_WORDS = ["one", "two", "three", "hundred", "thousand", "million", "half", "dozen", "and", "a", "of"]

#: name -> generator(size) -> text
SHAPES: dict[str, Callable[[int], str]] = {
    # the red team's shapes
    "1-1-1": _repeat("1-"),
    "phone-like": _repeat("1 (2) "),
    "figure-list": _list_of_figures,
    "symbols": _seeded("$%()[]\"'#*&"),
    "1 1 1": _repeat("1 "),
    "%%%": _repeat("%"),
    "1 to 1": _repeat("1 to "),
    "$$$": _repeat("$"),
    "###": _repeat("#"),
    "table-row": _repeat("| 1 "),
    ">>> 13%": _then(">", " 13%"),
    "[[[ 13%": _then("[", " 13%"),
    "words-digits": _words(_MIXED),
    "digits": _repeat("1234567890"),
    # more of the same families
    "1.1.1": _repeat("1."),
    "1,1,1": _repeat("1,"),
    "$1 $1": _repeat("$1 "),
    "1% 1%": _repeat("1% "),
    "1/1/1": _repeat("1/"),
    "(((1)))": _nested,
    "up 1%": _repeat("up 1% "),
    "1 million": _repeat("1 million "),
    "between-and": _repeat("between 1 and 2 and "),
    "years": _repeat("2021 2022 "),
    "no-spaces": _repeat("a"),
    "1 - 1 - 1": _repeat("1 - "),
    "1:1:1": _repeat("1:"),
    "1x1x1": _repeat("1x"),
    "1e1e1": _repeat("1e"),
    "10^10^": _repeat("10^"),
    "1×10^1×": _repeat("1×10^"),
    "csv-row": _repeat("12,3.4,-5,"),
    "tsv-row": _repeat("12\t3.4\t"),
    "semicolons": _repeat("1;2;"),
    "Q1 Q2": _repeat("Q1 Q2 H1 FY24 "),
    "ordinals": _repeat("1st 2nd 3rd "),
    "(1) (1)": _repeat("(1) "),
    "$1.1bn": _repeat("$1.1bn "),
    "£1/£1": _repeat("£1/"),
    "1 in 1 in": _repeat("1 in "),
    "from-to": _repeat("from 1 to 2 "),
    "per-per": _repeat("1 per "),
    "per cent": _repeat("1 per cent of "),
    "number-words": _words(_NUMBER_WORDS),
    "dots": _repeat("."),
    "dashes": _repeat("-"),
    "spaces-digit": _then(" ", "1%"),
    "quotes": _repeat("'\""),
    "md-links": _repeat("[1]("),
    "url-like": _repeat("a.b/"),
    "mail-like": _repeat("a@b."),
    "arabic-indic": _repeat("١٢٣ "),
    "fullwidth": _repeat("１２３％ "),
    "a1a1": _repeat("a1"),
    "1 a 1 a": _repeat("1 a "),
    "prose": _repeat(_PROSE),
}
