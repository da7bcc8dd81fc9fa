"""Stored tone, re-scored in batches (`quotebot retone`), with the speakers' tone sums kept."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from bot.storage.engine import lock_writes
from bot.storage.models import QuoteRow, SpeakerRow

if TYPE_CHECKING:
    from bot.storage.store import Store

BATCH = 500


@dataclass(frozen=True)
class StoredQuote:
    id: int
    text: str


@dataclass(frozen=True)
class NewTone:
    id: int
    compound: float
    label: str


def count_quotes(store: Store) -> int:
    """How many quotes the store holds."""
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(QuoteRow)) or 0)


def stored_quotes(store: Store, *, batch: int = BATCH) -> Iterator[list[StoredQuote]]:
    """Every stored quote's id and text, in id order, `batch` at a time (keyset pages)."""
    last = 0
    while True:
        stmt = select(QuoteRow.id, QuoteRow.text).where(QuoteRow.id > last)
        with store.session() as s:
            rows = s.execute(stmt.order_by(QuoteRow.id).limit(batch)).all()
        if not rows:
            return
        yield [StoredQuote(int(r.id), r.text) for r in rows]
        last = int(rows[-1].id)


def update_tones(store: Store, tones: Sequence[NewTone]) -> int:
    """Write new tones in one transaction and move each speaker's tone sum by the change.

    On the write path, under the writers' lock: the change is read from the stored tone, so two
    runs at once (or an ingest moving the same sums) must not both read the old one.
    """
    if not tones:
        return 0
    by_id = {t.id: t for t in tones}
    with store.write_session.begin() as s:
        lock_writes(s.connection())
        old = s.execute(
            select(QuoteRow.id, QuoteRow.speaker_id, QuoteRow.compound).where(
                QuoteRow.id.in_(list(by_id))
            )
        ).all()
        shift: dict[int, float] = {}
        for row in old:
            change = by_id[row.id].compound - (row.compound or 0.0)
            shift[row.speaker_id] = shift.get(row.speaker_id, 0.0) + change
        _write_quotes(s, [by_id[row.id] for row in old])
        _shift_speakers(s, shift)
    return len(old)


def _write_quotes(s: Session, tones: list[NewTone]) -> None:
    if not tones:
        return
    table = cast(Table, QuoteRow.__table__)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("qid"))
        .values(compound=bindparam("c"), label=bindparam("l"))
    )
    s.execute(stmt, [{"qid": t.id, "c": t.compound, "l": t.label} for t in tones])


def _shift_speakers(s: Session, shift: dict[int, float]) -> None:
    rows = [{"sid": sid, "d": d} for sid, d in shift.items() if d]
    if not rows:
        return
    table = cast(Table, SpeakerRow.__table__)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("sid"))
        .values(compound_sum=func.coalesce(table.c.compound_sum, 0.0) + bindparam("d"))
    )
    s.execute(stmt, rows)
