"""Full-text search, newest stored first, one page at a time, on either database.

SQLite: FTS5 (unicode61, diacritics removed), each word a quoted phrase so no user text is query
syntax. PostgreSQL: the generated `quotes.tsv` (simple configuration over unaccent) with its GIN
index, matched by plainto_tsquery over the same words, so both databases find the same quotes.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_PAGE = text(
    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY rowid DESC LIMIT :n OFFSET :o"
)
POSTGRES_MATCH = "tsv @@ plainto_tsquery('simple'::regconfig, quotebot_unaccent(:q))"
# Few matches: take them all off the GIN index and sort (id + 0 keeps the planner off the primary
# key). Many: walk the primary key from the newest and stop after one page. Choosing by a capped
# count off the index keeps a miss or a rare word from walking every row.
FEW = 2000
POSTGRES_FEW = text(
    f"SELECT count(*) FROM (SELECT 1 FROM quotes WHERE {POSTGRES_MATCH} LIMIT :cap) m"
)
POSTGRES_SORTED = text(
    f"SELECT id FROM quotes WHERE {POSTGRES_MATCH} ORDER BY id + 0 DESC LIMIT :n OFFSET :o"
)
POSTGRES_WALK = text(
    f"SELECT id FROM quotes WHERE {POSTGRES_MATCH} ORDER BY id DESC LIMIT :n OFFSET :o"
)


def words_of(query: str) -> list[str]:
    """The words a search looks for: runs of letters and digits, nothing else."""
    return [w for w in WORD.findall(query) if w.strip("_")]


def search_ids(conn: Connection, words: list[str], limit: int, offset: int) -> list[int]:
    """Ids of quotes containing every word, newest stored first (up to `limit`, from `offset`)."""
    if conn.dialect.name == "postgresql":
        query = " ".join(words)
        few = (conn.scalar(POSTGRES_FEW, {"q": query, "cap": FEW}) or 0) < FEW
        stmt = (POSTGRES_SORTED if few else POSTGRES_WALK).bindparams(q=query, n=limit, o=offset)
    else:
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        stmt = SQLITE_PAGE.bindparams(q=match, n=limit, o=offset)
    return list(conn.scalars(stmt))
