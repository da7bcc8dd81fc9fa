"""What the chat side keeps: subscriptions, digest deliveries, feeds."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.clock import utcnow
from bot.storage.models import DeliveryRow, FeedRow, SubscriptionRow

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


class ChannelStore:
    """Subscriptions, deliveries and feeds, over the same engine as the Store."""

    def __init__(self, store: Store) -> None:
        self.session = store.session

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
            return result.rowcount > 0

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

    # ---- deliveries: the database is the truth about what was sent ------

    def claim_delivery(
        self, platform: str, channel_id: str, period_key: str, cutoff: dt.datetime
    ) -> bool:
        """Record a delivery as 'sending' before posting; False when it was already claimed or sent."""
        try:
            with self.session.begin() as s:
                old = s.scalar(_delivery(platform, channel_id, period_key))
                if old is not None:
                    if old.status != "failed":
                        return False
                    old.status, old.started_at, old.cutoff = "sending", utcnow(), cutoff
                    return True
                s.add(
                    DeliveryRow(
                        platform=platform,
                        channel_id=channel_id,
                        period_key=period_key,
                        status="sending",
                        cutoff=cutoff,
                    )
                )
                return True
        except IntegrityError:  # another process claimed it between our read and write
            log.info("delivery %s/%s/%s already claimed", platform, channel_id, period_key)
            return False

    def finish_delivery(
        self,
        platform: str,
        channel_id: str,
        period_key: str,
        *,
        status: str,
        detail: str | None = None,
    ) -> None:
        """Record the outcome: sent, failed (may be retried) or skipped."""
        with self.session.begin() as s:
            row = s.scalar(_delivery(platform, channel_id, period_key))
            if row is None:
                row = DeliveryRow(platform=platform, channel_id=channel_id, period_key=period_key)
                s.add(row)
            row.status, row.detail, row.finished_at = status, detail, utcnow()

    def delivery_status(self, platform: str, channel_id: str, period_key: str) -> str | None:
        with self.session() as s:
            row = s.scalar(_delivery(platform, channel_id, period_key))
            return row.status if row else None

    def last_cutoff(self, platform: str, channel_id: str) -> dt.datetime | None:
        """Up to when the channel's last sent digest covered quotes."""
        stmt = (
            select(DeliveryRow.cutoff)
            .where(
                DeliveryRow.platform == platform,
                DeliveryRow.channel_id == channel_id,
                DeliveryRow.status == "sent",
            )
            .order_by(DeliveryRow.cutoff.desc())
            .limit(1)
        )
        with self.session() as s:
            return s.scalar(stmt)

    # ---- feeds ----------------------------------------------------------

    def add_feed(self, url: str, *, user_id: str | None = None) -> bool:
        """Add a feed; False when it was already there."""
        with self.session.begin() as s:
            if s.scalar(select(FeedRow.id).where(FeedRow.url == url)) is not None:
                return False
            s.add(FeedRow(url=url, added_by=user_id))
            return True

    def remove_feed(self, url: str) -> bool:
        with self.session.begin() as s:
            return s.execute(delete(FeedRow).where(FeedRow.url == url)).rowcount > 0

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
            return isinstance(result, CursorResult) and result.rowcount == 1

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


def _sub_where(stmt, platform: str, channel_id: str):
    return stmt.where(
        SubscriptionRow.platform == platform, SubscriptionRow.channel_id == channel_id
    )


def _delivery(platform: str, channel_id: str, period_key: str):
    return select(DeliveryRow).where(
        DeliveryRow.platform == platform,
        DeliveryRow.channel_id == channel_id,
        DeliveryRow.period_key == period_key,
    )


def _subscription(row: SubscriptionRow) -> Subscription:
    split = lambda value: tuple(v for v in (value or "").split(",") if v)  # noqa: E731
    return Subscription(
        row.platform, row.channel_id, row.time, row.tz, split(row.speakers), split(row.keywords)
    )


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
