"""The query commands: quotes, search, digest, speakers, help. Each returns data in a Reply.

Each command declares its words where it is registered; the router hands the parsed values in.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.chat.digest import CHART_PLATFORMS, Window, digest_reply, read_period
from bot.chat.messages import Reply
from bot.chat.registry import PAGE, REGISTRY, ROOT, Arg, Command, Context, Kind, Opt, Values
from bot.chat.registry import command as register
from bot.chat.registry import commands as registered

PERIOD = Kind("24h|7d|YYYY-MM-DD", read_period)
PAGE_OPTION = Opt("page", "Which page of results", type=PAGE, default=1)
INTRO = (
    "Who said what in the news, and how it sounded. "
    "On Slack type /quotes COMMAND; on Discord !COMMAND or /COMMAND."
)


@register(
    ROOT,
    help="A speaker's latest quotes, with tone and sources (aliases and small typos work).",
    args=[Arg("name", "The speaker, e.g. Marsh", required=True, rest=True)],
    options=[PAGE_OPTION],
)
def quotes(ctx: Context, args: Values) -> Reply:
    name, page = args.text("name"), args.number("page")
    match = ctx.app.store.find_speaker(name)
    if match.name is None:
        return unknown_speaker(name, match.suggestions)
    size = ctx.app.settings.page_size
    found = ctx.app.store.quotes_by(match.name, limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply.error(f"No quotes by {match.name} on page {page}.")
    return Reply(
        title=f"Quotes by {match.name}",
        text=_page_note(page, size, len(found.items)),
        quotes=tuple(found.items),
        more=_more(f"quotes {match.name}", page, found.has_more),
    )


@register(
    "search",
    help="Quotes whose text contains every word of TEXT.",
    args=[Arg("text", "Words every quote must contain", required=True, rest=True)],
    options=[PAGE_OPTION],
)
def search(ctx: Context, args: Values) -> Reply:
    query, page = args.text("text"), args.number("page")
    size = ctx.app.settings.page_size
    found = ctx.app.store.search(query, limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply(text=f"No quote contains {query!r}.", ephemeral=True)
    return Reply(
        title=f"Quotes matching {query!r}",
        text=_page_note(page, size, len(found.items)),
        quotes=tuple(found.items),
        more=_more(f"search {query}", page, found.has_more),
    )


@register(
    "digest",
    help="The top speakers' strongest quotes: the last 24 hours by default (--full: everyone).",
    args=[
        Arg(
            "period",
            "24h, 7d, or a publication day like 2022-03-31 (default: the last 24 hours)",
            type=PERIOD,
            default=Window(),
        )
    ],
    options=[Opt("full", "Every speaker, not only the top five", flag=True)],
)
def digest(ctx: Context, args: Values) -> Reply:
    app, req = ctx.app, ctx.request
    window = args.get("period", Window) or Window()
    period = window.at(app.clock())
    full = args.flag("full")
    more = f"digest {window.word()} --full"
    chart = app.settings.digest_chart and req.platform in CHART_PLATFORMS
    sub = app.channels.subscription(req.platform, req.channel_id)
    if sub is None:
        return digest_reply(app, period, full=full, more=more, chart=chart)
    return digest_reply(
        app,
        period,
        speakers=sub.speakers,
        keywords=sub.keywords,
        tz=sub.tz,
        full=full,
        more=more,
        chart=chart,
    )


@register("speakers", help="Who is quoted most, with their average tone.", options=[PAGE_OPTION])
def speakers(ctx: Context, args: Values) -> Reply:
    page = args.number("page")
    size = max(ctx.app.settings.page_size, 10)
    found = ctx.app.store.speakers(limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply(
            text="No speakers yet: ingest some articles first (`quotebot ingest PATH_OR_URL`)."
        )
    return Reply(
        title="Most-quoted speakers",
        speakers=tuple(found.items),
        more=_more("speakers", page, found.has_more),
    )


@register(
    "help",
    help="What each command does.",
    args=[Arg("command", "A command to explain, e.g. digest")],
)
def help_(ctx: Context, args: Values) -> Reply:
    cmd = REGISTRY.get(args.text("command").lower())
    if cmd is not None:
        return Reply(
            title=f"help: {cmd.name}",
            text=f"{cmd.usage}\n{cmd.help}",
            lines=_details(cmd),
            ephemeral=True,
        )
    lines = tuple(f"{cmd.usage}: {cmd.help}" for cmd in registered())
    return Reply(title="quotebot commands", lines=lines, ephemeral=True, text=INTRO)


def unknown_speaker(name: str, suggestions: Sequence[str]) -> Reply:
    hint = f" Closest known speakers: {', '.join(suggestions)}." if suggestions else ""
    # The names are in the text once; as list lines too, every renderer would show them twice.
    return Reply.error(f"I know no speaker called {name!r}.{hint}")


def _details(cmd: Command) -> tuple[str, ...]:
    described = [(a.shown, a.help) for a in cmd.args] + [(o.shown, o.help) for o in cmd.options]
    return tuple(f"{shown}: {text}" for shown, text in described if text)


def _page_note(page: int, size: int, count: int) -> str:
    first = (page - 1) * size + 1
    return f"Newest first, {first}-{first + count - 1}."


def _more(cmd: str, page: int, has_more: bool) -> str | None:
    return f"{cmd} --page {page + 1}" if has_more else None
