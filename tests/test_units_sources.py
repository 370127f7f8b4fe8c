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
    ("The plot covers 4 square km of forest.", 4, "square kilometre"),
    ("The lake holds 4 km cubed of water.", 4, "cubic kilometre"),
    ("The vault is 12 cu ft inside.", 12, "cubic foot"),
    ("The length of my pencil is 2 in.", 2, "in"),
    ("The door is 2 1/2 in thick.", 2.5, "in"),
]
COMPOUND_NEAR_MISS = [  # a slash or a digit after a letter that is not a unit's power
    ("Version 3 A/B tests ran for a month.", 3, "ampere per byte"),
    ("The 3 in/out ports are on the back.", 3, "inch per out"),
    ("It ranked 5 x2 in the list.", 5, "x"),
    ("Sales rose 2 in Japan.", 2, "in"),
    ("The squad has 4 square pegs.", 4, "square peg"),
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


# ----------------------------------------------------------------------------- scales, ranges, notation
SCALE = [
    ("The streaming rival lost 42m of its subscribers.", 42e6, "subscriber"),
    ("The state owns 3m of the company's shares.", 3e6, "share"),
    ("The plant employs 3 hundred thousand workers.", 3e5, "worker"),
    ("The dam holds 2 thousand million litres.", 2e9, "L"),
    ("Profit rose to £6.1m last year.", 6.1e6, "GBP"),
    ("The contract is worth RM4.5mil over three years.", 4.5e6, "MYR"),
    ("The project will cost Rs 7 crore.", 7e7, "INR"),
    ("The bank lent five and a half million dollars.", 5.5e6, "USD"),
]
SCALE_NEAR_MISS = [  # m is metres
    ("They laid 100m of the new cables.", 100, "m"),
    ("The pipe runs 42m of the way.", 42, "m"),
    ("It has 3 hundred workers.", 300, "worker"),
]
RANGE = [  # (text, value, value_max, unit)
    ("Temperatures will rise 2 to 2.5 degrees by 2100.", 2, 2.5, "degree"),
    ("The 5- to 10-metre waves hit the coast.", 5, 10, "m"),
    ("Take between 20 and 25 mg daily.", 20, 25, "milligram"),
    ("Prices range from RM80,000 to RM150,000.", 80000, 150000, "MYR"),
    ("Shares rose 3 to 4% on Monday.", 3, 4, "%"),
    ("The average adult eats 2000 - 2500 Calories a day.", 2000, 2500, None),
]
YEAR_APART = [  # a year beside a figure is not one end of a range: (text, the figure)
    ("Sales rose in 2021 to 2.2 million units.", 2.2e6),
    ("Inflation rose in 2019 to 3.5%.", 3.5),
    ("Exports fell in 2020 to $4.5 billion.", 4.5e9),
    ("Output climbed in 2018 to 12 tonnes.", 12),
]
NOTATION = [
    ("The port handled 10 000 containers.", 10000, "container"),
    ("The firm hired 2 500 000 workers.", 2.5e6, "worker"),
    ("Light travels at 3e8 m/s in a vacuum.", 3e8, "metre per second"),
    ("The error was 6.7e-4 on average.", 6.7e-4, None),
    ("The index fell −3.5% on Friday.", 3.5, "%"),
    ("Sales rose ２５% in Japan.", 25, "%"),
]
NOTATION_NEAR_MISS = [  # spaces between numbers that are not thousands; letters that are a code
    ("The team won 3 2 at home.", 32),
    ("Top 10 100m sprinters ran.", 10100),
    ("In 2019 500 people died.", 2019500),
    ("The Galaxy S4e8 sold well.", 4e8),
]


@pytest.mark.parametrize("text,value,unit", SCALE + NOTATION, ids=[c[0][:40] for c in SCALE + NOTATION])
def test_scale_and_notation(pipeline, text, value, unit):
    qs = [q for q in figures(pipeline, text) if math.isclose(abs(q.value), value, rel_tol=1e-9)]
    assert qs and qs[0].unit == unit, [(q.text, q.value, q.unit, q.rules) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value,unit", SCALE_NEAR_MISS, ids=[c[0][:40] for c in SCALE_NEAR_MISS])
def test_scale_near_miss(pipeline, text, value, unit):
    assert units_of(pipeline, text, value) == [unit]


@pytest.mark.parametrize("text,value,value_max,unit", RANGE, ids=[c[0][:40] for c in RANGE])
def test_range(pipeline, text, value, value_max, unit):
    qs = [q for q in figures(pipeline, text) if math.isclose(q.value, value)]
    assert qs and qs[0].value_max is not None and math.isclose(qs[0].value_max, value_max), \
        [(q.text, q.value, q.value_max, q.unit) for q in figures(pipeline, text)]
    if unit is not None:
        assert qs[0].unit == unit


@pytest.mark.parametrize("text,value", YEAR_APART, ids=[c[0][:40] for c in YEAR_APART])
def test_year_beside_a_figure(pipeline, text, value):
    qs = figures(pipeline, text)
    assert [q.value_max for q in qs if math.isclose(q.value, value)] == [None], [(q.text, q.value) for q in qs]
    assert not [q for q in qs if q.kind != "year" and 1800 <= q.value <= 2199 and q.value == int(q.value)]


@pytest.mark.parametrize("text,value", NOTATION_NEAR_MISS, ids=[c[0][:40] for c in NOTATION_NEAR_MISS])
def test_notation_near_miss(pipeline, text, value):
    assert not [q for q in figures(pipeline, text) if math.isclose(q.value, value)]


# ----------------------------------------------------------------------------- ages and temperatures
AGE = [  # (text, value, value_max, unit)
    ("The driver, aged 41, was taken to hospital.", 41, None, "year"),
    ("He joined the firm at the age of 41.", 41, None, "year"),
    ("She retired at age 60.", 60, None, "year"),
    ("The suspect is in his 70s, police said.", 70, 79, "year"),
    ("Most buyers are in their early 30s.", 30, 33, "year"),
    ("The founder, now in her late 50s, stepped down.", 57, 59, "year"),
    ("A 15-year-old boy was arrested on Monday.", 15, None, "year"),
    ("The boy is 5 years old.", 5, None, "year"),
]
AGE_NEAR_MISS = [  # a group's age bracket, a decade of the calendar
    ("Unemployment among people aged 25 to 54 fell.", 25),
    ("Women aged 18 found jobs.", 18),
    ("In the 70s, oil prices soared.", 70),
    ("In the early 90s sales boomed.", 90),
]
TEMPERATURE = [
    ("Highs of 72 degrees F are expected.", 72, "°F"),
    ("The water was 25 deg C.", 25, "°C"),
    ("Water boils at 100 deg celsius at sea level.", 100, "°C"),
    ("The thermostat read 68F.", 68, "°F"),
    ("Overnight lows fell to -5C in Beijing.", -5, "°C"),
    ("His temperature was 98.6 °F on admission.", 98.6, "°F"),
    ("The capacitor is rated 2.5F.", 2.5, "F"),  # a farad, not a temperature
]


@pytest.mark.parametrize("text,value,value_max,unit", AGE, ids=[c[0][:40] for c in AGE])
def test_age(pipeline, text, value, value_max, unit):
    qs = [q for q in figures(pipeline, text) if math.isclose(q.value, value)]
    assert qs and (qs[0].value_max, qs[0].unit) == (value_max, unit), [(q.text, q.value, q.unit) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value", AGE_NEAR_MISS, ids=[c[0][:40] for c in AGE_NEAR_MISS])
def test_age_near_miss(pipeline, text, value):
    assert not [q for q in figures(pipeline, text) if math.isclose(q.value, value)]


@pytest.mark.parametrize("text,value,unit", TEMPERATURE, ids=[c[0][:40] for c in TEMPERATURE])
def test_temperature(pipeline, text, value, unit):
    assert units_of(pipeline, text, value) == [unit], [(q.text, q.value, q.unit) for q in figures(pipeline, text)]


# ----------------------------------------------------------------------------- counted nouns
COUNTED = [
    ("Tesla delivered 12,400 plug-in hybrid vehicles.", 12400, "plug-in hybrid vehicle"),
    ("The city ordered 20 fuel cell buses.", 20, "fuel cell bus"),
    ("China runs 20 coal-fired power plants.", 20, "coal-fired power plant"),
    ("The maker offers 2 gas-only powertrain options.", 2, "gas-only powertrain option"),
    ("BYD sold 41,000 Model Y crossovers in May.", 41000, "crossover"),
    ("The firm sold 300 electric delivery vans.", 300, "electric delivery van"),
    ("The firm bought 350,000 graphics processing units.", 350000, "processing unit"),
]
COUNTED_NEAR_MISS = [  # no unit from a verb, an adjective alone or a hyphen spaced apart
    ("The car has 4 heated seats.", 4, "heated seat"),
    ("Sales of 300 rose - electric models led.", 300, "rose"),
    ("The plan cut 5,000 jobs.", 5000, "cut job"),
]


@pytest.mark.parametrize("text,value,unit", COUNTED, ids=[c[0][:40] for c in COUNTED])
def test_counted_noun(pipeline, text, value, unit):
    assert units_of(pipeline, text, value) == [unit], [(q.text, q.value, q.unit) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value,unit", COUNTED_NEAR_MISS, ids=[c[0][:40] for c in COUNTED_NEAR_MISS])
def test_counted_noun_near_miss(pipeline, text, value, unit):
    assert unit not in units_of(pipeline, text, value)


# ----------------------------------------------------------------------------- shares and vague amounts
SHARE = [
    ("One out of four buyers chose a hybrid.", 0.25),
    ("One in five cars sold is electric.", 0.2),
    ("About 2 in 3 voters backed the plan.", 2 / 3),
    ("Two-thirds of drivers want EVs.", 2 / 3),
    ("One fifth of cars are electric.", 0.2),
]
SHARE_NEAR_MISS = [  # a number in a span of time, a year
    ("He scored 2 in 10 minutes.", 0.2),
    ("Sales rose 5 in 2021.", 5 / 2021),
    ("She was one of 12 children.", 1 / 12),
]
VAGUE = [  # (text, value, value_max, unit)
    ("Tens of thousands of euros were lost.", 1e4, 1e5, "EUR"),
    ("He lost thousands of dollars.", 1e3, 1e4, "USD"),
    ("The deal is worth hundreds of millions of dollars.", 1e8, 1e9, "USD"),
    ("Millions of pounds were wasted.", 1e6, 1e7, "GBP"),
    ("Hundreds of millions were spent.", 1e8, 1e9, None),
    ("They hired tens of thousands of workers.", 1e4, 1e5, "worker"),
]
VAGUE_NEAR_MISS = [  # a plural that is not an order of magnitude here
    ("The crowd numbered in the hundreds.", 100),
    ("Thousands of them waited.", 1000),
]


@pytest.mark.parametrize("text,value", SHARE, ids=[c[0][:40] for c in SHARE])
def test_share(pipeline, text, value):
    assert [q for q in figures(pipeline, text) if math.isclose(q.value, value)], \
        [(q.text, q.value) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value", SHARE_NEAR_MISS, ids=[c[0][:40] for c in SHARE_NEAR_MISS])
def test_share_near_miss(pipeline, text, value):
    assert not [q for q in figures(pipeline, text) if math.isclose(q.value, value)]


@pytest.mark.parametrize("text,value,value_max,unit", VAGUE, ids=[c[0][:40] for c in VAGUE])
def test_vague_amount(pipeline, text, value, value_max, unit):
    qs = [q for q in figures(pipeline, text) if math.isclose(q.value, value)]
    assert qs and math.isclose(qs[0].value_max, value_max) and qs[0].unit == unit, \
        [(q.text, q.value, q.value_max, q.unit) for q in figures(pipeline, text)]


@pytest.mark.parametrize("text,value", VAGUE_NEAR_MISS, ids=[c[0][:40] for c in VAGUE_NEAR_MISS])
def test_vague_near_miss(pipeline, text, value):
    assert not [q for q in figures(pipeline, text) if math.isclose(q.value, value)]
