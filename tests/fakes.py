"""Test doubles for the platform side: outboxes that record posts, and a real local HTTP server."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.chat.messages import Reply


@dataclass(frozen=True)
class Post:
    channel_id: str
    reply: Reply


class FakeOutbox:
    """An Outbox that records what the scheduler posts (sync, like Slack's WebClient); `fail`
    makes it raise."""

    def __init__(self, platform: str = "slack", *, fail: bool = False):
        self.platform = platform
        self.fail = fail
        self.posts: list[Post] = []
        self.posted = (
            threading.Event()
        )  # set on the first post, for the scheduler running in a thread

    def post(self, channel_id: str, reply: Reply) -> None:
        if self.fail:
            raise ConnectionError("the chat platform is unreachable")
        self.posts.append(Post(channel_id, reply))
        self.posted.set()


class AsyncFakeOutbox(FakeOutbox):
    """The same, with a coroutine post() like discord.py's channel.send."""

    async def post(self, channel_id: str, reply: Reply) -> None:
        FakeOutbox.post(self, channel_id, reply)


class LocalServer:
    """A real HTTP server on 127.0.0.1 in a thread; routes map a path to a function(handler)."""

    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = (
            threading.Event()
        )  # lets a deliberately slow route finish when the test is done
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        self.send_error(404)
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    # the client under test gave up first (a timeout, a size cap): what the test
                    # wants; the server's thread has nothing left to say
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def respond(status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None):
    """A route that answers with this status, body and headers."""

    def route(handler):
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def with_etag(body: bytes, etag: str, content_type: str = "application/rss+xml"):
    """A route that answers 304 to If-None-Match: etag, else 200 with the body."""

    def route(handler):
        if handler.headers.get("If-None-Match") == etag:
            respond(304, headers={"ETag": etag})(handler)
        else:
            respond(200, body, {"ETag": etag, "Content-Type": content_type})(handler)

    return route
