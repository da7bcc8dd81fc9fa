"""In-process caches over the stored names, kept complete by topping up by id.

`NameCache`: every extracted name by surname, for finding a new name's neighbours at write time
(names are never renamed or deleted, so rows with a larger id are all that can be new).
`SpeakerCache`: canonical speakers by surname (SpeakerIndex), for matching what a user types.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, select

from bot.nlp.names import SURNAME_FUZZ, SpeakerIndex, name_key
from bot.nlp.roles import split_role
from bot.storage.models import NameRow, SpeakerRow

LENGTH_SLACK = 0.75  # a surname within SURNAME_FUZZ is within this ratio of the length


def surname_of(name: str) -> str:
    """The last word of the name's person part, as a key ('Dr Oskar Vilde' -> 'vilde')."""
    words = name_key(split_role(name)[0]).split() or name_key(name).split()
    return words[-1] if words else name.casefold()


def person_words(name: str) -> int:
    return len(name_key(split_role(name)[0]).split())


class NameCache:
    """Stored names by surname, and surnames by length (a close one is of a close length)."""

    def __init__(self) -> None:
        self.by_surname: dict[str, set[str]] = {}
        self.by_length: dict[int, list[str]] = {}
        self.last_id = 0

    def refresh(self, conn: Connection) -> None:
        rows = conn.execute(
            select(NameRow.id, NameRow.name).where(NameRow.id > self.last_id).order_by(NameRow.id)
        ).all()
        for name_id, name in rows:
            self.add(name)
            self.last_id = name_id

    def add(self, name: str) -> None:
        surname = surname_of(name)
        if surname not in self.by_surname:
            self.by_length.setdefault(len(surname), []).append(surname)
        self.by_surname.setdefault(surname, set()).add(name)

    def near(self, surname: str) -> set[str]:
        """Names whose surname is this one or within the name matcher's fuzzy distance."""
        found = set(self.by_surname.get(surname, ()))
        low, high = int(len(surname) * LENGTH_SLACK), int(len(surname) / LENGTH_SLACK) + 1
        for length in range(low, high + 1):
            close = process.extract(
                surname,
                self.by_length.get(length, ()),
                scorer=fuzz.ratio,
                processor=None,
                limit=None,
                score_cutoff=SURNAME_FUZZ,
            )
            for other, _score, _index in close:
                found |= self.by_surname[other]
        return found


class SpeakerCache:
    """Canonical speakers by surname (SpeakerIndex), rebuilt when another process renamed one."""

    def __init__(self) -> None:
        self.index = SpeakerIndex()
        self.last_id = 0

    def refresh(self, conn: Connection, *, full: bool = False) -> SpeakerIndex:
        if full:
            self.index, self.last_id = SpeakerIndex(), 0
        rows = conn.execute(
            select(SpeakerRow.id, SpeakerRow.name)
            .where(SpeakerRow.id > self.last_id)
            .order_by(SpeakerRow.id)
        ).all()
        for speaker_id, name in rows:
            self.index.add(name)
            self.last_id = speaker_id
        return self.index

    def match(self, conn: Connection, name: str) -> str | None:
        """The known speaker `name` reaches; a stale cache (renamed elsewhere) is rebuilt once."""
        match = self.refresh(conn).match(name)
        exists = select(SpeakerRow.id).where(SpeakerRow.name == match)
        if match is not None and conn.scalar(exists) is None:
            match = self.refresh(conn, full=True).match(name)
        return match
