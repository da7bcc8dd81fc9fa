"""Hostile servers on 127.0.0.1: gzip bombs, trickling servers, absurd URLs and secrets in URLs."""

from __future__ import annotations

import gzip
import logging
import time
import zlib

import pytest

from bot.errors import UserError
from bot.settings import Settings
from bot.sources.fetch import Fetcher
from bot.sources.inflate import TooLarge, encodings_of, inflate
from bot.sources.redact import redact_text, redact_url, shown_url
from tests.fakes import LocalServer

CAP = 100_000
LOCAL = Settings(allow_private_urls=True, fetch_timeout=1.0, max_article_bytes=CAP)
PAGE = b"<html><body><p>The ferry timetable changed on Monday.</p></body></html>"
TRICKLE_SECONDS = 0.1
TRICKLE_STEPS = 60  # 6 s of trickle: far past the 1 s deadline, yet a finite, valid response


def gzip_bomb(layers: int, inflated: int) -> bytes:
    """`inflated` zero bytes gzipped `layers` times (a few KB on the wire)."""
    data = _gzip_zeros(inflated)
    for _ in range(layers - 1):
        data = gzip.compress(data, compresslevel=9)
    return data


def _gzip_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


def send(status: int, body: bytes, headers: dict[str, str]):
    def route(handler):
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def trickle(raw: bytes):
    """Write the whole raw response a byte at a time, TRICKLE_SECONDS apart, until done or cut."""

    def route(handler):
        handler.close_connection = True
        for i in range(len(raw)):
            try:
                handler.wfile.write(raw[i : i + 1])
                handler.wfile.flush()
            except OSError:
                return  # the client hung up: what the test wants
            time.sleep(TRICKLE_SECONDS)

    return route


def trickled_response(body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return head + body


@pytest.fixture
def server():
    slow_body = b"x" * TRICKLE_STEPS
    routes = {
        "/bomb-2": send(200, gzip_bomb(2, 50 << 20), {"Content-Encoding": "gzip, gzip"}),
        "/bomb-3": send(200, gzip_bomb(3, 50 << 20), {"Content-Encoding": "gzip, gzip, gzip"}),
        "/bomb-1": send(200, gzip_bomb(1, 20 << 20), {"Content-Encoding": "gzip"}),
        "/page-2": send(200, gzip.compress(gzip.compress(PAGE)), {"Content-Encoding": "gzip,gzip"}),
        "/deflate": send(200, zlib.compress(PAGE), {"Content-Encoding": "deflate"}),
        "/brotli": send(200, PAGE, {"Content-Encoding": "br"}),
        "/trickle-head": trickle(trickled_response(b"ok") + b"\r\n" * TRICKLE_STEPS),
        "/trickle-body": lambda h: _slow_body(h, slow_body),
    }
    with LocalServer(routes) as srv:
        yield srv


def _slow_body(handler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    trickle(body)(handler)


@pytest.fixture
def fetcher():
    with Fetcher(LOCAL) as client:
        yield client


@pytest.mark.parametrize("path", ["/bomb-1", "/bomb-2", "/bomb-3"])
def test_gzip_bomb_stops_at_the_cap(server, fetcher, path):
    with pytest.raises(UserError, match=r"too large: more than .* \(MAX_ARTICLE_BYTES\)"):
        fetcher.get(server.url(path))


def test_stacked_gzip_of_a_real_page_is_decoded(server, fetcher):
    assert fetcher.get(server.url("/page-2")).content == PAGE


def test_deflate_is_decoded(server, fetcher):
    assert fetcher.get(server.url("/deflate")).content == PAGE


def test_unknown_encoding_is_one_line(server, fetcher):
    with pytest.raises(UserError, match="unsupported Content-Encoding br"):
        fetcher.get(server.url("/brotli"))


def test_inflate_counts_every_layer():
    bomb = gzip_bomb(2, 10 << 20)
    with pytest.raises(TooLarge):
        for _ in inflate([bomb], encodings_of("gzip, gzip"), limit=CAP):
            pass


@pytest.mark.parametrize("path", ["/trickle-head", "/trickle-body"])
def test_a_trickling_server_cannot_hold_the_fetch(server, fetcher, path):
    with pytest.raises(UserError, match=r"timed out after 1 s fetching"):
        fetcher.get(server.url(path))


def test_a_70000_character_url_is_one_short_line(fetcher):
    url = "http://127.0.0.1/" + "a" * 70_000
    with pytest.raises(UserError) as info:
        fetcher.get(url)
    message = str(info.value)
    assert "\n" not in message
    assert len(message) < 600


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://ann:hunter2@feeds.example.org/rss", "https://***@feeds.example.org/rss"),
        (
            "https://feeds.example.org/rss?token=abc123&lang=en",
            "https://feeds.example.org/rss?token=***&lang=en",
        ),
        (
            "https://feeds.example.org/rss?api_key=k&X-Amz-Signature=s",
            "https://feeds.example.org/rss?api_key=***&X-Amz-Signature=***",
        ),
        ("https://feeds.example.org/rss?page=2", "https://feeds.example.org/rss?page=2"),
    ],
)
def test_secrets_in_urls_are_masked(url, shown):
    assert redact_url(url) == shown


def test_secrets_are_masked_inside_messages():
    text = "could not fetch https://ann:hunter2@host.example/feed?key=zz: refused"
    assert "hunter2" not in redact_text(text) and "zz" not in redact_text(text)


def test_fetch_errors_never_show_the_password(server, fetcher, caplog):
    port = server.httpd.server_address[1]
    caplog.set_level(logging.DEBUG)
    with pytest.raises(UserError) as info:
        fetcher.get(f"http://ann:hunter2@127.0.0.1:{port}/missing?token=s3cret")
    assert "hunter2" not in str(info.value) and "s3cret" not in str(info.value)
    assert "hunter2" not in caplog.text


def test_long_urls_are_clipped_when_shown():
    assert len(shown_url("https://example.org/" + "b" * 5000)) <= 200
