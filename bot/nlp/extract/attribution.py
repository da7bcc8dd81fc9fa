"""Find quote candidates: quoted spans with their cue, and reported clauses of speech verbs."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.cues import (
    doc_text,
    governed_range,
    inverted_subject,
    is_real_report,
    reported_range,
    subject_of,
    trim_clause,
)
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.words import CLAUSE_ONLY_CUES

TERMINAL = re.compile("[.!?]+(?=[\\s\"'\u2019\u201d]|$)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr vs no inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)
QUOTE_OPENING = re.compile("\\s+[\"'\u2018\u201c][A-Z]")
LAST_WORD = re.compile(r"([\w.]+)$")
OPEN_ENDINGS = tuple(",?!-\u2014\u2013:;\u2026")
# A quoted fragment shorter than this (in words) is emphasis or a scare quote, not a quote.
MIN_FRAGMENT_WORDS = 2
MIN_CLAUSE_TOKENS = 3
HEADLINE_COLON = ":"
SENTENCE_STOPS = tuple(".!?\u2026,")
CONTRAST_MARKS = frozenset("while whereas whilst".split())
# 'Smith: "We were poor."' (match reports, Q&As): a short capitalised name and a colon, no verb.
# A reported clause with a word of its own beside its quoted pieces is a mixed quote.
WORDS_OUTSIDE = re.compile(r"[^\W_]{2,}")
Spans = tuple[tuple[int, int], ...]
LOWER_WORD = re.compile(r"\b[a-z]")
SPEAKER_LABEL = re.compile(r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})\s*:$")


@dataclass(frozen=True)
class Finding:
    """A candidate quote before its speaker is resolved; `subject` None means inherit or `named`."""

    start: int
    end: int
    kind: str
    cue: Token | None
    subject: Token | None
    paragraph: int
    named: Span | None = None  # a speaker named without a verb
    verbatim: Spans = ()  # (start, end) of the quoted pieces of a mixed clause, in the article


@dataclass(frozen=True)
class Frames:
    before: tuple[int, int]
    after: tuple[int, int]
    follows_quote: bool  # the before-frame starts at a previous quote's closing mark, same sentence


def find_quoted(
    doc: Doc, spans: list[QuoteSpan], paragraphs, cues: list[Token], people
) -> list[Finding]:
    """A finding for every quoted span that is a quote (direct or mixed), attributed or to
    inherit."""
    cue_at = [c.idx for c in cues]
    quoted = [(s.open_at, s.close_at + 1, 0) for s in spans]
    found = []
    for k, span in enumerate(spans):
        frames = _frames(doc_text(doc), spans, k, paragraphs[span.paragraph])
        finding = _attribute_span(doc, span, frames, cues, cue_at, people, quoted)
        if finding is not None:
            found.append(finding)
    return found


def find_reported(
    doc: Doc, spans: list[QuoteSpan], cues: list[Token], paragraph_starts
) -> list[Finding]:
    """Indirect speech: the clause a speech verb reports, when no quote marks carry it."""
    quoted = [(s.open_at, s.close_at + 1, _word_count(doc_text(doc), s)) for s in spans]
    ranges = {}
    for cue in cues:
        if _inside_quote(cue.idx, quoted) or not is_real_report(cue):
            continue
        clause = reported_range(cue)
        if clause is not None:
            ranges[cue.i] = trim_clause(doc, *clause)
    nested = _nested_reports(doc, ranges)
    cue_ids = {cue.i for cue in cues}
    found = []
    for cue in cues:
        if cue.i not in ranges or cue.i in nested or _background_participle(cue, cue_ids):
            continue
        finding = _reported_finding(doc, cue, ranges[cue.i], spans, paragraph_starts)
        if finding is not None:
            found.append(finding)
    return found


def _reported_finding(doc, cue, token_range, spans, paragraph_starts) -> Finding | None:
    start_token, end_token = token_range
    if end_token - start_token < MIN_CLAUSE_TOKENS:
        return None
    start, end = doc[start_token].idx, doc[end_token - 1].idx + len(doc[end_token - 1])
    clause = _mixed_clause(doc_text(doc), start, end, spans)
    if clause is None:
        return None  # the quote marks carry it: a direct quote, or a fragment crossing the clause
    subject = subject_of(cue)
    if subject is None:
        return None
    start, end, verbatim = clause
    paragraph = bisect.bisect_right(paragraph_starts, start) - 1
    kind = "mixed" if verbatim else "indirect"
    return Finding(start, end, kind, cue, subject, paragraph, verbatim=verbatim)


def _mixed_clause(
    text: str, start: int, end: int, spans: list[QuoteSpan]
) -> tuple[int, int, Spans] | None:
    """The reported clause widened to the marks of the quoted pieces it holds, with those pieces.

    'Kelly said Arizona had become a "winnable state" for Clinton' reports the whole clause (that is
    how annotators mark a mixed quote); the quoted words stay as verbatim spans. A clause that is
    nothing but one quote is a direct quote, and a quote running past the clause is not its piece.
    """
    lo, hi = start, end
    inside = [s for s in spans if s.open_at < end + 2 and s.close_at >= start - 1]
    for span in inside:
        if span.start < start - 2 or span.end > end + 2:
            return None
        lo, hi = min(lo, span.open_at), max(hi, min(span.close_at + 1, len(text)))
    if inside and _stray_tail(text[inside[-1].close_at + 1 : hi]):
        hi = min(hi, inside[-1].close_at + 1)  # '"...," Tulsa police chief X said': a name's start
    outside, cut = [], lo
    for span in inside:
        outside.append(text[cut : span.open_at])
        cut = span.close_at + 1
    outside.append(text[cut:hi])
    if inside and not WORDS_OUTSIDE.search(" ".join(outside)):
        return None
    return lo, hi, tuple((s.start, s.end) for s in inside)


def _stray_tail(tail: str) -> bool:
    """True for a word or two the parser left between a quote and its speaker, not a clause."""
    return bool(WORDS_OUTSIDE.search(tail)) and not LOWER_WORD.search(tail)


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


def _nested_reports(doc: Doc, ranges: dict[int, tuple[int, int]]) -> set[int]:
    """Settle reports inside reports; returns cues to drop and trims `ranges` in place.

    'Putin told Macron that ..., officials said': the outer clause *is* the inner report, so the
    inner speaker is the quote's. 'She said 45 buses left after the ICRC confirmed ...': an inner
    report with its own subject is a detail of the outer statement. 'She said X, adding that Y':
    one speaker, two statements, so the outer clause stops where the inner cue starts.
    """
    dropped: set[int] = set()
    order = sorted(ranges)
    for outer in order:
        start, end = ranges[outer]
        for inner in order[bisect.bisect_left(order, start) : bisect.bisect_left(order, end)]:
            if inner == outer or inner in dropped:
                continue
            cue = doc[inner]
            if cue.head.i == outer and cue.dep_ == "ccomp":
                dropped.add(outer)
            elif _own_subject_of(cue) and _contrasted(cue):
                end = min(
                    end, trim_clause(doc, start, cue.left_edge.i)[1]
                )  # "..., while Doyle warned that"
            elif subject_of(cue) is not None and _own_subject_of(cue):
                dropped.add(inner)
            elif cue.left_edge.i > start:
                end = min(end, trim_clause(doc, start, cue.left_edge.i)[1])
        ranges[outer] = (start, end)
    return dropped


def _background_participle(cue: Token, cue_ids: set[int]) -> bool:
    """True for a participle that sets the scene rather than reports a statement.

    'X said A, adding that B' and 'rejected the offer, saying B' report B; 'with Kyiv insisting ...'
    and '... vowed to go on, saying ...' set the scene (the seed gold leaves them out).
    """
    if cue.tag_ != "VBG" or cue.lower_ == "according":
        return False
    if any(c.dep_ == "aux" for c in cue.children):
        return False  # a progressive main verb: "the White House is saying that ..."
    if (_own_subject_of(cue) and cue.dep_ != "ROOT") or cue.head.lower_ == "with":
        return True  # an absolute clause: "with Kyiv insisting that ..."
    speech = next((a for a in cue.ancestors if a.i in cue_ids), None)
    # "rejected the offer, saying ..." reports what was said; "vowed to go on, saying ..." a reason.
    return speech is not None and any(_infinitive(child) for child in speech.children)


def _infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _contrasted(cue: Token) -> bool:
    """True for a second speaker set beside the first ("while X warned"), not inside their
    statement."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in cue.children)


def _own_subject_of(cue: Token) -> bool:
    return any(c.dep_ == "nsubj" for c in cue.children)


def _attribute_span(doc, span, frames, cues, cue_at, people, quoted) -> Finding | None:
    text = doc_text(doc)
    content = text[span.start : span.end]
    before_text = text[frames.before[0] : frames.before[1]].strip()
    after_text = text[frames.after[0] : frames.after[1]].strip()
    before = _cues_between(cues, cue_at, *frames.before)
    after = _cues_between(cues, cue_at, *frames.after)
    labelled = not before and _speaker_label(doc, frames.before, before_text, people) is not None
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
    if _word_count(text, span) < MIN_FRAGMENT_WORDS:
        return None
    cue = _governing_cue(doc, span, before[::-1] + after)
    if cue is None:
        return None
    return _with_cue(span, "mixed", cue, quoted)


def _direct(
    doc, span, content, before_text, after_text, before, after, people, frames, quoted
) -> Finding | None:
    ends_open = content.rstrip()[-1:] in OPEN_ENDINGS or content.rstrip()[-1:].isalnum()
    if after and (ends_open or after_text[:1].islower()):
        return _with_cue(span, "direct", after[0], quoted)
    if before and (before_text[-1:] in ":," or _governing_cue(doc, span, before[::-1]) is not None):
        return _with_cue(span, "direct", before[-1], quoted)
    named = _named_without_verb(doc, frames.after, after_text, people) if ends_open else None
    if named is None and not before:
        named = _speaker_label(doc, frames.before, before_text, people)
    if named is not None:
        return Finding(span.start, span.end, "direct", None, None, span.paragraph, named)
    standalone = not before_text and not after_text.strip(".,;:!? ")
    # A quoted line with no closing stop, "'Nobody saw it coming'", is a subheading, not a follow-on
    # quote.
    sentence_like = (content.rstrip() + after_text.strip())[-1:] in SENTENCE_STOPS
    if standalone and sentence_like:
        return Finding(span.start, span.end, "direct", None, None, span.paragraph)
    return None


def _with_cue(span: QuoteSpan, kind: str, cue: Token, quoted) -> Finding | None:
    subject = subject_of(cue)
    if subject is None or _inside_quote(subject.idx, quoted):
        # The parser took a word of the quote for the subject: a second subject outside the
        # quote ('"Both," Clarke said'), else the name after the cue ('"...," said Clarke').
        outside = [
            c for c in cue.children if c.dep_ == "nsubj" and not _inside_quote(c.idx, quoted)
        ]
        subject = outside[0] if outside else inverted_subject(cue)
    if subject is None or _inside_quote(subject.idx, quoted):
        return None
    verbatim = ((span.start, span.end),) if kind == "mixed" else ()
    return Finding(span.start, span.end, kind, cue, subject, span.paragraph, verbatim=verbatim)


def _governing_cue(doc, span: QuoteSpan, candidates: list[Token]) -> Token | None:
    """The nearest cue whose clause holds the quote's first word (so it reports this fragment)."""
    for cue in candidates:
        if cue.lemma_.lower() in CLAUSE_ONLY_CUES and reported_range(cue) is None:
            continue
        start, end = governed_range(cue)
        if start < end and doc[start].idx <= span.start < doc[end - 1].idx + len(doc[end - 1]) + 1:
            return cue
    return None


def _named_without_verb(doc, after, after_text, people) -> Span | None:
    """ "'...,' Britain's spy chief Jane Roe on Thursday." names a speaker with no verb at all."""
    if not after_text or after_text.startswith(HEADLINE_COLON):
        return (
            None  # "'Absolutely shameful': Union boss attacks cuts" is a headline about the quote
        )
    span = doc.char_span(after[0], after[1], alignment_mode="contract")
    if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    index = bisect.bisect_left(people, after[0], key=lambda e: e.start_char)
    if index < len(people) and people[index].end_char <= after[1]:
        person: Span = people[index]
        return person
    return None


def _speaker_label(doc, before, before_text, people) -> Span | None:
    """The name in 'Aldridge: "..."' when the article names that person elsewhere (a caption label
    is not)."""
    match = SPEAKER_LABEL.fullmatch(before_text)
    if match is None or any(w.isupper() and len(w) > 1 for w in match.group(1).split()):
        return None  # "PICTURED:", "UPDATE:" are labels of the page, not speakers
    start = doc_text(doc).index(match.group(1), before[0])
    known = {
        w
        for person in people
        if not start <= person.start_char < before[1]
        for w in person.text.split()
    }
    if not set(match.group(1).split()) <= known:
        return None  # named nowhere else: "Verdict:", "Menu:" are headings, not people
    label: Span | None = doc.char_span(start, start + len(match.group(1)), alignment_mode="expand")
    return label


def _frames(text: str, spans: list[QuoteSpan], k: int, paragraph: tuple[int, int]) -> Frames:
    span = spans[k]
    previous = spans[k - 1] if k and spans[k - 1].paragraph == span.paragraph else None
    lo = previous.close_at + 1 if previous else paragraph[0]
    before_lo = _after_last_terminal(text, lo, span.open_at)
    follows = previous is not None and before_lo == lo and lo <= span.open_at
    following = (
        spans[k + 1] if k + 1 < len(spans) and spans[k + 1].paragraph == span.paragraph else None
    )
    hi = following.open_at if following else paragraph[1]
    after_lo = min(span.close_at + 1, hi)
    return Frames(
        (before_lo, span.open_at), (after_lo, _first_terminal(text, after_lo, hi)), follows
    )


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


def _cues_between(cues: list[Token], cue_at: list[int], lo: int, hi: int) -> list[Token]:
    return cues[bisect.bisect_left(cue_at, lo) : bisect.bisect_left(cue_at, hi)]


def _word_count(text: str, span: QuoteSpan) -> int:
    return len(text[span.start : span.end].split())


def _inside_quote(at: int, quoted) -> bool:
    index = bisect.bisect_right(quoted, (at, float("inf"), 0)) - 1
    return index >= 0 and quoted[index][0] <= at < quoted[index][1]
