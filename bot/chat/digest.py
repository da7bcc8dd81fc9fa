"""The digest: a period's quotes grouped by speaker, shared by every adapter and the CLI."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.chat.digest_chart import digest_chart
from bot.chat.digest_text import totals_line
from bot.chat.messages import DeferredImage, Digest, Reply, Source, SpeakerDigest
from bot.clock import local_time, naive_utc
from bot.errors import UserError
from bot.nlp.tone import emoji_for, label_for
from bot.text import plural

if TYPE_CHECKING:
    from bot.app import App
    from bot.storage import Store

WINDOW_RE = re.compile(r"^(\d{1,4})\s*(h|d|w)$", re.IGNORECASE)
UNIT_HOURS = {"h": 1, "d": 24, "w": 168}
PER_SPEAKER = 2  # a speaker's strongest quotes shown
MAX_SPEAKERS = 5  # speakers shown by default; `--full` shows up to FULL_SPEAKERS
FULL_SPEAKERS = 100  # a channel reads no more; the summary still counts everyone
SINCE_LAST = "since your last digest"
# Where a digest carries its chart: the console and the CLI print text (`quotebot chart` draws).
CHART_PLATFORMS = frozenset({"slack", "discord"})
PERIOD_HELP = "use 24h, 7d (any number of h, d or w), today, week, or a date like 2022-03-31"


@dataclass(frozen=True)
class Period:
    """Which quotes a digest covers: by ingestion time [since, until), or by publication day."""

    label: str
    since: dt.datetime | None = None  # naive UTC, as stored
    until: dt.datetime | None = None
    day: dt.date | None = None


@dataclass(frozen=True)
class Window:
    """A period as typed, before it is placed in time: hours back from now, or a publication day."""

    hours: int = 24
    day: dt.date | None = None

    def word(self) -> str:
        """The window as it can be typed again: '7d', '36h', '2026-11-19'."""
        if self.day is not None:
            return self.day.isoformat()
        return f"{self.hours // 24}d" if self.hours % 24 == 0 else f"{self.hours}h"

    def at(self, now: dt.datetime) -> Period:
        if self.day is not None:
            return Period(self.day.isoformat(), day=self.day)
        until = naive_utc(now)
        return Period(
            f"the last {_span(self.hours)}", until - dt.timedelta(hours=self.hours), until
        )


def read_period(word: str) -> Window:
    """Read '24h', '7d', 'today', 'week' or 'YYYY-MM-DD'; nothing means the last 24 hours."""
    word = word.strip().lower()
    if word in ("", "today", "day"):
        return Window()
    if word == "week":
        word = "7d"
    match = WINDOW_RE.match(word)
    if match:
        hours = int(match.group(1)) * UNIT_HOURS[match.group(2).lower()]
        if hours == 0:
            raise UserError(f"the period {word!r} is empty; {PERIOD_HELP}")
        return Window(hours)
    try:
        return Window(day=dt.date.fromisoformat(word))
    except ValueError:
        raise UserError(f"the period {word!r} is unknown; {PERIOD_HELP}") from None


def parse_period(arg: str | None, *, now: dt.datetime) -> Period:
    """The Period a typed word means at `now` (nothing: the last 24 hours)."""
    return read_period(arg or "").at(now)


def build_digest(
    store: Store,
    period: Period,
    *,
    label: str | None = None,
    speakers: Sequence[str] = (),
    keywords: Sequence[str] = (),
    per_speaker: int = PER_SPEAKER,
    max_speakers: int = MAX_SPEAKERS,
) -> Digest:
    """The period's quotes grouped by speaker, most quoted first, with tone and a one-line
    summary."""
    from bot.storage.digests import digest_data

    label = label or period.label
    data = digest_data(
        store,
        since=period.since,
        until=period.until,
        day=period.day,
        speakers=speakers,
        keywords=keywords,
        per_speaker=per_speaker,
        max_speakers=max_speakers,
    )
    if not data.quote_count or data.average is None:
        return Digest(period=label, summary=f"No quotes for {label}.", speakers=())
    tone = label_for(data.average, **store.thresholds)
    return Digest(
        period=label,
        summary=_summary(data.quote_count, data.speaker_count, data.article_count),
        speakers=data.speakers,
        average=data.average,
        label=tone,
        emoji=emoji_for(tone),
        most_positive=data.most_positive,
        most_negative=data.most_negative,
        articles=data.articles,
        quote_count=data.quote_count,
        sources=_sources(data.speakers),
        more_speakers=max(0, data.speaker_count - len(data.speakers)),
        since=period.since,
    )


def digest_reply(
    app: App,
    period: Period,
    *,
    speakers: Iterable[str] = (),
    keywords: Iterable[str] = (),
    tz: str | None = None,
    full: bool = False,
    more: str | None = None,
    chart: bool | None = None,
) -> Reply:
    """The digest Reply for a period: what channels get, and what `quotebot digest --since` prints.

    `more` is the command that shows every speaker (the More button), when some are left out;
    `chart` adds the top speakers' bar chart (default: DIGEST_CHART), deferred: the adapter draws
    it after sending the text, so the answer never waits for matplotlib.
    """
    speakers, keywords = tuple(speakers), tuple(keywords)
    label = period.label + following(speakers, keywords)
    digest = build_digest(
        app.store,
        period,
        label=label,
        speakers=speakers,
        keywords=keywords,
        max_speakers=FULL_SPEAKERS if full else MAX_SPEAKERS,
    )
    if digest.empty:
        return Reply(
            text=_nothing_new(period, tz or app.settings.digest_tz)
            + following(speakers, keywords)
            + "."
        )
    draw = app.settings.digest_chart if chart is None else chart
    return Reply(
        title=f"Quote digest: {label}",
        text=totals_line(digest),
        digest=digest,
        more=more if digest.more_speakers and not full else None,
        deferred_image=DeferredImage(digest_chart, digest, "the digest's chart") if draw else None,
    )


def unsent_period(app: App, platform: str, channel_id: str, *, now: dt.datetime) -> Period:
    """Quotes ingested since the channel's last sent digest, at most digest_max_window_hours
    back."""
    hours = app.settings.digest_max_window_hours
    widest = Window(hours).at(now)
    until = naive_utc(now)
    last = app.channels.last_cutoff(platform, channel_id)
    if last is None or last <= until - dt.timedelta(hours=hours):
        return widest
    return Period(SINCE_LAST, since=min(last, until), until=until)


def _sources(speakers: tuple[SpeakerDigest, ...]) -> tuple[Source, ...]:
    """The articles of the shown quotes, numbered in order of first use, each once."""
    seen: dict[tuple[str, str | None], Source] = {}
    for speaker in speakers:
        for q in speaker.quotes:
            key = (q.article_title, q.article_url)
            if key not in seen:
                seen[key] = Source(
                    len(seen) + 1, q.article_title, q.article_url, q.outlet, q.published
                )
    return tuple(seen.values())


def local_day(now: dt.datetime, tz: str) -> dt.date:
    """Today's date in the channel's timezone."""
    return now.astimezone(ZoneInfo(tz)).date()


def _span(hours: int) -> str:
    if hours % 168 == 0 and hours >= 168:
        weeks = hours // 168
        return "week" if weeks == 1 else f"{weeks} weeks"
    if hours % 24 == 0:
        days = hours // 24
        return "24 hours" if days == 1 else f"{days} days"
    return f"{hours} hours"


def _summary(n_quotes: int, n_speakers: int, n_articles: int) -> str:
    quotes, speakers = plural(n_quotes, "quote"), plural(n_speakers, "speaker")
    return f"{quotes} from {speakers} in {plural(n_articles, 'article')}"


def _nothing_new(period: Period, tz: str) -> str:
    if period.day is not None or period.since is None:
        return f"No quotes published on {period.label}"
    return f"No new quotes since {local_time(period.since, tz)}"


def following(speakers: tuple[str, ...], keywords: tuple[str, ...]) -> str:
    parts = []
    if speakers:
        parts.append("speakers: " + ", ".join(speakers))
    if keywords:
        parts.append("keywords: " + ", ".join(keywords))
    return f", following {'; '.join(parts)}" if parts else ""
