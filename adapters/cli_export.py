"""Files out of the store: `quotebot export` (CSV or JSON lines, streamed), `quotebot chart`."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

from adapters.invisible import inert_json
from bot.errors import UserError

FORMATS = ("csv", "jsonl")
# Spreadsheets run a cell that starts with one of these as a formula: quoted text is data.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run_export(app, *, speaker: str | None, since: str | None, fmt: str, out: str | None) -> int:
    """Write every matching quote; prints how many to stderr when writing a file."""
    from bot.chat.digest import parse_period
    from bot.storage.export import export_records

    name = _speaker(app, speaker) if speaker else None
    start = parse_period(since, now=app.clock()).since if since else None
    records = export_records(app.store, speaker=name, since=start)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    target = Path(out).open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout)
    with target as stream:
        count = (write_csv if fmt == "csv" else write_jsonl)(records, stream)
    if out:
        print(f"{count} quotes written to {out}")  # the data went to the file
    return 0


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(inert_json(record) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """One row a quote, with a header; the sentiment as two columns, the verbatim parts as JSON."""
    writer: Any = None
    count = 0
    for record in records:
        row = _flat(record)
        if writer is None:
            writer = csv.writer(stream)
            writer.writerow(row.keys())
        writer.writerow(_cell(value) for value in row.values())
        count += 1
    if writer is None:
        csv.writer(stream).writerow(_flat_header())
    return count


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for key, value in record.items():
        if key == "sentiment":
            row["compound"], row["label"] = value["compound"], value["label"]
        elif key == "verbatim":
            row[key] = inert_json(value)
        else:
            row[key] = value
    return row


def _flat_header() -> list[str]:
    from bot.storage.export import FIELDS

    header: list[str] = []
    for key in FIELDS:
        header.extend(("compound", "label") if key == "sentiment" else (key,))
    return header


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _speaker(app, name: str) -> str:
    match = app.store.find_speaker(name)
    if match.name is None:
        hint = f"; closest known: {', '.join(match.suggestions)}" if match.suggestions else ""
        raise UserError(f"no speaker called {name!r}{hint}")
    return match.name


def save_chart(app, name: str, period: str | None, out: str) -> int:
    """`quotebot chart NAME [30d] --out FILE.png`: the chart the chat platforms get, as a file."""
    from bot.chat.messages import Request

    words = f"chart {name} {period or ''}".strip()
    reply = app.handle(Request(text=words, platform="console", channel_id="cli"))
    if reply is None or reply.image is None:
        raise UserError(reply.text if reply is not None else f"not a command: {words!r}")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_bytes(reply.image.data)
    print(f"{reply.image.alt}\nChart written to {out}.")
    return 0
