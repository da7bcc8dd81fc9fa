"""A cue set off by commas in the sentence it reports: 'The line, the engineer said, will open'."""

from __future__ import annotations

from spacy.tokens import Token

ASIDE_DEPS = frozenset(("parataxis", "ccomp", "conj"))
# Words between the cue and its closing comma: "said on Monday,", "told reporters,".
MAX_CUE_TAIL = 6
# A statement has a finite verb; the words after an aside without one are the writer's.
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))


def resumed_range(cue: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the reported words after '..., Mr. Roe said, ...'.

    Annotators mark the rest of the sentence after such a cue as what was said, and the parser
    hangs the cue on a clause, so no complement of the cue holds those words. The words before the
    cue are the clause's too when they are its subject; alone ('Back home, she said, ...') they
    are most often a scene-setting phrase, not a statement.
    """
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if cue.dep_ not in ASIDE_DEPS or cue.head.i == cue.i or subject is None or subject.i > cue.i:
        return None
    doc, lo = cue.doc, subject.left_edge.i
    if lo == 0 or doc[lo - 1].text != ",":
        return None  # the cue opens its sentence: not an aside
    comma = _closing_comma(cue)
    if comma is None:
        return None  # "..., Mr. Roe said." ends the sentence: the clause before is all
    end = cue.sent.end
    if comma + 1 >= end or _gloss(doc[comma + 1], cue):
        return None
    if not any(t.tag_ in FINITE_TAGS for t in doc[comma + 1 : end]):
        return None  # "..., she said, on condition of anonymity": how it was said, no statement
    return _interrupted_subject(cue, lo) or comma + 1, end


def _interrupted_subject(cue: Token, lo: int) -> int | None:
    """Where the clause an aside interrupts starts when its subject stands before the aside ("The
    hashtag, he said, was even more popular"): the statement is the whole clause. A scene set
    before the aside ("Still, he said, ...") is left out."""
    verb = cue.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not subject.i < cue.i < verb.i or subject.right_edge.i + 2 != lo:
        return None
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None  # "That, Walsh explained, is by design": annotators mark what follows
    start = subject.left_edge.i
    return start if start == cue.sent.start else None


def _gloss(first: Token, cue: Token) -> bool:
    """True for the writer's gloss on the cue, "..., he added, pointing to the pier": not said."""
    return first.tag_ == "VBG" and first.head.i == cue.i


def _closing_comma(cue: Token) -> int | None:
    """Index of the comma closing the cue's words, if it comes before any other verb."""
    doc = cue.doc
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 1 + MAX_CUE_TAIL)]:
        if token.text == ",":
            return token.i
        if token.pos_ in ("VERB", "AUX") or token.is_sent_end:
            return None
    return None
