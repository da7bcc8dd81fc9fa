"""Who may change a Slack channel's settings: workspace admins and owners, or SLACK_ADMIN_USERS.

Slack checks no permission for a slash command, so the adapter asks users.info (cached for a few
minutes, so a busy channel costs one call a user) and puts the answer in `Request.can_manage`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

CACHE_SECONDS = 300.0


class SlackPermissions:
    """`can_manage(user_id)`: True for listed users and workspace admins/owners; cached."""

    def __init__(
        self,
        client: WebClient,
        *,
        admin_users: tuple[str, ...] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.admin_users = frozenset(admin_users)
        self.clock = clock
        self._cache: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def can_manage(self, user_id: str) -> bool:
        if not user_id:
            return False
        if user_id in self.admin_users:
            return True
        now = self.clock()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        allowed = self._ask(user_id)
        if allowed is not None:
            with self._lock:
                self._cache[user_id] = (now, allowed)
        return bool(allowed)

    def _ask(self, user_id: str) -> bool | None:
        """users.info's verdict; None (refused, not cached) when Slack cannot be asked."""
        try:
            user = self.client.users_info(user=user_id).get("user") or {}
        except (SlackApiError, OSError) as exc:
            log.warning("users.info for %s failed (%s); refusing the change", user_id, exc)
            return None
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
