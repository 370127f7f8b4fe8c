"""The Python API: `evfacts.extract(text)` and `evfacts.clean(text)`, what the CLI does to one text.

    >>> import evfacts
    >>> [(c.text, c.unit, c.period) for c in evfacts.extract("Acme sold 300 cars in 2025.")]
    [('300 cars', 'car', '2025')]

Both are imported lazily by `evfacts/__init__.py`: `import evfacts` loads neither spaCy nor the cleaner.
The spaCy model is loaded once per process, on the first `extract`.
"""
from __future__ import annotations

from datetime import date, datetime

from evfacts.model import Claim


def _date(published: datetime | date | str | None) -> datetime | None:
    if published is None or isinstance(published, datetime):
        return published.replace(tzinfo=None) if published else None
    if isinstance(published, date):
        return datetime(published.year, published.month, published.day)
    return datetime.fromisoformat(published.strip()).replace(tzinfo=None)


def extract(text: str, published: datetime | date | str | None = None, *, clean: bool = True,
            unique: bool = False, config: dict | None = None) -> list[Claim]:
    """The claims of one article (plain text, Markdown or HTML), as `evfacts extract` finds them.

    `published` (a datetime, a date or an ISO string) anchors "last year" and "in May"; without it the
    date the article states is used. `clean=False` keeps boilerplate; `unique=True` keeps each fact
    once (`mentions` counts it); `config` is what an evfacts.toml holds, as a dict. Offsets of the
    claims point into `text` (for HTML: into the text `clean` gives)."""
    from evfacts.ingest import InputError, text_documents
    from evfacts.pipeline import Pipeline

    documents = list(text_documents(text, ""))
    if not documents:
        return []
    pipeline = Pipeline(clean=clean, published=_date(published), unique=unique, config=config)
    [result] = list(pipeline.process_many(documents))
    if isinstance(result, InputError):
        raise ValueError(result.message)
    return result.claims


def clean(text: str, *, config: dict | None = None) -> str:
    """The article text with the platform's boilerplate removed, one kept line a line, as `evfacts clean` prints it."""
    from evfacts.cleaner import clean_document
    from evfacts.ingest import text_documents

    documents = list(text_documents(text, ""))
    if not documents:
        return ""
    kept = clean_document(documents[0], config=config).kept
    return "".join(d.text + "\n" for d in kept)
