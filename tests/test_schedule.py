"""Daily digests: jobs per subscription, once per period through restarts, catch-up within grace.

Job functions are called directly with the clock set (no waiting on the real clock).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.app import App
from bot.chat.digest import digest_reply, naive_utc, parse_period
from bot.chat.messages import Request
from bot.jobs.deliver import CatchUp
from bot.jobs.schedule import POLL_JOB_ID, DigestScheduler, start_background
from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone
from bot.settings import Settings
from tests.conftest import FixedClock, make_article
from tests.fakes import AsyncFakeOutbox, FakeOutbox

KYIV = ZoneInfo("Europe/Kyiv")
JOB = "digest:slack:C1"


def kyiv(hour: int, minute: int = 0, *, day: int = 20, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, 11, day, hour, minute, tzinfo=KYIV)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(kyiv(7, 0))


@pytest.fixture
def app(settings, clock):
    application = App(settings, clock=clock)
    yield application
    application.close()


@pytest.fixture
def outbox() -> FakeOutbox:
    return FakeOutbox("slack")


def send(app, text: str, *, channel: str = "C1", platform: str = "slack"):
    return app.handle(Request(text=text, user_id="U1", channel_id=channel, platform=platform))


def add_quotes(app, title: str, rows: list[tuple[str, str]], *, at: dt.datetime) -> None:
    """Store hand-made quotes as ingested at `at` (the store's own clock would be the real one)."""
    text = " ".join(quote for _speaker, quote in rows)
    quotes, start = [], 0
    for speaker, quote in rows:
        quotes.append(
            Quote(
                speaker=speaker,
                speaker_as_written=speaker,
                text=quote,
                kind="direct",
                cue="said",
                start=start,
                end=start + len(quote),
            )
        )
        start += len(quote) + 1
    article = make_article(
        text, title=title, url=f"https://news.example/{title.lower().replace(' ', '-')}"
    )
    app.store.add_article(article, quotes, [score_tone(q.text) for q in quotes], now=naive_utc(at))


def restart(settings, clock, outboxes) -> DigestScheduler:
    """A new process on the same database: a new App and a new scheduler."""
    return DigestScheduler(App(settings, clock=clock), outboxes)


async def run_job(digests: DigestScheduler, ident: str = JOB) -> str:
    """Call the registered job function exactly as APScheduler would."""
    job = digests.scheduler.get_job(ident)
    return await job.func(*job.args, **job.kwargs)


# ---- jobs follow the subscriptions ---------------------------------------


def test_subscribing_adds_a_cron_job_in_the_channel_timezone(app, outbox):
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    job = digests.scheduler.get_job(JOB)
    assert isinstance(job.trigger, CronTrigger)
    assert str(job.trigger.timezone) == "Europe/Kyiv"
    assert job.next_run_time == kyiv(8, 0)
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 720 * 60)
    assert job.func == digests.run_digest
    assert job.args == ("slack", "C1")


@pytest.mark.parametrize("started", [False, True])
async def test_unsubscribe_removes_and_resubscribe_replaces_the_job_at_once(
    app, outbox, clock, started
):
    digests = DigestScheduler(app, [outbox])
    if started:
        digests.start(paused=True)
    send(app, "subscribe 08:00 Europe/Kyiv")
    send(app, "unsubscribe")
    assert digests.scheduler.get_job(JOB) is None
    clock.now = kyiv(8, 1)
    send(app, "subscribe 09:30 Europe/Kyiv")
    send(app, "subscribe 09:45 Europe/Kyiv")
    assert [job.next_run_time for job in digests.digest_jobs()] == [kyiv(9, 45)]
    digests.shutdown()


def test_only_platforms_with_an_outbox_get_jobs_and_sync_drops_stale_ones(app, outbox):
    digests = DigestScheduler(app, {"slack": outbox})
    send(app, "subscribe 08:00 Europe/Kyiv", platform="discord", channel="D1")
    send(app, "subscribe 09:00 Europe/Kyiv", channel="C2")
    assert [job.id for job in digests.digest_jobs()] == ["digest:slack:C2"]
    app.channels.unsubscribe(
        "slack", "C2"
    )  # changed behind the scheduler's back, e.g. by another process
    digests.sync_jobs()
    assert digests.digest_jobs() == []


# ---- never twice, never lost ----------------------------------------------


async def test_digest_posts_once_after_0800_and_a_restart_posts_nothing_more(
    app, settings, clock, outbox
):
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    add_quotes(
        app,
        "Harbour reopens",
        [
            ("Mara Quill", "We are delighted the harbour is open again."),
            ("Tobias Fenn", "The delays were a disgrace."),
        ],
        at=kyiv(7, 30),
    )
    clock.now = kyiv(8, 0) + dt.timedelta(seconds=30)
    assert await run_job(digests) == "sent"
    assert await run_job(digests) == "duplicate"
    assert len(outbox.posts) == 1
    post = outbox.posts[0]
    assert post.channel_id == "C1"
    assert post.reply.digest.quote_count == 2
    assert post.reply.title == "Quote digest: the last week"
    assert app.channels.delivery_status("slack", "C1", "daily:2026-11-20") == "sent"

    clock.advance(minutes=5)
    again = restart(settings, clock, [outbox])
    again.sync_jobs()
    assert await again.catch_up() == []
    assert await run_job(again) == "duplicate"
    assert len(outbox.posts) == 1


async def test_the_next_digest_covers_only_what_was_not_sent(app, clock, outbox):
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    add_quotes(app, "Old news", [("Mara Quill", "Yesterday's quote.")], at=kyiv(7, 30))
    clock.now = kyiv(8, 0)
    assert await run_job(digests) == "sent"
    add_quotes(app, "New news", [("Tobias Fenn", "Today's quote is a good one.")], at=kyiv(12, 0))
    clock.now = kyiv(8, 0, day=21)
    assert await run_job(digests) == "sent"
    second = outbox.posts[1].reply
    assert second.title == "Quote digest: since your last digest"
    assert [q.text for s in second.digest.speakers for q in s.quotes] == [
        "Today's quote is a good one."
    ]


async def test_an_empty_period_still_posts_one_line(app, clock, outbox):
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    clock.now = kyiv(8, 0)
    assert await run_job(digests) == "empty-sent"
    reply = outbox.posts[0].reply
    assert reply.digest is None
    assert reply.title is None
    assert reply.text == "No new quotes since 2026-11-13 08:00 Europe/Kyiv."


async def test_stopped_before_0800_and_started_at_0820_sends_the_missed_digest_once(
    app, settings, clock, outbox
):
    before = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    before.shutdown()  # the bot stops at 07:00 and nothing runs at 08:00
    clock.now = kyiv(8, 20)
    digests = restart(settings, clock, [outbox])
    assert await digests.catch_up() == [CatchUp("slack", "C1", "empty-sent")]
    assert await digests.catch_up() == []
    assert len(outbox.posts) == 1


async def test_started_at_2300_beyond_the_grace_skips_and_logs(tmp_path, clock, outbox, caplog):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'q.db'}", digest_grace_minutes=600)
    app = App(settings, clock=clock)
    send(app, "subscribe 08:00 Europe/Kyiv")
    clock.now = kyiv(23, 0)
    digests = restart(settings, clock, [outbox])
    digests.sync_jobs()
    with caplog.at_level(logging.WARNING, logger="bot.jobs.deliver"):
        assert await digests.catch_up() == [CatchUp("slack", "C1", "skipped")]
    assert outbox.posts == []
    assert app.channels.delivery_status("slack", "C1", "daily:2026-11-20") == "skipped"
    assert "skipped the digest daily:2026-11-20 for slack/C1" in caplog.text
    assert "900 min late, more than the 600 min grace" in caplog.text
    assert await run_job(digests) == "duplicate"
    assert outbox.posts == []
    app.close()


async def test_a_late_run_after_local_midnight_is_skipped(app, clock, outbox, caplog):
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 23:50 Europe/Kyiv")
    clock.now = kyiv(0, 10, day=21)  # within the 12 h grace, but the day it was for is over
    with caplog.at_level(logging.WARNING, logger="bot.jobs.deliver"):
        assert await run_job(digests) == "skipped"
    assert "that day is over" in caplog.text
    assert app.channels.delivery_status("slack", "C1", "daily:2026-11-20") == "skipped"


async def test_a_failed_post_is_recorded_and_retried_once_within_grace(app, clock, caplog):
    outbox = FakeOutbox("slack", fail=True)
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    clock.now = kyiv(8, 0)
    with caplog.at_level(logging.ERROR, logger="bot.jobs.deliver"):
        assert await run_job(digests) == "failed"
    assert "posting the digest to slack/C1 failed" in caplog.text
    assert app.channels.delivery_status("slack", "C1", "daily:2026-11-20") == "failed"
    outbox.fail = False
    clock.now = kyiv(8, 10)
    assert await digests.catch_up(include_missing=False) == [CatchUp("slack", "C1", "empty-sent")]
    assert await digests.catch_up(include_missing=False) == []
    assert len(outbox.posts) == 1


async def test_the_retry_pass_leaves_never_attempted_digests_alone(app, clock, outbox):
    send(app, "subscribe 08:00 Europe/Kyiv")
    clock.now = kyiv(9, 0)
    digests = DigestScheduler(app, [outbox])
    assert await digests.catch_up(include_missing=False) == []
    assert outbox.posts == []


async def test_an_async_outbox_is_awaited(app, clock):
    outbox = AsyncFakeOutbox("discord")
    digests = DigestScheduler(app, {"discord": outbox})
    send(app, "subscribe 08:00 Europe/Kyiv", platform="discord", channel="D1")
    clock.now = kyiv(8, 0)
    assert await run_job(digests, "digest:discord:D1") == "empty-sent"
    assert [post.channel_id for post in outbox.posts] == ["D1"]


async def test_keywords_of_the_subscription_filter_the_digest(app, clock, outbox):
    digests = DigestScheduler(app, [outbox])
    send(app, 'subscribe 08:00 Europe/Kyiv --keywords "harbour"')
    add_quotes(
        app,
        "Two topics",
        [
            ("Mara Quill", "The harbour must stay open."),
            ("Tobias Fenn", "The library needs money."),
        ],
        at=kyiv(7, 0),
    )
    clock.now = kyiv(8, 0)
    assert await run_job(digests) == "sent"
    reply = outbox.posts[0].reply
    assert reply.title == "Quote digest: the last week, following keywords: harbour"
    assert reply.digest.quote_count == 1


async def test_the_cli_digest_and_the_channel_digest_are_the_same(tmp_path, clock, outbox):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'q.db'}", digest_max_window_hours=24)
    app = App(settings, clock=clock)
    digests = DigestScheduler(app, [outbox])
    send(app, "subscribe 08:00 Europe/Kyiv")
    add_quotes(
        app,
        "Harbour reopens",
        [("Mara Quill", "We are delighted the harbour is open again.")],
        at=kyiv(6, 0),
    )
    add_quotes(app, "Too old", [("Tobias Fenn", "This was two days ago.")], at=kyiv(6, 0, day=18))
    clock.now = kyiv(8, 0)
    cli_reply = digest_reply(app, parse_period("24h", now=clock()))
    assert await run_job(digests) == "sent"
    assert outbox.posts[0].reply == cli_reply
    assert cli_reply.digest.quote_count == 1
    # `quotebot digest --since 24h` asks the router, as the CLI does today: the same digest, as
    # text only (the chart is for Slack and Discord).
    assert send(app, "digest 24h", platform="console", channel="cli") == replace(
        cli_reply, deferred_image=None
    )
    assert cli_reply.deferred_image is not None
    app.close()


# ---- running for real: the scheduler in a process -------------------------


def test_start_background_without_a_loop_runs_in_its_own_thread(settings):
    # Far in the future, so the real clock never reaches the cron times while the thread runs.
    clock = FixedClock(kyiv(8, 20, year=2030))
    app = App(settings, clock=clock)
    outbox = FakeOutbox("slack")
    send(app, "subscribe 08:00 Europe/Kyiv")
    digests = start_background(app, [outbox])
    try:
        assert outbox.posted.wait(10), "the start-up catch-up never posted"
        assert {job.id for job in digests.scheduler.get_jobs()} >= {JOB, POLL_JOB_ID}
        send(app, "unsubscribe")  # from this thread, as Slack's handler threads do
        assert digests.scheduler.get_job(JOB) is None
    finally:
        digests.shutdown()
        app.close()
    assert not digests.thread.is_alive()
    assert len(outbox.posts) == 1


async def test_start_background_inside_a_loop_shares_it(settings):
    clock = FixedClock(kyiv(8, 20, year=2030))
    app = App(settings, clock=clock)
    outbox = AsyncFakeOutbox("discord")
    send(app, "subscribe 08:00 Europe/Kyiv", platform="discord", channel="D1")
    digests = start_background(app, {"discord": outbox})
    assert await asyncio.to_thread(outbox.posted.wait, 10), "the start-up catch-up never posted"
    assert digests.scheduler.running
    digests.shutdown()
    await asyncio.sleep(0)  # AsyncIOScheduler shuts down on its loop
    assert not digests.scheduler.running
    assert len(outbox.posts) == 1
    app.close()
