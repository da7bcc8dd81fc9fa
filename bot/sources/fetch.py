"""The one HTTP client: timeouts, a size cap, redirects checked hop by hop, and a private-address guard."""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bot.errors import UserError
from bot.settings import Settings
from bot.text import format_bytes

log = logging.getLogger(__name__)

USER_AGENT = "quotebot/0.1 (+https://example.org/quotebot)"
ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
# A server that trickles bytes never trips the per-read timeout, so the whole body gets a deadline too.
BODY_DEADLINE_FACTOR = 3
# Words in httpx/OS connection errors, mapped to a plain reason.
CONNECT_REASONS = (
    ("connection refused", "connection refused"),
    ("no route to host", "no route to host"),
    ("name or service not known", "DNS lookup failed"),
    ("nodename nor servname", "DNS lookup failed"),
    ("temporary failure in name resolution", "DNS lookup failed"),
    ("getaddrinfo failed", "DNS lookup failed"),
    ("network is unreachable", "network is unreachable"),
)


@dataclass(frozen=True)
class Fetched:
    """One HTTP response, read in full (up to the size cap)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304


class Fetcher:
    """Fetch http(s) URLs for quotebot; every problem becomes a one-line UserError."""

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        self._settings = settings
        # Redirects are followed by hand so every hop passes the private-address guard.
        self._client = httpx.Client(
            timeout=settings.fetch_timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`, following up to MAX_REDIRECTS redirects; 304 comes back as `not_modified`."""
        headers = _conditional_headers(etag, last_modified)
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=self._settings.allow_private_urls)
            fetched, location = self._get_once(current, headers)
            if location is None:
                return fetched
            current = location
        raise UserError(
            f"too many redirects fetching {url} (more than {MAX_REDIRECTS}); open it in a browser to check"
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _get_once(self, url: str, headers: dict[str, str]) -> tuple[Fetched, str | None]:
        """One request; returns the response and the redirect target, if any."""
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    return _to_fetched(url, response, b""), str(
                        response.url.join(response.headers["location"])
                    )
                _check_status(url, response)
                body = self._read_capped(url, response) if response.status_code != 304 else b""
                return _to_fetched(url, response, body), None
        except httpx.TimeoutException:
            raise UserError(
                f"timed out after {self._settings.fetch_timeout:g} s fetching {url}; try again later "
                "or raise FETCH_TIMEOUT"
            ) from None
        except httpx.ConnectError as exc:
            raise UserError(f"could not connect to {url}: {_connect_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise UserError(
                f"could not fetch {url}: {type(exc).__name__}: {_first_line(exc)}"
            ) from None

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        """Read the body, stopping as soon as it passes max_article_bytes or the body deadline."""
        limit = self._settings.max_article_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise UserError(_too_large(url, int(declared), limit))
        deadline = time.monotonic() + self._settings.fetch_timeout * BODY_DEADLINE_FACTOR
        chunks, size = [], 0
        for chunk in response.iter_bytes(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise UserError(_too_large(url, size, limit, at_least=True))
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("body deadline passed")
            chunks.append(chunk)
        return b"".join(chunks)


def check_url(url: str, *, allow_private: bool) -> None:
    """Raise UserError unless `url` is http(s) and (unless allowed) its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise UserError(
            f"cannot fetch {url!r}: only http:// and https:// URLs with a host are supported"
        )
    if allow_private:
        return
    # Checked at resolve time only: a DNS-rebinding host could answer differently when httpx connects.
    # Pinning the resolved address would close that gap; for a news reader this check is the agreed trade-off.
    host = parts.hostname
    if any(_is_private(address) for address in resolve_host(host, url=url)):
        raise UserError(
            f"refused to fetch {url}: {host} is a private/loopback address "
            "(set QUOTEBOT_ALLOW_PRIVATE_URLS=true to allow it)"
        )


def resolve_host(host: str, *, url: str) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UserError(
            f"could not fetch {url}: DNS lookup failed for {host} ({exc}); check the address"
        ) from None
    # An IPv6 link-local address may carry a scope (fe80::1%eth0); ipaddress wants it without.
    return [str(info[4][0]).split("%")[0] for info in infos]


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _check_status(url: str, response: httpx.Response) -> None:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        raise UserError(
            f"HTTP {response.status_code} {reason} from {url}; check the address or try again later"
        )


def _to_fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=url,
        status=response.status_code,
        content=body,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _too_large(url: str, size: int, limit: int, *, at_least: bool = False) -> str:
    shown = ("more than " if at_least else "") + format_bytes(size)
    return f"too large: {shown} at {url}, the limit is {format_bytes(limit)} (MAX_ARTICLE_BYTES)"


def _connect_reason(exc: Exception) -> str:
    text = str(exc).lower()
    for needle, reason in CONNECT_REASONS:
        if needle in text:
            return reason
    return _first_line(exc) or type(exc).__name__


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else ""
