"""Who is who in the store: canonical speakers, their aliases, and typed names matched to them.

A speaker is stored once under the fullest name seen ('Volodymyr Zelensky' replaces 'Zelensky',
which becomes an alias); the surname index is built once and topped up with speakers other
processes added, so matching a typed name never scans the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.nlp.names import PRONOUNS, SpeakerIndex, name_key
from bot.storage.models import AliasRow, SpeakerRow


@dataclass(frozen=True)
class SpeakerMatch:
    """The speaker a typed name reaches, or the closest known names."""

    name: str | None
    suggestions: tuple[str, ...] = ()


class Speakers:
    """Canonical speakers over one database: find them by any name, create or upgrade them."""

    def __init__(self, session: sessionmaker[Session]) -> None:
        self.session = session
        self._index: SpeakerIndex | None = None  # known speakers by surname, for matching names
        self._last_id = 0

    def find(self, name: str) -> SpeakerMatch:
        """Resolve a typed name (any case, alias, surname, small typo) to a canonical speaker."""
        key = name_key(name)
        if not key:
            return SpeakerMatch(None)
        with self.session() as s:
            hit = s.scalar(select(SpeakerRow.name).where(SpeakerRow.key == key))
            hit = hit or s.scalar(
                select(SpeakerRow.name).join(AliasRow).where(AliasRow.key == key).limit(1)
            )
        if hit:
            return SpeakerMatch(hit)
        index = self.index()
        match = index.match(name)
        if match and not self._exists(match):  # renamed by another process since the index
            self._index = None
            index = self.index()
            match = index.match(name)
        return SpeakerMatch(match) if match else SpeakerMatch(None, tuple(index.suggest(name)))

    def index(self) -> SpeakerIndex:
        """Known speakers by surname, built once and topped up with other processes' speakers."""
        with self.session() as s:
            if self._index is None:
                self._index, self._last_id = SpeakerIndex(), 0
            rows = s.execute(
                select(SpeakerRow.id, SpeakerRow.name)
                .where(SpeakerRow.id > self._last_id)
                .order_by(SpeakerRow.id)
            ).all()
        for speaker_id, name in rows:
            self._index.add(name)
            self._last_id = speaker_id
        return self._index

    def row_for(self, s: Session, quote: Any) -> SpeakerRow:
        """The canonical speaker row for an extracted quote, creating or upgrading it."""
        name = quote.speaker.strip()
        index = self.index()
        canonical = index.match(name) or name
        row = s.scalar(select(SpeakerRow).where(SpeakerRow.name == canonical))
        if row is None:
            row = SpeakerRow(name=canonical, key=name_key(canonical), kind=quote.speaker_type)
            s.add(row)
            s.flush()
        elif _fuller(name, canonical):
            row = self._rename(s, row, name)
        index.add(row.name)
        for alias in {name, quote.speaker_as_written.strip()}:
            _add_alias(s, row, alias)
        return row

    def _exists(self, name: str) -> bool:
        with self.session() as s:
            return s.scalar(select(SpeakerRow.id).where(SpeakerRow.name == name)) is not None

    def _rename(self, s: Session, row: SpeakerRow, fuller: str) -> SpeakerRow:
        """'Zelensky' was known; 'Volodymyr Zelensky' arrives: the fuller name, the old an alias."""
        if s.scalar(select(SpeakerRow.id).where(SpeakerRow.name == fuller)) is not None:
            return row
        self.index().remove(row.name)
        _add_alias(s, row, row.name)
        row.name, row.key = fuller, name_key(fuller)
        s.flush()
        return row


def named(speaker: str) -> bool:
    """A speaker we can store: a name, never empty or a bare pronoun (that would misattribute)."""
    key = name_key(speaker or "")
    return bool(key) and key not in PRONOUNS


def _add_alias(s: Session, row: SpeakerRow, alias: str) -> None:
    key = name_key(alias)
    if not key or key in PRONOUNS or alias == row.name and key == row.key:
        return
    exists = s.scalar(
        select(AliasRow.id).where(AliasRow.speaker_id == row.id, AliasRow.alias == alias)
    )
    if exists is None:
        s.add(AliasRow(speaker_id=row.id, alias=alias, key=key))


def _fuller(name: str, canonical: str) -> bool:
    """True when `name` says more than the known name it matched (a first name added)."""
    return len(name.split()) > len(canonical.split())
