"""Slack's HTTP mode under hostile traffic, and who may change a channel (bolt on waitress)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.settings import Settings
from tests.slack_fake import WAIT_SECONDS, FakeSlack, call_bot, serving_bolt, slash_body

SECRET = "hostile-signing-secret"
BOT_TOKEN = "xoxb-hostile"
BURST = 50
ADMIN = "U0ADMIN"
LISTED = "U0LISTED"
MEMBER = "U0MEMBER"


@pytest.fixture
def slack_settings(settings, fake):
    return settings.with_(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        slack_admin_users=(LISTED,),
    )


@pytest.fixture
def bot_url(app, slack_settings):
    with serving_bolt(
        app, slack_settings, workers=2, max_bytes=slack_settings.max_request_bytes
    ) as url:
        yield url


def answer_of(bot_url: str, fake: FakeSlack, text: str, user: str, name: str) -> dict:
    body = slash_body(text, response_url=fake.response_url(name), user_id=user)
    assert call_bot(bot_url, body, secret=SECRET).status == 200
    return fake.wait_for(f"/response/{name}")[0].body


def reply_text(payload: dict) -> str:
    return payload.get("text", "")


# ---- row 4: a burst of commands is acknowledged, every one ----------------------------


def test_fifty_concurrent_signed_requests_are_all_acknowledged(app, fake, bot_url):
    start = threading.Barrier(BURST)

    def one(n: int) -> int:
        body = slash_body("help", response_url=fake.response_url(f"burst-{n}"))
        start.wait(WAIT_SECONDS)
        return call_bot(bot_url, body, secret=SECRET).status

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        statuses = list(pool.map(one, range(BURST)))
    assert statuses == [200] * BURST


# ---- rows 8 and 11: malformed and oversized requests ------------------------------------


def raw_post(url: str, head: dict[str, str], body: bytes, *, send_body: bool = True) -> int:
    """POST over a plain socket (so headers and body can be anything); returns the status code."""
    host_port = url.split("/")[2]
    host, port = host_port.split(":")
    lines = ["POST /slack/events HTTP/1.1", f"Host: {host_port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in head.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body if send_body else b"")
    with socket.create_connection((host, int(port)), timeout=WAIT_SECONDS) as sock:
        sock.sendall(request)
        status_line = sock.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def signed_head(body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{ts}:".encode() + body
    signature = "v0=" + hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": str(len(body)),
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature,
    }


def test_a_non_numeric_timestamp_is_401(bot_url, caplog):
    body = b"command=%2Fquotes&text=help"
    head = {**signed_head(body), "X-Slack-Request-Timestamp": "soon"}
    assert raw_post(bot_url, head, body) == 401
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_unsigned_body_that_is_not_utf8_is_401(bot_url, caplog):
    body = b"command=%2Fquotes&text=\xff\xfe\xfa"
    head = {**signed_head(body), "X-Slack-Signature": "v0=" + "0" * 64}
    assert raw_post(bot_url, head, body) == 401
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_signed_body_that_is_not_utf8_is_400(bot_url, caplog):
    body = b"command=%2Fquotes&text=\xff\xfe\xfa"
    assert raw_post(bot_url, signed_head(body), body) == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_signed_payload_that_is_not_json_is_400(bot_url, caplog):
    body = b"payload=notjson"
    assert raw_post(bot_url, signed_head(body), body) == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_200_mb_post_is_refused_before_its_body_is_read(bot_url):
    head = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": str(200 * 1024 * 1024),
        "X-Slack-Request-Timestamp": "1",
        "X-Slack-Signature": "v0=" + "0" * 64,
    }
    # No body is sent at all: a server that tried to read it first would wait and never answer.
    assert raw_post(bot_url, head, b"", send_body=False) == 413


def test_signed_requests_still_work_after_the_gate(app, fake, bot_url):
    assert "quotebot commands" in str(answer_of(bot_url, fake, "help", MEMBER, "fine"))


# ---- row 10: only admins, owners and listed users change a channel -----------------------


@pytest.mark.parametrize(
    "command", ["subscribe 08:00", "unsubscribe", "feeds add https://feeds.example.org/rss"]
)
def test_a_plain_member_is_refused_in_one_line_naming_who_can(app, fake, bot_url, command):
    payload = answer_of(bot_url, fake, command, MEMBER, "member")
    assert payload["response_type"] == "ephemeral"
    assert "workspace admin or owner" in reply_text(payload)
    assert "SLACK_ADMIN_USERS" in reply_text(payload)
    assert app.channels.subscription("slack", "C0NEWS") is None
    assert app.channels.feeds() == []
    assert fake.lookups == [MEMBER]


def test_a_workspace_admin_may_subscribe(app, fake, bot_url):
    fake.admins.add(ADMIN)
    payload = answer_of(bot_url, fake, "subscribe 08:00", ADMIN, "admin")
    assert "Subscribed" in reply_text(payload)
    assert app.channels.subscription("slack", "C0NEWS") is not None


def test_a_user_listed_in_slack_admin_users_may_add_a_feed_without_a_lookup(app, fake, bot_url):
    payload = answer_of(bot_url, fake, "feeds add https://feeds.example.org/rss", LISTED, "listed")
    assert "Added feed" in reply_text(payload)
    assert fake.lookups == []


def test_anyone_may_list_the_feeds(app, fake, bot_url):
    app.channels.add_feed("https://ann:hunter2@feeds.example.org/rss?token=t0k", user_id=ADMIN)
    payload = answer_of(bot_url, fake, "feeds list", MEMBER, "list")
    shown = str(payload)
    assert "feeds.example.org" in shown
    assert "hunter2" not in shown and "t0k" not in shown


def test_slack_admin_users_and_host_settings():
    from bot.settings import load_settings

    loaded = load_settings({"SLACK_ADMIN_USERS": "U1, U2,U3"}, env_file=None)
    assert loaded.slack_admin_users == ("U1", "U2", "U3")
    assert Settings().host == "127.0.0.1"
