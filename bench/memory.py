"""Peak memory: the bot answering a digest, and ingest at two archive sizes (it must stay flat)."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import write_variant_files
from bench.proc import run_child
from bench.report import Figure, check
from bench.synth import SynthStore

SECTION = "3. memory"
BOT_TARGET_MB = 400.0
FLAT_TARGET = 1.10  # peak RSS of the bigger ingest / the smaller one
COMPARED_BATCHES = (8, 32)  # nlp.pipe batch sizes: peak RSS grows with the batch, speed does not


def bot_figure(store: SynthStore, workdir: Path) -> Figure:
    """Peak RSS of `quotebot run console --once "!digest"` over the synthetic store."""
    run = run_child(
        ["-m", "adapters.cli", "run", "console", "--once", "!digest"],
        env={"DATABASE_URL": store.url},
        cwd=workdir,
    )
    note = run.failed() or f"store of {store.quotes:,} quotes, answered in {run.seconds:.2f} s"
    return Figure(
        SECTION,
        'bot: run console --once "!digest"',
        f"peak RSS {run.peak_mb:.0f} MB",
        run.peak_mb / BOT_TARGET_MB,
        "RSS / 400 MB",
        "< 400 MB",
        check(run.peak_mb, at_most=BOT_TARGET_MB) and not run.failed(),
        note,
    )


def ingest_figures(
    sizes: tuple[int, int], workdir: Path, *, other_batch: int | None = None
) -> list[Figure]:
    """Peak RSS of `quotebot ingest` of `small` then `big` distinct articles, each into a new DB."""
    small, big = sizes
    runs = {n: _ingest(n, workdir) for n in (small, big)}
    out = [
        _ingest_figure(f"ingest {n:,} articles (subprocess, default batch)", n, run)
        for n, run in runs.items()
    ]
    ratio = runs[big].peak_mb / runs[small].peak_mb
    failed = runs[small].failed() or runs[big].failed()
    out.append(
        Figure(
            SECTION,
            f"ingest memory flat: {big:,} vs {small:,} articles",
            f"{runs[big].peak_mb:.0f} vs {runs[small].peak_mb:.0f} MB",
            ratio,
            f"{big} / {small}",
            f"<= {FLAT_TARGET:.2f}x",
            check(ratio, at_most=FLAT_TARGET) and not failed,
            failed,
        )
    )
    # A bot that polls feeds ingests in its own process, so ingest's peak is the bot's peak too.
    other = other_batch or _other_batch()
    batched = _ingest(small, workdir, batch_size=other)
    out.append(
        _ingest_figure(
            f"ingest {small:,} articles with BATCH_SIZE={other} (compare)",
            small,
            batched,
            baseline=runs[small],
        )
    )
    return out


def _other_batch() -> int:
    """The compared batch size that is not the app's default."""
    from bot.settings import Settings

    default = Settings().batch_size
    return next((b for b in COMPARED_BATCHES if b != default), COMPARED_BATCHES[0])


def _ingest_figure(name: str, count: int, run, *, baseline=None) -> Figure:
    rate = run.failed() or f"{run.seconds:.1f} s, {count / run.seconds:.1f} art/s incl. start-up"
    if (
        baseline is not None
    ):  # a comparison with another batch size: information, not the app's target
        rate += f"; default batch: {baseline.peak_mb:.0f} MB in {baseline.seconds:.1f} s"
        return Figure(
            SECTION,
            name,
            f"peak RSS {run.peak_mb:.0f} MB",
            run.peak_mb / baseline.peak_mb,
            "/ default batch",
            note=rate,
        )
    return Figure(
        SECTION,
        name,
        f"peak RSS {run.peak_mb:.0f} MB",
        run.peak_mb / BOT_TARGET_MB,
        "RSS / 400 MB",
        "< 400 MB (bot)",
        check(run.peak_mb, at_most=BOT_TARGET_MB) and not run.failed(),
        rate,
    )


def _ingest(count: int, workdir: Path, *, batch_size: int | None = None):
    folder = workdir / f"articles-{count}"
    if not folder.is_dir():
        write_variant_files(folder, count)
    db = workdir / f"ingest-{count}-{batch_size or 'default'}.db"
    env = {"DATABASE_URL": f"sqlite:///{db}"} | (
        {"BATCH_SIZE": str(batch_size)} if batch_size else {}
    )
    return run_child(["-m", "adapters.cli", "ingest", str(folder), "--json"], env=env, cwd=workdir)
