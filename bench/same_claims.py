#!/usr/bin/env python3
"""Byte-for-byte guard for refactors: the claims (and `clean --explain` lines) of a fixed corpus.

    python bench/same_claims.py save  bench/work/claims-before   # once, on the old code
    python bench/same_claims.py check bench/work/claims-before   # after each change: differences or "same"

The corpus is read from ../shared (never copied): the 1,000 documents of `make bench-speed`, the
page texts of ../shared/eval/dumps/aeb, ../shared/articles, the reposts, the NewsQuant sentences as
`--lines` input. Each group runs as one batch (as a user would run it), so template learning is covered.
"""
from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: this checkout's code, with the interpreter that runs the script (a git worktree may use another's venv)
EVFACTS = [sys.executable, "-m", "evfacts"]
sys.path.insert(0, str(ROOT / "bench"))


def groups() -> dict[str, list[list[str]]]:
    from speed import build_corpus

    corpus = [str(p) for p in build_corpus()]
    lines = ROOT / "bench" / "work" / "newsquant-lines.txt"
    sents = []
    for name in ("dev", "currency", "dimension"):
        sents += [" ".join(i["text"].split()) for i in json.loads((SHARED / "eval" / "newsquant" / f"{name}.json").read_text())]
    lines.write_text("\n".join(sents) + "\n", encoding="utf-8")
    aeb = sorted(str(p) for p in (SHARED / "eval" / "dumps" / "aeb").glob("*.txt"))
    return {
        "corpus": [["extract", "-f", "jsonl", "-j", "2", *corpus]],
        "aeb": [["extract", "-f", "jsonl", "-j", "2", *aeb], ["clean", "--explain", *aeb]],
        "aeb-each": [["extract", "-f", "jsonl", p] for p in aeb[:20]],
        "articles": [["extract", "-f", "jsonl", str(SHARED / "articles")], ["clean", "--explain", str(SHARED / "articles")]],
        "reposts": [["extract", "-f", "jsonl", str(SHARED / "eval" / "reposts")],
                    ["clean", "--explain", str(SHARED / "eval" / "reposts")]],
        "lines": [["extract", "-f", "jsonl", "--lines", str(lines)]],
    }


def run(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, cmds in groups().items():
        with open(out / f"{name}.txt", "w", encoding="utf-8") as f:
            for cmd in cmds:
                r = subprocess.run([*EVFACTS, *cmd], check=False, capture_output=True, text=True,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
                # paths under this checkout read the same from any worktree
                f.write(f"### {' '.join(cmd[:2])} rc={r.returncode}\n{r.stdout.replace(str(ROOT), '<ROOT>')}")
        print(name, (out / f"{name}.txt").stat().st_size, "bytes", file=sys.stderr)


def main() -> int:
    mode, ref = sys.argv[1], Path(sys.argv[2])
    if mode == "save":
        run(ref)
        return 0
    new = ROOT / "bench" / "work" / "claims-now"
    run(new)
    bad = 0
    for p in sorted(ref.glob("*.txt")):
        a, b = p.read_text().splitlines(), (new / p.name).read_text().splitlines()
        if a != b:
            bad += 1
            diff = list(difflib.unified_diff(a, b, lineterm="", n=0))
            print(f"{p.name}: {len(diff)} diff lines")
            print("\n".join(diff[:40]))
    claims = sum(1 for p in ref.glob("*.txt") for line in p.read_text().splitlines() if line.startswith("{"))
    print("same" if not bad else f"{bad} groups differ", f"({claims} claim/line records compared)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
