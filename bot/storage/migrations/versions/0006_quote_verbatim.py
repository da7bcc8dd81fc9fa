"""Verbatim spans of mixed quotes: the quoted pieces as JSON [[start, end], ...] into the text.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place: a batch copy of quotes would drop SQLite's full-text triggers.
    op.add_column("quotes", sa.Column("verbatim", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("verbatim")
