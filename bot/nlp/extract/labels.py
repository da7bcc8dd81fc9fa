"""Speakers named without a verb: a signature after a dash, a label before a colon, a name after
the quote ('"...," Britain's spy chief Jane Roe on Thursday.')."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.first_names import full_name_shaped

Bounds = tuple[int, int]  # (start, end) character offsets
HEADLINE_COLON = ":"
# A dash and a name alone after a quote, on its line or the next (round-ups, fact checks).
SIGNATURE = re.compile(
    "[^\\S\n]*(?:\n\\s*)?[\u2015\u2014\u2013-]{1,2}[^\\S\n]*([^\n]{2,60}?)\\.?[^\\S\n]*(?=\n|$)"
)
# A label's end: an optional affiliation after a comma ("Heather Smith, UNA:", "..., health
# minister:") or short parenthesis ("(D-Ore.)"), and the colon; it starts after these.
LABEL_TAIL = re.compile(r"(?:,[^,:\n()]{1,40})?(?:\s*\([^()]{1,20}\))?\s*:$")
LABEL_STARTS = (" - ", " \u2014 ", " \u2013 ", ": ")
BULLETS = ("-", "\u2022", "*")
# 'Smith: "We were poor."' (match reports, Q&As): a short capitalised name and a colon, no verb.
SPEAKER_LABEL = re.compile(r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})\s*:$")


def named_without_verb(doc: Doc, after: Bounds, after_text: str, people: list[Span]) -> Span | None:
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


def signature(doc: Doc, span: QuoteSpan, people: list[Span]) -> Span | None:
    """The name signing a quote with a dash, on its line or the next: '"..." \u2015 Jane Roe'."""
    match = SIGNATURE.match(doc_text(doc), span.close_at + 1)
    if match is None:
        return None
    start, end = match.span(1)
    index = bisect.bisect_left(people, start, key=lambda e: e.start_char)
    if index < len(people) and people[index].start_char == start and people[index].end_char == end:
        person: Span = people[index]
        return person
    # the model may tag the dash with the name ("\u2015 Jacklyn Ashley") or not tag it at all: a
    # first name and a surname, capitalised, are still a name
    if full_name_shaped(match.group(1)):
        return doc.char_span(start, end, label="PERSON")
    return None  # a dash before anything but exactly one name is an aside, not a signature


def label(doc: Doc, before: Bounds, before_text: str, people: list[Span]) -> Span | None:
    """The person a colon before the quote points to: a label, or the subject of its sentence."""
    return (
        _speaker_label(doc, before, before_text, people)
        or _person_label(doc, before, people)
        or _colon_subject(doc, before, people)
    )


def _colon_subject(doc: Doc, before: Bounds, people: list[Span]) -> Span | None:
    """The person whose sentence ends in the colon: 'Roe has since apologized for it: "..."'."""
    text = doc_text(doc)
    end = before[0] + len(text[before[0] : before[1]].rstrip())
    lead = doc.char_span(before[0], end, alignment_mode="contract")
    if lead is None or not text[before[0] : end].endswith(":"):
        return None
    # the subject of a verb of the lead-in itself (the parser may root the sentence in the quote)
    subject = next((t for t in lead if t.dep_ == "nsubj" and t.ent_type_ == "PERSON"), None)
    if subject is None or subject.head.pos_ not in ("VERB", "AUX"):
        return None
    index = bisect.bisect_right(people, subject.idx, key=lambda e: e.start_char) - 1
    person: Span | None = people[index] if index >= 0 else None
    return person if person is not None and person.end_char > subject.idx else None


def _person_label(doc: Doc, before: Bounds, people: list[Span]) -> Span | None:
    """The person ending a verbless label before a colon: 'Rep. Jane Roe (D-Ore.): "..."', and in
    round-ups '... - Analyst Jane Roe: "..."' (the label starts after the last dash or colon)."""
    text = doc_text(doc)
    end = before[0] + len(text[before[0] : before[1]].rstrip())
    tail = LABEL_TAIL.search(text, before[0], end)
    if tail is None:
        return None
    index = bisect.bisect_left(people, tail.start(), key=lambda e: e.end_char)
    if index == len(people) or people[index].end_char != tail.start():
        return _bulleted_name(doc, before[0], tail.start())
    person: Span = people[index]
    if len(person) < 2:
        return None  # one word ("Verdict:") may be a heading the tagger took for a name
    cut = max(text.rfind(mark, before[0], person.start_char) for mark in LABEL_STARTS)
    label = doc.char_span(max(cut, before[0]), end, alignment_mode="expand")
    if label is None or any(t.pos_ in ("VERB", "AUX") for t in label):
        return None  # "She has since apologized for it:" is a lead-in, not a label
    return person


def _bulleted_name(doc: Doc, start: int, end: int) -> Span | None:
    """'- Priya Nair, Consumer Action Alliance: "..."': a round-up's bullet hides the name from
    the tagger; a first name and a surname alone on the bulleted line are still a name."""
    line = doc_text(doc)[start:end]
    name = line.lstrip()
    if not name.startswith(BULLETS):
        return None
    name = name[1:].strip()
    if not full_name_shaped(name):
        return None
    at = start + line.index(name)
    return doc.char_span(at, at + len(name), label="PERSON")


def _speaker_label(doc: Doc, before: Bounds, before_text: str, people: list[Span]) -> Span | None:
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
