"""The one command router: every platform's text in, a platform-neutral Reply out.

`/quotes digest 24h` (Slack), `!digest 24h` (Discord) and `digest 24h` (console)
all reach the same handler, so the platforms cannot drift apart.
"""

from __future__ import annotations

import difflib
import logging
import shlex
from dataclasses import dataclass, field
from typing import Callable

from bot.errors import UserError
from bot.messages import Reply, Request

log = logging.getLogger(__name__)

ROOT = "quotes"  # the slash command; "/quotes NAME" asks for a speaker's quotes
SORRY = "Sorry, something went wrong while answering that. It has been logged; please try again later."


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
    app: object  # bot.app.App
    request: Request


class Router:
    """Parses a Request's text, calls its handler, and turns errors into plain replies."""

    def __init__(self, app, *, prefixes: tuple[str, ...] = ("/", "!")):
        import bot.commands  # noqa: F401  (registers the handlers)

        self.app = app
        self.prefixes = prefixes

    def handle(self, request: Request) -> Reply | None:
        """Answer one command; None when the text is not a command at all."""
        name, argtext = self.parse(request.text)
        if not name:
            return None
        cmd = REGISTRY.get(name)
        if cmd is None:
            return unknown_command(name, platform=request.platform)
        try:
            return cmd.handler(Context(self.app, request), split_args(argtext))
        except UserError as exc:
            return Reply(text=f"{exc}\nUsage: {cmd.usage}", ephemeral=True)
        except Exception:
            log.exception("command %r failed", request.text)
            return Reply(text=SORRY, ephemeral=True)

    def parse(self, text: str) -> tuple[str, str]:
        """'/quotes digest 7d' -> ('digest', '7d'); '!quotes Zelensky' -> ('quotes', 'Zelensky')."""
        text = (text or "").strip()
        for prefix in self.prefixes:
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
                break
        first, _, rest = text.partition(" ")
        first, rest = first.lower(), rest.strip()
        if first == ROOT:
            sub, _, subrest = rest.partition(" ")
            if sub.lower() in REGISTRY and sub.lower() != ROOT:
                return sub.lower(), subrest.strip()
            return (ROOT, rest) if rest else ("help", "")
        return first, rest


def split_args(argtext: str) -> Args:
    """Split like a shell (quotes group words), with --key value and --key=value options."""
    try:
        parts = shlex.split(argtext)
    except ValueError:  # an unbalanced quote mark: take the words as typed
        parts = argtext.split()
    words, options = [], {}
    i = 0
    while i < len(parts):
        part = parts[i]
        if part.startswith("--") and len(part) > 2:
            key, eq, value = part[2:].partition("=")
            if not eq and i + 1 < len(parts) and not parts[i + 1].startswith("--"):
                value, i = parts[i + 1], i + 1
            options[key.lower()] = value
        else:
            words.append(part)
        i += 1
    return Args(tuple(words), options, argtext)


HELP_HINT = {"slack": "/quotes help", "discord": "!help"}


def unknown_command(name: str, *, platform: str = "console") -> Reply:
    """Name the unknown command and suggest the closest ones."""
    close = difflib.get_close_matches(name, sorted(REGISTRY), n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    help_cmd = HELP_HINT.get(platform, "help")
    return Reply(text=f"Unknown command {name!r}.{hint} Type {help_cmd} for the list.", ephemeral=True)


def commands() -> list[Command]:
    """Each registered command once, in registration order."""
    seen: dict[str, Command] = {}
    for cmd in REGISTRY.values():
        seen.setdefault(cmd.name, cmd)
    return list(seen.values())
