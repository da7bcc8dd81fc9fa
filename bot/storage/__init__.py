"""Storage: SQLAlchemy 2 over a SQLite file by default, or PostgreSQL (DATABASE_URL)."""

from bot.storage.channels import ChannelStore, Feed, Subscription
from bot.storage.store import Added, Page, SpeakerMatch, Store

__all__ = ["Added", "ChannelStore", "Feed", "Page", "SpeakerMatch", "Store", "Subscription"]
