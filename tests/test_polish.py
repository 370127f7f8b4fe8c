"""The terminal and the command line: the claims table on a narrow terminal, `show` wrapping inside
its gutter, years without separators, -V, -q/-v, shell completion, and the Python API."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from conftest import jsonl

import evfacts
from evfacts.model import Claim, Result

ARTICLE = (
    "The European Union will ban new combustion cars by 2035, a decade after its 2025 rules.\n"
    "Xiaomi plans 550,000 EV deliveries in 2026, while BYD sold about 4.6 million vehicles in 2025.\n"
    "Analysts expect U.S. EV sales to grow 13% in 2026 to 1.1 million units, from 2020 to 2025 the market doubled.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


class Terminal(io.StringIO):
    """A stream that says it is a terminal; `text()` is what it shows, colours left out."""

    def isatty(self) -> bool:
        return True

    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", self.getvalue())


def _claims(article) -> list[Result]:
    text = article.read_text(encoding="utf-8")
    return [Result(str(article), claims=evfacts.extract(text))]


def _cells(table: str) -> list[list[str]]:
    return [[c.strip() for c in ln.strip("│").split("│")] for ln in table.splitlines() if ln.startswith("│")]


@pytest.mark.parametrize("width", [80, 100])
def test_the_table_fits_a_narrow_terminal_and_keeps_text_readable(article, monkeypatch, width):
    from evfacts.output import Format, write_claims

    monkeypatch.setenv("COLUMNS", str(width))
    results = _claims(article)
    out = Terminal()
    write_claims(results, Format.table, out)
    table = out.text()
    assert max(len(ln) for ln in table.splitlines()) <= width
    rows, texts = [], []
    for cells in _cells(table):  # a row starts with its line number; wrapped cells continue below it
        if cells[0]:
            rows.append(cells)
            texts.append(cells[1])
        else:
            texts[-1] += " " + cells[1]
    assert [" ".join(t.split()) for t in texts] == [c.text for c in results[0].claims]
    assert all(len(r) >= 5 for r in rows)  # figure, subject and period are still there


def test_a_wide_terminal_keeps_one_column_per_field(article, monkeypatch):
    from evfacts.output import Format, write_claims

    monkeypatch.setenv("COLUMNS", "180")
    out = Terminal()
    write_claims(_claims(article), Format.table, out)
    header = next(ln for ln in out.text().splitlines() if ln.startswith("┃"))
    assert [h.strip() for h in header.strip("┃").split("┃")][:5] == ["line", "text", "value", "unit", "per"]


@pytest.mark.parametrize(("kind", "value", "value_max", "expected"), [
    ("year", 2035, None, "2035"),
    ("year", 2020, 2025, "2020–2025"),
    ("quantity", 2035, None, "2,035"),  # a count keeps its separator
    ("money", 1_500_000, None, "1,500,000"),
])
def test_years_print_without_a_thousands_separator(kind, value, value_max, expected):
    from evfacts.output import _value
    from evfacts.show import note

    claim = Claim(text="x", start=0, end=1, line=1, kind=kind, value=value, value_max=value_max)
    assert _value(claim) == expected
    assert note(claim).split(" ")[0] == expected


def test_the_table_shows_2035(cli, article):
    r = cli("extract", article, "-f", "table")
    assert "2035" in r.stdout and "2,035" not in r.stdout


def test_show_wraps_long_lines_inside_its_gutter(article):
    from rich.console import Console

    from evfacts import show
    from evfacts.ingest import text_documents
    from evfacts.pipeline import Pipeline

    [doc] = text_documents(article.read_text(encoding="utf-8"), str(article))
    [result] = Pipeline().process_many([doc])
    out = io.StringIO()
    console = Console(file=out, width=60, force_terminal=True, color_system=None, soft_wrap=True)
    show.render_terminal(doc, result, console)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    assert max(len(ln) for ln in lines) <= 60
    assert {ln.index("│") for ln in lines} == {17}  # every line, continuations too, after the gutter
    body = " ".join(ln.split("│", 1)[1].strip() for ln in lines if "▸" not in ln)
    assert "ban new combustion cars by 2035, a decade after its 2025 rules." in " ".join(body.split())


def test_show_in_a_pipe_leaves_lines_whole(cli, article):
    r = cli("show", article)
    assert any(ARTICLE.splitlines()[2] in ln for ln in r.stdout.splitlines())


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(cli, flag):
    r = cli(flag)
    assert r.exit_code == 0 and r.stdout == f"evfacts {evfacts.__version__}\n"


def test_verbose_ends_with_a_summary(cli, article):
    r = cli("extract", article, "-v", "-f", "jsonl")
    assert r.exit_code == 0
    n = len(jsonl(r))
    assert r.stderr.strip().splitlines()[-1] == f"evfacts: 1 document, {n} claims, 0 failed"


@pytest.mark.parametrize("command", ["extract", "facts", "clean", "show"])
def test_quiet_says_nothing_on_success(cli, article, command):
    r = cli(command, article, "-q")
    assert r.exit_code == 0 and r.stderr == ""


def test_quiet_still_names_a_failure(cli, article, tmp_path):
    r = cli("extract", article, tmp_path / "missing.txt", "-q", "-f", "jsonl")
    assert r.exit_code == 1 and "missing.txt" in r.stderr


def test_quiet_and_verbose_together_are_a_usage_error(cli, article):
    r = cli("extract", article, "-q", "-v")
    assert r.exit_code == 2 and "exclude each other" in r.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_script(cli, shell):
    r = cli("--show-completion", shell)
    assert r.exit_code == 0 and "_EVFACTS_COMPLETE" in r.stdout


def test_completion_completes_commands():
    env = {**os.environ, "_EVFACTS_COMPLETE": "complete_bash", "COMP_WORDS": "evfacts fa", "COMP_CWORD": "1"}
    r = subprocess.run([sys.executable, "-m", "evfacts"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert r.stdout.split() == ["facts"]


def test_importing_evfacts_loads_neither_spacy_nor_the_cleaner():
    code = "import sys, evfacts; print(sorted(m for m in sys.modules if m.startswith(('evfacts', 'spacy', 'rich'))))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert r.stdout.strip() == "['evfacts']"


API = [
    # (text, published, expected (text, kind, value, unit, subject_id, period) of each claim)
    ("Xiaomi plans 550,000 EV deliveries in 2026.", None,
     [("550,000 EV deliveries", "quantity", 550_000, "delivery", "xiaomi", "2026")]),
    ("Xiaomi delivered 410,000 cars last year.", "2026-01-04",
     [("410,000 cars", "quantity", 410_000, "car", "xiaomi", "2025")]),
    ("U.S. EV sales rose 12% in 2025.", None, [("12%", "percent", 12, "%", "US", "2025")]),
    ("No figures here.", None, []),
    ("", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), API)
def test_python_api_extract(text, published, expected):
    claims = evfacts.extract(text, published=published)
    assert all(isinstance(c, evfacts.Claim) for c in claims)
    assert [(c.text, c.kind, c.value, c.unit, c.subject_id, c.period) for c in claims] == expected
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_python_api_extract_takes_a_date():
    from datetime import date

    [claim] = evfacts.extract("Xiaomi delivered 410,000 cars last year.", published=date(2027, 3, 1))
    assert claim.period == "2026"


def test_python_api_clean():
    text = "Home / News / Cars\nXiaomi plans 550,000 EV deliveries in 2026, the company said on Sunday.\n" \
           "Download our app for the latest news.\n"
    assert evfacts.clean(text) == "Xiaomi plans 550,000 EV deliveries in 2026, the company said on Sunday.\n"
    assert evfacts.clean("") == ""


def test_python_api_clean_is_the_function_after_the_cleaner_module_loads():
    import evfacts.cleaner  # the module's import must not replace the function

    assert callable(evfacts.clean) and evfacts.clean("Acme sold 300 cars in 2025.\n")
