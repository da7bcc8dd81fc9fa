"""When a channel's digest is due: its daily trigger, its slot on a day, its period key, lateness.

Pure time arithmetic on a Subscription (its "HH:MM" and zone); no database and no scheduler.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.clock import local_time
from bot.storage import Subscription


def digest_trigger(sub: Subscription) -> CronTrigger:
    """The channel's daily trigger at its local time."""
    hour, minute = (int(part) for part in sub.time.split(":"))
    return CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(sub.tz))


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


def too_late(
    sub: Subscription, slot: dt.datetime, now: dt.datetime, *, grace_minutes: int
) -> str | None:
    """Why a digest due at `slot` is no longer sent at `now` (its day is over, or past the grace),
    or None while it may still go out."""
    grace = dt.timedelta(minutes=grace_minutes)
    zone = ZoneInfo(sub.tz)
    late = now - slot
    if now.astimezone(zone).date() != slot.astimezone(zone).date():
        return f"due {local_time(slot, sub.tz)}, and that day is over ({local_time(now, sub.tz)})"
    if late > grace:
        return (
            f"due {local_time(slot, sub.tz)}, {_minutes(late)} min late, more than the "
            f"{grace.total_seconds() / 60:g} min grace (DIGEST_GRACE_MINUTES)"
        )
    return None


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)
