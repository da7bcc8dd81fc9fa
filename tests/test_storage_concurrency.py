"""Several processes on one database (issue 13's defects 1-4, issue 14 rows 3, 7 and 12).

Each test starts real processes (tests/concurrent_writer.py, or the `quotebot` command) and
releases them together, on SQLite and on PostgreSQL. Before the writes were made safe, each of
these crashed one process, lost articles, drifted the counts or posted a digest twice.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.storage.migrate import current, head
from bot.storage.models import DeliveryRow, FollowRow, QuoteRow, SpeakerRow
from tests.concurrent_writer import SPEAKERS, article, quotes
from tests.procs import run_together

ARTICLES = 12
CLAIM_ROUNDS = 60
FOLLOW_ROUNDS = 40


def assert_clean(outcomes) -> None:
    for outcome in outcomes:
        assert outcome.code == 0, outcome.stderr[-3000:]
        assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]


def test_two_processes_starting_on_an_empty_database_both_start(any_database_url, tmp_path):
    outcomes = run_together(tmp_path, [["open", any_database_url]] * 3)
    assert_clean(outcomes)
    engine = create_engine(any_database_url)
    assert current(engine) == head()
    engine.dispose()


def prepared(url: str) -> str:
    """The schema made first, so the test is about the writes (the start race has its own)."""
    from bot.storage.migrate import prepare

    prepare(url)
    return url


def test_two_processes_storing_different_articles_lose_nothing(any_database_url, tmp_path):
    prepared(any_database_url)
    outcomes = run_together(
        tmp_path,
        [
            ["store", any_database_url, "a", str(ARTICLES)],
            ["store", any_database_url, "b", str(ARTICLES)],
        ],
    )
    assert_clean(outcomes)
    assert [o.result for o in outcomes] == [{"added": ARTICLES, "duplicates": 0}] * 2
    engine = create_engine(any_database_url)
    with engine.connect() as conn:
        kept = conn.execute(
            select(SpeakerRow.name, SpeakerRow.quote_count, SpeakerRow.article_count).order_by(
                SpeakerRow.name
            )
        ).all()
        counted = conn.execute(
            select(
                SpeakerRow.name,
                func.count(QuoteRow.id),
                func.count(func.distinct(QuoteRow.article_id)),
            )
            .join(QuoteRow, QuoteRow.speaker_id == SpeakerRow.id)
            .group_by(SpeakerRow.name)
            .order_by(SpeakerRow.name)
        ).all()
        quotes = conn.scalar(select(func.count(QuoteRow.id)))
    engine.dispose()
    assert quotes == 2 * ARTICLES * len(SPEAKERS)
    assert [tuple(r) for r in kept] == [tuple(r) for r in counted]
    assert [r[0] for r in kept] == ["Ana Lind", "Bo Ekholm", "Carla Mendes"]  # never split in two


def test_two_processes_storing_the_same_articles_count_duplicates(any_database_url, tmp_path):
    prepared(any_database_url)
    outcomes = run_together(tmp_path, [["store", any_database_url, "same", str(ARTICLES)]] * 2)
    assert_clean(outcomes)
    added = sum(o.result["added"] for o in outcomes)
    duplicates = sum(o.result["duplicates"] for o in outcomes)
    assert (added, duplicates) == (ARTICLES, ARTICLES)
    engine = create_engine(any_database_url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM articles")) == ARTICLES
        assert conn.scalar(select(func.sum(SpeakerRow.quote_count))) == ARTICLES * len(SPEAKERS)
    engine.dispose()


def test_a_failed_digest_retried_by_two_processes_is_claimed_once(any_database_url, tmp_path):
    from bot.app import App
    from bot.settings import Settings

    app = App(Settings(database_url=any_database_url))
    for r in range(CLAIM_ROUNDS):
        key = f"daily:r{r}"
        app.channels.claim_delivery("slack", "C1", key, dt.datetime(2026, 11, 20))
        app.channels.finish_delivery("slack", "C1", key, status="failed", detail="test")
    app.close()
    outcomes = run_together(tmp_path, [["claim", any_database_url, str(CLAIM_ROUNDS)]] * 2)
    assert_clean(outcomes)
    won = sorted(r for o in outcomes for r in o.result["won"])
    assert won == list(range(CLAIM_ROUNDS))  # every round claimed, none by both


def stored(url: str, count: int) -> None:
    """`count` articles, each quoting every one of SPEAKERS."""
    from bot.app import App
    from bot.nlp.tone import score_tone
    from bot.settings import Settings

    app = App(Settings(database_url=url))
    for n in range(count):
        qs = quotes("x", n)
        app.store.add_article(article("x", n), qs, [score_tone(q.text) for q in qs])
    app.close()


def test_processes_following_the_same_speaker_together_add_one_follow(any_database_url, tmp_path):
    stored(any_database_url, 1)
    outcomes = run_together(tmp_path, [["follow", any_database_url, str(FOLLOW_ROUNDS)]] * 3)
    assert_clean(outcomes)
    won = sorted(r for o in outcomes for r in o.result["won"])
    assert won == list(range(FOLLOW_ROUNDS))  # each channel's follow added by exactly one
    engine = create_engine(any_database_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count(FollowRow.id))) == FOLLOW_ROUNDS
    engine.dispose()


def test_two_processes_retoning_together_keep_the_speakers_tone_sums(any_database_url, tmp_path):
    stored(any_database_url, ARTICLES)
    outcomes = run_together(
        tmp_path, [["retone", any_database_url, "0.5"], ["retone", any_database_url, "-0.5"]]
    )
    assert_clean(outcomes)
    assert [o.result["updated"] for o in outcomes] == [ARTICLES * len(SPEAKERS)] * 2
    engine = create_engine(any_database_url)
    with engine.connect() as conn:
        kept = conn.execute(select(SpeakerRow.id, SpeakerRow.compound_sum)).all()
        summed = dict(
            conn.execute(
                select(QuoteRow.speaker_id, func.sum(QuoteRow.compound)).group_by(
                    QuoteRow.speaker_id
                )
            ).all()
        )
    engine.dispose()
    assert {sid: pytest.approx(total) for sid, total in kept} == summed


def test_claims_are_compare_and_set(any_database_url):
    from bot.app import App
    from bot.settings import Settings

    app = App(Settings(database_url=any_database_url))
    cutoff = dt.datetime(2026, 11, 20)
    assert app.channels.claim_delivery("slack", "C1", "daily:x", cutoff)
    assert not app.channels.claim_delivery("slack", "C1", "daily:x", cutoff)  # sending
    app.channels.finish_delivery("slack", "C1", "daily:x", status="failed")
    assert app.channels.claim_delivery("slack", "C1", "daily:x", cutoff)
    assert not app.channels.claim_delivery("slack", "C1", "daily:x", cutoff)
    app.channels.finish_delivery("slack", "C1", "daily:x", status="sent")
    assert not app.channels.claim_delivery("slack", "C1", "daily:x", cutoff)
    with app.store.engine.connect() as conn:
        assert conn.scalar(select(DeliveryRow.attempts)) == 2
    app.close()


@pytest.mark.parametrize("length", [898, 2500, 20_000])
def test_long_urls_are_stored(app, length):
    from tests.conftest import make_article, store_quotes

    url = "https://news.example.org/" + "a" * (length - 25)
    article = make_article("Body.", url=url)
    store_quotes(app, article, [("Ana Lind", "A long address", "direct")])
    assert app.store.has_article(article.identity)
    store_quotes(app, article, [("Ana Lind", "A long address", "direct")])
    assert app.store.counts()["articles"] == 1
    feed = "https://feeds.example.org/" + "f" * length
    assert app.channels.add_feed(feed) and not app.channels.add_feed(feed)
    assert [f.url for f in app.channels.feeds()] == [feed]
