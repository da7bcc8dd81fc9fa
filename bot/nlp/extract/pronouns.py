"""Whom a he or she stands for: the search back through an article's person mentions (the
Cast keeps them, in order, with the paragraph, place and gender of each)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from bot.nlp.extract.clauses import Mention

if TYPE_CHECKING:
    from bot.nlp.extract.coref import Cast

# How far back (in paragraphs) a pronoun may reach for its person; further back is a guess.
PRONOUN_REACH = 3
# A person named as an object is a he or she only from the same or the next paragraph.
OBJECT_REACH = 1


def nearest_person(
    cast: Cast,
    at: int,
    paragraph: int,
    gender: str | None,
    besides: frozenset[str] = frozenset(),
    reach: int = PRONOUN_REACH,
) -> str | None:
    """The latest main subject the pronoun can refer to (a he/she subject standing for its own
    antecedent); else the latest name in a lesser place. A subject of unknown gender holds unless
    its paragraph has one known to match, or a person spoken to of the right gender is named
    after it; a name leading the sentence just before holds even so ('Whitaker met Liu Wei. Liu
    has insisted ... He said': Liu)."""
    unsure: Mention | None = None
    lesser: str | None = None
    sure: Mention | None = None  # the lesser name, when its gender is known to match
    last_resort: str | None = None  # a person named as an object
    for k in range(bisect.bisect_left(cast.people_at, at) - 1, -1, -1):
        mention = cast.people[k]
        if paragraph - mention.paragraph > reach:
            break
        if unsure is not None and mention.paragraph != unsure.paragraph:
            break
        if mention.pronoun is not None:
            if mention.pronoun == gender and unsure is None:
                found = _pronoun_at(cast, k)
                if found is not None and found not in besides:
                    return found
            continue
        if mention.description is not None:
            head, words = mention.description
            described = cast.resolve_description(head, set(words), at=cast.people_at[k])
            if described is None:
                continue
            mention = Mention(described, mention.paragraph)
        if mention.canonical in besides:
            continue
        known = cast.genders.get(mention.canonical)
        matches = gender is None or known == gender
        if mention.object:
            near = paragraph - mention.paragraph <= OBJECT_REACH
            if last_resort is None and near and known == gender:
                last_resort = mention.canonical
            continue
        if mention.main and matches:
            return mention.canonical
        if mention.main and known is None and unsure is None:
            if gender is not None and _just_before(cast, k, at, paragraph):
                return mention.canonical
            if last_resort is not None:
                return last_resort  # 'We spoke to Ann Roe ... She said' after a spokesperson
            if sure is not None and sure.paragraph > mention.paragraph:
                return sure.canonical  # 'when Roe attended ..., he' after a source further up
            unsure = mention
        elif lesser is None and (matches or known is None):
            lesser = mention.canonical
            sure = mention if gender is not None and matches else None
    if unsure is not None:
        return unsure.canonical
    return lesser if lesser is not None else last_resort


def _pronoun_at(cast: Cast, k: int) -> str | None:
    """Whom the he/she subject at row k stands for (worked out once, then kept)."""
    at, mention = cast.people_at[k], cast.people[k]
    if at not in cast.referents:
        cast.referents[at] = nearest_person(cast, at, mention.paragraph, mention.pronoun)
    return cast.referents[at]


def _just_before(cast: Cast, k: int, at: int, paragraph: int) -> bool:
    """True for a person's name at row k in the sentence just before the pronoun's, in its
    paragraph ('Liu has insisted ...')."""
    mention, place = cast.people[k], cast.people_at[k]
    starts = cast.sentence_starts
    before = starts[max(0, bisect.bisect_right(starts, at) - 2)]
    if mention.paragraph != paragraph or place < before:
        return False
    return _named(mention.canonical, cast.full_names)


def _named(canonical: str, full_names: list[str]) -> bool:
    """A person's name, not a speaker described ('one GOP source') or an untagged title
    ('Right Wing Watch first reported')."""
    one_word = len(canonical.split()) == 1 and canonical[:1].isupper()
    return one_word or canonical in full_names
