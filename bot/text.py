"""Small words for people: counts with their nouns, sizes in bytes, an error's first line."""

from __future__ import annotations


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 quote', '3 quotes'; give `words` for an irregular plural ('1 speech', '2 speeches')."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def format_bytes(size: int) -> str:
    """A size in decimal megabytes or kilobytes: '52.4 MB', '5 MB', '800 kB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f}".removesuffix(".0") + " kB"
    return f"{size} bytes"


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message ('' when it has none)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else ""
