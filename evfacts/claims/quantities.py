"""Find the figures of a sentence. (Placeholder: the full engine is issue 3.)"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBER = re.compile(r"(?<![\w.])(?:US)?([$€£¥])?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(%|percent|million|billion)?(?![\w])")
SCALE = {"million": 1e6, "billion": 1e9}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}


@dataclass
class Quantity:
    start: int  # doc-local character offsets
    end: int
    text: str
    value: float
    kind: str = "quantity"
    value_max: float | None = None
    unit: str | None = None
    approx: str | None = None
    change: str | None = None
    rules: list[str] = field(default_factory=list)


def find_quantities(sent) -> list[Quantity]:
    out = []
    base = sent.start_char
    for m in NUMBER.finditer(sent.text):
        cur, num, tail = m.groups()
        value = float(num.replace(",", ""))
        kind, unit = "quantity", None
        if tail in ("million", "billion"):
            value *= SCALE[tail]
        elif tail:
            kind, unit = "percent", "%"
        if cur:
            kind, unit = "money", CURRENCY[cur]
        out.append(Quantity(base + m.start(), base + m.end(), m.group(0), value, kind, unit=unit, rules=["number"]))
    return out
