"""Rates: the denominator of a figure in `per` ("$62 per share" -> USD per share), physical compounds with a
symbol of their own in `unit` (km/h), and what is no rate; minor currency units and signed changes."""
from __future__ import annotations

import pytest

from evfacts import nlp
from evfacts.claims.quantities import find_quantities


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def quantities(pipeline, text):
    doc = pipeline(text)
    return [q for sent in doc.sents for q in find_quantities(sent)]


RATES = [  # (text, value, unit, per)
    ("The board declared a dividend of $62 per share.", 62, "USD", "share"),
    ("Saudi Arabia pumps 4 million barrels a day.", 4e6, "barrel", "day"),
    ("The plan costs RM79 a month.", 79, "MYR", "month"),
    ("Investors were offered $70-a-share in cash.", 70, "USD", "share"),
    ("The company paid 45 cents a share in dividends.", 0.45, "USD", "share"),
    ("The utility charges 14 cents per kWh for off-peak power.", 0.14, "USD", "kWh"),
    ("Brent crude settled at $82.40 a barrel on Friday.", 82.4, "USD", "barrel"),
    ("It costs 164p a litre.", 1.64, "GBP", "litre"),
    ("The mill produces 3,000 tonnes of steel a week.", 3000, "t", "week"),
    ("The country consumes 20 kg of rice per person.", 20, "kg", "person"),
    ("Neutron stars can spin 700 times a second.", 700, "time", "second"),
    ("She swims 5 km every day.", 5, "km", "day"),
    ("The pump moves 2,000 gallons per minute.", 2000, "gallon", "minute"),
    ("GDP reached $45,000 per capita last year.", 45000, "USD", "person"),
    ("Dinner costs £30 a head at the new place.", 30, "GBP", "person"),
    ("Carbon permits traded at €80 per tonne.", 80, "EUR", "tonne"),
    ("Households pay 30p/kWh this winter.", 0.3, "GBP", "kWh"),
    ("Cleaners earn $15 an hour in the city.", 15, "USD", "hour"),
    ("Rent in the district is $2,000/month.", 2000, "USD", "month"),
    ("Fares rose to 40 yuan per trip.", 40, "CNY", "trip"),
    ("The field yields 12 million barrels per day.", 12e6, "barrel", "day"),
    ("Members pay €9.99 every month.", 9.99, "EUR", "month"),
    # physical compounds: one symbol, no per
    ("The drone flies at 60 km per hour.", 60, "km/h", None),
    ("The jet cruises at 900 kilometres an hour.", 900, "km/h", None),
    ("Light travels 300,000 kilometres per second.", 3e5, "km/s", None),
    ("The car emits 95 g/km of CO2.", 95, "gram per kilometre", None),
    ("The link carries 10 gigabits per second.", 10, "Gbit/s", None),
    # near-misses: no rate
    ("The rival sold 2 million phones a share of the market it never had.", 2e6, "phone", None),
    ("It sold 4,000 units a day after the recall.", 4000, "unit", None),
    ("The group sold 30 cars a year ago.", 30, "car", None),
    ("Sales rose 5 per cent in May.", 5, "%", None),
    ("The stock fell 4% a day after the report.", 4, "%", None),
    ("Shares jumped 8% a week later.", 8, "%", None),
    ("He bought the house for $500,000 a decade ago.", 5e5, "USD", None),
    ("The group earned $3 billion a year earlier.", 3e9, "USD", None),
    ("Output of 300 cars a month ago was a record.", 300, "car", None),
    ("The $20 fee per se is not the problem.", 20, "USD", None),
    ("Growth slowed to 2 per cent.", 2, "%", None),
]


@pytest.mark.parametrize("text,value,unit,per", RATES, ids=[r[0][:40] for r in RATES])
def test_rate(pipeline, text, value, unit, per):
    got = [q for q in quantities(pipeline, text) if abs(q.value - value) <= 1e-9 * max(1, abs(value))]
    assert got, [(q.text, q.value) for q in quantities(pipeline, text)]
    assert (got[0].unit, got[0].per) == (unit, per)


def test_twice_a_year_is_no_figure_with_a_rate(pipeline):
    assert all(q.per is None for q in quantities(pipeline, "The board meets twice a year."))


SIGNED = [  # (text, value, change): a sign a word already says is the size of the move
    ("The stock dropped -4.35% on Monday.", 4.35, "down"),
    ("Shares fell -2.1% on the news.", 2.1, "down"),
    ("The index posted a -3% decline.", 3, "down"),
    ("Europe: DAX -1.6% at the open.", -1.6, "down"),
    ("Temperatures fell to -5C overnight.", -5, None),
]


@pytest.mark.parametrize("text,value,change", SIGNED, ids=[s[0][:40] for s in SIGNED])
def test_signed_change(pipeline, text, value, change):
    q = quantities(pipeline, text)[0]
    assert (q.value, q.change) == (value, change)


PENCE = [("Shares closed at 164p on Friday.", 1.64, "GBP"), ("The stamp costs 85p.", 0.85, "GBP"),
         ("The dividend is 45 cents.", 0.45, "USD"), ("Shares fell to 412p.", 4.12, "GBP")]


@pytest.mark.parametrize("text,value,unit", PENCE, ids=[p[0][:40] for p in PENCE])
def test_minor_units_in_the_currency(pipeline, text, value, unit):
    assert [(q.value, q.unit) for q in quantities(pipeline, text)] == [(value, unit)]


VIDEO = ["The camera records 1080p video.", "The stream tops out at 720p.", "A 2160p panel costs more.",
         "Old clips were shot in 480p.", "The phone films 4320p clips."]


@pytest.mark.parametrize("text", VIDEO)
def test_video_resolution_is_no_money(pipeline, text):
    """Only the standard video heights are a resolution; other figures with p are pence (PENCE above)."""
    assert [q for q in quantities(pipeline, text) if q.unit == "GBP"] == []
