"""Who is who in one article: full names, acronyms, genders, and pronoun/description resolution."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from bot.nlp.extract.clauses import Mention
from bot.nlp.extract.fullnames import (
    INITIALS,
    NAME_PARTICLES,
    UNCLOSED_PAREN,
    described_person,
    fullest_name,
    one_of_family,
    person_shaped,
    shared_surname,
    surname_of_one,
    the_named,
)
from bot.nlp.extract.pronouns import PRONOUN_REACH, nearest_person
from bot.nlp.first_names import full_name_shaped
from bot.nlp.roles import holds_role, org_shaped, split_role
from bot.nlp.words import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    ORG_LABELS,
    ORG_WORDS,
    RANKS,
)

# A person of either gender ("the 23-year-old"): the latest person named.
ANY_PERSON = "they-one"
# A longer "organisation" is a title-case headline the model tagged whole.
MAX_ORG_WORDS = 6
# How many earlier person mentions a description ("the spokesman") may look back over.
DESCRIPTION_REACH = 40
# "Justice Anjali Roe" ... "the judge said"; "Conservative leader Ann Roe" ... "the Tory leader"
SAME_OFFICE = {"justice": "judge", "conservative": "tory"}
# Tags the model gives a person's full name by mistake ("Ivanka Trump" as a PRODUCT).
NAME_LIKE_LABELS = ORG_LABELS | frozenset(("PRODUCT", "WORK_OF_ART"))


@dataclass
class Cast:
    """The people and organisations of one article, and who has spoken so far."""

    full_names: list[str] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # offices written before a name
    titled_at: dict[str, int] = field(default_factory=dict)  # where each was first so written
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
    _canonical: dict[tuple[str, int, int], str] = field(default_factory=dict, repr=False)
    org_names: list[str] = field(default_factory=list)  # organisations named in two words or more
    org_first_at: dict[str, int] = field(default_factory=dict)  # where each is first named
    # Speakers described, not named ("Roe's lawyer", "a spokeswoman for the union": the union),
    # by their speaker type: a he or she after them stays with them.
    described: dict[str, str] = field(default_factory=dict)
    sentence_starts: list[int] = field(default_factory=lambda: [0])

    def is_person(self, ent: Span) -> bool:
        """True for a PERSON entity, or a name the article shows to be a person's."""
        if org_shaped(ent.text):
            return False  # the model's PERSON tag on "Port Authority" does not make it one
        if ent.label_ == "PERSON" or self.canonical_person(ent.text) in self.persons:
            return True
        if ent.label_ in ORG_LABELS and shared_surname(ent.text, self.full_names):
            return True  # "Trump" (tagged ORG) beside Donald and Ivanka Trump: one of a family
        # "Helena Marsh" (or "Cllr Peter Holt") tagged an organisation: a confident first name and
        # a surname, after any title, is a person; so is a name beside a person's description
        # ("The 22-year-old, Harshit Deshpande", "Mahlangu's spokesperson, Lerato Dlamini")
        named = ent.label_ in NAME_LIKE_LABELS and not the_named(ent)
        return named and (person_shaped(ent.text) or described_person(ent))

    def canonical_person(self, name: str) -> str:
        """The article's fullest form of a person's name ('Zelensky' -> 'Volodymyr Zelensky')."""
        key = (name, len(self.full_names), len(self.subject_names))  # the lists only grow
        if key not in self._canonical:
            self._canonical[key] = self._fullest(name)
        return self._canonical[key]

    def _fullest(self, name: str) -> str:
        return fullest_name(name, self.full_names, self.subject_names)

    def untagged_person(self, name: str) -> str:
        """A name the model did not tag, as a speaker: a first name and a surname ("Isla
        Hale-Munro") is then a full name a later surname alone may stand for."""
        canonical = self.canonical_person(name)
        bare = split_role(canonical)[0]
        spelled = " ".join(w for w in bare.split() if w not in NAME_PARTICLES)  # "del Río"
        shaped = full_name_shaped(spelled) or INITIALS.fullmatch(bare.split()[0]) is not None
        if canonical == bare and len(bare.split()) > 1 and shaped and bare not in self.full_names:
            self.full_names.append(bare)
        return canonical

    def known_surname(self, token: Token) -> str | None:
        """The one full name whose surname a capitalised word is, written exactly so."""
        return surname_of_one(token, self.full_names)

    def organisation_named(self, word: str) -> str | None:
        """The one organisation whose name opens with a word the model took for a person
        ("Brightwater said" after "Brightwater Energy"), unless a person's name has the word."""
        if any(word in name.split() for name in self.full_names):
            return None
        found = {name for name in self.org_names if name.split()[0] == word}
        return found.pop() if len(found) == 1 else None

    def organisation_described(self, head: str, *, at: int) -> str | None:
        """The one organisation named before `at` whose name ends in a description's head word
        ("the trust" after "Northfield Hospitals NHS Trust", "the ministry" after "Ministry of
        Health"; "the union" is never the European Union named further on)."""
        found = {
            n
            for n in self.org_names
            if len(n.split()) <= MAX_ORG_WORDS
            and n.split(" of ")[0].split()[-1].lower() == head
            and self.org_first_at.get(n, 0) < at
        }
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
        self,
        pronoun: str,
        *,
        at: int,
        paragraph: int,
        besides: frozenset[str] = frozenset(),
        reach: int = PRONOUN_REACH,
    ) -> str | None:
        """Nearest earlier person (or organisation, for 'it') the pronoun can refer to, at most
        `reach` paragraphs back; never one of `besides` (whom the cue addresses: the he in 'he
        told Hannity' is not Hannity)."""
        word = pronoun.lower()
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            wanted = "m" if word in MALE_PRONOUNS else "f"
            found = one_of_family(
                nearest_person(self, at, paragraph, wanted, besides), wanted, self.full_names
            )
            if found:
                self.genders.setdefault(found, wanted)
            if besides and at in self.people_at:
                self.referents[at] = found  # a later pronoun standing for this one agrees
            return found
        if word == "it":
            return self.latest_organisation(at, paragraph)
        if word == ANY_PERSON:
            return nearest_person(self, at, paragraph, None, reach=reach)
        return None  # we, they, I, you: no single speaker to name

    def latest_organisation(
        self, at: int, paragraph: int, reach: int = PRONOUN_REACH
    ) -> str | None:
        """The organisation last written of before `at`, at most `reach` paragraphs back."""
        index = bisect.bisect_left(self.orgs_at, at)
        if index and paragraph - self.orgs[index - 1][1] <= reach:
            return self.orgs[index - 1][0]
        return None

    def resolve_description(self, head: str, words: set[str], *, at: int) -> str | None:
        """A known person whose role has this head noun, a person's ('the spokesman', never 'the
        company' for a company's spokesman), and every other content word; a former holder only
        for 'the former ...'."""
        if head in ORG_WORDS:
            return None
        index = bisect.bisect_left(self.people_at, at)
        here = self.people[index].paragraph if at in self.people_at else None
        sentence = self.sentence_starts[bisect.bisect_right(self.sentence_starts, at) - 1]
        for k in range(index - 1, max(-1, index - 1 - DESCRIPTION_REACH), -1):
            canonical, mention = self.people[k].canonical, self.people[k]
            role = self._role_words(canonical)
            if mention.main and canonical and mention.paragraph == here and not role:
                if self.people_at[k] < sentence:
                    return canonical  # "Rubio sought ... The senator said": him, office unwritten
            if holds_role(role, head, words):
                return canonical
        # "headed by Chief Justice Syed Haider ... the chief justice observed": the one holder
        named = (n for n, first in self.titled_at.items() if first < at)
        held = [n for n in named if holds_role(self._role_words(n), head, words)]
        return held[0] if len(held) == 1 else None

    def _role_words(self, canonical: str) -> set[str]:
        role = f"{self.roles.get(canonical, '')} {self.titles.get(canonical, '')}".lower()
        words = {RANKS.get(w, w) for w in re.findall(r"\w+", role)}
        return words | {SAME_OFFICE[w] for w in words if w in SAME_OFFICE}
