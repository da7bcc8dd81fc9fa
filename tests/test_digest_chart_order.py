"""The digest's chart is drawn after its text is sent, never on the answer's path, and a chart that
cannot be drawn or posted costs only the chart: on Slack and Discord, answered and scheduled."""

from __future__ import annotations

import datetime as dt
import logging

import discord
import discord.ext.test as dpytest
import pytest

from adapters.slack import SlackOutbox
from bot.app import App
from bot.chat import digest_chart
from bot.chat.digest_chart import FILENAME
from bot.jobs.schedule import DigestScheduler
from tests.conftest import FixedClock, make_article, store_quotes
from tests.discord_harness import start_bot
from tests.slack_fake import call_bot, serving_bolt, slash_body
from tests.test_digest_chart import NOW, PNG_MAGIC, ROWS, SECRET, ask, png_size, uploaded

DRAW_FAILED = "drawing the digest's chart failed"


@pytest.fixture
def app(settings):
    application = App(settings, clock=FixedClock(NOW))
    article = make_article(
        " ".join(t for _, t, _ in ROWS), title="Ward news", url="https://w.example/"
    )
    store_quotes(application, article, ROWS, now=NOW - dt.timedelta(hours=1))
    yield application
    application.close()


@pytest.fixture
def slack_settings(app, fake):
    return app.settings.with_(
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url
    )


def watch_drawing(monkeypatch, seen) -> list:
    """Record `seen()` (what had been sent) each time a digest chart begins to be drawn."""
    real, drawings = digest_chart.draw, []

    def draw(speakers):
        drawings.append(seen())
        return real(speakers)

    monkeypatch.setattr(digest_chart, "draw", draw)
    return drawings


def break_drawing(monkeypatch) -> None:
    def draw(speakers):
        raise RuntimeError("no fonts on this machine")

    monkeypatch.setattr(digest_chart, "draw", draw)


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_answering_a_digest_draws_no_chart(app, monkeypatch):
    drawings = watch_drawing(monkeypatch, lambda: "drawn")
    reply = ask(app, "digest", "slack")
    assert drawings == []
    assert reply.deferred_image.draw().filename == FILENAME
    assert drawings == ["drawn"]


# ---- Slack -------------------------------------------------------------------------------


def test_slack_answers_the_digest_before_drawing_its_chart(app, fake, slack_settings, monkeypatch):
    drawings = watch_drawing(monkeypatch, lambda: [p.path for p in fake.posted()])
    with serving_bolt(app, slack_settings) as url:
        call_bot(url, slash_body("digest", response_url=fake.response_url("d")), secret=SECRET)
        uploaded(fake)  # the chart still arrives
    assert drawings == [["/response/d"]]  # the text was out when the drawing began


async def test_slack_posts_the_scheduled_digest_before_drawing_its_chart(
    app, fake, slack_settings, monkeypatch
):
    drawings = watch_drawing(monkeypatch, lambda: [p.path for p in fake.posted()])
    ask(app, "subscribe 08:00 Europe/London", "slack")
    scheduler = DigestScheduler(app, [SlackOutbox.from_settings(slack_settings)])
    assert await scheduler.run_digest("slack", "C0NEWS") == "sent"
    assert drawings == [["/api/chat.postMessage"]]
    assert uploaded(fake)[2].startswith(PNG_MAGIC)


def test_a_chart_that_cannot_be_drawn_leaves_the_slack_answer(
    app, fake, slack_settings, monkeypatch, caplog
):
    break_drawing(monkeypatch)
    with caplog.at_level(logging.ERROR), serving_bolt(app, slack_settings) as url:
        call_bot(url, slash_body("digest", response_url=fake.response_url("d")), secret=SECRET)
        digest = fake.wait_for("/response/d")[0].body
    assert digest["text"].startswith("Quote digest: the last 24 hours")
    assert fake.posted("/api/files") == []
    assert errors(caplog) == [f"{DRAW_FAILED}; the reply went out without it"]  # logged once


async def test_a_chart_that_cannot_be_drawn_leaves_the_scheduled_slack_digest_sent(
    app, fake, slack_settings, monkeypatch, caplog
):
    break_drawing(monkeypatch)
    ask(app, "subscribe 08:00 Europe/London", "slack")
    scheduler = DigestScheduler(app, [SlackOutbox.from_settings(slack_settings)])
    with caplog.at_level(logging.ERROR):
        assert await scheduler.run_digest("slack", "C0NEWS") == "sent"
    assert len(fake.posted("/api/chat.postMessage")) == 1
    assert fake.posted("/api/files") == []
    assert len(errors(caplog)) == 1
    assert await scheduler.run_digest("slack", "C0NEWS") == "duplicate"  # not posted again


# ---- Discord -----------------------------------------------------------------------------


@pytest.fixture
async def env(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest keeps attachments as files in the working directory
    environment = await start_bot(app)
    yield environment
    await dpytest.empty_queue()


def what_was_sent(env):
    return lambda: [(s.edit_of, len(s.payload.get("attachments", []))) for s in env.sent.events]


async def test_discord_sends_the_digest_before_drawing_its_chart(env, monkeypatch):
    drawings = watch_drawing(monkeypatch, what_was_sent(env))
    await dpytest.message("!digest")
    message = dpytest.get_message()
    assert drawings == [[(None, 0)]]  # the message was out, without a file, when drawing began
    assert what_was_sent(env)() == [
        (None, 0),
        (message.id, 1),  # then the chart was added to it
    ]


async def test_discord_slash_digest_adds_the_chart_to_its_follow_up(env, monkeypatch):
    interaction = env.interaction()
    drawings = watch_drawing(monkeypatch, lambda: len(interaction.followups))
    await env.bot.tree.get_command("digest").callback(interaction)
    (followup,) = interaction.followups
    assert "file" not in followup  # the text went out alone
    assert drawings == [1]
    (message,) = interaction.followup.messages
    (edit,) = message.edits
    assert [f.filename for f in edit["attachments"]] == [FILENAME]


async def test_discord_posts_the_scheduled_digest_before_drawing_its_chart(app, env, monkeypatch):
    drawings = watch_drawing(monkeypatch, what_was_sent(env))
    channel = str(env.channel.id)
    ask(app, "subscribe 08:00 Europe/London", "discord", channel=channel)
    assert await DigestScheduler(app, [env.bot.outbox]).run_digest("discord", channel) == "sent"
    assert drawings == [[(None, 0)]]
    (edit,) = env.sent.edits
    assert png_size(edit.files[0])[0] == 600


async def test_a_chart_that_cannot_be_drawn_leaves_the_discord_digest_sent(
    app, env, monkeypatch, caplog
):
    break_drawing(monkeypatch)
    channel = str(env.channel.id)
    ask(app, "subscribe 08:00 Europe/London", "discord", channel=channel)
    scheduler = DigestScheduler(app, [env.bot.outbox])
    with caplog.at_level(logging.ERROR):
        assert await scheduler.run_digest("discord", channel) == "sent"
    assert dpytest.get_message().embeds[0].title.startswith("Quote digest")
    assert env.sent.edits == []
    assert errors(caplog) == [f"{DRAW_FAILED}; the reply went out without it"]
    assert await scheduler.run_digest("discord", channel) == "duplicate"


async def test_a_refused_chart_edit_leaves_the_discord_digest_sent(app, env, monkeypatch, caplog):
    async def refuse(*args, **kwargs):
        raise discord.Forbidden(dpytest.backend.FakeRequest(403, "Missing Permissions"), "no")

    monkeypatch.setattr(env.bot.http, "edit_message", refuse)  # Discord's side says no
    channel = str(env.channel.id)
    ask(app, "subscribe 08:00 Europe/London", "discord", channel=channel)
    with caplog.at_level(logging.ERROR):
        assert await DigestScheduler(app, [env.bot.outbox]).run_digest("discord", channel) == "sent"
    assert dpytest.get_message().embeds[0].title.startswith("Quote digest")
    assert errors(caplog) == ["the digest went out; its chart could not be added to its message"]
