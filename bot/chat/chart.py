"""Charts: a speaker's quotes per day and average tone, as a PNG with a one-line summary.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, no global state),
so any worker thread may draw; the adapters only upload or attach the bytes.
"""

from __future__ import annotations

import io
import re

from bot.chat.messages import Image, Reply
from bot.chat.registry import Kind
from bot.errors import UserError
from bot.storage.charts import DayPoint
from bot.text import plural

DEFAULT_DAYS = 30
MAX_DAYS = 3650
DAYS_RE = re.compile(r"^(\d{1,4})\s*d$", re.IGNORECASE)
SIZE_INCHES = (8, 4)
DPI = 100
BAR_COLOUR = "#7289da"
TONE_COLOUR = "#2e7d32"


def parse_days(word: str) -> int:
    """'30d' (or '30') -> 30."""
    match = DAYS_RE.match(word.strip()) or re.match(r"^(\d{1,4})$", word.strip())
    if not match or not 0 < int(match.group(1)) <= MAX_DAYS:
        raise UserError(f"the window {word!r} is not a number of days such as 30d")
    return int(match.group(1))


DAYS = Kind("30d", parse_days, integer=False)


def split_days(text: str) -> tuple[str, int | None]:
    """'Helena Marsh 7d' -> ('Helena Marsh', 7): a window typed after the name."""
    name, _, last = text.rpartition(" ")
    if name and DAYS_RE.match(last):
        return name, parse_days(last)
    return text, None


def chart_reply(name: str, points: list[DayPoint], days: int) -> Reply:
    """The chart of one speaker, or a plain answer when there is nothing to draw."""
    if not points:
        return Reply.error(f"No quotes by {name} in the last {plural(days, 'day')}.")
    summary = summarise(name, points, days)
    image = Image(data=draw(name, points, days), filename=f"{_slug(name)}-{days}d.png", alt=summary)
    return Reply(
        title=f"{name}: quotes and tone, last {plural(days, 'day')}", text=summary, image=image
    )


def summarise(name: str, points: list[DayPoint], days: int) -> str:
    """One line that says what the picture shows (also its alt text)."""
    total = sum(p.quotes for p in points)
    average = sum(p.average * p.quotes for p in points) / total
    busiest = max(points, key=lambda p: (p.quotes, p.day))
    return (
        f"{name}: {plural(total, 'quote')} on {plural(len(points), 'day')} of the last {days}; "
        f"average tone {average:+.2f}; busiest {busiest.day.isoformat()} "
        f"({plural(busiest.quotes, 'quote')})."
    )


def draw(name: str, points: list[DayPoint], days: int) -> bytes:
    """Bars of quotes per day, a line of the day's average tone on a second axis."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    quotes_axis = figure.add_subplot()
    day_list = np.array([p.day for p in points], dtype="datetime64[D]")
    quotes_axis.bar(day_list, [p.quotes for p in points], color=BAR_COLOUR, label="quotes")
    quotes_axis.set_ylabel("quotes per day")
    tone_axis = quotes_axis.twinx()
    tone_axis.plot(day_list, [p.average for p in points], color=TONE_COLOUR, marker="o")
    tone_axis.axhline(0, color="grey", linewidth=0.5)
    tone_axis.set_ylim(-1, 1)
    tone_axis.set_ylabel("average tone (-1 to +1)")
    # Names are data: drawn as plain text, never parsed as mathtext.
    quotes_axis.set_title(f"{name}, last {days} days", usetex=False, parse_math=False)
    figure.autofmt_xdate()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "speaker"
