"""Reading promises back: filtered lists, a table, and an iCalendar file of due dates.

"Overdue" is judged per promise against today's date in its own conversation's zone
(due March 4 in Honolulu is not late yet when London has reached March 5), so that
filter runs here, over one query, rather than in SQL. Status changes are writes: store.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .commitments import amount_text, kind_words
from .company import company_key
from .errors import BadOption
from .quote import LocalTime, local_time, printable

DEFAULT_BASE_URL = "http://127.0.0.1:8001"
#: how wide the sentence column of the table may grow before it is cut with "…"
SENTENCE_WIDTH = 60

_SQL = """
select p.id, p.message_id, p.conversation_id, p.kind, p.text, p.amount, p.currency, p.due_text, p.due_by,
       p.status, p.status_changed_at, c.company, m.role, m.speaker, m.sent_at, m.sent_at_text, m.time_basis, c.tz
from promises p
join messages m on m.id = p.message_id
join conversations c on c.id = p.conversation_id
{where}
"""


@dataclass
class TrackedPromise:
    """A promise with what a person needs to chase it: who, when, where to read it."""

    id: str
    message_id: str
    conversation_id: str
    kind: str
    text: str
    amount: float | None
    currency: str | None
    due_text: str | None
    due_by: str | None
    status: str
    status_changed_at: str | None
    company: str
    role: str
    speaker: str
    sent_at: str | None
    sent_at_text: str
    time_basis: str | None
    tz: str | None
    #: open and due before today in the conversation's zone
    overdue: bool = False

    @property
    def permalink(self) -> str:
        """The message's quote card, as a path on the archive's server."""
        return f"/-/quote/{self.message_id}"

    @property
    def time(self) -> LocalTime:
        return local_time(self.sent_at, self.tz, self.sent_at_text, self.time_basis)

    @property
    def who(self) -> str:
        """`Jessica (agent)`, or the role alone when no name was shown."""
        return f"{self.speaker} ({self.role})" if self.speaker else self.role

    @property
    def kind_words(self) -> str:
        return kind_words(self.kind)

    @property
    def summary(self) -> str:
        """A calendar title: `Check: $40.00 fee waiver from Northwind Card`."""
        amount = amount_text(self.amount, self.currency)
        what = f"{amount} {self.kind_words}" if amount else self.kind_words
        return f"Check: {what} from {self.company or 'the company'}"

    def as_dict(self) -> dict[str, Any]:
        """Every stored field, plus the company, speaker, time, permalink and overdue flag."""
        data = asdict(self)
        data["local_time"] = self.time.display if self.time.local else None
        data["permalink"] = self.permalink
        return data


def local_today(tz: str | None, sent_at: str | None, now: dt.datetime) -> dt.date:
    """Today's date where the chat happened: its zone, else its time's offset, else this machine's."""
    if tz:
        try:
            return now.astimezone(ZoneInfo(tz)).date()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if sent_at:
        try:
            offset = dt.datetime.fromisoformat(sent_at).tzinfo
        except ValueError:
            offset = None
        if offset is not None:
            return now.astimezone(offset).date()
    return now.astimezone().date()


def list_promises(
    conn: sqlite3.Connection,
    *,
    open_only: bool = False,
    overdue: bool = False,
    company: str | None = None,
    now: dt.datetime | None = None,
) -> list[TrackedPromise]:
    """Promises by due date (undated last), then by when they were said, filtered.

    `overdue` keeps open promises due before today in their conversation's zone;
    `company` matches the company name ignoring case, spaces and punctuation, and
    raises BadOption naming the archive's companies when it matches none.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    where = "where p.status = 'open'" if open_only or overdue else ""
    rows = conn.execute(_SQL.format(where=where)).fetchall()
    found = []
    for row in rows:
        p = TrackedPromise(*row[:11], row[11] or "", row[12] or "", row[13] or "", row[14], row[15] or "", row[16], row[17])
        p.overdue = bool(p.status == "open" and p.due_by and p.due_by < local_today(p.tz, p.sent_at, now).isoformat())
        found.append(p)
    if company is not None:
        key = company_key(company)
        known = [r[0] or "" for r in conn.execute("select distinct company from conversations order by company")]
        if not any(company_key(name) == key for name in known):
            names = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
            raise BadOption(f"no company {company!r} in this archive" + (f"; it has: {names}" if names else ""))
        found = [p for p in found if company_key(p.company) == key]
    if overdue:
        found = [p for p in found if p.overdue]
    # by due date (undated last), then by when it was said: instants, not strings, across offsets
    found.sort(key=lambda p: (p.due_by is None, p.due_by or "", _instant(p.sent_at), p.id))
    return found


def _instant(sent_at: str | None) -> float:
    try:
        return dt.datetime.fromisoformat(sent_at).timestamp() if sent_at else float("inf")
    except (ValueError, TypeError):
        return float("inf")


# -- a table for the terminal ---------------------------------------------------------

_HEADERS = ("DUE", "STATUS", "KIND", "AMOUNT", "COMPANY", "WHO", "PROMISE", "ID")
_CAPS = (10, 14, 14, 14, 24, 24, SENTENCE_WIDTH, 16)


def _cell(text: str, width: int) -> str:
    text = " ".join(printable(text).split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def format_table(promises: list[TrackedPromise]) -> str:
    """Promises as aligned columns; long names and sentences are cut with "…" (--json has them whole)."""
    rows = [_HEADERS]
    for p in promises:
        status = f"{p.status} (overdue)" if p.overdue else p.status
        rows.append((p.due_by or "-", status, p.kind_words, amount_text(p.amount, p.currency), p.company, p.who, p.text, p.id))
    cells = [[_cell(value, cap) for value, cap in zip(row, _CAPS)] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(_HEADERS))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


# -- iCalendar -------------------------------------------------------------------------


def build_ics(promises: list[TrackedPromise], base_url: str = DEFAULT_BASE_URL, now: dt.datetime | None = None) -> bytes:
    """An iCalendar file (RFC 5545) with an all-day event on each promise's due date.

    Promises without a due date are left out. UIDs derive from the promise id, so
    importing the file again updates events instead of doubling them; icalendar
    does the escaping, CRLF line ends and folding at 75 octets.
    """
    from icalendar import Calendar, Event

    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//chat-archiver//promises//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Promises from customer-service chats")
    for p in promises:
        if not p.due_by:
            continue
        try:
            due = dt.date.fromisoformat(p.due_by)
        except ValueError:
            continue
        link = base_url.rstrip("/") + p.permalink
        event = Event()
        event.add("uid", f"{p.id}@chat-archiver")
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", printable(p.summary))
        event.add("description", printable(_description(p, link)))
        event.add("url", link)
        event.add("categories", [p.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _description(p: TrackedPromise, link: str) -> str:
    t = p.time
    when = t.display + (f" ({t.zone})" if t.zone and t.local else "")
    due = f"Due {p.due_text}: by {p.due_by}." if p.due_text else f"Due by {p.due_by}."
    return "\n".join([
        f"\u201c{p.text}\u201d",
        f"{p.who} at {p.company or 'the company'}, {when}.",
        due,
        f"Status: {p.status}.",
        f"Quote card: {link}",
    ])
