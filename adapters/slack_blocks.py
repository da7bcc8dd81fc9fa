"""A Reply as a Slack message: Block Kit blocks plus fallback text, escaped and within Slack's
limits.

Every string that came from an article or from a user goes through `data()` (or `escape()`),
so a quoted `<!channel>` arrives as `&lt;!channel&gt;` and pings nobody. Text objects that carry
data are `verbatim`, so Slack does not auto-link names or mentions in them either. Limits are met
by clipping and dropping (with a note), never by failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from adapters.invisible import strip_invisible
from bot.chat import digest_text
from bot.chat import format as fmt
from bot.chat.digest_text import more_line, source_label, speaker_line
from bot.chat.messages import Digest, QuoteView, Reply, SpeakerDigest, SpeakerStat

MAX_BLOCKS = 50  # per message
MAX_SECTION = 3000  # characters in a section's text
MAX_HEADER = 150  # characters in a header's plain text
MAX_FALLBACK = 3000  # the notification text; Slack allows more, nobody reads more
MAX_BUTTON_VALUE = 2000
MAX_QUOTE = 700  # one long quote must not crowd out the others
MAX_TITLE = 300
MAX_NAME = 200
MAX_URL = 1000  # a longer address is shown as its title only, so a link is never cut in half
MORE_ACTION = "quotes_more"
ELLIPSIS = "…"
SEPARATOR = fmt.SEPARATOR
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# mrkdwn has no escape character: look-alikes keep a quoted *word* or `code` from changing the
# layout.
LOOKALIKES = str.maketrans({"*": "∗", "_": "ˍ", "~": "∼", "`": "ˋ"})
WHITESPACE = re.compile(r"\s+")
LINK_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class SlackMessage:
    """What one reply becomes on Slack: the blocks and the plain fallback (notification) text."""

    text: str
    blocks: tuple[dict, ...]
    ephemeral: bool = False

    def response_payload(self) -> dict:
        """The JSON body for a response_url: a new message, ephemeral or in the channel."""
        return {
            "text": self.text,
            "blocks": list(self.blocks),
            "response_type": "ephemeral" if self.ephemeral else "in_channel",
            "replace_original": False,
        }


def render(reply: Reply) -> SlackMessage:
    """Render a Reply as blocks; any reply fits one message."""
    blocks: list[dict] = []
    if reply.title:
        blocks.append(_header(reply.title))
    if reply.text:
        blocks.append(
            _context(escape(reply.text)) if reply.quotes else _section(escape(reply.text))
        )
    blocks.extend(_quote_blocks(reply.quotes))
    blocks.extend(_sections(_speaker_line(s) for s in reply.speakers))
    if reply.digest is not None:
        blocks.extend(_digest_blocks(reply.digest))
    blocks.extend(_sections(f"• {escape(line)}" for line in reply.lines))
    tail = [_more_blocks(reply.more)] if reply.more else []
    return SlackMessage(
        text=_fallback(reply), blocks=tuple(_fit(blocks, tail)), ephemeral=reply.ephemeral
    )


def escape(text: str) -> str:
    """Slack's neutraliser, for every string a reply carries: controls, direction overrides and
    invisible characters removed, and Slack's three control characters escaped, so text can
    never form a link or a mention."""
    return strip_invisible(text).translate(ESCAPES)


def data(text: str, limit: int = MAX_SECTION) -> str:
    """Article or user text for mrkdwn: one line, neutralised (`escape`), formatting marks too."""
    one_line = WHITESPACE.sub(" ", strip_invisible(text)).strip()
    return clip(escape(one_line.translate(LOOKALIKES)), limit)


def clip(escaped: str, limit: int) -> str:
    """Shorten already-escaped text to `limit` characters without cutting an entity like `&amp;`."""
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - len(ELLIPSIS)]
    amp = cut.rfind("&", max(0, len(cut) - len("&amp;")))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + ELLIPSIS


def link(url: str | None, title: str) -> str:
    """`<url|title>` for an http(s) URL; just the escaped title otherwise."""
    label = data(title or url or "source", MAX_TITLE)
    if not url or urlparse(url).scheme.lower() not in LINK_SCHEMES:
        return label
    # `|` and `>` would end the link early; percent-encoding keeps the same address.
    safe_url = escape(url.strip().replace("|", "%7C").replace(" ", "%20"))
    return f"<{safe_url}|{label}>" if len(safe_url) <= MAX_URL else label


def tone(emoji: str, label: str, score: float | None) -> str:
    """'🙁 negative -0.62': label, score and emoji together, as a signal (escaped)."""
    return escape(fmt.tone(emoji, label, score))


def quote_text(quote: QuoteView, *, with_speaker: bool = True) -> str:
    """One quote as mrkdwn: who and how it sounded, the words, and the linked source."""
    head = [f"*{data(fmt.speaker_name(quote), MAX_NAME)}*"] if with_speaker else []
    head += [data(fmt.how(quote), 60), tone(quote.emoji, quote.label, quote.compound)]
    source = fmt.source_line(quote, link(quote.article_url, quote.article_title), _name)
    return f"{SEPARATOR.join(head)}\n>{quote_words(quote)}\n{source}"


def quote_words(quote: QuoteView) -> str:
    """The quote's words as data, with the verbatim pieces of a mixed quote in bold."""
    text = quote.text if len(quote.text) <= MAX_QUOTE else quote.text[: MAX_QUOTE - 1] + ELLIPSIS
    parts = []
    for piece, word_for_word in fmt.verbatim_runs(text, quote.verbatim):
        inert = WHITESPACE.sub(" ", strip_invisible(piece)).translate(LOOKALIKES).translate(ESCAPES)
        bare = inert.strip()
        # Bold marks must touch the words: spaces stay outside them.
        parts.append(inert.replace(bare, f"*{bare}*", 1) if word_for_word and bare else inert)
    return "".join(parts).strip()


# ---- blocks ----------------------------------------------------------------


def _quote_blocks(quotes) -> list[dict]:
    blocks: list[dict] = []
    for i, quote in enumerate(quotes):
        if i:
            blocks.append({"type": "divider"})
        blocks.append(_section(quote_text(quote)))
    return blocks


def _speaker_line(stat: SpeakerStat) -> str:
    counts = fmt.speaker_counts(stat.quotes, stat.articles)
    sound = tone(stat.emoji, stat.label, stat.average)
    return f"• *{_name(stat.name)}*: {counts}{SEPARATOR}{sound}"


def _name(text: str) -> str:
    return data(text, MAX_NAME)


def _digest_blocks(digest: Digest) -> list[dict]:
    """One section a top speaker, a note of the rest, then each source once (about ten blocks)."""
    if digest.empty:
        return []
    blocks = [_speaker_digest(s, digest) for s in digest.speakers]
    more = more_line(digest)
    if more:
        blocks.append(_context(escape(more)))
    if digest.sources:
        lines = [f"[{s.number}] {link(s.url, source_label(s))}" for s in digest.sources]
        blocks.append(_section(_join_within("\n", lines, MAX_SECTION)))
    return blocks


def _speaker_digest(speaker: SpeakerDigest, digest: Digest) -> dict:
    lines = [f"*{data(speaker.name, MAX_NAME)}*{SEPARATOR}{escape(speaker_line(speaker))}"]
    for q in speaker.quotes:
        source = digest.source_of(q)
        number = f" [{source.number}]" if source else ""
        lines.append(
            f">“{data(digest_text.quote_words(q), MAX_QUOTE)}” {data(fmt.how(q), 60)}{number}"
            f"{SEPARATOR}{q.emoji} {q.compound:+.2f}"
        )
    return _section(_join_within("\n", lines, MAX_SECTION))


def _more_blocks(command: str) -> dict:
    if len(command) > MAX_BUTTON_VALUE:  # too long to round-trip through a button
        return _context("There are more results: narrow the query to see them.")
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": "More", "emoji": True},
        "action_id": MORE_ACTION,
        "value": command,
    }
    return {"type": "actions", "elements": [button]}


def _sections(lines) -> list[dict]:
    """Pack whole lines into as few sections as the 3000-character limit allows."""
    sections, current = [], ""
    for line in lines:
        line = clip(line, MAX_SECTION)
        if current and len(current) + 1 + len(line) > MAX_SECTION:
            sections.append(_section(current))
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        sections.append(_section(current))
    return sections


def _fit(blocks: list[dict], tail: list[dict]) -> list[dict]:
    """At most 50 blocks: drop from the end of the body, say so, keep the More button."""
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        dropped = len(blocks) - (room - 1)
        blocks = blocks[: room - 1] + [
            _context(f"{dropped} more blocks were left out to fit one message.")
        ]
    return blocks + tail


def _join_within(sep: str, parts: list[str], limit: int) -> str:
    """Join whole parts while they fit; a part that does not fit is left out, never cut in half."""
    text = parts[0] if parts else ""
    for part in parts[1:]:
        if len(text) + len(sep) + len(part) > limit:
            break
        text += sep + part
    return clip(text, limit)


def _section(mrkdwn: str) -> dict:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(mrkdwn, MAX_SECTION), "verbatim": True},
    }


def _context(mrkdwn: str) -> dict:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(mrkdwn, MAX_SECTION), "verbatim": True}],
    }


def _header(title: str) -> dict:
    # plain_text is never parsed for mentions; escaped anyway, so no payload carries a raw `<!...>`.
    text = clip(escape(WHITESPACE.sub(" ", title).strip()), MAX_HEADER)
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _fallback(reply: Reply) -> str:
    parts = [p for p in (reply.title, reply.text) if p]
    return clip(escape(": ".join(parts) or "quotebot"), MAX_FALLBACK)
