"""Names as an article writes them: full names, a family name written first, acronyms."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.first_names import first_name_gender
from bot.nlp.names import match_known_speaker
from bot.nlp.roles import org_shaped, split_role
from bot.nlp.words import FEMALE_TITLES, KIN_WORDS, MALE_TITLES, ONE_PERSON_WORDS, ROLE_WORDS

ACRONYM = re.compile(
    r"((?:[A-Z][\w'\u2019&-]*\s+)(?:(?:of|the|for|and|on|de|du|des|[A-Z][\w'\u2019&-]*)\s+){0,8}"
    r"[A-Z][\w'\u2019&-]*)\s+\(([A-Z][A-Za-z]{1,9})\)"
)
HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")  # "Jae-myung", "Ki-moon", never "Smith-Jones"
MAX_NAME_WORDS = 5
# Lowercase words inside a name ("Beatriz del Río Montaño", "Anuar bin Hashim").
NAME_PARTICLES = frozenset(
    "de del della di da das dos la le van von der den ter bin binti al el ap".split()
)
# A surname's first word, capitalised or not: "Te Rangi", "Ó Súilleabháin", "Van Rensburg".
SURNAME_PARTICLES = NAME_PARTICLES | frozenset("te ó ní nic mac mc".split())
# Words made with a name: "Trump-backed", "Obama-era", "Putin-style" are no part of it.
NAME_COMPOUNDS = frozenset(
    "backed led born based era style like linked appointed aligned allied owned funded run "
    "made type esque ish friendly controlled supporting leaning".split()
)
POSSESSIVE = re.compile(r"['\u2019]s?$")
NAME_MARKS = re.compile(r"[.\-'\u2019]")  # "Varga-Holloway", "O'Neill", "J." are name words
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")  # "P.S." of "P.S. Murugavel", "R." of "R. Prasad"

AGE = re.compile(r"\d{1,3}-year-old", re.IGNORECASE)
UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")  # "Ministry of Health (MoH" cut short
# Words only a person is, beside a name ("his spokesperson, Lerato Dlamini"); never a firm's
# "parent" or "partner"
FIRM_SENSES = frozenset("parent partner child".split())
PERSON_HEADS = (ROLE_WORDS | ONE_PERSON_WORDS | KIN_WORDS) - FIRM_SENSES


def hyphen_at(doc: Doc, k: int) -> bool:
    return doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def hyphen_tail(doc: Doc, end: int) -> int:
    """The end of a name past the rest of a hyphenated word the model cut ("Choi Yoon" "-ah"),
    never a word made with a name ("Trump-backed")."""
    while (
        end + 1 < len(doc)
        and hyphen_at(doc, end)
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
        and doc[end + 1].lower_ not in NAME_COMPOUNDS
    ):
        end += 2
    return end


def the_named(ent: Span) -> bool:
    """True for a name written with 'the' ("The New York Times", "beat the Boston Celtics"): no
    person is 'the' Jane Roe, whatever the first-name table makes of "Boston"."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")


def full_names_in(people: list[Span]) -> list[str]:
    """The people's names of two words or more, without role or possessive, first seen first."""
    names: list[str] = []
    for ent in people:
        bare, _ = split_role(POSSESSIVE.sub("", ent.text))
        if (
            len(bare.split()) > 1
            and bare[:1].isupper()
            and bare not in names
            and not org_shaped(bare)
            and not any(_after_initials(bare, name) for name in names)
        ):
            names.append(bare)
    return names


def _after_initials(name: str, known: str) -> bool:
    """True for "Lakshmi Devi" after "S. Lakshmi Devi" (or "Te Rangi" after "Hamish Te Rangi"):
    the same person without the initials or the given name."""
    lead = known[: -len(name)].split() if known.endswith(" " + name) else []
    surname = name.split()[0].lower() in SURNAME_PARTICLES  # "Te Rangi" of "Hamish Te Rangi"
    return bool(lead) and (surname or all(INITIALS.fullmatch(w) for w in lead))


def surname_first(word: str, full_names: list[str]) -> str:
    """The one full name a lone word opens when that word is no first name: a family name written
    first ("Yoon" for "Yoon Suk Yeol", "Lee" for "Lee Jae-myung"); else the word itself. A word
    that is also a first name ("Han") opens only a name whose given name is Korean-shaped ("Han
    Dong-hoon")."""
    if " " in word:
        return word
    opened = {n for n in full_names if n.split()[0] == word and n.split()[-1] != word}
    if first_name_gender(word, lone=True) is not None:
        opened = {
            n for n in opened if len(n.split()) == 2 and HYPHENED_GIVEN.fullmatch(n.split()[1])
        }
    return opened.pop() if len(opened) == 1 else word


def given_name_shaped(name: str) -> bool:
    """True for a family name and a hyphenated given name ("Choi Yoon-ah", "Lee Jae-myung")."""
    words = name.split()
    return len(words) == 2 and HYPHENED_GIVEN.fullmatch(words[1]) is not None


def knighted(name: str, full_names: list[str]) -> str | None:
    """The one full name a "Sir" or "Dame" with a first name stands for ("Sir Keir" for Keir
    Starmer): these titles go with the first name, not the surname."""
    words = name.split()
    if len(words) != 2 or words[0].lower() not in ("sir", "dame"):
        return None
    known = {n for n in full_names if n.split()[0] == words[1]}
    return known.pop() if len(known) == 1 else None


def find_acronyms(text: str) -> dict[str, str]:
    found = {}
    for match in ACRONYM.finditer(text):
        long, short = match.group(1), match.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if short.upper() == initials[-len(short) :].upper():
            found[short] = _trim_to_initials(long, short)
    return found


def _trim_to_initials(long: str, short: str) -> str:
    words = long.split()
    capitals = [i for i, w in enumerate(words) if w[0].isupper()]
    first = capitals[-len(short)] if len(capitals) >= len(short) else 0
    return " ".join(words[first:])


def name_run(subject: Token) -> str:
    """A proper-noun subject with the name words right before it ("Detective Constable Ruth
    Avery"), never the compounds of a phrase after it ("..., of Greater Manchester Police")."""
    doc, start = subject.doc, subject.i
    while start > 0 and (
        doc[start - 1].dep_ in ("compound", "flat") or doc[start - 1].is_space or _joins(doc, start)
    ):
        start -= 1
    while doc[start].is_space:
        start += 1
    return " ".join(doc[start : hyphen_tail(doc, subject.i + 1)].text.split())


def _joins(doc: Doc, start: int) -> bool:
    """True when a hyphen with no space either side comes before token `start` ("Hale-Munro")."""
    return start > 1 and hyphen_at(doc, start - 1)


def first_name_alone(word: str, full_names: list[str]) -> str | None:
    """'James said' after 'James Okafor and his wife': the one full name a known first name
    opens, when no one's surname is that word."""
    if " " in word or first_name_gender(word, lone=True) is None:
        return None
    if any(n.split()[-1] == word for n in full_names):
        return None
    opened = {n for n in full_names if n.split()[0] == word}
    if len(opened) != 1:
        return None
    name = opened.pop()
    last = name.split()[-1].lower()
    return None if last in ROLE_WORDS | ONE_PERSON_WORDS else name  # never "Clinton Pollster"


def particled_surname(bare: str, full_names: list[str]) -> str | None:
    """The one full name holding a surname written with its particle ("del Río" in "Beatriz
    del Río Montaño", "Te Rangi" in "Hamish Te Rangi"), which need not end it."""
    words = bare.lower().split()  # "Van Dyke" opening a sentence is Pieter van Dyke's
    if len(words) < 2 or not any(w in SURNAME_PARTICLES for w in words):
        return None
    found = {
        n
        for n in full_names
        if any(n.lower().split()[k : k + len(words)] == words for k in range(1, len(n.split())))
    }
    return found.pop() if len(found) == 1 else None


def person_shaped(name: str) -> bool:
    """True for a confident first name (or initials) and a surname, after any title: "Helena
    Marsh", "Cllr Peter Holt", "Ines Varga-Holloway", "P.S. Murugavel", "Lucía de la Vega Orozco";
    never an organisation's shape or a possessive ("Fox News' Sean Hannity")."""
    bare = split_role(name)[0]
    words = [w for w in bare.split() if w not in NAME_PARTICLES]
    return (
        not org_shaped(bare)  # "Harvard University Institute of Politics"
        and 2 <= len(words) <= 4
        and all(
            w[:1].isupper() and NAME_MARKS.sub("", w).isalpha() and w[-1] not in "'\u2019"
            for w in words
        )
        and (first_name_gender(bare) is not None or INITIALS.fullmatch(words[0]) is not None)
    )


def fullest_name(name: str, full_names: list[str], subject_names: list[str]) -> str:
    """The article's fullest form of a person's name ('Zelensky' -> 'Volodymyr Zelensky'), from
    its full names and those standing as a subject."""
    bare, _ = split_role(name)
    # "Jung" is Jung Hye-rim, never the end of Choi Min-jung's given name
    names = [n for n in full_names if not _given_name_tail(bare, n)]
    titled = _title_gender(name)
    if titled is not None and " " not in bare:
        # "Mrs Agyeman" is Grace, not Stephen Agyeman; "Mr Ward" never Janet Ward alone
        names = [n for n in names if first_name_gender(n) in (None, titled)]
    known = match_known_speaker(bare, names) or knighted(name, full_names)
    if known:
        return known
    within = particled_surname(bare, full_names)
    if within is not None:
        return within
    family_first = " " not in bare and bare in {
        n.split()[0] for n in full_names if given_name_shaped(n)
    }
    found = surname_first(bare, full_names if family_first else subject_names)
    return found if found != bare else first_name_alone(bare, full_names) or bare


def _title_gender(name: str) -> str | None:
    """The gender a courtesy title before a name gives ("Mrs Agyeman"), else None."""
    first = name.split()[0].lower().rstrip(".") if " " in name.strip() else ""
    if first in MALE_TITLES:
        return "m"
    return "f" if first in FEMALE_TITLES else None


def _given_name_tail(word: str, name: str) -> bool:
    """True for a word that is only the end of a hyphenated given name ("jung" of "Choi
    Min-jung"): a family name is written first."""
    return given_name_shaped(name) and name.split()[1].split("-")[-1].lower() == word.lower()


def family_first_names(full_names: list[str]) -> set[str]:
    """Family names of names written family name first ("Choi" of "Choi Yoon-ah"): such a name
    is unmistakable wherever the article gives it, subject or not."""
    return {n.split()[0] for n in full_names if given_name_shaped(n)}


def described_person(ent: Span) -> bool:
    """True for two or three capitalised words set beside a word only a person is ("The
    22-year-old, Harshit Deshpande", "his spokesperson, Lerato Dlamini"), whatever their tag."""
    head = ent.root.head
    if ent.root.dep_ != "appos" or not 2 <= len(ent) <= 3 or not all(t.is_title for t in ent):
        return False
    if org_shaped(ent.text):
        return False
    return bool(AGE.fullmatch(head.text)) or head.lemma_.lower() in PERSON_HEADS


def shared_surname(word: str, full_names: list[str]) -> bool:
    """True for a surname two full names share ("Fairbanks" of Dennis and Carol Fairbanks): one
    of a family, which is a person whichever the tagger says, and whom we do not guess."""
    return sum(n.split()[-1] == word for n in full_names) > 1


# Word classes no surname is tagged with, however it is capitalised ("In", "The").
FUNCTION_TAGS = frozenset("ADP DET PRON CCONJ SCONJ AUX PART ADV NUM PUNCT INTJ".split())


def surname_of_one(token: Token, full_names: list[str]) -> str | None:
    """The one full name whose surname a capitalised word is, written exactly so."""
    function = token.pos_ in FUNCTION_TAGS and (token.pos_ != "ADV" or token.is_stop)
    if not token.text[:1].isupper() or function:  # "In an essay" under "... Murdoch In"
        return None  # (not a surname read as an adverb: "Tolliver told analysts")
    found = {n for n in full_names if n.split()[-1] == token.text}
    return found.pop() if len(found) == 1 else None


def one_of_family(found: str | None, gender: str, full_names: list[str]) -> str | None:
    """The one of a family a he or she means ("Pritchard", she: Gwen, not Huw Pritchard), when
    the pronoun's gender tells them apart; else what was found."""
    if found is None or not shared_surname(found, full_names):
        return found
    kin = [n for n in full_names if n.split()[-1] == found and first_name_gender(n) == gender]
    if len({n.split()[0] for n in kin}) == 1:  # "Hillary Clinton", "Hillary Rodham Clinton"
        return max(kin, key=len)
    return found


def kin_of(known: str, surname: Token) -> bool:
    """True when the untagged name a surname ends has a first name of the other gender than the
    known name it matches ("Gwen Pritchard" beside "Huw Pritchard"): two people of one family."""
    run = split_role(name_run(surname))[0]  # "Elder Agnes Bear": Agnes
    mine, theirs = first_name_gender(run), first_name_gender(known)
    return mine is not None and theirs is not None and mine != theirs
