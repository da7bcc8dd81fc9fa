"""`python -m bench [--quick]`: every benchmark in one run, one table line per figure."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bench import export, extraction, ingest, memory, queries, startup
from bench import slack as slack_bench
from bench.corpus import article_variants, build_corpus
from bench.prototypes import prototype_figures
from bench.report import (
    Figure,
    machine,
    print_figure,
    print_header,
    print_machine,
    print_summary,
    write_markdown,
)
from bench.synth import CACHE_DIR, SynthStore, build_store

log = logging.getLogger("bench")

# Queries run first, before this process loads spaCy: a bot answering chat has no model loaded, and
# the model's objects would lengthen this process's garbage-collector pauses (and so the p99).
SECTIONS = ("queries", "extraction", "memory", "startup", "export")


@dataclass(frozen=True)
class Plan:
    """How big each benchmark runs."""

    name: str
    articles: int  # extraction corpus
    repeats: int  # interleaved repetitions of each extraction variant
    processes: tuple[int, ...]
    batch_size: int  # nlp.pipe batch; 0 means the app's default (Settings().batch_size)
    store_sizes: tuple[int, ...]
    query_runs: int
    query_budget: float  # seconds per query before stopping early (at least 20 runs)
    slack_runs: int
    ingest_sizes: tuple[int, int]
    store_step_articles: int
    export_sizes: tuple[int, int]  # quotes in the two stores exported (memory must stay flat)


QUICK = Plan(
    "quick",
    articles=16,
    repeats=5,
    processes=(1,),
    batch_size=0,
    store_sizes=(10_000,),
    query_runs=100,
    query_budget=2.0,
    slack_runs=20,
    ingest_sizes=(40, 120),
    store_step_articles=5,
    export_sizes=(2_000, 10_000),
)
FULL = Plan(
    "full",
    articles=112,
    repeats=5,
    processes=(1, 2),
    batch_size=0,
    store_sizes=(10_000, 100_000, 1_000_000),
    query_runs=300,
    query_budget=20.0,
    slack_runs=100,
    ingest_sizes=(250, 1000),
    store_step_articles=5,
    export_sizes=(100_000, 1_000_000),
)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 0 (or 1 with --strict when a target is missed)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    plan = _plan(args)
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    info = machine()
    info["load average"] = _load()
    print(
        f"quotebot bench, {plan.name} run: sections "
        f"{', '.join(s for s in SECTIONS if s in sections)}"
    )
    print_machine(info)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="quotebot-bench-") as tmp:
        figures = Runner(plan, Path(tmp), Path(args.cache_dir), rebuild=args.rebuild).run(sections)
    info["load average"] += f" at start; {_load()} at end"
    print_summary(figures)
    print(f"\nbench finished in {time.perf_counter() - started:.0f} s")
    if args.markdown:
        write_markdown(Path(args.markdown), figures, info, mode=plan.name)
        print(f"figures written to {args.markdown}")
    missed = any(f.result == "MISS" for f in figures)
    return 1 if args.strict and missed else 0


class Runner:
    """Runs the sections in order, printing each figure as soon as it is measured."""

    def __init__(self, plan: Plan, workdir: Path, cache_dir: Path, *, rebuild: bool):
        self.plan, self.workdir, self.cache_dir, self.rebuild = plan, workdir, cache_dir, rebuild
        self.figures: list[Figure] = []
        self._stores: list[SynthStore] | None = None
        self._nlp = None

    def run(self, sections: set[str]) -> list[Figure]:
        for name in SECTIONS:
            if name in sections:
                getattr(self, f"run_{name}")()
        return self.figures

    def emit(self, figures) -> None:
        for figure in figures if isinstance(figures, list) else [figures]:
            self.figures.append(figure)
            print_figure(figure)

    # ---- shared pieces ----------------------------------------------------------

    @property
    def stores(self) -> list[SynthStore]:
        """The synthetic stores, built (or reused from the cache) on first use."""
        if self._stores is None:
            print_header(f"0. synthetic stores (cache: {self.cache_dir})")
            self._stores = []
            for size in self.plan.store_sizes:
                store = build_store(size, cache_dir=self.cache_dir, rebuild=self.rebuild)
                self._stores.append(store)
                self.emit(_store_figure(store))
        return self._stores

    @property
    def nlp(self):
        """The pipeline the app's Extractor uses (it gains our paragraph component)."""
        if self._nlp is None:
            from bot.nlp.model import load_model

            started = time.perf_counter()
            self._nlp = load_model("")
            self.load_seconds = time.perf_counter() - started
            self.bare_nlp = load_model.__wrapped__("")  # a second, untouched load: bare spaCy
        return self._nlp

    # ---- sections ---------------------------------------------------------------

    def run_extraction(self) -> None:
        plan, nlp = self.plan, self.nlp
        corpus = build_corpus(plan.articles)
        print_header(
            f"1. extraction throughput ({corpus.sources}, {corpus.words:,} words; "
            f"model {nlp.meta.get('name')} loaded in {self.load_seconds:.1f} s)"
        )
        skip = extraction.textacy_status()
        for n_process in plan.processes:
            first = n_process == plan.processes[0]
            ingest_run = (
                ingest.ingest_pass(
                    article_variants(len(corpus)),
                    self.workdir,
                    batch_size=plan.batch_size,
                    n_process=n_process,
                )
                if first
                else None
            )
            runs = extraction.pipeline_runs(
                nlp,
                self.bare_nlp,
                corpus,
                n_process=n_process,
                batch_size=plan.batch_size,
                repeats=plan.repeats,
                with_textacy=not skip,
                ingest=ingest_run,
            )
            self.emit(
                extraction.pipeline_figures(
                    runs, corpus, n_process=n_process, batch_size=plan.batch_size
                )
            )
            if first:
                self.parse_per_article = runs["bare spaCy"].seconds / len(corpus)
        runs, counts = extraction.preparsed_runs(
            nlp, corpus, repeats=plan.repeats, with_textacy=not skip
        )
        self.emit(extraction.preparsed_figures(runs, counts, corpus, textacy_note=skip))
        few = article_variants(plan.store_step_articles, with_seeds=False)
        self.emit(
            ingest.store_step_figures(
                nlp,
                few,
                self.stores,
                self.workdir,
                parse_seconds_per_article=self.parse_per_article,
            )
        )

    def run_queries(self) -> None:
        plan = self.plan
        for store in self.stores:
            gc_state = (
                "gc frozen after start-up, as `quotebot run` does"
                if queries.bot_freezes_gc()
                else "gc as is"
            )
            print_header(
                f"2. query latency @ {store.quotes:,} quotes (app.handle through the router; "
                f"{gc_state})"
            )
            timings = queries.time_queries(store, runs=plan.query_runs, budget=plan.query_budget)
            self.emit(queries.figures(store, timings))
            self._explain_misses(store, timings)
        largest = self.stores[-1]
        self._run_slack(largest)
        print_header(
            f"2b. prototypes: the changes this bench proposed, timed alone @ {largest.quotes:,} "
            f"quotes"
        )
        self.emit(prototype_figures(largest, runs=plan.query_runs, budget=plan.query_budget))

    def run_memory(self) -> None:
        print_header("3. memory (peak RSS of child processes: their own VmHWM)")
        self.emit(memory.bot_figure(self.stores[-1], self.workdir))
        self.emit(memory.ingest_figures(self.plan.ingest_sizes, self.workdir))

    def run_startup(self) -> None:
        print_header("4. start-up (process start to first answer)")
        self.emit(startup.extract_figure(self.workdir))
        self.emit(startup.query_figures(self.stores[-1], self.workdir))

    def run_export(self) -> None:
        small, big = (
            build_store(n, cache_dir=self.cache_dir, rebuild=self.rebuild)
            for n in self.plan.export_sizes
        )
        print_header(
            f"7. export (peak RSS of `quotebot export` to /dev/null @ {small.quotes:,} and "
            f"{big.quotes:,} quotes)"
        )
        self.emit(export.export_figures((small, big), self.workdir))

    def _run_slack(self, store: SynthStore) -> None:
        print_header(
            f"2. slack: signed request to ack and to answer @ {store.quotes:,} quotes (bolt over "
            f"HTTP)"
        )
        skip = slack_bench.slack_status()
        if skip:
            self.emit(Figure(slack_bench.SECTION, "slack ack and answer", "-", note=skip))
            return
        commands = [store.top_speaker, f"search {store.common_word}", "digest", "speakers"]
        timings = slack_bench.time_slack(
            store, commands, runs=self.plan.slack_runs, budget=self.plan.query_budget
        )
        self.emit(slack_bench.figures(store, timings))

    def _explain_misses(self, store: SynthStore, timings) -> None:
        """For each query over target, the SQL it ran and SQLite's plan (the why)."""
        for timing in timings:
            if timing.latency.p99 <= queries.TARGET_SECONDS:
                continue
            print(f"   why {timing.query.text!r} is slow: the SQL it runs and its plan")
            for sql, plan in queries.explain(store, timing.query.text):
                print(f"     {' '.join(sql.split())[:150]}")
                print(f"       plan: {' | '.join(plan)}")


def _store_figure(store: SynthStore) -> Figure:
    how = "reused from the cache; it was built" if store.reused else "built"
    rate = store.quotes / max(store.build_seconds, 0.01)
    return Figure(
        "0. synthetic stores",
        f"store of {store.quotes:,} quotes",
        f"{store.articles:,} articles, {store.speakers:,} speakers",
        note=f"{how} in {store.build_seconds:.1f} s ({rate:,.0f} quotes/s), "
        f"{os.path.getsize(store.path) / 2**20:.0f} MB",
    )


def _plan(args) -> Plan:
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan = replace(
            plan, store_sizes=tuple(int(s.replace("_", "")) for s in args.sizes.split(","))
        )
    if args.processes:
        plan = replace(plan, processes=tuple(int(p) for p in args.processes.split(",")))
    if args.export_sizes:
        small, big = (int(s.replace("_", "")) for s in args.export_sizes.split(","))
        plan = replace(plan, export_sizes=(small, big))
    if args.batch_size or not plan.batch_size:
        plan = replace(plan, batch_size=args.batch_size or _default_batch())
    return plan


def _default_batch() -> int:
    from bot.settings import Settings

    return Settings().batch_size


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument(
        "--quick", action="store_true", help="the small version CI runs (well under 2 minutes)"
    )
    p.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    p.add_argument("--sizes", help="synthetic store sizes in quotes, e.g. 10000,100000")
    p.add_argument("--processes", help="n_process values for extraction, e.g. 1,2")
    p.add_argument("--export-sizes", help="the two store sizes exported, e.g. 100000,1000000")
    p.add_argument(
        "--batch-size",
        type=int,
        default=0,
        help="nlp.pipe batch size (default: the app's BATCH_SIZE)",
    )
    p.add_argument("--markdown", help="also write the figures as Markdown tables to this file")
    p.add_argument(
        "--cache-dir", default=str(CACHE_DIR), help="where built synthetic stores are kept"
    )
    p.add_argument(
        "--rebuild", action="store_true", help="rebuild the synthetic stores even if cached"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when any target is missed")
    return p


if __name__ == "__main__":
    sys.exit(main())
