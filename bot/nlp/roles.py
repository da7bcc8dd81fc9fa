"""A name and the role written with it: 'ICRC spokesman Ewan Watson' is Ewan Watson, the ICRC's
spokesman; 'the Porthaven Port Authority' is an organisation's name, no one's."""

from __future__ import annotations

import functools
import re

from bot.nlp.first_names import first_name_gender
from bot.nlp.words import ORG_WORDS, ROLE_WORDS, TITLES

NAME_PARTICLES = frozenset(
    "de del della der di da van von bin bint al el la le du dos das ibn".split()
)
# Letters after a name: a seat or an honour, never part of the name (written in capitals).
POST_NOMINALS = frozenset("MP MS MSP MEP TD MLA MPP KC QC SC SAN OBE MBE CBE".split())
FORMER = frozenset("former then ex".split())  # "the former captain" is not the captain
QUALIFIERS = FORMER | frozenset("vice deputy acting assistant associate shadow".split())
# Offices in capitals before a name, as headlines write them ("AG Mukasey", "PM Modi").
OFFICE_INITIALS = frozenset("AG PM FM CM DA DPM".split())
DANGLING = frozenset("of the for at in on and a an to".split())
# A nickname in quote marks inside a name: 'Jake "Rooster" Colquhoun' is Jake Colquhoun.
NICKNAME = re.compile(
    r"(?<=\w) [\"\u201c\u2018'][^\"\u201d\u2019' ]{1,20}[\"\u201d\u2019'] (?=[A-Z])"
)
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=131072)  # pure, and called for every known name on every match
def split_role(name: str) -> tuple[str, str | None]:
    """Split 'ICRC spokesman Ewan Watson' into ('Ewan Watson', 'ICRC spokesman'); titles go."""
    text = NICKNAME.sub(" ", " ".join((name or "").split())).strip(" ,;:")
    words = text.split()
    if len(words) > 1 and words[-1] in DANGLING:  # 'Juan "Chico" Manriquez of' (Oakland)
        return split_role(" ".join(words[:-1]))
    if len(words) > 2 and words[-1] in POST_NOMINALS:  # "Dafydd Llewelyn MS", "Simon Okereke KC"
        return split_role(" ".join(words[:-1]))
    for separator in (", ", " of "):
        if separator in text:
            head, _, rest = text.partition(separator)
            person, role = split_role(head)
            if person and not role and _looks_like_name(person):
                return person, (rest if separator == ", " else f"of {rest}").strip(" ,") or None
    words = text.split()
    if org_shaped(text):
        return LEADING_ARTICLE.sub("", text), None  # "World Health Organization" keeps its name
    cut = _name_start(words)
    person = " ".join(
        w
        for i, w in enumerate(words[cut:], cut)
        if bare(w) not in TITLES or _middle_initial(words, i)
    )
    role = " ".join(w for w in words[:cut] if bare(w) not in TITLES) or None
    if not person or (role and bare(role.split()[-1]) in DANGLING):
        # a portfolio between title and name ("Minister of Public Utilities Marvin Roe") ends
        # where a known first name starts; else a description ("the head of the UN council")
        return _after_first_name(words) or (text, None)
    return person, role


def _after_first_name(words: list[str]) -> tuple[str, str] | None:
    for at in range(len(words) - 2, 0, -1):
        name = words[at:]
        titled = any(bare(w) in ROLE_WORDS for w in words[:at])  # never "the New York Times"
        capitalised = len(name) <= 3 and all(w[:1].isupper() for w in name)
        if titled and capitalised and first_name_gender(words[at], lone=True):
            return " ".join(name), " ".join(words[:at])
    return None


def org_shaped(name: str) -> bool:
    """True for an organisation's name ("the Porthaven Port Authority"): never a person's."""
    words = (name or "").split()
    if not (words and words[-1][:1].isupper() and bare(words[-1]) in ORG_WORDS):
        return False
    # "Jane Roe of the Port Authority" is a person of an organisation
    head = name.split(" of ", 1)[0].split()
    return not (
        len(head) in (2, 3) and head != words and first_name_gender(" ".join(head)) is not None
    )


def _name_start(words: list[str]) -> int:
    """Where the trailing name begins: capitalised words that are neither roles nor possessives."""
    cut = len(words)
    while cut > 0:
        word = words[cut - 1]
        plain = bare(word)
        capital = word[:1].isupper()
        particle = plain in NAME_PARTICLES and cut < len(words)
        role = plain in ROLE_WORDS or any(part in ROLE_WORDS for part in plain.split("-"))
        role = role or word in OFFICE_INITIALS
        if role or word.endswith(("'s", "\u2019s")) or not (capital or particle):
            break
        if plain in TITLES and not _middle_initial(words, cut - 1):
            break
        cut -= 1
    return cut


def _middle_initial(words: list[str], at: int) -> bool:
    """True for "M." in "Brian M. Good": an initial between two names, not the title "M."."""
    word = words[at]
    return (
        len(word) == 2
        and word.endswith(".")
        and 0 < at < len(words) - 1
        and words[at - 1][:1].isupper()
        and bare(words[at - 1]) not in TITLES | ROLE_WORDS
    )


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not words or any(bare(w) in ROLE_WORDS for w in words):
        return False
    return all(w[:1].isupper() or bare(w) in NAME_PARTICLES for w in words)


def bare(word: str) -> str:
    return word.strip(".,;:").casefold()


def holds_role(role: set[str], head: str, words: set[str]) -> bool:
    """True for an office's words that a description names ("the chief justice" of "Chief
    Justice"); "the president" is no vice president, "the minister" no former or deputy one."""
    return head in role and words <= role and not (QUALIFIERS & role - words)
