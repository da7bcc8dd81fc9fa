"""The composition root: settings, logging and the App are built here, once, at the edge.

The `quotebot` command (adapters/cli.py) and `create_bot()` (adapters/discord_bot.py) both come here,
so no adapter and nothing in bot/ builds its own collaborators.
"""

from __future__ import annotations

import logging

from bot.app import App, build_app
from bot.settings import Settings, load_settings


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
