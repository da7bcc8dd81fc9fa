"""The store on a real SQLite file: WAL, duplicates, canonical speakers, full-text search."""

import datetime as dt

from sqlalchemy import text

from bot.app import App
from tests.conftest import make_article, store_quotes


def test_sqlite_file_runs_in_wal_mode(app, settings, tmp_path):
    with app.store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert (tmp_path / "quotebot.db").is_file()


def test_same_article_twice_stores_nothing_twice(app):
    article = make_article("Body.", url="https://news.example.org/a")
    store_quotes(app, article, [("Ana Lind", "Good news for the harbour", "direct")])
    store_quotes(app, article, [("Ana Lind", "Good news for the harbour", "direct")])
    assert app.store.counts() == {"articles": 1, "quotes": 1, "speakers": 1}


def test_name_variants_reach_one_canonical_speaker(app):
    store_quotes(app, make_article("One."), [("Oskar Vilde", "First words", "direct")])
    store_quotes(app, make_article("Two."), [("Vilde", "Second words", "direct")])
    store_quotes(app, make_article("Three."), [("Vildee", "Third words", "direct")])
    assert app.store.counts()["speakers"] == 1
    for typed in ("Oskar Vilde", "vilde", "OSKAR VILDE", "Vildee"):
        assert app.store.find_speaker(typed).name == "Oskar Vilde"


def test_a_later_fuller_name_becomes_canonical(app):
    store_quotes(app, make_article("One."), [("Vilde", "First words", "direct")])
    store_quotes(app, make_article("Two."), [("Oskar Vilde", "Second words", "direct")])
    assert app.store.speaker_names() == ["Oskar Vilde"]
    assert app.store.find_speaker("Vilde").name == "Oskar Vilde"


def test_different_first_names_stay_different_people(app):
    store_quotes(app, make_article("One."), [("Jane Harlow", "Words one", "direct")])
    store_quotes(app, make_article("Two."), [("John Harlow", "Words two", "direct")])
    assert sorted(app.store.speaker_names()) == ["Jane Harlow", "John Harlow"]


def test_data_survives_reopening_the_file(settings):
    first = App(settings)
    store_quotes(first, make_article("Body."), [("Ana Lind", "Kept on disk", "direct")])
    first.close()
    second = App(settings)
    assert second.store.search("disk").items[0].speaker == "Ana Lind"
    second.close()


def test_search_ignores_fts_syntax_in_user_input(app):
    store_quotes(app, make_article("Body."), [("Ana Lind", "The harbour NEAR the town", "direct")])
    assert app.store.search('harbour" OR "x').items == ()
    assert len(app.store.search("harbour AND town").items) == 0
    assert len(app.store.search("harbour town").items) == 1


def test_quotes_by_publication_day_and_ingestion_window(app):
    day = dt.date(2026, 11, 18)
    store_quotes(app, make_article("Body.", published=day), [("Ana Lind", "Said that day", "direct")])
    assert [q.text for q in app.store.quotes_published(day)] == ["Said that day"]
    assert app.store.quotes_published(day + dt.timedelta(days=1)) == []
    now = dt.datetime.utcnow()
    assert len(app.store.quotes_ingested(now - dt.timedelta(hours=1), now + dt.timedelta(seconds=5))) == 1
