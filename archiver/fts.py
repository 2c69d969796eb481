"""How full-text hits are ordered, one policy for `chat-archiver search` and the Datasette pages.

Ranking (bm25) scores every hit before the first is shown, so past RANK_MAX_HITS a
search lists the newest archived hits first, which FTS5 reads in rowid order unscored.
"""

from __future__ import annotations

import sqlite3

#: above this many hits, ranking costs more than a search may (about a second per 250,000)
RANK_MAX_HITS = 20_000
#: the ORDER BY of each order, over a query on messages_fts
ORDER_BY = {"rank": "rank", "newest": "messages_fts.rowid desc"}


def hit_order(conn: sqlite3.Connection, query: str, rank_max_hits: int = RANK_MAX_HITS) -> tuple[int, str]:
    """(how many messages match `query`, "rank" or "newest"), counted by the index alone.

    Raises sqlite3.OperationalError for syntax FTS5 cannot read.
    """
    matched = conn.execute("select count(*) from messages_fts where messages_fts match ?", [query]).fetchone()[0]
    return matched, "rank" if matched <= rank_max_hits else "newest"
