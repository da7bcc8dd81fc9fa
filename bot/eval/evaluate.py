"""Run the extractor over a gold file's articles and score it (with the scorer beside the gold, if any)."""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import tempfile
from pathlib import Path

from bot.errors import UserError
from bot.nlp.extract import Extractor
from bot.nlp.extract.records import quote_record

log = logging.getLogger(__name__)

SCORER_NAME = "score_quotes.py"
HEADER_DATE = re.compile(r"^\d{8}$")
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}\s*\u2022\s*")
CREDIT_LINE = re.compile(r"^[A-Z][A-Z ,.&'-]+$")


def evaluate(gold_path, files_dir, *, nlp=None, pred_path=None) -> dict:
    """Extract quotes from every gold article, write predictions, and return the scorer's result."""
    gold_path, files_dir = Path(gold_path), Path(files_dir)
    scorer = _load_scorer(gold_path.parent / SCORER_NAME)
    gold_rows = scorer.load(str(gold_path))
    extractor = Extractor(nlp if nlp is not None else _default_model())
    names = [row["article"] for row in gold_rows]
    texts = [article_body(_read(files_dir / Path(name).name), source=name) for name in names]
    rows = [
        quote_record(name, quote)
        for name, quotes in zip(names, extractor.extract_many(texts))
        for quote in quotes
    ]
    _write_rows(rows, pred_path)
    return scorer.score(gold_rows, rows)


def article_body(raw: str, *, source: str) -> str:
    """The body of an article file: through bot.sources.articles when it exists, else a local fallback."""
    try:
        from bot.sources.articles import parse_text
    except ImportError:
        log.debug(
            "bot.sources.articles is not available yet; using the fallback body for %s", source
        )
        return fallback_body(raw)
    return parse_text(raw, source=source).text


def fallback_body(raw: str) -> str:
    """Strip a title/date/URL header, a wire dateline and a trailing agency credit line."""
    lines = raw.splitlines()
    if (
        len(lines) > 3
        and HEADER_DATE.match(lines[1].strip())
        and lines[2].strip().startswith("http")
    ):
        lines = lines[3:]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and CREDIT_LINE.match(lines[-1].strip()) and len(lines) > 1:
        lines.pop()
    body = "\n".join(lines)
    return DATELINE.sub("", body, count=1)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise UserError(
            f"could not read article {path} named in the gold file ({error}); "
            "check the files directory."
        ) from error


def _write_rows(rows: list[dict], pred_path) -> Path:
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


def _load_scorer(path: Path):
    """The scorer beside the gold file (the one the project is judged by), else quotebot's own."""
    if not path.is_file():
        from bot.eval import scoring

        return scoring
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _default_model():
    from bot.nlp.model import load_model

    return load_model()
