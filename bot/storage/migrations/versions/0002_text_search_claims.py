"""Text without length limits, full-text search on PostgreSQL, delivery claims with an owner.

- PostgreSQL: every varchar becomes text (an 898-character URL or a 2,000-character feed URL no
  longer fails the insert); feed URLs are unique by their md5, so any length fits the index.
  SQLite never enforced the lengths, so its tables are left as they are.
- PostgreSQL: quotes get a generated tsvector (`simple` configuration over unaccent, as SQLite's
  FTS5 unicode61 tokenizer with remove_diacritics) and a GIN index on it.
- deliveries: owner (which process claimed it) and attempts, so a claim left by a dead process
  can be found and retried once at restart.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VARCHARS = {
    "articles": ("identity", "outlet", "dateline", "credit"),
    "speakers": ("name", "key", "kind"),
    "speaker_aliases": ("alias", "key"),
    "quotes": ("speaker_as_written", "role", "kind", "cue", "label"),
    "feeds": ("url", "etag", "last_modified", "added_by"),
    "subscriptions": ("platform", "channel_id", "time", "tz", "created_by"),
    "deliveries": ("platform", "channel_id", "period_key", "status"),
}
# unaccent() is only STABLE (its dictionary could change), so a generated column needs an
# IMMUTABLE wrapper naming the dictionary; the extension's schema is looked up, not assumed.
UNACCENT_FUNCTION = """
CREATE OR REPLACE FUNCTION quotebot_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, value) $$
"""
TSV_COLUMN = (
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, quotebot_unaccent(text))) STORED"
)


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("owner", sa.Text))
        batch.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "postgresql":
        _postgres_text()
        _postgres_search()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_speaker_newest")
        op.execute("DROP INDEX IF EXISTS ix_quotes_tsv")
        op.execute("ALTER TABLE quotes DROP COLUMN IF EXISTS tsv")
        op.execute("DROP FUNCTION IF EXISTS quotebot_unaccent(text)")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("attempts")
        batch.drop_column("owner")


def _postgres_text() -> None:
    for table, columns in VARCHARS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Text)
    op.drop_constraint("feeds_url_key", "feeds", type_="unique")
    op.execute("CREATE UNIQUE INDEX ix_feeds_url_md5 ON feeds (md5(url))")


def _postgres_search() -> None:
    bind = op.get_bind()
    schema = bind.execute(
        sa.text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
    ).scalar()
    if schema is None:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
        schema = "public"
    op.execute(UNACCENT_FUNCTION.format(schema=schema))
    op.execute(TSV_COLUMN)
    op.execute("CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)")
    # A speaker's newest quotes in the order `quotes NAME` asks (PostgreSQL puts NULLs first
    # when it reads the ascending index backwards, so that one would sort every quote).
    op.execute(
        "CREATE INDEX ix_quotes_speaker_newest ON quotes "
        "(speaker_id, published DESC NULLS LAST, id DESC)"
    )
