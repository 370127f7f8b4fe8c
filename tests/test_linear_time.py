"""Time grows linearly with the input, for every pattern evfacts runs and for the whole pipeline.

Each hostile shape (tests/hostile_shapes.py) is given at n and at 4n characters. Linear work takes
about 4x as long on the longer text; a pattern that restarts its scan at every position, or nested
optional groups over digits and separators, take 16x or more. The bound (GROWTH, plus a little
slack for timer noise on tiny times) sits between the two. A shape over the bound is measured again,
best of three, before it fails, so a busy machine does not fail the test.

Patterns are found where they live: module-level compiled patterns and the named records (masks,
gates, cue lists) of every evfacts module, and the patterns the lexicon loaders build on first use.
A pattern that begins with whitespace or `^` continues a match at a given place (the text after a
figure, a line's start): it is timed as it is used, `match` at the start of the text; every other
pattern scans, timed with `finditer` over the whole text.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Callable

import pytest
from hostile_shapes import SHAPES

import evfacts

GROWTH = 8.0  # linear work: ~4x for 4x the input; quadratic: ~16x
N_PATTERN = 400
N_PIPELINE = 500
#: loaders that build no pattern (the spaCy pipeline itself)
NOT_PATTERN_LOADERS = {("evfacts.nlp", "load")}


def _walk(obj, seen: set[int], out: dict, depth: int = 0) -> None:
    if id(obj) in seen or depth > 5:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        if isinstance(obj.pattern, str):
            out[obj.pattern, obj.flags] = obj
        return
    if isinstance(obj, (str, bytes, int, float, type(None))):
        return
    if isinstance(obj, dict):
        for v in obj.values():
            _walk(v, seen, out, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            _walk(v, seen, out, depth + 1)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _walk(getattr(obj, f.name), seen, out, depth + 1)
    elif type(obj).__module__.startswith("evfacts") and hasattr(obj, "__dict__") and not isinstance(obj, type):
        for v in vars(obj).values():
            _walk(v, seen, out, depth + 1)
    elif hasattr(obj, "__slots__") and type(obj).__module__.startswith("evfacts"):
        for name in obj.__slots__:
            _walk(getattr(obj, name, None), seen, out, depth + 1)


def _zero_argument_loader(module_name: str, name: str, value) -> bool:
    if not (callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module_name):
        return False
    if (module_name, name) in NOT_PATTERN_LOADERS:
        return False
    try:
        params = inspect.signature(value).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def registered_patterns() -> dict[tuple[str, int], re.Pattern]:
    out: dict[tuple[str, int], re.Pattern] = {}
    seen: set[int] = set()
    for info in pkgutil.walk_packages(evfacts.__path__, "evfacts."):
        module = importlib.import_module(info.name)
        for name, value in list(vars(module).items()):
            if _zero_argument_loader(info.name, name, value):
                value = value()
            _walk(value, seen, out)
    return out


PATTERNS = registered_patterns()
ANCHORED = re.compile(r"^(?:\(\?:)*(?:\^|\\s|,\?\\s|\[\\s)")


def _scan(rx: re.Pattern) -> Callable[[str], object]:
    if ANCHORED.match(rx.pattern):
        return rx.match
    return lambda text: sum(1 for _ in rx.finditer(text))


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def _growth(run_on: Callable[[str], object], make: Callable[[int], str], n: int, slack: float):
    """(seconds at n, seconds at 4n), best of 1 and, if over the bound, best of 3."""
    short, long = make(n), make(4 * n)
    for repeat in (1, 3):
        t1 = _best(lambda: run_on(short), repeat)
        t4 = _best(lambda: run_on(long), repeat)
        if t4 <= GROWTH * t1 + slack:
            break
    return t1, t4


def test_the_walk_finds_the_patterns_of_every_layer():
    """The registry walk reaches masks, clean rules, figure patterns and lazily built cues."""
    sources = {p.pattern for p in PATTERNS.values()}
    assert len(PATTERNS) > 150
    from evfacts.pipeline import _figure_cue

    assert _figure_cue().pattern in sources
    from evfacts.claims.numbers import FRAC

    assert FRAC.pattern in sources


@pytest.mark.parametrize(("pattern", "anchored"), [
    (r"\s+(?:ago|old)\b", True),
    (r"(?:\s+of\s+an?\s+)", True),
    (r"(?:,?\s+(?:Inc|Corp)\.?)", True),
    (r"^\W*(?:reporting|editing) by\b", True),
    (r"(?:[\s-]+(?:annual|monthly))", True),
    (r"\d+(?:\.\d+)?\s?%", False),
    (r"\b(?:million|billion)\b", False),
    (r"(?:https?://|www\.)\S+", False),
    (r"[(\[]\s*\d", False),
])
def test_continuation_patterns_are_told_from_scanning_ones(pattern, anchored):
    assert bool(ANCHORED.match(pattern)) is anchored


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_pattern_scans_in_linear_time(shape):
    make = SHAPES[shape]
    slow = []
    for (source, _flags), rx in PATTERNS.items():
        t1, t4 = _growth(_scan(rx), make, N_PATTERN, slack=0.002)
        if t4 > GROWTH * t1 + 0.002:
            slow.append(f"x{t4 / max(t1, 1e-6):.0f} ({t1 * 1000:.1f} -> {t4 * 1000:.1f} ms): {source[:120]}")
    assert not slow, "super-linear on this shape:\n" + "\n".join(slow)


@pytest.fixture(scope="module")
def pipeline():
    from evfacts.pipeline import Pipeline

    return Pipeline()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_pipeline_runs_in_linear_time(pipeline, shape):
    from evfacts.ingest import Document

    t1, t4 = _growth(lambda text: pipeline.process(Document("shape", text)), SHAPES[shape], N_PIPELINE,
                     slack=0.03)
    assert t4 <= GROWTH * t1 + 0.03, f"{shape}: {t1:.3f} s at {N_PIPELINE} chars, {t4:.3f} s at {4 * N_PIPELINE}"


@pytest.mark.parametrize(("pattern", "text"), [
    # the shapes of fault this test exists for: each is quadratic on the text given
    (r"\d[\d,.]*\s?(?:million|bn)\b", "1" * 2000),          # restarts at every digit
    (r"\b[\w.+-]+@[\w-]+\.\w+", "1-" * 1000),                # restarts inside every run
    (r"!?\[([^\]]*)\]\(", "[" * 2000),                        # each bracket scans to the end
])
def test_the_bound_catches_a_quadratic_pattern(pattern, text):
    """The measure itself can fail: a pattern known to be quadratic on its shape is over the bound."""
    rx = re.compile(pattern)
    t1, t4 = _growth(lambda s: sum(1 for _ in rx.finditer(s)), lambda n: text[:n], len(text) // 4, slack=0.0)
    assert t4 > GROWTH * t1
