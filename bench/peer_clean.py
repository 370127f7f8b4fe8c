#!/usr/bin/env python3
"""A stand-in for `evfacts clean --explain -f jsonl PATHS` that answers with a peer's decisions,
so ../shared/eval/score_clean.py scores trafilatura and jusText exactly as it scores evfacts.

    python bench/peer_clean.py trafilatura clean --explain -f jsonl FILE...
    python bench/peer_clean.py justext clean --explain -f jsonl FILE...

HTML pages: the peer's extracted text, one kept record per line. Plain-text reposts: every
line becomes one <p> of a page; a line is kept when the peer keeps its paragraph.
"""
from __future__ import annotations

import html
import json
import sys
from pathlib import Path


def page_text(system: str, raw: str) -> str:
    if system == "trafilatura":
        import trafilatura

        return trafilatura.extract(raw) or ""
    import justext

    paras = justext.justext(raw.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def line_decisions(system: str, lines: list[str]) -> list[bool]:
    doc = "<html><body>" + "".join(f"<p>{html.escape(l)}</p>" for l in lines) + "</body></html>"
    if system == "justext":
        import justext

        paras = justext.justext(doc.encode("utf-8"), justext.get_stoplist("English"))
        kept = {" ".join(p.text.split()) for p in paras if not p.is_boilerplate}
    else:
        import trafilatura

        kept = {" ".join(l.split()) for l in (trafilatura.extract(doc) or "").splitlines()}
    return [" ".join(l.split()) in kept for l in lines]


def main() -> int:
    system = sys.argv[1]
    paths = [a for a in sys.argv[2:] if a not in ("clean", "--explain", "-f", "jsonl")]
    for path in paths:
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
        if path.endswith((".html", ".htm")):
            for i, line in enumerate((l for l in page_text(system, raw).splitlines() if l.strip()), 1):
                print(json.dumps({"source": path, "line": i, "text": line, "keep": True}))
        else:
            lines = raw.splitlines()
            nonblank = [(i, l) for i, l in enumerate(lines, 1) if l.strip()]
            for (i, l), keep in zip(nonblank, line_decisions(system, [l for _, l in nonblank])):
                print(json.dumps({"source": path, "line": i, "text": l, "keep": keep}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
