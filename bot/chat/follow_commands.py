"""follow, unfollow, following (each new quote of a speaker, bot/jobs/alerts.py) and chart."""

from __future__ import annotations

import datetime as dt

from bot.chat.chart import DAYS, DEFAULT_DAYS, chart_reply, split_days
from bot.chat.commands import unknown_speaker
from bot.chat.manage import require_manage
from bot.chat.messages import Reply
from bot.chat.registry import Arg, Context, Opt, Values, command
from bot.storage.charts import day_points
from bot.text import plural

SPEAKER = Arg("name", "The speaker, e.g. Marsh", required=True, rest=True)


@command(
    "follow",
    help="Post each new quote of a speaker in this channel, as it is stored (batched).",
    args=[SPEAKER],
)
def follow(ctx: Context, args: Values) -> Reply:
    req = ctx.request
    require_manage(req)
    typed = args.text("name")
    match = ctx.app.store.find_speaker(typed)
    if match.name is None:
        return unknown_speaker(typed, match.suggestions)
    name = match.name
    if not ctx.app.follows.follow(req.platform, req.channel_id, name, user_id=req.user_id):
        return Reply(text=f"This channel already follows {name}.", ephemeral=True)
    minutes = ctx.app.settings.alert_minutes
    return Reply(
        text=f"Following {name}: each new quote of theirs comes here, gathered every "
        f"{plural(minutes, 'minute')}. `unfollow {name}` stops it."
    )


@command("unfollow", help="Stop posting a followed speaker's new quotes.", args=[SPEAKER])
def unfollow(ctx: Context, args: Values) -> Reply:
    req = ctx.request
    require_manage(req)
    typed = args.text("name")
    name = ctx.app.store.find_speaker(typed).name
    if name is None or not ctx.app.follows.unfollow(req.platform, req.channel_id, name):
        return Reply.error(f"This channel does not follow {name or typed!r}.")
    return Reply(text=f"Stopped following {name}.")


@command("following", help="The speakers this channel follows.")
def following(ctx: Context, args: Values) -> Reply:
    req = ctx.request
    follows = ctx.app.follows.follows(req.platform, req.channel_id)
    if not follows:
        return Reply(text="This channel follows nobody. Start with `follow NAME`.")
    return Reply(
        title=f"This channel follows {plural(len(follows), 'speaker')}",
        lines=tuple(f.speaker for f in follows),
    )


@command(
    "chart",
    help="A picture of a speaker's quotes per day and average tone (default: the last 30 days).",
    args=[
        Arg(
            "name",
            "The speaker, then optionally the days, e.g. Marsh 30d",
            required=True,
            rest=True,
            metavar="NAME [30d]",
        )
    ],
    options=[Opt("period", "Days to cover, e.g. 30d (default 30d)", type=DAYS)],
)
def chart(ctx: Context, args: Values) -> Reply:
    typed, days = split_days(args.text("name"))  # "chart Marsh 30d": the window came last
    days = args.number("period") or days or DEFAULT_DAYS
    match = ctx.app.store.find_speaker(typed)
    if match.name is None:
        return unknown_speaker(typed, match.suggestions)
    since = ctx.app.clock().date() - dt.timedelta(days=days - 1)
    return chart_reply(match.name, day_points(ctx.app.store, match.name, since=since), days)
