"""Tone labels scored against gold: macro-F1 (the headline), accuracy, per class, confusion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

LABELS = ("negative", "neutral", "positive")


def score_labels(
    gold: Sequence[Mapping[str, object]], predicted: Mapping[str, str]
) -> dict[str, object]:
    """Score `predicted` (id -> label) against gold rows ({"id", "label"}); missing is wrong."""
    confusion = {g: dict.fromkeys((*LABELS, "missing"), 0) for g in LABELS}
    for row in gold:
        guess = predicted.get(str(row["id"]))
        confusion[str(row["label"])][guess if guess in LABELS else "missing"] += 1
    per_class = {c: _class_scores(confusion, c) for c in LABELS}
    n = len(gold)
    correct = sum(confusion[c][c] for c in LABELS)
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per_class.values()) / 3, 4),
        "per_class": per_class,
        "confusion": confusion,
    }


def _class_scores(confusion: dict[str, dict[str, int]], c: str) -> dict[str, float]:
    tp = confusion[c][c]
    fp = sum(confusion[g][c] for g in LABELS if g != c)
    fn = sum(v for p, v in confusion[c].items() if p != c)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
