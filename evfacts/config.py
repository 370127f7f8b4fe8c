"""User configuration: `--config FILE`, or `evfacts.toml` in the working directory.

    [clean]
    disable = ["short-promo"]              # rule names, as `clean --explain` shows them
    [clean.cues]                           # extra boilerplate cues: reason -> regular expressions
    promo = ['\\bjoin our discord\\b']

    [claims]
    disable = ["pairing"]                  # claim recognizer names (docs/architecture.md lists them)

    [companies]
    names = ["Leapmotor", "Zeekr"]        # extra company names (whole words, this spelling)
    not_companies = ["Acme Labs"]         # names that must never count as companies

Unknown keys are refused, so a typo does not silently do nothing.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

CONFIG_NAME = "evfacts.toml"
KNOWN = {"clean": {"disable", "cues", "cue"}, "claims": {"disable"}, "companies": {"names", "not_companies"}}


class ConfigError(ValueError):
    pass


def find_config(path: str | None) -> Path | None:
    if path:
        return Path(path)
    local = Path.cwd() / CONFIG_NAME
    return local if local.is_file() else None


def load_config(path: str | None) -> dict[str, Any] | None:
    """The parsed configuration, or None when there is none. Raises ConfigError."""
    found = find_config(path)
    if found is None:
        return None
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read {found}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{found}: not UTF-8 text (byte {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{found}: {e}") from None
    for section, value in data.items():
        if section not in KNOWN:
            raise ConfigError(f"{found}: unknown section [{section}] (known: {', '.join(sorted(KNOWN))})")
        if not isinstance(value, dict):
            raise ConfigError(f"{found}: [{section}] must be a table")
        unknown = set(value) - KNOWN[section]
        if unknown:
            raise ConfigError(f"{found}: unknown key(s) in [{section}]: {', '.join(sorted(unknown))}")
    for key in ("names", "not_companies"):
        names = data.get("companies", {}).get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ConfigError(f"{found}: [companies] {key} must be a list of names (strings), not {names!r}")
    try:
        disabled_recognizers(data)
    except ValueError as e:
        raise ConfigError(f"{found}: {e}") from None
    try:  # compile the user's cues now: a bad regular expression is a usage error, not 10,000 failures
        from evfacts.cleaner import _lexicon_for

        _lexicon_for(data)
    except ValueError as e:
        raise ConfigError(f"{found}: {e}") from None
    return data


def strings(value: Any, what: str) -> list[str]:
    """A configuration value that is a string or a list of strings, as a list; else ValueError."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError(f"{what} must be a string or a list of strings, not {type(value).__name__} {value!r}")


def disabled_recognizers(config: dict | None) -> frozenset[str]:
    """The claim recognizers `[claims] disable` switches off; ValueError for a name that is none."""
    names = strings((config or {}).get("claims", {}).get("disable", []), "[claims] disable")
    if not names:
        return frozenset()
    from evfacts.claims import check_disabled

    try:
        return check_disabled(names)
    except ValueError as e:
        raise ValueError(f"[claims] disable: {e}") from None


def company_names(config: dict | None) -> tuple[list[str], list[str]]:
    comp = (config or {}).get("companies") or {}
    return [str(n) for n in comp.get("names", [])], [str(n) for n in comp.get("not_companies", [])]


def company_lexicon(config: dict | None):
    """The run's company lexicon: the packaged one with the user's `[companies]` added (a new
    object: the packaged lexicon is read-only and shared)."""
    from evfacts.claims.companies import lexicon

    names, not_companies = company_names(config)
    return lexicon().extended(names, not_companies) if names or not_companies else lexicon()


def company_patterns(config: dict | None) -> list[dict]:
    """EntityRuler patterns for the user's companies (ORG, their own name as id) and non-companies (GOV)."""
    names, not_companies = company_names(config)
    return ([{"label": "ORG", "pattern": name, "id": name} for name in names]
            + [{"label": "GOV", "pattern": name} for name in not_companies])
