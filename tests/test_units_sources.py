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


# ----------------------------------------------------------------------------- physical units (quantulum3)
UNIT = [
    ("The router runs at 5.8Ghz on the new band.", 5.8, "GHz"),
    ("The home battery stores 13.5 KWH of energy.", 13.5, "kWh"),
    ("The phone packs a 5,000 MAH cell.", 5000, "milliampere hour"),
    ("The reactor delivers 1.2 GeV protons.", 1.2, "gigaelectronvolt"),
    ("Pressure fell to 950 hPa overnight.", 950, "hectopascal"),
    ("The tanker spilled 30 bbl of crude.", 30, "barrel"),
    ("Add 2 tbsp of sugar.", 2, "tablespoon"),
    ("The bottle holds 16 fl oz of juice.", 16, "fluid ounce"),
    ("The motor produces 250 kN of thrust.", 250, "kilonewton"),
    ("The diesel makes 150 PS at 4,000 rpm.", 150, "metric horsepower"),
    ("The yacht cruises at 12 kn in calm water.", 12, "knot"),
    ("Workers near the core received 2 Sv.", 2, "sievert"),
]
UNIT_NEAR_MISS = [  # letters that are units elsewhere but words, labels or states here
    ("The 21 st century began in 2001.", 21, "pint"),
    ("He scored 5 pt in the final.", 5, "pint"),
    ("She sold 5 cd copies.", 5, "candela"),
    ("The firm has 30 MA offices.", 30, "megaampere"),
    ("They bought 2 TV sets.", 2, "teravolt"),
    ("Tesla sold 5 Tesla cars.", 5, "tesla"),
]
COMPOUND = [
    ("The tank holds 40 m^3 of water.", 40, "cubic metre"),
    ("The studio measures 30 cm2 on paper.", 30, "square centimetre"),
    ("The car brakes at 9.8 m/s2 on wet roads.", 9.8, "metre per square second"),
    ("The cell produced 25 mA/cm2 in the test.", 25, "milliampere per square centimetre"),
    ("The field strength was 5 V/m near the mast.", 5, "volt per metre"),
    ("Concrete weighs 2,400 kg/m3 when dry.", 2400, "kilogram per cubic metre"),
    ("The train reached 320 km/h on the new line.", 320, "km/h"),
]
COMPOUND_NEAR_MISS = [  # a slash or a digit after a letter that is not a unit's power
    ("Version 3 A/B tests ran for a month.", 3, "ampere per byte"),
    ("The 3 in/out ports are on the back.", 3, "inch per out"),
    ("It ranked 5 x2 in the list.", 5, "x"),
]


@pytest.mark.parametrize("text,value,unit", UNIT + COMPOUND, ids=[c[0][:40] for c in UNIT + COMPOUND])
def test_unit_from_catalog(pipeline, text, value, unit):
    got = units_of(pipeline, text, value)
    assert got and got[0] == unit, [(q.text, q.value, q.unit, q.rules) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value,unit", UNIT_NEAR_MISS + COMPOUND_NEAR_MISS,
                         ids=[c[0][:40] for c in UNIT_NEAR_MISS + COMPOUND_NEAR_MISS])
def test_unit_near_miss(pipeline, text, value, unit):
    assert unit not in units_of(pipeline, text, value)


def test_unit_catalog_names_and_cases():
    data = json.loads((ROOT / "evfacts" / "data" / "units.catalog.json").read_text(encoding="utf-8"))
    assert data["symbols_any_case"]["ghz"] == "GHz" and data["symbols_any_case"]["kwh"] == "kWh"
    assert "mw" not in data["symbols_any_case"]  # mW (milliwatt) and MW (megawatt): case decides
    assert not {"st", "pt", "cd", "MA", "TV", "T", "N"} & set(data["symbols"])
    assert L.unit_name("km") == "kilometre" and L.unit_name("milliampere") == "milliampere"
