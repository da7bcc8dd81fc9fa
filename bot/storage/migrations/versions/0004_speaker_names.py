"""Speaker names: each distinct extracted name once, pointing at its speaker; quotes keep theirs.

Speakers become a deterministic grouping of the names (see bot/storage/speakers.py), recomputed
where a new name lands, so the same articles give the same speakers in any order. A database
from before keeps its speakers exactly as they were: each speaker's name and its aliases become
its names, and each quote points at its speaker's own name.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column(
            "speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), nullable=True, index=True
        ),
    )
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("name_id", sa.Integer, nullable=True))
    op.create_index("ix_quotes_name_id", "quotes", ["name_id"])
    _adopt_existing()


def downgrade() -> None:
    op.drop_index("ix_quotes_name_id", "quotes")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("name_id")
    op.drop_table("speaker_names")


def _adopt_existing() -> None:
    """Names for the speakers already stored: their own name, then their aliases not taken."""
    bind = op.get_bind()
    taken: set[str] = set()
    rows = bind.execute(sa.text("SELECT id, name, kind FROM speakers ORDER BY id")).all()
    aliases = bind.execute(
        sa.text("SELECT speaker_id, alias FROM speaker_aliases ORDER BY speaker_id, id")
    ).all()
    names = [(sid, name, kind) for sid, name, kind in rows]
    kinds = {sid: kind for sid, _name, kind in rows}
    names += [(sid, alias, kinds.get(sid, "PERSON")) for sid, alias in aliases]
    for speaker_id, name, kind in names:
        if name in taken:
            continue
        taken.add(name)
        bind.execute(
            sa.text("INSERT INTO speaker_names (name, kind, speaker_id) VALUES (:n, :k, :sid)"),
            {"n": name, "k": kind or "PERSON", "sid": speaker_id},
        )
    bind.execute(
        sa.text(
            "UPDATE quotes SET name_id = (SELECT n.id FROM speaker_names n JOIN speakers s "
            "ON s.id = n.speaker_id WHERE s.id = quotes.speaker_id AND n.name = s.name)"
        )
    )
