"""What the claim engine reads of a parsed text, read once: the views of an article's docs and sentences.

spaCy builds `Doc.text`, `Span.text` and `doc.ents` anew on every read, and the recognizers of a
sentence read them many times (the figure finder, the date finder, the subject finder, every claim
of the sentence). `extract_article` builds one `DocView` per segment and keeps it in the doc's
`user_data` (spaCy's public dict for a doc's own data) under `evfacts.view` while the article is
read; nothing is kept in the module. Functions that get a sentence ask `sentence_view(sent)`: the view of
the sentence from its doc's view when there is one, else a view read straight from spaCy (a
sentence handed to `find_quantities` in a test, say).
"""
from __future__ import annotations

from evfacts import rx

#: the key of a doc's view in `doc.user_data`
KEY = "evfacts.view"


class SentenceView:
    """A sentence's text (a slice of its doc's text), its case-folded text, its set of ASCII words
    (`rx.words`, None where case folding is unsafe) and its entities, each read once."""

    __slots__ = ("_doc", "_ents", "_folded", "_headline", "sent", "text")

    def __init__(self, sent, doc: DocView | None = None):
        self.sent = sent
        self._doc = doc
        self.text: str = doc.text[sent.start_char:sent.end_char] if doc is not None else sent.text
        self._folded: tuple | None = None
        self._ents: list | None = None
        self._headline: bool | None = None

    @property
    def folded(self) -> str:
        return self.words_and_folded[0]

    @property
    def words_and_folded(self) -> tuple[str, frozenset | None]:
        """(`text.casefold()`, `rx.words` of it)."""
        if self._folded is None:
            folded = self.text.casefold()
            self._folded = (folded, rx.words(self.text, folded))
        return self._folded

    @property
    def ents(self) -> list:
        """`sent.ents`: the doc's entities that fall completely within the sentence."""
        if self._ents is None:
            if self._doc is None:
                self._ents = list(self.sent.ents)
            else:
                s, e = self.sent.start, self.sent.end
                out = []
                for ent in self._doc.ents:
                    if ent.start >= s:
                        if ent.end <= e:
                            out.append(ent)
                        else:
                            break
                self._ents = out
        return self._ents

    @property
    def headline(self) -> bool:
        """Written in title case: at least 4 words of more than 3 letters, three quarters capitalised
        ("Targeting 550,000 Deliveries in 2026": capitals say nothing of names there)."""
        if self._headline is None:
            words = [t.text for t in self.sent if t.is_alpha and len(t.text) > 3]
            self._headline = len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        return self._headline


class DocView:
    """A parsed segment: its text, its entities, whether it has a dependency parse, and the views of
    its sentences (by start token), each read once."""

    __slots__ = ("_sents", "doc", "ents", "parsed", "text")

    def __init__(self, doc):
        self.doc = doc
        self.text: str = doc.text
        self.ents: tuple = doc.ents
        self.parsed: bool = doc.has_annotation("DEP")
        self._sents: dict[int, SentenceView] = {}

    def sentence(self, sent) -> SentenceView:
        view = self._sents.get(sent.start)
        if view is None or view.sent.end != sent.end:
            view = self._sents[sent.start] = SentenceView(sent, self)
        return view


class article_views:
    """Context manager: every doc of `docs` carries its `DocView` (in `doc.user_data`) until the
    article is read; on leaving, the views are taken off again (a doc given twice keeps the outer one)."""

    def __init__(self, docs):
        self.docs = [d for d in docs if KEY not in d.user_data]

    def __enter__(self):
        for d in self.docs:
            d.user_data[KEY] = DocView(d)
        return self

    def __exit__(self, *exc):
        for d in self.docs:
            d.user_data.pop(KEY, None)
        return False


def doc_view(doc) -> DocView:
    """The doc's view while its article is read, else a new one."""
    return doc.user_data.get(KEY) or DocView(doc)


def sentence_view(sent) -> SentenceView:
    view = sent.doc.user_data.get(KEY)
    return view.sentence(sent) if view is not None else SentenceView(sent)


# the short forms the recognizers use
def sent_text(sent) -> str:
    return sentence_view(sent).text


def sent_words(sent) -> tuple[str, frozenset | None]:
    return sentence_view(sent).words_and_folded


def sent_ents(sent) -> list:
    return sentence_view(sent).ents


def doc_text(doc) -> str:
    view = doc.user_data.get(KEY)
    return view.text if view is not None else doc.text


def doc_ents(doc) -> tuple:
    view = doc.user_data.get(KEY)
    return view.ents if view is not None else doc.ents


def parsed(doc) -> bool:
    """Has the doc a dependency parse? (Not with the blank fallback pipeline.)"""
    view = doc.user_data.get(KEY)
    return view.parsed if view is not None else doc.has_annotation("DEP")


def headline(sent) -> bool:
    return sentence_view(sent).headline
