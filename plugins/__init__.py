"""The chat archive's Datasette plugin: search, transcripts, quote cards, linked ids.

Registered through the `datasette` entry point, so `chat-archiver serve` and plain
`datasette archive.db` serve the same pages. It only reads: Datasette opens the
file read-only (`mode=ro`), which still sees rows a running import adds (WAL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from archiver.commitments import amount_text, kind_words
from archiver.tracker import local_today

from . import cells, views
from .archives import find_archives, known_archives, metadata_for
from .compat import Response, hookimpl, is_invalid_sql, let_label_rows_page_by_rowid
from .facets import ConversationFacet, DayFacet, MessageFacet, filters_for

#: plugin static files, served by our own route so they carry our headers
STATIC_FILES = {"chat_archiver.css": "text/css; charset=utf-8", "chat_archiver.js": "text/javascript; charset=utf-8"}


@hookimpl
def startup(datasette: Any) -> Any:
    let_label_rows_page_by_rowid()  # the messages table sorts by rowid (db/metadata.json)

    async def inner() -> None:
        await find_archives(datasette)

    return inner


#: per-connection settings for reading a large archive: memory-mapped reads skip
#: a system call per page, which halves the cost of visiting 100,000 search hits
ARCHIVE_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")


def chat_today(tz: str | None, sent_at: str | None) -> str:
    """SQL `chat_archiver_today(tz, sent_at)`: today's date where the chat happened.

    The overdue canned query compares due dates with it, so Datasette and
    `chat-archiver promises --overdue` agree (one rule, in archiver.tracker).
    """
    return local_today(tz, sent_at, dt.datetime.now(dt.timezone.utc)).isoformat()


@hookimpl
def prepare_connection(conn: Any) -> None:
    if conn.execute("select 1 from sqlite_master where type = 'table' and name = 'messages_fts'").fetchone():
        for pragma in ARCHIVE_PRAGMAS:
            conn.execute(pragma)
        conn.create_function("chat_archiver_today", 2, chat_today)


@hookimpl
def get_metadata(datasette: Any, key: str, database: str, table: str) -> dict[str, Any]:
    return metadata_for(known_archives(datasette))


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/search$", views.search_page),
        (r"^/-/chat/(?P<conversation_id>[^/]+)$", views.chat_page),
        (r"^/-/quote/(?P<message_id>[^/]+?)(?P<ext>\.json)?$", views.quote_page),
        (r"^/-/chat-archiver/static/(?P<name>[^/]+)$", static_file),
    ]


async def static_file(request: Any) -> Response:
    from importlib import resources

    name = request.url_vars["name"]
    if name not in STATIC_FILES:
        return Response.text("not found", status=404)
    body = (resources.files(__name__) / "static" / name).read_bytes()
    return Response(
        body, content_type=STATIC_FILES[name],
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=300"},
    )


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    # promise rows say their amount and kind the way the CLI and quote text do
    env.filters["chat_archiver_amount"] = amount_text
    env.filters["chat_archiver_kind"] = kind_words


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path("/-/chat-archiver/static/chat_archiver.css")]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if database not in known_archives(datasette):
        return None
    return cells.link_for(datasette, table, column, value, row)


@hookimpl
def register_facet_classes() -> list[type]:
    return [ConversationFacet, MessageFacet, DayFacet]


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if database not in known_archives(datasette):
        return None

    async def inner() -> Any:
        return await filters_for(request, datasette.get_database(database), table)

    return inner


#: the archive page a table's primary key also links to, in Datasette's table view
PK_PAGES = {"messages": ("/-/quote/", "quote"), "conversations": ("/-/chat/", "transcript")}


@hookimpl
def extra_template_vars(view_name: str, database: str | None, table: str | None, datasette: Any) -> Any:
    if view_name == "table" and table in PK_PAGES and database in known_archives(datasette):
        prefix, label = PK_PAGES[table]
        return {"chat_archiver_pk_page": {"href": datasette.urls.path(prefix), "label": label}}
    if view_name != "index":
        return None

    async def inner() -> dict[str, Any]:
        return await views.home_vars(datasette)

    return inner


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    links = [{"href": datasette.urls.path("/-/search"), "label": "Search chats"}]
    archives = known_archives(datasette)
    if archives:
        links.append({"href": datasette.urls.table(archives[0], "promises"), "label": "Promises"})
    return links


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    # A table search SQLite cannot parse ("late fee) gets a friendly 400, not "Invalid SQL".
    if request is None or "_search" not in request.args or not is_invalid_sql(exception):
        return None

    async def inner() -> Response:
        return await views.search_error(datasette, request, str(getattr(exception, "message", exception)))

    return inner
