"""The figure found (`Quantity`) and the working record a recognizer fills in (`Atom`), with the conventions of both."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Quantity:
    start: int  # doc-local character offsets
    end: int
    text: str
    value: float
    kind: str = "quantity"
    value_max: float | None = None
    unit: str | None = None
    approx: str | None = None
    change: str | None = None
    rules: list[str] = field(default_factory=list)
    #: the denominator of a rate ("$62 per share" -> "share", "barrels a day" -> "day"); see rates.py
    per: str | None = None


#: "45 cents" -> 0.45 USD (SPEC: money in its ISO currency; the gold article agrees). False keeps
#: the figure in the minor unit (value 45, unit "cent"), as NewsQuant annotates it.
MINOR_AS_MAJOR = True

# ----------------------------------------------------------------------------- the atom
@dataclass
class _Atom:
    s: int  # start of the whole surface (currency prefix / sign included)
    e: int  # end of the whole surface (unit / counted noun included)
    ns: int  # start of the number itself
    ne: int  # end of the number itself (scale included)
    value: Decimal
    words: bool = False  # spelled out
    sign: str = ""
    scale: Decimal | None = None
    currency: str | None = None
    unit: str | None = None  # % / SI symbol / counted noun
    unit_kind: str | None = None  # pct | sym | noun | cur
    per: str | None = None
    approx: str | None = None
    change: str | None = None
    value_max: Decimal | None = None
    rules: list[str] = field(default_factory=list)
    drop: str | None = None
    kind_year: bool = False


def signed_change_size(a: _Atom) -> None:
    """A signed figure that a word already says is a move ("dropped -4.35%", "a -3% decline", "rose +2%"):
    the size of the change, 4.35 with change down (SPEC). A sign that is the only cue of the direction
    ("DAX -1.6%", rule change_sign) stays in the value, and a level ("fell to -5C") has no change."""
    if a.change and a.sign and "change_sign" not in a.rules:
        a.sign = ""
        a.rules.append("change_signed_size")
