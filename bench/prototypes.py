"""The store changes this bench recommends, timed on the same synthetic store as the real queries.

Each prototype answers the same question as the app's query with the proposed SQL or index, so the
figure shows what the change buys before anyone edits bot/storage. They read the store (the stats
table is a TEMP table on the bench's own connection), never change it.
"""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3

from bench.report import Figure, check
from bench.synth import NOW, SynthStore
from bench.timing import Latency, ms, repeat, timed

SECTION = "2b. prototypes (changes this bench proposed, timed alone for reference)"
TARGET_SECONDS = 0.050
PAGE = 6  # page size 5, plus one to know whether there is more

# speakers: counts kept per speaker at write time instead of a GROUP BY over every quote.
STATS_SQL = (
    "CREATE TEMP TABLE speaker_stats AS SELECT speaker_id, count(*) AS quotes, "
    "count(DISTINCT article_id) AS articles, sum(compound) AS compound_sum FROM quotes GROUP BY "
    "speaker_id"
)
STATS_INDEX_SQL = "CREATE INDEX temp.ix_speaker_stats_quotes ON speaker_stats (quotes DESC)"
SPEAKERS_SQL = (
    "SELECT s.name, st.quotes, st.articles, st.compound_sum / st.quotes FROM speaker_stats st "
    "JOIN speakers s ON s.id = st.speaker_id ORDER BY st.quotes DESC, s.name LIMIT 11 OFFSET 0"
)
# search: let FTS5 walk its doclist newest-id first and stop after a page, instead of sorting every
# match.
SEARCH_IDS_SQL = (
    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?"
)
# digest: plain columns, then speakers and articles by primary key, instead of ORM rows joined per
# quote.
DIGEST_QUOTES_SQL = (
    "SELECT id, text, kind, cue, compound, label, published, speaker_as_written, role, speaker_id, "
    "article_id FROM quotes WHERE ingested_at >= ? AND ingested_at < ? "
    "ORDER BY ingested_at, id LIMIT 5000"
)


def prototype_figures(store: SynthStore, *, runs: int, budget: float) -> list[Figure]:
    conn = sqlite3.connect(store.path)
    try:
        build, _ = timed(_build_stats, conn)
        out = [
            _figure(
                store,
                "speakers from kept counts",
                repeat(lambda: conn.execute(SPEAKERS_SQL).fetchall(), runs=runs, budget=budget),
                f"one-off backfill of the counts: {build:.1f} s",
            )
        ]
        for word in (store.common_word, store.rare_word):
            out.append(
                _figure(
                    store,
                    f"search {word!r} newest-stored first via FTS rowid",
                    repeat(lambda w=word: _search(conn, w), runs=runs, budget=budget),
                    "",
                )
            )
        for days in (1, 7):
            out.append(
                _figure(
                    store,
                    f"digest {days}d rows: plain columns + lookups by key",
                    repeat(lambda d=days: _digest(conn, d), runs=runs, budget=budget),
                    "SQL and QuoteView building only; build_digest's own work comes on top",
                )
            )
        out.append(_fuzzy_figure(store, conn, runs=runs, budget=budget))
    finally:
        conn.close()
    out.append(_gc_figure(store, runs=runs, budget=budget))
    return out


def _build_stats(conn: sqlite3.Connection) -> None:
    conn.execute(STATS_SQL)
    conn.execute(STATS_INDEX_SQL)


def _search(conn: sqlite3.Connection, word: str) -> list:
    ids = [row[0] for row in conn.execute(SEARCH_IDS_SQL, (f'"{word}"', PAGE, 0))]
    marks = ",".join("?" * len(ids))
    return conn.execute(
        f"SELECT q.*, s.name, a.title, a.url, a.outlet FROM quotes q JOIN speakers s ON s.id = "
        f"q.speaker_id "
        f"JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks}) ORDER BY q.id DESC",
        ids,
    ).fetchall()


def _digest(conn: sqlite3.Connection, days: int) -> list:
    from bot.chat.messages import QuoteView
    from bot.nlp.tone import emoji_for

    until = NOW.replace(tzinfo=None)
    since = until - dt.timedelta(days=days)
    rows = conn.execute(DIGEST_QUOTES_SQL, (_stamp(since), _stamp(until))).fetchall()
    names = _by_id(conn, "SELECT id, name FROM speakers WHERE id IN ({})", {r[9] for r in rows})
    articles = _by_id(
        conn, "SELECT id, title, url, outlet FROM articles WHERE id IN ({})", {r[10] for r in rows}
    )
    return [
        QuoteView(
            id=r[0],
            speaker=names[r[9]][0],
            text=r[1],
            kind=r[2],
            cue=r[3],
            compound=r[4],
            label=r[5],
            emoji=emoji_for(r[5]),
            article_title=articles[r[10]][0] or "untitled article",
            article_url=articles[r[10]][1],
            published=dt.date.fromisoformat(r[6]) if r[6] else None,
            outlet=articles[r[10]][2],
            speaker_as_written=r[7],
            role=r[8],
        )
        for r in rows
    ]


def _by_id(conn: sqlite3.Connection, sql: str, ids: set) -> dict:
    ids = sorted(ids)
    out = {}
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        out.update(
            {row[0]: row[1:] for row in conn.execute(sql.format(",".join("?" * len(chunk))), chunk)}
        )
    return out


def _fuzzy_figure(
    store: SynthStore, conn: sqlite3.Connection, *, runs: int, budget: float
) -> Figure:
    """A typo'd surname against keys computed once (not per call), scored by rapidfuzz in C."""
    from rapidfuzz import fuzz, process

    from bot.nlp.names import name_key
    from bot.nlp.roles import split_role

    names = [row[0] for row in conn.execute("SELECT name FROM speakers")]
    build, surnames = timed(
        lambda: sorted({name_key(split_role(n)[0]).split()[-1] for n in names if n.strip()})
    )
    typo = name_key(store.typo_name)
    latency = repeat(
        lambda: process.extract(
            typo, surnames, scorer=fuzz.ratio, processor=None, score_cutoff=88, limit=10
        ),
        runs=runs,
        budget=budget,
    )
    return _figure(
        store,
        "quotes TYPO against precomputed name keys",
        latency,
        f"keys computed once per store: {build:.1f} s for {len(names):,} speakers",
    )


def _gc_figure(store: SynthStore, *, runs: int, budget: float) -> Figure:
    """The daily digest with the collector's long-lived objects frozen after start-up
    (gc.freeze())."""
    from bench.queries import ask, open_app

    app = open_app(store)
    try:
        plain = repeat(lambda: ask(app, "/quotes digest"), runs=runs, budget=budget)
        gc.collect()
        gc.freeze()
        try:
            frozen = repeat(lambda: ask(app, "/quotes digest"), runs=runs, budget=budget)
        finally:
            gc.unfreeze()
    finally:
        app.close()
    return _figure(
        store,
        "digest (last 24h) after gc.freeze()",
        frozen,
        f"without the freeze in the same process: p50 {ms(plain.median)}, p99 {ms(plain.p99)}; "
        "full collections of every long-lived object are what the p99 spikes are",
    )


def _figure(store: SynthStore, label: str, latency: Latency, note: str) -> Figure:
    return Figure(
        SECTION,
        f"prototype: {label} @ {store.quotes:,}",
        f"p50 {ms(latency.median)}, p99 {ms(latency.p99)}",
        latency.p99 / TARGET_SECONDS,
        "p99 / 50 ms",
        "p99 < 50 ms",
        check(latency.p99, at_most=TARGET_SECONDS),
        f"{latency.runs} runs" + (f"; {note}" if note else ""),
    )


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
