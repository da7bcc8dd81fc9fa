"""Archive backfill on Dask: workers parse, extract and score; this process alone writes, in order.

Each worker process loads the spaCy model once (a module-level cache) and turns chunks of article
texts into plain, picklable quotes and tones with the very functions `ingest` uses. The client loads
sources cheaply, skips articles already stored before any parse (so a stopped backfill resumes where
it was), and writes the results one chunk after another in source order: the speakers come out as
`ingest` makes them. Stored quotes are marked as backfilled, so they are not news for digests.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.errors import UserError
from bot.jobs.ingest import IngestReport, analyse, record
from bot.settings import SECRET_FIELDS, Settings
from bot.sources.articles import Article, Rejected

if TYPE_CHECKING:
    from bot.app import App
    from bot.nlp.extract import Extractor
    from bot.nlp.extract.types import Quote
    from bot.nlp.tone import Tone

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 2
CHUNK_ARTICLES = 4  # one task: enough for nlp.pipe, small enough to spread evenly over workers
CHUNKS_PER_WORKER = (
    3  # queued ahead per worker: workers never idle, memory stays flat on any archive
)
INSTALL_HINT = 'backfill needs Dask: pip install -e ".[scale]"'

Progress = Callable[[str], None]  # called once per source whose articles are all written

_EXTRACTORS: dict[str, Extractor] = {}  # per worker process: the model loads once, not per task


@dataclass(frozen=True)
class Analysed:
    """What a worker found in one article: its quotes and their tones, as ingest stores them."""

    quotes: tuple[Quote, ...]
    tones: tuple[Tone, ...]


@dataclass
class _Chunk:
    """Articles to analyse together, and the sources that are done once they are written."""

    articles: list[Article] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    future: Any = None


def backfill(
    app: App,
    sources: Iterable[str],
    *,
    scheduler: str | None = None,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> IngestReport:
    """Backfill an archive on a Dask cluster (`scheduler`) or on `workers` local processes."""
    from bot.sources.loader import expand_sources

    report = IngestReport()
    chunks = _chunks(_new_articles(app, expand_sources(list(sources)), report))
    settings = worker_settings(app.settings)
    with _client(scheduler, workers) as client:
        client.run(warm_worker, settings.spacy_model)  # all at once; a late joiner lazily
        window = max(1, len(client.scheduler_info()["workers"])) * CHUNKS_PER_WORKER
        for chunk, results in _in_order(client, chunks, settings, window):
            _write(app, chunk, results, report)
            for source in chunk.finished:
                if progress:
                    progress(source)
    return report


def analyse_texts(texts: list[str], settings: Settings) -> list[Analysed]:
    """The task each worker runs: quotes and tones of each text, in order."""
    articles = [Article(text=text, source="", identity="") for text in texts]
    return [
        Analysed(tuple(quotes), tuple(tones))
        for quotes, tones in analyse(load_extractor(settings.spacy_model), settings, articles)
    ]


def worker_settings(settings: Settings) -> Settings:
    """What workers need to analyse: the model and tone settings, never a token or the database."""
    secrets = {name: "" for name in SECRET_FIELDS}
    return settings.with_(database_url="", n_process=1, slack_api_url="", **secrets)


def warm_worker(model: str) -> None:
    """Load the model on this worker now (returns nothing: the model stays on the worker)."""
    load_extractor(model)


def load_extractor(model: str) -> Extractor:
    """This worker process's extractor for `model`, loaded on first use."""
    if model not in _EXTRACTORS:
        from bot.nlp.extract import Extractor
        from bot.nlp.model import load_model

        _EXTRACTORS[model] = Extractor(load_model(model))
    return _EXTRACTORS[model]


def _new_articles(app: App, sources: list[str], report: IngestReport) -> Iterator[Article | str]:
    """Articles not stored yet, in source order, each source's name once it is read through."""
    from bot.sources.loader import load_one

    seen: set[str] = set()
    for source in sources:
        for item in load_one(source, settings=app.settings):
            if isinstance(item, Rejected):
                log.info("rejected %s: %s", item.source, item.reason)
                report.rejected.append(item)
            elif item.identity in seen or app.store.has_article(item.identity):
                report.duplicates += 1  # stored before: a resumed backfill skips it unparsed
            else:
                seen.add(item.identity)
                if item.note:
                    report.notes.append((item.source, item.note))
                yield item
        yield source


def _chunks(items: Iterator[Article | str]) -> Iterator[_Chunk]:
    chunk = _Chunk()
    for item in items:
        if isinstance(item, str):
            chunk.finished.append(item)
            continue
        if len(chunk.articles) == CHUNK_ARTICLES:
            yield chunk
            chunk = _Chunk()
        chunk.articles.append(item)
    yield chunk


def _in_order(
    client: Any, chunks: Iterator[_Chunk], settings: Settings, window: int
) -> Iterator[tuple[_Chunk, list[Analysed] | BaseException]]:
    """Submit chunks ahead (at most `window` in flight); yield each with its results, in order."""
    pending: deque[_Chunk] = deque()
    for chunk in chunks:
        if chunk.articles:
            texts = [article.text for article in chunk.articles]
            chunk.future = client.submit(analyse_texts, texts, settings, pure=False)
        pending.append(chunk)
        if len(pending) > window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(chunk: _Chunk) -> tuple[_Chunk, list[Analysed] | BaseException]:
    if chunk.future is None:
        return chunk, []
    try:
        return chunk, chunk.future.result()
    except Exception as exc:  # a worker died or failed: its articles are reported, the rest goes on
        log.exception("a backfill task of %d articles failed", len(chunk.articles))
        return chunk, exc
    finally:
        chunk.future.release()


def _write(
    app: App, chunk: _Chunk, results: list[Analysed] | BaseException, report: IngestReport
) -> None:
    if isinstance(results, BaseException):
        reason = f"analysis failed on a worker ({type(results).__name__}); details are in the log"
        report.rejected.extend(Rejected(a.source, reason) for a in chunk.articles)
        return
    for article, analysed in zip(chunk.articles, results, strict=True):
        record(app, article, list(analysed.quotes), list(analysed.tones), report, backfill=True)


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client on the given scheduler, or on a LocalCluster of worker processes it owns."""
    try:
        import distributed
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    dask: Any = distributed  # its constructors carry no type hints
    # Dask logs every worker's start and stop at INFO: keep its warnings and errors only.
    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))
    if scheduler:
        with _connect(dask.Client, scheduler) as client:
            yield client
        return
    if workers < 1:
        raise UserError(f"--workers must be 1 or more, not {workers}")
    with (
        dask.LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            dashboard_address=":0",
            # a worker's heartbeat can race the scheduler's shutdown and log a harmless traceback;
            # task errors still reach the client and are reported there
            silence_logs=logging.CRITICAL,
        ) as cluster,
        dask.Client(cluster) as client,
    ):
        yield client


def _connect(client_type: Any, address: str) -> Any:
    try:
        return client_type(address)  # waits distributed.comm.timeouts.connect (30 s by default)
    except (OSError, TimeoutError) as exc:
        raise UserError(
            f"could not reach the Dask scheduler at {address!r} ({type(exc).__name__}); "
            "start one with `dask scheduler` and give its tcp://HOST:8786 address"
        ) from None
