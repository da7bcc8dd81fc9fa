"""The `quotebot` command as a user runs it: a real process, a real SQLite file, the real model."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SAMPLES

pytestmark = pytest.mark.model


def quotebot(*args, cwd, env=None, stdin=None, timeout=240):
    """Run `python -m adapters.cli ARGS` in `cwd` (so the default database is cwd/quotebot-data)."""
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DATABASE_"))
    }
    full_env.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder where the sample articles have been ingested once."""
    path = tmp_path_factory.mktemp("cli")
    done = quotebot("ingest", str(SAMPLES), cwd=path)
    assert done.returncode == 0, done.stderr
    assert "14 articles added" in done.stdout
    return path


def test_ingesting_again_adds_nothing_and_says_so(workdir):
    again = quotebot("ingest", str(SAMPLES), cwd=workdir)
    assert again.returncode == 0
    assert "0 articles added with 0 quotes; 14 skipped as already stored" in again.stdout


def test_quotes_reaches_a_speaker_by_any_name_form(workdir):
    answers = [
        json.loads(quotebot("quotes", name, "--json", cwd=workdir).stdout)
        for name in ("Tomas Berg", "berg", "Mr Berg", "Tomas Bergg")
    ]
    texts = [[q["text"] for q in a["quotes"]] for a in answers]
    assert texts[0]
    assert all(t == texts[0] for t in texts)
    assert {q["speaker"] for q in answers[0]["quotes"]} == {"Tomas Berg"}


def test_quotes_human_output_shows_tone_and_source(workdir):
    out = quotebot("quotes", "Berg", cwd=workdir).stdout
    assert "Quotes by Tomas Berg" in out
    assert any(label in out for label in ("positive", "negative", "neutral"))
    assert "https://" in out
    assert "2026-11-" in out


def test_unknown_speaker_is_one_plain_answer(workdir):
    done = quotebot("quotes", "Nobody Atall", cwd=workdir)
    assert done.returncode == 1
    assert "no speaker called 'Nobody Atall'" in done.stdout
    assert "Traceback" not in done.stderr


def test_search_speakers_and_digest_json(workdir):
    search = json.loads(quotebot("search", "strike", "--json", cwd=workdir).stdout)
    assert search["quotes"]
    assert all("strike" in q["text"].lower() for q in search["quotes"])
    speakers = json.loads(quotebot("speakers", "--json", cwd=workdir).stdout)["speakers"]
    assert speakers[0]["quotes"] >= speakers[-1]["quotes"]
    digest = json.loads(quotebot("digest", "--since", "24h", "--json", cwd=workdir).stdout)[
        "digest"
    ]
    assert digest["quote_count"] > 0
    assert " speakers in 14 articles" in digest["summary"]


def test_digest_of_a_publication_day(workdir):
    digest = json.loads(quotebot("digest", "2026-11-17", "--json", cwd=workdir).stdout)["digest"]
    assert digest["quote_count"] > 0
    assert all(q["published"] == "2026-11-17" for s in digest["speakers"] for q in s["quotes"])


def test_extract_json_contract(tmp_path):
    sample = FIXTURES / "article_layout_a.txt"
    done = quotebot("extract", str(sample), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows
    keys = {
        "article",
        "speaker",
        "speaker_as_written",
        "speaker_type",
        "quote",
        "type",
        "cue",
        "start",
        "end",
        "sentiment",
    }
    assert all(
        set(r) == keys | ({"verbatim"} if r["type"] == "mixed" else set())
        and r["article"] == str(sample)
        for r in rows
    )
    assert all(
        r["type"] in ("direct", "mixed", "indirect") and r["sentiment"]["label"] for r in rows
    )
    assert not (tmp_path / "quotebot-data").exists()  # extract stores nothing


def test_extract_json_gives_the_verbatim_pieces_of_a_mixed_quote(tmp_path):
    sample = tmp_path / "mixed.txt"
    sample.write_text(
        'Organiser Ama Boateng said the crossing had become a "winnable fight" for the village.\n',
        encoding="utf-8",
    )
    done = quotebot("extract", str(sample), "--json", cwd=tmp_path)
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["type"] == "mixed"
    assert [row["quote"][s:e] for s, e in row["verbatim"]] == ["winnable fight"]


def test_extract_reports_unreadable_files_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = FIXTURES / "article_layout_b.txt"
    done = quotebot("extract", str(empty), "missing.txt", str(good), "--json", cwd=tmp_path)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 2
    assert "Traceback" not in done.stderr
    assert any(json.loads(line)["article"] == str(good) for line in done.stdout.splitlines())


def test_bad_inputs_each_get_one_line_and_the_rest_is_ingested(tmp_path):
    bad = tmp_path / "batch"
    bad.mkdir()
    (bad / "empty.txt").write_text("  \n")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(bad / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    (bad / "broken.html").write_text("<html><body><div><p><<<>>></div")
    (bad / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>cut")
    (bad / "latin1.txt").write_bytes((FIXTURES / "article_latin1.txt").read_bytes())
    (bad / "good.txt").write_text((FIXTURES / "article_layout_a.txt").read_text())
    done = quotebot("ingest", str(bad), cwd=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert "2 articles added" in done.stdout, done.stdout
    assert done.returncode == 1  # five sources were rejected: not a clean run
    assert "note " in done.stdout
    assert "latin1.txt" in done.stdout
    rejected = [line for line in done.stdout.splitlines() if line.strip().startswith("rejected")]
    assert {Path(line.split()[1].rstrip(":")).name.split("#")[0] for line in rejected} == {
        "empty.txt",
        "binary.txt",
        "huge.txt",
        "broken.html",
        "broken.rss",
    }
    again = quotebot("ingest", str(bad), cwd=tmp_path)
    assert "0 articles added" in again.stdout
    assert "2 skipped as already stored" in again.stdout


def test_every_command_has_help(tmp_path):
    for command in (
        "ingest",
        "extract",
        "quotes",
        "search",
        "speakers",
        "digest",
        "feeds",
        "eval",
        "demo",
        "run",
        "bench",
    ):
        done = quotebot(command, "--help", cwd=tmp_path)
        assert done.returncode == 0
        assert "usage: quotebot" in done.stdout


def test_console_once_answers_slack_and_discord_styles(workdir):
    slack = quotebot("run", "console", "--once", "/quotes Marsh", cwd=workdir)
    assert slack.returncode == 0
    assert "Quotes by Helena Marsh" in slack.stdout
    discord = quotebot("run", "console", "--once", "!digest", cwd=workdir)
    assert discord.returncode == 0
    assert "Quote digest" in discord.stdout
    assert "Helena Marsh" in discord.stdout


def test_demo_twice_adds_nothing_the_second_time(tmp_path):
    first = quotebot("demo", cwd=tmp_path, stdin="!quotes Lindqvist\nexit\n")
    assert first.returncode == 0, first.stderr
    assert "14 articles added" in first.stdout
    assert "Quotes by Amara Lindqvist" in first.stdout
    second = quotebot("demo", "--no-chat", cwd=tmp_path)
    assert "0 articles added" in second.stdout
    assert "14 skipped as already stored" in second.stdout
