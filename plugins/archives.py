"""Which attached databases hold a chat archive, and the archive's metadata for them.

Datasette names a database after its file (archive.db -> /archive), so the plugin
finds archives by their tables instead of by name, and applies db/metadata.json's
`archive` entry to each one: `chat-archiver serve` and plain `datasette` agree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any
from weakref import WeakKeyDictionary

from .compat import count_searches_by_index

#: tables that make a database an archive (written by archiver/store.py)
ARCHIVE_TABLES = frozenset({"messages", "conversations", "messages_fts"})
#: the key in metadata.json's "databases" that stands for every archive
METADATA_KEY = "archive"

_known: WeakKeyDictionary[Any, tuple[str, ...]] = WeakKeyDictionary()


async def find_archives(datasette: Any) -> tuple[str, ...]:
    """Names of the attached databases that are archives, in attach order (cached)."""
    names = []
    for name, db in list(datasette.databases.items()):
        if name == "_internal" or db.is_memory:
            continue
        if ARCHIVE_TABLES <= set(await db.table_names()):
            count_searches_by_index(db)
            names.append(name)
    _known[datasette] = tuple(names)
    return _known[datasette]


def known_archives(datasette: Any) -> tuple[str, ...]:
    """The archives found so far (by startup or the last lookup); for sync hooks."""
    return _known.get(datasette, ())


async def archive_database(datasette: Any) -> Any | None:
    """The Database object of the first archive, or None when none is attached."""
    names = known_archives(datasette)
    if not names or names[0] not in datasette.databases:
        names = await find_archives(datasette)
    return datasette.databases[names[0]] if names else None


@lru_cache(maxsize=1)
def _metadata_text() -> str:
    return (resources.files("archiver.db") / "metadata.json").read_text(encoding="utf-8")


def metadata_for(names: tuple[str, ...]) -> dict[str, Any]:
    """metadata.json with its `archive` entry applied to each named database.

    A fresh dict on every call: Datasette merges metadata into what hooks return.
    """
    if not names:
        return {}
    data = json.loads(_metadata_text())
    template = data.pop("databases", {}).get(METADATA_KEY, {})
    data["databases"] = {name: json.loads(json.dumps(template)) for name in names}
    return data
