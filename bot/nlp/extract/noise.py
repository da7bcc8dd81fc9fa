"""Page furniture of scraped articles: lines that link, caption or credit, and never carry a
quote; and headings, which name nobody a pronoun can mean."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

FIELD_MARKS = frozenset(("\u00b7", "|", "\u2022"))
STAMPS = frozenset("posted updated published modified filed".split())
# A paragraph of at most this many tokens and no verb is a subheading, a byline or a credit.
HEADING_TOKENS = 8

# A line opening with one of these labels is a link to another story, a caption or a credit:
# "Read more: 'I'm not going anywhere,' says boss" quotes the other story's headline, not this one.
NOISE_LABELS = (
    "read more",
    "read also",
    "also read",
    "more",
    "related",
    "see also",
    "watch",
    "video",
    "listen",
    "pictured",
    "picture",
    "photo",
    "photos",
    "image",
    "images",
    "credit",
    "above",
    "below",
    "top",
    "main",
    "inset",
    "left",
    "right",
    "before",
    "after",
    "recommended",
    "trending",
    "latest",
    "don't miss",
    "most read",
)
NOISE_LINE = re.compile(
    r"^[ \t]*(?:{})[ \t]*[:|]".format("|".join(re.escape(label) for label in NOISE_LABELS)),
    re.IGNORECASE | re.MULTILINE,
)
# A line ending in a credit, "... after hat-trick (Video: Example Sport)", is a caption.
CREDIT_END = re.compile(
    r"^[^\n]*\((?:image|images|photo|picture|pic|video|credit)s?\s*:[^()\n]*\)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
LINE_END = re.compile(r"\n|$")
# A wire dateline opening a line: "KINGSTON —", "LIMA, Peru -", "SEOUL, Nov. 28 (Yonhap) --". It
# says where the story was filed; the place in capitals is never a speaker. (A colon alone is left
# out: "TRUMP:" in capitals labels a speaker in a transcript.)
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\u2019-]{2,}(?:[ ][A-Z][A-Z.'\u2019-]+)*"
    r"(?:,[ ]*[A-Z][\w.]*(?:[ ](?:[A-Z][\w.]*|\d{1,2}\b,?)){0,2})?[ ]*(?:\([^()\n]{1,40}\)[ ]*)?"
    r"(?:[\u2014\u2013]|--?(?=[ ]))",
    re.MULTILINE,
)


def noise_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of the lines of `text` that are page furniture, in order."""
    ranges = []
    for match in NOISE_LINE.finditer(text):
        line_end = LINE_END.search(text, match.end())
        end = line_end.start() if line_end is not None else len(text)
        ranges.append((match.start(), end))
    ranges.extend(match.span() for match in CREDIT_END.finditer(text))
    return sorted(ranges)


def datelines(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of the datelines opening lines of `text`, in order."""
    return [match.span() for match in DATELINE.finditer(text)]


def is_dateline(text: str) -> bool:
    """True when `text` is a dateline and nothing else ("KINGSTON, Jamaica (AP) —"), its dash set
    off by a space; a newsletter's "FAREWELL—" before a headline is a section label."""
    text = text.rstrip()
    match = DATELINE.match(text + " ")
    return match is not None and match.end() >= len(text) and text[-2:-1].isspace()


def in_noise(at: int, ranges: list[tuple[int, int]]) -> bool:
    """True when character offset `at` lies on one of the furniture lines `ranges`."""
    k = bisect.bisect_right(ranges, (at, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= at < ranges[k][1]


def heading_lines(doc: Doc, paragraph_starts: list[int]) -> list[tuple[int, int]]:
    """Character spans of the paragraphs that are a short line with no verb: subheadings and
    bylines."""
    found = []
    ends = [*paragraph_starts[1:], doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0]
    for start, end in zip(paragraph_starts, ends, strict=True):
        line = doc.char_span(start, end, alignment_mode="expand")
        if line is None or len(line) > HEADING_TOKENS * (2 if _fielded(line) else 1):
            continue
        if not any(_verb_like(t) for t in line):
            found.append((start, end))
    return found


def _fielded(line: Span) -> bool:
    """True for a line cut into fields ("Jane Roe · CBC News · Posted: Mar 12, 2024"): a byline
    or a credit, longer than a subheading."""
    return any(t.text in FIELD_MARKS for t in line)


def _verb_like(token: Token) -> bool:
    if token.lower_ in STAMPS and token.i + 1 < len(token.doc) and token.nbor(1).text == ":":
        return False  # "Jane Roe · CBC News · Posted: Mar 12": a byline's time stamp
    # "Then there's Axelrod.": the tagger makes the 's a particle at the root
    return token.pos_ in ("VERB", "AUX") or (token.dep_ == "ROOT" and token.pos_ == "PART")
