"""Speaker names: strip titles and roles, normalise, and match variants to known speakers."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from bot.nlp.roles import NAME_PARTICLES, bare, split_role
from bot.nlp.words import GENERIC_WORDS, TITLES
from bot.nlp.words import PRONOUNS as PRONOUNS  # re-exported: storage reads it here

# Fuzzy thresholds (rapidfuzz ratio, 0-100): a surname typo of one letter in 8 scores ~94.
SURNAME_FUZZ = 88
FIRST_NAME_FUZZ = 85
SUGGEST_POOL = 30
PAGE_REF = re.compile(r"(?i)(page|p\.|section|figure|table)\s+[A-Z]?\d+[A-Z]?")
# Words that point rather than name: "That said", "This is ...", "My father said".
DEICTIC = frozenset("my your our his her their this that these those".split())
WORD = re.compile(r"[\w'\u2019.-]+")


@functools.lru_cache(maxsize=131072)
def name_key(name: str) -> str:
    """A lookup key: casefolded, without diacritics, titles or punctuation."""
    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"['\u2019]s\b", "", plain)
    plain = re.sub(r"(?<=\w)['\u2019](?=\w)", "", plain)  # O'Brien is one word, not "o brien"
    words = re.sub(r"[^\w\s-]|_", " ", plain).replace("-", " ").split()
    return " ".join(w for w in words if w not in TITLES)


def is_generic(name: str) -> bool:
    """True for a phrase that names nobody ("my father", "someone", "director", "Page A8")."""
    words = (name or "").split()
    if not words:
        return True
    first = bare(words[0])
    if first in GENERIC_WORDS and (len(words) == 1 or words[0][:1].islower() or first in DEICTIC):
        return True
    return bool(PAGE_REF.fullmatch(" ".join(words)))


def person_shaped(name: str) -> bool:
    """True for a name written like a person's: every word capitalised or a particle."""
    words = split_role(name)[0].split()
    return bool(words) and all(w[:1].isupper() or bare(w) in NAME_PARTICLES for w in words)


def match_known_speaker(name: str, known: Sequence[str]) -> str | None:
    """The known canonical name `name` refers to, or None when there is none or it is ambiguous.

    Beyond an exact match only names of a person's shape are matched loosely: a lowercase common
    noun ("researchers") is never a misspelt surname ("Searchers").
    """
    words = name_key(split_role(name)[0]).split()
    if not words:
        return None
    keyed = [(k, name_key(split_role(k)[0]).split()) for k in known]
    keyed = [(k, w) for k, w in keyed if w]
    exact = [k for k, w in keyed if w == words]
    if exact:
        return exact[0]
    loose = person_shaped(name)  # typed lowercase in chat: still an exact surname, never a fuzz
    keyed = [(k, w) for k, w in keyed if person_shaped(k)]
    if len(words) > 1 and len(name.split()) == 1:  # "Rees-Mogg": a double-barrelled surname
        return _unique_by_key([(k, w) for k, w in keyed if w[-len(words) :] == words])
    if len(words) == 1:
        return _match_surname(words[0], keyed, loose=loose)
    return _match_full_name(words, keyed, loose=loose)


class SpeakerIndex:
    """Known speakers keyed by surname, so a match looks at a handful of candidates, not all.

    Every rule of `match_known_speaker` needs the surnames to be equal or within SURNAME_FUZZ, so
    handing it only those candidates gives the same answer at any archive size.
    """

    def __init__(self, names: Iterable[str] = ()):
        self._by_surname: dict[str, set[str]] = {}
        self._by_length: dict[
            int, list[str]
        ] = {}  # surnames by length: a close one is of a close length
        self._keys: dict[str, str] = {}
        self._listed: tuple[list[str], list[str]] | None = (
            None  # (names, keys), rebuilt after a change
        )
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        words = name_key(split_role(name)[0]).split()
        if words and name not in self._keys:
            self._keys[name] = " ".join(words)
            self._listed = None
            surname = words[-1]
            if surname not in self._by_surname:
                self._by_length.setdefault(len(surname), []).append(surname)
            self._by_surname.setdefault(surname, set()).add(name)

    def remove(self, name: str) -> None:
        key = self._keys.pop(name, None)
        self._listed = None
        if key:
            self._by_surname.get(key.split()[-1], set()).discard(
                name
            )  # an empty bucket stays: harmless

    def names(self) -> list[str]:
        return list(self._keys)

    def match(self, name: str) -> str | None:
        """The known speaker `name` refers to (see match_known_speaker), or None."""
        words = name_key(split_role(name)[0]).split()
        if not words:
            return None
        return match_known_speaker(name, sorted(self._candidates(words[-1])))

    def suggest(self, name: str, *, limit: int = 3) -> tuple[str, ...]:
        """The closest known names, for "did you mean"."""
        key = name_key(name)
        if self._listed is None:
            self._listed = (list(self._keys), list(self._keys.values()))
        names, keys = self._listed
        # A cheap ratio narrows tens of thousands of names to a few dozen; WRatio then ranks those.
        rough = process.extract(key, keys, scorer=fuzz.ratio, processor=None, limit=SUGGEST_POOL)
        pool = [names[index] for _key, _score, index in rough]
        hits = process.extract(
            key,
            [self._keys[n] for n in pool],
            scorer=fuzz.WRatio,
            processor=None,
            limit=limit,
            score_cutoff=50,
        )
        return tuple(pool[index] for _key, _score, index in hits)

    def _candidates(self, surname: str) -> set[str]:
        exact = self._by_surname.get(surname)
        if exact:
            return set(exact)  # match_known_speaker looks no further than an exact surname
        found: set[str] = set()
        for length in range(int(len(surname) * 0.75), int(len(surname) / 0.75) + 1):
            close = process.extract(
                surname,
                self._by_length.get(length, ()),
                scorer=fuzz.ratio,
                processor=None,
                limit=None,
                score_cutoff=SURNAME_FUZZ,
            )
            for other, _score, _index in close:
                found |= self._by_surname[other]
        return found


def _match_surname(surname: str, keyed: list[tuple[str, list[str]]], *, loose: bool) -> str | None:
    matching = [(k, w) for k, w in keyed if w[-1] == surname]
    whole = [(k, w) for k, w in matching if name_key(k.split()[-1]) == surname]
    # "Grant" is Kemar Grant rather than Marcia Levy-Grant: a whole surname before half of one
    same = _unique_by_key(whole if whole and len(whole) < len(matching) else matching)
    if same is not None or _count_by_key(keyed, lambda w: w[-1] == surname) > 1 or not loose:
        return same
    close = [
        (k, w) for k, w in keyed if fuzz.ratio(w[-1], surname) >= SURNAME_FUZZ and len(surname) > 4
    ]
    return _unique_by_key(close)


def _match_full_name(
    words: list[str], keyed: list[tuple[str, list[str]]], *, loose: bool
) -> str | None:
    first, last = words[0], words[-1]
    same_last = [(k, w) for k, w in keyed if w[-1] == last]
    if same_last or not loose:
        fitting = [
            (k, w)
            for k, w in same_last
            if len(w) == 1 or _first_names_fit(first, w[0]) or _initials_before(words, w)
        ]
        return _unique_by_key(fitting)  # same surname, other first name: another person
    close = [
        (k, w)
        for k, w in keyed
        if len(w) > 1 and fuzz.ratio(w[-1], last) >= SURNAME_FUZZ and _first_names_fit(first, w[0])
    ]
    return _unique_by_key(close)


def _initials_before(words: list[str], known: list[str]) -> bool:
    """'Lakshmi Devi' for 'S. Lakshmi Devi': the same name after the known one's initials."""
    extra = len(known) - len(words)
    return extra > 0 and known[extra:] == words and all(len(w) == 1 for w in known[:extra])


def _first_names_fit(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]  # an initial
    return fuzz.ratio(a, b) >= FIRST_NAME_FUZZ


def _unique_by_key(rows: list[tuple[str, list[str]]]) -> str | None:
    by_key: dict[str, str] = {}
    for known, words in rows:
        by_key.setdefault(" ".join(words), known)
    if len(by_key) == 1:
        return next(iter(by_key.values()))
    if len(by_key) > 1 and _all_variants_of_one(list(by_key)):
        return by_key[max(by_key, key=lambda k: len(k.split()))]
    return None


def _all_variants_of_one(keys: list[str]) -> bool:
    """'zelensky' and 'volodymyr zelensky' are one person; 'jane smith' and 'john smith' are not."""
    full = [k.split() for k in keys if len(k.split()) > 1]
    return len(full) <= 1 or all(_first_names_fit(full[0][0], f[0]) for f in full[1:])


def _count_by_key(keyed: Iterable[tuple[str, list[str]]], test: Callable[[list[str]], bool]) -> int:
    return len({" ".join(w) for _, w in keyed if test(w)})
