"""evfacts — pull every quantitative claim out of reposted news articles."""
import os
from importlib.metadata import PackageNotFoundError, version

# One BLAS thread per process (set before numpy loads): spaCy's small matrices gain nothing from
# threads, and evfacts runs in parallel by processes (-j N), which threads would only contend with.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    __version__ = version("evfacts")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
