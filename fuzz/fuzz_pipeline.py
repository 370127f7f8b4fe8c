#!/usr/bin/env python3
"""Coverage-guided fuzzing of ingest → clean → extract with atheris (`make fuzz`, not in CI).

    .venv/bin/python fuzz/fuzz_pipeline.py -atheris_runs=20000 fuzz/corpus

Each input is raw bytes as a file would give them. The target checks the invariants a user
relies on: decoding either succeeds or raises IngestError; every claim satisfies
text[start:end] == claim.text and sits on its line; every record serialises to JSON.
"""
import json
import sys

import atheris

with atheris.instrument_imports(include=["evfacts"]):
    from evfacts.ingest import IngestError, make_documents
    from evfacts.pipeline import Pipeline

PIPELINE = Pipeline()
_ = PIPELINE.nlp  # load spaCy before fuzzing starts


def check(data: bytes) -> None:
    try:
        docs = list(make_documents(data, "fuzz.txt"))
    except IngestError:
        return
    for result, doc in zip(PIPELINE.process_many(docs), docs):
        if not hasattr(result, "claims"):
            raise AssertionError(f"pipeline failed: {result}")
        for c in result.claims:
            assert doc.text[c.start:c.end] == c.text, (c.start, c.end, c.text)
            line = doc.text.count("\n", 0, c.start) - doc.text.count("\r\n", 0, c.start) + 1
            if "\r" not in doc.text:
                assert line == c.line, (line, c.line)
            json.dumps(c.to_dict())
        json.dumps(result.to_dict())


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
