"""What a figure counts when the sentence names it elsewhere: a count or a share taken from a group ("500 of
its staff", "one fifth of its workers") and a bare figure compared with the one before it ("1,500 cars, up
from 1,200"). Each a table of sentences that must read so and near-misses that must not.

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


SHARE_OF_GROUP = [
    ("The company laid off one fifth of its workers.", [(0.2, None, "worker")]),
    ("Two-thirds of voters backed the plan.", [(2 / 3, None, "voter")]),
    ("Half the condos have sold.", [(0.5, None, "condo")]),
    ("Half of its employees work from home.", [(0.5, None, "employee")]),
    ("Nearly a quarter of the company's stores closed.", [(0.25, None, "store")]),
    ("Two-thirds of the staff quit in a year.", [(2 / 3, None, "staff")]),
    ("A tenth of the fleet was grounded.", [(0.1, None, "fleet")]),
]
SHARE_NEAR_MISS = [  # a share of one thing, of a pronoun, of a number, of a time; "half a million"
    ("A third of the budget went on wages.", [(1 / 3, None, None)]),
    ("About 1/8 of the budget was spent.", [(0.125, None, None)]),
    ("Half of them left early.", [(0.5, None, None)]),
    ("A third of the way through, it rained.", [(1 / 3, None, None)]),
    ("One fifth of Apple's 300 stores will shut.", [(0.2, None, None), (300, None, "store")]),
    ("Half a million people came.", [(500_000, None, "people")]),
    ("Half the time he is away.", [(0.5, None, None)]),
]
COUNT_OF_GROUP = [
    ("The firm cut 500 of its staff.", [(500, None, "staff")]),
    ("Two of Johnson's deputies were fired.", [(2, None, "deputy")]),
    ("About 3,000 of the workers went on strike.", [(3000, None, "worker")]),
    ("Twelve of the players were injured.", [(12, None, "player")]),
    ("He kept 40 of the airline's crew on the ground.", [(40, None, "crew")]),
]
COUNT_NEAR_MISS = [  # the group counted itself; a pronoun; a singular thing that is no group
    ("He scored 20 of his 30 points in the second half.", [(20, None, None), (30, None, "point")]),
    ("Two of them were fired.", [(2, None, None)]),
    ("She spent 300 of the budget on wages.", [(300, None, None)]),
    ("Two of Apple's 12 plants shut.", [(2, None, None), (12, None, "plant")]),
    ("They sold 40 of the building's floor space.", [(40, None, None)]),
]


@pytest.mark.parametrize("text, expected", SHARE_OF_GROUP + SHARE_NEAR_MISS + COUNT_OF_GROUP + COUNT_NEAR_MISS,
                         ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_taken_from_a_group(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


COMPARED = [
    ("About 460 Kia and Hyundai vehicles have been stolen this year compared with 63 last year.",
     [(460, None, "vehicle"), (63, None, "vehicle")]),
    ("Sales rose to 1,500 cars, up from 1,200 a year earlier.", [(1500, None, "car"), (1200, None, "car")]),
    ("The jobless rate was 4.5%, down from 4.8 in May.", [(4.5, None, "%"), (4.8, None, "%")]),
    ("Gas costs $4 a gallon versus 3.60 a year ago.", [(4, None, "USD"), (3.6, None, "USD")]),
    ("The team has 12 players compared with 15 last season.", [(12, None, "player"), (15, None, "player")]),
    ("Profit was $4 billion, up from 3.2 billion.", [(4e9, None, "USD"), (3.2e9, None, "USD")]),
    ("He ran 10 km, compared with 8 the day before.", [(10, None, "km"), (8, None, "km")]),
    ("Deliveries climbed to 41,000 vehicles from 38,500.", [(41000, None, "vehicle"), (38500, None, "vehicle")]),
    ("We had 22 burglaries, compared with an average of 20 per week.", [(22, None, "burglary"), (20, None, "burglary")]),
]
COMPARED_NEAR_MISS = [  # no cue, a clause of its own, a bare "from" after no level, a unit of its own
    ("The firm hired 200 engineers; rivals hired 150.", [(200, None, "engineer"), (150, None, None)]),
    ("The company sold 30 cars from 45 dealers.", [(30, None, "car"), (45, None, "dealer")]),
    ("It has 30 stores (compared with 25 in Spain).", [(30, None, "store"), (25, None, None)]),
    ("The plant made 300 cars and hired 40.", [(300, None, "car"), (40, None, None)]),
    ("It shipped 30 cars, from 5 to 9 in each town.", [(30, None, "car"), (5, 9, None)]),
    ("Turnout was 64%, compared with 3 million voters.", [(64, None, "%"), (3e6, None, "voter")]),
    ("The rate was 4%, compared with 3 million a year ago.", [(4, None, "%"), (3e6, None, None)]),
]


@pytest.mark.parametrize("text, expected", COMPARED + COMPARED_NEAR_MISS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_compared_with_the_figure_before(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


def test_compared_money_keeps_the_kind(pipeline):
    doc = pipeline("Gas costs $4 a gallon versus 3.60 a year ago.")
    qs = [q for s in doc.sents for q in find_quantities(s)]
    assert [(q.kind, q.unit, q.per) for q in qs] == [("money", "USD", "gallon"), ("money", "USD", "gallon")]


DEMONYM_PLURALS = [  # a plural in -is of a noun in -i is that noun; a singular in -is stays
    ("More than 600,000 Israelis live in the area.", [(600_000, None, "israeli")]),
    ("About 3,000 Pakistanis were evacuated.", [(3000, None, "pakistani")]),
    ("The storm brought two tsunamis.", [(2, None, "tsunami")]),
    ("Some 40 Saudis attended.", [(40, None, "saudi")]),
    ("The lab ran 12 analyses.", [(12, None, "analysis")]),
    ("They booked 3 tennis courts.", [(3, None, "tennis court")]),
]


@pytest.mark.parametrize("text, expected", DEMONYM_PLURALS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_plural_in_is(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


def test_compared_figure_reads_its_own_rate(pipeline):
    doc = pipeline("We had 22 burglaries, compared with an average of 20 per week.")
    qs = [q for s in doc.sents for q in find_quantities(s)]
    assert [(q.value, q.unit, q.per) for q in qs] == [(22, "burglary", None), (20, "burglary", "week")]


#: (text, [(value, value_max, unit, per)]): a rate after a range is the whole range's
RANGE_RATES = [
    ("I work 40 to 50 hours a week.", [(40, 50, "h", "week")]),
    ("Arenas can run from $500,000 to $1 million a year.", [(500_000, 1e6, "USD", "year")]),
    ("Output was 3-4 million barrels a day.", [(3e6, 4e6, "barrel", "day")]),
    ("Rooms cost RM80 to RM120 a night.", [(80, 120, "MYR", "night")]),
    ("Shares cost $10 to $12 each.", [(10, 12, "USD", None)]),
    ("It took 40 to 50 hours in a week.", [(40, 50, "h", None)]),
]


@pytest.mark.parametrize("text, expected", RANGE_RATES, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_rate_after_a_range(pipeline, text, expected):
    doc = pipeline(text)
    got = [(_r(q.value), _r(q.value_max), q.unit, q.per) for s in doc.sents for q in find_quantities(s)]
    assert got == [(_r(v), _r(m), u, p) for v, m, u, p in expected]
