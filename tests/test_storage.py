"""The store on a real database (SQLite, or PostgreSQL in the suite's second run): duplicates,
canonical speakers, kept counts, full-text search; SQLite's own settings on a SQLite file."""

from sqlalchemy import text

from bot.app import App
from bot.settings import Settings
from tests.conftest import make_article, store_quotes


def test_sqlite_file_runs_in_wal_mode(tmp_path):
    sqlite_app = App(Settings(database_url=f"sqlite:///{tmp_path / 'wal.db'}"))
    with sqlite_app.store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    sqlite_app.close()
    assert (tmp_path / "wal.db").is_file()


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
    assert [s.name for s in app.store.speakers().items] == ["Oskar Vilde"]
    assert app.store.find_speaker("Vilde").name == "Oskar Vilde"


def test_different_first_names_stay_different_people(app):
    store_quotes(app, make_article("One."), [("Jane Harlow", "Words one", "direct")])
    store_quotes(app, make_article("Two."), [("John Harlow", "Words two", "direct")])
    assert sorted(s.name for s in app.store.speakers().items) == ["Jane Harlow", "John Harlow"]


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


def test_kept_speaker_counts_equal_a_full_count(app):
    store_quotes(
        app,
        make_article("One."),
        [
            ("Ana Lind", "Great news", "direct"),
            ("Ana Lind", "Awful news", "direct"),
            ("Bo Ek", "Fine", "direct"),
        ],
    )
    store_quotes(app, make_article("Two."), [("Lind", "More words", "direct")])
    with app.store.engine.connect() as conn:
        counted = conn.execute(
            text(
                "SELECT s.name, count(q.id), count(DISTINCT q.article_id), avg(q.compound) "
                "FROM speakers s JOIN quotes q ON q.speaker_id = s.id GROUP BY s.id "
                "ORDER BY count(q.id) DESC"
            )
        ).all()
    kept = [(s.name, s.quotes, s.articles, s.average) for s in app.store.speakers().items]
    assert kept == [(*row[:3], round(row[3], 3)) for row in counted] and kept[0][:3] == (
        "Ana Lind",
        3,
        2,
    )


def test_search_pages_newest_stored_first(app):
    for n in range(7):
        store_quotes(
            app, make_article(f"Body {n}."), [("Ana Lind", f"harbour report number {n}", "direct")]
        )
    first = app.store.search("harbour", limit=5)
    second = app.store.search("harbour", limit=5, offset=5)
    assert [q.text[-1] for q in first.items] == ["6", "5", "4", "3", "2"] and first.has_more
    assert [q.text[-1] for q in second.items] == ["1", "0"] and not second.has_more
