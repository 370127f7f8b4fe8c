"""Money notations (a range over a slash, the accounting negative in brackets) and a count taken from a
group ("42m of its subscribers"): each a table of sentences that must read so and near-misses that must not.

Each case is (text, expected): expected is the list of (value, value_max, unit) of the sentence's figures.
"""
from __future__ import annotations

import pytest

from evfacts import nlp
from evfacts.claims.quantities import find_quantities


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def figures(pipeline, text):
    doc = pipeline(text)
    return [(_r(q.value), _r(q.value_max), q.unit) for s in doc.sents for q in find_quantities(s)]


def _r(x):
    return None if x is None else round(x, 6)


def rounded(expected):
    return [(_r(v), _r(m), u) for v, m, u in expected]


SLASH_RANGE = [
    ("Tickets cost $12/$15 at the door.", [(12, 15, "USD")]),
    ("Dinner is £40/£50 a head.", [(40, 50, "GBP")]),
    ("Rooms go for RM80/RM120 a night.", [(80, 120, "MYR")]),
    ("Seats are €30 / €45 each.", [(30, 45, "EUR")]),
    ("The fare rose to $2.50/$3.", [(2.5, 3, "USD")]),
]
SLASH_NEAR_MISS = [  # another currency, a list of three, a rate, a date or no currency at all
    ("The pair trades at $5/£4.", [(5, None, "USD"), (4, None, "GBP")]),
    ("Prices are $1/$2/$3 by size.", [(1, None, "USD"), (2, None, "USD"), (3, None, "USD")]),
    ("Shares cost $12/share.", [(12, None, "USD")]),
    ("The shop is open 24/7.", []),
    ("Prices ran $4 and $5.", [(4, None, "USD"), (5, None, "USD")]),
]


@pytest.mark.parametrize("text,expected", SLASH_RANGE + SLASH_NEAR_MISS)
def test_slash_range(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


BRACKET_NEGATIVE = [
    ("The firm posted a loss of ($12.50) a share.", [(-12.5, None, "USD")]),
    ("Net income was ($3.2 million) in the quarter.", [(-3.2e6, None, "USD")]),
    ("EPS: ($0.04) against a forecast gain.", [(-0.04, None, "USD")]),
    ("Its operating result totalled (£1.5m) for the year.", [(-1.5e6, None, "GBP")]),
    ("The deficit (€40m) was wider than expected.", [(-4e7, None, "EUR")]),
]
BRACKET_NEAR_MISS = [  # a conversion after a figure, an aside after a noun, more than money in the bracket
    ("The offer is C$6 (US$4.46) in cash.", [(6, None, "CAD"), (4.46, None, "USD")]),
    ("The base model ($999) ships in May.", [(999, None, "USD")]),
    ("Revenue of $5m was ($4m) a year earlier.", [(5e6, None, "USD"), (4e6, None, "USD")]),
    ("The loss was (about $3m) smaller.", [(3e6, None, "USD")]),
    ("The cheapest seat (£5) sold out.", [(5, None, "GBP")]),
]


@pytest.mark.parametrize("text,expected", BRACKET_NEGATIVE + BRACKET_NEAR_MISS)
def test_bracket_negative(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


COUNT_OF = [
    ("The service lost 42m of its subscribers last year.", [(4.2e7, None, "subscriber")]),
    ("About 3,000 of the workers were laid off.", [(3000, None, "worker")]),
    ("Twelve of the players are injured.", [(12, None, "player")]),
    ("Some 1.2 million of its customers lost power.", [(1.2e6, None, "customer")]),
    ("Nine of their best-selling novels are out of print.", [(9, None, "novel")]),
]
COUNT_OF_NEAR_MISS = [  # a pronoun, a share of a figure, a share of one thing, a measure
    ("Two of them were arrested.", [(2, None, None)]),
    ("He scored 20 of his 30 points in the first half.", [(20, None, None), (30, None, "point")]),
    ("Two-thirds of the budget was spent.", [(2 / 3, None, None)]),
    ("He ran 10 km of the route.", [(10, None, "km")]),
    ("It spent $4m of its budget.", [(4e6, None, "USD")]),
]


@pytest.mark.parametrize("text,expected", COUNT_OF + COUNT_OF_NEAR_MISS)
def test_count_of_a_group(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)
