"""Text is data: hostile strings from articles and users, on every kind of reply and every platform.

Each reply kind (quotes, search, speakers, digest, suggestions, errors) is built by the real router
from a real SQLite store, then rendered by each platform's renderer: Slack blocks, Discord embeds,
the console and the CLI (a real `quotebot` process). Nothing may ping, link or reach a terminal raw.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import asdict

import pytest
from rich.console import Console

from adapters import console as console_adapter
from adapters import discord_embeds, slack_blocks
from adapters.invisible import inert_json
from bot.chat.messages import Reply, Request
from tests.conftest import ROOT, make_article, store_quotes

EVIL_LINKS = "[x](javascript:alert(1)) [bbc.co.uk](https://evil.example/a)"
HOSTILE = {
    "links": EVIL_LINKS,
    "slack-mentions": "<!channel> <!everyone> <@U0123ABC> <https://evil.example|bbc.co.uk>",
    "discord-mentions": "@everyone @here <@123456789012345678> <#123456789012345678>",
    "esc": "\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 done",
    "c1": "before \x9b31m \x85 after \x07 bell",
    "bidi": "invoice \u202egnp.exe\u202c \u2066isolated\u2069",
    "zero-width": "zero\u200bwidth\u200dword\ufeff",
    "markdown": "**bold** __under__ ~~gone~~ `code` ||spoiler|| *it*",
}
SAFE_URL = "https://news.example.org/harbour"
# Control, C1, direction and invisible characters: none may reach any output.
FORBIDDEN_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u200c\u200d\u2060-\u2064\ufeff]"
)
KINDS = {
    "quotes": "quotes Ada Mbeki",
    "search": "search harbour",
    "speakers": "speakers",
    "digest": "digest 7d",
    "suggestions": "quotes Ada Mbek",
    "error": "quotes " + EVIL_LINKS + " <!channel> @everyone \x1b[2J \u202eevil",
}


@pytest.fixture
def hostile_app(app):
    for n, (name, text) in enumerate(HOSTILE.items()):
        article = make_article(
            f"Article {n} about the harbour.",
            title=f"Title {text}",
            url=SAFE_URL + f"/{n}",
            outlet=f"Outlet {text}",
        )
        store_quotes(
            app,
            article,
            [
                ("Ada Mbeki", f"The harbour {text} reopens", "direct"),
                (f"Ada {name} {text}", f"A harbour quote {text}", "direct"),
            ],
        )
    return app


def reply_of(app, kind: str) -> Reply:
    reply = app.handle(Request(text=KINDS[kind], platform="console"))
    assert reply is not None
    return reply


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


def assert_no_invisibles(text: str) -> None:
    found = FORBIDDEN_RE.findall(text)
    assert found == [], f"control/invisible characters reached the output: {found!r}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_reply_kind_carries_the_hostile_strings(hostile_app, kind):
    reply = reply_of(hostile_app, kind)
    assert any(FORBIDDEN_RE.search(s) or "<!" in s or "[x]" in s for s in strings_in(asdict(reply)))


# ---- Slack ------------------------------------------------------------------------


SLACK_LINK_RE = re.compile(r"<([^>]*)>")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_slack_replies_are_inert(hostile_app, kind):
    message = slack_blocks.render(reply_of(hostile_app, kind))
    texts = [message.text, *strings_in(list(message.blocks))]
    for text in texts:
        assert_no_invisibles(text)
        for target in SLACK_LINK_RE.findall(text):
            # The only <...> Slack may read is the article link the bot itself made.
            assert target.startswith(SAFE_URL + "/"), f"live Slack markup: <{target}>"
    assert "javascript:" not in "".join(t for t in texts if "<javascript" in t)


# ---- Discord ----------------------------------------------------------------------


LIVE_LINK_RE = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(([^)]*)\)")
LIVE_MENTION_RE = re.compile(r"@(everyone|here)|(?<!\\)<[@#][!&]?\d+>")
AUTOLINK_RE = re.compile(r"https?://evil", re.IGNORECASE)


def discord_texts(reply: Reply) -> list[str]:
    texts = []
    for page in discord_embeds.render(reply):
        texts.append(page.content or "")
        texts.extend(strings_in([embed.to_dict() for embed in page.embeds]))
    return texts


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_discord_replies_are_inert(hostile_app, kind):
    for text in discord_texts(reply_of(hostile_app, kind)):
        assert_no_invisibles(text)
        for target in LIVE_LINK_RE.findall(text):
            assert target.startswith(SAFE_URL + "/"), f"live Discord link to {target!r} in {text!r}"
        assert LIVE_MENTION_RE.search(text) is None, f"live mention in {text!r}"
        assert AUTOLINK_RE.search(text) is None, f"auto-linked URL in {text!r}"


def test_two_links_on_one_line_are_both_dead():
    escaped = discord_embeds.escape(EVIL_LINKS)
    assert LIVE_LINK_RE.findall(escaped) == []


# ---- console and CLI ----------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_console_replies_are_inert(hostile_app, kind):
    out = io.StringIO()
    adapter = console_adapter.ConsoleAdapter(
        hostile_app, console=Console(file=out, force_terminal=True, color_system=None, width=200)
    )
    adapter.post("console", reply_of(hostile_app, kind))
    assert_no_invisibles(out.getvalue())


def quotebot(args: list[str], db_url: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(DATABASE_URL=db_url, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
    )


@pytest.mark.parametrize("args", [["quotes", "Ada", "Mbeki"], ["speakers"], ["search", "harbour"]])
def test_cli_query_output_is_inert(hostile_app, settings, tmp_path, args):
    done = quotebot(args, settings.database_url, tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert_no_invisibles(done.stdout.decode())
    assert_no_invisibles(done.stderr.decode())


@pytest.mark.model
def test_cli_extract_output_is_inert(tmp_path, settings):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "The harbour master spoke on Monday.\n\n"
        '"The port \x1b[2J reopens \u202etoday\u202c for \x9b31m everyone," said Ada Mbeki.\n',
        encoding="utf-8",
    )
    done = quotebot(["extract", str(article)], settings.database_url, tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert "Ada Mbeki" in done.stdout.decode()
    assert_no_invisibles(done.stdout.decode())


@pytest.mark.parametrize(
    "args", [["quotes", "Ada", "Mbeki", "--json"], ["search", "harbour", "--json"]]
)
def test_cli_json_output_escapes_controls(hostile_app, settings, tmp_path, args):
    done = quotebot(args, settings.database_url, tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert_no_invisibles(done.stdout.decode())


def test_cli_json_output_keeps_the_values(hostile_app, settings, tmp_path):
    done = quotebot(["quotes", "Ada", "Mbeki", "--json"], settings.database_url, tmp_path)
    texts = " ".join(strings_in(json.loads(done.stdout)))
    assert HOSTILE["c1"] in texts  # escaped in the JSON text, the same string once parsed
    assert HOSTILE["bidi"] in texts


@pytest.mark.model
def test_cli_extract_json_output_escapes_controls(tmp_path, settings):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "The harbour master spoke on Monday.\n\n"
        '"The port reopens \u202etoday\u202c for \x9b31m everyone," said Ada Mbeki.\n',
        encoding="utf-8",
    )
    done = quotebot(["extract", str(article), "--json"], settings.database_url, tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert_no_invisibles(done.stdout.decode())
    (row,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert "\u202etoday\u202c for \x9b31m" in row["quote"]


@pytest.mark.parametrize(
    "text", ["\x9b31m", "\u202eevil\u202c", "tag\U000e0041", "caf\u00e9 \u00ad"]
)
def test_inert_json_escapes_invisibles_and_parses_back(text):
    dumped = inert_json({"quote": text})
    assert_no_invisibles(dumped)
    assert json.loads(dumped) == {"quote": text}


def test_inert_json_keeps_letters_readable():
    assert inert_json(["Zelenskyy, Kyiv, café"]) == '["Zelenskyy, Kyiv, café"]'
