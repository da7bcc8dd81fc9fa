"""A digest's figures from SQL: counts and averages per speaker, then only the quotes it shows.

Reading every quote of a busy week into Python was most of a digest's time (bench/RESULTS.md) and,
past a cap, silently wrong; the database aggregates the whole period instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Row, Select, func, or_, select

from bot.chat.messages import QuoteView, SpeakerDigest
from bot.nlp.tone import emoji_for, label_for
from bot.storage.models import ArticleRow, QuoteRow, SpeakerRow

if TYPE_CHECKING:
    from bot.storage.store import Store

Where = Sequence[ColumnElement[bool]]

MAX_ARTICLES = 25  # source links listed under a digest; the summary still counts them all


@dataclass(frozen=True)
class DigestData:
    quote_count: int
    speaker_count: int
    article_count: int
    average: float | None
    speakers: tuple[SpeakerDigest, ...]
    most_positive: QuoteView | None
    most_negative: QuoteView | None
    articles: tuple[tuple[str, str | None], ...]


def digest_data(
    store: Store,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    day: dt.date | None = None,
    speakers: Sequence[str] = (),
    keywords: Sequence[str] = (),
    per_speaker: int = 3,
    max_speakers: int = 10,
) -> DigestData:
    """The figures of quotes ingested in [since, until), or of articles published on `day`."""
    where = _conditions(since, until, day, speakers, keywords)
    with store.engine.connect() as conn:
        count, n_speakers, n_articles, average = conn.execute(
            select(
                func.count(),
                func.count(func.distinct(QuoteRow.speaker_id)),
                func.count(func.distinct(QuoteRow.article_id)),
                func.avg(QuoteRow.compound),
            ).where(*where)
        ).one()
        top = conn.execute(_top_speakers(where, max_speakers)).all()
        strongest_ids = _strongest(conn, where, {row.speaker_id for row in top}, per_speaker)
        extreme_ids = [conn.scalar(_extreme(where, positive)) for positive in (True, False)]
        articles = conn.execute(_articles(where)).all()
    views = {
        v.id: v for v in store.views_of([i for i in strongest_ids + extreme_ids if i is not None])
    }
    most_positive, most_negative = (None if i is None else views.get(i) for i in extreme_ids)
    return DigestData(
        quote_count=count,
        speaker_count=n_speakers,
        article_count=n_articles,
        average=None if average is None else round(average, 3),
        speakers=tuple(
            _speaker_digest(row, [views[i] for i in strongest_ids], store.thresholds) for row in top
        ),
        most_positive=most_positive,
        most_negative=most_negative,
        articles=tuple((row.title or row.url or "untitled article", row.url) for row in articles),
    )


def _conditions(
    since: dt.datetime | None,
    until: dt.datetime | None,
    day: dt.date | None,
    speakers: Sequence[str],
    keywords: Sequence[str],
) -> list[ColumnElement[bool]]:
    if day is not None:
        where = [QuoteRow.published == day]
    elif since is not None and until is not None:
        where = news_window(since, until)
    else:
        raise ValueError("a digest covers a publication day or an ingestion window [since, until)")
    wanted: list[ColumnElement[bool]] = []
    if speakers:
        names = [s.lower() for s in speakers]
        wanted.append(
            QuoteRow.speaker_id.in_(
                select(SpeakerRow.id).where(func.lower(SpeakerRow.name).in_(names))
            )
        )
    wanted.extend(QuoteRow.text.ilike(f"%{_escape_like(k)}%", escape="\\") for k in keywords)
    if wanted:
        where.append(or_(*wanted))  # a followed speaker OR a keyword, as channels expect
    return where


def news_window(since: dt.datetime, until: dt.datetime) -> list[ColumnElement[bool]]:
    """Quotes stored in [since, until) that are news: a backfilled one only if published since."""
    return [
        QuoteRow.ingested_at >= since,
        QuoteRow.ingested_at < until,
        or_(QuoteRow.backfilled.is_(False), QuoteRow.published >= since.date()),
    ]


def _top_speakers(where: Where, limit: int) -> Select[int, str, int, Any]:
    n = func.count().label("n")
    return (
        select(
            QuoteRow.speaker_id, SpeakerRow.name, n, func.avg(QuoteRow.compound).label("average")
        )
        .join(SpeakerRow, SpeakerRow.id == QuoteRow.speaker_id)
        .where(*where)
        .group_by(QuoteRow.speaker_id, SpeakerRow.name)
        .order_by(n.desc(), SpeakerRow.name)
        .limit(limit)
    )


def _strongest(
    conn: Connection, where: Where, speaker_ids: set[int], per_speaker: int
) -> list[int]:
    """Each shown speaker's strongest quotes by |tone|, from a light read of the window.

    Ranking in SQL let the database walk every quote of a much-quoted speaker through the speaker
    index; the window's (id, speaker, tone, length) rows are few and come off the time index.
    """
    rows = conn.execute(
        select(
            QuoteRow.id, QuoteRow.speaker_id, QuoteRow.compound, func.length(QuoteRow.text)
        ).where(*where)
    ).all()
    ranked = sorted(
        (r for r in rows if r[1] in speaker_ids), key=lambda r: (-abs(r[2]), -r[3], r[0])
    )
    kept: dict[int, list[int]] = {}
    for quote_id, speaker_id, _compound, _length in ranked:
        mine = kept.setdefault(speaker_id, [])
        if len(mine) < per_speaker:
            mine.append(quote_id)
    return [quote_id for ids in kept.values() for quote_id in ids]


def _extreme(where: Where, positive: bool) -> Select[int]:
    if positive:
        return (
            select(QuoteRow.id)
            .where(*where, QuoteRow.compound > 0)
            .order_by(QuoteRow.compound.desc(), QuoteRow.id)
            .limit(1)
        )
    return (
        select(QuoteRow.id)
        .where(*where, QuoteRow.compound < 0)
        .order_by(QuoteRow.compound, QuoteRow.id)
        .limit(1)
    )


def _articles(where: Where) -> Select[str | None, str | None]:
    first = (
        select(QuoteRow.article_id, func.min(QuoteRow.id).label("first"))
        .where(*where)
        .group_by(QuoteRow.article_id)
        .order_by("first")
        .limit(MAX_ARTICLES)
        .subquery()
    )
    return (
        select(ArticleRow.title, ArticleRow.url)
        .join(first, first.c.article_id == ArticleRow.id)
        .order_by(first.c.first)
    )


def _speaker_digest(
    row: Row[int, str, int, Any], strongest: list[QuoteView], thresholds: dict[str, float]
) -> SpeakerDigest:
    mine = sorted(
        (v for v in strongest if v.speaker == row.name),
        key=lambda q: (-abs(q.compound), -len(q.text), q.id),
    )
    average = round(row.average, 3)
    label = label_for(average, **thresholds)
    return SpeakerDigest(row.name, row.n, average, label, emoji_for(label), tuple(mine))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
