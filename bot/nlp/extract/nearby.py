"""The name beside a cue the parser left without a subject (it hung the cue on the quote)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.words import SPEAKER_LABELS


def name_before(cue: Token) -> Token | None:
    """The name right before the cue ('"...," Police Chief Jane Roe said')."""
    before = cue.doc[cue.i - 1] if cue.i else None
    if before is None or before.pos_ != "PROPN" or before.ent_type_ not in SPEAKER_LABELS:
        return None
    return before


def name_after_quote(span: QuoteSpan, cue: Token) -> Token | None:
    """The person named right after the closing mark, before the cue, with an appositive between
    ("'...,' Jane Roe, the mayor's chief of staff, said"): the last word of that name."""
    doc = cue.doc
    if cue.idx <= span.close_at:
        return None
    between = doc.char_span(span.close_at + 1, cue.idx, alignment_mode="contract")
    if between is None:
        return None
    words = [t for t in between if not (t.is_punct or t.is_space)]
    if not words or words[0].ent_type_ != "PERSON" or words[0].ent_iob_ != "B":
        return None
    last = words[0]
    while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
        last = doc[last.i + 1]
    return last
