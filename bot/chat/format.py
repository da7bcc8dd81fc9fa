"""Words every renderer shows the same way: counts, tone, a quote's source details.

Plain text only: each adapter escapes it for its platform and adds its own layout (bold, links).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.chat.messages import QuoteView
from bot.text import plural

SEPARATOR = " · "
DEFAULT_CUE = "said"


def tone(emoji: str, label: str, score: float | None) -> str:
    """'🙂 positive +0.64': the tone as a signal (emoji, label, score), never a verdict."""
    number = f" {score:+.2f}" if score is not None else ""
    return f"{emoji + ' ' if emoji else ''}{label}{number}"


def quote_count(n: int) -> str:
    """'1 quote', '3 quotes'."""
    return plural(n, "quote")


def speaker_counts(quotes: int, articles: int) -> str:
    """'3 quotes in 2 articles'."""
    return f"{quote_count(quotes)} in {plural(articles, 'article')}"


# How a source with no name of its own is shown beside it: "Officials (unnamed source)".
SOURCE_TYPES = {"UNNAMED": "unnamed source", "GROUP": "group"}


def speaker_name(q: QuoteView) -> str:
    """The speaker as shown: a name, or an unnamed or group source marked as such."""
    kind = SOURCE_TYPES.get(q.speaker_type)
    return f"{q.speaker} ({kind})" if kind else q.speaker


def verbatim_runs(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, word_for_word) runs: the quoted pieces of a mixed quote are True."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            runs.append((text[at:start], False))
        runs.append((text[start:end], True))
        at = end
    if at < len(text) or not runs:
        runs.append((text[at:], False))
    return runs


def how(q: QuoteView) -> str:
    """The cue verb as written ('told', 'warned'), 'said' when the quote inherited it: plain
    words, where 'direct', 'mixed' or 'indirect' would mean nothing to a channel."""
    return (q.cue or "").strip() or DEFAULT_CUE


def source_details(q: QuoteView) -> list[str]:
    """What follows the article's link in a source line: its outlet and publication day."""
    details = [q.outlet] if q.outlet else []
    if q.published:
        details.append(q.published.isoformat())
    return details


def source_line(q: QuoteView, link: str, escape: Callable[[str], str] = str) -> str:
    """'LINK · Outlet · 2026-11-20': the platform's link, then the details through its `escape`."""
    return SEPARATOR.join([link, *(escape(part) for part in source_details(q))])
