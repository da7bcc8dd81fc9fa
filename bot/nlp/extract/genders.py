"""He or she: genders and personhood of the article's names, from titles and the pronouns that
point back to them."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.fullnames import shared_surname, the_named
from bot.nlp.first_names import Gender, first_name_gender
from bot.nlp.roles import org_shaped
from bot.nlp.words import (
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    FEMALE_WORDS,
    MALE_PRONOUNS,
    MALE_TITLES,
    MALE_WORDS,
    ONE_PERSON_WORDS,
)

if TYPE_CHECKING:
    from bot.nlp.extract.coref import Cast

COURTESY_TITLES = MALE_TITLES | FEMALE_TITLES | frozenset(("dr", "prof"))
# How many heads above a pronoun to look for the subject it refers back to.
ANTECEDENT_DEPTH = 4
REFLEXIVES: dict[str, Gender] = {"himself": "m", "herself": "f"}
COMPLEMENT_DEPS = frozenset(("ccomp", "xcomp", "advcl"))
# How many sentences back a subject already known to be "he" (or "she") keeps a pronoun from
# teaching its gender to a nearer name of unknown gender.
KNOWN_REACH = 3


def titled(doc: Doc, ent: Span) -> bool:
    """True when a courtesy title (Mr, Ms, Dr) stands before or opens the name."""
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    return before in COURTESY_TITLES or ent[0].lower_.rstrip(".") in COURTESY_TITLES


def note_gender(cast: Cast, doc: Doc, ent: Span, canonical: str) -> None:
    """A name's gender from the surest sign first: a title (Mr, Ms), a gendered role word beside
    it ("spokeswoman Ana Ruiz", "Ruiz, a congresswoman"), then the first name."""
    gender = (
        _title_gender(doc, ent)
        or _word_gender(ent)
        or first_name_gender(canonical, lone=_first_name_only(ent, canonical, cast))
    )
    if gender is not None:
        cast.genders.setdefault(canonical, gender)


def _first_name_only(ent: Span, name: str, cast: Cast) -> bool:
    """True for a person named by one word that no full name in the article ends or opens, with
    no untagged name word before it ("Melanie" in a story that never gives her surname).
    "Clinton" beside "Bill Clinton" and "Hillary Clinton", or "Hamilton" after an untagged first
    name, is a surname, whatever the first-name table says."""
    if ent.label_ != "PERSON" or " " in name:
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].pos_ == "PROPN":
        return False
    return not any(name in (n.split()[0], n.split()[-1]) for n in cast.full_names)


def infer_genders(
    doc: Doc, cast: Cast, mentions: list[Span], quoted: list[tuple[int, int]]
) -> None:
    """Give a gender (and personhood) to the name a he/she/his/her outside quotes points back to."""
    owner = {i: ent for ent in mentions for i in range(ent.start, ent.end)}
    ordered = [ent.start for ent in mentions]
    given = set(cast.genders)  # from titles and first names: surer than any pronoun
    votes: dict[str, list[Gender]] = {}
    for token in doc:
        word = token.lower_
        if (word not in MALE_PRONOUNS and word not in FEMALE_PRONOUNS) or inside(token.idx, quoted):
            continue
        if _ahead_of_its_subject(token):
            continue  # "Repeating from his speech, Biden said": his is Biden's, after it
        gender: Gender = "m" if word in MALE_PRONOUNS else "f"
        ent = _antecedent(token, owner, mentions, ordered, cast, gender)
        if ent is None or _own_object(token, ent):
            continue
        canonical = cast.canonical_person(ent.text)
        if shared_surname(canonical, cast.full_names):
            continue  # "Fairbanks" beside Dennis and Carol Fairbanks: whose he or she is unsure
        votes.setdefault(canonical, []).append(gender)
        if cast.genders.setdefault(canonical, gender) == gender:
            cast.persons.add(canonical)
    for canonical, said in votes.items():
        # one stray "she" read back to a man ("who first saw what she could do") is outvoted
        # by the he's after it
        male, female = said.count("m"), said.count("f")
        if canonical not in given and male != female:
            cast.genders[canonical] = "m" if male > female else "f"
            cast.persons.add(canonical)


def _own_clause_subject(
    pronoun: Token, clause: Token | None, owner: dict[int, Span], cast: Cast, gender: Gender
) -> Span | None:
    """The person subject of a possessive's own clause, when of its gender or of none known."""
    if pronoun.dep_ != "poss" or clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
        return None  # "Her neighbour, Sipho Church, said": never the subject it is part of
    ent = _mention_of(subject, owner)
    if ent is None or ent.label_ != "PERSON":
        return None  # never a firm or a place: "HP said it would cut her pay"
    return ent if cast.genders.get(cast.canonical_person(ent.text)) in (None, gender) else None


def _own_object(pronoun: Token, ent: Span) -> bool:
    """True for a him or her its own clause's subject cannot be ("Mercier speaks of her": someone
    else; he would have said "himself")."""
    if pronoun.lower_ not in ("him", "her") or pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "Choi met the speaker and asked her ...": Choi asked
    return any(c.dep_ == "nsubj" and ent.start <= c.i < ent.end for c in verb.children)


def _ahead_of_its_subject(pronoun: Token) -> bool:
    """True for a pronoun in a clause set before its sentence's named subject ("Repeating from
    his speech, Biden ...", "After her win, Roe said ..."): it points ahead, not back."""
    fronted = next(
        (a for a in pronoun.ancestors if a.dep_ in ("advcl", "prep") and a.i < a.head.i), None
    )
    if fronted is None:
        return False
    after = pronoun.doc[fronted.right_edge.i + 1 : pronoun.sent.end]
    return any(t.dep_ == "nsubj" and t.ent_type_ == "PERSON" for t in after)


def opens_sentence(ent: Span, *, person: bool = False) -> bool:
    """A person's name opening a sentence is its subject even when the parser says otherwise; a
    name that is the whole sentence ("Harsh? He doesn't think so.") is no one's. `person`: known
    to be a person's name whatever its tag ("Varga-Holloway", tagged an organisation)."""
    return bool(
        (ent.label_ == "PERSON" or person)
        and ent.start == ent.sent.start
        and any(not t.is_punct and not t.is_space for t in ent.sent[ent.end - ent.sent.start :])
    )


def inside(at: int, quoted: list[tuple[int, int]]) -> bool:
    """True when the position falls inside one of the sorted quoted spans."""
    index = bisect.bisect_right(quoted, (at, float("inf"))) - 1
    return index >= 0 and quoted[index][0] <= at < quoted[index][1]


def _antecedent(
    pronoun: Token,
    owner: dict[int, Span],
    mentions: list[Span],
    ordered: list[int],
    cast: Cast,
    gender: Gender,
) -> Span | None:
    """The subject of a verb the pronoun's clause reports to ("X said she ..."), else the latest
    subject nearby that could be of the pronoun's gender."""
    clause = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    own = _own_clause_subject(pronoun, clause, owner, cast, gender)
    if own is not None:
        return own  # "Kim said Park had been booked despite a tear in her ankle": Park's ankle
    adverbial = False  # "X described Y as a disgrace after she attacked ...": she may be Y
    for _ in range(ANTECEDENT_DEPTH):
        if clause is None or clause.dep_ not in COMPLEMENT_DEPS:
            break
        adverbial = adverbial or clause.dep_ == "advcl"
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            ent = _mention_of(
                subject, owner
            )  # another subject ("the judge said she") is no name of ours
            if not adverbial:
                return ent if ent is not None and _could_be_person(ent, cast) else None
            # so the main verb's subject is taken only when known to be of the pronoun's gender
            sure = ent is not None and cast.genders.get(cast.canonical_person(ent.text)) == gender
            return ent if sure else None
    window = _sentence_starts_before(pronoun, KNOWN_REACH)
    near = window[min(1, len(window) - 1)]
    # "Roe's lawyer said ... He added": the he is the lawyer's and teaches Roe nothing
    stop = next((t.i for t in reversed(pronoun.doc[near : pronoun.i]) if newcomer(t)), -1)
    unknown: list[Span] = []
    for index in range(bisect.bisect_left(ordered, pronoun.i) - 1, -1, -1):
        ent = mentions[index]
        if ent.start < max(window[-1], stop):
            break
        # the latest subjects, not names inside an object ("the Skarra light")
        if (ent.root.dep_ in ("nsubj", "nsubjpass") or opens_sentence(ent)) and _could_be_person(
            ent, cast
        ):
            known = cast.genders.get(cast.canonical_person(ent.text))
            if known == gender:
                return ent  # a subject known to be of this gender explains the pronoun
            if known is None and ent.start >= near:
                unknown.append(ent)  # only this sentence's or the previous one's
        elif ent.sent == pronoun.sent and ent.label_ == "PERSON" and not unknown:
            if cast.genders.get(cast.canonical_person(ent.text)) == gender:
                return ent  # "who supports Clinton but is not working for her": Clinton
    return unknown[0] if unknown and not adverbial else None


def newcomer(subject: Token) -> bool:
    """True for a subject describing one person not named before ("a spokesman", "one aide",
    "Roe's lawyer"), whom a he or she after it may mean. "The senator" mostly means someone
    already named; a reporter asks, and the he after is whoever answered."""
    return (
        subject.dep_ == "nsubj"
        and subject.tag_ == "NN"
        and not subject.ent_type_
        and subject.lemma_.lower() in ONE_PERSON_WORDS
        and any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "another"))
            or (c.dep_ == "nummod" and c.lower_ == "one")
            or c.dep_ == "poss"
            for c in subject.children
        )
    )


def _sentence_starts_before(token: Token, count: int) -> list[int]:
    """Token starts of the token's sentence and of up to `count` sentences before it."""
    starts = [token.sent.start]
    while len(starts) <= count and starts[-1] > 0:
        starts.append(token.doc[starts[-1] - 1].sent.start)
    return starts


def _mention_of(subject: Token, owner: dict[int, Span]) -> Span | None:
    """The name a subject is or stands beside ("The agency's director, Ingrid Solvang")."""
    if subject.i in owner:
        return owner[subject.i]
    return next((owner[c.i] for c in subject.children if c.dep_ == "appos" and c.i in owner), None)


def _could_be_person(ent: Span, cast: Cast) -> bool:
    # A country is "he" only in a misparse; an ORG-tagged subject, or a tag on a known person's
    # surname ("Ventura" as GPE after "Sen. Marisol Ventura"), is often a mis-tagged name.
    return (
        ent.label_ == "PERSON"
        or (
            ent.label_ == "ORG"
            and ent.root.dep_ == "nsubj"
            and not ent.text.isupper()  # "HP", "NATO": no one's name
            and not org_shaped(ent.text)
            and not the_named(ent)  # "The New York Times quoted ...": no person is 'the' X
        )
        or cast.is_person(ent)
    )


def _title_gender(doc: Doc, ent: Span) -> Gender | None:
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    for word in (before, ent[0].lower_.rstrip(".")):
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
    return None


def _word_gender(ent: Span) -> Gender | None:
    """The role noun just before the name, or the head of an appositive beside it ("Pryor
    himself" too)."""
    doc = ent.doc
    near = [ent[0]] + ([doc[ent.start - 1]] if ent.start > 0 else [])
    near += [c for c in ent.root.children if c.dep_ == "appos"]
    if ent.root.dep_ == "appos":
        near.append(ent.root.head)
    reflexive = emphasised(ent.root)
    if reflexive is not None:
        return reflexive
    return next((g for g in map(word_gender, near) if g is not None), None)


def emphasised(name: Token) -> Gender | None:
    """The gender of a name stressed by its own pronoun ("Pryor himself was in no mood", "Park
    herself broke her silence"): the person the story turns to."""
    if any(a.dep_ == "ccomp" for a in name.ancestors):
        return None  # "noted that Sanders himself has acknowledged ...": a report, not a turn
    for child in name.children:
        if child.dep_ == "appos" and child.lower_ in REFLEXIVES:
            return REFLEXIVES[child.lower_]
    return None


def word_gender(token: Token) -> Gender | None:
    """The gender a word gives ("spokeswoman", "his brother"), or None for most words."""
    if token.lower_ in MALE_WORDS:
        return "m"
    return "f" if token.lower_ in FEMALE_WORDS else None
