"""`extract --explain`: every field of every claim has a recognizer and a reason, and every cue is text of the sentence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import jsonl, out_text

import evfacts
from evfacts.explain import explain

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FIELDS = {"value", "kind", "unit", "per", "approx", "change", "subject", "metric", "period", "modality"}


def _check(record: dict) -> None:
    assert set(record["explain"]) == FIELDS
    sentence = record["sentence"]
    for name, reason in record["explain"].items():
        assert reason["recognizer"], name
        assert reason.get("cue") or reason.get("note"), name
        if "start" in reason:
            assert sentence[reason["start"]:reason["end"]] == reason["cue"], (name, reason)


def test_every_field_of_every_claim_of_the_samples_is_explained(cli):
    records = jsonl(cli("extract", SAMPLES, "--explain", "-f", "jsonl"))
    assert len(records) > 10
    for r in records:
        _check(r)


def test_json_documents_carry_the_explanations(cli):
    [doc] = json.loads(out_text(cli("extract", SAMPLES / "xiaomi-ev-2026.txt", "--explain", "-f", "json")))
    for r in doc["claims"]:
        _check(r)


CASES = [
    # (sentence, claim text, field, expected cue)
    ("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", "modality", "plans"),
    ("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", "period", "2026"),
    ("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", "subject", "Xiaomi"),
    ("Xiaomi plans 550,000 EV deliveries in 2026.", "550,000 EV deliveries", "value", "550,000 EV deliveries"),
    ("U.S. EV sales rose 12% in 2025.", "12%", "change", "rose"),
    ("Analysts expect EV sales in Europe to grow 13% in 2026.", "13%", "modality", "expect"),
    ("BYD sold about 4.6 million cars in 2025.", "4.6 million cars", "approx", "about"),
    ("Nio delivered more than 320,000 vehicles in 2025.", "320,000 vehicles", "approx", "more than"),
    ("Tesla's revenue fell 3% last year.", "3%", "period", "last year"),
    ("Tesla's revenue fell 3% last year.", "3%", "change", "fell"),
]


@pytest.mark.parametrize(("sentence", "text", "name", "cue"), CASES)
def test_the_cue_of_a_field(sentence, text, name, cue):
    [claim] = [c for c in evfacts.extract(sentence, published="2026-01-04") if c.text == text]
    reason = explain(claim).fields[name]
    assert reason.cue == cue
    assert claim.sentence[reason.start:reason.end] == cue


NO_CUE = [
    # near-misses: fields with no cue in the sentence say so instead of pointing at something
    ("Acme sold 300 cars in 2025.", "300 cars", "approx"),
    ("Acme sold 300 cars in 2025.", "300 cars", "change"),
    ("Acme sold 300 cars in 2025.", "300 cars", "modality"),
    ("Acme sold 300 cars in 2025.", "300 cars", "per"),
]


@pytest.mark.parametrize(("sentence", "text", "name"), NO_CUE)
def test_a_field_without_a_cue_has_a_note(sentence, text, name):
    [claim] = [c for c in evfacts.extract(sentence) if c.text == text]
    reason = explain(claim).fields[name]
    assert reason.cue is None and reason.start is None and reason.note


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_explain_needs_json(cli, fmt):
    r = cli("extract", SAMPLES, "--explain", "-f", fmt)
    assert r.exit_code == 2 and "--explain" in r.stderr


def test_explain_without_a_format_writes_jsonl(cli):
    records = jsonl(cli("extract", SAMPLES, "--explain"))
    assert records and all("explain" in r for r in records)


def test_show_html_has_the_explanation_on_hover_and_in_a_details_row(cli, tmp_path):
    page = tmp_path / "page.html"
    assert cli("show", SAMPLES / "xiaomi-ev-2026.txt", "--html", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "modality ← modality &#x27;plans&#x27;" in text
    assert text.count('<tr class="why">') == text.count('<td class="num"><a href="#L')
