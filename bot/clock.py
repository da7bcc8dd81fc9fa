"""Time in one place: the clock type, and the naive-UTC convention the database uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]  # returns an aware datetime


def utc_clock() -> dt.datetime:
    """Now, aware, in UTC: the default Clock."""
    return dt.datetime.now(dt.UTC)


def utcnow() -> dt.datetime:
    """Now as naive UTC, the form stored in the database."""
    return naive_utc(utc_clock())


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """An aware time as naive UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def aware(moment: dt.datetime) -> dt.datetime:
    """Stored times are naive UTC; make them comparable with the clock's aware ones."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def local_time(moment: dt.datetime, tz: str) -> str:
    """'2026-11-21 08:00 Europe/Kyiv' for a stored or aware time."""
    return f"{aware(moment).astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M} {tz}"
