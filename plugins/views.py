"""The archive's own pages: search, a conversation's transcript, a message's quote card.

Every page is a packaged template rendered with autoescape, served with a strict
Content-Security-Policy (scripts and styles only from this server, no inline
script), so hostile transcript text stays text even if escaping ever slipped.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import urlencode

from archiver.errors import BadQuery, NotFound
from archiver.quote import Quote, load_quote

from . import reading
from .archives import archive_database
from .compat import Response, sqlite_timelimit

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
PER_PAGE = 20
#: the longest a search may run before it is stopped and reported, not served late
SEARCH_TIME_LIMIT_MS = 2000


async def _html(datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200) -> Response:
    body = await datasette.render_template(template, context, request=request, view_name=template)
    return Response.html(body, status=status, headers=dict(SECURITY_HEADERS))


async def _no_archive(datasette: Any, request: Any) -> Response:
    return await _html(datasette, request, "chat_archiver_error.html", {
        "title": "No archive",
        "message": "None of the attached databases is a chat archive. Import some chats with chat-archiver import.",
    }, status=404)


def _base_url(datasette: Any, request: Any) -> str:
    return datasette.absolute_url(request, datasette.urls.path("/"))


async def search_page(datasette: Any, request: Any) -> Response:
    """`/-/search?q=...&company=...&role=...&page=N`: hits with highlighted snippets."""
    db = await archive_database(datasette)
    if db is None:
        return await _no_archive(datasette, request)
    q = request.args.get("q", "")
    company = request.args.get("company", "")
    role = request.args.get("role", "")
    role = role if role in reading.ROLES else ""
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    offset = (page - 1) * PER_PAGE
    error = None
    results = reading.SearchResults(query=q, company=company, role=role)
    try:
        results = await db.execute_fn(
            lambda conn: _limited(conn, lambda: reading.search(conn, q, company, role, PER_PAGE, offset))
        )
    except BadQuery as e:
        error = str(e)
    except sqlite3.OperationalError as e:
        if "interrupted" not in str(e):
            raise
        error = f"That search took too long and was stopped. Try a longer word or a phrase. {reading.SEARCH_HINT}"
    companies = await db.execute_fn(reading.companies)

    def page_url(n: int) -> str:
        args = {k: v for k, v in (("q", q), ("company", company), ("role", role)) if v}
        if n > 1:
            args["page"] = str(n)
        return datasette.urls.path("/-/search") + ("?" + urlencode(args) if args else "")

    table_args: list[tuple[str, str]] = [("_search", q)]
    if company:
        table_args.append(("_company", company))
    if role:
        table_args.append(("role", role))
    # asked for explicitly, so counted even past the default facets' row bound
    table_args += [("_facet_conversation", "company"), ("_facet_message", "role"),
                   ("_facet_message", "speaker"), ("_facet_day", "sent_at")]
    return await _html(datasette, request, "chat_archiver_search.html", {
        "q": q,
        "company": company,
        "role": role,
        "roles": reading.ROLES,
        "companies": companies,
        "results": results,
        "error": error,
        "hint": reading.SEARCH_HINT,
        "rank_max_hits": reading.RANK_MAX_HITS,
        "page": page,
        "next_url": page_url(page + 1) if results.has_more else None,
        "prev_url": page_url(page - 1) if page > 1 else None,
        "table_url": datasette.urls.table(db.name, "messages") + "?" + urlencode(table_args) if q else None,
    }, status=400 if error else 200)


def _limited(conn: Any, fn: Any) -> Any:
    with sqlite_timelimit(conn, SEARCH_TIME_LIMIT_MS):
        return fn()


async def chat_page(datasette: Any, request: Any) -> Response:
    """`/-/chat/<conversation_id>`: the whole transcript, one anchor per message."""
    db = await archive_database(datasette)
    if db is None:
        return await _no_archive(datasette, request)
    cid = request.url_vars["conversation_id"]
    try:
        conversation = await db.execute_fn(lambda conn: reading.load_conversation(conn, cid))
    except NotFound as e:
        return await _html(datasette, request, "chat_archiver_error.html",
                           {"title": "Conversation not found", "message": str(e)}, status=404)
    return await _html(datasette, request, "chat_archiver_chat.html", {
        "conversation": conversation,
        "database": db.name,
    })


async def quote_page(datasette: Any, request: Any) -> Response:
    """`/-/quote/<message_id>` (HTML card) and `/-/quote/<message_id>.json`."""
    as_json = bool(request.url_vars.get("ext"))
    db = await archive_database(datasette)
    if db is None:
        if as_json:
            return Response.json({"ok": False, "error": "no chat archive is attached", "status": 404}, status=404)
        return await _no_archive(datasette, request)
    mid = request.url_vars["message_id"]
    try:
        quote: Quote = await db.execute_fn(lambda conn: load_quote(conn, mid))
    except NotFound as e:
        if as_json:
            return Response.json({"ok": False, "error": str(e), "status": 404}, status=404, headers=dict(SECURITY_HEADERS))
        return await _html(datasette, request, "chat_archiver_error.html",
                           {"title": "Message not found", "message": str(e)}, status=404)
    base = _base_url(datasette, request)
    if as_json:
        return Response.json(quote.as_dict(base), headers=dict(SECURITY_HEADERS))
    return await _html(datasette, request, "chat_archiver_quote.html", {
        "quote": quote,
        "role_class": reading.role_class(quote.role),
        "text_pieces": reading.marked_pieces(quote.text, quote.promises),
        "permalink": quote.permalink(base),
        "citation_text": quote.as_text(base),
        "citation_markdown": quote.as_markdown(base),
        "database": db.name,
    })


async def search_error(datasette: Any, request: Any, message: str) -> Response:
    """A friendly 400 for a table search SQLite could not parse (HTML or JSON)."""
    text = f"The search could not be read: {message}. {reading.SEARCH_HINT}"
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": text, "status": 400, "title": "Search syntax"}, status=400)
    return await _html(datasette, request, "chat_archiver_error.html", {
        "title": "Search syntax",
        "message": text,
        "q": request.args.get("_search", ""),
    }, status=400)


async def home_vars(datasette: Any) -> dict[str, Any]:
    """Template variables for the home page: the archive's search box and latest chats."""
    db = await archive_database(datasette)
    if db is None:
        return {}
    recent = await db.execute_fn(reading.recent_conversations)
    return {"chat_archive": {"database": db.name, "recent": recent}}
