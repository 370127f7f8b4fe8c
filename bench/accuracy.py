#!/usr/bin/env python3
"""Side-by-side accuracy on NewsQuant: evfacts vs CQE 2.0.3 vs quantulum3, one scorer, one run.

    make bench-accuracy          # builds .bench-venv for the peers, then runs this

Writes bench/results/accuracy.md (system × value / value+unit / value+change P, R, F1 and
sentences per second) and bench/ERRORS.md (evfacts' remaining error classes on dev.json).
Evaluation data is read from ../shared/eval; nothing of it is copied into the project.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVFACTS_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "eval" / "score_newsquant.py"
DATASETS = ["dev", "currency", "dimension"]
EVFACTS = [str(ROOT / ".venv" / "bin" / "evfacts")]
BENCH_PY = str(ROOT / ".bench-venv" / "bin" / "python")


def score(data: Path, predictions: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(data), "--predictions", str(predictions), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_evfacts(data: Path, out: Path) -> float:
    items = json.loads(data.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for item in items:
            f.write(" ".join(item["text"].split()) + "\n")
    t0 = time.perf_counter()
    proc = subprocess.run(EVFACTS + ["extract", "--lines", "--no-clean", "-f", "jsonl", f.name],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    os.unlink(f.name)
    out.write_text(proc.stdout, encoding="utf-8")
    return seconds


def run_peer(system: str, data: Path, out: Path) -> float:
    env = dict(os.environ, LC_ALL="en_US.UTF-8", LANG="en_US.UTF-8")
    t0 = time.perf_counter()
    proc = subprocess.run([BENCH_PY, str(ROOT / "bench" / "peers.py"), system, str(data), str(out)],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0  # wall time with start-up, as for evfacts
    if proc.returncode != 0:
        raise SystemExit(f"{system} failed:\n{proc.stderr[-2000:]}")
    return seconds


def error_classes(data: Path, predictions: Path) -> list[tuple[str, int, str]]:
    out = subprocess.run([sys.executable, str(SCORER), str(data), "--predictions", str(predictions),
                          "--errors", "100000"], capture_output=True, text=True, check=True).stdout
    items = json.loads(data.read_text(encoding="utf-8"))
    classes: Counter = Counter()
    examples: dict = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        e = json.loads(line)
        if "miss" in e:
            key = "missed quantity" + (" (with unit)" if e.get("unit") not in (None, "-", "") else " (bare number)")
            ex = f"{e['miss']} {e.get('unit') or ''} — {e['text'][:140]}"
        elif "extra" in e:
            key = "extra quantity (not in gold)"
            ex = f"{e['extra']!r} — {items[e['line'] - 1]['text'][:140]}"
        elif "gold_unit" in e:
            key = "wrong unit" + (" (predicted none)" if e.get("unit") is None else "")
            ex = f"{e['value']}: got {e['unit']!r}, gold {e['gold_unit']!r} — {items[e['line'] - 1]['text'][:120]}"
        elif "gold_change" in e:
            key = f"wrong change/approx symbol (gold {e['gold_change']}, got {e['change']})"
            ex = f"{e['value']} — {items[e['line'] - 1]['text'][:140]}"
        else:
            continue
        classes[key] += 1
        examples.setdefault(key, ex)
    return [(k, n, examples[k]) for k, n in classes.most_common()]


def main() -> int:
    rows = []
    work = Path(tempfile.mkdtemp(prefix="evfacts-bench-"))
    systems = ["evfacts", "cqe", "quantulum3"]
    errors = None
    for name in DATASETS:
        data = SHARED / "eval" / "newsquant" / f"{name}.json"
        n = len(json.loads(data.read_text(encoding="utf-8")))
        for system in systems:
            pred = work / f"{system}-{name}.jsonl"
            seconds = run_evfacts(data, pred) if system == "evfacts" else run_peer(system, data, pred)
            s = score(data, pred)
            rows.append((name, system, s, n / seconds if seconds else 0.0))
            print(f"{name:9} {system:10} value F1 {s['value']['F1']:5.1f}  +unit {s['value+unit']['F1']:5.1f}  "
                  f"+change {s['value+change']['F1']:5.1f}  {n / seconds:7.1f} sent/s", file=sys.stderr)
            if system == "evfacts" and name == "dev":
                errors = error_classes(data, pred)
    lines = ["# Accuracy on NewsQuant (`make bench-accuracy`)", "",
             "Same files, same scorer (`../shared/eval/score_newsquant.py`), one run. Sentences per second",
             "are wall-clock over the whole process, start-up and model load included, for every system",
             "(2-core machine, one process each); steady-state throughput is in `bench/results/speed.md`.", "",
             "| data | system | value P | value R | value F1 | +unit P | +unit R | +unit F1 | +change P | +change R | +change F1 | sent/s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, system, s, rate in rows:
        cells = [f"{s[m][k]:.1f}" for m in ("value", "value+unit", "value+change") for k in ("P", "R", "F1")]
        lines.append(f"| {name} | {system} | " + " | ".join(cells) + f" | {rate:.0f} |")
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "accuracy.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if errors is not None:
        e = ["# Remaining errors of evfacts on NewsQuant dev (`make bench-accuracy`)", "",
             "| class | count | example |", "|---|---|---|"]
        e += [f"| {k} | {n} | {ex.replace('|', '/')} |" for k, n, ex in errors]
        (ROOT / "bench" / "ERRORS.md").write_text("\n".join(e) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
