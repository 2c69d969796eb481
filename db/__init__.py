"""The archive's schema, as data and migrations. Applied on every open.

Each migration is named, runs in its own transaction and is recorded in
`_sqlite_migrations` (sqlite-utils' Migrations), so an archive made by an
older version upgrades in place and a half-applied upgrade cannot exist.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("chat-archiver")

#: FTS configuration: table -> (columns, tokenizer). Porter stemming lets
#: "waive" find "waived"; triggers keep the index in step with the table.
FTS_CONFIG = {"messages": (["text", "speaker"], "porter")}


@migrations()
def m001_core(db: Database) -> None:
    db["sources"].create(
        {
            "id": str,  # sha256 of the file's bytes (of all its files, of a live run's url and start)
            "kind": str,  # html, html-complete, mhtml, webarchive, live
            "path": str,
            "url": str,
            "title": str,
            "saved_at": str,
            "saved_at_basis": str,
            "imported_at": str,
            "parser": str,
            "size": int,
            "content": bytes,  # the original bytes, gzip-compressed
        },
        pk="id",
    )
    db["source_files"].create(
        {
            "source_id": str,
            "path": str,  # relative to the page: frame files of a complete save
            "sha256": str,
            "size": int,
            "content": bytes,
        },
        pk=("source_id", "path"),
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["conversations"].create(
        {
            "id": str,
            "company": str,
            "channel": str,
            "title": str,
            "url": str,
            "tz": str,
            "started_at": str,
            "ended_at": str,
            "widget": str,
            "chat_date": str,
            "date_basis": str,
            "first_source_id": str,
            "message_count": int,
        },
        pk="id",
    )
    db["messages"].create(
        {
            "id": str,
            "conversation_id": str,
            "seq": int,
            "role": str,
            "speaker": str,
            "text": str,
            "sent_at": str,
            "sent_at_text": str,
            "time_basis": str,
            "source_id": str,
            "captured_at": str,
        },
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id"), ("source_id", "sources", "id")],
    )
    db["messages"].create_index(["conversation_id", "seq"])
    db["messages"].create_index(["sent_at"])
    db["message_sources"].create(
        {"message_id": str, "source_id": str},
        pk=("message_id", "source_id"),
        foreign_keys=[("message_id", "messages", "id"), ("source_id", "sources", "id")],
    )
    db["message_sources"].create_index(["source_id"])
    for table, (columns, tokenize) in FTS_CONFIG.items():
        enable_fts(db, table, columns, tokenize)


@migrations()
def m002_promises(db: Database) -> None:
    """Promises and reference numbers (issue 5), filled for the messages already kept.

    The backfill runs here, in the migration's own transaction, so an upgraded
    archive never has the tables without their rows, and it runs once. It uses
    the rules of the version doing the upgrade; `chat-archiver reindex` reruns
    newer rules later. Rows cite their message, so both tables have foreign keys.
    """
    db["promises"].create(
        {
            "id": str,  # commitments.promise_id: message, kind, sentence, occurrence
            "message_id": str,
            "conversation_id": str,
            "kind": str,  # one of archiver.promises.KINDS
            "text": str,  # the sentence, as written in the message
            "amount": float,
            "currency": str,  # ISO 4217
            "due_text": str,  # the due expression as written ("within 1-2 billing cycles")
            "due_by": str,  # the latest date it implies, ISO, from the message's local date
            "status": str,  # open, kept, broken: set by the person, kept by reindex
            "status_changed_at": str,
        },
        pk="id",
        not_null={"status"},
        defaults={"status": "open"},
        foreign_keys=[("message_id", "messages", "id"), ("conversation_id", "conversations", "id")],
    )
    for column in ("message_id", "conversation_id", "status", "due_by", "kind"):
        db["promises"].create_index([column])
    db["reference_numbers"].create(
        {"id": str, "message_id": str, "conversation_id": str, "label": str, "value": str},
        pk="id",
        foreign_keys=[("message_id", "messages", "id"), ("conversation_id", "conversations", "id")],
    )
    for column in ("message_id", "conversation_id", "value"):
        db["reference_numbers"].create_index([column])
    # imported here: the store imports this module to open an archive
    from archiver.commitments import MessageRow
    from archiver.store import write_commitments

    rows = db.execute("select id, conversation_id, role, text, sent_at from messages order by rowid")
    # a message the rules fail on is logged and skipped: the upgrade must not lock the archive
    write_commitments(db.conn, (MessageRow(*row) for row in rows))


@migrations()
def m003_anchors(db: Database) -> None:
    """What a conversation's first message said and when, to bridge its two forms.

    A widget shows "Just now" on a fresh message and "10:42 AM" later; the
    conversation id carries the clock only when one is shown, so the store looks
    up the other form by `anchor_key` (company and the anchor's words) and
    `anchor_at` (its resolved instant). Existing conversations are backfilled.
    """
    table = db["conversations"]
    table.add_column("anchor_key", str)
    table.add_column("anchor_clock", str)
    table.add_column("anchor_at", str)
    table.create_index(["anchor_key"])
    # imported here: the store imports this module to open an archive
    from archiver.identity import anchor, anchor_key, clock_key
    from archiver.model import Message

    for cid, company in db.execute("select id, coalesce(company, '') from conversations").fetchall():
        rows = db.execute(
            "select seq, role, coalesce(speaker, ''), coalesce(text, ''), coalesce(sent_at_text, ''),"
            " sent_at, time_basis from messages"
            " where conversation_id = ? order by seq",
            [cid],
        ).fetchall()
        messages = [Message(*row) for row in rows]
        first = anchor(messages)
        if first is not None:
            db.execute(
                "update conversations set anchor_key = ?, anchor_clock = ?, anchor_at = ? where id = ?",
                [anchor_key(company, messages), clock_key(first), first.sent_at, cid],
            )


@migrations()
def m004_source_digests(db: Database) -> None:
    """The sha256 of each source's main file, or null when it kept no file.

    A source's id is a digest of all its files (complete saves) or of a live
    run's address and start, so citations need the main file's own digest; it
    is stored once instead of decompressing the file on every quote.
    """
    import gzip
    import hashlib

    db["sources"].add_column("sha256", str)
    for sid, content in db.execute("select id, content from sources").fetchall():
        try:
            data = gzip.decompress(content) if content else b""
        except (OSError, EOFError):
            data = b""
        digest = hashlib.sha256(data).hexdigest() if data else None
        db.execute("update sources set sha256 = ? where id = ?", [digest, sid])


def enable_fts(db: Database, table: str, columns: list[str], tokenize: str) -> None:
    """sqlite-utils' FTS5 table and triggers, with the update trigger narrowed
    to the indexed columns: renumbering `seq` must not rewrite the index."""
    db[table].enable_fts(columns, tokenize=tokenize, create_triggers=True)
    cols = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    fts = f"{table}_fts"
    db.execute(f'DROP TRIGGER "{table}_au"')
    db.execute(
        f'''CREATE TRIGGER "{table}_au" AFTER UPDATE OF {cols} ON "{table}" BEGIN
  INSERT INTO "{fts}" ("{fts}", rowid, {cols}) VALUES('delete', old.rowid, {old});
  INSERT INTO "{fts}" (rowid, {cols}) VALUES (new.rowid, {new});
END'''
    )


def ensure_schema(db: Database) -> None:
    """Bring `db` to the current schema: WAL mode, then pending migrations."""
    if db.journal_mode != "wal" and db.conn.execute("PRAGMA database_list").fetchone()[2]:
        db.enable_wal()
    migrations.apply(db)
