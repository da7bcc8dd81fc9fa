"""The shared router: grammar, handlers, errors, paging, on a real store (no spaCy)."""

import datetime as dt

import pytest

from bot.chat.messages import Request
from bot.chat.registry import REGISTRY
from bot.chat.router import split_args
from tests.conftest import make_article, store_quotes


@pytest.fixture
def stocked(app):
    old = make_article(
        "Old article text.",
        title="Harbour strike looms",
        url="https://news.example.org/strike",
        published=dt.date(2026, 11, 17),
    )
    new = make_article(
        "New article text.",
        title="Strike called off",
        url="https://news.example.org/deal",
        published=dt.date(2026, 11, 20),
    )
    store_quotes(
        app,
        old,
        [
            ("Mara Quint", "We will not accept this terrible offer", "direct"),
            ("Tomas Berg", "The talks were useful", "indirect"),
        ],
    )
    store_quotes(
        app, new, [("Mara Quint", "This is a wonderful victory for every docker", "direct")]
    )
    return app


def ask(app, text, **kw):
    return app.handle(Request(text=text, **kw))


@pytest.mark.parametrize(
    "text", ["/quotes Mara Quint", "!quotes mara quint", "quotes Quint", "/quotes quint"]
)
def test_every_platform_style_reaches_the_same_quotes(stocked, text):
    reply = ask(stocked, text)
    assert [q.text for q in reply.quotes] == [
        "This is a wonderful victory for every docker",
        "We will not accept this terrible offer",
    ]
    assert reply.quotes[0].label == "positive" and reply.quotes[1].label == "negative"


def test_quotes_are_newest_first_with_their_source(stocked):
    first = ask(stocked, "quotes Quint").quotes[0]
    assert first.article_title == "Strike called off"
    assert first.article_url == "https://news.example.org/deal"
    assert first.published == dt.date(2026, 11, 20)


def test_unknown_speaker_gets_closest_names(stocked):
    reply = ask(stocked, "/quotes Bergman Tomasz")
    assert reply.ephemeral and "Tomas Berg" in reply.text


def test_paging_offers_a_more_command_that_works(stocked):
    stocked.settings.__dict__["page_size"] = 1  # frozen dataclass: tests may bend it
    reply = ask(stocked, "quotes Quint")
    assert len(reply.quotes) == 1 and reply.more == "quotes Mara Quint --page 2"
    second = ask(stocked, reply.more)
    assert second.quotes[0].text == "We will not accept this terrible offer" and second.more is None


def test_search_finds_words_in_quotes(stocked):
    reply = ask(stocked, "/quotes search terrible offer")
    assert [q.speaker for q in reply.quotes] == ["Mara Quint"]
    assert ask(stocked, "!search zeppelin").ephemeral


def test_speakers_ranks_by_quote_count(stocked):
    reply = ask(stocked, "!speakers")
    assert [s.name for s in reply.speakers] == ["Mara Quint", "Tomas Berg"]
    assert reply.speakers[0].quotes == 2


def test_unknown_command_suggests_the_closest(stocked):
    reply = ask(stocked, "!digset")
    assert reply.ephemeral and "'digest'" in reply.text


def test_bad_period_says_what_is_accepted(stocked):
    reply = ask(stocked, "!digest fortnight")
    assert (
        reply.ephemeral
        and "'fortnight'" in reply.text
        and "24h" in reply.text
        and "Usage" in reply.text
    )


def test_bare_slash_command_and_help_list_every_command(stocked):
    for text in ("/quotes", "/quotes help", "!help"):
        reply = ask(stocked, text)
        assert all(
            any(line.startswith(name) for line in reply.lines)
            for name in ("quotes", "digest", "subscribe")
        )


def test_subscribe_needs_manage_permission_and_valid_time(stocked):
    refused = ask(stocked, "!subscribe 07:30", can_manage=False)
    assert refused.ephemeral and "Manage Channels" in refused.text
    bad = ask(stocked, "!subscribe 25:00")
    assert bad.ephemeral and "'25:00'" in bad.text
    bad_zone = ask(stocked, "!subscribe 07:30 Mars/Olympus")
    assert bad_zone.ephemeral and "Mars/Olympus" in bad_zone.text


def test_subscribe_lists_and_unsubscribe(stocked):
    seen = []
    stocked.on_subscriptions_changed(lambda platform, channel: seen.append((platform, channel)))
    ok = ask(
        stocked,
        '!subscribe 07:30 Europe/Kyiv --speakers "Quint"',
        platform="discord",
        channel_id="c1",
    )
    assert "07:30 (Europe/Kyiv)" in ok.text and "Mara Quint" in ok.text
    assert "07:30" in ask(stocked, "!subscriptions", platform="discord", channel_id="c1").text
    assert (
        "no daily digest" in ask(stocked, "!subscriptions", platform="slack", channel_id="c1").text
    )
    assert "Unsubscribed" in ask(stocked, "!unsubscribe", platform="discord", channel_id="c1").text
    assert seen == [("discord", "c1"), ("discord", "c1")]


def test_unbalanced_quote_in_arguments_does_not_break_parsing():
    args = split_args('"Mara Quint --page 2')
    assert args.options == {"page": "2"} and args.words == ('"Mara', "Quint")


def test_every_command_has_usage_and_help():
    assert all(cmd.usage and cmd.help for cmd in REGISTRY.values())


def test_an_unexpected_error_is_a_short_apology(stocked, monkeypatch, caplog):
    def broken(*_a, **_k):
        raise RuntimeError("database exploded")

    monkeypatch.setattr(stocked.store, "speakers", broken)
    reply = ask(stocked, "!speakers")
    assert reply.ephemeral and "Sorry" in reply.text and "exploded" not in reply.text
    assert "database exploded" in caplog.text


@pytest.mark.parametrize(
    "platform, hint", [("slack", "/quotes help"), ("discord", "!help"), ("console", "help")]
)
def test_unknown_command_points_to_the_platforms_help(stocked, platform, hint):
    assert f"Type {hint} for" in ask(stocked, "!frobnicate", platform=platform).text
