"""Several bot processes, one database: each digest posted once (retries too), each feed polled
once an interval, a story in two feeds stored once; on SQLite and on PostgreSQL.

Real processes (spawned, each with its own App and engine) run the scheduler's job functions at the
same moment, released together by a barrier; the database is all they share. Posts go to a file
that every process appends to, so the test counts what a channel would have received.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator

import pytest

from bot.app import App
from bot.chat.messages import Reply
from bot.jobs.schedule import DigestScheduler
from bot.settings import Settings
from bot.storage import Subscription
from tests import db
from tests.conftest import FixedClock
from tests.fakes import LocalServer, with_etag

PROCESSES = 3
ROUNDS = 6  # digest days raced in one run of the processes
WAIT = 120  # seconds a barrier or a result may take on a busy machine (spawn, imports, the model)
CHANNEL = "C-shared"
SLOT = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)  # the channel's 08:00 UTC digest, day one
T0 = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
SPAWN = multiprocessing.get_context("spawn")


class FileOutbox:
    """An outbox that appends one line a post to a file shared by every process."""

    def __init__(self, path: str, platform: str = "slack"):
        self.path, self.platform = path, platform
        self.day = 0  # the round being raced, written with each post

    def post(self, channel_id: str, reply: Reply) -> None:
        line = f"{self.day} {os.getpid()} {channel_id} {reply.text[:60]}\n".encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_url(request, tmp_path_factory) -> Iterator[str]:
    """One database for a module's processes, of each kind (as `any_database_url`, module-wide)."""
    folder = tmp_path_factory.mktemp(request.param)
    with db.database_url(folder, postgres=request.param == "postgresql") as url:
        yield url


def run_together(target, *args) -> list:
    """Start PROCESSES processes on `target(*args, barrier, results)`; return their results."""
    barrier, results = SPAWN.Barrier(PROCESSES), SPAWN.Queue()
    procs = [SPAWN.Process(target=target, args=(*args, barrier, results)) for _ in range(PROCESSES)]
    for proc in procs:
        proc.start()
    try:
        got = [results.get(timeout=WAIT) for _ in procs]
    finally:
        for proc in procs:
            proc.join(timeout=WAIT)
            if proc.is_alive():
                proc.kill()
    assert [proc.exitcode for proc in procs] == [0] * PROCESSES
    errors = [item for item in got if isinstance(item, str)]
    assert not errors, errors[0]
    return got


# ---- digests -----------------------------------------------------------------------------------


def race_digests(url: str, posts: str, barrier, results) -> None:
    """One bot process: each day at the digest's time, run the digest job."""
    try:
        clock = FixedClock(SLOT)
        app = App(Settings(database_url=url), clock=clock)
        outbox = FileOutbox(posts)
        digests = DigestScheduler(app, [outbox])
        outcomes = []
        for day in range(ROUNDS):
            outbox.day = day
            slot = SLOT + dt.timedelta(days=day)
            clock.now = slot + dt.timedelta(minutes=2)
            barrier.wait(timeout=WAIT)
            outcomes.append(asyncio.run(digests.run_digest("slack", CHANNEL, scheduled_for=slot)))
        app.close()
        results.put(outcomes)
    except BaseException as exc:  # the parent reports it: a child's traceback is otherwise lost
        results.put(f"{type(exc).__name__}: {exc}")
        raise


@pytest.fixture(scope="module")
def digest_race(shared_url, tmp_path_factory) -> tuple[list[list[str]], list[str]]:
    """Processes racing for ROUNDS daily digests of one channel."""
    app = App(Settings(database_url=shared_url))
    app.channels.subscribe(Subscription("slack", CHANNEL, "08:00", "UTC"))
    app.close()
    posts = tmp_path_factory.mktemp("posts") / "posts.txt"
    outcomes = run_together(race_digests, shared_url, str(posts))
    return outcomes, posts.read_text().splitlines() if posts.exists() else []


def test_each_digest_is_posted_once_by_processes_racing_for_it(digest_race):
    outcomes, posts = digest_race
    assert sorted(_day_of(line) for line in posts) == list(range(ROUNDS))
    for day in range(ROUNDS):
        today = sorted(process[day] for process in outcomes)
        assert today == ["duplicate"] * (PROCESSES - 1) + ["empty-sent"], f"day {day}: {today}"


def retry_digests(url: str, posts: str, barrier, results) -> None:
    """One bot process: at the same moment as the others, run the retry job (failed digests)."""
    try:
        app = App(Settings(database_url=url), clock=FixedClock(SLOT + dt.timedelta(minutes=20)))
        digests = DigestScheduler(app, [FileOutbox(posts)])
        barrier.wait(timeout=WAIT)
        done = asyncio.run(digests.catch_up(include_missing=False))
        app.close()
        results.put([catch.outcome for catch in done])
    except BaseException as exc:
        results.put(f"{type(exc).__name__}: {exc}")
        raise


def test_a_failed_digest_retried_by_processes_together_is_posted_once(any_database_url, tmp_path):
    app = App(Settings(database_url=any_database_url), clock=FixedClock(SLOT))
    app.channels.subscribe(Subscription("slack", CHANNEL, "08:00", "UTC"))
    key = "daily:2026-11-02"
    assert app.channels.claim_delivery("slack", CHANNEL, key, SLOT.replace(tzinfo=None))
    app.channels.finish_delivery("slack", CHANNEL, key, status="failed", detail="platform down")
    app.close()
    posts = tmp_path / "posts.txt"
    outcomes = run_together(retry_digests, any_database_url, str(posts))
    assert len(posts.read_text().splitlines()) == 1
    assert sorted(o for process in outcomes for o in process if o != "duplicate") == ["empty-sent"]
    app = App(Settings(database_url=any_database_url))
    assert app.channels.delivery_status("slack", CHANNEL, key) == "sent"
    app.close()


def _day_of(line: str) -> int:
    return int(line.split()[0])


# ---- feeds ---------------------------------------------------------------------------------


PEOPLE = ("Orla Fenwick", "Desmond Achebe", "Ilse Marrow", "Tobias Quint")
PLACES = ("Harrowgate", "Kelpie Bay", "Sallow Cross", "Dunmere")


def story(n: int) -> tuple[str, str]:
    """A fictional story long enough (> 400 characters) that the poller never fetches its page."""
    person, place = PEOPLE[n % 4], PLACES[n // 4 % 4]
    title = f"{place} library extends its hours, story {n}"
    body = (
        f"<p>The public library in {place} will open late on weekdays from next month, after a "
        f"survey of readers asked for evening hours (story {n}).</p>"
        f'<p>"People work all day and still want somewhere warm and quiet to read," said head '
        f"librarian {person}.</p><p>The council said the change would cost little, since "
        f'volunteers have offered to staff the evenings. "We are grateful to every one of '
        f'them," {person.split()[1]} added.</p><p>A reading group starts in the spring.</p>'
    )
    return title, body


def rss(base: str, numbers: range) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}/news/{n}.html</link>"
        f"<pubDate>Thu, 19 Nov 2026 08:00:00 +0000</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for n, (title, body) in ((n, story(n)) for n in numbers)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire'
        f"</title><link>{base}/</link><description>Fictional</description>{items}</channel></rss>"
    ).encode()


def race_polls(url: str, times: list[dt.datetime], barrier, results) -> None:
    """One bot process: at each time, run the scheduler's poll job; report the feeds it polled."""
    try:
        clock = FixedClock(times[0])
        settings = Settings(database_url=url, allow_private_urls=True, fetch_timeout=20.0)
        app = App(settings, clock=clock)
        digests = DigestScheduler(app, {})
        polled = []
        for when in times:
            clock.now = when
            barrier.wait(timeout=WAIT)
            report = asyncio.run(digests.poll_job())
            assert report is not None, "the poll job failed"
            polled.append(
                [
                    (feed.url, feed.status, feed.error, feed.articles, feed.duplicates)
                    for feed in report.feeds
                ]
            )
        app.close()
        results.put(polled)
    except BaseException as exc:
        results.put(f"{type(exc).__name__}: {exc}")
        raise


def feeds_app(url: str, feeds: list[str]) -> App:
    app = App(Settings(database_url=url, allow_private_urls=True))
    for feed in feeds:
        assert app.channels.add_feed(feed)
    return app


def stored_identities(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [row[0] for row in conn.execute(text("SELECT identity FROM articles"))]
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def poll_race(shared_url):
    """Processes running the poll job together: at T0 (all due), a minute on (none due) and past
    the 30-minute interval (all due again). Each feed carries two stories of its own."""
    with LocalServer({}) as server:
        routes = {f"/feed{i}.rss": rss(server.url(""), range(2 * i, 2 * i + 2)) for i in range(4)}
        for path, body in routes.items():
            server.routes[path] = with_etag(body, f'"{path}"')
        feeds = [server.url(path) for path in routes]
        feeds_app(shared_url, feeds).close()
        times = [T0, T0 + dt.timedelta(minutes=1), T0 + dt.timedelta(minutes=31)]
        reports = run_together(race_polls, shared_url, times)
        return reports, feeds, list(routes), server.paths()


def test_each_feed_is_polled_once_an_interval_by_all_processes_together(poll_race):
    reports, feeds, _paths, _requests = poll_race
    expected = [sorted(feeds), [], sorted(feeds)]
    for round_, want in enumerate(expected):
        urls = sorted(url for process in reports for url, *_ in process[round_])
        assert urls == want, f"round {round_}: each due feed once, got {urls}"


def test_the_feed_servers_see_one_request_per_feed_an_interval(poll_race):
    _reports, _feeds, paths, requests = poll_race
    assert sorted(requests) == sorted(paths * 2)


def test_no_poll_failed_and_every_story_is_stored_once(poll_race, shared_url):
    reports, _feeds, _paths, _requests = poll_race
    failed = [poll for process in reports for poll in process[0] if poll[1] != "ingested"]
    assert failed == []
    identities = stored_identities(shared_url)
    assert len(identities) == 8
    assert len(set(identities)) == 8


def test_a_story_in_two_feeds_polled_by_processes_together_is_stored_once(any_database_url):
    with LocalServer({}) as server:
        base = server.url("")
        server.routes["/wire-a.rss"] = with_etag(rss(base, range(20, 22)), '"a"')
        server.routes["/wire-b.rss"] = with_etag(rss(base, range(21, 23)), '"b"')  # 21 in both
        feeds_app(any_database_url, [server.url("/wire-a.rss"), server.url("/wire-b.rss")]).close()
        reports = run_together(race_polls, any_database_url, [T0])
    polls = [poll for process in reports for poll in process[0]]
    assert sorted(poll[1] for poll in polls) == ["ingested", "ingested"]
    assert sum(poll[3] for poll in polls) == 3  # stories 20, 21, 22 stored
    assert sum(poll[4] for poll in polls) == 1  # story 21, met again in the other feed
    identities = stored_identities(any_database_url)
    assert sorted(identities) == sorted({f"{base}/news/{n}.html" for n in (20, 21, 22)})
