"""Storage: SQLAlchemy 2 over a SQLite file by default, or PostgreSQL (DATABASE_URL)."""

from bot.storage.channels import ChannelStore, Feed, Subscription
from bot.storage.deliveries import DeliveryStatus
from bot.storage.store import Added, Page, SpeakerMatch, Store

__all__ = [
    "Added",
    "ChannelStore",
    "DeliveryStatus",
    "Feed",
    "Page",
    "SpeakerMatch",
    "Store",
    "Subscription",
]
