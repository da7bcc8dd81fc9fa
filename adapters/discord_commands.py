"""Discord's commands, generated from the router's registry: one prefix and one slash command each.

A prefix command (`!digest 7d`) takes the rest of the message as text for the router. A slash
command's options are the command's declared arguments and options (names, help, choices, number
fields), and its values become the same command line (`Command.line`), so the router is the only
parser. Replies go out as pages with a More button; every send passes `AllowedMentions.none()`.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord_embeds import NO_MENTIONS, render
from adapters.discord_limits import Page, image_file, page_kwargs
from bot.chat.messages import Reply, Request
from bot.chat.registry import Arg, Command, Opt
from bot.chat.registry import commands as router_commands

if TYPE_CHECKING:
    from adapters.discord_bot import QuoteBot
    from bot.app import App

log = logging.getLogger(__name__)

PLATFORM = "discord"
VIEW_TIMEOUT = 10 * 60  # seconds a More button answers; interaction tokens die after 15 minutes
DESCRIPTION_CHARS = 100  # Discord's limit for command and option descriptions
Send = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class Origin:
    """Who asked, where, and whether they may change the channel's digest: the Request's context."""

    user_id: str
    channel_id: str
    can_manage: bool

    def request(self, text: str) -> Request:
        return Request(
            text=text,
            user_id=self.user_id,
            channel_id=self.channel_id,
            platform=PLATFORM,
            can_manage=self.can_manage,
        )

    def clicked_by(self, user: discord.abc.User) -> Origin:
        return replace(self, user_id=str(user.id))


def add_commands(bot: QuoteBot) -> None:
    """Every router command (help included) as a prefix command and a slash command."""
    for cmd in router_commands():
        bot.add_command(prefix_command(cmd))
        bot.tree.add_command(slash_command(bot, cmd))


def prefix_command(cmd: Command) -> commands.Command[Any, ..., None]:
    async def callback(ctx: commands.Context[QuoteBot], *, text: str = "") -> None:
        await answer_context(ctx, f"{cmd.name} {text}".strip())

    callback.__name__ = cmd.name
    usage = cmd.usage.partition(" ")[2]
    return commands.Command(
        callback, name=cmd.name, aliases=list(cmd.aliases), help=cmd.help, usage=usage
    )


def slash_command(bot: QuoteBot, cmd: Command) -> app_commands.Command[Any, ..., None]:
    """A slash command whose options are the command's declared arguments and options."""

    async def callback(interaction: discord.Interaction, **given: object) -> None:
        await answer_interaction(bot, interaction, cmd.line(given))

    specs: list[Arg | Opt] = [*cmd.args, *cmd.options]
    first = inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = sorted((_parameter(spec) for spec in specs), key=lambda p: p.default is not p.empty)
    callback.__signature__ = inspect.Signature([first, *params])  # type: ignore[attr-defined]
    callback.__name__ = cmd.name
    described = {spec.name: _clip(spec.help or spec.shown) for spec in specs}
    choices = {
        spec.name: [app_commands.Choice(name=c, value=c) for c in spec.choices]
        for spec in specs
        if spec.choices
    }
    decorated = app_commands.choices(**choices)(app_commands.describe(**described)(callback))
    return app_commands.Command(name=cmd.name, description=_clip(cmd.help), callback=decorated)


def _parameter(spec: Arg | Opt) -> inspect.Parameter:
    if isinstance(spec, Opt) and spec.flag:
        annotation: type = bool
    else:
        annotation = int if spec.type.integer else str
    required = isinstance(spec, Arg) and spec.required
    default = inspect.Parameter.empty if required else None
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Parameter(spec.name, kind, default=default, annotation=annotation)


async def answer_context(ctx: commands.Context[QuoteBot], text: str) -> None:
    """Run a prefix command through the router and reply with its pages."""
    origin = origin_of_context(ctx)
    reply = await ask(ctx.bot.quotebot_app, origin.request(text))
    await reply_to(ctx, origin, reply)


async def reply_to(ctx: commands.Context[QuoteBot], origin: Origin, reply: Reply) -> None:
    """Answer the command's message (a reply that pings nobody, not even its author)."""
    reference = ctx.message.to_reference(fail_if_not_exists=False)
    await send_reply(
        ctx.send, ctx.bot.quotebot_app, origin, reply, reference=reference, mention_author=False
    )


async def send_text(ctx: commands.Context[QuoteBot], text: str) -> None:
    await reply_to(ctx, origin_of_context(ctx), Reply.error(text))


def origin_of_context(ctx: commands.Context[QuoteBot]) -> Origin:
    permission = ctx.bot.quotebot_settings.discord_manage_permission
    direct = ctx.guild is None
    rights = ctx.channel.permissions_for(ctx.author)  # type: ignore[arg-type]
    can_manage = direct or bool(getattr(rights, permission, False))
    return Origin(str(ctx.author.id), str(ctx.channel.id), can_manage)


async def answer_interaction(bot: QuoteBot, interaction: discord.Interaction, text: str) -> None:
    """Defer (the work may be slow), run the router, and follow up; ephemeral answers stay
    private."""
    await interaction.response.defer()
    origin = origin_of_interaction(interaction, bot.quotebot_settings.discord_manage_permission)
    reply = await ask(bot.quotebot_app, origin.request(text))
    if reply.ephemeral:
        # A public defer makes the first follow-up public; drop its "thinking…" placeholder.
        await interaction.delete_original_response()
    await send_reply(
        interaction.followup.send, bot.quotebot_app, origin, reply, ephemeral=reply.ephemeral
    )


def origin_of_interaction(interaction: discord.Interaction, permission: str) -> Origin:
    direct = interaction.guild_id is None
    can_manage = direct or bool(getattr(interaction.permissions, permission, False))
    return Origin(str(interaction.user.id), str(interaction.channel_id), can_manage)


async def ask(app: App, request: Request) -> Reply:
    """The core's answer, computed in a thread so the event loop keeps serving Discord."""
    return await asyncio.to_thread(app.handle, request)


class MoreView(discord.ui.View):
    """A "More" button: the next page of this reply, then the router's next page (reply.more)."""

    def __init__(
        self, app: App, origin: Origin, pages: list[Page], more: str | None, *, ephemeral: bool
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.app, self.origin, self.pages, self.more = app, origin, pages, more
        self.ephemeral = ephemeral
        self.message: discord.Message | None = None

    @classmethod
    def for_rest(
        cls, app: App, origin: Origin, pages: list[Page], more: str | None, *, ephemeral: bool
    ) -> MoreView | None:
        return cls(app, origin, pages, more, ephemeral=ephemeral) if pages or more else None

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary)
    async def more_button(
        self, interaction: discord.Interaction, button: discord.ui.Button[MoreView]
    ) -> None:
        self.stop()
        # Answer the click at once by removing the spent button; the next page is a new message.
        await interaction.response.edit_message(view=None, allowed_mentions=NO_MENTIONS)
        send = interaction.followup.send
        if self.pages:
            rest = MoreView.for_rest(
                self.app, self.origin, self.pages[1:], self.more, ephemeral=self.ephemeral
            )
            await send_page(send, self.pages[0], rest, ephemeral=self.ephemeral)
            return
        origin = self.origin.clicked_by(interaction.user)
        reply = await ask(self.app, origin.request(self.more or ""))
        ephemeral = self.ephemeral or reply.ephemeral
        await send_reply(send, self.app, origin, reply, ephemeral=ephemeral)

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit(view=None, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:  # deleted message or expired token: stays inert
            log.info("could not remove an expired More button: %s", exc)


async def send_reply(send: Send, app: App, origin: Origin, reply: Reply, **extra: Any) -> None:
    """Send the reply's first page; a More button holds the other pages and the router's next.
    A digest's chart is drawn after that and added to the same message."""
    pages = render(reply)
    ephemeral = bool(extra.get("ephemeral"))
    view = MoreView.for_rest(app, origin, pages[1:], reply.more, ephemeral=ephemeral)
    message = await send_page(send, pages[0], view, **extra)
    await attach_deferred(message, reply)


async def send_page(send: Send, page: Page, view: MoreView | None, **extra: Any) -> Any:
    """Send one page; returns the message Discord created (to edit later)."""
    kwargs = page_kwargs(page)
    if view is not None:
        kwargs["view"] = view
    message = await send(**kwargs, allowed_mentions=NO_MENTIONS, **extra)
    if view is not None:
        view.message = message
    return message


async def attach_deferred(message: Any, reply: Reply) -> None:
    """Draw the reply's deferred image (a digest's chart) in a worker thread, now that its text is
    out, and add it to that message: one digest stays one message, its More button kept.

    A failed drawing (logged by DeferredImage.draw) or a refused edit is logged, never raised: the
    digest was delivered, and a scheduled one raising would be retried and posted twice.
    """
    if reply.deferred_image is None or message is None:
        return
    image = await asyncio.to_thread(reply.deferred_image.draw)
    if image is None:
        return
    try:
        await message.edit(attachments=[image_file(image)], allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.exception("the digest went out; its chart could not be added to its message")


def _clip(text: str) -> str:
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1] + "…"
