"""Find the figures of a sentence: value, range, unit, kind, approximation and change.

Named stages (``engine.STAGES``) and masks (``masks.MASKS``, from ``data/masks.toml``) work over the
sentence text and its spaCy tokens, one concern a module:

  masks        not-claim regions: URLs, e-mails, dates, times, tickers, phone numbers, product codes,
               addresses, ordinals (``not_quantities.json``), scores and vote tallies ("won 3 — 1", "voted
               9 to 3"), list numbering at the start of a line ("2. Don't ...")
  atoms        number surfaces: digits (separators, decimals, fractions, scientific) and
               spelled-out numbers (``number_words.json``), multiples (3x, sixfold, doubled)
  extend       currency before/after (``currencies.json``, lower-cased codes, "17 USD 25"), scale
               (``scales.json``), percent, units (``units.json``; "12 ft 2 in", "45.3C" in a sentence about
               temperature, "80C"/"80 C" before nothing that makes C a label), counted noun from the spaCy parse (with a classifying adjective: "commercial
               fishermen"; an upper-case abbreviation closing the phrase: "0.5 WAR"; "a day or two"; past a
               measure: "six million 330ml cans"; past "more/fewer/previous": "two more wins"), "half a mile",
               "a half point", rates ("2.4 billion gallons of jet fuel a year", "200,000 batteries a year"),
               whole units and cents ("$4 and 75 cents", "12 euros 40 cents", "15 USD 50 more")
  ranges       "3 to 5", "between 10% and 12%", "$1-2 billion", "from X to Y" (a bare end keeps the unit)
  filters      names (SU7, Section 427, Boeing 737, the 49ers, iPhone 5s, Boeing 777X), bare years used as dates, "one of"
               (counted as 1 with find_quantities(one_of_as_count=True), NewsQuant's convention; off by default)
  cues         approximation (about, over, up to, + ...; "over nine years" after a verb is a span; a
               bracketed conversion shares it) and change (rose 5%, a 22% rally, down 3%, cut X by 20%,
               lost/shed/gained + a measure: "lost 25 pounds"; money after them stays a level)

Offsets are doc-local: ``sent.doc.text[q.start:q.end] == q.text``.
"""
from __future__ import annotations

from evfacts.claims.figures.atom import Quantity
from evfacts.claims.figures.engine import find_quantities

__all__ = ["Quantity", "find_quantities"]
