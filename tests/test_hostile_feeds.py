"""Hostile feeds on 127.0.0.1: huge feeds, junk entries, dead links, a feed that hangs, secrets."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

import pytest

from bot.app import App
from bot.jobs.polling import poll_feeds
from bot.settings import Settings
from tests.conftest import FixedClock
from tests.fakes import LocalServer, respond, with_etag

T0 = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
WAIT_SECONDS = 60.0  # generous, never a timing assertion
RSS_TYPE = {"Content-Type": "application/rss+xml"}
PAGE_TYPE = {"Content-Type": "text/html; charset=utf-8"}
STORY = (
    "<p>The lighthouse on Carrow Point was repainted this week by a crew of four volunteers.</p>"
    '<p>"We climbed the ladder every morning at six, and the gulls watched us all the way up," '
    "said volunteer Mara Quill.</p><p>The council thanked the crew at a short ceremony.</p>"
)
STORY_MORE = (
    "<p>The paint, a deep red, was chosen by the pupils of the island school in a vote.</p>"
)
PAGE = f"<html><head><title>Lighthouse</title></head><body><article>{STORY}</article></body></html>"


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>Entry {n}</title><link>{base}{link}</link>"
        f"<description><![CDATA[{text}]]></description></item>"
        for n, (link, text) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Point News'
        f"</title><link>{base}/</link><description>test</description>{body}</channel></rss>"
    ).encode()


@pytest.fixture
def app(tmp_path):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'q.db'}",
        allow_private_urls=True,
        fetch_timeout=5.0,
        max_feed_entries=5,
    )
    application = App(settings, clock=FixedClock(T0))
    yield application
    application.close()


@pytest.fixture
def server():
    with LocalServer({}) as srv:
        yield srv


def add_feed(app, url: str) -> None:
    app.channels.add_feed(url, user_id="test")


def test_a_feed_of_10000_entries_costs_at_most_max_feed_entries_fetches(app, server):
    items = [(f"/story/{n}", "teaser") for n in range(10_000)]
    server.routes["/big.rss"] = respond(200, rss(server.url(""), items), RSS_TYPE)
    add_feed(app, server.url("/big.rss"))
    result = poll_feeds(app).feeds[0]
    page_fetches = [p for p in server.paths() if p.startswith("/story/")]
    assert len(page_fetches) == 5
    assert result.status == "ingested"


@pytest.mark.model
def test_junk_entries_are_not_stored_and_a_dead_link_is_retried(app, server):
    base = server.url("")
    items = [
        ("/one-char", "x"),
        ("/mojibake", "Ã©tÃ© Ã  la plage, câ€™est lâ€™Ã©tÃ© Ã  Ã‰vian " * 8),
        ("/later", "A teaser for a story that is not there yet"),
    ]
    server.routes["/junk.rss"] = with_etag(rss(base, items), '"v1"')
    server.routes["/one-char"] = respond(404, b"Not Found")
    server.routes["/mojibake"] = respond(404, b"Not Found")
    add_feed(app, server.url("/junk.rss"))
    first = poll_feeds(app).feeds[0]
    assert (first.articles, first.rejected) == (0, 3)
    assert not app.store.has_article(server.url("/later"))
    server.routes["/later"] = respond(200, PAGE.encode(), PAGE_TYPE)  # the page is up now
    second = poll_feeds(app).feeds[0]
    assert second.status == "ingested"  # not 304: the dead link kept the validators unsaved
    assert second.articles == 1
    assert app.store.has_article(server.url("/later"))


def test_one_hanging_feed_delays_no_other(app, server):
    blocked = threading.Event()
    server.routes["/hang.rss"] = lambda h: (blocked.set(), server.release.wait(WAIT_SECONDS))
    good = rss(server.url(""), [("/page", "short")])
    server.routes["/good.rss"] = respond(200, good, RSS_TYPE)
    server.routes["/page"] = respond(404, b"gone")
    add_feed(app, server.url("/hang.rss"))  # polled first
    add_feed(app, server.url("/good.rss"))
    poller = threading.Thread(target=poll_feeds, args=(app,), daemon=True)
    poller.start()
    assert blocked.wait(WAIT_SECONDS)
    deadline = time.monotonic() + WAIT_SECONDS
    while "/page" not in server.paths():  # the good feed's entry page is fetched meanwhile
        assert time.monotonic() < deadline, "the good feed waited for the hanging one"
        time.sleep(0.05)
    server.release.set()
    poller.join(WAIT_SECONDS)


def test_feed_secrets_never_reach_the_log(app, server, caplog):
    caplog.set_level(logging.DEBUG)
    server.routes["/secret.rss"] = respond(500, b"no")
    port = server.httpd.server_address[1]
    add_feed(app, f"http://ann:hunter2@127.0.0.1:{port}/secret.rss?token=s3cret")
    result = poll_feeds(app).feeds[0]
    assert result.status == "failed"
    assert "hunter2" not in caplog.text and "s3cret" not in caplog.text
    assert "hunter2" not in (result.error or "")


@pytest.mark.model
def test_an_entry_past_max_article_chars_fails_neither_its_feed_nor_the_others(tmp_path, server):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'big.db'}",
        allow_private_urls=True,
        max_article_chars=5_000,
    )
    big = "<p>" + "The pier stood firm through the night. " * 400 + "</p>"  # 15,600 characters
    server.routes["/mixed.rss"] = respond(
        200, rss(server.url(""), [("/big", big), ("/fine", STORY + STORY_MORE * 2)]), RSS_TYPE
    )
    application = App(settings, clock=FixedClock(T0))
    try:
        add_feed(application, server.url("/mixed.rss"))
        result = poll_feeds(application).feeds[0]
        assert (result.status, result.articles, result.rejected) == ("ingested", 1, 1)
        assert application.store.has_article(server.url("/fine"))
    finally:
        application.close()
