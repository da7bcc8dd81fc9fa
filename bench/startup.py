"""Start-up: process start to first answer, and proof that commands without NLP never import
spaCy."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import SAMPLES
from bench.proc import run_child
from bench.report import Figure
from bench.synth import SynthStore

SECTION = "4. start-up"
# Runs a CLI command in-process, then says whether spaCy got imported on the way.
PROBE = (
    "import sys; from adapters.cli import main; code = main(sys.argv[1:]); "
    "print('SPACY_LOADED=%s' % ('spacy' in sys.modules)); sys.exit(code)"
)
NO_NLP_COMMANDS = (("search", "harbour"), ("speakers",), ("digest", "7d"), ("feeds", "list"))


def extract_figure(workdir: Path) -> Figure:
    """`quotebot extract FILE`: spaCy's model load is part of its start-up."""
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    run = run_child(["-m", "adapters.cli", "extract", str(sample)], cwd=workdir)
    first = run.first_output if run.first_output is not None else run.seconds
    note = run.failed() or f"whole command {run.seconds:.2f} s, peak RSS {run.peak_mb:.0f} MB"
    return Figure(SECTION, "extract FILE: start to first quote", f"{first:.2f} s", note=note)


def query_figures(store: SynthStore, workdir: Path) -> list[Figure]:
    """`quotes NAME` (and the other commands without NLP): time to answer, and spaCy never
    imported."""
    env = {"DATABASE_URL": store.url}
    run = run_child(["-c", PROBE, "quotes", store.top_speaker], env=env, cwd=workdir)
    loaded = "SPACY_LOADED=True" in run.stdout
    first = run.first_output if run.first_output is not None else run.seconds
    out = [
        Figure(
            SECTION,
            "quotes NAME: start to first answer",
            f"{first:.2f} s",
            note=run.failed() or f"store of {store.quotes:,} quotes, peak RSS {run.peak_mb:.0f} MB",
        ),
        _spacy_figure("quotes NAME", run, loaded),
    ]
    for words in NO_NLP_COMMANDS:
        other = run_child(["-c", PROBE, *words], env=env, cwd=workdir)
        out.append(_spacy_figure(" ".join(words), other, "SPACY_LOADED=True" in other.stdout))
    return out


def _spacy_figure(command: str, run, loaded: bool) -> Figure:
    answered = "SPACY_LOADED=" in run.stdout
    note = "" if answered else f"the probe did not finish: {run.failed() or 'no answer'}"
    if loaded:
        note = (
            "spaCy was imported: something on this path imports bot.nlp.extract (whose __init__ "
            "imports spaCy)"
        )
    return Figure(
        SECTION,
        f"{command}: spaCy not imported",
        "spaCy imported" if loaded else "not imported",
        target="never loaded",
        ok=answered and not loaded,
        note=note,
    )
