"""Train the calibration layer: `python -m bot.nlp.tone.train [--train F] [--dev F] [--out F]`.

Reads NewsMTSC's training split (JSON lines with text and label), reports 5-fold
cross-validated macro-F1 (folds by article, so sentences of one article never straddle),
then fits on all of it and writes weights.json. The target entity is not an input: quotebot
has no target at run time (it scores the speaker's tone in a whole quote), and the masking
turns the target, like every name, into the neutral token. Rows of one sentence with several
targets stay, so a sentence rated differently per target teaches its mixed tone.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bot.nlp.tone.calibrated import LABELS, WEIGHTS, Model, model_from_dict
from bot.nlp.tone.features import dense_features, word_features, word_tokens

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "tone"
FOLDS = 5
ALPHA = 5.0  # naive-Bayes smoothing: shrinks the ratios of rare words (topic noise)
MIN_COUNT = 3  # a word (or pair) must occur in this many training sentences
L2 = 1.0
STEPS = 400
RATE = 0.05
Table = dict[str, tuple[float, float, float]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--train", default=str(DATA / "newsmtsc_train.jsonl"))
    ap.add_argument("--dev", default=str(DATA / "newsmtsc_dev.jsonl"))
    ap.add_argument("--out", default=str(WEIGHTS))
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = ap.parse_args(argv)
    rows = _load(args.train)
    texts = [r["text"] for r in rows]
    y = np.array([LABELS.index(r["label"]) for r in rows])
    groups = np.array([_fold(r["id"]) for r in rows])
    dense = np.array([dense_features(t) for t in texts])
    tokens = [word_tokens(t) for t in texts]
    offsets = (0.0, 0.0, 0.0)
    if not args.no_cv:
        logits = cross_validate(dense, tokens, y, groups)
        print(f"cross-validated macro-F1 on train: {macro_f1(y, logits.argmax(1)):.4f}")
        offsets = macro_f1_offsets(logits, y)
        shifted = macro_f1(y, (logits + offsets).argmax(1))
        print(f"  with class offsets {offsets} fitted on those out-of-fold scores: {shifted:.4f}")
    model = fit(dense, tokens, y, groups, offsets=offsets)
    Path(args.out).write_text(json.dumps(_to_dict(model), separators=(",", ":")) + "\n")
    print(f"wrote {args.out} ({len(model.table)} words)")
    if args.dev and Path(args.dev).is_file():
        dev = _load(args.dev)
        trained = model_from_dict(_to_dict(model))
        guesses = np.array([int(np.argmax(trained.probabilities(r["text"]))) for r in dev])
        gold = np.array([LABELS.index(r["label"]) for r in dev])
        print(f"macro-F1 on dev: {macro_f1(gold, guesses):.4f}")
    return 0


def fit(
    dense: np.ndarray,
    tokens: list[list[str]],
    y: np.ndarray,
    groups: np.ndarray,
    *,
    offsets: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> Model:
    """Word table on all rows; softmax weights on out-of-fold word features (no leak)."""
    words = _out_of_fold_words(tokens, y, groups)
    x = np.hstack([dense, words])
    mean, scale = x.mean(0), x.std(0) + 1e-6
    weights, bias = softmax_regression((x - mean) / scale, y)
    return Model(
        mean=tuple(mean.round(6).tolist()),
        scale=tuple(scale.round(6).tolist()),
        weights=tuple(tuple(row) for row in weights.round(6).tolist()),
        bias=(
            round(float(bias[0]) + offsets[0], 6),
            round(float(bias[1]) + offsets[1], 6),
            round(float(bias[2]) + offsets[2], 6),
        ),
        table=naive_bayes_table(tokens, y),
    )


def cross_validate(
    dense: np.ndarray, tokens: list[list[str]], y: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Out-of-fold class scores (logits) of the whole pipeline, folds by article."""
    predicted = np.zeros((len(y), 3))
    for k in range(FOLDS):
        train, test = np.where(groups != k)[0], np.where(groups == k)[0]
        sub = [tokens[i] for i in train]
        model = fit(dense[train], sub, y[train], groups[train])
        for i in test:
            x = list(dense[i]) + word_features(tokens[i], model.table)
            z = (np.array(x) - model.mean) / model.scale
            predicted[i] = z @ np.array(model.weights) + model.bias
    return predicted


def macro_f1_offsets(logits: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Shifts of the negative and positive scores (neutral fixed) that maximise macro-F1.

    Log-loss training aims at accuracy; macro-F1 weighs the smaller positive class as much as
    the others, so two offsets are fitted on out-of-fold scores (a coarse grid: little to overfit).
    """
    grid = np.round(np.arange(-0.6, 0.61, 0.1), 2)
    best = (macro_f1(y, logits.argmax(1)), 0.0, 0.0)
    for neg in grid:
        for pos in grid:
            score = macro_f1(y, (logits + [neg, 0.0, pos]).argmax(1))
            if score > best[0] + 1e-9:
                best = (score, float(neg), float(pos))
    return (best[1], 0.0, best[2])


def naive_bayes_table(tokens: Sequence[Sequence[str]], y: np.ndarray) -> Table:
    """Per token, the log-ratio of its rate in each class against the other two classes."""
    counts = [Counter[str]() for _ in LABELS]
    for toks, label in zip(tokens, y, strict=True):
        counts[int(label)].update(set(toks))
    seen = Counter[str]()
    for c in counts:
        seen.update(c)
    vocab = [w for w, n in seen.items() if n >= MIN_COUNT]
    totals = [sum(c[w] for w in vocab) for c in counts]
    table: Table = {}
    for w in vocab:
        ratios = []
        for k in range(3):
            inside = (counts[k][w] + ALPHA) / (totals[k] + ALPHA * len(vocab))
            other = sum(counts[j][w] for j in range(3) if j != k) + ALPHA
            rest = sum(totals[j] for j in range(3) if j != k) + ALPHA * len(vocab)
            ratios.append(round(math.log(inside / (other / rest)), 3))
        table[w] = (ratios[0], ratios[1], ratios[2])
    return table


def softmax_regression(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with an L2 penalty, fitted by full-batch Adam."""
    n, d = x.shape
    params = [np.zeros((d, 3)), np.zeros(3)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    target = np.eye(3)[y]
    for step in range(1, STEPS + 1):
        logits = x @ params[0] + params[1]
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        error = (p - target) / n
        grads = [x.T @ error + L2 * params[0] / n, error.sum(0)]
        for param, grad, (m, v) in zip(params, grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return params[0], params[1]


def macro_f1(gold: np.ndarray, guess: np.ndarray) -> float:
    """The mean of the three classes' F1, as ../shared/eval/score_tone.py computes it."""
    scores = []
    for k in range(3):
        tp = int(np.sum((gold == k) & (guess == k)))
        fp = int(np.sum((gold != k) & (guess == k)))
        fn = int(np.sum((gold == k) & (guess != k)))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 3


def _out_of_fold_words(tokens: list[list[str]], y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Word features of each row from a table that never saw the row's own article."""
    out = np.zeros((len(y), 3))
    for k in range(FOLDS):
        inside, held = np.where(groups != k)[0], np.where(groups == k)[0]
        table = naive_bayes_table([tokens[i] for i in inside], y[inside])
        for i in held:
            out[i] = word_features(tokens[i], table)
    return out


def _to_dict(model: Model) -> dict[str, Any]:
    return {
        "licence": "Derived from NewsMTSC (MIT licence, (c) 2021 Felix Hamborg); see WEIGHTS.md",
        "features": "dense_features + word_features (bot/nlp/tone/features.py)",
        "mean": list(model.mean),
        "scale": list(model.scale),
        "weights": [list(r) for r in model.weights],
        "bias": list(model.bias),
        "table": {k: list(v) for k, v in sorted(model.table.items())},
    }


def _fold(row_id: str) -> int:
    """The fold of a row, by its article (the id's first three parts), stable across runs."""
    article = "_".join(row_id.split("_")[:3])
    return zlib.crc32(article.encode()) % FOLDS


def _load(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


if __name__ == "__main__":
    sys.exit(main())
