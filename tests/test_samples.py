"""The sample chats `make demo` imports: every one must import cleanly.

Expectations are written by hand from the pages in samples/ (see its README),
so a parser or capture change that breaks a sample, or makes it lean on the
files' modification times, fails here rather than in a newcomer's first demo.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from archiver.importer import FileResult, ImportOptions, import_paths
from archiver.store import Archive

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MID = "2025-03-10-fieldstone-bank-wire-recall-1-mid-chat.html"
END = "2025-03-10-fieldstone-bank-wire-recall-2-end-of-chat.html"

#: file -> (capture kind, parser, new messages, messages already known), in import (sorted) order
FILES = {
    "2025-02-11-brightwater-card-late-fee.html": ("html", "liveperson", 21, 0),
    "2025-02-18-bluefin-airways-delayed-bag.html": ("html", "genesys", 23, 0),
    "2025-02-24-tidewater-telecom-outage.html": ("html-complete", "tawkto", 19, 0),
    "2025-03-03-copperleaf-insurance-claim.mhtml": ("mhtml", "nuance", 21, 0),
    MID: ("html", "salesforce", 9, 0),
    END: ("html", "salesforce", 15, 9),
    "2025-03-14-mill-river-electric-bill.mhtml": ("mhtml", "zammad", 16, 0),
}

#: company -> (widget, messages, chat_date, date_basis, started_at, ended_at)
CONVERSATIONS = {
    "Brightwater Card": ("liveperson", 21, "2025-02-11", "page", "2025-02-11T19:02:00-05:00", "2025-02-11T19:17:00-05:00"),
    "Bluefin Airways": ("genesys", 23, "2025-02-18", "page", "2025-02-18T09:30:00-05:00", "2025-02-18T09:50:00-05:00"),
    "Tidewater Telecom": ("tawkto", 19, "2025-02-24", "message", "2025-02-24T18:41:07-05:00", "2025-02-24T18:55:11-05:00"),
    "Copperleaf Insurance": ("nuance", 21, "2025-03-03", "saved", "2025-03-03T14:31:00-05:00", "2025-03-03T14:56:00-05:00"),
    "Fieldstone Bank": ("salesforce", 24, "2025-03-10", "page", "2025-03-10T11:02:00-04:00", "2025-03-10T11:21:00-04:00"),
    # saved 00:12 UTC on the 15th, which is the evening of the 14th in New York
    "Mill River Electric": ("zammad", 16, "2025-03-14", "saved", "2025-03-14T19:41:00-04:00", "2025-03-14T19:56:00-04:00"),
}


def import_samples(archive: Archive, folder: Path = SAMPLES) -> list[FileResult]:
    return list(import_paths(archive, [folder], ImportOptions(tz="America/New_York")))


def pages(results: list[FileResult]) -> list[FileResult]:
    return [r for r in results if r.status != "skipped"]


def test_every_sample_imports_without_error_or_warning(archive: Archive) -> None:
    results = import_samples(archive)

    skipped = sorted(Path(r.path).name for r in results if r.status == "skipped")
    assert skipped == ["README.md"]
    got = {
        Path(r.path).name: (r.status, r.error, r.warnings, r.parser, r.new_messages, r.known_messages)
        for r in pages(results)
    }
    want = {name: ("imported", None, [], parser, new, known) for name, (_, parser, new, known) in FILES.items()}
    assert got == want
    assert [Path(r.path).name for r in pages(results)] == list(FILES)

    kinds = {Path(row["path"]).name: row["kind"] for row in archive.db.query("select path, kind from sources")}
    assert kinds == {name: kind for name, (kind, *_rest) in FILES.items()}


def test_conversations_and_their_messages(archive: Archive) -> None:
    import_samples(archive)

    rows = archive.db.query(
        "select c.company, c.widget, c.chat_date, c.date_basis, c.started_at, c.ended_at, c.message_count,"
        " (select count(*) from messages m where m.conversation_id = c.id) as stored"
        " from conversations c"
    )
    got = {}
    for r in rows:
        assert r["message_count"] == r["stored"], r["company"]
        got[r["company"]] = (r["widget"], r["stored"], r["chat_date"], r["date_basis"], r["started_at"], r["ended_at"])
    assert got == CONVERSATIONS
    # no time came from a file's modification time, so a copied checkout shows the same chats
    assert archive.db.execute("select count(*) from messages where time_basis = 'mtime'").fetchone()[0] == 0


def test_mid_chat_and_end_of_chat_saves_are_one_conversation(archive: Archive) -> None:
    results = {Path(r.path).name: r for r in import_samples(archive)}
    mid, end = results[MID], results[END]

    assert mid.conversation_id == end.conversation_id
    assert (mid.new_conversation, end.new_conversation) == (True, False)
    conv = mid.conversation_id
    sources = {row["path"]: row["id"] for row in archive.db.query("select id, path from sources")}
    mid_source = next(sid for path, sid in sources.items() if path.endswith(MID))
    end_source = next(sid for path, sid in sources.items() if path.endswith(END))
    evidence = {}
    for row in archive.db.query(
        "select m.seq, group_concat(ms.source_id) as srcs from messages m"
        " join message_sources ms on ms.message_id = m.id where m.conversation_id = ? group by m.id order by m.seq",
        [conv],
    ):
        evidence[row["seq"]] = set(row["srcs"].split(","))
    # the first nine messages (the join event up to "...or I lose the apartment.") are in both saves
    assert evidence == {seq: ({mid_source, end_source} if seq < 9 else {end_source}) for seq in range(24)}
    texts = [row["text"] for row in archive.db.query("select text from messages where conversation_id = ? order by seq", [conv])]
    assert texts[0] == "Rafael joined the chat"
    assert texts[8] == "The landlord needs the deposit by Friday or I lose the apartment."
    assert texts[9].startswith("A sent wire can't be cancelled")
    assert texts[-2:] == ["Rafael left the chat", "Chat ended"]


def test_import_order_and_file_times_do_not_change_ids(archive: Archive, tmp_path: Path) -> None:
    import_samples(archive)
    first = {row["id"]: (row["sent_at"], row["seq"]) for row in archive.db.query("select id, sent_at, seq from messages")}

    # a copy whose files all claim another year, with the end-of-chat save imported before the mid-chat one
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    stamp = dt.datetime(2031, 7, 1, 12, tzinfo=dt.timezone.utc).timestamp()
    for path in copy.rglob("*"):
        os.utime(path, (stamp, stamp))
    other = Archive()
    try:
        results = [r for name in (END, MID) for r in import_paths(other, [copy / name], ImportOptions(tz="America/New_York"))]
        assert [(r.status, r.new_messages, r.known_messages, r.warnings) for r in results] == [
            ("imported", 24, 0, []),
            ("imported", 0, 9, []),
        ]
        results = pages(import_samples(other, copy))
        assert {Path(r.path).name: r.status for r in results} == {
            name: "duplicate" if name in (MID, END) else "imported" for name in FILES
        }
        second = {row["id"]: (row["sent_at"], row["seq"]) for row in other.db.query("select id, sent_at, seq from messages")}
    finally:
        other.close()
    assert second == first


@pytest.mark.parametrize(
    "query, want",
    [
        (
            '"late fee"',
            {
                ("Brightwater Card", "customer", "Hi Andre. My new statement has a $40 late fee on it, but I have autopay set up!"),
                ("Brightwater Card", "agent", "Yes, I can see the new account was added on 02/09, two days after the due date, so the late fee posted on 02/08."),
                ("Brightwater Card", "agent", "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. Your reference number is LF20917."),
                ("Mill River Electric", "agent", "Please pay $118.90 by the April 2 due date. There's no late fee on the old amount, and the credit covers the difference."),
            },
        ),
        (
            "waiv*",
            {
                ("Brightwater Card", "agent", "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. Your reference number is LF20917."),
                ("Fieldstone Bank", "agent", "I've also waived the $30 outgoing wire fee for the new wire and the $15 recall fee, so you won't be charged for either."),
            },
        ),
        (
            "refund",
            {
                ("Tidewater Telecom", "customer", "One more thing: I bought an extra 10 GB of hotspot data on my phone to get through the weekend. $15. Can I get a refund for that?"),
                ("Tidewater Telecom", "agent", "Since the hotspot add-on was on your Tidewater mobile line, I've refunded the $15 to that line. You'll see it within 1-2 billing cycles."),
                ("Fieldstone Bank", "agent", "And yes: if the recall succeeds, the $2,400 and that $30 fee will both be refunded to your checking account. I'll email you by Friday, March 14, either way."),
            },
        ),
    ],
)
def test_demo_searches(archive: Archive, query: str, want: set[tuple[str, str, str]]) -> None:
    import_samples(archive)
    assert {(h.company, h.role, h.text) for h in archive.search(query, limit=100).hits} == want


def test_claim_search_finds_the_airline_and_the_insurer(archive: Archive) -> None:
    import_samples(archive)
    hits = archive.search("claim", limit=100).hits
    by_company: dict[str, int] = {}
    for h in hits:
        by_company[h.company] = by_company.get(h.company, 0) + 1
    # Bluefin: the expense-claim message; Copperleaf: the welcome line, Marcus's greeting and five claim messages
    assert by_company == {"Bluefin Airways": 1, "Copperleaf Insurance": 7}
    assert any(h.text.startswith("Thank you. I've opened claim CLM-2025-0303-4471") for h in hits)


def test_markup_typed_by_the_customer_is_kept_as_text(archive: Archive) -> None:
    import_samples(archive)
    texts = {row["text"] for row in archive.db.query("select text from messages where role = 'customer'")}
    assert (
        'Also, when I opened the "Wire status" page it just showed <script>alert("x")</script> at the top'
        " instead of my wires. Is that safe?"
    ) in texts
    assert (
        'The email said "Your payment of $1,286.40 is scheduled for 02/07" & then nothing.\n'
        "My balance was < $1,300 so it can't be a limit thing."
    ) in texts
