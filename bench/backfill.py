"""Backfill throughput: `quotebot backfill` on 1 and 2 local Dask workers beside `quotebot ingest`.

`python -m bench.backfill [--articles N]`. Each mode runs as the user runs it, a `quotebot`
process on a fresh SQLite file, over the same folder of article files: once on one article (what
start-up costs: the process, the Dask cluster, the model on each worker) and once on N. Shown per
mode: articles/s end to end, and articles/s past start-up ((N - 1) / (time N - time 1)), with the
ratio to ingest's. Timings are side by side in one run; on a shared machine compare the ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import ROOT, write_variant_files
from bench.report import Figure, print_figure, print_header

SECTION = "5. backfill on Dask"
DEFAULT_ARTICLES = 120
MODES = {
    "ingest": ("ingest",),
    "backfill, 1 worker": ("backfill", "--workers", "1"),
    "backfill, 2 workers": ("backfill", "--workers", "2"),
}


@dataclass(frozen=True)
class Run:
    """One mode's two timings: on one article (start-up) and on all of them."""

    mode: str
    articles: int
    one: float  # seconds for one article
    all: float  # seconds for every article

    @property
    def end_to_end(self) -> float:
        return self.articles / self.all

    @property
    def steady(self) -> float:
        return (self.articles - 1) / max(self.all - self.one, 1e-9)


def time_modes(folder: Path, single: Path, workdir: Path, articles: int) -> list[Run]:
    """Each mode on one article, then on the whole folder, each into a fresh database."""
    runs = []
    for mode, args in MODES.items():
        one = _timed(args, single, workdir / f"{len(runs)}-one.db", expect=1)
        whole = _timed(args, folder, workdir / f"{len(runs)}-all.db", expect=articles)
        runs.append(Run(mode, articles, one, whole))
    return runs


def figures(runs: list[Run]) -> list[Figure]:
    base = runs[0]
    out = []
    for run in runs:
        out.append(
            Figure(
                SECTION,
                f"{run.mode}: end to end ({run.articles} articles)",
                f"{run.end_to_end:.2f} art/s ({run.all:.1f} s; start-up {run.one:.1f} s)",
                run.end_to_end / base.end_to_end,
                "/ ingest",
            )
        )
        out.append(
            Figure(
                SECTION,
                f"{run.mode}: past start-up",
                f"{run.steady:.2f} art/s",
                run.steady / base.steady,
                "/ ingest",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backfill", description=__doc__)
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quotebot-bench-backfill-") as tmp:
        work = Path(tmp)
        folder = write_variant_files(work / "articles", args.articles)
        single = work / "one"
        single.mkdir()
        first = sorted(folder.iterdir())[0]
        (single / first.name).write_bytes(first.read_bytes())
        print_header(
            f"{SECTION}: {args.articles} article files, each mode a `quotebot` process "
            f"({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})"
        )
        for figure in figures(time_modes(folder, single, work, args.articles)):
            print_figure(figure)
    return 0


def _timed(args: tuple[str, ...], source: Path, db: Path, *, expect: int) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(DATABASE_URL=f"sqlite:///{db}", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args, str(source)],
        cwd=db.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0 or f"{expect} article" not in done.stdout:
        raise RuntimeError(f"quotebot {' '.join(args)} failed: {done.stdout}{done.stderr}")
    return seconds


if __name__ == "__main__":
    sys.exit(main())
