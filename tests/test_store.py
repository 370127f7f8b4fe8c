"""The SQLite store: `per` is a column, and a store written before it existed is migrated when opened."""
from __future__ import annotations

import sqlite3

import pytest

from evfacts.model import CLAIM_FIELDS, Claim, Result
from evfacts.store import STORED_CLAIM_FIELDS, Store, migrate

#: the schema of a store written before `per` existed, as that release created it
OLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL UNIQUE,
    title        TEXT,
    published    TEXT,
    claims       INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    processed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT, line INTEGER, start INTEGER, "end" INTEGER, text TEXT, sentence TEXT,
    kind TEXT, value REAL, value_max REAL, unit TEXT, approx TEXT, change TEXT,
    subject TEXT, metric TEXT, period TEXT, modality TEXT,
    companies TEXT,  -- JSON array
    mentions INTEGER
);
CREATE TABLE IF NOT EXISTS lines (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    line INTEGER, keep INTEGER, role TEXT, reason TEXT, rule TEXT, text TEXT
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject);
CREATE INDEX IF NOT EXISTS lines_document ON lines(document_id);
INSERT INTO documents VALUES (1, 'old.txt', 'abc', NULL, NULL, 1, NULL, '2026-01-01T00:00:00');
INSERT INTO claims (document_id, text, kind, value, unit) VALUES (1, '$5', 'money', 5, 'USD');
"""


@pytest.fixture
def old_store(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    return path


def columns(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute('PRAGMA table_info("claims")')]


def test_a_new_store_has_every_claim_field_as_a_column(tmp_path):
    path = tmp_path / "new.sqlite"
    with Store(str(path)):
        pass
    assert set(STORED_CLAIM_FIELDS) <= set(columns(path))
    assert set(CLAIM_FIELDS) - set(STORED_CLAIM_FIELDS) == {"title", "published", "url", "site"}  # in documents


def test_migrate_adds_the_new_columns_once(old_store):
    db = sqlite3.connect(old_store, isolation_level=None)
    assert migrate(db) == ["per", "subject_id", "raw_sha256", "language", "url", "site"]
    assert migrate(db) == []  # a migrated store is left as it is
    assert db.execute("SELECT text, unit, per FROM claims").fetchall() == [("$5", "USD", None)]


def test_an_old_store_takes_new_claims_with_per(old_store):
    claim = Claim(text="$62 per share", start=0, end=13, line=1, kind="money", value=62, unit="USD", per="share")
    with Store(str(old_store)) as store:
        store.write(Result(source="new.txt", claims=[claim]), "def")
    with Store(str(old_store)):
        pass
    db = sqlite3.connect(old_store)
    rows = db.execute("SELECT text, unit, per FROM claims ORDER BY id").fetchall()
    assert rows == [("$5", "USD", None), ("$62 per share", "USD", "share")]


RATES = "Acme paid a dividend of $62 per share.\nSaudi Arabia pumps 4 million barrels a day.\nAcme sold 300 cars.\n"


def test_cli_migrates_an_old_store_and_writes_per(cli, old_store, tmp_path):
    article = tmp_path / "rates.txt"
    article.write_text(RATES, encoding="utf-8")
    r = cli("extract", article, "-o", old_store)
    assert r.exit_code == 0 and r.stdout == ""
    assert "per" in columns(old_store)
    db = sqlite3.connect(old_store)
    rows = db.execute("SELECT c.text, c.unit, c.per FROM claims c JOIN documents d ON d.id = c.document_id "
                      "WHERE d.path = ?", (str(article),)).fetchall()
    assert sorted(rows) == [("$62 per share", "USD", "share"), ("300 cars", "car", None),
                            ("4 million barrels a day", "barrel", "day")]
    assert db.execute("SELECT per FROM claims WHERE text = '$5'").fetchall() == [(None,)]
    assert cli("extract", article, "-o", old_store, "--force").exit_code == 0
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 4  # redone, not doubled
