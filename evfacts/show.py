"""`evfacts show`: look at an article instead of reading JSON.

In the terminal (rich): kept lines as they are, each claim highlighted in place with a colour
per kind and a compact note after the line; companies underlined; dropped boilerplate dimmed
with its reason in the margin. With `--html`: the same as one standalone page (inline CSS, no
scripts, no external assets); each claim is a `<mark class="claim KIND">` whose fields show on
hover, and a table of all claims closes the page.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from evfacts.ingest import Document, iter_lines
from evfacts.model import Claim, Result
from evfacts.output import printable

KIND_STYLE = {"percent": "bold black on green3", "money": "bold black on gold1", "quantity": "bold white on blue3",
              "year": "black on grey70"}
KIND_COLOUR = {"percent": "#7ee081", "money": "#ffd75f", "quantity": "#8fb8ff", "year": "#c8c8c8"}


def note(c: Claim) -> str:
    """A compact one-line summary of a claim: '13% ↑ · global EV market · 2026 · forecast', '62 USD per share'."""
    year = c.kind == "year" and float(c.value).is_integer()
    value = str(int(c.value)) if year else _num(c.value)
    if c.value_max is not None:
        value += f"–{int(c.value_max)}" if year and float(c.value_max).is_integer() else f"–{_num(c.value_max)}"
    head = f"{c.approx or ''}{value}"
    if c.unit:
        head += "%" if c.unit == "%" else f" {c.unit}"
    if c.per:
        head += f" per {c.per}"
    if c.change:
        head += " ↑" if c.change == "up" else " ↓"
    bits = [head] + [b for b in (c.subject, c.metric, c.period) if b]
    if c.modality != "reported":
        bits.append(c.modality)
    return " · ".join(bits)


def _num(v) -> str:
    if v is None:
        return ""
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}"


def _segments(doc: Document, result: Result) -> Iterator[tuple[int, str, int, object]]:
    """(line number, line text, start offset in the input, LineDecision or None) for every line."""
    decisions = {d.line: d for d in result.lines}
    offset = 0
    for n, (line, nxt) in enumerate(iter_lines(doc.text), 1):
        yield doc.input_line(n), line, doc.input_offset(offset), decisions.get(n)
        offset = nxt


def _spans(line: str, start: int, claims: list[Claim], companies: list[str]):
    """Non-overlapping (begin, end, kind, payload) spans of one line: claims first, then companies."""
    spans = []
    end = start + len(line)
    for c in claims:
        if start <= c.start and c.end <= end:
            spans.append((c.start - start, c.end - start, "claim", c))
    taken = [(b, e) for b, e, _, _ in spans]
    for name in companies:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", line):
            if all(m.end() <= b or m.start() >= e for b, e in taken):
                spans.append((m.start(), m.end(), "company", name))
                taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s[0])


def render_terminal(doc: Document, result: Result, console) -> None:
    from rich.text import Text

    companies = [n for n, _ in result.companies]
    claims = sorted(result.claims, key=lambda c: c.start)
    for lineno, line, start, decision in _segments(doc, result):
        if not line.strip():
            console.print()
            continue
        if decision is not None and not decision.keep:
            margin = Text(f"{decision.reason or decision.role:>16} │ ", style="dim red")
            _print_in_gutter(console, margin, Text(printable(line.strip()),
                                                   style="dim strike" if decision.role == "boilerplate" else "dim"))
            continue
        text = Text()
        pos = 0
        notes = []
        for b, e, what, payload in _spans(line, start, claims, companies):
            text.append(printable(line[pos:b]))  # the input's escape sequences never reach the terminal
            if what == "claim":
                text.append(printable(line[b:e]), style=KIND_STYLE.get(payload.kind, "reverse"))
                notes.append((payload.kind, printable(note(payload))))
            else:
                text.append(printable(line[b:e]), style="underline")
            pos = e
        text.append(printable(line[pos:]))
        _print_in_gutter(console, Text(f"{'':>16} │ ", style="dim"), text)
        for kind, n in notes:
            _print_in_gutter(console, Text(f"{'':>16} │   ", style="dim"),
                             Text("▸ " + n, style=KIND_STYLE[kind].split(" on ")[-1]))


def _print_in_gutter(console, margin, body) -> None:
    """One line after its margin. On a terminal a line longer than the screen is wrapped here, each
    continuation after an empty margin, so that the text never runs back under the gutter."""
    from rich.text import Text

    room = console.width - margin.cell_len
    if not console.is_terminal or room < 20 or body.cell_len <= room:
        console.print(margin + body)
        return
    blank = Text("".join(ch if ch == "│" else " " for ch in margin.plain), style="dim")
    for i, part in enumerate(body.wrap(console, room)):
        part.rstrip()
        console.print((margin if i == 0 else blank) + part)


CSS = """
body{font:16px/1.6 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d;background:#fff}
h1{font:700 1.6rem/1.3 system-ui,sans-serif}
.meta{color:#666;font:0.9rem system-ui,sans-serif;margin-bottom:1.5rem}
.line{margin:0 0 .8rem 0;position:relative}
.drop{color:#9a9a9a;font-size:.85rem;text-decoration:line-through;margin:0 0 .4rem 0}
.drop .why{display:inline-block;min-width:7.5rem;text-decoration:none;font:600 .75rem system-ui,sans-serif;
  color:#b44;text-transform:uppercase;margin-right:.5rem}
mark.claim{border-radius:3px;padding:0 .15em;position:relative;cursor:help;color:#000}
mark.percent{background:#7ee081} mark.money{background:#ffd75f} mark.quantity{background:#8fb8ff}
mark.year{background:#c8c8c8}
mark.claim .tip{display:none;position:absolute;left:0;top:1.7em;z-index:9;background:#222;color:#fff;
  font:.8rem/1.4 system-ui,sans-serif;padding:.4rem .6rem;border-radius:4px;white-space:pre;min-width:14rem}
mark.claim:hover .tip{display:block}
.company{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:3px}
table{border-collapse:collapse;width:100%;font:.85rem system-ui,sans-serif;margin-top:2rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} tr.why td{color:#777;font-size:.8em;border-top:none} td.num{text-align:right;font-variant-numeric:tabular-nums}
.legend span{padding:0 .4em;border-radius:3px;margin-right:.5em}
"""

FIELDS = ("kind", "value", "value_max", "unit", "per", "approx", "change", "subject", "subject_id", "metric", "period",
          "modality", "companies")


def _tip(c: Claim) -> str:
    d = c.to_dict()
    rows = []
    for k in FIELDS:
        v = d.get(k)
        if v in (None, [], ""):
            continue
        rows.append(f"{k}: {', '.join(v) if isinstance(v, list) else v}")
    return "\n".join([*rows, "why:", *_why(c)])


def _why(c: Claim) -> list[str]:
    """The explanation of each field (evfacts.explain): "modality ← modality 'plans'", "subject: from the paragraph ..."."""
    from evfacts.explain import explain

    out = []
    for name, r in explain(c).fields.items():
        out.append(f"{name} ← {r.recognizer} '{r.cue}'" if r.cue else f"{name}: {r.note}")
    return out


def render_html(doc: Document, result: Result) -> str:
    e = html.escape
    companies = [n for n, _ in result.companies]
    claims = sorted(result.claims, key=lambda c: c.start)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(result.title or result.source)} — evfacts</title><style>{CSS}</style></head><body>",
           f"<h1>{e(result.title or result.source)}</h1>",
           '<div class="meta">' + e(result.source)
           + (f" · published {e(result.published.isoformat())}" if result.published else "")
           + f" · {len(result.claims)} claims"
           + (" · companies: " + e(", ".join(f"{n} ({m})" for n, m in result.companies)) if result.companies else "")
           + '<div class="legend">' + "".join(f'<span style="background:{col}">{k}</span>' for k, col in KIND_COLOUR.items())
           + "</div></div>"]
    for lineno, line, start, decision in _segments(doc, result):
        if not line.strip():
            continue
        if decision is not None and not decision.keep:
            out.append(f'<p class="drop" id="L{lineno}"><span class="why">{e(decision.reason or decision.role)}</span>'
                       f"{e(line.strip())}</p>")
            continue
        parts = []
        pos = 0
        for b, en, what, payload in _spans(line, start, claims, companies):
            parts.append(e(line[pos:b]))
            if what == "claim":
                parts.append(f'<mark class="claim {payload.kind}" title="{e(note(payload))}">{e(line[b:en])}'
                             f'<span class="tip">{e(_tip(payload))}</span></mark>')
            else:
                parts.append(f'<span class="company">{e(line[b:en])}</span>')
            pos = en
        parts.append(e(line[pos:]))
        tag = "h2" if decision is not None and decision.role == "heading" else "p"
        out.append(f'<{tag} class="line" id="L{lineno}">{"".join(parts)}</{tag}>')
    out.append('<table class="summary"><thead><tr><th>line</th><th>text</th><th>value</th><th>unit</th><th>per</th><th>±</th>'
               "<th>change</th><th>subject</th><th>metric</th><th>period</th><th>modality</th></tr></thead><tbody>")
    for c in result.claims:
        value = _num(c.value) + (f"–{_num(c.value_max)}" if c.value_max is not None else "")
        out.append(f'<tr><td class="num"><a href="#L{c.line}">{c.line}</a></td><td>{e(c.text)}</td>'
                   f'<td class="num">{value}</td><td>{e(c.unit or "")}</td><td>{e(c.per or "")}</td><td>{e(c.approx or "")}</td>'
                   f"<td>{e(c.change or '')}</td><td>{e(c.subject or '')}</td><td>{e(c.metric or '')}</td>"
                   f"<td>{e(c.period or '')}</td><td>{e(c.modality)}</td></tr>"
                   f'<tr class="why"><td></td><td colspan="10">{e("; ".join(_why(c)))}</td></tr>')
    out.append("</tbody></table></body></html>")
    return "\n".join(out) + "\n"


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def find_chromium() -> str | None:
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html_path: str, png_path: str, *, width: int = 1100, height: int = 1400, timeout: int = 90) -> None:
    """Render a page in headless Chromium (a fresh profile, no network) and save a PNG."""
    import os
    import subprocess
    import tempfile

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="evfacts-chromium-") as profile:
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                        f"--screenshot={os.path.abspath(png_path)}", "file://" + os.path.abspath(html_path)],
                       check=True, capture_output=True, timeout=timeout)
    if not os.path.exists(png_path):
        raise RuntimeError("chromium wrote no screenshot")
