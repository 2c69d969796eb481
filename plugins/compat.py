"""Everything this plugin takes from Datasette beyond its documented hooks, in one place.

Built against the Datasette 0.65 line (pinned `>=0.65.5,<0.66` in pyproject.toml).
Facet and filter base classes, error types and the metadata hook's shape move
between major versions; a port to 1.x starts, and should end, in this module
(and in templates/_table.html, a copy of 0.65's with one link added).
Two shims at the end keep a search of a million messages fast in 0.65: the FTS
index counts a plain search, and rowid-sorted HTML pages can page (datasette#1773).
"""

from __future__ import annotations

from typing import Any

from datasette import Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, sqlite_timelimit
from datasette.utils.asgi import BadRequest
from datasette.views.base import DatasetteError

__all__ = [
    "BadRequest",
    "count_searches_by_index",
    "let_label_rows_page_by_rowid",
    "DatasetteError",
    "Facet",
    "FilterArguments",
    "QueryInterrupted",
    "Response",
    "hookimpl",
    "is_invalid_sql",
    "path_with_added_args",
    "path_with_removed_args",
    "sqlite_timelimit",
    "tables_metadata",
]

DATASETTE_SERIES = "0.65"


def is_invalid_sql(exception: BaseException) -> bool:
    """True for the error Datasette raises when SQLite rejects a query (an FTS syntax error)."""
    return isinstance(exception, DatasetteError) and getattr(exception, "title", None) == "Invalid SQL"


def tables_metadata(database_metadata: dict[str, Any], database: str) -> dict[str, Any]:
    """Metadata for one database in the shape 0.65's `get_metadata` hook returns."""
    return {"databases": {database: database_metadata}}


def _plain_search_counts(table: str, fts_table: str) -> dict[str, str]:
    """0.65's count SQL for a table search with no other filter -> the same count from the index."""
    t, f = escape_sqlite(table), escape_sqlite(fts_table)
    return {
        f"select count(*) from {t} where rowid in (select rowid from {f} where {f} match {match}) ":
        f"select count(*) from {f} where {f} match {match}"
        for match in (":search", "escape_fts(:search)")  # searchmode raw, escaped
    }


def count_searches_by_index(db: Any, table: str = "messages", fts_table: str = "messages_fts") -> None:
    """Let the FTS index count a plain search of `table` on this Database.

    0.65's table view counts a search by looking up every hit's row (about 1 µs
    each: a quarter of a second for a common word in a million messages); the
    index gives the same number in a few ms, as the triggers keep both in step.
    Only that exact statement is answered from the index; a search with filters
    is counted as Datasette wrote it. Datasette 1.0 makes the count opt-in instead.
    """
    if getattr(db, "_chat_archiver_counts", False):
        return
    rewrites = _plain_search_counts(table, fts_table)
    execute = db.execute

    async def execute_counted(sql: str, *args: Any, **kwargs: Any) -> Any:
        return await execute(rewrites.get(sql, sql), *args, **kwargs)

    db.execute = execute_counted
    db._chat_archiver_counts = True


class _MissingColumn(KeyError, IndexError):
    """A label-expanded row lacks the column: both errors, as sqlite3.Row raises IndexError."""


class _LabelRow:
    def __getitem__(self, key: Any) -> Any:
        try:
            return super().__getitem__(key)  # type: ignore[misc]
        except KeyError as e:
            raise _MissingColumn(*e.args) from None


def let_label_rows_page_by_rowid() -> None:
    """Let a table sorted by `rowid` page when its foreign keys are shown with labels.

    0.65 looks up the next page's sort value in the last row and, when the column
    is not selected (rowid never is, on a table with a primary key), asks SQLite
    for it, but only on the IndexError of sqlite3.Row: the label-expanded rows of
    HTML pages raise KeyError, a 500 (datasette#1773; upstream PR #2600, open, fixes it).
    """
    from datasette.views import table

    if issubclass(table.CustomRow, _LabelRow):
        return
    table.CustomRow = type("CustomRow", (_LabelRow, table.CustomRow), {})

