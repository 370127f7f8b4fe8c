"""Users extend evfacts: --config / ./evfacts.toml, and batch-learned templates with --profile."""
import json

import pytest
from typer.testing import CliRunner

from evfacts.cli import app

runner = CliRunner()


def explain(args, input=None):
    r = runner.invoke(app, ["clean", "--explain", "-f", "jsonl", *args], input=input)
    assert r.exit_code == 0, r.output
    return [json.loads(l) for l in r.stdout.splitlines()]


TEXT = "Quuxly Robotics sold 5,000 robots in 2025.\nGrab a mug from the Widget Weekly shop today, friends.\n"


def test_config_adds_a_cue(tmp_path):
    cfg = tmp_path / "my.toml"
    cfg.write_text('[clean.cues]\npromo = [\'\\bwidget weekly shop\\b\']\n', encoding="utf-8")
    plain = explain(["-"], input=TEXT)
    assert plain[1]["keep"] is True
    configured = explain(["--config", str(cfg), "-"], input=TEXT)
    assert configured[1]["keep"] is False
    assert configured[1]["reason"] == "promo" and configured[1]["rule"] == "user-promo"
    assert configured[0]["keep"] is True


def test_config_switches_a_rule_off(tmp_path):
    text = "Shares of the carmaker rose 4% on Monday after strong deliveries.\nSubscribe to our newsletter\n"
    rec = explain(["-"], input=text)[1]
    assert rec["keep"] is False
    cfg = tmp_path / "off.toml"
    cfg.write_text(f'[clean]\ndisable = ["{rec["rule"]}"]\n', encoding="utf-8")
    assert explain(["--config", str(cfg), "-"], input=text)[1]["keep"] is True


def test_config_adds_companies(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[companies]\nnames = ["Quuxly Robotics"]\n', encoding="utf-8")
    r = runner.invoke(app, ["extract", "-f", "json", "--no-clean", "--config", str(cfg), "-"], input=TEXT)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)[0]
    assert doc["companies"][0] == {"name": "Quuxly Robotics", "mentions": 1}
    claim = next(c for c in doc["claims"] if c["value"] == 5000)
    assert claim["companies"] == ["Quuxly Robotics"]


def _companies(pipeline, text):
    from evfacts.ingest import Document

    result = pipeline.process(Document(source="-", text=text))
    return [name for name, _ in result.companies]


LEAK_TEXT = "Ninety9 Labs sold 5,000 robots in 2025, and Tesla sold 400,000 cars.\n"


def test_config_companies_stay_in_their_pipeline():
    """A pipeline's user companies and non-companies reach neither the packaged lexicon nor a
    pipeline built without them, before or after."""
    from evfacts.claims.companies import lexicon
    from evfacts.pipeline import Pipeline

    plain_before = _companies(Pipeline(clean=False), LEAK_TEXT)
    config = {"companies": {"names": ["Ninety9 Labs"], "not_companies": ["Tesla"]}}
    configured = _companies(Pipeline(clean=False, config=config), LEAK_TEXT)
    plain_after = _companies(Pipeline(clean=False), LEAK_TEXT)
    assert "Ninety9 Labs" in configured and "Tesla" not in configured
    assert plain_before == plain_after
    assert "Tesla" in plain_after and "Ninety9 Labs" not in plain_after
    assert "ninety9 labs" not in lexicon().canonical and "tesla" not in lexicon().rejected


def test_config_in_working_directory_is_found(tmp_path, monkeypatch):
    (tmp_path / "evfacts.toml").write_text('[clean.cues]\npromo = [\'\\bwidget weekly shop\\b\']\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert explain(["-"], input=TEXT)[1]["keep"] is False


@pytest.mark.parametrize("content,message", [
    ("[bogus]\nx = 1\n", "unknown section [bogus]"),
    ("[clean]\ndisabled = ['x']\n", "unknown key(s) in [clean]: disabled"),
    ("[clean.cues]\npromo = ['(unclosed']\n", "bad regular expression"),
    ("[clean\n", "--config"),
])
def test_bad_config_is_a_usage_error(tmp_path, content, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content, encoding="utf-8")
    r = runner.invoke(app, ["extract", "--config", str(cfg), "-"], input="Sales rose 5%.\n")
    assert r.exit_code == 2
    assert message in r.stderr
    assert r.stdout == ""


FOOTER = "Thanks for reading the Widget Weekly dispatch, see you next time friends."
STORIES = [
    "Acme Motors delivered 12,000 cars in March, up 8% from a year earlier.",
    "Borealis Air said passenger numbers climbed to 4.2 million in the quarter.",
    "Cobalt Mining expects output of 90,000 tonnes next year after a new pit opened.",
    "Delta Chips booked revenue of $1.2 billion as demand for memory recovered.",
]


def _folder(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for i, story in enumerate(STORIES):
        (folder / f"a{i}.txt").write_text(f"Headline number {i}\n\n{story}\n\nIt was a busy month for the firm.\n\n{FOOTER}\n",
                                          encoding="utf-8")
    return folder


def test_batch_learns_the_platform_template(tmp_path):
    folder = _folder(tmp_path)
    recs = explain([str(folder)])
    footers = [r for r in recs if r["text"] == FOOTER]
    assert len(footers) == len(STORIES)
    assert all(r["keep"] is False and r["reason"] == "repeated" for r in footers)
    stories = [r for r in recs if r["text"] in STORIES]
    assert len(stories) == len(STORIES) and all(r["keep"] for r in stories)


def test_profile_carries_the_template_to_single_file_runs(tmp_path):
    folder = _folder(tmp_path)
    one = str(folder / "a0.txt")
    profile = tmp_path / "site.json"
    assert next(r for r in explain([one]) if r["text"] == FOOTER)["keep"] is True  # one file alone: no batch
    explain(["--profile", str(profile), str(folder)])
    assert profile.exists()
    rec = next(r for r in explain(["--profile", str(profile), one]) if r["text"] == FOOTER)
    assert rec["keep"] is False and rec["reason"] == "repeated"


def test_bad_profile_is_a_usage_error(tmp_path):
    bad = tmp_path / "p.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    r = runner.invoke(app, ["clean", "--profile", str(bad), "-"], input="x\n")
    assert r.exit_code == 2 and "--profile" in r.stderr
