"""Everything this plugin takes from Datasette beyond its documented hooks, in one place.

Built against the Datasette 0.65 line (pinned `>=0.65.5,<0.66` in pyproject.toml).
Facet and filter base classes, error types and the metadata hook's shape move
between major versions; a port to 1.x starts, and should end, in this module
(and in templates/_table.html, a copy of 0.65's with one link added).
"""

from __future__ import annotations

from typing import Any

from datasette import Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args, sqlite_timelimit
from datasette.utils.asgi import BadRequest
from datasette.views.base import DatasetteError

__all__ = [
    "BadRequest",
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
