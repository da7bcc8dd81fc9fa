"""Backfilled quotes: quotes.backfilled, set by `quotebot backfill`, so digests and follow alerts
can leave an archive's old quotes out (bot/storage/digests.py, bot/storage/follows.py).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy and move) would drop SQLite's full-text triggers on quotes.
    op.add_column(
        "quotes", sa.Column("backfilled", sa.Boolean, nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("backfilled")
