"""Joint and group sources: "X and Y said" is each one's, "residents and owners say" a group's."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from bot.nlp.extract.clauses import in_main_clause
from bot.nlp.extract.coref import Cast
from bot.nlp.extract.speakers import LEADING_ARTICLE, Speaker, describe_subject
from bot.nlp.first_names import first_name_gender
from bot.nlp.words import GROUP, ORG_WORDS, UNNAMED, UNNAMED_HEADS

# Dependents that belong to a plural source's description ("shop owners", "local residents").
GROUP_DEPS = frozenset(("det", "amod", "compound", "nummod", "poss", "case", "cc", "conj"))
CLAUSE_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
PLURAL_TAGS = frozenset(("NNS", "NNPS"))
# More joint speakers than this is a list of people talked about, not a statement.
MAX_JOINT = 4


def speakers_of(
    subject: Token, entities: dict[int, Span], cast: Cast, *, paragraph: int
) -> list[Speaker]:
    """Every speaker a subject names: one, each name of a joint statement, or one group."""
    members = _members(subject)
    if len(members) == 1:
        speaker = describe_subject(subject, entities, cast, paragraph=paragraph)
        if speaker is None and subject.lower_ == "they":
            return _they(subject, entities, cast, paragraph)
        return [speaker] if speaker is not None else []
    if len(members) > MAX_JOINT:
        return []
    if _one_organisation(members):  # "The Kelmsworth and Dunmere NHS Foundation Trust said"
        written = subject.doc[members[0].left_edge.i : members[-1].i + 1].text
        return [Speaker(LEADING_ARTICLE.sub("", written), written, None, "ORG")]
    named = [m for m in members if _is_name(m, entities, cast)]
    if len(named) < len(members) and all(m.pos_ == "NOUN" for m in members):
        return [_group(subject, members)]  # 'shop owners and residents say'
    if named and all(m.tag_ == "NNS" for m in members if m not in named):
        # 'Grassley and Leahy said', 'Edwards and others said': each name said it
        found = [describe_subject(m, entities, cast, paragraph=paragraph) for m in named]
        return _shared_surname([s for s in found if s is not None], cast)
    return []  # a name beside one common noun ('Smith and a neighbour'): whose claim is unclear


def _they(subject: Token, entities: dict[int, Span], cast: Cast, paragraph: int) -> list[Speaker]:
    """'They' is the plural subject just before it: an earlier clause's in its sentence, else the
    previous sentence's ('Twenty unions filed suit. They argue ...'). Only a plural or joint
    subject can be 'they'; a single noun's phrase must stay a group, never one person of it."""
    antecedent = _plural_antecedent(subject)
    if antecedent is None:
        return []
    joint = len(_members(antecedent)) > 1
    found = speakers_of(antecedent, entities, cast, paragraph=paragraph)
    if not joint and any(s.type == "PERSON" for s in found):
        return []  # "Smith aides": the aides spoke, not Smith
    return found


def _plural_antecedent(subject: Token) -> Token | None:
    sentence = subject.sent
    earlier = [t for t in sentence if t.i < subject.i and t.dep_ in CLAUSE_SUBJECTS]
    if not earlier and sentence.start > 0:
        previous = subject.doc[sentence.start - 1].sent
        earlier = [t for t in previous.root.children if t.dep_ in CLAUSE_SUBJECTS]
    if not earlier:
        return None
    # "Officials estimate that as much as 240,000 gallons escaped, though they cautioned": the
    # main clause's subject, not one inside what it reports
    candidate = earlier[-1]
    main = [t for t in earlier if in_main_clause(t)]
    if candidate.tag_ in PLURAL_TAGS and not in_main_clause(candidate) and main:
        candidate = main[-1]
    plural = candidate.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in candidate.children)
    return candidate if plural and candidate.pos_ != "PRON" else None


def _members(subject: Token) -> list[Token]:
    named = next(
        (
            c
            for c in subject.children
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i < subject.head.i
        ),
        None,
    )  # never names the parser hung on the subject from after its verb
    if named is not None and any(c.dep_ == "conj" for c in named.children):
        subject = named  # "Senators Ada Vance and Tom Beck said": the names are the speakers
    found, stack = [subject], [subject]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and not _described_further(child):
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _described_further(member: Token) -> bool:
    """True for "..., senior director at the Center, and a Republican who headed ...": one
    person described twice after a comma, not a second speaker ('Smith and a neighbour said')."""
    doc, start = member.doc, member.left_edge.i
    article = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in member.children)
    return article and start > 1 and doc[start - 1].lower_ == "and" and doc[start - 2].text == ","


def _shared_surname(found: list[Speaker], cast: Cast) -> list[Speaker]:
    """'David and Jeanne Heidler wrote': a lone first name before a full name shares its surname."""
    if len(found) != 2 or found[0].type != "PERSON" or found[1].type != "PERSON":
        return found
    first, last = found[0].as_written.split(), found[1].canonical.split()
    if len(first) != 1 or len(last) < 2 or first_name_gender(first[0], lone=True) is None:
        return found
    if len(found[1].as_written.split()) != 2 or any(
        n.split()[-1] == first[0] for n in cast.full_names
    ):
        return found  # "Clinton and Sen. Bernie Sanders": a surname, not a first name
    return [dataclasses.replace(found[0], canonical=f"{first[0]} {last[-1]}"), found[1]]


def _one_organisation(members: list[Token]) -> bool:
    """True for two places sharing one organisation's name ("Kelmsworth and Dunmere NHS
    Foundation Trust"): a bare proper noun joined to a name ending in an organisation word, or
    one organisation's name the model tagged whole."""
    first, last = members[0], members[-1]
    ents = {t.ent_iob_ + t.ent_type_ for t in first.doc[first.left_edge.i : last.i + 1]}
    if len(members) == 2 and ents <= {"BORG", "IORG"} and ents != {"BORG"}:
        return True  # one name the model tagged whole: "National Oceanic and ... Administration"
    return (
        len(members) == 2
        and first.pos_ == "PROPN"
        and first.ent_type_ != "PERSON"
        and all(c.dep_ in ("det", "cc", "conj") for c in first.children)
        and last.text[:1].isupper()
        and last.lemma_.lower() in ORG_WORDS
        and any(c.dep_ == "compound" for c in last.children)
    )


def _is_name(token: Token, entities: dict[int, Span], cast: Cast) -> bool:
    ent = entities.get(token.i)
    if ent is not None and cast.is_person(ent):
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON", "ORG")  # "Acme and Brill"


def _group(subject: Token, members: list[Token]) -> Speaker:
    doc = subject.doc
    keep = [t for m in members for t in m.subtree if t.dep_ in GROUP_DEPS or t.i == m.i]
    start = min(t.i for t in keep)
    end = max(m.i for m in members) + 1
    written = doc[start:end].text
    kind = UNNAMED if all(m.lemma_.lower() in UNNAMED_HEADS for m in members) else GROUP
    return Speaker(_capitalised(LEADING_ARTICLE.sub("", written)), written, None, kind, named=False)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
