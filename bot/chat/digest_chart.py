"""The digest's small chart: quotes per top speaker, each bar coloured by the speaker's tone.

Drawn like bot/chat/chart.py (matplotlib's object API on the Agg canvas, no pyplot), so any thread
may draw it. A digest Reply carries it deferred (`Reply.deferred_image`): the adapter sends the
digest's text first, then draws (some 70 ms) and uploads or attaches the bytes.
"""

from __future__ import annotations

import io

from bot.chat.messages import Digest, Image, SpeakerDigest
from bot.text import plural

MAX_BARS = 8  # a `--full` digest lists up to 100 speakers; a small picture shows the top few
NAME_CHARS = 28  # longer names are clipped on the axis (the alt text keeps them whole)
WIDTH_INCHES = 6
DPI = 100
# The tone labels' colours, as Discord's embeds show them (green, red, light grey).
TONE_COLOURS = {"positive": "#2e7d32", "negative": "#c62828", "neutral": "#9e9e9e"}
FILENAME = "digest-speakers.png"


def digest_chart(digest: Digest) -> Image | None:
    """The digest's top speakers as a bar chart with a one-line summary, or None if nobody spoke."""
    speakers = digest.speakers[:MAX_BARS]
    if not speakers:
        return None
    return Image(data=draw(speakers), filename=FILENAME, alt=summarise(digest.period, speakers))


def summarise(period: str, speakers: tuple[SpeakerDigest, ...]) -> str:
    """One line naming every charted speaker with their count and tone (the image's alt text)."""
    parts = [
        f"{s.name} {plural(s.count, 'quote')}, tone {s.average:+.2f} ({s.label})" for s in speakers
    ]
    return f"Quotes per speaker, {period}: " + "; ".join(parts) + "."


def draw(speakers: tuple[SpeakerDigest, ...]) -> bytes:
    """Horizontal bars, most quoted on top, each labelled with its count and average tone."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_INCHES, 1.2 + 0.4 * len(speakers)), dpi=DPI)
    FigureCanvasAgg(figure)
    axis = figure.add_subplot()
    rows = list(reversed(speakers))  # barh draws bottom-up
    counts = [s.count for s in rows]
    bars = axis.barh(
        range(len(rows)), counts, color=[TONE_COLOURS.get(s.label, "#9e9e9e") for s in rows]
    )
    axis.set_yticks(range(len(rows)), labels=[_plain(_clip(s.name)) for s in rows])
    notes = [f"{s.count} · {s.average:+.2f}" for s in rows]
    axis.bar_label(bars, labels=notes, padding=3, fontsize=8)
    axis.set_xlim(0, max(counts) * 1.3)  # room for the labels right of the longest bar
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlabel("quotes (label: count · average tone)")
    axis.legend(
        handles=[Patch(color=c, label=t) for t, c in TONE_COLOURS.items()],
        loc="lower right",  # above the bars, out of their way
        bbox_to_anchor=(1, 1),
        ncols=3,
        fontsize=7,
        frameon=False,
    )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _clip(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def _plain(name: str) -> str:
    # Names are data: a `$` pair would otherwise be parsed as mathtext (escaped, it prints as `$`).
    return name.replace("$", r"\$")
