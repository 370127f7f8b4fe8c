"""Ingest: encodings, formats (detected by content), HTML main text, paths and folders."""
from __future__ import annotations

import codecs
import json
import os

import pytest
from conftest import check_offsets, jsonl

from evfacts.ingest import (
    Document,
    InputError,
    decode,
    display_name,
    expand_paths,
    iter_documents,
    make_documents,
    sniff_format,
)
from evfacts.pipeline import Pipeline

SENTENCE = "BYD said “sales rose 13%” to €5.2 million – a record, café owners said."


# ------------------------------------------------------------------------ encodings

@pytest.mark.parametrize("encoding, data", [
    ("utf-8", SENTENCE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + SENTENCE.encode("utf-8")),
    ("utf-16", SENTENCE.encode("utf-16")),  # with a BOM (little-endian here)
    ("utf-16-be", codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be")),
    ("utf-16-le", SENTENCE.encode("utf-16-le")),  # no BOM
    ("utf-16-be", SENTENCE.encode("utf-16-be")),  # no BOM
    ("cp1252", SENTENCE.encode("cp1252")),
], ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-nobom", "utf-16-be-nobom", "cp1252"])
def test_decode(encoding, data):
    text, _found = decode(data)
    assert text == SENTENCE


def test_decode_latin1():
    text = "Le marché a progressé de 13 % à £5 millions, très bien ½."
    assert decode(text.encode("latin-1"))[0] == text


def test_decode_mostly_utf8_with_a_broken_byte_keeps_the_good_characters():
    data = "Umsatz stieg um 13 % – für Käufer ein Plus. ".encode() * 3 + b"\xff end"
    text, _enc = decode(data)
    assert "für Käufer" in text and text.endswith("\ufffd end")


def test_decode_cyrillic_is_not_forced_to_cp1252():
    text = "Продажи электромобилей выросли на 13% в этом году"
    assert decode(text.encode("cp1251"))[0] == text


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 500,
                                  b"%PDF-1.4\n" + bytes(range(256)) * 4])
def test_binary_data_is_refused(data):
    from evfacts.ingest import IngestError

    with pytest.raises(IngestError, match="binary"):
        decode(data)


@pytest.mark.parametrize("name, data", [
    ("utf8.txt", SENTENCE.encode("utf-8")),
    ("bom.txt", codecs.BOM_UTF8 + SENTENCE.encode("utf-8")),
    ("utf16.txt", SENTENCE.encode("utf-16")),
    ("utf16-nobom.txt", SENTENCE.encode("utf-16-le")),
    ("cp1252.txt", SENTENCE.encode("cp1252")),
])
def test_extract_from_each_encoding(cli, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    r = cli("extract", path, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    check_offsets(SENTENCE, records)
    [pct] = [rec for rec in records if rec["text"] == "13%"]
    assert pct["value"] == 13 and pct["kind"] == "percent"
    assert pct["sentence"].startswith("BYD said “sales rose 13%”")
    [money] = [rec for rec in records if rec["kind"] == "money"]
    assert money["text"].startswith("€5.2") and money["unit"] == "EUR" and money["value"] == 5_200_000


def test_extract_from_latin1(cli, tmp_path):
    text = "Le marché a progressé de 13 % à £5 millions, très bien.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    records = jsonl(cli("extract", path, "-f", "jsonl"))
    check_offsets(text, records)
    assert any(rec["value"] == 13 and rec["kind"] == "percent" for rec in records)
    assert all("é" in rec["sentence"] for rec in records)


# ------------------------------------------------------------------------ formats

PAGE = """<!DOCTYPE html>
<html><head><title>BYD sales jump | Example News</title>
<meta property="og:title" content="BYD sales jump">
<meta name="date" content="2025-03-02">
<script>var tracking = "99%";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>BYD sales jump</h1>
<p>BYD said on Monday that its sales rose 13% to 4.2 million vehicles in 2024, a record for the carmaker.</p>
<p>Tesla deliveries fell 1% last year, the first annual decline in more than a decade, the company said.</p>
</article>
<footer>Copyright 2025 Example News. Subscribe to our newsletter.</footer></body></html>
"""


@pytest.mark.parametrize("data, name, expected", [
    (b"<!doctype html><html><body><p>x</p></body></html>", "a.txt", "html"),
    (b"\n  <html lang='en'><body>x</body></html>", "page", "html"),
    (b"<?xml version='1.0'?>\n<!-- c -->\n<html><body>x</body></html>", "a.md", "html"),
    (b"<div><p>one</p><p>two</p><span>three</span></div>", "snippet.txt", "html"),
    (b"# Title\n\nSome *text* with 5%.", "a.md", "markdown"),
    (b"Use <b> for bold, says 1 of 2 editors.", "a.txt", "text"),
    (b"Plain text with 13% growth.", "a.html", "text"),
])
def test_sniff_format_by_content(data, name, expected):
    assert sniff_format(data, name) == expected


def test_html_main_text_title_and_date(cli, tmp_path):
    path = tmp_path / "page.txt"  # the name says text; the content says HTML
    path.write_text(PAGE, encoding="utf-8")
    [doc] = make_documents(path.read_bytes(), str(path))
    assert doc.format == "html"
    assert "sales rose 13%" in doc.text
    assert "tracking" not in doc.text and "99%" not in doc.text
    docs = json.loads(cli("extract", path, "-f", "json").stdout)
    assert docs[0]["title"] == "BYD sales jump"
    assert docs[0]["published"] == "2025-03-02T00:00:00"
    claims = docs[0]["claims"]
    check_offsets(doc.text, claims)  # for HTML, offsets refer to the extracted main text
    assert [c["value"] for c in claims if c["kind"] == "percent"] == [13, 1]


def test_html_that_the_extractor_cannot_read_falls_back_to_visible_text(cli, tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 50_000 + "Sales rose 13% in 2025." + "</div>" * 50_000
                    + "</body></html>")
    r = cli("extract", path, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    assert [rec["value"] for rec in jsonl(r) if rec["kind"] == "percent"] == [13]


def test_html_fallback_skips_scripts_and_unescapes():
    from evfacts.ingest import _fallback_html_text

    html = "<html><head><style>p{}</style></head><body><script>x=1</script><p>A &amp; B rose 5&#37;</p><p>C</p>"
    assert _fallback_html_text(html) == "A & B rose 5%\nC"


def test_lines_mode_reads_html_as_text():
    docs = list(make_documents(b"<p>a 5%</p>\n<p>b 6%</p>\n", "x.html", per_line=True))
    assert [(d.text, d.line_base, d.offset_base) for d in docs] == [("<p>a 5%</p>", 1, 0), ("<p>b 6%</p>", 2, 12)]


def test_blank_inputs_hold_no_document():
    assert list(make_documents(b"", "e.txt")) == []
    assert list(make_documents(b" \n\t\r\n", "w.txt")) == []
    assert list(make_documents(codecs.BOM_UTF8, "bom.txt")) == []


def test_pipeline_on_a_document_keeps_offsets():
    text = "Intro line\r\nSales rose 13% in 2025.\rProfit fell 2%.\n"
    result = Pipeline().process(Document("x", text))
    check_offsets(text, result.claims)
    assert [(c.text, c.line) for c in result.claims if c.kind == "percent"] == [("13%", 2), ("2%", 3)]


# ------------------------------------------------------------------------ paths

def test_expand_paths_sorted_recursive_and_errors(tmp_path):
    for name in ("b/z.txt", "b/a.htm", "a.markdown", "c.TXT", "skip.csv", "b/c/d.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    got = list(expand_paths([str(tmp_path), "-", str(tmp_path / "missing.txt")]))
    assert got[:-1] == [str(tmp_path / n) for n in ("a.markdown", "b/a.htm", "b/c/d.html", "b/z.txt", "c.TXT")] + ["-"]
    assert isinstance(got[-1], InputError) and got[-1].message == "no such file or directory"


def test_symlinks(tmp_path):
    (tmp_path / "real.txt").write_text("Sales rose 13%.")
    os.symlink(tmp_path / "real.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    errors = {e.source: e.message for e in expand_paths([str(tmp_path / n) for n in ("broken.txt", "loop1.txt")])}
    assert errors == {str(tmp_path / "broken.txt"): "broken symbolic link",
                      str(tmp_path / "loop1.txt"): "symbolic link loop"}
    items = list(iter_documents([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, Document)]
    failed = sorted(os.path.basename(i.source) for i in items if isinstance(i, InputError))
    assert sorted(os.path.basename(d.source) for d in docs) == ["link.txt", "real.txt"]
    assert failed == ["broken.txt", "loop1.txt", "loop2.txt"]


def test_display_name_of_non_utf8_bytes():
    raw = os.fsdecode(b"bad\xffname.txt")
    assert display_name(raw) == "bad\ufffdname.txt"
    assert display_name("plain name.txt") == "plain name.txt"


def test_a_directory_given_as_file_is_named(tmp_path):
    items = list(iter_documents([str(tmp_path)], globs=("*",)))
    assert items == []


@pytest.mark.parametrize(("line_base", "offset_base", "offset", "line", "want"), [
    (1, 0, 0, 1, (0, 1)),        # a whole file: coordinates unchanged
    (1, 0, 17, 3, (17, 3)),
    (2, 12, 0, 1, (12, 2)),      # the second line of a --lines input
    (2, 12, 5, 1, (17, 2)),
    (40, 1000, 9, 2, (1009, 41)),  # a --lines document split over two text lines
])
def test_document_coordinates_translate_to_the_input(line_base, offset_base, offset, line, want):
    from evfacts.ingest import Document

    doc = Document("x.txt", "text", line_base=line_base, offset_base=offset_base)
    assert (doc.input_offset(offset), doc.input_line(line)) == want
