"""Replies as Discord messages: embeds within Discord's size limits, nothing in them able to ping or
reformat.

Every string from an article or a user (speaker, quote, title, typed input) is escaped here:
markdown is neutralised with `escape_markdown`, `@everyone`/`<@id>` with `escape_mentions`, and
link titles lose their square brackets so `[title](url)` cannot be broken open. Senders still pass
`NO_MENTIONS` on every message, which is what actually stops pings in message content.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import discord

from adapters.discord_limits import (
    AUTHOR_CHARS,
    DESCRIPTION_CHARS,
    MESSAGE_CHARS,
    TITLE_CHARS,
    Page,
    clip,
    fit,
    join_within,
    pack,
)
from adapters.invisible import strip_invisible
from bot.chat import digest_text
from bot.chat import format as fmt
from bot.chat.digest_text import more_line, source_label
from bot.chat.messages import Digest, QuoteView, Reply, SpeakerDigest, SpeakerStat
from bot.clock import aware

NO_MENTIONS = discord.AllowedMentions.none()


# Our own budgets, so a speaker's three quotes fit one embed and a message holds several embeds.
QUOTE_CHARS = 700
LINK_TITLE_CHARS = 90  # under each quote; the Sources embed shows titles in full
URL_CHARS = 512  # a longer URL is shown as plain title: a clipped URL would be a broken link
BULLET = "• "

TONE_COLOURS = {
    "positive": discord.Colour.green(),
    "negative": discord.Colour.red(),
    "neutral": discord.Colour.light_grey(),
}
HEADER_COLOUR = discord.Colour.blurple()
LINK_SCHEMES = ("http://", "https://")
# Every character Discord's markdown reads (emphasis, code, spoilers, quotes, headings, lists,
# links, mentions): each gets a backslash, which Discord hides. discord.py's escape_markdown
# escapes only the first `[...](...)` of a line, so a second link on the line stayed live.
MARKDOWN_RE = re.compile(r"([\\*_~|`\[\]<])")
# Quotes, headings and lists are read only at the start of a line.
LINE_START_RE = re.compile(r"(?m)^(\s*)([#>+\-])")
NUMBERED_RE = re.compile(r"(?m)^(\s*\d+)\.(?=\s)")
# A bare URL in quoted text is auto-linked; a zero-width space after the scheme keeps it text.
AUTOLINK_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*):(?=//)")
# Characters that would end a markdown link target early; percent-encoding keeps the URL valid.
URL_ESCAPES = {"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"}


def render(reply: Reply) -> list[Page]:
    """A reply as one or more messages, each within Discord's limits (the first is shown, the rest
    behind More)."""
    if reply.image is not None and reply.digest is None:  # a chart: the picture, titled, summed up
        text = "\n".join(escape(t) for t in (reply.title, reply.text) if t)
        return [Page(content=clip(text, MESSAGE_CHARS) or None, image=reply.image)]
    if not (reply.title or reply.quotes or reply.speakers or reply.digest):
        return [Page(content=plain_message(reply))]
    embeds = [header_embed(reply)]
    embeds.extend(quote_embed(q) for q in reply.quotes)
    if reply.digest is not None:
        embeds.extend(digest_embeds(reply.digest))
    pages = [Page(embeds=tuple(group)) for group in pack(embeds)]
    # A digest's chart goes with its first message, the one always shown.
    return [replace(pages[0], image=reply.image), *pages[1:]]


def plain_message(reply: Reply) -> str:
    """Text and list lines as message content, escaped and clipped to 2000 characters."""
    parts = [escape(reply.text)] if reply.text else []
    # Lines the text already names (an unknown speaker's suggestions) are not listed twice.
    parts.extend(BULLET + escape(line) for line in reply.lines if line not in reply.text)
    return clip("\n".join(parts) or "Nothing to show.", MESSAGE_CHARS)


def header_embed(reply: Reply) -> discord.Embed:
    """The reply's title and text (and its list lines or speaker table) as the first embed."""
    digest = reply.digest
    colour = (
        TONE_COLOURS.get(digest.label, HEADER_COLOUR)
        if digest and not digest.empty
        else HEADER_COLOUR
    )
    embed = discord.Embed(title=clip(escape(reply.title or ""), TITLE_CHARS) or None, colour=colour)
    blocks = [escape(reply.text)] if reply.text else []
    blocks.extend(BULLET + escape(line) for line in reply.lines)
    blocks.extend(speaker_line(i, s) for i, s in enumerate(reply.speakers, 1))
    if digest is not None and digest.since is not None:
        blocks.append(f"Since {discord_time(digest.since)}")
    embed.description = join_within(blocks, DESCRIPTION_CHARS, sep="\n") or None
    return fit(embed)


def quote_embed(q: QuoteView) -> discord.Embed:
    """One quote: the speaker as author, the quote, its tone and linked source; coloured by tone."""
    embed = discord.Embed(
        description=clip(quote_block(q), DESCRIPTION_CHARS), colour=TONE_COLOURS.get(q.label)
    )
    embed.set_author(name=clip(_speaker_name(q), AUTHOR_CHARS))
    return fit(embed)


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """One embed per top speaker, then the sources (each once, numbered): one message."""
    if digest.empty:
        return []
    embeds = [speaker_embed(sp, digest) for sp in digest.speakers]
    if digest.sources:
        embeds.append(sources_embed(digest))
    return embeds


def speaker_embed(sp: SpeakerDigest, digest: Digest) -> discord.Embed:
    embed = discord.Embed(
        title=clip(escape(sp.name), TITLE_CHARS), colour=TONE_COLOURS.get(sp.label)
    )
    lines = [escape(digest_text.speaker_line(sp))]
    for q in sp.quotes:
        source = digest.source_of(q)
        number = f" [{source.number}]" if source else ""
        lines.append(
            f"“{escape(digest_text.quote_words(q))}” {escape(fmt.how(q))}{number}"
            f" · {q.emoji} {q.compound:+.2f}"
        )
    embed.description = join_within(lines, DESCRIPTION_CHARS, sep="\n")
    return fit(embed)


def sources_embed(digest: Digest) -> discord.Embed:
    lines = [f"[{s.number}] {link(source_label(s), s.url)}" for s in digest.sources]
    embed = discord.Embed(
        title="Sources",
        description=join_within(lines, DESCRIPTION_CHARS, sep="\n"),
        colour=HEADER_COLOUR,
    )
    more = more_line(digest)
    if more:
        embed.set_footer(text=more)
    return fit(embed)


def quote_block(q: QuoteView) -> str:
    """“Quote”, then tone and kind, then the linked source with outlet and date."""
    return "\n".join(
        (
            f"“{quote_words(q)}”",
            f"{tone(q.emoji, q.label, q.compound)} · {escape(fmt.how(q))}",
            source_line(q),
        )
    )


def quote_words(q: QuoteView, limit: int = QUOTE_CHARS) -> str:
    """The quote's words escaped, with the verbatim pieces of a mixed quote in bold."""
    text = clip(q.text, limit)
    parts = []
    for piece, word_for_word in fmt.verbatim_runs(text, q.verbatim):
        bare = piece.strip()
        bold = word_for_word and bare
        parts.append(piece.replace(bare, f"**{escape(bare)}**", 1) if bold else escape(piece))
    return "".join(parts)


def source_line(q: QuoteView) -> str:
    title = link(clip(q.article_title or "", LINK_TITLE_CHARS), q.article_url)
    return fmt.source_line(q, title, escape)


def speaker_line(rank: int, s: SpeakerStat) -> str:
    counts = fmt.speaker_counts(s.quotes, s.articles)
    return f"**{rank}.** {escape(s.name)}: {counts}, {tone(s.emoji, s.label, s.average)}"


def tone(emoji: str, label: str, score: float | None) -> str:
    """'🙂 positive +0.42': the tone as a signal, never a verdict (escaped)."""
    return escape(fmt.tone(emoji, label, score))


def link(title: str, url: str | None) -> str:
    """`[title](url)` with the title escaped and bracket-free, so it cannot break out of the
    link."""
    text = escape(_without_brackets(title or "untitled")) or "untitled"
    if (
        not url
        or not url.startswith(LINK_SCHEMES)
        or len(url) > URL_CHARS
        or any(c.isspace() for c in url)
    ):
        return text
    return f"[{text}]({_safe_url(url)})"


def escape(text: str) -> str:
    """Discord's neutraliser, for every string a reply carries: no control or invisible
    character, no markdown, no link, no mention that could ping or render."""
    marked = MARKDOWN_RE.sub(r"\\\1", strip_invisible(text))
    marked = NUMBERED_RE.sub(r"\1\\.", LINE_START_RE.sub(r"\1\\\2", marked))
    return discord.utils.escape_mentions(AUTOLINK_RE.sub("\\1:\u200b", marked))


def discord_time(moment: dt.datetime) -> str:
    """A stored (naive UTC) time as Discord's relative timestamp, shown in each reader's zone."""
    return f"<t:{int(aware(moment).timestamp())}:R>"


def _speaker_name(q: QuoteView) -> str:
    # The author line is plain text in Discord (no markdown, no mentions): no escapes needed.
    name = f"{fmt.speaker_name(q)}, {q.role}" if q.role else fmt.speaker_name(q)
    return " ".join(strip_invisible(name).split())


def _without_brackets(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


def _safe_url(url: str) -> str:
    return "".join(URL_ESCAPES.get(c, c) for c in url)
