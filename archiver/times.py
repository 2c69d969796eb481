"""Times, dates and zones: turning what a chat showed into instants.

A widget shows "10:42 AM", "Today 14:05", "Tue, Jun 3, 10:42 AM" or nothing.
We keep that text verbatim and resolve it against the first date that applies:
a full date-time on the message, an absolute date shown in the page, --date,
the save date (converted into the chat's zone), the file's mtime. Which one was
used is recorded as the message's `time_basis`. Calendar parsing is dateutil's;
zones are zoneinfo's, so daylight saving is always the zone's own rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from warnings import catch_warnings, simplefilter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning

from .errors import BadOption
from .model import Message, ParsedChat

#: The bases, from strongest to weakest evidence.
BASES = ("message", "page", "option", "saved", "mtime", "captured")

_WS = "[ \t\u00a0\u202f\u2009]"
_CLOCK = re.compile(
    r"(?<![\d:])(?P<h>[012]?\d)(?:[:.h](?P<m>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?)?"
    + _WS
    + r"*(?P<ampm>[aApP]\.?" + _WS + r"?[mM]\.?(?![a-zA-Z]))?(?![\d:])"
)
_RELATIVE_AGO = re.compile(
    r"^\s*(?P<n>\d+|an?|one)\s*(?P<unit>s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wks?|weeks?)\.?\s+ago\b",
    re.I,
)
_JUST_NOW = re.compile(r"^\s*(just\s+now|now|a\s+moment\s+ago|moments\s+ago|sent|seen)\b", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UTC_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_HAS_DIGIT = re.compile(r"\d")
#: system lines that announce the chat's date ("Chat started on 3/4/2025")
_DAY_EVENT = re.compile(r"\b(?:chat|conversation|session)\s+(?:started|began|opened|start)(?:\s+(?:on|at))?\b|^\s*date\s*:", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone `name`, or the machine's own zone when `name` is None."""
    if not name:
        return ZoneInfo(local_zone_name())
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadOption(
            f"unknown time zone {name!r}: use an IANA name such as America/New_York or Europe/London"
        ) from None


def local_zone_name() -> str:
    """The machine's IANA zone name (UTC when the machine does not say)."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # tzlocal raises several kinds when /etc/localtime is odd
        return "UTC"


def parse_option_date(text: str | None) -> dt.date | None:
    """Parse --date (YYYY-MM-DD)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadOption(f"--date must look like 2025-03-04, not {text!r}") from None


def is_relative_time(text: str) -> bool:
    """True for labels that change as time passes ("Just now", "5m ago")."""
    return bool(_JUST_NOW.match(text) or _RELATIVE_AGO.match(text))


@dataclass
class Clock:
    hour: int
    minute: int
    second: int


def find_clock(text: str) -> tuple[Clock, str] | None:
    """Find a time of day in `text`; return it and the text without it.

    Accepts 12 and 24 hour clocks, "am"/"p.m." in any case, a narrow no-break
    space before the meridiem, and optional seconds. A bare number is a clock
    only with am/pm ("3 pm").
    """
    for m in _CLOCK.finditer(text):
        hour = int(m["h"])
        minute = int(m["m"]) if m["m"] else None
        ampm = m["ampm"]
        if minute is None and not ampm:
            continue
        if ampm:
            if not 1 <= hour <= 12:
                continue
            pm = ampm[0] in "pP"
            hour = hour % 12 + (12 if pm else 0)
        elif hour > 23:
            continue
        clock = Clock(hour, minute or 0, int(m["s"] or 0))
        return clock, (text[: m.start()] + " " + text[m.end() :]).strip(" ,·•-|@\u00a0\u202f")
    return None


def parse_day(text: str, ref: dt.date | None) -> tuple[dt.date, bool] | None:
    """Parse a day label. Returns (date, relative) or None.

    "Today", "Yesterday" and weekday names count back from `ref`; they need it.
    Absolute dates without a year take the latest year not after `ref`.
    Numeric dates are month first unless dotted (03.02.2024 is 3 February).
    """
    label = text.strip().strip(",").strip()
    if not label:
        return None
    low = label.lower()
    if low.startswith("today"):
        return (ref, True) if ref else None
    if low.startswith("yesterday"):
        return (ref - dt.timedelta(days=1), True) if ref else None
    for i, name in enumerate(_WEEKDAYS):
        if low in (name, name[:3]):
            if not ref:
                return None
            back = (ref.weekday() - i) % 7
            return ref - dt.timedelta(days=back), True
    if not _HAS_DIGIT.search(label):
        return None
    parsed = _dateutil(label, ref)
    if parsed is None:
        return None
    return parsed[0].date(), False


#: zone abbreviations a shown time may end with that name one UTC offset only (hours);
#: "CST", "IST" and "BST" each name several zones and are left to the chat's zone
ZONE_ABBREVIATIONS: dict[str, int] = {
    name: hours * 3600 for name, hours in {
        "UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AKST": -9, "AKDT": -8, "HST": -10, "CET": 1, "CEST": 2, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    }.items()
}


def _dateutil(text: str, ref: dt.date | None) -> tuple[dt.datetime, bool] | None:
    """dateutil's parse, telling whether a year was present.

    Parsing against two defaults that differ in every field shows which fields
    the text itself supplied; both defaults are leap years so "Feb 29" parses.
    A yearless date takes the latest year, not after `ref`, that has that day.
    """
    text = _UTC_OFFSET.sub(lambda m: f" {m[1]}{int(m[2]):02d}{m[3] or '00'}", text)
    dayfirst = bool(re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}", text))
    d1 = dt.datetime(2000, 1, 1, 0, 0, 0)
    d2 = dt.datetime(1996, 2, 2, 1, 1, 1)
    try:
        with catch_warnings():
            # an abbreviation not in ZONE_ABBREVIATIONS ("IST" is three zones) is read as the chat's zone
            simplefilter("ignore", UnknownTimezoneWarning)
            a = dateparser.parse(text, default=d1, dayfirst=dayfirst, fuzzy=True, tzinfos=ZONE_ABBREVIATIONS)
            b = dateparser.parse(text, default=d2, dayfirst=dayfirst, fuzzy=True, tzinfos=ZONE_ABBREVIATIONS)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.month != b.month or a.day != b.day:
        return None  # no day in the text: not a date
    if a.year == b.year:
        return a, True
    if ref is None:
        return None  # a yearless date needs a reference to place it
    for year in range(ref.year, ref.year - 9, -1):
        try:
            candidate = a.replace(year=year)
        except ValueError:
            continue  # Feb 29 in a common year
        if candidate.date() <= ref:
            return candidate, False
    return None


def parse_datetime(text: str, tz: ZoneInfo, ref: dt.date | None) -> dt.datetime | None:
    """A full date-time written on a message (ISO, or a title attribute).

    Returns an aware datetime in `tz`, or None unless the text has both a day
    and a time of day. Naive values are read as wall time in `tz`.
    """
    text = text.strip()
    if not text or not _HAS_DIGIT.search(text):
        return None
    if _ISO_DATE.match(text):
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            value = None
        if value is not None:
            if len(text) <= 10:
                return None  # a date alone is not an instant
            return _localize(value, tz)
    if find_clock(text) is None:
        return None
    parsed = _dateutil(text, ref)
    if parsed is None:
        return None
    return _localize(parsed[0], tz)


def _localize(value: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _relative_delta(text: str) -> dt.timedelta | None:
    if _JUST_NOW.match(text):
        return dt.timedelta(0)
    m = _RELATIVE_AGO.match(text)
    if not m:
        return None
    n = 1 if m["n"].lower() in ("a", "an", "one") else int(m["n"])
    unit = m["unit"].lower()[0]
    if unit == "m" and m["unit"].lower().startswith("mo"):
        return None
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
    return dt.timedelta(seconds=n * seconds)


@dataclass
class TimeContext:
    """What is known about the chat's date, apart from the messages."""

    tz: ZoneInfo
    option_date: dt.date | None = None
    #: when the page was saved (or captured), aware
    saved_at: dt.datetime | None = None
    #: "saved" for an exact save time (MHTML Date:), "mtime" for a file's
    #: modification time, "captured" for a live capture
    saved_basis: str | None = None


@dataclass
class Resolved:
    messages: list[Message]
    chat_date: str | None
    date_basis: str | None
    warnings: list[str]


def resolve(chat: ParsedChat, ctx: TimeContext) -> Resolved:
    """Resolve every message's shown time into an instant and record its basis.

    Clock-only times take their day from the nearest date separator, then a
    dated header, then --date (these anchor the chat's start), then the save
    date (which anchors its end). When the day comes from a start anchor, a
    clock that runs backwards by more than twelve hours has crossed midnight;
    from an end anchor the same is read backwards.
    """
    tz = ctx.tz
    saved_local = ctx.saved_at.astimezone(tz) if ctx.saved_at else None
    save_day = saved_local.date() if saved_local else None
    # Relative day labels count back from --date when given, else the save date.
    ref_day = ctx.option_date or save_day
    ref_basis = "option" if ctx.option_date else ctx.saved_basis
    header_day = _day_of(chat.header_text, ref_day) if chat.header_text else None
    if header_day is None:
        # a system line such as "Chat started on 3/4/2025" serves as the header
        for pm in chat.messages:
            if pm.role == "system" and len(pm.text) <= 80 and _DAY_EVENT.search(pm.text):
                header_day = _day_of(_DAY_EVENT.sub(" ", pm.text), ref_day)
                if header_day:
                    break

    # (basis, datetime) for the chat-level fallback day
    if header_day:
        base_day, base_basis, anchor = header_day[0], ("page" if not header_day[1] else ref_basis), "start"
    elif ctx.option_date:
        base_day, base_basis, anchor = ctx.option_date, "option", "start"
    elif save_day:
        base_day, base_basis, anchor = save_day, ctx.saved_basis, "end"
    else:
        base_day, base_basis, anchor = None, None, None

    out: list[Message] = []
    instants: list[dt.datetime | None] = []
    chained: list[int] = []  # indices whose day came from the chat-level base
    warnings: list[str] = []
    for seq, pm in enumerate(chat.messages):
        sent_at: dt.datetime | None = None
        basis: str | None = None
        shown = pm.time_text
        if pm.datetime_text:
            sent_at = parse_datetime(pm.datetime_text, tz, ref_day)
            if sent_at:
                basis = "message"
        if sent_at is None and shown:
            delta = _relative_delta(shown)
            if delta is not None:
                if ctx.saved_at is not None:
                    # elapsed time, so subtract in UTC: "2h ago" across a DST change is 2 real hours
                    utc = ctx.saved_at.astimezone(dt.timezone.utc).replace(microsecond=0)
                    sent_at = (utc - delta).astimezone(tz)
                    basis = ctx.saved_basis
            else:
                found = find_clock(shown)
                if found:
                    clock, rest = found
                    day: dt.date | None = None
                    rest_day = _day_of(rest, ref_day) if rest else None
                    if rest_day:
                        day = rest_day[0]
                        basis = ref_basis if rest_day[1] else "message"
                    elif pm.day_text and (sep := _day_of(pm.day_text, ref_day)):
                        day = sep[0]
                        basis = ref_basis if sep[1] else "page"
                    elif base_day:
                        day, basis = base_day, base_basis
                        chained.append(seq)
                    if day is not None:
                        sent_at = _at(day, clock, tz)
                    else:
                        basis = None
        out.append(
            Message(
                seq=seq,
                role=pm.role,
                speaker=pm.speaker,
                text=pm.text,
                sent_at_text=shown,
                sent_at=None,
                time_basis=basis if sent_at else None,
            )
        )
        instants.append(sent_at)

    _fix_rollover(instants, chained, anchor, saved_local)
    for m, value in zip(out, instants):
        m.sent_at = value.isoformat() if value else None

    first = next((m for m in out if m.sent_at), None)
    if first:
        chat_date = first.sent_at[:10]
        date_basis = first.time_basis
    elif base_day:
        chat_date, date_basis = base_day.isoformat(), base_basis
    else:
        chat_date, date_basis = None, None
    if date_basis == "mtime":
        warnings.append(
            "no date in the page or options: used the file's modification time; pass --date to be exact"
        )
    return Resolved(out, chat_date, date_basis, warnings)


@lru_cache(maxsize=4096)
def _day_of(text: str, ref: dt.date | None) -> tuple[dt.date, bool] | None:
    # cached: a transcript repeats one separator or "Today" on every message
    found = parse_day(text, ref)
    if found is None and ":" in text:
        # "Chat started: Sunday, December 01, 2024, 07:09:55 (-0800)"
        found = parse_day(text.split(":", 1)[1], ref)
    return found


def _at(day: dt.date, clock: Clock, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, clock.hour, clock.minute, clock.second, tzinfo=tz)


def _fix_rollover(
    instants: list[dt.datetime | None],
    chained: list[int],
    anchor: str | None,
    saved_local: dt.datetime | None,
) -> None:
    """Move chained clock-only times across midnight where the clock wrapped."""
    if len(chained) == 0:
        return
    half_day = dt.timedelta(hours=12)
    one_day = dt.timedelta(days=1)

    def wall(i: int) -> dt.timedelta:
        v = instants[i]
        assert v is not None
        return dt.timedelta(hours=v.hour, minutes=v.minute, seconds=v.second)

    def shift(i: int, days: int) -> None:
        v = instants[i]
        assert v is not None
        # wall-clock arithmetic, so a day is a day across a DST change
        instants[i] = (v.replace(tzinfo=None) + days * one_day).replace(tzinfo=v.tzinfo)

    if anchor == "start":
        days = 0
        for prev, cur in zip(chained, chained[1:]):
            if wall(prev) - wall(cur) > half_day:
                days += 1
            if days:
                shift(cur, days)
    elif anchor == "end":
        days = 0
        for nxt, cur in zip(reversed(chained), list(reversed(chained))[1:]):
            if wall(cur) - wall(nxt) > half_day:
                days -= 1
            if days:
                shift(cur, days)
        last = instants[chained[-1]]
        if saved_local is not None and last is not None and last > saved_local + dt.timedelta(minutes=5):
            # shown times later than the save itself belong to the day before
            for i in chained:
                shift(i, -1)
