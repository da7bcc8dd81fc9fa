"""The work behind `quotebot` sub-commands that is more than one router call."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import TYPE_CHECKING

from adapters.compose import compose, jobs_for
from adapters.console import EXIT_STATUS, ConsoleAdapter
from adapters.invisible import inert_json
from bot import SAMPLES
from bot.app import App
from bot.chat.messages import Reply, Request
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.jobs.ingest import IngestReport

log = logging.getLogger(__name__)


def ask(app: App, words: str, *, as_json: bool) -> int:
    """Send `words` through the chat router and print the Reply (text or JSON)."""
    reply = app.handle(Request(text=words, platform="console", channel_id="cli"))
    if as_json:
        print(inert_json(reply_to_dict(reply), default=_json_default))
    else:
        hint = f"More: quotebot {reply.more}" if reply.more else ""
        ConsoleAdapter(app).post("cli", reply, more_hint=hint)
    return EXIT_STATUS[reply.kind]


def reply_to_dict(reply: Reply) -> dict:
    """A Reply as plain JSON-able data."""
    data = dataclasses.asdict(reply)
    return {k: v for k, v in data.items() if v not in (None, (), [], "")}


def ingest_with_progress(app: App, sources: list[str], *, quiet: bool = False) -> IngestReport:
    """Ingest with a progress bar on stderr (one tick per file or URL)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bot.jobs.ingest import ingest
    from bot.sources.loader import expand_sources

    expanded = expand_sources(list(sources))
    console = Console(stderr=True)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(
        *columns, console=console, disable=quiet or len(expanded) < 2, transient=True
    ) as bar:
        task = bar.add_task("ingest", total=len(expanded))
        return ingest(app, expanded, progress=lambda _source: bar.advance(task))


def backfill_with_progress(
    app: App, sources: list[str], *, scheduler: str | None, workers: int
) -> IngestReport:
    """Backfill on Dask with a progress bar on stderr (one tick per file or URL written)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bot.jobs.backfill import backfill
    from bot.sources.loader import expand_sources

    expanded = expand_sources(list(sources))
    columns = (TextColumn("backfilling"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("backfill", total=len(expanded))
        return backfill(
            app,
            expanded,
            scheduler=scheduler,
            workers=workers,
            progress=lambda _source: bar.advance(task),
        )


def poll_feeds_once(app: App, *, as_json: bool) -> int:
    from bot.jobs.polling import poll_feeds

    report = poll_feeds(app)
    if as_json:
        from bot.sources.redact import redact_url

        data = dataclasses.asdict(report)
        for feed in data["feeds"]:
            feed["url"] = redact_url(feed["url"])
        print(inert_json(data, default=_json_default))
    else:
        print(report.summary())
    # Non-zero only when every feed failed: one bad feed among good ones is a warning.
    return 1 if report.feeds and len(report.failed) == len(report.feeds) else 0


def print_feeds_json(app: App) -> int:
    """`feeds list --json`: one object a feed, data rather than sentences."""
    feeds = [
        {
            "url": f.url,
            "title": f.title,
            "last_polled": f.last_polled,
            "next_poll": f.next_poll,
            "failures": f.failures,
            "last_error": f.last_error,
        }
        for f in app.channels.feeds()
    ]
    print(inert_json({"feeds": feeds}, default=_json_default))
    return 0


def run_demo(app: App, *, chat: bool) -> int:
    """Ingest the samples, show a short tour, then open the console chat."""
    report = ingest_with_progress(app, [str(SAMPLES)])
    print(f"Sample articles: {report.summary()}")
    adapter = ConsoleAdapter(app)
    top = app.store.speakers(limit=1).items
    tour = ["!speakers", "!digest 7d"] + ([f"/quotes {top[0].name}"] if top else [])
    for command in tour:
        print(f"\nquotebot> {command}")
        adapter.once(command)
    if chat:
        print()
        adapter.repl()
    return 0


def run_adapter(
    platform: str, settings: Settings, *, once: str | None, http: bool, port: int | None
) -> int:
    """`quotebot run`: the App built once, handed to the platform's adapter with its jobs."""
    import gc

    app = compose(settings)
    # A long-running bot's start-up objects never die: keep them out of every full collection,
    # whose pauses were most of the digest's p99 (bench/RESULTS.md).
    gc.freeze()
    if platform == "console":
        adapter = ConsoleAdapter(app)
        if once is not None:
            return adapter.once(once)
        adapter.repl()
        return 0
    if platform == "slack":
        from adapters import slack

        slack.run(app, settings, http=http, port=port, jobs=jobs_for(app))
        return 0
    from adapters import discord_bot

    discord_bot.run(app, settings, jobs=jobs_for(app))
    return 0


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
