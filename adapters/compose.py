"""The composition root: settings, logging, the App and the background jobs are built here, once.

The `quotebot` command (adapters/cli.py) and `create_bot()` (adapters/discord_bot.py) both come
here, so no adapter and nothing in bot/ builds its own collaborators. An adapter that serves a
chat platform is handed `jobs`: given the adapter's outbox, it starts the digest scheduler (and
feed polling) posting through it; the adapter shuts down what it returns when it stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from bot.app import App, build_app
from bot.chat.messages import Outbox
from bot.settings import Settings, load_settings


class Stoppable(Protocol):
    def shutdown(self) -> None: ...


Jobs = Callable[[Outbox], Stoppable]


def settings_from_environment() -> Settings:
    """Settings from the environment and .env, with logging set to LOG_LEVEL."""
    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    return settings


def compose(settings: Settings | None = None) -> App:
    """The App for these settings (default: the environment's)."""
    return build_app(settings or settings_from_environment())


def jobs_for(app: App) -> Jobs:
    """What starts `app`'s digest scheduler and feed polling on an adapter's outbox."""

    def start(outbox: Outbox) -> Stoppable:
        from bot.jobs.schedule import start_background

        return start_background(app, [outbox])

    return start
