"""`evfacts facts`: the claims of many articles grouped into facts, with their sources, values, dates and
conflicts. tests/fixtures/facts holds twelve short articles that report the same facts in different words
and numbers; PLANTED lists every fact they hold, and which values of it disagree."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import csv_rows, jsonl, out_text

from evfacts.facts import FACT_FIELDS, Mention, agree, fact_key, group_facts, precision
from evfacts.model import Claim

FIXTURES = Path(__file__).parent / "fixtures" / "facts"

#: (subject_id, metric, period, modality) -> (how many articles state it, its values, the pairs that disagree)
PLANTED = {
    ("xiaomi", "delivery", "2026", "expected"): (4, [500_000, 550_000], [[500_000, 550_000]]),
    ("xiaomi", "delivery", "2025", "reported"): (3, [410_000, 411_000], []),
    ("US", "ev sale", "2025", "reported"): (4, [12, 12.3], []),
    ("byd", "sale", "2025", "reported"): (4, [4_200_000, 4_600_000, 4_602_436],
                                          [[4_200_000, 4_600_000], [4_200_000, 4_602_436]]),
    ("tesla", "revenue", "2025", "reported"): (4, [94_800_000_000, 94_830_000_000, 97_700_000_000],
                                               [[94_800_000_000, 97_700_000_000], [94_830_000_000, 97_700_000_000]]),
    ("nio", "delivery", "2025", "reported"): (3, [320_000, 326_000, 326_028], []),
    ("world/ev-sale", "ev sale", "2025", "reported"): (3, [17_000_000, 20_700_000, 21_000_000],
                                                       [[17_000_000, 20_700_000], [17_000_000, 21_000_000]]),
}


@pytest.fixture(scope="module")
def facts(runner):
    from evfacts.cli import app

    r = runner.invoke(app, ["facts", str(FIXTURES), "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    return {(f["subject_id"], f["metric"], f["period"], f["modality"]): f for f in jsonl(r)}


def test_the_fixtures_are_at_least_twelve_articles():
    assert len(list(FIXTURES.glob("*.txt"))) >= 12


@pytest.mark.parametrize("key", PLANTED, ids=["/".join(k) for k in PLANTED])
def test_every_planted_fact_is_found_with_its_sources_values_and_disagreements(facts, key):
    sources, values, disagreements = PLANTED[key]
    fact = facts[key]
    assert len(fact["sources"]) == sources
    assert fact["values"] == values
    assert fact["disagreements"] == disagreements
    assert fact["conflict"] is bool(disagreements)


def test_no_fact_beyond_the_planted_ones_has_two_sources(facts):
    assert {k for k, f in facts.items() if len(f["sources"]) > 1} == set(PLANTED)


@pytest.mark.parametrize(("key", "subjects"), [
    (("US", "ev sale", "2025", "reported"), {"U.S.", "United States", "America"}),
    (("world/ev-sale", "ev sale", "2025", "reported"), {"global EV sales", "worldwide EV sales"}),
])
def test_spellings_of_a_subject_are_one_fact(facts, key, subjects):
    assert {c["subject"] for c in facts[key]["claims"]} == subjects


@pytest.mark.parametrize(("key", "texts"), [
    (("xiaomi", "delivery", "2026", "expected"), {"550,000 EV deliveries", "550,000 cars", "550,000 deliveries"}),
    (("byd", "sale", "2025", "reported"), {"4.6 million cars", "4.6 million vehicles", "4,602,436 vehicles"}),
    (("nio", "delivery", "2025", "reported"), {"320,000 vehicles", "326,000 vehicles", "326,028 vehicles"}),
])
def test_paraphrases_are_one_fact(facts, key, texts):
    assert texts <= {c["text"] for c in facts[key]["claims"]}


def test_a_fact_has_its_first_and_last_publication(facts):
    fact = facts[("tesla", "revenue", "2025", "reported")]
    assert (fact["first_published"], fact["last_published"]) == ("2026-01-05T00:00:00", "2026-01-30T00:00:00")


def test_a_target_and_a_result_are_two_facts(facts):
    assert facts[("xiaomi", "delivery", "2026", "expected")]["fact_id"] != \
        facts[("xiaomi", "delivery", "2025", "reported")]["fact_id"]


def _claim(text: str, value: float, *, approx=None, value_max=None, source="a", **kw) -> Claim:
    return Claim(text=text, start=0, end=len(text), line=1, kind=kw.pop("kind", "quantity"), value=value,
                 value_max=value_max, approx=approx, source=source, **kw)


AGREE = [
    # (a, b, agree?)
    (_claim("about 550,000", 550_000, approx="~"), _claim("549,800", 549_800), True),
    (_claim("550,000", 550_000), _claim("500,000", 500_000), False),
    (_claim("4.6 million", 4_600_000), _claim("4,602,436", 4_602_436), True),
    (_claim("4.6 million", 4_600_000), _claim("4.2 million", 4_200_000), False),
    (_claim("12%", 12, kind="percent"), _claim("12.3%", 12.3, kind="percent"), True),
    (_claim("12%", 12, kind="percent"), _claim("13%", 13, kind="percent"), False),
    (_claim("20%", 20, kind="percent"), _claim("25%", 25, kind="percent"), False),
    (_claim("$94.8 billion", 94.8e9, kind="money"), _claim("$94.83 billion", 94.83e9, kind="money"), True),
    (_claim("$94.8 billion", 94.8e9, kind="money"), _claim("$97.7 billion", 97.7e9, kind="money"), False),
    (_claim("$1 billion", 1e9, kind="money"), _claim("$1.4 billion", 1.4e9, kind="money"), False),
    (_claim("half a million", 500_000), _claim("520,000", 520_000), True),
    (_claim("more than 320,000", 320_000, approx=">"), _claim("326,028", 326_028), True),
    (_claim("more than 320,000", 320_000, approx=">"), _claim("310,500", 310_500), False),
    (_claim("up to 600,000", 600_000, approx="<="), _claim("550,000", 550_000), True),
    (_claim("3 to 5 million", 3e6, value_max=5e6), _claim("4 million", 4e6), True),
    (_claim("3 to 5 million", 3e6, value_max=5e6), _claim("6 million", 6e6), False),
    (_claim("410,000", 410_000), _claim("411,000", 411_000), True),
    (_claim("410,000", 410_000), _claim("420,000", 420_000), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), AGREE, ids=[f"{a.text}~{b.text}" for a, b, _ in AGREE])
def test_agreement_is_rounding_not_closeness(a, b, expected):
    assert agree(a, b) is expected
    assert agree(b, a) is expected


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("550,000", 550_000, 10_000), ("549,800", 549_800, 100), ("4.27 million", 4_270_000, 10_000),
    ("12.3%", 12.3, 0.1), ("20%", 20, 1), ("$97.7 billion", 97.7e9, 1e8), ("half a million", 500_000, 100_000),
])
def test_precision_is_the_last_written_digit(text, value, expected):
    assert precision(_claim(text, value)) == pytest.approx(expected)


def _sentence_claim(sentence: str, text: str, value: float, unit: str | None, metric: str | None, **kw) -> Claim:
    return _claim(text, value, sentence=sentence, unit=unit, metric=metric, subject="Xiaomi", subject_id="xiaomi",
                  period=kw.pop("period", "2026"), modality=kw.pop("modality", "target"), **kw)


SAME_FACT = [
    _sentence_claim("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", 550_000, "delivery",
                    "EV deliveries"),
    _sentence_claim("Xiaomi aims to deliver about 550,000 cars in 2026.", "550,000 cars", 550_000, "car", "cars"),
    _sentence_claim("Xiaomi is targeting 549,800 deliveries in 2026.", "549,800 deliveries", 549_800, "delivery",
                    "deliveries"),
    _sentence_claim("Xiaomi hopes to deliver 550,000 electric vehicles in 2026.", "550,000 electric vehicles",
                    550_000, "electric vehicle", "electric vehicles", modality="forecast"),
    _sentence_claim("Xiaomi wants 550,000 vehicles delivered in 2026.", "550,000 vehicles", 550_000, "vehicle",
                    "vehicles"),
]
OTHER_FACTS = [
    # near-misses: the same figure of another measure, period or modality
    _sentence_claim("Xiaomi plans to sell 550,000 cars in 2026.", "550,000 cars", 550_000, "car", "cars"),
    _sentence_claim("Xiaomi delivered 550,000 cars in 2026.", "550,000 cars", 550_000, "car", "cars",
                    modality="reported"),
    _sentence_claim("Xiaomi plans 550,000 EV deliveries in 2027.", "550,000 EV deliveries", 550_000, "delivery",
                    "EV deliveries", period="2027"),
    _sentence_claim("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", 550_000, "delivery",
                    "EV deliveries", per="month"),
]


def test_paraphrases_have_one_key_and_near_misses_others():
    keys = {fact_key(c) for c in SAME_FACT}
    assert len(keys) == 1
    others = [fact_key(c) for c in OTHER_FACTS]
    assert len(set(others)) == len(others) and not keys & set(others)


def test_one_sources_restatements_are_not_a_conflict():
    a = _claim("550,000", 550_000, subject_id="x", source="one")
    b = _claim("500,000", 500_000, subject_id="x", source="one")
    [fact] = group_facts([Mention(a), Mention(b)])
    assert not fact.conflict
    [fact] = group_facts([Mention(a), Mention(_claim("500,000", 500_000, subject_id="x", source="two"))])
    assert fact.conflict and fact.disagreements == [(500_000, 550_000)]


def test_claims_without_a_subject_make_no_fact():
    assert group_facts([Mention(_claim("550,000", 550_000))]) == []


def test_csv_has_one_row_per_fact(cli):
    text = out_text(cli("facts", FIXTURES, "-f", "csv"))
    assert text.splitlines()[0] == ",".join(FACT_FIELDS)
    rows = {(r["subject_id"], r["metric"], r["period"], r["modality"]): r for r in csv_rows(text)}
    assert rows[("byd", "sale", "2025", "reported")]["conflict"] == "True"
    assert rows[("nio", "delivery", "2025", "reported")]["values"] == "320000; 326000; 326028"


def test_json_is_one_array(cli):
    facts = json.loads(out_text(cli("facts", FIXTURES, "-f", "json", "--min-sources", "3")))
    assert {(f["subject_id"], f["metric"], f["period"], f["modality"]) for f in facts} == set(PLANTED)


def test_table_flags_the_conflicts(cli):
    r = cli("facts", FIXTURES, "-f", "table", "--min-sources", "2")
    assert r.exit_code == 0
    rows = [ln for ln in r.stdout.splitlines() if ln.startswith("│") and "(" in ln]
    flagged = {ln.split("│")[1].strip() for ln in rows if "conflict" in ln}
    assert flagged == {"Xiaomi (xiaomi)", "BYD (byd)", "Tesla (tesla)", "global EV sales (world/ev-sale)"}


def test_sqlite_links_facts_to_their_claims(cli, tmp_path):
    store = tmp_path / "facts.sqlite"
    r = cli("facts", FIXTURES, "-o", store)
    assert r.exit_code == 0 and r.stdout == ""
    db = sqlite3.connect(store)
    rows = db.execute("SELECT c.text, d.path FROM facts f JOIN fact_claims fc ON fc.fact_id = f.id "
                      "JOIN claims c ON c.id = fc.claim_id JOIN documents d ON d.id = c.document_id "
                      "WHERE f.subject_id = 'nio' ORDER BY c.text").fetchall()
    assert [t for t, _ in rows] == ["320,000 vehicles", "326,000 vehicles", "326,028 vehicles"]
    conflicts = db.execute("SELECT subject_id, metric FROM facts WHERE conflict ORDER BY 1").fetchall()
    assert conflicts == [("byd", "sale"), ("tesla", "revenue"), ("world/ev-sale", "ev sale"), ("xiaomi", "delivery")]
    before = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    assert cli("facts", FIXTURES, "-o", store).exit_code == 0  # a re-run: documents skipped, facts made anew
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == before
    assert db.execute("SELECT count(*) FROM fact_claims").fetchone()[0] == \
        db.execute("SELECT count(*) FROM claims WHERE subject_id IS NOT NULL").fetchone()[0]


def test_format_and_a_store_are_refused_together(cli, tmp_path):
    r = cli("facts", FIXTURES, "-f", "csv", "-o", tmp_path / "x.sqlite")
    assert r.exit_code == 2
