"""Quotes the writer split around their cue: one statement, not a scrap and a rest."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.findings import Finding
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.words import CUE_LEMMAS

# What may stand between a split quote's halves: the cue clause and its commas, nothing more.
MAX_GAP_CHARS = 80
SCRAP_ENDINGS = (",",)
# Heads of a continuation that is not the quote's predicate: "..., said X, who ...", "adding".
NOT_PREDICATE_TAGS = frozenset(("VBG",))


def join_split(
    doc: Doc, spans: list[QuoteSpan], found: list[Finding | None]
) -> list[Finding | None]:
    """Findings by quoted span, with split quotes made whole.

    `'So,' she said, 'we start again'` is one statement: a one-word opening scrap is no quote of
    its own. `'The first stage,' said Roe, was 'to force a vote'` is one reported clause whose
    subject the cue interrupts: one mixed quote from the first piece to the last, the quoted pieces
    kept as its verbatim spans.
    """
    text = doc_text(doc)
    result = list(found)
    for k in range(len(spans) - 1):
        first, rest = result[k], result[k + 1]
        here, there = spans[k], spans[k + 1]
        if (
            first is None
            or first.kind != "direct"
            or first.cue is None
            or here.paragraph != there.paragraph
            or not text[here.start : here.end].rstrip().endswith(SCRAP_ENDINGS)
        ):
            continue
        gap_lo, gap_hi = here.close_at + 1, there.open_at
        if gap_hi - gap_lo > MAX_GAP_CHARS or not gap_lo <= first.cue.idx < gap_hi:
            continue
        comma = text.rfind(",", gap_lo, gap_hi)  # after it, what follows the cue clause
        if comma < 0 or not text[comma + 1 : gap_hi].strip():
            if rest is not None and rest.cue is first.cue and _one_word(text, here):
                result[k] = None  # "'So,' she said, '...'": the scrap is the quote's first word
            continue
        if _predicate(doc, comma + 1, gap_hi):
            result[k] = dataclasses.replace(
                first,
                end=there.end,
                kind="mixed",
                verbatim=((here.start, here.end), (there.start, there.end)),
            )
            result[k + 1] = None
    return result


def _one_word(text: str, span: QuoteSpan) -> bool:
    return len(text[span.start : span.end].split()) == 1


def _predicate(doc: Doc, lo: int, hi: int) -> bool:
    """True when the words between the cue clause and the next quote open with a verb of the
    quote's own clause ('was'), not a new statement ('adding'), a relative ('who') or a noun."""
    words = doc.char_span(lo, hi, alignment_mode="contract")
    if words is None or not len(words):
        return False
    head = next((t for t in words if not t.is_space), None)
    return (
        head is not None
        and head.is_lower
        and head.pos_ in ("AUX", "VERB")
        and head.tag_ not in NOT_PREDICATE_TAGS
        and not any(t.lemma_.lower() in CUE_LEMMAS and t.pos_ == "VERB" for t in words)
    )
