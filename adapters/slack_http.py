"""Slack's HTTP mode on waitress: a real backlog and worker threads, and a gate before bolt.

The gate answers what bolt would turn into a 500 with a traceback: a body larger than
MAX_REQUEST_BYTES (413, refused from Content-Length before a byte of it is read), a missing or
non-numeric timestamp or a bad signature (401), a signed body that is not UTF-8 or whose
`payload=` is not JSON (400). Only a well-formed, signed request reaches bolt's
`/slack/events`, which verifies the signature again as it always does.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import waitress
from slack_bolt import App as BoltApp
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
BACKLOG = 1024  # queued connections while every worker is busy: a burst of commands is not reset
CHANNEL_TIMEOUT = 30  # seconds an idle or trickling client may hold a connection
READ_CHUNK = 64 * 1024
MAX_CLOCK_SKEW = 5 * 60  # Slack's rule: a request older (or newer) than 5 minutes is a replay
LOOP_SECONDS = 1.0  # the select timeout; shutdown() wakes it early through waitress's trigger
STOP_SECONDS = 10.0

StartResponse = Callable[..., Any]


class Gate:
    """A WSGI app in front of bolt's handler: size, shape and signature checked first."""

    def __init__(self, bolt: BoltApp, *, signing_secret: str, max_bytes: int) -> None:
        self.inner = SlackRequestHandler(bolt, path=EVENTS_PATH)
        self.secret = signing_secret.encode()
        self.max_bytes = max_bytes

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != EVENTS_PATH:
            return self.inner(environ, start_response)
        body, problem = self._read(environ)
        problem = problem or self._check(environ, body)
        if problem is not None:
            status, reason = problem
            log.info("refused a Slack request: %s %s", status, reason)
            return _answer(start_response, status, reason)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.inner(environ, start_response)

    def _read(self, environ: dict) -> tuple[bytes, tuple[str, str] | None]:
        declared = environ.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit():
            return b"", ("400 Bad Request", "a numeric Content-Length is required")
        if int(declared) > self.max_bytes:
            return b"", ("413 Payload Too Large", f"the limit is {self.max_bytes} bytes")
        stream, left, parts = environ["wsgi.input"], int(declared), []
        while left > 0:
            part = stream.read(min(left, READ_CHUNK))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return b"".join(parts), None

    def _check(self, environ: dict, body: bytes) -> tuple[str, str] | None:
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        if not timestamp.isdigit() or not signature.isascii():
            return "401 Unauthorized", "missing or non-numeric X-Slack-Request-Timestamp"
        if self.secret and not self._signed(body, timestamp, signature):
            return "401 Unauthorized", "invalid or stale signature"
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return "400 Bad Request", "the body is not UTF-8"
        payload = parse_qs(text).get("payload")
        if payload is not None:
            try:
                json.loads(payload[0])
            except ValueError:
                return "400 Bad Request", "payload is not JSON"
        return None

    def _signed(self, body: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature over the raw bytes (a body that is not UTF-8 can be checked too)."""
        if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW:
            return False
        base = b"v0:" + timestamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self.secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)


class HttpServer:
    """waitress serving the gate; serve_forever() blocks, shutdown() stops it from elsewhere."""

    def __init__(self, app: Gate, *, host: str, port: int, threads: int, max_bytes: int) -> None:
        self._server = waitress.create_server(
            app,
            host=host,
            port=port,
            threads=threads,
            backlog=BACKLOG,
            channel_timeout=CHANNEL_TIMEOUT,
            max_request_body_size=max_bytes,
            expose_tracebacks=False,
            ident="quotebot",
        )
        self._stop = threading.Event()
        self._started = threading.Event()
        self._done = threading.Event()

    @property
    def server_port(self) -> int:
        return int(self._server.effective_port)

    @property
    def server_host(self) -> str:
        return str(self._server.effective_host)

    def serve_forever(self) -> None:
        """Run waitress's loop until shutdown(); connections are closed in this same thread."""
        server, socket_map = self._server, self._server._map  # waitress's dispatchers
        self._started.set()
        try:
            while not self._stop.is_set() and socket_map:
                server.asyncore.loop(timeout=LOOP_SECONDS, map=socket_map, count=1)
        finally:
            for channel in list(socket_map.values()):
                channel.handle_close()
            server.task_dispatcher.shutdown()
            self._done.set()

    def shutdown(self) -> None:
        """Stop serve_forever() (from another thread) and wait until it has closed everything."""
        if self._done.is_set():
            return
        self._stop.set()
        if self._started.is_set():
            try:
                self._server.trigger.pull_trigger()  # wake the loop's select at once
            except OSError as exc:  # the loop closed its trigger already: it is stopping anyway
                log.debug("waitress trigger already closed: %s", exc)
            self._done.wait(STOP_SECONDS)
        elif not self._done.is_set():
            self._done.set()
            for channel in list(self._server._map.values()):
                channel.handle_close()
            self._server.task_dispatcher.shutdown()

    def server_close(self) -> None:
        self.shutdown()


def serve_http(
    bolt: BoltApp,
    *,
    port: int,
    host: str = "127.0.0.1",
    signing_secret: str = "",
    threads: int = 16,
    max_bytes: int = 1_000_000,
) -> HttpServer:
    """The server for bolt's /slack/events (port 0 picks a free one); call serve_forever()."""
    secret = signing_secret or _bolt_secret(bolt)
    gate = Gate(bolt, signing_secret=secret, max_bytes=max_bytes)
    return HttpServer(gate, host=host, port=port, threads=threads, max_bytes=max_bytes)


def _bolt_secret(bolt: BoltApp) -> str:
    verifier = getattr(bolt, "_signing_secret", None)
    return str(verifier or "")


def _answer(start_response: StartResponse, status: str, reason: str) -> list[bytes]:
    body = (reason + "\n").encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]
