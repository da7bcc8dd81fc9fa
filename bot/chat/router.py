"""The one command router: every platform's text in, a platform-neutral Reply out.

`/quotes digest 24h` (Slack), `!digest 24h` (Discord) and `digest 24h` (console)
all reach the same handler, so the platforms cannot drift apart.
"""

from __future__ import annotations

import difflib
import logging
import shlex

from bot.chat import commands as _commands  # noqa: F401  (importing it registers the handlers)
from bot.chat import follow_commands as _follow_commands  # noqa: F401
from bot.chat.messages import Reply, Request
from bot.chat.registry import REGISTRY, ROOT, Args, Context
from bot.errors import UserError

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong while answering that. It has been logged; please try again later."
)


class Router:
    """Parses a Request's text, calls its handler, and turns errors into plain replies."""

    def __init__(self, app, *, prefixes: tuple[str, ...] = ("/", "!")):
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
                text = text[len(prefix) :]
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
    return Reply(
        text=f"Unknown command {name!r}.{hint} Type {help_cmd} for the list.", ephemeral=True
    )
