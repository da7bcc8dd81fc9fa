"""Who claimed a delivery: "host:pid:token", and whether that process is gone."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid

STALE_CLAIM = dt.timedelta(minutes=30)  # a claim this old was never finished, wherever it was made
TOKEN = uuid.uuid4().hex[:12]  # tells this process from an earlier one that had the same pid


def process_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{TOKEN}"


def claim_is_dead(owner: str | None, started_at: dt.datetime | None, now: dt.datetime) -> bool:
    """True when the process that claimed a delivery cannot still be posting it."""
    host, pid, token = _parse(owner)
    too_old = started_at is None or now - started_at > STALE_CLAIM
    if host == socket.gethostname() and pid is not None:
        if pid == os.getpid():
            return token != TOKEN
        # A live pid this old is another program that reused the number: no post takes that long.
        return not _alive(pid) or (started_at is not None and too_old)
    return too_old


def _parse(owner: str | None) -> tuple[str | None, int | None, str | None]:
    parts = (owner or "").rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None, None, None
    return parts[0], int(parts[1]), parts[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
