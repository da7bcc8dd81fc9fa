"""The bench's pieces run at tiny sizes and print their figures (timings are never asserted)."""

from __future__ import annotations

import math
import sqlite3
import statistics
from dataclasses import replace
from pathlib import Path

import pytest

from bench import export as bench_export
from bench import extraction, ingest, memory, queries, startup
from bench import slack as slack_bench
from bench.__main__ import main
from bench.corpus import article_variants, build_corpus, write_variant_files
from bench.prototypes import prototype_figures
from bench.report import MISS, PASS, Figure, check, print_figure, write_markdown
from bench.synth import build_store
from bench.timing import percentile

TINY = 400  # quotes in the synthetic store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(TINY, cache_dir=tmp_path_factory.mktemp("bench-cache"))


def _shown(figure: Figure, capsys) -> str:
    print_figure(figure)
    return capsys.readouterr().out


def test_percentile_is_nearest_rank():
    samples = list(range(1, 101))
    assert percentile(samples, 99) == 99
    assert percentile(samples, 50) == 50
    assert percentile([7.0], 99) == 7.0


def test_a_figure_prints_one_line_with_its_ratio_target_and_result(capsys):
    figure = Figure(
        "s", "overhead", "12 art/s", 1.2, "ours / bare", "<= 1.15x", check(1.2, at_most=1.15)
    )
    line = _shown(figure, capsys)
    assert "overhead" in line
    assert "1.20x ours / bare" in line
    assert "<= 1.15x" in line
    assert MISS in line


def test_the_synthetic_store_has_its_rows_its_index_and_is_reused(store, tmp_path_factory):
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == TINY
        hits = conn.execute(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (store.common_word,)
        )
        assert hits.fetchone()[0] > 0
        counts = dict(
            conn.execute(
                "SELECT s.name, count(*) FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
                "GROUP BY s.id"
            ).fetchall()
        )
    assert counts[store.top_speaker] >= 5 * statistics.median(
        counts.values()
    )  # Zipf: a few quoted very often
    again = build_store(TINY, cache_dir=Path(store.path).parent)
    assert again.reused
    assert again.path == store.path


def test_every_chat_query_answers_through_the_router_and_prints(store, capsys):
    timings = queries.time_queries(store, runs=3, budget=0.1)
    assert [t.query.label for t in timings] == [q.label for q in queries.queries_for(store)]
    for figure in queries.figures(store, timings):
        assert "p99" in figure.value
        assert figure.result in (PASS, MISS)
        assert "failed" not in figure.note, figure.note
        assert "no quotes came back" not in figure.note, figure.note
        assert figure.name in _shown(figure, capsys)


def test_explain_shows_the_plan_of_each_statement(store):
    plans = queries.explain(store, f"/quotes {store.top_speaker}")
    assert any("quotes" in sql and plan for sql, plan in plans)


def test_the_prototypes_run_on_the_same_store(store):
    figures = prototype_figures(store, runs=3, budget=0.1)
    assert len(figures) == 7
    assert all(f.name.startswith("prototype:") and "p99" in f.value for f in figures)


def test_slack_ack_and_answer_are_timed_through_bolt(store):
    skip = slack_bench.slack_status()
    if skip:
        pytest.skip(skip)
    timings = slack_bench.time_slack(store, ["speakers"], runs=2)
    figures = slack_bench.figures(store, timings)
    assert [f.name.split(": ")[-1] for f in figures] == [
        "signed request to ack",
        "signed request to answer",
    ]
    assert all(t.ack.runs == 2 and t.answer.runs == 2 and t.done.runs == 2 for t in timings)


def test_the_bot_reports_its_own_peak_memory(store, tmp_path):
    figure = memory.bot_figure(store, tmp_path)
    assert "exit" not in figure.note, figure.note
    peak = float(figure.value.split()[2])
    assert math.isfinite(peak)
    assert peak > 10


def test_the_spacy_probe_answers_for_every_command(store, tmp_path):
    figures = startup.query_figures(store, tmp_path)
    probes = [f for f in figures if f.name.endswith("spaCy not imported")]
    assert len(probes) == 1 + len(startup.NO_NLP_COMMANDS)
    assert all("did not finish" not in f.note for f in probes), [f.note for f in probes]


def test_variants_are_distinct_articles_with_the_samples_bodies(tmp_path):
    variants = article_variants(20, with_seeds=False)
    assert len({a.identity for a in variants}) == 20
    assert variants[0].text == variants[14].text  # 14 samples, cycled
    files = sorted(write_variant_files(tmp_path, 3).iterdir())
    assert len(files) == 3
    assert files[0].read_text().splitlines()[2].startswith("https://bench.example.com/")


def test_main_runs_the_query_section_and_writes_markdown(store, tmp_path, capsys):
    out = tmp_path / "figures.md"
    cache = Path(store.path).parent
    assert (
        main(
            [
                "--quick",
                "--only",
                "queries",
                "--sizes",
                str(TINY),
                "--cache-dir",
                str(cache),
                "--markdown",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "== summary:" in printed
    assert "quotes NAME (most-quoted speaker)" in printed
    assert "| figure | value | ratio | target | result |" in out.read_text()


def test_markdown_has_one_table_per_section(tmp_path):
    figures = [Figure("a", "one", "1"), Figure("a", "two", "2"), Figure("b", "three", "3")]
    path = tmp_path / "r.md"
    write_markdown(path, figures, {"date": "2026-11-22", "cpu": "x"}, mode="test")
    text = path.read_text()
    assert text.count("| figure | value |") == 2
    assert "## b" in text


@pytest.mark.model
def test_extraction_pieces_print_throughput_ratios_and_counts(tmp_path, capsys):
    from bot.nlp.model import load_model

    nlp = load_model()
    corpus = build_corpus(3, with_seeds=False)
    skip = extraction.textacy_status()
    run = ingest.ingest_pass(
        article_variants(3, with_seeds=False), tmp_path, batch_size=4, n_process=1
    )
    bare = load_model.__wrapped__("")  # an untouched second load, as the bench compares against
    runs = extraction.pipeline_runs(
        nlp, bare, corpus, n_process=1, batch_size=4, repeats=1, with_textacy=not skip, ingest=run
    )
    figures = extraction.pipeline_figures(runs, corpus, n_process=1, batch_size=4)
    preparsed, counts = extraction.preparsed_runs(nlp, corpus, repeats=1, with_textacy=not skip)
    figures += extraction.preparsed_figures(preparsed, counts, corpus, textacy_note=skip)
    assert sum(counts.ours.values()) > 0
    ours = next(f for f in figures if f.name.startswith("ours: parse+extract+tone"))
    assert ours.ratio is not None
    assert "art/s" in ours.value
    assert "words/s" in ours.value
    for figure in figures:
        assert figure.name in _shown(figure, capsys)


@pytest.mark.model
def test_store_step_and_ingest_memory_run_at_tiny_sizes(store, tmp_path):
    from bot.nlp.model import load_model

    few = article_variants(2, with_seeds=False)
    figures = ingest.store_step_figures(
        load_model(), few, [store], tmp_path, parse_seconds_per_article=0.1
    )
    assert len(figures) == 2
    assert all("ms/article" in f.value for f in figures)
    mem = memory.ingest_figures((1, 2), tmp_path, other_batch=1)
    assert len(mem) == 4, [f.note for f in mem]
    assert all("exit" not in f.note for f in mem), [f.note for f in mem]


def test_export_memory_is_measured_per_format_at_two_sizes(tmp_path, capsys):
    cache = tmp_path / "cache"
    stores = (build_store(200, cache_dir=cache), build_store(TINY, cache_dir=cache))
    figures = bench_export.export_figures(stores, tmp_path)
    assert [f.name for f in figures] == [
        "export --format jsonl of 200 quotes",
        f"export --format jsonl of {TINY} quotes",
        f"export memory flat (jsonl): {TINY} vs 200 quotes",
        "export --format csv of 200 quotes",
        f"export --format csv of {TINY} quotes",
        f"export memory flat (csv): {TINY} vs 200 quotes",
    ]
    sizes = [f for f in figures if " of " in f.name]
    assert all("quotes/s" in f.note for f in sizes), [f.note for f in sizes]  # all written
    assert all(math.isfinite(f.ratio) for f in figures if f.ratio is not None)
    print_figure(figures[2])
    assert "x 400 / 200" in capsys.readouterr().out


def test_an_export_that_wrote_too_few_quotes_says_so(store, tmp_path):
    run = bench_export.export_run(store, "jsonl", tmp_path)
    assert bench_export.written(run) == TINY
    short = replace(store, quotes=TINY + 1)  # as if the store held one more than was exported
    assert bench_export._size_figure(short, "jsonl", run).note == f"wrote {TINY} of 401 quotes"
