"""Daily digests per subscribed channel, follow alerts and feed polling, on APScheduler 3.

The database is the truth about what was sent: every digest is claimed (channel and
"daily:YYYY-MM-DD") before it is posted and finished after, so restarts, overlapping runs, retries
and several bot processes on one database never post it twice; each feed poll is claimed the same
way (bot/jobs/polling.py). APScheduler only decides *when* to look; `run_digest` decides *whether*.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.chat.digest import digest_reply, unsent_period
from bot.chat.messages import Outbox, Reply
from bot.clock import aware, local_time, naive_utc
from bot.jobs.alerts import AlertOutcome, post_reply, send_alerts
from bot.jobs.polling import PollReport, poll_feeds
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
# "sending" with no finish: maybe posted, so never resent unless its process is found dead;
# "abandoned": left sending by two processes that died, given up (bot/storage/channels.py).
DONE_STATUSES = ("sent", "skipped", "sending", "abandoned")


@dataclass(frozen=True)
class CatchUp:
    """What the catch-up pass did for one channel."""

    platform: str
    channel_id: str
    outcome: str


@dataclass(frozen=True)
class _Plan:
    """A claimed delivery ready to post, or the outcome that ended it early."""

    outcome: str | None = None
    period_key: str = ""
    reply: Reply | None = None


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
    ) -> str:
        """The digest job: claim, post, record; says sent, empty-sent, duplicate, failed, ..."""
        outbox = self.outboxes.get(platform)
        if outbox is None:
            return "no-outbox"
        plan = await asyncio.to_thread(self._plan, platform, channel_id, scheduled_for)
        if plan.outcome or plan.reply is None:
            return plan.outcome or "nothing"
        try:
            await post_reply(outbox, channel_id, plan.reply)
        except Exception as exc:
            log.exception(
                "posting the digest to %s/%s failed; it is retried while within the grace",
                platform,
                channel_id,
            )
            await asyncio.to_thread(
                self.app.channels.finish_delivery,
                platform,
                channel_id,
                plan.period_key,
                status="failed",
                detail=f"{type(exc).__name__}: {exc}"[:500],
            )
            return "failed"
        await asyncio.to_thread(
            self.app.channels.finish_delivery, platform, channel_id, plan.period_key, status="sent"
        )
        log.info("sent the digest %s to %s/%s", plan.period_key, platform, channel_id)
        return "sent" if plan.reply.digest else "empty-sent"

    async def catch_up(self, *, include_missing: bool = True) -> list[CatchUp]:
        """Send (within grace) or skip today's due, unsent digests; failed ones are retried.

        First, digests left 'sending' by a process that died are marked failed, so they are retried
        (once: see DeliveryStore.recover_deliveries) instead of being silently dropped.
        """
        await asyncio.to_thread(self.app.channels.recover_deliveries)
        now = self.app.clock()
        done = []
        subs = await asyncio.to_thread(self.app.channels.subscriptions)
        for sub in subs:
            if sub.platform not in self.outboxes:
                continue
            slot = scheduled_time(sub, now.astimezone(ZoneInfo(sub.tz)).date())
            if slot > now:
                continue
            status = await asyncio.to_thread(
                self.app.channels.delivery_status,
                sub.platform,
                sub.channel_id,
                period_key(slot, sub.tz),
            )
            if status in DONE_STATUSES or (status is None and not include_missing):
                continue
            outcome = await self.run_digest(sub.platform, sub.channel_id, scheduled_for=slot)
            done.append(CatchUp(sub.platform, sub.channel_id, outcome))
        return done

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

    def _plan(self, platform: str, channel_id: str, scheduled_for: dt.datetime | None) -> _Plan:
        """Decide and claim (sync, in a worker thread): the database says whether to send."""
        sub = self.app.channels.subscription(platform, channel_id)
        if sub is None:
            return _Plan("no-subscription")
        now = self.app.clock()
        slot = aware(scheduled_for) if scheduled_for else latest_slot(sub, now)
        key = period_key(slot, sub.tz)
        period = unsent_period(self.app, platform, channel_id, now=now)
        cutoff = period.until or naive_utc(now)
        if not self.app.channels.claim_delivery(platform, channel_id, key, cutoff):
            log.info("digest %s for %s/%s was already claimed or sent", key, platform, channel_id)
            return _Plan("duplicate", key)
        late_reason = self._too_late(sub, slot, now)
        if late_reason:
            log.warning(
                "skipped the digest %s for %s/%s: %s", key, platform, channel_id, late_reason
            )
            self.app.channels.finish_delivery(
                platform, channel_id, key, status="skipped", detail=late_reason
            )
            return _Plan("skipped", key)
        try:
            reply = digest_reply(
                self.app, period, speakers=sub.speakers, keywords=sub.keywords, tz=sub.tz
            )
        except Exception as exc:
            log.exception("building the digest %s for %s/%s failed", key, platform, channel_id)
            self.app.channels.finish_delivery(
                platform, channel_id, key, status="failed", detail=repr(exc)[:500]
            )
            return _Plan("failed", key)
        return _Plan(None, key, reply)

    def _too_late(self, sub: Subscription, slot: dt.datetime, now: dt.datetime) -> str | None:
        grace = dt.timedelta(minutes=self.app.settings.digest_grace_minutes)
        zone = ZoneInfo(sub.tz)
        late = now - slot
        if now.astimezone(zone).date() != slot.astimezone(zone).date():
            return (
                f"due {local_time(slot, sub.tz)}, and that day is over ({local_time(now, sub.tz)})"
            )
        if late > grace:
            return (
                f"due {local_time(slot, sub.tz)}, {_minutes(late)} min late, more than the "
                f"{grace.total_seconds() / 60:g} min grace (DIGEST_GRACE_MINUTES)"
            )
        return None

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


def digest_trigger(sub: Subscription) -> CronTrigger:
    hour, minute = (int(part) for part in sub.time.split(":"))
    return CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(sub.tz))


def job_id(platform: str, channel_id: str) -> str:
    return f"{DIGEST_JOB_PREFIX}{platform}:{channel_id}"


def period_key(slot: dt.datetime, tz: str) -> str:
    """The delivery's period: the local day of its scheduled time."""
    return f"daily:{slot.astimezone(ZoneInfo(tz)).date().isoformat()}"


def scheduled_time(sub: Subscription, day: dt.date) -> dt.datetime:
    """When the channel's digest is due on `day` (local), as an aware datetime."""
    hour, minute = (int(part) for part in sub.time.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(sub.tz))


def latest_slot(sub: Subscription, now: dt.datetime) -> dt.datetime:
    """The latest scheduled time at or before `now` (yesterday's when today's is still ahead)."""
    today = now.astimezone(ZoneInfo(sub.tz)).date()
    slot = scheduled_time(sub, today)
    return slot if slot <= now else scheduled_time(sub, today - dt.timedelta(days=1))


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


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)
