"""A candidate quote before its speaker is resolved, and helpers both finders share."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.extract.types import QuoteKind

Spans = tuple[tuple[int, int], ...]
# Quoted stretches as (opening mark, past the closing mark, words inside), sorted.
QuotedRanges = list[tuple[int, int, int]]


@dataclass(frozen=True)
class Finding:
    """A candidate quote before its speaker is resolved; `subject` None means inherit or `named`."""

    start: int
    end: int
    kind: QuoteKind
    cue: Token | None
    subject: Token | None
    paragraph: int
    named: Span | None = None  # a speaker named without a verb
    verbatim: Spans = ()  # (start, end) of the quoted pieces of a mixed clause, in the article


def drop_covered(findings: list[Finding]) -> list[Finding]:
    """Findings in text order, without quoted fragments inside a mixed reported clause that holds
    them."""
    kept: list[Finding] = []
    reach = -1  # end of the latest mixed reported clause
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.end <= reach:
            continue
        if finding.kind == "mixed":
            reach = finding.end
        kept.append(finding)
    return kept


def word_count(text: str, span: QuoteSpan) -> int:
    return len(text[span.start : span.end].split())


def inside_quote(at: int, quoted: QuotedRanges) -> bool:
    index = bisect.bisect_right(quoted, (at, float("inf"), 0)) - 1
    return index >= 0 and quoted[index][0] <= at < quoted[index][1]
