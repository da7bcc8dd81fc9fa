"""The console adapter: the chat commands of Slack and Discord, in a terminal.

`/quotes Zelensky`, `!digest` and `quotes search ceasefire` all go through the
same router as the chat platforms. Output is built from rich `Text` objects,
never from markup strings, so quoted text cannot inject styles or escapes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from adapters.invisible import strip_invisible
from bot.chat.digest_text import more_line, quote_words, source_label, speaker_line
from bot.chat.format import (
    how,
    source_line,
    speaker_counts,
    speaker_name,
    tone,
    verbatim_runs,
)
from bot.chat.messages import Digest, QuoteView, Reply, ReplyKind, Request, Source, SpeakerStat
from bot.chat.registry import completions

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

TONE_STYLE = {"positive": "green", "neutral": "yellow", "negative": "red"}
PROMPT = "quotebot> "
EXIT_WORDS = {"exit", "quit", ":q"}
MORE_HINT = "Type 'more' for the next page."
# The exit status of `--once` and of the CLI's query commands, by what the reply is.
EXIT_STATUS = {
    ReplyKind.ANSWER: 0,
    ReplyKind.ERROR: 1,
    ReplyKind.USAGE: 2,
    ReplyKind.NOT_A_COMMAND: 2,
}
WELCOME = (
    "Type a chat command, Slack or Discord style: /quotes NAME, !digest, !speakers, "
    "/quotes search TEXT, "
    "help. 'more' shows the next page; 'exit' leaves."
)


class ConsoleAdapter:
    """A chat-like prompt in the terminal, over the core's router."""

    platform = "console"

    def __init__(
        self, app: App, *, console: Console | None = None, channel_id: str = "console"
    ) -> None:
        self.app = app
        self.console = console or Console(highlight=False, soft_wrap=True)
        self.channel_id = channel_id
        self._more: str | None = None

    def ask(self, text: str) -> Reply:
        """Send one command through the router, as a chat message would."""
        if text.strip().lower() == "more":
            if not self._more:
                return Reply.error("Nothing more to show.")
            text = self._more
        reply = self.app.handle(
            Request(text=text, channel_id=self.channel_id, platform=self.platform)
        )
        self._more = reply.more
        return reply

    def once(self, text: str) -> int:
        """Answer one command and print it; the exit status says what the reply was."""
        reply = self.ask(text)
        self.post(self.channel_id, reply)
        return EXIT_STATUS[reply.kind]

    def repl(self, *, stdin: TextIO | None = None) -> None:
        """Read commands until exit or end of input (with tab completion on a terminal)."""
        stdin = stdin or sys.stdin
        if stdin.isatty():
            _complete_commands()
        self.console.print(Text(WELCOME, style="dim"))
        while True:
            line = _read_line(stdin, self.console)
            if line is None or line.strip().lower() in EXIT_WORDS:
                break
            if line.strip():
                self.once(line)

    def post(self, channel_id: str, reply: Reply, *, more_hint: str = MORE_HINT) -> None:
        """Print a reply (also the scheduler's Outbox for console subscriptions)."""
        for part in render(reply, more_hint=more_hint):
            self.console.print(part)


def inert(text: str | None) -> str:
    """The terminal's neutraliser, for every string printed: no ESC or other C0/C1 control
    (`ESC[2J`, OSC-8 links), no direction override, no invisible character. rich Text objects
    (never markup strings) keep `[bold]` and the like as plain text."""
    return strip_invisible(text)


def render(reply: Reply, *, more_hint: str = MORE_HINT) -> list[Text]:
    """A reply as terminal lines."""
    parts: list[Text] = []
    if reply.title:
        parts.append(Text(inert(reply.title), style="bold underline"))
    if reply.text:
        parts.append(Text(inert(reply.text), style="dim" if reply.quotes else ""))
    parts.extend(Text(f"  • {inert(line)}") for line in reply.lines)
    parts.extend(render_quote(q) for q in reply.quotes)
    parts.extend(_render_speakers(reply.speakers))
    if reply.digest is not None:
        parts.extend(render_digest(reply.digest))
    if reply.image is not None and reply.digest is None:  # a digest's chart: the text says it all
        parts.append(
            Text(f"(a chart, {reply.image.filename}: `quotebot chart` saves it)", style="dim")
        )
    if reply.more:
        parts.append(Text(more_hint, style="dim"))
    return parts


def render_quote(q: QuoteView, *, indent: str = "") -> Text:
    """Speaker, quote, kind and tone, then the linked source."""
    line = Text(indent)
    line.append(inert(speaker_name(q)), style="bold")
    line.append(inert(f" ({how(q)}): ") + "“")
    for piece, word_for_word in verbatim_runs(q.text, q.verbatim):
        line.append(inert(piece), style="bold" if word_for_word else "")  # the verbatim words
    line.append("”")
    line.append("\n" + indent + "   ")
    line.append(inert(tone(q.emoji, q.label, q.compound)), style=TONE_STYLE.get(q.label, ""))
    line.append("  · ")
    line.append(_source(q), style="cyan")
    return line


def render_digest(d: Digest) -> list[Text]:
    """Each top speaker with their strongest quotes, then each source once, numbered."""
    if d.empty:
        return [Text(inert(d.summary))]
    lines = []
    for sp in d.speakers:
        head = Text(inert(sp.name), style="bold")
        head.append(f" — {speaker_line(sp)}", style=TONE_STYLE.get(sp.label, ""))
        lines.append(head)
        lines.extend(_digest_quote(q, d.source_of(q)) for q in sp.quotes)
    more = more_line(d)
    if more:
        lines.append(Text(more, style="dim"))
    lines.extend(_source_line(source) for source in d.sources)
    return lines


def _digest_quote(q: QuoteView, source: Source | None) -> Text:
    line = Text(inert(f"  “{quote_words(q)}” {how(q)}"))
    line.append(f" [{source.number}]" if source else "", style="cyan")
    line.append(f"  {q.emoji} {q.compound:+.2f}", style=TONE_STYLE.get(q.label, ""))
    return line


def _source_line(source: Source) -> Text:
    link = f" <{source.url}>" if source.url else ""
    return Text(inert(f"[{source.number}] {source_label(source)}{link}"), style="cyan")


def _render_speakers(stats: Iterable[SpeakerStat]) -> list[Text]:
    lines = []
    for i, s in enumerate(stats, 1):
        line = Text(f"{i:>3}. ")
        line.append(inert(s.name), style="bold")
        line.append(f"  {speaker_counts(s.quotes, s.articles)}, ")
        line.append(tone(s.emoji, s.label, s.average), style=TONE_STYLE.get(s.label, ""))
        lines.append(line)
    return lines


def _source(q: QuoteView) -> str:
    text = source_line(q, q.article_title)
    return inert(f"{text} <{q.article_url}>" if q.article_url else text)


def _complete_commands() -> None:
    """Tab completes command names, then the options and choices of the command typed."""
    try:
        import readline
    except ImportError:  # no readline on this platform: the prompt works without completion
        return

    def complete(_word: str, state: int) -> str | None:
        line = readline.get_line_buffer()[: readline.get_endidx()]
        found = completions(line)
        return found[state] + " " if state < len(found) else None

    readline.set_completer_delims(" \t")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _read_line(stdin: TextIO, console: Console) -> str | None:
    if stdin.isatty():
        try:
            return console.input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            console.print()
            return None
    line = stdin.readline()
    return line.rstrip("\n") if line else None
