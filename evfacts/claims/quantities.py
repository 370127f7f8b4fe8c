"""The figures of a sentence: `find_quantities(sent)` and the `Quantity` it returns.

The recognizers live in `evfacts.claims.figures`, one concern a module; this module keeps the names
the rest of evfacts and its tests import.
"""
from __future__ import annotations

from evfacts.claims.figures.atom import Quantity
from evfacts.claims.figures.atoms import _multiple_atoms, _vague_atoms
from evfacts.claims.figures.engine import _MULTIPLE_GATE, _RUN_GATE, _VAGUE_GATE, find_quantities
from evfacts.claims.figures.masks import CROSSREF_RE, MASKS, _mask_regions

__all__ = [
           "CROSSREF_RE",
           "MASKS",
           "_MULTIPLE_GATE",
           "_RUN_GATE",
           "_VAGUE_GATE",
           "Quantity",
           "_mask_regions",
           "_multiple_atoms",
           "_vague_atoms",
           "find_quantities",
]
