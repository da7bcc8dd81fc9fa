"""What the extractor returns: one Quote per attributed statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

QuoteKind = Literal["direct", "mixed", "indirect"]
KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)


@dataclass(frozen=True)
class Quote:
    """An attributed quote found in one article.

    `start`/`end` are character offsets of the quote text (without its quote
    marks) in the article body the extractor was given.
    """

    speaker: str  # canonical within the article: "Volodymyr Zelensky" for "he" / "Mr Zelensky"
    speaker_as_written: str  # as in the text: "he", "Mr Zelensky", "ICRC spokesman Ewan Watson"
    text: str  # the quote, without its quote marks
    kind: QuoteKind
    cue: str | None  # the cue verb as written ("said", "told", "according to"), None when inherited
    start: int
    end: int
    role: str | None = None  # title or role stripped from the name: "ICRC spokesman"
    speaker_type: str = "PERSON"  # PERSON, ORG, GPE, NORP or GROUP
    # The quoted pieces of a mixed quote, as (start, end) offsets into `text`; empty otherwise.
    verbatim: tuple[tuple[int, int], ...] = ()
