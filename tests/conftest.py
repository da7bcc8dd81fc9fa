"""Shared fixtures: a real App on a real database, the samples, ../shared when present.

The database is a SQLite file in tmp_path, or a PostgreSQL schema of its own when
QUOTEBOT_TEST_DATABASE_URL is set (tests/db.py); `postgres_url` and `any_database_url` are for
the tests that need PostgreSQL, or both kinds, whichever the suite runs on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone
from bot.settings import Settings
from tests import db
from tests.slack_fake import FakeSlack

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "bot" / "samples"
NO_SHARED = "../shared is not beside this clone (CI has it; a user's clone does not)"


class FixedClock:
    """A clock tests can move: the scheduler and digests read time only from it."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def database_url(tmp_path):
    """An empty database for this test, of the kind the suite runs on."""
    with db.database_url(tmp_path) as url:
        yield url


@pytest.fixture
def postgres_url(tmp_path):
    """An empty PostgreSQL schema for this test (skips, or fails in CI, without a server)."""
    with db.database_url(tmp_path, postgres=True) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database_url(request, tmp_path):
    """The test once on SQLite and once on PostgreSQL."""
    with db.database_url(tmp_path, postgres=request.param == "postgresql") as url:
        yield url


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def app(settings):
    application = App(settings)
    yield application
    application.close()


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(NO_SHARED)
    return SHARED


def make_article(
    text: str,
    *,
    title: str = "A test article",
    url: str | None = None,
    published: dt.date | None = dt.date(2026, 11, 20),
    outlet: str | None = "Test Wire",
):
    """An Article built by hand (no loader), for storage and adapter tests."""
    from bot.sources.articles import Article, identity_of

    return Article(
        text=text,
        source=url or title,
        identity=identity_of(text, url),
        title=title,
        published=published,
        url=url,
        outlet=outlet,
    )


def store_quotes(
    app: App, article, rows: list[tuple[str, str, str]], *, now: dt.datetime | None = None
) -> None:
    """Store hand-made quotes (speaker, text, kind) for `article`, with real VADER tone."""
    quotes, start = [], 0
    for speaker, text, kind in rows:
        quotes.append(
            Quote(
                speaker=speaker,
                speaker_as_written=speaker,
                text=text,
                kind=kind,
                cue="said",
                start=start,
                end=start + len(text),
            )
        )
        start += len(text) + 1
    if now is not None and now.tzinfo is not None:
        now = now.astimezone(dt.UTC).replace(tzinfo=None)
    app.store.add_article(article, quotes, [score_tone(q.text) for q in quotes], now=now)


@pytest.fixture(scope="session")
def extractor():
    """One extractor on the real model for every extraction test (the model loads once)."""
    from bot.nlp.extract import Extractor
    from bot.nlp.model import load_model

    return Extractor(load_model())


@pytest.fixture
def fake():
    """Slack's Web API stood in for on 127.0.0.1 (tests/slack_fake.py), recording every call."""
    with FakeSlack() as slack:
        yield slack
