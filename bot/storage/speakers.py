"""Speakers at write time: every extracted name once, grouped deterministically into speakers.

A speaker is a group of names ("Oskar Vilde", "Vilde", "Vildee"). The grouping is a function of
the set of names alone: names are taken fullest first (then alphabetically), each joining the
group whose canonical name the name matcher (bot/nlp/names.py) reaches, or starting its own, so
the canonical name is the group's fullest. When a new name arrives, its neighbourhood (names with
a close surname, and the names grouped with those) is grouped again and quotes follow their
names; so the same articles give the same speakers in any order. All of it runs inside the
store's write transaction, under the write lock (bot/storage/engine.py): no two writers can split
a speaker, and inserts still tolerate a twin (ON CONFLICT DO NOTHING, then re-read).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.nlp.names import PRONOUNS, match_known_speaker, name_key
from bot.storage.models import AliasRow, NameRow, QuoteRow, SpeakerRow
from bot.storage.name_cache import NameCache, person_words, surname_of

PERSON = "PERSON"
MAX_HOPS = 4  # neighbourhood: close surnames, their groups' names, and so on, this many times
CHUNK = 500  # names per IN (...)
RECOUNT = (
    "UPDATE speakers SET quote_count = (SELECT count(*) {mine}), "
    "article_count = (SELECT count(DISTINCT article_id) {mine}), "
    "compound_sum = coalesce((SELECT sum(compound) {mine}), 0) WHERE id = :id"
).format(mine="FROM quotes WHERE speaker_id = speakers.id")


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


def group(names: dict[str, str]) -> dict[str, list[str]]:
    """Canonical name -> its names, for {name: kind}; depends only on the names given.

    People's names are matched by the name matcher (surnames, initials, small typos); any other
    kind of source (an organisation, a group) joins only a name with the same key, so "Northmark
    Football Association" never takes in "Northmark Patients' Association".
    """
    groups: dict[str, list[str]] = {}
    people: list[str] = []
    by_key: dict[str, str] = {}
    for name in sorted(names, key=_fullest_first):
        if names[name] == PERSON:
            match = match_known_speaker(name, people)
            if match is None:
                people.append(name)
        else:
            match = by_key.setdefault(f"{names[name]}:{name_key(name)}", name)
        groups.setdefault(match or name, []).append(name)
    return groups


def _fullest_first(name: str) -> tuple[int, int, str, str]:
    """More words first, then longer ones (a first name before its initial), then alphabetical."""
    key = name_key(name)
    return (-person_words(name), -len(key), key, name)


def resolve(
    conn: Connection, cache: NameCache, wanted: dict[str, str]
) -> tuple[dict[str, tuple[int, int]], set[int]]:
    """name -> (name id, speaker id) for an article's names {name: kind}; and regrouped speakers."""
    cache.refresh(conn)
    new = sorted(set(wanted) - set(_names(conn, wanted)))
    regrouped: set[int] = set()
    if new:
        for name in new:
            insert_ignoring_twins(conn, NameRow, name=name, kind=wanted[name], speaker_id=None)
            cache.add(name)
        regrouped = regroup(conn, cache, new)
    found = {}
    for name, (name_id, speaker_id, _kind) in _names(conn, wanted).items():
        assert speaker_id is not None  # every name is grouped as soon as it is stored
        found[name] = (name_id, speaker_id)
    return found, regrouped


def regroup(conn: Connection, cache: NameCache, seeds: list[str]) -> set[int]:
    """Group the seeds' neighbourhood again; the ids of the speakers whose names changed."""
    rows = _neighbourhood(conn, cache, seeds)
    current = {name: speaker_id for name, (_id, speaker_id, _kind) in rows.items()}
    groups = group({name: kind for name, (_i, _s, kind) in rows.items()})
    used: dict[str, int] = {}
    for canonical, members in sorted(groups.items()):
        used[canonical] = _speaker_for(conn, canonical, members, current, set(used.values()))
    unused = {s for s in current.values() if s is not None} - set(used.values())
    heirs = _heirs(conn, unused, groups, used)
    changed = _rename(conn, used, kinds={name: kind for name, (_i, _s, kind) in rows.items()})
    for canonical, members in groups.items():
        moved = [m for m in members if current[m] != used[canonical]]
        _move(conn, [rows[m][0] for m in moved], used[canonical])
        if moved:
            changed |= {used[canonical]} | {s for m in moved if (s := current[m]) is not None}
    _drop_unused(conn, heirs)
    changed &= set(used.values())
    for speaker_id in sorted(changed):
        _rebuild_aliases(conn, speaker_id)
    return changed  # their counts are recounted; the others' are added to as usual


def recount(conn: Connection, speaker_ids: Iterable[int]) -> None:
    for speaker_id in sorted(speaker_ids):
        conn.execute(text(RECOUNT), {"id": speaker_id})


def add_alias(conn: Connection, speaker_id: int, canonical: str, alias: str) -> None:
    key = name_key(alias)
    if not key or key in PRONOUNS or alias == canonical:
        return
    insert_ignoring_twins(conn, AliasRow, speaker_id=speaker_id, alias=alias, key=key)


def _names(conn: Connection, names: Iterable[str]) -> dict[str, tuple[int, int | None, str]]:
    found: dict[str, tuple[int, int | None, str]] = {}
    ordered = sorted(set(names))
    for start in range(0, len(ordered), CHUNK):
        stmt = select(NameRow.id, NameRow.name, NameRow.speaker_id, NameRow.kind).where(
            NameRow.name.in_(ordered[start : start + CHUNK])
        )
        for name_id, name, speaker_id, kind in conn.execute(stmt):
            found[name] = (name_id, speaker_id, kind)
    return found


def _neighbourhood(
    conn: Connection, cache: NameCache, seeds: list[str]
) -> dict[str, tuple[int, int | None, str]]:
    """The seeds, names with a close surname, the names grouped with those, and so on."""
    rows: dict[str, tuple[int, int | None, str]] = {}
    expanded: set[str] = set()
    frontier = set(seeds)
    for _hop in range(MAX_HOPS):
        expanded |= frontier
        near = set().union(*(cache.near(surname_of(n)) for n in frontier)) | frontier
        found = _names(conn, near - set(rows))
        speakers = {s for _i, s, _k in found.values() if s is not None}
        mates = set(conn.scalars(select(NameRow.name).where(NameRow.speaker_id.in_(speakers))))
        found.update(_names(conn, mates - set(found) - set(rows)))
        rows.update(found)
        frontier = set(rows) - expanded
        if not frontier:
            break
    return rows


def _speaker_for(
    conn: Connection,
    canonical: str,
    members: list[str],
    current: dict[str, int | None],
    taken: set[int],
) -> int:
    """The speaker row a group keeps: the one named so, else the one most of it is in, else new."""
    holders = Counter(s for m in members if (s := current[m]) is not None and s not in taken)
    named = conn.scalar(select(SpeakerRow.id).where(SpeakerRow.name == canonical))
    if named is not None and named in holders:
        return named
    if holders:
        return min(holders, key=lambda s: (-holders[s], s))
    return _new_speaker(conn, canonical)


def _new_speaker(conn: Connection, canonical: str) -> int:
    placeholder = f"\x01new:{canonical}"
    new_id = insert_ignoring_twins(
        conn,
        SpeakerRow,
        name=placeholder,
        key=name_key(canonical),
        kind="PERSON",
        quote_count=0,
        article_count=0,
        compound_sum=0.0,
    )
    assert new_id is not None
    return new_id


def _rename(conn: Connection, used: dict[str, int], kinds: dict[str, str]) -> set[int]:
    """Give each kept speaker its group's canonical name (via placeholders: names are unique)."""
    changing = {
        canonical: speaker_id
        for canonical, speaker_id in used.items()
        if conn.scalar(select(SpeakerRow.name).where(SpeakerRow.id == speaker_id)) != canonical
    }
    for speaker_id in changing.values():
        conn.execute(
            update(SpeakerRow).where(SpeakerRow.id == speaker_id).values(name=f"\x01{speaker_id}")
        )
    for canonical, speaker_id in changing.items():
        holder = conn.scalar(select(SpeakerRow.id).where(SpeakerRow.name == canonical))
        if holder is not None:  # a speaker outside the group had the name: it gives it up
            conn.execute(
                update(SpeakerRow).where(SpeakerRow.id == holder).values(name=f"\x01{holder}")
            )
        conn.execute(
            update(SpeakerRow)
            .where(SpeakerRow.id == speaker_id)
            .values(name=canonical, key=name_key(canonical), kind=kinds.get(canonical, "PERSON"))
        )
    return set(changing.values())


def _move(conn: Connection, name_ids: list[int], speaker_id: int) -> None:
    for start in range(0, len(name_ids), CHUNK):
        chunk = name_ids[start : start + CHUNK]
        conn.execute(update(NameRow).where(NameRow.id.in_(chunk)).values(speaker_id=speaker_id))
        conn.execute(
            update(QuoteRow).where(QuoteRow.name_id.in_(chunk)).values(speaker_id=speaker_id)
        )


def _heirs(
    conn: Connection, unused: set[int], groups: dict[str, list[str]], used: dict[str, int]
) -> dict[int, int | None]:
    """For each speaker left without names, the speaker its own name now belongs to."""
    group_of = {member: canonical for canonical, members in groups.items() for member in members}
    heirs: dict[int, int | None] = {}
    for speaker_id in sorted(unused):
        name = conn.scalar(select(SpeakerRow.name).where(SpeakerRow.id == speaker_id))
        canonical = group_of.get(name or "")
        heirs[speaker_id] = used[canonical] if canonical else None
    return heirs


def _drop_unused(conn: Connection, heirs: dict[int, int | None]) -> None:
    """Speakers whose names all went elsewhere: their follows follow the names, then they go."""
    for speaker_id, heir in sorted(heirs.items()):
        left = conn.scalar(
            select(QuoteRow.speaker_id).where(QuoteRow.speaker_id == speaker_id).limit(1)
        )
        if left is not None:
            continue  # quotes from before names were kept still point here: keep it
        if heir is not None:
            conn.execute(
                text(
                    "UPDATE follows SET speaker_id = :heir WHERE speaker_id = :old AND NOT EXISTS "
                    "(SELECT 1 FROM follows f WHERE f.platform = follows.platform AND "
                    "f.channel_id = follows.channel_id AND f.speaker_id = :heir)"
                ),
                {"heir": heir, "old": speaker_id},
            )
        conn.execute(delete(AliasRow).where(AliasRow.speaker_id == speaker_id))
        conn.execute(text("DELETE FROM follows WHERE speaker_id = :old"), {"old": speaker_id})
        conn.execute(delete(SpeakerRow).where(SpeakerRow.id == speaker_id))


def _rebuild_aliases(conn: Connection, speaker_id: int) -> None:
    """A speaker's aliases: its other names and every way its quotes wrote them."""
    canonical = conn.scalar(select(SpeakerRow.name).where(SpeakerRow.id == speaker_id)) or ""
    conn.execute(delete(AliasRow).where(AliasRow.speaker_id == speaker_id))
    names = set(conn.scalars(select(NameRow.name).where(NameRow.speaker_id == speaker_id)))
    written = conn.scalars(
        select(QuoteRow.speaker_as_written).where(QuoteRow.speaker_id == speaker_id).distinct()
    )
    for alias in sorted(names | set(written)):
        add_alias(conn, speaker_id, canonical, alias)
