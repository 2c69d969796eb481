"""Stable ids, idempotent re-import, merging saves, keeping repeats."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from archiver.importer import ImportOptions, import_file
from archiver.store import Archive, merge_order
from pages import CHAT, lp_page

OPTIONS = ImportOptions(tz="America/New_York")


def write(path: Path, html: str) -> Path:
    path.write_text(html, encoding="utf-8")
    return path


def snapshot(archive: Archive) -> list[tuple]:
    return list(
        archive.db.execute(
            "select m.id, m.conversation_id, m.seq, m.role, m.speaker, m.text, m.sent_at, m.sent_at_text"
            " from messages m order by m.conversation_id, m.seq"
        )
    )


def test_importing_the_same_file_again_adds_nothing(archive: Archive, tmp_path: Path) -> None:
    page = write(tmp_path / "chat.html", lp_page(CHAT))
    first = import_file(archive, page, OPTIONS)
    before = snapshot(archive)
    second = import_file(archive, page, OPTIONS)
    assert (first.status, first.new_messages) == ("imported", 9)
    assert second.status == "duplicate"
    assert snapshot(archive) == before
    assert archive.counts() == {"sources": 1, "conversations": 1, "messages": 9}


def test_same_files_in_any_order_give_the_same_ids(tmp_path: Path) -> None:
    pages = [
        write(tmp_path / "mid.html", lp_page(CHAT[:3])),
        write(tmp_path / "end.html", lp_page(CHAT)),
        write(tmp_path / "other.html", lp_page([("agent", "Omar", "Hello, this is Omar.", "2:00 PM")], started="3/5/2025")),
    ]
    results = []
    for order in itertools.permutations(pages):
        archive = Archive()
        for page in order:
            assert import_file(archive, page, OPTIONS).status == "imported"
        results.append(snapshot(archive))
        archive.close()
    assert all(r == results[0] for r in results)
    assert len(results[0]) == 9 + 2  # each page opens with its "Chat started" line


def test_mid_chat_and_final_saves_merge_into_one_conversation(archive: Archive, tmp_path: Path) -> None:
    mid = write(tmp_path / "mid.html", lp_page(CHAT[:4]))
    end = write(tmp_path / "end.html", lp_page(CHAT))
    r1 = import_file(archive, end, OPTIONS)
    r2 = import_file(archive, mid, OPTIONS)
    assert r1.conversation_id == r2.conversation_id
    assert (r2.new_messages, r2.known_messages) == (0, 5)
    texts = [row[0] for row in archive.db.execute("select text from messages order by seq")]
    assert texts == ["Chat started on 3/4/2025"] + [line[2] for line in CHAT]
    conv = archive.db["conversations"].get(r1.conversation_id)
    assert (conv["message_count"], conv["started_at"], conv["ended_at"]) == (
        9,
        "2025-03-04T10:41:00-05:00",
        "2025-03-04T10:47:00-05:00",
    )
    # both sources are evidence for the messages they held
    seen = dict(archive.db.execute("select source_id, count(*) from message_sources group by source_id").fetchall())
    assert sorted(seen.values()) == [5, 9]


def test_a_message_sent_twice_is_kept_twice(archive: Archive, tmp_path: Path) -> None:
    import_file(archive, write(tmp_path / "c.html", lp_page(CHAT)), OPTIONS)
    oks = list(archive.db.execute("select id, seq from messages where text = 'ok' order by seq"))
    assert len(oks) == 2 and oks[0][0] != oks[1][0] and oks[1][1] == oks[0][1] + 1


def test_saves_that_each_hold_messages_the_other_lacks_interleave(archive: Archive, tmp_path: Path) -> None:
    # the first save lost a line to a rendering hiccup; the second has it
    early = [CHAT[0], CHAT[1], CHAT[3]]
    late = [CHAT[0], CHAT[1], CHAT[2], CHAT[5]]
    import_file(archive, write(tmp_path / "a.html", lp_page(early)), OPTIONS)
    import_file(archive, write(tmp_path / "b.html", lp_page(late)), OPTIONS)
    texts = [row[0] for row in archive.db.execute("select text from messages order by seq")]
    # 10:44 (only in b) goes before 10:45 (only in a), which goes before 10:46 (only in b)
    assert texts == ["Chat started on 3/4/2025", CHAT[0][2], CHAT[1][2], CHAT[2][2], CHAT[3][2], CHAT[5][2]]


def test_different_chats_stay_apart(archive: Archive, tmp_path: Path) -> None:
    a = import_file(archive, write(tmp_path / "a.html", lp_page(CHAT)), OPTIONS)
    b = import_file(
        archive,
        write(tmp_path / "b.html", lp_page([("agent", "Jessica", "Hi, I'm Jessica. How can I help?", "3:12 PM")], started="3/9/2025")),
        OPTIONS,
    )
    c = import_file(archive, write(tmp_path / "c.html", lp_page(CHAT, url="https://www.contoso-telecom.com/chat", title="Contoso")), OPTIONS)
    assert len({a.conversation_id, b.conversation_id, c.conversation_id}) == 3


def test_same_greeting_and_minute_on_different_days_stay_apart(archive: Archive, tmp_path: Path) -> None:
    # clock-only times with no date in the page: the anchor matches, the dates do not
    greeting = [("agent", "Jessica", "Hi, I'm Jessica. How can I help?", "10:41 AM")]
    day1 = write(tmp_path / "d1.html", lp_page(greeting + [("customer", "", "Card lost", "10:42 AM")], started=None))
    day2 = write(tmp_path / "d2.html", lp_page(greeting + [("customer", "", "Fee question", "10:42 AM")], started=None))
    r1 = import_file(archive, day1, ImportOptions(tz="America/New_York", date="2025-03-04"))
    r2 = import_file(archive, day2, ImportOptions(tz="America/New_York", date="2025-03-18"))
    assert r1.conversation_id != r2.conversation_id
    assert archive.counts()["conversations"] == 2


def test_ids_do_not_depend_on_the_files_mtime(tmp_path: Path) -> None:
    import os

    ids = []
    for stamp in (1_700_000_000, 1_750_000_000):
        page = write(tmp_path / f"c{stamp}.html", lp_page(CHAT, started=None))
        os.utime(page, (stamp, stamp))
        archive = Archive()
        import_file(archive, page, OPTIONS)
        ids.append([row[0] for row in archive.db.execute("select id from messages order by seq")])
        archive.close()
    assert ids[0] == ids[1]


def test_a_failed_import_changes_nothing(archive: Archive, tmp_path: Path) -> None:
    import_file(archive, write(tmp_path / "ok.html", lp_page(CHAT[:2])), OPTIONS)
    before = snapshot(archive), archive.counts()
    # a real SQLite failure half-way through the second file's messages
    archive.db.execute(
        "create trigger boom before insert on messages when new.text = 'ok' begin select raise(abort, 'disk on fire'); end"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk on fire"):
        import_file(archive, write(tmp_path / "end.html", lp_page(CHAT)), OPTIONS)
    assert (snapshot(archive), archive.counts()) == before
    assert archive.db.execute("select count(*) from message_sources").fetchone()[0] == 3


@pytest.mark.parametrize(
    "old, incoming, expected",
    [
        ([], ["a", "b"], ["a", "b"]),
        (["a", "b", "c"], ["c", "a", "d"], ["a", "b", "c", "d"]),
        (["a", "b"], ["a", "b", "c"], ["a", "b", "c"]),
        (["a", "c"], ["a", "b", "c"], ["a", "b", "c"]),
        (["b", "c"], ["a", "b"], ["a", "b", "c"]),
        (["a", "b", "c"], ["b"], ["a", "b", "c"]),
        (["a", "d"], ["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"]),
        (["x", "y"], ["p", "q"], ["p", "q", "x", "y"]),
    ],
)
def test_merge_order(old: list[str], incoming: list[str], expected: list[str]) -> None:
    assert merge_order(old, incoming) == expected


def test_merge_order_places_missed_messages_by_time() -> None:
    when = {"a": "2025-03-04T10:00:00-05:00", "x": "2025-03-04T10:05:00-05:00", "b": "2025-03-04T15:02:00+00:00", "y": None}
    # b (10:02 local) was missed by the save that holds x (10:05); y has no time and stays put
    assert merge_order(["a", "x", "y"], ["a", "b"], when) == ["a", "b", "x", "y"]
    assert merge_order(["a", "y", "x"], ["a", "b"], when) == ["a", "b", "y", "x"]


def test_a_re_rendered_time_keeps_the_message_and_conversation_ids(archive: Archive, tmp_path: Path) -> None:
    # captured while fresh ("Just now" at 10:41) and saved later with clock times:
    # the widget re-rendered every time label, but these are the same messages
    import datetime as dt
    import os

    fresh = [("agent", "Jessica", "Hi, I'm Jessica. How can I help?", "Just now"), ("customer", "", "Card declined", "")]
    later = [("agent", "Jessica", "Hi, I'm Jessica. How can I help?", "10:41 AM"), ("customer", "", "Card declined", "10:41 AM")]
    first = write(tmp_path / "fresh.html", lp_page(fresh, started=None))
    stamp = dt.datetime(2025, 3, 4, 15, 41, 20, tzinfo=dt.timezone.utc).timestamp()  # 10:41:20 in New York
    os.utime(first, (stamp, stamp))
    second = write(tmp_path / "later.html", lp_page(later, started=None))
    os.utime(second, (stamp + 600, stamp + 600))
    r1 = import_file(archive, first, OPTIONS)
    r2 = import_file(archive, second, OPTIONS)
    assert r1.conversation_id == r2.conversation_id
    assert (r2.new_messages, r2.known_messages) == (0, 2)
    # the first source's time stands; the later one fills only what was missing
    rows = list(archive.db.execute("select sent_at_text, sent_at, time_basis from messages order by seq"))
    assert rows == [("Just now", "2025-03-04T10:41:20-05:00", "mtime"), ("", "2025-03-04T10:41:00-05:00", "mtime")]


def test_clock_key_reads_any_clock_format() -> None:
    from archiver.identity import clock_key
    from archiver.model import Message

    def m(shown: str, sent_at: str | None = None) -> Message:
        return Message(0, "agent", "", "x", shown, sent_at, None)

    assert [clock_key(m(s)) for s in ("10:42 AM", "10:42", "10:42:13", "10:42\u202fam", "Today 10:42", "")] == [
        "10:42", "10:42", "10:42", "10:42", "10:42", ""
    ]
    assert clock_key(m("10:42 PM")) == "22:42"
    assert clock_key(m("Just now", "2025-03-04T10:42:09-05:00")) == ""
    assert clock_key(m("5m ago", "2025-03-04T10:42:09-05:00")) == ""
    assert clock_key(m("Delivered")) == ""


def _at(path: Path, hh: int, mm: int, ss: int = 0) -> Path:
    import datetime as dt
    import os

    stamp = dt.datetime(2025, 3, 4, hh + 5, mm, ss, tzinfo=dt.timezone.utc).timestamp()  # New York is UTC-5
    os.utime(path, (stamp, stamp))
    return path


GREETING = ("bot", "Ava", "Hi! I'm Ava, Northwind's virtual assistant. How can I help?")


def test_a_saved_clock_and_a_later_relative_label_bridge_in_either_order(tmp_path: Path) -> None:
    clock = _at(write(tmp_path / "clock.html", lp_page([(*GREETING, "10:41 AM"), ("customer", "", "Fee", "10:42 AM")], started=None)), 10, 50)
    fresh = _at(write(tmp_path / "fresh.html", lp_page([(*GREETING, "Just now")], started=None)), 10, 41, 30)
    for order in ((clock, fresh), (fresh, clock)):
        archive = Archive()
        results = [import_file(archive, p, OPTIONS) for p in order]
        assert results[0].conversation_id == results[1].conversation_id
        assert archive.counts()["conversations"] == 1 and archive.counts()["messages"] == 2
        archive.close()


def test_restarted_chats_with_the_same_canned_greeting_stay_apart(archive: Archive, tmp_path: Path) -> None:
    # both show clocks two minutes apart: two sessions, never bridged
    a = _at(write(tmp_path / "a.html", lp_page([(*GREETING, "10:41 AM"), ("customer", "", "ok", "10:41 AM")], started=None)), 10, 45)
    b = _at(write(tmp_path / "b.html", lp_page([(*GREETING, "10:43 AM"), ("customer", "", "ok", "10:43 AM")], started=None)), 10, 45)
    ra, rb = import_file(archive, a, OPTIONS), import_file(archive, b, OPTIONS)
    assert ra.conversation_id != rb.conversation_id
    assert archive.counts()["messages"] == 4  # each session keeps its "ok"


def test_relative_labels_re_rendered_in_another_minute_stay_one_conversation(archive: Archive, tmp_path: Path) -> None:
    first = _at(write(tmp_path / "1.html", lp_page([(*GREETING, "Just now")], started=None)), 10, 41, 50)
    again = _at(write(tmp_path / "2.html", lp_page([(*GREETING, "Just now"), ("customer", "", "Hi", "Just now")], started=None)), 10, 42, 10)
    r1, r2 = import_file(archive, first, OPTIONS), import_file(archive, again, OPTIONS)
    assert r1.conversation_id == r2.conversation_id and (r2.new_messages, r2.known_messages) == (1, 1)


def test_migration_m003_backfills_anchors(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from archiver.db import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m003_anchors")
    old["conversations"].insert({"id": "c1", "company": "Northwind Card", "message_count": 2})
    old["messages"].insert_all(
        [
            {"id": "m0", "conversation_id": "c1", "seq": 0, "role": "system", "speaker": "", "text": "Chat started", "sent_at_text": ""},
            {"id": "m1", "conversation_id": "c1", "seq": 1, "role": "agent", "speaker": "Jo", "text": "Hello", "sent_at_text": "9:05 AM", "sent_at": "2025-03-04T09:05:00-05:00"},
        ]
    )
    old.close()
    archive = Archive(path)
    row = archive.db["conversations"].get("c1")
    from archiver.identity import anchor_key
    from archiver.model import Message

    assert (row["anchor_clock"], row["anchor_at"]) == ("09:05", "2025-03-04T09:05:00-05:00")
    assert row["anchor_key"] == anchor_key("Northwind Card", [Message(1, "agent", "Jo", "Hello", "9:05 AM", None, None)])
    archive.close()
