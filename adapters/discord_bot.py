"""The Discord adapter: the bot, its start-up and its outbox; a thin translator over the router.

The commands (prefix and slash, generated from the router's registry) live in discord_commands,
the embeds in discord_embeds. `app.handle` runs in a thread so SQL never blocks the gateway.
Every send passes `AllowedMentions.none()` explicitly: a quoted `@everyone` pings nobody.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord_commands import (
    PLATFORM,
    add_commands,
    answer_context,
    attach_deferred,
    send_text,
)
from adapters.discord_embeds import NO_MENTIONS, render
from adapters.discord_limits import page_kwargs
from bot.chat.messages import Reply
from bot.chat.router import SORRY
from bot.errors import ConfigError, UserError

if TYPE_CHECKING:
    from adapters.compose import Jobs, Stoppable
    from bot.app import App
    from bot.settings import Settings

log = logging.getLogger(__name__)

COMMAND_WORD = re.compile(r"^[a-z][a-z0-9_-]{0,31}$", re.IGNORECASE)  # "!!!" is chat, not a typo

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
    "Discord refused to register the slash commands in guild {guild} (DISCORD_GUILD_ID): invite "
    "the bot to that server with the applications.commands scope, or unset DISCORD_GUILD_ID to "
    "register globally"
)


class QuoteBot(commands.Bot):
    """commands.Bot carrying the App; slash commands sync on start; command errors become replies.

    `jobs`, given by the composition root, starts the digest scheduler on this bot's loop with
    its outbox once the bot is set up; whatever it returns is shut down when the bot closes.
    """

    def __init__(
        self,
        app: App,
        settings: Settings,
        *,
        intents: discord.Intents,
        jobs: Jobs | None = None,
    ) -> None:
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
        self.jobs: Stoppable | None = None
        self._start_jobs = jobs

    async def setup_hook(self) -> None:
        """Register the slash commands (one guild when DISCORD_GUILD_ID is set), then start jobs."""
        await sync_commands(self.tree, self.quotebot_settings.discord_guild_id)
        if self._start_jobs is not None:
            self.jobs = self._start_jobs(self.outbox)

    async def close(self) -> None:
        if self.jobs is not None:
            self.jobs.shutdown()
            self.jobs = None
        await super().close()

    async def on_command_error(
        self, ctx: commands.Context[Any], error: commands.CommandError
    ) -> None:
        """Unknown commands get the router's suggestions; anything unexpected is apologised for."""
        if isinstance(error, commands.CommandNotFound):
            if ctx.invoked_with and COMMAND_WORD.match(ctx.invoked_with):
                await answer_context(ctx, ctx.message.content)
            return
        if isinstance(error, commands.UserInputError):
            await send_text(ctx, f"{error} Type {ctx.prefix}help for the usage.")
            return
        original = getattr(error, "original", error)
        log.error("Discord command %r failed", ctx.message.content, exc_info=original)
        await send_text(ctx, SORRY)


class DiscordOutbox:
    """The scheduler's way into Discord: post a Reply (a digest) to a channel by id."""

    platform = PLATFORM

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def post(self, channel_id: str, reply: Reply) -> None:
        """Send every page of `reply`, then add its chart to the first (drawn only then); raises
        when Discord refuses a page, so the delivery is failed (a lost chart is only logged)."""
        channel = await self._channel(channel_id)
        sent = [
            await channel.send(**page_kwargs(page), allowed_mentions=NO_MENTIONS)
            for page in render(reply)
        ]
        await attach_deferred(sent[0], reply)

    async def _channel(self, channel_id: str) -> Any:
        if not str(channel_id).isdigit():
            raise UserError(
                f"Discord channel id {channel_id!r} is not a number; "
                "unsubscribe and subscribe again"
            )
        found = self.bot.get_channel(int(channel_id))
        return found or await self.bot.fetch_channel(int(channel_id))


def create_bot(
    app: App | None = None,
    settings: Settings | None = None,
    *,
    intents: discord.Intents | None = None,
    jobs: Jobs | None = None,
) -> QuoteBot:
    """The configured bot, not connected: settings and App from the environment by default."""
    from adapters.compose import compose, settings_from_environment

    settings = settings or (app.settings if app is not None else settings_from_environment())
    _check_permission_name(settings.discord_manage_permission)
    app = app or compose(settings)
    _silence_voice_warnings()
    bot = QuoteBot(app, settings, intents=intents or default_intents(), jobs=jobs)
    add_commands(bot)
    return bot


def run(app: App, settings: Settings, *, jobs: Jobs | None = None) -> None:
    """Connect with DISCORD_TOKEN and answer until stopped; problems raise a one-line UserError."""
    settings.require("discord")
    asyncio.run(serve(app, settings, jobs=jobs))


async def serve(app: App, settings: Settings, *, jobs: Jobs | None = None) -> None:
    """`run` inside a running loop; the bot (and so its jobs) is closed however it ends."""
    bot = create_bot(app, settings, jobs=jobs)
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


async def sync_commands(
    tree: app_commands.CommandTree[Any], guild_id: int | None
) -> list[app_commands.AppCommand]:
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
    """Default intents plus message content, which prefix commands need (privileged)."""
    intents = discord.Intents.default()
    intents.message_content = True
    return intents


def _check_permission_name(name: str) -> None:
    if name not in discord.Permissions.VALID_FLAGS:
        raise ConfigError(
            f"DISCORD_MANAGE_PERMISSION={name!r} is not a Discord permission; "
            "use a name such as manage_channels or manage_guild"
        )


def _silence_voice_warnings() -> None:
    # quotebot never joins voice; without this, discord.py logs "PyNaCl is not installed" on every
    # start.
    for flag in ("warn_nacl", "warn_dave"):
        if hasattr(discord.VoiceClient, flag):
            setattr(discord.VoiceClient, flag, False)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
