"""The digest on the demo data: short enough to read, the same speakers and quotes everywhere."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from adapters import console, discord_embeds, slack_blocks
from bot.chat.messages import Request
from tests.conftest import SAMPLES
from tests.discord_harness import unescaped

pytestmark = pytest.mark.model

QUOTE_RE = re.compile(r"“(.+?)”")
SLACK_NAME_RE = re.compile(r"^\*(.+?)\*", re.MULTILINE)
SLACK_UNDO = str.maketrans({"∗": "*", "ˍ": "_", "∼": "~", "ˋ": "`"})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from bot.app import App
    from bot.jobs.ingest import ingest
    from bot.settings import Settings

    path = tmp_path_factory.mktemp("demo") / "q.db"
    app = App(Settings(database_url=f"sqlite:///{path}"))
    report = ingest(app, [str(SAMPLES)])
    assert report.articles == 14
    yield app
    app.close()


@pytest.fixture(scope="module")
def reply(demo):
    return demo.handle(Request(text="digest 7d", platform="slack"))


def slack_content(reply):
    sections = [
        b["text"]["text"] for b in slack_blocks.render(reply).blocks if b["type"] == "section"
    ]
    speakers = [s for s in sections if SLACK_NAME_RE.match(s) and "\n>“" in s]
    return [
        (unescape(SLACK_NAME_RE.match(s).group(1)), [unescape(q) for q in QUOTE_RE.findall(s)])
        for s in speakers
    ]


def unescape(text: str) -> str:
    """Slack's escapes and look-alike marks undone."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.translate(SLACK_UNDO)


def discord_content(reply):
    (page,) = discord_embeds.render(reply)  # one message
    people = [e for e in page.embeds[1:] if e.title != "Sources"]
    return [
        (unescaped(e.title), [unescaped(q) for q in QUOTE_RE.findall(e.description)])
        for e in people
    ]


def console_lines(reply) -> list[str]:
    out = io.StringIO()
    terminal = Console(file=out, width=100_000, highlight=False, soft_wrap=True)
    for part in console.render(reply):
        terminal.print(part)
    return out.getvalue().splitlines()


def console_content(reply):
    found: list[tuple[str, list[str]]] = []
    for line in console_lines(reply)[2:]:
        if line.startswith("  “"):
            found[-1][1].append(QUOTE_RE.search(line).group(1))
        elif " — " in line and not line.startswith("["):
            found.append((line.split(" — ")[0], []))
    return found


def test_every_platform_names_the_same_speakers_and_quotes(reply):
    expected = [
        (s.name, [q.text.strip().rstrip(",") for q in s.quotes]) for s in reply.digest.speakers
    ]
    assert len(expected) == 5
    assert slack_content(reply) == discord_content(reply) == console_content(reply)
    assert [name for name, _ in slack_content(reply)] == [name for name, _ in expected]


def test_the_digest_is_short_on_every_platform(reply):
    assert len(console_lines(reply)) <= 30
    assert len(slack_blocks.render(reply).blocks) <= 12
    assert len(discord_embeds.render(reply)) == 1


def test_each_article_link_appears_once(reply):
    shown = "\n".join(
        b["text"]["text"] for b in slack_blocks.render(reply).blocks if b["type"] == "section"
    )
    urls = re.findall(r"<(https?://[^|>]+)\|", shown)
    assert urls
    assert len(urls) == len(set(urls))


def test_plain_words_not_kinds(reply):
    shown = "\n".join(console_lines(reply))
    assert not re.search(r"\b(direct|indirect|mixed)\b", shown)
    assert " said [" in shown


def test_more_shows_every_speaker(demo, reply):
    assert reply.more == "digest 7d --full"
    full = demo.handle(Request(text=reply.more, platform="slack"))
    assert len(full.digest.speakers) > 5
    assert full.digest.more_speakers == 0
