"""Feeds that behave: one article whichever way it arrives, the site's name as outlet, other
languages noted or skipped. A real local server, real polling, the real model."""

from __future__ import annotations

import pytest

from bot.jobs.ingest import ingest
from bot.jobs.polling import poll_feeds
from bot.sources.language import looks_english
from tests.fakes import LocalServer, respond

pytestmark = pytest.mark.model

PAGE = """<!doctype html><html><head><title>Bridge plan | Town Post</title>
<meta property="og:site_name" content="Town Post">
<link rel="canonical" href="{base}/news/bridge">
</head><body><article><h1>Mayor backs bridge plan</h1>
<p>The mayor backed the new bridge plan on Thursday, saying the town could not wait another decade
for a second crossing over the river, and that the council would vote on it in the spring.</p>
<p>"We have studied this for long enough and the answer is clear," Mayor Ilse Varga told
the council.</p>
</article></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{base}/</link>
<item><title>Mayor backs bridge plan</title>
<link>{base}/news/bridge?utm_source=rss&amp;ref=feed</link>
<description>The mayor spoke about the bridge.</description></item>
<item><title>A note</title>
<guid isPermaLink="false">urn:uuid:6f1c2d3e-0000-4000-8000-00000000abcd</guid>
<description>No link at all.</description></item>
</channel></rss>"""
LONG_TITLE = "RSS Title " * 10
FRENCH = """<!doctype html><html>
<head><meta property="og:site_name" content="Le Courrier"></head>
<body><article><p>Le maire a soutenu jeudi le nouveau projet de pont, affirmant que la ville
ne pouvait
pas attendre une décennie de plus pour une deuxième traversée de la rivière.</p>
<p>« Nous avons étudié cela assez longtemps et la réponse est claire », a-t-elle déclaré au conseil
municipal. Les travaux commenceront au printemps et dureront deux ans selon la mairie.</p>
</article></body></html>"""


@pytest.fixture
def site():
    server = LocalServer({})
    with server:
        base = server.url("").rstrip("/")
        page = respond(200, PAGE.format(base=base).encode(), {"Content-Type": "text/html"})
        feed = FEED.format(base=base, title=LONG_TITLE).encode()
        server.routes.update(
            {
                "/news/bridge": page,
                "/news/bridge?utm_source=rss&ref=feed": page,
                "/feed.rss": respond(200, feed, {"Content-Type": "application/rss+xml"}),
                "/fr": respond(200, FRENCH.encode(), {"Content-Type": "text/html"}),
            }
        )
        yield server


@pytest.fixture
def local(settings):
    from bot.app import App

    application = App(settings.with_(allow_private_urls=True, fetch_timeout=5.0))
    yield application
    application.close()


def test_page_then_feed_is_one_article(local, site):
    first = ingest(local, [site.url("/news/bridge")])
    assert first.articles == 1
    local.channels.add_feed(site.url("/feed.rss"))
    poll = poll_feeds(local).feeds[0]
    assert (poll.articles, poll.duplicates) == (0, 1)
    assert local.store.counts()["articles"] == 1


def test_feed_then_page_is_one_article_named_by_its_site(local, site):
    local.channels.add_feed(site.url("/feed.rss"))
    poll = poll_feeds(local).feeds[0]
    assert (poll.articles, poll.rejected) == (1, 1)  # the entry with only a urn: is skipped
    again = ingest(local, [site.url("/news/bridge")])
    assert (again.articles, again.duplicates) == (0, 1)
    (quote,) = local.store.search("studied").items
    assert quote.outlet == "Town Post"
    assert local.channels.feeds()[0].title == LONG_TITLE.strip()


def test_a_page_not_in_english_is_noted(local, site):
    report = ingest(local, [site.url("/fr")])
    assert report.articles == 1
    assert [note for _, note in report.notes] == [
        "0 quotes: not English (stored; SKIP_NON_ENGLISH=true skips such pages)"
    ]


def test_a_page_not_in_english_can_be_skipped(settings, site):
    from bot.app import App

    app = App(settings.with_(allow_private_urls=True, skip_non_english=True))
    try:
        report = ingest(app, [site.url("/fr")])
    finally:
        app.close()
    assert report.articles == 0
    assert [r.reason for r in report.rejected] == ["not English (SKIP_NON_ENGLISH is on)"]


@pytest.mark.parametrize(
    "text, english",
    [
        (
            "The council said on Tuesday that it would vote on the plan in the spring, and the "
            "mayor told reporters that she was sure of the result because people want the bridge "
            "to be built.",
            True,
        ),
        (
            "Die Stadt könne nicht noch ein Jahrzehnt auf eine zweite Flussquerung warten, sagte "
            "sie vor dem Stadtrat; die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, "
            "hieß es aus dem Rathaus am Donnerstag.",
            False,
        ),
        ("Too short to judge.", True),
    ],
)
def test_looks_english(text, english):
    assert looks_english(text) is english
