"""The per-document job: ingest → clean → nlp → claims, with spaCy loaded once and batched."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import islice

from evfacts import charnorm
from evfacts import cleaner as cleaning
from evfacts.canonical import entities, subject_id
from evfacts.claims import Segment, extract_article
from evfacts.ingest import Document, InputError
from evfacts.model import Result

BATCH_DOCS = 64
#: documents of the first batch: small, so that the first results leave soon after the start
FIRST_BATCH_DOCS = 4
#: characters of text per spaCy batch (about 2,000 tokens): see Pipeline._batches. A batch of 40,000
#: characters peaked 110 MB higher for the same speed (the parser's features are kept per batch)
BATCH_CHARS = 10_000


class Pipeline:
    """Turns documents into results. One instance per process; spaCy loads on first use."""

    def __init__(self, *, clean: bool = True, published: datetime | None = None, unique: bool = False,
                 config=None, profile=None, batch_size: int = 256, debug: bool = False, lang: str = "en"):
        self.debug = debug
        #: the language whose documents get claims ('any': every document, by the English rules)
        self.lang = lang
        from evfacts.language import Detector

        self.detector = Detector()
        self.profile = profile  # a batch-learned template profile (clean_repeats)
        self.clean = clean
        self.published = published
        self.unique = unique
        self.config = config
        self.batch_size = batch_size
        self._nlp = None
        from evfacts.config import company_lexicon, company_patterns, disabled_recognizers

        #: the recognizers `[claims] disable` switches off
        self.disabled = disabled_recognizers(config)
        #: this pipeline's own company lexicon and ruler patterns (`[companies]` of its config)
        self.lexicon = company_lexicon(config)
        #: the tables of canonical subject IDs, with this lexicon's companies
        self.entities = entities(self.lexicon)
        self._company_patterns = company_patterns(config)

    @property
    def nlp(self):
        """The spaCy pipeline: the process's shared one, or a pipeline of its own when the config
        names companies (their ruler patterns must not reach other pipelines)."""
        if self._nlp is None:
            from evfacts import nlp

            if self._company_patterns:
                self._nlp = nlp.build()
                nlp.add_company_patterns(self._nlp, self._company_patterns)
            else:
                self.detector.preload()  # the language model loads beside spaCy
                self._nlp = nlp.load()
        return self._nlp

    # -- stages -------------------------------------------------------------------------

    def clean_document(self, doc: Document) -> cleaning.CleanResult:
        profile = doc.profile if doc.profile is not None else self.profile
        return cleaning.clean_document(doc, enabled=self.clean, config=self.config, profile=profile)

    def process(self, doc: Document) -> Result:
        return next(self.process_many([doc]))

    def process_many(self, items: Iterable[Document | InputError]) -> Iterator[Result | InputError]:
        """Results in input order; spaCy runs over the kept lines of many documents at once."""
        it = iter(items)
        size = FIRST_BATCH_DOCS
        while chunk := list(islice(it, size)):
            yield from self._process_chunk(chunk)
            size = BATCH_DOCS

    def _process_chunk(self, chunk):
        prepared = []
        texts = []
        for item in chunk:
            if isinstance(item, InputError):
                prepared.append((item, None, None))
                continue
            foreign = self._foreign(item)
            if foreign is not None:
                prepared.append((foreign, None, None))
                continue
            try:
                cleaned = self.clean_document(item)
            except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
                prepared.append((self._failure(item, "clean", e), None, None))
                continue
            segments, changed = for_figures([piece for d in cleaned.kept if d.role != "metadata"
                                             for piece in split_long(Segment(d.text, d.start, d.line))])
            prepared.append((item, (cleaned, changed), segments))
            texts.extend(s.text for s in segments)
        try:
            docs = iter(self._parse(texts))
        except Exception:  # noqa: BLE001 - spaCy choked on some text of this chunk: parse document by document below
            docs = None
        for item, cleaned, segments in prepared:
            if cleaned is None:
                yield item
                continue
            parsed = None
            if docs is not None:
                try:
                    parsed = [(seg, next(docs)) for seg in segments]
                except Exception:  # noqa: BLE001 - spaCy choked on some text of this batch: parse the rest one by one,
                    docs = None    # so that only the document at fault fails
            if parsed is None:
                try:
                    parsed = [(seg, self.nlp(seg.text)) for seg in segments]
                except Exception as e:  # noqa: BLE001
                    yield self._failure(item, "parse", e)
                    continue
            try:
                result = self._result(item, *cleaned, parsed)
            except Exception as e:  # noqa: BLE001
                result = self._failure(item, "extract claims from", e)
            yield result

    def _foreign(self, doc: Document) -> Result | None:
        """A document in another language than --lang: no claims, and why (the CLI names it)."""
        try:
            language = self.detector.detect(doc.text)
        except Exception:  # noqa: BLE001 - a verdict is an extra: without one the document is processed
            language = None
        doc.language = language
        if self.lang == "any" or language is None or language == self.lang:
            return None
        meta = doc.meta or {}
        return Result(doc.source, title=meta.get("title"), language=language, url=meta.get("url"),
                      site=meta.get("sitename"), skipped=f"language {language}")

    def _parse(self, texts: list[str]) -> list:
        """spaCy Docs for texts, in order. Only texts that may hold a figure (a digit or a number
        word) get the tagger and the parser; the others only need their entities (companies named
        across the article), so they skip tok2vec, tagger and parser and are one sentence each."""
        nlp = self.nlp
        heavy = [i for i, t in enumerate(texts) if may_have_figures(t)]
        light = sorted(set(range(len(texts))) - set(heavy))
        docs: list = [None] * len(texts)
        for group in self._batches(heavy, texts):
            for i, doc in zip(group, nlp.pipe([texts[i] for i in group], batch_size=len(group))):
                docs[i] = doc
        if light:
            skip = [n for n in LIGHT_SKIP if n in nlp.pipe_names]
            with nlp.select_pipes(disable=skip):
                for group in self._batches(light, texts):
                    for i, doc in zip(group, nlp.pipe([texts[i] for i in group], batch_size=len(group))):
                        if skip and not doc.has_annotation("SENT_START"):
                            for tok in doc:
                                tok.is_sent_start = tok.i == 0
                        docs[i] = doc
        return docs

    def _batches(self, indices: list[int], texts: list[str]):
        """The texts' indices in batches of at most `batch_size` texts and about BATCH_CHARS characters:
        the parser's precomputed features take ~4 KB per token of a batch, so a batch of long
        paragraphs is cut by its size, not only by its count (peak memory stays flat)."""
        group: list[int] = []
        size = 0
        for i in indices:
            if group and (len(group) >= self.batch_size or size + len(texts[i]) > BATCH_CHARS):
                yield group
                group, size = [], 0
            group.append(i)
            size += len(texts[i])
        if group:
            yield group

    def _failure(self, doc: Document, stage: str, exc: Exception) -> InputError:
        if self.debug:
            import traceback

            traceback.print_exc()
        return InputError(doc.source, f"cannot {stage} it: {type(exc).__name__}: {exc}")

    def _result(self, doc: Document, cleaned: cleaning.CleanResult, changed: list, parsed) -> Result:
        published = self.published or cleaned.published
        title = cleaned.title
        claims, companies = extract_article(parsed, published=published, title=title, disabled=self.disabled,
                                             lexicon=self.lexicon)
        if changed:
            charnorm.restore_claims(claims, changed)
        meta = doc.meta or {}
        url, site = meta.get("url"), meta.get("sitename")
        for c in claims:
            c.source = doc.source
            c.start, c.end = doc.input_offset(c.start), doc.input_offset(c.end)
            c.line = doc.input_line(c.line)
            c.subject_id = subject_id(c.subject, self.entities)
            c.title, c.url, c.site = title, url, site
            c.published = published.isoformat() if published else None
        if self.unique:
            claims = unique_claims(claims)
        return Result(doc.source, title=title, published=published, claims=claims, companies=companies,
                      lines=cleaned.lines, language=doc.language, url=url, site=site)


#: components a text without any figure does not need (entities come from the rulers and ner)
LIGHT_SKIP = ("tok2vec", "tagger", "attribute_ruler", "evfacts_glued_sentences", "evfacts_bounded_sentences", "parser")


@lru_cache(maxsize=1)
def _figure_cue() -> re.Pattern:
    """A digit, or a number word of the quantities lexicon (`four`, `dozen`, `half`, `doubled`, ...)."""
    data = json.loads(resources.files("evfacts").joinpath("data/number_words.json").read_text(encoding="utf-8"))
    words = set()
    for key in ("units", "tens", "scales", "dozen", "fractions", "multiples_verbs", "multiples_words", "vague_plurals"):
        value = data.get(key) or []
        words.update(str(w).lower() for w in (value.keys() if isinstance(value, dict) else value))
    chars = "".join(data.get("unicode_fractions") or [])
    alternation = "|".join(sorted((re.escape(w) for w in words if w), key=len, reverse=True))
    pattern = rf"\d|[{re.escape(chars)}]|\b(?:{alternation})\b" if chars else rf"\d|\b(?:{alternation})\b"
    return re.compile(pattern, re.IGNORECASE)


def may_have_figures(text: str) -> bool:
    return _figure_cue().search(text) is not None


#: spaCy refuses texts over nlp.max_length (1,000,000), its memory grows with length, and
#: per-claim context work grows with the size of the Doc; longer segments (a 5 MB line, a
#: page without line breaks) are parsed in pieces cut after a sentence end or at whitespace.
MAX_SEGMENT_CHARS = 10_000


def split_long(seg: Segment, limit: int | None = None) -> list[Segment]:
    """seg as pieces of at most `limit` characters, cut after a sentence end or a space if possible."""
    limit = limit or MAX_SEGMENT_CHARS
    if len(seg.text) <= limit:
        return [seg]
    pieces = []
    text, pos = seg.text, 0
    while pos < len(text):
        end = min(pos + limit, len(text))
        if end < len(text):
            window = text[pos:end]
            cut = max(window.rfind(". "), window.rfind("\n"))
            if cut < limit // 2:
                cut = window.rfind(" ")
            if cut > 0:
                end = pos + cut + 1
        pieces.append(Segment(text[pos:end], seg.start + pos, seg.line + text.count("\n", 0, pos)))
        pos = end
    return pieces


def for_figures(segments: list[Segment]) -> tuple[list[Segment], list[charnorm.Changed]]:
    """The segments as the claim engine reads them (other scripts' digits and fullwidth forms as
    ASCII, control characters as spaces, format characters inside numbers removed: see charnorm),
    and those that changed, for `charnorm.restore_claims`."""
    read, changed = [], []
    for seg in segments:
        text, offsets = charnorm.for_figures(seg.text)
        if text != seg.text:
            changed.append(charnorm.Changed(seg.start, seg.text, text, offsets))
            seg = Segment(text, seg.start, seg.line)
        read.append(seg)
    return read, changed


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
