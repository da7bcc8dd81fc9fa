"""Speakers do not depend on ingest order (issue 11) nor on which process stored what (issue 13).

A speaker is a deterministic grouping of the names stored so far (bot/storage/speakers.py), so the
same articles give the same speakers, counts and aliases in any order, on either database.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from bot.app import App
from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone
from bot.settings import Settings
from bot.storage.models import AliasRow, SpeakerRow
from tests.conftest import SAMPLES, make_article

# (name, as written, kind): people by surname, initial and typo; two organisations sharing words
NAMES = [
    ("Vilde", "Vilde", "PERSON"),
    ("Oskar Vilde", "Mr Oskar Vilde", "PERSON"),
    ("Vildee", "Vildee", "PERSON"),
    ("Jane Smith", "Jane Smith", "PERSON"),
    ("Smith", "Ms Smith", "PERSON"),
    ("John Smith", "John Smith", "PERSON"),
    ("J. Smith", "J. Smith", "PERSON"),
    ("Ana Lind", "Ana Lind", "PERSON"),
    ("Lind", "Lind", "PERSON"),
    ("Northmark Football Association", "Northmark Football Association", "ORG"),
    ("Northmark Patients' Association", "Northmark Patients' Association", "ORG"),
]
ORDERS = 5


def store_one(app: App, n: int, name: str, written: str, kind: str) -> None:
    text = f"Words {n} from {name}, said with care"
    quote = Quote(
        speaker=name,
        speaker_as_written=written,
        text=text,
        kind="direct",
        cue="said",
        start=0,
        end=len(text),
        speaker_type=kind,
    )
    article = make_article(f"Body {n}.", title=f"Story {n}", url=f"https://news.example.org/{n}")
    app.store.add_article(article, [quote], [score_tone(text)])


def speakers_of(app: App) -> list[tuple]:
    """Every speaker with its kept counts and its aliases: what any order must agree on."""
    with app.store.engine.connect() as conn:
        rows = conn.execute(
            select(
                SpeakerRow.id,
                SpeakerRow.name,
                SpeakerRow.quote_count,
                SpeakerRow.article_count,
                SpeakerRow.kind,
            )
        ).all()
        aliases = conn.execute(select(AliasRow.speaker_id, AliasRow.alias)).all()
    by_speaker: dict[int, set[str]] = {}
    for speaker_id, alias in aliases:
        by_speaker.setdefault(speaker_id, set()).add(alias)
    return sorted(
        (name, count, articles, kind, tuple(sorted(by_speaker.get(i, ()))))
        for i, name, count, articles, kind in rows
        if count
    )


def test_the_same_names_in_any_order_give_the_same_speakers(any_database_url, tmp_path):
    items = list(enumerate(NAMES))
    results = []
    for order in range(ORDERS):
        random.Random(order).shuffle(items)
        url = any_database_url if order == 0 else f"sqlite:///{tmp_path / f'order{order}.db'}"
        app = App(Settings(database_url=url))
        for n, (name, written, kind) in items:
            store_one(app, n, name, written, kind)
        results.append(speakers_of(app))
        app.close()
    assert all(result == results[0] for result in results[1:])
    names = [row[0] for row in results[0]]
    assert "Oskar Vilde" in names and "Vilde" not in names and "Vildee" not in names
    assert {"Jane Smith", "John Smith", "Smith"} <= set(names)  # "Smith" alone is ambiguous
    assert {"Northmark Football Association", "Northmark Patients' Association"} <= set(names)


def test_a_new_name_regroups_its_neighbours_and_moves_their_quotes(app):
    store_one(app, 1, "Smith", "Smith", "PERSON")
    store_one(app, 2, "John Smith", "John Smith", "PERSON")
    assert [(s.name, s.quotes) for s in app.store.speakers().items] == [("John Smith", 2)]
    store_one(app, 3, "Jane Smith", "Jane Smith", "PERSON")  # now "Smith" could be either
    assert sorted((s.name, s.quotes) for s in app.store.speakers().items) == [
        ("Jane Smith", 1),
        ("John Smith", 1),
        ("Smith", 1),
    ]
    assert [q.text for q in app.store.quotes_by("Smith").items] == [
        "Words 1 from Smith, said with care"
    ]


@pytest.mark.model
def test_the_samples_in_two_orders_give_the_same_speakers(tmp_path):
    from bot.sources.loader import expand_sources, load_one

    first = App(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}"))
    articles = [
        item
        for source in expand_sources([str(SAMPLES)])
        for item in load_one(source, settings=first.settings)
        if hasattr(item, "identity")
    ]
    extracted = [(a, first.extractor.extract(a.text)) for a in articles]
    half = len(extracted) // 2
    second = App(Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}"))
    for app, order in ((first, extracted), (second, extracted[half:] + extracted[:half])):
        for article, quotes in order:
            app.store.add_article(article, quotes, [score_tone(q.text) for q in quotes])
    assert speakers_of(first) == speakers_of(second)
    assert len(speakers_of(first)) > 30
    first.close()
    second.close()
