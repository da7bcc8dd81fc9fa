"""Content-Encoding undone in bounded steps: every layer's output is counted as it comes."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

# Each decompress call returns at most this much: a tiny chunk never inflates to gigabytes at once.
STEP_BYTES = 64 * 1024
GZIP_WBITS = 16 + zlib.MAX_WBITS
KNOWN_ENCODINGS = ("gzip", "x-gzip", "deflate", "identity")
# What the fetcher asks for: only encodings this module can undo in bounded steps.
ACCEPT_ENCODING = "gzip, deflate"


class TooLarge(Exception):
    """A layer's output passed the cap; `size` is how much came out before it stopped."""

    def __init__(self, size: int) -> None:
        super().__init__(f"more than {size} bytes")
        self.size = size


class UnknownEncoding(ValueError):
    """A Content-Encoding this module cannot undo."""


def encodings_of(header: str) -> list[str]:
    """The encodings of a Content-Encoding header, in the order the server applied them."""
    found = [part.strip().lower() for part in header.split(",") if part.strip()]
    unknown = [name for name in found if name not in KNOWN_ENCODINGS]
    if unknown:
        raise UnknownEncoding(", ".join(unknown))
    return [name for name in found if name != "identity"]


def inflate(raw: Iterable[bytes], encodings: list[str], *, limit: int) -> Iterator[bytes]:
    """Decoded pieces of `raw`, undoing `encodings` last-applied first; TooLarge past `limit`.

    Every layer (not just the last) is capped at `limit`: for a real page the compressed layers are
    smaller than the text, so only a bomb reaches the cap in the middle of the stack.
    """
    stream: Iterable[bytes] = raw
    for name in reversed(encodings):
        stream = _capped(_undo(stream, name), limit)
    return iter(_capped(stream, limit)) if not encodings else iter(stream)


def _capped(pieces: Iterable[bytes], limit: int) -> Iterator[bytes]:
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise TooLarge(size)
        yield piece


def _undo(pieces: Iterable[bytes], name: str) -> Iterator[bytes]:
    decoder = _Decoder(gzip=name in ("gzip", "x-gzip"))
    for piece in pieces:
        yield from decoder.feed(piece)
    yield from decoder.finish()


class _Decoder:
    """One zlib layer: gzip (any number of members) or deflate (zlib-wrapped or raw)."""

    def __init__(self, *, gzip: bool) -> None:
        self.gzip = gzip
        self.raw_deflate = False
        self.started = False
        self.obj = zlib.decompressobj(GZIP_WBITS if gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self.started and not self.gzip and data:
            self.started = True
            # Some servers send raw deflate without the zlib header (httpx tolerates it too).
            if (data[0] & 0x0F) != 8:
                self.raw_deflate = True
                self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            yield from self._drain(data)
        except zlib.error as exc:
            raise ValueError(f"broken {'gzip' if self.gzip else 'deflate'} data: {exc}") from None

    def finish(self) -> Iterator[bytes]:
        tail = self.obj.flush(STEP_BYTES)
        if tail:
            yield tail

    def _drain(self, data: bytes) -> Iterator[bytes]:
        while data:
            out = self.obj.decompress(data, STEP_BYTES)
            if out:
                yield out
            data = self.obj.unconsumed_tail
            if self.obj.eof and self.gzip:
                # Another gzip member may follow (a bomb may stack many): go on in bounded steps.
                data = self.obj.unused_data + data
                if not data.strip(b"\0"):
                    return
                self.obj = zlib.decompressobj(GZIP_WBITS)
            elif self.obj.eof:
                return
