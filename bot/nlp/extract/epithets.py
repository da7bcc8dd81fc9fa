"""What a writer calls a person already named: "the Spaniard", "the Celtics forward", "the
Dutchman", "the Prime Minister". Each stands for someone just named, or for nobody."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.words import (
    EPITHETS,
    FEMALE_WORDS,
    MALE_WORDS,
    ONE_PERSON_WORDS,
    PEOPLE_WORDS,
    ROLE_WORDS,
    UNNAMED_HEADS,
)

# "Spaniard", "Belgian", "Frenchman", "Swede", "Scot", "Kiwi"; never "Federalist" or "Democrat"
DEMONYM_ENDINGS = ("an", "ard", "ese", "ish", "man", "woman", "ede", "ane", "ot", "er", "i")
# Short words for one person of a country, which the model tags a name ("the Scot", "the Pole").
SHORT_DEMONYMS = frozenset(
    "scot brit swede dane finn pole turk czech serb croat slovak slovene greek thai kiwi aussie "
    "spaniard basque catalan argentine swiss".split()
)
EPITHET_REACH = 1  # paragraphs back "the Spaniard" may reach for the player just named


def one_national(subject: Token, ent: Span) -> bool:
    """True for one person named by a nationality ("the Belgian", "a Texan"), never a people."""
    people = subject.lower_.endswith(("sh", "ch", "ese", "ss"))  # "the French", "the Swiss"
    one = ent.label_ == "NORP" and len(ent) == 1 and subject.tag_ in ("NN", "NNP") and not people
    return one and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in subject.children)


def epithet(head: Token, phrase: list[Token]) -> bool:
    """True for 'the' and a word a writer calls a person just named by ("the Spaniard", "the
    Celtics forward", "the veteran"), never "a Spaniard" or "the spokesman"."""
    first = phrase[0] if phrase else head
    # "the", or "The" opening a sentence: "according to The Federalist" names a paper
    definite = first.text == "the" or (first.text == "The" and bool(first.is_sent_start))
    national = (
        head.ent_type_ == "NORP"
        and head.tag_ in ("NN", "NNP")
        and len(phrase) == 2
        and head.lower_.endswith(DEMONYM_ENDINGS)
    ) or countryman(head, phrase)
    return definite and (head.lower_ in EPITHETS or national or demonym(head, phrase))


def demonym(head: Token, phrase: list[Token]) -> bool:
    """'the Scot', 'the Pole': one person of a country, just named (the model tags it a name)."""
    return len(phrase) == 2 and phrase[0].lower_ == "the" and head.lower_ in SHORT_DEMONYMS


def capitalised_people(head: Token) -> bool:
    """'Residents in Hebden Bridge say', opening a sentence after a timestamp line: people named
    by what they are, which the model tagged a name for its capital letter."""
    one = head.lower_.removesuffix("s")
    return (
        head.tag_ == "NNPS"
        and not head.ent_type_
        and bool(head.is_sent_start)
        and one != head.lower_
        and one in PEOPLE_WORDS | UNNAMED_HEADS
    )


def office(phrase: list[Token]) -> bool:
    """True for an office written as a title ("the Prime Minister", "the Chancellor"): a writer's
    name for the person just named, when no one named has another role."""
    words = [t for t in phrase if not t.is_punct]
    return (
        len(words) >= 2
        and words[0].lower_ == "the"
        and all(t.text[:1].isupper() and t.lower_ in ROLE_WORDS for t in words[1:])
    )


def countryman(head: Token, phrase: list[Token]) -> bool:
    """'the Dutchman', 'the Northern Irishman': a capitalised man or woman of somewhere, which
    the model often leaves untagged (never 'the Chairman')."""
    words = [t for t in phrase if t.i != head.i and t.lower_ != "the"]
    return (
        bool(phrase)
        and phrase[0].lower_ == "the"  # never a surname: "Zimmerman said"
        and head.text[:1].isupper()
        and len(head.text) > 6
        and head.lower_.endswith(("man", "woman"))
        and head.lower_ not in ROLE_WORDS | ONE_PERSON_WORDS | MALE_WORDS | FEMALE_WORDS
        and all(t.text[:1].isupper() for t in words)
        and len(words) <= 1
    )


def after_team(subject: Token) -> Token | None:
    """The position word the parser split from its team ("the Celtics forward": "forward" read
    as an adverb of the verb)."""
    after = subject.nbor(1) if subject.i + 1 < len(subject.doc) else None
    if after is None or after.lower_ not in EPITHETS or after.head.i != subject.head.i:
        return None
    return after if after.dep_ in ("advmod", "npadvmod") and subject.pos_ == "PROPN" else None
