"""What the chat side keeps: subscriptions, digest deliveries, feeds."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from bot.clock import utcnow
from bot.storage.deliveries import DeliveryStore, rows_touched
from bot.storage.models import FeedRow, SubscriptionRow
from bot.storage.speakers import insert_ignoring_twins

if TYPE_CHECKING:
    from bot.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel_id: str
    time: str  # "HH:MM"
    tz: str  # IANA name
    speakers: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_polled: dt.datetime | None
    next_poll: dt.datetime | None
    failures: int
    last_error: str | None


class ChannelStore(DeliveryStore):
    """Subscriptions, deliveries and feeds, over the same engine as the Store."""

    def __init__(self, store: Store):
        # Writes begin IMMEDIATE on SQLite: a read-then-write never meets a stale snapshot.
        self.session = store.write_session

    # ---- subscriptions -------------------------------------------------

    def subscribe(self, sub: Subscription, *, user_id: str | None = None) -> bool:
        """Create or change a channel's subscription; True when it is new."""
        with self.session.begin() as s:
            row = s.scalar(_sub_where(select(SubscriptionRow), sub.platform, sub.channel_id))
            created = row is None
            if created:
                row = SubscriptionRow(
                    platform=sub.platform, channel_id=sub.channel_id, created_by=user_id
                )
                s.add(row)
            row.time, row.tz = sub.time, sub.tz
            row.speakers = ",".join(sub.speakers) or None
            row.keywords = ",".join(sub.keywords) or None
            row.updated_at = utcnow()
            return created

    def unsubscribe(self, platform: str, channel_id: str) -> bool:
        with self.session.begin() as s:
            result = s.execute(_sub_where(delete(SubscriptionRow), platform, channel_id))
            return rows_touched(result) > 0

    def subscription(self, platform: str, channel_id: str) -> Subscription | None:
        with self.session() as s:
            row = s.scalar(_sub_where(select(SubscriptionRow), platform, channel_id))
            return _subscription(row) if row else None

    def subscriptions(self, platform: str | None = None) -> list[Subscription]:
        stmt = select(SubscriptionRow).order_by(
            SubscriptionRow.platform, SubscriptionRow.channel_id
        )
        if platform:
            stmt = stmt.where(SubscriptionRow.platform == platform)
        with self.session() as s:
            return [_subscription(row) for row in s.scalars(stmt)]

    # ---- feeds ----------------------------------------------------------

    def add_feed(self, url: str, *, user_id: str | None = None) -> bool:
        """Add a feed; False when it was already there."""
        with self.session.begin() as s:
            added = insert_ignoring_twins(
                s.connection(), FeedRow, url=url, added_by=user_id, added_at=utcnow(), failures=0
            )
            return added is not None

    def remove_feed(self, url: str) -> bool:
        with self.session.begin() as s:
            return rows_touched(s.execute(delete(FeedRow).where(FeedRow.url == url))) > 0

    def feeds(self) -> list[Feed]:
        with self.session() as s:
            return [_feed(row) for row in s.scalars(select(FeedRow).order_by(FeedRow.id))]

    def claim_feed(self, feed_id: int, *, seen: dt.datetime | None, until: dt.datetime) -> bool:
        """Take the feed's next poll for this process until `until`; False when another took it.

        Compare-and-set on the `next_poll` this process read: of several processes (a Slack bot, a
        Discord bot, a poller) that saw the feed due, exactly one moves it on and polls it.
        """
        was = FeedRow.next_poll.is_(None) if seen is None else FeedRow.next_poll == seen
        with self.session.begin() as s:
            result = s.execute(
                update(FeedRow).where(FeedRow.id == feed_id, was).values(next_poll=until)
            )
            return rows_touched(result) == 1

    def record_poll(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        next_poll: dt.datetime | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        """Remember a poll's validators, or count a failure for backoff."""
        now = now or utcnow()
        with self.session.begin() as s:
            row = s.get(FeedRow, feed_id)
            if row is None:
                return
            row.last_polled, row.next_poll = now, next_poll
            if error:
                row.failures, row.last_error = row.failures + 1, error
                return
            row.failures, row.last_error = 0, None
            row.title = title or row.title
            row.etag, row.last_modified = etag or row.etag, last_modified or row.last_modified


def _sub_where(stmt: Any, platform: str, channel_id: str) -> Any:
    return stmt.where(
        SubscriptionRow.platform == platform, SubscriptionRow.channel_id == channel_id
    )


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        row.platform, row.channel_id, row.time, row.tz, _split(row.speakers), _split(row.keywords)
    )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _feed(row: FeedRow) -> Feed:
    return Feed(
        row.id,
        row.url,
        row.title,
        row.etag,
        row.last_modified,
        row.last_polled,
        row.next_poll,
        row.failures,
        row.last_error,
    )
