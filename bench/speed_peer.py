#!/usr/bin/env python3
"""Run a peer (cqe | quantulum3) over files, paragraph by paragraph, for bench/speed.py."""
import sys
import warnings

sys.path.insert(0, __import__("os").path.dirname(__file__))
from peers import cqe_predictor, quantulum_predictor  # noqa: E402

warnings.filterwarnings("ignore")
predict = {"cqe": cqe_predictor, "quantulum3": quantulum_predictor}[sys.argv[1]]()
n = 0
for path in sys.argv[2:]:
    for para in open(path, encoding="utf-8").read().splitlines():
        if para.strip():
            try:
                n += len(predict(para))
            except Exception:
                pass
print(n)
