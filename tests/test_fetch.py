"""The HTTP client against a real server on 127.0.0.1: redirects, the size cap, 304s, errors, the
private guard."""

from __future__ import annotations

import socket

import httpx
import pytest

from bot.errors import UserError
from bot.settings import Settings
from bot.sources.fetch import USER_AGENT, Fetcher
from bot.sources.guard import check_url
from bot.text import format_bytes
from tests.fakes import LocalServer as RouteServer

PAGE = b"<html><body><p>A page about the harbour.</p></body></html>"
LOCAL = Settings(allow_private_urls=True, fetch_timeout=5.0, max_article_bytes=100_000)
PUBLIC_IP = "93.184.215.14"  # a public address literal: the guard accepts it without any DNS lookup


def reply(status=200, body=b"", headers=None, *, length=True):
    def route(handler):
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def conditional(handler):
    if (
        handler.headers.get("If-None-Match") == '"v1"'
        or handler.headers.get("If-Modified-Since") == "then"
    ):
        reply(304, headers={"ETag": '"v1"'})(handler)
    else:
        reply(200, PAGE, {"ETag": '"v1"', "Last-Modified": "then", "Content-Type": "text/html"})(
            handler
        )


@pytest.fixture
def server():
    routes = {
        "/page": reply(200, PAGE, {"Content-Type": "text/html; charset=utf-8"}),
        "/conditional": conditional,
        "/boom": reply(500, b"oops"),
        "/missing-page": reply(404, b"gone"),
        "/big": reply(200, b"x" * 200_000),
        "/big-unannounced": reply(200, b"x" * 200_000, length=False),
    }
    with RouteServer(routes) as srv:
        srv.routes["/hop"] = reply(302, headers={"Location": "/page"})
        for n in range(7):
            srv.routes[f"/loop{n}"] = reply(302, headers={"Location": f"/loop{n + 1}"})
        srv.routes["/slow"] = lambda h: (srv.release.wait(5), reply(200, PAGE)(h))
        yield srv


@pytest.fixture
def fetcher():
    with Fetcher(LOCAL) as client:
        yield client


def test_get_returns_body_content_type_and_sends_user_agent(server, fetcher):
    fetched = fetcher.get(server.url("/page"))
    assert (fetched.status, fetched.content) == (200, PAGE)
    assert fetched.content_type.startswith("text/html")
    assert server.requests[0][1]["User-Agent"] == USER_AGENT


def test_redirect_is_followed_and_final_url_reported(server, fetcher):
    fetched = fetcher.get(server.url("/hop"))
    assert fetched.content == PAGE
    assert fetched.url == server.url("/page")


def test_redirect_loop_stops_after_five_hops(server, fetcher):
    with pytest.raises(UserError, match="too many redirects"):
        fetcher.get(server.url("/loop0"))
    assert len(server.requests) == 6


def test_etag_conditional_get_gives_not_modified(server, fetcher):
    first = fetcher.get(server.url("/conditional"))
    assert first.etag == '"v1"'
    assert first.last_modified == "then"
    assert not first.not_modified
    again = fetcher.get(server.url("/conditional"), etag=first.etag)
    assert again.not_modified
    assert again.content == b""
    assert server.requests[1][1]["If-None-Match"] == '"v1"'


def test_last_modified_conditional_get_gives_not_modified(server, fetcher):
    assert fetcher.get(server.url("/conditional"), last_modified="then").not_modified
    assert server.requests[0][1]["If-Modified-Since"] == "then"


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_size_cap_stops_a_large_body(server, fetcher, path):
    with pytest.raises(UserError, match=r"too large: .*the limit is 100 kB \(MAX_ARTICLE_BYTES\)"):
        fetcher.get(server.url(path))


def test_size_cap_message_names_the_address(server, fetcher):
    with pytest.raises(UserError, match=r"too large: [0-9.]+ kB at http://127\.0\.0\.1:\d+/big,"):
        fetcher.get(server.url("/big"))


@pytest.mark.parametrize(("path", "words"), [("/boom", "HTTP 500"), ("/missing-page", "HTTP 404")])
def test_http_error_status_is_one_line_user_error(server, fetcher, path, words):
    with pytest.raises(UserError) as info:
        fetcher.get(server.url(path))
    assert str(info.value).startswith(words)
    assert server.url(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_timeout_is_reported(server):
    with (
        Fetcher(LOCAL.with_(fetch_timeout=0.2)) as client,
        pytest.raises(UserError, match="timed out"),
    ):
        client.get(server.url("/slow"))


def test_connection_refused_is_reported(fetcher):
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(UserError, match="connection refused"):
        fetcher.get(f"http://127.0.0.1:{port}/")


def test_loopback_refused_without_the_setting(server):
    url = server.url("/page")
    with Fetcher(Settings()) as client, pytest.raises(UserError) as info:
        client.get(url)
    assert str(info.value) == (
        f"refused to fetch {url}: 127.0.0.1 is a private/loopback address "
        "(set QUOTEBOT_ALLOW_PRIVATE_URLS=true to allow it)"
    )
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "172.16.5.4",
        "169.254.169.254",
        "0.0.0.0",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[fe80::1]",
        "224.0.0.1",
        "100.64.0.1",
    ],
)
def test_guard_refuses_private_hosts(host):
    with pytest.raises(UserError, match="private/loopback address"):
        check_url(f"http://{host}/feed", allow_private=False)


def test_guard_accepts_a_public_address_and_the_opt_in():
    check_url(f"https://{PUBLIC_IP}/news", allow_private=False)
    check_url("http://127.0.0.1/feed", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "http:///nohost"])
def test_only_http_and_https_are_fetched(url):
    with Fetcher(LOCAL) as client, pytest.raises(UserError, match="only http:// and https://"):
        client.get(url)


def test_dns_failure_is_a_user_error():
    # A 64-character label cannot be encoded, so the lookup fails here without any network traffic.
    with pytest.raises(UserError, match="DNS lookup failed"):
        check_url(f"http://{'a' * 64}.example/", allow_private=False)


def test_redirect_to_a_private_address_is_refused_at_that_hop():
    seen = []

    def public_site(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    with Fetcher(Settings(), transport=httpx.MockTransport(public_site)) as client:
        with pytest.raises(
            UserError, match="refused to fetch http://169.254.169.254/.*private/loopback"
        ):
            client.get(f"http://{PUBLIC_IP}/story")
    assert seen == [f"http://{PUBLIC_IP}/story"]


@pytest.mark.parametrize(
    ("size", "text"),
    [(52_428_800, "52.4 MB"), (5_000_000, "5 MB"), (100_000, "100 kB"), (12, "12 bytes")],
)
def test_format_bytes(size, text):
    assert format_bytes(size) == text
