"""Acceptance: a channel follows a speaker on Slack and on Discord; a separate `quotebot ingest`
process stores a new article quoting them; the alert job (called directly) posts exactly one alert;
ingesting the same article again, or an old article, posts nothing more.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import discord.ext.test as dpytest
import pytest

from adapters.slack import SlackOutbox, make_client
from bot.app import App
from bot.jobs.alerts import send_alerts
from tests.conftest import FixedClock, make_article, store_quotes
from tests.discord_harness import grant_manage_channels, start_bot
from tests.slack_fake import FakeSlack, call_bot, serving_bolt, slash_body
from tests.test_cli import quotebot

pytestmark = pytest.mark.model

SECRET = "test-signing-secret"
NEW_QUOTE = "We will not close a single bed while I run this clinic"
OLD_QUOTE = "The old wing was never fit for patients"
ARTICLE = """{title}
{date}
{url}

The Vale clinic will stay open through the winter, its director said on Sunday.

"{quote}," Helena Marsh said.

The council had planned to cut the budget by a fifth.
"""


@pytest.fixture
def clock():
    return FixedClock(dt.datetime.now(dt.UTC))


@pytest.fixture
def app(settings, clock):
    application = App(settings, clock=clock)
    # The speaker is known before anyone follows them (from an earlier article).
    store_quotes(
        application,
        make_article("Earlier.", title="Earlier", url="https://vale.example/earlier"),
        [("Helena Marsh", "The clinic is safe for now.", "direct")],
    )
    yield application
    application.close()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    today = dt.datetime.now(dt.UTC).date()
    fresh = folder / "fresh.txt"
    fresh.write_text(
        ARTICLE.format(
            title="Clinic stays open",
            date=today.isoformat(),
            url="https://vale.example/new",
            quote=NEW_QUOTE,
        )
    )
    old = folder / "old.txt"
    old.write_text(
        ARTICLE.format(
            title="Clinic wing closes",
            date="2019-03-01",
            url="https://vale.example/2019/wing",
            quote=OLD_QUOTE,
        )
    )
    return fresh, old


def ingest(path, settings, cwd) -> None:
    """`quotebot ingest PATH` in its own process, on the same database."""
    done = quotebot("ingest", str(path), cwd=cwd, env={"DATABASE_URL": settings.database_url})
    assert done.returncode == 0, done.stderr


def test_slack_follow_then_one_alert_per_new_quote(app, settings, clock, articles, tmp_path):
    fresh, old = articles
    with FakeSlack() as fake:
        fake.admins.add("U0READER")  # following changes the channel: on Slack an admin asks
        slack = settings.with_(
            slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url
        )
        with serving_bolt(app, slack) as url:
            body = slash_body("follow Marsh", response_url=fake.response_url("f"))
            assert call_bot(url, body, secret=SECRET).status == 200
            answer = fake.wait_for("/response/f")[0].body
            assert "Following Helena Marsh" in answer["text"]
            outbox = SlackOutbox(make_client(slack))

            def round_after(path) -> None:
                ingest(path, settings, tmp_path)
                asyncio.run(send_alerts(app, [outbox]))
                clock.advance(minutes=settings.alert_minutes)

            round_after(fresh)
            round_after(fresh)  # the same article again: a duplicate, nothing new
            round_after(old)  # an old article: stored, never alerted
            posts = fake.posted("/api/chat.postMessage")
    assert len(posts) == 1
    assert posts[0].body["channel"] == "C0NEWS"
    assert NEW_QUOTE in posts[0].raw
    assert OLD_QUOTE not in posts[0].raw


async def test_discord_follow_then_one_alert_per_new_quote(
    app, settings, clock, articles, tmp_path
):
    fresh, old = articles
    env = await start_bot(app)
    await grant_manage_channels(env.moderator)
    await dpytest.message("!follow Marsh", member=1)
    assert "Following Helena Marsh" in dpytest.get_message().content
    sent_before = len(env.sent)
    for path in (fresh, fresh, old):
        await asyncio.to_thread(ingest, path, settings, tmp_path)
        await send_alerts(app, [env.bot.outbox])
        clock.advance(minutes=settings.alert_minutes)
    alerts = env.sent[sent_before:]
    await dpytest.empty_queue()
    assert len(alerts) == 1
    text = json.dumps(alerts[0].payload["embeds"], ensure_ascii=False)
    assert NEW_QUOTE in text
    assert OLD_QUOTE not in text
