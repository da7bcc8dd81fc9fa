"""Feed polling against a real HTTP server on 127.0.0.1: ingest once, 304s, backoff, the private
guard."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import text

from bot.app import App
from bot.chat.messages import Request
from bot.jobs.polling import PollReport, poll_feeds
from bot.jobs.schedule import POLL_JOB_ID, DigestScheduler
from bot.settings import Settings
from tests.conftest import FixedClock, make_article, store_quotes
from tests.fakes import LocalServer, respond, with_etag

T0 = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
ETAG = '"harbour-1"'
# Fictional stories, each long enough (> 400 characters) that the poller never fetches the linked
# page.
STORIES = (
    (
        "Ferry service returns to Gullrock",
        "<p>The ferry between Gullrock and the mainland sailed again on Thursday after a "
        "three-week repair.</p>"
        '<p>"We have missed the crossing more than anyone expected, and the island is breathing '
        'again," said '
        "harbourmaster Ysolde Carrow.</p><p>Councillor Bram Okafor said the repair had cost less "
        "than feared. "
        '"The crew worked through two storms to get her ready," he said.</p>'
        "<p>Timetables return to the winter pattern from Monday, with four crossings a day.</p>",
    ),
    (
        "Orchard volunteers save rare apple trees",
        "<p>Volunteers in Ledbury Vale have grafted forty rare apple trees that were close to "
        "dying out.</p>"
        '<p>"Each of these varieties has a story, and we refuse to let them vanish," said orchard '
        "keeper "
        "Petra Vance.</p><p>The group said it would open the orchard to visitors in the spring. "
        '"Come and '
        'taste the difference," Ms Vance added, standing beside a row of young trees in the '
        "rain.</p>"
        "<p>The work was funded by a small grant and bake sales.</p>",
    ),
)


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}/news/{n}.html</link>"
        f"<pubDate>Thu, 19 Nov 2026 0{n}:00:00 +0000</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for n, (title, body) in enumerate(STORIES, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Island '
        f"Gazette</title>"
        f"<link>{base}/</link><description>Fictional test news</description>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def server():
    with LocalServer({}) as srv:
        body = rss(srv.url(""))
        srv.routes.update(
            {
                "/feed.rss": with_etag(body, ETAG),
                "/plain.rss": respond(200, body, {"Content-Type": "application/rss+xml"}),
                "/boom.rss": respond(500, b"internal error"),
                "/garbage.rss": respond(
                    200,
                    b'<<<< not ]]> a feed &&&; <x attr="',
                    {"Content-Type": "application/rss+xml"},
                ),
            }
        )
        yield srv


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def app(tmp_path, clock):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'q.db'}", allow_private_urls=True, fetch_timeout=5.0
    )
    application = App(settings, clock=clock)
    yield application
    application.close()


def add_feed(app, url: str) -> None:
    reply = app.handle(Request(text=f"feeds add {url}", platform="console"))
    assert reply.text == f"Added feed {url}."


def feed_row(app, url: str):
    return next(feed for feed in app.channels.feeds() if feed.url == url)


def test_known_articles_are_skipped_and_an_unchanged_feed_answers_304(app, server):
    url = server.url("/feed.rss")
    add_feed(app, url)
    for n, (title, body) in enumerate(
        STORIES, start=1
    ):  # already stored by URL, e.g. by an earlier ingest
        store_quotes(app, make_article(body, title=title, url=server.url(f"/news/{n}.html")), [])
    first = poll_feeds(app).feeds[0]
    assert (first.status, first.articles, first.duplicates) == ("ingested", 0, 2)
    assert feed_row(app, url).etag == ETAG
    assert feed_row(app, url).title == "Island Gazette"
    second = poll_feeds(app).feeds[0]
    assert second.status == "not-modified"
    assert server.requests[-1][1]["If-None-Match"] == ETAG
    assert not any(
        path.startswith("/news/") for path in server.paths()
    )  # no page fetched for known entries


@pytest.mark.model
def test_new_articles_are_ingested_once(app, server, clock):
    add_feed(app, server.url("/feed.rss"))
    add_feed(app, server.url("/plain.rss"))  # the same entries from a server without validators
    first = poll_feeds(app)
    assert first.articles == 2
    assert first.quotes >= 2
    counts = app.store.counts()
    assert app.store.search("varieties").items[0].speaker == "Petra Vance"
    clock.advance(minutes=31)
    second = poll_feeds(app)
    assert [(f.status, f.articles, f.duplicates) for f in second.feeds] == [
        ("not-modified", 0, 0),
        ("ingested", 0, 2),
    ]
    assert app.store.counts() == counts
    # Full text in the feed: no page fetches.
    assert not any(path.startswith("/news/") for path in server.paths())


@pytest.mark.parametrize(
    ("path", "reason"), [("/boom.rss", "HTTP 500"), ("/garbage.rss", "broken feed")]
)
def test_a_failing_feed_backs_off_and_is_retried_later(app, server, clock, path, reason, caplog):
    url = server.url(path)
    add_feed(app, url)
    with caplog.at_level(logging.WARNING, logger="bot.jobs.polling"):
        failed = poll_feeds(app, due_only=True).feeds[0]
    assert failed.status == "failed"
    assert reason in failed.error
    assert f"feed {url} failed (1 in a row)" in caplog.text
    feed = feed_row(app, url)
    assert feed.failures == 1
    assert feed.next_poll == dt.datetime(2026, 11, 20, 7, 0)  # 30 min * 2
    clock.advance(minutes=30)  # the normal interval has passed, the backoff has not
    assert poll_feeds(app, due_only=True).feeds == ()
    clock.advance(minutes=30)
    assert poll_feeds(app, due_only=True).feeds[0].status == "failed"
    feed = feed_row(app, url)
    assert feed.failures == 2
    assert feed.next_poll == dt.datetime(2026, 11, 20, 9, 0)  # 30 min * 4


def test_a_loopback_feed_is_refused_without_the_setting(tmp_path, server):
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'q.db'}"), clock=FixedClock(T0))
    url = server.url("/feed.rss")
    add_feed(app, url)
    result = poll_feeds(app).feeds[0]
    assert result.status == "failed"
    assert result.error == (
        f"refused to fetch {url}: 127.0.0.1 is a private/loopback address "
        "(set QUOTEBOT_ALLOW_PRIVATE_URLS=true to allow it)"
    )
    assert server.requests == []
    assert feed_row(app, url).last_error == result.error
    app.close()


class BrokenFetcher:
    """A fetcher with a bug in it: polling must log it and carry on with the next feed."""

    def get(self, url, *, etag=None, last_modified=None):
        raise RuntimeError("a bug, not a network problem")


def test_an_unexpected_error_in_one_feed_does_not_stop_the_others(app, server, caplog):
    add_feed(app, server.url("/boom.rss"))
    add_feed(app, server.url("/garbage.rss"))
    with caplog.at_level(logging.ERROR, logger="bot.jobs.polling"):
        report = poll_feeds(app, fetcher=BrokenFetcher())
    assert [f.status for f in report.feeds] == ["failed", "failed"]
    assert report.feeds[0].error == "unexpected error (RuntimeError); details are in the log"
    assert "Traceback" in caplog.text


async def test_the_poll_job_polls_due_feeds_and_never_raises(app, server, clock, caplog):
    digests = DigestScheduler(app, [])
    digests.start(paused=True)
    assert digests.scheduler.get_job(POLL_JOB_ID).func == digests.poll_job
    add_feed(app, server.url("/boom.rss"))
    report = await digests.poll_job()
    assert [f.status for f in report.feeds] == ["failed"]
    assert (await digests.poll_job()).feeds == ()  # backing off: not due yet
    with app.store.engine.begin() as conn:  # the database itself breaks
        conn.execute(text("DROP TABLE feeds"))
    with caplog.at_level(logging.ERROR, logger="bot.jobs.schedule"):
        assert await digests.poll_job() is None
    assert "feed polling failed" in caplog.text
    assert digests.scheduler.running
    digests.shutdown()


def test_poll_report_summary_is_one_line(app, server):
    add_feed(app, server.url("/boom.rss"))
    summary = poll_feeds(app).summary()
    assert (
        summary
        == "1 feed polled: 0 new articles with 0 quotes, 0 already stored, 0 unchanged, 1 failed."
    )
    assert PollReport().summary() == "No feeds to poll. Add one with `quotebot feeds add URL`."
