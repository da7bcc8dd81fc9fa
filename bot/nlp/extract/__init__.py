"""Quote extraction: find every attributed quote in an article and name its speaker."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from bot.nlp.chunks import extract_in_chunks
from bot.nlp.extract.casting import build_cast
from bot.nlp.extract.coref import Cast
from bot.nlp.extract.cues import TEXT_KEY, cue_text, doc_text, find_cue_tokens
from bot.nlp.extract.findings import Finding, drop_covered
from bot.nlp.extract.genders import newcomer, word_gender
from bot.nlp.extract.groups import speakers_of
from bot.nlp.extract.marks import find_quote_spans, paragraph_bounds
from bot.nlp.extract.namespans import join_split_names
from bot.nlp.extract.noise import datelines, in_noise, noise_lines
from bot.nlp.extract.phrases import index_entities
from bot.nlp.extract.pipeline import add_paragraph_component
from bot.nlp.extract.quoted import find_quoted
from bot.nlp.extract.reported import find_reported
from bot.nlp.extract.speakers import Speaker, speaker_from_entity
from bot.nlp.extract.types import KINDS, Quote
from bot.nlp.names import is_generic
from bot.nlp.words import GROUP, ORG_WORDS, UNNAMED

__all__ = ["Extractor", "Quote", "KINDS", "extract_quotes"]

log = logging.getLogger(__name__)

SPACES = re.compile(r"\s*")
# A quote with no attribution of its own inherits the previous speaker only this many paragraphs on.
INHERIT_REACH = 1
# A description in the writer's or reader's voice ("my father", "your doctor") names nobody.
NARRATORS = frozenset("my your our".split())


class Extractor:
    """Parse article text with a spaCy pipeline and extract its quotes."""

    def __init__(self, nlp: Language) -> None:
        add_paragraph_component(nlp)
        self.nlp = nlp

    def extract(self, text: str) -> list[Quote]:
        """Quotes of one article body."""
        return next(self.extract_many([text], batch_size=1))

    def extract_many(
        self, texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1
    ) -> Iterator[list[Quote]]:
        """Quotes of each text, in order, parsed in batches (long ones in chunks: nlp/chunks)."""
        return extract_in_chunks(
            self.nlp,
            (t or "" for t in texts),
            extract_quotes,
            batch_size=batch_size,
            n_process=n_process,
        )


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every attributed quote of a parsed article, in text order; never raises on odd text."""
    try:
        return _extract(doc)
    except Exception:  # partial beats total: one odd article must not stop a batch
        log.exception("quote extraction failed on a text of %s characters", len(doc_text(doc)))
        return []
    finally:
        doc.user_data.pop(TEXT_KEY, None)


def _extract(doc: Doc) -> list[Quote]:
    text = doc_text(doc)
    join_split_names(doc)
    paragraphs = paragraph_bounds(text) or [(0, len(text))]
    starts = [s for s, _ in paragraphs]
    spans = find_quote_spans(text, paragraphs)
    cues = find_cue_tokens(doc)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    places = datelines(text)
    cast = build_cast(doc, starts, [(s.open_at, s.close_at + 1) for s in spans], places)
    findings = drop_covered(
        find_quoted(doc, spans, paragraphs, cues, people) + find_reported(doc, spans, cues, starts)
    )
    furniture = noise_lines(text)
    kept = [
        _after_dateline(text, f, places)
        for f in findings
        if not in_noise(f.start, furniture) and not _dated(f, places)
    ]
    return _resolve(doc, kept, cast)


def _resolve(doc: Doc, findings: list[Finding], cast: Cast) -> list[Quote]:
    entities = index_entities(doc)
    quotes: list[Quote] = []
    last: tuple[Speaker, Finding] | None = None
    for finding in findings:
        speakers = [s for s in _speakers_of(finding, entities, cast, last) if _names_one(s)]
        for speaker in speakers:
            _note(cast, finding, speaker)
            quotes.append(_quote(doc, finding, speaker))
        if len(speakers) == 1:
            last = (speakers[0], finding)
        elif speakers or (last is not None and _not_them(finding, last[0], cast)):
            # a joint statement, or a "she" we cannot name after a man spoke: a follow-on quote
            # has no single speaker to inherit, and never the one before
            last = None
    return quotes


def _not_them(finding: Finding, previous: Speaker, cast: Cast) -> bool:
    """True when the finding's own subject cannot be the previous speaker: a he or she of the
    other gender."""
    subject = finding.subject
    if subject is None or subject.lower_ not in ("he", "she"):
        return False
    wanted = "m" if subject.lower_ == "he" else "f"
    known = cast.genders.get(previous.canonical)
    return known is not None and known != wanted


def _dated(finding: Finding, places: list[tuple[int, int]]) -> bool:
    """True when the speaker found is the dateline ("KINGSTON, Jamaica —"): the words are nobody's
    we can name, and the place never spoke."""
    if finding.subject is not None:
        return in_noise(finding.subject.idx, places)
    return finding.named is not None and in_noise(finding.named.start_char, places)


def _after_dateline(text: str, finding: Finding, places: list[tuple[int, int]]) -> Finding:
    """A report opening a wire story starts after its dateline: in "SEOUL (Yonhap) -- Seoul vowed
    ..., the military said", the place and agency are where the story was filed, not words said."""
    for start, end in places:
        if start <= finding.start < end <= finding.end:
            spaces = SPACES.match(text, end)
            return replace(finding, start=spaces.end() if spaces is not None else end)
    return finding


def _names_one(speaker: Speaker) -> bool:
    """A speaker is a name, a role with a name, or a typed unnamed or group source."""
    words = speaker.canonical.lower().split()
    if speaker.type in (UNNAMED, GROUP) and len(words) > 1 and words[0] not in NARRATORS:
        return True  # "his legal team", "her aides": a source, though "my father" is nobody
    return not is_generic(speaker.canonical)


def _note(cast: Cast, finding: Finding, speaker: Speaker) -> None:
    subject = finding.subject
    if subject is not None and speaker.type == UNNAMED and subject.lemma_.lower() in ORG_WORDS:
        # "the army said in a statement. It said ...": an organisation described, for a later it
        cast.note_speaker(
            speaker.canonical, at=subject.idx, paragraph=finding.paragraph, role=None, person=False
        )
        cast.described[speaker.canonical] = UNNAMED  # and an unnamed source it stays
        return
    if (
        subject is not None
        and _described(speaker, subject)
        and (newcomer(subject) or _one_unnamed(speaker, subject, cast))
    ):
        # "Roe's lawyer said ... He added": the he is the lawyer, never Roe; "a spokeswoman for
        # the union said ... she said": the union again, not a rival leader named before
        cast.note_described(
            speaker.canonical,
            speaker.type,
            at=subject.idx,
            paragraph=finding.paragraph,
            gender=word_gender(subject),
        )
    if speaker.named and (finding.subject is not None or finding.named is not None):
        named = finding.named
        at = (
            finding.subject.idx
            if finding.subject is not None
            else (named.start_char if named else 0)
        )
        cast.note_speaker(
            speaker.canonical,
            at=at,
            paragraph=finding.paragraph,
            role=speaker.role,
            person=speaker.type == "PERSON",
        )


def _one_unnamed(speaker: Speaker, subject: Token, cast: Cast) -> bool:
    """'the union official said ...' after 'one union official': the same unnamed person again,
    whom a he or she after it means (a first 'the former president' may be anyone named)."""
    return speaker.type == UNNAMED and subject.tag_ == "NN" and speaker.canonical in cast.described


def _described(speaker: Speaker, subject: Token) -> bool:
    """True for a speaker given by a description alone: unnamed ("Roe's lawyer") or the
    organisation the described person speaks for ("a spokeswoman for the union")."""
    if speaker.type == UNNAMED:
        return True
    return speaker.type == "ORG" and any(
        c.dep_ == "prep" and c.lower_ in ("for", "at", "of", "with") for c in subject.children
    )


def _speakers_of(
    finding: Finding,
    entities: dict[int, Span],
    cast: Cast,
    last: tuple[Speaker, Finding] | None,
) -> list[Speaker]:
    if finding.subject is not None and last is not None and _its_statement(finding, last[1]):
        return [replace(last[0], as_written="the statement")]  # '"...," the statement said'
    if finding.subject is not None:
        return speakers_of(finding.subject, entities, cast, paragraph=finding.paragraph)
    if finding.named is not None:
        return [speaker_from_entity(finding.named, cast)]
    if last is None or finding.paragraph - last[1].paragraph > INHERIT_REACH:
        return []
    speaker, previous = last
    if _someone_else_between(cast, speaker.canonical, previous.end, finding.start):
        return []  # a new speaker's arrival ends the inheritance
    return [speaker]


def _its_statement(finding: Finding, previous: Finding) -> bool:
    """True for 'the statement said' right after someone spoke 'in a statement': a document is
    no speaker, so its words are the one who put it out."""
    subject = finding.subject
    return (
        subject is not None
        and subject.lower_ == "statement"
        and any(c.lower_ == "the" for c in subject.children)
        and finding.paragraph - previous.paragraph <= 1
        and previous.cue is not None
        and any(_put_out_by(t, previous.cue) for t in previous.cue.sent if t.lower_ == "statement")
    )


def _put_out_by(statement: Token, cue: Token) -> bool:
    """'said in a statement', 'In a statement, X announced', 'issued a statement': the cue's own
    statement, never one it reports ('The Times said Cook provided a statement')."""
    verbs = {cue.i} | {a.i for a in cue.ancestors}  # "In a statement, X said ... and warned"
    head = statement.head
    return head.i in verbs or (head.dep_ == "prep" and head.head.i in verbs)


def _someone_else_between(cast: Cast, canonical: str, lo: int, hi: int) -> bool:
    left, right = bisect.bisect_left(cast.subjects_at, lo), bisect.bisect_left(cast.subjects_at, hi)
    # a name read before its full form was known ("del Río") is the same speaker now
    return any(
        name != canonical and cast.canonical_person(name) != canonical
        for name in cast.subjects[left:right]
    )


def _quote(doc: Doc, finding: Finding, speaker: Speaker) -> Quote:
    return Quote(
        speaker=speaker.canonical,
        speaker_as_written=speaker.as_written,
        text=doc_text(doc)[finding.start : finding.end],
        kind=finding.kind,
        cue=cue_text(finding.cue) if finding.cue is not None else None,
        start=finding.start,
        end=finding.end,
        role=speaker.role,
        speaker_type=speaker.type,
        verbatim=tuple((s - finding.start, e - finding.start) for s, e in finding.verbatim),
    )
