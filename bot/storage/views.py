"""Reading quotes as QuoteView: the selects the chat queries use and the row-to-view step."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, select

from bot.chat.messages import QuoteView
from bot.nlp.tone import emoji_for
from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow

ID_CHUNK = 900  # ids per IN (...): under SQLite's bound-parameter limit
UNTITLED = "untitled article"


def quote_select() -> Select[*tuple[Any, ...]]:
    """Plain columns, not ORM entities: building thousands of them is most of a week's digest."""
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


def bare_quote_select() -> Select[*tuple[Any, ...]]:
    return select(
        QuoteRow.id,
        QuoteRow.text,
        QuoteRow.kind,
        QuoteRow.cue,
        QuoteRow.compound,
        QuoteRow.label,
        QuoteRow.published,
        QuoteRow.speaker_as_written,
        QuoteRow.role,
        QuoteRow.speaker_id,
        QuoteRow.article_id,
    )


def view(row: Any) -> QuoteView:
    """A row of quote_select() as a QuoteView."""
    return QuoteView(
        id=row.id,
        speaker=row.speaker,
        text=row.text,
        kind=row.kind,
        cue=row.cue,
        compound=row.compound,
        label=row.label,
        emoji=emoji_for(row.label),
        article_title=row.title or row.url or UNTITLED,
        article_url=row.url,
        published=row.published,
        outlet=row.outlet,
        speaker_as_written=row.speaker_as_written,
        role=row.role,
    )


def views_by_lookup(conn: Connection, stmt: Select[*tuple[Any, ...]]) -> list[QuoteView]:
    """Many quotes (a digest): read them alone, then their few speakers and articles by key.

    Joining every row to its speaker and article costs twice as much as these three reads; Core
    rows, since the ORM's row processing is a third of the time.
    """
    rows = conn.execute(stmt).all()
    speakers = _by_id(
        conn, select(SpeakerRow.id, SpeakerRow.name), SpeakerRow.id, {r.speaker_id for r in rows}
    )
    articles = _by_id(
        conn,
        select(ArticleRow.id, ArticleRow.title, ArticleRow.url, ArticleRow.outlet),
        ArticleRow.id,
        {r.article_id for r in rows},
    )
    return [
        _joined_view(row, speakers[row.speaker_id].name, articles[row.article_id]) for row in rows
    ]


def _by_id(
    conn: Connection, stmt: Select[*tuple[Any, ...]], id_column: Any, ids: set[int]
) -> dict[int, Any]:
    rows: dict[int, Any] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), ID_CHUNK):
        chunk = ordered[start : start + ID_CHUNK]
        rows.update((row.id, row) for row in conn.execute(stmt.where(id_column.in_(chunk))))
    return rows


def _joined_view(row: Any, speaker: str, article: Any) -> QuoteView:
    """A bare quote row with its speaker's name and its article, as a QuoteView."""
    (quote_id, text_, kind, cue, compound, label, published, as_written, role) = row[:9]
    return QuoteView(
        quote_id,
        speaker,
        text_,
        kind,
        cue,
        compound,
        label,
        emoji_for(label),
        article.title or article.url or UNTITLED,
        article.url,
        published,
        article.outlet,
        as_written,
        role,
    )
