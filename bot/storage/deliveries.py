"""Deliveries: the database is the truth about what was sent, claimed compare-and-set.

A digest is claimed ('sending') before it is posted and finished after. A claim is an insert that
tolerates a twin, or an UPDATE ... WHERE status = 'failed' whose row count says who won, so two
processes retrying the same digest post it once. A claim left by a process that died is found at
restart and retried once (recover_deliveries).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Literal, cast

from sqlalchemy import CursorResult, Result, Select, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import utcnow
from bot.storage.models import DeliveryRow
from bot.storage.owners import claim_is_dead, process_owner
from bot.storage.speakers import insert_ignoring_twins

log = logging.getLogger(__name__)

# The values stored in deliveries.status: claimed and maybe posted, posted, failed (may be
# retried), too late, or left sending twice by processes that died (given up).
DeliveryStatus = Literal["sending", "sent", "failed", "skipped", "abandoned"]


class DeliveryStore:
    """Digest deliveries (the channel store's part that several processes race for)."""

    session: sessionmaker[Session]

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
        if rows_touched(retried) != 1:
            log.info("delivery %s/%s/%s already claimed", platform, channel_id, period_key)
        return rows_touched(retried) == 1

    def finish_delivery(
        self,
        platform: str,
        channel_id: str,
        period_key: str,
        *,
        status: DeliveryStatus,
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
        earlier life); any claim, when older than STALE_CLAIM (a live pid that old belongs to
        another program). One already retried after such a death is given up, and logged.
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
        status: DeliveryStatus = "abandoned" if given_up else "failed"
        detail = f"left sending by a stopped process ({row.owner or 'unknown'})"
        with self.session.begin() as s:
            moved = s.execute(
                update(DeliveryRow)
                .where(
                    DeliveryRow.id == row.id,
                    DeliveryRow.status == "sending",
                    DeliveryRow.started_at == row.started_at,
                )
                .values(status=status, detail=detail, finished_at=now)
            )
            done = rows_touched(moved) == 1
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
                "digest %s/%s/%s was left sending by a stopped process (%s); it is retried once "
                "while still due, else its quotes go into the channel's next digest",
                row.platform,
                row.channel_id,
                row.period_key,
                row.owner or "unknown",
            )
        return done and not given_up

    def delivery_status(
        self, platform: str, channel_id: str, period_key: str
    ) -> DeliveryStatus | None:
        with self.session() as s:
            row = s.scalar(_delivery(platform, channel_id, period_key))
            return cast(DeliveryStatus, row.status) if row else None

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


def _delivery_where(platform: str, channel_id: str, period_key: str) -> tuple[Any, ...]:
    return (
        DeliveryRow.platform == platform,
        DeliveryRow.channel_id == channel_id,
        DeliveryRow.period_key == period_key,
    )


def _delivery(platform: str, channel_id: str, period_key: str) -> Select[DeliveryRow]:
    return select(DeliveryRow).where(*_delivery_where(platform, channel_id, period_key))


def rows_touched(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched."""
    return int(cast(CursorResult[Any], result).rowcount)
