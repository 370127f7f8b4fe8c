#!/usr/bin/env python3
"""Build evfacts/data/stopwords.json from spaCy's stop-word lists (spacy.lang.XX.stop_words): the
function words of the languages news pages are most often written in. The cleaner reads the share
of them in a line as a sign of running prose (menus, link lists and credits have few).

    python scripts/gen_stopwords.py            # writes the file
    python scripts/gen_stopwords.py --check    # exits 1 if the file is not what this script writes

Only words of letters are kept (lower-cased); languages written without spaces between words
(Chinese, Japanese, Thai) are left out: the cleaner reads their sentence marks instead.
Needs spaCy (installed with evfacts).
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "evfacts" / "data" / "stopwords.json"
LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ru", "uk", "tr", "id",
         "ro", "hu", "el", "ko")


def build() -> str:
    out = {}
    for lang in LANGS:
        words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        out[lang] = sorted({w.lower() for w in words if w.replace("'", "").replace("’", "").isalpha()})
    return json.dumps({"source": "spaCy stop_words (MIT)", "languages": out}, ensure_ascii=False, indent=0) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    text = build()
    if ap.parse_args().check:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
