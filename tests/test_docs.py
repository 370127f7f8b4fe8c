"""The README's commands and options are the CLI's, as `--help` prints them; the docs stay product docs.

The options table of the README's "Commands and options" section names each option and the
commands that take it; every option of a command's `--help` must be in that table for that
command, and every option the table gives a command must exist there (`-h, --help` aside: the
README says once that every command has it).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evfacts.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = [README, ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMANDS_WITH_OPTIONS = ("extract", "facts", "clean", "show")
HELP_OPTIONS = {"-h", "--help"}

#: an option row of --help: rich's panel ("│ --format  -f  <...>") or click's plain list ("  -f, --format");
#: continuation lines of a help text are indented much further, so "-o's extension" is never read as one
_HELP_ROW = re.compile(r"^[│|]?\s{1,4}(-[-\w]*(?:,?\s+-[-\w]+)*)")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def help_options(*command: str) -> set[str]:
    """Every option name (long and short) that `evfacts COMMAND --help` lists."""
    names: set[str] = set()
    for line in _help(*command).splitlines():
        m = _HELP_ROW.match(line)
        if m:
            names.update(_OPTION.findall(m.group(1)))
    return names


def help_commands() -> set[str]:
    """The command names of `evfacts --help`: the rows of its Commands panel or section."""
    names: set[str] = set()
    inside = False
    for line in _help().splitlines():
        if re.match(r"^\W*Commands\b", line.strip(" │╭─")):
            inside = True
            continue
        if inside:
            m = re.match(r"^[│|]?\s{1,4}([a-z][\w-]*)\s{2,}", line)
            if m:
                names.add(m.group(1))
            elif line.startswith("╰") or not line.strip():
                inside = False
    return names


def section(text: str, heading: str) -> str:
    """The body of a `## heading` section of a Markdown file, up to the next `## `."""
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert m, f"README.md has no section '## {heading}'"
    return m.group(1)


def readme_options() -> dict[str, set[str]]:
    """command -> the option names the README's options table gives it."""
    table: dict[str, set[str]] = {c: set() for c in COMMANDS_WITH_OPTIONS}
    rows = [l for l in section(README.read_text(encoding="utf-8"), "Commands and options").splitlines()
            if l.startswith("| `-")]
    assert rows, "no options table in the README"
    for row in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        names = set(_OPTION.findall(cells[0].split("`")[1]))
        commands = {c.strip() for c in cells[1].split(",")}
        assert names and commands <= set(COMMANDS_WITH_OPTIONS), row
        for c in commands:
            table[c] |= names
    return table


def readme_commands() -> set[str]:
    """The commands of the README's command block (`evfacts NAME ...` lines)."""
    block = section(README.read_text(encoding="utf-8"), "Commands and options").split("```")[1]
    return {m.group(1) for m in re.finditer(r"^evfacts ([a-z][\w-]*)", block, re.MULTILINE)}


def test_the_readme_lists_the_cli_commands():
    assert readme_commands() == help_commands() == {"extract", "facts", "clean", "show", "schema"}


def test_the_readme_shows_the_root_options():
    block = section(README.read_text(encoding="utf-8"), "Commands and options").split("```")[1]
    assert help_options() - HELP_OPTIONS == {"--version", "-V", "--install-completion", "--show-completion"}
    assert re.search(r"^evfacts -V, --version$", block, re.MULTILINE)
    assert re.search(r"^evfacts --install-completion SHELL", block, re.MULTILINE)
    assert "--show-completion SHELL" in block


@pytest.mark.parametrize("command", COMMANDS_WITH_OPTIONS)
def test_every_option_of_help_is_in_the_readme(command):
    missing = help_options(command) - HELP_OPTIONS - readme_options()[command]
    assert not missing, f"README.md does not list these options of `evfacts {command}`: {sorted(missing)}"


@pytest.mark.parametrize("command", COMMANDS_WITH_OPTIONS)
def test_every_option_in_the_readme_exists(command):
    unknown = readme_options()[command] - help_options(command)
    assert not unknown, f"README.md lists options that `evfacts {command}` does not have: {sorted(unknown)}"


@pytest.mark.parametrize("command", ["schema"])
def test_commands_without_options_have_only_help(command):
    assert help_options(command) == HELP_OPTIONS


@pytest.mark.parametrize("line, names", [
    ("│ --format     -f      <table|json|jsonl|csv>  Output format (default: from    │", {"--format", "-f"}),
    ("│                                              -o's extension, else table on a │", set()),
    ("│ --no-clean                                   Skip boilerplate removal.       │", {"--no-clean"}),
    ("  -j, --jobs N  Worker processes (0 = all cores).", {"-j", "--jobs"}),
    ("│   PATH      <list[str]>  Files, folders (walked recursively) or - for stdin. │", set()),
])
def test_help_rows_are_read_by_their_first_column(line, names):
    m = _HELP_ROW.match(line)
    assert (set(_OPTION.findall(m.group(1))) if m else set()) == names


def test_readme_is_at_most_200_lines():
    n = len(README.read_text(encoding="utf-8").splitlines())
    assert n <= 200, f"README.md has {n} lines"


#: words of a development log, not of product docs
FORBIDDEN = {
    "session": re.compile(r"\bsessions?\b", re.IGNORECASE),
    "issue reference": re.compile(r"\bissues?\s*#?\s*\d+", re.IGNORECASE),
    "issue number": re.compile(r"#\d+\b"),
}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
@pytest.mark.parametrize("what", sorted(FORBIDDEN))
def test_docs_hold_no_development_log_words(path, what):
    hits = [f"{i}: {line.strip()}" for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if FORBIDDEN[what].search(line)]
    assert not hits, f"{path.name}: {what}:\n" + "\n".join(hits)


@pytest.mark.parametrize("text, what", [
    ("in session 12 we measured", "session"),
    ("the targets of issue 6", "issue reference"),
    ("see issue #14", "issue reference"),
    ("fixed in #14", "issue number"),
])
def test_the_forbidden_words_are_found(text, what):
    assert FORBIDDEN[what].search(text)


def test_the_docs_exist():
    names = {p.relative_to(ROOT).as_posix() for p in DOCS}
    assert {"README.md", "CHANGELOG.md", "docs/architecture.md", "docs/benchmarks.md"} <= names


@pytest.mark.parametrize("command", ["", "extract", "facts", "clean", "show", "schema"])
def test_help_prints_no_python_types(command):
    """Metavars a user can read (PATH, FILE, N, the choices), never typer's type labels."""
    text = _help(*([command] if command else []))
    assert not re.search(r"<(?:list\[|bool>|str>|int>|float>)", text), text
    if command in ("extract", "facts", "clean", "show"):
        assert "PATH" in text
