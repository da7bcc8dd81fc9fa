"""One line, never a traceback, and honest exit codes: the `quotebot` command as a real process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from bot.chat.messages import Request
from tests.conftest import ROOT
from tests.fakes import LocalServer, respond

HUGE_PAGE = "99999999999999999999"
LONG_URL = "https://news.example.org/" + "a" * 70_000


def quotebot(*args: str, cwd, **env_extra: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "DISCORD_", "DATABASE_URL", "LOG_LEVEL"))
    }
    env.update(PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_one_line(done: subprocess.CompletedProcess, *words: str) -> None:
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"DATABASE_URL": "nonsense"}, ("DATABASE_URL",)),
        ({"DATABASE_URL": "postgresql://me@db.example:notaport/q"}, ("DATABASE_URL",)),
        ({"LOG_LEVEL": "bogus"}, ("LOG_LEVEL", "DEBUG, INFO")),
        ({"FETCH_TIMEOUT": "-1"}, ("FETCH_TIMEOUT",)),
    ],
)
def test_bad_settings_are_one_line(tmp_path, env, words):
    done = quotebot("speakers", cwd=tmp_path, **env)
    assert done.returncode == 2
    assert_one_line(done, *words)


def test_an_unreachable_database_is_one_line(tmp_path):
    done = quotebot(
        "speakers", cwd=tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert done.returncode != 0
    assert_one_line(done, "quotebot:")


def test_a_huge_page_number_is_one_line(tmp_path):
    done = quotebot("speakers", "--page", HUGE_PAGE, cwd=tmp_path)
    assert "Traceback" not in done.stderr + done.stdout
    assert "page number from 1 to" in done.stdout
    assert done.returncode == 2  # a usage mistake


def test_a_huge_page_in_chat_is_an_ephemeral_line(app):
    reply = app.handle(Request(text=f"!speakers --page {HUGE_PAGE}"))
    assert reply.ephemeral and "page number from 1 to" in reply.text


def test_a_70000_character_url_is_one_short_line(tmp_path):
    done = quotebot("ingest", LONG_URL, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    rejected = [line for line in done.stdout.splitlines() if line.startswith("  rejected")]
    assert len(rejected) == 1 and len(rejected[0]) < 700


def test_a_70000_character_feed_url_in_chat_is_one_line(app):
    reply = app.handle(Request(text=f"!feeds add {LONG_URL}"))
    assert reply.ephemeral and "at most 2,000" in reply.text
    assert len(reply.text) < 500
    assert app.channels.feeds() == []


def test_feeds_poll_exit_code_says_whether_every_feed_failed(tmp_path):
    with LocalServer({"/boom.rss": respond(500, b"no"), "/bad.rss": respond(404, b"no")}) as srv:
        env = {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}",
            "QUOTEBOT_ALLOW_PRIVATE_URLS": "true",
        }
        for path in ("/boom.rss", "/bad.rss"):
            assert quotebot("feeds", "add", srv.url(path), cwd=tmp_path, **env).returncode == 0
        all_failed = quotebot("feeds", "poll", cwd=tmp_path, **env)
        assert all_failed.returncode == 1
        assert "2 failed" in all_failed.stdout
        srv.routes["/bad.rss"] = respond(304, b"")
        one_failed = quotebot("feeds", "poll", cwd=tmp_path, **env)
        assert one_failed.returncode == 0, one_failed.stdout


def test_the_database_and_its_folder_are_the_owners_only(tmp_path):
    done = quotebot("speakers", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    folder = tmp_path / "quotebot-data"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "quotebot.db").stat().st_mode) == 0o600
