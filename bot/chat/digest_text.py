"""Digest wording every renderer shares, so Slack, Discord and the terminal say the same things."""

from __future__ import annotations

from bot.chat.messages import Digest, QuoteView, Source, SpeakerDigest
from bot.text import plural

QUOTE_CHARS = 240  # a digest quote longer than this is cut (the full one is a `quotes NAME` away)
ELLIPSIS = "…"


def quote_words(quote: QuoteView) -> str:
    """The quote as a digest shows it: one line, cut at a word near QUOTE_CHARS."""
    text = " ".join(quote.text.split()).rstrip(",")
    if len(text) <= QUOTE_CHARS:
        return text
    return text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + ELLIPSIS


def totals_line(digest: Digest) -> str:
    """'189 quotes from 53 speakers in 14 articles; overall tone neutral -0.03'."""
    if digest.average is None:
        return digest.summary
    return f"{digest.summary}; overall tone {digest.label} {digest.average:+.2f}"


def speaker_line(speaker: SpeakerDigest) -> str:
    """'19 quotes, tone neutral +0.01' (the name is set apart by each renderer)."""
    return f"{plural(speaker.count, 'quote')}, tone {speaker.label} {speaker.average:+.2f}"


def more_line(digest: Digest) -> str | None:
    """'and 48 more speakers', when the digest shows only the top ones."""
    if not digest.more_speakers:
        return None
    return f"and {plural(digest.more_speakers, 'more speaker')}"


def source_label(source: Source) -> str:
    """'Title (Outlet, 2026-11-16)' without the link, which each renderer adds its own way."""
    bits = [b for b in (source.outlet, source.published and source.published.isoformat()) if b]
    return f"{source.title} ({', '.join(bits)})" if bits else source.title
