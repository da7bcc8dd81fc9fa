"""Test databases: a SQLite file per test, or a PostgreSQL schema per test.

QUOTEBOT_TEST_DATABASE_URL set: the whole suite runs on that PostgreSQL server (each test in a
schema of its own, dropped after). Unset: the suite runs on SQLite, and the tests that need
PostgreSQL use DEFAULT_POSTGRES; they skip (and say why) when it is unreachable, unless CI=true,
where an unreachable server fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ENV = "QUOTEBOT_TEST_DATABASE_URL"
DEFAULT_POSTGRES = "postgresql+psycopg://root@127.0.0.1:5432/test"
CONNECT_TIMEOUT = 5


def suite_on_postgres() -> bool:
    return bool(os.environ.get(ENV))


def postgres_expected() -> bool:
    return suite_on_postgres() or os.environ.get("CI", "").lower() == "true"


def postgres_base() -> str:
    from bot.storage.engine import normalise_url

    return normalise_url(os.environ.get(ENV) or DEFAULT_POSTGRES)


def postgres_problem(url: str) -> str | None:
    """Why `url` cannot be used (no driver, no server), or None when it can."""
    try:
        import psycopg
    except ImportError:
        return 'psycopg is not installed (pip install -e ".[postgres]")'
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    try:
        psycopg.connect(
            parsed.set(drivername="postgresql").render_as_string(hide_password=False),
            connect_timeout=CONNECT_TIMEOUT,
        ).close()
    except psycopg.Error as exc:
        return f"PostgreSQL at {parsed.host}:{parsed.port or 5432} is unreachable: {exc}".strip()
    return None


def require_postgres() -> str:
    """The PostgreSQL base URL, or skip (fail where PostgreSQL was expected)."""
    url = postgres_base()
    problem = postgres_problem(url)
    if problem and postgres_expected():
        pytest.fail(f"PostgreSQL was expected ({ENV} or CI=true) but: {problem}", pytrace=False)
    if problem:
        pytest.skip(f"needs PostgreSQL: {problem}; set {ENV} to run it")
    return url


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A fresh schema on the server at `base`; yields a URL whose search_path is that schema."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, poolclass=_null_pool())
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def sqlite_url(folder: Path, name: str = "quotebot.db") -> str:
    return f"sqlite:///{folder / name}"


@contextmanager
def database_url(folder: Path, *, postgres: bool | None = None) -> Iterator[str]:
    """A URL of an empty database for one test: the suite's kind unless `postgres` says."""
    if postgres is None:
        postgres = suite_on_postgres()
    if not postgres:
        yield sqlite_url(folder)
        return
    with postgres_schema(require_postgres()) as url:
        yield url


def _null_pool():  # type: ignore[no-untyped-def]
    from sqlalchemy.pool import NullPool

    return NullPool
