"""The promise tracker from the command line: list, filter, mark, reindex, iCalendar."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, place
from icalendar import Calendar
from serve_support import add_chat

from archiver.cli import cli
from archiver.errors import BadOption
from archiver.importer import ImportOptions, import_file
from archiver.model import Message, Transcript
from archiver.store import Archive
from archiver.tracker import amount_text, list_promises, local_today

TIDEWATER = "Tidewater, Telecom; West\\Coast"  # every character iCalendar must escape
VISIT = "I've booked a technician visit for Wednesday, February 26, between 8:00 and 10:00 AM."
CREDIT = "I've applied a $30 credit for the days you were without service."
CALLBACK = 'I will call you back tomorrow between 9 and 11 AM; ask for "Zoë, Tier 2" at desk C\\4.'
FEE = "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles."
ZOE = "Zoë 🛠\x07"  # a bell in a name must not reach a terminal or a calendar


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class Chats:
    """An archive with three chats: the LivePerson late fee (New York), a telecom
    chat (Los Angeles) and an airline chat dated 2099 (London), so one promise is
    never overdue whenever the tests run."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "archive.db"
        archive = Archive(self.db)
        try:
            (tmp_path / "pages").mkdir()
            result = import_file(archive, place(FIXTURES / "liveperson" / "late-fee.html", tmp_path / "pages"),
                                 ImportOptions(tz="America/New_York"))
            assert result.status == "imported", result.error
            self.fee_message = archive.db.execute("select id from messages where text like 'I''ve waived%'").fetchone()[0]
            self.northwind = result.conversation_id
            self.tidewater, ids = add_chat(archive, Transcript(TIDEWATER, "liveperson", "America/Los_Angeles", [
                Message(0, "customer", "", "My internet has been down since Friday.", "9:58 AM", "2025-02-24T09:58:00-08:00", "page"),
                Message(1, "agent", "Nadia", VISIT, "10:00 AM", "2025-02-24T10:00:00-08:00", "page"),
                Message(2, "agent", "Nadia", CREDIT + " Your ticket number is TT-448120.", "10:05 AM", "2025-02-24T10:05:00-08:00", "page"),
            ]), "tidewater.html", b"<p>tidewater</p>")
            self.visit_message, self.credit_message = ids[1], ids[2]
            self.bluefin, ids = add_chat(archive, Transcript("Bluefin Airways", "liveperson", "Europe/London", [
                Message(0, "customer", "", "My bag did not arrive.", "2:59 PM", "2099-06-01T14:59:00+01:00", "page"),
                Message(1, "agent", ZOE, CALLBACK, "3:00 PM", "2099-06-01T15:00:00+01:00", "page"),
            ]), "bluefin.html", b"<p>bluefin</p>")
            self.callback_message = ids[1]
        finally:
            archive.close()
        self.fee = digest("promise", self.fee_message, "fee_waiver", FEE, "0")
        self.visit = digest("promise", self.visit_message, "delivery", VISIT, "0")
        self.credit = digest("promise", self.credit_message, "credit", CREDIT, "0")
        self.callback = digest("promise", self.callback_message, "callback", CALLBACK, "0")

    def run(self, *args: str, ok: bool = True):
        result = CliRunner().invoke(cli, [*args, "--db", str(self.db)])
        if ok:
            assert result.exit_code == 0, result.output
        return result


@pytest.fixture
def chats(tmp_path: Path) -> Chats:
    return Chats(tmp_path)


def table_rows(output: str) -> list[list[str]]:
    return [re.split(r"\s{2,}", line) for line in output.splitlines()]


def test_promises_table(chats: Chats) -> None:
    out = chats.run("promises").output
    assert table_rows(out) == [
        ["DUE", "STATUS", "KIND", "AMOUNT", "COMPANY", "WHO", "PROMISE", "ID"],
        ["2025-02-26", "open (overdue)", "delivery", "Tidewater, Telecom; Wes\u2026", "Nadia (agent)",
         "I've booked a technician visit for Wednesday, February 26, \u2026", chats.visit],
        ["2025-05-04", "open (overdue)", "fee waiver", "$40.00", "Northwind Card", "Jessica (agent)",
         "I've waived the $40 late fee; you'll see the credit within \u2026", chats.fee],
        ["2099-06-02", "open", "callback", "Bluefin Airways", "Zoë 🛠\ufffd (agent)",
         'I will call you back tomorrow between 9 and 11 AM; ask for \u2026', chats.callback],
        ["-", "open", "credit", "$30.00", "Tidewater, Telecom; Wes\u2026", "Nadia (agent)",
         "I've applied a $30 credit for the days you were without ser\u2026", chats.credit],
    ]
    assert "\x07" not in out


def test_promises_json_has_every_field(chats: Chats) -> None:
    rows = json.loads(chats.run("promises", "--json").output)
    assert rows == [
        {
            "id": chats.visit, "message_id": chats.visit_message, "conversation_id": chats.tidewater,
            "kind": "delivery", "text": VISIT, "amount": None, "currency": None,
            "due_text": "Wednesday, February 26", "due_by": "2025-02-26", "status": "open", "status_changed_at": None,
            "company": TIDEWATER, "role": "agent", "speaker": "Nadia",
            "sent_at": "2025-02-24T10:00:00-08:00", "sent_at_text": "10:00 AM", "time_basis": "page",
            "tz": "America/Los_Angeles", "overdue": True,
            "local_time": "February 24, 2025 at 10:00 AM PST", "permalink": f"/-/quote/{chats.visit_message}",
        },
        {
            "id": chats.fee, "message_id": chats.fee_message, "conversation_id": chats.northwind,
            "kind": "fee_waiver", "text": FEE, "amount": 40.0, "currency": "USD",
            "due_text": "within 1-2 billing cycles", "due_by": "2025-05-04", "status": "open", "status_changed_at": None,
            "company": "Northwind Card", "role": "agent", "speaker": "Jessica",
            "sent_at": "2025-03-04T10:44:00-05:00", "sent_at_text": "10:44\u202fAM", "time_basis": "page",
            "tz": "America/New_York", "overdue": True,
            "local_time": "March 4, 2025 at 10:44 AM EST", "permalink": f"/-/quote/{chats.fee_message}",
        },
        {
            "id": chats.callback, "message_id": chats.callback_message, "conversation_id": chats.bluefin,
            "kind": "callback", "text": CALLBACK, "amount": None, "currency": None,
            "due_text": "tomorrow", "due_by": "2099-06-02", "status": "open", "status_changed_at": None,
            "company": "Bluefin Airways", "role": "agent", "speaker": ZOE,
            "sent_at": "2099-06-01T15:00:00+01:00", "sent_at_text": "3:00 PM", "time_basis": "page",
            "tz": "Europe/London", "overdue": False,
            "local_time": "June 1, 2099 at 3:00 PM BST", "permalink": f"/-/quote/{chats.callback_message}",
        },
        {
            "id": chats.credit, "message_id": chats.credit_message, "conversation_id": chats.tidewater,
            "kind": "credit", "text": CREDIT, "amount": 30.0, "currency": "USD",
            "due_text": None, "due_by": None, "status": "open", "status_changed_at": None,
            "company": TIDEWATER, "role": "agent", "speaker": "Nadia",
            "sent_at": "2025-02-24T10:05:00-08:00", "sent_at_text": "10:05 AM", "time_basis": "page",
            "tz": "America/Los_Angeles", "overdue": False,
            "local_time": "February 24, 2025 at 10:05 AM PST", "permalink": f"/-/quote/{chats.credit_message}",
        },
    ]


def ids(chats: Chats, *args: str) -> list[str]:
    return [row["id"] for row in json.loads(chats.run("promises", "--json", *args).output)]


def test_status_and_filters(chats: Chats) -> None:
    assert ids(chats, "--overdue") == [chats.visit, chats.fee]
    assert ids(chats, "--company", "northwind CARD") == [chats.fee]
    assert ids(chats, "--company", TIDEWATER) == [chats.visit, chats.credit]

    out = chats.run("promise-status", chats.visit, "kept").output
    assert out == f"Promise {chats.visit}: kept (was open).\n"
    assert chats.run("promise-status", chats.visit, "kept").output == f"Promise {chats.visit}: kept (unchanged).\n"
    chats.run("promise-status", chats.credit, "broken")
    assert ids(chats, "--open") == [chats.fee, chats.callback]
    assert ids(chats, "--overdue") == [chats.fee]
    assert ids(chats, "--open", "--company", "Tidewater Telecom West Coast") == []
    [visit] = [r for r in json.loads(chats.run("promises", "--json").output) if r["id"] == chats.visit]
    assert visit["status"] == "kept" and visit["overdue"] is False
    changed = dt.datetime.fromisoformat(visit["status_changed_at"])
    assert abs(dt.datetime.now(dt.timezone.utc) - changed) < dt.timedelta(minutes=5)
    assert chats.run("promises", "--open", "--company", "Tidewater Telecom West Coast").output == "No promises match.\n"
    # back to open
    chats.run("promise-status", chats.visit, "open")
    assert ids(chats, "--overdue") == [chats.visit, chats.fee]


def test_errors_are_one_line(chats: Chats, tmp_path: Path) -> None:
    r = chats.run("promise-status", "ffffffffffffffff", "kept", ok=False)
    assert r.exit_code == 1
    assert r.output == "Error: no promise 'ffffffffffffffff' in this archive: `chat-archiver promises` lists their ids\n"
    r = chats.run("promise-status", chats.fee, "done", ok=False)
    assert r.exit_code == 2 and "'done' is not one of 'open', 'kept', 'broken'" in r.output
    r = chats.run("promises", "--company", "Nope", ok=False)
    assert r.exit_code == 1
    assert r.output == ("Error: no company 'Nope' in this archive; it has: Bluefin Airways, Northwind Card, "
                        f"{TIDEWATER}\n")
    missing = tmp_path / "missing.db"
    for args in (["promises"], ["promise-status", chats.fee, "kept"], ["reindex"]):
        r = CliRunner().invoke(cli, [*args, "--db", str(missing)])
        assert (r.exit_code, r.output) == (1, f"Error: no archive at {missing}: import some chats first\n")
    assert not missing.exists()


def test_reindex_command(chats: Chats) -> None:
    assert chats.run("reindex").output == (
        "Promises: 0 added, 0 removed, 0 updated, 0 kept (marked kept or broken, no longer found), 4 unchanged. "
        "Reference numbers: 0 added, 0 removed, 2 unchanged.\n"
    )
    help_text = CliRunner().invoke(cli, ["reindex", "--help"]).output
    assert "Statuses you set are kept" in help_text and "only open ones are removed" in help_text


def test_quote_lists_promises_and_references(chats: Chats) -> None:
    out = chats.run("quote", chats.credit_message).output
    assert out.endswith(
        "\n\nPromises in this message:\n"
        f"- credit, $30.00, open (promise {chats.credit}): \u201c{CREDIT}\u201d\n"
        "Reference numbers in this message:\n"
        "- ticket TT-448120\n"
    )
    md = chats.run("quote", chats.callback_message, "--format", "markdown").output
    assert md.endswith(
        "\n\nPromises in this message:\n"
        f"- callback, due by 2099-06-02 (tomorrow), open (promise `{chats.callback}`): "
        '\u201cI will call you back tomorrow between 9 and 11 AM; ask for "Zoë, Tier 2" at desk C\\\\4.\u201d\n'
    )
    data = json.loads(chats.run("quote", chats.credit_message, "--format", "json").output)
    assert [p["id"] for p in data["promises"]] == [chats.credit]
    assert [(r["label"], r["value"]) for r in data["reference_numbers"]] == [("ticket", "TT-448120")]
    # a message without any says nothing more than the citation
    plain = Archive(chats.db)
    try:
        first = plain.db.execute("select id from messages where text = 'My bag did not arrive.'").fetchone()[0]
    finally:
        plain.close()
    assert "in this message" not in chats.run("quote", first).output


# -- iCalendar ---------------------------------------------------------------------------


def unfold(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_ics_file(chats: Chats, tmp_path: Path) -> None:
    path = tmp_path / "promises.ics"
    out = chats.run("promises", "--ics", str(path)).output
    assert out == f"Wrote 3 events to {path} (1 without a due date left out).\n"
    raw = path.read_bytes()
    # RFC 5545: CRLF line ends, no line longer than 75 octets, long ones folded
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    unfolded = unfold(raw)
    assert "SUMMARY:Check: delivery from Tidewater\\, Telecom\\; West\\\\Coast" in unfolded
    assert "SUMMARY:Check: $40.00 fee waiver from Northwind Card" in unfolded
    assert f"UID:{chats.visit}@chat-archiver" in unfolded
    assert "DTSTART;VALUE=DATE:20250226" in unfolded
    assert "\x07" not in raw.decode()

    cal = Calendar.from_ical(raw)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == sorted(f"{pid}@chat-archiver" for pid in (chats.visit, chats.fee, chats.callback))
    fee = events[f"{chats.fee}@chat-archiver"]
    assert fee.decoded("dtstart") == dt.date(2025, 5, 4)
    assert fee.decoded("dtend") == dt.date(2025, 5, 5)
    assert str(fee["summary"]) == "Check: $40.00 fee waiver from Northwind Card"
    assert str(fee["url"]) == f"http://127.0.0.1:8001/-/quote/{chats.fee_message}"
    assert fee.decoded("dtstamp").tzinfo is not None
    callback = events[f"{chats.callback}@chat-archiver"]
    assert str(callback["description"]) == (
        f"\u201c{CALLBACK}\u201d\n"
        "Zoë 🛠\ufffd (agent) at Bluefin Airways, June 1, 2099 at 3:00 PM BST (Europe/London).\n"
        "Due tomorrow: by 2099-06-02.\n"
        "Status: open.\n"
        f"Quote card: http://127.0.0.1:8001/-/quote/{chats.callback_message}"
    )
    visit = events[f"{chats.visit}@chat-archiver"]
    assert str(visit["summary"]) == f"Check: delivery from {TIDEWATER}"
    assert str(visit["description"]).splitlines()[1] == (
        "Nadia (agent) at Tidewater, Telecom; West\\Coast, February 24, 2025 at 10:00 AM PST (America/Los_Angeles)."
    )

    # the same promises give the same UIDs: a calendar re-import updates, not doubles
    again = tmp_path / "again.ics"
    chats.run("promises", "--ics", str(again))
    uids = lambda raw: [line for line in unfold(raw) if line.startswith("UID:")]
    assert uids(again.read_bytes()) == uids(raw)


def test_ics_to_stdout_with_filters_and_base_url(chats: Chats) -> None:
    r = CliRunner().invoke(cli, ["promises", "--ics", "-", "--open", "--company", "bluefin airways",
                                 "--base-url", "https://archive.example:9000/", "--db", str(chats.db)])
    assert r.exit_code == 0, r.output
    raw = r.stdout_bytes
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    [event] = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["uid"]) == f"{chats.callback}@chat-archiver"
    assert str(event["url"]) == f"https://archive.example:9000/-/quote/{chats.callback_message}"
    chats.run("promise-status", chats.callback, "kept")
    r = CliRunner().invoke(cli, ["promises", "--ics", "-", "--open", "--company", "bluefin airways", "--db", str(chats.db)])
    assert Calendar.from_ical(r.stdout_bytes).walk("VEVENT") == []


# -- the library underneath ----------------------------------------------------------------


def test_overdue_is_judged_in_the_chats_own_zone(tmp_path: Path) -> None:
    """Due March 4: late in London once March 5 starts there, not yet in Honolulu."""
    archive = Archive(tmp_path / "zones.db")
    try:
        for company, tz, sent in (("Honolulu Power", "Pacific/Honolulu", "2025-03-03T10:00:00-10:00"),
                                  ("London Water", "Europe/London", "2025-03-03T10:00:00+00:00")):
            add_chat(archive, Transcript(company, "liveperson", tz, [
                Message(0, "agent", "Kai", "I will call you back tomorrow.", "10:00 AM", sent, "page"),
            ]), f"{company}.html", company.encode())
        conn = archive.db.conn
        now = dt.datetime(2025, 3, 5, 8, 0, tzinfo=dt.timezone.utc)  # 22:00 on the 4th in Honolulu
        overdue = list_promises(conn, overdue=True, now=now)
        assert [(p.company, p.due_by) for p in overdue] == [("London Water", "2025-03-04")]
        later = dt.datetime(2025, 3, 5, 10, 0, tzinfo=dt.timezone.utc)  # midnight in Honolulu
        # same due date: the earlier instant first (London's 10:00 UTC before Honolulu's 20:00 UTC)
        assert [p.company for p in list_promises(conn, overdue=True, now=later)] == ["London Water", "Honolulu Power"]
        with pytest.raises(BadOption):
            list_promises(conn, company="Northwind")
    finally:
        archive.close()


def test_local_today_fallbacks() -> None:
    now = dt.datetime(2025, 3, 5, 3, 0, tzinfo=dt.timezone.utc)
    assert local_today("America/New_York", None, now) == dt.date(2025, 3, 4)
    # an unknown zone falls back to the offset the message's time was stored with
    assert local_today("Mars/Olympus", "2025-03-04T10:00:00+05:00", now) == dt.date(2025, 3, 5)
    assert local_today(None, "2025-03-04T10:00:00-08:00", now) == dt.date(2025, 3, 4)


@pytest.mark.parametrize("amount, currency, text", [
    (40.0, "USD", "$40.00"),
    (1250.5, "USD", "$1,250.50"),
    (12.5, "EUR", "€12.50"),
    (9.99, "GBP", "£9.99"),
    (3000.0, "JPY", "¥3,000"),
    (120.0, "CAD", "120.00 CAD"),
    (None, "USD", ""),
])
def test_amount_text(amount: float | None, currency: str, text: str) -> None:
    assert amount_text(amount, currency) == text
