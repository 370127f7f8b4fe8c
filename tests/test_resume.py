"""Re-runs into the store: what is stored is left out before it is read or parsed, identical copies
are merged with a word and recorded; the progress display and the summary line; streaming."""
from __future__ import annotations

import os
import sqlite3

import pytest
from conftest import jsonl

from evfacts import ingest, sources

ARTICLES = {
    "a.txt": "Acme sold 300 cars in 2024, up 12% on the year before.\n",
    "b.txt": "Globex will invest $4 billion in a battery plant by 2027.\n",
    "c.txt": "Initech cut 1,000 jobs, about 7% of its staff.\n",
}


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "news"
    (path / "copies").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (path / name).write_text(text, encoding="utf-8")
    (path / "copies" / "a-again.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")  # byte for byte
    return path


@pytest.fixture
def reads(monkeypatch):
    """The files read and the inputs decoded during a run."""
    seen = {"read": [], "decoded": []}
    real_read, real_make = sources.read_source, sources.make_documents

    def read(source, **kw):
        seen["read"].append(os.path.basename(source))
        return real_read(source, **kw)

    def make(data, source, **kw):
        seen["decoded"].append(os.path.basename(source))
        return real_make(data, source, **kw)

    monkeypatch.setattr(sources, "read_source", read)
    monkeypatch.setattr(sources, "make_documents", make)
    return seen


def _db(store):
    return sqlite3.connect(store)


def test_identical_copies_are_merged_with_a_word_and_recorded(cli, folder, tmp_path):
    store = tmp_path / "facts.sqlite"
    r = cli("extract", folder, "-o", store)
    assert r.exit_code == 0
    assert "1 identical copies merged" in r.stderr
    with _db(store) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        paths = dict(db.execute("SELECT path, raw_sha256 FROM paths"))
    assert len(paths) == 4
    assert paths[str(folder / "a.txt")] == paths[str(folder / "copies" / "a-again.txt")]


def test_a_rerun_does_not_report_known_copies_again(cli, folder, tmp_path):
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    for path in folder.rglob("*.txt"):
        os.utime(path, ns=(1, 1))
    r = cli("extract", folder, "-o", store)
    assert r.exit_code == 0 and "identical" not in r.stderr


def test_a_copy_with_other_bytes_but_the_same_text_is_merged(cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    page = ("<!doctype html><html><head><title>Acme</title></head><body><article><h1>Acme</h1>"
            "<p>Acme sold 300 cars in 2024, up 12% on the year before, the company said on Monday.</p>"
            "</article></body></html>")
    (folder / "one.html").write_text(page + "<!-- served by node 1 -->", encoding="utf-8")
    (folder / "two.html").write_text(page + "<!-- served by node 2 -->", encoding="utf-8")
    store = tmp_path / "facts.sqlite"
    r = cli("extract", folder, "-o", store)
    assert r.exit_code == 0 and "1 identical copies merged" in r.stderr
    with _db(store) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert db.execute("SELECT count(DISTINCT raw_sha256), count(DISTINCT sha256) FROM paths").fetchone() == (2, 1)


def test_a_rerun_with_nothing_new_reads_no_file(cli, folder, tmp_path, reads):
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    reads["read"].clear()
    reads["decoded"].clear()
    r = cli("extract", folder, "-o", store)
    assert r.exit_code == 0 and "identical" not in r.stderr
    assert reads["read"] == [] and reads["decoded"] == []


def test_a_touched_file_is_read_but_not_parsed_again(cli, folder, tmp_path, reads):
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    os.utime(folder / "b.txt", ns=(1, 1))  # same bytes, another mtime
    (folder / "c.txt").write_text("Initech cut 2,000 jobs.\n", encoding="utf-8")  # new content
    reads["read"].clear()
    reads["decoded"].clear()
    assert cli("extract", folder, "-o", store).exit_code == 0
    assert sorted(reads["read"]) == ["b.txt", "c.txt"]
    assert reads["decoded"] == ["c.txt"]
    with _db(store) as db:
        texts = {t for (t,) in db.execute("SELECT text FROM claims")}
    assert "2,000 jobs" in texts


def test_force_redoes_everything(cli, folder, tmp_path, reads):
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    reads["decoded"].clear()
    assert cli("extract", folder, "-o", store, "--force").exit_code == 0
    assert sorted(reads["decoded"]) == ["a.txt", "b.txt", "c.txt"]  # the copy is still merged
    with _db(store) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_store_of_an_older_evfacts_still_skips_by_text(cli, folder, tmp_path):
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    with _db(store) as db:
        db.execute("UPDATE documents SET raw_sha256 = NULL")
        db.execute("DELETE FROM paths")
        n = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert cli("extract", folder, "-o", store).exit_code == 0
    with _db(store) as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == n


def test_documents_are_read_one_at_a_time(folder):
    """The first document is out before the second file is read (`| head -1` waits for one file)."""
    items = sources.documents(sources.expand([str(folder)]), sources.Inputs())
    read = []
    real = ingest.read_source

    def spy(source, **kw):
        read.append(source)
        return real(source, **kw)

    sources.read_source, saved = spy, sources.read_source
    try:
        first = next(items)
    finally:
        sources.read_source = saved
    assert isinstance(first, ingest.Document) and len(read) == 1


def test_no_progress_and_no_summary_off_a_terminal(cli, folder, tmp_path):
    r = cli("extract", folder / "a.txt", "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 0 and r.stderr == ""


def test_a_terminal_gets_a_summary_line(cli, folder, tmp_path, monkeypatch):
    from evfacts import batch

    monkeypatch.setattr(batch, "isatty", lambda stream: True)
    r = cli("extract", folder, tmp_path / "missing.txt", "-o", tmp_path / "facts.sqlite")
    assert r.exit_code == 1
    summary = [line for line in r.stderr.splitlines() if " claims" in line and " in " in line]
    assert summary, r.stderr
    assert "3 documents" in summary[-1] and "1 duplicates" in summary[-1] and "1 failed" in summary[-1]


def test_quiet_has_no_summary(cli, folder, tmp_path, monkeypatch):
    from evfacts import batch

    monkeypatch.setattr(batch, "isatty", lambda stream: True)
    r = cli("extract", folder / "a.txt", "-q", "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 0 and r.stderr == ""


def test_the_claims_of_a_stream_run_are_unchanged_by_a_store(cli, folder, tmp_path):
    want = sorted(c["text"] for c in jsonl(cli("extract", folder, "-f", "jsonl")))
    store = tmp_path / "facts.sqlite"
    assert cli("extract", folder, "-o", store).exit_code == 0
    with _db(store) as db:
        got = sorted(t for (t,) in db.execute("SELECT text FROM claims"))
    assert set(got) == set(want) and len(got) == len(want) - 2  # the copy's two claims merged
