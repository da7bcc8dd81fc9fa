"""Peak memory of `quotebot export` (JSON lines and CSV) over two synthetic stores: streamed, the
bigger store's export must peak where the smaller one's does (issue: a million quotes in constant
memory). Each export is a child process writing to /dev/null, so the figure is the export alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench.proc import ChildRun, run_child
from bench.report import Figure, check
from bench.synth import SynthStore

SECTION = "7. export"  # 5 and 6 are the tone, PostgreSQL and hostile benches
FORMATS = ("jsonl", "csv")
FLAT_TARGET = 1.10  # peak RSS of the bigger store's export / the smaller one's
WRITTEN_RE = re.compile(r"^(\d+) quotes written to ", re.MULTILINE)


def export_figures(stores: tuple[SynthStore, SynthStore], workdir: Path) -> list[Figure]:
    """Per format: the peak RSS at each size, then bigger / smaller (the flatness check)."""
    out: list[Figure] = []
    for fmt in FORMATS:
        runs = [(store, export_run(store, fmt, workdir)) for store in stores]
        out.extend(_size_figure(store, fmt, run) for store, run in runs)
        out.append(_flat_figure(fmt, runs))
    return out


def export_run(store: SynthStore, fmt: str, workdir: Path) -> ChildRun:
    """`quotebot export --format FMT --out /dev/null` on the store, in a child process."""
    return run_child(
        ["-m", "adapters.cli", "export", "--format", fmt, "--out", "/dev/null"],
        env={"DATABASE_URL": store.url},
        cwd=workdir,
    )


def written(run: ChildRun) -> int | None:
    """How many quotes the export says it wrote (None when it said nothing of it)."""
    match = WRITTEN_RE.search(run.stdout)
    return int(match.group(1)) if match else None


def _size_figure(store: SynthStore, fmt: str, run: ChildRun) -> Figure:
    count = written(run)
    problem = run.failed() or (
        f"wrote {count} of {store.quotes:,} quotes" if count != store.quotes else ""
    )
    note = problem or f"{run.seconds:.1f} s, {store.quotes / run.seconds:,.0f} quotes/s"
    return Figure(
        SECTION,
        f"export --format {fmt} of {store.quotes:,} quotes",
        f"peak RSS {run.peak_mb:.0f} MB",
        note=note,
    )


def _flat_figure(fmt: str, runs: list[tuple[SynthStore, ChildRun]]) -> Figure:
    (small, small_run), (big, big_run) = runs
    ratio = big_run.peak_mb / small_run.peak_mb
    failed = small_run.failed() or big_run.failed()
    return Figure(
        SECTION,
        f"export memory flat ({fmt}): {big.quotes:,} vs {small.quotes:,} quotes",
        f"{big_run.peak_mb:.0f} vs {small_run.peak_mb:.0f} MB",
        ratio,
        f"{big.quotes:,} / {small.quotes:,}",
        f"<= {FLAT_TARGET:.2f}x",
        check(ratio, at_most=FLAT_TARGET) and not failed,
        failed,
    )
