"""Issue 2's acceptance on the real seed articles in ../shared (skipped in a user's clone, which
has none)."""

import pytest

from bot.app import App
from bot.chat.messages import Request
from bot.jobs.ingest import ingest

pytestmark = pytest.mark.model

EXPECTED = (
    "Everyone knows there is a humanitarian catastrophe there",
    "We don't believe anyone, not a single beautiful phrase",
    "humanitarian catastrophe",
)


@pytest.fixture
def seeded(settings, shared_dir):
    app = App(settings.with_(page_size=50))  # every quote on one page
    report = ingest(app, [str(shared_dir / "seeds")])
    assert report.articles == 2
    assert not report.rejected
    yield app
    app.close()


def test_zelensky_quotes_with_tone_and_source(seeded):
    for typed in ("Zelensky", "zelensky", "Volodymyr Zelensky", "Zelesnsky"):
        reply = seeded.handle(Request(text=f"quotes {typed}"))
        texts = [q.text for q in reply.quotes]
        for expected in EXPECTED:
            assert any(expected in text for text in texts), (typed, expected, texts)
    quote = next(q for q in reply.quotes if q.text.endswith("'humanitarian catastrophe'"))
    assert quote.speaker_as_written == "Zelesnsky"
    assert quote.label in (
        "positive",
        "neutral",
        "negative",
    )
    assert quote.article_url.startswith("https://www.dailymail.co.uk/")
    assert quote.published.isoformat() == "2022-03-31"
    told = next(q for q in reply.quotes if q.text.startswith("Everyone knows"))
    assert told.cue == "told"
    assert told.speaker_as_written.lower() == "he"


def test_seeds_twice_store_nothing_twice(seeded, shared_dir):
    before = seeded.store.counts()
    again = ingest(seeded, [str(shared_dir / "seeds")])
    assert again.articles == 0
    assert again.duplicates == 2
    assert seeded.store.counts() == before


def test_wire_story_metadata_is_not_body(shared_dir):
    from bot.sources.articles import parse_text

    raw = next((shared_dir / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    article = parse_text(raw, source="000.txt")
    assert article.dateline == "LVIV"
    assert article.credit == "REUTERS, AGENCE FRANCE-PRESSE"
    assert "REUTERS" not in article.text
    assert not article.text.startswith("LVIV")
