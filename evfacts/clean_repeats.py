"""Learning a platform's template from a batch of reposts (reason `repeated`).

A paragraph that recurs, with its digits and names masked, across several documents of a
batch — and sits at their head or their tail, not in the middle of the text — is the
platform's template: a promo, a disclosure, a sign-off. `learn_repeats(texts)` builds a
profile (a plain JSON-able dict: save it with `save_profile`, load it with `load_profile`);
`clean_text(..., profile=profile)` then drops such lines with reason `repeated`, also in a
later single-file run.

    profile = learn_repeats(doc.text for doc in documents)
    result = clean_text(text, profile=profile)

Masking: every number becomes `0`, every capitalised word `N` (runs of them one `N`), so
"Should you invest $1,000 in Apple right now?" and "Should you invest $1,000 in PDD Holdings
right now?" are the same line. Small edits are tolerated for long lines by a second key made
of their first and last words. Lines with fewer than four ordinary (unmasked) words never
count — headings and name-only lines are not templates.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any

PROFILE_VERSION = 1
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[’'][^\W\d_]+)?|[^\w\s]", re.UNICODE)


def _tokens(line: str) -> list[str]:
    out: list[str] = []
    for t in _TOKEN.findall(line):
        if t[0].isdigit():
            t = "0"
        elif t[0].isupper():
            t = "N"
        else:
            t = t.lower()
        if t == "N" and out and out[-1] == "N":
            continue
        out.append(t)
    return out


def _plain_words(tokens: list[str]) -> int:
    return sum(1 for t in tokens if t not in ("N", "0") and t[0].isalpha())


@lru_cache(maxsize=16384)
def keys(line: str) -> tuple[str | None, str | None]:
    """(exact masked key, prefix/suffix key for long lines) — None when the line is too plain
    or carries figures (three numbers or more: a data line of a templated report is content)."""
    toks = _tokens(line)
    if _plain_words(toks) < 4 or toks.count("0") >= 3:
        return None, None
    exact = hashlib.blake2b(" ".join(toks).encode(), digest_size=10).hexdigest()
    ends = None
    if len(toks) >= 16:
        ends = hashlib.blake2b((" ".join(toks[:8]) + " … " + " ".join(toks[-5:])).encode(),
                               digest_size=10).hexdigest()
    return exact, ends


def _doc_lines(text: str) -> list[str]:
    """The lines as `clean` sees them (stripped, Markdown marks removed)."""
    from evfacts.cleaner import _split

    return [l.norm for l in _split(text, "text")]


def learn_repeats(texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.0,
                  edge: float = 0.35) -> dict[str, Any]:
    """Learn the template lines of a batch.

    A masked line is a template when it occurs in at least `min_docs` distinct documents (and
    in at least `min_share` of them) and its median relative position in those documents is in
    the first or the last `edge` of the text.
    """
    seen_docs: set[str] = set()
    where: dict[str, dict[str, list[float]]] = {"exact": defaultdict(list), "ends": defaultdict(list)}
    banned: set[tuple[str, str]] = set()
    n_docs = 0
    for text in texts:
        digest = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()
        if digest in seen_docs:
            continue  # the same document twice is not a template
        seen_docs.add(digest)
        n_docs += 1
        lines = _doc_lines(text)
        n = len(lines)
        if n < 3:
            continue
        found: dict[tuple[str, str], list[float]] = defaultdict(list)
        for i, line in enumerate(lines):
            exact, ends = keys(line)
            for kind, k in (("exact", exact), ("ends", ends)):
                if k is not None:
                    found[(kind, k)].append(i / (n - 1))
        for (kind, k), positions in found.items():
            if len(positions) >= 3:
                banned.add((kind, k))  # a line shape repeated within one text is its structure
            where[kind][k].append(median(positions))
    need = max(min_docs, int(min_share * n_docs + 0.999))
    templates: dict[str, dict[str, dict[str, float]]] = {"exact": {}, "ends": {}}
    for kind in ("exact", "ends"):
        for k, positions in where[kind].items():
            if len(positions) < need or (kind, k) in banned:
                continue
            m = median(positions)
            if m <= edge or m >= 1 - edge:
                templates[kind][k] = {"docs": len(positions), "pos": round(m, 3)}
    return {"version": PROFILE_VERSION, "documents": n_docs, "min_docs": need, "templates": templates}


def merge_profiles(*profiles: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"version": PROFILE_VERSION, "documents": 0, "min_docs": 0,
                           "templates": {"exact": {}, "ends": {}}}
    for p in profiles:
        out["documents"] += p.get("documents", 0)
        out["min_docs"] = max(out["min_docs"], p.get("min_docs", 0))
        for kind in ("exact", "ends"):
            out["templates"][kind].update(p.get("templates", {}).get(kind, {}))
    return out


def is_template(profile: dict[str, Any] | None, line: str) -> bool:
    if not profile:
        return False
    exact, ends = keys(line)
    t = profile.get("templates", {})
    return (exact is not None and exact in t.get("exact", {})) or (ends is not None and ends in t.get("ends", {}))


def apply_profile(profile: dict[str, Any] | None, lines: list, decide: Callable[[Any], None]) -> None:
    """Call `decide(line)` for every line object (with a `.norm` or `.text`) that is a template."""
    if not profile:
        return
    for line in lines:
        if is_template(profile, getattr(line, "norm", None) or getattr(line, "text", "")):
            decide(line)


def save_profile(profile: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(profile, indent=0, sort_keys=True), encoding="utf-8")


def load_profile(path: str | Path) -> dict[str, Any]:
    """A profile saved by `save_profile`; ValueError (naming what is wrong) for anything else."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != PROFILE_VERSION or "templates" not in data:
        raise ValueError(f"{path}: not an evfacts clean profile")
    problem = _profile_problem(data)
    if problem:
        raise ValueError(f"{path}: not an evfacts clean profile ({problem})")
    return data


def _profile_problem(data: dict[str, Any]) -> str | None:
    for key in ("documents", "min_docs"):
        if not isinstance(data.get(key, 0), int) or isinstance(data.get(key, 0), bool):
            return f"{key} must be a whole number"
    templates = data["templates"]
    if not isinstance(templates, dict) or set(templates) - {"exact", "ends"}:
        return "templates must be a table of 'exact' and 'ends'"
    for kind, entries in templates.items():
        if not isinstance(entries, dict):
            return f"templates.{kind} must be a table"
        for key, entry in entries.items():
            if not (isinstance(entry, dict) and isinstance(entry.get("docs"), int)
                    and isinstance(entry.get("pos"), int | float)):
                return f"templates.{kind}[{key!r}] must hold docs and pos"
    return None
