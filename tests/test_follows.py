"""Follow a speaker: the commands, and the alert job (called directly, never waiting for a
clock)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.app import App
from bot.chat.messages import Request
from bot.jobs.alerts import send_alerts, slot_key
from tests.conftest import FixedClock, make_article, store_quotes
from tests.fakes import FakeOutbox

START = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
TODAY = START.date()
MARSH = ("Helena Marsh", "The clinic will stay open all winter.", "direct")


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def app(settings, clock):
    application = App(settings.with_(alert_minutes=5), clock=clock)
    yield application
    application.close()


def say(app, text: str, *, channel: str = "C1", platform: str = "slack", can_manage=True):
    return app.handle(
        Request(text=text, channel_id=channel, platform=platform, can_manage=can_manage)
    )


def add(app, n: int, *, published=TODAY, speaker="Helena Marsh", now=None) -> None:
    article = make_article(
        f"Clinic story {n}.",
        title=f"Clinic {n}",
        url=f"https://vale.example/{n}",
        published=published,
    )
    store_quotes(
        app, article, [(speaker, f"We will keep bed {n} open.", "direct")], now=now or START
    )


def alerts(app, outbox):
    return asyncio.run(send_alerts(app, [outbox]))


@pytest.fixture
def followed(app):
    add(app, 0)
    assert "Following Helena Marsh" in say(app, "/quotes follow marsh").text
    return app


def test_following_lists_the_channels_speakers(followed):
    reply = say(followed, "/quotes following")
    assert reply.lines == ("Helena Marsh",)


def test_following_twice_says_so(followed):
    assert "already follows" in say(followed, "/quotes follow Helena Marsh").text


def test_follow_an_unknown_speaker_suggests_names(app):
    add(app, 0)
    reply = say(app, "/quotes follow Marshal")
    assert reply.ephemeral


def test_follow_needs_the_manage_permission(app):
    add(app, 0)
    reply = say(app, "/quotes follow Marsh", can_manage=False)
    assert reply.ephemeral
    assert app.follows.follows("slack") == []


def test_quotes_stored_before_the_follow_are_not_sent(followed):
    outbox = FakeOutbox()
    assert [o.outcome for o in alerts(followed, outbox)] == ["nothing"]
    assert outbox.posts == []


def test_a_new_quote_is_sent_once(followed, clock):
    add(followed, 1)
    outbox = FakeOutbox()
    alerts(followed, outbox)
    clock.advance(minutes=5)
    alerts(followed, outbox)
    assert len(outbox.posts) == 1
    assert [q.text for q in outbox.posts[0].reply.quotes] == ["We will keep bed 1 open."]


def test_a_burst_is_one_message(followed):
    for n in range(1, 15):
        add(followed, n)
    outbox = FakeOutbox()
    alerts(followed, outbox)
    assert len(outbox.posts) == 1
    assert "14 new quotes" in outbox.posts[0].reply.text
    assert len(outbox.posts[0].reply.quotes) == 10


def test_other_speakers_are_not_sent(followed):
    add(followed, 1, speaker="Ruben Tallis")
    outbox = FakeOutbox()
    alerts(followed, outbox)
    assert outbox.posts == []


def test_old_news_is_never_sent(followed, clock):
    add(followed, 1, published=dt.date(2019, 3, 1))
    outbox = FakeOutbox()
    assert [o.outcome for o in alerts(followed, outbox)] == ["old-news"]
    clock.advance(minutes=5)
    alerts(followed, outbox)
    assert outbox.posts == []


def test_one_post_per_channel_per_slot(followed, clock):
    outbox = FakeOutbox()
    add(followed, 1)
    alerts(followed, outbox)
    add(followed, 2)
    clock.advance(minutes=1)  # same five-minute slot: held back, not lost
    assert [o.outcome for o in alerts(followed, outbox)] == ["held"]
    clock.advance(minutes=5)
    alerts(followed, outbox)
    assert [[q.text for q in p.reply.quotes] for p in outbox.posts] == [
        ["We will keep bed 1 open."],
        ["We will keep bed 2 open."],
    ]


def test_a_failed_post_is_tried_again(followed, clock):
    add(followed, 1)
    assert [o.outcome for o in alerts(followed, FakeOutbox(fail=True))] == ["failed"]
    outbox = FakeOutbox()
    alerts(followed, outbox)
    assert len(outbox.posts) == 1


def test_two_apps_on_one_database_send_once(followed, settings, clock):
    add(followed, 1)
    other = App(settings.with_(alert_minutes=5), clock=clock)
    try:
        first, second = FakeOutbox(), FakeOutbox()
        alerts(followed, first)
        alerts(other, second)
        clock.advance(minutes=5)
        alerts(other, second)
    finally:
        other.close()
    assert len(first.posts) + len(second.posts) == 1


def test_the_cursor_is_compare_and_set(followed):
    follow = followed.follows.follows("slack")[0]
    assert followed.follows.move_cursor(follow.id, old=follow.cursor, new=follow.cursor + 5)
    assert not followed.follows.move_cursor(follow.id, old=follow.cursor, new=follow.cursor + 9)


def test_unfollow_stops_alerts(followed):
    assert "Stopped following Helena Marsh" in say(followed, "/quotes unfollow Marsh").text
    add(followed, 1)
    outbox = FakeOutbox()
    alerts(followed, outbox)
    assert outbox.posts == []


def test_channels_are_separate(followed):
    add(followed, 1)
    outbox = FakeOutbox()
    alerts(followed, outbox)
    assert [p.channel_id for p in outbox.posts] == ["C1"]
    assert alerts(followed, FakeOutbox("discord")) == []


def test_slot_key_rounds_down_to_the_interval():
    assert slot_key(dt.datetime(2026, 1, 2, 10, 59, tzinfo=dt.UTC), 5) == "alerts:2026-01-02T10:55"
