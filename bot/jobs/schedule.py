"""Daily digests per subscribed channel, follow alerts and feed polling, on APScheduler 3.

APScheduler only decides *when* to look; the database decides *whether*: each digest is claimed
before it is posted (bot/jobs/deliver.py), each feed poll the same way (bot/jobs/polling.py), so
restarts, overlapping runs, retries and several bot processes on one database never post twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.chat.messages import Outbox
from bot.jobs import deliver
from bot.jobs.alerts import AlertOutcome, send_alerts
from bot.jobs.deliver import CatchUp, DigestOutcome
from bot.jobs.polling import PollReport, poll_feeds
from bot.jobs.slots import digest_trigger
from bot.storage import Subscription

if TYPE_CHECKING:
    from apscheduler.job import Job

    from bot.app import App

log = logging.getLogger(__name__)

DIGEST_JOB_PREFIX = "digest:"
CATCH_UP_JOB_ID = "digests:catch-up"
RETRY_JOB_ID = "digests:retry"
POLL_JOB_ID = "feeds:poll"
ALERT_JOB_ID = "follows:alerts"
# Failed posts (a platform hiccup) are retried this often, while still within the grace.
RETRY_MINUTES = 10
# The poll job only looks for due feeds; ticking at most this far apart keeps them near their time.
MAX_POLL_TICK_MINUTES = 5


class DigestScheduler:
    """A digest job per subscribed channel (platforms with an outbox), plus alert and poll jobs."""

    def __init__(
        self,
        app: App,
        outboxes: Mapping[str, Outbox] | Iterable[Outbox],
        *,
        scheduler: AsyncIOScheduler | None = None,
    ):
        self.app = app
        self.outboxes = (
            dict(outboxes) if isinstance(outboxes, Mapping) else {o.platform: o for o in outboxes}
        )
        self.scheduler = scheduler or AsyncIOScheduler(timezone=dt.UTC)
        self._lock = threading.Lock()  # subscription changes arrive from adapters' worker threads
        self._stopped = False
        app.on_subscriptions_changed(self.sync_channel)

    def _every(self, minutes: int, job: Callable[..., Any], job_id: str, **kwargs: Any) -> None:
        """A repeating job: one run at a time, missed runs folded into one, never dropped."""
        self.scheduler.add_job(
            job,
            IntervalTrigger(minutes=minutes),
            id=job_id,
            kwargs=kwargs,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    def start(self, *, paused: bool = False) -> None:
        """Register every job, start the scheduler, and run the catch-up pass at once."""
        self.sync_jobs()
        self._every(self._poll_tick(), self.poll_job, POLL_JOB_ID)
        self._every(max(1, self.app.settings.alert_minutes), self.alert_job, ALERT_JOB_ID)
        self._every(RETRY_MINUTES, self.catch_up, RETRY_JOB_ID, include_missing=False)
        # A date job with no run date runs once, now, on the scheduler's own loop.
        self.scheduler.add_job(
            self.catch_up,
            "date",
            id=CATCH_UP_JOB_ID,
            replace_existing=True,
            misfire_grace_time=None,
        )
        self.scheduler.start(paused=paused)
        log.info(
            "scheduler started: %d digest job(s), feeds every %d min",
            len(self.digest_jobs()),
            self.app.settings.feed_poll_minutes,
        )

    def shutdown(self) -> None:
        """Stop the scheduler; later subscription changes are ignored."""
        self._stopped = True
        try:
            self.scheduler.shutdown(wait=False)
        except SchedulerNotRunningError:
            log.debug("scheduler was not running")

    def digest_jobs(self) -> list[Job]:
        return [job for job in self.scheduler.get_jobs() if job.id.startswith(DIGEST_JOB_PREFIX)]

    def sync_jobs(self) -> None:
        """Make the digest jobs match the stored subscriptions exactly."""
        wanted = set()
        for sub in self.app.channels.subscriptions():
            if sub.platform in self.outboxes:
                wanted.add(job_id(sub.platform, sub.channel_id))
                self._set_job(sub)
        for job in self.digest_jobs():
            if job.id not in wanted:
                self._remove_job(job.id)

    def sync_channel(self, platform: str, channel_id: str) -> None:
        """Listener for app.subscriptions_changed: add, replace or remove this channel's job now."""
        if self._stopped or platform not in self.outboxes:
            return
        sub = self.app.channels.subscription(platform, channel_id)
        if sub is None:
            self._remove_job(job_id(platform, channel_id))
        else:
            self._set_job(sub)

    async def run_digest(
        self, platform: str, channel_id: str, *, scheduled_for: dt.datetime | None = None
    ) -> DigestOutcome:
        """The digest job: claim, post, record (bot/jobs/deliver.py)."""
        return await deliver.run_digest(
            self.app, self.outboxes, platform, channel_id, scheduled_for=scheduled_for
        )

    async def catch_up(self, *, include_missing: bool = True) -> list[CatchUp]:
        """Send (within grace) or skip today's due, unsent digests; failed ones are retried."""
        return await deliver.catch_up(self.app, self.outboxes, include_missing=include_missing)

    async def poll_job(self) -> PollReport | None:
        """Poll the feeds that are due; a failure is logged and never stops the scheduler."""
        try:
            return await asyncio.to_thread(poll_feeds, self.app, due_only=True)
        except Exception:
            log.exception("feed polling failed; the next tick tries again")
            return None

    async def alert_job(self) -> list[AlertOutcome]:
        """Post followed speakers' new quotes; a failure is logged and never stops the scheduler."""
        try:
            return await send_alerts(self.app, self.outboxes)
        except Exception:
            log.exception("follow alerts failed; the next tick tries again")
            return []

    def _set_job(self, sub: Subscription) -> None:
        try:
            trigger = digest_trigger(sub)
        except Exception:
            log.exception(
                "cannot schedule the digest for %s/%s at %s %s",
                sub.platform,
                sub.channel_id,
                sub.time,
                sub.tz,
            )
            return
        ident = job_id(sub.platform, sub.channel_id)
        with self._lock:
            # Remove first: before start(), replace_existing would leave the old job pending too.
            if self.scheduler.get_job(ident):
                self.scheduler.remove_job(ident)
            self.scheduler.add_job(
                self.run_digest,
                trigger,
                args=(sub.platform, sub.channel_id),
                id=ident,
                name=ident,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=self.app.settings.digest_grace_minutes * 60,
                next_run_time=trigger.get_next_fire_time(None, self.app.clock()),
            )
        log.info(
            "digest for %s/%s scheduled daily at %s %s",
            sub.platform,
            sub.channel_id,
            sub.time,
            sub.tz,
        )

    def _remove_job(self, ident: str) -> None:
        with self._lock:
            if self.scheduler.get_job(ident):
                self.scheduler.remove_job(ident)
                log.info("digest job %s removed", ident)

    def _poll_tick(self) -> int:
        return max(1, min(MAX_POLL_TICK_MINUTES, self.app.settings.feed_poll_minutes))


def start_background(
    app: App, outboxes: Mapping[str, Outbox] | Iterable[Outbox]
) -> DigestScheduler:
    """Start the scheduler for a `quotebot run ...` process.

    Inside a running asyncio loop (Discord) the scheduler shares that loop, so async outboxes post
    on it. Without one (Slack's sync bolt) it gets its own loop in a daemon thread: the same
    AsyncIOScheduler and the same async `run_digest`, rather than a second BackgroundScheduler code
    path; sync outboxes are called in worker threads either way.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _start_in_thread(app, outboxes)
    digests = DigestScheduler(app, outboxes)
    digests.start()
    return digests


def job_id(platform: str, channel_id: str) -> str:
    return f"{DIGEST_JOB_PREFIX}{platform}:{channel_id}"


def _start_in_thread(
    app: App, outboxes: Mapping[str, Outbox] | Iterable[Outbox]
) -> DigestScheduler:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="quotebot-scheduler", daemon=True)
    thread.start()
    digests = _ThreadedScheduler(
        app, outboxes, scheduler=AsyncIOScheduler(timezone=dt.UTC, event_loop=loop)
    )
    digests.thread, digests.loop = thread, loop
    digests.start()
    return digests


class _ThreadedScheduler(DigestScheduler):
    """A DigestScheduler whose loop runs in its own thread; shutdown stops and closes that loop."""

    thread: threading.Thread
    loop: asyncio.AbstractEventLoop

    def shutdown(self) -> None:
        super().shutdown()  # queued on the loop before the stop below, so it runs first
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()
