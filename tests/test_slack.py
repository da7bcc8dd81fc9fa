"""The Slack adapter through the real bolt App over HTTP: signed requests in, what a user would see
out.

The bot serves /slack/events on 127.0.0.1; its Web API and every response_url point at FakeSlack
(tests/slack_fake.py), which records the JSON the bot posts. Answers arrive from lazy listeners,
so tests wait on the recorder (with a timeout), never on a sleep.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from adapters.slack import SlackOutbox, create_app, run
from adapters.slack_blocks import MAX_BLOCKS, MAX_HEADER, MAX_SECTION, MORE_ACTION, render
from adapters.slack_listeners import ResponseUrlBudget
from bot.chat.messages import QuoteView, Reply, Request
from bot.errors import ConfigError
from tests.conftest import FIXTURES, ROOT, SAMPLES, make_article, store_quotes
from tests.slack_fake import FakeSlack, action_body, call_bot, serving_bolt, slash_body

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"


# ---- fixtures ----------------------------------------------------------------


@pytest.fixture
def slack_settings(settings, fake):
    return settings.with_(
        slack_bot_token=BOT_TOKEN, slack_signing_secret=SECRET, slack_api_url=fake.api_url
    )


@pytest.fixture
def bot_url(app, slack_settings):
    """The real bolt App served over HTTP; one worker, so answers arrive in the order requests
    came."""
    with serving_bolt(app, slack_settings) as url:
        yield url


def ask(bot_url: str, fake: FakeSlack, text: str, name: str = "1", **fields) -> dict:
    """Send a signed `/quotes TEXT`, check the ack, and return the JSON posted to its
    response_url."""
    answer = call_bot(
        bot_url, slash_body(text, response_url=fake.response_url(name), **fields), secret=SECRET
    )
    assert (answer.status, answer.body) == (200, "")  # acknowledged at once, the answer comes later
    return fake.wait_for(f"/response/{name}")[0].body


def sections(payload: dict) -> list[str]:
    return [b["text"]["text"] for b in payload["blocks"] if b["type"] == "section"]


def buttons(payload: dict) -> list[dict]:
    return [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]


def seeded(
    app, rows, *, title="Harbour talks resume", url="https://news.example.com/harbour?day=1&ed=2"
):
    article = make_article(" ".join(text for _, text, _ in rows), title=title, url=url)
    store_quotes(app, article, rows)


# ---- acceptance 1: a speaker's quotes, with tone and linked sources ------------


@pytest.mark.model
def test_seed_articles_answer_quotes_zelensky(app, fake, bot_url, shared_dir):
    from bot.jobs.ingest import ingest

    ingest(app, [str(shared_dir / "seeds")])
    payload = ask(bot_url, fake, "Zelensky")
    assert_quotes_of(app, payload, "Zelensky")


@pytest.mark.model
def test_sample_articles_answer_quotes_of_a_sample_speaker(app, fake, bot_url):
    if not any(SAMPLES.glob("*.txt")):
        pytest.skip("bot/samples has no articles yet")
    from bot.jobs.ingest import ingest

    ingest(app, [str(SAMPLES)])
    payload = ask(bot_url, fake, "Tallis")
    assert_quotes_of(app, payload, "Tallis")


def assert_quotes_of(app, payload: dict, typed: str) -> None:
    """The answer names the speaker and shows each of their newest quotes with tone and a linked
    title."""
    from adapters.slack_blocks import link, quote_words

    name = app.store.find_speaker(typed).name
    assert name
    assert typed in name
    quotes = app.store.quotes_by(name, limit=app.settings.page_size).items
    assert quotes, f"ingest found no quotes by {name}"
    assert payload["response_type"] == "in_channel"
    assert payload["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": f"Quotes by {name}", "emoji": True},
    }
    shown = "\n".join(sections(payload))
    for quote in quotes:
        assert quote_words(quote) in shown  # the words, verbatim pieces in bold
        assert f"{quote.label} {quote.compound:+.2f}" in shown
        assert link(quote.article_url, quote.article_title) in shown
    linked = [q for q in quotes if q.article_url]
    assert linked, "no quote with a source URL to link"
    for quote in linked:
        assert f"<{quote.article_url.replace('&', '&amp;')}|" in shown


def test_quotes_name_renders_speaker_quote_kind_tone_link_and_date(app, fake, bot_url):
    seeded(
        app,
        [("Ada Mbeki", "We are delighted with this wonderful agreement.", "direct")],
        title="Rates & <b>tides</b>",
        url="https://news.example.com/a?x=1&y=2",
    )
    payload = ask(bot_url, fake, "Mbeki")

    assert payload["response_type"] == "in_channel"
    assert payload["text"] == "Quotes by Ada Mbeki: Newest first, 1-1."
    [quote] = sections(payload)
    head, words, source = quote.split("\n")
    assert head.startswith("*Ada Mbeki* · said · 🙂 positive +0.")
    assert words == ">We are delighted with this wonderful agreement."
    assert source == (
        "<https://news.example.com/a?x=1&amp;y=2|Rates &amp; &lt;b&gt;tides&lt;/b&gt;>"
        " · Test Wire · 2026-11-20"
    )
    assert buttons(payload) == []


# ---- acceptance 2: nothing from an article or a user pings anyone ---------------------


MENTIONS = "Tell <!channel> and <!here> and <@U123ABC> and @everyone: this is *huge* & `final`."


def test_quote_with_mentions_reaches_slack_escaped(app, fake, bot_url):
    seeded(app, [("Ada Mbeki", MENTIONS, "direct")], title="Alert <!channel> & co")
    payload = ask(bot_url, fake, "Ada Mbeki")

    raw = fake.posted("/response/1")[0].raw
    assert "&lt;!channel&gt;" in raw
    assert "&lt;!here&gt;" in raw
    assert "&lt;@U123ABC&gt;" in raw
    for ping in ("<!channel>", "<!here>", "<@U123ABC>", "<!everyone>"):
        assert ping not in raw
    [quote] = sections(payload)
    assert "*huge*" not in quote
    assert "`final`" not in quote  # quoted marks cannot format the message
    assert "∗huge∗" in quote
    assert "|Alert &lt;!channel&gt; &amp; co>" in quote
    assert all(b["text"].get("verbatim") for b in payload["blocks"] if b["type"] == "section")


@pytest.mark.model
def test_ingested_mentions_fixture_reaches_slack_escaped(app, fake, bot_url):
    from bot.jobs.ingest import ingest

    ingest(app, [str(FIXTURES / "article_mentions.txt")])
    payload = ask(bot_url, fake, "Garside")
    raw = fake.posted("/response/1")[0].raw
    assert "Garside" in payload["text"]
    assert "&lt;!channel&gt;" in raw
    assert "&lt;@U123ABC&gt;" in raw
    assert "&lt;b&gt;html&lt;/b&gt;" in raw
    for ping in ("<!channel>", "<!here>", "<@U123ABC>"):
        assert ping not in raw


def test_user_input_echoed_back_is_escaped(app, fake, bot_url):
    # Slack itself sends &, <, > escaped in the command text; the bot unescapes, the core echoes, we
    # escape.
    payload = ask(bot_url, fake, "search &lt;!here&gt; zebra")
    raw = json.dumps(payload)
    assert "<!here>" not in raw
    assert "&lt;!here&gt; zebra" in sections(payload)[0]
    assert payload["response_type"] == "ephemeral"


# ---- paging with the More button ------------------------------------------------------


def test_more_button_pages_on(app, fake, bot_url):
    seeded(
        app,
        [("Ada Mbeki", f"Point number {n} matters to the harbour.", "direct") for n in range(1, 8)],
    )
    first = ask(bot_url, fake, "Ada Mbeki")
    assert len(sections(first)) == 5
    [button] = buttons(first)
    assert (button["action_id"], button["value"]) == (MORE_ACTION, "quotes Ada Mbeki --page 2")

    click = action_body(button["value"], response_url=fake.response_url("click"))
    assert call_bot(bot_url, click, secret=SECRET).status == 200
    second = fake.wait_for("/response/click")[0].body

    shown = "\n".join(sections(second))
    assert "Point number 2 " in shown
    assert "Point number 1 " in shown
    assert "Point number 3 " not in shown
    assert buttons(second) == []
    assert second["response_type"] == "in_channel"
    assert second["replace_original"] is False


def test_more_click_too_old_for_its_response_url_posts_with_the_bot_token(app, fake, bot_url):
    seeded(app, [("Ada Mbeki", f"Point number {n} matters.", "direct") for n in range(1, 8)])
    old = time.time() - 31 * 60
    click = action_body(
        "quotes Ada Mbeki --page 2", response_url=fake.response_url("stale"), action_ts=old
    )
    assert call_bot(bot_url, click, secret=SECRET).status == 200

    [post] = fake.wait_for("/api/chat.postMessage")
    assert post.body["channel"] == "C0NEWS"
    assert "Point number 1 matters." in json.dumps(post.body["blocks"])
    assert post.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
    assert fake.posted("/response/") == []


def test_response_url_budget_allows_five_replies_within_thirty_minutes():
    now = [1000.0]
    budget = ResponseUrlBudget(clock=lambda: now[0])
    assert [budget.claim("u", issued_at=1000.0) for _ in range(6)] == [True] * 5 + [False]
    assert budget.claim("v", issued_at=1000.0)
    now[0] += 30 * 60
    assert not budget.claim("v", issued_at=1000.0)


# ---- help -------------------------------------------------------------------------


def test_empty_command_gets_the_help(app, fake, bot_url):
    payload = ask(bot_url, fake, "")
    assert payload["response_type"] == "ephemeral"
    shown = "\n".join(sections(payload))
    assert "• quotes NAME [--page N]: " in shown
    assert "• digest [24h|7d|YYYY-MM-DD] [--full]: " in shown
    assert "• subscribe [HH:MM] [Area/City]" in shown


def test_help_command_lists_commands(app, fake, bot_url):
    payload = ask(bot_url, fake, "help")
    assert payload["blocks"][0]["text"]["text"] == "quotebot commands"
    assert "• speakers [--page N]: " in "\n".join(sections(payload))


def test_unknown_speaker_says_so(app, fake, bot_url):
    seeded(app, [("Ada Mbeki", "A fine day.", "direct")])
    payload = ask(bot_url, fake, "Zorblax Quenton")
    assert payload["response_type"] == "ephemeral"
    assert "I know no speaker called 'Zorblax Quenton'." in sections(payload)[0]


# ---- acceptance 3: only Slack's signed, fresh requests ---------------------------------


def test_wrong_signature_is_refused_and_nothing_is_posted(app, fake, bot_url):
    body = slash_body("help", response_url=fake.response_url("forged"))
    answer = call_bot(bot_url, body, secret=SECRET, signature="v0=" + "0" * 64)
    assert answer.status == 401
    assert call_bot(bot_url, body, secret="another-secret").status == 401
    ask(bot_url, fake, "help", name="genuine")  # a real request afterwards is answered ...
    assert [p.path for p in fake.posted("/")] == ["/response/genuine"]  # ... and only it


def test_stale_timestamp_is_refused(app, fake, bot_url):
    body = slash_body("help", response_url=fake.response_url("stale"))
    answer = call_bot(bot_url, body, secret=SECRET, timestamp=int(time.time()) - 6 * 60)
    assert answer.status == 401


# ---- acceptance 4: a retried request is answered once -------------------------------


RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def test_retry_is_acknowledged_without_running_the_command(app, fake, bot_url):
    body = slash_body("help", response_url=fake.response_url("retried"))
    retry = call_bot(bot_url, body, secret=SECRET, headers=RETRY)
    assert (retry.status, retry.body) == (200, "")
    ask(
        bot_url, fake, "help", name="later"
    )  # one worker: anything queued before this has posted by now
    assert fake.posted("/response/retried") == []


def test_retry_before_its_original_still_lets_the_original_answer_once(app, fake, bot_url):
    body = slash_body("help", response_url=fake.response_url("once"), trigger_id="trigger.same")
    assert call_bot(bot_url, body, secret=SECRET, headers=RETRY).status == 200
    assert call_bot(bot_url, body, secret=SECRET).status == 200  # the original
    fake.wait_for("/response/once")
    ask(bot_url, fake, "help", name="later")
    assert len(fake.posted("/response/once")) == 1


def test_the_same_request_delivered_twice_is_answered_once(app, fake, bot_url):
    body = slash_body("help", response_url=fake.response_url("twice"), trigger_id="trigger.twice")
    assert call_bot(bot_url, body, secret=SECRET).status == 200
    assert (
        call_bot(bot_url, body, secret=SECRET).status == 200
    )  # e.g. a proxy that dropped the retry header
    ask(bot_url, fake, "help", name="later")
    assert len(fake.posted("/response/twice")) == 1


# ---- scheduled digests through the Web API ----------------------------------------------


def test_outbox_posts_a_digest_after_waiting_out_a_429(app, fake, slack_settings):
    seeded(
        app,
        [
            ("Ada Mbeki", "A wonderful, hopeful day for the harbour.", "direct"),
            ("Piet Anders", "This is a terrible, shameful failure.", "direct"),
        ],
    )
    reply = app.handle(Request(text="/quotes digest 24h", platform="slack", channel_id="C0DIGEST"))
    fake.rate_limit_once("chat.postMessage", retry_after=1)

    SlackOutbox.from_settings(slack_settings).post("C0DIGEST", reply)

    attempts = fake.posted("/api/chat.postMessage")
    assert [p.status for p in attempts] == [429, 200]
    posted = attempts[1].body
    assert posted["channel"] == "C0DIGEST"
    assert posted["text"].startswith("Quote digest: the last 24 hours")
    shown = json.dumps(posted["blocks"], ensure_ascii=False)
    assert "*Ada Mbeki* · 1 quote, tone positive" in shown  # one fact an assert
    assert "*Piet Anders* · 1 quote, tone negative" in shown


# ---- Block Kit limits are met by paging and clipping, never by failing -------------------


def quote_view(n: int, *, text: str = "Short words.", title: str = "A title") -> QuoteView:
    return QuoteView(
        id=n,
        speaker="Ada Mbeki",
        text=text,
        kind="direct",
        cue="said",
        compound=0.5,
        label="positive",
        emoji="🙂",
        article_title=title,
        article_url="https://news.example.com/x",
        published=dt.date(2026, 11, 20),
        outlet="Test Wire",
    )


def test_many_quotes_fit_fifty_blocks_and_keep_the_more_button():
    reply = Reply(
        title="Quotes by Ada Mbeki",
        text="Newest first.",
        quotes=tuple(quote_view(n) for n in range(80)),
        more="quotes Ada Mbeki --page 2",
    )
    blocks = render(reply).blocks
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["elements"][0]["action_id"] == MORE_ACTION
    assert "more blocks were left out" in blocks[-2]["elements"][0]["text"]


def test_long_texts_are_clipped_to_slack_limits():
    huge = "&" * 5000  # escaping makes it five times longer still
    reply = Reply(
        title="T" * 400,
        text=huge,
        quotes=(quote_view(1, text=huge, title=huge),),
        lines=tuple(huge for _ in range(3)),
    )
    message = render(reply)
    assert len(message.blocks[0]["text"]["text"]) <= MAX_HEADER
    for block in message.blocks:
        texts = (
            [block["text"]["text"]]
            if "text" in block
            else [e.get("text", "") for e in block.get("elements", [])]
        )
        for text in texts:
            assert isinstance(text, str)
            assert len(text) <= MAX_SECTION
            assert not text.rstrip("…").endswith(
                ("&", "&a", "&am", "&amp")
            )  # no entity cut in half


def test_a_more_command_too_long_for_a_button_becomes_a_note():
    blocks = render(Reply(text="x", more="search " + "y" * 3000)).blocks
    assert not any(b["type"] == "actions" for b in blocks)


# ---- configuration and the CLI -----------------------------------------------------


def test_missing_tokens_are_one_line_config_errors(app, settings):
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN") as missing:
        create_app(app, settings)
    assert "\n" not in str(missing.value)
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        run(app, settings.with_(slack_bot_token=BOT_TOKEN), http=True, port=0)
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN for Socket Mode .*SLACK_SIGNING_SECRET"):
        run(app, settings.with_(slack_bot_token=BOT_TOKEN), port=0)  # neither mode is set up
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN and SLACK_APP_TOKEN"):
        run(app, settings, port=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"quotebot exited with {process.returncode}: {err.decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"quotebot did not listen on port {port} within {timeout}s")


def test_cli_run_slack_http_answers_signed_requests(tmp_path, fake):
    # The README's `quotebot run slack --http --port 3999`, on a free port so parallel runs never
    # clash.
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "DISCORD_", "DATABASE_URL"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        PYTHONPATH=str(ROOT),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "run", "slack", "--http", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        payload = ask(f"http://127.0.0.1:{port}/slack/events", fake, "help")
        assert payload["blocks"][0]["text"]["text"] == "quotebot commands"
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_manifest_declares_the_command_scopes_and_interactivity():
    from adapters.slack import COMMAND, EVENTS_PATH

    manifest = (ROOT / "adapters" / "slack_manifest.yml").read_text(encoding="utf-8")
    assert f"- command: {COMMAND}\n" in manifest
    for scope in ("commands", "chat:write", "chat:write.public"):
        assert f"- {scope} " in manifest
    assert (
        manifest.count(f"url: https://YOUR-HOST{EVENTS_PATH}\n") == 2
    )  # the command and the More button
    assert "is_enabled: true" in manifest
    assert "socket_mode_enabled: true" in manifest
