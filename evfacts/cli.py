"""The command line: parse, validate, dispatch. The work lives in `batch` and the pipeline.

Errors are one line on stderr (`evfacts: error: ...`), tracebacks only with `--debug`; exit codes
0 (all inputs processed), 1 (some failed), 2 (usage error).
"""
from __future__ import annotations

import dataclasses
import errno
import io
import json
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

import evfacts
from evfacts.batch import EXIT_FAILED, EXIT_OK, EXIT_USAGE, RunError, RunOptions, RunReport, stdin_is_terminal
from evfacts.budget import DEFAULT_TIMEOUT
from evfacts.ingest import DEFAULT_GLOBS, DEFAULT_MAX_BYTES
from evfacts.output import Format, pick_format


class _Group(TyperGroup):
    """Usage errors as one line (`evfacts: error: ... (try 'evfacts extract -h')`), exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if (complete_var or "_EVFACTS_COMPLETE") in os.environ:  # a shell asks for completions
            from typer.completion import completion_init

            completion_init()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            print("evfacts: aborted", file=sys.stderr)
            sys.exit(EXIT_FAILED)
        except BrokenPipeError:
            raise
        except OSError as e:  # help, --version or schema into a full disk or a closed stream
            where = e.filename or "standard output"
            print(f"evfacts: error: cannot write {where}: {e.strerror or e}", file=sys.stderr)
            _silence_stdout()
            sys.exit(EXIT_FAILED)
        except TyperException as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (try '{ctx.command_path} {ctx.help_option_names[0]}')" if ctx and ctx.help_option_names else ""
            message = " ".join(e.format_message().split())
            print(f"evfacts: error: {message}{hint}", file=sys.stderr)
            sys.exit(e.exit_code)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


app = typer.Typer(
    name="evfacts",
    cls=_Group,
    help="Pull every quantitative claim out of reposted news articles.",
    invoke_without_command=True,
    add_completion=False,  # typer's completion options, with a SHELL argument, are declared in _root
    pretty_exceptions_enable=False,
    add_help_option=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # named in the usage-error hint
)


def _help(ctx: typer.Context, value: bool) -> None:
    if value:
        _print_help(ctx)
        raise typer.Exit()


def _print_help(ctx: typer.Context) -> None:
    text = ctx.get_help()  # the rich formatter prints the help itself and returns ""
    if text:
        typer.echo(text, color=ctx.color)


#: -h/--help on every command, declared here so that its help line shows no type
HelpOpt = Annotated[bool, typer.Option("--help", "-h", is_eager=True, expose_value=False, callback=_help, metavar="",
                                       help="Show this message and exit.")]


def _version(value: bool) -> None:
    if value:
        print(f"evfacts {evfacts.__version__}")
        raise typer.Exit()


def _completion(install: bool):
    """typer's completion callbacks (`--install-completion SHELL`, `--show-completion SHELL`), its shell classes registered first."""
    from typer import completion

    def callback(ctx, param, value):
        if value:
            completion.completion_init()
            (completion.install_callback if install else completion.show_callback)(ctx, param, value)
        return value

    return callback


SHELLS = "bash, zsh, fish, powershell or pwsh"


@app.callback()
def _root(
    ctx: typer.Context,
    _help: HelpOpt = False,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, metavar="",
                                          help="Print the version and exit.")] = False,
    install_completion: Annotated[str | None, typer.Option(
        "--install-completion", metavar="SHELL", callback=_completion(True), is_eager=True, expose_value=False,
        help=f"Install shell completion for SHELL ({SHELLS}) and exit.")] = None,
    show_completion: Annotated[str | None, typer.Option(
        "--show-completion", metavar="SHELL", callback=_completion(False), is_eager=True, expose_value=False,
        help="Print the completion script for SHELL and exit.")] = None,
) -> None:
    """Pull every quantitative claim out of reposted news articles."""
    if ctx.invoked_subcommand is None:  # bare `evfacts`: the help, as a usage error
        _print_help(ctx)
        raise typer.Exit(EXIT_USAGE)


# -- shared options (one definition, every command: sqlite-utils' output_options) ---------

#: PATH arguments are described in each command's help text: typer's Arguments panel would print
#: the Python type (`<list[str]>`) beside them
Paths = Annotated[list[str] | None, typer.Argument(show_default=False, metavar="PATH", hidden=True)]

FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format (default: from -o's extension, else table on a terminal and jsonl in a pipe).",
    case_sensitive=False, show_default=False)]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", help="Write to FILE atomically instead of stdout.", metavar="FILE")]
LinesOpt = Annotated[bool, typer.Option("--lines", metavar="", help="Every input line is its own document.")]
PublishedOpt = Annotated[str | None, typer.Option(
    "--published", help="Publication date (e.g. 2026-01-04) for 'last year', 'in May'.", metavar="DATE")]
GlobOpt = Annotated[list[str] | None, typer.Option(
    "--glob", help=f"File pattern for folders, repeatable (default: {' '.join(DEFAULT_GLOBS)}).",
    metavar="PATTERN")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.", min=1, metavar="BYTES")]
ConfigOpt = Annotated[str | None, typer.Option(
    "--config", metavar="FILE", help="Settings: extra boilerplate cues, companies, rules off \\[default: ./evfacts.toml].")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", metavar="FILE", help="Load a site's learned boilerplate template; a batch run saves what it learns.")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", min=0, metavar="SECONDS",
    help="Stop a document that takes longer than this, name it and go on (0: no limit).")]
DebugOpt = Annotated[bool, typer.Option("--debug", metavar="", help="Show tracebacks of failures.")]
TextFieldOpt = Annotated[str | None, typer.Option(
    "--text-field", metavar="NAME", help="Datasets (.jsonl, .csv): the field with the article "
    "(default: the first of text, body, content, article).")]
IdFieldOpt = Annotated[str | None, typer.Option(
    "--id-field", metavar="NAME", help="Datasets: the field that becomes 'source' (default: FILE#ROW).")]
DateFieldOpt = Annotated[str | None, typer.Option(
    "--date-field", metavar="NAME", help="Datasets: the row's publication date (default: published, date, ...).")]
TitleFieldOpt = Annotated[str | None, typer.Option(
    "--title-field", metavar="NAME", help="Datasets: the row's title (default: title, headline).")]
LangOpt = Annotated[str, typer.Option(
    "--lang", metavar="CODE", help="Documents in other languages get no claims (named on stderr); "
    "'any' runs the English rules on every document.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress bar and no summary line (failures still).")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", metavar="",
                                          help="End with a line on stderr: documents, claims, failures.")]


#: `local`, or a scheduler address: [tcp|tls|ws|wss|ucx://]host:port (a host name, IPv4 or [IPv6])
DASK_ADDRESS = re.compile(r"^(?:local|(?:(?:tcp|tls|ws|wss|ucx)://)?(?:[\w.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5})$")


def _capped_jobs(jobs: int) -> int:
    """-j N for N over the cores this process may use: the cores (said on stderr), since each
    worker loads its own model and more workers than cores only cost memory."""
    from evfacts.parallel import available_cores

    cores = available_cores()
    if jobs > cores:
        print(f"evfacts: -j {jobs}: {cores} cores available; using {cores} workers", file=sys.stderr)
        return cores
    return jobs


def _usage_error(message: str) -> typer.Exit:
    print(f"evfacts: error: {message}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def _check_output(output: str | None, fmt: Format | None) -> None:
    """-o FILE with an extension evfacts does not write (x.parquet, x.xlsx) and no -f: a usage
    error, not JSON Lines under a misleading name."""
    from evfacts.output import EXTENSIONS
    from evfacts.store import is_store_path

    if not output or output == "-" or fmt is not None or is_store_path(output):
        return
    ext = os.path.splitext(output)[1].lower()
    if ext and ext not in EXTENSIONS and not os.path.isdir(output):
        known = " ".join(sorted(EXTENSIONS)) + " .sqlite .db"
        raise _usage_error(f"--output: evfacts does not write {ext} files (it writes {known}); "
                           "or say the format with -f")


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        pass
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(0[1-9]|1[0-2]))?", value)
    if m:  # a year or a month: its first day
        return datetime(int(m.group(1)), int(m.group(2) or 1), 1)
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": False})
    if parsed is None or not any(ch.isalpha() for ch in value) and len(value.strip()) < 6:
        raise _usage_error(f"--published: cannot read {value!r} as a date (try 2026-01-04)")
    return parsed.replace(tzinfo=None)


def _guarded(opts: RunOptions, job: Callable[[RunOptions], RunReport]) -> int:
    """Run a batch job; anything unexpected becomes one line on stderr (a traceback with --debug)."""
    to_stdout = opts.output in (None, "-")
    try:
        code = job(opts).exit_code
        if to_stdout:
            sys.stdout.flush()
        return code
    except BrokenPipeError:  # `| head` closed the pipe: stop quietly
        _silence_stdout()
        return EXIT_FAILED
    except RunError as e:  # the run cannot go on (a Dask scheduler out of reach, ...): its own message
        if opts.debug:
            traceback.print_exc()
        print(f"evfacts: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as e:  # writing the output failed: full disk, no permission, missing folder
        if opts.debug:
            traceback.print_exc()
        where = "standard output" if to_stdout else opts.output
        print(f"evfacts: error: cannot write {where}: {e.strerror or e}", file=sys.stderr)
        if to_stdout:
            _silence_stdout()
        return EXIT_FAILED
    except Exception as e:  # noqa: BLE001
        if opts.debug:
            traceback.print_exc()
        message = " ".join(str(e).split())
        print(f"evfacts: error: {type(e).__name__}: {message} (run with --debug for the traceback)",
              file=sys.stderr)
        return EXIT_FAILED


def _options(paths, fmt, output, *, config_path=None, profile_path=None, quiet=False, verbose=False,
             **kw) -> RunOptions:
    from evfacts.config import ConfigError, load_config

    if quiet and verbose:
        raise _usage_error("-q and -v exclude each other")

    try:
        config = load_config(config_path)
    except ConfigError as e:
        raise _usage_error(f"--config: {e}") from None
    if profile_path and os.path.isdir(profile_path):
        raise _usage_error(f"--profile: {profile_path} is a directory")
    if profile_path and not os.path.isdir(os.path.dirname(os.path.abspath(profile_path))):
        raise _usage_error(f"--profile: the folder of {profile_path} does not exist")
    if profile_path and os.path.exists(profile_path):
        from evfacts.clean_repeats import load_profile

        try:
            load_profile(profile_path)
        except (ValueError, OSError) as e:
            raise _usage_error(f"--profile: {e}") from None
    paths = list(paths or [])
    if not paths:
        if stdin_is_terminal():
            raise _usage_error("no input: give a PATH, or pipe text into evfacts (see --help)")
        paths = ["-"]
    if output and os.path.isdir(output):
        raise _usage_error(f"--output: {output} is a directory")
    return RunOptions(paths=paths, fmt=pick_format(fmt, output), output=output, config=config,
                      profile_path=profile_path, quiet=quiet, verbose=verbose, **kw)


@app.command(add_help_option=False)
def extract(
    paths: Paths = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lines: LinesOpt = False,
    no_clean: Annotated[bool, typer.Option("--no-clean", metavar="", help="Skip boilerplate removal.")] = False,
    published: PublishedOpt = None,
    unique: Annotated[bool, typer.Option("--unique", metavar="", help="One record per fact; repeats counted in 'mentions'.")] = False,
    explain: Annotated[bool, typer.Option("--explain", metavar="", help="JSON/JSONL: why each field (recognizer, cue).")] = False,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="N",
                                      help="Worker processes (0 = all cores).")] = 1,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786), or 'local'.")] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="With -o x.sqlite: redo documents already stored.")] = False,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    text_field: TextFieldOpt = None,
    id_field: IdFieldOpt = None,
    date_field: DateFieldOpt = None,
    title_field: TitleFieldOpt = None,
    lang: LangOpt = "en",
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    _help: HelpOpt = False,
) -> None:
    """Extract quantitative claims (figure, unit, change, subject, period, modality).

    PATH: files, folders (walked recursively), http(s) URLs, datasets (.jsonl, .csv, also .gz: one
    article a row) or - for stdin; none and a pipe: stdin."""
    from evfacts.datasets import Fields
    from evfacts.language import parse_lang
    from evfacts.store import is_store_path

    _check_output(output, fmt)
    try:
        lang = parse_lang(lang)
    except ValueError as e:
        raise _usage_error(f"--lang: {e}") from None
    if is_store_path(output) and fmt is not None:
        raise _usage_error(f"--format does not apply to the SQLite store {output}")
    if force and not is_store_path(output):
        raise _usage_error("--force applies to a SQLite store (-o x.sqlite)")
    if explain and (is_store_path(output) or fmt in (Format.csv, Format.table)):
        raise _usage_error("--explain applies to -f json and -f jsonl")
    if explain and fmt is None and pick_format(None, output) not in (Format.json, Format.jsonl):
        fmt = Format.jsonl  # on a terminal, or -o x.csv: the explanations need JSON
    if dask is not None:
        from importlib.util import find_spec

        if not DASK_ADDRESS.fullmatch(dask):
            raise _usage_error(f"--dask: {dask!r} is no scheduler address (try tcp://host:8786, or local)")
        if find_spec("dask") is None or find_spec("distributed") is None:
            raise _usage_error("--dask needs the dask extra: pip install 'evfacts[dask]'")
    elif jobs != 1:
        jobs = _capped_jobs(jobs)
    opts = _options(paths, fmt, output, per_line=lines, clean=not no_clean, published=_parse_date(published),
                    unique=unique, globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug,
                    jobs=jobs, dask=dask, force=force, config_path=config, profile_path=profile, timeout=timeout,
                    explain=explain, fields=Fields(text_field, id_field, date_field, title_field), lang=lang,
                    quiet=quiet, verbose=verbose)
    from evfacts.batch import run_extract

    raise typer.Exit(_guarded(opts, run_extract))


@app.command(add_help_option=False)
def facts(
    paths: Paths = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    min_sources: Annotated[int, typer.Option("--min-sources", min=1, metavar="N",
                                             help="Only facts stated by at least N documents.")] = 1,
    lines: LinesOpt = False,
    no_clean: Annotated[bool, typer.Option("--no-clean", metavar="", help="Skip boilerplate removal.")] = False,
    published: PublishedOpt = None,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="N",
                                      help="Worker processes (0 = all cores).")] = 1,
    force: Annotated[bool, typer.Option("--force", metavar="", help="With -o x.sqlite: redo documents already stored.")] = False,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    _help: HelpOpt = False,
) -> None:
    """Group the claims of many documents into facts: sources, values, dates, conflicts.

    PATH: files, folders (walked recursively) or - for stdin; none and a pipe: stdin."""
    from evfacts.store import is_store_path

    if is_store_path(output) and fmt is not None:
        raise _usage_error(f"--format does not apply to the SQLite store {output}")
    if force and not is_store_path(output):
        raise _usage_error("--force applies to a SQLite store (-o x.sqlite)")
    opts = _options(paths, fmt, output, per_line=lines, clean=not no_clean, published=_parse_date(published),
                    globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug,
                    jobs=_capped_jobs(jobs) if jobs != 1 else jobs, force=force, config_path=config,
                    profile_path=profile, timeout=timeout, quiet=quiet, verbose=verbose)
    from evfacts.facts_output import run_facts

    raise typer.Exit(_guarded(opts, lambda o: run_facts(o, min_sources)))


@app.command(add_help_option=False)
def clean(
    paths: Paths = None,
    explain: Annotated[bool, typer.Option("--explain", metavar="", help="One record per line: keep, role and reason.")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lines: LinesOpt = False,
    published: PublishedOpt = None,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    _help: HelpOpt = False,
) -> None:
    """Print the article text with boilerplate removed (--explain: every decision).

    PATH: files, folders (walked recursively) or - for stdin; none and a pipe: stdin."""
    if fmt is not None and not explain and fmt is not Format.table:
        raise _usage_error("--format applies to --explain; plain clean prints text")
    opts = _options(paths, fmt, output, per_line=lines, published=_parse_date(published),
                    globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug, explain=explain,
                    config_path=config, profile_path=profile, quiet=quiet, verbose=verbose)
    from evfacts.batch import run_clean

    raise typer.Exit(_guarded(opts, run_clean))


@app.command(add_help_option=False)
def show(
    paths: Paths = None,
    html: Annotated[str | None, typer.Option(
        "--html", help="Write a standalone HTML page (claims marked, fields on hover) to FILE; - for stdout.",
        metavar="FILE")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", metavar="", help="Skip boilerplate removal.")] = False,
    published: PublishedOpt = None,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    config: ConfigOpt = None,
    profile: ProfileOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    debug: DebugOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    _help: HelpOpt = False,
) -> None:
    """Show the article with its claims highlighted (terminal, or --html FILE).

    PATH: the article, a file or - for stdin (a folder shows each of its files)."""
    if html and html != "-" and os.path.isdir(html):
        raise _usage_error(f"--html: {html} is a directory")
    opts = _options(paths, Format.table, None, clean=not no_clean, published=_parse_date(published),
                    globs=tuple(glob or DEFAULT_GLOBS), max_bytes=max_bytes, debug=debug,
                    config_path=config, profile_path=profile, timeout=timeout, quiet=quiet, verbose=verbose)
    opts = dataclasses.replace(opts, output=html)
    from evfacts.batch import run_show

    raise typer.Exit(_guarded(opts, lambda o: run_show(o, html)))


@app.command(add_help_option=False)
def schema(_help: HelpOpt = False) -> None:
    """Print the JSON Schema of a claim record."""
    from evfacts.model import claim_schema

    print(json.dumps(claim_schema(), indent=2, ensure_ascii=False))


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM unwinds like Ctrl-C, so `-o FILE` removes its temp file and keeps the old file."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: quiet under `| head`, SIGTERM cleaned up like SIGINT."""
    try:
        signal.signal(signal.SIGTERM, _terminate)
    except (ValueError, OSError):  # not the main thread
        pass
    if sys.stdout is None:  # started with stdout closed (`>&-`): writing to it is an error, -o FILE works
        sys.stdout = ClosedStream()
    try:
        app(prog_name="evfacts")
    except SystemExit as e:
        _leave(e.code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        print("evfacts: interrupted", file=sys.stderr)
        sys.exit(130)


def _leave(code) -> None:
    """Flush the output and leave with `code` (a message code is printed on stderr, exit 1)."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = EXIT_FAILED
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        _silence_stdout()
        code = code or EXIT_FAILED
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(code)


class ClosedStream(io.TextIOBase):
    """Standard output when the process started without one: every write fails with EBADF."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
