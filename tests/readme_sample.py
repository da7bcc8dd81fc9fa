"""The README's "What it looks like" block, made from the demo data.

`python -m tests.readme_sample` runs the demo into a scratch database and rewrites the block;
tests/test_readme.py runs the same commands and fails when the README no longer matches.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMANDS = ("quotes Lindqvist", "digest 7d")
BLOCK_RE = re.compile(r"(<!-- sample:begin -->\n```text\n)(.*?)(```\n<!-- sample:end -->)", re.S)

Runner = Callable[[str], str]  # a quotebot command line -> what it printed


def sample(run: Runner) -> str:
    """The block's text: each command as typed, then its output."""
    parts = []
    for command in COMMANDS:
        parts.append(f"$ .venv/bin/quotebot {command}\n{run(command).rstrip()}\n")
    return "".join(parts)


def shown(readme: str) -> str:
    match = BLOCK_RE.search(readme)
    if match is None:
        raise ValueError("README.md has no <!-- sample:begin --> block")
    return match.group(2)


def quotebot(command: str, url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", *command.split()],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return done.stdout


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/demo.db"
        quotebot("demo --no-chat", url)
        block = sample(lambda command: quotebot(command, url))
    readme = README.read_text(encoding="utf-8")
    README.write_text(BLOCK_RE.sub(lambda m: m.group(1) + block + m.group(3), readme), "utf-8")
    print("README.md: the sample block was rewritten from the demo data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
