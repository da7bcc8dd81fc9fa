"""Long articles in paragraph-aligned chunks, so spaCy never sees more than CHUNK_CHARS at once.

A parse holds memory in proportion to its text, and spaCy refuses text past `nlp.max_length`
(error E088). An article longer than CHUNK_CHARS is cut at paragraph breaks (else line breaks,
sentence ends, spaces) into bodies; each body is parsed with up to CONTEXT_CHARS of text on either
side, so a quote and its attribution that straddle a seam are still seen whole. A quote belongs to
the chunk whose body it starts in (never counted twice), and its offsets are shifted back to the
article's. Memory then stays flat however long the article is, up to MAX_ARTICLE_CHARS.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

CHUNK_CHARS = 20_000
CONTEXT_CHARS = 2_000
# Where a body may end, best first: a paragraph, a line, a sentence, a word.
CUT_MARKS = ("\n\n", "\n", ". ", "? ", "! ", "” ", '" ', " ")


class Located(Protocol):
    """A found span (a Quote): its character offsets in the text that was parsed."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Q = TypeVar("Q", bound=Located)


@dataclass(frozen=True)
class Chunk:
    """A piece to parse, from `start`; it owns the quotes starting in [keep_from, keep_to)."""

    start: int
    text: str
    keep_from: int
    keep_to: int

    def owns(self, quote: Located) -> bool:
        return self.keep_from <= quote.start + self.start < self.keep_to


def plan_chunks(text: str, *, size: int = CHUNK_CHARS, context: int = CONTEXT_CHARS) -> list[Chunk]:
    """The chunks of `text`: one (the whole text) when it fits in `size` characters."""
    if len(text) <= size:
        return [Chunk(0, text, 0, len(text) + 1)]
    cuts = _cuts(text, size)
    chunks = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        start = _boundary_after(text, lo - context, limit=lo) if lo else 0
        end = _boundary_before(text, hi + context, floor=hi) if hi < len(text) else len(text)
        chunks.append(Chunk(start, text[start:end], lo, hi if hi < len(text) else hi + 1))
    return chunks


def extract_in_chunks(
    nlp: Any,
    texts: Iterable[str],
    extract: Callable[[Any], list[Q]],
    *,
    batch_size: int = 8,
    n_process: int = 1,
) -> Iterator[list[Q]]:
    """`extract(doc)` for each text, in order; long texts are parsed chunk by chunk (module doc)."""
    counted = [0]  # texts planned so far (the generator below runs as pipe pulls it)

    def plans() -> Iterator[tuple[str, tuple[int, Chunk]]]:
        for index, text in enumerate(texts):
            counted[0] = index + 1
            for chunk in plan_chunks(text):
                yield chunk.text, (index, chunk)

    docs = nlp.pipe(plans(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    current, found = 0, list[Q]()
    for doc, (index, chunk) in docs:
        while index > current:  # the previous text is complete (an empty text has one chunk too)
            yield found
            current, found = current + 1, []
        found.extend(_shift(q, chunk.start) for q in extract(doc) if chunk.owns(q))
    if counted[0]:
        yield found


def _shift(quote: Q, offset: int) -> Q:
    if not offset:
        return quote
    shifted: Q = dataclasses.replace(quote, start=quote.start + offset, end=quote.end + offset)  # type: ignore[type-var]
    return shifted


def _cuts(text: str, size: int) -> list[int]:
    """Body boundaries 0 = c0 < c1 < ... < len(text), each body at most `size` characters."""
    cuts, pos = [0], 0
    while len(text) - pos > size:
        pos = _best_cut(text, pos + size // 2, pos + size)
        cuts.append(pos)
    cuts.append(len(text))
    return cuts


def _best_cut(text: str, lo: int, hi: int) -> int:
    for mark in CUT_MARKS:
        at = text.rfind(mark, lo, hi)
        if at != -1:
            return at + len(mark)
    return hi


def _boundary_after(text: str, at: int, *, limit: int) -> int:
    """The start of the first line (else word) at or after `at`, but not past `limit`."""
    at = max(at, 0)
    for mark in ("\n", " "):
        found = text.find(mark, at, limit)
        if found != -1:
            return found + 1
    return limit


def _boundary_before(text: str, at: int, *, floor: int) -> int:
    """The end of the last line (else word) before `at`, but not before `floor`."""
    at = min(at, len(text))
    for mark in ("\n", " "):
        found = text.rfind(mark, floor, at)
        if found != -1:
            return found
    return floor
