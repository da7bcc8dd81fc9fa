"""A speaker's quotes per day with their average tone: what a chart draws."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.storage.models import QuoteRow, SpeakerRow

if TYPE_CHECKING:
    from bot.storage.store import Store


@dataclass(frozen=True)
class DayPoint:
    day: dt.date
    quotes: int
    average: float


def day_points(store: Store, speaker: str, *, since: dt.date) -> list[DayPoint]:
    """One point per publication day (else the day stored) from `since` on, oldest first."""
    stmt = (
        select(QuoteRow.published, QuoteRow.ingested_at, QuoteRow.compound)
        .join(SpeakerRow, SpeakerRow.id == QuoteRow.speaker_id)
        .where(SpeakerRow.name == speaker)
    )
    # Grouped here rather than in SQL: date functions differ between SQLite and PostgreSQL, and
    # one speaker's rows are few next to the table.
    sums: dict[dt.date, tuple[int, float]] = {}
    with store.engine.connect() as conn:
        for published, stored, compound in conn.execute(stmt):
            when = published or stored.date()
            if when >= since:
                count, total = sums.get(when, (0, 0.0))
                sums[when] = (count + 1, total + compound)
    return [DayPoint(d, n, round(t / n, 3)) for d, (n, t) in sorted(sums.items())]
