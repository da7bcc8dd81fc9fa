"""RSS and Atom feeds, and URLs loaded through a real server on 127.0.0.1."""

from __future__ import annotations

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.sources.articles import Article, Rejected
from bot.sources.feeds import feed_entries_links, html_to_text, parse_feed
from bot.sources.fetch import Fetcher
from bot.sources.loader import load_one, load_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCAL = Settings(allow_private_urls=True, fetch_timeout=5.0)
LONG_PARAGRAPH = (
    "The harbour board met for six hours on Wednesday and agreed a new timetable for the winter "
    "ferries, after months of complaints from island residents about cancelled sailings. "
) * 3

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://harbourgazette.example.com/</link>
<item><title>Winter ferry timetable agreed</title>
<link>https://harbourgazette.example.com/news/ferries</link>
<pubDate>Wed, 11 Mar 2026 18:30:00 +0000</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{LONG_PARAGRAPH}</p>
<p>&#8220;We listened,&#8221; said board chair Lena Vos.</p>]]></content:encoded>
</item>
<item><title>Teaser only</title><link>{{base}}/story</link>
<pubDate>Thu, 12 Mar 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;The mayor spoke about the bridge.&lt;/p&gt;</description></item>
</channel></rss>
"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title><id>urn:valley</id>
<updated>2026-02-05T10:00:00Z</updated>
<entry><title>Orchard harvest best in a decade</title><id>urn:valley:1</id>
<link href="https://valleycourier.example.com/orchard"/>
<published>2026-02-04T07:00:00Z</published><updated>2026-02-05T07:00:00Z</updated>
<content type="html">&lt;p&gt;{LONG_PARAGRAPH}&lt;/p&gt;
&lt;p&gt;Growers said the frost stayed away.&lt;/p&gt;</content>
</entry></feed>
"""
PAGE = """<!doctype html><html><head><title>Bridge plan</title>
<meta property="og:site_name" content="Town Post">
</head><body><article><h1>Mayor backs bridge plan</h1>
<p>The mayor backed the new bridge plan on Thursday, saying the town could not wait another decade
for a second crossing over the river.</p>
<p>"We have studied this for long enough and the answer is clear," she told the council chamber.</p>
</article></body></html>"""
PLAIN = "Council news\n20260310\nThe council met on Tuesday.\nIt agreed the budget.\n"


class StaticServer:
    """A real HTTP server in a thread serving fixed (content type, body) pairs by path."""

    def __init__(self):
        self.files: dict[str, tuple[str, bytes]] = {}
        self.hits: list[str] = []
        files, hits = self.files, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                content_type, body = files.get(self.path, ("text/plain", b""))
                self.send_response(200 if self.path in files else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = StaticServer()
    srv.files.update(
        {
            "/feed.rss": ("application/rss+xml", RSS.replace("{base}", srv.base).encode()),
            "/feed": ("application/xml", ATOM.encode()),
            "/story": ("text/html; charset=utf-8", PAGE.encode()),
            "/plain": ("text/plain; charset=utf-8", PLAIN.encode()),
        }
    )
    yield srv
    srv.close()


def test_rss_entries_become_articles():
    first, second = parse_feed(RSS.encode(), source="feed.rss")
    assert first.title == "Winter ferry timetable agreed"
    assert (
        first.url
        == first.source
        == first.identity
        == "https://harbourgazette.example.com/news/ferries"
    )
    assert first.published == datetime.date(2026, 3, 11)
    assert first.outlet == "harbourgazette.example.com"  # the site's host, never the feed's title
    assert first.text.startswith("The harbour board met")
    assert "Short teaser" not in first.text
    assert first.text.endswith("\u201cWe listened,\u201d said board chair Lena Vos.")
    assert first.text.count("\n\n") == 1
    assert second.reason == "the entry has no http(s) link ({base}/story)"  # unfilled here


def test_entries_without_an_http_link_are_skipped_with_a_reason():
    feed = ATOM.replace(
        '<link href="https://valleycourier.example.com/orchard"/>',
        '<link href="urn:uuid:2b7c9e1a-0000-4000-8000-000000000001"/>',
    )
    (entry,) = parse_feed(feed.encode(), source="feed.atom")
    assert entry.source == "feed.atom#entry-1"
    assert entry.reason.startswith("the entry has no http(s) link (urn:uuid:")


def test_atom_entries_become_articles():
    (entry,) = parse_feed(ATOM.encode(), source="feed.atom")
    assert (entry.title, entry.url, entry.outlet) == (
        "Orchard harvest best in a decade",
        "https://valleycourier.example.com/orchard",
        "valleycourier.example.com",
    )
    assert entry.published == datetime.date(2026, 2, 4)
    assert entry.text.endswith("\n\nGrowers said the frost stayed away.")


def test_teasers_fetch_their_page_when_a_fetcher_is_given(server):
    content = server.files["/feed.rss"][1]
    with Fetcher(LOCAL) as fetcher:
        _, teaser = parse_feed(content, source=f"{server.base}/feed.rss", fetcher=fetcher)
    assert teaser.text.startswith("The mayor backed the new bridge plan")
    assert teaser.title == "Teaser only"
    assert teaser.outlet == "Town Post"  # the page's site name
    assert server.hits == ["/story"]  # the full-text entry was not fetched


def test_feed_url_loads_through_load_one(server):
    results = load_one(f"{server.base}/feed", settings=LOCAL)
    assert [type(r) for r in results] == [Article]
    assert results[0].outlet == "valleycourier.example.com"


def test_html_and_text_urls_load_through_load_sources(server):
    urls = [f"{server.base}/story", f"{server.base}/plain", f"{server.base}/nothing-here"]
    page, plain, missing = load_sources(urls, settings=LOCAL)
    assert page.title == "Mayor backs bridge plan"
    assert page.url == f"{server.base}/story"
    assert plain.title == "Council news"
    assert plain.identity == f"{server.base}/plain"
    assert isinstance(missing, Rejected)
    assert missing.reason.startswith("HTTP 404")


def test_loopback_url_is_refused_by_default(server):
    (result,) = load_one(f"{server.base}/feed", settings=Settings())
    assert isinstance(result, Rejected)
    assert "private/loopback address" in result.reason
    assert server.hits == []


@pytest.mark.parametrize(
    "content", [b"this is not a feed <<<", b"<rss><channel><title>Half", b"\x00\x01"]
)
def test_broken_feed_is_one_rejection(content):
    (result,) = parse_feed(content, source="broken.xml")
    assert isinstance(result, Rejected)
    assert result.reason.startswith("broken feed: ")
    assert "\n" not in result.reason
    assert len(result.reason) < 160
    assert "<unknown>" not in result.reason


def test_feed_bytes_are_never_opened_as_a_path(tmp_path):
    path = tmp_path / "real.rss"
    path.write_text(ATOM)
    (result,) = parse_feed(str(path).encode(), source="looks-like-a-path")
    assert isinstance(result, Rejected)


def test_slightly_broken_feed_keeps_its_entries():
    content = ATOM.replace(
        "<title>Orchard", "<title>&nbsp;Orchard"
    ).encode()  # undefined entity in XML
    (entry,) = parse_feed(content, source="feed.atom")
    assert isinstance(entry, Article)
    assert "Orchard harvest" in entry.title


def test_entry_without_text_is_rejected():
    content = (
        b"<rss><channel><title>T</title>"
        b"<item><title>x</title><link>https://e.example/1</link></item></channel></rss>"
    )
    assert parse_feed(content, source="f.rss") == [
        Rejected("https://e.example/1", "no article text")
    ]


def test_feed_entries_links():
    assert feed_entries_links(RSS.encode()) == [
        "https://harbourgazette.example.com/news/ferries",
        "{base}/story",
    ]


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One  two.</p><p>Three.</p>", "One two.\n\nThree."),
        ("First line<br>second line", "First line\n\nsecond line"),
        ("<div>Keep<script>drop()</script> this</div>", "Keep this"),
        ("Fish &amp; chips", "Fish & chips"),
        ("Plain\n\nparagraphs", "Plain\n\nparagraphs"),
    ],
)
def test_html_to_text(fragment, text):
    assert html_to_text(fragment) == text


@pytest.mark.parametrize(("name", "kind"), [("feed.rss", "rss"), ("feed.atom", "atom")])
def test_project_feed_fixtures(name, kind):
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"tests/fixtures/{name} is not written yet")
    results = load_one(str(path), settings=Settings())
    assert results, results
    assert all(isinstance(r, Article) and r.text and r.url for r in results), results
