"""The schema, made and upgraded by Alembic (bot/storage/migrations), under a database lock.

Every process runs `ensure_schema` when it opens the store: when the database is already at the
head revision that is one read; otherwise it takes the migration lock (PostgreSQL: an advisory
lock; SQLite: BEGIN IMMEDIATE), checks again, and upgrades, so two processes starting together on
an empty or old database cannot race. A database made by quotebot 0.1 (no version table) is taken
up by the baseline revision, which only adds what 0.1's own start-up used to add.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.errors import ConfigError
from bot.storage.engine import MIGRATE_LOCK_KEY, writer

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def head() -> str:
    """The newest revision this code knows."""
    revision = _scripts().get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The database's revision (None: empty, or made before migrations)."""
    try:
        with engine.connect() as conn:
            return _current(conn)
    except OperationalError as exc:
        first = str(exc.orig or exc).strip().splitlines()[0]
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigError(f"cannot open the database {where}: {first}") from None


def ensure_schema(engine: Engine) -> str | None:
    """Upgrade to head when needed; the revision it upgraded from, or None if it was current."""
    if current(engine) == head():
        return None
    return upgrade(engine)


def upgrade(engine: Engine) -> str | None:
    """Upgrade to head under the migration lock; returns the revision found before (None: none)."""
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK_KEY})
        before = _current(conn)
        if before != head():
            log.log(
                logging.WARNING if before else logging.INFO,
                "upgrading the database schema from %s to %s",
                before or "none (empty, or made by 0.1)",
                head(),
            )
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    return before


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def describe(url: str) -> tuple[str | None, str]:
    """(the database's revision, the code's head) for the database at `url`, changing nothing."""
    from bot.storage.engine import make_engine

    engine = make_engine(url)
    try:
        return current(engine), head()
    finally:
        engine.dispose()


def upgrade_url(url: str) -> tuple[str | None, str]:
    """Upgrade the database at `url` to head: (the revision before, the revision now)."""
    from bot.storage.engine import make_engine

    engine = make_engine(url)
    try:
        return upgrade(engine), head()
    finally:
        engine.dispose()


def prepare(url: str) -> None:
    """Make or upgrade the schema of the database at `url` (for tools that then write to it)."""
    from bot.storage.engine import make_engine

    engine = make_engine(url)
    try:
        ensure_schema(engine)
    finally:
        engine.dispose()
