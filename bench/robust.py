#!/usr/bin/env python3
"""Hostile input shapes (`make bench-robust`): how the time to extract grows with the input.

Each shape is a named generator of text of a given size: figures flattened from tables, lists of
figures, phone lists, runs of symbols, words mixed with digits, long digit strings. Every shape is
run at each size of ROBUST_SIZES (characters, ×4 steps) through `evfacts extract` as one document;
the table gives the seconds beyond start-up (start-up is measured on a one-word file) and the growth
between the last two sizes (×4 input: linear work grows ~×4). A run over ROBUST_TIMEOUT seconds is
stopped and the shape's larger sizes are skipped.

    python bench/robust.py                      # every shape, writes bench/results/robust.md
    python bench/robust.py 1-1-1 digits         # only the shapes named
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SIZES = [int(s) for s in os.environ.get("ROBUST_SIZES", "1250,5000,20000").split(",")]
TIMEOUT = float(os.environ.get("ROBUST_TIMEOUT", "60"))
OUT = ROOT / "bench" / "results" / "robust.md"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _seeded(alphabet: str) -> Callable[[int], str]:
    return lambda n: "".join(random.Random(n).choice(alphabet) for _ in range(n))


def _then(fill: str, tail: str) -> Callable[[int], str]:
    return lambda n: fill * max(0, n - len(tail)) + tail


def _mixed(n: int) -> str:
    words = ["rev", "Q3", "up", "9", "7.5%", "$2", "bn", "vs", "2024", "EPS", "1.2", "down", "m", "(3)", "-4%"]
    rng = random.Random(n)
    return " ".join(rng.choice(words) for _ in range(n // 3))[:n]


def _list_of_figures(n: int) -> str:
    rng = random.Random(n)
    return ", ".join(str(rng.randint(10, 99)) for _ in range(n // 4))[:n]


def _prose(n: int) -> str:
    sentence = "Acme's revenue rose 9% to $2.1 billion in the third quarter, while margins fell 40 basis points. "
    return _repeat(sentence)(n)


#: name -> generator(size) -> text
SHAPES: dict[str, Callable[[int], str]] = {
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
    "words-digits": _mixed,
    "digits": _repeat("1234567890"),
    "1.1.1": _repeat("1."),
    "1,1,1": _repeat("1,"),
    "$1 $1": _repeat("$1 "),
    "1% 1%": _repeat("1% "),
    "1/1/1": _repeat("1/"),
    "(((1)))": lambda n: "(" * (n // 2) + "1" + ")" * (n - n // 2 - 1),
    "up 1%": _repeat("up 1% "),
    "1 million": _repeat("1 million "),
    "between-and": _repeat("between 1 and 2 and "),
    "years": _repeat("2021 2022 "),
    "no-spaces": _repeat("a"),
    "prose": _prose,
}


def _seconds(text: str) -> float | None:
    """Wall seconds of `evfacts extract` on text as one document, None past TIMEOUT."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text + "\n")
    t0 = time.perf_counter()
    try:
        subprocess.run([PY, "-m", "evfacts", "extract", "-f", "jsonl", f.name], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        return time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        return None
    finally:
        os.unlink(f.name)


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        print(f"unknown shape(s): {', '.join(unknown)}; known: {', '.join(SHAPES)}", file=sys.stderr)
        return 2
    startup = min(_seconds("word") or TIMEOUT for _ in range(3))
    head = " | ".join(f"{s:,} chars" for s in SIZES)
    rows = [f"| shape | {head} | growth ×{SIZES[-1] // SIZES[-2]} |", "|---" * (len(SIZES) + 2) + "|"]
    for name in names or SHAPES:
        times: list[float | None] = []
        for size in SIZES:
            t = _seconds(SHAPES[name](size)) if not times or times[-1] is not None else None
            times.append(None if t is None else max(0.0, t - startup))
        cells = [f"{t:.2f} s" if t is not None else f"> {TIMEOUT:.0f} s" for t in times]
        a, b = times[-2], times[-1]
        growth = f"×{b / a:.1f}" if a and b is not None and a > 0.05 else "—"
        rows.append(f"| `{name}` | {' | '.join(cells)} | {growth} |")
        print(rows[-1], file=sys.stderr)
    table = "\n".join(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(f"# Hostile input shapes\n\nSeconds beyond start-up ({startup:.2f} s), one document each, "
                   f"`python bench/robust.py`; growth: time ratio of the last two sizes.\n\n{table}\n",
                   encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
