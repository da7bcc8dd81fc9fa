"""Score predicted quotes against a hand-annotated gold file (quotebot's own scorer).

The rules are those of the evaluation quotebot is judged by: a prediction matches a gold quote of
the same article when their word tokens overlap with F1 >= 0.5 (each quote matched once, best
pairs first); its speaker is right when it names the gold speaker (same last word, or one name
contains the other, against the name as written or the canonical one), and a bare pronoun never
is. `evaluate` prefers a `score_quotes.py` lying beside the gold file; this module serves when
there is none, and a test checks the two agree.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "his",
    "hers",
    "their",
}
MATCH_F1 = 0.5
Row = dict[str, Any]


def load(path: str | Path) -> list[Row]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(gold_rows: list[Row], pred_rows: Iterable[Row]) -> dict[str, Any]:
    """Precision, recall and F1 of quote spans and of attributed quotes, with the misses."""
    gold = {os.path.basename(row["article"]): row["quotes"] for row in gold_rows}
    preds: dict[str, list[Row]] = {}
    for row in pred_rows:
        preds.setdefault(os.path.basename(row.get("article", "")), []).append(row)
    tally = _Tally()
    for article, gold_quotes in gold.items():
        _score_article(article, gold_quotes, preds.get(article, []), tally)
    n_pred = sum(len(rows) for name, rows in preds.items() if name in gold)
    return tally.result(n_gold=sum(len(q) for q in gold.values()), n_pred=n_pred)


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def overlap_f1(a: list[str], b: list[str]) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(b), common / len(a)
    return 2 * precision * recall / (precision + recall)


def speaker_right(predicted: str | None, gold: Row) -> bool:
    written, canonical = gold.get("speaker"), gold.get("canonical")
    if not canonical and _is_pronoun_or_empty(words(written)):
        return not _is_pronoun_or_empty(words(predicted))  # the gold cannot judge: any name counts
    return _names_match(predicted, written) or _names_match(predicted, canonical)


class _Tally:
    def __init__(self) -> None:
        self.matched = self.attributed = 0
        self.by_kind: Counter[str] = Counter()
        self.hit: Counter[str] = Counter()
        self.attr: Counter[str] = Counter()
        self.misses: list[Row] = []

    def result(self, *, n_gold: int, n_pred: int) -> dict[str, Any]:
        precision, recall = _ratio(self.matched, n_pred), _ratio(self.matched, n_gold)
        a_precision, a_recall = _ratio(self.attributed, n_pred), _ratio(self.attributed, n_gold)
        kinds = sorted(self.by_kind)
        return {
            "gold": n_gold,
            "predicted": n_pred,
            "matched": self.matched,
            "span_precision": round(precision, 4),
            "span_recall": round(recall, 4),
            "span_f1": _f1(precision, recall),
            "speaker_accuracy": round(self.attributed / self.matched, 4) if self.matched else 0.0,
            "attributed_precision": round(a_precision, 4),
            "attributed_recall": round(a_recall, 4),
            "attributed_f1": _f1(a_precision, a_recall),
            "recall_by_type": {k: round(self.hit[k] / self.by_kind[k], 4) for k in kinds},
            "attributed_recall_by_type": {
                k: round(self.attr[k] / self.by_kind[k], 4) for k in kinds
            },
            "misses": self.misses,
        }


def _score_article(
    article: str, gold_quotes: list[Row], predicted: list[Row], tally: _Tally
) -> None:
    pairs = sorted(
        (
            (overlap_f1(words(g["quote"]), words(p.get("quote"))), gi, pi)
            for gi, g in enumerate(gold_quotes)
            for pi, p in enumerate(predicted)
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for f1, gi, pi in pairs:
        if f1 < MATCH_F1 or gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, p = gold_quotes[gi], predicted[pi]
        tally.matched += 1
        tally.hit[g["type"]] += 1
        if speaker_right(p.get("speaker"), g) or speaker_right(p.get("speaker_as_written"), g):
            tally.attributed += 1
            tally.attr[g["type"]] += 1
        else:
            tally.misses.append(_miss(article, g, p.get("speaker")))
    for gi, g in enumerate(gold_quotes):
        tally.by_kind[g["type"]] += 1
        if gi not in used_gold:
            tally.misses.append(_miss(article, g, None))


def _miss(article: str, gold: Row, got: str | None) -> Row:
    return {
        "article": article,
        "quote": gold["quote"][:60],
        "gold": gold.get("canonical") or gold["speaker"],
        "got": got,
    }


def _names_match(predicted: str | None, gold: str | None) -> bool:
    p, g = words(predicted), words(gold)
    if not p or not g or (len(p) == 1 and p[0] in PRONOUNS):
        return False
    p_text, g_text = " ".join(p), " ".join(g)
    return p[-1] == g[-1] or p_text in g_text or g_text in p_text


def _is_pronoun_or_empty(tokens: list[str]) -> bool:
    return not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
