"""`quotebot tone` (score text, a JSON-lines file, or a gold file) and `quotebot retone`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.invisible import inert_json
from bot.errors import UserError

if TYPE_CHECKING:
    from bot.nlp.tone import Tone
    from bot.settings import Settings

TONE_HELP = "the tone of some text, of a JSON-lines file ({id, text} a line), or scored on gold"


def add_tone_commands(sub: Any) -> None:
    p = sub.add_parser("tone", help=TONE_HELP, description=TONE_HELP + ".")
    p.add_argument("text", nargs="*", help="a JSON-lines FILE, or words to score")
    p.add_argument("--json", action="store_true", help='one {"id","compound","label"} a line')
    p.add_argument("--eval", metavar="GOLD", help="score against a gold file (id, text, label)")
    p.add_argument("--engine", choices=["news", "vader"], help="override TONE_ENGINE")
    p.set_defaults(func=cmd_tone)
    p = sub.add_parser("retone", help="re-score every stored quote with the current tone engine")
    p.add_argument("--engine", choices=["news", "vader"], help="override TONE_ENGINE")
    p.set_defaults(func=cmd_retone)


def cmd_tone(args: argparse.Namespace) -> int:
    from adapters.compose import settings_from_environment

    settings = settings_from_environment()
    engine = args.engine or settings.tone_engine
    if args.eval:
        return _eval(Path(args.eval), engine, settings)
    if not args.text:
        raise UserError("give some text, a JSON-lines file or --eval GOLD (see quotebot tone -h)")
    path = Path(args.text[0])
    if len(args.text) == 1 and path.is_file():
        return _score_file(path, engine, settings, as_json=args.json)
    tone = _score(" ".join(args.text), engine, settings)
    if args.json:
        print(inert_json({"compound": tone.compound, "label": tone.label}))
    else:
        print(f"{tone.emoji} {tone.label} {tone.compound:+.2f}")
    return 0


def cmd_retone(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from adapters.compose import compose, settings_from_environment
    from bot.storage.tones import NewTone, count_quotes, stored_quotes, update_tones

    settings = settings_from_environment()
    if args.engine:
        settings = replace(settings, tone_engine=args.engine)
    app = compose(settings)
    total = count_quotes(app.store)
    columns = (TextColumn("re-scoring tone"), BarColumn(), MofNCompleteColumn())
    done = 0
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("retone", total=total)
        for batch in stored_quotes(app.store):
            tones = [(q.id, _score(q.text, settings.tone_engine, settings)) for q in batch]
            done += update_tones(app.store, [NewTone(i, t.compound, t.label) for i, t in tones])
            bar.advance(task, len(batch))
    print(f"re-scored {done} quotes with the {settings.tone_engine} engine")
    return 0


def _score_file(path: Path, engine: str, settings: Settings, *, as_json: bool) -> int:
    bad = 0
    for row in _rows(path):
        if isinstance(row, str):
            print(f"quotebot: {row}", file=sys.stderr)
            bad += 1
            continue
        tone = _score(row["text"], engine, settings)
        if as_json:
            out = {"id": row["id"], "compound": tone.compound, "label": tone.label}
            print(inert_json(out))
        else:
            print(f"{inert_json(row['id'])}\t{tone.label}\t{tone.compound:+.2f}")  # id is data
    return 1 if bad else 0


def _eval(gold: Path, engine: str, settings: Settings) -> int:
    from bot.eval.tone import score_labels

    if not gold.is_file():
        raise UserError(f"no gold file at {gold}: give the path of a JSON-lines file")
    rows = [r for r in _rows(gold) if not isinstance(r, str) and "label" in r]
    if not rows:
        raise UserError(f"{gold} has no rows with id, text and label")
    predicted = {str(r["id"]): _score(r["text"], engine, settings).label for r in rows}
    print(inert_json({"engine": engine, **score_labels(rows, predicted)}, indent=1))
    return 0


def _rows(path: Path) -> Iterator[dict[str, Any] | str]:
    """Each line's {"id", "text", ...}, or one line saying why that line was skipped."""
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                yield f"{path}:{number}: not JSON, skipped"
                continue
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
                yield f'{path}:{number}: needs "id" and a "text" string, skipped'
                continue
            yield row


def _score(text: str, engine: str, settings: Settings) -> Tone:
    from bot.nlp.tone import score_tone

    return score_tone(
        text, engine=engine, positive=settings.tone_positive, negative=settings.tone_negative
    )
