"""Bytes to text: size caps, binary and empty checks, decoding, and what kind of content it is."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from bot.errors import UserError
from bot.text import format_bytes

HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
MAX_CONTROL_RATIO = 0.05
# Latin-1 text is mostly ASCII; a "decoded" file of mostly accented letters is another encoding.
MAX_NON_ASCII_RATIO = 0.3
FEED_STARTS = (b"<rss", b"<feed", b"<rdf:rdf")
HTML_STARTS = (b"<!doctype html", b"<html")

ContentKind = Literal["feed", "html", "text"]


class RejectedSource(UserError):
    """Raised while loading one source; `reason` becomes `Rejected.reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def content_kind(data: bytes, *, suffix: str = "", content_type: str = "") -> ContentKind:
    """'feed', 'html' or 'text', from the content type, the file suffix and the first bytes."""
    head = _first_tag(data)
    content_type = content_type.lower()
    if head.startswith(FEED_STARTS) or any(w in content_type for w in ("rss", "atom")):
        return "feed"
    if head.startswith(HTML_STARTS) or "html" in content_type or suffix in HTML_SUFFIXES:
        return "html"
    if "xml" in content_type or suffix in FEED_SUFFIXES:
        return "feed"
    return "text"


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes; returns the text and a note when it was not clean UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return text, (
            "not clean UTF-16: undecodable bytes replaced with \ufffd" if "\ufffd" in text else None
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    bad = loose.count("\ufffd")
    if sum(ch > "\x7f" for ch in loose) - bad > bad:
        # Mostly valid multi-byte UTF-8, a few stray bytes: Latin-1 would garble the good ones.
        return loose, f"not clean UTF-8: {bad} undecodable byte(s) replaced with \ufffd"
    return _decode_legacy(data)


def read_capped(path: Path, limit: int) -> bytes:
    """Read a file, checking its size first so a huge file is refused without loading it."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise RejectedSource(
                f"too large: {format_bytes(size)}, the limit is {format_bytes(limit)} "
                "(MAX_ARTICLE_BYTES)"
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # +1 notices a file that grew after stat()
    except FileNotFoundError:
        raise RejectedSource("no such file") from None
    except PermissionError:
        raise RejectedSource("permission denied") from None
    except IsADirectoryError:
        raise RejectedSource("a folder, not a file") from None
    if len(data) > limit:
        raise RejectedSource(f"too large: more than {format_bytes(limit)} (MAX_ARTICLE_BYTES)")
    return data


def check_content(data: bytes) -> None:
    """Reject empty and binary content before any parser sees it."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise RejectedSource("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte-order mark: its NUL bytes are text
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if b"\x00" in data or controls > MAX_CONTROL_RATIO * len(data):
        raise RejectedSource("binary file (not text)")


def _decode_legacy(data: bytes) -> tuple[str, str | None]:
    """Windows-1252, else Latin-1, when the result still looks like mostly-ASCII text."""
    for codec, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        non_ascii = sum(ch > "\x7f" for ch in text)
        has_c1 = any("\x80" <= ch <= "\x9f" for ch in text)
        if non_ascii <= MAX_NON_ASCII_RATIO * len(text) and not has_c1:
            return text, f"not UTF-8: decoded as {name}"
    raise RejectedSource(
        "not UTF-8 text (nor Windows-1252/Latin-1): save it as UTF-8 and try again"
    )


def _first_tag(data: bytes) -> bytes:
    """The first markup after a BOM, whitespace, an XML declaration and comments, lowercased."""
    head = data[:2048].removeprefix(b"\xef\xbb\xbf").lstrip()
    while head.startswith((b"<?", b"<!--")):
        closer = b"?>" if head.startswith(b"<?") else b"-->"
        end = head.find(closer)
        if end < 0:
            break
        head = head[end + len(closer) :].lstrip()
    return head[:32].lower()
