"""Pair quote marks at the character level, telling apostrophes from single quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENERS = frozenset("\u201c\u201e\u00ab")
DOUBLE_CLOSERS = frozenset("\u201d\u00bb")
SINGLE_OPENERS = frozenset("\u2018")
SINGLE_CLOSERS = frozenset("\u2019")
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
# Two straight single marks stand for a double one in some wire and archive copy (''like this'').
TWO_SINGLES = "''"
MARK = re.compile("''|[\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb]")
# An opener may follow a space, a bracket, a dash or another mark, never a letter or a full stop.
OPENER_PRECEDERS = frozenset(' \t\n([{\u2014\u2013-/\u201c\u201e"\u00ab')
DECADE = re.compile(r"\d0s\b")  # '90s is an apostrophe, not an opener
LATER_CLOSER = re.compile("\\S['\u2019](?![\\w])")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
LINE_BREAK = re.compile(r"\n")
# Lines of hard-wrapped prose are at most this long, and most end without a sentence stop.
WRAP_WIDTH = 100
LINE_ENDINGS = frozenset(".!?:\"'\u201d\u2019)")
# A single quote left open at a paragraph end is kept only when it is this long (in characters),
# since a lone stray apostrophe is far likelier than a one-word open quote.
MIN_UNCLOSED_SINGLE = 20


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted text: `start`/`end` bound the text, `open_at`/`close_at` the marks."""

    start: int
    end: int
    open_at: int
    close_at: int  # index of the closing mark's last character, or the paragraph end when unclosed
    paragraph: int


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): every line, unless a blank-line block is hard-wrapped prose.

    Pages mix both conventions (a blank line after a header, then one line per paragraph), so a
    block between blank lines is split into its lines unless its lines look wrapped at a width.
    """
    bounds: list[tuple[int, int]] = []
    for start, end in _split(text, PARAGRAPH_BREAK, 0, len(text)):
        if _hard_wrapped(text[start:end]):
            bounds.append((start, end))
        else:
            bounds.extend(_split(text, LINE_BREAK, start, end))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _split(text: str, splitter: re.Pattern[str], lo: int, hi: int) -> list[tuple[int, int]]:
    bounds, start = [], lo
    for match in splitter.finditer(text, lo, hi):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, hi))
    return bounds


def _hard_wrapped(block: str) -> bool:
    """True for prose broken at a fixed width: most lines short and ending mid-sentence."""
    lines = [line.rstrip() for line in block.split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    open_ended = sum(1 for line in lines[:-1] if line[-1:] not in LINE_ENDINGS)
    return max(len(line) for line in lines) <= WRAP_WIDTH and open_ended * 2 > len(lines) - 1


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quoted stretch of `text`, outermost only, in order; never raises on odd marks."""
    spans: list[QuoteSpan] = []
    for number, (start, end) in enumerate(
        paragraphs if paragraphs is not None else paragraph_bounds(text)
    ):
        spans.extend(_pair_paragraph(text, start, end, number))
    return _drop_nested(spans)


def _low_pair(text: str, opened_at: int, mark: str) -> bool:
    """True for the closing mark of a low opener as German writes it (\u201e...\u201c)."""
    return text[opened_at] == "\u201e" and mark == "\u201c"


def _pair_paragraph(text: str, start: int, end: int, number: int) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    double_at: int | None = None
    single_at: int | None = None
    for match in MARK.finditer(text, start, end):
        i, mark = match.start(), match.group()
        if mark == TWO_SINGLES:
            mark = STRAIGHT_DOUBLE
        if mark == STRAIGHT_DOUBLE or mark in DOUBLE_OPENERS or mark in DOUBLE_CLOSERS:
            single_at = None  # single marks pair only inside one double-quote state
            if double_at is None and mark not in DOUBLE_CLOSERS and _can_open(text, i, end):
                double_at = i
            elif double_at is not None and (
                mark not in DOUBLE_OPENERS or _low_pair(text, double_at, mark)
            ):
                # close_at is the mark's last character, so text after a '' closer starts past both
                found.append(_span(text, double_at, i, number, last=match.end() - 1))
                double_at = None
            elif double_at is not None:
                double_at = i  # a second opener: the first was stray
            continue
        role = _single_role(text, i, end, single_at is not None)
        if role == "open":
            single_at = i
        elif role == "close" and single_at is not None:
            found.append(_span(text, single_at, i, number))
            single_at = None
    found.extend(_close_at_paragraph_end(text, double_at, single_at, end, number))
    return [span for span in found if span.end > span.start]


def _single_role(text: str, i: int, end: int, pending: bool) -> str:
    """'open', 'close' or 'apostrophe' for a single mark at `i`."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return "apostrophe"  # don't, Russia's
    if not pending:
        opens = before in OPENER_PRECEDERS or i == 0 or not before.strip()
        if mark in SINGLE_CLOSERS and before.isalnum():
            return "apostrophe"
        if (
            opens
            and after.strip()
            and not DECADE.match(text, i + 1, end)
            and mark not in SINGLE_CLOSERS
        ):
            return "open"
        if opens and after.isalpha() and mark in SINGLE_CLOSERS:
            return "open"  # some texts open with a right single mark
        return "apostrophe"  # sides' with nothing open, a stray mark
    if mark in SINGLE_OPENERS or not before.strip() or after.isalnum():
        return "apostrophe"
    if before in "sS" and after == " " and LATER_CLOSER.search(text, i + 1, end):
        return (
            "apostrophe"  # the rebels' positions ... ' : a plural possessive inside an open quote
        )
    return "close"


def _can_open(text: str, i: int, end: int) -> bool:
    return i + 1 < end and bool(text[i + 1].strip())


def _span(
    text: str, open_at: int, close_at: int, number: int, *, last: int | None = None
) -> QuoteSpan:
    start, stop = open_at + (2 if text.startswith(TWO_SINGLES, open_at) else 1), close_at
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return QuoteSpan(start, stop, open_at, close_at if last is None else last, number)


def _close_at_paragraph_end(
    text: str, double_at: int | None, single_at: int | None, end: int, number: int
) -> list[QuoteSpan]:
    # A quote running on to the next paragraph has no closing mark in this one (news convention).
    if double_at is not None:
        return [_span(text, double_at, end, number)]
    if single_at is not None and end - single_at >= MIN_UNCLOSED_SINGLE:
        return [_span(text, single_at, end, number)]
    return []


def _drop_nested(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    spans = sorted(spans, key=lambda s: (s.open_at, -s.close_at))
    kept: list[QuoteSpan] = []
    for span in spans:
        if kept and span.open_at < kept[-1].close_at:
            continue  # inside (or crossing) the previous outer quote
        kept.append(span)
    return kept
