"""The one HTTP client: one deadline, size caps, redirects checked hop by hop, an address guard."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from bot.errors import UserError
from bot.settings import Settings
from bot.sources.guard import check_url
from bot.sources.inflate import ACCEPT_ENCODING, TooLarge, UnknownEncoding, encodings_of, inflate
from bot.sources.redact import redact_text, shown_url
from bot.sources.watchdog import Watchdog
from bot.text import first_line, format_bytes

log = logging.getLogger(__name__)

USER_AGENT = "quotebot/0.1 (+https://example.org/quotebot)"
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
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


class RedactingFilter(logging.Filter):
    """Masks URL secrets in httpx's own log lines ("HTTP Request: GET https://user:pw@...")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_text(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


_REDACTING = RedactingFilter()


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
        if _REDACTING not in logging.getLogger("httpx").filters:
            logging.getLogger("httpx").addFilter(_REDACTING)
        # Redirects are followed by hand so every hop passes the private-address guard.
        # No kept-alive connections: each request opens its own, so the watchdog sees its socket.
        self._client = httpx.Client(
            timeout=settings.fetch_timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`, following up to MAX_REDIRECTS redirects; 304 comes back as `not_modified`."""
        headers = _conditional_headers(etag, last_modified)
        current = url
        # FETCH_TIMEOUT bounds the whole fetch too (every hop, headers and body), not each read.
        with Watchdog(self._settings.fetch_timeout) as watchdog:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(current, allow_private=self._settings.allow_private_urls)
                fetched, location = self._get_once(current, headers, watchdog)
                if location is None:
                    return fetched
                current = location
        raise UserError(
            f"too many redirects fetching {shown_url(url)} (more than {MAX_REDIRECTS}); "
            "open it in a browser to check"
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _get_once(
        self, url: str, headers: dict[str, str], watchdog: Watchdog
    ) -> tuple[Fetched, str | None]:
        """One request; returns the response and the redirect target, if any."""
        shown = shown_url(url)
        try:
            with self._client.stream(
                "GET", url, headers=headers, extensions={"trace": watchdog.trace}
            ) as response:
                if response.is_redirect and "location" in response.headers:
                    return _to_fetched(url, response, b""), str(
                        response.url.join(response.headers["location"])
                    )
                _check_status(shown, response)
                body = (
                    self._read_capped(shown, response, watchdog)
                    if response.status_code != 304
                    else b""
                )
                return _to_fetched(url, response, body), None
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            if watchdog.expired or isinstance(exc, httpx.TimeoutException):
                raise UserError(self._timed_out(shown)) from None
            if isinstance(exc, httpx.ConnectError):
                raise UserError(f"could not connect to {shown}: {_connect_reason(exc)}") from None
            raise UserError(_could_not_fetch(shown, exc)) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise UserError(_could_not_fetch(shown, exc)) from None

    def _timed_out(self, shown: str) -> str:
        return (
            f"timed out after {self._settings.fetch_timeout:g} s fetching {shown}; try again later "
            "or raise FETCH_TIMEOUT"
        )

    def _read_capped(self, shown: str, response: httpx.Response, watchdog: Watchdog) -> bytes:
        """The decoded body; stops once any layer passes max_article_bytes or time is up."""
        limit = self._settings.max_article_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise UserError(_too_large(shown, int(declared), limit))
        try:
            layers = encodings_of(response.headers.get("content-encoding", ""))
            chunks = []
            for chunk in inflate(response.iter_raw(CHUNK_BYTES), layers, limit=limit):
                if watchdog.passed():
                    raise UserError(self._timed_out(shown))
                chunks.append(chunk)
        except TooLarge as exc:
            raise UserError(_too_large(shown, exc.size, limit, at_least=True)) from None
        except UnknownEncoding as exc:
            raise UserError(
                f"could not fetch {shown}: unsupported Content-Encoding {exc}"
            ) from None
        except ValueError as exc:
            raise UserError(f"could not fetch {shown}: {exc}") from None
        return b"".join(chunks)


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _check_status(shown: str, response: httpx.Response) -> None:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        raise UserError(
            f"HTTP {response.status_code} {reason} from {shown}; "
            "check the address or try again later"
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


def _too_large(shown: str, size: int, limit: int, *, at_least: bool = False) -> str:
    amount = ("more than " if at_least else "") + format_bytes(size)
    return f"too large: {amount} at {shown}, the limit is {format_bytes(limit)} (MAX_ARTICLE_BYTES)"


def _could_not_fetch(shown: str, exc: Exception) -> str:
    return f"could not fetch {shown}: {type(exc).__name__}: {first_line(exc)[:200]}"


def _connect_reason(exc: Exception) -> str:
    text = str(exc).lower()
    for needle, reason in CONNECT_REASONS:
        if needle in text:
            return reason
    return first_line(exc) or type(exc).__name__
