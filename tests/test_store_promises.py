"""Promises and reference numbers in the archive: written on import, stable, reindexed, migrated."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from archiver.db import migrations
from conftest import FIXTURES, place
from sqlite_utils import Database

from archiver.commitments import PROMISE_ROLES, MessageRow, promise_rows, reference_rows
from archiver.errors import BadOption, NotFound
from archiver.importer import ImportOptions, import_file
from archiver.model import Document, Message, Page, SourceFile, Transcript
from archiver.promises import find_promises
from archiver.store import Added, Archive, Reindexed

LATE_FEE = FIXTURES / "liveperson" / "late-fee.html"
WAIVED = (
    "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. "
    "Your reference number is LF7731."
)
WAIVED_SENTENCE = "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles."


def digest(*parts: str) -> str:
    """The id recipe, written out: sha256 of the parts joined by U+001F, 16 hex digits."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def rows(archive: Archive, table: str) -> list[dict]:
    return [dict(r) for r in archive.db[table].rows_where(order_by="rowid")]


def waived_ids(archive: Archive) -> tuple[str, str]:
    mid, cid = archive.db.execute("select id, conversation_id from messages where text = ?", [WAIVED]).fetchone()
    return mid, cid


def expected_promise(mid: str, cid: str, **changes: object) -> dict:
    row = {
        "id": digest("promise", mid, "fee_waiver", WAIVED_SENTENCE, "0"),
        "message_id": mid,
        "conversation_id": cid,
        "kind": "fee_waiver",
        "text": WAIVED_SENTENCE,
        "amount": 40.0,
        "currency": "USD",
        "due_text": "within 1-2 billing cycles",
        # the message was sent on March 4, 2025 (EST); two billing cycles (months) on
        "due_by": "2025-05-04",
        "status": "open",
        "status_changed_at": None,
    }
    row.update(changes)
    return row


def expected_reference(mid: str, cid: str) -> dict:
    return {
        "id": digest("reference", mid, "reference", "LF7731", "0"),
        "message_id": mid,
        "conversation_id": cid,
        "label": "reference",
        "value": "LF7731",
    }


def import_late_fee(archive: Archive, tmp_path: Path, name: str = "late-fee.html", extra: bytes = b"") -> None:
    folder = tmp_path / name.replace(".", "-")
    folder.mkdir()
    page = place(LATE_FEE, folder)
    if extra:
        page = page.rename(folder / name)
        page.write_bytes(page.read_bytes() + extra)
    result = import_file(archive, page, ImportOptions(tz="America/New_York"))
    assert result.status == "imported", result.error


def test_import_writes_promise_and_reference(archive: Archive, tmp_path: Path) -> None:
    import_late_fee(archive, tmp_path)
    mid, cid = waived_ids(archive)
    # the customer's "Can you remove it?" and the greeting promise nothing; only Jessica's message does
    assert rows(archive, "promises") == [expected_promise(mid, cid)]
    assert rows(archive, "reference_numbers") == [expected_reference(mid, cid)]


def test_reimport_adds_nothing(archive: Archive, tmp_path: Path) -> None:
    import_late_fee(archive, tmp_path)
    # the same chat saved again (other bytes, so a new source): every message is known
    import_late_fee(archive, tmp_path, "late-fee-again.html", b"<!-- saved again -->")
    assert archive.db["sources"].count == 2
    mid, cid = waived_ids(archive)
    assert rows(archive, "promises") == [expected_promise(mid, cid)]
    assert rows(archive, "reference_numbers") == [expected_reference(mid, cid)]


def test_same_ids_in_a_fresh_archive(tmp_path: Path) -> None:
    a, b = Archive(), Archive()
    try:
        for archive, name in ((a, "a"), (b, "b")):
            (tmp_path / name).mkdir()
            import_late_fee(archive, tmp_path / name)
        assert rows(a, "promises") == rows(b, "promises")
        assert rows(a, "reference_numbers") == rows(b, "reference_numbers")
    finally:
        a.close()
        b.close()


def _transcript(sent_at: str | None, basis: str | None) -> Transcript:
    messages = [
        Message(0, "customer", "", "My card arrived damaged.", "9:58 AM", None if sent_at is None else "2025-06-02T09:58:00-04:00", basis),
        Message(1, "bot", "Ava", "A replacement card will arrive in 5-7 business days.", "10:01 AM", sent_at, basis),
    ]
    return Transcript(company="Northwind Card", parser="liveperson", tz="America/New_York", messages=messages)


def add(archive: Archive, transcript: Transcript, name: str) -> Added:
    """Store a hand-built transcript with a source of its own, inside the caller's transaction."""
    data = name.encode()
    archive.add_source(name, Page("html", [Document(name)], [SourceFile(name, data)], name), "liveperson")
    return archive.add_transcript(transcript, name)


def test_due_date_follows_a_time_filled_in_later(archive: Archive) -> None:
    """A save without the chat's date, then one with it: the promise's due date is counted then."""
    with archive.transaction():
        first = add(archive, _transcript(None, None), "s1")
    [row] = rows(archive, "promises")
    mid = first.new_message_ids[1]
    sentence = "A replacement card will arrive in 5-7 business days."
    expected = {
        "id": digest("promise", mid, "replacement", sentence, "0"),
        "message_id": mid,
        "conversation_id": first.conversation_id,
        "kind": "replacement",
        "text": sentence,
        "amount": None,
        "currency": None,
        "due_text": "in 5-7 business days",
        "due_by": None,
        "status": "open",
        "status_changed_at": None,
    }
    assert row == expected
    with archive.transaction():
        # dated from the save time, which (unlike a date the chat shows) leaves the ids alone
        second = add(archive, _transcript("2025-06-02T10:01:00-04:00", "saved"), "s2")
    assert second.new_message_ids == []
    # Monday June 2 plus seven business days is Wednesday June 11
    assert rows(archive, "promises") == [dict(expected, due_by="2025-06-11")]


def test_failed_source_leaves_no_promises(archive: Archive) -> None:
    with pytest.raises(RuntimeError), archive.transaction():
        add(archive, _transcript("2025-06-02T10:01:00-04:00", "page"), "s1")
        raise RuntimeError("the import failed after storing")
    assert (archive.db["messages"].count, archive.db["promises"].count) == (0, 0)


def test_only_the_company_side_promises() -> None:
    """The store skips the extractor for other roles (PROMISE_ROLES); this pins the rule it leans on."""
    sentence = "I will refund $25 to your card within 3 business days."
    assert PROMISE_ROLES == {"agent", "bot"}
    for role in ("customer", "system", "", "Customer"):
        assert find_promises(sentence, role, "2025-06-02T10:00:00-04:00") == []
    assert [p.kind for p in find_promises(sentence, "agent", "2025-06-02T10:00:00-04:00")] == ["refund"]
    customer = MessageRow("m1", "c1", "customer", sentence + " My case number is 99812345.", None)
    assert promise_rows(customer) == []
    # anyone can say a reference number
    assert reference_rows(customer) == [(digest("reference", "m1", "case", "99812345", "0"), "m1", "c1", "case", "99812345")]


def test_unreadable_time_still_finds_the_promise() -> None:
    row = MessageRow("m1", "c1", "agent", "I will refund $25 to your card within 3 business days.", "not a time")
    assert promise_rows(row) == [
        (digest("promise", "m1", "refund", row.text, "0"), "m1", "c1", "refund", row.text, 25.0, "USD",
         "within 3 business days", None)
    ]


def test_repeated_sentence_counts_occurrences() -> None:
    text = "I will call you back tomorrow. I will call you back tomorrow."
    row = MessageRow("m1", "c1", "agent", text, "2025-06-02T10:00:00-04:00")
    sentence = "I will call you back tomorrow."
    assert [r[0] for r in promise_rows(row)] == [
        digest("promise", "m1", "callback", sentence, "0"),
        digest("promise", "m1", "callback", sentence, "1"),
    ]


# -- status and reindex ---------------------------------------------------------


def test_set_status(archive: Archive, tmp_path: Path) -> None:
    import_late_fee(archive, tmp_path)
    mid, cid = waived_ids(archive)
    pid = expected_promise(mid, cid)["id"]
    assert archive.set_promise_status(pid, "kept", "2025-05-01T12:00:00+00:00") == "open"
    assert rows(archive, "promises") == [expected_promise(mid, cid, status="kept", status_changed_at="2025-05-01T12:00:00+00:00")]
    # setting the same status again keeps the time it was first set
    assert archive.set_promise_status(pid, "kept", "2025-06-01T12:00:00+00:00") == "kept"
    assert rows(archive, "promises")[0]["status_changed_at"] == "2025-05-01T12:00:00+00:00"
    with pytest.raises(NotFound, match="no promise 'nope'"):
        archive.set_promise_status("nope", "kept")
    with pytest.raises(BadOption, match="unknown status 'done'"):
        archive.set_promise_status(pid, "done")


def test_reindex_keeps_what_the_person_said(archive: Archive, tmp_path: Path) -> None:
    import_late_fee(archive, tmp_path)
    mid, cid = waived_ids(archive)
    other = archive.db.execute("select id from messages where text = 'Was this chat helpful?'").fetchone()[0]
    real = expected_promise(mid, cid)["id"]
    archive.set_promise_status(real, "kept", "2025-05-01T12:00:00+00:00")
    conn = archive.db.conn
    with archive.transaction():
        # as if older rules had found other things: a wrong due date, two promises and a reference they no longer find
        conn.execute("update promises set due_by = '2025-04-04' where id = ?", [real])
        conn.execute(
            "insert into promises (id, message_id, conversation_id, kind, text, status, status_changed_at)"
            " values ('old-broken', ?, ?, 'other', 'Was this chat helpful?', 'broken', '2025-05-02T00:00:00+00:00')",
            [other, cid],
        )
        conn.execute(
            "insert into promises (id, message_id, conversation_id, kind, text) values ('old-open', ?, ?, 'other', 'x')",
            [other, cid],
        )
        conn.execute("delete from reference_numbers")
        conn.execute("insert into reference_numbers values ('old-ref', ?, ?, 'case', 'HELPFUL')", [other, cid])
    done = archive.reindex_commitments()
    assert done == Reindexed(
        promises_added=0, promises_removed=1, promises_updated=1, promises_kept=1, promises_unchanged=0,
        references_added=1, references_removed=1, references_unchanged=0,
    )
    assert rows(archive, "promises") == [
        expected_promise(mid, cid, status="kept", status_changed_at="2025-05-01T12:00:00+00:00"),
        {"id": "old-broken", "message_id": other, "conversation_id": cid, "kind": "other", "text": "Was this chat helpful?",
         "amount": None, "currency": None, "due_text": None, "due_by": None, "status": "broken",
         "status_changed_at": "2025-05-02T00:00:00+00:00"},
    ]
    assert rows(archive, "reference_numbers") == [expected_reference(mid, cid)]
    # a second run finds everything in place
    assert archive.reindex_commitments() == Reindexed(promises_kept=1, promises_unchanged=1, references_unchanged=1)


# -- upgrading an archive made before promises -------------------------------------


def test_migration_fills_an_archive_made_at_m001(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_promises")
    assert "promises" not in db.table_names()
    db["conversations"].insert({"id": "c1", "company": "Northwind Card", "tz": "America/New_York", "message_count": 3})
    db["sources"].insert({"id": "s1", "kind": "html", "path": "late-fee.html"})
    for seq, (role, speaker, text, sent_at) in enumerate([
        ("agent", "Jessica", "Hi, I'm Jessica. How can I help you today?", "2025-03-04T10:41:00-05:00"),
        ("customer", "", "I was charged a $40 late fee but my payment was on time.\nCan you remove it?", "2025-03-04T10:42:00-05:00"),
        ("agent", "Jessica", WAIVED, "2025-03-04T10:44:00-05:00"),
    ]):
        db["messages"].insert({"id": f"m{seq}", "conversation_id": "c1", "seq": seq, "role": role, "speaker": speaker,
                               "text": text, "sent_at": sent_at, "source_id": "s1"})
    db.close()

    archive = Archive(path)
    try:
        every = [m.name for m in migrations.pending(Database(memory=True))]
        assert [m.name for m in migrations.applied(archive.db)] == every
        assert every[:2] == ["m001_core", "m002_promises"]
        assert rows(archive, "promises") == [expected_promise("m2", "c1")]
        assert rows(archive, "reference_numbers") == [expected_reference("m2", "c1")]
        # the new tables' shape: defaults, keys and indexes
        archive.db.execute("insert into promises (id, message_id, conversation_id, kind, text) values ('p', 'm0', 'c1', 'other', 't')")
        assert archive.db.execute("select status from promises where id = 'p'").fetchone() == ("open",)
        with pytest.raises(sqlite3.IntegrityError):
            archive.db.execute("insert into promises (id, message_id, conversation_id, kind, text) values ('q', 'nope', 'c1', 'other', 't')")
        indexed = {tuple(i.columns) for i in archive.db["promises"].indexes}
        assert {("message_id",), ("conversation_id",), ("status",), ("due_by",), ("kind",)} <= indexed
        assert {fk.other_table for fk in archive.db["reference_numbers"].foreign_keys} == {"messages", "conversations"}
    finally:
        archive.close()
    # opening again applies nothing twice
    again = Archive(path)
    try:
        assert again.db["promises"].count == 2
    finally:
        again.close()


# -- a bug in the rules costs the promises, never the message --------------------------------


def test_a_failing_extractor_never_loses_the_message(archive: Archive, tmp_path: Path, monkeypatch, caplog) -> None:
    from archiver import commitments

    real = commitments.find_promises

    def broken(text: str, role: str = "agent", sent_at=None):
        if "late fee;" in text:
            raise IndexError("list index out of range")
        return real(text, role, sent_at)

    monkeypatch.setattr(commitments, "find_promises", broken)
    import_late_fee(archive, tmp_path)
    mid, cid = waived_ids(archive)
    assert archive.db["messages"].count == 7
    assert rows(archive, "promises") == [] and rows(archive, "reference_numbers") == []
    assert f"could not look for promises in message {mid} (IndexError: list index out of range)" in caplog.text

    # reindex while the rules still fail leaves that message's rows alone...
    with archive.transaction():
        archive.db.conn.execute("insert into reference_numbers values ('kept-ref', ?, ?, 'case', 'X1')", [mid, cid])
    assert archive.reindex_commitments() == Reindexed(failed=1)
    assert [r["id"] for r in rows(archive, "reference_numbers")] == ["kept-ref"]
    # ...and once they are fixed, reindex reads it
    monkeypatch.setattr(commitments, "find_promises", real)
    assert archive.reindex_commitments() == Reindexed(promises_added=1, references_added=1, references_removed=1)
    assert rows(archive, "promises") == [expected_promise(mid, cid)]
    assert rows(archive, "reference_numbers") == [expected_reference(mid, cid)]


def test_an_upgrade_survives_a_failing_extractor(tmp_path: Path, monkeypatch) -> None:
    from archiver import commitments

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_promises")
    db["conversations"].insert({"id": "c1", "company": "Northwind Card"})
    db["messages"].insert({"id": "m1", "conversation_id": "c1", "seq": 0, "role": "agent", "text": WAIVED})
    db.close()

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(commitments, "find_promises", broken)
    archive = Archive(path)
    try:
        every = [m.name for m in migrations.pending(Database(memory=True))]
        assert [m.name for m in migrations.applied(archive.db)] == every
        assert every[:2] == ["m001_core", "m002_promises"]
        assert archive.db["promises"].count == 0 and archive.db["messages"].count == 1
    finally:
        archive.close()
