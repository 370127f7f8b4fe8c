"""Bounds that keep spaCy's work linear in the text, whatever the text.

Two shapes of input make tokenizing and everything after it grow with the square of their size:
- a run of thousands of characters without a space (`%%%…`, `1-1-1-…`, a pasted hash or digit
  string): spaCy's tokenizer strips prefixes and suffixes one at a time, each time searching the
  whole rest of the run. `BoundedTokenizer` tokenizes such a run in pieces of `RUN_PIECE` characters
  (the tokens of a real word never reach that length, so ordinary text tokenizes exactly as before);
- a "sentence" of thousands of tokens (a flattened table, a list of figures, a phone list): claim
  rules look around each figure within its sentence. `bounded_sentences`, before the parser, starts
  a new sentence where `MAX_SENT_TOKENS` tokens have passed without a sentence end, after the last
  punctuation mark of that window; the parser keeps sentence starts set before it.
The text is never changed: offsets stay valid.
"""
from __future__ import annotations

import re

#: a run without whitespace longer than this is tokenized in pieces
RUN_LIMIT = 200
#: the size of those pieces
RUN_PIECE = 100
#: the most tokens since the last sentence end before one is set (real news sentences stay far below)
MAX_SENT_TOKENS = 150
#: tokens that end a sentence
_ENDS = frozenset({".", "!", "?", "...", "…"})
_LONG_RUN = re.compile(rf"\S{{{RUN_LIMIT + 1},}}")


def _pieces(text: str) -> list[str]:
    """text cut so that no piece holds more than RUN_PIECE characters of a long run."""
    out, pos = [], 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.extend(text[i:min(i + RUN_PIECE, m.end())] for i in range(m.start(), m.end(), RUN_PIECE))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def bounded_tokenizer_class():
    """spaCy's Tokenizer with long runs without whitespace tokenized piece by piece."""
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

    class BoundedTokenizer(Tokenizer):
        def __call__(self, text):
            if len(text) <= RUN_LIMIT or not _LONG_RUN.search(text):
                return super().__call__(text)
            docs = [super(BoundedTokenizer, self).__call__(p) for p in _pieces(text)]
            return Doc.from_docs(docs, ensure_whitespace=False)

    return BoundedTokenizer


def bounded_sentences(doc):
    """No run of more than MAX_SENT_TOKENS tokens without a sentence end: where a run has gone that
    far since the last full stop, question or exclamation mark (or a sentence start set before), a
    sentence start is set after its last punctuation mark in the second half of the window, else at
    the token itself. Ordinary prose, whose sentences end well before, is left to the parser."""
    if len(doc) <= MAX_SENT_TOKENS:
        return doc
    last = 0  # the first token after the last sentence end
    for tok in doc:
        if tok.i > last and tok.is_sent_start:
            last = tok.i
        elif tok.text in _ENDS:
            last = tok.i + 1
        elif tok.i - last >= MAX_SENT_TOKENS:
            window = doc[last + MAX_SENT_TOKENS // 2:tok.i]
            cut = next((t.i + 1 for t in reversed(window) if t.is_punct), tok.i)
            doc[cut].is_sent_start = True
            last = cut
    return doc
