"""Feed polling: conditional GETs, new articles ingested once, backoff for failing feeds.

Each poll is claimed in the database first, so any number of processes poll a feed once an interval.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.clock import naive_utc
from bot.errors import UserError
from bot.jobs.ingest import IngestReport, store_articles
from bot.sources.articles import Article, Rejected, is_url, normalise_url
from bot.sources.feeds import NO_LINK, feed_title, parse_feed
from bot.sources.fetch import Fetched, Fetcher
from bot.sources.loader import within_length
from bot.sources.redact import shown_url
from bot.storage import Feed
from bot.text import plural

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

# A failing feed waits interval * 2**failures, capped here (30 min -> at most 16 h).
MAX_BACKOFF_EXPONENT = 5


@dataclass(frozen=True)
class FeedPoll:
    """What polling one feed did."""

    url: str
    status: Literal["ingested", "not-modified", "failed"]
    articles: int = 0
    quotes: int = 0
    duplicates: int = 0
    rejected: int = 0
    error: str | None = None
    next_poll: dt.datetime | None = None  # naive UTC


@dataclass(frozen=True)
class PollReport:
    """What one round of polling did, feed by feed."""

    feeds: tuple[FeedPoll, ...] = ()

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.feeds)

    @property
    def quotes(self) -> int:
        return sum(f.quotes for f in self.feeds)

    @property
    def failed(self) -> tuple[FeedPoll, ...]:
        return tuple(f for f in self.feeds if f.status == "failed")

    def summary(self) -> str:
        """One line for the CLI and the log."""
        if not self.feeds:
            return "No feeds to poll. Add one with `quotebot feeds add URL`."
        unchanged = sum(f.status == "not-modified" for f in self.feeds)
        duplicates = sum(f.duplicates for f in self.feeds)
        return (
            f"{plural(len(self.feeds), 'feed')} polled: "
            f"{plural(self.articles, 'new article')} with "
            f"{plural(self.quotes, 'quote')}, {duplicates} already stored, {unchanged} unchanged, "
            f"{len(self.failed)} failed."
        )


def poll_feeds(
    app: App,
    *,
    fetcher: Fetcher | None = None,
    now: dt.datetime | None = None,
    due_only: bool = False,
) -> PollReport:
    """Poll every feed once (or only those due, for the scheduler) and ingest their new articles."""
    if fetcher is None:
        with Fetcher(app.settings) as own:
            return poll_feeds(app, fetcher=own, now=now, due_only=due_only)
    now = naive_utc(now or app.clock())
    feeds = [feed for feed in app.channels.feeds() if not due_only or is_due(feed, now)]
    claimed = [feed for feed in feeds if claim(app, feed, now)]
    report = PollReport(tuple(_poll_all(app, claimed, fetcher, now)))
    if report.feeds:
        log.info("%s", report.summary())
    return report


def claim(app: App, feed: Feed, now: dt.datetime) -> bool:
    """Take this poll of the feed, so processes sharing the database poll it once per interval.

    The lease moves next_poll one interval on; the poll then records the real next time. A process
    that dies mid-poll leaves the lease, and the feed is polled again when it runs out.
    """
    if app.channels.claim_feed(feed.id, seen=feed.next_poll, until=now + backoff(app, 0)):
        return True
    log.info("feed %s was taken by another process since it was read", shown_url(feed.url))
    return False


def poll_feed(app: App, feed: Feed, *, fetcher: Fetcher, now: dt.datetime) -> FeedPoll:
    """Poll one feed; any failure is recorded for backoff and returned, never raised."""
    return _finish(app, feed, _gather(app, feed, fetcher), now)


def is_due(feed: Feed, now: dt.datetime) -> bool:
    return feed.next_poll is None or feed.next_poll <= now


def backoff(app: App, failures: int) -> dt.timedelta:
    """How long to wait after `failures` failures in a row (0: the normal interval)."""
    interval = dt.timedelta(minutes=app.settings.feed_poll_minutes)
    return interval * (1 << min(failures, MAX_BACKOFF_EXPONENT))  # doubled a failure, capped


@dataclass(frozen=True)
class _Gathered:
    """What the network part of one poll brought back (or why it failed)."""

    fetched: Fetched | None = None
    items: tuple[Article | Rejected, ...] = ()
    error: str | None = None
    deferred: int = 0  # new entries left for the next poll (past MAX_FEED_ENTRIES)


def _poll_all(app: App, feeds: list[Feed], fetcher: Fetcher, now: dt.datetime) -> list[FeedPoll]:
    """Fetch up to FEED_POLL_WORKERS feeds at once; store each as it arrives, one at a time.

    Fetching (the slow, network part) runs in the pool, so a slow feed delays nobody else;
    extraction and writes stay in this thread, so spaCy and the database see one caller.
    """
    if not feeds:
        return []
    workers = max(1, min(app.settings.feed_poll_workers, len(feeds)))
    done: dict[int, FeedPoll] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed-poll") as pool:
        futures = {pool.submit(_gather, app, feed, fetcher): i for i, feed in enumerate(feeds)}
        for future in as_completed(futures):
            index = futures[future]
            done[index] = _finish(app, feeds[index], future.result(), now)
    return [done[i] for i in range(len(feeds))]


def _gather(app: App, feed: Feed, fetcher: Fetcher) -> _Gathered:
    """Fetch the feed and its new entries' pages; never raises."""
    try:
        fetched = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.not_modified:
            return _Gathered(fetched)
        items, deferred = _parse(app, feed, fetched.content, fetcher)
        return _Gathered(fetched, tuple(items), deferred=deferred)
    except UserError as exc:
        return _Gathered(error=str(exc))
    except Exception as exc:
        log.exception("unexpected error polling feed %s", shown_url(feed.url))
        return _Gathered(error=f"unexpected error ({type(exc).__name__}); details are in the log")


def _finish(app: App, feed: Feed, gathered: _Gathered, now: dt.datetime) -> FeedPoll:
    """Store what one feed brought and record the poll; failures are recorded for backoff."""
    if gathered.error is not None or gathered.fetched is None:
        return _record_failure(app, feed, gathered.error or "nothing fetched", now)
    try:
        return _store(app, feed, gathered, now)
    except Exception as exc:
        log.exception("unexpected error storing feed %s", shown_url(feed.url))
        return _record_failure(
            app, feed, f"unexpected error ({type(exc).__name__}); details are in the log", now
        )


def _store(app: App, feed: Feed, gathered: _Gathered, now: dt.datetime) -> FeedPoll:
    fetched, items = gathered.fetched, gathered.items
    assert fetched is not None  # _finish checked
    next_poll = now + backoff(app, 0)
    if fetched.not_modified:
        app.channels.record_poll(
            feed.id,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            next_poll=next_poll,
            now=now,
        )
        return FeedPoll(feed.url, "not-modified", next_poll=next_poll)
    articles = [item for item in items if isinstance(item, Article)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    for item in rejected:
        log.warning(
            "feed %s: skipped entry %s: %s",
            shown_url(feed.url),
            shown_url(item.source),
            item.reason,
        )
    ingested = store_articles(app, articles, IngestReport())
    # Validators are stored only now, after ingest: a 304 must never hide articles we failed to
    # store, nor entries left for later (past the cap, or whose page answered 404 this time).
    complete = not gathered.deferred and not any(item.retry for item in rejected)
    app.channels.record_poll(
        feed.id,
        title=feed_title(fetched.content),
        etag=fetched.etag if complete else None,
        last_modified=fetched.last_modified if complete else None,
        next_poll=next_poll,
        now=now,
    )
    return FeedPoll(
        feed.url,
        "ingested",
        ingested.articles,
        ingested.quotes,
        ingested.duplicates,
        len(rejected),
        next_poll=next_poll,
    )


def _parse(
    app: App, feed: Feed, content: bytes, fetcher: Fetcher
) -> tuple[list[Article | Rejected], int]:
    """Entries as articles, and how many new ones wait for the next poll.

    Only new entries are loaded (fetching the pages of teasers), at most MAX_FEED_ENTRIES a poll,
    so a feed of 10,000 entries costs at most that many page fetches each time.
    """
    quick = parse_feed(content, source=feed.url, settings=app.settings)
    if len(quick) == 1 and isinstance(quick[0], Rejected) and quick[0].source == feed.url:
        # The feed itself is unreadable (garbage, an HTML page, no entries): it fails and backs off.
        raise UserError(f"could not read the feed {shown_url(feed.url)}: {quick[0].reason}")
    new = [index for index, item in enumerate(quick) if not _is_known(app, item)]
    if not new:
        return quick, 0
    cap = app.settings.max_feed_entries
    chosen = frozenset(new[:cap])
    known = [item for index, item in enumerate(quick) if index not in set(new)]
    loaded = parse_feed(
        content, source=feed.url, fetcher=fetcher, settings=app.settings, only=chosen
    )
    deferred = max(0, len(new) - cap)
    if deferred:
        log.info(
            "feed %s: %d new entries; %d loaded now (MAX_FEED_ENTRIES), %d at the next poll",
            shown_url(feed.url),
            len(new),
            cap,
            deferred,
        )
    limit = app.settings.max_article_chars
    return known + [within_length(item, limit) for item in loaded], deferred


def _is_known(app: App, item: Article | Rejected) -> bool:
    if isinstance(item, Article):
        return app.store.has_article(item.identity)
    # An entry rejected for lack of text may still become an article once its page is fetched;
    # one without a link never will.
    if item.reason.startswith(NO_LINK):
        return True
    return is_url(item.source) and app.store.has_article(normalise_url(item.source))


def _record_failure(app: App, feed: Feed, reason: str, now: dt.datetime) -> FeedPoll:
    failures = feed.failures + 1
    next_poll = now + backoff(app, failures)
    app.channels.record_poll(feed.id, error=reason, next_poll=next_poll, now=now)
    log.warning(
        "feed %s failed (%d in a row), next poll %s UTC: %s",
        shown_url(feed.url),
        failures,
        next_poll.strftime("%Y-%m-%d %H:%M"),
        reason,
    )
    return FeedPoll(feed.url, "failed", error=reason, next_poll=next_poll)
