"""The commands that change a channel: its daily digest and the feeds quotebot polls.

Changes need the platform's manage right (Request.can_manage); reading them does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from bot.chat.digest import following
from bot.chat.messages import Reply, Request
from bot.chat.registry import LIST, Arg, Context, Kind, Opt, Values, command
from bot.errors import UsageError, UserError
from bot.settings import parse_time, parse_zone
from bot.sources.redact import redact_text, redact_url
from bot.storage import Feed, Store, Subscription

MAX_URL_CHARS = 2_000  # browsers and servers stop around here; longer is a mistake or an attack
# Who may change a channel's digest or feeds, by platform (the adapters decide `can_manage`).
WHO_MAY_MANAGE = {
    "slack": "a workspace admin or owner, or a user listed in SLACK_ADMIN_USERS; ask one of them",
    "discord": "the Manage Channels permission",
}
CLOCK_TIME = Kind("HH:MM", parse_time)
ZONE = Kind("Area/City", parse_zone)
FEED_ACTIONS = ("list", "add", "remove")


def _http_url(word: str) -> str:
    if len(word) > MAX_URL_CHARS:
        raise ValueError(f"is {len(word):,} characters long; feeds take at most {MAX_URL_CHARS:,}")
    parsed = urlparse(word.strip("<>"))
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("is not an http(s) URL")
    return parsed.geturl()


URL = Kind("URL", _http_url)


@command(
    "subscribe",
    help="Send this channel a daily digest at a time and timezone (default from settings).",
    args=[
        Arg("time", "HH:MM, e.g. 08:00", type=CLOCK_TIME, pattern=":"),
        Arg("timezone", "Area/City, e.g. Europe/London", type=ZONE),
    ],
    options=[
        Opt("speakers", "Only these speakers, comma-separated", type=LIST),
        Opt("keywords", "Only quotes with these words, comma-separated", type=LIST),
    ],
)
def subscribe(ctx: Context, args: Values) -> Reply:
    app, req = ctx.app, ctx.request
    require_manage(req)
    time = args.text("time") or app.settings.digest_time
    tz = args.text("timezone") or app.settings.digest_tz
    followed = tuple(_resolve_speakers(app.store, args.items("speakers")))
    sub = Subscription(req.platform, req.channel_id, time, tz, followed, args.items("keywords"))
    created = app.channels.subscribe(sub, user_id=req.user_id)
    app.subscriptions_changed(req.platform, req.channel_id)
    verb = "Subscribed" if created else "Updated the subscription:"
    return Reply(text=f"{verb} this channel gets a daily digest at {time} ({tz}){_following(sub)}.")


@command("unsubscribe", help="Stop this channel's daily digest.")
def unsubscribe(ctx: Context, args: Values) -> Reply:
    req = ctx.request
    require_manage(req)
    removed = ctx.app.channels.unsubscribe(req.platform, req.channel_id)
    ctx.app.subscriptions_changed(req.platform, req.channel_id)
    if not removed:
        return Reply(text="This channel has no daily digest to stop.", ephemeral=True)
    return Reply(text="Unsubscribed: this channel gets no more daily digests.")


@command("subscriptions", help="This channel's daily digest settings.")
def subscriptions(ctx: Context, args: Values) -> Reply:
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
    "feeds",
    help="The RSS/Atom feeds quotebot polls.",
    args=[
        Arg("action", "list, add or remove", choices=FEED_ACTIONS, default="list"),
        Arg("url", "The feed's http(s) URL (for add and remove)", type=URL),
    ],
)
def feeds(ctx: Context, args: Values) -> Reply:
    action, url = args.text("action"), args.text("url")
    if action == "list":
        rows = ctx.app.channels.feeds()
        if not rows:
            return Reply(text="No feeds yet. Add one with `feeds add URL`.")
        return Reply(title="Feeds", lines=tuple(_feed_line(f) for f in rows))
    if not url:
        raise UsageError(f"feeds {action} needs the feed's URL.")
    require_manage(ctx.request)
    shown = redact_url(url)
    if action == "add":
        added = ctx.app.channels.add_feed(url, user_id=ctx.request.user_id)
        return Reply(text=f"Added feed {shown}." if added else f"Feed {shown} was already there.")
    if ctx.app.channels.remove_feed(url):
        return Reply(text=f"Removed feed {shown}.")
    return Reply.error(f"No feed {shown} to remove.")


def _following(sub: Subscription) -> str:
    return following(sub.speakers, sub.keywords)


def require_manage(req: Request) -> None:
    if not req.can_manage:
        who = WHO_MAY_MANAGE.get(req.platform, WHO_MAY_MANAGE["discord"])
        raise UserError(f"changing this channel's digest or feeds needs {who}.")


def _resolve_speakers(store: Store, names: tuple[str, ...]) -> Iterator[str]:
    for name in names:
        match = store.find_speaker(name)
        if match.name is None:
            hint = f" Closest: {', '.join(match.suggestions)}." if match.suggestions else ""
            raise UserError(f"I know no speaker called {name!r} to follow.{hint}")
        yield match.name


def _feed_line(feed: Feed) -> str:
    error = redact_text(feed.last_error or "")
    state = f"failing ({feed.failures}x: {error})" if feed.failures else "ok"
    polled = feed.last_polled.strftime("%Y-%m-%d %H:%M UTC") if feed.last_polled else "never"
    return f"{redact_url(feed.url)} ({feed.title or 'untitled'}), last polled {polled}, {state}"
