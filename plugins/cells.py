"""Message and conversation ids in Datasette's own tables link to the archive's pages.

Only cells of an archive database are touched; everything else returns None so
Datasette (or another plugin) renders it. Values are escaped by Markup's format.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup

#: (table, column) -> what the value is the id of; table None means any table
#: (canned queries and the issue-5 tables name their columns message_id / conversation_id)
_ID_COLUMNS: dict[tuple[str | None, str], str] = {
    ("messages", "id"): "message",
    ("conversations", "id"): "conversation",
    (None, "message_id"): "message",
    (None, "conversation_id"): "conversation",
}


def link_for(datasette: Any, table: str | None, column: str, value: Any, row: Any) -> Markup | None:
    """The link a cell should show, or None when the cell is not an archive id."""
    if isinstance(value, dict):  # a foreign key Datasette expanded to {"value", "label"}
        value = value.get("value")
    if not isinstance(value, str) or not value:
        return None
    kind = _ID_COLUMNS.get((table, column)) or _ID_COLUMNS.get((None, column))
    if kind == "message":
        href = datasette.urls.path(f"/-/quote/{quote(value, safe='')}")
        return Markup('<a class="ca-id" href="{}" title="Quote card">{}</a>').format(href, value)
    if kind == "conversation":
        href = datasette.urls.path(f"/-/chat/{quote(value, safe='')}")
        message_id = _row_value(row, "id") if table == "messages" else _row_value(row, "message_id")
        if message_id:
            href += f"#m-{quote(message_id, safe='')}"
        return Markup('<a class="ca-id" href="{}" title="Read the conversation">{}</a>').format(href, value)
    return None


def _row_value(row: Any, key: str) -> str | None:
    try:
        value = row[key]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(value, dict):  # expanded by its foreign key (promises, reference_numbers)
        value = value.get("value")
    return value if isinstance(value, str) else None
