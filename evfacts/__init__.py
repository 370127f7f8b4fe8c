"""evfacts — pull every quantitative claim out of reposted news articles.

    import evfacts
    claims = evfacts.extract(text, published="2026-01-04")   # list[evfacts.Claim]
    body = evfacts.clean(text)                                 # the text without boilerplate

Every name is loaded on first use (`import evfacts` stays cheap): see evfacts.api.
"""
import os

# One BLAS thread per process (set before numpy loads): spaCy's small matrices gain nothing from
# threads, and evfacts runs in parallel by processes (-j N), which threads would only contend with.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__all__ = ["Claim", "__version__", "clean", "extract"]


def __getattr__(name: str):
    """`extract`, `clean` and `Claim` are imported on first use; `__version__` is read from the
    installed metadata only when asked for (`--version`): importlib.metadata costs ~40 ms at every start otherwise."""
    if name in ("extract", "clean"):
        from evfacts import api

        return getattr(api, name)
    if name == "Claim":
        from evfacts.model import Claim

        return Claim
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("evfacts")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0"
    raise AttributeError(f"module 'evfacts' has no attribute {name!r}")
