"""Follow alerts: each new quote of a followed speaker goes to the channel once, in batches.

Run by the scheduler every ALERT_MINUTES (tests call `send_alerts` directly). Per channel and round:
read what is new after each follow's cursor; claim the round's alert slot for the channel (a
delivery row, so at most one post per channel per slot across processes); move each cursor
compare-and-set (only the process that moves it posts those quotes); post one message; on a
failed post move the cursors back, so the next round tries again. Quotes of articles published
long before they were stored (a backfill of old articles) move the cursor and are never posted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Literal

from bot.chat.messages import Outbox, QuoteView, Reply
from bot.clock import naive_utc
from bot.storage.follows import Follow, Fresh
from bot.text import plural

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

MAX_SHOWN = 10  # quotes in one alert; the rest are counted, with the command that shows them
SLOT_PREFIX = "alerts:"


@dataclass(frozen=True)
class AlertOutcome:
    platform: str
    channel_id: str
    outcome: Literal["sent", "nothing", "old-news", "held", "failed"]  # held: slot or quotes taken
    quotes: int = 0


@dataclass
class _Plan:
    key: str
    claimed: list[Fresh] = field(default_factory=list)
    reply: Reply | None = None


async def send_alerts(
    app: App, outboxes: Mapping[str, Outbox] | Iterable[Outbox]
) -> list[AlertOutcome]:
    """One round of alerts for every channel that follows someone, on platforms with an outbox."""
    boxes = dict(outboxes) if isinstance(outboxes, Mapping) else {o.platform: o for o in outboxes}
    outcomes = []
    for platform, outbox in boxes.items():
        follows = await asyncio.to_thread(app.follows.follows, platform)
        for channel_id, group in groupby(follows, key=lambda f: f.channel_id):
            outcome = await _alert_channel(app, outbox, platform, channel_id, list(group))
            outcomes.append(outcome)
    return outcomes


async def post_reply(outbox: Outbox, channel_id: str, reply: Reply) -> None:
    """Call the outbox: a coroutine function on this loop, a plain one in a worker thread."""
    if inspect.iscoroutinefunction(outbox.post):
        await outbox.post(channel_id, reply)
        return
    post: Callable[[str, Reply], object] = (
        outbox.post
    )  # a sync post may still hand back an awaitable
    result = await asyncio.to_thread(post, channel_id, reply)
    if inspect.isawaitable(result):
        await result


def slot_key(now: dt.datetime, minutes: int) -> str:
    """The alert slot `now` falls in: one post per channel per slot."""
    moment = naive_utc(now)
    minute = moment.hour * 60 + moment.minute
    start = minute - minute % max(1, minutes)
    return f"{SLOT_PREFIX}{moment:%Y-%m-%d}T{start // 60:02d}:{start % 60:02d}"


async def _alert_channel(
    app: App, outbox: Outbox, platform: str, channel_id: str, follows: list[Follow]
) -> AlertOutcome:
    plan_or_outcome = await asyncio.to_thread(_plan, app, platform, channel_id, follows)
    if isinstance(plan_or_outcome, AlertOutcome):
        return plan_or_outcome
    plan = plan_or_outcome
    assert plan.reply is not None
    count = len(plan.reply.quotes)
    try:
        await post_reply(outbox, channel_id, plan.reply)
    except Exception as exc:
        log.exception("posting an alert to %s/%s failed; it is tried again", platform, channel_id)
        await asyncio.to_thread(_undo, app, plan, platform, channel_id, exc)
        return AlertOutcome(platform, channel_id, "failed", count)
    await asyncio.to_thread(
        app.channels.finish_delivery, platform, channel_id, plan.key, status="sent"
    )
    log.info("sent an alert of %s to %s/%s", plural(count, "quote"), platform, channel_id)
    return AlertOutcome(platform, channel_id, "sent", count)


def _plan(app: App, platform: str, channel_id: str, follows: list[Follow]) -> _Plan | AlertOutcome:
    """Read, claim the slot, move the cursors (sync, in a worker thread)."""
    fresh = [
        f
        for f in (app.follows.fresh(follow) for follow in follows)
        if f.new_cursor > f.follow.cursor
    ]
    if not fresh:
        return AlertOutcome(platform, channel_id, "nothing")
    if not any(f.quote_ids for f in fresh):
        for f in fresh:  # only old news: step over it quietly
            app.follows.move_cursor(f.follow.id, old=f.follow.cursor, new=f.new_cursor)
        return AlertOutcome(platform, channel_id, "old-news")
    key = slot_key(app.clock(), app.settings.alert_minutes)
    if not app.channels.claim_delivery(platform, channel_id, key, naive_utc(app.clock())):
        return AlertOutcome(platform, channel_id, "held")
    plan = _Plan(key)
    for f in fresh:
        if app.follows.move_cursor(f.follow.id, old=f.follow.cursor, new=f.new_cursor):
            plan.claimed.append(f)
    ids = [i for f in plan.claimed for i in f.quote_ids]
    if not ids:
        app.channels.finish_delivery(platform, channel_id, key, status="skipped", detail="old news")
        return AlertOutcome(platform, channel_id, "held")
    views = sorted(app.store.views_of(ids), key=lambda v: v.id)
    plan.reply = alert_reply(views)
    return plan


def alert_reply(views: list[QuoteView]) -> Reply:
    """One message for a burst: the newest quotes first, the rest counted."""
    names = list(dict.fromkeys(v.speaker for v in views))
    who = names[0] if len(names) == 1 else f"{len(names)} followed speakers"
    shown = tuple(reversed(views))[:MAX_SHOWN]
    left = len(views) - len(shown)
    text = f"{plural(len(views), 'new quote')} from {', '.join(names)}."
    if left:
        text += f" {left} more: `quotes {names[0]}`." if len(names) == 1 else f" {left} more."
    return Reply(
        title=f"New quotes from {who}",
        text=text,
        quotes=shown,
    )


def _undo(app: App, plan: _Plan, platform: str, channel_id: str, exc: Exception) -> None:
    for f in plan.claimed:
        app.follows.move_cursor(f.follow.id, old=f.new_cursor, new=f.follow.cursor)
    app.channels.finish_delivery(
        platform, channel_id, plan.key, status="failed", detail=f"{type(exc).__name__}: {exc}"[:500]
    )
