"""Wiring: build_app(settings) puts the collaborators together; no global singletons."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.chat.messages import Reply, Request
from bot.chat.router import Router
from bot.clock import Clock, utc_clock
from bot.settings import Settings, load_settings
from bot.storage import ChannelStore, Store
from bot.storage.follows import FollowStore

if TYPE_CHECKING:
    from bot.nlp.extract import Extractor

log = logging.getLogger(__name__)

Listener = Callable[[str, str], None]  # (platform, channel_id)


class App:
    """The core as one object: store, router, clock and (lazily) the NLP extractor."""

    def __init__(self, settings: Settings, *, clock: Clock = utc_clock):
        self.settings = settings
        self.clock = clock
        self.store = Store(
            settings.db_url,
            tone_positive=settings.tone_positive,
            tone_negative=settings.tone_negative,
        )
        self.channels = ChannelStore(self.store)
        self.follows = FollowStore(self.store)
        self.router = Router(self, prefixes=_prefixes(settings))
        self._listeners: list[Listener] = []
        self._extractor: Extractor | None = None
        self._extractor_lock = threading.Lock()  # a poll thread and a command may both ask first

    def handle(self, request: Request) -> Reply:
        """Answer one chat command (the one call adapters make)."""
        return self.router.handle(request)

    @property
    def extractor(self) -> Extractor:
        """The quote extractor; spaCy loads on first use, so queries never pay for it."""
        with self._extractor_lock:
            if self._extractor is None:
                from bot.nlp.extract import Extractor
                from bot.nlp.model import load_model

                self._extractor = Extractor(load_model(self.settings.spacy_model))
        return self._extractor

    def on_subscriptions_changed(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def subscriptions_changed(self, platform: str, channel_id: str) -> None:
        """Tell the scheduler (if one runs) that a channel's subscription changed."""
        for listener in self._listeners:
            listener(platform, channel_id)

    def close(self) -> None:
        self.store.close()


def build_app(settings: Settings | None = None, *, clock: Clock = utc_clock) -> App:
    """The App for these settings (default: environment and .env)."""
    return App(settings or load_settings(), clock=clock)


def _prefixes(settings: Settings) -> tuple[str, ...]:
    return tuple(dict.fromkeys(("/", settings.discord_prefix, "!")))
