"""A local stand-in for Slack: the Web API and response_urls the bot posts to, and signed calls to
the bot.

`FakeSlack` serves `POST /api/<method>` (point SLACK_API_URL at `.api_url`) and
`POST /response/<n>` (put `.response_url(n)` in a slash command) and the upload URLs of
files.getUploadURLExternal (files_upload_v2: `.uploads` holds the bytes), records every JSON body
the bot sends, and answers `{"ok": true}` (or a 429 with Retry-After once, on request).
`call_bot` signs a request with the signing secret exactly as Slack does. `/api/users.info`
answers from `.admins` (user IDs that are workspace admins; everyone else is a plain member) and
is counted in `.lookups`, not in the posts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode

WAIT_SECONDS = 15.0  # generous: a loaded CI machine, never a timing assertion
_DIRECT = urllib.request.build_opener(
    urllib.request.ProxyHandler({})
)  # loopback only, never a proxy
LOOKUP_METHODS = ("auth.test", "users.info")
BOT_IDENTITY = {
    "ok": True,
    "url": "https://fake.slack.test/",
    "team": "Fake",
    "user": "quotebot",
    "team_id": "T0FAKE",
    "user_id": "U0BOT",
    "bot_id": "B0BOT",
}


@dataclass(frozen=True)
class Post:
    """One request the bot made: its path, the Web API method (if any), the body, what we
    answered."""

    path: str
    body: dict
    status: int = 200
    headers: dict = field(default_factory=dict)

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/") if self.path.startswith("/api/") else ""

    @property
    def raw(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)


class FakeSlack:
    """Records what the bot posts to Slack; thread-safe; use as a context manager."""

    def __init__(self):
        self.posts: list[Post] = []
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes uploaded to its upload URL
        self._changed = threading.Condition()
        self._rate_limited: dict[str, int] = {}  # method -> Retry-After seconds, answered once
        self._refused: dict[str, str] = {}  # method -> the Slack error it answers, every time
        self.admins: set[str] = set()
        self.lookups: list[str] = []  # user IDs asked about through users.info
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name) -> str:
        return f"{self.url}/response/{name}"

    def rate_limit_once(self, method: str, *, retry_after: int = 1) -> None:
        """Answer the next call of `method` with 429 and Retry-After."""
        self._rate_limited[method] = retry_after

    def refuse(self, method: str, error: str = "not_in_channel") -> None:
        """Answer every call of `method` with ok=false and `error`, as Slack does."""
        self._refused[method] = error

    def posted(self, prefix: str = "/") -> list[Post]:
        """Posts whose path starts with `prefix` (auth.test and users.info look-ups excluded)."""
        with self._changed:
            return [
                p
                for p in self.posts
                if p.path.startswith(prefix) and p.method not in LOOKUP_METHODS
            ]

    def wait_for(self, prefix: str, count: int = 1, *, timeout: float = WAIT_SECONDS) -> list[Post]:
        """Block until `count` posts under `prefix` arrived; raise AssertionError after
        `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := self.posted(prefix)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} post(s) to {prefix}, got {len(found)}: {found}"
                    )
                self._changed.wait(left)
            return found

    def record(self, post: Post) -> None:
        with self._changed:
            self.posts.append(post)
            self._changed.notify_all()

    def answer_for(self, path: str, body: dict) -> tuple[int, dict, dict]:
        """(status, extra headers, JSON) for one call."""
        method = path.removeprefix("/api/") if path.startswith("/api/") else ""
        if method in self._rate_limited:
            retry_after = self._rate_limited.pop(method)
            return 429, {"Retry-After": str(retry_after)}, {"ok": False, "error": "ratelimited"}
        if method in self._refused:
            return 200, {}, {"ok": False, "error": self._refused[method]}
        if method == "auth.test":
            return 200, {}, BOT_IDENTITY
        if method == "users.info":
            user = str(body.get("user", ""))
            with self._changed:
                self.lookups.append(user)
            admin = user in self.admins
            return 200, {}, {"ok": True, "user": {"id": user, "is_admin": admin, "is_owner": False}}
        if method == "chat.postMessage":
            return 200, {}, {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
        if method == "chat.postEphemeral":
            return 200, {}, {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.posts) + 1:06d}"
            return (
                200,
                {},
                {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id},
            )
        if method == "files.completeUploadExternal":
            files = json.loads(body.get("files") or "[]")
            return (
                200,
                {},
                {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]},
            )
        return 200, {}, {"ok": True}


def _handler_for(fake: FakeSlack):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if self.path.startswith("/upload/"):  # a file's bytes, as files_upload_v2 sends them
                fake.uploads[self.path.removeprefix("/upload/")] = self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")
                return
            body = _parse(
                self.rfile.read(length).decode("utf-8"), self.headers.get("Content-Type", "")
            )
            status, headers, answer = fake.answer_for(self.path, body)
            fake.record(Post(self.path, body, status, dict(self.headers)))
            data = json.dumps(answer).encode()
            self.send_response(status)
            for name, value in {**headers, "Content-Type": "application/json"}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path, _, query = self.path.partition("?")
            status, headers, answer = fake.answer_for(path, dict(parse_qsl(query)))
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # keep test output quiet
            pass

    return Handler


def _parse(text: str, content_type: str) -> dict:
    if content_type.startswith("application/json"):
        return json.loads(text or "{}")
    return dict(parse_qsl(text, keep_blank_values=True))


# ---- Slack calling the bot -------------------------------------------------


@dataclass(frozen=True)
class BotAnswer:
    status: int
    body: str


def sign(body: str, secret: str, timestamp: int) -> str:
    """Slack's signature: v0=HMAC-SHA256(secret, 'v0:{timestamp}:{body}')."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def slash_body(
    text: str,
    *,
    response_url: str,
    command: str = "/quotes",
    channel_id: str = "C0NEWS",
    user_id: str = "U0READER",
    trigger_id: str | None = None,
    channel_name: str = "news",
) -> str:
    """The form body Slack POSTs for a slash command."""
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": "T0FAKE",
            "team_domain": "fake",
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": "reader",
            "command": command,
            "text": text,
            "api_app_id": "A0QUOTES",
            "response_url": response_url,
            "trigger_id": trigger_id or f"trigger.{time.monotonic_ns()}",
        }
    )


def action_body(
    value: str,
    *,
    response_url: str,
    action_id: str = "quotes_more",
    channel_id: str = "C0NEWS",
    user_id: str = "U0READER",
    action_ts: float | None = None,
) -> str:
    """The form body Slack POSTs when a button is clicked (payload=JSON)."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T0FAKE", "domain": "fake"},
        "user": {"id": user_id, "username": "reader", "team_id": "T0FAKE"},
        "api_app_id": "A0QUOTES",
        "token": "legacy-verification-token",
        "trigger_id": f"trigger.{time.monotonic_ns()}",
        "container": {
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": channel_id,
        },
        "channel": {"id": channel_id, "name": "news"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "more",
                "value": value,
                "text": {"type": "plain_text", "text": "More"},
                "action_ts": f"{time.time() if action_ts is None else action_ts:.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def call_bot(
    url: str,
    body: str,
    *,
    secret: str,
    timestamp: int | None = None,
    headers: dict | None = None,
    signature: str | None = None,
) -> BotAnswer:
    """POST `body` to the bot as Slack does: form-encoded and signed (or with the given
    signature)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    sent = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature or sign(body, secret, timestamp),
        **(headers or {}),
    }
    request = urllib.request.Request(url, data=body.encode(), headers=sent, method="POST")
    try:
        with _DIRECT.open(request, timeout=WAIT_SECONDS) as response:
            return BotAnswer(response.status, response.read().decode())
    except urllib.error.HTTPError as exc:
        return BotAnswer(exc.code, exc.read().decode())


@contextmanager
def serving_bolt(app, settings, *, workers: int = 1, **serve) -> Iterator[str]:
    """The real bolt App over HTTP on a free loopback port: yields its /slack/events URL, and stops
    the server and its listener threads afterwards (`serve`: more serve_http options)."""
    from adapters.slack import create_app, serve_http

    executor = ThreadPoolExecutor(max_workers=workers)
    server = serve_http(
        create_app(app, settings, listener_executor=executor), host="127.0.0.1", port=0, **serve
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/slack/events"
    finally:
        server.shutdown()
        server.server_close()
        executor.shutdown(wait=True)
