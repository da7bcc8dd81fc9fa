"""Speaker resolution at write time: an extracted name to its canonical speaker row.

Runs inside the store's write transaction, which holds the database's write lock (see
bot/storage/engine.py), so two processes cannot both create or split one speaker; inserts still
tolerate a twin (ON CONFLICT DO NOTHING, then re-read) so a lost race is never a traceback.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.nlp.names import PRONOUNS, SpeakerIndex, name_key
from bot.storage.models import AliasRow, SpeakerRow


def insert_ignoring_twins(conn: Connection, table: Any, **values: Any) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING in this dialect: the new id, or None when a twin won."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(table.id)
    new_id: int | None = conn.scalar(stmt)
    return new_id


def is_named(speaker: str) -> bool:
    """A speaker we can store: a name, never empty or a bare pronoun (that would misattribute)."""
    key = name_key(speaker or "")
    return bool(key) and key not in PRONOUNS


class SpeakerCache:
    """Known speakers by surname (SpeakerIndex), topped up with rows other processes added."""

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
        if match is not None and _speaker_id(conn, match) is None:
            match = self.refresh(conn, full=True).match(name)
        return match


def resolve(conn: Connection, cache: SpeakerCache, name: str, as_written: str, kind: str) -> int:
    """The id of the canonical speaker for `name`, creating or upgrading it; aliases recorded."""
    canonical = cache.match(conn, name) or name
    speaker_id = _speaker_id(conn, canonical)
    if speaker_id is None:
        insert_ignoring_twins(
            conn,
            SpeakerRow,
            name=canonical,
            key=name_key(canonical),
            kind=kind,
            quote_count=0,
            article_count=0,
            compound_sum=0.0,
        )
        speaker_id = _speaker_id(conn, canonical)
        assert speaker_id is not None
    elif _fuller(name, canonical) and _speaker_id(conn, name) is None:
        _rename(conn, cache, speaker_id, canonical, name)
        canonical = name
    cache.index.add(canonical)
    for alias in {name, as_written.strip()}:
        add_alias(conn, speaker_id, canonical, alias)
    return speaker_id


def add_alias(conn: Connection, speaker_id: int, canonical: str, alias: str) -> None:
    key = name_key(alias)
    if not key or key in PRONOUNS or (alias == canonical and key == name_key(canonical)):
        return
    insert_ignoring_twins(conn, AliasRow, speaker_id=speaker_id, alias=alias, key=key)


def _rename(conn: Connection, cache: SpeakerCache, speaker_id: int, old: str, fuller: str) -> None:
    """'Zelensky' known, 'Volodymyr Zelensky' arrives: the fuller name wins, the old is an alias."""
    cache.index.remove(old)
    add_alias(conn, speaker_id, fuller, old)
    conn.execute(
        update(SpeakerRow)
        .where(SpeakerRow.id == speaker_id)
        .values(name=fuller, key=name_key(fuller))
    )


def _speaker_id(conn: Connection, name: str) -> int | None:
    found: int | None = conn.scalar(select(SpeakerRow.id).where(SpeakerRow.name == name))
    return found


def _fuller(name: str, canonical: str) -> bool:
    """True when `name` says more than the known name it matched (a first name added)."""
    return len(name.split()) > len(canonical.split())
