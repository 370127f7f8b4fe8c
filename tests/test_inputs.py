"""Inputs as analysts hold them: datasets of articles, URLs, gzipped pages, other languages,
empty folders and output names evfacts does not write."""
from __future__ import annotations

import csv
import gzip
import http.server
import io
import json
import sqlite3
import threading

import pytest
from conftest import SAMPLES, jsonl

SAMPLE = (SAMPLES / "xiaomi-ev-2026.txt").read_text(encoding="utf-8")

#: our own short articles, one a row, with the fields a news dataset ships
ROWS = [
    {"id": "byd-1", "headline": "BYD sales", "date": "2025-03-02", "url": "https://example.com/byd",
     "site": "Example News", "text": "BYD sold 4.3 million vehicles last year, up 41%, the company said."},
    {"id": "nio-7", "headline": "Nio", "date": "2024-06-30", "text": "Nio expects revenue of $2.5 billion in May."},
    {"id": "xiaomi", "headline": "Xiaomi", "date": "2026-01-04", "text": SAMPLE},
]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "byd.txt"
    path.write_text("BYD shares rose 13% in Hong Kong on Monday.\n", encoding="utf-8")
    return path


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.fixture
def dataset(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(_jsonl(ROWS), encoding="utf-8")
    return path


def test_a_jsonl_dataset_is_one_document_a_row(cli, dataset):
    r = cli("extract", dataset, "-f", "json", "--id-field", "id", "--title-field", "headline")
    assert r.exit_code == 0, r.stderr
    docs = json.loads(r.stdout)
    assert [d["source"] for d in docs] == ["byd-1", "nio-7", "xiaomi"]
    byd = docs[0]
    assert byd["title"] == "BYD sales" and byd["published"].startswith("2025-03-02")
    assert byd["url"] == "https://example.com/byd" and byd["site"] == "Example News"
    texts = {c["text"]: c for c in byd["claims"]}
    assert texts["4.3 million vehicles"]["period"] == "2024"  # "last year" of the row's date
    assert texts["41%"]["title"] == "BYD sales" and texts["41%"]["url"] == "https://example.com/byd"
    assert {c["text"] for c in docs[1]["claims"]} >= {"$2.5 billion"}
    assert docs[1]["claims"][0]["period"] == "2024-05"
    assert len(docs[2]["claims"]) >= 10  # the sample article, not "disclaimer" lines


def test_rows_without_an_id_field_are_named_file_and_row(cli, dataset):
    records = jsonl(cli("extract", dataset, "-f", "jsonl"))
    assert {r["source"] for r in records} == {f"{dataset}#1", f"{dataset}#2", f"{dataset}#3"}


@pytest.mark.parametrize("suffix, writer", [
    (".jsonl.gz", lambda p, rows: p.write_bytes(gzip.compress(_jsonl(rows).encode()))),
    (".ndjson", lambda p, rows: p.write_text(_jsonl(rows), encoding="utf-8")),
    (".csv", lambda p, rows: p.write_text(_csv(rows), encoding="utf-8")),
    (".csv.gz", lambda p, rows: p.write_bytes(gzip.compress(_csv(rows).encode()))),
])
def test_every_dataset_shape_gives_the_same_claims(cli, dataset, tmp_path, suffix, writer):
    other = tmp_path / f"same{suffix}"
    writer(other, ROWS)
    want = [(r["source"], r["text"], r["period"]) for r in jsonl(cli("extract", dataset, "--id-field", "id", "-f", "jsonl"))]
    r = cli("extract", other, "--id-field", "id", "-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    assert [(c["source"], c["text"], c["period"]) for c in jsonl(r)] == want


def _csv(rows) -> str:
    out = io.StringIO()
    fields = sorted({k for r in rows for k in r})
    w = csv.DictWriter(out, fieldnames=fields)
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def test_bad_rows_are_named_and_skipped(cli, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(_jsonl(ROWS[:1]) + "{not json\n" + json.dumps({"body": "x"}) + "\n" + _jsonl(ROWS[1:2]),
                    encoding="utf-8")
    r = cli("extract", path, "-f", "jsonl")
    assert r.exit_code == 1
    assert f"{path}#2: invalid JSON" in r.stderr
    assert f"{path}#3: no text in field 'text'" in r.stderr
    assert {c["source"] for c in jsonl(r)} == {f"{path}#1", f"{path}#4"}


def test_text_field_names_the_article_column(cli, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(_jsonl([{"story": "Tesla delivered 1.8 million cars in 2023."}]), encoding="utf-8")
    r = cli("extract", path, "--text-field", "story", "-f", "jsonl")
    assert r.exit_code == 0 and [c["text"] for c in jsonl(r)] == ["1.8 million cars"]


def test_a_jsonl_file_that_holds_no_articles_is_refused_by_name(cli, tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text(_jsonl([{"metric": "cpu", "value": 13}, {"metric": "mem", "value": 40}]), encoding="utf-8")
    r = cli("extract", path, "-f", "jsonl")
    assert r.exit_code == 1 and r.stdout == ""
    assert f"{path}: no text field (text, body, content, article)" in r.stderr
    assert "--text-field" in r.stderr


def test_a_dataset_into_the_store_with_workers(cli, dataset, tmp_path):
    store = tmp_path / "facts.sqlite"
    r = cli("extract", dataset, "--id-field", "id", "-o", store, "-j", "2")
    assert r.exit_code == 0, r.stderr
    with sqlite3.connect(store) as db:
        docs = db.execute("SELECT path, title, published, url, site, language FROM documents ORDER BY id").fetchall()
        n = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert [d[0] for d in docs] == ["byd-1", "nio-7", "xiaomi"]
    assert docs[0][1:5] == ("BYD sales", "2025-03-02T00:00:00", "https://example.com/byd", "Example News")
    assert docs[2][5] == "en"
    assert n == len(jsonl(cli("extract", dataset, "-f", "jsonl")))
    again = cli("extract", dataset, "--id-field", "id", "-o", store)
    assert again.exit_code == 0
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_dataset_on_dask_is_wired(cli, dataset, monkeypatch):
    pytest.importorskip("distributed")
    from evfacts import distributed
    from evfacts.pipeline import Pipeline

    def fake(items, address, kwargs, jobs=0):
        return Pipeline(**kwargs).process_many(items)

    monkeypatch.setattr(distributed, "process_dask", fake)
    r = cli("extract", dataset, "--dask", "local", "--id-field", "id", "-f", "jsonl")
    assert r.exit_code == 0
    assert {c["source"] for c in jsonl(r)} == {"byd-1", "nio-7", "xiaomi"}


# -- URLs ---------------------------------------------------------------------------------

PAGE = ("<!doctype html><html><head><title>Xiaomi deliveries</title>"
        '<meta property="og:site_name" content="Example Motors"></head><body><article>'
        "<h1>Xiaomi deliveries</h1>"
        + "".join(f"<p>{line}</p>" for line in SAMPLE.splitlines()[2:14] if line.strip())
        + "</article></body></html>")


@pytest.fixture
def server():
    """A web server on 127.0.0.1: /page.html, /missing (404), /big (larger than 2,000 bytes)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = {"/page.html": PAGE.encode(), "/big": b"<html><body>" + b"x" * 5000 + b"</body></html>"}
            data = body.get(self.path)
            self.send_response(200 if data else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data or b"")))
            self.end_headers()
            self.wfile.write(data or b"")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_and_read_as_a_page(cli, server):
    url = f"{server}/page.html"
    r = cli("extract", url, "-f", "json")
    assert r.exit_code == 0, r.stderr
    [doc] = json.loads(r.stdout)
    assert doc["source"] == url and doc["url"] == url and doc["site"] == "Example Motors"
    assert any(c["text"] == "550,000 EV deliveries" and c["url"] == url for c in doc["claims"])


@pytest.mark.parametrize("path, args, message", [
    ("/missing", [], "HTTP 404"),
    ("/big", ["--max-bytes", "2000"], "larger than --max-bytes"),
])
def test_a_url_that_fails_is_named_and_the_run_goes_on(cli, server, article, path, args, message):
    r = cli("extract", f"{server}{path}", article, *args, "-f", "jsonl")
    assert r.exit_code == 1
    assert f"{server}{path}: " in r.stderr and message in r.stderr
    assert any(c["text"] == "13%" for c in jsonl(r))


def test_a_url_nobody_answers_fails_at_once(cli):
    import socket
    import time

    with socket.socket() as s:  # a port that was free a moment ago: the connection is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    r = cli("extract", f"http://127.0.0.1:{port}/a.html", "-f", "jsonl")
    assert r.exit_code == 1 and "cannot fetch it" in r.stderr
    assert time.monotonic() - started < 10  # no retries storm


# -- small gaps ---------------------------------------------------------------------------

def test_a_gzipped_page_is_read(cli, tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    r = cli("extract", tmp_path, "-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    assert any(c["text"] == "550,000 EV deliveries" and c["source"] == str(page) for c in jsonl(r))


def test_a_folder_matching_nothing_is_an_error(cli, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    r = cli("extract", tmp_path, "-f", "jsonl")
    assert r.exit_code == 1 and r.stdout == ""
    assert f"{tmp_path}: no file matching" in r.stderr and "--glob" in r.stderr


@pytest.mark.parametrize("name", ["claims.parquet", "claims.xlsx", "claims.out"])
def test_an_output_extension_evfacts_does_not_write_is_a_usage_error(cli, article, tmp_path, name):
    r = cli("extract", article, "-o", tmp_path / name)
    assert r.exit_code == 2 and "does not write" in r.stderr
    assert not (tmp_path / name).exists()
    assert cli("extract", article, "-o", tmp_path / name, "-f", "jsonl").exit_code == 0  # -f says the format
