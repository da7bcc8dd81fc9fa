"""An article's cast, built once: the people and organisations it mentions outside quotes, where,
and the genders the text gives them (coref.py's Cast resolves pronouns and descriptions)."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.clauses import (
    CLAUSE_SUBJECTS,
    Mention,
    described_subject,
    fronted,
    in_main_clause,
    is_who,
    leads,
    owns_a_named,
    reported_by_another,
    takes_the_floor,
)
from bot.nlp.extract.coref import ANY_PERSON, Cast
from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.epithets import EPITHET_REACH, demonym
from bot.nlp.extract.fullnames import (
    POSSESSIVE,
    family_first_names,
    find_acronyms,
    full_names_in,
    kin_of,
    name_run,
    shared_surname,
)
from bot.nlp.extract.genders import (
    emphasised,
    infer_genders,
    inside,
    note_gender,
    opens_sentence,
    titled,
)
from bot.nlp.extract.noise import heading_lines
from bot.nlp.extract.offices import note_title
from bot.nlp.first_names import first_name_gender, full_name_shaped
from bot.nlp.names import match_known_speaker
from bot.nlp.roles import split_role
from bot.nlp.words import ORG_LABELS, ROLE_WORDS, SPEAKER_LABELS

# The small NER model often tags a person's name as ORG or GPE; pronouns and titles set it right.
MENTION_LABELS = SPEAKER_LABELS
SUBJECT_ROLES = frozenset(("nsubj", "nsubjpass", "appos", "compound"))
THING_LABELS = frozenset(("PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW"))
SUBORDINATE_CLAUSES = frozenset(("advcl", "relcl", "acl"))  # "... when Asante went down"
# A person the writer or a reporter talks to ("We spoke to Gareth Lloyd", "Reporters asked Roe
# about it"): the last resort of a he or she (clauses.Mention.object). A person named as any other
# object ("elect Hillary Clinton", "endorse Rubio") is nobody a later he or she means.
INTERVIEWS = frozenset("speak talk interview meet visit reach contact ask join".split())
WRITERS = frozenset(("we", "i"))  # the article's own voice
QUESTION_MARKS = frozenset("whether if what why how when where who".split())
Ranges = list[tuple[int, int]]  # (start, end) character offsets


def _as_subject(ent: Span) -> bool:
    """True for a name written as a subject, even one whose hyphenated end the parser took
    apart ("Rep. Choi Yoon-ah ... criticized")."""
    return ent.root.dep_ in SUBJECT_ROLES or any(t.dep_ in CLAUSE_SUBJECTS for t in ent)


def build_cast(doc: Doc, paragraph_starts: list[int], quoted: Ranges, places: Ranges) -> Cast:
    """Collect the article's names once: people mentioned outside quotes, organisations,
    acronyms; `places` are the article's datelines (noise.datelines), whose names nobody means."""
    cast = Cast(acronyms=find_acronyms(doc_text(doc)))
    cast.sentence_starts = [s.start_char for s in doc.sents] or [0]
    people = [e for e in doc.ents if e.label_ == "PERSON" or cast.is_person(e)]
    cast.full_names = full_names_in(people)
    orgs = [e for e in doc.ents if e.label_ == "ORG" and len(e) > 1]
    cast.org_names = [cast.canonical_org(e.text) for e in orgs]
    for name, ent in zip(cast.org_names, orgs, strict=True):
        cast.org_first_at.setdefault(name, ent.start_char)
    # a subheading ("Gender Equality."), a byline or a dateline ("CLARKSVILLE (WKRN) —") is
    # nobody a pronoun means
    headings = sorted(heading_lines(doc, paragraph_starts) + places)
    cast.subject_names = full_names_in(
        [e for e in people if _as_subject(e) and not inside(e.start_char, headings)]
    )
    mentions = [
        e
        for e in doc.ents
        if (e.label_ in MENTION_LABELS or cast.is_person(e)) and not inside(e.start_char, quoted)
    ]
    for ent in mentions:
        if ent.label_ not in ("PERSON", "NORP") and (titled(doc, ent) or is_who(ent)):
            cast.persons.add(
                cast.canonical_person(ent.text)
            )  # "Mr Treharne" tagged as an organisation
        elif ent.label_ in ORG_LABELS and cast.canonical_person(ent.text) in cast.full_names:
            # "Adeyemi-Clarke", "Ventura", "Han" (for Han Dong-hoon) after the full name
            cast.persons.add(cast.canonical_person(ent.text))
        if ent.label_ == "PERSON" or ent.label_ == "ORG" or titled(doc, ent):
            note_gender(cast, doc, ent, cast.canonical_person(ent.text))
    infer_genders(doc, cast, mentions, quoted)
    for ent in mentions:
        if inside(ent.start_char, headings):
            continue
        possessor = ent.root.dep_ == "poss" and cast.is_person(ent)
        paragraph = bisect.bisect_right(paragraph_starts, ent.start_char) - 1
        if ent.start and demonym(ent.root, [doc[ent.start - 1], ent.root]):
            _add_demonym(cast, ent, paragraph)  # "The Scot also criticised ...": the one just named
            continue
        if (
            ent.root.dep_ in SUBJECT_ROLES
            or possessor
            or opens_sentence(ent)
            or takes_the_floor(ent)
        ):
            _add_mention(cast, ent, paragraph)
        elif ent.label_ == "PERSON" and _interviewed(ent.root):
            name, asked = cast.canonical_person(ent.text), _questioned(ent.root.head)
            cast.add_person(ent.start_char, Mention(name, paragraph, asked, object=not asked))
    _add_untagged_subjects(doc, cast, paragraph_starts, quoted)
    for ent in mentions:
        note_title(cast, ent)
    return cast


def _add_demonym(cast: Cast, ent: Span, paragraph: int) -> None:
    found = cast.resolve_pronoun(
        ANY_PERSON, at=ent.start_char, paragraph=paragraph, reach=EPITHET_REACH
    )
    if found and ent.root.dep_ in CLAUSE_SUBJECTS and in_main_clause(ent.root):
        cast.add_person(ent.start_char, Mention(found, paragraph))


def _interviewed(name: Token) -> bool:
    """True for a person the writer or a reporter talks to: the object of 'spoke to', 'asked',
    'met', or of any verb whose subject is 'we' or 'I'."""
    verb = name.head.head if name.dep_ == "pobj" else name.head
    if name.dep_ not in ("dobj", "pobj", "dative") or verb.pos_ != "VERB":
        return False
    subjects = [c.lower_ for c in verb.children if c.dep_ in CLAUSE_SUBJECTS]
    return verb.lemma_ in INTERVIEWS or any(s in WRITERS for s in subjects)


def _questioned(verb: Token) -> bool:
    """True for a verb asking a named person a question ("Conroy asked Sanders whether ..."):
    the he or she who answers next is the person asked, not the asker."""
    if verb.lemma_ != "ask" or not any(
        c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in verb.children
    ):
        return False
    if any(t.lemma_ == "say" for t in verb.sent):
        return False  # "..., she said, was a question ..., when a man asked Clinton why": hers
    about = any(c.dep_ == "prep" and c.lower_ == "about" for c in verb.children)
    return about or any(
        m.lower_ in QUESTION_MARKS for c in verb.children if c.dep_ == "ccomp" for m in c.children
    )


def _add_untagged_subjects(
    doc: Doc, cast: Cast, paragraph_starts: list[int], quoted: list[tuple[int, int]]
) -> None:
    """Subjects with no entity tag: a known surname ("Donnelly is less sure", "..., Ham made it
    clear") and a he or she, which stands for whoever it refers to."""
    for token in doc:
        opener = bool(token.is_sent_start)  # never token.sent: a span per token is slow
        if not (opener or token.dep_ in CLAUSE_SUBJECTS) or inside(token.idx, quoted):
            continue
        paragraph = bisect.bisect_right(paragraph_starts, token.idx) - 1
        family = token.is_title and shared_surname(token.text, cast.full_names)
        if token.lower_ in ("he", "she") and in_main_clause(token):
            gender = "m" if token.lower_ == "he" else "f"
            cast.add_person(token.idx, Mention("", paragraph, pronoun=gender))
        elif described_subject(token):
            words = frozenset(c.lower_ for c in token.children if c.dep_ in ("amod", "compound"))
            cast.add_person(token.idx, Mention("", paragraph, description=(token.lower_, words)))
        elif _untagged(token, cast) and (
            token.pos_ == "PROPN" or cast.known_surname(token) or family
        ):
            # "Petrakis said", tagged a plural noun: a surname the article gave in full
            main = token.dep_ in CLAUSE_SUBJECTS and in_main_clause(token)
            canonical = match_known_speaker(token.text, cast.full_names)
            if main and (canonical is None or kin_of(canonical, token)):
                # "Jayson Tatum led Boston"; "Gwen Pritchard is late" is never the Huw Pritchard
                # named elsewhere, whose surname alone matches
                canonical = _untagged_full_name(cast, token) or canonical
            if canonical is None and token.text in family_first_names(cast.full_names):
                canonical = cast.canonical_person(token.text)  # "Park" for Park Ji-won
            if canonical is None and family:
                canonical = token.text  # one of a family, which we do not guess
            lesser = (
                token.dep_ in CLAUSE_SUBJECTS
                and (token.head.dep_ in SUBORDINATE_CLAUSES or reported_by_another(token))
                and not main
            )
            stressed = emphasised(token)  # "Park herself broke her silence"
            if canonical is not None and stressed is not None:
                cast.genders.setdefault(canonical, stressed)
                lesser = False
            if canonical is not None and (_questioned(token.head) or lesser):
                # "... when Asante went down": a subordinate clause's subject takes no turn
                cast.add_person(token.idx, Mention(canonical, paragraph, main=False))
            elif canonical is not None:
                cast.note_speaker(
                    canonical, at=token.idx, paragraph=paragraph, role=None, person=True
                )


def _untagged(token: Token, cast: Cast) -> bool:
    """True for a word with no name tag, or a known surname the model took for a thing
    ("Moriarty opened the scoring", tagged a product)."""
    if not token.ent_type_:
        return True
    return token.ent_type_ in THING_LABELS and (
        cast.known_surname(token) is not None or shared_surname(token.text, cast.full_names)
    )


def _untagged_full_name(cast: Cast, subject: Token) -> str | None:
    """The full name a proper-noun subject ends, when the model tagged none: a known first name
    and a surname, after any role ("Raptors forward Jayson Tatum")."""
    run = name_run(subject)
    if not full_name_shaped(split_role(run)[0]):
        return None
    name = cast.untagged_person(run)
    # the genders noted so far went by the surname alone ("Oz"); the full name keeps its gender
    gender = cast.genders.get(name.split()[-1]) or first_name_gender(name)
    if gender is not None:
        cast.genders.setdefault(name, gender)
    return name


def _add_mention(cast: Cast, ent: Span, paragraph: int) -> None:
    if cast.is_person(ent):
        cast.people_at.append(ent.start_char)
        # never "Roe's case was odd, Lee said" nor "Roe's lawyer, Ann Lee, sat ..."
        opening = (opens_sentence(ent) or leads(ent)) and not (fronted(ent) or owns_a_named(ent))
        if ent.root.dep_ == "poss" and not opening:
            # "Mr. Obama's bet is that ... He says": a he with no subject of his nearer; the
            # possessor never takes the floor from a speaker ("Roe's lawyer said")
            name = cast.canonical_person(POSSESSIVE.sub("", ent.text))
            cast.people.append(Mention(name, paragraph, main=False))
            return
        main = leads(ent) or (ent.root.dep_ in CLAUSE_SUBJECTS and in_main_clause(ent.root))
        # "The governor, Héctor Garza, did not attend": the name of the subject is the subject
        main = main or (
            ent.root.dep_ == "appos"
            and (ent.root.head.pos_ == "NOUN" or ent.root.head.lower_ in ROLE_WORDS)
            # "Labour's shadow health secretary, Priya Raman, called ...", the noun the root
            and (ent.root.head.dep_ == "ROOT" or ent.root.head.dep_ in CLAUSE_SUBJECTS)
            and in_main_clause(ent.root.head)
        )
        main = main or takes_the_floor(ent) or emphasised(ent.root) is not None
        main = main and not (ent.root.dep_ in CLAUSE_SUBJECTS and _questioned(ent.root.head))
        cast.people.append(Mention(cast.canonical_person(ent.text), paragraph, main))
        # a subject in a relative clause ("..., where Mrs. Clinton also spoke") takes no turn
        main_subject = ent.root.dep_ in CLAUSE_SUBJECTS and ent.root.head.dep_ != "relcl"
        if main_subject or opens_sentence(ent):
            cast.subjects_at.append(ent.start_char)
            cast.subjects.append(cast.canonical_person(ent.text))
    elif ent.label_ in ORG_LABELS and not (ent.label_ != "ORG" and ent.root.dep_ == "compound"):
        # "Lumora, a San Francisco startup, said ... It said": the place only describes the firm
        cast.orgs_at.append(ent.start_char)
        cast.orgs.append((cast.canonical_org(ent.text), paragraph))
