"""Tables: articles, speakers (+ aliases), quotes, feeds, subscriptions, follows, deliveries.

The schema itself is made and changed by the Alembic migrations in bot/storage/migrations/ (the
models describe the head revision); text columns have no length limit, since URLs, titles and names
from the web have none. PostgreSQL adds a generated `quotes.tsv` for full-text search, and SQLite an
FTS5 table; neither is mapped here (bot/storage/search.py queries them).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.clock import utcnow


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    dateline: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class SpeakerRow(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    key: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(Text, default="PERSON")
    # Kept up to date at ingest, so `speakers` reads one index instead of counting every quote.
    quote_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    compound_sum: Mapped[float] = mapped_column(Float, default=0.0)
    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan"
    )


class AliasRow(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, index=True)
    speaker: Mapped[SpeakerRow] = relationship(back_populates="aliases")


class NameRow(Base):
    """One distinct extracted name ("Vilde", "Oskar Vilde"), and the speaker it is grouped into."""

    __tablename__ = "speaker_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end"),
        Index("ix_quotes_speaker_recent", "speaker_id", "published", "id"),
        Index("ix_quotes_ingested", "ingested_at", "id"),
        Index("ix_quotes_published", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"))
    # The name as extracted (the speaker is the group that name belongs to, which can change).
    name_id: Mapped[int | None] = mapped_column(Integer, index=True)
    speaker_as_written: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    compound: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(Text)
    # The quoted pieces of a mixed quote, as JSON [[start, end], ...] offsets into `text`.
    verbatim: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Copied from the article so the chat queries need no join to sort or filter.
    published: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Stored by `quotebot backfill`: news only while its article is recent, so digests and alerts
    # never carry an archive's thousands of old quotes (digests.news_window, follows._old_news).
    backfilled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_polled: Mapped[dt.datetime | None] = mapped_column(DateTime)
    next_poll: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "channel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(Text)
    channel_id: Mapped[str] = mapped_column(Text)
    time: Mapped[str] = mapped_column(Text)
    tz: Mapped[str] = mapped_column(Text)
    speakers: Mapped[str | None] = mapped_column(Text)  # comma-separated canonical names
    keywords: Mapped[str | None] = mapped_column(Text)  # comma-separated
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FollowRow(Base):
    """A channel following a speaker: each new quote of theirs is posted there once."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(Text)
    channel_id: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    # The high-water mark: quotes with a larger id are new to this channel. Moved compare-and-set,
    # so two bot processes never post the same quotes.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DeliveryRow(Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(Text)
    channel_id: Mapped[str] = mapped_column(Text)
    period_key: Mapped[str] = mapped_column(Text)  # "daily:2026-11-22" in the channel's timezone
    status: Mapped[str] = mapped_column(Text)  # a DeliveryStatus (bot/storage/deliveries.py)
    cutoff: Mapped[dt.datetime | None] = mapped_column(
        DateTime
    )  # quotes ingested up to here were covered
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    detail: Mapped[str | None] = mapped_column(Text)
    # Which process claimed it ("host:pid:token"): a restart tells a dead claim from a live one.
    owner: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


_MINE = "FROM quotes WHERE speaker_id = speakers.id"
# Every speaker's kept counts, recounted from the quotes (bench/synth.py fills its stores with it).
RECOUNT_SPEAKERS = (
    f"UPDATE speakers SET quote_count = (SELECT count(*) {_MINE}), "
    f"article_count = (SELECT count(DISTINCT article_id) {_MINE}), "
    f"compound_sum = coalesce((SELECT sum(compound) {_MINE}), 0)"
)
