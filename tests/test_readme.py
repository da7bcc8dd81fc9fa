"""Every `quotebot` command the README shows runs as written (the venv commands themselves run in
.ci/run)."""

import os
import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Covered elsewhere, and why: each needs something a plain subprocess here cannot give it.
ELSEWHERE = {
    "bench": ".ci/run runs `python -m bench --quick`; tests/test_bench.py runs its pieces small",
    "run slack": (
        "tests/test_slack.py starts `quotebot run slack --http` against a local fake Slack"
    ),
    "run discord": "tests/test_discord.py runs it with a bad token (no route to Discord here)",
}


def readme_commands() -> list[str]:
    """Lines of the README's sh blocks that run quotebot, comments stripped."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/quotebot ")]


def test_the_readme_shows_commands():
    assert len(readme_commands()) >= 10


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('readme') / 'q.db'}"
    run(".venv/bin/quotebot demo --no-chat", url)
    return url


def run(line: str, url: str, stdin: str = "exit\n"):
    args = shlex.split(line)[1:]
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("line", readme_commands())
def test_readme_command_runs_as_written(line, database):
    words = line.split()
    for key, reason in ELSEWHERE.items():
        if " ".join(words[1:3]).startswith(key):
            pytest.skip(f"covered elsewhere: {reason}")
    if "../shared" in line and not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone (CI has it; a user's clone does not)")
    done = run(line, database)
    assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    assert done.stdout.strip()
    assert "Traceback" not in done.stderr


def test_what_it_looks_like_is_what_the_demo_prints(database):
    from tests.readme_sample import sample, shown

    printed = sample(lambda command: run(f".venv/bin/quotebot {command}", database).stdout)
    assert shown(README) == printed, "README is stale: run `python -m tests.readme_sample`"


def test_readme_examples_use_speakers_of_the_demo(database):
    names = set(
        re.findall(
            r"(?:/quotes|!quotes|!follow|!chart|quotebot quotes) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)",
            README,
        )
    )
    assert names
    for name in names:
        done = run(f".venv/bin/quotebot quotes '{name}'", database)
        assert done.returncode == 0, f"{name}: {done.stdout}"
