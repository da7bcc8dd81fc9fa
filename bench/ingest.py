"""Ingest cost: the whole ingest pass in process, and its store step as the archive grows."""

from __future__ import annotations

import itertools
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

from bench.report import Figure
from bench.synth import NOW, SynthStore
from bench.timing import timed

SECTION = "1. extraction throughput"
_fresh = itertools.count()


def ingest_pass(
    articles: list, workdir: Path, *, batch_size: int, n_process: int
) -> Callable[[], None]:
    """A callable that ingests `articles` into a new, empty SQLite file each time it runs."""
    from bot.app import App
    from bot.jobs.ingest import IngestReport, store_articles
    from bot.settings import Settings

    def run() -> None:
        path = workdir / f"ingest-{next(_fresh)}.db"
        app = App(
            Settings(database_url=f"sqlite:///{path}", batch_size=batch_size, n_process=n_process),
            clock=lambda: NOW,
        )
        try:
            report = store_articles(app, articles, IngestReport())
        finally:
            app.close()
        if report.articles != len(articles):
            raise RuntimeError(
                f"ingest stored {report.articles} of {len(articles)} articles: {report.summary()}"
            )

    return run


def store_step_figures(
    nlp,
    articles: list,
    stores: list[SynthStore],
    workdir: Path,
    *,
    parse_seconds_per_article: float,
) -> list[Figure]:
    """Storing the same extracted quotes into an empty store and into copies of the synthetic
    stores."""
    prepared = _prepare(nlp, articles)
    out = []
    empty = _store_seconds(prepared, workdir / "store-step-empty.db")
    out.append(_figure("empty store", empty, prepared, parse_seconds_per_article))
    for store in stores:
        copy = workdir / f"store-step-{store.quotes}.db"
        shutil.copyfile(store.path, copy)
        seconds = _store_seconds(prepared, copy)
        copy.unlink()
        out.append(
            _figure(
                f"store of {store.quotes:,} quotes ({store.speakers:,} speakers)",
                seconds,
                prepared,
                parse_seconds_per_article,
                baseline=empty,
            )
        )
    return out


def _prepare(nlp, articles: list) -> list[tuple]:
    """Each article with its extracted quotes and their tones (the work before the store step)."""
    from bot.nlp.extract import extract_quotes
    from bot.nlp.tone import score_tone

    out = []
    for article, doc in zip(
        articles, nlp.pipe((a.text for a in articles), batch_size=64), strict=True
    ):
        quotes = extract_quotes(doc)
        out.append((article, quotes, [score_tone(q.text) for q in quotes]))
    return out


def _store_seconds(prepared: list[tuple], path: Path) -> list[float]:
    """Seconds of Store.add_article for each article, on a fresh Store over `path`."""
    from bot.storage import Store

    store = Store(f"sqlite:///{path}")
    try:
        return [
            timed(store.add_article, article, quotes, tones, now=NOW.replace(tzinfo=None))[0]
            for article, quotes, tones in prepared
        ]
    finally:
        store.close()


def _figure(
    where: str,
    seconds: list[float],
    prepared: list[tuple],
    parse: float,
    *,
    baseline: list[float] | None = None,
) -> Figure:
    per_article = statistics.median(seconds)
    quotes = sum(len(q) for _, q, _ in prepared)
    value = (
        f"{per_article * 1000:.1f} ms/article ({sum(seconds) / max(quotes, 1) * 1000:.1f} ms/quote)"
    )
    note = (
        f"{len(prepared)} articles, {quotes} quotes; a spaCy parse is {parse * 1000:.0f} ms/article"
    )
    if baseline is None:
        return Figure(
            SECTION,
            f"ingest store step into an {where}",
            value,
            (parse + per_article) / parse,
            "(parse+store) / parse",
            note=note,
        )
    ratio = (parse + per_article) / parse
    grown = per_article / statistics.median(baseline)
    return Figure(
        SECTION,
        f"ingest store step into a {where}",
        value,
        ratio,
        "(parse+store) / parse",
        "<= 1.15x",
        ratio <= 1.15,
        f"{note}; {grown:.1f}x the empty store's cost",
    )
