import json

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
