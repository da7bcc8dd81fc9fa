"""Who stands behind a subject phrase: the person it names ("Britain's spy chief Jane Roe"), or the
organisation a role speaks for ("a spokesman for the RMT union")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.extract.clauses import closing_subject
from bot.nlp.extract.coref import Cast
from bot.nlp.extract.fullnames import INITIALS, NAME_PARTICLES
from bot.nlp.first_names import first_name_gender, full_name_shaped
from bot.nlp.words import (
    KIN_WORDS,
    ONE_PERSON_WORDS,
    ORG_LABELS,
    PEOPLE_WORDS,
    ROLE_WORDS,
    TITLES,
    UNNAMED_HEADS,
)

HONOURED = frozenset(("prince", "chief"))  # "Prince Olufemi Ajiboye", "Chief Emmanuel Okediji"
ORG_PREPS = frozenset(("of", "for", "at"))
PEOPLE_PREPS = frozenset(("for",))  # "lawyers for Exxon" speak for it; "parents at ..." do not


def person_in(
    subject: Token, phrase: list[Token], entities: dict[int, Span], cast: Cast
) -> Span | None:
    """The person a subject phrase names: the subject itself, else its appositive or title."""
    own = entities.get(subject.i)
    if own is not None and own.label_ == "PERSON":
        return own
    # a name the model tagged as an organisation counts when the article shows it is a person's;
    # a possessor or a modifier never does: "Roe's lawyer" and "the Roe campaign" speak, not Roe
    people = [
        entities[t.i]
        for t in phrase
        if t.i in entities
        and (entities[t.i].label_ == "PERSON" or cast.is_person(entities[t.i]))
        and entities[t.i].root.dep_ != "poss"
        and not (subject.pos_ == "NOUN" and entities[t.i].end <= subject.i)
        and not _under_preposition(entities[t.i].root, subject)  # "a member for the X campaign"
    ]
    appositive = [
        p
        for p in people
        if p.root.dep_ in ("appos", "compound", "flat") and p.root.head.i == subject.i
    ]
    # "Her longtime friend and co-star, Theo Marchetti": an appositive past what the phrase holds
    beside = [
        entities[c.i]
        for c in subject.children
        if c.dep_ == "appos" and c.i in entities and entities[c.i].label_ == "PERSON"
    ]
    chosen = appositive or people or beside or _named_after_client(subject, entities)
    if chosen:
        return chosen[0]
    return _untagged_appositive(subject) or _portfolio_holder(subject, entities)


def _named_after_client(subject: Token, entities: dict[int, Span]) -> list[Span]:
    """'Another lawyer for Kwon, Choi Hye-won, said': the name closing the subject's phrase."""
    last = entities.get(subject.head.i - 2) if subject.head.i > 1 else None
    closed = closing_subject(last) if last is not None and last.label_ == "PERSON" else None
    return [last] if last is not None and closed is not None and closed.i == subject.i else []


def _untagged_appositive(subject: Token) -> Span | None:
    """'The mayor, Ana Ruiz, said': a name in apposition the model did not tag, known by its
    first name. After a word for one person ("his widow, Carol, said") a first name alone will
    do."""
    if (
        subject.pos_ != "NOUN" and subject.lower_ not in ROLE_WORDS
    ):  # "Independent MP for X, Sue Roe"
        return None
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > subject.i:
            name = subject.doc[child.left_edge.i : child.i + 1]
            if full_name_shaped(name.text) or _first_name_of(subject, name):
                return Span(subject.doc, name.start, name.end, label="PERSON")
            titled = _titled_name(name)
            if titled is not None:
                return titled
    return None


def _titled_name(name: Span) -> Span | None:
    """'Mr Tunde Alabi-Oyewole', 'Prince Olufemi Ajiboye', 'Beatriz del Río Montaño': a name
    after its titles, with lowercase particles inside it, known by a title or a first name."""
    start = name.start
    while start < name.end and name.doc[start].lower_.rstrip(".") in TITLES | HONOURED:
        start += 1
    words = name.doc[start : name.end]
    pieces = [t for t in words if not (t.text == "-" and not t.whitespace_)]  # "Alabi-Oyewole"
    shaped = 2 <= len(pieces) <= 6 and all(
        t.lower_ in NAME_PARTICLES or (t.text[:1].isupper() and t.pos_ == "PROPN") for t in pieces
    )
    if not shaped or words[0].lower_ in NAME_PARTICLES or words[-1].lower_ in NAME_PARTICLES:
        return None
    known = start > name.start or first_name_gender(words[0].text, lone=True) is not None
    return Span(name.doc, start, name.end, label="PERSON") if known else None


def _first_name_of(subject: Token, name: Span) -> bool:
    return (
        len(name) == 1
        and subject.lemma_.lower() in ONE_PERSON_WORDS
        and first_name_gender(name.text, lone=True) is not None
    )


def _under_preposition(token: Token, subject: Token) -> bool:
    head = token
    while head.i != subject.i and head.head.i != head.i:
        if head.dep_ == "pobj":
            return True
        head = head.head
    return False


def _portfolio_holder(subject: Token, entities: dict[int, Span]) -> Span | None:
    """The name after a role's portfolio ("Opposition spokesman on education Dr Angela Brown
    Burke"): a spokesman is 'on' a subject, never on a person, so the name is the role holder's."""
    if subject.lemma_.lower() not in ROLE_WORDS:
        return None
    for prep in subject.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("on", "of", "in", "for")
            and prep.i == subject.i + 1
        ):
            if prep.lower_ == "for" and not _capitalised_portfolio(subject, prep, entities):
                continue  # "a spokesman for presidential candidate Hillary Clinton": not her
            last = prep.right_edge
            ent = entities.get(last.i)
            if ent is None or ent.label_ != "PERSON" or ent.start <= prep.i + 1:
                continue
            before = subject.doc[ent.start - 1]  # "leader in the Sindh Assembly Syed Rizvi"
            seated = prep.lower_ == "in" and before.text[:1].isupper()
            if prep.lower_ == "on" or seated or _titled_portfolio(subject, ent):
                return ent
    return _untagged_holder(subject)


def _capitalised_portfolio(subject: Token, prep: Token, entities: dict[int, Span]) -> bool:
    """True for "Secretary for Housing Catherine Leung": a capitalised office, then a portfolio
    of capitalised words that are no role, then the name."""
    ent = entities.get(prep.right_edge.i)
    if ent is None or not subject.text[:1].isupper():
        return False
    between = subject.doc[prep.i + 1 : ent.start]
    return len(between) > 0 and all(t.is_title and t.lower_ not in ROLE_WORDS for t in between)


def _untagged_holder(subject: Token) -> Span | None:
    """'Union Minister of State for Home Affairs R. Venkatesh Prasad': a capitalised title's
    portfolio ending in a name the model left untagged, which starts at an initial or a known
    first name."""
    if not subject.text[:1].isupper():
        return None
    doc = subject.doc
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        last = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if last is None or last.pos_ != "PROPN" or last.ent_type_:
            continue
        for k in range(prep.i + 2, last.i):
            word = doc[k]
            if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[k : last.i + 1]):
                continue
            if INITIALS.fullmatch(word.text) or first_name_gender(word.text, lone=True):
                return Span(doc, k, last.i + 1, label="PERSON")
    return None


def _titled_portfolio(subject: Token, name: Span) -> bool:
    """'Minister of Public Utilities Marvin Roe': a title, its portfolio, then the holder's name;
    never 'a spokesman of President Roe', whose office comes right before the name."""
    before = subject.doc[name.start - 1]
    capitalised = subject.text[:1].isupper() and before.text[:1].isupper()
    lowercase = before.is_lower and before.pos_ == "NOUN"  # "director of cricket Alan Marsh"
    return (
        (capitalised or lowercase)
        and before.lower_ not in ROLE_WORDS
        and before.lower_.rstrip(".") not in TITLES
    )


def organisation_behind(subject: Token, entities: dict[int, Span]) -> list[Token] | None:
    """The organisation a role speaks for: "a spokesman for the RMT union", "the trade body, the
    Alliance". People of a place ("parents at Half-Way Tree Primary", "workers at the Ford plant")
    are a group, not its voice."""
    lemma = subject.lemma_.lower()
    if lemma in KIN_WORDS or lemma == "family":
        return None  # "the son of Arthur Bell" (a name the model may tag an organisation)
    if subject.tag_ == "NNS" and lemma in PEOPLE_WORDS and lemma not in UNNAMED_HEADS:
        preps = PEOPLE_PREPS
    else:
        preps = ORG_PREPS
    for child in subject.children:
        ent = entities.get(child.i)
        if child.dep_ == "appos" and ent is not None and ent.label_ in ORG_LABELS:
            if ent.label_ == "NORP" or a_description(child):
                continue  # "The attorney general, a Republican who ...": what the person is
            return list(ent)
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is not None and any(
            entities[t.i].label_ == "PERSON" for t in obj.subtree if t.i in entities
        ):
            return None  # "a spokesman for Mayor Jane Roe": an unnamed source, not an organisation
        if obj is not None and any(t.pos_ == "PROPN" for t in obj.subtree):
            return [t for t in obj.subtree if t.dep_ != "det" or t.i != obj.left_edge.i]
    return None


def named_member(subject: Token, entities: dict[int, Span]) -> Span | None:
    """The person named beside "one of" a group ("One of the plaintiffs, Lorraine Petty, said")."""
    if subject.lower_ != "one":
        return None
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
        for group in (c for c in prep.children if c.dep_ == "pobj"):
            for name in (c for c in group.children if c.dep_ == "appos"):
                ent = entities.get(name.i)
                if ent is not None and ent.label_ == "PERSON":
                    return ent
    return None


# One person at the top of an organisation: "the head of X" is that person, never X speaking.
OFFICE_HEADS = frozenset(
    """head chief leader president chairman chairwoman chair director boss founder ceo executive
    commissioner governor secretary minister mayor principal superintendent chancellor
    premier""".split()
)


def office_holder(subject: Token, entities: dict[int, Span], cast: Cast) -> Span | None:
    """The name beside an office at the top of an organisation ("The leader of the opposition,
    Gregory Lawson, said"): the person who speaks."""
    if subject.lemma_.lower() not in OFFICE_HEADS:
        return None
    named = next((c for c in subject.children if c.dep_ == "appos" and c.i in entities), None)
    ent = entities[named.i] if named is not None else None
    return ent if ent is not None and (cast.is_person(ent) or full_name_shaped(ent.text)) else None


def heads_alone(subject: Token, entities: dict[int, Span]) -> bool:
    """True for "the head of the Department of Home Affairs said": one person, unnamed, never the
    department (with a body named beside the office, "the head of the trade body, the Alliance",
    the body speaks)."""
    return subject.lemma_.lower() in OFFICE_HEADS and not any(
        c.dep_ == "appos" and c.i in entities for c in subject.children
    )


def a_description(token: Token) -> bool:
    """True for an appositive saying what someone is ("The attorney general, a Republican who
    ..."), not naming who or what they are."""
    return token.dep_ == "appos" and any(d.lower_ in ("a", "an") for d in token.children)
