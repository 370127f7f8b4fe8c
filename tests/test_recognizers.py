"""The claim recognizers are named units in registries: each can be switched off by name, from the
API and from `[claims] disable` in evfacts.toml, and an unknown name is refused."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from evfacts import nlp
from evfacts.claims import Segment, check_disabled, describe, extract_article, recognizer_names
from evfacts.claims.figures.engine import FINDERS, STAGES
from evfacts.claims.figures.masks import MASKS
from evfacts.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def claims(pipeline, text, disabled=frozenset()):
    doc = pipeline(text)
    found, _ = extract_article([(Segment(text, 0, 1), doc)], disabled=disabled)
    return found


def test_names_are_unique_and_described():
    names = [n for n, _ in describe()]
    assert len(set(recognizer_names())) == len(recognizer_names())
    assert set(names) == set(recognizer_names())
    assert all(d and len(d) < 200 for _, d in describe())
    assert len({m.name for m in MASKS}) == len(MASKS)


def test_unknown_name_is_refused():
    with pytest.raises(ValueError, match="unknown recognizer.*no-such-rule"):
        check_disabled(["no-such-rule"])
    assert check_disabled(["pairing", "date-month-day"]) == {"pairing", "date-month-day"}


#: (text, recognizer switched off, the claim texts with it on, the claim texts with it off)
SWITCHES = [
    ("Sales rose 5% on March 12 to 40,000 cars.", "date-month-day", ["5%", "40,000 cars"], ["5%", "12 to 40,000 cars"]),
    ("Sales rose 5% on March 12 to 40,000 cars.", "masks", ["5%", "40,000 cars"], ["5%", "12 to 40,000 cars"]),
    ("The firm hired two hundred engineers.", "number-words", ["two hundred engineers"], []),
    ("Output doubled while costs grew 3x.", "multiples", ["doubled", "3x"], ["3x"]),
    ("Dozens of workers joined 40 new hires.", "vague", ["Dozens of workers", "40 new hires"], ["40 new hires"]),
    ("Shares cost $4 and 75 cents each.", "cents", ["$4 and 75 cents"], ["$4", "75 cents"]),
    ("Prices rose between 3% and 5% in May.", "ranges", ["3% and 5%"], ["3%", "5%"]),
]


@pytest.mark.parametrize("text, name, on, off", SWITCHES, ids=[s[1] for s in SWITCHES])
def test_switching_a_figure_recognizer_off(pipeline, text, name, on, off):
    assert [c.text for c in claims(pipeline, text)] == on
    assert [c.text for c in claims(pipeline, text, {name})] == off


def test_two_masks_can_cover_one_region(pipeline):
    """A phone number is masked by two masks: switching one off leaves it masked."""
    text = "Call 555-123-4567 about the 12 offers."
    assert [c.text for c in claims(pipeline, text, {"phone-us"})] == ["12 offers"]
    assert [c.text for c in claims(pipeline, text, {"phone-us", "phone-grouped"})] == ["555-123", "4567", "12 offers"]


def test_every_figure_stage_and_mask_can_be_switched_off(pipeline):
    text = "Acme sold about 12,000 cars in March 2025, up 8% from 11,100 a year earlier, and two hundred vans."
    for name in [s.name for s in FINDERS + STAGES] + [m.name for m in MASKS]:
        assert isinstance(claims(pipeline, text, {name}), list)


@pytest.mark.parametrize("name, field, on, off", [
    ("modality", "modality", "forecast", "reported"),
    ("period", "period", "2026", None),
    ("subject", "subject", "Acme Motors", None),
    ("metric", "metric", "sales", None),
    ("companies", "companies", ["Acme Motors"], []),
])
def test_switching_a_context_recognizer_off(pipeline, name, field, on, off):
    text = "Acme Motors expects sales to rise 9% in 2026."
    pct = [c for c in claims(pipeline, text) if c.text == "9%"]
    assert [getattr(c, field) for c in pct] == [on]
    pct = [c for c in claims(pipeline, text, {name}) if c.text == "9%"]
    assert [getattr(c, field) for c in pct] == [off]


def test_pairing_and_carry_over(pipeline):
    text = "Snap and Pinterest rose 4.5% and 2.5%, respectively."
    assert [c.subject for c in claims(pipeline, text)] == ["Snap", "Pinterest"]
    assert [c.subject for c in claims(pipeline, text, {"pairing"})] != ["Snap", "Pinterest"]
    text = "Acme Motors sold 12,000 cars in 2024. Vans made up 20%."
    assert [c.period for c in claims(pipeline, text)] == ["2024", "2024"]
    assert [c.period for c in claims(pipeline, text, {"carry-over"})] == ["2024", None]


def test_config_switches_recognizers_off(tmp_path):
    cfg = tmp_path / "evfacts.toml"
    cfg.write_text('[claims]\ndisable = ["number-words"]\n', encoding="utf-8")
    text = "The firm hired two hundred engineers and 12 managers.\n"
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--config", str(cfg), "-"], input=text)
    assert r.exit_code == 0, r.stderr
    assert [json.loads(line)["text"] for line in r.stdout.splitlines()] == ["12 managers"]


@pytest.mark.parametrize("content, message", [
    ('[claims]\ndisable = ["no-such-rule"]\n', "unknown recognizer(s) no-such-rule"),
    ("[claims]\ndisable = 5\n", "[claims] disable must be a string or a list of strings"),
    ('[claims]\nenable = ["x"]\n', "unknown key(s) in [claims]: enable"),
])
def test_bad_claims_config_is_a_usage_error(tmp_path, content, message):
    cfg = tmp_path / "evfacts.toml"
    cfg.write_text(content, encoding="utf-8")
    r = runner.invoke(app, ["extract", "--config", str(cfg), "-"], input="Sales rose 5%.\n")
    assert r.exit_code == 2
    assert message in r.stderr
