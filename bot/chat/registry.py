"""The command registry: each chat command registered once, with its usage and help."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.chat.messages import Request
from bot.errors import UserError

if TYPE_CHECKING:
    from bot.app import App

ROOT = "quotes"  # the slash command; "/quotes NAME" asks for a speaker's quotes


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    help: str
    handler: Callable
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Args:
    """A command's arguments: words in order, and --options."""

    words: tuple[str, ...]
    options: dict = field(default_factory=dict)
    raw: str = ""

    @property
    def rest(self) -> str:
        return " ".join(self.words)

    def page(self) -> int:
        value = self.options.get("page", "1")
        if not str(value).isdigit() or int(value) < 1:
            raise UserError(f"--page takes a page number such as 2, not {value!r}")
        return int(value)


REGISTRY: dict[str, Command] = {}


def command(name: str, *, usage: str, help: str, aliases: tuple[str, ...] = ()):
    """Register a handler `(ctx, args) -> Reply`; a duplicate name raises at import."""

    def register(handler: Callable) -> Callable:
        for key in (name, *aliases):
            if key in REGISTRY:
                raise ValueError(f"command {key!r} is registered twice")
            REGISTRY[key] = Command(name, usage, help, handler, aliases)
        return handler

    return register


@dataclass(frozen=True)
class Context:
    app: App
    request: Request


def commands() -> list[Command]:
    """Each registered command once, in registration order."""
    seen: dict[str, Command] = {}
    for cmd in REGISTRY.values():
        seen.setdefault(cmd.name, cmd)
    return list(seen.values())
