"""Run quotebot in a child process: its peak memory, its time to first output, what it printed."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900.0


@dataclass(frozen=True)
class ChildRun:
    """One finished child: exit code, its own peak RSS, timings and output."""

    returncode: int
    peak_mb: float  # the child's VmHWM; NaN when it died before reporting it
    first_output: float | None  # seconds from spawn to the first byte on stdout
    seconds: float
    stdout: str
    stderr: str

    def failed(self) -> str:
        """'' when the child exited 0, else a one-line reason."""
        if self.returncode == 0:
            return ""
        last = (self.stderr.strip().splitlines() or ["no output"])[-1]
        return f"exit {self.returncode}: {last[:160]}"


def run_child(
    args: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
) -> ChildRun:
    """Run `python -m MODULE ...` or `python -c CODE ...` (args[0] is -m or -c) and measure it."""
    full_env = {**os.environ, "PYTHONPATH": _pythonpath(), "PYTHONUNBUFFERED": "1", **(env or {})}
    with tempfile.TemporaryDirectory(prefix="quotebot-child-") as tmp:
        peak_file = Path(tmp) / "peak"
        started = time.perf_counter()
        with open(Path(tmp) / "stderr", "w+b") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bench.child", str(peak_file), *args],
                stdout=subprocess.PIPE,
                stderr=err,
                env=full_env,
                cwd=cwd or ROOT,
            )
            out, first = _read_stdout(proc, started, timeout)
            proc.wait()
            seconds = time.perf_counter() - started
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        peak = int(peak_file.read_text()) / 1024 if peak_file.is_file() else float("nan")
    return ChildRun(proc.returncode, peak, first, seconds, out, stderr)


def _read_stdout(
    proc: subprocess.Popen, started: float, timeout: float
) -> tuple[str, float | None]:
    chunks, first = [], None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            if time.perf_counter() - started > timeout:
                proc.kill()
                raise TimeoutError(f"{proc.args} ran longer than {timeout:.0f} s")
            if not selector.select(timeout=1.0):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            first = first if first is not None else time.perf_counter() - started
            chunks.append(chunk)
    proc.stdout.close()
    return b"".join(chunks).decode("utf-8", "replace"), first


def _pythonpath() -> str:
    current = os.environ.get("PYTHONPATH", "")
    return f"{ROOT}{os.pathsep}{current}" if current else str(ROOT)
