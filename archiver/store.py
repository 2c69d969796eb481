"""Store: the only code that writes SQL. Ids, merging, evidence, search.

Writes are upserts keyed by content-derived ids (identity.py), so importing a
file twice, or a chat saved twice, adds each message once. A later source may
fill in what an earlier one lacked (a time, a title) but never overwrites it.
Callers wrap each source in `Archive.transaction()`: all of it or nothing.
New messages get their promises and reference numbers (commitments.py) in that
same transaction, so an archive never holds a message without them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import logging
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import commitments, fts
from .commitments import MessageRow
from .db import ensure_schema
from .errors import BadOption, BadQuery, NotFound
from .identity import anchor, anchor_key, clock_key, conversation_id, message_ids
from .model import Page, Transcript

log = logging.getLogger(__name__)


@dataclass
class Added:
    """What storing one transcript changed."""

    conversation_id: str
    new_conversation: bool
    new_message_ids: list[str]
    known: int  # messages already in the archive


@dataclass
class Reindexed:
    """What rerunning the promise and reference rules over the archive changed."""

    promises_added: int = 0
    promises_removed: int = 0
    #: found again with other details (amount, due date): updated, status untouched
    promises_updated: int = 0
    #: no longer found, but the person had marked them kept or broken: left in place
    promises_kept: int = 0
    promises_unchanged: int = 0
    references_added: int = 0
    references_removed: int = 0
    references_unchanged: int = 0
    #: messages the rules raised on (logged): their rows were left as they were
    failed: int = 0


@dataclass
class Hit:
    """One full-text search result."""

    message_id: str
    conversation_id: str
    sent_at: str | None
    sent_at_text: str
    role: str
    speaker: str
    text: str
    snippet: str
    company: str

    def as_dict(self) -> dict[str, str | None]:
        return dict(self.__dict__)


@dataclass
class Hits:
    """A page of search results: the first hits, how many matched, and their order."""

    hits: list[Hit]
    total: int
    order: str  # "rank" (best first) or "newest" (newest archived first): archiver.fts


#: how far apart the two forms of one anchor's time may be ("Just now" vs "10:42 AM")
BRIDGE = dt.timedelta(minutes=3)


def utcnow() -> str:
    """The current instant as ISO-8601 UTC, seconds precision."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Archive:
    """An archive database, opened and brought to the current schema."""

    def __init__(self, path: str | Path | None = None, *, db: Database | None = None) -> None:
        if db is None:
            db = Database(path) if path is not None else Database(memory=True)
        self.db = db
        self.db.conn.execute("PRAGMA foreign_keys = ON")
        self.db.conn.execute("PRAGMA busy_timeout = 10000")
        ensure_schema(self.db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Archive]:
        """All writes inside commit together or not at all."""
        with self.db.atomic():
            yield self

    # -- sources -----------------------------------------------------------

    def has_source(self, source_id: str) -> bool:
        return self.db.execute("select 1 from sources where id = ?", [source_id]).fetchone() is not None

    def add_source(self, source_id: str, page: Page, parser: str | None, imported_at: str | None = None) -> None:
        """Keep a source and its original bytes (gzip) as evidence."""
        main = page.files[0] if page.files else None
        data = main.data if main else b""
        self.db.execute(
            "insert or ignore into sources (id, kind, path, url, title, saved_at, saved_at_basis, imported_at,"
            " parser, size, content, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                page.kind,
                page.path,
                page.url,
                page.title,
                page.saved_at.isoformat() if page.saved_at else None,
                page.saved_at_basis,
                imported_at or utcnow(),
                parser,
                sum(len(f.data) for f in page.files),
                gzip.compress(data, compresslevel=6, mtime=0),
                hashlib.sha256(data).hexdigest() if main else None,
            ],
        )
        self.db.conn.executemany(
            "insert or ignore into source_files (source_id, path, sha256, size, content) values (?, ?, ?, ?, ?)",
            [
                (source_id, f.path, hashlib.sha256(f.data).hexdigest(), len(f.data), gzip.compress(f.data, 6, mtime=0))
                for f in page.files[1:]
            ],
        )

    def source_bytes(self, source_id: str) -> bytes:
        """The original bytes of a source's main file."""
        row = self.db.execute("select content from sources where id = ?", [source_id]).fetchone()
        if row is None:
            raise KeyError(source_id)
        return gzip.decompress(row[0])

    def link_messages(self, source_id: str, message_ids: Sequence[str]) -> None:
        """Record that a source also shows these (already stored) messages.

        A live collector's final snapshot is evidence for every message the
        run saw, including ones the widget no longer shows at the end.
        """
        self.db.conn.executemany(
            "insert or ignore into message_sources (message_id, source_id)"
            " select ?, ? where exists (select 1 from messages where id = ?)",
            [(mid, source_id, mid) for mid in message_ids],
        )

    # -- transcripts ---------------------------------------------------------

    def add_transcript(
        self, transcript: Transcript, source_id: str, captured_at: Sequence[str | None] | None = None
    ) -> Added:
        """Merge a transcript into the archive and return what was new.

        Messages already present (same id) are kept as they are, apart from
        filling a time they lacked; new ones are placed after the last known
        message that precedes them in this transcript, and `seq` is renumbered.
        """
        msgs = transcript.messages
        conv_id = self._conversation_for(transcript)
        ids = message_ids(conv_id, msgs)
        existing = self.db.execute(
            "select id, seq, sent_at from messages where conversation_id = ? order by seq", [conv_id]
        ).fetchall()
        known = {row[0]: row for row in existing}
        new_conversation = not self.db.execute("select 1 from conversations where id = ?", [conv_id]).fetchone()
        if new_conversation:
            first = anchor(msgs)
            self.db.execute(
                "insert into conversations (id, company, channel, title, url, tz, widget, chat_date, date_basis,"
                " first_source_id, message_count, anchor_key, anchor_clock, anchor_at)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                [
                    conv_id,
                    transcript.company,
                    transcript.channel,
                    transcript.title,
                    transcript.url,
                    transcript.tz,
                    transcript.parser,
                    transcript.chat_date,
                    transcript.date_basis,
                    source_id,
                    anchor_key(transcript.company, msgs),
                    clock_key(first) if first else "",
                    first.sent_at if first else None,
                ],
            )
        else:
            self.db.execute(
                "update conversations set title = coalesce(title, ?), url = coalesce(url, ?) where id = ?",
                [transcript.title, transcript.url, conv_id],
            )

        old_order = [row[0] for row in existing]
        when = {row[0]: row[2] for row in existing}
        when.update({mid: m.sent_at for mid, m in zip(ids, msgs) if mid not in known})
        order = merge_order(old_order, ids, when)
        seq_of = {mid: seq for seq, mid in enumerate(order)}
        new_rows = []
        fills = []
        for i, (mid, m) in enumerate(zip(ids, msgs)):
            if mid in known:
                if known[mid][2] is None and m.sent_at is not None:
                    fills.append((m.sent_at, m.time_basis, mid))
                continue
            cap = captured_at[i] if captured_at is not None else None
            new_rows.append(
                (mid, conv_id, seq_of[mid], m.role, m.speaker, m.text, m.sent_at, m.sent_at_text, m.time_basis,
                 source_id, cap)
            )
        if new_rows:
            moved = [(seq_of[mid], mid) for mid, seq, _ in existing if seq_of[mid] != seq]
            self.db.conn.executemany("update messages set seq = ? where id = ?", moved)
            self.db.conn.executemany(
                "insert into messages (id, conversation_id, seq, role, speaker, text, sent_at, sent_at_text,"
                " time_basis, source_id, captured_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new_rows,
            )
            write_commitments(self.db.conn, (MessageRow(r[0], conv_id, r[3], r[5], r[6]) for r in new_rows))
        if fills:
            self.db.conn.executemany(
                "update messages set sent_at = ?, time_basis = ? where id = ? and sent_at is null", fills
            )
            # a time filled in later moves the due dates counted from it
            shown = dict(zip(ids, msgs))
            redate_promises(self.db.conn, (MessageRow(mid, conv_id, shown[mid].role, shown[mid].text, when)
                                           for when, _, mid in fills))
        self.db.conn.executemany(
            "insert or ignore into message_sources (message_id, source_id) values (?, ?)",
            [(mid, source_id) for mid in ids],
        )
        if new_rows or fills:
            self._refresh_conversation(conv_id)
        return Added(conv_id, new_conversation, [r[0] for r in new_rows], len(ids) - len(new_rows))

    def _conversation_for(self, transcript: Transcript) -> str:
        """The conversation id, told apart from a different chat with the same anchor.

        With no conversation under the computed id, the same chat may be stored
        under the other form of its anchor's time ("Just now" captured live,
        "10:42 AM" in a later save): same words, one form with a shown clock and
        one without, instants within BRIDGE apart.
        """
        msgs = transcript.messages
        conv_id = conversation_id(transcript.company, msgs)
        row = self.db.execute("select chat_date from conversations where id = ?", [conv_id]).fetchone()
        if row:
            if row[0] and transcript.chat_date and _days_apart(row[0], transcript.chat_date) > 1:
                return conversation_id(transcript.company, msgs, salt=transcript.chat_date)
            return conv_id
        first = anchor(msgs)
        mine = _instant(first.sent_at if first else None)
        if first is None or mine is None:
            return conv_id
        shows_clock = bool(clock_key(first))
        candidates = self.db.execute(
            "select id, anchor_clock, anchor_at from conversations where anchor_key = ?",
            [anchor_key(transcript.company, msgs)],
        ).fetchall()
        close = [
            (abs(theirs - mine), cid)
            for cid, clock, at in candidates
            if bool(clock) != shows_clock and (theirs := _instant(at)) is not None and abs(theirs - mine) <= BRIDGE
        ]
        return min(close)[1] if close else conv_id

    def _refresh_conversation(self, conv_id: str) -> None:
        self.db.execute(
            """update conversations set
                 started_at = (select min(sent_at) from messages where conversation_id = :id),
                 ended_at = (select max(sent_at) from messages where conversation_id = :id),
                 message_count = (select count(*) from messages where conversation_id = :id)
               where id = :id""",
            {"id": conv_id},
        )

    # -- promises and reference numbers ---------------------------------------

    def reindex_commitments(self) -> Reindexed:
        """Rerun the promise and reference rules over every message, in one transaction.

        Ids are content-derived, so a promise found again keeps its row and its
        status; one no longer found is removed unless the person set its status
        (kept, broken), in which case it stays as the record of that judgement.
        """
        done = Reindexed()
        with self.transaction():
            conn = self.db.conn
            rows = conn.execute("select id, conversation_id, role, text, sent_at from messages order by rowid")
            result = _found(MessageRow(*r) for r in rows)
            promises, references = result.promises, result.references
            # rows of messages the rules failed on stay as they were
            failed = {mid for mid, _ in result.failed}
            done.failed = len(failed)
            old = {r[0]: r for r in conn.execute(f"select {_PROMISE_FIELDS}, status from promises")
                   if r[1] not in failed}
            found = {r[0] for r in promises}
            changed = []
            for row in promises:
                before = old.get(row[0])
                if before is None:
                    done.promises_added += 1
                elif tuple(before[:-1]) != row:
                    changed.append(row[1:] + (row[0],))
                else:
                    done.promises_unchanged += 1
            done.promises_updated = len(changed)
            gone = [(pid,) for pid, r in old.items() if pid not in found and r[-1] == "open"]
            done.promises_removed = len(gone)
            done.promises_kept = sum(1 for pid in old if pid not in found) - len(gone)
            conn.executemany("delete from promises where id = ?", gone)
            conn.executemany(
                "update promises set message_id = ?, conversation_id = ?, kind = ?, text = ?, amount = ?,"
                " currency = ?, due_text = ?, due_by = ? where id = ?",
                changed,
            )
            conn.executemany(_INSERT_PROMISE, [r for r in promises if r[0] not in old])
            old_refs = {r[0] for r in conn.execute("select id, message_id from reference_numbers") if r[1] not in failed}
            new_refs = {r[0] for r in references}
            stale = [(rid,) for rid in old_refs - new_refs]
            conn.executemany("delete from reference_numbers where id = ?", stale)
            conn.executemany(_INSERT_REFERENCE, [r for r in references if r[0] not in old_refs])
            done.references_added = len(new_refs - old_refs)
            done.references_removed = len(stale)
            done.references_unchanged = len(new_refs & old_refs)
        return done

    def set_promise_status(self, promise_id: str, status: str, changed_at: str | None = None) -> str:
        """Mark a promise open, kept or broken; returns its previous status.

        Raises NotFound for an id the archive does not hold, BadOption for a status
        outside commitments.STATUSES.
        """
        if status not in commitments.STATUSES:
            raise BadOption(f"unknown status {status!r}: use one of {', '.join(commitments.STATUSES)}")
        with self.transaction():
            row = self.db.execute("select status from promises where id = ?", [promise_id]).fetchone()
            if row is None:
                raise NotFound(f"no promise {promise_id!r} in this archive: `chat-archiver promises` lists their ids")
            if row[0] != status:
                self.db.execute(
                    "update promises set status = ?, status_changed_at = ? where id = ?",
                    [status, changed_at or utcnow(), promise_id],
                )
        return row[0]

    # -- reading -------------------------------------------------------------

    def search(self, query: str, limit: int = 20, rank_max_hits: int | None = None) -> Hits:
        """Full-text search: FTS5 syntax, phrases in quotes, `waiv*` prefixes.

        Best first; when more than `rank_max_hits` (default fts.RANK_MAX_HITS)
        messages match, the newest archived first. Raises BadQuery for syntax SQLite cannot parse.
        """
        if not query.strip():
            raise BadQuery("the search query is empty")
        try:
            total, order = fts.hit_order(
                self.db.conn, query, fts.RANK_MAX_HITS if rank_max_hits is None else rank_max_hits
            )
            rows = self.db.execute(f"""
                select m.id, m.conversation_id, m.sent_at, m.sent_at_text, m.role, m.speaker, m.text,
                       snippet(messages_fts, 0, '**', '**', '…', 16), c.company
                from messages_fts
                join messages m on m.rowid = messages_fts.rowid
                join conversations c on c.id = m.conversation_id
                where messages_fts match ?
                order by {fts.ORDER_BY[order]}
                limit ?
            """, [query, limit]).fetchall()
        except sqlite3.OperationalError as e:
            raise BadQuery(
                f"cannot search for {query!r}: {e}; put phrases in double quotes, e.g. '\"late fee\"'"
            ) from None
        hits = [Hit(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6], r[7], r[8] or "") for r in rows]
        return Hits(hits, total, order)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {t: self.db[t].count for t in ("sources", "conversations", "messages")}


_PROMISE_FIELDS = ", ".join(commitments.PROMISE_COLUMNS)
_INSERT_PROMISE = (
    f"insert or ignore into promises ({_PROMISE_FIELDS}) values ({', '.join('?' for _ in commitments.PROMISE_COLUMNS)})"
)
_INSERT_REFERENCE = (
    f"insert or ignore into reference_numbers ({', '.join(commitments.REFERENCE_COLUMNS)})"
    f" values ({', '.join('?' for _ in commitments.REFERENCE_COLUMNS)})"
)


def write_commitments(conn: sqlite3.Connection, messages: Iterable[MessageRow]) -> None:
    """Store the promises and reference numbers of newly stored messages.

    Inside the caller's transaction; rows already present (same id) are left alone,
    so a status the person set is never reset. Also used by migration m002.
    """
    found = _found(messages)
    conn.executemany(_INSERT_PROMISE, found.promises)
    conn.executemany(_INSERT_REFERENCE, found.references)


def redate_promises(conn: sqlite3.Connection, messages: Iterable[MessageRow]) -> None:
    """Recount due dates of messages whose time was filled in after they were stored."""
    rows = _found(messages).promises
    conn.executemany("update promises set due_text = ?, due_by = ? where id = ?", [(r[7], r[8], r[0]) for r in rows])
    conn.executemany(_INSERT_PROMISE, rows)


def _found(messages: Iterable[MessageRow]) -> commitments.Found:
    found = commitments.rows_for(messages)
    for message_id, error in found.failed:
        log.warning(
            "could not look for promises in message %s (%s); it is archived without them:"
            " run `chat-archiver reindex` after upgrading", message_id, error,
        )
    return found


def merge_order(old: list[str], incoming: list[str], when: Mapping[str, str | None] | None = None) -> list[str]:
    """Merge two orderings of message ids, keeping both orders where they agree.

    Ids new to `old` follow the furthest already-placed id that precedes them
    in `incoming` (or open the list). Messages only `old` holds stay where they
    are, with a new message placed after them when both show times and theirs
    is earlier (`when`: ISO instants), so a message one save missed lands in
    time order. Linear in the length of both lists.
    """
    if not old:
        return list(incoming)
    position = {mid: i for i, mid in enumerate(old)}
    attached: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for mid in incoming:
        if mid in position:
            if anchor is None or position[mid] > position[anchor]:
                anchor = mid
        else:
            attached.setdefault(anchor, []).append(mid)
    instants = {k: _instant(v) for k, v in (when or {}).items()}
    in_incoming = set(incoming)
    result: list[str] = []
    pending: deque[str] = deque(attached.get(None, []))
    for mid in old:
        if mid in in_incoming:
            result.extend(pending)
            pending.clear()
        else:
            mine = instants.get(mid)
            while pending:
                theirs = instants.get(pending[0])
                if mine is not None and theirs is not None and theirs > mine:
                    break
                result.append(pending.popleft())
        result.append(mid)
        pending.extend(attached.get(mid, []))
    result.extend(pending)
    return result


def _instant(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.timezone.utc)
    except ValueError:
        return None


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0
