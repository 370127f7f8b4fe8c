"""Walking the dependency tree: the root of a span, the path up from a token, the token that governs a figure."""
from __future__ import annotations

from evfacts.claims.view import parsed


def root_of(span):
    """span.root, safe on unparsed docs (where spaCy's root is undefined)."""
    return span.root if parsed(span.doc) else span[0]


def path_up(tok) -> list:
    """The token and its ancestors up to the root of its sentence."""
    out = [tok]
    while tok.head.i != tok.i and len(out) < 100:
        tok = tok.head
        out.append(tok)
    return out


def _depth(tok) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def figure_root(sent, start: int, end: int):
    doc = sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        for t in sent:
            if t.idx <= start < t.idx + len(t) + 1:
                return t, None
        return root_of(sent), None
    return root_of(span), span


# -- period -------------------------------------------------------------------------------------------


