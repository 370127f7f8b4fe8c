"""The `per` field of a rate in every output: jsonl, json, csv, table, `show` (terminal and HTML) and the schema."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import csv_rows, jsonl, out_text

from evfacts.model import CLAIM_FIELDS

RATES = (
    "Acme paid a dividend of $62 per share in 2025.\n"
    "Saudi Arabia pumps 4 million barrels a day.\n"
    "The basic plan costs RM79 a month.\n"
    "Acme sold 300 cars in May.\n"
)
#: text -> (unit, per) in every format
EXPECTED = {
    "$62 per share": ("USD", "share"),
    "4 million barrels a day": ("barrel", "day"),
    "RM79 a month": ("MYR", "month"),
    "300 cars": ("car", None),
}


@pytest.fixture
def rates(tmp_path):
    path = tmp_path / "rates.txt"
    path.write_text(RATES, encoding="utf-8")
    return path


def test_jsonl_has_per(cli, rates):
    records = jsonl(cli("extract", rates, "-f", "jsonl"))
    assert {r["text"]: (r["unit"], r["per"]) for r in records} == EXPECTED
    assert all(list(r) == list(CLAIM_FIELDS) for r in records)


def test_json_has_per(cli, rates):
    [doc] = json.loads(out_text(cli("extract", rates, "-f", "json")))
    assert {c["text"]: (c["unit"], c["per"]) for c in doc["claims"]} == EXPECTED


def test_csv_has_a_per_column_after_unit(cli, rates):
    text = out_text(cli("extract", rates, "-f", "csv"))
    header = text.splitlines()[0].split(",")
    assert header.index("per") == header.index("unit") + 1
    rows = csv_rows(text)
    assert {r["text"]: (r["unit"], r["per"] or None) for r in rows} == EXPECTED


def _table_rows(text: str) -> list[dict]:
    """The rows of a rich table (box characters) as dicts keyed by its header."""
    lines = [ln for ln in text.splitlines() if ln.startswith(("┃", "│"))]
    cells = [[c.strip() for c in ln.strip("┃│").split("┃" if ln.startswith("┃") else "│")] for ln in lines]
    header, body = cells[0], cells[1:]
    return [dict(zip(header, row)) for row in body]


def test_table_has_a_per_column(cli, rates):
    r = cli("extract", rates, "-f", "table")
    assert r.exit_code == 0
    rows = _table_rows(r.stdout)
    assert {row["text"]: (row["unit"], row["per"] or None) for row in rows} == EXPECTED


def test_schema_describes_per(cli):
    schema = json.loads(cli("schema").stdout)
    assert "per" in schema["required"]
    assert schema["properties"]["per"]["type"] == ["string", "null"]


def test_show_notes_the_rate(cli, rates):
    r = cli("show", rates)
    assert r.exit_code == 0
    notes = [ln.split("▸", 1)[1].strip() for ln in r.stdout.splitlines() if "▸" in ln]
    assert any(n.startswith("62 USD per share") for n in notes)
    assert any(n.startswith("4,000,000 barrel per day") for n in notes)
    assert not any("per" in n.split("·")[0] for n in notes if n.startswith("300"))


class _Summary(HTMLParser):
    """The cells of the summary table of a `show --html` page, row by row."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_summary = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "summary") in attrs:
            self._in_summary = True
        elif self._in_summary and tag == "tr":
            self.rows.append([])
        elif self._in_summary and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_summary = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_show_html_has_a_per_column_and_hover(cli, rates):
    r = cli("show", rates, "--html", "-")
    assert r.exit_code == 0
    page = out_text(r)
    summary = _Summary()
    summary.feed(page)
    header, body = summary.rows[0], summary.rows[1:]
    rows = [dict(zip(header, row)) for row in body if len(row) == len(header)]  # not the explanations' rows
    assert {row["text"]: (row["unit"], row["per"] or None) for row in rows} == EXPECTED
    assert 'title="62 USD per share' in page
