"""The digest's chart: a bar per top speaker, coloured by tone; Slack uploads it under the digest,
Discord adds it to the digest's message, the console prints text only (DIGEST_CHART). That the
text goes out before the chart is drawn, and survives a chart that fails: test_digest_chart_order.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import struct

import discord.ext.test as dpytest
import pytest
from rich.console import Console

from adapters import console
from adapters.slack import SlackOutbox
from bot.app import App
from bot.chat.digest_chart import FILENAME, MAX_BARS, digest_chart
from bot.chat.messages import Digest, Request, SpeakerDigest
from bot.jobs.schedule import DigestScheduler
from tests.conftest import FixedClock, make_article, store_quotes
from tests.discord_harness import start_bot
from tests.slack_fake import FakeSlack, call_bot, serving_bolt, slash_body

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)  # 4 hours after an 08:00 London digest
SECRET = "test-signing-secret"
ROWS = [
    ("Helena Marsh", "A wonderful, hopeful day for the ward.", "direct"),
    ("Helena Marsh", "We are proud of every nurse here.", "direct"),
    ("Ruben Tallis", "This is a terrible, shameful failure.", "direct"),
]


@pytest.fixture
def app(settings):
    application = App(settings, clock=FixedClock(NOW))
    article = make_article(
        " ".join(text for _, text, _ in ROWS), title="Ward news", url="https://vale.example/ward"
    )
    store_quotes(application, article, ROWS, now=NOW - dt.timedelta(hours=1))
    yield application
    application.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def speaker(name: str, count: int, average: float, label: str) -> SpeakerDigest:
    return SpeakerDigest(name, count, average, label, "", ())


def ask(app, text: str, platform: str, channel: str = "C0NEWS"):
    return app.handle(Request(text=text, platform=platform, channel_id=channel))


# ---- the chart itself ---------------------------------------------------------------------


def test_the_chart_is_a_png_whose_alt_text_names_each_speaker_with_count_and_tone():
    speakers = (
        speaker("Helena Marsh", 7, 0.31, "positive"),
        speaker("Ruben $Tallis$", 4, -0.2, "negative"),  # a `$` pair is not mathtext here
        speaker("A " + "very " * 12 + "long name", 2, 0.0, "neutral"),
    )
    image = digest_chart(Digest(period="the last 24 hours", summary="", speakers=speakers))
    width, height = png_size(image.data)
    assert (width, height) == (600, 240)
    assert image.filename == FILENAME
    assert image.alt.startswith("Quotes per speaker, the last 24 hours: Helena Marsh 7 quotes")
    assert "Ruben $Tallis$ 4 quotes, tone -0.20 (negative)" in image.alt
    assert speakers[2].name in image.alt  # clipped on the axis, whole in the alt text


def test_a_long_digest_charts_only_its_top_speakers():
    speakers = tuple(speaker(f"Speaker {i}", 20 - i, 0.0, "neutral") for i in range(12))
    image = digest_chart(Digest(period="week", summary="", speakers=speakers))
    assert f"Speaker {MAX_BARS - 1} " in image.alt
    assert f"Speaker {MAX_BARS} " not in image.alt


def test_a_digest_without_speakers_has_no_chart():
    assert digest_chart(Digest(period="week", summary="", speakers=())) is None


# ---- which digests carry it -------------------------------------------------------------


@pytest.mark.parametrize("platform", ["slack", "discord"])
def test_chat_digests_carry_the_chart_deferred(app, platform):
    reply = ask(app, "digest", platform)
    assert reply.image is None  # not drawn while answering
    image = reply.deferred_image.draw()
    assert image is not None
    assert "Helena Marsh 2 quotes" in image.alt
    assert "Ruben Tallis 1 quote," in image.alt


def test_the_console_digest_stays_text(app):
    reply = ask(app, "digest", "console")
    assert reply.deferred_image is None
    assert reply.digest is not None


def test_digest_chart_off_sends_the_text_alone(settings):
    quiet = App(settings.with_(digest_chart=False), clock=FixedClock(NOW))
    article = make_article("Words.", title="Ward news", url="https://vale.example/w2")
    store_quotes(quiet, article, ROWS[:1], now=NOW - dt.timedelta(hours=1))
    try:
        reply = ask(quiet, "digest", "slack")
    finally:
        quiet.close()
    assert reply.digest is not None
    assert reply.deferred_image is None


def test_the_console_says_nothing_of_a_digests_chart(app):
    out = io.StringIO()
    terminal = Console(file=out, width=200, highlight=False)
    for part in console.render(ask(app, "digest", "slack")):
        terminal.print(part)
    assert "Helena Marsh" in out.getvalue()
    assert "chart" not in out.getvalue()


# ---- Slack: the real bolt app, signed requests, the fake Web API -------------------------------


@pytest.fixture
def slack_settings(app, fake):
    return app.settings.with_(
        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url
    )


def uploaded(fake: FakeSlack) -> tuple[dict, dict, bytes]:
    """(getUploadURLExternal body, completeUploadExternal body, the bytes) of the one upload."""
    complete = fake.wait_for("/api/files.completeUploadExternal")[0].body
    asked = fake.posted("/api/files.getUploadURLExternal")[0].body
    (file_id,) = [f["id"] for f in json.loads(complete["files"])]
    return asked, complete, fake.uploads[file_id]


def test_slack_digest_command_posts_the_digest_then_uploads_its_chart(app, fake, slack_settings):
    with serving_bolt(app, slack_settings) as url:
        body = slash_body("digest", response_url=fake.response_url("d"))
        assert call_bot(url, body, secret=SECRET).status == 200
        asked, complete, data = uploaded(fake)
    digest = fake.posted("/response/d")[0].body
    assert digest["text"].startswith("Quote digest: the last 24 hours")
    assert complete["channel_id"] == "C0NEWS"
    assert asked["filename"] == FILENAME
    assert "Helena Marsh 2 quotes" in asked["alt_txt"]
    assert complete["initial_comment"].startswith("Quotes per speaker")
    assert png_size(data)[0] == 600
    assert fake.posts.index(fake.posted("/response/d")[0]) < fake.posts.index(
        fake.posted("/api/files.getUploadURLExternal")[0]
    )  # the chart comes under the digest


async def test_slack_scheduled_digest_uploads_its_chart(app, fake, slack_settings):
    ask(app, "subscribe 08:00 Europe/London", "slack")
    scheduler = DigestScheduler(app, [SlackOutbox.from_settings(slack_settings)])
    assert await scheduler.run_digest("slack", "C0NEWS") == "sent"
    posted = fake.posted("/api/chat.postMessage")[0].body
    asked, complete, data = uploaded(fake)
    assert posted["channel"] == "C0NEWS"
    assert complete["channel_id"] == "C0NEWS"
    assert "Ruben Tallis 1 quote" in asked["alt_txt"]
    assert data.startswith(PNG_MAGIC)


async def test_a_refused_chart_upload_leaves_the_scheduled_digest_sent(
    app, fake, slack_settings, caplog
):
    fake.refuse("files.getUploadURLExternal", "not_in_channel")
    ask(app, "subscribe 08:00 Europe/London", "slack")
    scheduler = DigestScheduler(app, [SlackOutbox.from_settings(slack_settings)])
    with caplog.at_level(logging.ERROR):
        assert await scheduler.run_digest("slack", "C0NEWS") == "sent"
    assert len(fake.posted("/api/chat.postMessage")) == 1
    assert fake.posted("/api/files.completeUploadExternal") == []
    assert "its chart could not be uploaded" in caplog.text
    # Sent once and recorded so: a second run (a retry, a restart) posts nothing more.
    assert await scheduler.run_digest("slack", "C0NEWS") == "duplicate"
    assert len(fake.posted("/api/chat.postMessage")) == 1


# ---- Discord: the real bot under dpytest ----------------------------------------------------


async def test_discord_digest_command_adds_the_chart_to_its_one_message(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest keeps attachments as files in the working directory
    env = await start_bot(app)
    await dpytest.message("!digest")
    message = dpytest.get_message()
    assert dpytest.verify().message().nothing()  # one message
    assert message.embeds[0].title == "Quote digest: the last 24 hours"
    (edit,) = env.sent.edits  # the chart, added to that message
    assert edit.edit_of == message.id
    assert [a["filename"] for a in edit.payload["attachments"]] == [FILENAME]
    description = edit.payload["attachments"][0]["description"]
    assert description.startswith("Quotes per speaker, the last 24 hours: Helena Marsh 2 quotes")
    assert png_size(edit.files[0])[0] == 600
    stored = await env.channel.fetch_message(message.id)
    assert [a.filename for a in stored.attachments] == [FILENAME]
    assert stored.embeds[0].title == "Quote digest: the last 24 hours"  # the edit kept the embeds
    await dpytest.empty_queue()


async def test_discord_scheduled_digest_adds_the_chart(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = await start_bot(app)
    channel = str(env.channel.id)
    ask(app, "subscribe 08:00 Europe/London", "discord", channel=channel)
    scheduler = DigestScheduler(app, [env.bot.outbox])
    assert await scheduler.run_digest("discord", channel) == "sent"
    message = dpytest.get_message()
    assert message.embeds[0].title.startswith("Quote digest")
    (edit,) = env.sent.edits
    assert edit.edit_of == message.id
    assert [a["filename"] for a in edit.payload["attachments"]] == [FILENAME]
    assert "Ruben Tallis 1 quote" in edit.payload["attachments"][0]["description"]
    assert edit.files[0].startswith(PNG_MAGIC)
    await dpytest.empty_queue()
