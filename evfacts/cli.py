"""The command line: parse, validate, dispatch. The work lives in `batch` and the pipeline."""
from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import Annotated, Optional

import typer

from evfacts import __version__
from evfacts.batch import EXIT_USAGE, RunOptions, run_clean, run_extract, stdin_is_terminal
from evfacts.ingest import DEFAULT_GLOBS, DEFAULT_MAX_BYTES
from evfacts.output import Format, pick_format

app = typer.Typer(
    name="evfacts",
    help="Pull every quantitative claim out of reposted news articles.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"evfacts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Pull every quantitative claim out of reposted news articles."""


# -- shared options (one definition, every command: sqlite-utils' output_options) ---------

Paths = Annotated[Optional[list[str]], typer.Argument(
    help="Files, folders (walked recursively) or - for stdin. None and a pipe: stdin.", show_default=False)]
FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", help="Output format [default: table on a terminal, jsonl in a pipe; from -o's extension].",
    case_sensitive=False, show_default=False)]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", help="Write to FILE atomically instead of stdout.", metavar="FILE")]
LinesOpt = Annotated[bool, typer.Option("--lines", help="Every input line is its own document.")]
PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", help="Publication date (e.g. 2026-01-04) for 'last year', 'in May'.", metavar="DATE")]
GlobOpt = Annotated[Optional[list[str]], typer.Option(
    "--glob", help=f"File pattern for folders, repeatable [default: {' '.join(DEFAULT_GLOBS)}].",
    metavar="PATTERN")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.", min=1)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")]


def _usage_error(message: str) -> typer.Exit:
    print(f"evfacts: error: {message}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": False})
    if parsed is None or not any(ch.isalpha() for ch in value) and len(value.strip()) < 6:
        raise _usage_error(f"--published: cannot read {value!r} as a date (try 2026-01-04)")
    return parsed.replace(tzinfo=None)


def _options(paths, fmt, output, **kw) -> RunOptions:
    paths = list(paths or [])
    if not paths:
        if stdin_is_terminal():
            raise _usage_error("no input: give a PATH, or pipe text into evfacts (see --help)")
        paths = ["-"]
    if output and os.path.isdir(output):
        raise _usage_error(f"--output: {output} is a directory")
    return RunOptions(paths=paths, fmt=pick_format(fmt, output), output=output, **kw)


@app.command()
def extract(
    paths: Paths = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lines: LinesOpt = False,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="Skip boilerplate removal.")] = False,
    published: PublishedOpt = None,
    unique: Annotated[bool, typer.Option("--unique", help="One record per fact; repeats counted in 'mentions'.")] = False,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """Extract quantitative claims (figure, unit, change, subject, period, modality)."""
    opts = _options(paths, fmt, output, per_line=lines, clean=not no_clean, published=_parse_date(published),
                    unique=unique, globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug)
    raise typer.Exit(run_extract(opts))


@app.command()
def clean(
    paths: Paths = None,
    explain: Annotated[bool, typer.Option("--explain", help="One record per line: keep, role and reason.")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lines: LinesOpt = False,
    published: PublishedOpt = None,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """Print the article text with boilerplate removed (--explain: every decision)."""
    if fmt is not None and not explain and fmt is not Format.table:
        raise _usage_error("--format applies to --explain; plain clean prints text")
    opts = _options(paths, fmt, output, per_line=lines, published=_parse_date(published),
                    globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug, explain=explain)
    raise typer.Exit(run_clean(opts))


@app.command()
def schema() -> None:
    """Print the JSON Schema of a claim record."""
    from evfacts.model import claim_schema

    print(json.dumps(claim_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Console entry point: quiet under `| head`."""
    try:
        app(prog_name="evfacts")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except KeyboardInterrupt:
        print("evfacts: interrupted", file=sys.stderr)
        sys.exit(130)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
