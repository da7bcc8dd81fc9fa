"""Follows: channels that get each new quote of a speaker, moved along by a per-follow cursor.

The cursor is the id of the last quote the channel has been given (or skipped). Quote ids only
grow, whichever process stored them, so "id > cursor" is exactly what is new to the channel.
Moving a cursor is compare-and-set (`UPDATE ... WHERE cursor = :old`): of two bot processes
reading the same quotes, only the one whose update hits a row posts them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.models import FollowRow, QuoteRow, SpeakerRow

if TYPE_CHECKING:
    from bot.storage.store import Store

log = logging.getLogger(__name__)

# Quotes of articles published this long before they were stored are old news (a backfill):
# they move the cursor but are never posted.
MAX_AGE_DAYS = 3
READ_CAP = 500  # quotes read per follow per round; a bigger burst is taken over several rounds


@dataclass(frozen=True)
class Follow:
    id: int
    platform: str
    channel_id: str
    speaker: str
    speaker_id: int
    cursor: int


@dataclass(frozen=True)
class Fresh:
    """What is new for one follow: the cursor to move to, and the quotes worth posting."""

    follow: Follow
    new_cursor: int
    quote_ids: tuple[int, ...]


class FollowStore:
    """Follows over the same engine as the Store."""

    def __init__(self, store: Store):
        self.session = store.session
        # Writes go the way the channel store's do, beginning IMMEDIATE on SQLite: `follow` reads
        # then inserts, and a deferred transaction would meet a stale snapshot ("database is
        # locked" at once) when another process wrote in between.
        self.write_session = store.write_session

    def follow(
        self, platform: str, channel_id: str, speaker: str, *, user_id: str | None = None
    ) -> bool:
        """Follow a stored speaker from now on; False when the channel already follows them."""
        try:
            with self.write_session.begin() as s:
                speaker_id = _speaker_id(s, speaker)
                if s.scalar(_where(select(FollowRow.id), platform, channel_id, speaker_id)):
                    return False
                top = s.scalar(select(func.max(QuoteRow.id))) or 0
                s.add(
                    FollowRow(
                        platform=platform,
                        channel_id=channel_id,
                        speaker_id=speaker_id,
                        cursor=top,
                        created_by=user_id,
                    )
                )
                return True
        except IntegrityError:  # the same follow, added by another process a moment ago
            log.info("follow of %s in %s/%s already there", speaker, platform, channel_id)
            return False

    def unfollow(self, platform: str, channel_id: str, speaker: str) -> bool:
        with self.write_session.begin() as s:
            speaker_id = _speaker_id(s, speaker)
            result = s.execute(_where(delete(FollowRow), platform, channel_id, speaker_id))
            return _changed(result)

    def follows(self, platform: str, channel_id: str | None = None) -> list[Follow]:
        """A platform's follows (one channel's when given), by channel then speaker."""
        stmt = (
            select(FollowRow, SpeakerRow.name)
            .join(SpeakerRow, SpeakerRow.id == FollowRow.speaker_id)
            .where(FollowRow.platform == platform)
            .order_by(FollowRow.channel_id, SpeakerRow.name)
        )
        if channel_id is not None:
            stmt = stmt.where(FollowRow.channel_id == channel_id)
        with self.session() as s:
            return [_follow(row, name) for row, name in s.execute(stmt).all()]

    def fresh(self, follow: Follow) -> Fresh:
        """Quotes stored after the cursor: the new cursor, and those that are not old news."""
        with self.session() as s:
            rows = s.execute(
                select(QuoteRow.id, QuoteRow.published, QuoteRow.ingested_at, QuoteRow.backfilled)
                .where(QuoteRow.speaker_id == follow.speaker_id, QuoteRow.id > follow.cursor)
                .order_by(QuoteRow.id)
                .limit(READ_CAP)
            ).all()
        if not rows:
            return Fresh(follow, follow.cursor, ())
        kept = tuple(r.id for r in rows if not _old_news(r.published, r.ingested_at, r.backfilled))
        return Fresh(follow, rows[-1].id, kept)

    def move_cursor(self, follow_id: int, *, old: int, new: int) -> bool:
        """Compare-and-set: True only for the one caller that moved the cursor from `old`."""
        with self.write_session.begin() as s:
            result = s.execute(
                update(FollowRow)
                .where(FollowRow.id == follow_id, FollowRow.cursor == old)
                .values(cursor=new)
            )
            return _changed(result)


def _changed(result: object) -> bool:
    """Whether a DELETE or UPDATE hit a row."""
    return isinstance(result, CursorResult) and result.rowcount > 0


def _old_news(published: dt.date | None, stored: dt.datetime, backfilled: bool = False) -> bool:
    """Published long before it was stored (an archive), or backfilled with no date: not news."""
    if published is None:
        return backfilled
    return published < stored.date() - dt.timedelta(days=MAX_AGE_DAYS)


def _speaker_id(s: Session, name: str) -> int:
    speaker_id = s.scalar(select(SpeakerRow.id).where(SpeakerRow.name == name))
    if speaker_id is None:
        raise LookupError(f"no stored speaker {name!r}")
    return speaker_id


def _where(stmt, platform: str, channel_id: str, speaker_id: int):  # type: ignore[no-untyped-def]
    return stmt.where(
        FollowRow.platform == platform,
        FollowRow.channel_id == channel_id,
        FollowRow.speaker_id == speaker_id,
    )


def _follow(row: FollowRow, name: str) -> Follow:
    return Follow(row.id, row.platform, row.channel_id, name, row.speaker_id, row.cursor)
