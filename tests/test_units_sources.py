"""Units and currencies from maintained sources: CLDR's currencies (data/currencies.cldr.json) and
quantulum3's unit database (data/units.catalog.json), each with a table of sentences that must read
as the unit given and near-misses that must not.

Each case is (text, value, unit): the sentence yields a figure with that value and that unit (None:
a bare number or none at all with that unit, see `test_*_near_miss`).
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from evfacts import nlp
from evfacts.claims import units as L
from evfacts.claims.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def figures(pipeline, text):
    doc = pipeline(text)
    return [q for s in doc.sents for q in find_quantities(s)]


def units_of(pipeline, text, value):
    return [q.unit for q in figures(pipeline, text) if math.isclose(q.value, value, rel_tol=1e-9)]


# ----------------------------------------------------------------------------- currencies (CLDR)
CURRENCY = [
    ("He paid Ksh 5 billion for the land.", 5e9, "KES"),
    ("The bus fare is 300 tenge in Almaty.", 300, "KZT"),
    ("The loan was 2.5 billion hryvnias.", 2.5e9, "UAH"),
    ("A bowl of pho costs 45,000 dong in Hanoi.", 45000, "VND"),
    ("The levy raised 12 million forints.", 1.2e7, "HUF"),
    ("The ticket costs 50 zł in Warsaw.", 50, "PLN"),
    ("The project cost ₴1.2 billion.", 1.2e9, "UAH"),
    ("The firm paid 2.3 billion Swedish kronor.", 2.3e9, "SEK"),
    ("The fine was 2,000 CZK.", 2000, "CZK"),
    ("A room costs 1,200 Kč a night.", 1200, "CZK"),
    ("The tablet costs ₦150,000 in Lagos.", 150000, "NGN"),
    ("The fund raised 40 billion Kazakhstani tenge.", 4e10, "KZT"),
    ("Exports earned 3.1 billion Ghanaian cedis.", 3.1e9, "GHS"),
    ("The plant cost Rp 2 trillion.", 2e12, "IDR"),
    ("The Singapore unit raised S$2 million.", 2e6, "SGD"),
    ("Brazil's Petrobras paid R$45 a share.", 45, "BRL"),
]
CURRENCY_NEAR_MISS = [  # a code, name or symbol that is a word, an acronym or a unit here
    ("The COP 28 summit opened in Dubai.", 28),
    ("The fund targets an IRR 15% return.", 15),
    ("The cable is AWG 12 copper.", 12),
    ("The team scored 5 real goals.", 5),
    ("She bought 5 gold medals.", 5),
    ("ALL 5 members voted yes.", 5),
    ("The ship sailed at 20 kn.", 20),
    ("The shelf is 6 Ft long.", 6),
]


@pytest.mark.parametrize("text,value,unit", CURRENCY, ids=[c[0][:40] for c in CURRENCY])
def test_currency_from_cldr(pipeline, text, value, unit):
    assert unit in units_of(pipeline, text, value), [(q.text, q.value, q.unit) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value", CURRENCY_NEAR_MISS, ids=[c[0][:40] for c in CURRENCY_NEAR_MISS])
def test_currency_near_miss(pipeline, text, value):
    got = units_of(pipeline, text, value)
    assert not [u for u in got if u in L.CUR_PREFIX.values()], got


def test_cldr_currency_data_is_generated():
    """The data file is what scripts/gen_currencies.py writes from CLDR (babel)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_currencies.py"), "--check"], check=False)
    assert proc.returncode == 0


def test_cldr_codes_exclude_words():
    data = json.loads((ROOT / "evfacts" / "data" / "currencies.cldr.json").read_text(encoding="utf-8"))
    assert {"KES", "KZT", "UAH", "PLN", "VND"} <= set(data["codes"])
    assert not {"ALL", "TOP", "COP", "CUP", "MAD", "PEN"} & set(data["codes"])
    assert data["symbols"]["zł"] == "PLN" and "kr" not in data["symbols"]
