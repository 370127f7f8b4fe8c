"""Compiled regular expressions kept across runs: start-up without recompiling ~450 patterns.

evfacts compiles some 450 patterns at start-up (unit and currency alternations, boilerplate cues,
the tokenizer's affix rules). CPython compiles a pattern in Python code (`re._parser`,
`re._compiler`), ~0.15 s in all: a tenth of the latency of `evfacts extract one-file.txt`. This
module keeps what the compiler produces — the program of the regex engine, a list of integers —
in a file, and the next run hands it straight to the engine (`_sre.compile`, which checks the
program before it accepts it), as `re._compiler.compile` does after compiling.

- New patterns are written at exit (atomically; processes that end with `os._exit`, such as
  worker processes, write nothing: their main process compiles the same patterns).
- The file keeps at most MAX_ENTRIES entries: past that, a run writes only the entries it used,
  so patterns that older versions of evfacts compiled do not pile up.
- `memo(key, compute)` keeps other facts derived from patterns at start-up in the same file.
- The file is per interpreter build (`sys.version` and the engine's `MAGIC` are in its name) and
  keyed by ("re", pattern, flags): a changed pattern is a miss, compiled the usual way.
- Anything unexpected (no `_sre`, an unreadable or corrupt file, a read-only directory, a program
  the engine refuses) falls back to `re.compile`: the cache only ever saves time.
- The file lives in `$EVFACTS_CACHE_DIR`, else `$XDG_CACHE_HOME/evfacts`, else `~/.cache/evfacts`;
  `EVFACTS_CACHE_DIR=off` turns it off.
"""
from __future__ import annotations

import array
import atexit
import hashlib
import marshal
import os
import re
import sys
import tempfile

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython >= 3.11
    _sre = None  # type: ignore[assignment]

#: the array type of one code word of the engine (`_sre.CODESIZE` bytes)
_WORD = next((t for t in "IL" if array.array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "I")
_entries: dict | None = None  # ("re", pattern, flags) -> the engine's arguments, as read from the file
_new: dict = {}  # compiled in this run, not yet in the file (written at exit)
_registered = False
_used: set = set()  # entries of the file this run read
#: entries the file may hold; past it, a save keeps only what this run used (patterns of older versions go)
MAX_ENTRIES = 5000


def cache_file() -> str | None:
    where = os.environ.get("EVFACTS_CACHE_DIR")
    if where and where.lower() in ("off", "0", "no", "none"):
        return None
    if not where:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        where = os.path.join(base, "evfacts")
    build = hashlib.sha1(f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}".encode()).hexdigest()[:12]
    return os.path.join(where, f"re-{sys.implementation.cache_tag}-{build}.marshal")


def _load() -> dict:
    global _entries
    if _entries is None:
        _entries = {}
        path = cache_file()
        if path and _sre is not None:
            try:
                with open(path, "rb") as f:
                    data = marshal.loads(f.read())  # marshal.load(f) reads a file piecemeal: 20x slower
                if isinstance(data, dict):
                    _entries = data
            except (OSError, EOFError, ValueError, TypeError):
                pass
    return _entries


def _program(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), code, int(p.state.groups - 1), groupindex, tuple(indexgroup))


def _stored(args: tuple) -> tuple:
    """The arguments as kept in the file: the program as the bytes of an array of code words."""
    return (args[0], array.array(_WORD, args[1]).tobytes(), *args[2:])


def _engine(stored: tuple) -> tuple:
    return (stored[0], array.array(_WORD, stored[1]).tolist(), *stored[2:])


def memo(key: tuple, compute):
    """compute(), kept in the cache file under `key` (a tuple of strings and numbers whose first item
    names the kind of fact; the value must be marshal-able): for facts derived from a pattern at
    start-up, such as the literals `rx.literals` reads off its parse."""
    entries = _load()
    if key in entries:
        _used.add(key)
        return entries[key]
    if key not in _new:
        _new[key] = compute()
        _save_at_exit()
    return _new[key]


def _save_at_exit() -> None:
    global _registered
    if not _registered:
        _registered = True
        atexit.register(save)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the cache when it holds the pattern."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = ("re", pattern, flags)
    stored = _load().get(key) or _new.get(key)
    if stored is not None:
        try:
            compiled = _sre.compile(pattern, *_engine(stored))
            _used.add(key)
            return compiled
        except Exception:  # a program this engine refuses: compile it again below
            _entries.pop(key, None)  # type: ignore[union-attr]
    try:
        args = _program(pattern, flags)
        compiled = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # pragma: no cover - the internals differ from what is expected here
        return re.compile(pattern, flags)
    _new[key] = _stored(args)
    _save_at_exit()
    return compiled


def save() -> None:
    """Write the patterns compiled in this run to the cache file (atomically; never fails)."""
    if not _new:
        return
    path = cache_file()
    if not path:
        return
    merged = dict(_load())
    merged.update(_new)
    if len(merged) > MAX_ENTRIES:
        merged = {k: v for k, v in merged.items() if k in _used or k in _new}
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".re-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump(merged, f)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return
    _used.update(_new)
    _entries.update(_new)  # type: ignore[union-attr]
    _new.clear()
