"""The store: articles and quotes in, the chat queries out."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.chat.messages import QuoteView, SpeakerStat
from bot.clock import utcnow
from bot.nlp.tone import emoji_for, label_for
from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow, make_engine
from bot.storage.speakers import SpeakerMatch, Speakers, named

log = logging.getLogger(__name__)

FTS_WORD = re.compile(r"\w+", re.UNICODE)
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    has_more: bool


@dataclass(frozen=True)
class Added:
    """What storing one article did."""

    status: str  # "added" or "duplicate"
    quotes: int = 0
    article_id: int | None = None


class Store:
    """All reads and writes of quotebot's database, one short transaction each."""

    def __init__(self, url: str, *, tone_positive: float = 0.05, tone_negative: float = -0.05):
        self.engine = make_engine(url)
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        self.thresholds = {"positive": tone_positive, "negative": tone_negative}
        self.names = Speakers(self.session)  # who is who: canonical speakers, aliases, matching

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------

    def has_article(self, identity: str) -> bool:
        with self.session() as s:
            return (
                s.scalar(select(ArticleRow.id).where(ArticleRow.identity == identity)) is not None
            )

    def add_article(
        self, article, quotes: Sequence, tones: Sequence, *, now: dt.datetime | None = None
    ) -> Added:
        """Store one article and its quotes in one transaction; an article seen before adds nothing."""
        now = now or utcnow()
        with self.session.begin() as s:
            if (
                s.scalar(select(ArticleRow.id).where(ArticleRow.identity == article.identity))
                is not None
            ):
                return Added("duplicate")
            row = _article_row(article, now)
            s.add(row)
            s.flush()
            rows = self._quote_rows(s, row, quotes, tones)
            s.add_all(rows)
            return Added("added", len(rows), row.id)

    def _quote_rows(
        self, s: Session, article: ArticleRow, quotes: Sequence, tones: Sequence
    ) -> list[QuoteRow]:
        """One row per distinct, named quote; each speaker resolved once per article."""
        speakers: dict[tuple[str, str], SpeakerRow] = {}
        rows, seen = [], set()
        for quote, tone in zip(quotes, tones):
            if (
                (quote.start, quote.end) in seen
                or not quote.text.strip()
                or not named(quote.speaker)
            ):
                continue
            seen.add((quote.start, quote.end))
            names = (quote.speaker.strip(), quote.speaker_as_written.strip())
            if names not in speakers:
                speakers[names] = self.names.row_for(s, quote)
            rows.append(_quote_row(quote, tone, article, speakers[names]))
        _count_quotes(rows, {speaker.id: speaker for speaker in speakers.values()})
        return rows

    # ---- reading -------------------------------------------------------

    def find_speaker(self, name: str) -> SpeakerMatch:
        """Resolve a typed name (any case, alias, surname, small typo) to a canonical speaker."""
        return self.names.find(name)

    def quotes_by(self, speaker: str, *, limit: int = 5, offset: int = 0) -> Page[QuoteView]:
        """A speaker's quotes, newest article first."""
        stmt = (
            _quote_select()
            .where(SpeakerRow.name == speaker)
            .order_by(QuoteRow.published.desc().nulls_last(), QuoteRow.id.desc())
        )
        return self._page(stmt, limit, offset)

    def search(self, query: str, *, limit: int = 5, offset: int = 0) -> Page[QuoteView]:
        """Quotes whose text matches every word of `query` (full-text on SQLite)."""
        words = FTS_WORD.findall(query)
        if not words:
            return Page((), False)
        if not self.is_sqlite:
            stmt = _quote_select().order_by(QuoteRow.id.desc())
            for word in words:
                stmt = stmt.where(QuoteRow.text.ilike(f"%{word}%"))
            return self._page(stmt, limit, offset)
        # Newest stored first, straight from the FTS index: it stops after one page even for a common word.
        match = " ".join('"%s"' % w.replace('"', "") for w in words)
        page = text(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY rowid DESC "
            "LIMIT :n OFFSET :o"
        ).bindparams(q=match, n=limit + 1, o=offset)
        with self.session() as s:
            ids = list(s.scalars(page))
        views = {v.id: v for v in self._views(_quote_select().where(QuoteRow.id.in_(ids[:limit])))}
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
        with self.session() as s:
            rows = s.execute(stmt).all()
        stats = tuple(self._speaker_stat(*row) for row in rows[:limit])
        return Page(stats, len(rows) > limit)

    def views_of(self, ids: list[int]) -> list[QuoteView]:
        """The quotes with these ids, in no particular order."""
        return self._views(_quote_select().where(QuoteRow.id.in_(ids))) if ids else []

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            return {
                "articles": s.scalar(select(func.count(ArticleRow.id))) or 0,
                "quotes": s.scalar(select(func.count(QuoteRow.id))) or 0,
                "speakers": s.scalar(select(func.count(SpeakerRow.id))) or 0,
            }

    # ---- helpers -------------------------------------------------------

    def _page(self, stmt, limit: int, offset: int) -> Page[QuoteView]:
        views = self._views(stmt.limit(limit + 1).offset(offset))
        return Page(tuple(views[:limit]), len(views) > limit)

    def _views(self, stmt) -> list[QuoteView]:
        with self.session() as s:
            return [self._view(row) for row in s.execute(stmt).all()]

    def _view(self, row) -> QuoteView:
        return QuoteView(
            id=row.id,
            speaker=row.speaker,
            text=row.text,
            kind=row.kind,
            cue=row.cue,
            compound=row.compound,
            label=row.label,
            emoji=emoji_for(row.label),
            article_title=row.title or row.url or "untitled article",
            article_url=row.url,
            published=row.published,
            outlet=row.outlet,
            speaker_as_written=row.speaker_as_written,
            role=row.role,
        )

    def _speaker_stat(
        self, name: str, count: int, articles: int, average: float | None
    ) -> SpeakerStat:
        """One line of `speakers`, with the label of the average tone."""
        average = round(average or 0.0, 3)
        label = label_for(average, **self.thresholds)
        return SpeakerStat(name, count, articles, average, label, emoji_for(label))


def _quote_select():
    """Plain columns, not ORM entities: building thousands of entities is most of a week's digest."""
    return (
        select(
            QuoteRow.id,
            QuoteRow.text,
            QuoteRow.kind,
            QuoteRow.cue,
            QuoteRow.compound,
            QuoteRow.label,
            QuoteRow.published,
            QuoteRow.speaker_as_written,
            QuoteRow.role,
            SpeakerRow.name.label("speaker"),
            ArticleRow.title,
            ArticleRow.url,
            ArticleRow.outlet,
        )
        .join(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
        .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
    )


def _article_row(article, now: dt.datetime) -> ArticleRow:
    return ArticleRow(
        identity=article.identity,
        source=article.source,
        title=article.title or _headline(article.text),
        url=article.url,
        outlet=article.outlet,
        published=article.published,
        dateline=article.dateline,
        credit=article.credit,
        text=article.text,
        ingested_at=now,
    )


def _quote_row(quote, tone, article: ArticleRow, speaker: SpeakerRow) -> QuoteRow:
    return QuoteRow(
        article_id=article.id,
        speaker_id=speaker.id,
        speaker_as_written=quote.speaker_as_written,
        role=quote.role,
        text=quote.text,
        kind=quote.kind,
        cue=quote.cue,
        start=quote.start,
        end=quote.end,
        compound=tone.compound,
        label=tone.label,
        published=article.published,
        ingested_at=article.ingested_at,
    )


def _headline(text: str, limit: int = 80) -> str:
    """A stand-in title for an article that has none: its first words."""
    first = " ".join(text.split("\n", 1)[0].split())
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _count_quotes(rows: list[QuoteRow], speakers: dict[int, SpeakerRow]) -> None:
    """Keep each speaker's quote and article counts and tone sum, for `speakers` at any size."""
    by_speaker: dict[int, list[QuoteRow]] = {}
    for row in rows:
        by_speaker.setdefault(row.speaker_id, []).append(row)
    for speaker_id, quotes in by_speaker.items():
        speaker = speakers[speaker_id]
        speaker.quote_count = (speaker.quote_count or 0) + len(quotes)
        speaker.article_count = (speaker.article_count or 0) + 1
        speaker.compound_sum = (speaker.compound_sum or 0.0) + sum(q.compound for q in quotes)
