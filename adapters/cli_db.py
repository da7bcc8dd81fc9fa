"""`quotebot db upgrade` and `quotebot db current`: the schema's revision, by Alembic."""

from __future__ import annotations

import argparse

NONE = "none (an empty database, or one made by quotebot 0.1)"


def add_db(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "db",
        help="the database schema: upgrade it, or show its revision",
        description="Every quotebot process also upgrades the schema when it starts, under a lock.",
    )
    p.add_argument("action", choices=("upgrade", "current"))
    p.set_defaults(func=cmd_db)


def cmd_db(args: argparse.Namespace) -> int:
    from adapters.compose import settings_from_environment
    from bot.storage.migrate import describe, upgrade_url

    url = settings_from_environment().db_url
    if args.action == "upgrade":
        before, now = upgrade_url(url)
        if before == now:
            print(f"the database is already at revision {now} (the newest)")
        else:
            print(f"upgraded the database from {before or NONE} to revision {now}")
        return 0
    found, newest = describe(url)
    state = "the newest" if found == newest else f"run `quotebot db upgrade` to reach {newest}"
    print(f"revision {found or NONE}: {state}")
    return 0
