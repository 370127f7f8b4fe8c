"""The per-document job: ingest → clean → nlp → claims, with spaCy loaded once and batched."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from evfacts import clean as cleaning
from evfacts.claims import Segment, extract_article
from evfacts.ingest import Document, InputError
from evfacts.model import Result

BATCH_DOCS = 64


class Pipeline:
    """Turns documents into results. One instance per process; spaCy loads on first use."""

    def __init__(self, *, clean: bool = True, published: datetime | None = None, unique: bool = False,
                 config=None, batch_size: int = 256, debug: bool = False):
        self.debug = debug
        self.clean = clean
        self.published = published
        self.unique = unique
        self.config = config
        self.batch_size = batch_size
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from evfacts import nlp

            self._nlp = nlp.load()
        return self._nlp

    # -- stages -------------------------------------------------------------------------

    def clean_document(self, doc: Document) -> cleaning.CleanResult:
        return cleaning.clean_text(doc.text, fmt=doc.format, meta=doc.meta, enabled=self.clean,
                                   config=self.config)

    def process(self, doc: Document) -> Result:
        return next(self.process_many([doc]))

    def process_many(self, items: Iterable[Document | InputError]) -> Iterator[Result | InputError]:
        """Results in input order; spaCy runs over the kept lines of many documents at once."""
        it = iter(items)
        while chunk := list(islice(it, BATCH_DOCS)):
            yield from self._process_chunk(chunk)

    def _process_chunk(self, chunk):
        prepared = []
        texts = []
        for item in chunk:
            if isinstance(item, InputError):
                prepared.append((item, None, None))
                continue
            try:
                cleaned = self.clean_document(item)
            except Exception as e:  # one bad document never stops the batch
                prepared.append((self._failure(item, "clean", e), None, None))
                continue
            segments = [Segment(d.text, d.start, d.line) for d in cleaned.kept if d.role != "metadata"]
            prepared.append((item, cleaned, segments))
            texts.extend(s.text for s in segments)
        docs = iter(self.nlp.pipe(texts, batch_size=self.batch_size)) if texts else iter(())
        for item, cleaned, segments in prepared:
            if cleaned is None:
                yield item
                continue
            parsed = [(seg, next(docs)) for seg in segments]
            try:
                result = self._result(item, cleaned, parsed)
            except Exception as e:
                result = self._failure(item, "extract claims from", e)
            yield result

    def _failure(self, doc: Document, stage: str, exc: Exception) -> InputError:
        if self.debug:
            import traceback

            traceback.print_exc()
        return InputError(doc.source, f"cannot {stage} it: {exc.__class__.__name__}: {exc}")

    def _result(self, doc: Document, cleaned: cleaning.CleanResult, parsed) -> Result:
        published = self.published or cleaned.published
        claims, companies = extract_article(parsed, published=published, title=cleaned.title)
        for c in claims:
            c.source = doc.source
            c.start += doc.offset_base
            c.end += doc.offset_base
            c.line += doc.line_base - 1
        if self.unique:
            claims = unique_claims(claims)
        return Result(doc.source, title=cleaned.title, published=published, claims=claims,
                      companies=companies, lines=cleaned.lines)


def unique_claims(claims):
    """Keep the first mention of each fact; count the others in `mentions`."""
    first = {}
    out = []
    for c in claims:
        key = c.fact_key()
        if key in first:
            first[key].mentions += 1
        else:
            c.mentions = 1
            first[key] = c
            out.append(c)
    return out
