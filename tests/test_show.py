"""`evfacts show`: the annotated article, in the terminal and as a standalone HTML page that a
real browser renders."""
import os
import re

import pytest
from rich.console import Console

from evfacts.ingest import Document
from evfacts.pipeline import Pipeline
from evfacts.show import find_chromium, note, render_html, render_terminal, screenshot

ARTICLE = """Acme Motors: deliveries to double

Home / Autos / EV
Acme Motors said deliveries rose 25% to 40,000 vehicles in 2025, and it plans to invest $2.5 billion.
Subscribe to our newsletter for more.
"""


@pytest.fixture(scope="module")
def shown():
    doc = Document("acme.txt", ARTICLE)
    return doc, Pipeline().process(doc)


def test_html_is_standalone(shown):
    page = render_html(*shown)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external assets


def test_html_marks_each_claim_with_its_kind(shown):
    doc, result = shown
    page = render_html(doc, result)
    marks = re.findall(r'<mark class="claim (\w+)"', page)
    assert len(marks) == len(result.claims) > 0
    assert "percent" in marks and "money" in marks
    assert '<table class="summary">' in page
    assert page.count("<tr><td") == len(result.claims)


def test_terminal_shows_claims_and_notes(shown):
    doc, result = shown
    console = Console(record=True, width=160, color_system=None)
    render_terminal(doc, result, console)
    out = console.export_text()
    assert "25%" in out and "▸ 25% ↑" in out
    assert "40,000" in out


def test_note_is_compact(shown):
    _, result = shown
    pct = next(c for c in result.claims if c.kind == "percent")
    assert note(pct).startswith("25% ↑")


@pytest.mark.skipif(find_chromium() is None and not os.environ.get("CI"), reason="chromium not installed")
def test_page_renders_in_a_real_browser(shown, tmp_path):
    """Headless Chromium renders the page: the claim colours are on screen, not just in the source."""
    from PIL import Image

    html_path, png_path = tmp_path / "show.html", tmp_path / "show.png"
    html_path.write_text(render_html(*shown), encoding="utf-8")
    screenshot(str(html_path), str(png_path), width=1000, height=900)
    img = Image.open(png_path).convert("RGB")
    assert img.size == (1000, 900)
    colours = {rgb for _, rgb in img.getcolors(maxcolors=1_000_000)}
    assert (0x7E, 0xE0, 0x81) in colours  # a percent mark
    assert (0xFF, 0xD7, 0x5F) in colours  # a money mark
    assert len(colours) > 50  # text was drawn (anti-aliased glyphs), not a blank page
