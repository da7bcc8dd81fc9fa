"""A quoted fragment in a cue's object or complement: the mixed quote is the whole complement."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.findings import Finding
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.extract.ranges import reported_range, trim_clause
from bot.nlp.extract.reported import mixed_clause

# Complements that describe the cue's object: "called him 'a genius'", "described her as '...'".
OBJECT_COMPLEMENTS = frozenset(("oprd", "prep", "attr", "acomp"))
# A phrase on the cue that goes on the statement: "called it 'a wake-up call' to his voters".
TRAILING_DEPS = frozenset(("prep",))


def widen_mixed(doc: Doc, finding: Finding, spans: list[QuoteSpan]) -> Finding:
    """The fragment's finding widened to the complement that holds it, as annotators mark it.

    'Cruz called Trump a "pathological liar"' reports 'Trump a "pathological liar"', and 'urged
    voters to "stay home"' reports 'to "stay home"'; a cue with a reported clause has its clause
    found by `find_reported` instead.
    """
    cue = finding.cue
    if finding.kind != "mixed" or cue is None or reported_range(cue) is not None:
        return finding
    piece = doc.char_span(finding.start, finding.end, alignment_mode="expand")
    if piece is None or piece.start <= cue.i:
        return finding
    bounds = _complement(cue, piece.start)
    if bounds is None or bounds[0] <= cue.i:
        return finding  # a clause around the cue ('The aim, he said, was "..."') is no complement
    lo, hi = trim_clause(doc, *bounds)
    if hi <= lo:
        return finding
    clause = mixed_clause(doc_text(doc), doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), spans)
    if clause is None:
        return finding
    start, end, verbatim = clause
    return dataclasses.replace(finding, start=start, end=end, verbatim=verbatim)


def _complement(cue: Token, first: int) -> tuple[int, int] | None:
    """Token range of the cue's complement holding token `first`, with the object it describes."""
    kids = [c for c in cue.children if c.i > cue.i]
    holder = next((c for c in kids if c.left_edge.i <= first <= c.right_edge.i), None)
    if holder is None:
        return None
    lo, hi = holder.left_edge.i, holder.right_edge.i + 1
    if holder.dep_ in OBJECT_COMPLEMENTS:
        described = next((c for c in kids if c.dep_ == "dobj" and c.i < holder.i), None)
        lo = described.left_edge.i if described is not None else lo
    for kid in (k for k in kids if k.i > holder.i and k.dep_ in TRAILING_DEPS):
        if _adjoins(cue.doc, hi, kid.left_edge.i):
            hi = kid.right_edge.i + 1
    return lo, hi


def _adjoins(doc: Doc, end: int, start: int) -> bool:
    """True when only quote marks lie between token `end` and token `start`."""
    return end <= start and all(t.is_quote for t in doc[end:start])
