"""Words every renderer shows the same way: counts, tone, a quote's source details.

Plain text only: each adapter escapes it for its platform and adds its own layout (bold, links).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.chat.messages import QuoteView
from bot.text import plural

SEPARATOR = " · "


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


def how(q: QuoteView) -> str:
    """'direct, said': the kind of quote and its cue verb."""
    return f"{q.kind}, {q.cue}" if q.cue else q.kind


def source_details(q: QuoteView) -> list[str]:
    """What follows the article's link in a source line: its outlet and publication day."""
    details = [q.outlet] if q.outlet else []
    if q.published:
        details.append(q.published.isoformat())
    return details


def source_line(q: QuoteView, link: str, escape: Callable[[str], str] = str) -> str:
    """'LINK · Outlet · 2026-11-20': the platform's link, then the details through its `escape`."""
    return SEPARATOR.join([link, *(escape(part) for part in source_details(q))])
