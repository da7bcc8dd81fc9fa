"""Small CLI promises that need no model: feeds as data, paths as the shell meant them, Slack's
tokens."""

from __future__ import annotations

import json
import os

from adapters import cli
from adapters.cli_extract import logical_path


def test_feeds_list_json_is_data(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'q.db'}")
    assert cli.main(["feeds", "add", "https://vale.example/feed.xml"]) == 0
    capsys.readouterr()
    assert cli.main(["feeds", "list", "--json"]) == 0
    feeds = json.loads(capsys.readouterr().out)["feeds"]
    assert [f["url"] for f in feeds] == ["https://vale.example/feed.xml"]
    assert feeds[0]["failures"] == 0
    assert feeds[0]["last_polled"] is None


def test_a_relative_path_is_read_from_the_folder_the_user_typed(monkeypatch, tmp_path):
    (tmp_path / "shared" / "eval").mkdir(parents=True)
    gold = tmp_path / "shared" / "eval" / "gold.jsonl"
    gold.write_text("")
    real = tmp_path / "elsewhere" / "clone"
    real.mkdir(parents=True)
    link = tmp_path / "clone"
    link.symlink_to(real)
    monkeypatch.chdir(link)  # the kernel's cwd is elsewhere/clone; the user's is tmp/clone
    monkeypatch.setenv("PWD", str(link))
    relative = os.path.join("..", "shared", "eval", "gold.jsonl")
    assert not os.path.exists(relative)
    assert logical_path(relative).resolve() == gold.resolve()


def test_run_slack_without_tokens_names_the_app_token(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'q.db'}")
    assert cli.main(["run", "slack"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_APP_TOKEN" in err
    assert err.count("\n") == 1
