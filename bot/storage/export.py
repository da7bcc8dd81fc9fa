"""Export: every stored quote as a record of the `extract --json` fields plus its article, streamed.

Rows come off a streaming cursor (`yield_per`: a server-side cursor on PostgreSQL, SQLite's own
step-by-step cursor), so a million quotes export in the memory of one batch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow

if TYPE_CHECKING:
    from bot.storage.store import Store

BATCH = 1000
# The contract's fields in order (`quotebot extract --json`), then what the store adds.
FIELDS = (
    "article",
    "speaker",
    "speaker_as_written",
    "quote",
    "type",
    "cue",
    "start",
    "end",
    "sentiment",
    "verbatim",
    "canonical_speaker",
    "role",
    "title",
    "url",
    "outlet",
    "published",
    "stored",
    "id",
)
COLUMNS = (
    QuoteRow.id,
    ArticleRow.source,
    SpeakerRow.name,
    QuoteRow.speaker_as_written,
    QuoteRow.role,
    QuoteRow.text,
    QuoteRow.kind,
    QuoteRow.cue,
    QuoteRow.start,
    QuoteRow.end,
    QuoteRow.compound,
    QuoteRow.label,
    ArticleRow.title,
    ArticleRow.url,
    ArticleRow.outlet,
    ArticleRow.published,
    QuoteRow.ingested_at,
)
# Words inside quote marks in a mixed quote: what the speaker said word for word.
QUOTED_RE = re.compile(r"[“\"]([^”\"]+)[”\"]|(?<!\w)[‘']([^’']+)[’'](?!\w)")


def export_records(
    store: Store, *, speaker: str | None = None, since: dt.datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Every quote (of one canonical speaker, stored since a time), oldest stored first."""
    stmt = (
        select(*COLUMNS)
        .join(SpeakerRow, SpeakerRow.id == QuoteRow.speaker_id)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .order_by(QuoteRow.id)
    )
    if speaker is not None:
        stmt = stmt.where(SpeakerRow.name == speaker)
    if since is not None:
        stmt = stmt.where(QuoteRow.ingested_at >= since)
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=BATCH).execute(stmt):
            yield _record(row)


def verbatim_parts(text: str, kind: str) -> list[str]:
    """The word-for-word parts of a quote: all of a direct one, the quoted words of a mixed one."""
    if kind == "direct":
        return [text]
    if kind != "mixed":
        return []
    # Quote marks inside the text mark its word-for-word parts; without them it is one such part.
    parts = [(m.group(1) or m.group(2)).strip() for m in QUOTED_RE.finditer(text)]
    return parts or [text]


def _record(row: Any) -> dict[str, Any]:
    return {
        "article": row.source,
        "speaker": row.name,
        "speaker_as_written": row.speaker_as_written,
        "quote": row.text,
        "type": row.kind,
        "cue": row.cue,
        "start": row.start,
        "end": row.end,
        "sentiment": {"compound": row.compound, "label": row.label},
        "verbatim": verbatim_parts(row.text, row.kind),
        "canonical_speaker": row.name,
        "role": row.role,
        "title": row.title,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published.isoformat() if row.published else None,
        "stored": row.ingested_at.isoformat(timespec="seconds"),
        "id": row.id,
    }
