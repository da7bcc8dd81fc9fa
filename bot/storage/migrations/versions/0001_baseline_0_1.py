"""Baseline: the schema of quotebot 0.1, and the step 0.1 itself ran at start (speaker counts).

A database made by 0.1 has these tables and no version table: this revision then adds only the
kept speaker counts if they are missing (0.1's hand-written migration) and is recorded as done.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
    "text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
)
COUNTS = (
    ("quote_count", "INTEGER DEFAULT 0"),
    ("article_count", "INTEGER DEFAULT 0"),
    ("compound_sum", "FLOAT DEFAULT 0"),
)
MINE = "FROM quotes WHERE speaker_id = speakers.id"
RECOUNT = (
    f"UPDATE speakers SET quote_count = (SELECT count(*) {MINE}), "
    f"article_count = (SELECT count(DISTINCT article_id) {MINE}), "
    f"compound_sum = coalesce((SELECT sum(compound) {MINE}), 0)"
)


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "articles" in tables:
        _adopt_0_1()
    else:
        _create()
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS:
            op.execute(statement)


def downgrade() -> None:
    for table in ("deliveries", "subscriptions", "feeds", "quotes", "speaker_aliases"):
        op.drop_table(table)
    op.drop_table("speakers")
    op.drop_table("articles")


def _adopt_0_1() -> None:
    """A 0.1 database: add the speaker counts when they are missing, as 0.1 did at start."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("speakers")}
    missing = [(name, ddl) for name, ddl in COUNTS if name not in columns]
    for name, ddl in missing:
        op.execute(f"ALTER TABLE speakers ADD COLUMN {name} {ddl}")
    if missing:
        op.execute("CREATE INDEX IF NOT EXISTS ix_speakers_quote_count ON speakers (quote_count)")
        op.execute(RECOUNT)


def _create() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("identity", sa.String(600), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("published", sa.Date, index=True),
        sa.Column("dateline", sa.String(200)),
        sa.Column("credit", sa.String(300)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("key", sa.String(300), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("quote_count", sa.Integer, nullable=False, index=True),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("compound_sum", sa.Float, nullable=False),
    )
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "speaker_id",
            sa.Integer,
            sa.ForeignKey("speakers.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("alias", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False, index=True),
        sa.UniqueConstraint("speaker_id", "alias"),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), nullable=False),
        sa.Column("speaker_as_written", sa.String(300), nullable=False),
        sa.Column("role", sa.String(300)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("cue", sa.String(60)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("compound", sa.Float, nullable=False),
        sa.Column("label", sa.String(10), nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("article_id", "start", "end"),
    )
    op.create_index("ix_quotes_speaker_recent", "quotes", ["speaker_id", "published", "id"])
    op.create_index("ix_quotes_ingested", "quotes", ["ingested_at", "id"])
    op.create_index("ix_quotes_published", "quotes", ["published"])
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.String(500)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("added_by", sa.String(200)),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("last_polled", sa.DateTime),
        sa.Column("next_poll", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("channel_id", sa.String(100), nullable=False),
        sa.Column("time", sa.String(5), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("speakers", sa.Text),
        sa.Column("keywords", sa.Text),
        sa.Column("created_by", sa.String(100)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("platform", "channel_id"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("channel_id", sa.String(100), nullable=False),
        sa.Column("period_key", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("cutoff", sa.DateTime),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("detail", sa.Text),
        sa.UniqueConstraint("platform", "channel_id", "period_key"),
    )
