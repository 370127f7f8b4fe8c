"""evfacts — pull every quantitative claim out of reposted news articles."""
import os

# One BLAS thread per process (set before numpy loads): spaCy's small matrices gain nothing from
# threads, and evfacts runs in parallel by processes (-j N), which threads would only contend with.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__all__ = ["__version__"]


def __getattr__(name: str):
    """`__version__` is read from the installed metadata only when asked for (`--version`):
    importlib.metadata costs ~40 ms at every start otherwise."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("evfacts")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0"
    raise AttributeError(f"module 'evfacts' has no attribute {name!r}")
