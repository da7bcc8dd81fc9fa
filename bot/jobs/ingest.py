"""Ingest: sources -> articles -> quotes -> tone -> store, streamed in batches."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.nlp.tone import score_tone

if TYPE_CHECKING:
    from bot.app import App
    from bot.nlp.extract import Extractor, Quote
    from bot.nlp.tone import Tone
    from bot.settings import Settings
    from bot.sources.articles import Article, Rejected
    from bot.sources.fetch import Fetcher

log = logging.getLogger(__name__)

Progress = Callable[[str], None]  # called once per source handled
NOT_ENGLISH_KEPT = "0 quotes: not English (stored; SKIP_NON_ENGLISH=true skips such pages)"
NOT_ENGLISH_SKIPPED = "not English (SKIP_NON_ENGLISH is on)"


@dataclass
class IngestReport:
    """What an ingest did: counts, and each rejected source with its reason."""

    articles: int = 0
    quotes: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # accepted, but the user should know

    def summary(self) -> str:
        text = (
            f"{self.articles} article{'s' * (self.articles != 1)} added with {self.quotes} "
            f"quote{'s' * (self.quotes != 1)}; {self.duplicates} skipped as already stored; "
            f"{len(self.rejected)} rejected"
        )
        return text + ("." if not self.rejected else ":")

    def merge(self, other: IngestReport) -> None:
        self.articles += other.articles
        self.quotes += other.quotes
        self.duplicates += other.duplicates
        self.rejected.extend(other.rejected)
        self.notes.extend(other.notes)


def ingest(
    app: App,
    sources: Iterable[str],
    *,
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Load every source (files, folders, URLs, feeds) and store its new articles."""
    from bot.sources.loader import expand_sources

    report = IngestReport()
    store_articles(
        app, _articles(app, expand_sources(list(sources)), report, progress, fetcher), report
    )
    return report


def store_articles(app: App, articles: Iterable[Article], report: IngestReport) -> IngestReport:
    """Extract, score and store articles not stored before, a batch at a time."""
    batch: list[Article] = []
    seen: set[str] = set()
    for article in articles:
        if article.identity in seen or app.store.has_article(article.identity):
            report.duplicates += 1
            continue
        checked = _check_language(app, article, report)
        if checked is None:
            continue
        seen.add(checked.identity)
        batch.append(checked)
        if len(batch) >= app.settings.batch_size:
            _store_batch(app, batch, report)
            batch = []
    if batch:
        _store_batch(app, batch, report)
    return report


def _articles(
    app: App,
    sources: list[str],
    report: IngestReport,
    progress: Progress | None,
    fetcher: Fetcher | None,
) -> Iterator[Article]:
    from bot.sources.articles import Rejected
    from bot.sources.loader import load_one

    for source in sources:
        for item in load_one(source, settings=app.settings, fetcher=fetcher):
            if isinstance(item, Rejected):
                log.info("rejected %s: %s", item.source, item.reason)
                report.rejected.append(item)
            else:
                if item.note:
                    report.notes.append((item.source, item.note))
                yield item
        if progress:
            progress(source)


def _check_language(app: App, article: Article, report: IngestReport) -> Article | None:
    """A page not in English is noted (it gives no quotes) or, with SKIP_NON_ENGLISH, skipped."""
    from bot.sources.articles import Rejected, with_note
    from bot.sources.language import looks_english

    if looks_english(article.text):
        return article
    if app.settings.skip_non_english:
        log.info("skipped %s: not English", article.source)
        report.rejected.append(Rejected(article.source, NOT_ENGLISH_SKIPPED))
        return None
    report.notes.append((article.source, NOT_ENGLISH_KEPT))
    return with_note(article, NOT_ENGLISH_KEPT)


def _store_batch(app: App, batch: list[Article], report: IngestReport) -> None:
    for article, (quotes, tones) in zip(
        batch, analyse(app.extractor, app.settings, batch), strict=True
    ):
        record(app, article, quotes, tones, report)


def analyse(
    extractor: Extractor, settings: Settings, articles: Sequence[Article]
) -> Iterator[tuple[list[Quote], list[Tone]]]:
    """Each article's quotes and their tones, in order: what ingest and backfill's workers run."""
    texts = (article.text for article in articles)
    results = extractor.extract_many(
        texts, batch_size=settings.batch_size, n_process=settings.n_process
    )
    for quotes in results:
        tones = [
            score_tone(
                q.text,
                engine=settings.tone_engine,
                positive=settings.tone_positive,
                negative=settings.tone_negative,
            )
            for q in quotes
        ]
        yield quotes, tones


def record(
    app: App,
    article: Article,
    quotes: list[Quote],
    tones: list[Tone],
    report: IngestReport,
    *,
    backfill: bool = False,
) -> None:
    """Store one analysed article and count it (a concurrent twin counts as already stored)."""
    added = app.store.add_article(article, quotes, tones, now=_now(app), backfill=backfill)
    if added.status == "duplicate":
        report.duplicates += 1
    else:
        report.articles += 1
        report.quotes += added.quotes


def _now(app: App) -> dt.datetime:
    from bot.clock import naive_utc

    return naive_utc(app.clock())
