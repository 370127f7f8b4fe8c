"""Hostile text: odd characters, impossible figures, repeated lines, escape sequences, odd bytes.

Each case goes through the real CLI (CliRunner, output parsed) and checks that no claim is lost
and that every claim still points at its own surface in the original input.
"""
from __future__ import annotations

import sqlite3
import time

import pytest
from conftest import check_offsets, jsonl

from evfacts.charnorm import for_figures

AROUND = "Acme sold 300 cars in 2025. {} Profit rose 5%."


def _claims(cli, tmp_path, text: str, *args: str, name: str = "a.txt") -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = cli("extract", path, "-f", "jsonl", *args)
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    check_offsets(text, records)
    return records


# ------------------------------------------------------------------------ --lines into the store

def test_repeated_lines_are_each_stored_with_their_claims(cli, tmp_path):
    text = "Sales rose 5%.\nSales rose 5%.\nProfit fell 3%.\nSales rose 5%.\n"
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text("Sales rose 5%.\n")
    store = tmp_path / "x.sqlite"
    r = cli("extract", "--lines", tmp_path / "a.txt", tmp_path / "b.txt", "-o", store)
    assert r.exit_code == 0, r.output
    db = sqlite3.connect(store)
    rows = db.execute("SELECT d.path, c.line, c.text FROM claims c JOIN documents d ON d.id = c.document_id "
                      "ORDER BY d.path, c.line").fetchall()
    assert [(p[-5:], line, t) for p, line, t in rows] == [
        ("a.txt", 1, "5%"), ("a.txt", 2, "5%"), ("a.txt", 3, "3%"), ("a.txt", 4, "5%"), ("b.txt", 1, "5%")]
    # a re-run finds every line stored and adds nothing
    r = cli("extract", "--lines", tmp_path / "a.txt", tmp_path / "b.txt", "-o", store)
    assert r.exit_code == 0
    assert db.execute("SELECT count(*) FROM claims").fetchone() == (5,)


def test_equal_whole_files_are_still_one_stored_text(cli, tmp_path):
    """Without --lines a document is its text: the same article under two names is stored once."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Sales rose 5% in 2025.\n")
    store = tmp_path / "x.sqlite"
    assert cli("extract", tmp_path, "-o", store).exit_code == 0
    assert sqlite3.connect(store).execute("SELECT count(*) FROM documents").fetchone() == (1,)


# ------------------------------------------------------------------------ figures no float holds

@pytest.mark.parametrize("figure, kept", [
    ("The star weighs 1×10^99999999 kg.", []),
    ("The star weighs 1.5×10^-99999999 kg.", []),
    ("The value was 1e99999 kg.", None),  # read as text; whatever it yields, the article stands
    ("The star weighs 1×10^" + "9" * 5000 + " kg.", None),
    ("The star weighs 2×10^30 kg.", ["2×10^30 kg"]),
    ("The atom weighs 1.99×10−30 kg.", ["1.99×10−30 kg"]),
])
def test_a_figure_too_large_costs_only_itself(cli, tmp_path, figure, kept):
    texts = [r["text"] for r in _claims(cli, tmp_path, AROUND.format(figure) + "\n")]
    assert texts[0] == "300 cars" and texts[-1] == "5%"
    if kept is not None:
        assert texts[1:-1] == kept


# ------------------------------------------------------------------------ characters

@pytest.mark.parametrize("sentence, expected", [
    # invisible format characters inside a number: zero-width space, word joiner, soft hyphen, BOM
    ("Acme sold 12\u200b000 cars.", [("12\u200b000 cars", 12000, "car")]),
    ("Acme sold 12\u2060000 cars.", [("12\u2060000 cars", 12000, "car")]),
    ("Acme sold 1,\u200b250 cars.", [("1,\u200b250 cars", 1250, "car")]),
    ("Acme sold 4\u00ad.5 million cars.", [("4\u00ad.5 million cars", 4.5e6, "car")]),
    ("Revenue was $\u200b5.2\u200b billion.", [("$\u200b5.2\u200b billion", 5.2e9, "USD")]),
    ("Sales rose 1\ufeff2%.", [("1\ufeff2%", 12, "%")]),
    # other scripts' digits and their separators
    ("Acme sold ١٢٬٠٠٠ cars.", [("١٢٬٠٠٠ cars", 12000, "car")]),
    ("Sales rose ٥٫٥٪.", [("٥٫٥٪", 5.5, "%")]),
    ("Acme sold ۱۲۰ cars.", [("۱۲۰ cars", 120, "car")]),
    ("Acme sold १२० cars.", [("१२० cars", 120, "car")]),
    # fullwidth forms
    ("Acme sold １２，０００ cars.", [("１２，０００ cars", 12000, "car")]),
    ("Sales rose ５％ to ＄３ billion.", [("５％", 5, "%"), ("＄３ billion", 3e9, "USD")]),
    ("Acme sold 12\u3000000 cars.", [("12\u3000000 cars", 12000, "car")]),  # as with a plain space
    # near misses: an invisible character between a figure and a word glues nothing
    ("Acme sold 300\u200bcars in 2025.", [("300", 300, None)]),
    ("Acme sold 12 000 cars.", [("12 000 cars", 12000, "car")]),
])
def test_figures_in_other_characters_read_as_ascii(cli, tmp_path, sentence, expected):
    records = _claims(cli, tmp_path, sentence + "\n")
    got = [(r["text"], r["value"], r["unit"]) for r in records if r["kind"] != "year"]
    assert got == expected
    assert all(r["sentence"] == sentence for r in records)


@pytest.mark.parametrize("text, read", [
    ("plain ASCII 12,000", "plain ASCII 12,000"),
    ("12\u200b000", "12000"),
    ("١٢٬٠٠٠ ٪", "12,000 %"),
    ("１２３％", "123%"),
    ("red \x1b[31m5\x1b[0m!", "red      5    !"),
    ("title \x1b]0;pwned\x07 5", "title            5"),
    ("zero\u200bwidth words", "zero\u200bwidth words"),  # not inside a number: kept
])
def test_the_text_the_engine_reads(text, read):
    got, offsets = for_figures(text)
    assert got == read
    for i, ch in enumerate(got):  # every character read maps back to one of the original
        j = offsets.original(i)
        assert text[j] == ch or not text[j].isascii() or text[j] in "\x1b\x07" or ch == " "


def test_escape_sequences_make_no_figures(cli, tmp_path):
    text = "Acme sold 300 \x1b[31mred\x1b[0m cars \x1b]0;pwned\x07 in 2025.\n"
    assert [r["text"] for r in _claims(cli, tmp_path, text)] == ["300"]


def test_many_short_sentences_take_linear_time():
    """`１２３％ １２３％ ...`: one segment of many sentences, each figure read against its sentence
    (not a pass over every sentence of the segment)."""
    from evfacts.ingest import Document
    from evfacts.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.process(Document("-", "Warm up 5%."))

    def seconds(n):
        t0 = time.perf_counter()
        pipeline.process(Document("-", ("１２３％ " * n)[:n]))
        return time.perf_counter() - t0

    short, long = seconds(2500), seconds(10_000)
    assert long <= 6 * short + 0.2, (short, long)


@pytest.mark.parametrize("text", [
    "One. Two. Three has 5%. Four.",
    "Only one sentence with 5%.",
    "A.\n\nB has 3 cars. C has 4 cars.",
])
def test_previous_sentence_start_is_the_sentence_before(text):
    from evfacts import nlp
    from evfacts.claims.subject import previous_sentence_start

    doc = nlp.load()(text)
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        assert previous_sentence_start(sent) == (sents[k - 1].start_char if k else -1)


# ------------------------------------------------------------------------ bytes

@pytest.mark.parametrize("data, figure, unit", [
    # valid UTF-8 with one stray byte: read as UTF-8, the stray byte as U+FFFD
    ("€5 million was paid by Acme in 2025. bad ".encode() + b"\xff byte.\n", "€5 million", "EUR"),
    ("Acme paid €5 million, café ".encode() + b"\xc3 and \xff here.\n", "€5 million", "EUR"),
    # cp1252 (no valid UTF-8 sequence at all) is still cp1252
    (b"Acme paid \x805 million, caf\xe9 owners said.\n", "€5 million", "EUR"),
])
def test_a_stray_byte_does_not_garble_utf8(cli, tmp_path, data, figure, unit):
    (tmp_path / "a.txt").write_bytes(data)
    r = cli("extract", tmp_path / "a.txt", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    claim = jsonl(r)[0]
    assert (claim["text"], claim["unit"]) == (figure, unit)
    assert "â‚¬" not in claim["sentence"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [
    "中国电动汽车销量增长了 13%。\n",
    "中国电动汽车销量增长了 13%。\n特斯拉交付了 5000 辆汽车。\n" * 20,
    "Sales of electric cars rose 13% in 2025.\n",
])
def test_utf16_without_a_bom_is_text(cli, tmp_path, encoding, text):
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    r = cli("extract", tmp_path / "a.txt", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    records = jsonl(r)
    assert records[0]["text"] == "13%"
    check_offsets(text, records)


@pytest.mark.parametrize("data", [
    b"\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00" * 40,  # little 16-bit integers
    bytes(range(256)) * 8,
])
def test_binary_data_is_still_refused(cli, tmp_path, data):
    (tmp_path / "a.bin").write_bytes(data)
    r = cli("extract", tmp_path / "a.bin", "-f", "jsonl")
    assert r.exit_code == 1
    assert "binary data" in r.stderr


# ------------------------------------------------------------------------ terminal and spreadsheet output

ESCAPES = "Acme sold 300 \x1b[31mred\x1b[0m cars \x1b]0;pwned\x07 in 2025, up \u202e5%.\n"


@pytest.mark.parametrize("args", [["extract", "-f", "table"], ["show"], ["clean", "--explain", "-f", "table"]])
def test_escape_sequences_of_the_input_never_reach_the_terminal(cli, tmp_path, args):
    path = tmp_path / "a\x1b[2Jb.txt"
    path.write_text(ESCAPES)
    r = cli(*args, path)
    assert r.exit_code == 0, r.output
    assert not any(ch in r.stdout for ch in "\x1b\x07\u202e")
    assert "\\x1b" in r.stdout


def test_messages_show_escape_sequences_as_escapes(cli, tmp_path):
    r = cli("extract", tmp_path / "no\x1b[2Jsuch.txt")
    assert r.exit_code == 1
    assert "\x1b" not in r.stderr and "no\\x1b[2Jsuch.txt" in r.stderr


@pytest.mark.parametrize("line", [
    "=1+2 Acme sales rose 5%.",
    "@acme sales rose 5%, the filing said.",
    "+cmd|' /C calc'!A0 sales rose 5%.",
    "-5% was the change in sales.",
])
def test_csv_text_cells_never_start_a_formula(cli, line):
    from conftest import csv_rows

    r = cli("extract", "-", "-f", "csv", input=line + "\n")
    assert r.exit_code == 0, r.output
    rows = csv_rows(r.stdout)
    assert any(row["text"].endswith("5%") for row in rows)
    assert any(row["sentence"].startswith("'") for row in rows)
    for row in rows:
        float(row["value"])  # numbers are numbers
        assert row["source"] == "-"
        text_cells = [cell for k, cell in row.items() if k not in ("source", "line", "start", "end", "value", "value_max")]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in text_cells), row


@pytest.mark.parametrize("value, cell", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-5 to -3", "'-5 to -3"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("-", "-"), ("5%", "5%"), ("a=b", "a=b"), (-4.35, -4.35), (12, 12), (None, ""),
    (["=Acme", "Zeta"], "'=Acme; Zeta"),
])
def test_a_csv_cell_is_guarded_only_when_it_is_text_that_starts_a_formula(value, cell):
    from evfacts.output import _csv_cell

    assert _csv_cell(value) == cell


# ------------------------------------------------------------------------ HTML pages

ARTICLE = ("<article><h1>Acme Motors sales</h1><p>Acme Motors delivered 12,000 cars in March, up 8% from a year "
           "earlier.</p><p>The company expects to sell 50,000 cars in 2026, its chief executive said.</p></article>")
ARTICLE_CLAIMS = ["12,000 cars", "8%", "50,000 cars"]


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Acme</title>{head}</head><body>{body}</body></html>"


def _html_run(cli, tmp_path, html: str):
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    r = cli("extract", tmp_path / "page.html", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    return [c["text"] for c in jsonl(r) if c["kind"] != "year"], r.stderr


@pytest.mark.parametrize("depth", [254, 300, 1000])
def test_an_article_under_deeply_nested_divs_is_read_and_said(cli, tmp_path, depth):
    texts, err = _html_run(cli, tmp_path, _page("<div>" * depth + ARTICLE + "</div>" * depth))
    assert texts == ARTICLE_CLAIMS
    warning = "warning: the article extractor found no article; read as plain text"
    assert err.splitlines() == [f"evfacts: {tmp_path / 'page.html'}: {warning}"]


def test_an_article_the_extractor_reads_gives_no_warning(cli, tmp_path):
    texts, err = _html_run(cli, tmp_path, _page("<div>" * 100 + ARTICLE + "</div>" * 100))
    assert texts == ARTICLE_CLAIMS and err == ""


@pytest.mark.parametrize("body", ["<div></div>", "<script>var a = 1;</script>", "<nav></nav>"])
def test_a_page_without_text_is_a_warning(cli, tmp_path, body):
    texts, err = _html_run(cli, tmp_path, f"<html><body>{body}</body></html>")
    assert texts == []
    assert err.endswith("warning: no text found in the page\n")


def _heavy_page() -> str:
    """9.9 MB: 140,000 navigation links, a 3.5 MB inline script, then the article."""
    nav = "<nav><ul>" + "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(140_000)) + "</ul></nav>"
    return _page(nav + ARTICLE, head='<script>var data = "' + "x" * 3_500_000 + '";</script>')


def _repeated_page() -> str:
    """9.9 MB: one paragraph 80,000 times around the article."""
    para = "<p>Acme Motors delivered 12,000 cars in March, up 8% from a year earlier, its filing said.</p>\n"
    return _page(ARTICLE + para * (9_900_000 // len(para)))


@pytest.mark.parametrize("make", [_heavy_page, _repeated_page], ids=["heavy-markup", "repeated-paragraph"])
def test_a_10_mb_page_is_read_in_seconds(cli, tmp_path, make):
    html = make()
    assert 9_500_000 < len(html) < 10_000_000
    t0 = time.perf_counter()
    texts, err = _html_run(cli, tmp_path, html)
    assert time.perf_counter() - t0 < 30
    assert texts[:3] == ARTICLE_CLAIMS
    assert "HTML elements, more than the article extractor takes in time; read as plain text" in err


@pytest.mark.parametrize("html, lines", [
    # navigation and other non-article containers are left out
    ("<nav><a>Home</a> <a>World</a></nav><p>Acme sold 5 cars.</p><footer>© Acme</footer>", ["Acme sold 5 cars."]),
    # unless that leaves nothing: an unclosed <aside> hides no article
    ("<aside><p>Acme sold 5 cars.</p>", ["Acme sold 5 cars."]),
    # a paragraph the page repeats verbatim is kept once; short blocks (table cells) all stay
    ("<p>Acme Motors delivered 12,000 cars in March this year.</p>" * 3 + "<td>5%</td><td>5%</td>",
     ["Acme Motors delivered 12,000 cars in March this year.", "5%", "5%"]),
    ("<script>a = '<p>x</p>'</script><p>Text</p>", ["Text"]),
])
def test_the_plain_text_walk(html, lines):
    from evfacts.ingest import _fallback_html_text

    assert _fallback_html_text(html).splitlines() == lines


# ------------------------------------------------------------------------ settings

@pytest.mark.parametrize("max_bytes", ["1e23", "-5", "0", "abc", "10MB", ""])
def test_a_max_bytes_that_is_no_positive_whole_number_is_a_usage_error(cli, max_bytes):
    r = cli("extract", "-", "--max-bytes", max_bytes, input="Sales rose 5%.\n")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("evfacts: error:") and "--max-bytes" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("content, message", [
    ("[[clean.cue]]\nname = 'x'\npatterns = []\n", "boilerplate cue 'x': no patterns"),
    ("[[clean.cue]]\nname = 'x'\nreason = 'promo'\n", "boilerplate cue 'x': no patterns"),
    ("[clean]\ncues = ''\n", "empty pattern"),
])
def test_a_cue_that_would_do_nothing_or_everything_is_a_usage_error(cli, tmp_path, content, message):
    (tmp_path / "evfacts.toml").write_text(content)
    r = cli("extract", "--config", tmp_path / "evfacts.toml", "-", input="Sales rose 5%.\n")
    assert r.exit_code == 2, r.output
    assert message in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("content", ["[clean.cues]\npromo = []\n", "[clean]\ncues = []\n"])
def test_an_empty_list_of_cues_is_no_cue(cli, tmp_path, content):
    (tmp_path / "evfacts.toml").write_text(content)
    r = cli("extract", "--config", tmp_path / "evfacts.toml", "-", "-f", "jsonl", input="Sales rose 5%.\n")
    assert r.exit_code == 0, r.output
    assert [c["text"] for c in jsonl(r)] == ["5%"]
