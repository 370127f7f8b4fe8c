"""The CLI contract of SPEC.md, driven in-process through CliRunner with parsed output.

Claim values and units are improved elsewhere; these tests assert facts every version must keep
("13%" is a percent of 13, offsets point at the text) rather than an article's full claim list.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import check_offsets, csv_rows, jsonl, out_text

from evfacts import __version__
from evfacts.model import CLAIM_FIELDS

ARTICLE = (
    "BYD annual results\n"
    "\n"
    "BYD said on Monday that its sales rose 13% to 4.2 million vehicles in 2025.\n"
    "Tesla deliveries fell 9% over the same period, the company said.\n"
)


def by_text(records, text):
    return [r for r in records if r["text"] == text]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "byd.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ commands

def test_version(cli):
    r = cli("--version")
    assert r.exit_code == 0
    assert r.stdout == f"evfacts {__version__}\n"


def test_schema_is_json_schema_of_a_record(cli):
    r = cli("schema")
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert schema["type"] == "object"
    assert schema["required"] == list(CLAIM_FIELDS)
    assert set(CLAIM_FIELDS) <= set(schema["properties"])
    assert schema["properties"]["kind"]["enum"] == ["percent", "money", "quantity", "year"]
    assert schema["properties"]["modality"]["enum"] == ["reported", "forecast", "target"]


def test_no_command_shows_help_and_exits_2(cli):
    r = cli()
    assert r.exit_code == 2
    assert "extract" in r.output


def test_unknown_command_is_a_usage_error(cli):
    r = cli("bogus")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("evfacts: error:")


# ------------------------------------------------------------------------ extract: inputs

def test_extract_file_jsonl(cli, article):
    r = cli("extract", article, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    records = jsonl(r)
    check_offsets(ARTICLE, records)
    [pct] = by_text(records, "13%")
    assert (pct["value"], pct["kind"], pct["unit"], pct["line"]) == (13, "percent", "%", 3)
    assert pct["source"] == str(article)
    assert "sales rose 13%" in pct["sentence"]
    assert set(CLAIM_FIELDS) <= set(pct)
    assert by_text(records, "9%")[0]["line"] == 4


def test_default_format_in_a_pipe_is_jsonl(cli, article):
    r = cli("extract", article)
    assert r.exit_code == 0
    assert all(isinstance(json.loads(line), dict) for line in r.stdout.splitlines())
    assert by_text(jsonl(r), "13%")


@pytest.mark.parametrize("args", [["extract", "-"], ["extract"]], ids=["dash", "implicit"])
def test_extract_stdin(cli, args):
    r = cli(*args, "-f", "jsonl", input=ARTICLE)
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    check_offsets(ARTICLE, records)
    assert {rec["source"] for rec in records} == {"-"}
    assert by_text(records, "13%")[0]["value"] == 13


def test_no_path_and_a_terminal_is_a_usage_error(cli, monkeypatch):
    monkeypatch.setattr("evfacts.cli.stdin_is_terminal", lambda: True)
    r = cli("extract")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "no input" in r.stderr and r.stderr.count("\n") == 1


def test_folder_is_walked_recursively_sorted_with_default_globs(cli, tmp_path):
    files = {"b.txt": "Sales rose 2%.", "a.md": "# Title\n\nSales rose 1%.", "sub/c.html":
             "<html><body><article><p>Sales at the carmaker rose 3% in the quarter, the company said on Monday."
             "</p></article></body></html>", "sub/deeper/d.TXT": "Sales rose 4%.", "z.log": "Sales rose 5%.",
             "data.json": '{"x": "6%"}'}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = cli("extract", tmp_path, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    sources = list(dict.fromkeys(rec["source"] for rec in records))
    assert sources == [str(tmp_path / n) for n in ("a.md", "b.txt", "sub/c.html", "sub/deeper/d.TXT")]
    assert [rec["value"] for rec in records if rec["kind"] == "percent"] == [1, 2, 3, 4]


def test_glob_picks_the_files_of_a_folder(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Sales rose 1%.")
    (tmp_path / "b.log").write_text("Sales rose 2%.")
    (tmp_path / "c.news").write_text("Sales rose 3%.")
    r = cli("extract", tmp_path, "--glob", "*.log", "--glob", "*.news", "-f", "jsonl")
    assert r.exit_code == 0
    assert [rec["value"] for rec in jsonl(r)] == [2, 3]


def test_a_file_given_by_name_is_read_whatever_its_extension(cli, tmp_path):
    path = tmp_path / "notes.log"
    path.write_text("Sales rose 13%.")
    assert [rec["value"] for rec in jsonl(cli("extract", path))] == [13]


def test_missing_input_is_named_and_the_rest_processed(cli, article, tmp_path):
    missing = tmp_path / "missing.txt"
    r = cli("extract", missing, article, "-f", "jsonl")
    assert r.exit_code == 1
    assert by_text(jsonl(r), "13%")
    assert r.stderr.splitlines() == [f"evfacts: {missing}: no such file or directory"]


def test_lines_each_line_is_a_document_with_offsets_into_the_whole_input(cli, tmp_path):
    text = "Sales rose 5%.\r\n\r\nProfit fell 7% in May.\nRevenue grew 11%\n"
    path = tmp_path / "lines.txt"
    path.write_bytes(text.encode("utf-8"))
    r = cli("extract", "--lines", path, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    check_offsets(text, records)
    assert [(rec["text"], rec["line"]) for rec in records if rec["kind"] == "percent"] == \
        [("5%", 1), ("7%", 3), ("11%", 4)]


def test_lines_from_stdin(cli):
    text = "a 1% rise\nb 2% rise\n"
    records = jsonl(cli("extract", "--lines", "-f", "jsonl", input=text))
    check_offsets(text, records)
    assert [(rec["line"], rec["value"]) for rec in records] == [(1, 1), (2, 2)]


# ------------------------------------------------------------------------ extract: formats

def test_json_is_an_array_of_documents(cli, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Nothing to count here.\n")
    r = cli("extract", article, other, "-f", "json", "--published", "2026-01-04")
    assert r.exit_code == 0
    docs = json.loads(r.stdout)
    assert [d["source"] for d in docs] == [str(article), str(other)]
    for d in docs:
        assert set(d) == {"source", "title", "published", "url", "site", "language", "companies", "claims"}
        assert d["published"] == "2026-01-04T00:00:00"
        mentions = [c["mentions"] for c in d["companies"]]
        assert mentions == sorted(mentions, reverse=True)
        assert all(set(c) == {"name", "mentions"} for c in d["companies"])
    assert docs[1]["claims"] == []
    check_offsets(ARTICLE, docs[0]["claims"])
    assert by_text(docs[0]["claims"], "13%")[0]["value"] == 13


@pytest.mark.parametrize("fmt, expected", [("json", "[]\n"), ("jsonl", "")])
def test_empty_input(cli, fmt, expected):
    r = cli("extract", "-", "-f", fmt, input="")
    assert r.exit_code == 0
    assert r.stdout == expected


def test_empty_csv_is_the_header(cli):
    r = cli("extract", "-", "-f", "csv", input="no figures")
    assert r.exit_code == 0
    assert out_text(r) == ",".join(CLAIM_FIELDS) + "\n"


def test_csv_header_once_and_round_trips(cli, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text('Xiaomi and BYD said "sales", rose 21%, they said.\nNIO fell 3%.\n')
    r = cli("extract", article, other, "-f", "csv")
    assert r.exit_code == 0
    text = out_text(r)
    assert text.count("source,line,start") == 1
    rows = csv_rows(text)
    assert list(rows[0]) == list(CLAIM_FIELDS)
    expected = [rec for src in (article, other) for rec in jsonl(cli("extract", src, "-f", "jsonl"))]
    assert len(rows) == len(expected)
    for row, rec in zip(rows, expected):
        assert row["text"] == rec["text"] and row["sentence"] == rec["sentence"]
        assert int(row["start"]) == rec["start"] and int(row["line"]) == rec["line"]
        assert float(row["value"]) == rec["value"]
        assert row["companies"] == "; ".join(rec["companies"])
        assert row["unit"] == (rec["unit"] or "")


def test_table_format(cli, article):
    r = cli("extract", article, "-f", "table")
    assert r.exit_code == 0
    assert "13%" in r.stdout and "text" in r.stdout and "value" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour codes when not on a terminal


def test_unknown_format_is_a_usage_error(cli, article):
    r = cli("extract", article, "-f", "nope")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "--format" in r.stderr


# ------------------------------------------------------------------------ -o FILE

@pytest.mark.parametrize("name, check", [
    ("out.json", lambda t: json.loads(t)[0]["claims"]),
    ("out.jsonl", lambda t: [json.loads(line) for line in t.splitlines()]),
    ("out.csv", lambda t: csv_rows(t)),
])
def test_output_file_format_from_extension(cli, article, tmp_path, name, check):
    target = tmp_path / name
    r = cli("extract", article, "-o", target)
    assert r.exit_code == 0
    assert r.stdout == ""
    records = check(target.read_text(encoding="utf-8"))
    assert any(rec["text"] == "13%" for rec in records)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["byd.txt", name])


def test_format_flag_beats_the_extension(cli, article, tmp_path):
    target = tmp_path / "out.json"
    assert cli("extract", article, "-o", target, "-f", "jsonl").exit_code == 0
    first = target.read_text().splitlines()[0]
    assert json.loads(first)["source"] == str(article)


def test_output_replaces_an_existing_file(cli, article, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n" * 1000)
    assert cli("extract", article, "-o", target).exit_code == 0
    assert "old" not in target.read_text()


def test_output_into_a_directory_is_a_usage_error(cli, article, tmp_path):
    r = cli("extract", article, "-o", tmp_path)
    assert r.exit_code == 2
    assert "is a directory" in r.stderr


def test_output_into_a_missing_folder_is_one_line(cli, article, tmp_path):
    r = cli("extract", article, "-o", tmp_path / "nope" / "out.json")
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "cannot write" in r.stderr
    assert "Traceback" not in r.output


def test_output_dash_is_stdout(cli, article):
    r = cli("extract", article, "-o", "-", "-f", "jsonl")
    assert by_text(jsonl(r), "13%")


# ------------------------------------------------------------------------ options

@pytest.mark.parametrize("value, expected", [
    ("2026-01-04", "2026-01-04T00:00:00"),
    ("January 4, 2026", "2026-01-04T00:00:00"),
    ("4 Jan 2026 10:30", "2026-01-04T10:30:00"),
    ("2026-01-04T10:00:00+08:00", "2026-01-04T10:00:00"),
    ("2026", "2026-01-01T00:00:00"),
    ("2026-05", "2026-05-01T00:00:00"),
])
def test_published(cli, value, expected):
    r = cli("extract", "-", "-f", "json", "--published", value, input="Sales rose 13%.")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["published"] == expected


@pytest.mark.parametrize("value", ["garbage", "4000", "13"])
def test_unreadable_published_is_a_usage_error(cli, value):
    r = cli("extract", "-", "--published", value, input="Sales rose 13%.")
    assert r.exit_code == 2
    assert r.stderr.startswith("evfacts: error: --published") and r.stderr.count("\n") == 1


def test_unique_counts_repeats(cli):
    text = "Sales rose 13% in 2025.\nSales rose 13% in 2025.\nProfit fell 4%.\n"
    plain = jsonl(cli("extract", "-", "-f", "jsonl", input=text))
    unique = jsonl(cli("extract", "-", "-f", "jsonl", "--unique", input=text))
    assert len(by_text(plain, "13%")) == 2
    [pct] = by_text(unique, "13%")
    assert pct["mentions"] == 2 and pct["line"] == 1
    assert by_text(unique, "4%")[0]["mentions"] == 1
    assert "mentions" not in plain[0]


def test_unique_keeps_the_same_figure_of_different_subjects(cli):
    text = "Apple sold 5 million phones in 2025.\nSamsung sold 5 million phones in 2025.\nApple sold 5 million phones in 2025.\n"
    unique = jsonl(cli("extract", "-", "-f", "jsonl", "--unique", input=text))
    assert [(rec["subject"], rec["line"], rec["mentions"]) for rec in unique] == [("Apple", 1, 2), ("Samsung", 2, 1)]


def test_unique_csv_has_a_mentions_column(cli):
    r = cli("extract", "-", "-f", "csv", "--unique", input="Up 13%. Up 13%.\n")
    rows = csv_rows(out_text(r))
    assert list(rows[0]) == [*CLAIM_FIELDS, "mentions"]
    assert [(row["text"], row["mentions"]) for row in rows] == [("13%", "2")]


def test_no_clean_keeps_every_line(cli):
    text = ("EV sales climb\n\nSubscribe to our newsletter and save 20% today!\n"
            "Sales of electric cars rose 13% in 2025, the association said on Tuesday.\n"
            "Share this article\n")
    cleaned = jsonl(cli("extract", "-", "-f", "jsonl", input=text))
    raw = jsonl(cli("extract", "-", "-f", "jsonl", "--no-clean", input=text))
    check_offsets(text, raw)
    assert by_text(raw, "20%") and by_text(raw, "13%")
    assert {r["start"] for r in cleaned} <= {r["start"] for r in raw}


def test_max_bytes_refuses_large_inputs_with_a_message(cli, tmp_path, article):
    big = tmp_path / "big.txt"
    big.write_text("Sales rose 13%. " * 20)
    r = cli("extract", big, article, "--max-bytes", "200", "-f", "jsonl")
    assert r.exit_code == 1
    assert {rec["source"] for rec in jsonl(r)} == {str(article)}
    assert r.stderr.splitlines() == [f"evfacts: {big}: larger than --max-bytes (200 bytes); skipped"]


def test_max_bytes_applies_to_stdin(cli):
    r = cli("extract", "-", "--max-bytes", "10", input="Sales rose 13% last year.")
    assert r.exit_code == 1 and r.stdout == ""
    assert "larger than --max-bytes" in r.stderr


def test_default_max_bytes_is_10_mb():
    from evfacts.ingest import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_unexpected_error_is_one_line_without_debug(cli, article, monkeypatch):
    monkeypatch.setattr("evfacts.batch.write_claims", _boom)
    r = cli("extract", article)
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert r.stderr.splitlines()[0].startswith("evfacts: error: RuntimeError: boom")
    assert len(r.stderr.splitlines()) == 1


def test_debug_shows_the_traceback(cli, article, monkeypatch):
    monkeypatch.setattr("evfacts.batch.write_claims", _boom)
    r = cli("extract", article, "--debug")
    assert r.exit_code == 1
    assert "Traceback (most recent call last)" in r.stderr and "RuntimeError: boom" in r.stderr


def test_a_document_that_fails_is_named_and_the_batch_goes_on(cli, article, tmp_path, monkeypatch):
    from evfacts import pipeline

    real = pipeline.extract_article

    def flaky(parsed, **kw):
        if any("poison" in seg.text for seg, _ in parsed):
            raise ValueError("bad document")
        return real(parsed, **kw)

    monkeypatch.setattr(pipeline, "extract_article", flaky)
    bad = tmp_path / "a-bad.txt"
    bad.write_text("poison 5%\n")
    r = cli("extract", bad, article, "-f", "jsonl")
    assert r.exit_code == 1
    assert by_text(jsonl(r), "13%")
    [line] = r.stderr.splitlines()
    assert str(bad) in line and "ValueError: bad document" in line
    r = cli("extract", bad, "--debug")
    assert "Traceback (most recent call last)" in r.stderr


# ------------------------------------------------------------------------ clean

def test_clean_prints_the_kept_text(cli, article):
    r = cli("clean", article)
    assert r.exit_code == 0
    assert "sales rose 13% to 4.2 million vehicles" in r.stdout
    assert "\n\n" not in r.stdout.strip()


def test_clean_explain_jsonl(cli, article):
    r = cli("clean", article, "--explain", "-f", "jsonl")
    assert r.exit_code == 0
    records = jsonl(r)
    assert [rec["line"] for rec in records] == [1, 3, 4]  # every non-blank line, in order
    for rec in records:
        assert {"source", "line", "text", "keep", "role", "reason"} <= set(rec)
        assert rec["source"] == str(article)
        assert isinstance(rec["keep"], bool)
        assert rec["role"] in {"title", "heading", "body", "boilerplate", "metadata"}
        assert rec["text"] == ARTICLE.splitlines()[rec["line"] - 1].strip()
    assert records[1]["keep"] is True


def test_clean_explain_json_and_csv(cli, article):
    docs = json.loads(cli("clean", article, "--explain", "-f", "json").stdout)
    rows = csv_rows(out_text(cli("clean", article, "--explain", "-f", "csv")))
    assert [d["line"] for d in docs] == [int(row["line"]) for row in rows] == [1, 3, 4]


def test_clean_explain_lines_carries_input_lines(cli):
    text = "first 1%\n\nthird 3%\n"
    records = jsonl(cli("clean", "--explain", "--lines", "-f", "jsonl", input=text))
    assert [(rec["line"], rec["text"]) for rec in records] == [(1, "first 1%"), (3, "third 3%")]


def test_plain_clean_refuses_a_data_format(cli, article):
    r = cli("clean", article, "-f", "jsonl")
    assert r.exit_code == 2
    assert "--explain" in r.stderr


def test_clean_of_several_documents_separates_them_by_a_blank_line(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Sales of electric cars rose 13% in 2025, the association said.\n")
    (tmp_path / "b.txt").write_text("Sales of hybrid cars fell 2% in 2025, the association said.\n")
    r = cli("clean", tmp_path)
    assert r.stdout.split("\n\n") == ["Sales of electric cars rose 13% in 2025, the association said.",
                                      "Sales of hybrid cars fell 2% in 2025, the association said.\n"]


# ------------------------------------------------------------------------ show

def test_show_in_the_terminal(cli, article):
    r = cli("show", article)
    assert r.exit_code == 0, r.output
    assert "sales rose 13% to 4.2 million vehicles" in r.stdout
    assert "\x1b[" not in r.stdout


def test_show_html_page(cli, article, tmp_path):
    page = tmp_path / "page.html"
    r = cli("show", article, "--html", page)
    assert r.exit_code == 0 and r.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<mark class="claim percent"' in html and ">13%<" in html
    assert cli("show", article, "--html", "-").stdout == html


def test_show_names_a_missing_file(cli, tmp_path):
    r = cli("show", tmp_path / "missing.txt")
    assert r.exit_code == 1
    assert r.stderr == f"evfacts: {tmp_path / 'missing.txt'}: no such file or directory\n"


# ------------------------------------------------------------------------ scale: -j, --dask, SQLite

def test_jobs_give_the_same_records_in_the_same_order(cli, tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"Sales rose {i + 1}% in 2025.\nProfit fell {i + 10}%.\n")
    one = jsonl(cli("extract", tmp_path, "-f", "jsonl"))
    two = cli("extract", tmp_path, "-f", "jsonl", "-j", "2")
    assert two.exit_code == 0
    assert jsonl(two) == one and len(one) >= 12


def test_jobs_clean_with_the_template_the_batch_taught(cli, tmp_path):
    """The workers start before the main process learns the batch's template; what it learned must
    still reach them: the template's figures ("one of 5 companies", "returns of 41%") are dropped by
    -j 2 exactly as by -j 1, and the SQLite store gets the same claims."""
    bodies = ["Revenue reached $4 billion, beating estimates.", "The company cut 1,000 jobs in Europe.",
              "Deliveries rose to 50,000 vehicles.", "It raised its dividend to 30 cents a share.",
              "Sales fell 7% in March."]
    for i, (body, name) in enumerate(zip(bodies, ["Acme", "Globex", "Initech", "Umbrella", "Hooli"]), 1):
        (tmp_path / f"{i}.txt").write_text(
            f"{body}\n{name} is one of {i + 3} companies we cover in the sector.\n"
            f"Our team of analysts picks the stocks they believe will beat {name} over the next year, "
            f"and members have seen average returns of {40 + i}% since 2002.\n"
            f"Copies of this note go to subscribers of the ExampleWire desk every morning.\n")
    one = jsonl(cli("extract", tmp_path, "-f", "jsonl"))
    two = cli("extract", tmp_path, "-f", "jsonl", "-j", "2")
    assert two.exit_code == 0
    assert jsonl(two) == one
    assert sorted(r["text"] for r in one) == sorted(["$4 billion", "1,000 jobs", "50,000 vehicles", "30 cents a share", "7%"])
    store = tmp_path / "facts.sqlite"
    assert cli("extract", tmp_path, "-o", store, "-j", "2").exit_code == 0
    import sqlite3

    with sqlite3.connect(store) as db:
        assert sorted(t for (t,) in db.execute("select text from claims")) == sorted(r["text"] for r in one)


def test_dask_is_wired(cli, article, monkeypatch):
    pytest.importorskip("distributed")
    from evfacts import distributed
    from evfacts.pipeline import Pipeline

    seen = {}

    def fake(items, address, kwargs, jobs=0):
        seen.update(address=address, jobs=jobs, kwargs=kwargs)
        return Pipeline(**kwargs).process_many(items)

    monkeypatch.setattr(distributed, "process_dask", fake)
    r = cli("extract", article, "--dask", "local", "-j", "3", "--unique", "-f", "jsonl")
    assert r.exit_code == 0
    assert by_text(jsonl(r), "13%")[0]["mentions"] == 1
    assert seen["address"] == "local" and seen["jobs"] == 3 and seen["kwargs"]["unique"] is True


def test_sqlite_store_resumes_and_force_redoes(cli, article, tmp_path):
    import sqlite3

    db_path = tmp_path / "facts.sqlite"
    bad = tmp_path / "missing.txt"
    r = cli("extract", article, bad, "-o", db_path)
    assert r.exit_code == 1 and r.stdout == ""
    db = sqlite3.connect(db_path)
    [(path, n, error)] = db.execute("SELECT path, claims, error FROM documents").fetchall()
    assert (path, error) == (str(article), None) and n > 0
    assert db.execute("SELECT count(*) FROM claims WHERE text = '13%' AND value = 13").fetchone()[0] == 1
    with db:
        db.execute("UPDATE documents SET title = 'stamp'")
    assert cli("extract", article, "-o", db_path).exit_code == 0
    assert db.execute("SELECT title FROM documents").fetchone() == ("stamp",)  # already stored: skipped
    assert cli("extract", article, "-o", db_path, "--force").exit_code == 0
    assert db.execute("SELECT title FROM documents").fetchone() != ("stamp",)  # redone
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == n


@pytest.mark.parametrize("args, message", [
    (["-o", "x.sqlite", "-f", "json"], "--format does not apply"),
    (["--force"], "--force applies to a SQLite store"),
    (["-j", "-1"], "--jobs"),
])
def test_scale_flags_refused_when_they_make_no_sense(cli, article, args, message):
    r = cli("extract", article, *args)
    assert r.exit_code == 2
    assert message in r.stderr


@pytest.mark.parametrize("command, options", [
    ("extract", ["--format", "--output", "--lines", "--no-clean", "--published", "--unique", "--glob",
                 "--max-bytes", "--jobs", "--dask", "--force", "--debug"]),
    ("clean", ["--explain", "--format", "--output", "--lines", "--published", "--glob", "--max-bytes", "--debug"]),
    ("show", ["--html", "--no-clean", "--published", "--debug"]),
    ("schema", []),
])
def test_help_lists_every_option(cli, command, options):
    r = cli(command, "--help")
    assert r.exit_code == 0 and r.stderr == ""
    for option in options:
        assert option in r.stdout, option


# -- start-up and help hygiene ---------------------------------------------------------------

SAMPLE = str(Path(__file__).resolve().parent.parent / "samples" / "xiaomi-ev-2026.txt")


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["clean", "--help"], ["schema"], ["--version"],
                                  ["clean", SAMPLE], ["clean", "--explain", "-f", "jsonl", SAMPLE]])
def test_commands_without_a_model_do_not_import_spacy_or_the_claim_engine(args):
    import subprocess
    import sys as _sys

    probe = ("import sys, io, contextlib\n"
             f"sys.argv = ['evfacts', *{args!r}]\n"
             "from evfacts.cli import main\n"
             "try:\n"
             "    with contextlib.redirect_stdout(io.StringIO()):\n"
             "        main()\n"
             "except SystemExit:\n"
             "    pass\n"
             "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'evfacts.claims'))))\n")
    out = subprocess.run([_sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", ["extract", "clean", "show"])
def test_help_has_no_type_noise_and_shows_the_config_default(runner, command):
    from evfacts.cli import app

    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    text = " ".join(r.stdout.replace("\u2502", " ").split())
    assert "<bool" not in text
    assert "rules off [default: ./evfacts.toml]" in text
