"""The `quotebot` command: ingest, extract, query, digest, feeds, eval, demo and run."""

from __future__ import annotations

import argparse
import logging
import sys

from adapters.cli_commands import (
    cmd_backfill,
    cmd_bench,
    cmd_chart,
    cmd_demo,
    cmd_digest,
    cmd_eval,
    cmd_export,
    cmd_extract,
    cmd_feeds,
    cmd_ingest,
    cmd_query,
    cmd_run,
    joined,
)
from adapters.cli_db import add_db
from adapters.cli_tone import add_tone_commands
from bot.errors import UserError

log = logging.getLogger(__name__)

EPILOG = "Settings come from the environment and .env (see .env.example). Docs: README.md."


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, run one command, print errors on one line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except UserError as exc:
        print(_one_line(f"quotebot: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotebot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `quotebot quotes X --json | head`: the reader has gone, quietly
        _silence_stdout()
        return 1
    except Exception as exc:  # a database that is down, a driver not installed: one line, not 40
        log.debug("quotebot failed", exc_info=True)
        print(
            _one_line(
                f"quotebot: unexpected error ({type(exc).__name__}): {exc}; "
                "LOG_LEVEL=DEBUG shows the details"
            ),
            file=sys.stderr,
        )
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotebot",
        epilog=EPILOG,
        description="Who said what in the news, and how it sounded: attributed quotes with tone.",
    )
    parser.add_argument("--version", action="version", version=f"quotebot {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (
        _add_ingest,
        _add_backfill,
        _add_extract,
        _add_queries,
        _add_digest,
        _add_feeds,
        _add_export,
        _add_chart,
        _add_eval,
        _add_demo,
        _add_run,
        _add_bench,
        add_tone_commands,
        add_db,
    ):
        add(sub)
    return parser


# ---- parser pieces ----------------------------------------------------------


def _add_ingest(sub) -> None:
    p = sub.add_parser(
        "ingest",
        help="read articles (files, folders, URLs, feeds) and store their quotes",
        description=(
            "Read articles and store their quotes. Ingesting the same article twice adds nothing."
        ),
    )
    p.add_argument(
        "sources",
        nargs="+",
        metavar="PATH_OR_URL",
        help="text/HTML file, folder, article URL or RSS/Atom feed URL",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_ingest)


def _add_backfill(sub) -> None:
    p = sub.add_parser(
        "backfill",
        help="ingest an archive on a Dask cluster (workers parse, this process stores)",
        description=(
            "Ingest an archive in parallel: Dask workers parse, extract and score; this process "
            "stores, in order. Articles already stored are skipped, so a stopped backfill resumes."
        ),
    )
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL", help="as for ingest")
    p.add_argument(
        "--scheduler", metavar="ADDR", help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    p.add_argument(
        "--workers", type=int, default=2, help="local worker processes without --scheduler (2)"
    )
    p.set_defaults(func=cmd_backfill)


def _add_extract(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="print the quotes found in files, without storing them",
        description=(
            "Extract quotes from files without storing them. "
            "With --json: one JSON object a line, one a quote."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--json", action="store_true", help="JSON lines (the stable contract other tools use)"
    )
    p.set_defaults(func=cmd_extract)


def _add_queries(sub) -> None:
    p = sub.add_parser("quotes", help="a speaker's latest quotes (aliases, any case, small typos)")
    p.add_argument("name", nargs="+", help="speaker name, e.g. Zelensky")
    _page_json(p, "quotes")
    p = sub.add_parser("search", help="quotes whose text contains every word given")
    p.add_argument("text", nargs="+")
    _page_json(p, "search")
    p = sub.add_parser("speakers", help="who is quoted most, with average tone")
    _page_json(p, "speakers")


def _page_json(p, name: str) -> None:
    p.add_argument("--page", type=int, default=1, help="page number (default 1)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=joined(cmd_query), command=name)


def _add_digest(sub) -> None:
    p = sub.add_parser(
        "digest",
        help="the quotes digest: last 24 hours, a window (7d) or a publication day",
        description="The same digest the chat channels get.",
    )
    p.add_argument(
        "period", nargs="?", help="24h, 7d, today, week or YYYY-MM-DD (default: last 24 hours)"
    )
    p.add_argument("--since", help="a window such as 24h or 7d (same as PERIOD)")
    p.add_argument("--full", action="store_true", help="every speaker, not only the top five")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_digest)


def _add_feeds(sub) -> None:
    p = sub.add_parser("feeds", help="RSS/Atom feeds to poll: add, list, remove, poll")
    p.add_argument("action", choices=["add", "list", "remove", "poll"])
    p.add_argument("url", nargs="?")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_feeds)


def _add_export(sub) -> None:
    p = sub.add_parser(
        "export",
        help="every stored quote as CSV or JSON lines (the extract --json fields plus the article)",
        description="Stream stored quotes, oldest stored first, in constant memory.",
    )
    p.add_argument("--speaker", metavar="NAME", help="only this speaker (aliases, small typos)")
    p.add_argument("--since", metavar="PERIOD", help="only quotes stored in a window, e.g. 7d")
    p.add_argument("--format", choices=["csv", "jsonl"], default="jsonl", help="default: jsonl")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    p.set_defaults(func=cmd_export)


def _add_chart(sub) -> None:
    p = sub.add_parser(
        "chart",
        help="a PNG of a speaker's quotes per day and average tone",
        description="Draw the chart the chat platforms get, into a file.",
    )
    p.add_argument("name", nargs="+", help="speaker name, e.g. Marsh")
    p.add_argument("--period", metavar="DAYS", help="a window such as 30d (default 30d)")
    p.add_argument("--out", metavar="FILE.png", required=True, help="where to write the PNG")
    p.set_defaults(func=cmd_chart)


def _add_eval(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="score the extractor against a hand-annotated gold file",
        description=(
            "Run the extractor over the gold file's articles and print the scorer's figures."
        ),
    )
    p.add_argument("gold", nargs="?", help="default: ../shared/eval/seeds_gold.jsonl")
    p.add_argument(
        "files_dir",
        nargs="?",
        default=None,
        help="folder of the articles (default: ../seeds beside the gold's folder)",
    )
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--no-misses", action="store_true", help="leave the list of misses out")
    p.add_argument(
        "--fail-under",
        type=float,
        metavar="F1",
        help="exit 1 when attributed F1 is below this (CI's ratchet)",
    )
    p.set_defaults(func=cmd_eval)


def _add_demo(sub) -> None:
    p = sub.add_parser(
        "demo", help="ingest the sample articles, show a short tour, then open the console chat"
    )
    p.add_argument("--no-chat", action="store_true", help="stop after the tour")
    p.set_defaults(func=cmd_demo)


def _add_run(sub) -> None:
    p = sub.add_parser(
        "run",
        help="run the bot on slack, discord or the console",
        description=(
            "Run the bot. Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."
        ),
    )
    p.add_argument("platform", choices=["slack", "discord", "console"])
    p.add_argument(
        "--once", metavar="CMD", help="console: answer one command and exit, e.g. --once '!digest'"
    )
    p.add_argument(
        "--http", action="store_true", help="slack: force HTTP mode (serves /slack/events)"
    )
    p.add_argument("--port", type=int, help="slack HTTP port (default: PORT, 3000)")
    p.set_defaults(func=cmd_run)


def _add_bench(sub) -> None:
    p = sub.add_parser("bench", help="run the benchmarks (see bench/)")
    p.add_argument("--quick", action="store_true", help="a small version, as CI runs it")
    p.set_defaults(func=cmd_bench)


# ---- helpers ----------------------------------------------------------------


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's final flush cannot fail a second time."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _one_line(text: str, limit: int = 500) -> str:
    from adapters.console import inert
    from bot.sources.redact import redact_text

    line = " ".join(inert(redact_text(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _version() -> str:
    from bot import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
