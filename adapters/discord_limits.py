"""Discord's size limits, met by clipping and packing: text cut with an ellipsis, whole blocks
kept while they fit (with a note of how many were left out), embeds grouped into messages (Pages).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import discord

from bot.chat.messages import Image

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MESSAGE_CHARS = 2000
TITLE_CHARS = 256
AUTHOR_CHARS = 256
DESCRIPTION_CHARS = 4096
FIELD_NAME_CHARS = 256
FIELD_VALUE_CHARS = 1024
EMBED_CHARS = 6000  # one embed's text, and also all embeds of one message together
EMBEDS_PER_MESSAGE = 10
ATTACHMENT_DESCRIPTION_CHARS = 1024  # a file's description: its alt text
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with '…' (last resort; callers budget first)."""
    if len(text) <= limit:
        return text
    # A trailing backslash would escape the ellipsis (or half an escape pair): drop it.
    return text[: limit - len(ELLIPSIS)].rstrip("\\") + ELLIPSIS


def join_within(blocks: Iterable[str], limit: int, *, sep: str = "\n\n") -> str:
    """Whole blocks joined while they fit; a note says how many were left out."""
    blocks = [b for b in blocks if b]
    kept: list[str] = []
    used = 0
    for i, block in enumerate(blocks):
        left_after = len(blocks) - i - 1
        reserve = len(sep) + len(_more_note(left_after)) if left_after else 0
        cost = len(block) + (len(sep) if kept else 0)
        if used + cost + reserve > limit:
            if not kept:  # even the first block is too long: clip it rather than show nothing
                kept, used = [clip(block, limit - reserve)], limit
                continue
            return sep.join(kept) + sep + _more_note(len(blocks) - i)
        kept.append(block)
        used += cost
    return sep.join(kept)


def fit(embed: discord.Embed) -> discord.Embed:
    """Shorten the description so the whole embed stays within 6000 characters."""
    excess = len(embed) - EMBED_CHARS
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 1))
    return embed


def pack(embeds: Sequence[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in total."""
    groups: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        if not groups or len(groups[-1]) == EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(embed)
        size += len(embed)
    return groups


def _more_note(count: int) -> str:
    return f"{ELLIPSIS} and {count} more"


@dataclass(frozen=True)
class Page:
    """One Discord message: plain content, or up to ten embeds."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()
    image: Image | None = None  # attached as a file to this message (a chart)


def page_kwargs(page: Page) -> dict[str, object]:
    """send() keywords for one page (only those present: webhooks reject content=None)."""
    kwargs: dict[str, object] = {}
    if page.content:
        kwargs["content"] = page.content
    if page.embeds:
        kwargs["embeds"] = list(page.embeds)
    if page.image is not None:
        kwargs["file"] = image_file(page.image)
    return kwargs


def image_file(image: Image) -> discord.File:
    """An image as an attachment, its alt text as the description (a new File each send:
    discord.py reads it once)."""
    return discord.File(
        io.BytesIO(image.data),
        filename=image.filename,
        description=image.alt[:ATTACHMENT_DESCRIPTION_CHARS],
    )
