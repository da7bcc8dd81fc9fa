"""First-name gender: "Hillary" is a she and "Donald" a he, for the pronouns that follow them.

The lists in `bot/nlp/data/` come from nomquamgender's name table (MIT; see `data/FIRST_NAMES.md`),
cut by `python -m bench.first_names` to names that are confidently one gender. A name in neither
list ("Jordan", "Leslie", or one the table does not know) has no gender here.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources
from typing import Literal

Gender = Literal["m", "f"]
LISTS: dict[Gender, str] = {"f": "female_first_names.txt", "m": "male_first_names.txt"}


def first_name_gender(name: str, *, lone: bool = False) -> Gender | None:
    """The gender the first word of a person's name points to, or None when it is unsure.

    A lone word is a surname more often than a first name ("Grant", "May"), so it is looked up
    only when asked (`lone=True`: "is this word a known first name?")."""
    words = name.split()
    if not words or (len(words) < 2 and not lone):
        return None
    return _table().get(_plain(words[0]))


@functools.cache
def _table() -> dict[str, Gender]:
    table: dict[str, Gender] = {}
    folder = resources.files("bot.nlp") / "data"
    for gender, filename in LISTS.items():
        for line in (folder / filename).read_text(encoding="utf-8").splitlines():
            table[line] = gender
    return table


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip(".")


def full_name_shaped(name: str, *, most: int = 4) -> bool:
    """True for two to `most` capitalised words opening with a known first name ("Ana Ruiz",
    "Christina N Luis Olidem"): a person's name even where the NER model tagged none."""
    words = name.split()
    return (
        2 <= len(words) <= most
        and all(w[:1].isupper() for w in words)
        and first_name_gender(name) is not None
    )
