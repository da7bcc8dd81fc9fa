"""Full-text search gives the same quotes on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Issue 13, defect 6: PostgreSQL's search was ILIKE, matching inside words ("port" found
"important"), treating _ and % as wildcards and folding accents differently.
"""

from __future__ import annotations

import pytest

from bot.app import App
from bot.settings import Settings
from tests.conftest import make_article, store_quotes

QUOTES = [
    ("Ana Lind", "The port reopens on Monday, and that is important for everyone here"),
    ("Ana Lind", "He said the café owners would be compensated in full"),
    ("Bo Ekholm", "Cafe prices rose by 50% while wages stood still"),
    ("Bo Ekholm", "We don't accept a well-known excuse twice"),
    ("Carla Mendes", "The file_name field was empty, so nothing was sent"),
    ("Carla Mendes", "In 2026 the harbour will handle twice the cargo"),
    ("Carla Mendes", "Zoë Ångström and the ÉLITE crews agreed on the naïve plan"),
    ("Ana Lind", "Report after report said the harbour was safe"),
    ("Bo Ekholm", "Nobody here expected the strike to last"),
]
QUERIES = [
    "port",
    "important",
    "he",
    "cafe",
    "café",
    "CAFE",
    "50%",
    "50",
    "%",
    "_",
    "file_name",
    "file",
    "name",
    "don't",
    "don",
    "well-known",
    "known",
    "2026",
    "harbour",
    "harbour safe",
    "the harbour",
    "zoe angstrom",
    "élite",
    "naive",
    "report",
    "nothing matches this",
    "strike last",
    'strike" OR "x',
]


@pytest.fixture
def both(tmp_path, postgres_url):
    apps = [
        App(Settings(database_url=f"sqlite:///{tmp_path / 'q.db'}")),
        App(Settings(database_url=postgres_url)),
    ]
    for n, (speaker, text) in enumerate(QUOTES):
        for app in apps:
            store_quotes(
                app, make_article(f"Body {n}.", title=f"Story {n}"), [(speaker, text, "direct")]
            )
    yield apps
    for app in apps:
        app.close()


def test_the_same_queries_find_the_same_quotes_on_both_databases(both):
    sqlite, postgres = both
    for query in QUERIES:
        on_sqlite = [q.text for q in sqlite.store.search(query, limit=20).items]
        on_postgres = [q.text for q in postgres.store.search(query, limit=20).items]
        assert on_sqlite == on_postgres, query


def test_words_match_whole_words_only_and_accents_fold(both):
    for app in both:

        def found(query: str, app: App = app) -> list[str]:
            return [q.text for q in app.store.search(query, limit=20).items]

        assert found("port") == [QUOTES[0][1]]  # not "important", not "report"
        assert found("he") == [QUOTES[1][1]]  # not "the", "here", "harbour"
        assert len(found("cafe")) == 2 and found("cafe") == found("CAFÉ")
        assert found("%") == [] and found("_") == []


def test_search_pages_newest_first_on_both(both):
    for app in both:
        first = app.store.search("the", limit=3)
        second = app.store.search("the", limit=3, offset=3)
        ids = [q.id for q in first.items + second.items]
        assert ids == sorted(ids, reverse=True) and first.has_more


def test_postgres_pages_the_same_whether_matches_are_few_or_many(both, monkeypatch):
    """Few matches are sorted off the GIN index, many are walked newest first: same pages."""
    import bot.storage.search as search

    postgres = both[1]
    pages = {}
    for few in (1, 10_000):  # every query "many", then every query "few"
        monkeypatch.setattr(search, "FEW", few)
        pages[few] = [
            [q.id for q in postgres.store.search(query, limit=2, offset=offset).items]
            for query in QUERIES
            for offset in (0, 2)
        ]
    assert pages[1] == pages[10_000] and any(pages[1])
