#!/usr/bin/env python3
"""Boilerplate removal side by side: evfacts, trafilatura and jusText, same scorer, one run.

    make bench-clean

Scores `../shared/eval/score_clean.py lines` on the labelled reposts and on the page-text dumps
(`dumps/aeb`: the reader's copy of 181 web pages, the article with the page around it), and `html`
on the article-extraction-benchmark pages for each system (peers through bench/peer_clean.py), times
`evfacts clean --explain` on a folder of 1,000 reposts, and writes bench/results/clean.md.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_clean.py"
PY = str(ROOT / ".venv" / "bin" / "python")
SYSTEMS = {"evfacts": str(ROOT / ".venv" / "bin" / "evfacts"),
           "trafilatura": f"{PY} {ROOT / 'bench' / 'peer_clean.py'} trafilatura",
           "jusText": f"{PY} {ROOT / 'bench' / 'peer_clean.py'} justext"}


def score(mode: str, paths: list[str], cmd: str) -> dict:
    out = subprocess.run([PY, str(SCORER), mode, *paths, "--cmd", cmd, "--json"], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    reposts = sorted(str(p) for p in (SHARED / "eval" / "reposts").glob("*.json"))
    html = [str(SHARED / "eval" / "html" / "aeb")]
    dumps = sorted(str(p) for p in (SHARED / "eval" / "dumps" / "aeb").glob("*.json"))
    rows = []
    for name, cmd in SYSTEMS.items():
        r, d, h = score("lines", reposts, cmd), score("lines", dumps, cmd), score("html", html, cmd)
        rows.append((name, r, d, h))
        print(f"{name:12} reposts F1 {r['boilerplate_F1']:.3f}  dumps F1 {d['boilerplate_F1']:.3f}  "
              f"html F1 {h['F1']:.3f}", file=sys.stderr)
    # clean --explain on 1,000 reposts
    texts = sorted((SHARED / "eval" / "reposts").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(1000):
            shutil.copy(texts[i % len(texts)], Path(tmp) / f"repost-{i:04d}.txt")
        t0 = time.perf_counter()
        subprocess.run([SYSTEMS["evfacts"], "clean", "--explain", "-f", "jsonl", tmp], check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - t0
    lines = ["# Boilerplate removal (`make bench-clean`)", "",
             "Same scorer (`../shared/eval/score_clean.py`), same files, one run. Reposts: 30 labelled",
             "financial-news reposts, a dropped line is the positive class. Dumps: the page text of 181",
             "web pages (the article with about 25 lines of the page around it), labelled the same way.",
             "HTML: 181 pages of the article-extraction-benchmark, 4-word shingle P/R/F1 against the",
             "gold article text.", "",
             ("| system | reposts F1 | reposts accuracy | dumps P | dumps R | dumps F1 | dumps accuracy "
             "| html P | html R | html F1 |"),
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r, d, h in rows:
        lines.append(f"| {name} | {r['boilerplate_F1']:.3f} | {r['line_accuracy']:.3f} | {d['boilerplate_P']:.3f} | "
                     f"{d['boilerplate_R']:.3f} | {d['boilerplate_F1']:.3f} | {d['line_accuracy']:.3f} | "
                     f"{h['P']:.3f} | {h['R']:.3f} | {h['F1']:.3f} |")
    lines += ["", f"`evfacts clean --explain -f jsonl` on a folder of 1,000 reposts: {seconds:.1f} s wall."]
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "clean.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
