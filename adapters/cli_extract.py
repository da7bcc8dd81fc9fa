"""`quotebot extract` and `quotebot eval`: the extractor over files, printed or scored; no App."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from adapters.console import inert
from adapters.invisible import inert_json
from bot.errors import UserError
from bot.settings import Settings


def extract_files(files: list[str], *, settings: Settings, as_json: bool) -> int:
    """`quotebot extract`: quotes of each file, not stored; exit 1 if any file could not be read."""
    from bot.nlp.extract import Extractor
    from bot.nlp.model import load_model
    from bot.nlp.tone import score_tone
    from bot.sources.articles import Rejected
    from bot.sources.loader import load_one

    extractor = Extractor(load_model(settings.spacy_model))
    failed = False
    for path in files:
        for item in load_one(path, settings=settings):
            if isinstance(item, Rejected):
                print(inert(f"quotebot: {item.source}: {item.reason}"), file=sys.stderr)
                failed = True
                continue
            for quote in extractor.extract(item.text):
                tone = score_tone(
                    quote.text,
                    engine=settings.tone_engine,
                    positive=settings.tone_positive,
                    negative=settings.tone_negative,
                )
                _print_quote(path, quote, tone, as_json)
    return 1 if failed else 0


def run_eval(
    gold: str,
    files_dir: str | None,
    *,
    as_json: bool,
    show_misses: bool,
    fail_under: float | None = None,
) -> int:
    from bot.eval.evaluate import evaluate

    gold_path = logical_path(gold)
    if not gold_path.is_file():
        raise UserError(
            f"no gold file at {gold} (the default is ../shared/eval/seeds_gold.jsonl); "
            "give its path"
        )
    files = logical_path(files_dir) if files_dir else gold_path.parent.parent / "seeds"
    result = evaluate(gold_path, files)
    misses = result.pop("misses", [])
    if as_json:
        print(inert_json({**result, "misses": misses if show_misses else []}, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:>28}: {value}")
        if show_misses and misses:
            print(f"\n{len(misses)} misses:")
            for miss in misses:
                print(
                    inert(
                        f"  [{miss['article']}] gold {miss['gold']!r}, got {miss['got']!r}: "
                        f"{miss['quote']}"
                    )
                )
    if fail_under is not None and result["attributed_f1"] < fail_under:
        print(
            f"quotebot: attributed F1 {result['attributed_f1']} is below {fail_under}",
            file=sys.stderr,
        )
        return 1
    return 0


def default_gold() -> str:
    return str(logical_path(os.path.join("..", "shared", "eval", "seeds_gold.jsonl")))


def logical_path(path: str) -> Path:
    """`path` as the shell meant it: `..` from the directory the user typed (PWD), not its target.

    In a clone reached through a symbolic link, the kernel resolves `../shared` from the link's
    target, where there is no `shared`; the shell (and the user) mean the folder beside the link.
    """
    plain = Path(path)
    if plain.is_absolute() or plain.exists():
        return plain
    pwd = os.environ.get("PWD", "")
    if pwd and os.path.isabs(pwd) and Path(pwd).resolve() == Path.cwd().resolve():
        logical = Path(os.path.normpath(os.path.join(pwd, path)))
        if logical.exists():
            return logical
    return plain


def _print_quote(path: str, quote: Any, tone: Any, as_json: bool) -> None:
    if as_json:
        row = {
            "article": path,
            "speaker": quote.speaker,
            "speaker_as_written": quote.speaker_as_written,
            "speaker_type": quote.speaker_type,
            "quote": quote.text,
            "type": quote.kind,
            "cue": quote.cue,
            "start": quote.start,
            "end": quote.end,
            "sentiment": {"compound": tone.compound, "label": tone.label},
        }
        if quote.kind == "mixed":
            row["verbatim"] = [list(piece) for piece in quote.verbatim]  # offsets into "quote"
        print(inert_json(row))
        return
    print(
        inert(
            f"{path}:{quote.start}-{quote.end} {quote.speaker} [{quote.kind}, {quote.cue or '-'}] "
            f"{tone.label} {tone.compound:+.2f}: {quote.text}"
        )
    )
