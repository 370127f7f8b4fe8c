"""evfacts — pull every quantitative claim out of reposted news articles."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("evfacts")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
