"""Turn the subject token of a cue into a named speaker: name, role, type, resolved pronouns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.nlp.extract.antecedents import relative_holder
from bot.nlp.extract.behind import (
    a_description,
    heads_alone,
    named_member,
    office_holder,
    organisation_behind,
    person_in,
)
from bot.nlp.extract.coref import ANY_PERSON, Cast
from bot.nlp.extract.epithets import (
    EPITHET_REACH,
    after_team,
    capitalised_people,
    countryman,
    demonym,
    epithet,
    office,
    one_national,
)
from bot.nlp.extract.fullnames import AGE, name_run, shared_surname
from bot.nlp.extract.namespans import tagged_whole
from bot.nlp.extract.phrases import (
    core_phrase,
    name_after_title,
    named_before_place,
    phrase_text,
    possessed_org,
    role_text,
)
from bot.nlp.extract.pronouns import PRONOUN_REACH
from bot.nlp.roles import FORMER, org_shaped, split_role
from bot.nlp.words import (
    GROUP,
    KIN_WORDS,
    NOT_SPEAKER_LABELS,
    OFFICE_ABBREVIATIONS,
    ORG_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    TITLES,
    UNNAMED,
    UNNAMED_HEADS,
)

ONE_OF = re.compile(r"^(one|another)\s+", re.IGNORECASE)
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
CLITICS = frozenset(("'s", "\u2019s"))  # "Let's say ...": the clitic is nobody


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name in the article, the words as written, role and type."""

    canonical: str
    as_written: str
    role: str | None
    type: str
    # False for a description naming nobody known ("the 41-year-old"): no pronoun target
    named: bool = True


def describe_subject(
    subject: Token, entities: dict[int, Span], cast: Cast, *, paragraph: int
) -> Speaker | None:
    """The speaker a subject token names, or None when it names nobody we can stand behind."""
    subject = relative_holder(subject) or subject  # "the government offered ..., which it said"
    if subject.lower_ in PRONOUNS:
        return _resolve_pronoun(subject, cast, paragraph, _addressed(subject.head, entities, cast))
    member = named_member(subject, entities)
    if member is not None:  # "One of the plaintiffs, Lorraine Petty, 67, said"
        return _person_speaker(member, list(member), cast)
    if _a_date(subject) or subject.lower_ in CLITICS or not any(c.isalpha() for c in subject.text):
        return None  # "Monday", "'s" ("Let's say ..."), or a dash the parser took for the subject
    if AGE.fullmatch(subject.text):  # tagged a proper noun at times: still no name
        return _description(subject, core_phrase(subject), cast, paragraph)
    named = name_after_title(subject)
    if named is not None:
        return _titled_name_speaker(subject, named, entities, cast)
    phrase = core_phrase(subject)
    office_named = subject.lower_ in OFFICE_ABBREVIATIONS or (
        subject.lower_ in ROLE_WORDS and phrase_text(phrase).lower() == f"the {subject.lower_}"
    )
    if demonym(subject, phrase) or capitalised_people(subject) or office_named:
        # "The Scot said", "the CM said", "the Taoiseach said" (an office the model tags a name)
        return _description(subject, phrase, cast, paragraph)
    own = entities.get(subject.i)
    if own is not None and own.label_ == "PERSON" and len(own) == 1:
        firm = cast.organisation_named(own.text)
        if firm is not None:  # "Brightwater said" after "Brightwater Energy"
            return Speaker(firm, phrase_text(phrase), None, "ORG")
    person = person_in(subject, phrase, entities, cast)
    if person is not None:
        return _person_speaker(person, phrase, cast)
    ent = entities.get(subject.i)
    if ent is not None and cast.is_person(ent):
        return _person_speaker(ent, phrase, cast)  # a person the NER model took for an organisation
    if (ent is not None and one_national(subject, ent)) or countryman(subject, phrase):
        return _description(subject, phrase, cast, paragraph)  # "the Belgian said": one person
    epithet = after_team(subject)
    if epithet is not None:  # "the Celtics forward told reporters", "forward" parsed as an adverb
        return _description(epithet, [*phrase, epithet], cast, paragraph)
    owned = possessed_org(subject, phrase)
    if owned is not None:  # "South Korea's finance ministry said": its country's, never any other
        return Speaker(cast.canonical_org(phrase_text(owned)), phrase_text(phrase), None, "ORG")
    if ent is not None:
        written = phrase_text(phrase)
        bare, role = split_role(ent.text)
        if role is not None and ent.text.rstrip().endswith(bare):
            # NER took "Spokeswoman Jane Roe" for an organisation ("Joint Chiefs of Staff" is one)
            return Speaker(cast.canonical_person(bare), written, role, "PERSON")
        whole = named_before_place(ent, phrase)  # "Amnesty International UK said": never the UK
        name, label = (phrase_text(whole), "ORG") if whole else (ent.text, ent.label_)
        return Speaker(cast.canonical_org(name), written, None, label)
    capital = subject.text[:1].isupper()  # "finance ministry", tagged a name, is none
    if (
        subject.pos_ == "PROPN"
        and capital
        and not office(phrase)
        and subject.lower_ not in ROLE_WORDS
    ):
        # "the Prime Minister", "The Minister of Health" name no one
        name = name_run(subject)
        if org_shaped(name):  # "Pulpit Wire Watch first reported", untagged
            return Speaker(cast.canonical_org(name), phrase_text(phrase), None, "ORG")
        return Speaker(cast.untagged_person(name), phrase_text(phrase), None, "PERSON")
    surname = cast.known_surname(subject)
    if surname is None and subject.is_title and shared_surname(subject.text, cast.full_names):
        surname = subject.text  # "Fairbanks said", one of a family, tagged a plural noun
    if surname is not None:  # "Petrakis said", tagged a plural noun
        return Speaker(surname, phrase_text(phrase), None, "PERSON")
    organisation = organisation_behind(subject, entities)
    holder = office_holder(subject, entities, cast) if organisation is not None else None
    if holder is not None:  # "The leader of the opposition, Gregory Lawson, said"
        return _person_speaker(holder, phrase, cast)
    if organisation is not None and not heads_alone(subject, entities):
        return _organisation_speaker(subject, phrase, organisation, cast)
    return _description(subject, phrase, cast, paragraph)


def _a_date(token: Token) -> bool:
    """A day or a time ("said Monday", "Thursday morning"), not an age ("the 41-year-old")."""
    return (
        token.ent_type_ in NOT_SPEAKER_LABELS
        and token.lower_ not in ("old", "olds")
        and not AGE.match(token.text)
    )


def _titled_name_speaker(
    subject: Token, name: list[Token], entities: dict[int, Span], cast: Cast
) -> Speaker:
    """A speaker written as a lowercase title and a name; an organisation when the name is one."""
    written = phrase_text([subject] + name)
    ent = entities.get(name[-1].i)
    if ent is not None and ent.label_ != "PERSON" and not cast.is_person(ent):
        return Speaker(cast.canonical_org(ent.text), written, subject.text, ent.label_)
    return Speaker(cast.canonical_person(phrase_text(name)), written, subject.text, "PERSON")


def speaker_from_entity(ent: Span, cast: Cast) -> Speaker:
    """A speaker named with no verb ("'...,' Britain's spy chief Jane Roe on Thursday")."""
    phrase = core_phrase(ent.root)
    cut = next((t.i for t in phrase if t.i >= ent.end and (t.is_quote or t.text == ":")), None)
    if cut is not None:  # 'Aldridge: "We were poor."': the label ends at its colon
        phrase = [t for t in phrase if t.i < cut] or list(ent)
    return _person_speaker(ent, phrase, cast)


def _addressed(cue: Token, entities: dict[int, Span], cast: Cast) -> frozenset[str]:
    """The people a cue is said to ("told Hannity", "said to Ms. Roe") or of ("He calls
    Christie's endorsement ..."): never its speaker."""
    objects = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
    if cue.dep_ == "parataxis":  # "Hollins, he said, was 'our guy'": he is not Hollins
        objects += [c for c in cue.head.children if c.dep_ == "nsubj" and c.i < cue.i]
    objects += [g for c in cue.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    objects += [t for o in objects for t in o.subtree if t.dep_ == "poss" and t.i in entities]
    names = set()
    for token in objects:
        ent = entities.get(token.i)
        if ent is not None or token.pos_ == "PROPN":
            names.add(cast.canonical_person(ent.text if ent is not None else token.text))
    return frozenset(names)


def _resolve_pronoun(
    subject: Token, cast: Cast, paragraph: int, besides: frozenset[str] = frozenset()
) -> Speaker | None:
    canonical = cast.resolve_pronoun(
        subject.lower_, at=subject.idx, paragraph=paragraph, besides=besides
    )
    if canonical is None:
        return None
    if canonical in cast.described:  # "Roe's lawyer said ... He added": still the lawyer
        return Speaker(canonical, subject.text, None, cast.described[canonical], named=False)
    kind = "ORG" if subject.lower_ == "it" else "PERSON"
    return Speaker(canonical, subject.text, cast.roles.get(canonical), kind)


def _person_speaker(person: Span, phrase: list[Token], cast: Cast) -> Speaker:
    if phrase and person.start > phrase[-1].i:  # the name after a portfolio: one phrase
        phrase = phrase + list(person.doc[phrase[-1].i + 1 : person.end])
    inside = set(range(person.start, person.end))
    rest = [t for t in phrase if t.i not in inside and t.lower_.rstrip(".") not in TITLES]
    role = role_text(rest) or split_role(person.text)[1]  # "Tánaiste Fergal Quilty", one entity
    before = person.doc[person.start - 1].text if person.start else ""
    titled = f"{before} {person.text}" if before in ("Sir", "Dame") else person.text
    tagged = tagged_whole(person)
    canonical = cast.canonical_person(titled) if tagged else cast.untagged_person(titled)
    return Speaker(canonical, phrase_text(phrase), role, "PERSON")


def _organisation_speaker(
    subject: Token, phrase: list[Token], organisation: list[Token], cast: Cast
) -> Speaker:
    written = phrase_text(phrase)
    role = (
        phrase_text(
            [
                t
                for t in phrase
                if t.i < organisation[0].i and t.dep_ not in ("det", "prep", "punct")
            ]
        )
        or None
    )
    return Speaker(cast.canonical_org(phrase_text(organisation)), written, role, "ORG", named=False)


def _the_company(subject: Token, cast: Cast, paragraph: int) -> str | None:
    """'The company said' just after 'Halvorsen Brands reported ...': that firm, named in full."""
    found = cast.latest_organisation(subject.idx, paragraph, reach=1)
    return found if subject.lower_ in ("company", "firm") and found in cast.org_names else None


def _description(subject: Token, phrase: list[Token], cast: Cast, paragraph: int) -> Speaker | None:
    written = phrase_text(phrase)
    if (
        subject.tag_ == "NN"
        and subject.lower_ in ORG_WORDS
        and written.lower() == f"the {subject.lower_}"
    ):
        firm = cast.organisation_described(subject.lower_, at=subject.idx) or _the_company(
            subject, cast, paragraph
        )
        if firm is not None:  # "the trust said" after "Northfield Hospitals NHS Trust"; "the
            return Speaker(firm, written, None, "ORG")  # center" is no player if one is named
    aged = AGE.fullmatch(LEADING_ARTICLE.sub("", written))
    if aged or epithet(subject, phrase):
        # "said the 23-year-old", "the Spaniard said": the person last named, as for a pronoun
        # of either gender; an epithet only just after the name (else an unnamed source)
        reach = PRONOUN_REACH if aged else EPITHET_REACH
        found = cast.resolve_pronoun(ANY_PERSON, at=subject.idx, paragraph=paragraph, reach=reach)
        if found or aged:
            return Speaker(found, written, None, "PERSON") if found else None
    if subject.lemma_.lower() in UNNAMED_HEADS or subject.lower_.removesuffix("s") in UNNAMED_HEADS:
        # "Officials said", "a source close to the talks said": kept, typed, never a person.
        bare = LEADING_ARTICLE.sub("", phrase_text([t for t in phrase if t.i <= subject.i]))
        if subject.tag_ == "NN":
            bare = ONE_OF.sub("", bare)  # "one union official" and "the union official": one
        return Speaker(bare[:1].upper() + bare[1:], written, None, UNNAMED, named=False)
    # "The attorney general, a Republican who ...": what the person is, not their office
    aside = {t.i for c in subject.children if a_description(c) for t in c.subtree}
    content = {  # "former" is a stop word to spaCy, never to "the former captain"
        t.lower_
        for t in phrase
        if t.is_alpha
        and (not t.is_stop or t.lower_ in FORMER)
        and t.i != subject.i
        and t.i not in aside
    }
    # never "one pastor", "his lawyer"; but "her daughter" is the daughter the article named
    kin = bool(phrase) and phrase[0].lower_ in ("his", "her") and subject.lower_ in KIN_WORDS
    definite = bool(phrase) and (phrase[0].lower_ == "the" or kin)
    head = subject.lower_
    if head in OFFICE_ABBREVIATIONS:  # "the CM said": the Chief Minister
        head, word = OFFICE_ABBREVIATIONS[head]
        content = content | {word}
    canonical = cast.resolve_description(head, content, at=subject.idx) if definite else None
    if canonical is None and office(phrase):
        found = cast.resolve_pronoun(
            ANY_PERSON, at=subject.idx, paragraph=paragraph, reach=EPITHET_REACH
        )
        holds_office = found in cast.roles or found in cast.titles
        canonical = None if found is None or holds_office else found
    if canonical is not None:
        return Speaker(canonical, written, written, "PERSON")
    # A description naming nobody known ("an architect") is an unnamed source, not a person.
    kind = GROUP if subject.tag_ in ("NNS", "NNPS") else UNNAMED
    return Speaker(LEADING_ARTICLE.sub("", written), written, None, kind, named=False)
