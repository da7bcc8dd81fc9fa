"""Extraction throughput: our parse+extract+tone against bare spaCy parsing and textacy's direct
quotes.

Every variant reads the same texts with the same model and batch size; the variants run interleaved
(their order alternating) and repeated, and each one's best run is compared, so a noisy neighbour or
a warming cache cannot favour one side. The best run, not the median, as the timeit docs advise: a
slower run is another process's interference, not the code's cost (on this shared 2-core machine
the medians of five runs put one code's ratio anywhere from 1.07x to 1.21x).

"Bare" is the model exactly as shipped, loaded separately: our Extractor adds a paragraph component
to the pipeline it is given, and that is our code's doing.
"""

from __future__ import annotations

import importlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.corpus import Corpus
from bench.report import Figure, check
from bench.timing import timed

log = logging.getLogger(__name__)

SECTION = "1. extraction throughput"
OVERHEAD_TARGET = 1.15  # ours / bare spaCy
TEXTACY_TARGET = 1.00  # ours / textacy, per article
FAR_MORE = 2.0  # "finding far more": at least twice textacy's quotes


@dataclass(frozen=True)
class Run:
    """One variant's repeated passes over the corpus, and its best."""

    name: str
    samples: tuple[float, ...]

    @property
    def seconds(self) -> float:
        return min(self.samples)


@dataclass
class Counts:
    ours: Counter = field(default_factory=Counter)  # by kind
    textacy: int = 0
    textacy_failed: int = 0  # articles textacy refused (odd number of quote marks)
    textacy_reason: str = ""


def pipeline_runs(
    nlp,
    bare_nlp,
    corpus: Corpus,
    *,
    n_process: int,
    batch_size: int,
    repeats: int,
    with_textacy: bool,
    ingest=None,
) -> dict[str, Run]:
    """Interleaved, repeated full-pipeline passes: bare parse, ours, and (optionally) textacy and
    ingest.

    `nlp` is the pipeline our Extractor uses; `bare_nlp` a separate load of the same model,
    untouched.
    """
    variants = {
        "bare spaCy": lambda: _bare(bare_nlp, corpus, n_process, batch_size),
        "ours": lambda: _ours(nlp, corpus, n_process, batch_size),
    }
    if with_textacy:
        variants["textacy"] = lambda: _textacy_pass(bare_nlp, corpus, n_process, batch_size)
    if ingest is not None:
        variants["ingest"] = ingest
    warm = Corpus(corpus.texts[:2], "warm-up")
    _bare(bare_nlp, warm, n_process, batch_size)
    _ours(nlp, warm, n_process, batch_size)
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for rep in range(repeats):
        order = list(variants) if rep % 2 == 0 else list(reversed(variants))
        for name in order:
            samples[name].append(timed(variants[name])[0])
    return {name: Run(name, tuple(times)) for name, times in samples.items()}


def preparsed_runs(
    nlp, corpus: Corpus, *, repeats: int, with_textacy: bool
) -> tuple[dict[str, Run], Counts]:
    """Extraction alone over the same docs, parsed once by our pipeline: ours, our tone, textacy;
    and counts."""
    from bot.nlp.extract import Extractor, extract_quotes

    docs = list(Extractor(nlp).nlp.pipe(corpus.texts, batch_size=64))
    counts = count_quotes(docs, with_textacy=with_textacy)
    quotes = [q.text for doc in docs for q in extract_quotes(doc)]
    variants: dict[str, Callable] = {
        "ours: extract_quotes": lambda: [extract_quotes(doc) for doc in docs],
        "ours: tone of each quote": lambda: _tone(quotes),
    }
    if with_textacy:
        variants["textacy: direct_quotations"] = lambda: [_textacy_quotes(doc) for doc in docs]
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for rep in range(repeats):
        for name in variants if rep % 2 == 0 else reversed(list(variants)):
            samples[name].append(timed(variants[name])[0])
    return {name: Run(name, tuple(t)) for name, t in samples.items()}, counts


def count_quotes(docs, *, with_textacy: bool) -> Counts:
    from bot.nlp.extract import extract_quotes

    counts = Counts()
    for doc in docs:
        counts.ours.update(q.kind for q in extract_quotes(doc))
        if with_textacy:
            found = _textacy_quotes(doc)
            counts.textacy += max(found, 0)
            counts.textacy_failed += found < 0
    return counts


def textacy_status() -> str:
    """'' when textacy's direct_quotations can run here, else why not."""
    try:
        importlib.import_module(
            "textacy.extract.triples"
        )  # pulls in numpy, scipy and scikit-learn too
    except Exception as exc:  # ImportError, or a binary mismatch with this numpy/spaCy
        return (
            f"skipped: textacy cannot be imported ({type(exc).__name__}: {exc}); pip install "
            f"'quotebot[bench]'"
        )
    return ""


# ---- figures ------------------------------------------------------------------


def pipeline_figures(
    runs: dict[str, Run], corpus: Corpus, *, n_process: int, batch_size: int
) -> list[Figure]:
    bare = runs["bare spaCy"].seconds
    setting = f"n_process={n_process}, batch {batch_size}"
    out = [
        Figure(
            SECTION,
            f"bare spaCy nlp.pipe ({setting})",
            _rate(bare, corpus),
            note=_spread(runs["bare spaCy"]),
        )
    ]
    ours = runs["ours"].seconds
    out.append(
        Figure(
            SECTION,
            f"ours: parse+extract+tone ({setting})",
            _rate(ours, corpus),
            ours / bare,
            "ours / bare spaCy",
            f"<= {OVERHEAD_TARGET:.2f}x",
            check(ours / bare, at_most=OVERHEAD_TARGET),
            _spread(runs["ours"]),
        )
    )
    if "textacy" in runs:
        tx = runs["textacy"].seconds
        out.append(
            Figure(
                SECTION,
                f"textacy: parse+direct_quotations ({setting})",
                _rate(tx, corpus),
                tx / bare,
                "textacy / bare spaCy",
                note=_spread(runs["textacy"]),
            )
        )
        out.append(
            Figure(
                SECTION,
                f"per article, ours vs textacy, parse included ({setting})",
                f"{ours / len(corpus) * 1000:.1f} vs {tx / len(corpus) * 1000:.1f} ms/article",
                ours / tx,
                "ours / textacy",
                f"<= {TEXTACY_TARGET:.2f}x",
                check(ours / tx, at_most=TEXTACY_TARGET),
            )
        )
    if "ingest" in runs:
        ing = runs["ingest"].seconds
        out.append(
            Figure(
                SECTION,
                f"ingest: parse+extract+tone+store, empty DB ({setting})",
                _rate(ing, corpus),
                ing / bare,
                "ingest / bare spaCy",
                f"<= {OVERHEAD_TARGET:.2f}x",
                check(ing / bare, at_most=OVERHEAD_TARGET),
                _spread(runs["ingest"]),
            )
        )
    return out


def preparsed_figures(
    runs: dict[str, Run], counts: Counts, corpus: Corpus, *, textacy_note: str
) -> list[Figure]:
    n = len(corpus)
    ours = runs["ours: extract_quotes"].seconds
    tone = runs["ours: tone of each quote"].seconds
    out = [
        Figure(SECTION, "pre-parsed docs: ours extract_quotes", f"{ours / n * 1000:.2f} ms/article")
    ]
    out.append(
        Figure(
            SECTION,
            "pre-parsed docs: ours tone (VADER) of the quotes",
            f"{tone / n * 1000:.2f} ms/article",
        )
    )
    total_ours = sum(counts.ours.values())
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts.ours.items()))
    if "textacy: direct_quotations" not in runs:
        out.append(
            Figure(SECTION, "pre-parsed docs: textacy direct_quotations", "-", note=textacy_note)
        )
        out.append(
            Figure(SECTION, "quotes found: ours", f"{total_ours} ({kinds})", note=textacy_note)
        )
        return out
    tx = runs["textacy: direct_quotations"].seconds
    both = ours + tone
    out.append(
        Figure(
            SECTION, "pre-parsed docs: textacy direct_quotations", f"{tx / n * 1000:.2f} ms/article"
        )
    )
    out.append(
        Figure(
            SECTION,
            "pre-parsed docs: ours extract+tone vs textacy",
            f"{both / n * 1000:.2f} ms/article",
            both / tx,
            "ours / textacy",
            f"<= {TEXTACY_TARGET:.2f}x",
            check(both / tx, at_most=TEXTACY_TARGET),
            "extraction alone, parse excluded",
        )
    )
    ratio = total_ours / counts.textacy if counts.textacy else float("inf")
    out.append(
        Figure(
            SECTION,
            "quotes found on the same texts: ours vs textacy",
            f"{total_ours} vs {counts.textacy}",
            ratio,
            "ours / textacy",
            f">= {FAR_MORE:.1f}x (far more)",
            check(ratio, at_least=FAR_MORE),
            f"ours: {kinds}; textacy refused {counts.textacy_failed} of {n} articles (odd quote "
            f"marks)",
        )
    )
    return out


# ---- the passes ---------------------------------------------------------------------


def _bare(nlp, corpus: Corpus, n_process: int, batch_size: int) -> None:
    for _doc in nlp.pipe(corpus.texts, batch_size=batch_size, n_process=n_process):
        pass


def _ours(nlp, corpus: Corpus, n_process: int, batch_size: int) -> None:
    """What `quotebot extract` does per text, batched: parse, extract, score the tone of each
    quote."""
    from bot.nlp.extract import Extractor

    quotes = Extractor(nlp).extract_many(corpus.texts, batch_size=batch_size, n_process=n_process)
    for found in quotes:
        _tone(q.text for q in found)


def _textacy_pass(nlp, corpus: Corpus, n_process: int, batch_size: int) -> None:
    for doc in nlp.pipe(corpus.texts, batch_size=batch_size, n_process=n_process):
        _textacy_quotes(doc)


def _textacy_quotes(doc) -> int:
    """How many direct quotes textacy finds in `doc`; -1 when it refuses the article."""
    from textacy.extract.triples import direct_quotations

    try:
        return sum(1 for _ in direct_quotations(doc))
    except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
        return -1


def _tone(texts) -> None:
    from bot.nlp.tone import score_tone

    for text in texts:
        score_tone(text)


def _rate(seconds: float, corpus: Corpus) -> str:
    return f"{len(corpus) / seconds:.1f} art/s, {corpus.words / seconds:,.0f} words/s"


def _spread(run: Run) -> str:
    return f"best of {len(run.samples)}: " + ", ".join(f"{s:.2f}" for s in run.samples) + " s"
