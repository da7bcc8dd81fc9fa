"""Tables: articles, speakers (+ aliases), quotes, feeds, subscriptions, follows, deliveries."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.clock import utcnow


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(600), unique=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    dateline: Mapped[str | None] = mapped_column(String(200))
    credit: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class SpeakerRow(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="PERSON")
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
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    speaker: Mapped[SpeakerRow] = relationship(back_populates="aliases")


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
    speaker_as_written: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    cue: Mapped[str | None] = mapped_column(String(60))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    compound: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(10))
    # Copied from the article so the chat queries need no join to sort or filter.
    published: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    added_by: Mapped[str | None] = mapped_column(String(200))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_polled: Mapped[dt.datetime | None] = mapped_column(DateTime)
    next_poll: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "channel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(100))
    time: Mapped[str] = mapped_column(String(5))
    tz: Mapped[str] = mapped_column(String(64))
    speakers: Mapped[str | None] = mapped_column(Text)  # comma-separated canonical names
    keywords: Mapped[str | None] = mapped_column(Text)  # comma-separated
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FollowRow(Base):
    """A channel following a speaker: each new quote of theirs is posted there once."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(100))
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    # The high-water mark: quotes with a larger id are new to this channel. Moved compare-and-set,
    # so two bot processes never post the same quotes.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DeliveryRow(Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(100))
    period_key: Mapped[str] = mapped_column(
        String(40)
    )  # "daily:2026-11-22" in the channel's timezone
    status: Mapped[str] = mapped_column(String(10))  # sending, sent, failed, skipped
    cutoff: Mapped[dt.datetime | None] = mapped_column(
        DateTime
    )  # quotes ingested up to here were covered
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    detail: Mapped[str | None] = mapped_column(Text)


FTS_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
    "text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
)


def make_engine(url: str) -> Engine:
    """Create the engine and the schema; SQLite gets WAL, foreign keys and full-text search."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    _add_speaker_counts(engine)
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            for statement in FTS_SQL:
                conn.execute(text(statement))
    return engine


SPEAKER_COUNTS = (
    ("quote_count", "INTEGER DEFAULT 0"),
    ("article_count", "INTEGER DEFAULT 0"),
    ("compound_sum", "FLOAT DEFAULT 0"),
)
BACKFILL_COUNTS = (
    "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id), "
    "article_count = (SELECT count(DISTINCT article_id) FROM quotes WHERE speaker_id = speakers.id), "
    "compound_sum = coalesce((SELECT sum(compound) FROM quotes WHERE speaker_id = speakers.id), 0)"
)


def _add_speaker_counts(engine: Engine) -> None:
    """Bring a database made before the speaker counts up to date (a one-off migration)."""
    from sqlalchemy import inspect

    columns = {c["name"] for c in inspect(engine).get_columns("speakers")}
    missing = [(name, ddl) for name, ddl in SPEAKER_COUNTS if name not in columns]
    if not missing:
        return
    with engine.begin() as conn:
        for name, ddl in missing:
            conn.execute(text(f"ALTER TABLE speakers ADD COLUMN {name} {ddl}"))
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS ix_speakers_quote_count ON speakers (quote_count)")
        )
        conn.execute(text(BACKFILL_COUNTS))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
