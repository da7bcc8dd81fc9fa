"""follow, unfollow, following: a channel gets each new quote of a speaker (bot/jobs/alerts.py)."""

from __future__ import annotations

from bot.chat.commands import _require_manage, _unknown_speaker
from bot.chat.messages import Reply
from bot.chat.registry import Args, Context, command
from bot.errors import UserError
from bot.text import plural


@command(
    "follow",
    usage="follow NAME",
    help="Post each new quote of a speaker in this channel, as it is stored (batched).",
)
def follow(ctx: Context, args: Args) -> Reply:
    req = ctx.request
    _require_manage(req)
    name = _speaker(ctx, args)
    if name is None:
        return _unknown_speaker(args.rest, ctx.app.store.find_speaker(args.rest).suggestions)
    if not ctx.app.follows.follow(req.platform, req.channel_id, name, user_id=req.user_id):
        return Reply(text=f"This channel already follows {name}.", ephemeral=True)
    minutes = ctx.app.settings.alert_minutes
    return Reply(
        text=f"Following {name}: each new quote of theirs comes here, gathered every "
        f"{plural(minutes, 'minute')}. `unfollow {name}` stops it."
    )


@command("unfollow", usage="unfollow NAME", help="Stop posting a followed speaker's new quotes.")
def unfollow(ctx: Context, args: Args) -> Reply:
    req = ctx.request
    _require_manage(req)
    name = _speaker(ctx, args)
    if name is None or not ctx.app.follows.unfollow(req.platform, req.channel_id, name):
        return Reply(text=f"This channel does not follow {name or args.rest!r}.", ephemeral=True)
    return Reply(text=f"Stopped following {name}.")


@command("following", usage="following", help="The speakers this channel follows.")
def following(ctx: Context, args: Args) -> Reply:
    req = ctx.request
    follows = ctx.app.follows.follows(req.platform, req.channel_id)
    if not follows:
        return Reply(text="This channel follows nobody. Start with `follow NAME`.")
    return Reply(
        title=f"This channel follows {plural(len(follows), 'speaker')}",
        lines=tuple(f.speaker for f in follows),
    )


def _speaker(ctx: Context, args: Args) -> str | None:
    if not args.rest:
        raise UserError("which speaker? Give a name, e.g. `follow Marsh`.")
    return ctx.app.store.find_speaker(args.rest).name
