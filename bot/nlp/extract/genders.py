"""He or she: genders and personhood of the article's names, from titles and the pronouns that
point back to them."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from bot.nlp.words import FEMALE_PRONOUNS, FEMALE_TITLES, MALE_PRONOUNS, MALE_TITLES

if TYPE_CHECKING:
    from bot.nlp.extract.coref import Cast

COURTESY_TITLES = MALE_TITLES | FEMALE_TITLES | frozenset(("dr", "prof"))
# How many heads above a pronoun to look for the subject it refers back to.
ANTECEDENT_DEPTH = 4
COMPLEMENT_DEPS = frozenset(("ccomp", "xcomp", "advcl"))


def titled(doc: Doc, ent) -> bool:
    """True when a courtesy title (Mr, Ms, Dr) stands before or opens the name."""
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    return before in COURTESY_TITLES or ent[0].lower_.rstrip(".") in COURTESY_TITLES


def note_title_gender(cast: Cast, doc: Doc, ent, canonical: str) -> None:
    """Mr makes him, Mrs/Ms make her: a title is the surest sign of gender."""
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    first = ent[0].lower_.rstrip(".")
    for word in (before, first):
        if word in MALE_TITLES:
            cast.genders.setdefault(canonical, "m")
        elif word in FEMALE_TITLES:
            cast.genders.setdefault(canonical, "f")


def infer_genders(doc: Doc, cast: Cast, mentions, quoted) -> None:
    """Give a gender (and personhood) to the name a he/she/his/her outside quotes points back to."""
    owner = {i: ent for ent in mentions for i in range(ent.start, ent.end)}
    ordered = [ent.start for ent in mentions]
    for token in doc:
        word = token.lower_
        if (word not in MALE_PRONOUNS and word not in FEMALE_PRONOUNS) or inside(token.idx, quoted):
            continue
        ent = _antecedent(token, owner, mentions, ordered, cast)
        if ent is None:
            continue
        canonical = cast.canonical_person(ent.text)
        if canonical not in cast.genders:
            cast.genders[canonical] = "m" if word in MALE_PRONOUNS else "f"
            cast.persons.add(canonical)


def opens_sentence(ent) -> bool:
    """A person's name opening a sentence is its subject even when the parser says otherwise."""
    return bool(ent.label_ == "PERSON" and ent.start == ent.sent.start)


def inside(at: int, quoted: list[tuple[int, int]]) -> bool:
    """True when the position falls inside one of the sorted quoted spans."""
    index = bisect.bisect_right(quoted, (at, float("inf"))) - 1
    return index >= 0 and quoted[index][0] <= at < quoted[index][1]


def _antecedent(pronoun, owner, mentions, ordered, cast):
    """The subject of a verb the pronoun's clause reports to ("X said she ..."), else the latest
    name nearby."""
    clause = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    for _ in range(ANTECEDENT_DEPTH):
        if clause is None or clause.dep_ not in COMPLEMENT_DEPS:
            break
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            ent = _mention_of(
                subject, owner
            )  # another subject ("the judge said she") is no name of ours
            return ent if ent is not None and _could_be_person(ent, cast) else None
    sentence_start = pronoun.sent.start
    previous_start = (
        pronoun.doc[sentence_start - 1].sent.start if sentence_start > 0 else sentence_start
    )
    for index in range(bisect.bisect_left(ordered, pronoun.i) - 1, -1, -1):
        ent = mentions[index]
        if ent.start < previous_start:
            return None
        if (ent.root.dep_ in ("nsubj", "nsubjpass") or opens_sentence(ent)) and _could_be_person(
            ent, cast
        ):
            return ent  # the latest subject, not a name inside an object ("the Skarra light")
    return None


def _mention_of(subject, owner):
    """The name a subject is or stands beside ("The agency's director, Ingrid Solvang")."""
    if subject.i in owner:
        return owner[subject.i]
    return next((owner[c.i] for c in subject.children if c.dep_ == "appos" and c.i in owner), None)


def _could_be_person(ent, cast: Cast) -> bool:
    # A country is "he" only in a misparse; an ORG-tagged subject, or a tag on a known person's
    # surname ("Ventura" as GPE after "Sen. Marisol Ventura"), is often a mis-tagged name.
    return (
        ent.label_ == "PERSON"
        or (ent.label_ == "ORG" and ent.root.dep_ == "nsubj")
        or cast.is_person(ent)
    )
