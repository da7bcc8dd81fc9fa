"""What each `quotebot` sub-command does: thin steps over the composition root and cli_jobs.

adapters/cli.py declares the commands and their flags; the work that needs the App imports it
late, so `quotebot --help` and `--version` start without loading the core.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from adapters.invisible import inert_json
from bot.sources.redact import redact_text, redact_url

if TYPE_CHECKING:
    from bot.app import App
    from bot.jobs.ingest import IngestReport
    from bot.settings import Settings

Command = Callable[[argparse.Namespace], int]


def cmd_ingest(args: argparse.Namespace) -> int:
    from adapters.cli_jobs import ingest_with_progress

    app = _app()
    report = ingest_with_progress(app, args.sources, quiet=args.json)
    if args.json:
        print(
            inert_json(
                {
                    "articles": report.articles,
                    "quotes": report.quotes,
                    "duplicates": report.duplicates,
                    "rejected": [
                        {"source": redact_url(r.source), "reason": redact_text(r.reason)}
                        for r in report.rejected
                    ],
                    "notes": [{"source": s, "note": n} for s, n in report.notes],
                }
            )
        )
    else:
        _print_report(report)
    return 1 if report.rejected else 0  # a rejected source is a failure, whatever else worked


def cmd_backfill(args: argparse.Namespace) -> int:
    from adapters.cli_jobs import backfill_with_progress

    report = backfill_with_progress(
        _app(), args.sources, scheduler=args.scheduler, workers=args.workers
    )
    _print_report(report)
    return 1 if report.rejected else 0  # as ingest: a rejected source is a failure


def cmd_extract(args: argparse.Namespace) -> int:
    from adapters.cli_extract import extract_files

    return extract_files(args.files, settings=_settings(), as_json=args.json)


def cmd_query(args: argparse.Namespace) -> int:
    """quotes / search / speakers: the same router the chat platforms use."""
    words = {
        "quotes": f"quotes {args.name}" if hasattr(args, "name") else "",
        "search": f"search {getattr(args, 'text', '')}",
        "speakers": "speakers",
    }[args.command]
    if getattr(args, "page", 1) > 1:
        words += f" --page {args.page}"
    return _ask(words, as_json=args.json)


def cmd_digest(args: argparse.Namespace) -> int:
    period = args.since or args.period or ""
    full = " --full" if args.full else ""
    return _ask(f"digest {period}".strip() + full, as_json=args.json)


def cmd_feeds(args: argparse.Namespace) -> int:
    if args.action == "poll":
        from adapters.cli_jobs import poll_feeds_once

        return poll_feeds_once(_app(), as_json=args.json)
    if args.action == "list" and args.json:
        from adapters.cli_jobs import print_feeds_json

        return print_feeds_json(_app())
    words = f"feeds {args.action} {args.url or ''}".strip()
    return _ask(words, as_json=args.json)


def cmd_export(args: argparse.Namespace) -> int:
    from adapters.cli_export import run_export

    return run_export(_app(), speaker=args.speaker, since=args.since, fmt=args.format, out=args.out)


def cmd_chart(args: argparse.Namespace) -> int:
    from adapters.cli_export import save_chart

    return save_chart(_app(), " ".join(args.name), args.period, args.out)


def cmd_eval(args: argparse.Namespace) -> int:
    from adapters.cli_extract import default_gold, run_eval

    return run_eval(
        args.gold or default_gold(),
        args.files_dir,
        as_json=args.json,
        show_misses=not args.no_misses,
        fail_under=args.fail_under,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from adapters.cli_jobs import run_demo

    return run_demo(_app(), chat=not args.no_chat)


def cmd_run(args: argparse.Namespace) -> int:
    from adapters.cli_jobs import run_adapter

    return run_adapter(args.platform, _settings(), once=args.once, http=args.http, port=args.port)


def cmd_bench(args: argparse.Namespace) -> int:
    from bench.__main__ import main as bench_main

    return bench_main(["--quick"] if args.quick else [])


# ---- helpers ----------------------------------------------------------------


def joined(func: Command) -> Command:
    def run(args: argparse.Namespace) -> int:
        for attr in ("name", "text"):
            if isinstance(getattr(args, attr, None), list):
                setattr(args, attr, " ".join(getattr(args, attr)))
        return func(args)

    return run


def _ask(words: str, *, as_json: bool) -> int:
    from adapters.cli_jobs import ask

    return ask(_app(), words, as_json=as_json)


def _print_report(report: IngestReport) -> None:
    from adapters.console import inert
    from bot.sources.redact import redact_text, shown_url

    print(report.summary())
    for item in report.rejected:
        print(inert(f"  rejected {shown_url(item.source)}: {redact_text(item.reason)}"))
    for source, note in report.notes:
        print(inert(f"  note {shown_url(source)}: {note}"))


def _settings() -> Settings:
    from adapters.compose import settings_from_environment

    return settings_from_environment()


def _app() -> App:
    from adapters.compose import compose

    return compose(_settings())
