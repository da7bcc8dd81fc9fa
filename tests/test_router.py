"""The shared router: grammar, handlers, errors, paging, on a real store (no spaCy)."""

import datetime as dt

import pytest

from bot.app import App
from bot.chat.messages import ReplyKind, Request
from bot.chat.registry import REGISTRY
from tests.conftest import make_article, store_quotes


@pytest.fixture
def stocked(app):
    stock(app)
    return app


def stock(app):
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
    assert reply.quotes[0].label == "positive"
    assert reply.quotes[1].label == "negative"


def test_quotes_are_newest_first_with_their_source(stocked):
    first = ask(stocked, "quotes Quint").quotes[0]
    assert first.article_title == "Strike called off"
    assert first.article_url == "https://news.example.org/deal"
    assert first.published == dt.date(2026, 11, 20)


def test_unknown_speaker_gets_closest_names(stocked):
    reply = ask(stocked, "/quotes Bergman Tomasz")
    assert reply.kind is ReplyKind.ERROR
    assert reply.ephemeral
    assert "Tomas Berg" in reply.text


def test_paging_offers_a_more_command_that_works(settings):
    paged = App(settings.with_(page_size=1))
    try:
        stock(paged)
        reply = ask(paged, "quotes Quint")
        assert len(reply.quotes) == 1
        assert reply.more == "quotes Mara Quint --page 2"
        second = ask(paged, reply.more)
        assert second.quotes[0].text == "We will not accept this terrible offer"
        assert second.more is None
    finally:
        paged.close()


def test_search_finds_words_in_quotes(stocked):
    reply = ask(stocked, "/quotes search terrible offer")
    assert [q.speaker for q in reply.quotes] == ["Mara Quint"]
    nothing = ask(stocked, "!search zeppelin")
    assert nothing.ephemeral
    assert nothing.kind is ReplyKind.ANSWER  # nothing found is an answer, not a failure


def test_speakers_ranks_by_quote_count(stocked):
    reply = ask(stocked, "!speakers")
    assert [s.name for s in reply.speakers] == ["Mara Quint", "Tomas Berg"]
    assert reply.speakers[0].quotes == 2


def test_unknown_command_suggests_the_closest(stocked):
    reply = ask(stocked, "!digset")
    assert reply.kind is ReplyKind.NOT_A_COMMAND
    assert reply.ephemeral
    assert "'digest'" in reply.text


def test_empty_text_is_not_a_command(stocked):
    reply = ask(stocked, "   ")
    assert reply.kind is ReplyKind.NOT_A_COMMAND
    assert "Type help for the list" in reply.text


def test_bad_period_says_what_is_accepted(stocked):
    reply = ask(stocked, "!digest fortnight")
    assert reply.kind is ReplyKind.USAGE
    assert reply.ephemeral
    assert "'fortnight'" in reply.text
    assert "24h" in reply.text
    assert reply.text.endswith("Usage: digest [24h|7d|YYYY-MM-DD] [--full]")


@pytest.mark.parametrize("text", ["/quotes", "/quotes help", "!help"])
@pytest.mark.parametrize("name", ["quotes", "digest", "subscribe"])
def test_bare_slash_command_and_help_list_every_command(stocked, text, name):
    reply = ask(stocked, text)
    assert any(line.startswith(name) for line in reply.lines)


def test_subscribe_needs_manage_permission(stocked):
    refused = ask(stocked, "!subscribe 07:30", can_manage=False)
    assert refused.kind is ReplyKind.ERROR
    assert refused.ephemeral
    assert "Manage Channels" in refused.text


@pytest.mark.parametrize(
    "text, named",
    [("!subscribe 25:00", "'25:00'"), ("!subscribe 07:30 Mars/Olympus", "Mars/Olympus")],
)
def test_subscribe_needs_a_valid_time_and_zone(stocked, text, named):
    bad = ask(stocked, text)
    assert bad.kind is ReplyKind.USAGE
    assert named in bad.text
    assert "Usage: subscribe [HH:MM] [Area/City]" in bad.text


def test_subscribe_lists_and_unsubscribe(stocked):
    seen = []
    stocked.on_subscriptions_changed(lambda platform, channel: seen.append((platform, channel)))
    ok = ask(
        stocked,
        '!subscribe 07:30 Europe/Kyiv --speakers "Quint"',
        platform="discord",
        channel_id="c1",
    )
    assert "07:30 (Europe/Kyiv)" in ok.text
    assert "Mara Quint" in ok.text
    assert "07:30" in ask(stocked, "!subscriptions", platform="discord", channel_id="c1").text
    assert (
        "no daily digest" in ask(stocked, "!subscriptions", platform="slack", channel_id="c1").text
    )
    assert "Unsubscribed" in ask(stocked, "!unsubscribe", platform="discord", channel_id="c1").text
    assert seen == [("discord", "c1"), ("discord", "c1")]


def test_unbalanced_quote_in_arguments_does_not_break_parsing(stocked):
    reply = ask(stocked, '!quotes "Mara Quint --page 2')
    assert reply.kind is ReplyKind.ERROR  # the speaker '"Mara Quint' (a fuzzy match) on page 2
    assert reply.text == "No quotes by Mara Quint on page 2."


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_command_has_usage_and_help(name):
    assert REGISTRY[name].usage.startswith(REGISTRY[name].name)
    assert REGISTRY[name].help


def test_an_unexpected_error_is_a_short_apology(stocked, monkeypatch, caplog):
    def broken(*_a, **_k):
        raise RuntimeError("database exploded")

    monkeypatch.setattr(stocked.store, "speakers", broken)
    reply = ask(stocked, "!speakers")
    assert reply.kind is ReplyKind.ERROR
    assert reply.ephemeral
    assert "Sorry" in reply.text
    assert "exploded" not in reply.text
    assert "database exploded" in caplog.text


@pytest.mark.parametrize(
    "platform, hint", [("slack", "/quotes help"), ("discord", "!help"), ("console", "help")]
)
def test_unknown_command_points_to_the_platforms_help(stocked, platform, hint):
    assert f"Type {hint} for" in ask(stocked, "!frobnicate", platform=platform).text
