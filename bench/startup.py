"""Start-up and throughput of `evfacts extract`, min of N runs (the machine may be shared: the
minimum is the figure least disturbed by other work).

    python bench/startup.py [--root CHECKOUT] [--runs 5]

(a) start-up: one sample article; (b) `--lines` over the peer subset's 574 sentences;
(c) the first 200 documents of the benchmark corpus. Inputs are read from the main checkout's
bench/work (written by bench/same_claims.py)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
WORK = Path("/work/main/bench/work")


def cases(root: Path) -> dict[str, list[str]]:
    corpus = sorted(str(p) for p in (WORK / "corpus").glob("*.txt"))[:200]
    return {
        "startup": ["extract", str(root / "samples" / "xiaomi-ev-2026.txt")],
        "lines": ["extract", "--lines", str(WORK / "newsquant-lines.txt")],
        "corpus200": ["extract", *corpus],
    }


def timed(args: list[str], root: Path) -> float:
    # the checkout's code (run from it: `-m` puts the working directory first on the path), with
    # bytecode cached outside the checkout, as an installed copy would have it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(Path("/tmp") / "evfacts-bench-pycache"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "evfacts", *args, "-f", "jsonl"], env=env, check=True, cwd=root,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=HERE)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    for name, args in cases(a.root).items():
        if a.only and name not in a.only:
            continue
        timed(args, a.root)  # warm: bytecode written, files in the page cache
        best = min(timed(args, a.root) for _ in range(a.runs))
        print(f"{name:10s} {best:6.2f} s  (min of {a.runs})", flush=True)


if __name__ == "__main__":
    main()
