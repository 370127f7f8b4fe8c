"""Other languages: the claim rules are English, so a document confidently in another language
gets no claims and one "skipped" line on stderr; `--lang any` forces the rules on it."""
from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import jsonl

from evfacts.language import Detector, parse_lang

FOREIGN = {
    "es": ("El fabricante chino Xiaomi entregó más de 410.000 vehículos eléctricos el año pasado y ahora "
           "se propone alcanzar las 550.000 entregas en 2026. La empresa invertirá 2.500 millones de euros en "
           "una nueva fábrica cerca de Pekín, según explicó su presidente durante la presentación de "
           "resultados, en la que también anunció que sus ventas crecieron un 13% en el último trimestre.\n"),
    "de": ("Der chinesische Hersteller Xiaomi hat im vergangenen Jahr mehr als 410.000 Elektroautos "
           "ausgeliefert und will 2026 nun 550.000 Fahrzeuge verkaufen. Das Unternehmen investiert 4,6 "
           "Millionen Euro in ein neues Werk in der Nähe von Peking, wie der Vorstandschef bei der Vorstellung "
           "der Zahlen sagte. Der Umsatz stieg im letzten Quartal um 13 Prozent.\n"),
    "zh": ("小米公司去年交付了超过四十一万辆电动汽车，今年计划交付五十五万辆。公司将在北京附近投资建设一座新工厂，"
           "总投资额约为二十五亿元人民币。董事长在业绩发布会上表示，上一季度公司销售额增长了百分之十三，"
           "海外市场的需求也在稳步上升。分析师认为，随着新车型的推出，公司的市场份额有望进一步扩大。"
           "与此同时，公司还宣布将在未来三年内招聘五千名工程师，以加快自动驾驶技术的研发。\n"),
}

ENGLISH = ("Xiaomi delivered more than 410,000 electric vehicles last year and now aims for 550,000 "
           "deliveries in 2026. The company will invest $2.5 billion in a new plant near Beijing, its chairman "
           "said at the results presentation, where he also said sales grew 13% in the last quarter.\n")


@pytest.mark.parametrize("text, want", [
    (FOREIGN["es"], "es"),
    (FOREIGN["de"], "de"),
    (FOREIGN["zh"], "zh"),
    (ENGLISH, "en"),
    # near-misses: English with a foreign quote; too short a text for a verdict
    (ENGLISH + 'He called it "un paso muy importante para nosotros".\n', "en"),
    ("Xiaomi entregó 550.000 vehículos en 2026.", None),
    ("BYD sold 4.3 million cars.", None),
])
def test_detected_language(text, want):
    assert Detector().detect(text) == want


@pytest.mark.parametrize("value, want", [("en", "en"), (" ANY ", "any"), ("es", "es")])
def test_lang_values(value, want):
    assert parse_lang(value) == want


@pytest.mark.parametrize("value", ["english!", "e", "12"])
def test_lang_refuses_what_is_no_code(cli, tmp_path, value):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    r = cli("extract", path, "--lang", value)
    assert r.exit_code == 2 and "--lang" in r.stderr


@pytest.fixture
def mixed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for code, text in FOREIGN.items():
        (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def test_foreign_articles_give_no_claims_and_one_skipped_line_each(cli, mixed):
    r = cli("extract", mixed, "-f", "jsonl")
    assert r.exit_code == 0
    assert {c["source"] for c in jsonl(r)} == {str(mixed / "en.txt")}
    skipped = [line for line in r.stderr.splitlines() if "skipped:" in line]
    assert len(skipped) == 3
    for code in FOREIGN:
        assert any(f"skipped: {mixed / code}.txt: language {code}" in line for line in skipped)


def test_language_is_in_the_json_record_and_the_store(cli, mixed, tmp_path):
    docs = json.loads(cli("extract", mixed, "-f", "json").stdout)
    assert {d["source"].rsplit("/", 1)[-1]: d["language"] for d in docs} == {
        "de.txt": "de", "en.txt": "en", "es.txt": "es", "zh.txt": "zh"}
    assert all(not d["claims"] for d in docs if d["language"] != "en")
    store = tmp_path / "facts.sqlite"
    assert cli("extract", mixed, "-o", store).exit_code == 0
    with sqlite3.connect(store) as db:
        rows = dict(db.execute("SELECT language, claims FROM documents"))
    assert set(rows) == {"de", "en", "es", "zh"} and rows["es"] == 0 and rows["en"] > 0


def test_lang_any_forces_the_english_rules(cli, mixed):
    r = cli("extract", mixed / "es.txt", "--lang", "any", "-f", "jsonl")
    assert r.exit_code == 0 and "skipped" not in r.stderr
    assert jsonl(r)  # the English rules on Spanish text: some figures, of doubtful units


def test_lang_names_the_language_to_keep(cli, mixed):
    r = cli("extract", mixed, "--lang", "es", "-f", "json")
    docs = {d["source"].rsplit("/", 1)[-1]: d for d in json.loads(r.stdout)}
    assert docs["es.txt"]["claims"] and not docs["en.txt"]["claims"]
    assert "skipped: " in r.stderr and "language en" in r.stderr


def test_a_dataset_row_in_another_language_is_skipped_by_name(cli, tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps({"id": code, "text": text}) + "\n"
                            for code, text in [("es-1", FOREIGN["es"]), ("en-1", ENGLISH)]), encoding="utf-8")
    r = cli("extract", path, "--id-field", "id", "-f", "jsonl")
    assert {c["source"] for c in jsonl(r)} == {"en-1"}
    assert "skipped: es-1: language es" in r.stderr
