import json

from conftest import SAMPLES, check_offsets
from typer.testing import CliRunner

from evfacts.cli import app

runner = CliRunner()


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.output.startswith("evfacts ")


def test_extract_jsonl_from_stdin():
    r = runner.invoke(app, ["extract", "-f", "jsonl"], input="Sales rose 13% to 24 million vehicles.\n")
    assert r.exit_code == 0, r.output
    values = [json.loads(l)["value"] for l in r.stdout.splitlines()]
    assert 13 in values


def test_the_sample_article():
    path = SAMPLES / "xiaomi-ev-2026.txt"
    r = runner.invoke(app, ["extract", str(path), "-f", "jsonl"])
    assert r.exit_code == 0 and r.stderr == ""
    records = [json.loads(line) for line in r.stdout.splitlines()]
    check_offsets(path.read_text(encoding="utf-8"), records)
    assert any(rec["value"] == 550000 for rec in records)
    r = runner.invoke(app, ["extract", str(SAMPLES), "-f", "table"])
    assert r.exit_code == 0 and "550,000" in r.stdout
