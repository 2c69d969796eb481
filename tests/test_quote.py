"""Quotes: the citation a person pastes into a letter, from the library and the CLI."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqlite_utils import Database

from archiver.cli import cli
from archiver.db import migrations
from archiver.errors import NotFound
from archiver.quote import load_quote, local_time, markdown_escape, printable, quote_message
from archiver.store import Archive
from serve_support import HOSTILE_TEXTS, WAIVED_TEXT, add_hostile, build_archive, message_id

WAIVED_SENTENCE = "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles."


@pytest.mark.parametrize(
    "sent_at, tz, display, utc",
    [
        ("2025-03-04T10:44:00-05:00", "America/New_York", "March 4, 2025 at 10:44 AM EST", "2025-03-04T15:44:00Z"),
        ("2025-07-01T14:05:30-04:00", "America/New_York", "July 1, 2025 at 2:05:30 PM EDT", "2025-07-01T18:05:30Z"),
        # stored in another offset: shown in the chat's zone
        ("2025-03-04T15:44:00+00:00", "America/New_York", "March 4, 2025 at 10:44 AM EST", "2025-03-04T15:44:00Z"),
        ("2025-03-09T00:30:00-05:00", "America/New_York", "March 9, 2025 at 12:30 AM EST", "2025-03-09T05:30:00Z"),
        ("2025-03-10T12:00:00-04:00", "America/New_York", "March 10, 2025 at 12:00 PM EDT", "2025-03-10T16:00:00Z"),
        # the repeated hour at the end of daylight saving keeps its own abbreviation
        ("2025-11-02T01:30:00-04:00", "America/New_York", "November 2, 2025 at 1:30 AM EDT", "2025-11-02T05:30:00Z"),
        ("2025-11-02T01:30:00-05:00", "America/New_York", "November 2, 2025 at 1:30 AM EST", "2025-11-02T06:30:00Z"),
        ("2025-06-01T09:15:00+01:00", "Europe/London", "June 1, 2025 at 9:15 AM BST", "2025-06-01T08:15:00Z"),
        # a zone without letters gets its offset named
        ("2025-03-04T10:00:00-03:00", "America/Sao_Paulo", "March 4, 2025 at 10:00 AM UTC-03", "2025-03-04T13:00:00Z"),
        # an unknown zone falls back to the stored offset instead of shifting the time
        ("2025-03-04T10:44:00-05:00", "Mars/Olympus", "March 4, 2025 at 10:44 AM UTC-05:00", "2025-03-04T15:44:00Z"),
        ("2025-03-04T10:44:00-05:00", None, "March 4, 2025 at 10:44 AM UTC-05:00", "2025-03-04T15:44:00Z"),
    ],
)
def test_local_time(sent_at: str, tz: str | None, display: str, utc: str) -> None:
    t = local_time(sent_at, tz, "10:44 AM", "page")
    assert (t.display, t.utc) == (display, utc)


def test_local_time_parts() -> None:
    t = local_time("2025-03-04T10:44:00-05:00", "America/New_York", "10:44\u202fAM", "page")
    assert (t.day, t.clock, t.abbreviation, t.date_key) == ("Tuesday, March 4, 2025", "10:44 AM EST", "EST", "2025-03-04")
    assert t.as_dict() == {
        "sent_at": "2025-03-04T10:44:00-05:00",
        "utc": "2025-03-04T15:44:00Z",
        "local": "March 4, 2025 at 10:44 AM EST",
        "zone": "America/New_York",
        "zone_abbreviation": "EST",
        "shown": "10:44\u202fAM",
        "basis": "page",
    }


@pytest.mark.parametrize(
    "sent_at, shown, display",
    [
        (None, "", "time not shown"),
        (None, "Now", "time not shown (the chat showed \u201cNow\u201d)"),
        ("not a time", "", "time not shown"),
        ("2025-03-04T10:44:00", "", "time not shown"),  # no offset: not an instant
    ],
)
def test_time_not_shown(sent_at: str | None, shown: str, display: str) -> None:
    t = local_time(sent_at, "America/New_York", shown)
    assert (t.display, t.utc, t.clock, t.date_key) == (display, None, "", None)


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("plain words, $40 and 1-2 cycles.", "plain words, $40 and 1-2 cycles."),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[refund](javascript:alert(1))", "\\[refund\\](javascript:alert(1))"),
        ("![x](http://tracker/p.png)", "!\\[x\\](http://tracker/p.png)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("a | b ~ c \\ d", "a \\| b \\~ c \\\\ d"),
        ("# not a heading\n- not a list\n1. not numbered\n> not quoted", "\\# not a heading\n\\- not a list\n1\\. not numbered\n\\> not quoted"),
        ("AT&T &amp; &#60;", "AT&T \\&amp; \\&#60;"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


def test_printable_replaces_terminal_controls() -> None:
    assert printable("a\x1b[31mred\x07\tok\nnext\x9b") == "a\ufffd[31mred\ufffd\tok\nnext\ufffd"


@pytest.fixture
def built(tmp_path: Path):
    return build_archive(tmp_path / "archive.db", tmp_path / "pages")


def _conn(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def test_load_quote(built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    with _conn(built.path) as conn:
        q = load_quote(conn, mid)
    assert (q.message_id, q.conversation_id, q.seq, q.role, q.speaker, q.text) == (
        mid, built.conversation_id, 3, "agent", "Jessica", WAIVED_TEXT
    )
    assert (q.company, q.channel, q.conversation_title) == ("Northwind Card", "web chat", "Chat with us | Northwind Card")
    assert q.time.as_dict() == {
        "sent_at": "2025-03-04T10:44:00-05:00",
        "utc": "2025-03-04T15:44:00Z",
        "local": "March 4, 2025 at 10:44 AM EST",
        "zone": "America/New_York",
        "zone_abbreviation": "EST",
        "shown": "10:44\u202fAM",
        "basis": "page",
    }
    [source] = q.sources
    assert (source.name, source.kind, source.sha256, source.id) == ("late-fee.html", "html", built.late_fee_sha256, built.late_fee_sha256)
    assert (source.url, source.saved_at, source.saved_at_basis) == (
        "https://www.northwindcard.com/help/chat?src=acct", "2025-03-04T16:00:00+00:00", "mtime"
    )
    assert q.promises == [{
        "id": hashlib.sha256(f"promise\x1f{mid}\x1ffee_waiver\x1f{WAIVED_SENTENCE}\x1f0".encode()).hexdigest()[:16],
        "message_id": mid, "conversation_id": built.conversation_id, "kind": "fee_waiver", "text": WAIVED_SENTENCE,
        "amount": 40.0, "currency": "USD", "due_text": "within 1-2 billing cycles", "due_by": "2025-05-04",
        "status": "open", "status_changed_at": None,
    }]
    assert q.reference_numbers == [{
        "id": hashlib.sha256(f"reference\x1f{mid}\x1freference\x1fLF7731\x1f0".encode()).hexdigest()[:16],
        "message_id": mid, "conversation_id": built.conversation_id, "label": "reference", "value": "LF7731",
    }]


def test_citations(built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    with _conn(built.path) as conn:
        q = load_quote(conn, mid)
    sha = built.late_fee_sha256
    assert q.as_text() == (
        "On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:\n"
        "\n"
        "\u201cI've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. "
        "Your reference number is LF7731.\u201d\n"
        "\n"
        f"Northwind Card web chat, 2025-03-04T15:44:00Z (UTC), message {mid}.\n"
        f"Source: late-fee.html (sha256 {sha})."
    )
    assert q.as_text("http://127.0.0.1:8001/").endswith(f"\nPermalink: http://127.0.0.1:8001/-/quote/{mid}")
    assert q.as_markdown("http://127.0.0.1:8001") == (
        "On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:\n"
        "\n"
        "> I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. "
        "Your reference number is LF7731.\n"
        "\n"
        f"\u2014 Northwind Card web chat, 2025-03-04T15:44:00Z (UTC), message {mid}; "
        f"source late-fee.html (sha256 `{sha}`); [permalink](http://127.0.0.1:8001/-/quote/{mid})."
    )


def test_customer_and_untimed_wording(built) -> None:
    with _conn(built.path) as conn:
        customer = load_quote(conn, message_id(built.path, "I was charged a $40 late fee but my payment was on time.\nCan you remove it?"))
        system = load_quote(conn, message_id(built.path, "Chat started on 3/4/2025"))
    assert customer.as_text().splitlines()[:4] == [
        "On March 4, 2025 at 10:42 AM EST, the customer wrote:",
        "",
        "\u201cI was charged a $40 late fee but my payment was on time.",
        "Can you remove it?\u201d",
    ]
    assert customer.as_markdown().split("\n\n")[1] == (
        "> I was charged a $40 late fee but my payment was on time.\n> Can you remove it?"
    )
    assert system.as_text().splitlines()[0] == "At a time the chat did not show, the Northwind Card chat showed:"
    assert system.as_dict()["time"]["utc"] is None


def test_hostile_text_in_citations(built) -> None:
    with _conn(built.path) as conn:
        q = load_quote(conn, built.hostile_ids[3])
    assert q.text == HOSTILE_TEXTS[3]
    assert "\x1b" not in q.as_text() and "\x1b" not in q.as_markdown()
    assert "\\<style\\>" in q.as_markdown() and "\\<b\\>bold\\</b\\>" in q.as_markdown()
    assert q.as_dict()["text"] == HOSTILE_TEXTS[3]  # JSON keeps the exact text; json.dumps escapes controls
    assert "\\u001b" in q.as_json()
    with _conn(built.path) as conn:
        link = load_quote(conn, built.hostile_ids[2])
    assert "\\<a href=\"javascript:pwned('link')\" id=\"evil\"\\>" in link.as_markdown()


def test_unknown_message(built) -> None:
    with _conn(built.path) as conn, pytest.raises(NotFound, match="no message 'ffff'"):
        load_quote(conn, "ffff")


def test_permalink_survives_rebuild(tmp_path: Path) -> None:
    """The same files imported into a fresh archive (in another order) give the same quote."""
    first = build_archive(tmp_path / "a.db", tmp_path / "a")
    second = tmp_path / "b.db"
    archive = Archive(second)
    add_hostile(archive)  # the other chat first this time
    archive.close()
    rebuilt = build_archive(second, tmp_path / "b", hostile=False)
    mid = message_id(first.path, WAIVED_TEXT)
    assert message_id(rebuilt.path, WAIVED_TEXT) == mid
    with _conn(first.path) as a, _conn(second) as b:
        qa, qb = load_quote(a, mid).as_dict(), load_quote(b, mid).as_dict()
    for q in (qa, qb):
        for s in q["sources"]:
            s.pop("imported_at")
            s.pop("path")
    assert qa == qb


def test_extension_point_without_promise_tables(tmp_path: Path) -> None:
    """An archive made before issue 5's migration (read-only, not upgraded) quotes without them."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_promises")
    db["conversations"].insert({"id": "c1", "company": "Northwind Card", "tz": "America/New_York"})
    db["messages"].insert({"id": "m1", "conversation_id": "c1", "seq": 0, "role": "agent", "text": WAIVED_TEXT})
    db.close()
    with _conn(path) as conn:
        q = load_quote(conn, "m1")
    assert (q.text, q.promises, q.reference_numbers) == (WAIVED_TEXT, [], [])


# -- the command ---------------------------------------------------------------


def test_quote_command_formats(built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    runner = CliRunner()
    text = runner.invoke(cli, ["quote", mid, "--db", str(built.path)])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:\n")
    assert f"Source: late-fee.html (sha256 {built.late_fee_sha256})." in text.output
    md = runner.invoke(cli, ["quote", mid, "--db", str(built.path), "--format", "markdown"])
    assert md.exit_code == 0 and f"\n> {WAIVED_TEXT}\n" in md.output
    js = runner.invoke(cli, ["quote", mid, "--db", str(built.path), "--format", "json"])
    data = json.loads(js.output)
    assert (data["message_id"], data["text"], data["speaker"], data["time"]["utc"]) == (mid, WAIVED_TEXT, "Jessica", "2025-03-04T15:44:00Z")
    assert data["sources"][0]["sha256"] == built.late_fee_sha256
    assert data["permalink"] == f"/-/quote/{mid}"


def test_quote_command_errors(built, tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(cli, ["quote", "0123456789abcdef", "--db", str(built.path)])
    assert unknown.exit_code == 1
    assert unknown.output.strip() == "Error: no message '0123456789abcdef' in this archive: check the id, or import the chat that holds it"
    missing = runner.invoke(cli, ["quote", "abc", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no archive at" in missing.output
    assert not (tmp_path / "none.db").exists()
    not_archive = tmp_path / "other.db"
    sqlite3.connect(not_archive).execute("create table t (x)").connection.close()
    bad = runner.invoke(cli, ["quote", "abc", "--db", str(not_archive)])
    assert bad.exit_code == 1 and "is not a chat archive" in bad.output and "Traceback" not in bad.output


def test_quote_command_keeps_terminal_safe(built) -> None:
    out = CliRunner().invoke(cli, ["quote", built.hostile_ids[3], "--db", str(built.path)]).output
    assert "\x1b" not in out and "\ufffd[31mred" in out


def test_quote_function_opens_read_only(built) -> None:
    before = built.path.stat().st_mtime_ns
    assert quote_message(str(built.path), message_id(built.path, WAIVED_TEXT)).speaker == "Jessica"
    assert built.path.stat().st_mtime_ns == before



def test_a_live_capture_is_cited_by_its_snapshot_file_never_by_its_run_id(tmp_path: Path) -> None:
    import datetime as dt

    from archiver.model import Message, Page, SourceFile, Transcript
    from archiver.quote import load_quote
    from archiver.store import Archive

    archive = Archive(tmp_path / "live.db")
    captured = dt.datetime(2025, 3, 4, 15, 44, tzinfo=dt.timezone.utc)
    run = Page(kind="live", documents=[], files=[], path="https://www.northwindcard.com/chat",
               url="https://www.northwindcard.com/chat", saved_at=captured, saved_at_basis="captured")
    transcript = Transcript(company="Northwind Card", parser="liveperson", tz="America/New_York", messages=[
        Message(0, "agent", "Jessica", WAIVED_SENTENCE, "Just now", "2025-03-04T10:44:00-05:00", "captured")])
    with archive.transaction():
        archive.add_source("run-1", run, "liveperson")
        added = archive.add_transcript(transcript, "run-1")
    mid = added.new_message_ids[0]
    quote = load_quote(archive.db.conn, mid)
    assert quote.as_text().splitlines()[-1] == "Source: live capture of https://www.northwindcard.com/chat, no file kept."

    snapshot_bytes = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n\r\nsnapshot"
    snapshot = Page(kind="live", documents=[], files=[SourceFile("snapshot.mhtml", snapshot_bytes)],
                    path="snapshot.mhtml", url=run.url, saved_at=captured, saved_at_basis="captured")
    with archive.transaction():
        archive.add_source("snap-1", snapshot, "liveperson")
        archive.link_messages("snap-1", [mid])
    quote = load_quote(archive.db.conn, mid)
    digest = hashlib.sha256(snapshot_bytes).hexdigest()
    assert quote.as_text().splitlines()[-1] == f"Source: snapshot.mhtml (sha256 {digest})."
    assert [s.sha256 for s in quote.sources] == [digest, None]
    archive.close()
