#!/usr/bin/env python3
"""Run a peer (cqe | quantulum3) over files, paragraph by paragraph, for bench/speed.py."""
import sys
import warnings
from pathlib import Path

sys.path.insert(0, __import__("os").path.dirname(__file__))
from peers import cqe_predictor, quantulum_predictor

warnings.filterwarnings("ignore")
predict = {"cqe": cqe_predictor, "quantulum3": quantulum_predictor}[sys.argv[1]]()
n = 0
for path in sys.argv[2:]:
    for para in Path(path).read_text(encoding="utf-8").splitlines():
        if para.strip():
            try:
                n += len(predict(para))
            except Exception:  # noqa: BLE001, S112 — a peer crashing on one paragraph loses that paragraph only
                continue
print(n)
