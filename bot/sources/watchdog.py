"""The whole-fetch deadline: httpx's timeouts are per operation, so a server trickling a byte a
second never trips them; this watchdog cuts the sockets when the fetch's deadline passes."""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

log = logging.getLogger(__name__)


class Watchdog:
    """The whole-fetch deadline: at expiry it shuts the sockets down, so no read can outlive it."""

    def __init__(self, seconds: float) -> None:
        self.expires = time.monotonic() + seconds
        self.expired = False
        self._streams: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def passed(self) -> bool:
        return self.expired or time.monotonic() > self.expires

    def trace(self, name: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember each connection's stream (plain, then TLS)."""
        if name.endswith(("connect_tcp.complete", "start_tls.complete")):
            with self._lock:
                self._streams.append(info.get("return_value"))
                late = self.expired
            if late:
                self._cut()

    def _cut(self) -> None:
        with self._lock:
            self.expired = True
            streams = list(self._streams)
        for stream in streams:
            sock = stream.get_extra_info("socket") if stream is not None else None
            try:
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError as exc:  # already closed by the client: nothing left to cut
                log.debug("watchdog: socket already closed (%s)", exc)
