"""The language of a document (py3langid: its model ships inside the package, 4 MB, no download).

The claim rules are English: a document confidently in another language gets no claims (it is
named on stderr as skipped) unless `--lang any`. Short texts carry too little evidence for a
verdict: a document of fewer than MIN_LETTERS letters gets none (null) and is processed, so a
one-line English figure is never lost to a wrong guess.
"""
from __future__ import annotations

#: letters a text needs for a verdict (a CJK character, about a word, counts as WIDE_LETTER letters)
MIN_LETTERS = 200
WIDE_LETTER = 3
#: characters looked at (the head of the document says its language)
SAMPLE_CHARS = 5000
#: the normalised probability a verdict needs
MIN_CONFIDENCE = 0.9
#: what `--lang` accepts besides language codes
ANY = "any"


class Detector:
    """py3langid's model, loaded once per process that needs it (about 1 s, mostly xz decompression,
    which releases the GIL: `preload` does it in a thread while spaCy loads)."""

    def __init__(self):
        self._identifier = None
        self._loading = None

    def preload(self) -> None:
        import threading

        if self._identifier is None and self._loading is None:
            import py3langid.langid  # noqa: F401 - imported here: a fork during the thread's import would inherit its lock

            self._loading = threading.Thread(target=self._load, name="evfacts-langid", daemon=True)
            self._loading.start()

    def _load(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def _model(self):
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        if self._identifier is None:
            self._load()
        return self._identifier

    def detect(self, text: str) -> str | None:
        """An ISO 639-1 code ('en', 'es', 'zh', ...), or None when the text is too short or unclear."""
        sample = text[:SAMPLE_CHARS]
        if sum(WIDE_LETTER if ch >= "\u3000" else 1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
            return None
        lang, prob = self._model().classify(sample)
        return lang if prob >= MIN_CONFIDENCE else None


def parse_lang(value: str) -> str:
    """`--lang`: 'any', or one language code (the documents to process; others are skipped)."""
    value = value.strip().lower()
    if value == ANY or (value.isalpha() and len(value) in (2, 3)):
        return value
    raise ValueError(f"{value!r} is no language code (try en, or any)")
