"""Run the extractor over a gold file's articles and score it (with the scorer beside the gold,
if any)."""

from __future__ import annotations

import importlib.util
import json
import logging
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, cast

from spacy.language import Language

from bot.errors import UserError
from bot.nlp.extract import Extractor
from bot.nlp.extract.records import quote_record
from bot.sources.articles import parse_text

log = logging.getLogger(__name__)

SCORER_NAME = "score_quotes.py"
Row = dict[str, Any]


class Scorer(Protocol):
    """What a scorer module offers: quotebot's bot.eval.scoring, or the one beside the gold."""

    def load(self, path: str) -> list[Row]: ...

    def score(self, gold_rows: list[Row], pred_rows: Iterable[Row]) -> dict[str, Any]: ...


def evaluate(
    gold_path: str | Path,
    files_dir: str | Path,
    *,
    nlp: Language | None = None,
    pred_path: str | Path | None = None,
) -> dict[str, Any]:
    """Extract quotes from every gold article, write predictions, and return the scorer's
    result."""
    gold_path, files_dir = Path(gold_path), Path(files_dir)
    scorer = _load_scorer(gold_path.parent / SCORER_NAME)
    gold_rows = scorer.load(str(gold_path))
    extractor = Extractor(nlp if nlp is not None else _default_model())
    names = [row["article"] for row in gold_rows]
    texts = [parse_text(_read(files_dir / Path(name).name), source=name).text for name in names]
    rows = [
        quote_record(name, quote)
        for name, quotes in zip(names, extractor.extract_many(texts), strict=True)
        for quote in quotes
    ]
    _write_rows(rows, pred_path)
    return scorer.score(gold_rows, rows)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise UserError(
            f"could not read article {path} named in the gold file ({error}); "
            "check the files directory."
        ) from error


def _write_rows(rows: list[Row], pred_path: str | Path | None) -> Path:
    if pred_path is None:
        handle = tempfile.NamedTemporaryFile(
            "w", suffix=".jsonl", prefix="quotebot-pred-", delete=False
        )
        pred_path = handle.name
        handle.close()
    with open(pred_path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    log.info("wrote %s predictions to %s", len(rows), pred_path)
    return Path(pred_path)


def _load_scorer(path: Path) -> Scorer:
    """The scorer beside the gold file (the one the project is judged by), else quotebot's own."""
    if not path.is_file():
        from bot.eval import scoring

        return scoring
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise UserError(f"could not load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast(Scorer, module)


def _default_model() -> Language:
    from bot.nlp.model import load_model

    model: Language = load_model()
    return model
