"""PostgreSQL beside SQLite: chat-query latency on the same synthetic archive, and two processes
storing articles at once against one database.

    python -m bench.postgres [--quotes 1000000] [--url postgresql://root@127.0.0.1:5432/postgres]

The synthetic SQLite store (bench/synth.py) is copied row for row into a PostgreSQL database of
its own (made once per size and schema, then reused), so both databases answer the same queries
over the same rows; the queries are timed one database after the other in this one run.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import time

from bench import queries, writers
from bench.synth import SynthStore, build_store

log = logging.getLogger(__name__)

DEFAULT_URL = "postgresql+psycopg://root@127.0.0.1:5432/postgres"
TABLES = ("articles", "speakers", "speaker_aliases", "quotes")
COPY_ROWS = 20_000
RUNS, BUDGET = 200, 6.0  # per query: up to 200 calls or 6 s


def postgres_copy(store: SynthStore, base_url: str) -> str:
    """The URL of a PostgreSQL database holding the store's rows (copied once, then reused)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from bot.storage.engine import normalise_url
    from bot.storage.migrate import prepare

    base = make_url(normalise_url(base_url))
    name = "quotebot_bench_" + store.path.rsplit("/", 1)[-1].removesuffix(".db").replace("-", "_")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    prepare(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        filled = conn.scalar(text("SELECT count(*) FROM quotes"))
    engine.dispose()
    if filled != store.quotes:
        _copy_rows(store, url)
    return url


def _copy_rows(store: SynthStore, url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    started = time.perf_counter()
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    source = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    with psycopg.connect(dsn) as conn:
        conn.execute("TRUNCATE quotes, speaker_aliases, speaker_names, speakers, articles CASCADE")
        conn.execute("DROP INDEX IF EXISTS ix_quotes_tsv")  # built once at the end: far faster
        for table in TABLES:
            _copy_table(source, conn, table)
        conn.execute("CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)")
        for table in TABLES:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    source.close()
    log.warning(
        "copied %s quotes to PostgreSQL in %.0f s", store.quotes, time.perf_counter() - started
    )


def _copy_table(source: sqlite3.Connection, conn, table: str) -> None:  # type: ignore[no-untyped-def]
    cursor = source.execute(f"SELECT * FROM {table}")
    columns = [c[0] for c in cursor.description]
    quoted = ", ".join(f'"{c}"' for c in columns)
    with conn.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        while rows := cursor.fetchmany(COPY_ROWS):
            for row in rows:
                copy.write_row(row)


def compare(quotes: int, url: str) -> list[tuple[str, float, float, float, float]]:
    """(query, SQLite p50, SQLite p99, PostgreSQL p50, PostgreSQL p99), in seconds."""
    store = build_store(quotes)
    pg_url = postgres_copy(store, url)
    on_sqlite = queries.time_queries(store, runs=RUNS, budget=BUDGET)
    on_postgres = queries.time_queries(store, runs=RUNS, budget=BUDGET, url=pg_url)
    rows = []
    for lite, pg in zip(on_sqlite, on_postgres, strict=True):
        for timing in (lite, pg):
            if timing.problem:
                log.warning("%s: %s", timing.query.label, timing.problem)
        rows.append(
            (
                lite.query.label,
                lite.latency.median,
                lite.latency.p99,
                pg.latency.median,
                pg.latency.p99,
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres", description=__doc__)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--url", default=DEFAULT_URL, help="a PostgreSQL server (any database)")
    parser.add_argument("--articles", type=int, default=300, help="per process, for the writers")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-writers", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if not args.skip_queries:
        print(f"## Query latency at {args.quotes:,} quotes (ms)\n")
        print("| query | SQLite p50 | SQLite p99 | PostgreSQL p50 | PostgreSQL p99 |")
        print("|---|---:|---:|---:|---:|")
        for label, lite50, lite99, pg50, pg99 in compare(args.quotes, args.url):
            cells = " | ".join(f"{v * 1000:.1f}" for v in (lite50, lite99, pg50, pg99))
            print(f"| {label} | {cells} |", flush=True)
    if args.skip_writers:
        return 0
    print(f"\n## Storing articles: one process, then two at once ({args.articles} each)\n")
    print("| database | processes | articles | seconds | articles/s | duplicates | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in writers.compare(args.url, args.articles):
        print("| " + " | ".join(str(v) for v in row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
