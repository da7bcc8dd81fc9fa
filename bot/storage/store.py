"""The store: articles and quotes in, the chat queries out, on SQLite or PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import sessionmaker

from bot.chat.messages import QuoteView, SpeakerStat
from bot.clock import utcnow
from bot.nlp.names import name_key
from bot.nlp.tone import emoji_for, label_for
from bot.storage import writes
from bot.storage.engine import lock_writes, make_engine, writer
from bot.storage.migrate import ensure_schema
from bot.storage.models import AliasRow, ArticleRow, QuoteRow, SpeakerRow
from bot.storage.name_cache import NameCache, SpeakerCache
from bot.storage.search import search_ids, words_of
from bot.storage.views import quote_select, view
from bot.storage.writes import Added

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["Added", "Page", "SpeakerMatch", "Store"]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    has_more: bool


@dataclass(frozen=True)
class SpeakerMatch:
    """The speaker a typed name reaches, or the closest known names."""

    name: str | None
    suggestions: tuple[str, ...] = ()


class Store:
    """All reads and writes of quotebot's database, one short transaction each.

    Opening it brings the schema to the current revision (bot/storage/migrate.py).
    """

    def __init__(self, url: str, *, tone_positive: float = 0.05, tone_negative: float = -0.05):
        self.engine = make_engine(url)
        ensure_schema(self.engine)
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        self.write_session = sessionmaker(writer(self.engine), expire_on_commit=False)
        self.thresholds = {"positive": tone_positive, "negative": tone_negative}
        self._speakers = SpeakerCache()  # known speakers by surname, for matching typed names
        self._names = NameCache()  # every stored name by surname, for grouping new ones

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------

    def has_article(self, identity: str) -> bool:
        with self.engine.connect() as conn:
            return writes.has_article(conn, identity)

    def add_article(
        self,
        article: Any,
        quotes: Sequence[Any],
        tones: Sequence[Any],
        *,
        now: dt.datetime | None = None,
        backfill: bool = False,
    ) -> Added:
        """Store one article and its quotes in one transaction; one seen before adds nothing.

        `backfill` marks its quotes as from an archive: news for digests and alerts only if recent.
        """
        with writer(self.engine).begin() as conn:
            lock_writes(conn)
            return writes.add_article(
                conn, self._names, article, quotes, tones, now or utcnow(), backfill=backfill
            )

    # ---- reading -------------------------------------------------------

    def find_speaker(self, name: str) -> SpeakerMatch:
        """Resolve a typed name (any case, alias, surname, small typo) to a canonical speaker."""
        key = name_key(name)
        if not key:
            return SpeakerMatch(None)
        with self.engine.connect() as conn:
            hit = conn.scalar(select(SpeakerRow.name).where(SpeakerRow.key == key))
            hit = hit or conn.scalar(
                select(SpeakerRow.name).join(AliasRow).where(AliasRow.key == key).limit(1)
            )
            if hit:
                return SpeakerMatch(hit)
            match = self._speakers.match(conn, name)
        if match:
            return SpeakerMatch(match)
        return SpeakerMatch(None, self._speakers.index.suggest(name))

    def quotes_by(self, speaker: str, *, limit: int = 5, offset: int = 0) -> Page[QuoteView]:
        """A speaker's quotes, newest article first."""
        with self.engine.connect() as conn:
            speaker_id = conn.scalar(select(SpeakerRow.id).where(SpeakerRow.name == speaker))
        if speaker_id is None:
            return Page((), False)
        # By id, not by a join on the name: PostgreSQL then reads the speaker's index in order
        # instead of sorting every quote of a much-quoted speaker (1.2 s at 1M quotes).
        stmt = (
            quote_select()
            .where(QuoteRow.speaker_id == speaker_id)
            .order_by(QuoteRow.published.desc().nulls_last(), QuoteRow.id.desc())
        )
        return self._page(stmt, limit, offset)

    def search(self, query: str, *, limit: int = 5, offset: int = 0) -> Page[QuoteView]:
        """Quotes whose text contains every word of `query`, newest stored first."""
        words = words_of(query)
        if not words:
            return Page((), False)
        with self.engine.connect() as conn:
            ids = search_ids(conn, words, limit + 1, offset)
        views = {v.id: v for v in self.views_of(ids[:limit])}
        return Page(tuple(views[i] for i in ids[:limit] if i in views), len(ids) > limit)

    def speakers(self, *, limit: int = 10, offset: int = 0) -> Page[SpeakerStat]:
        """Most-quoted speakers with their average tone."""
        # Counts kept on the speaker row at ingest: a scan of every quote would take seconds at 1M.
        stmt = (
            select(
                SpeakerRow.name,
                SpeakerRow.quote_count,
                SpeakerRow.article_count,
                SpeakerRow.compound_sum / SpeakerRow.quote_count,
            )
            .where(SpeakerRow.quote_count > 0)
            .order_by(SpeakerRow.quote_count.desc(), SpeakerRow.name)
            .limit(limit + 1)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        stats = tuple(self._speaker_stat(*row) for row in rows[:limit])
        return Page(stats, len(rows) > limit)

    def views_of(self, ids: list[int]) -> list[QuoteView]:
        """The quotes with these ids, in no particular order."""
        return self._views(quote_select().where(QuoteRow.id.in_(ids))) if ids else []

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "articles": conn.scalar(select(func.count(ArticleRow.id))) or 0,
                "quotes": conn.scalar(select(func.count(QuoteRow.id))) or 0,
                "speakers": conn.scalar(select(func.count(SpeakerRow.id))) or 0,
            }

    # ---- helpers -------------------------------------------------------

    def _page(self, stmt: Select[Any], limit: int, offset: int) -> Page[QuoteView]:
        views = self._views(stmt.limit(limit + 1).offset(offset))
        return Page(tuple(views[:limit]), len(views) > limit)

    def _views(self, stmt: Select[Any]) -> list[QuoteView]:
        with self.engine.connect() as conn:
            return [view(row) for row in conn.execute(stmt).all()]

    def _speaker_stat(
        self, name: str, count: int, articles: int, average: float | None
    ) -> SpeakerStat:
        """One line of `speakers`, with the label of the average tone."""
        average = round(average or 0.0, 3)
        label = label_for(average, **self.thresholds)
        return SpeakerStat(name, count, articles, average, label, emoji_for(label))
