"""The Discord adapter: `!digest` or `/digest` in, embeds out; a thin translator over the core's router.

Prefix commands go through discord.py's own parser (each takes the rest of the message as text);
slash commands through the app-command tree. Both become a Request for `app.handle`, which runs
in a thread so SQL never blocks the gateway, and the Reply is rendered by `discord_embeds`.
Every send passes `AllowedMentions.none()` explicitly: a quoted `@everyone` pings nobody.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import shlex
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord_embeds import NO_MENTIONS, Page, render
from bot.chat.messages import Reply, Request
from bot.chat.registry import REGISTRY
from bot.chat.registry import commands as router_commands
from bot.chat.router import SORRY
from bot.errors import ConfigError, UserError

log = logging.getLogger(__name__)

PLATFORM = "discord"
VIEW_TIMEOUT = 10 * 60  # seconds a More button answers; interaction tokens die after 15 minutes
COMMAND_WORD = re.compile(
    r"^[a-z][a-z0-9_-]{0,31}$", re.IGNORECASE
)  # "!!!" or "!5" is chat, not a typo
SLASH_DESCRIPTION_CHARS = 100
NOT_A_COMMAND = "That is not a command I know. Try /help."

LOGIN_FAILED = (
    "Discord rejected DISCORD_TOKEN (login failed): check the bot token in the Developer Portal "
    "(Applications > your app > Bot > Reset Token) and set DISCORD_TOKEN again"
)
NO_ROUTE = (
    "could not reach Discord ({reason}): check the network connection or proxy, then run it again"
)
INTENT_REFUSED = (
    "Discord refused the Message Content intent: enable it in the Developer Portal "
    "(Bot > Privileged Gateway Intents > Message Content Intent), then run it again"
)
SYNC_REFUSED = (
    "Discord refused to register the slash commands in guild {guild} (DISCORD_GUILD_ID): invite the bot "
    "to that server with the applications.commands scope, or unset DISCORD_GUILD_ID to register globally"
)

Startup = Callable[["QuoteBot"], Awaitable[None] | None]


@dataclass(frozen=True)
class Origin:
    """Who asked, where, and whether they may change the channel's digest: the Request's context."""

    user_id: str
    channel_id: str
    is_direct: bool
    can_manage: bool

    def request(self, text: str) -> Request:
        return Request(
            text=text,
            user_id=self.user_id,
            channel_id=self.channel_id,
            platform=PLATFORM,
            is_direct=self.is_direct,
            can_manage=self.can_manage,
        )

    def clicked_by(self, user: discord.abc.User) -> Origin:
        return replace(self, user_id=str(user.id))


class QuoteBot(commands.Bot):
    """commands.Bot carrying the App; slash commands sync on start; command errors become replies."""

    def __init__(self, app, settings, *, intents: discord.Intents, startup: Startup | None = None):
        super().__init__(
            command_prefix=settings.discord_prefix,
            intents=intents,
            help_command=None,
            case_insensitive=True,
            allowed_mentions=NO_MENTIONS,
        )
        self.quotebot_app = app
        self.quotebot_settings = settings
        self.outbox = DiscordOutbox(self)
        self.digests = None  # the DigestScheduler, once start_digests ran
        self._startup = startup

    async def setup_hook(self) -> None:
        """Register the slash commands with Discord (one guild when DISCORD_GUILD_ID is set), then start extras."""
        await sync_commands(self.tree, self.quotebot_settings.discord_guild_id)
        if self._startup is not None:
            result = self._startup(self)
            if inspect.isawaitable(result):
                await result

    async def on_command_error(self, ctx: commands.Context, error: commands.CommandError) -> None:
        """Unknown commands get the router's suggestions; anything unexpected is logged and apologised for."""
        if isinstance(error, commands.CommandNotFound):
            if ctx.invoked_with and COMMAND_WORD.match(ctx.invoked_with):
                await answer_context(ctx, ctx.message.content)
            return
        if isinstance(error, commands.UserInputError):
            await send_text(ctx, f"{error} Type {ctx.prefix}help for the usage.")
            return
        log.error(
            "Discord command %r failed",
            ctx.message.content,
            exc_info=getattr(error, "original", error),
        )
        await send_text(ctx, SORRY)


class DiscordOutbox:
    """The scheduler's way into Discord: post a Reply (a digest) to a channel by id."""

    platform = PLATFORM

    def __init__(self, bot: commands.Bot):
        self.bot = bot

    async def post(self, channel_id: str, reply: Reply) -> None:
        """Send every page of `reply` to the channel; raises when Discord refuses, so the delivery is failed."""
        channel = await self._channel(channel_id)
        for page in render(reply):
            await channel.send(**page_kwargs(page), allowed_mentions=NO_MENTIONS)

    async def _channel(self, channel_id: str):
        if not str(channel_id).isdigit():
            raise UserError(
                f"Discord channel id {channel_id!r} is not a number; unsubscribe and subscribe again"
            )
        return self.bot.get_channel(int(channel_id)) or await self.bot.fetch_channel(
            int(channel_id)
        )


class MoreView(discord.ui.View):
    """A "More" button: the next page of this reply, then the router's next page (reply.more)."""

    def __init__(
        self, app, origin: Origin, pages: list[Page], more: str | None, *, ephemeral: bool
    ):
        super().__init__(timeout=VIEW_TIMEOUT)
        self.app, self.origin, self.pages, self.more, self.ephemeral = (
            app,
            origin,
            pages,
            more,
            ephemeral,
        )
        self.message: discord.Message | None = None

    @classmethod
    def for_rest(
        cls, app, origin: Origin, pages: list[Page], more: str | None, *, ephemeral: bool
    ) -> MoreView | None:
        return cls(app, origin, pages, more, ephemeral=ephemeral) if pages or more else None

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary)
    async def more_button(
        self, interaction: discord.Interaction, button: discord.ui.Button
    ) -> None:
        self.stop()
        # Answer the click at once by removing the spent button; the next page follows as a new message.
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
        if reply is not None:
            await send_reply(
                send, self.app, origin, reply, ephemeral=self.ephemeral or reply.ephemeral
            )

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit(view=None, allowed_mentions=NO_MENTIONS)
        except (
            discord.HTTPException
        ) as exc:  # deleted message or expired token: the button just stays inert
            log.info("could not remove an expired More button: %s", exc)


def create_bot(
    app=None,
    settings=None,
    *,
    intents: discord.Intents | None = None,
    startup: Startup | None = None,
) -> QuoteBot:
    """The configured bot, not connected: settings from the environment and the App built from them by default."""
    from adapters.compose import compose, settings_from_environment

    settings = settings or (app.settings if app is not None else settings_from_environment())
    _check_permission_name(settings.discord_manage_permission)
    app = app or compose(settings)
    _silence_voice_warnings()
    bot = QuoteBot(app, settings, intents=intents or default_intents(), startup=startup)
    add_prefix_commands(bot)
    add_query_slash_commands(bot)
    add_channel_slash_commands(bot)
    add_follow_slash_commands(bot)
    return bot


def run(app, settings, *, startup: Startup | None = None) -> None:
    """Connect with DISCORD_TOKEN and answer until stopped; connection problems raise a one-line UserError."""
    settings.require("discord")
    asyncio.run(serve(app, settings, startup=startup))


async def serve(app, settings, *, startup: Startup | None = None) -> None:
    """`run` inside a running loop; the bot (and its digest scheduler) is closed cleanly however it ends."""
    bot = create_bot(app, settings, startup=startup or start_digests)
    try:
        async with bot:  # start() rather than run(): no discord.py log handler printing tracebacks
            await bot.start(settings.discord_token)
    except discord.LoginFailure:
        raise UserError(LOGIN_FAILED) from None
    except discord.PrivilegedIntentsRequired:
        raise UserError(INTENT_REFUSED) from None
    except discord.ConnectionClosed as exc:
        raise UserError(
            f"Discord closed the connection (code {exc.code}: {exc.reason or 'no reason given'}); "
            "check DISCORD_TOKEN and the bot's intents in the Developer Portal"
        ) from None
    except discord.HTTPException as exc:
        raise UserError(
            f"Discord answered HTTP {exc.status} ({exc.text or 'no detail'}) while starting; "
            "try again later or check https://discordstatus.com"
        ) from None
    except (TimeoutError, aiohttp.ClientError, discord.GatewayNotFound, OSError) as exc:
        raise UserError(NO_ROUTE.format(reason=_reason(exc))) from None
    finally:
        stop_digests(bot)


def start_digests(bot: QuoteBot) -> None:
    """The default start-up: daily digests and feed polling on the bot's own loop, posting through its outbox."""
    from bot.jobs.schedule import start_background

    bot.digests = start_background(bot.quotebot_app, [bot.outbox])


def stop_digests(bot: QuoteBot) -> None:
    """Stop the scheduler start_digests started (if any)."""
    if bot.digests is not None:
        bot.digests.shutdown()
        bot.digests = None


async def sync_commands(tree: app_commands.CommandTree, guild_id: int | None) -> list:
    """Upload the slash commands: to one guild (instant) when guild_id is set, else globally."""
    try:
        if guild_id:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            return await tree.sync(guild=guild)
        return await tree.sync()
    except discord.Forbidden:
        raise UserError(SYNC_REFUSED.format(guild=guild_id)) from None


def default_intents() -> discord.Intents:
    """Default intents plus message content, which prefix commands need (privileged: enable it in the portal)."""
    intents = discord.Intents.default()
    intents.message_content = True
    return intents


# ---- prefix commands -------------------------------------------------------


def add_prefix_commands(bot: commands.Bot) -> None:
    """One discord.py command per router command (help included), each taking the rest of the message."""
    for cmd in router_commands():
        bot.add_command(
            commands.Command(
                _prefix_callback(cmd.name),
                name=cmd.name,
                aliases=list(cmd.aliases),
                help=cmd.help,
                usage=cmd.usage.partition(" ")[2],
            )
        )


def _prefix_callback(name: str):
    async def callback(ctx: commands.Context, *, text: str = "") -> None:
        await answer_context(ctx, f"{name} {text}".strip())

    callback.__name__ = name
    return callback


async def answer_context(ctx: commands.Context, text: str) -> None:
    """Run a prefix command through the router and reply with its pages."""
    bot = ctx.bot
    origin = origin_of_context(ctx, bot.quotebot_settings.discord_manage_permission)
    reply = await ask(bot.quotebot_app, origin.request(text))
    if reply is not None:
        await reply_to(ctx, origin, reply)


async def reply_to(ctx: commands.Context, origin: Origin, reply: Reply) -> None:
    """Answer the command's message (a reply that pings nobody, not even its author)."""
    reference = ctx.message.to_reference(fail_if_not_exists=False)
    await send_reply(
        ctx.send, ctx.bot.quotebot_app, origin, reply, reference=reference, mention_author=False
    )


def origin_of_context(ctx: commands.Context, permission: str) -> Origin:
    direct = ctx.guild is None
    can_manage = direct or bool(getattr(ctx.channel.permissions_for(ctx.author), permission, False))
    return Origin(str(ctx.author.id), str(ctx.channel.id), direct, can_manage)


async def send_text(ctx: commands.Context, text: str) -> None:
    origin = origin_of_context(ctx, ctx.bot.quotebot_settings.discord_manage_permission)
    await reply_to(ctx, origin, Reply(text=text, ephemeral=True))


# ---- slash commands --------------------------------------------------------


def add_query_slash_commands(bot: commands.Bot) -> None:
    """/quotes, /search, /digest, /speakers, /help."""
    tree = bot.tree

    @tree.command(name="quotes", description=_description("quotes"))
    @app_commands.describe(name="The speaker, e.g. Zelensky (aliases and small typos work)")
    async def quotes(interaction: discord.Interaction, name: str) -> None:
        await answer_interaction(bot, interaction, f"quotes {name}")

    @tree.command(name="search", description=_description("search"))
    @app_commands.describe(text="Words every quote must contain")
    async def search(interaction: discord.Interaction, text: str) -> None:
        await answer_interaction(bot, interaction, f"search {text}")

    @tree.command(name="digest", description=_description("digest"))
    @app_commands.describe(
        period="24h, 7d, or a publication day like 2022-03-31 (default: the last 24 hours)"
    )
    async def digest(interaction: discord.Interaction, period: str = "") -> None:
        await answer_interaction(bot, interaction, f"digest {_quoted(period)}")

    @tree.command(name="speakers", description=_description("speakers"))
    async def speakers(interaction: discord.Interaction) -> None:
        await answer_interaction(bot, interaction, "speakers")

    @tree.command(name="help", description=_description("help"))
    @app_commands.describe(command="A command to explain, e.g. digest")
    async def help_(interaction: discord.Interaction, command: str = "") -> None:
        await answer_interaction(bot, interaction, f"help {_quoted(command)}")


def add_channel_slash_commands(bot: commands.Bot) -> None:
    """/subscribe, /unsubscribe, /subscriptions, /feeds: changes need the Manage Channels permission."""
    tree = bot.tree

    @tree.command(name="subscribe", description=_description("subscribe"))
    @app_commands.describe(
        time="HH:MM, e.g. 08:00",
        timezone="Area/City, e.g. Europe/London",
        speakers="Only these speakers, comma-separated",
        keywords="Only quotes with these words",
    )
    async def subscribe(
        interaction: discord.Interaction,
        time: str = "",
        timezone: str = "",
        speakers: str = "",
        keywords: str = "",
    ) -> None:
        options = {"speakers": speakers, "keywords": keywords}
        await answer_interaction(
            bot, interaction, f"subscribe {_quoted(time, timezone, **options)}"
        )

    @tree.command(name="unsubscribe", description=_description("unsubscribe"))
    async def unsubscribe(interaction: discord.Interaction) -> None:
        await answer_interaction(bot, interaction, "unsubscribe")

    @tree.command(name="subscriptions", description=_description("subscriptions"))
    async def subscriptions(interaction: discord.Interaction) -> None:
        await answer_interaction(bot, interaction, "subscriptions")

    @tree.command(name="feeds", description=_description("feeds"))
    @app_commands.describe(
        action="list, add or remove", url="The feed's http(s) URL (for add and remove)"
    )
    async def feeds(
        interaction: discord.Interaction,
        action: Literal["list", "add", "remove"] = "list",
        url: str = "",
    ) -> None:
        await answer_interaction(bot, interaction, f"feeds {_quoted(action, url)}")


def add_follow_slash_commands(bot: commands.Bot) -> None:
    """/follow, /unfollow, /following: changes need the Manage Channels permission."""
    tree = bot.tree
    speaker = app_commands.describe(name="The speaker, e.g. Marsh")

    @tree.command(name="follow", description=_description("follow"))
    @speaker
    async def follow(interaction: discord.Interaction, name: str) -> None:
        await answer_interaction(bot, interaction, f"follow {name}")

    @tree.command(name="unfollow", description=_description("unfollow"))
    @speaker
    async def unfollow(interaction: discord.Interaction, name: str) -> None:
        await answer_interaction(bot, interaction, f"unfollow {name}")

    @tree.command(name="following", description=_description("following"))
    async def following(interaction: discord.Interaction) -> None:
        await answer_interaction(bot, interaction, "following")


async def answer_interaction(bot: QuoteBot, interaction: discord.Interaction, text: str) -> None:
    """Defer (the work may be slow), run the router, and follow up; ephemeral answers stay private."""
    await interaction.response.defer()
    origin = origin_of_interaction(interaction, bot.quotebot_settings.discord_manage_permission)
    reply = await ask(bot.quotebot_app, origin.request(text)) or Reply(
        text=NOT_A_COMMAND, ephemeral=True
    )
    if reply.ephemeral:
        # A public defer makes the first follow-up public; drop its "thinking…" placeholder so this one is private.
        await interaction.delete_original_response()
    await send_reply(
        interaction.followup.send, bot.quotebot_app, origin, reply, ephemeral=reply.ephemeral
    )


def origin_of_interaction(interaction: discord.Interaction, permission: str) -> Origin:
    direct = interaction.guild_id is None
    can_manage = direct or bool(getattr(interaction.permissions, permission, False))
    return Origin(str(interaction.user.id), str(interaction.channel_id), direct, can_manage)


# ---- shared ------------------------------------------------------------------


async def ask(app, request: Request) -> Reply | None:
    """The core's answer, computed in a thread so the event loop keeps serving Discord."""
    return await asyncio.to_thread(app.handle, request)


async def send_reply(
    send: Callable[..., Awaitable[Any]], app, origin: Origin, reply: Reply, **extra
) -> None:
    """Send the reply's first page; a More button holds the remaining pages and the router's next page."""
    pages = render(reply)
    view = MoreView.for_rest(
        app, origin, pages[1:], reply.more, ephemeral=bool(extra.get("ephemeral"))
    )
    await send_page(send, pages[0], view, **extra)


async def send_page(
    send: Callable[..., Awaitable[Any]], page: Page, view: MoreView | None, **extra
) -> None:
    kwargs = page_kwargs(page)
    if view is not None:
        kwargs["view"] = view
    message = await send(**kwargs, allowed_mentions=NO_MENTIONS, **extra)
    if view is not None:
        view.message = message


def page_kwargs(page: Page) -> dict:
    """send() keywords for one page (only those present: webhooks reject content=None)."""
    kwargs: dict = {}
    if page.content:
        kwargs["content"] = page.content
    if page.embeds:
        kwargs["embeds"] = list(page.embeds)
    return kwargs


def _description(name: str) -> str:
    text = REGISTRY[name].help
    return (
        text if len(text) <= SLASH_DESCRIPTION_CHARS else text[: SLASH_DESCRIPTION_CHARS - 1] + "…"
    )


def _quoted(*words: str, **options: str) -> str:
    """Slash-command values as router text: shell-quoted so spaces and commas survive its shlex split."""
    parts = [shlex.quote(w.strip()) for w in words if w and w.strip()]
    parts += [
        f"--{key} {shlex.quote(value.strip())}"
        for key, value in options.items()
        if value and value.strip()
    ]
    return " ".join(parts)


def _check_permission_name(name: str) -> None:
    if name not in discord.Permissions.VALID_FLAGS:
        raise ConfigError(
            f"DISCORD_MANAGE_PERMISSION={name!r} is not a Discord permission; "
            "use a name such as manage_channels or manage_guild"
        )


def _silence_voice_warnings() -> None:
    # quotebot never joins voice; without this, discord.py logs "PyNaCl is not installed" on every start.
    for flag in ("warn_nacl", "warn_dave"):
        if hasattr(discord.VoiceClient, flag):
            setattr(discord.VoiceClient, flag, False)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
