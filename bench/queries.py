"""Chat-query latency at scale: every command through app.handle(Request), as the adapters call
it."""

from __future__ import annotations

import gc
import inspect
import logging
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass

from bench.report import Figure, check
from bench.synth import NOW, SynthStore
from bench.timing import Latency, ms, repeat, timed

log = logging.getLogger(__name__)

SECTION = "2. query latency"
TARGET_SECONDS = 0.050
CHANNEL, USER = "C0BENCH", "U0BENCH"
DEEP_PAGE = 20


@dataclass(frozen=True)
class Query:
    label: str
    text: str  # as Slack passes it: "/quotes NAME"


@dataclass(frozen=True)
class Timing:
    query: Query
    latency: Latency
    first: float  # the very first call on a fresh App (caches cold)
    problem: str  # "" when the reply looks right


def queries_for(store: SynthStore) -> list[Query]:
    """The chat commands a user sends, with names and words that exist in `store`."""
    page = DEEP_PAGE if store.quotes >= 10_000 else 2  # a tiny test store has no 20th page
    return [
        Query("quotes NAME (most-quoted speaker)", f"/quotes {store.top_speaker}"),
        Query("quotes SURNAME (alias)", f"/quotes {store.mid_surname}"),
        Query(f"quotes NAME --page {page}", f"/quotes {store.top_speaker} --page {page}"),
        Query("quotes TYPO (fuzzy match)", f"/quotes {store.typo_name}"),
        Query("quotes UNKNOWN (suggestions)", "/quotes Nobody Knownhere"),
        Query("search COMMON word", f"/quotes search {store.common_word}"),
        Query("search RARE word", f"/quotes search {store.rare_word}"),
        Query("search TWO words", f"/quotes search {store.two_words}"),
        Query("search NO match", "/quotes search zyxwvutsr"),
        Query("speakers", "/quotes speakers"),
        Query("digest (last 24h)", "/quotes digest"),
        Query("digest 7d", "/quotes digest 7d"),
        Query("digest DAY", f"/quotes digest {store.day}"),
    ]


def open_app(store: SynthStore, url: str | None = None):
    """The real App over the store (its SQLite file, or `url`: the same rows in another database),
    its clock at the archive's end."""
    from bot.app import App
    from bot.settings import Settings

    return App(Settings(database_url=url or store.url), clock=lambda: NOW)


def ask(app, text: str):
    from bot.chat.messages import Request

    return app.handle(Request(text=text, user_id=USER, channel_id=CHANNEL, platform="slack"))


def time_queries(
    store: SynthStore, *, runs: int, budget: float, url: str | None = None
) -> list[Timing]:
    """Median and p99 of each query on one warm App (the first, cold call is kept apart); on the
    store's SQLite file, or on the same rows at `url` (bench/postgres.py copies them there)."""
    app = open_app(store, url)
    try:
        with like_the_bot_process():
            return [_time_one(app, query, runs=runs, budget=budget) for query in queries_for(store)]
    finally:
        app.close()


@contextmanager
def like_the_bot_process():
    """Hold this process's collector as `quotebot run` holds the bot's after build_app
    (gc.freeze)."""
    freeze = bot_freezes_gc()
    if freeze:
        gc.collect()
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()


def bot_freezes_gc() -> bool:
    """True when the bot's run path freezes the collector after start-up (read from its source)."""
    from adapters import cli_jobs

    return "gc.freeze()" in inspect.getsource(cli_jobs.run_adapter)


def figures(store: SynthStore, timings: list[Timing]) -> list[Figure]:
    return [_figure(store, timing) for timing in timings]


def explain(store: SynthStore, text: str) -> list[tuple[str, list[str]]]:
    """Each SQL statement `text` runs, with SQLite's EXPLAIN QUERY PLAN of it."""
    app = open_app(store)
    try:
        with _captured(app.store.engine) as statements:
            ask(app, text)
        return [(sql, _plan(store.path, sql, params)) for sql, params in statements]
    finally:
        app.close()


def _time_one(app, query: Query, *, runs: int, budget: float) -> Timing:
    first, reply = timed(ask, app, query.text)
    latency = repeat(lambda: ask(app, query.text), runs=runs, budget=budget, warmup=0)
    return Timing(query, latency, first, _problem(query, reply))


def _problem(query: Query, reply) -> str:
    from bot.chat.router import SORRY

    if reply is None or reply.text == SORRY:
        return "the command failed (see the log)"
    wanted = query.label.split()[0]
    if wanted == "quotes" and "UNKNOWN" not in query.label and not reply.quotes:
        return f"no quotes came back: {reply.text[:80]!r}"
    if wanted == "speakers" and not reply.speakers:
        return "no speakers came back"
    return ""


def _figure(store: SynthStore, timing: Timing) -> Figure:
    latency = timing.latency
    value = f"p50 {ms(latency.median)}, p99 {ms(latency.p99)}"
    note = f"{latency.runs} runs, first call {ms(timing.first)}"
    if timing.problem:
        note += f"; {timing.problem}"
    return Figure(
        SECTION,
        f"{timing.query.label} @ {store.quotes:,}",
        value,
        latency.p99 / TARGET_SECONDS,
        "p99 / 50 ms",
        "p99 < 50 ms",
        check(latency.p99, at_most=TARGET_SECONDS) and not timing.problem,
        note,
    )


@contextmanager
def _captured(engine):
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _plan(path: str, sql: str, params) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params or ()).fetchall()
    finally:
        conn.close()
    return [row[-1] for row in rows]
