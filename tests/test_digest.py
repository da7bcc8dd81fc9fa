"""The digest computed in SQL agrees with a plain Python grouping of the same quotes."""

import datetime as dt
from collections import defaultdict
from statistics import fmean

import pytest

from bot.chat.digest import PER_SPEAKER, Period, build_digest, parse_period
from bot.errors import UserError
from tests.conftest import make_article, store_quotes

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
ROWS = [
    ("Ana Lind", "A wonderful, hopeful day for the harbour", "direct"),
    ("Ana Lind", "This is a terrible and dangerous failure", "direct"),
    ("Ana Lind", "The figures arrive on Tuesday", "indirect"),
    ("Ana Lind", "We are proud of the dock workers", "mixed"),
    ("Bo Ek", "The strike is a disaster for families", "direct"),
    ("Bo Ek", "Talks will resume next week", "indirect"),
    ("Cy Moss", "Good progress on the sea wall", "direct"),
]


@pytest.fixture
def stocked(app):
    store_quotes(
        app,
        make_article("One.", title="Harbour day", url="https://news.example.org/1"),
        ROWS[:4],
        now=NOW,
    )
    store_quotes(
        app,
        make_article("Two.", title="Strike talk", url="https://news.example.org/2"),
        ROWS[4:],
        now=NOW,
    )
    return app


def every_quote(app):
    """All stored quotes, through the chat queries (the fixture stores them all at NOW)."""
    names = [s.name for s in app.store.speakers(limit=100).items]
    return [q for name in names for q in app.store.quotes_by(name, limit=100).items]


def reference(quotes):
    """The digest by hand: group, count, average, strongest few by |tone|."""
    groups = defaultdict(list)
    for q in quotes:
        groups[q.speaker].append(q)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        (
            name,
            len(qs),
            round(fmean(q.compound for q in qs), 3),
            [
                q.text
                for q in sorted(qs, key=lambda q: (-abs(q.compound), -len(q.text)))[:PER_SPEAKER]
            ],
        )
        for name, qs in ordered
    ]


def test_sql_digest_matches_a_python_grouping(stocked):
    period = parse_period("24h", now=NOW + dt.timedelta(minutes=5))
    digest = build_digest(stocked.store, period)
    quotes = every_quote(stocked)
    got = [(s.name, s.count, s.average, [q.text for q in s.quotes]) for s in digest.speakers]
    assert got == reference(quotes)
    assert digest.quote_count == 7
    assert digest.summary == "7 quotes from 3 speakers in 2 articles"
    assert digest.average == round(fmean(q.compound for q in quotes), 3)
    assert digest.most_positive.compound == max(q.compound for q in quotes)
    assert digest.most_negative.compound == min(q.compound for q in quotes)
    assert digest.articles == (
        ("Harbour day", "https://news.example.org/1"),
        ("Strike talk", "https://news.example.org/2"),
    )


def test_followed_speakers_or_keywords_narrow_it(stocked):
    period = parse_period("24h", now=NOW + dt.timedelta(minutes=5))
    only_bo = build_digest(stocked.store, period, speakers=["bo ek"])
    assert [s.name for s in only_bo.speakers] == ["Bo Ek"]
    either = build_digest(stocked.store, period, speakers=["Bo Ek"], keywords=["sea wall"])
    assert [s.name for s in either.speakers] == ["Bo Ek", "Cy Moss"]
    odd = build_digest(stocked.store, period, keywords=["100%_"])
    assert odd.empty
    assert odd.summary.startswith("No quotes")


def test_a_publication_day_and_an_empty_window(stocked):
    assert (
        build_digest(stocked.store, Period("2026-11-20", day=dt.date(2026, 11, 20))).quote_count
        == 7
    )
    assert build_digest(stocked.store, Period("2026-11-21", day=dt.date(2026, 11, 21))).empty
    later = parse_period("24h", now=NOW + dt.timedelta(days=3))
    assert build_digest(stocked.store, later).empty


@pytest.mark.parametrize(
    "text, hours", [("24h", 24), ("7d", 168), ("2w", 336), ("", 24), ("week", 168)]
)
def test_periods(text, hours):
    period = parse_period(text, now=NOW)
    assert period.until - period.since == dt.timedelta(hours=hours)


@pytest.mark.parametrize("text", ["fortnight", "0h", "2022-13-01"])
def test_bad_periods_say_what_is_accepted(text):
    with pytest.raises(UserError, match="24h, 7d"):
        parse_period(text, now=NOW)


def test_top_speakers_by_default_and_every_source_once(app):
    for n in range(8):  # eight speakers, the first most quoted
        rows = [
            (f"Speaker {chr(65 + n)}", f"Line {n}.{k} for the harbour", "direct")
            for k in range(9 - n)
        ]
        store_quotes(
            app,
            make_article(f"A{n}.", title=f"Story {n}", url=f"https://n.example/{n}"),
            rows,
            now=NOW,
        )
    period = parse_period("24h", now=NOW + dt.timedelta(minutes=5))
    digest = build_digest(app.store, period)
    assert [s.name for s in digest.speakers] == [f"Speaker {c}" for c in "ABCDE"]
    assert digest.more_speakers == 3
    assert all(len(s.quotes) == PER_SPEAKER for s in digest.speakers)
    assert [s.number for s in digest.sources] == [1, 2, 3, 4, 5]  # two quotes each, one article
    assert digest.source_of(digest.speakers[2].quotes[1]).title == "Story 2"
    full = build_digest(app.store, period, max_speakers=50)
    assert (len(full.speakers), full.more_speakers) == (8, 0)
