"""Alembic: a fresh database at head, a quotebot 0.1 database upgraded in place with nothing lost.

tests/fixtures/quotebot-0.1.db was made by quotebot 0.1 itself (see tests/fixtures/README.md),
and quotebot-0.1-answers.json holds what 0.1 answered on it; after `quotebot db upgrade` the
current code must answer the same.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

from sqlalchemy import inspect, text

from bot.storage import Store
from bot.storage.digests import digest_data
from bot.storage.migrate import current, head
from tests.conftest import FIXTURES, ROOT

OLD_DB = FIXTURES / "quotebot-0.1.db"
OLD_ANSWERS = FIXTURES / "quotebot-0.1-answers.json"
SEARCHES = ["the", "government", "said", "we", "new", "people", "will", "not"]
DAYS = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]


def answers(store: Store) -> dict:
    """What a store answers: speakers, each one's quotes, searches and each day's digest."""

    def quote(v):
        return [v.speaker, v.text, v.kind, v.label, round(v.compound, 4), v.article_title]

    out: dict = {
        "speakers": [
            [s.name, s.quotes, s.articles, s.average] for s in store.speakers(limit=1000).items
        ]
    }
    out["quotes"] = {
        s[0]: [quote(v) for v in store.quotes_by(s[0], limit=1000).items] for s in out["speakers"]
    }
    out["search"] = {w: [quote(v) for v in store.search(w, limit=1000).items] for w in SEARCHES}
    out["digests"] = {}
    for day in DAYS:
        d = digest_data(store, day=dt.date.fromisoformat(day))
        out["digests"][day] = {
            "counts": [d.quote_count, d.speaker_count, d.article_count, d.average],
            "speakers": [
                [s.name, s.count, s.average, [q.text for q in s.quotes]] for s in d.speakers
            ],
            "positive": d.most_positive and d.most_positive.text,
            "negative": d.most_negative and d.most_negative.text,
            "articles": [list(a) for a in d.articles],
        }
    return json.loads(json.dumps(out))


def quotebot(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_quotebot_0_1_database_upgrades_in_place_and_answers_the_same(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(OLD_DB, path)
    url = f"sqlite:///{path}"
    before = quotebot("db", "current", url=url)
    assert before.returncode == 0 and "revision none" in before.stdout
    upgraded = quotebot("db", "upgrade", url=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"to revision {head()}" in upgraded.stdout
    assert quotebot("db", "current", url=url).stdout.startswith(f"revision {head()}: the newest")
    store = Store(url)
    assert answers(store) == json.loads(OLD_ANSWERS.read_text())
    store.close()


def test_a_fresh_database_is_made_at_head_by_migrations(database_url):
    store = Store(database_url)
    assert current(store.engine) == head()
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "quotes", "speakers", "deliveries", "alembic_version"} <= tables
    store.close()


def test_the_0_1_schema_upgrades_on_postgresql_with_its_rows(postgres_url):
    """A 0.1-shaped PostgreSQL database (baseline tables, varchar columns, no version table)."""
    from alembic import command

    from bot.storage.engine import make_engine
    from bot.storage.migrate import _config

    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        config = _config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(
            text(
                "INSERT INTO articles (identity, source, text, ingested_at) "
                "VALUES ('https://news.example.org/a', 'a', 'Body.', now())"
            )
        )
        conn.execute(
            text(
                "INSERT INTO speakers (name, key, kind, quote_count, article_count, compound_sum) "
                "VALUES ('Ana Lind', 'ana lind', 'PERSON', 1, 1, 0.5)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO quotes (article_id, speaker_id, speaker_as_written, text, kind, "
                'start, "end", compound, label, ingested_at) VALUES '
                "(1, 1, 'Ana Lind', 'Caf\u00e9 owners welcomed the harbour plan', 'direct', "
                "0, 10, 0.5, 'positive', now())"
            )
        )
    engine.dispose()
    store = Store(postgres_url)
    assert current(store.engine) == head()
    assert [q.text for q in store.search("cafe harbour").items] == [
        "Caf\u00e9 owners welcomed the harbour plan"
    ]
    assert [(s.name, s.quotes) for s in store.speakers().items] == [("Ana Lind", 1)]
    store.close()


def test_upgrading_twice_changes_nothing_the_second_time(database_url):
    from bot.storage.engine import make_engine
    from bot.storage.migrate import upgrade

    engine = make_engine(database_url)
    assert upgrade(engine) is None
    assert upgrade(engine) == head()
    engine.dispose()


def test_the_migrations_make_exactly_the_models(database_url):
    """A column or table added to models.py needs a migration (bot/storage/migrations/versions)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage.models import Base

    store = Store(database_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": conn.dialect.name == "postgresql",
                "include_name": lambda name, kind, _parent: (
                    not (
                        kind == "table"
                        and (name.startswith("quotes_fts") or name == "alembic_version")
                    )
                ),
            },
        )
        differences = compare_metadata(context, Base.metadata)
    store.close()
    # PostgreSQL's search column and its index are not mapped, and feed URLs are unique there by
    # their md5 (any length fits the index) rather than by the plain constraint the model shows.
    unmapped = {"tsv", "ix_quotes_tsv", "ix_feeds_url_md5", "ix_quotes_speaker_newest"}
    left = [d for d in differences if not unmapped & set(map(str, _names(d)))]
    left = [d for d in left if not (d[0] == "add_constraint" and d[1].table.name == "feeds")]
    assert left == []


def _names(difference) -> list:
    items = difference if isinstance(difference, list) else [difference]
    names = []
    for item in items:
        for part in item:
            names.append(getattr(part, "name", part))
    return names
