"""Tone of a quote: the speaker's tone in the quoted words, as a compound score and a label.

Two engines (the TONE_ENGINE setting):
- "news" (default): VADER reads the quote with names masked and news idioms spelled
  plainly, then a logistic regression learned from NewsMTSC turns VADER's scores and the
  words into three probabilities; the compound is P(positive) - P(negative), squeezed so
  that VADER's +-0.05 thresholds give the most probable label.
- "vader": plain VADER's compound, labelled with the thresholds (TONE_POSITIVE,
  TONE_NEGATIVE), as VADER's authors do.
Tone is a signal to aggregate (per speaker, per day), never a verdict on the speaker.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

POSITIVE = 0.05
NEGATIVE = -0.05
ToneLabel = Literal["negative", "neutral", "positive"]
EMOJI: dict[str, str] = {"positive": "🙂", "neutral": "😐", "negative": "🙁"}
ENGINES = ("news", "vader")
DEFAULT_ENGINE = "news"
Engine = Literal["news", "vader"]


@dataclass(frozen=True)
class Tone:
    compound: float
    label: ToneLabel

    @property
    def emoji(self) -> str:
        return EMOJI[self.label]


def score_tone(
    text: str,
    *,
    engine: str = DEFAULT_ENGINE,
    positive: float = POSITIVE,
    negative: float = NEGATIVE,
) -> Tone:
    """Score `text` with `engine` and label it with the given thresholds."""
    compound = _compound(text or "", engine)
    return Tone(compound, label_for(compound, positive=positive, negative=negative))


def label_for(
    compound: float, *, positive: float = POSITIVE, negative: float = NEGATIVE
) -> ToneLabel:
    """The label of a compound score (also used for averages)."""
    if compound >= positive:
        return "positive"
    if compound <= negative:
        return "negative"
    return "neutral"


def emoji_for(label: str) -> str:
    return EMOJI.get(label, "")


def _compound(text: str, engine: str) -> float:
    if engine == "vader":
        return round(float(_analyzer().polarity_scores(text)["compound"]), 4)
    if engine != "news":
        raise ValueError(f"unknown tone engine {engine!r}: use one of {', '.join(ENGINES)}")
    from bot.nlp.tone.calibrated import compound_of, shipped_model

    return compound_of(shipped_model().probabilities(text))


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
