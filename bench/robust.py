#!/usr/bin/env python3
"""Hostile input shapes (`make bench-robust`): how the time to extract grows with the input.

Each shape is a named generator of text of a given size (tests/hostile_shapes.py, shared with the
linear-time test of `make test`): figures flattened from tables, lists of figures, phone lists, runs
of symbols, words mixed with digits, long digit strings, other scripts' digits. Every shape is
run at each size of ROBUST_SIZES (characters, ×4 steps) through `evfacts extract` as one document;
the table gives the seconds beyond start-up (start-up is measured on a one-word file) and the growth
between the last two sizes (×4 input: linear work grows ~×4). A run over ROBUST_TIMEOUT seconds is
stopped and the shape's larger sizes are skipped.

    python bench/robust.py                      # every shape, writes bench/results/robust.md
    python bench/robust.py 1-1-1 digits         # only the shapes named
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from hostile_shapes import SHAPES  # the shapes the linear-time test uses

PY = str(ROOT / ".venv" / "bin" / "python")
SIZES = [int(s) for s in os.environ.get("ROBUST_SIZES", "1250,5000,20000").split(",")]
TIMEOUT = float(os.environ.get("ROBUST_TIMEOUT", "60"))
OUT = ROOT / "bench" / "results" / "robust.md"


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
