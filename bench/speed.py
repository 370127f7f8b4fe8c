#!/usr/bin/env python3
"""Throughput, scaling, memory and latency (`make bench-speed`).

Builds a corpus of 1,000 documents in bench/work/corpus from ../shared/articles and NewsQuant
sentences (never committed), then in one run measures:
  * evfacts with -j 1 and -j 2 on the whole corpus (documents/s, sentences/s, peak RSS);
  * CQE 2.0.3 and quantulum3 (from .bench-venv) on the first PEER_DOCS documents, one core, taking
    turns with evfacts PEER_ROUNDS times (medians)
    (single-core runs pinned with taskset), and every system's start-up on a one-word file, so the
    rates compare both with and without it;
  * wall latency of `evfacts extract one-file.txt` against bare `python -c "import spacy"`;
  * time to the first record of `evfacts extract CORPUS | head -1` (-j 1 and -j 2), and the store:
    a first run into `-o x.sqlite`, a re-run with nothing new, and a re-run after `touch` (read, not parsed).
Sentences are counted once with one regex for every system, so the rates compare.
Writes bench/results/speed.md.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = ROOT / "bench" / "work"
CORPUS = WORK / "corpus"
EVFACTS = str(ROOT / ".venv" / "bin" / "evfacts")
PY = str(ROOT / ".venv" / "bin" / "python")
BENCH_PY = str(ROOT / ".bench-venv" / "bin" / "python")
N_DOCS = 1000
PEER_DOCS = int(os.environ.get("PEER_DOCS", "200"))
PEER_ROUNDS = int(os.environ.get("PEER_ROUNDS", "3"))
#: single-core runs are pinned to one CPU when taskset exists, so no library thread uses a second
ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_corpus() -> list[Path]:
    CORPUS.mkdir(parents=True, exist_ok=True)
    articles = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "articles").glob("*.txt"))]
    sentences = []
    for name in ("dev", "currency", "dimension"):
        sentences += [" ".join(i["text"].split()) for i in json.loads((SHARED / "eval" / "newsquant" / f"{name}.json").read_text())]
    paths = []
    # NewsQuant documents: 4 paragraphs of 3 sentences drawn at random (seeded). There are 574 sentences for
    # 9,000 places, so a sentence recurs; a paragraph does not. A paragraph recurring across documents would
    # be learned as the platform's template by evfacts' batch cleaner and skipped (see clean_repeats),
    # which would leave evfacts less text to read than the peers.
    rng = random.Random(20261126)
    for i in range(N_DOCS):
        if i % 4 == 0:
            text = articles[(i // 4) % len(articles)]  # identical copies: a repost, never a template
        else:
            paras = [" ".join(rng.sample(sentences, 3)) for _ in range(4)]
            text = "\n\n".join(paras) + "\n"
        p = CORPUS / f"doc-{i:04d}.txt"
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def count_sentences(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        for para in p.read_text(encoding="utf-8").splitlines():
            if para.strip():
                n += len(SENT.split(para.strip()))
    return n


def timed(cmd: list[str], env=None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process of this run: os.wait4 reports the child
    and the descendants it waited for, so -j 2 gives the larger of main process and workers)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def first_record(cmd: list[str]) -> float:
    """Seconds until the first line of stdout (the run is stopped then)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdout.readline()
    seconds = time.perf_counter() - t0
    proc.kill()
    proc.wait()
    return seconds


def resume_times(jobs: int = 2) -> dict[str, float]:
    """The store on the corpus: a first run, a re-run with nothing new, a re-run after touching every file."""
    store = WORK / "resume.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    cmd = [EVFACTS, "extract", str(CORPUS), "-j", str(jobs), "-q", "-o", str(store)]
    out = {"first run": timed(cmd)[0], "re-run, nothing new": timed(cmd)[0]}
    for p in CORPUS.iterdir():
        os.utime(p)
    out["re-run after touch (read, not parsed)"] = timed(cmd)[0]
    return out


def main() -> int:
    paths = build_corpus()
    n_sent = count_sentences(paths)
    peer_paths = paths[:PEER_DOCS]
    n_peer_sent = count_sentences(peer_paths)
    rows = []
    for jobs in (1, 2):
        s, mb = timed((ONE_CORE if jobs == 1 else []) + [EVFACTS, "extract", str(CORPUS), "-f", "jsonl", "-j", str(jobs)])
        rows.append((f"evfacts -j {jobs}", len(paths), n_sent, s, mb))
        print(rows[-1], file=sys.stderr)
    empty = WORK / "startup.txt"  # one short sentence: every system loads its models for it
    empty.write_text("Hello.\n", encoding="utf-8")
    env = dict(os.environ, LC_ALL="en_US.UTF-8", LANG="en_US.UTF-8")
    commands = {"evfacts": (ONE_CORE + [EVFACTS, "extract", "-f", "jsonl", "-j", "1"], None),
                "cqe": (ONE_CORE + [BENCH_PY, str(ROOT / "bench" / "speed_peer.py"), "cqe"], env),
                "quantulum3": (ONE_CORE + [BENCH_PY, str(ROOT / "bench" / "speed_peer.py"), "quantulum3"], env)}
    # the systems take turns, PEER_ROUNDS times, and each keeps its median: this machine's speed
    # drifts by 10-20% over minutes, which one run after the other would put into the ratios
    # the sentence-per-line shape: the same sentences, one a line (`extract --lines`; the peers read
    # a line at a time anyway), where the cost per document dominates
    sentence_file = WORK / "sentences.txt"
    sentence_file.write_text("\n".join(s for p in peer_paths for para in p.read_text(encoding="utf-8").splitlines()
                                        if para.strip() for s in SENT.split(para.strip())) + "\n", encoding="utf-8")
    runs: dict = {k: [] for k in commands}
    line_runs: dict = {k: [] for k in commands if k != "quantulum3"}
    startups: dict = {k: [] for k in commands}
    for _ in range(PEER_ROUNDS):
        for system, (cmd, e) in commands.items():
            runs[system].append(timed(cmd + list(map(str, peer_paths)), env=e))
            startups[system].append(timed(cmd + [str(empty)], env=e)[0])  # imports and models
            if system in line_runs:
                line_runs[system].append(timed(cmd + (["--lines"] if system == "evfacts" else []) + [str(sentence_file)], env=e))
            print(system, runs[system][-1], startups[system][-1], line_runs.get(system, [None])[-1], file=sys.stderr)
    line_seconds = {k: statistics.median(s for s, _ in v) for k, v in line_runs.items()}
    peer_seconds = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
    startup = {k: statistics.median(v) for k, v in startups.items()}
    s1 = peer_seconds["evfacts"]
    rows.append(("evfacts -j 1 (peer subset)", len(peer_paths), n_peer_sent, s1, max(mb for _, mb in runs["evfacts"])))
    peer_rates = {}
    for system in ("cqe", "quantulum3"):
        rows.append((system, len(peer_paths), n_peer_sent, peer_seconds[system], max(mb for _, mb in runs[system])))
        peer_rates[system] = n_peer_sent / peer_seconds[system]
    # the floor: the spaCy model alone on the same documents, start-up included as for the others
    for stage in ("parser", "parser+ner"):
        s, mb = timed(ONE_CORE + [PY, str(ROOT / "bench" / "speed_spacy.py"), stage, *map(str, peer_paths)])
        rows.append((f"spaCy sm alone: {stage.replace('parser', 'tagger+parser').replace('+ner', ' + NER')}",
                     len(peer_paths), n_peer_sent, s, mb))
        print(rows[-1], file=sys.stderr)
    one = str(paths[0])
    lat = statistics.median(timed([EVFACTS, "extract", one, "-f", "jsonl"])[0] for _ in range(5))
    base = statistics.median(timed([PY, "-c", "import spacy"])[0] for _ in range(5))
    firsts = {jobs: statistics.median(first_record([EVFACTS, "extract", str(CORPUS), "-f", "jsonl", "-j", str(jobs)])
                                      for _ in range(3)) for jobs in (1, 2)}
    resume = resume_times()
    ev_rate = n_peer_sent / s1
    j1 = next(r for r in rows if r[0] == "evfacts -j 1")
    j2 = next(r for r in rows if r[0] == "evfacts -j 2")
    lines = ["# Speed (`make bench-speed`)", "",
             f"Corpus: {len(paths)} documents ({n_sent:,} sentences) built from ../shared/articles and NewsQuant",
             f"sentences. Peers run on the first {len(peer_paths)} documents ({n_peer_sent:,} sentences), taking turns with",
             f"evfacts {PEER_ROUNDS} times (median seconds shown). Times are wall seconds including start-up; RSS is the peak of",
             "the largest single process of the run (a worker, for -j 2).", "",
             "| system | documents | sentences | seconds | sentences/s | peak RSS MB |", "|---|---|---|---|---|---|"]
    for name, docs, sents, s, mb in rows:
        lines.append(f"| {name} | {docs} | {sents:,} | {s:.1f} | {sents / s:,.0f} | {mb:.0f} |")
    for system, s in line_seconds.items():
        mb = max(m for _, m in line_runs[system])
        lines.append(f"| {system}, one sentence a line{' (`--lines`)' if system == 'evfacts' else ''} | {n_peer_sent:,} "
                     f"| {n_peer_sent:,} | {s:.1f} | {n_peer_sent / s:,.0f} | {mb:.0f} |")
    steady = {"evfacts": n_peer_sent / (s1 - startup["evfacts"])}
    steady.update({k: n_peer_sent / (peer_seconds[k] - startup[k]) for k in peer_seconds})
    lines += ["", f"Start-up (the same command on a file holding \"Hello.\", median of {PEER_ROUNDS}) and the rate without it:", "",
              "| system | start-up s | sentences/s after start-up |", "|---|---|---|"]
    lines += [f"| {k} | {startup[k]:.2f} | {steady[k]:,.0f} |" for k in ("evfacts", "cqe", "quantulum3")]
    lines += ["",
              (f"- evfacts (one core) vs CQE: **{ev_rate / peer_rates['cqe']:.1f}×** sentences/s wall, start-up included; "
              f"**{steady['evfacts'] / steady['cqe']:.1f}×** after start-up. vs quantulum3: {ev_rate / peer_rates['quantulum3']:.1f}× "
              f"and {steady['evfacts'] / steady['quantulum3']:.1f}×."),
              f"- one sentence a line, evfacts `--lines` vs CQE: **{line_seconds['cqe'] / line_seconds['evfacts']:.1f}×**, start-up included.",
              f"- -j 2 vs -j 1 on {len(paths)} documents: **{j1[3] / j2[3]:.2f}×**.",
              f"- `evfacts extract one-file.txt`: {lat:.2f} s wall (median of 5); bare `python -c \"import spacy\"`: {base:.2f} s.",
              f"- first record of `evfacts extract CORPUS | head -1` (median of 3): -j 1 {firsts[1]:.2f} s, -j 2 {firsts[2]:.2f} s.",
              "- the store (`-j 2 -o x.sqlite`): " + "; ".join(f"{k} {v:.1f} s" for k, v in resume.items()) + "."]
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
