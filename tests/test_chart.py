"""Charts: a PNG of a speaker's quotes per day and tone, uploaded on Slack, attached on Discord."""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import subprocess
import sys

import discord.ext.test as dpytest
import pytest

from bot.app import App
from bot.chat.chart import parse_days
from bot.chat.messages import Request
from bot.errors import UserError
from tests.conftest import ROOT, FixedClock, make_article, store_quotes
from tests.discord_harness import start_bot
from tests.slack_fake import FakeSlack, call_bot, serving_bolt, slash_body

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
SECRET = "test-signing-secret"


@pytest.fixture
def app(settings):
    application = App(settings, clock=FixedClock(NOW))
    for day in (18, 20, 20, 21):
        article = make_article(
            f"Clinic {day}.",
            title=f"Clinic {day}",
            url=f"https://vale.example/{day}-{os.urandom(2).hex()}",
            published=dt.date(2026, 11, day),
        )
        store_quotes(
            application, article, [("Helena Marsh", f"A fine day for the ward {day}.", "direct")]
        )
    yield application
    application.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def ask(app, text: str):
    return app.handle(Request(text=text, platform="console"))


def test_chart_reply_is_a_png_with_a_summary(app):
    reply = ask(app, "chart Marsh 30d")
    assert png_size(reply.image.data) == (800, 400)
    assert reply.image.alt.startswith("Helena Marsh: 4 quotes on 3 days of the last 30")
    assert "busiest 2026-11-20 (2 quotes)" in reply.image.alt


def test_a_window_without_quotes_says_so(app):
    reply = ask(app, "chart Marsh 1d")
    assert reply.image is None
    assert "No quotes by Helena Marsh in the last 1 day" in reply.text


def test_a_name_ending_in_a_number_is_not_a_window(app):
    assert ask(app, "chart Marsh").image is not None
    assert parse_days("7d") == 7
    with pytest.raises(UserError):
        parse_days("fortnight")


def test_cli_chart_writes_a_valid_png(app, settings, tmp_path):
    out = tmp_path / "x.png"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SLACK_"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=settings.database_url)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "adapters.cli",
            "chart",
            "Marsh",
            "--period",
            "3650d",
            "--out",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert png_size(out.read_bytes()) == (800, 400)


def test_slack_uploads_the_chart_as_a_file(app, settings):
    with FakeSlack() as fake:
        slack = settings.with_(
            slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url
        )
        with serving_bolt(app, slack) as url:
            body = slash_body("chart Marsh", response_url=fake.response_url("c"))
            assert call_bot(url, body, secret=SECRET).status == 200
            complete = fake.wait_for("/api/files.completeUploadExternal")[0].body
            asked = fake.posted("/api/files.getUploadURLExternal")[0].body
    assert complete["channel_id"] == "C0NEWS"
    assert "Helena Marsh: 4 quotes" in complete["initial_comment"]
    assert asked["alt_txt"].startswith("Helena Marsh: 4 quotes")
    (file_id,) = [f["id"] for f in json.loads(complete["files"])]
    assert png_size(fake.uploads[file_id]) == (800, 400)


async def test_discord_attaches_the_chart(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest keeps attachments as files in the working directory
    env = await start_bot(app)
    await dpytest.message("!chart Marsh")
    message = dpytest.get_message()
    assert [a.filename for a in message.attachments] == ["helena-marsh-30d.png"]
    assert "Helena Marsh: 4 quotes" in env.sent[-1].payload["content"]
    assert (
        env.sent[-1].payload["attachments"][0]["description"].startswith("Helena Marsh: 4 quotes")
    )
