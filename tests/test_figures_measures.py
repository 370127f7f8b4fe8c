"""Measures as people write them: temperatures with the scale misspelt or abbreviated ("100.2 degrees farenheit",
"50 deg."), ages said before or after the number ("a man of age 87", "a 87 yo man"), and ranges whose ends both
carry the unit ("300 sq ft up to 600 sq ft"). Each a table of sentences that must read so and near-misses.

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


TEMPERATURES = [
    ("A reading of 100.2 degrees farenheit is low.", [(100.2, None, "°F")]),
    ("The water was 10.5 celcius at dawn.", [(10.5, None, "°C")]),
    ("The oven was at 200 degrees centigrade.", [(200, None, "°C")]),
    ("It was 40 deg C at noon.", [(40, None, "°C")]),
    ("Keep it at 45 deg celcius overnight.", [(45, None, "°C")]),
    ("Let the room be at 50 deg.", [(50, None, "degree")]),
    ("It hit 104 degrees fahrenheight in Phoenix.", [(104, None, "°F")]),
]
TEMPERATURE_NEAR_MISS = [  # a bare degree stays a degree; an angle; a letter after a name or glued to a model
    ("Turn it by 90 degrees.", [(90, None, "degree")]),
    ("The thermostat was set to 85°.", [(85, None, "degree")]),
    ("He lives at Row 14C.", []),
    ("They chartered a Boeing 777F to carry supplies.", []),
    ("Profit was 14.7C/ per security.", [(14.7, None, None)]),
    ("The oven was heated to 80C/176F first.", [(80, None, "°C"), (176, None, "°F")]),
    ("The capacitor is rated 2.5F.", [(2.5, None, "F")]),
]


@pytest.mark.parametrize("text, expected", TEMPERATURES + TEMPERATURE_NEAR_MISS,
                         ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_temperature(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


AGES = [
    ("The patient is a man of age 87 with hypertension.", [(87, None, "year")]),
    ("The patient is a 87 yo man.", [(87, None, "year")]),
    ("A 34 y.o. woman was admitted.", [(34, None, "year")]),
    ("Jane Doe, age 45, was hired.", [(45, None, "year")]),
    ("The driver, aged 41, was unhurt.", [(41, None, "year")]),
]
AGE_NEAR_MISS = [  # no number, a time span, a rule named by a number
    ("Yo dude, look!", []),
    ("He came of age 20 years ago.", [(20, None, "year")]),
    ("The age 30 rule applies.", []),
    ("He sold 45 yoghurts.", [(45, None, "yoghurt")]),
]


@pytest.mark.parametrize("text, expected", AGES + AGE_NEAR_MISS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_age(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


UP_TO_RANGES = [
    ("Flats of 300 sq ft up to 600 sq ft are offered.", [(300, 600, "square foot")]),
    ("Tickets cost $5 up to $10.", [(5, 10, "USD")]),
    ("Loans of RM80,000 up to RM150,000 are on offer.", [(80000, 150000, "MYR")]),
    ("Boats of 20 metres up to 40 metres dock here.", [(20, 40, "m")]),
    ("Classes of 12 pupils up to 30 pupils are common.", [(12, 30, "pupil")]),
]
UP_TO_NEAR_MISS = [  # the second end without the unit; after a change; smaller; one size said twice
    ("It employs 300 people, up to 600 in summer.", [(300, None, "people"), (600, None, None)]),
    ("Rooms cost RM80 up to RM50 off-season.", [(80, None, "MYR"), (50, None, "MYR")]),
    ("There is no difference between 4 cubic kilometers and 4 km cubed.",
     [(4, None, "cubic kilometre"), (4, None, "cubic kilometre")]),
    ("Prices were between 3% and 5%.", [(3, 5, "%")]),
]


@pytest.mark.parametrize("text, expected", UP_TO_RANGES + UP_TO_NEAR_MISS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_range_with_the_unit_on_both_ends(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


def test_up_to_a_larger_figure_after_a_change_stays_a_ceiling(pipeline):
    doc = pipeline("Prices rose 5% up to 10% in some towns.")
    qs = [q for s in doc.sents for q in find_quantities(s)]
    assert [(q.value, q.change, q.approx) for q in qs] == [(5, "up", None), (10, None, "<=")]


MODEL_AFTER_COUNT = [
    ("Its fleet of roughly 400 737 Max jets was grounded.", [(400, None, "jet")]),
    ("The airline ordered 20 787 Dreamliners.", [(20, None, "dreamliner")]),
    ("The carrier flies 12 A350 jets and 30 777 Freighters.", [(12, None, "jet"), (30, None, "freighter")]),
    ("It leased 6 320 Neo planes.", [(6, None, "plane")]),
    ("Emirates placed a firm order for 30 Boeing 787 Dreamliners.", [(30, None, "dreamliner")]),
    ("The airline hired 30 Boeing 787 pilots.", [(30, None, "pilot")]),
    # an index name's number is part of the name
    ("Total Q4 earnings for the 83 S&P 500 members are up.", [(83, None, "member")]),
    ("Twelve FTSE 100 firms cut jobs.", [(12, None, "firm")]),
]
MODEL_NEAR_MISS = [  # a count grouped by spaces: a round hundred, no name after it, a comma between
    ("He bought 3 500 Ford shares.", [(3500, None, "share")]),
    ("The tower is 10 000 feet high.", [(10000, None, "ft")]),
    ("About 10 000 people marched.", [(10000, None, "people")]),
    ("Of the 45, 737 were sold.", [(45, None, None), (737, None, None)]),
    ("In 2019 Boeing 737 deliveries fell.", []),
    ("The S&P 500 rose 12 points.", [(12, None, "point")]),
]


@pytest.mark.parametrize("text, expected", MODEL_AFTER_COUNT + MODEL_NEAR_MISS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_model_number_after_a_count(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


RESOLUTIONS = [  # a video resolution is no figure; a count or money in thousands is; a record is a ratio
    ("Stadia plays games at up to 4K on your TV.", []),
    ("It ships a 4K-ready Chromecast Ultra.", []),
    ("It supports 4K streaming at release.", []),
    ("Export the same 4K 24FPS project.", [(24, None, "fps")]),
    ("The film was shot in 4K.", []),
    ("The firm has 4K employees.", [(4000, None, "employee")]),
    ("He paid $4K for it.", [(4000, None, "USD")]),
    ("The club has 40K members, up from 35K.", [(40000, None, "member"), (35000, None, "member")]),
    # a record "20-of-24" is a ratio, as "3-for-4" is
    ("Glass was 20-of-24 passing for 235 yards.", [(235, None, "yd")]),
    ("He went 3-for-4 at the plate.", []),
    ("Only 20 of 24 players passed.", [(20, None, None), (24, None, "player")]),
]


@pytest.mark.parametrize("text, expected", RESOLUTIONS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_video_resolution(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


SCALED_CODES = [  # a scale letter glued to a name's number, or to four plain digits, is a model code
    ("There are options for a AMD Radeon Pro 5300M or 5500M.", []),
    ("The SLS, particularly its Block 1B variant, is large.", []),
    ("The 5500M chipset is toasty.", []),
    ("Netflix has 42M subscribers.", [(42e6, None, "subscriber")]),
    ("The app reached 1B users last year.", [(1e9, None, "user")]),
    ("It raised $5M in May.", [(5e6, None, "USD")]),
    ("Sales hit 3M units.", [(3e6, None, "unit")]),
]


@pytest.mark.parametrize("text, expected", SCALED_CODES, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_scale_letter_in_a_model_code(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


#: (text, [(value, unit, change)])
TOLERANCES = [
    ("The poll has a margin of error of plus or minus 3 percentage points.", [(3, "percentage point", None)]),
    ("The part measures 5.2 ± 0.3 mm.", [(5.2, "mm", None)]),
    ("Objects fall at 9.83e-3 +/- 1e-5 km/s2.", [(0.00983, "kilometre per square second", None)]),
    ("The error is ±2 degrees.", [(2, "degree", None)]),
    ("Support was 45% (±3%).", [(45, "%", None), (3, "%", None)]),
]
TOLERANCE_NEAR_MISS = [  # a minus is a sign, a fall is a fall
    ("It will be minus 5 degrees Celsius tonight.", [(-5, "°C", None)]),
    ("Shares fell 3% to $40.", [(3, "%", "down"), (40, "USD", None)]),
    ("The score was 5 plus 3 bonus points.", [(5, None, None), (3, "bonus point", None)]),
]


@pytest.mark.parametrize("text, expected", TOLERANCES + TOLERANCE_NEAR_MISS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_tolerance(pipeline, text, expected):
    doc = pipeline(text)
    got = [(_r(q.value), q.unit, q.change) for s in doc.sents for q in find_quantities(s)]
    assert got == [(_r(v), u, c) for v, u, c in expected]


FRACTIONS_OF = [  # a fraction of something has any denominator; alone, only the usual ones
    ("We need about 1/40 of the wavelength.", [(0.025, None, None)]),
    ("It spent 3/20 of its budget.", [(0.15, None, None)]),
    ("It took 1/25 of a second.", [(0.04, None, "s")]),
    ("The shop is open 24/7 for members.", []),
    ("The 9/11 attacks changed it.", []),
    ("Only 1/40 were sold.", []),
]


@pytest.mark.parametrize("text, expected", FRACTIONS_OF, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_fraction_of_something(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


SUPERSCRIPT_POWERS = [  # a power of ten written with superscripts
    ("The rate was 6.7×10⁻⁴ per year.", [(0.00067, None, None)]),
    ("Light travels at 3x10⁸ m/s.", [(3e8, None, "metre per second")]),
    ("The mass is 1.99×10−30 kg.", [(1.99e-30, None, "kg")]),
    ("Part 3X10 ships in May.", []),
]


@pytest.mark.parametrize("text, expected", SUPERSCRIPT_POWERS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_superscript_power_of_ten(pipeline, text, expected):
    assert figures(pipeline, text) == rounded(expected)


#: (text, [(value, unit)])
SCALE_WORDS = [  # a scale of a scale multiplies; "and a half" after a scale is half of it
    ("It cost two thousand million pounds.", [(2e9, "GBP")]),
    ("A million and a half people came.", [(1.5e6, "people")]),
    ("Two million and a half tickets were sold.", [(2.5e6, "ticket")]),
    ("One and a half million people came.", [(1.5e6, "people")]),
    ("Five million two hundred thousand votes were cast.", [(5.2e6, "vote")]),
    ("There are twenty-eight thousand six hundred forty-two students.", [(28642, "student")]),
    ("The baby weighs seven pounds.", [(7, "lb")]),
]


@pytest.mark.parametrize("text, expected", SCALE_WORDS, ids=lambda c: c[:40] if isinstance(c, str) else "")
def test_spelled_out_scales(pipeline, text, expected):
    doc = pipeline(text)
    got = [(_r(q.value), q.unit) for s in doc.sents for q in find_quantities(s)]
    assert got == [(_r(v), u) for v, u in expected]
