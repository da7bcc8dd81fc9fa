"""One digest delivered: claim it in the database, build it, post it, record the outcome.

The database is the truth about what was sent: every digest is claimed (channel and
"daily:YYYY-MM-DD") before it is posted and finished after, so restarts, overlapping runs, retries
and several bot processes on one database never post it twice. The scheduler (bot/jobs/schedule.py)
only decides *when* to look; `run_digest` decides *whether*.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from bot.chat.digest import digest_reply, unsent_period
from bot.chat.messages import Outbox, Reply
from bot.clock import aware, naive_utc
from bot.jobs.alerts import post_reply
from bot.jobs.slots import latest_slot, period_key, scheduled_time, too_late
from bot.storage import DeliveryStatus

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

DigestOutcome = Literal[
    "sent",  # posted with quotes
    "empty-sent",  # posted, saying nothing new
    "duplicate",  # already claimed or sent (by this or another process)
    "skipped",  # too late: past the grace, or its day is over
    "failed",  # building or posting failed; retried while within the grace
    "no-outbox",  # no adapter for the platform runs here
    "no-subscription",  # unsubscribed before the job ran
]
# "sending" with no finish: maybe posted, so never resent unless its process is found dead;
# "abandoned": left sending by two processes that died, given up (bot/storage/deliveries.py).
DONE_STATUSES: tuple[DeliveryStatus, ...] = ("sent", "skipped", "sending", "abandoned")


@dataclass(frozen=True)
class CatchUp:
    """What the catch-up pass did for one channel."""

    platform: str
    channel_id: str
    outcome: DigestOutcome


@dataclass(frozen=True)
class _Plan:
    """A claimed delivery, built and ready to post."""

    period_key: str
    reply: Reply


async def run_digest(
    app: App,
    outboxes: Mapping[str, Outbox],
    platform: str,
    channel_id: str,
    *,
    scheduled_for: dt.datetime | None = None,
) -> DigestOutcome:
    """Claim, post, record one channel's digest; says what happened."""
    outbox = outboxes.get(platform)
    if outbox is None:
        return "no-outbox"
    plan = await asyncio.to_thread(_plan, app, platform, channel_id, scheduled_for)
    if isinstance(plan, str):  # ended before posting: duplicate, skipped, ...
        return plan
    try:
        await post_reply(outbox, channel_id, plan.reply)
    except Exception as exc:
        log.exception(
            "posting the digest to %s/%s failed; it is retried while within the grace",
            platform,
            channel_id,
        )
        detail = f"{type(exc).__name__}: {exc}"[:500]
        await asyncio.to_thread(
            app.channels.finish_delivery,
            platform,
            channel_id,
            plan.period_key,
            status="failed",
            detail=detail,
        )
        return "failed"
    await asyncio.to_thread(
        app.channels.finish_delivery, platform, channel_id, plan.period_key, status="sent"
    )
    log.info("sent the digest %s to %s/%s", plan.period_key, platform, channel_id)
    return "sent" if plan.reply.digest else "empty-sent"


async def catch_up(
    app: App, outboxes: Mapping[str, Outbox], *, include_missing: bool = True
) -> list[CatchUp]:
    """Send (within grace) or skip today's due, unsent digests; failed ones are retried.

    First, digests left 'sending' by a process that died are marked failed, so they are retried
    (once: see DeliveryStore.recover_deliveries) instead of being silently dropped.
    """
    await asyncio.to_thread(app.channels.recover_deliveries)
    now = app.clock()
    done = []
    subs = await asyncio.to_thread(app.channels.subscriptions)
    for sub in subs:
        if sub.platform not in outboxes:
            continue
        slot = scheduled_time(sub, now.astimezone(ZoneInfo(sub.tz)).date())
        if slot > now:
            continue
        key = period_key(slot, sub.tz)
        status = await asyncio.to_thread(
            app.channels.delivery_status, sub.platform, sub.channel_id, key
        )
        if status in DONE_STATUSES or (status is None and not include_missing):
            continue
        outcome = await run_digest(app, outboxes, sub.platform, sub.channel_id, scheduled_for=slot)
        done.append(CatchUp(sub.platform, sub.channel_id, outcome))
    return done


def _plan(
    app: App, platform: str, channel_id: str, scheduled_for: dt.datetime | None
) -> _Plan | DigestOutcome:
    """Decide and claim (sync, in a worker thread): the database says whether to send."""
    sub = app.channels.subscription(platform, channel_id)
    if sub is None:
        return "no-subscription"
    now = app.clock()
    slot = aware(scheduled_for) if scheduled_for else latest_slot(sub, now)
    key = period_key(slot, sub.tz)
    period = unsent_period(app, platform, channel_id, now=now)
    cutoff = period.until or naive_utc(now)
    if not app.channels.claim_delivery(platform, channel_id, key, cutoff):
        log.info("digest %s for %s/%s was already claimed or sent", key, platform, channel_id)
        return "duplicate"
    late_reason = too_late(sub, slot, now, grace_minutes=app.settings.digest_grace_minutes)
    if late_reason:
        log.warning("skipped the digest %s for %s/%s: %s", key, platform, channel_id, late_reason)
        app.channels.finish_delivery(
            platform, channel_id, key, status="skipped", detail=late_reason
        )
        return "skipped"
    try:
        reply = digest_reply(app, period, speakers=sub.speakers, keywords=sub.keywords, tz=sub.tz)
    except Exception as exc:
        log.exception("building the digest %s for %s/%s failed", key, platform, channel_id)
        app.channels.finish_delivery(
            platform, channel_id, key, status="failed", detail=repr(exc)[:500]
        )
        return "failed"
    return _Plan(key, reply)
