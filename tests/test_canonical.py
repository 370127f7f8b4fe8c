"""Canonical subjects: `subject_id` is one ID for every spelling of a place, a company or a market,
in every output (jsonl, json, csv, show --html, the schema) and the SQLite store (migrated)."""
from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import csv_rows, jsonl, out_text

from evfacts.canonical import entities, slug, subject_id
from evfacts.config import company_lexicon
from evfacts.model import CLAIM_FIELDS
from evfacts.store import Store, migrate

SAME = [
    # (spellings, the one ID)
    (["U.S.", "US", "United States", "the United States", "America", "America’s", "USA", "American"], "US"),
    (["China", "China's", "Chinese", "CHN"], "CN"),
    (["Britain", "UK", "U.K.", "United Kingdom", "Great Britain", "British"], "GB"),
    (["Germany", "German", "DEU"], "DE"),
    (["South Korea", "Korea", "Korea, Republic of"], "KR"),
    (["Russia", "Russian Federation"], "RU"),
    (["European Union", "EU", "the EU"], "EU"),
    (["euro zone", "Eurozone", "the euro area"], "EZ"),
    (["California"], "US-CA"),
    (["Texas"], "US-TX"),
    (["Bavaria"], "DE-BY"),
    (["Europe", "European"], "europe"),
    (["Asia Pacific", "Asia-Pacific"], "asia-pacific"),
    (["Xiaomi", "Xiaomi Corp", "Xiaomi Corporation", "Xiaomi's"], "xiaomi"),
    (["Tesla", "Tesla Inc", "Tesla, Inc."], "tesla"),
    (["BYD", "BYD Co", "BYD Co."], "byd"),
    (["Nasdaq", "NASDAQ", "Nasdaq, Inc."], "nasdaq"),
    (["China's EV market", "the Chinese EV market", "Chinese electric vehicle market", "EV market in China",
      "the electric vehicle market in China"], "CN/ev-market"),
    (["global EV market", "the world's EV market", "worldwide electric vehicle market", "world EV market"],
     "world/ev-market"),
    (["U.S. EV sales", "American EV sales", "electric vehicle sales in the United States", "EV sales in the U.S."],
     "US/ev-sale"),
    (["Xiaomi's EV business", "Xiaomi EV business"], "xiaomi/ev-business"),
    (["oil prices", "Oil prices", "the oil price"], "oil-price"),
]


@pytest.mark.parametrize(("spellings", "expected"), SAME, ids=[e for _, e in SAME])
def test_every_spelling_has_one_id(spellings, expected):
    assert {s: subject_id(s) for s in spellings} == dict.fromkeys(spellings, expected)


DIFFERENT = [
    # near-misses: names that look alike and are not the same entity
    ("Georgia", "GE"),  # the country: ISO 3166-1 names come before the parts of countries
    ("Acme Labs", "acme-labs"),  # a capitalised name keeps its plural
    ("Chinese EV makers", "CN/ev-maker"),  # another market than the Chinese EV market
    ("China", "CN"),
    ("Xiaomi", "xiaomi"),
    ("Indian EV market", "IN/ev-market"),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("subject", "expected"), DIFFERENT)
def test_near_misses_keep_their_own_id(subject, expected):
    assert subject_id(subject) == expected


def test_ids_of_different_entities_differ():
    ids = {subject_id(s) for s in ("U.S.", "China", "Xiaomi", "BYD", "Chinese EV market", "global EV market",
                                   "U.S. EV sales", "Europe", "European Union")}
    assert len(ids) == 9


def test_a_configured_company_gets_its_slug():
    lex = company_lexicon({"companies": {"names": ["Zeekr Intelligent"]}})
    assert subject_id("Zeekr Intelligent", entities(lex)) == "zeekr-intelligent"


@pytest.mark.parametrize(("text", "expected"), [("Mercedes-Benz", "mercedes-benz"), ("S&P 500", "s-p-500"),
                                                ("Škoda", "skoda"), ("  ", "")])
def test_slug(text, expected):
    assert slug(text) == expected


ARTICLE = (
    "U.S. EV sales rose 12% in 2025.\n"
    "Electric vehicle sales in the United States grew 12 percent in 2025.\n"
    "Xiaomi Corp plans 550,000 EV deliveries in 2026.\n"
)
EXPECTED_IDS = {"12%": "US", "12 percent": "US", "550,000 EV deliveries": "xiaomi"}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "ids.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_subject_id_in_jsonl_json_and_csv(cli, article):
    records = jsonl(cli("extract", article, "-f", "jsonl"))
    assert {r["text"]: r["subject_id"] for r in records} == EXPECTED_IDS
    assert all(list(r) == list(CLAIM_FIELDS) for r in records)
    [doc] = json.loads(out_text(cli("extract", article, "-f", "json")))
    assert {c["text"]: c["subject_id"] for c in doc["claims"]} == EXPECTED_IDS
    text = out_text(cli("extract", article, "-f", "csv"))
    header = text.splitlines()[0].split(",")
    assert header.index("subject_id") == header.index("subject") + 1
    assert {r["text"]: r["subject_id"] for r in csv_rows(text)} == EXPECTED_IDS


def test_schema_describes_subject_id(cli):
    schema = json.loads(cli("schema").stdout)
    assert "subject_id" in schema["required"]
    assert schema["properties"]["subject_id"]["type"] == ["string", "null"]


def test_show_html_tip_has_subject_id(cli, article, tmp_path):
    page = tmp_path / "page.html"
    assert cli("show", article, "--html", page).exit_code == 0
    assert "subject_id: xiaomi" in page.read_text(encoding="utf-8")


def test_store_has_subject_id_and_an_older_store_is_migrated(cli, article, tmp_path):
    old = tmp_path / "old.sqlite"
    with Store(str(old)):
        pass
    with sqlite3.connect(old) as db:  # as a release before subject_id wrote it
        db.execute("DROP INDEX claims_subject_id")
        db.execute("ALTER TABLE claims DROP COLUMN subject_id")
    assert migrate(sqlite3.connect(old, isolation_level=None)) == ["subject_id"]
    with sqlite3.connect(old) as db:
        db.execute("ALTER TABLE claims DROP COLUMN subject_id")
    r = cli("extract", article, "-o", old)
    assert r.exit_code == 0
    rows = sqlite3.connect(old).execute("SELECT text, subject_id FROM claims").fetchall()
    assert dict(rows) == EXPECTED_IDS
