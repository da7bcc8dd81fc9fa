"""Test plumbing for the Discord adapter: the real bot under dpytest, plus what dpytest cannot show.

dpytest (0.7.0) runs discord.py's real gateway parsing, `process_commands`, converters and
`Messageable.send`, with a fake HTTP client in place of Discord. Two gaps are filled here:
- it does not keep a sent message's allowed mentions, so `SentLog` wraps the fake HTTP client's
  `send_message` and records the exact JSON payload discord.py built (its `allowed_mentions` is
  what Discord would obey), with the View passed to `send`; it also drops the embeds of a message
  with a file (it reads them only from a plain payload), so the wrapper hands it the multipart's
  payload as well, as Discord would read it;
- its `edit_message` reads only a plain payload and keeps no files, so `SentLog` records each
  edit (payload and files, the message id) and hands dpytest the multipart's payload with the files
  as attachments, as Discord would store them;
- it cannot simulate interactions, so `FakeInteraction` stands in for Discord's side of a slash
  command or a button click and records every response and follow-up with its keywords.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest

from adapters.discord_bot import create_bot, default_intents

DEFAULT_ROLE_PERMISSIONS = 104324161  # Discord's @everyone default, as dpytest builds it
_ids = itertools.count(900_000_000_000_000_001)


@dataclass
class Sent:
    """One message the bot sent (or edited: `edit_of` is the message id) through discord.py's HTTP
    client."""

    payload: dict
    view: discord.ui.View | None
    files: list[bytes] = field(default_factory=list)
    edit_of: int | None = None


class SentLog(list):
    """Every `send_message` payload, in order; `edits` every `edit_message`, and `events` both, in
    the order they happened."""

    def __init__(self) -> None:
        super().__init__()
        self.edits: list[Sent] = []
        self.events: list[Sent] = []

    def attach(self, bot: discord.Client) -> SentLog:
        self._attach_send(bot)
        self._attach_edit(bot)
        return self

    def _attach_send(self, bot: discord.Client) -> None:
        original = bot.http.send_message

        async def send_message(channel_id, *, params):
            # dpytest's FakeHttp reads `channel` from its caller's frame; keep that local here for
            # it.
            caller = sys._getframe(1).f_locals
            channel = caller.get("channel")  # noqa: F841
            self.append(Sent(_payload(params), caller.get("view")))
            self.events.append(self[-1])
            if params.files and not params.payload:
                params = params._replace(payload=_payload(params))
            return await original(channel_id, params=params)

        bot.http.send_message = send_message

    def _attach_edit(self, bot: discord.Client) -> None:
        original = bot.http.edit_message
        log = self

        async def edit_message(channel_id, message_id, *, params):
            # dpytest's FakeHttp reads the edited message as `self` from its caller's frame.
            self = sys._getframe(1).f_locals.get("self")  # noqa: F841
            payload = _payload(params)
            named = [(f.filename, _read(f)) for f in params.files or ()]
            log.edits.append(Sent(payload, None, [d for _, d in named], edit_of=int(message_id)))
            log.events.append(log.edits[-1])
            stored = dict(payload)
            if named:
                stored["attachments"] = [_attachment(name, data) for name, data in named]
            return await original(channel_id, message_id, params=params._replace(payload=stored))

        bot.http.edit_message = edit_message


def _read(file: discord.File) -> bytes:
    file.fp.seek(0)
    return file.fp.read()


def _attachment(filename: str, data: bytes) -> dict:
    """An uploaded file as Discord stores it (dpytest keeps sent files in the working directory)."""
    path = Path(f"dpytest_edit_{next(_ids)}.dat")
    path.write_bytes(data)
    uri = path.absolute().as_uri()
    return dpytest.factories.make_attachment_dict(filename, len(data), uri, uri)


def _payload(params: Any) -> dict:
    """The JSON discord.py built: plain, or (with files attached) the multipart's payload_json."""
    if params.payload:
        return dict(params.payload)
    parts = [p["value"] for p in params.multipart or () if p.get("name") == "payload_json"]
    return json.loads(parts[0]) if parts else {}


def bot_intents() -> discord.Intents:
    """The bot's intents plus members, which dpytest needs to build its guild."""
    intents = default_intents()
    intents.members = True
    return intents


@dataclass
class DiscordEnv:
    """A configured test guild: the bot, one text channel, a reader and a moderator."""

    bot: Any
    sent: SentLog
    channel: discord.TextChannel
    reader: discord.Member
    moderator: discord.Member

    def interaction(self, member: discord.Member | None = None) -> FakeInteraction:
        return FakeInteraction(member or self.reader, self.channel)


async def start_bot(app) -> DiscordEnv:
    """The real QuoteBot from create_bot, wired to dpytest, with the log of what it sends."""
    bot = create_bot(app, app.settings, intents=bot_intents())
    await (
        bot._async_setup_hook()
    )  # what login() would do first: bind the loop (dpytest's documented step)
    dpytest.configure(bot, members=["Reader", "Moderator"])
    config = dpytest.get_config()
    return DiscordEnv(
        bot, SentLog().attach(bot), config.channels[0], config.members[0], config.members[1]
    )


async def grant_manage_channels(member: discord.Member) -> None:
    """Give `member` a role with Manage Channels, as a server admin would."""
    guild = member.guild
    value = DEFAULT_ROLE_PERMISSIONS | discord.Permissions(manage_channels=True).value
    role = dpytest.backend.make_role("Moderators", guild, permissions=value)
    await dpytest.add_role(member, role)


def pings_nobody(allowed: Any) -> bool:
    """True when allowed mentions (a payload dict or an AllowedMentions) let nothing ping."""
    if isinstance(allowed, discord.AllowedMentions):
        return not (allowed.everyone or allowed.users or allowed.roles or allowed.replied_user)
    return (
        allowed["parse"] == []
        and not allowed.get("users")
        and not allowed.get("roles")
        and not allowed.get("replied_user", False)
    )


def unescaped(text: str) -> str:
    """Text as Discord shows it: a backslash escape shows the character after it."""
    return re.sub(r"\\(.)", r"\1", text or "")


def embed_text(embeds) -> str:
    """All visible text of some embeds, for 'the user sees X' assertions."""
    parts = []
    for e in embeds:
        parts += [e.author.name or "", e.title or "", e.description or "", e.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(p for p in parts if p)


# ---- Discord's side of an interaction ---------------------------------------


@dataclass
class Call:
    name: str
    kwargs: dict


@dataclass
class FakeMessage:
    """A message Discord created for a follow-up; it records later edits."""

    kwargs: dict
    edits: list = field(default_factory=list)

    async def edit(self, **kwargs):
        self.edits.append(kwargs)


class FakeResponse:
    def __init__(self, calls: list[Call]):
        self.calls = calls
        self._done = False

    def is_done(self) -> bool:
        return self._done

    async def _respond(self, name: str, kwargs: dict) -> None:
        if self._done:
            raise discord.InteractionResponded(None)  # Discord accepts one response per interaction
        self._done = True
        self.calls.append(Call(name, kwargs))

    async def defer(self, **kwargs):
        await self._respond("defer", kwargs)

    async def send_message(self, content=None, **kwargs):
        await self._respond("send_message", {"content": content, **kwargs})

    async def edit_message(self, **kwargs):
        await self._respond("edit_message", kwargs)


class FakeFollowup:
    def __init__(self, calls: list[Call]):
        self.calls = calls
        self.messages: list[FakeMessage] = []  # what each follow-up created, with its edits

    async def send(self, content=None, **kwargs):
        call = Call("followup", {"content": content, **kwargs})
        self.calls.append(call)
        self.messages.append(FakeMessage(call.kwargs))
        return self.messages[-1]


class FakeInteraction:
    """What Discord hands a slash command or button callback: who, where, with which permissions."""

    def __init__(
        self, member: discord.Member | discord.User, channel, *, guild_id: int | None = None
    ):
        self.user = member
        self.channel = channel
        self.channel_id = channel.id
        self.guild_id = (
            guild_id
            if guild_id is not None
            else getattr(getattr(channel, "guild", None), "id", None)
        )
        # Discord resolves the member's permissions in the channel, overwrites included; so does
        # this.
        self.permissions = (
            channel.permissions_for(member)
            if self.guild_id is not None
            else discord.Permissions.none()
        )
        self.calls: list[Call] = []
        self.response = FakeResponse(self.calls)
        self.followup = FakeFollowup(self.calls)
        self.id = next(_ids)

    async def delete_original_response(self):
        self.calls.append(Call("delete_original_response", {}))

    def named(self, name: str) -> list[Call]:
        return [c for c in self.calls if c.name == name]

    @property
    def followups(self) -> list[dict]:
        return [c.kwargs for c in self.named("followup")]
