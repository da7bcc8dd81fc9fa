"""Reading quotes as QuoteView: the selects the chat queries use and the row-to-view step."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Select, select

from bot.chat.messages import QuoteView
from bot.nlp.tone import emoji_for
from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow

UNTITLED = "untitled article"

log = logging.getLogger(__name__)


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
            QuoteRow.verbatim,
            SpeakerRow.kind.label("speaker_type"),
            SpeakerRow.name.label("speaker"),
            ArticleRow.title,
            ArticleRow.url,
            ArticleRow.outlet,
        )
        .join(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
        .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
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
        verbatim=spans(row.verbatim),
        speaker_type=row.speaker_type,
    )


def spans(stored: str | None) -> tuple[tuple[int, int], ...]:
    """Verbatim spans from their JSON column; a damaged value shows the quote without them."""
    if not stored:
        return ()
    try:
        return tuple((int(s), int(e)) for s, e in json.loads(stored))
    except (ValueError, TypeError):
        log.warning("ignoring unreadable verbatim spans %r", stored[:80])
        return ()
