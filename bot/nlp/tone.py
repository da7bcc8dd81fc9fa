"""Tone of a quote: VADER's compound score and a label.

Labels follow VADER's authors: compound >= 0.05 is positive, <= -0.05 negative,
anything between neutral. The thresholds are settings (TONE_POSITIVE, TONE_NEGATIVE).
VADER is noisy on news (violent-event words read as negative): show tone as a
signal and aggregate it, never as a verdict.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

POSITIVE = 0.05
NEGATIVE = -0.05
EMOJI = {"positive": "🙂", "neutral": "😐", "negative": "🙁"}


@dataclass(frozen=True)
class Tone:
    compound: float
    label: str

    @property
    def emoji(self) -> str:
        return EMOJI[self.label]


def score_tone(text: str, *, positive: float = POSITIVE, negative: float = NEGATIVE) -> Tone:
    """Score `text` with VADER and label it with the given thresholds."""
    compound = round(_analyzer().polarity_scores(text or "")["compound"], 4)
    return Tone(compound, label_for(compound, positive=positive, negative=negative))


def label_for(compound: float, *, positive: float = POSITIVE, negative: float = NEGATIVE) -> str:
    """The label of a compound score (also used for averages)."""
    if compound >= positive:
        return "positive"
    if compound <= negative:
        return "negative"
    return "neutral"


def emoji_for(label: str) -> str:
    return EMOJI.get(label, "")


@functools.lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
