"""The chat commands. Each returns data in a Reply; the adapters choose the look."""

from __future__ import annotations

from urllib.parse import urlparse

from bot.chat.digest import digest_reply, following, parse_period
from bot.chat.messages import Reply
from bot.chat.registry import REGISTRY, ROOT, command, commands
from bot.errors import UserError
from bot.settings import parse_time, parse_zone
from bot.storage import Subscription


@command(
    ROOT,
    usage="quotes NAME [--page N]",
    help="A speaker's latest quotes, with tone and sources (aliases and small typos work).",
)
def quotes(ctx, args) -> Reply:
    name = args.rest
    if not name:
        raise UserError("whose quotes? Give a speaker's name, e.g. `quotes Zelensky`.")
    match = ctx.app.store.find_speaker(name)
    if match.name is None:
        return _unknown_speaker(name, match.suggestions)
    page = args.page()
    size = ctx.app.settings.page_size
    found = ctx.app.store.quotes_by(match.name, limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply(text=f"No quotes by {match.name} on page {page}.", ephemeral=True)
    return Reply(
        title=f"Quotes by {match.name}",
        text=_page_note(page, size, len(found.items)),
        quotes=found.items,
        more=_more(f"quotes {match.name}", page, found.has_more),
    )


@command(
    "search", usage="search TEXT [--page N]", help="Quotes whose text contains every word of TEXT."
)
def search(ctx, args) -> Reply:
    query = args.rest
    if not query:
        raise UserError("search for what? e.g. `search ceasefire`.")
    page = args.page()
    size = ctx.app.settings.page_size
    found = ctx.app.store.search(query, limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply(text=f"No quote contains {query!r}.", ephemeral=True)
    return Reply(
        title=f"Quotes matching {query!r}",
        text=_page_note(page, size, len(found.items)),
        quotes=found.items,
        more=_more(f"search {query}", page, found.has_more),
    )


@command(
    "digest",
    usage="digest [24h|7d|YYYY-MM-DD]",
    help="The digest of quotes: the last 24 hours by default, a window, or a publication day.",
)
def digest(ctx, args) -> Reply:
    app, req = ctx.app, ctx.request
    period = parse_period(args.words[0] if args.words else None, now=app.clock())
    sub = app.channels.subscription(req.platform, req.channel_id)
    if sub is None:
        return digest_reply(app, period)
    return digest_reply(app, period, speakers=sub.speakers, keywords=sub.keywords, tz=sub.tz)


@command(
    "speakers", usage="speakers [--page N]", help="Who is quoted most, with their average tone."
)
def speakers(ctx, args) -> Reply:
    page = args.page()
    size = max(ctx.app.settings.page_size, 10)
    found = ctx.app.store.speakers(limit=size, offset=(page - 1) * size)
    if not found.items:
        return Reply(
            text="No speakers yet: ingest some articles first (`quotebot ingest PATH_OR_URL`)."
        )
    return Reply(
        title="Most-quoted speakers",
        speakers=found.items,
        more=_more("speakers", page, found.has_more),
    )


@command(
    "subscribe",
    usage='subscribe [HH:MM] [Area/City] [--speakers "A,B"] [--keywords "x,y"]',
    help="Send this channel a daily digest at a time and timezone (default from settings).",
)
def subscribe(ctx, args) -> Reply:
    app, req = ctx.app, ctx.request
    _require_manage(req)
    time, tz = app.settings.digest_time, app.settings.digest_tz
    for word in args.words:
        try:
            time = parse_time(word) if ":" in word else time
            tz = parse_zone(word) if ":" not in word else tz
        except ValueError as exc:
            raise UserError(f"{word!r}: {exc}") from None
    followed = tuple(_resolve_speakers(app.store, args.options.get("speakers", "")))
    keywords = tuple(k.strip() for k in args.options.get("keywords", "").split(",") if k.strip())
    sub = Subscription(req.platform, req.channel_id, time, tz, followed, keywords)
    created = app.channels.subscribe(sub, user_id=req.user_id)
    app.subscriptions_changed(req.platform, req.channel_id)
    verb = "Subscribed" if created else "Updated the subscription:"
    return Reply(text=f"{verb} this channel gets a daily digest at {time} ({tz}){_following(sub)}.")


@command("unsubscribe", usage="unsubscribe", help="Stop this channel's daily digest.")
def unsubscribe(ctx, args) -> Reply:
    req = ctx.request
    _require_manage(req)
    removed = ctx.app.channels.unsubscribe(req.platform, req.channel_id)
    ctx.app.subscriptions_changed(req.platform, req.channel_id)
    if not removed:
        return Reply(text="This channel has no daily digest to stop.", ephemeral=True)
    return Reply(text="Unsubscribed: this channel gets no more daily digests.")


@command("subscriptions", usage="subscriptions", help="This channel's daily digest settings.")
def subscriptions(ctx, args) -> Reply:
    req = ctx.request
    sub = ctx.app.channels.subscription(req.platform, req.channel_id)
    if sub is None:
        return Reply(
            text="This channel has no daily digest. Start one with `subscribe 08:00 Europe/London`."
        )
    return Reply(
        text=f"This channel gets a daily digest at {sub.time} ({sub.tz}){_following(sub)}."
    )


@command(
    "feeds", usage="feeds [list | add URL | remove URL]", help="The RSS/Atom feeds quotebot polls."
)
def feeds(ctx, args) -> Reply:
    action = args.words[0].lower() if args.words else "list"
    if action == "list":
        rows = ctx.app.channels.feeds()
        if not rows:
            return Reply(text="No feeds yet. Add one with `feeds add URL`.")
        return Reply(title="Feeds", lines=tuple(_feed_line(f) for f in rows))
    if action not in ("add", "remove") or len(args.words) != 2:
        raise UserError(f"unknown feeds action {' '.join(args.words)!r}.")
    _require_manage(ctx.request)
    url = _check_url(args.words[1])
    if action == "add":
        added = ctx.app.channels.add_feed(url, user_id=ctx.request.user_id)
        return Reply(text=f"Added feed {url}." if added else f"Feed {url} was already there.")
    removed = ctx.app.channels.remove_feed(url)
    return Reply(
        text=f"Removed feed {url}." if removed else f"No feed {url} to remove.",
        ephemeral=not removed,
    )


@command("help", usage="help [COMMAND]", help="What each command does.")
def help_(ctx, args) -> Reply:
    if args.words and args.words[0].lower() in REGISTRY:
        cmd = REGISTRY[args.words[0].lower()]
        return Reply(title=f"help: {cmd.name}", text=f"{cmd.usage}\n{cmd.help}", ephemeral=True)
    lines = tuple(f"{cmd.usage}: {cmd.help}" for cmd in commands())
    return Reply(
        title="quotebot commands",
        lines=lines,
        ephemeral=True,
        text="Who said what in the news, and how it sounded. On Slack type /quotes COMMAND; on Discord !COMMAND.",
    )


def _unknown_speaker(name: str, suggestions) -> Reply:
    hint = f" Closest known speakers: {', '.join(suggestions)}." if suggestions else ""
    # The names are in the text once; as list lines too, every renderer would show them twice.
    return Reply(text=f"I know no speaker called {name!r}.{hint}", ephemeral=True)


def _page_note(page: int, size: int, count: int) -> str:
    first = (page - 1) * size + 1
    return f"Newest first, {first}-{first + count - 1}."


def _more(cmd: str, page: int, has_more: bool) -> str | None:
    return f"{cmd} --page {page + 1}" if has_more else None


def _following(sub) -> str:
    return following(sub.speakers, sub.keywords)


def _require_manage(req) -> None:
    if not req.can_manage:
        raise UserError(
            "changing this channel's digest or feeds needs the Manage Channels permission."
        )


def _resolve_speakers(store, text: str):
    for name in (n.strip() for n in text.split(",")):
        if not name:
            continue
        match = store.find_speaker(name)
        if match.name is None:
            hint = f" Closest: {', '.join(match.suggestions)}." if match.suggestions else ""
            raise UserError(f"I know no speaker called {name!r} to follow.{hint}")
        yield match.name


def _check_url(url: str) -> str:
    parsed = urlparse(url.strip("<>"))
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UserError(f"{url!r} is not an http(s) URL.")
    return parsed.geturl()


def _feed_line(feed) -> str:
    state = f"failing ({feed.failures}x: {feed.last_error})" if feed.failures else "ok"
    polled = feed.last_polled.strftime("%Y-%m-%d %H:%M UTC") if feed.last_polled else "never"
    return f"{feed.url} ({feed.title or 'untitled'}), last polled {polled}, {state}"
