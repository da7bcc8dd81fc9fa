"""Loading articles: the two text layouts, HTML pages, folders, identities, and every kind of bad
input."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import trafilatura

from bot.settings import Settings
from bot.sources.articles import (
    Article,
    Rejected,
    identity_of,
    normalise_url,
    parse_html,
    parse_text,
)
from bot.sources.loader import expand_sources, load_one, load_sources

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SAMPLES = HERE.parent / "bot" / "samples"
SEEDS = HERE.parent.parent / "shared" / "seeds"
SETTINGS = Settings()

LAYOUT_A = (
    "Harbour bridge reopens after repairs\n"
    "20260312\n"
    "https://www.harbourgazette.example.com/news/bridge-reopens\n"
    "The Old Harbour bridge reopened to traffic on Thursday after eight months of repairs.\n"
    "\u201cWe kept our promise to the town,\u201d said the council leader, Mara Quist.\n"
    "Engineers said the deck would last another fifty years.\n"
)
LAYOUT_B = (
    "Ferry crews vote to strike\n"
    "2026-03-14\n"
    "\n"
    "PORTHAVEN \u2022 Ferry crews on the island routes voted to strike next month, their union "
    "said on Saturday.\n"
    "\n"
    '"Nobody takes this step lightly," said Ida Brenner, the union\'s regional organiser.\n'
    "\n"
    "The operator said it was disappointed and would keep talking.\n"
    "\n"
    "NORTHFIELD WIRE, VALLEY PRESS AGENCY\n"
)
NO_HEADER = (
    "KESTREL BAY - Fishing boats stayed in port for a second day as the storm moved north.\n"
    "\n"
    "'It is the worst week we have had in years,' said skipper Tom Arden.\n"
    "\n"
    "AP\n"
)
HTML_PAGE = """<!doctype html>
<html><head><title>Library reopens | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="og:title" content="Library reopens after flood repairs">
<meta property="article:published_time" content="2026-02-03T09:00:00Z">
<link rel="canonical" href="https://valleycourier.example.com/news/library-reopens"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Library reopens after flood repairs</h1>
<p>The town library reopened on Tuesday, nine months after floodwater filled its ground floor and
ruined thousands of books.</p>
<p>"Readers have been patient with us, and today we can finally welcome them back," said the head
librarian, Nadia Orme, as the first visitors queued outside.</p>
<p>The council said the repairs cost 1.4 million crowns, most of it paid by insurers.</p>
</article><footer>All rights reserved</footer></body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def load(source: str, **changes) -> Article | Rejected:
    results = load_one(source, settings=SETTINGS.with_(**changes))
    assert len(results) == 1
    return results[0]


# --- layout (a): header, one sentence per line
# -------------------------------------------------------------


def test_layout_a_header_is_metadata_not_body():
    article = parse_text(LAYOUT_A, source="a.txt")
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.published == datetime.date(2026, 3, 12)
    assert article.url == "https://www.harbourgazette.example.com/news/bridge-reopens"
    assert article.outlet == "harbourgazette.example.com"
    assert article.identity == "https://www.harbourgazette.example.com/news/bridge-reopens"
    assert article.text.splitlines()[0].startswith("The Old Harbour bridge reopened")
    assert len(article.text.splitlines()) == 3
    assert "20260312" not in article.text


def test_layout_a_keeps_quote_characters_and_offsets():
    article = parse_text(LAYOUT_A, source="a.txt")
    quote = "\u201cWe kept our promise to the town,\u201d"
    start = article.text.index(quote)
    assert article.text[start : start + len(quote)] == quote


def test_header_without_url_line_and_with_dashed_date():
    article = parse_text(
        "Budget passes\n2026-01-30\nThe budget passed by four votes.\n", source="b.txt"
    )
    assert (article.title, article.published, article.url, article.outlet) == (
        "Budget passes",
        datetime.date(2026, 1, 30),
        None,
        None,
    )
    assert article.text == "The budget passed by four votes."


def test_crlf_bom_and_trailing_spaces_are_normalised():
    raw = "\ufeff" + LAYOUT_A.replace("\n", "   \r\n")
    assert parse_text(raw, source="c.txt").text == parse_text(LAYOUT_A, source="a.txt").text


def test_an_impossible_date_is_not_a_header():
    article = parse_text("Scores\n20261399\nThe home side won.\n", source="d.txt")
    assert article.title is None
    assert article.text.startswith("Scores")


# --- layout (b): wire story in paragraphs
# ------------------------------------------------------------------


def test_layout_b_dateline_and_credit_are_metadata():
    article = parse_text(LAYOUT_B, source="wire.txt")
    assert article.dateline == "PORTHAVEN"
    assert article.credit == "NORTHFIELD WIRE, VALLEY PRESS AGENCY"
    assert article.outlet is None  # a credit names an agency, not the outlet
    assert article.text.startswith("Ferry crews on the island routes voted")
    assert article.text.endswith("would keep talking.")
    assert article.text.count("\n\n") == 2  # three paragraphs, blank-line separated


def test_wire_story_without_header():
    article = parse_text(NO_HEADER, source="storm.txt")
    assert (article.title, article.dateline, article.credit) == (None, "KESTREL BAY", "AP")
    assert article.text.startswith("Fishing boats stayed in port")
    assert article.identity.startswith("sha256:")


@pytest.mark.parametrize("marker", ["\u2022", "-", "\u2014"])
def test_dateline_markers(marker):
    article = parse_text(
        f"ASHBY VALE {marker} Rivers rose overnight.\n\nMore rain is due.", source="x"
    )
    assert article.dateline == "ASHBY VALE"
    assert article.text.startswith("Rivers rose overnight.")


@pytest.mark.parametrize(
    "last", ["It was THE END.", "NOBODY KNEW WHY!", "Police said 4 people were hurt"]
)
def test_ordinary_last_lines_stay_in_the_body(last):
    article = parse_text(f"The match ended late.\n\n{last}\n", source="x")
    assert article.credit is None
    assert article.text.endswith(last)


def test_header_only_file_is_rejected(tmp_path):
    result = load(
        write(tmp_path, "empty-body.txt", "Title only\n20260101\nhttps://example.com/a\n")
    )
    assert result == Rejected(str(tmp_path / "empty-body.txt"), "no article text")


# --- identity
# ---------------------------------------------------------------------------------------------


def test_same_text_in_two_files_has_one_identity(tmp_path):
    first = load(write(tmp_path, "storm.txt", NO_HEADER))
    second = load(write(tmp_path, "renamed copy.text", NO_HEADER.replace("\n", "\r\n")))
    assert first.identity == second.identity
    assert first.source != second.source


def test_text_identity_ignores_case_and_spacing_but_not_words():
    base = identity_of("Rivers rose overnight.\nMore rain is due.", None)
    assert identity_of("rivers  ROSE overnight. more rain is due.", None) == base
    assert identity_of("Rivers fell overnight. More rain is due.", None) != base


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/a/b/", "https://news.example.com/a/b"),
        ("https://news.example.com/a/b#comments", "https://news.example.com/a/b"),
        (
            "https://news.example.com/a/b?utm_source=x&utm_medium=y&id=7",
            "https://news.example.com/a/b?id=7",
        ),
        ("http://news.example.com:80/a", "http://news.example.com/a"),
        ("https://news.example.com:8443/a", "https://news.example.com:8443/a"),
    ],
)
def test_url_normalisation(url, expected):
    assert normalise_url(url) == expected
    assert identity_of("any text", url) == expected


# --- HTML
# -------------------------------------------------------------------------------------------------


def test_html_page_body_and_metadata():
    article = parse_html(HTML_PAGE, source="library.html")
    assert article.title == "Library reopens after flood repairs"
    assert article.published == datetime.date(2026, 2, 3)
    assert article.url == "https://valleycourier.example.com/news/library-reopens"
    assert article.outlet == "Valley Courier"
    assert article.identity == article.url
    assert article.text.startswith("The town library reopened")  # headline not repeated in the body
    assert "\n\n" in article.text
    assert "Home" not in article.text
    assert "rights reserved" not in article.text


def test_html_file_loads_by_suffix(tmp_path):
    article = load(write(tmp_path, "library.htm", HTML_PAGE))
    assert isinstance(article, Article)
    assert article.outlet == "Valley Courier"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><span></span></div></body></html>",
        "<html><head><title>x</title></head><body><<<p>>></body",
    ],
)
def test_html_without_text_is_rejected(tmp_path, html):
    result = load(write(tmp_path, "broken.html", html))
    assert result == Rejected(str(tmp_path / "broken.html"), "no article text found in the HTML")


def test_unexpected_error_becomes_a_rejection(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("library bug")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    result = load(write(tmp_path, "page.html", HTML_PAGE))
    assert isinstance(result, Rejected)
    assert "unexpected error" in result.reason
    assert "library bug" not in result.reason


# --- bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n  \r\n", "empty file"),
        (b"\xef\xbb\xbf\n", "empty file"),
        (b"PK\x03\x04\x00\x00binary zip-like bytes", "binary file (not text)"),
        (bytes(range(1, 32)) * 20 + b"some text", "binary file (not text)"),
    ],
)
def test_empty_and_binary_files_are_rejected(tmp_path, content, reason):
    assert load(write(tmp_path, "bad.txt", content)) == Rejected(str(tmp_path / "bad.txt"), reason)


def test_huge_file_is_rejected_from_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper, nothing written
    result = load(str(path))
    assert result.reason == "too large: 52.4 MB, the limit is 5 MB (MAX_ARTICLE_BYTES)"


def test_latin1_file_is_accepted_with_a_note(tmp_path):
    text = (
        "Caf\u00e9 owners in Ashby said the r\u00e9gime of fees was unfair.\n\nThey will meet on "
        "Monday.\n"
    )
    article = load(write(tmp_path, "latin.txt", text.encode("latin-1")))
    assert isinstance(article, Article)
    assert article.text.startswith("Caf\u00e9 owners")
    assert "r\u00e9gime" in article.text
    assert article.note.startswith("not UTF-8: decoded as")


def test_mostly_utf8_file_with_a_stray_byte_keeps_its_curly_quotes(tmp_path):
    raw = "\u201cWe are ready,\u201d she said.\n\nThe caf\u00e9 opens at nine.".encode() + b"\x92"
    article = load(write(tmp_path, "mixed.txt", raw))
    assert article.text.startswith("\u201cWe are ready,\u201d")
    assert "replaced" in article.note


def test_utf16_file_with_a_byte_order_mark_is_text(tmp_path):
    article = load(write(tmp_path, "utf16.txt", NO_HEADER.encode("utf-16")))
    assert article.dateline == "KESTREL BAY"
    assert article.note is None


def test_mostly_undecodable_file_is_rejected(tmp_path):
    raw = (
        "\u6e2f\u306e\u30b9\u30c8\u30e9\u30a4\u30ad\u306f\u7d9a\u304f\u3002".encode("shift_jis")
        * 30
    )
    result = load(write(tmp_path, "sjis.txt", raw))
    assert result.reason.startswith("not UTF-8 text")


def test_missing_path_is_rejected(tmp_path):
    assert load(str(tmp_path / "nope.txt")) == Rejected(str(tmp_path / "nope.txt"), "no such file")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_rejected(tmp_path):
    path = write(tmp_path, "secret.txt", LAYOUT_A)
    os.chmod(path, 0)
    assert load(path) == Rejected(path, "permission denied")


def test_broken_feed_file_is_rejected(tmp_path):
    result = load(write(tmp_path, "feed.xml", "<rss><channel><title>Half a feed</titl"))
    assert result.reason.startswith("broken feed: ")
    assert "\n" not in result.reason


# --- folders and batches
# ----------------------------------------------------------------------------------


def test_expand_sources_walks_folders_sorted_and_keeps_urls(tmp_path):
    for name in (
        "b.txt",
        "a.html",
        "sub/c.rss",
        "sub/d.md",
        "notes.pdf",
        ".hidden/e.txt",
        "sub/.f.txt",
        "README.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    expanded = expand_sources(["https://example.com/feed", str(tmp_path), "missing.txt"])
    assert expanded == [
        "https://example.com/feed",
        *(str(tmp_path / n) for n in ("a.html", "b.txt", "sub/c.rss", "sub/d.md")),
        "missing.txt",
    ]


def test_batch_continues_past_bad_input(tmp_path):
    write(tmp_path, "1-good.txt", LAYOUT_A)
    write(tmp_path, "2-empty.txt", "")
    write(tmp_path, "3-wire.txt", LAYOUT_B)
    results = list(load_sources([str(tmp_path), str(tmp_path / "gone.txt")], settings=SETTINGS))
    assert [type(r).__name__ for r in results] == ["Article", "Rejected", "Article", "Rejected"]
    assert [r.reason for r in results if isinstance(r, Rejected)] == ["empty file", "no such file"]


# --- project samples, fixtures and the shared seeds (when present)
# ----------------------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="bot/samples is not there yet")
def test_every_sample_loads_with_a_header():
    results = list(load_sources([str(SAMPLES)], settings=SETTINGS))
    assert results
    assert all(isinstance(r, Article) for r in results)
    assert all(r.title and r.published and r.text for r in results)


FIXTURE_CASES = {
    "article_layout_a.txt": lambda a: (
        isinstance(a, Article) and a.title and a.published and "\n\n" not in a.text
    ),
    "article_layout_b.txt": lambda a: (
        isinstance(a, Article) and a.dateline and a.credit and a.credit not in a.text
    ),
    "article_no_header.txt": lambda a: isinstance(a, Article) and a.title is None and a.text,
    "article_latin1.txt": lambda a: isinstance(a, Article) and a.note and "\ufffd" not in a.text,
    "article.html": lambda a: isinstance(a, Article) and a.title and a.text,
    "malformed.html": lambda a: (
        isinstance(a, Rejected) and a.reason == "no article text found in the HTML"
    ),
    "feed_broken.xml": lambda a: isinstance(a, Rejected) and a.reason.startswith("broken feed: "),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_project_fixtures(name):
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"tests/fixtures/{name} is not written yet")
    results = load_one(str(path), settings=SETTINGS)
    assert results, results
    assert all(FIXTURE_CASES[name](r) for r in results), results


def test_shared_seeds_parse_in_both_layouts():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    wire, paper = sorted(SEEDS.glob("*.txt"))[:2]
    wire_article, paper_article = (load(str(p)) for p in (wire, paper))
    assert wire_article.dateline
    assert wire_article.credit
    assert wire_article.title is None
    assert wire_article.credit not in wire_article.text
    assert not wire_article.text.startswith(wire_article.dateline)
    assert paper_article.title
    assert paper_article.published
    assert paper_article.outlet == "dailymail.co.uk"
