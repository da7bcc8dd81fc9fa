"""The calibration layer: a multinomial logistic regression over VADER's features.

Its weights (weights.json beside this file) are made by `python -m bot.nlp.tone.train`
from NewsMTSC's training split (MIT licence, (c) Felix Hamborg; see WEIGHTS.md).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.nlp.tone.features import dense_features, word_features, word_tokens
from bot.nlp.tone.masking import reader_text

WEIGHTS = Path(__file__).with_name("weights.json")
LABELS = ("negative", "neutral", "positive")
NEUTRAL_BAND = 0.049  # a neutral text's compound stays inside VADER's +-0.05 band


@dataclass(frozen=True)
class Model:
    """Standardisation, naive-Bayes word table and softmax weights, as trained."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, float, float], ...]  # one row per feature
    bias: tuple[float, float, float]
    table: dict[str, tuple[float, float, float]]

    def probabilities(self, text: str) -> tuple[float, float, float]:
        """P(negative), P(neutral), P(positive) for `text`."""
        masked = reader_text(text)  # read once: masking is a third of the cost
        raw = dense_features(text, masked) + word_features(word_tokens(text, masked), self.table)
        logits = list(self.bias)
        for x, mu, sd, row in zip(raw, self.mean, self.scale, self.weights, strict=True):
            z = (x - mu) / sd
            for k in range(3):
                logits[k] += z * row[k]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        neg, neu, pos = (e / total for e in exps)
        return neg, neu, pos


def compound_of(probabilities: Sequence[float]) -> float:
    """A VADER-like score in [-1, 1] whose +-0.05 thresholds give the most probable label."""
    neg, neu, pos = probabilities
    lean = pos - neg
    if pos >= neu and pos >= neg:
        return round(0.05 + 0.95 * max(lean, 0.0), 4)
    if neg >= neu:
        return round(-0.05 - 0.95 * max(-lean, 0.0), 4)
    return round(NEUTRAL_BAND * lean, 4)


def model_from_dict(data: dict[str, Any]) -> Model:
    """A Model from the JSON the training script writes."""
    a, b, c = data["bias"]
    return Model(
        mean=tuple(float(v) for v in data["mean"]),
        scale=tuple(float(v) for v in data["scale"]),
        weights=tuple((float(x), float(y), float(z)) for x, y, z in data["weights"]),
        bias=(float(a), float(b), float(c)),
        table={k: (float(x), float(y), float(z)) for k, (x, y, z) in data["table"].items()},
    )


@functools.lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The model in weights.json, loaded once."""
    return model_from_dict(json.loads(WEIGHTS.read_text(encoding="utf-8")))
