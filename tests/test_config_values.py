"""A configuration that is wrong is refused with a usage error naming the value, never a traceback,
and a user's regular expression can neither hang a run nor drop every line."""
from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from evfacts.clean_lexicon import TimedPattern
from evfacts.cleaner import clean_text, rule_names
from evfacts.cli import app

runner = CliRunner()
TEXT = "Acme Motors delivered 12,000 cars in March, up 8% from a year earlier.\n"


def run(tmp_path, content: str | bytes, *args: str):
    cfg = tmp_path / "evfacts.toml"
    if isinstance(content, bytes):
        cfg.write_bytes(content)
    else:
        cfg.write_text(content, encoding="utf-8")
    return runner.invoke(app, [*args, "--config", str(cfg), "-"], input=TEXT)


@pytest.mark.parametrize("content, message", [
    ("[clean.cues]\npromo = 5\n", "[clean.cues] promo must be a string or a list of strings"),
    ("[clean.cues]\npromo = [5]\n", "[clean.cues] promo must be a string or a list of strings"),
    ("[clean]\ndisable = 5\n", "[clean] disable must be a string or a list of strings"),
    ("[clean]\ndisable = ['no-such-rule']\n", "unknown rule 'no-such-rule'"),
    ("[clean]\ndisable = ['url-line']\n", "decided by the rule 'contact-line'"),
    ("[clean]\ndisable = ['body']\n", "keeps a line"),
    ("[clean.cues]\npromo = ['']\n", "empty pattern"),
    ("[clean.cues]\npromo = ['   ']\n", "empty pattern"),
    ("[clean.cues]\npromo = ['x*']\n", "matches an empty line"),
    ("[clean.cues]\npromo = ['(a+)+$']\n", "takes too long"),
    ("[clean.cues]\npromo = ['(\\w+\\s?)+$']\n", "takes too long"),
    ("[clean.cues]\npromo = ['(unclosed']\n", "bad regular expression"),
    ("[[clean.cue]]\nname = 'x'\npatterns = ['sign up']\nmax_words = 'many'\n", "max_words must be int"),
    ("[[clean.cue]]\nname = 'x'\npatterns = ['sign up']\ncolour = 'red'\n", "unknown key 'colour'"),
    ("[clean]\ncue = 5\n", "[[clean.cue]] must be a list of tables"),
    ("[clean]\ncue = [5]\n", "must be a table"),
    ("[companies]\nnames = 'Acme'\n", "[companies] names must be a list of names"),
    ("[companies]\nnot_companies = [1]\n", "[companies] not_companies must be a list of names"),
    (b"[clean]\ndisable = ['\xff']\n", "not UTF-8"),
])
@pytest.mark.parametrize("command", ["extract", "clean"])
def test_wrong_value_is_a_usage_error(tmp_path, content, message, command):
    r = run(tmp_path, content, command)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("content", [
    "[clean.cues]\npromo = ['\\bjoin our discord\\b']\n",
    "[clean.cues]\npromo = '\\bjoin our discord\\b'\n",
    "[clean]\ndisable = ['share-cue', 'tail-block', 'repeated', 'duplicate-title']\n",
    "[clean]\ndisable = 'share-cue'\n",
    "[[clean.cue]]\nname = 'club'\nreason = 'promo'\npatterns = ['owners club']\nmax_words = 12\n",
    "[companies]\nnames = ['Leapmotor']\nnot_companies = []\n",
])
def test_good_values_are_accepted(tmp_path, content):
    r = run(tmp_path, content, "extract")
    assert r.exit_code == 0, r.stderr
    assert [json.loads(line)["text"] for line in r.stdout.splitlines()] == ["12,000 cars", "8%"]


def test_every_rule_of_explain_that_drops_lines_can_be_disabled():
    names = set(rule_names())
    assert {"share-cue", "tail-block", "contact-line", "repeated", "duplicate-title", "breadcrumb"} <= names
    assert not names & {"body", "title"}


def test_a_slow_user_pattern_stops_at_its_time_limit():
    import regex

    timed = TimedPattern(regex.compile(r"(a+)+$"), seconds=0.05)
    t0 = time.perf_counter()
    assert timed.search("a" * 5000 + "!") is None
    assert time.perf_counter() - t0 < 2


def test_user_cue_drops_its_lines_only():
    text = "Join our Discord for more!\n" + TEXT + "Sales of Acme rose 5% in May, the company said on Tuesday.\n"
    res = clean_text(text, config={"clean": {"cues": {"promo": [r"\bjoin our discord\b"]}}})
    assert [d.keep for d in res.lines] == [False, True, True]


@pytest.mark.parametrize("profile, message", [
    ('{"version": 1, "templates": []}', "templates must be a table"),
    ('{"version": 1, "templates": {"exact": []}}', "templates.exact must be a table"),
    ('{"version": 1, "templates": {"exact": {"x": 5}}}', "must hold docs and pos"),
    ('{"version": 1, "documents": "many", "templates": {}}', "documents must be a whole number"),
    ('{"version": 1, "templates": {"other": {}}}', "templates must be a table"),
    ('[1, 2]', "not an evfacts clean profile"),
    ('{"version": 1', "--profile"),
])
def test_broken_profile_is_a_usage_error(tmp_path, profile, message):
    from evfacts.clean_repeats import PROFILE_VERSION

    path = tmp_path / "profile.json"
    path.write_text(profile.replace('"version": 1', f'"version": {PROFILE_VERSION}'), encoding="utf-8")
    r = runner.invoke(app, ["extract", "--profile", str(path), "-"], input=TEXT)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_saved_profile_loads_again(tmp_path):
    from evfacts.clean_repeats import learn_repeats, load_profile, save_profile

    page = "Subscribe to the Widget Weekly newsletter for more stories like this one every week.\n"
    profile = learn_repeats([f"Story {i}: sales rose {i}% in May at Acme, its chief said.\n" + page for i in range(5)])
    save_profile(profile, tmp_path / "p.json")
    assert load_profile(tmp_path / "p.json") == json.loads(json.dumps(profile))
