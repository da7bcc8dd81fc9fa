"""What the chat side keeps: subscriptions, digest deliveries, feeds."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from bot.clock import utcnow
from bot.storage.models import DeliveryRow, FeedRow, SubscriptionRow
from bot.storage.owners import claim_is_dead, process_owner
from bot.storage.speakers import insert_ignoring_twins

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

    def __init__(self, store):
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
        """Record a delivery as 'sending' before posting; False when it was already claimed or sent.

        Compare-and-set: a new row is inserted unless one exists, and a failed one is taken only
        while it is still failed, so of two processes retrying the same digest exactly one wins.
        """
        where = _delivery_where(platform, channel_id, period_key)
        with self.session.begin() as s:
            conn = s.connection()
            inserted = insert_ignoring_twins(
                conn,
                DeliveryRow,
                platform=platform,
                channel_id=channel_id,
                period_key=period_key,
                status="sending",
                cutoff=cutoff,
                started_at=utcnow(),
                owner=process_owner(),
                attempts=1,
            )
            if inserted is not None:
                return True
            retried = conn.execute(
                update(DeliveryRow)
                .where(*where, DeliveryRow.status == "failed")
                .values(
                    status="sending",
                    started_at=utcnow(),
                    cutoff=cutoff,
                    owner=process_owner(),
                    attempts=DeliveryRow.attempts + 1,
                )
            )
        if retried.rowcount != 1:
            log.info("delivery %s/%s/%s already claimed", platform, channel_id, period_key)
        return retried.rowcount == 1

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

    def recover_deliveries(self, *, now: dt.datetime | None = None) -> list[str]:
        """Deliveries left 'sending' by a process that died: marked failed (to be retried once).

        A claim by a process of this machine is dead when its pid is gone (or is ours from an
        earlier life); a claim from another machine, or from before owners were kept, when older
        than STALE_CLAIM. One already retried after such a death is given up, and logged.
        """
        now = now or utcnow()
        recovered = []
        with self.session() as s:
            rows = s.execute(
                select(
                    DeliveryRow.id,
                    DeliveryRow.owner,
                    DeliveryRow.started_at,
                    DeliveryRow.attempts,
                    DeliveryRow.platform,
                    DeliveryRow.channel_id,
                    DeliveryRow.period_key,
                ).where(DeliveryRow.status == "sending")
            ).all()
        for row in rows:
            if not claim_is_dead(row.owner, row.started_at, now):
                continue
            if self._recover(row, now):
                recovered.append(f"{row.platform}/{row.channel_id}/{row.period_key}")
        return recovered

    def _recover(self, row: Any, now: dt.datetime) -> bool:
        given_up = (row.attempts or 0) > 1
        status = "abandoned" if given_up else "failed"
        detail = f"left sending by a stopped process ({row.owner or 'unknown'})"
        with self.session.begin() as s:
            done = (
                s.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.id == row.id,
                        DeliveryRow.status == "sending",
                        DeliveryRow.started_at == row.started_at,
                    )
                    .values(status=status, detail=detail, finished_at=now)
                ).rowcount
                == 1
            )
        if done and given_up:
            log.error(
                "digest %s/%s/%s was left sending twice by stopped processes; it may have "
                "been posted, so it is not retried again",
                row.platform,
                row.channel_id,
                row.period_key,
            )
        elif done:
            log.warning(
                "digest %s/%s/%s was left sending by a stopped process (%s); it is retried once",
                row.platform,
                row.channel_id,
                row.period_key,
                row.owner or "unknown",
            )
        return done and not given_up

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
            added = insert_ignoring_twins(
                s.connection(), FeedRow, url=url, added_by=user_id, added_at=utcnow(), failures=0
            )
            return added is not None

    def remove_feed(self, url: str) -> bool:
        with self.session.begin() as s:
            return s.execute(delete(FeedRow).where(FeedRow.url == url)).rowcount > 0

    def feeds(self) -> list[Feed]:
        with self.session() as s:
            return [_feed(row) for row in s.scalars(select(FeedRow).order_by(FeedRow.id))]

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


def _delivery_where(platform: str, channel_id: str, period_key: str) -> tuple[Any, ...]:
    return (
        DeliveryRow.platform == platform,
        DeliveryRow.channel_id == channel_id,
        DeliveryRow.period_key == period_key,
    )


def _delivery(platform: str, channel_id: str, period_key: str):
    return select(DeliveryRow).where(*_delivery_where(platform, channel_id, period_key))


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
