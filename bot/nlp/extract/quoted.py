"""Quoted spans that are quotes: direct or mixed, with their cue, a named speaker, or to inherit."""

from __future__ import annotations

import bisect
import dataclasses
import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.complements import widen_mixed
from bot.nlp.extract.cues import (
    WH_SUBJECTS,
    can_speak,
    doc_text,
    own_subject,
    subject_of,
)
from bot.nlp.extract.findings import Finding, QuotedRanges, inside_quote, word_count
from bot.nlp.extract.frames import Frames, frames_of
from bot.nlp.extract.labels import label, named_without_verb, signature
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.extract.modality import is_real_report, states
from bot.nlp.extract.nearby import inverted_subject, name_after_quote, name_before
from bot.nlp.extract.noise import is_dateline
from bot.nlp.extract.ranges import governed_range, reported_range
from bot.nlp.extract.splits import join_split
from bot.nlp.extract.types import QuoteKind
from bot.nlp.words import CLAUSE_ONLY_CUES

Bounds = tuple[int, int]  # (start, end) character offsets

OPEN_ENDINGS = tuple(",?!-\u2014\u2013:;\u2026")
INNER_CLOSERS = "'\"\u2019\u201d"
# A quoted fragment shorter than this (in words) is emphasis or a scare quote, not a quote.
MIN_FRAGMENT_WORDS = 2
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but by".split())
MAX_TITLE_WORDS = 8
# Words opening a clause of time or cause after a quote: its verb is not the quote's cue ("as" is:
# '"...," as she put it').
SUBORDINATORS = frozenset("when after before while because since until if once".split())
SENTENCE_STOPS = tuple(".!?\u2026,")
# Works a quoted title names: 'his book, "Make Your Kid a Millionaire"' quotes nobody.
WORKS = frozenset(
    """book novel memoir biography song anthem album single film movie documentary show sitcom
    series episode play musical poem column essay headline podcast programme program hymn opera
    painting""".split()
)


def find_quoted(
    doc: Doc,
    spans: list[QuoteSpan],
    paragraphs: list[Bounds],
    cues: list[Token],
    people: list[Span],
) -> list[Finding]:
    """A finding for every quoted span that is a quote (direct or mixed), attributed or to
    inherit."""
    cue_at = [c.idx for c in cues]
    quoted = [(s.open_at, s.close_at + 1, 0) for s in spans]
    found: list[Finding | None] = []
    for k, span in enumerate(spans):
        frames = frames_of(doc_text(doc), spans, k, paragraphs)
        lead = _cues_between(cues, cue_at, *frames.before)
        if (
            frames.before[0] < paragraphs[span.paragraph][0]
            and not (lead and is_real_report(lead[-1]))
            and not _label_line(doc, frames.before, people)
        ):
            # a lead-in line with no statement of its own ("The full statement:", "... was
            # refusing to call it terrorism:") announces nobody's words
            frames = dataclasses.replace(frames, before=(span.open_at, span.open_at))
        found.append(_attribute_span(doc, span, frames, cues, cue_at, people, quoted))
    return [widen_mixed(doc, f, spans) for f in join_split(doc, spans, found) if f is not None]


def _label_line(doc: Doc, before: tuple[int, int], people: list[Span]) -> bool:
    """True for a label on the line above its quote ('Governor Helen Roe, in a statement:')."""
    text = doc_text(doc)[before[0] : before[1]].strip()
    return text.endswith(":") and label(doc, before, text, people) is not None


def _attribute_span(
    doc: Doc,
    span: QuoteSpan,
    frames: Frames,
    cues: list[Token],
    cue_at: list[int],
    people: list[Span],
    quoted: QuotedRanges,
) -> Finding | None:
    text = doc_text(doc)
    content = text[span.start : span.end]
    if _work_title(text, span, content):
        return None
    before_text = text[frames.before[0] : frames.before[1]].strip()
    if is_dateline(before_text):
        before_text = ""  # 'KINGSTON (AP) — "We will rebuild," said ...' opens its sentence
    after_text = text[frames.after[0] : frames.after[1]].strip()
    before = _cues_between(cues, cue_at, *frames.before)
    after = _cues_between(cues, cue_at, *frames.after)
    labelled = not before and label(doc, frames.before, before_text, people) is not None
    opens_sentence = (
        not before_text
        or before_text[-1] in ":,"
        and (bool(before) or frames.follows_quote or labelled)
    )
    direct = opens_sentence and (
        content[:1].isupper() or content[:1].isdigit() or frames.follows_quote
    )
    if direct:
        return _direct(
            doc, span, content, before_text, after_text, before, after, people, frames, quoted
        )
    if word_count(text, span) < MIN_FRAGMENT_WORDS and not _names_object(doc, span, before + after):
        return None
    cue = _governing_cue(doc, span, before[::-1] + after)
    if cue is None:
        return None
    return _with_cue(span, "mixed", cue, quoted)


def _direct(
    doc: Doc,
    span: QuoteSpan,
    content: str,
    before_text: str,
    after_text: str,
    before: list[Token],
    after: list[Token],
    people: list[Span],
    frames: Frames,
    quoted: QuotedRanges,
) -> Finding | None:
    # an inner quote closing the quote ('... it was "fair,"') hides the comma that leaves it open
    last = content.rstrip().rstrip(INNER_CLOSERS)[-1:]
    ends_open = last in OPEN_ENDINGS or last.isalnum()
    introduced = bool(before) and before_text[-1:] in ":,"
    if (
        after
        and (ends_open or after_text[:1].islower())
        and not (introduced and _subordinate(after_text))
    ):  # 'Trump boasted, "...," when Clinton blasted him': the boast is Trump's
        return _with_cue(span, "direct", after[0], quoted)
    if before and (before_text[-1:] in ":," or _governing_cue(doc, span, before[::-1]) is not None):
        return _with_cue(span, "direct", before[-1], quoted)
    named = signature(doc, span, people)
    if named is None and ends_open:
        named = named_without_verb(doc, frames.after, after_text, people)
    if named is None and not before:
        named = label(doc, frames.before, before_text, people)
    if named is not None:
        return Finding(span.start, span.end, "direct", None, None, span.paragraph, named)
    standalone = not before_text and not after_text.strip(".,;:!? ")
    # A quoted line with no closing stop, "'Nobody saw it coming'", is a subheading, not a follow-on
    # quote.
    sentence_like = (content.rstrip().rstrip(INNER_CLOSERS) + after_text.strip())[
        -1:
    ] in SENTENCE_STOPS
    if standalone and sentence_like and not _title_cased(content):
        return Finding(span.start, span.end, "direct", None, None, span.paragraph)
    return None


def _subordinate(after_text: str) -> bool:
    """True when the words after a quote open a clause of time or cause ("when", "after")."""
    return after_text.split(" ", 1)[0].lower() in SUBORDINATORS


def _work_title(text: str, span: QuoteSpan, content: str) -> bool:
    """True for the title of a work right after its kind or "on" ('the anthem "A Change Is Gonna
    Come"', 'his 2002 book, "Make Your Kid a Millionaire"', 'a boss on "The Apprentice"'): a
    name, not anyone's words."""
    lead = text[max(0, span.open_at - 40) : span.open_at].rstrip(" ,\u00a0")
    kind = WORD.findall(lead)[-1:]
    named = kind and kind[0].lower().removesuffix("s") in WORKS | {"on"}  # on "The Apprentice"
    if not named or not lead.endswith(kind[0]):
        return False
    return _title_cased(content, least=1)


def _title_cased(content: str, *, least: int = 3) -> bool:
    """True for "'Legend in the Coal Fields.'" alone on its line: a subheading, not a quote."""
    words = [w for w in WORD.findall(content) if w.lower() not in TITLE_SMALL_WORDS]
    return least <= len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in words)


def _with_cue(span: QuoteSpan, kind: QuoteKind, cue: Token, quoted: QuotedRanges) -> Finding | None:
    if not is_real_report(cue, lambda at: inside_quote(at, quoted)):
        return None  # 'did not respond to queries', 'declined to call it "a deal"'
    if kind == "mixed" and not states(cue):
        return None  # 'asked voters to "prayerfully consider" ...': a request, not a statement
    subject = subject_of(cue)
    own = own_subject(cue)
    if subject is None and own is not None and not can_speak(own):
        return None  # 'The indictment says Stokes paid for "audit services"': no one speaks
    if subject is None or inside_quote(subject.idx, quoted):
        # The parser took a word of the quote for the subject: a second subject outside the
        # quote ('"Both," Clarke said'), else the name after the cue ('"...," said Clarke').
        outside = [
            c
            for c in cue.children
            if c.dep_ == "nsubj"
            and not inside_quote(c.idx, quoted)
            and can_speak(c)
            and c.lower_ not in WH_SUBJECTS  # 'rules that promise': refused for a thing above
        ]
        subject = (
            outside[0]
            if outside
            else _inverted(cue, span) or name_before(cue) or name_after_quote(span, cue)
        )
    if subject is None or inside_quote(subject.idx, quoted):
        return None
    verbatim = ((span.start, span.end),) if kind == "mixed" else ()
    return Finding(span.start, span.end, kind, cue, subject, span.paragraph, verbatim=verbatim)


def _inverted(cue: Token, span: QuoteSpan) -> Token | None:
    """The speaker after the cue ('"...," said Roe'), never the subject of what was said when
    the quote follows it ('said the statute was "so vague ..."')."""
    found = inverted_subject(cue)
    if found is None or span.start < cue.idx:
        return found
    if found.dep_ in ("dobj", "dative") and found.head.i == cue.i:
        return None  # 'a comment that described all farmers as "..."': whom, never who
    reported = found.dep_ in ("nsubj", "nsubjpass") and found.head.dep_ == "ccomp"
    return None if reported and found.head.head.i == cue.i else found


def _names_object(doc: Doc, span: QuoteSpan, cues: list[Token]) -> bool:
    """True for one quoted word a cue gives its object ('called the plan "reckless"'): the
    speaker's own word for it, not the writer's scare quote."""
    piece = doc.char_span(span.start, span.end, alignment_mode="expand")
    cue_ids = {c.i for c in cues}
    return piece is not None and any(
        t.dep_ == "oprd" and t.head.i in cue_ids and any(c.dep_ == "dobj" for c in t.head.children)
        for t in piece
    )


def _governing_cue(doc: Doc, span: QuoteSpan, candidates: list[Token]) -> Token | None:
    """The nearest cue whose clause holds the quote's first word (so it reports this fragment)."""
    for cue in candidates:
        if cue.lemma_.lower() in CLAUSE_ONLY_CUES and reported_range(cue) is None:
            continue
        start, end = governed_range(cue)
        if start < end and doc[start].idx <= span.start < doc[end - 1].idx + len(doc[end - 1]) + 1:
            return cue
    return None


def _cues_between(cues: list[Token], cue_at: list[int], lo: int, hi: int) -> list[Token]:
    return cues[bisect.bisect_left(cue_at, lo) : bisect.bisect_left(cue_at, hi)]
