"""Shared fixtures: spaCy loads once per session; the CLI runs in-process through CliRunner.

Hypothesis profiles: `default` keeps the suite fast; `HYPOTHESIS_PROFILE=thorough` (for
`make test` on CI or a long local run) raises every property test to 2,000 examples.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

settings.register_profile("default", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EVFACTS = str(Path(sys.executable).with_name("evfacts"))
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="session", autouse=True)
def nlp():
    """The spaCy pipeline, loaded once: `evfacts.nlp.load` is cached, so every run reuses it."""
    from evfacts import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner):
    """cli(*args, input=None) → Result of `evfacts ARGS` run in-process."""
    from evfacts.cli import app

    def invoke(*args, input=None, **kw):
        return runner.invoke(app, [str(a) for a in args], input=input, **kw)

    return invoke


def out_text(result) -> str:
    """stdout exactly as written (CliRunner's .stdout folds \\r\\n)."""
    return result.stdout_bytes.decode("utf-8")


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in out_text(result).splitlines() if line.strip()]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def line_of(text: str, offset: int) -> int:
    """1-based line of `offset` in text, counting \\r\\n, \\r and \\n as one break each."""
    return 1 + len(LINE_BREAK.findall(text, 0, offset))


def check_offsets(text: str, records) -> None:
    """Every record points at its own surface in `text`, on the right line."""
    for r in records:
        r = r if isinstance(r, dict) else r.to_dict()
        assert text[r["start"]:r["end"]] == r["text"], r
        assert r["line"] == line_of(text, r["start"]), r
