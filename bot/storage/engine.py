"""Engines for SQLite and PostgreSQL: URL checks, SQLite pragmas, and one writer at a time.

Every write transaction of the store is serialised across processes: SQLite's by BEGIN IMMEDIATE
(the database's write lock, taken before the first read), PostgreSQL's by a transaction-scoped
advisory lock. Reads stay concurrent. Writes are short (extraction happens before them), so the
lock costs little, and it is what makes check-then-insert and speaker resolution race-free.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from bot.errors import ConfigError
from bot.storage.files import prepare_sqlite_file

log = logging.getLogger(__name__)

SQLITE_BUSY_MS = 30_000  # a writer waits this long for another process's write to finish
WRITE_LOCK_KEY = 0x71756F7465  # "quote": the advisory lock every PostgreSQL writer takes
MIGRATE_LOCK_KEY = 0x6D696772  # "migr": held while the schema is checked and upgraded
POSTGRES_EXTRA = 'PostgreSQL needs the driver: pip install -e ".[postgres]" (psycopg 3)'


def normalise_url(url: str) -> str:
    """postgres:// and postgresql:// mean psycopg 3; anything else is used as given."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str) -> Engine:
    """An engine for `url` (schema untouched: bot.storage.migrate makes and upgrades it)."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a database URL: {url[:80]!r}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        if parsed.get_backend_name() == "postgresql":
            raise ConfigError(POSTGRES_EXTRA) from exc
        raise ConfigError(f"no driver for DATABASE_URL {parsed.drivername!r}: {exc}") from exc


def writer(engine: Engine) -> Engine:
    """The same engine, for write transactions: SQLite begins them IMMEDIATE."""
    return engine.execution_options(quotebot_write=True)


def lock_writes(conn: Connection) -> None:
    """Inside a write transaction: wait for other writers (PostgreSQL; SQLite locked at BEGIN)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        prepare_sqlite_file(database)  # the owner's only: 0600 in a 0700 folder it makes
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")  # first: the pragmas below may wait
    _sqlite_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_wal(cursor: Any) -> None:
    """Switch to WAL, waiting for a process that is switching the same new file at that moment.

    SQLite answers "database is locked" at once, without its busy handler, when two connections
    change the journal mode of a new database together, so the wait is ours: a few short tries.
    """
    deadline = time.monotonic() + SQLITE_BUSY_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN for reads; BEGIN IMMEDIATE for writes, so a writer never reads a stale snapshot."""
    immediate = conn.get_execution_options().get("quotebot_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
