"""The one command router: every platform's text in, a platform-neutral Reply out.

`/quotes digest 24h` (Slack), `!digest 24h` (Discord) and `digest 24h` (console)
all reach the same handler, so the platforms cannot drift apart. The router reads the words
against the command's declaration (bot/chat/grammar.py) and says what each reply is (its kind).
"""

from __future__ import annotations

import difflib
import logging
from typing import TYPE_CHECKING

from bot.chat import commands, follow_commands, manage  # noqa: F401  (they register the handlers)
from bot.chat.grammar import parse
from bot.chat.messages import Reply, ReplyKind, Request
from bot.chat.registry import REGISTRY, ROOT, Context
from bot.errors import UsageError, UserError

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong while answering that. It has been logged; please try again later."
)
HELP_HINT = {"slack": "/quotes help", "discord": "!help"}


class Router:
    """Parses a Request's text, calls its handler, and turns errors into plain replies."""

    def __init__(self, app: App, *, prefixes: tuple[str, ...] = ("/", "!")):
        self.app = app
        self.prefixes = prefixes

    def handle(self, request: Request) -> Reply:
        """Answer one command; text that names no command gets a NOT_A_COMMAND reply."""
        name, argtext = self.parse(request.text)
        cmd = REGISTRY.get(name)
        if cmd is None:
            return not_a_command(name, platform=request.platform)
        try:
            return cmd.handler(Context(self.app, request), parse(cmd, argtext))
        except UsageError as exc:
            return Reply.error(f"{exc}\nUsage: {cmd.usage}", kind=ReplyKind.USAGE)
        except UserError as exc:
            return Reply.error(str(exc))
        except Exception:
            log.exception("command %r failed", request.text)
            return Reply.error(SORRY)

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


def not_a_command(name: str, *, platform: str = "console") -> Reply:
    """The one answer to text that is no command: name it, suggest the closest, point to help."""
    help_cmd = HELP_HINT.get(platform, "help")
    if not name:
        return Reply.error(
            f"That is not a command. Type {help_cmd} for the list.",
            kind=ReplyKind.NOT_A_COMMAND,
        )
    close = difflib.get_close_matches(name, sorted(REGISTRY), n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return Reply.error(
        f"Unknown command {name!r}.{hint} Type {help_cmd} for the list.",
        kind=ReplyKind.NOT_A_COMMAND,
    )
