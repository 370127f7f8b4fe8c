#!/usr/bin/env python3
"""Score evfacts on two peers' own English test suites, with the NewsQuant scorer.

    .venv/bin/python bench/peer_suites.py prepare --quantulum3 GITDIR --recognizers GITDIR
    .venv/bin/python bench/peer_suites.py score                 # every suite
    .venv/bin/python bench/peer_suites.py score rt-age-temperature --errors 20

The suites are nobody's tuning data: quantulum3's `_lang/en_US/tests/quantities.json` and
Recognizers-Text's `Specs/NumberWithUnit/English/{Age,Temperature,Dimension,Currency}Model.json`.
They are not part of the project: `prepare` copies them out of local git checkouts of those
repositories into bench/work/peer/ (git-ignored), `score` converts each to NewsQuant format
(bench/work/peer/NAME.nq.json) and runs ../shared/eval/score_newsquant.py on it, so the figures
use the same pairing and unit normalisation as the NewsQuant sets.

Conversion: quantulum3's "dimensionless" is no unit; its range (a mean with an uncertainty, surface
"8- to 16-meter") is the range lo-hi, a "+/-" tolerance is the mean. Recognizers-Text results
without a value (a bare unit name in "convert 10 celsius to fahrenheit") are left out.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "peer"
SHARED = Path(os.environ.get("EVFACTS_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "eval" / "score_newsquant.py"
EVFACTS = ROOT / ".venv" / "bin" / "evfacts"

#: cached file -> (repository, path in it)
SOURCES = {
    "q3_quantities.json": ("quantulum3", "quantulum3/_lang/en_US/tests/quantities.json"),
    "rt_Age.json": ("recognizers", "Specs/NumberWithUnit/English/AgeModel.json"),
    "rt_Temperature.json": ("recognizers", "Specs/NumberWithUnit/English/TemperatureModel.json"),
    "rt_Dimension.json": ("recognizers", "Specs/NumberWithUnit/English/DimensionModel.json"),
    "rt_Currency.json": ("recognizers", "Specs/NumberWithUnit/English/CurrencyModel.json"),
}
SUITES = {
    "quantulum3": ["q3_quantities.json"],
    "rt-age-temperature": ["rt_Age.json", "rt_Temperature.json"],
    "rt-dimension": ["rt_Dimension.json"],
    "rt-currency": ["rt_Currency.json"],
}
_TOLERANCE = re.compile(r"\+/-|±")


def _number(value: float) -> str:
    return repr(float(value))


def from_quantulum(items: list) -> list:
    out = []
    for item in items:
        qs = []
        for r in item.get("res", []):
            value, unc = float(r["value"]), r.get("uncertainty")
            text = str(value) if value != int(value) or abs(value) >= 1e15 else str(int(value))
            if unc and not _TOLERANCE.search(r.get("surface", "")):
                lo, hi = value - float(unc), value + float(unc)
                text = f"{_number(lo)}-{_number(hi)}"
            unit = r.get("unit")
            qs.append({"value": text, "unit": "-" if unit in (None, "dimensionless") else unit})
        out.append({"text": item["req"], "quantities": qs})
    return out


def from_recognizers(items: list) -> list:
    out = []
    for item in items:
        qs = []
        for r in item.get("Results", []):
            res = r.get("Resolution") or {}
            if res.get("value") in (None, ""):
                continue
            q = {"value": str(res["value"]), "unit": res.get("unit") or "-"}
            if res.get("isoCurrency"):
                q["normalized_unit"] = res["isoCurrency"]
            qs.append(q)
        out.append({"text": item["Input"], "quantities": qs})
    return out


def convert(suite: str) -> Path:
    items = []
    for name in SUITES[suite]:
        path = WORK / name
        if not path.exists():
            raise SystemExit(f"{path} is missing: run `bench/peer_suites.py prepare` first")
        raw = json.loads(path.read_text(encoding="utf-8"))
        items += from_quantulum(raw) if name.startswith("q3_") else from_recognizers(raw)
    out = WORK / f"{suite}.nq.json"
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def prepare(checkouts: dict) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    for name, (repo, inner) in SOURCES.items():
        gitdir = checkouts.get(repo)
        if not gitdir:
            continue
        text = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"HEAD:{inner}"], check=True,
                              capture_output=True, text=True).stdout
        (WORK / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(json.loads(text))} items")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_newsquant", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_scorer(data: Path, predictions: Path, errors: int) -> str:
    cmd = [sys.executable, str(SCORER), str(data), "--predictions", str(predictions)]
    if errors:
        cmd += ["--errors", str(errors)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.rstrip()


def score(suites: list, errors: int) -> None:
    scorer = _scorer()
    for suite in suites:
        data = convert(suite)
        items = json.loads(data.read_text(encoding="utf-8"))
        records = scorer.run_evfacts([str(EVFACTS)], items)
        preds = WORK / f"{suite}.evfacts.jsonl"
        preds.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        print(f"== {suite}")
        print(_run_scorer(data, preds, errors))
        if suite.startswith("rt-"):  # the suite tags one kind of quantity: judge the predictions of that kind
            kinds = {scorer.canon_unit(q["unit"]) for item in items for q in item["quantities"]}
            kept = [r for r in records if scorer.canon_unit(scorer.pred_unit(r)) in kinds]
            preds.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
            print(f"== {suite} (predictions of its kinds only)")
            print(_run_scorer(data, preds, errors))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="verb", required=True)
    p = sub.add_parser("prepare", help="copy the suites out of local git directories")
    p.add_argument("--quantulum3", help="git directory of quantulum3")
    p.add_argument("--recognizers", help="git directory of Recognizers-Text")
    s = sub.add_parser("score", help="score evfacts on the suites")
    s.add_argument("suites", nargs="*", help=f"any of {', '.join(SUITES)} (default: all)")
    s.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    if args.verb == "prepare":
        prepare({"quantulum3": args.quantulum3, "recognizers": args.recognizers})
    else:
        unknown = sorted(set(args.suites) - set(SUITES))
        if unknown:
            ap.error(f"unknown suite: {', '.join(unknown)}")
        score(args.suites or list(SUITES), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
