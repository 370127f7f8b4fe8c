"""Issue 7: hostile inputs, property tests, pipes, full disks and signals.

Each bad input is either processed as text or named in one line on stderr; the batch goes on;
never a traceback. Property tests run `settings(max_examples=...)` from the active Hypothesis
profile (see conftest: `HYPOTHESIS_PROFILE=thorough` for 2,000 examples).
"""
from __future__ import annotations

import io
import json
import os
import pty
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EVFACTS, SAMPLES, check_offsets, csv_rows, jsonl, line_of
from hypothesis import given
from hypothesis import strategies as st

from evfacts.ingest import Document, IngestError, InputError, make_documents, text_documents
from evfacts.model import CLAIM_FIELDS
from evfacts.output import Format, write_claims
from evfacts.pipeline import Pipeline

GOOD = "Sales of electric cars rose 13% in 2025, the association said.\n"


def _bad_inputs(folder: Path) -> dict[str, bool]:
    """Write every kind of hostile input into folder; name → whether it must be refused."""
    rnd = random.Random(7)
    files = {
        "empty.txt": (b"", False),
        "whitespace.txt": (b"  \n\t\r\n   \n", False),
        "random.txt": (bytes(rnd.randrange(256) for _ in range(4096)), True),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(2000)), True),
        "nul-stray.txt": (b"Sales rose 13%\x00 in 2025.\n", False),
        "nul-many.txt": (b"\x00" * 100 + b"Sales rose 13%", True),
        "invalid-utf8.txt": (b"Sales rose 13% \xff\xfe\xc3( in 2025.\n", False),
        "utf16-nobom.txt": (GOOD.encode("utf-16-le"), False),
        "cr-only.txt": (b"Sales rose 5%.\rProfit fell 7%.\r", False),
        "deep.html": (b"<html><body>" + b"<div>" * 50_000 + GOOD.encode() + b"</div>" * 50_000, False),
        "unclosed.html": (b"<html><body>" + b"<p><b><i>" * 20_000 + GOOD.encode(), False),
        "with space.txt": (GOOD.encode(), False),
        os.fsdecode(b"non-utf8-\xff\xfe.txt"): (GOOD.encode(), False),
        "zz-good.txt": (GOOD.encode(), False),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    os.symlink(folder / "nowhere.txt", folder / "broken-link.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    refused = {name: bad for name, (_, bad) in files.items()}
    refused.update({"broken-link.txt": True, "loop-a.txt": True, "loop-b.txt": True})
    return refused


def test_a_folder_of_bad_inputs(cli, tmp_path):
    refused = _bad_inputs(tmp_path)
    r = cli("extract", tmp_path, "-f", "jsonl")
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    lines = r.stderr.splitlines()
    assert all(line.startswith(f"evfacts: {tmp_path}/") for line in lines), lines
    errors = [line for line in lines if ": warning: " not in line]
    warnings = sorted(line.split(": ")[1].rsplit("/", 1)[1] for line in lines if ": warning: " in line)
    assert warnings == ["deep.html", "unclosed.html"]  # read as plain text, said, not a failure
    named = sorted(line.split(": ")[1].rsplit("/", 1)[1] for line in errors)
    assert named == sorted(name for name, bad in refused.items() if bad)
    records = jsonl(r)
    sources = {os.path.basename(rec["source"]) for rec in records}
    assert {"zz-good.txt", "with space.txt", "non-utf8-\ufffd\ufffd.txt", "utf16-nobom.txt", "deep.html",
            "unclosed.html", "cr-only.txt", "nul-stray.txt"} <= sources
    for rec in records:
        assert rec["source"].encode("utf-8")  # printable: non-UTF-8 names come out with U+FFFD


@pytest.mark.parametrize("name", ["random.txt", "image.txt", "nul-many.txt", "empty.txt", "cr-only.txt",
                                  "deep.html", "invalid-utf8.txt"])
def test_each_bad_input_alone(cli, tmp_path, name):
    refused = _bad_inputs(tmp_path)
    r = cli("extract", tmp_path / name, "-f", "json")
    assert "Traceback" not in r.output
    assert r.exit_code == (1 if refused[name] else 0)
    assert len([line for line in r.stderr.splitlines() if ": warning: " not in line]) == (1 if refused[name] else 0)
    assert isinstance(json.loads(r.stdout), list)


def test_a_30_mb_single_line_is_refused_by_max_bytes(cli, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"Sales rose 13% in 2025 and margins widened. " * (30 * 1024 * 1024 // 44))
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    r = cli("extract", tmp_path, "-f", "jsonl")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [f"evfacts: {big}: larger than --max-bytes (10,485,760 bytes); skipped"]
    assert [rec["source"] for rec in jsonl(r)] == [str(tmp_path / "ok.txt")]


def test_a_folder_of_10000_small_files(cli, tmp_path):
    """Nothing lost, nothing reordered, no file handle left open (clean reads every file, no spaCy)."""
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Item {i} sold {i + 1} units.\n", encoding="utf-8")
    r = cli("clean", tmp_path, "--explain", "-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    records = jsonl(r)
    assert len(records) == 10_000
    assert [rec["source"] for rec in records] == [str(tmp_path / f"{i:05d}.txt") for i in range(10_000)]
    assert all(rec["keep"] for rec in records)


def test_cr_only_line_endings_count_lines(cli, tmp_path):
    text = "Sales rose 5%.\rProfit fell 7%.\r"
    (tmp_path / "cr.txt").write_bytes(text.encode())
    records = jsonl(cli("extract", tmp_path / "cr.txt"))
    check_offsets(text, records)
    assert [(rec["text"], rec["line"]) for rec in records] == [("5%", 1), ("7%", 2)]


def test_a_very_long_line_is_parsed_in_pieces(monkeypatch):
    monkeypatch.setattr("evfacts.pipeline.MAX_SEGMENT_CHARS", 1000)
    text = "Intro\n" + ("Sales rose 13% in May. " * 300) + "Profit fell 2%.\n"  # 6,900 characters on line 2
    result = Pipeline().process(Document("long.txt", text))
    check_offsets(text, result.claims)
    values = [c.value for c in result.claims if c.kind == "percent"]
    assert values.count(13) == 300 and values[-1] == 2
    assert {c.line for c in result.claims} == {2}


def test_split_long_covers_the_segment_exactly():
    from evfacts.claims import Segment
    from evfacts.pipeline import split_long

    text = "a" * 2500 + " " + "Sales rose 13%. Then\nmore. " * 200
    pieces = split_long(Segment(text, 40, 7), 1000)
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= 1000 for p in pieces)
    for p in pieces:
        assert text[p.start - 40:p.start - 40 + len(p.text)] == p.text
        assert p.line == 7 + text.count("\n", 0, p.start - 40)


# ------------------------------------------------------------------------ properties

PIPELINE = Pipeline()
FIGURES = st.sampled_from(["13%", "$2.5bn", "€5 million", "1,250,000", "4.2 million", "3 to 5", "2025",
                           "nearly 40%", "up 14%", "¥", "½", "—", "1.", ".5", "10,00", "2026-01-04 01:38:43"])
WORDS = st.sampled_from(["Sales", "rose", "fell", "BYD", "Xiaomi", "said", "in", "the", "vehicles", "units",
                         "percent", "billion", "Subscribe", "Read more:", "Published:", "#", "<p>", "&amp;"])
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " ", "  ", ". ", "\t", "\x0c", "\u2028", "\x85"])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(FIGURES, WORDS, BREAKS, st.text(max_size=5)), max_size=60).map("".join),
    st.lists(st.one_of(FIGURES, WORDS, BREAKS), max_size=80).map(" ".join),
)


def _claims(text: str, *, per_line: bool = False, source: str = "x.txt"):
    """Results for text as ingest reads it; text that ingest would refuse as binary goes in directly."""
    try:
        docs = list(make_documents(text.encode("utf-8"), source, per_line=per_line))
    except IngestError:
        docs = list(text_documents(text, source, per_line=per_line))
    results = list(PIPELINE.process_many(docs))
    assert not [r for r in results if isinstance(r, InputError)], results
    return results


def _decoded(text: str) -> str:
    """What ingest reads from text written as UTF-8 (a leading BOM is an encoding mark, not text)."""
    return text.removeprefix("\ufeff")


def _offset_base(text: str) -> str:
    """The text offsets refer to: the input, or for HTML the main text extracted from it."""
    try:
        docs = list(make_documents(text.encode("utf-8"), "x.txt"))
    except IngestError:
        return text
    return docs[0].text if docs and docs[0].format == "html" else _decoded(text)


@given(TEXTS)
def test_extract_never_raises_and_offsets_hold(text):
    for r in _claims(text):
        check_offsets(_offset_base(text), r.claims)
        for c in r.claims:
            assert c.kind in ("percent", "money", "quantity", "year")
            assert c.modality in ("reported", "forecast", "target")


# letters a case-ignoring pattern matches for an ASCII one, though lower() keeps them apart (long s,
# dotless i, the Kelvin sign): a lexicon lookup of the matched word must still find it
@pytest.mark.parametrize("text, figure", [
    ("There were ſcores of people.", "ſcores of people"),
    ("Output saw a ſix-fold rise.", "ſix-fold"),
    ("Profit rose in the ſecond quarter by 5%.", "5%"),
    ("Sales were up ſharply, by 4%, a quadruple rıse.", "4%"),
    ("It costs 45 cents, ſome 2 Kelvin less.", "45 cents"),
    ("Revenue ſurged 10% to $2 bıllion.", "10%"),
    ("Profit rose in the fİrst quarter by 5%, a fİve-fold rise.", "5%"),
])
def test_case_twin_letters_do_not_break_an_article(text, figure):
    (result,) = _claims(text)
    check_offsets(text, result.claims)
    assert figure in [c.text for c in result.claims]


@given(TEXTS)
def test_lines_offsets_point_into_the_whole_input(text):
    for r in _claims(text, per_line=True):  # --lines reads every line as text, HTML included
        check_offsets(_decoded(text), r.claims)


def _guarded(cell: str) -> str:
    """A text cell as CSV writes it: behind an apostrophe when a spreadsheet would run it as a formula."""
    from evfacts.output import FORMULA_START

    return "'" + cell if len(cell) > 1 and cell.startswith(FORMULA_START) else cell


@given(TEXTS)
def test_json_parses_and_csv_round_trips(text):
    results = _claims(text)
    out = io.StringIO()
    write_claims(results, Format.json, out)
    docs = json.loads(out.getvalue())
    records = [c for d in docs for c in d["claims"]]
    assert records == [c.to_dict() for r in results for c in r.claims]
    out = io.StringIO(newline="")
    write_claims(results, Format.csv, out)
    rows = csv_rows(out.getvalue())
    assert len(rows) == len(records)
    for row, rec in zip(rows, records):
        assert list(row) == list(CLAIM_FIELDS)
        assert row["text"] == _guarded(rec["text"]) and row["sentence"] == _guarded(rec["sentence"])
        assert (int(row["start"]), int(row["end"]), int(row["line"])) == (rec["start"], rec["end"], rec["line"])
        assert float(row["value"]) == rec["value"]
    out = io.StringIO()
    write_claims(results, Format.jsonl, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == records  # one record a line


@given(st.binary(max_size=2000))
def test_any_bytes_are_text_or_refused(data):
    try:
        docs = list(make_documents(data, "x.bin"))
    except IngestError:
        return
    for r in PIPELINE.process_many(docs):
        assert not isinstance(r, InputError)
        check_offsets(docs[0].text, r.claims)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                        max_size=40), max_size=8),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_lines_carry_the_input_line(lines, newline):
    text = newline.join(lines)
    for r in _claims(text, per_line=True):
        for c in r.claims:
            assert c.line == line_of(_decoded(text), c.start)
            assert lines[c.line - 1].find(c.text) >= 0


# ------------------------------------------------------------------------ real processes

def _run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=120, check=False, **kw)


def test_head_is_quiet():
    r = _run(f"'{EVFACTS}' extract '{SAMPLES}' -f jsonl | head -1", shell=True, cwd=SAMPLES.parent)
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 1 and json.loads(r.stdout)["source"]
    assert r.stderr == b""


def test_a_closed_pipe_mid_stream_is_quiet(tmp_path):
    (tmp_path / "many.txt").write_text("Sales rose 13% in 2025.\n" * 2000)  # far more than a pipe buffer
    r = _run(f"'{EVFACTS}' extract --lines '{tmp_path}/many.txt' -f jsonl | head -2", shell=True)
    assert len(r.stdout.splitlines()) == 2
    assert r.stderr == b""


def test_full_disk_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    (tmp_path / "a.txt").write_text(GOOD)
    for args in (["-o", "/dev/full"], ["-f", "jsonl"]):
        with open("/dev/full", "w") as full:
            kw = {"stdout": full} if "-o" not in args else {}
            r = subprocess.run([EVFACTS, "extract", str(tmp_path / "a.txt"), *args], stderr=subprocess.PIPE,
                               timeout=120, check=False, **kw)
        assert r.returncode == 1
        assert r.stderr.decode().splitlines() == [
            (f"evfacts: error: cannot write {'/dev/full' if '-o' in args else 'standard output'}: "
             "No space left on device")]


def test_no_path_on_a_terminal_is_a_usage_error_not_a_hang():
    master, slave = pty.openpty()
    try:
        r = subprocess.run([EVFACTS, "extract"], stdin=slave, capture_output=True, timeout=60, check=False)
    finally:
        os.close(master)
        os.close(slave)
    assert r.returncode == 2
    assert b"no input" in r.stderr and r.stdout == b""


def test_python_dash_m():
    r = _run([sys.executable, "-m", "evfacts", "extract", "-", "-f", "jsonl"], input=GOOD.encode())
    assert r.returncode == 0
    assert [json.loads(line)["value"] for line in r.stdout.splitlines() if b'"percent"' in line] == [13]
    from evfacts import __version__

    assert _run([sys.executable, "-m", "evfacts", "--version"]).stdout.decode() == f"evfacts {__version__}\n"


@pytest.mark.parametrize("sig, code, previous", [(signal.SIGTERM, 143, True), (signal.SIGINT, 130, False)],
                         ids=["sigterm-replacing", "sigint-creating"])
def test_interrupt_during_output_leaves_previous_file_and_no_temp_file(tmp_path, sig, code, previous):
    target = tmp_path / "out.jsonl"
    if previous:
        target.write_text("previous\n")
    proc = subprocess.Popen([EVFACTS, "extract", "-", "-o", str(target)], stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write(GOOD.encode())
        proc.stdin.flush()  # stdin stays open: evfacts waits for more with its temp file open
        deadline = time.monotonic() + 60
        while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.02)
        proc.send_signal(sig)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
    assert proc.returncode == code
    assert b"Traceback" not in proc.stderr.read()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.jsonl"] if previous else [])
    if previous:
        assert target.read_text() == "previous\n"


def test_a_document_spacy_chokes_on_fails_alone(monkeypatch):
    pipeline = Pipeline()
    real_pipe, real_call = type(pipeline.nlp).pipe, type(pipeline.nlp).__call__

    def check(text):
        if "poison" in text:
            raise ValueError("cannot parse")

    def pipe(self, texts, **kw):
        for doc in real_pipe(self, texts, **kw):
            check(doc.text)
            yield doc

    def call(self, text, *a, **kw):
        check(text)
        return real_call(self, text, *a, **kw)

    monkeypatch.setattr(type(pipeline.nlp), "pipe", pipe)
    monkeypatch.setattr(type(pipeline.nlp), "__call__", call)
    docs = [Document("a", "Sales rose 1%."), Document("b", "poison 2%"), Document("c", "Sales rose 3%.")]
    out = list(pipeline.process_many(docs))
    assert isinstance(out[1], InputError) and "ValueError: cannot parse" in out[1].message
    assert [[c.value for c in r.claims if c.kind == "percent"] for r in (out[0], out[2])] == [[1], [3]]


def test_interrupt_during_a_sqlite_run_leaves_a_consistent_store_that_resumes(tmp_path):
    """SIGTERM mid-run: every stored document is whole (its claims all there), and a re-run
    stores exactly the documents that were missing."""
    import sqlite3

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03d}.txt").write_text(f"Acme unit {i} sold {i + 10} cars in May, up {i % 50 + 1}%.\n"
                                             f"Profit rose {i % 9 + 2}% to ${i + 1} million.\n", encoding="utf-8")
    db = tmp_path / "facts.sqlite"
    proc = subprocess.Popen([EVFACTS, "extract", str(folder), "-o", str(db)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while True:  # wait until some documents are stored, then interrupt
        assert time.monotonic() < deadline and proc.poll() is None, "finished before it could be interrupted"
        if db.exists():
            try:
                with sqlite3.connect(db) as con:
                    if con.execute("SELECT count(*) FROM documents").fetchone()[0] >= 5:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    err = proc.stderr.read()
    assert proc.returncode == 143, err
    assert b"Traceback" not in err
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 5 <= stored < 300
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_doc = con.execute("SELECT d.claims, (SELECT count(*) FROM claims c WHERE c.document_id = d.id) FROM documents d").fetchall()
    assert all(want == got and want > 0 for want, got in per_doc)
    con.close()
    r = subprocess.run([EVFACTS, "extract", str(folder), "-o", str(db)], capture_output=True, timeout=300,
                       check=False)
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 300
    assert con.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == 300
    assert con.execute("SELECT sum(claims) FROM documents").fetchone()[0] == con.execute("SELECT count(*) FROM claims").fetchone()[0]
