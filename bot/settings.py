"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError

DEFAULT_DB_PATH = Path("quotebot-data") / "quotebot.db"
SECRET_FIELDS = {"slack_bot_token", "slack_signing_secret", "slack_app_token", "discord_token"}
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
N = TypeVar("N", int, float)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DATABASE_SCHEMES = ("sqlite", "postgresql", "mysql", "mariadb")
# A database URL is scheme[+driver]://...; anything else fails here, not deep in SQLAlchemy.
DATABASE_URL_RE = re.compile(r"^(?P<scheme>[a-z][a-z0-9]*)(\+[a-z0-9_]+)?://", re.IGNORECASE)

# Which adapter needs which setting: used to name the adapter in error messages.
REQUIRED_BY_ADAPTER = {
    "slack": ("slack_bot_token",),
    "slack-http": ("slack_bot_token", "slack_signing_secret"),
    "slack-socket": ("slack_bot_token", "slack_app_token"),
    "discord": ("discord_token",),
}


@dataclass(frozen=True)
class Settings:
    """Every setting quotebot reads; defaults are the embedded, zero-config ones."""

    database_url: str = ""
    spacy_model: str = ""
    tone_engine: str = "news"
    tone_positive: float = 0.05
    tone_negative: float = -0.05
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = ""
    port: int = 3000
    host: str = "127.0.0.1"  # Slack HTTP mode listens here; behind a proxy keep it on loopback
    slack_admin_users: tuple[str, ...] = ()  # Slack user IDs allowed to change channel settings
    max_request_bytes: int = 1_000_000  # largest Slack request body read (Slack's are a few kB)
    http_threads: int = 16  # Slack HTTP mode worker threads
    discord_token: str = ""
    discord_guild_id: int | None = None
    discord_prefix: str = "!"
    discord_manage_permission: str = "manage_channels"
    digest_time: str = "08:00"
    digest_tz: str = "Europe/London"
    digest_grace_minutes: int = 720
    digest_max_window_hours: int = 168
    digest_chart: bool = True  # Slack and Discord digests carry a bar chart of the top speakers
    feed_poll_minutes: int = 30
    alert_minutes: int = 5
    skip_non_english: bool = False
    allow_private_urls: bool = False
    fetch_timeout: float = 20.0
    max_article_bytes: int = 5_000_000
    max_article_chars: int = 1_000_000  # longer article text is rejected in one line
    max_feed_entries: int = 50  # new entries loaded per feed per poll; the rest wait for the next
    feed_poll_workers: int = 4  # feeds fetched at once
    n_process: int = 1
    # spaCy holds a whole batch of parsed docs: 8 keeps ingest near 240 MB at the same speed.
    batch_size: int = 8
    page_size: int = 5
    log_level: str = "WARNING"

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: DATABASE_URL, else the embedded SQLite file."""
        return self.database_url or f"sqlite:///{DEFAULT_DB_PATH}"

    def require(self, adapter: str) -> None:
        """Raise one ConfigError naming every setting `adapter` needs and lacks."""
        missing = [n.upper() for n in REQUIRED_BY_ADAPTER.get(adapter, ()) if not getattr(self, n)]
        if missing:
            raise ConfigError(
                f"the {adapter.split('-')[0]} adapter needs {', '.join(missing)}: "
                "set it in the environment or in .env (see .env.example)"
            )

    def __repr__(self) -> str:
        shown = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_FIELDS and value:
                value = value[:4] + "…" if len(value) > 8 else "***"
            shown.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(
    environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env"
) -> Settings:
    """Settings from `environ` (default os.environ) over `.env`; every problem reported at once."""
    env = dict(_read_env_file(env_file)) if env_file else {}
    env.update(os.environ if environ is None else environ)
    errors: list[str] = []
    values: dict[str, Any] = {}
    for name, parse in _PARSERS.items():
        raw = (
            env.get(name.upper())
            if name != "allow_private_urls"
            else env.get("QUOTEBOT_ALLOW_PRIVATE_URLS")
        )
        if raw is None or raw.strip() == "":
            continue
        try:
            values[name] = parse(raw.strip())
        except ValueError as exc:
            key = "QUOTEBOT_ALLOW_PRIVATE_URLS" if name == "allow_private_urls" else name.upper()
            errors.append(f"{key}={raw!r}: {exc}")
    if errors:
        raise ConfigError("invalid settings: " + "; ".join(errors))
    return Settings(**values)


def parse_time(text: str) -> str:
    """Validate 'HH:MM' and return it zero-padded."""
    match = TIME_RE.match(text.strip())
    if not match:
        raise ValueError("expected a time as HH:MM, e.g. 08:00")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_zone(text: str) -> str:
    """Validate an IANA timezone name such as Europe/Kyiv."""
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown timezone {text!r}; use an IANA name such as Europe/London"
        ) from None
    return text


def parse_log_level(text: str) -> str:
    """One of Python's level names, upper-cased."""
    level = text.strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
    return level


def parse_database_url(text: str) -> str:
    """A SQLAlchemy URL with a known scheme, e.g. postgresql+psycopg://user@host/db."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    match = DATABASE_URL_RE.match(text)
    try:
        parsed = make_url(text) if match else None
    except (ArgumentError, ValueError):  # e.g. a port that is not a number
        parsed = None
    if parsed is None or match is None or match.group("scheme").lower() not in DATABASE_SCHEMES:
        raise ValueError(
            "expected a database URL such as sqlite:///quotebot.db or "
            "postgresql+psycopg://user@localhost/quotebot"
        )
    return text


def _user_ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,\s]+", text) if part.strip())


def _positive(parse: Callable[[str], N]) -> Callable[[str], N]:
    def checked(text: str) -> N:
        value = parse(text)
        if value <= 0:
            raise ValueError("expected a number above 0")
        return value

    return checked


def _bool(text: str) -> bool:
    # Strict: a typo ("ture") must not silently turn off a setting that defaults to on.
    if text.lower() not in TRUE_WORDS | FALSE_WORDS:
        raise ValueError("expected true or false")
    return text.lower() in TRUE_WORDS


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError("expected a whole number") from None


def _tone_engine(text: str) -> str:
    from bot.nlp.tone import ENGINES

    if text.lower() not in ENGINES:
        raise ValueError(f"expected one of {', '.join(ENGINES)}")
    return text.lower()


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError("expected a number") from None


_PARSERS: dict[str, Callable[[str], Any]] = {
    "database_url": parse_database_url,
    "spacy_model": str,
    "tone_engine": _tone_engine,
    "tone_positive": _float,
    "tone_negative": _float,
    "slack_bot_token": str,
    "slack_signing_secret": str,
    "slack_app_token": str,
    "slack_api_url": str,
    "port": _int,
    "host": str,
    "slack_admin_users": _user_ids,
    "max_request_bytes": _positive(_int),
    "http_threads": _positive(_int),
    "discord_token": str,
    "discord_guild_id": _int,
    "discord_prefix": str,
    "discord_manage_permission": str,
    "digest_time": parse_time,
    "digest_tz": parse_zone,
    "digest_grace_minutes": _int,
    "digest_max_window_hours": _int,
    "digest_chart": _bool,
    "feed_poll_minutes": _int,
    "alert_minutes": _int,
    "skip_non_english": _bool,
    "allow_private_urls": _bool,
    "fetch_timeout": _positive(_float),
    "max_article_bytes": _positive(_int),
    "max_article_chars": _positive(_int),
    "max_feed_entries": _positive(_int),
    "feed_poll_workers": _positive(_int),
    "n_process": _int,
    "batch_size": _int,
    "page_size": _int,
    "log_level": parse_log_level,
}


def _read_env_file(path: str | Path) -> Mapping[str, str]:
    from dotenv import dotenv_values

    path = Path(path)
    if not path.is_file():
        return {}
    return {k: v for k, v in dotenv_values(path).items() if v is not None}
