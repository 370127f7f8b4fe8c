"""Output: format choice, atomic files, and every writer rendering the same records."""
from __future__ import annotations

import io
import json
import os
import stat

import pytest
from conftest import csv_rows

from evfacts.model import CLAIM_FIELDS, Claim, LineDecision, Result
from evfacts.output import Format, atomic_output, csv_columns, pick_format, write_claims, write_lines


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self):
        return self._tty


@pytest.mark.parametrize("fmt, output, tty, expected", [
    (None, None, True, Format.table),
    (None, None, False, Format.jsonl),
    (Format.csv, None, True, Format.csv),
    (None, "x.json", True, Format.json),
    (None, "x.JSONL", True, Format.jsonl),
    (None, "x.ndjson", False, Format.jsonl),
    (None, "dir/x.csv", False, Format.csv),
    (None, "x.txt", False, Format.table),
    (None, "x.unknown", True, Format.jsonl),
    (Format.json, "x.csv", False, Format.json),
])
def test_pick_format(fmt, output, tty, expected):
    assert pick_format(fmt, output, _Stream(tty)) is expected


def test_atomic_output_writes_whole_file_with_normal_permissions(tmp_path):
    target = tmp_path / "out.jsonl"
    with atomic_output(str(target)) as fh:
        fh.write("one\n")
        assert not target.exists()  # nothing appears until the end
    assert target.read_text() == "one\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_atomic_output_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    with atomic_output(str(target)) as fh:
        fh.write("new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_a_failed_run_leaves_the_previous_file_and_no_temp_file(tmp_path, exc):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    with pytest.raises(exc), atomic_output(str(target)) as fh:
        fh.write("half a recor")
        raise exc()
    assert target.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_a_failed_run_leaves_no_file_when_there_was_none(tmp_path):
    with pytest.raises(RuntimeError), atomic_output(str(tmp_path / "new.json")) as fh:
        fh.write("[")
        raise RuntimeError
    assert os.listdir(tmp_path) == []


def test_atomic_output_to_stdout(capsys):
    with atomic_output(None) as fh:
        fh.write("x\n")
    with atomic_output("-") as fh:
        fh.write("y\n")
    assert capsys.readouterr().out == "x\ny\n"


def test_a_device_is_written_directly():
    with atomic_output(os.devnull) as fh:
        fh.write("discarded")
    assert os.path.exists(os.devnull)


# ------------------------------------------------------------------------ writers

def _claim(**kw):
    base = {"text": "13%", "start": 5, "end": 8, "line": 1, "kind": "percent", "value": 13.0, "unit": "%",
            "sentence": 'He said, "up 13%"\nthen, left', "source": "a.txt", "companies": ["BYD", "Xiaomi Corp."]}
    base.update(kw)
    return Claim(**base)


def _results():
    return [Result("a.txt", title="T", claims=[_claim(), _claim(text="1.5 million", value=1.5e6, kind="quantity",
                                                              unit=None, companies=[], value_max=2e6)],
                   companies=[("BYD", 3), ("Xiaomi Corp.", 1)]),
            Result("b.txt")]


def test_jsonl_writer():
    out = io.StringIO()
    assert write_claims(_results(), Format.jsonl, out) == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [list(r) for r in records] == [list(CLAIM_FIELDS)] * 2
    assert records[0]["value"] == 13 and isinstance(records[0]["value"], int)
    assert records[1]["value"] == 1500000 and records[1]["value_max"] == 2000000


def test_json_writer_streams_documents():
    out = io.StringIO()
    write_claims(iter(_results()), Format.json, out)
    docs = json.loads(out.getvalue())
    assert [d["source"] for d in docs] == ["a.txt", "b.txt"]
    assert docs[0]["companies"] == [{"name": "BYD", "mentions": 3}, {"name": "Xiaomi Corp.", "mentions": 1}]
    assert docs[0]["published"] is None and docs[1]["claims"] == []


def test_json_writer_empty():
    out = io.StringIO()
    write_claims(iter(()), Format.json, out)
    assert out.getvalue() == "[]\n"


def test_csv_writer_round_trips_awkward_text():
    out = io.StringIO(newline="")
    write_claims(_results(), Format.csv, out)
    rows = csv_rows(out.getvalue())
    assert [row["sentence"] for row in rows] == ['He said, "up 13%"\nthen, left'] * 2
    assert rows[0]["companies"] == "BYD; Xiaomi Corp." and rows[1]["companies"] == ""
    assert rows[0]["value_max"] == "" and rows[1]["value_max"] == "2000000"
    assert csv_columns(True)[-1] == "mentions" and csv_columns(False) == list(CLAIM_FIELDS)


def test_table_writer_lists_every_claim():
    out = io.StringIO()
    assert write_claims(_results(), Format.table, out) == 2
    text = out.getvalue()
    assert "13%" in text and "1.5 million" in text and "1,500,000–2,000,000" in text
    assert "\x1b[" not in text


def test_write_lines_formats():
    decisions = [LineDecision(1, 0, 5, "Title", True, "title"),
                 LineDecision(3, 7, 30, "Subscribe to our newsletter", False, "boilerplate", "promo", "cue:promo")]
    records = [d.to_dict("a.txt") for d in decisions]
    out = io.StringIO()
    write_lines(records, Format.jsonl, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == records
    out = io.StringIO()
    write_lines(records, Format.json, out)
    assert json.loads(out.getvalue()) == records
    out = io.StringIO()
    write_lines(records, Format.csv, out)
    rows = csv_rows(out.getvalue())
    assert [(r["line"], r["keep"], r["reason"]) for r in rows] == [("1", "True", ""), ("3", "False", "promo")]
    out = io.StringIO()
    write_lines(records, Format.table, out)
    assert "promo" in out.getvalue() and "Subscribe" in out.getvalue()
