"""The text around a quoted span: its sentence before the opening mark and after the closing one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.extract.marks import QuoteSpan

TERMINAL = re.compile("[.!?]+(?=[\\s\"'\u2019\u201d]|$)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr vs no inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)
QUOTE_OPENING = re.compile("\\s+[\"'\u2018\u201c][A-Z]")
LAST_WORD = re.compile(r"([\w.]+)$")
INNER_CLOSERS = "'\"\u2019\u201d"


@dataclass(frozen=True)
class Frames:
    before: tuple[int, int]
    after: tuple[int, int]
    follows_quote: bool  # the before-frame starts at a previous quote's closing mark, same sentence


def frames_of(
    text: str, spans: list[QuoteSpan], k: int, paragraphs: list[tuple[int, int]]
) -> Frames:
    span = spans[k]
    paragraph = paragraphs[span.paragraph]
    previous = spans[k - 1] if k and spans[k - 1].paragraph == span.paragraph else None
    lo = previous.close_at + 1 if previous else paragraph[0]
    before_lo = _after_last_terminal(text, lo, span.open_at)
    if before_lo == paragraph[0] and span.paragraph and not text[lo : span.open_at].strip():
        before_lo = _lead_in(text, paragraphs[span.paragraph - 1], before_lo)
    follows = previous is not None and before_lo == lo and lo <= span.open_at
    following = (
        spans[k + 1] if k + 1 < len(spans) and spans[k + 1].paragraph == span.paragraph else None
    )
    hi = following.open_at if following else paragraph[1]
    after_lo = min(span.close_at + 1, hi)
    after_hi = (
        after_lo
        if _ends_sentence(text, span, after_lo, hi)
        else _first_terminal(text, after_lo, hi)
    )
    return Frames((before_lo, span.open_at), (after_lo, after_hi), follows)


def _ends_sentence(text: str, span: QuoteSpan, after_lo: int, hi: int) -> bool:
    """True for a quote whose full stop ends its sentence, a new one starting after it ('"They
    are throwing renewables at it." While others welcomed ...'): the next sentence is not its
    frame. A question or an exclamation may still take its cue after it ('"Why now?" Roe asked')."""
    content = text[span.start : span.end].rstrip().rstrip(INNER_CLOSERS)
    return content.endswith(".") and text[after_lo:hi].lstrip()[:1].isupper()


def _lead_in(text: str, paragraph: tuple[int, int], default: int) -> int:
    """Start of the last sentence of the paragraph before, when it ends in a colon ('He said:').

    A quote that fills its paragraph after such a line is what the line announces.
    """
    if not text[paragraph[0] : paragraph[1]].rstrip().endswith(":"):
        return default
    return _after_last_terminal(text, paragraph[0], paragraph[1])


def _after_last_terminal(text: str, lo: int, hi: int) -> int:
    found = lo
    for match in TERMINAL.finditer(text, lo, hi):
        if _is_sentence_end(text, match.start()):
            found = match.end()
    return found


def _first_terminal(text: str, lo: int, hi: int) -> int:
    for match in TERMINAL.finditer(text, lo, hi):
        if _is_sentence_end(text, match.start()):
            return match.end()
    return hi


def _is_sentence_end(text: str, at: int) -> bool:
    if QUOTE_OPENING.match(text, at + 1):
        return True  # "... the L. 'We are ready,' she said": a new quoted sentence starts
    word = LAST_WORD.search(text, max(0, at - 12), at)
    if word is None:
        return True
    bare = word.group(1).lower()
    return bare not in ABBREVIATIONS and not (len(bare) == 1 and bare.isalpha())
