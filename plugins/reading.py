"""What the archive's pages show, read with plain SQL on a read-only connection.

Each function takes a sqlite3 connection (Datasette hands one over through
`execute_fn`), returns plain values for the templates and formats every time
through archiver.quote, so the transcript, the card and the CLI agree.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from archiver.commitments import kind_words
from archiver.errors import BadQuery, NotFound
from archiver.fts import ORDER_BY, RANK_MAX_HITS, hit_order
from archiver.quote import (
    EXTENSION_TABLES,
    LocalTime,
    SourceRef,
    conversation_source_ids,
    extension_rows,
    load_sources,
    local_time,
)

ROLES = ("agent", "customer", "bot", "system")
#: marks FTS5's snippet() puts around matched terms; split out before escaping
HIT_START, HIT_END = "\x02", "\x03"
SEARCH_HINT = 'Put phrases in double quotes ("late fee"), end a prefix with a star (waiv*), and write AND, OR, NOT in capitals.'


def role_class(role: str | None) -> str:
    """A CSS class for a role; anything unexpected gets the neutral one."""
    return role if role in ROLES else "other"


def safe_href(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: a page's own URL is hostile input too."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


# -- search -------------------------------------------------------------------


@dataclass
class Hit:
    message_id: str
    conversation_id: str
    role: str
    speaker: str
    company: str
    time: LocalTime
    #: the snippet as (text, matched) pieces, so the template escapes each
    pieces: list[tuple[str, bool]]

    @property
    def role_class(self) -> str:
        return role_class(self.role)


@dataclass
class SearchResults:
    query: str
    company: str
    role: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    #: True when `total` is a lower bound (a filtered count stopped at COUNT_CAP)
    total_capped: bool = False
    #: "rank" (best first) or "newest" (newest archived first, for huge result sets)
    order: str = "rank"
    offset: int = 0
    limit: int = 20

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total or (self.total_capped and len(self.hits) == self.limit)


#: a filtered count (company, role) visits every hit; past this it says "more than"
COUNT_CAP = 10_000


def snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """Split FTS5's marked snippet into (text, matched) pieces."""
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(HIT_START)):
        if i == 0:
            if part:
                pieces.append((part, False))
            continue
        matched, _, rest = part.partition(HIT_END)
        pieces.append((matched, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def marked_pieces(text: str, promises: list[dict[str, Any]] | None) -> list[tuple[str, str]]:
    """Split a message's text into (text, label) pieces; a piece with a label is a
    promise's sentence, found by its exact words.

    The template escapes every piece and wraps labelled ones in <mark>, so the text is
    never read as HTML. A sentence not in the text (the rules changed) marks nothing.
    """
    spans: dict[tuple[int, int], list[str]] = {}
    for p in promises or ():
        sentence = p.get("text") or ""
        if not sentence:
            continue
        label = "Promise: " + kind_words(p.get("kind"))
        if p.get("due_by"):
            label += f", due by {p['due_by']}"
        label += f" ({p.get('status') or 'open'})"
        start = text.find(sentence)
        while start != -1:
            labels = spans.setdefault((start, start + len(sentence)), [])
            if label not in labels:
                labels.append(label)
            start = text.find(sentence, start + len(sentence))
    pieces: list[tuple[str, str]] = []
    at = 0
    for (start, end), labels in sorted(spans.items()):
        if start < at:  # overlaps a span already marked
            continue
        if start > at:
            pieces.append((text[at:start], ""))
        # one sentence can hold two promises (a credit and a waiver): one mark names both
        pieces.append((text[start:end], "; ".join(labels)))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], ""))
    return pieces


def search(
    conn: sqlite3.Connection, query: str, company: str = "", role: str = "", limit: int = 20, offset: int = 0
) -> SearchResults:
    """Messages matching an FTS5 query: best first, or newest first when there are
    more than RANK_MAX_HITS. Raises BadQuery for syntax FTS5 cannot read."""
    results = SearchResults(query=query, company=company, role=role, offset=offset, limit=limit)
    if not query.strip():
        return results
    where = ["messages_fts match :q"]
    params: dict[str, Any] = {"q": query, "limit": limit, "offset": offset, "cap": COUNT_CAP + 1}
    if company:
        where.append("c.company = :company")
        params["company"] = company
    if role:
        where.append("m.role = :role")
        params["role"] = role
    joins = (
        "from messages_fts join messages m on m.rowid = messages_fts.rowid"
        " join conversations c on c.id = m.conversation_id"
    )
    try:
        # the index alone counts every hit cheaply; it decides how to order them
        matched, results.order = hit_order(conn, query, RANK_MAX_HITS)
        if company or role:
            capped = f"select count(*) from (select 1 {joins} where {' and '.join(where)} limit :cap)"
            results.total = conn.execute(capped, params).fetchone()[0]
            results.total_capped = results.total > COUNT_CAP
            results.total = min(results.total, COUNT_CAP)
        else:
            results.total = matched
        order_by = ORDER_BY[results.order]
        sql = f"""
            select m.id, m.conversation_id, m.role, m.speaker, m.sent_at, m.sent_at_text, m.time_basis,
                   c.company, c.tz, snippet(messages_fts, 0, char(2), char(3), '…', 24)
            {joins} where {' and '.join(where)}
            order by {order_by} limit :limit offset :offset
        """
        rows = conn.execute(sql, params).fetchall() if results.total else []
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise
        raise BadQuery(f"The search could not be read: {e}. {SEARCH_HINT}") from None
    for mid, cid, r, speaker, sent_at, shown, basis, comp, tz, snip in rows:
        results.hits.append(
            Hit(mid, cid, r or "", speaker or "", comp or "", local_time(sent_at, tz, shown, basis), snippet_pieces(snip or ""))
        )
    return results


def companies(conn: sqlite3.Connection) -> list[str]:
    """Every company in the archive, for the search form."""
    return [r[0] for r in conn.execute("select distinct company from conversations where company is not null order by company")]


# -- a conversation -------------------------------------------------------------


@dataclass
class Line:
    """One message on the transcript page."""

    id: str
    seq: int
    role: str
    speaker: str
    text: str
    time: LocalTime
    #: set on the first message of each local day: the separator above it
    day: str | None = None
    extensions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def role_class(self) -> str:
        return role_class(self.role)

    @property
    def pieces(self) -> list[tuple[str, str]]:
        """The text with its promises' sentences labelled (see marked_pieces)."""
        return marked_pieces(self.text, self.extensions.get("promises"))


@dataclass
class Conversation:
    id: str
    company: str
    channel: str
    title: str | None
    url: str | None
    tz: str | None
    started: LocalTime
    ended: LocalTime
    message_count: int
    widget: str | None
    chat_date: str | None
    sources: list[SourceRef]
    lines: list[Line]

    @property
    def href(self) -> str | None:
        return safe_href(self.url)

    @property
    def zone_label(self) -> str:
        abbreviations = sorted({line.time.abbreviation for line in self.lines if line.time.abbreviation})
        if self.tz and abbreviations:
            return f"{self.tz} ({', '.join(abbreviations)})"
        return self.tz or ", ".join(abbreviations) or "unknown zone"


def load_conversation(conn: sqlite3.Connection, conversation_id: str) -> Conversation:
    """A whole conversation in order, with its sources; NotFound for an unknown id."""
    row = conn.execute(
        "select id, company, channel, title, url, tz, started_at, ended_at, message_count, widget, chat_date"
        " from conversations where id = ?",
        [conversation_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no conversation {conversation_id!r} in this archive")
    cid, company, channel, title, url, tz, started_at, ended_at, count, widget, chat_date = row
    lines = []
    last_day = None
    for mid, seq, r, speaker, text, sent_at, shown, basis in conn.execute(
        "select id, seq, role, speaker, text, sent_at, sent_at_text, time_basis from messages"
        " where conversation_id = ? order by seq",
        [cid],
    ):
        t = local_time(sent_at, tz, shown, basis)
        line = Line(mid, seq, r or "", speaker or "", text or "", t)
        if t.date_key and t.date_key != last_day:
            line.day = t.day
            last_day = t.date_key
        lines.append(line)
    # Extension point (issue 5): promises and reference numbers, per message.
    by_id = {line.id: line for line in lines}
    for table in EXTENSION_TABLES:
        for ext in extension_rows(conn, table, "conversation_id", cid):
            line = by_id.get(ext.get("message_id"))
            if line is not None:
                line.extensions.setdefault(table, []).append(ext)
    return Conversation(
        id=cid,
        company=company or "",
        channel=channel or "",
        title=title,
        url=url,
        tz=tz,
        started=local_time(started_at, tz),
        ended=local_time(ended_at, tz),
        message_count=count or len(lines),
        widget=widget,
        chat_date=chat_date,
        sources=load_sources(conn, conversation_source_ids(conn, cid)),
        lines=lines,
    )


# -- the home page ---------------------------------------------------------------


@dataclass
class Recent:
    id: str
    company: str
    title: str | None
    started: LocalTime
    message_count: int


def recent_conversations(conn: sqlite3.Connection, limit: int = 10) -> list[Recent]:
    """The latest conversations by when they started (undated ones last)."""
    rows = conn.execute(
        "select id, company, title, started_at, tz, message_count from conversations"
        " order by started_at is null, started_at desc limit ?",
        [limit],
    )
    return [Recent(r[0], r[1] or "", r[2], local_time(r[3], r[4]), r[5] or 0) for r in rows]
