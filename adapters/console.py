"""The console adapter: the chat commands of Slack and Discord, in a terminal.

`/quotes Zelensky`, `!digest` and `quotes search ceasefire` all go through the
same router as the chat platforms. Output is built from rich `Text` objects,
never from markup strings, so quoted text cannot inject styles or escapes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from bot.chat.messages import Digest, QuoteView, Reply, Request, SpeakerStat

log = logging.getLogger(__name__)

TONE_STYLE = {"positive": "green", "neutral": "yellow", "negative": "red"}
PROMPT = "quotebot> "
EXIT_WORDS = {"exit", "quit", ":q"}
WELCOME = (
    "Type a chat command, Slack or Discord style: /quotes NAME, !digest, !speakers, /quotes search TEXT, "
    "help. 'more' shows the next page; 'exit' leaves."
)


class ConsoleAdapter:
    """A chat-like prompt in the terminal, over the core's router."""

    platform = "console"

    def __init__(self, app, *, console: Console | None = None, channel_id: str = "console"):
        self.app = app
        self.console = console or Console(highlight=False, soft_wrap=True)
        self.channel_id = channel_id
        self._more: str | None = None

    def ask(self, text: str) -> Reply | None:
        """Send one command through the router, as a chat message would."""
        if text.strip().lower() == "more":
            if not self._more:
                return Reply(text="Nothing more to show.", ephemeral=True)
            text = self._more
        reply = self.app.handle(
            Request(text=text, channel_id=self.channel_id, platform=self.platform)
        )
        if reply is not None:
            self._more = reply.more
        return reply

    def once(self, text: str) -> int:
        """Answer one command and print it; the exit code is 1 for an ephemeral (error) answer."""
        reply = self.ask(text)
        if reply is None:
            self.console.print(Text(f"Not a command: {text!r}. Type help."))
            return 2
        self.post(self.channel_id, reply)
        return 1 if reply.ephemeral and _is_error(reply) else 0

    def repl(self, *, stdin=None) -> None:
        """Read commands until exit or end of input."""
        stdin = stdin or sys.stdin
        self.console.print(Text(WELCOME, style="dim"))
        while True:
            line = _read_line(stdin, self.console)
            if line is None or line.strip().lower() in EXIT_WORDS:
                break
            if line.strip():
                self.once(line)

    def post(
        self, channel_id: str, reply: Reply, *, more_hint: str = "Type 'more' for the next page."
    ) -> None:
        """Print a reply (also the scheduler's Outbox for console subscriptions)."""
        for part in render(reply, more_hint=more_hint):
            self.console.print(part)


def render(reply: Reply, *, more_hint: str = "Type 'more' for the next page.") -> list[Text]:
    """A reply as terminal lines."""
    parts: list[Text] = []
    if reply.title:
        parts.append(Text(reply.title, style="bold underline"))
    if reply.text:
        parts.append(Text(reply.text, style="dim" if reply.quotes else ""))
    parts.extend(Text(f"  • {line}") for line in reply.lines)
    parts.extend(render_quote(q) for q in reply.quotes)
    parts.extend(_render_speakers(reply.speakers))
    if reply.digest is not None:
        parts.extend(render_digest(reply.digest))
    if reply.more:
        parts.append(Text(more_hint, style="dim"))
    return parts


def render_quote(q: QuoteView, *, indent: str = "") -> Text:
    """Speaker, quote, kind and tone, then the linked source."""
    line = Text(indent)
    line.append(q.speaker, style="bold")
    line.append(f" ({q.kind}{', ' + q.cue if q.cue else ''}): ")
    line.append(f"“{q.text}”")
    line.append("\n" + indent + "   ")
    line.append(f"{q.emoji} {q.label} {q.compound:+.2f}", style=TONE_STYLE.get(q.label, ""))
    line.append("  · ")
    line.append(_source(q), style="cyan")
    return line


def render_digest(d: Digest) -> list[Text]:
    if d.empty:
        return [Text(d.summary)]
    lines = [
        Text(
            f"Average tone: {d.emoji} {d.label} {d.average:+.2f}", style=TONE_STYLE.get(d.label, "")
        )
    ]
    for sp in d.speakers:
        head = Text(f"\n{sp.name}", style="bold")
        head.append(
            f" — {sp.count} quote{'s' * (sp.count != 1)}, {sp.emoji} {sp.label} {sp.average:+.2f}",
            style=TONE_STYLE.get(sp.label, ""),
        )
        lines.append(head)
        lines.extend(render_quote(q, indent="  ") for q in sp.quotes)
    for caption, quote in (("Most positive", d.most_positive), ("Most negative", d.most_negative)):
        if quote is not None:
            lines.append(Text(f"\n{caption}: ", style="bold") + render_quote(quote))
    lines.append(Text("\nSources:", style="bold"))
    lines.extend(
        Text(f"  {title} <{url}>" if url else f"  {title}", style="cyan")
        for title, url in d.articles
    )
    return lines


def _render_speakers(stats: Iterable[SpeakerStat]) -> list[Text]:
    lines = []
    for i, s in enumerate(stats, 1):
        line = Text(f"{i:>3}. ")
        line.append(s.name, style="bold")
        line.append(
            f"  {s.quotes} quote{'s' * (s.quotes != 1)} in {s.articles} article{'s' * (s.articles != 1)}, "
        )
        line.append(f"{s.emoji} {s.label} {s.average:+.2f}", style=TONE_STYLE.get(s.label, ""))
        lines.append(line)
    return lines


def _source(q: QuoteView) -> str:
    bits = [q.article_title]
    if q.outlet:
        bits.append(q.outlet)
    if q.published:
        bits.append(q.published.isoformat())
    text = ", ".join(bits)
    return f"{text} <{q.article_url}>" if q.article_url else text


def _is_error(reply: Reply) -> bool:
    return not (reply.quotes or reply.speakers or reply.digest or reply.title)


def _read_line(stdin, console: Console) -> str | None:
    if stdin.isatty():
        try:
            return console.input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            console.print()
            return None
    line = stdin.readline()
    return line.rstrip("\n") if line else None
