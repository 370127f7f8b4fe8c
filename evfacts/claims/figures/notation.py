"""Notations of money that other stages do not read: a range written with a slash ("$12/$15") and the
accounting negative in round brackets ("a net loss of ($0.12)")."""
from __future__ import annotations

import re
from decimal import Decimal

from evfacts.claims import units as L
from evfacts.claims.figures.atom import _Atom

#: the words after which money alone in round brackets is a negative amount (currencies.json)
_NEGATIVE_AFTER = frozenset(L.CURRENCIES["negative_bracket_after"])
_SLASH_RE = re.compile(r"\s?/\s?")


def slash_ranges(atoms: list[_Atom], text: str) -> list[_Atom]:
    """'$12/$15', '£4/£5 a head', 'RM80/RM90': two amounts of one currency over a slash, each with its own
    symbol, are one range (not '$12/share', '24/7', '$5/£4', nor a third amount after: '$1/$2/$3' is a list)."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        c = atoms[i + 2] if i + 2 < len(atoms) else None
        if b is not None and _slash_pair(a, b, text) and not (c is not None and _SLASH_RE.fullmatch(text[b.e:c.s])) \
                and not (out and _SLASH_RE.fullmatch(text[out[-1].e:a.s])):
            a.value_max = b.value * (b.scale or Decimal(1))  # value_max is held scaled, as the range stage does
            a.e = b.e
            a.rules.append("range_slash")
            out.append(a)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _slash_pair(a: _Atom, b: _Atom, text: str) -> bool:
    return bool(a.currency and a.currency == b.currency and a.value_max is None and b.value_max is None
                and "currency_prefix" in a.rules and "currency_prefix" in b.rules and not a.sign and not b.sign
                and _SLASH_RE.fullmatch(text[a.e:b.s]))


def bracket_negatives(atoms: list[_Atom], text: str) -> None:
    """'a net loss of ($12.50)', 'EPS: ($0.04)': money alone in round brackets after a word of accounting is
    negative; a bracket after another figure is a conversion ('C$6 (US$4.46)') and one after a noun an aside
    ('the base model ($999)')."""
    for a in atoms:
        if not a.currency or a.sign or a.value_max is not None:
            continue
        head = text[max(0, a.s - 60):a.s].rstrip()
        if not (head.endswith("(") and text[a.e:].lstrip().startswith(")")):
            continue
        words = head[:-1].split()
        word = words[-1].lower() if words else ""
        if not (word.endswith(":") or word in _NEGATIVE_AFTER):
            continue
        if len(words) > 1 and any(c.isdigit() or c == "%" for c in words[-2]):
            continue  # "$5 was ($4)": a figure right before the word
        a.sign = "-"
        a.rules.append("bracket_negative")
