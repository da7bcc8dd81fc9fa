"""Storing an article and its quotes: one write transaction, safe against a concurrent twin.

The article is inserted with ON CONFLICT DO NOTHING: when another process stored it first the
insert comes back empty and the article counts as already stored, never as an error. Per-speaker
counts are updated in place (quote_count = quote_count + n), never read, added and written back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow
from bot.storage.name_cache import NameCache
from bot.storage.speakers import add_alias, is_named, recount, resolve

log = logging.getLogger(__name__)

MAX_IDENTITY = (
    1000  # longer identities (URLs) are stored as a hash: an index entry has a size limit
)
HEADLINE_CHARS = 80


@dataclass(frozen=True)
class Added:
    """What storing one article did."""

    status: Literal["added", "duplicate"]
    quotes: int = 0
    article_id: int | None = None


def stored_identity(identity: str) -> str:
    """The identity as the articles table keeps it (a hash for a very long URL)."""
    if len(identity) <= MAX_IDENTITY:
        return identity
    return "sha256-id:" + hashlib.sha256(identity.encode("utf-8")).hexdigest()


def has_article(conn: Connection, identity: str) -> bool:
    stmt = select(ArticleRow.id).where(ArticleRow.identity == stored_identity(identity))
    return conn.scalar(stmt) is not None


def add_article(
    conn: Connection,
    cache: NameCache,
    article: Any,
    quotes: Sequence[Any],
    tones: Sequence[Any],
    now: dt.datetime,
    *,
    backfill: bool = False,
) -> Added:
    """Store one article and its quotes (the caller holds the write transaction and lock)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = (
        dialect.insert(ArticleRow)
        .values(**_article_values(article, now))
        .on_conflict_do_nothing()
        .returning(ArticleRow.id)
    )
    article_id = conn.scalar(stmt)
    if article_id is None:
        log.info("already stored (by another process): %s", article.identity[:200])
        return Added("duplicate")
    kept = _kept(quotes, tones)
    backfilled = {"backfilled": backfill}
    wanted = {_name(quote): quote.speaker_type for quote, _tone in reversed(kept)}
    names, regrouped = resolve(conn, cache, wanted)
    rows = [
        _quote_values(quote, tone, article, article_id, names[_name(quote)], now) | backfilled
        for quote, tone in kept
    ]
    if rows:
        conn.execute(insert(QuoteRow), rows)
    _count(conn, [row for row in rows if row["speaker_id"] not in regrouped])
    recount(conn, regrouped)
    _aliases(conn, rows)
    return Added("added", len(rows), article_id)


def _name(quote: Any) -> str:
    return str(quote.speaker).replace("\x00", "").strip()


def _kept(quotes: Sequence[Any], tones: Sequence[Any]) -> list[tuple[Any, Any]]:
    """The distinct, named quotes (a bare pronoun or an empty text is never stored)."""
    kept, seen = [], set()
    for quote, tone in zip(quotes, tones, strict=False):
        if (
            (quote.start, quote.end) in seen
            or not quote.text.strip()
            or not is_named(quote.speaker)
        ):
            continue
        seen.add((quote.start, quote.end))
        kept.append((quote, tone))
    return kept


def _aliases(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Each way this article wrote a speaker's name, for finding the speaker by it."""
    written = sorted({(row["speaker_id"], row["speaker_as_written"].strip()) for row in rows})
    ids = sorted({speaker_id for speaker_id, _alias in written})
    canonical = dict(
        conn.execute(select(SpeakerRow.id, SpeakerRow.name).where(SpeakerRow.id.in_(ids))).all()
    )
    for speaker_id, alias in written:
        add_alias(conn, speaker_id, canonical.get(speaker_id, ""), alias)


def _count(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Each speaker's quote and article counts and tone sum, added to in place."""
    by_speaker: dict[int, list[float]] = {}
    for row in rows:
        by_speaker.setdefault(row["speaker_id"], []).append(row["compound"])
    for speaker_id, compounds in sorted(by_speaker.items()):
        conn.execute(
            update(SpeakerRow)
            .where(SpeakerRow.id == speaker_id)
            .values(
                quote_count=SpeakerRow.quote_count + len(compounds),
                article_count=SpeakerRow.article_count + 1,
                compound_sum=SpeakerRow.compound_sum + sum(compounds),
            )
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """No NUL characters: PostgreSQL text cannot hold them, so neither database gets them."""
    return {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in values.items()}


def _article_values(article: Any, now: dt.datetime) -> dict[str, Any]:
    return _clean(
        {
            "identity": stored_identity(article.identity),
            "source": article.source,
            "title": article.title or headline(article.text),
            "url": article.url,
            "outlet": article.outlet,
            "published": article.published,
            "dateline": article.dateline,
            "credit": article.credit,
            "text": article.text,
            "ingested_at": now,
        }
    )


def _quote_values(
    quote: Any, tone: Any, article: Any, article_id: int, name: tuple[int, int], now: dt.datetime
) -> dict[str, Any]:
    return _clean(
        {
            "article_id": article_id,
            "name_id": name[0],
            "speaker_id": name[1],
            "speaker_as_written": quote.speaker_as_written,
            "role": quote.role,
            "text": quote.text,
            "kind": quote.kind,
            "cue": quote.cue,
            "start": quote.start,
            "end": quote.end,
            "compound": tone.compound,
            "label": tone.label,
            "verbatim": json.dumps([list(p) for p in quote.verbatim]) if quote.verbatim else None,
            "published": article.published,
            "ingested_at": now,
        }
    )


def headline(text: str, limit: int = HEADLINE_CHARS) -> str:
    """A stand-in title for an article that has none: its first words."""
    first = " ".join(text.split("\n", 1)[0].split())
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"
