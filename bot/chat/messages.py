"""What crosses the core/adapter boundary: a Request in, a Reply out.

Replies carry data, not markup: every string that came from an article
(speaker, quote, title) stays a plain field, so each adapter can escape it
for its platform and no quoted `@everyone` or `<!channel>` ever pings anyone.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    """One chat command as an adapter received it."""

    text: str  # the command as typed: "/quotes Zelensky", "!digest 7d", "quotes search ceasefire"
    user_id: str = "console"
    channel_id: str = "console"
    platform: str = "console"  # "slack", "discord", "console"
    can_manage: bool = True  # may change this channel's subscription (Discord: Manage Channels)


@dataclass(frozen=True)
class QuoteView:
    """A stored quote with its source, ready to render."""

    id: int
    speaker: str
    text: str
    kind: str
    cue: str | None
    compound: float
    label: str
    emoji: str
    article_title: str
    article_url: str | None
    published: dt.date | None
    outlet: str | None
    speaker_as_written: str = ""
    role: str | None = None
    # The quoted pieces of a mixed quote as (start, end) offsets into `text`, shown in bold.
    verbatim: tuple[tuple[int, int], ...] = ()
    speaker_type: str = "PERSON"  # PERSON, ORG, GPE, NORP, UNNAMED or GROUP


@dataclass(frozen=True)
class SpeakerStat:
    """How often a speaker is quoted, and how they sound on average."""

    name: str
    quotes: int
    articles: int
    average: float
    label: str
    emoji: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpeakerDigest:
    name: str
    count: int
    average: float
    label: str
    emoji: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class Source:
    """An article a digest quotes, listed once and referred to by its number."""

    number: int
    title: str
    url: str | None
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True)
class Digest:
    """A period's quotes, grouped by speaker, most quoted first."""

    period: str  # "last 24 hours", "2022-03-31", "since your last digest"
    summary: str  # "42 quotes from 17 speakers in 9 articles"
    speakers: tuple[SpeakerDigest, ...]
    average: float | None = None
    label: str = "neutral"
    emoji: str = ""
    most_positive: QuoteView | None = None
    most_negative: QuoteView | None = None
    articles: tuple[tuple[str, str | None], ...] = ()  # (title, url)
    quote_count: int = 0
    sources: tuple[Source, ...] = ()  # the articles of the quotes shown, each once, numbered
    more_speakers: int = 0  # speakers left out (`digest ... --full` shows them)
    since: dt.datetime | None = None  # naive UTC start of the window (None for a publication day)

    def source_of(self, quote: QuoteView) -> Source | None:
        """The numbered source a shown quote came from."""
        for source in self.sources:
            if (source.title, source.url) == (quote.article_title, quote.article_url):
                return source
        return None

    @property
    def empty(self) -> bool:
        return self.quote_count == 0


class ReplyKind(StrEnum):
    """What a reply is, so no adapter has to guess from its shape."""

    ANSWER = "answer"
    ERROR = "error"  # the command was understood and could not be done (unknown speaker, no right)
    USAGE = "usage"  # the command was typed against its grammar; the text ends with the usage line
    NOT_A_COMMAND = "not-a-command"  # no command by that name (or no command at all)


@dataclass(frozen=True)
class Image:
    """A picture to upload with a reply: PNG bytes, a file name, alt text saying what it shows."""

    data: bytes
    filename: str
    alt: str

    def __repr__(self) -> str:  # bytes in logs and test failures help nobody
        return f"Image({self.filename!r}, {len(self.data)} bytes, alt={self.alt!r})"


@dataclass(frozen=True)
class DeferredImage(Generic[T]):
    """A picture drawn only when an adapter asks, once the reply's text is out.

    A digest's chart takes matplotlib some 70 ms; the answer does not wait for it. `make(source)`
    draws it (in whatever thread the adapter chooses: Discord's worker thread, Slack's listener).
    Two are equal when they would draw the same picture, so equal digests make equal Replies.
    """

    make: Callable[[T], Image | None]
    source: T
    what: str = "a picture"  # named in the log when drawing fails

    def draw(self) -> Image | None:
        """The picture, or None when there is none or drawing failed (logged once: the text the
        adapter already sent stands on its own)."""
        try:
            return self.make(self.source)
        except Exception:
            log.exception("drawing %s failed; the reply went out without it", self.what)
            return None


@dataclass(frozen=True)
class Reply:
    """What the bot answers. `text` is plain text (adapters escape it); payloads carry the data."""

    text: str = ""
    ephemeral: bool = False
    title: str | None = None
    quotes: tuple[QuoteView, ...] = ()
    speakers: tuple[SpeakerStat, ...] = ()
    digest: Digest | None = None
    more: str | None = None  # the command that shows the next page, for a "More" button
    lines: tuple[str, ...] = ()  # plain list items (help, subscriptions, suggestions)
    kind: ReplyKind = ReplyKind.ANSWER

    @property
    def failed(self) -> bool:
        return self.kind is not ReplyKind.ANSWER

    @classmethod
    def error(
        cls, text: str, *, kind: ReplyKind = ReplyKind.ERROR, lines: tuple[str, ...] = ()
    ) -> Reply:
        """A failure, shown only to whoever asked."""
        return cls(text=text, ephemeral=True, kind=kind, lines=lines)

    image: Image | None = None  # a chart: Slack uploads it, Discord attaches it, the CLI saves it
    # A digest's chart: drawn after the text is sent, then posted under it (Slack) or added to its
    # message (Discord); the console and the CLI leave it undrawn.
    deferred_image: DeferredImage[Any] | None = None


class Outbox(Protocol):
    """Where scheduled digests go: each adapter implements post() for its platform.

    `post` may be a plain function or a coroutine function; the scheduler awaits the latter.
    It raises on failure, so the delivery is recorded as failed rather than sent.
    """

    platform: str

    def post(self, channel_id: str, reply: Reply) -> Awaitable[None] | None: ...
