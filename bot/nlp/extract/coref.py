"""Who is who in one article: full names, acronyms, genders, and pronoun/description resolution."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.clauses import Mention, in_main_clause, leads
from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.fullnames import POSSESSIVE, find_acronyms, full_names_in, surname_first
from bot.nlp.extract.genders import infer_genders, inside, note_gender, opens_sentence, titled
from bot.nlp.extract.noise import heading_lines
from bot.nlp.first_names import first_name_gender
from bot.nlp.names import match_known_speaker, org_shaped, split_role
from bot.nlp.words import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    ORG_LABELS,
    SPEAKER_LABELS,
)

# A person of either gender ("the 23-year-old"): the latest person named.
ANY_PERSON = "they-one"
# How far back (in paragraphs) a pronoun may reach for its person; further back is a guess.
PRONOUN_REACH = 3
SUBJECT_ROLES = frozenset(("nsubj", "nsubjpass", "appos", "compound"))
CLAUSE_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
# How many earlier person mentions a description ("the spokesman") may look back over.
DESCRIPTION_REACH = 40
# Word classes no surname is tagged with, however it is capitalised ("In", "The").
FUNCTION_TAGS = frozenset("ADP DET PRON CCONJ SCONJ AUX PART ADV NUM PUNCT INTJ".split())
UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")
# The small NER model often tags a person's name as ORG or GPE; pronouns and titles set it right.
MENTION_LABELS = SPEAKER_LABELS
# Tags the model gives a person's full name by mistake ("Ivanka Trump" as a PRODUCT).
NAME_LIKE_LABELS = ORG_LABELS | frozenset(("PRODUCT", "WORK_OF_ART"))


@dataclass
class Cast:
    """The people and organisations of one article, and who has spoken so far."""

    full_names: list[str] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    people_at: list[int] = field(default_factory=list)  # char positions of person mentions, sorted
    people: list[Mention] = field(default_factory=list)  # one per position
    orgs_at: list[int] = field(default_factory=list)
    orgs: list[tuple[str, int]] = field(default_factory=list)
    persons: set[str] = field(
        default_factory=set
    )  # names tagged ORG/GPE that are people (by title or pronoun)
    # People who are the subject of a clause (not a compound, appositive or object): only they
    # take over the floor from the previous speaker of a follow-on quote.
    subjects_at: list[int] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    referents: dict[int, str | None] = field(default_factory=dict)  # he/she subject -> person
    # Full names standing as a subject (or beside one) outside headings: the names a family name
    # written first ("Yoon" for "Yoon Suk Yeol") may stand for.
    subject_names: list[str] = field(default_factory=list)
    # Speakers described, not named ("Roe's lawyer", "a spokeswoman for the union": the union),
    # by their speaker type: a he or she after them stays with them.
    described: dict[str, str] = field(default_factory=dict)

    def is_person(self, ent: Span) -> bool:
        """True for a PERSON entity, or a name the article shows to be a person's."""
        if org_shaped(ent.text):
            return False  # the model's PERSON tag on "Port Authority" does not make it one
        if ent.label_ == "PERSON" or self.canonical_person(ent.text) in self.persons:
            return True
        # "Helena Marsh" tagged an organisation: a confident first name and a surname is a person
        words = ent.text.split()
        return (
            ent.label_ in NAME_LIKE_LABELS
            and 2 <= len(words) <= 3
            and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words)
            and first_name_gender(ent.text) is not None
        )

    def canonical_person(self, name: str) -> str:
        """The article's fullest form of a person's name ('Zelensky' -> 'Volodymyr Zelensky')."""
        bare, _ = split_role(name)
        return match_known_speaker(bare, self.full_names) or surname_first(bare, self.subject_names)

    def untagged_person(self, name: str) -> str:
        """A name the model did not tag, as a speaker: a first name and a surname ("Isla
        Hale-Munro") is then a full name a later surname alone may stand for."""
        canonical = self.canonical_person(name)
        bare = split_role(canonical)[0]
        if canonical == bare and len(bare.split()) > 1 and first_name_gender(bare) is not None:
            if bare not in self.full_names:
                self.full_names.append(bare)
        return canonical

    def known_surname(self, token: Token) -> str | None:
        """The one full name whose surname a capitalised word is, written exactly so."""
        if not token.text[:1].isupper() or token.pos_ in FUNCTION_TAGS:
            return None  # "In an essay, he wrote" under a headline's "... Murdoch In"
        found = {n for n in self.full_names if n.split()[-1] == token.text}
        return found.pop() if len(found) == 1 else None

    def canonical_org(self, name: str) -> str:
        bare = re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
        bare = UNCLOSED_PAREN.sub("", bare)
        return self.acronyms.get(bare, bare)

    def note_speaker(
        self, canonical: str, *, at: int, paragraph: int, role: str | None, person: bool
    ) -> None:
        """Remember a resolved speaker so later pronouns and descriptions can reach it."""
        if role and person:
            self.roles.setdefault(canonical, role)
        if person:
            self.add_person(at, Mention(canonical, paragraph))
        else:
            index = bisect.bisect_right(self.orgs_at, at)
            self.orgs_at.insert(index, at)
            self.orgs.insert(index, (canonical, paragraph))

    def note_described(
        self, speaker: str, kind: str, *, at: int, paragraph: int, gender: str | None
    ) -> None:
        """Remember a speaker described as one person not named ("Roe's lawyer", "a spokeswoman
        for the union"), whom a later he or she may mean."""
        self.described[speaker] = kind
        if gender is not None:
            self.genders[speaker] = gender
        self.add_person(at, Mention(speaker, paragraph))

    def add_person(self, at: int, mention: Mention) -> None:
        index = bisect.bisect_right(self.people_at, at)
        self.people_at.insert(index, at)
        self.people.insert(index, mention)

    def resolve_pronoun(
        self, pronoun: str, *, at: int, paragraph: int, besides: frozenset[str] = frozenset()
    ) -> str | None:
        """Nearest earlier person (or organisation, for 'it') the pronoun can refer to; never one
        of `besides` (whom the cue addresses: the he in 'he told Hannity' is not Hannity)."""
        word = pronoun.lower()
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            wanted = "m" if word in MALE_PRONOUNS else "f"
            found = self._nearest_person(at, paragraph, wanted, besides)
            if found:
                self.genders.setdefault(found, wanted)
            if besides and at in self.people_at:
                self.referents[at] = found  # a later pronoun standing for this one agrees
            return found
        if word == "it":
            index = bisect.bisect_left(self.orgs_at, at)
            if index and paragraph - self.orgs[index - 1][1] <= PRONOUN_REACH:
                return self.orgs[index - 1][0]
            return None
        if word == ANY_PERSON:
            return self._nearest_person(at, paragraph, None)
        return None  # we, they, I, you: no single speaker to name

    def resolve_description(self, head: str, words: set[str], *, at: int) -> str | None:
        """A known person whose role has this head noun and every other content word ('the
        spokesman')."""
        index = bisect.bisect_left(self.people_at, at)
        for k in range(index - 1, max(-1, index - 1 - DESCRIPTION_REACH), -1):
            canonical = self.people[k].canonical
            role = self.roles.get(canonical, "").lower()
            role_words = set(re.findall(r"\w+", role))
            if head in role_words and words <= role_words:
                return canonical
        return None

    def _nearest_person(
        self, at: int, paragraph: int, gender: str | None, besides: frozenset[str] = frozenset()
    ) -> str | None:
        """The latest main subject the pronoun can refer to (a he/she subject standing for its
        own antecedent); else the latest name in a lesser place. A subject of unknown gender
        holds unless its paragraph has one known to match."""
        unsure: Mention | None = None
        lesser: str | None = None
        for k in range(bisect.bisect_left(self.people_at, at) - 1, -1, -1):
            mention = self.people[k]
            if paragraph - mention.paragraph > PRONOUN_REACH:
                break
            if unsure is not None and mention.paragraph != unsure.paragraph:
                break
            if mention.pronoun is not None:
                if mention.pronoun == gender and unsure is None:
                    found = self._pronoun_at(k)
                    if found is not None and found not in besides:
                        return found
                continue
            if mention.canonical in besides:
                continue
            known = self.genders.get(mention.canonical)
            matches = gender is None or known == gender
            if mention.main and matches:
                return mention.canonical
            if mention.main and known is None and unsure is None:
                unsure = mention
            elif lesser is None and (matches or known is None):
                lesser = mention.canonical
        return unsure.canonical if unsure is not None else lesser

    def _pronoun_at(self, k: int) -> str | None:
        """Whom the he/she subject at row k stands for (worked out once, then kept)."""
        at, mention = self.people_at[k], self.people[k]
        if at not in self.referents:
            self.referents[at] = self._nearest_person(at, mention.paragraph, mention.pronoun)
        return self.referents[at]


def build_cast(doc: Doc, paragraph_starts: list[int], quoted: list[tuple[int, int]]) -> Cast:
    """Collect the article's names once: people mentioned outside quotes, organisations,
    acronyms."""
    cast = Cast(acronyms=find_acronyms(doc_text(doc)))
    people = [e for e in doc.ents if e.label_ == "PERSON" or cast.is_person(e)]
    cast.full_names = full_names_in(people)
    headings = heading_lines(doc, paragraph_starts)
    cast.subject_names = full_names_in(
        [e for e in people if e.root.dep_ in SUBJECT_ROLES and not inside(e.start_char, headings)]
    )
    mentions = [
        e
        for e in doc.ents
        if (e.label_ in MENTION_LABELS or cast.is_person(e)) and not inside(e.start_char, quoted)
    ]
    for ent in mentions:
        if ent.label_ != "PERSON" and (titled(doc, ent) or _who(ent)):
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
            continue  # a subheading ("Gender Equality.") or a byline is nobody a pronoun means
        possessor = ent.root.dep_ == "poss" and cast.is_person(ent)
        if ent.root.dep_ in SUBJECT_ROLES or possessor or opens_sentence(ent):
            _add_mention(cast, ent, bisect.bisect_right(paragraph_starts, ent.start_char) - 1)
    _add_untagged_subjects(doc, cast, paragraph_starts, quoted)
    return cast


def _add_untagged_subjects(
    doc: Doc, cast: Cast, paragraph_starts: list[int], quoted: list[tuple[int, int]]
) -> None:
    """Subjects with no entity tag: a known surname ("Donnelly is less sure", "..., Ham made it
    clear") and a he or she, which stands for whoever it refers to."""
    for token in doc:
        opener = token.i == token.sent.start
        if not (opener or token.dep_ in CLAUSE_SUBJECTS) or inside(token.idx, quoted):
            continue
        paragraph = bisect.bisect_right(paragraph_starts, token.idx) - 1
        if token.lower_ in ("he", "she") and in_main_clause(token):
            gender = "m" if token.lower_ == "he" else "f"
            cast.add_person(token.idx, Mention("", paragraph, pronoun=gender))
        elif not token.ent_type_ and (token.pos_ == "PROPN" or cast.known_surname(token)):
            # "Petrakis said", tagged a plural noun: a surname the article gave in full
            canonical = match_known_speaker(token.text, cast.full_names)
            if canonical is not None:
                cast.note_speaker(
                    canonical, at=token.idx, paragraph=paragraph, role=None, person=True
                )


def _add_mention(cast: Cast, ent: Span, paragraph: int) -> None:
    if cast.is_person(ent):
        cast.people_at.append(ent.start_char)
        if ent.root.dep_ == "poss" and not (opens_sentence(ent) or leads(ent)):
            # "Mr. Obama's bet is that ... He says": a he with no subject of his nearer; the
            # possessor never takes the floor from a speaker ("Roe's lawyer said")
            name = cast.canonical_person(POSSESSIVE.sub("", ent.text))
            cast.people.append(Mention(name, paragraph, main=False))
            return
        main = leads(ent) or (ent.root.dep_ in CLAUSE_SUBJECTS and in_main_clause(ent.root))
        cast.people.append(Mention(cast.canonical_person(ent.text), paragraph, main))
        # a subject in a relative clause ("..., where Mrs. Clinton also spoke") takes no turn
        main_subject = ent.root.dep_ in CLAUSE_SUBJECTS and ent.root.head.dep_ != "relcl"
        if main_subject or opens_sentence(ent):
            cast.subjects_at.append(ent.start_char)
            cast.subjects.append(cast.canonical_person(ent.text))
    elif ent.label_ in ORG_LABELS:
        cast.orgs_at.append(ent.start_char)
        cast.orgs.append((cast.canonical_org(ent.text), paragraph))


def _who(ent: Span) -> bool:
    """True for "Christie, who has campaigned ...": only a person is a 'who'."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
        for c in ent.root.children
    )
