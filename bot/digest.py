"""The digest: a period's quotes grouped by speaker, shared by every adapter and the CLI."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean
from typing import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.messages import Digest, QuoteView, Reply, SpeakerDigest
from bot.tone import emoji_for, label_for

Clock = Callable[[], dt.datetime]  # returns an aware datetime
WINDOW_RE = re.compile(r"^(\d{1,4})\s*(h|d|w)$", re.IGNORECASE)
UNIT_HOURS = {"h": 1, "d": 24, "w": 168}
PER_SPEAKER = 3
MAX_SPEAKERS = 10
SINCE_LAST = "since your last digest"
PERIOD_HELP = "use 24h, 7d (any number of h, d or w), today, week, or a date like 2022-03-31"


def utc_clock() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Period:
    """Which quotes a digest covers: by ingestion time [since, until), or by publication day."""

    label: str
    since: dt.datetime | None = None  # naive UTC, as stored
    until: dt.datetime | None = None
    day: dt.date | None = None


def parse_period(arg: str | None, *, now: dt.datetime) -> Period:
    """Read '24h', '7d', 'today', 'week' or 'YYYY-MM-DD'; nothing means the last 24 hours."""
    arg = (arg or "").strip().lower()
    until = naive_utc(now)
    if arg in ("", "today", "day"):
        return Period("the last 24 hours", until - dt.timedelta(hours=24), until)
    if arg == "week":
        arg = "7d"
    match = WINDOW_RE.match(arg)
    if match:
        hours = int(match.group(1)) * UNIT_HOURS[match.group(2).lower()]
        if hours == 0:
            raise UserError(f"the period {arg!r} is empty; {PERIOD_HELP}")
        return Period(f"the last {_span(hours)}", until - dt.timedelta(hours=hours), until)
    try:
        day = dt.date.fromisoformat(arg)
    except ValueError:
        raise UserError(f"the period {arg!r} is unknown; {PERIOD_HELP}") from None
    return Period(day.isoformat(), day=day)


def collect_quotes(store, period: Period) -> list[QuoteView]:
    """The period's quotes from the store."""
    if period.day is not None:
        return store.quotes_published(period.day)
    return store.quotes_ingested(period.since, period.until)


def build_digest(quotes: Sequence[QuoteView], *, period: str, speakers: Sequence[str] = (),
                 keywords: Sequence[str] = (), thresholds: dict | None = None,
                 per_speaker: int = PER_SPEAKER, max_speakers: int = MAX_SPEAKERS) -> Digest:
    """Group `quotes` by speaker, most quoted first, with tone and a one-line summary."""
    thresholds = thresholds or {}
    quotes = _filter(quotes, speakers, keywords)
    if not quotes:
        return Digest(period=period, summary=f"No quotes for {period}.", speakers=())
    groups: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        groups[quote.speaker].append(quote)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    average = round(fmean(q.compound for q in quotes), 3)
    label = label_for(average, **thresholds)
    articles = _articles(quotes)
    return Digest(
        period=period,
        summary=_summary(len(quotes), len(groups), len(articles)),
        speakers=tuple(_speaker_digest(name, qs, per_speaker, thresholds) for name, qs in ordered[:max_speakers]),
        average=average, label=label, emoji=emoji_for(label),
        most_positive=max(quotes, key=lambda q: q.compound) if any(q.compound > 0 for q in quotes) else None,
        most_negative=min(quotes, key=lambda q: q.compound) if any(q.compound < 0 for q in quotes) else None,
        articles=articles, quote_count=len(quotes),
    )


def digest_reply(app, period: Period, *, speakers: Iterable[str] = (), keywords: Iterable[str] = (),
                 tz: str | None = None) -> Reply:
    """The digest Reply for a period: what channels get, and what `quotebot digest --since` prints."""
    speakers, keywords = tuple(speakers), tuple(keywords)
    label = period.label + following(speakers, keywords)
    digest = build_digest(collect_quotes(app.store, period), period=label, speakers=speakers,
                          keywords=keywords, thresholds=app.store.thresholds)
    if digest.empty:
        return Reply(text=_nothing_new(period, tz or app.settings.digest_tz) + following(speakers, keywords) + ".")
    return Reply(title=f"Quote digest: {label}", text=digest.summary, digest=digest)


def unsent_period(app, platform: str, channel_id: str, *, now: dt.datetime) -> Period:
    """Quotes ingested since the channel's last sent digest, at most digest_max_window_hours back."""
    widest = parse_period(f"{app.settings.digest_max_window_hours}h", now=now)
    last = app.channels.last_cutoff(platform, channel_id)
    if last is None or last <= widest.since:
        return widest
    return Period(SINCE_LAST, since=min(last, widest.until), until=widest.until)


def local_day(now: dt.datetime, tz: str) -> dt.date:
    """Today's date in the channel's timezone."""
    return now.astimezone(ZoneInfo(tz)).date()


def naive_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)


def _span(hours: int) -> str:
    if hours % 168 == 0 and hours >= 168:
        weeks = hours // 168
        return "week" if weeks == 1 else f"{weeks} weeks"
    if hours % 24 == 0:
        days = hours // 24
        return "24 hours" if days == 1 else f"{days} days"
    return f"{hours} hours"


def _filter(quotes, speakers, keywords) -> list[QuoteView]:
    wanted = {s.casefold() for s in speakers}
    words = [k.casefold() for k in keywords]
    if not wanted and not words:
        return list(quotes)
    return [q for q in quotes
            if q.speaker.casefold() in wanted or any(w in q.text.casefold() for w in words)]


def _speaker_digest(name, quotes, per_speaker, thresholds) -> SpeakerDigest:
    average = round(fmean(q.compound for q in quotes), 3)
    label = label_for(average, **thresholds)
    strongest = sorted(quotes, key=lambda q: (-abs(q.compound), -len(q.text)))[:per_speaker]
    return SpeakerDigest(name, len(quotes), average, label, emoji_for(label), tuple(strongest))


def _articles(quotes) -> tuple[tuple[str, str | None], ...]:
    seen: dict[tuple[str, str | None], None] = {}
    for q in quotes:
        seen.setdefault((q.article_title, q.article_url), None)
    return tuple(seen)


def _summary(n_quotes: int, n_speakers: int, n_articles: int) -> str:
    def plural(n, word):
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(n_quotes, 'quote')} from {plural(n_speakers, 'speaker')} in {plural(n_articles, 'article')}"


def _nothing_new(period: Period, tz: str) -> str:
    if period.day is not None:
        return f"No quotes published on {period.day.isoformat()}"
    return f"No new quotes since {_local(period.since, tz)}"


def following(speakers: tuple[str, ...], keywords: tuple[str, ...]) -> str:
    parts = []
    if speakers:
        parts.append("speakers: " + ", ".join(speakers))
    if keywords:
        parts.append("keywords: " + ", ".join(keywords))
    return f", following {'; '.join(parts)}" if parts else ""



def _local(moment: dt.datetime, tz: str) -> str:
    aware = moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment
    return f"{aware.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M} {tz}"
