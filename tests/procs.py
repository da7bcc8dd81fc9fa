"""Run tests/concurrent_writer.py in several real processes at once, lined up on a go file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY_SECONDS = 120
RUN_SECONDS = 300


@dataclass(frozen=True)
class Outcome:
    code: int
    result: dict  # type: ignore[type-arg]
    stderr: str


def run_together(
    folder: Path, jobs: list[list[str]], env: dict[str, str] | None = None
) -> list[Outcome]:
    """Start each job (action, url, *args), release them together, and collect what each did."""
    go = folder / f"go-{time.monotonic_ns()}"
    procs, readies = [], []
    for n, (action, url, *args) in enumerate(jobs):
        ready = folder / f"ready-{n}-{go.name}"
        readies.append(ready)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.concurrent_writer",
                    action,
                    url,
                    str(ready),
                    str(go),
                    *args,
                ],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    deadline = time.monotonic() + READY_SECONDS
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            break
        time.sleep(0.01)
    go.touch()
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=RUN_SECONDS)
        lines = out.strip().splitlines()
        outcomes.append(Outcome(proc.returncode, json.loads(lines[-1]) if lines else {}, err))
    return outcomes
