"""A digest left 'sending' by a process that died is resolved at restart (issue 14, row 12).

The first process is real and is killed mid-post (os._exit after its claim, as kill -9 would);
the restarted scheduler finds the dead claim, logs it and retries it once. A second death is not
retried again (the post may have gone out), and says so in the log. Restarted on a later day, the
missed digest is over, and its quotes go into the next one (the cutoff moves only when one is sent).
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.chat.messages import Request
from bot.jobs.deliver import CatchUp
from bot.jobs.schedule import DigestScheduler
from tests.conftest import FixedClock, make_article, store_quotes
from tests.fakes import FakeOutbox
from tests.procs import run_together

KYIV = ZoneInfo("Europe/Kyiv")
KEY = "daily:2026-11-20"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 20, 8, 5, tzinfo=KYIV))


def die_while_sending(url: str, folder) -> None:
    (outcome,) = run_together(folder, [["sending", url]], env={"PERIOD_KEY": KEY})
    assert outcome.code == 9, outcome.stderr[-2000:]


async def test_a_digest_left_sending_by_a_killed_process_is_sent_once_at_restart(
    settings, clock, tmp_path, caplog
):
    app = App(settings, clock=clock)
    app.handle(
        Request(text="subscribe 08:00 Europe/Kyiv", user_id="U1", channel_id="C1", platform="slack")
    )
    die_while_sending(settings.db_url, tmp_path)
    assert app.channels.delivery_status("slack", "C1", KEY) == "sending"
    outbox = FakeOutbox("slack")
    digests = DigestScheduler(App(settings, clock=clock), [outbox])
    with caplog.at_level(logging.WARNING, logger="bot.storage.deliveries"):
        assert await digests.catch_up() == [CatchUp("slack", "C1", "empty-sent")]
    assert f"digest slack/C1/{KEY} was left sending by a stopped process" in caplog.text
    assert "it is retried once" in caplog.text
    assert await digests.catch_up() == []
    assert len(outbox.posts) == 1
    assert app.channels.delivery_status("slack", "C1", KEY) == "sent"
    app.close()


async def test_a_second_death_is_not_retried_again_and_is_logged(settings, clock, tmp_path, caplog):
    app = App(settings, clock=clock)
    app.handle(
        Request(text="subscribe 08:00 Europe/Kyiv", user_id="U1", channel_id="C1", platform="slack")
    )
    die_while_sending(settings.db_url, tmp_path)
    assert app.channels.recover_deliveries() == [f"slack/C1/{KEY}"]
    die_while_sending(settings.db_url, tmp_path)  # the retry dies too
    outbox = FakeOutbox("slack")
    digests = DigestScheduler(App(settings, clock=clock), [outbox])
    with caplog.at_level(logging.ERROR, logger="bot.storage.deliveries"):
        assert await digests.catch_up() == []
    assert "was left sending twice by stopped processes" in caplog.text
    assert outbox.posts == []
    assert app.channels.delivery_status("slack", "C1", KEY) == "abandoned"
    app.close()


async def test_a_claim_left_sending_on_an_earlier_day_loses_no_quotes(
    settings, clock, tmp_path, caplog
):
    """Restarted the next day: that day's digest is over, so its quotes go into today's."""
    app = App(settings, clock=clock)
    app.handle(
        Request(text="subscribe 08:00 Europe/Kyiv", user_id="U1", channel_id="C1", platform="slack")
    )
    article = make_article("Words.", title="Harbour", url="https://news.example/harbour")
    store_quotes(app, article, [("Mara Quill", "The harbour opens today.", "direct")], now=clock())
    die_while_sending(settings.db_url, tmp_path)
    clock.advance(days=1)
    outbox = FakeOutbox("slack")
    digests = DigestScheduler(App(settings, clock=clock), [outbox])
    with caplog.at_level(logging.WARNING, logger="bot.storage.deliveries"):
        assert await digests.catch_up() == [CatchUp("slack", "C1", "sent")]
    assert f"digest slack/C1/{KEY} was left sending by a stopped process" in caplog.text
    assert "else its quotes go into the channel's next digest" in caplog.text
    (post,) = outbox.posts
    assert [q.text for s in post.reply.digest.speakers for q in s.quotes] == [
        "The harbour opens today."
    ]
    assert app.channels.delivery_status("slack", "C1", "daily:2026-11-21") == "sent"
    app.close()


def test_a_live_claim_is_left_alone(app):
    cutoff = dt.datetime(2026, 11, 20)
    assert app.channels.claim_delivery("slack", "C1", KEY, cutoff)  # this process: alive
    assert app.channels.recover_deliveries() == []
    assert app.channels.delivery_status("slack", "C1", KEY) == "sending"


def test_an_old_claim_from_another_machine_is_recovered(app):
    from sqlalchemy import update

    from bot.storage.models import DeliveryRow

    assert app.channels.claim_delivery("slack", "C1", KEY, dt.datetime(2026, 11, 20))
    long_ago = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=2)
    with app.store.engine.begin() as conn:
        conn.execute(update(DeliveryRow).values(owner="elsewhere:123:abc", started_at=long_ago))
    assert app.channels.recover_deliveries() == [f"slack/C1/{KEY}"]
    assert app.channels.delivery_status("slack", "C1", KEY) == "failed"


def set_owner(app, owner: str, age: dt.timedelta) -> None:
    from sqlalchemy import update

    from bot.storage.models import DeliveryRow

    started = dt.datetime.now(dt.UTC).replace(tzinfo=None) - age
    with app.store.engine.begin() as conn:
        conn.execute(update(DeliveryRow).values(owner=owner, started_at=started))


@pytest.mark.parametrize(
    ("age", "recovered"),
    [(dt.timedelta(minutes=2), False), (dt.timedelta(hours=2), True)],
)
def test_a_live_pid_of_another_program_holds_a_claim_only_while_a_post_could_last(
    app, age, recovered
):
    import os
    import socket

    assert app.channels.claim_delivery("slack", "C1", KEY, dt.datetime(2026, 11, 20))
    # the parent (pytest's launcher or shell) is alive on this machine and is not the claimer
    set_owner(app, f"{socket.gethostname()}:{os.getppid()}:other", age)
    expected = [f"slack/C1/{KEY}"] if recovered else []
    assert app.channels.recover_deliveries() == expected
