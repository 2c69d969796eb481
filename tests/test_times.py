"""Time resolution: shown times, date bases, zones, midnight and DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from archiver.errors import BadOption
from archiver.model import ParsedChat, ParsedMessage
from archiver.times import TimeContext, find_clock, is_relative_time, parse_day, parse_option_date, resolve, zone

NY = ZoneInfo("America/New_York")
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10:42 AM", (10, 42, 0)),
        ("10:42 am", (10, 42, 0)),
        ("10:42am", (10, 42, 0)),
        ("10:42\u202fAM", (10, 42, 0)),
        ("10:42\u00a0PM", (22, 42, 0)),
        ("12:05 AM", (0, 5, 0)),
        ("12:05 PM", (12, 5, 0)),
        ("2:05 pm", (14, 5, 0)),
        ("2:05 p.m.", (14, 5, 0)),
        ("14:05", (14, 5, 0)),
        ("14:05:33", (14, 5, 33)),
        ("9:07:02 PM", (21, 7, 2)),
        ("3 pm", (15, 0, 0)),
        ("Today 14:05", (14, 5, 0)),
        ("Tue, Jun 3, 10:42 AM", (10, 42, 0)),
        ("13:58", (13, 58, 0)),
    ],
)
def test_find_clock(text: str, expected: tuple[int, int, int]) -> None:
    found = find_clock(text)
    assert found is not None
    clock, _ = found
    assert (clock.hour, clock.minute, clock.second) == expected


@pytest.mark.parametrize("text", ["", "Now", "Just now", "2025", "Order 12345", "25:61", "13:05 PM", "$40.00"])
def test_find_clock_rejects(text: str) -> None:
    assert find_clock(text) is None


def test_find_clock_returns_the_rest() -> None:
    _, rest = find_clock("Today 14:05")
    assert rest == "Today"
    _, rest = find_clock("Tue, Jun 3, 10:42 AM")
    assert rest == "Tue, Jun 3"


@pytest.mark.parametrize("text", ["Just now", "now", "5m ago", "5 min ago", "2 hours ago", "a minute ago", "1d ago"])
def test_relative(text: str) -> None:
    assert is_relative_time(text)


@pytest.mark.parametrize("text", ["10:42 AM", "Today 14:05", "Tuesday", "Nowhere"])
def test_not_relative(text: str) -> None:
    assert not is_relative_time(text)


REF = dt.date(2025, 3, 6)  # a Thursday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Today", (dt.date(2025, 3, 6), True)),
        ("Yesterday", (dt.date(2025, 3, 5), True)),
        ("Tuesday", (dt.date(2025, 3, 4), True)),
        ("Thursday", (dt.date(2025, 3, 6), True)),
        ("Fri", (dt.date(2025, 2, 28), True)),
        ("March 4, 2025", (dt.date(2025, 3, 4), False)),
        ("Tue, Mar 4", (dt.date(2025, 3, 4), False)),
        ("Dec 30", (dt.date(2024, 12, 30), False)),  # no year: not after ref
        ("2025-03-04", (dt.date(2025, 3, 4), False)),
        ("3/4/2025", (dt.date(2025, 3, 4), False)),  # numeric dates: month first
        ("03.02.2024", (dt.date(2024, 2, 3), False)),  # dotted: day first
        ("2 March 2024", (dt.date(2024, 3, 2), False)),
    ],
)
def test_parse_day(text: str, expected: tuple[dt.date, bool]) -> None:
    assert parse_day(text, REF) == expected


@pytest.mark.parametrize("text", ["Today", "Yesterday", "Monday"])
def test_relative_days_need_a_reference(text: str) -> None:
    assert parse_day(text, None) is None


@pytest.mark.parametrize("text", ["", "Hello there", "Chat", "We can help"])
def test_parse_day_rejects(text: str) -> None:
    assert parse_day(text, REF) is None


def test_zone_and_option_errors() -> None:
    assert zone("Europe/London").key == "Europe/London"
    with pytest.raises(BadOption, match="unknown time zone 'Mars/Olympus'"):
        zone("Mars/Olympus")
    assert parse_option_date("2025-03-04") == dt.date(2025, 3, 4)
    with pytest.raises(BadOption, match="--date must look like 2025-03-04"):
        parse_option_date("4 March")


def msg(role: str = "agent", text: str = "x", **kw: str) -> ParsedMessage:
    return ParsedMessage(role=role, speaker="", text=text, **kw)


def rows(chat: ParsedChat, ctx: TimeContext) -> list[tuple[str | None, str | None]]:
    return [(m.sent_at, m.time_basis) for m in resolve(chat, ctx).messages]


def test_full_datetime_on_the_message_wins() -> None:
    chat = ParsedChat("t", [msg(time_text="10:42 AM", datetime_text="2025-03-04T15:42:10Z", day_text="Today")])
    ctx = TimeContext(NY, option_date=dt.date(2025, 1, 1))
    assert rows(chat, ctx) == [("2025-03-04T10:42:10-05:00", "message")]


def test_naive_datetime_attribute_is_wall_time_in_the_zone() -> None:
    chat = ParsedChat("t", [msg(datetime_text="2025-07-04 09:15")])
    assert rows(chat, TimeContext(NY)) == [("2025-07-04T09:15:00-04:00", "message")]


def test_date_alone_in_an_attribute_is_not_an_instant() -> None:
    chat = ParsedChat("t", [msg(datetime_text="2025-07-04", time_text="9:15 AM")])
    assert rows(chat, TimeContext(NY, option_date=dt.date(2025, 7, 4))) == [("2025-07-04T09:15:00-04:00", "option")]


def test_telegram_style_title_with_utc_offset() -> None:
    chat = ParsedChat("t", [msg(datetime_text="02.03.2024 10:41:12 UTC+03:00")])
    assert rows(chat, TimeContext(ZoneInfo("UTC"))) == [("2024-03-02T07:41:12+00:00", "message")]


def test_zone_abbreviation_in_a_title(recwarn) -> None:
    """One-zone abbreviations give the instant; a many-zone one ("IST") is wall time, and neither warns."""
    chat = ParsedChat("t", [msg(datetime_text="Tuesday, March 10, 2026 at 9:12:44 AM EDT"),
                            msg(datetime_text="Tuesday, March 10, 2026 at 9:12:44 AM IST")])
    assert rows(chat, TimeContext(ZoneInfo("UTC"))) == [
        ("2026-03-10T13:12:44+00:00", "message"), ("2026-03-10T09:12:44+00:00", "message"),
    ]
    assert not recwarn.list


def test_date_shown_with_the_time_on_the_message() -> None:
    chat = ParsedChat("t", [msg(time_text="Tue, Jun 3, 10:42 AM")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2025, 6, 10, 12, 0, tzinfo=UTC), saved_basis="mtime")
    assert rows(chat, ctx) == [("2025-06-03T10:42:00-04:00", "message")]


def test_separator_date_then_header_then_option() -> None:
    chat = ParsedChat(
        "t",
        [msg(time_text="9:00 AM", day_text="March 3, 2025"), msg(time_text="9:05 AM")],
        header_text="Chat started: Sunday, December 01, 2024, 07:09:55 (-0800)",
    )
    ctx = TimeContext(NY, option_date=dt.date(2025, 1, 1))
    assert rows(chat, ctx) == [("2025-03-03T09:00:00-05:00", "page"), ("2024-12-01T09:05:00-05:00", "page")]


def test_relative_separator_counts_back_from_date_option_else_save_date() -> None:
    chat = ParsedChat("t", [msg(time_text="14:05", day_text="Yesterday"), msg(time_text="Today 09:00")])
    with_option = TimeContext(NY, option_date=dt.date(2025, 3, 4), saved_at=dt.datetime(2025, 5, 1, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, with_option) == [("2025-03-03T14:05:00-05:00", "option"), ("2025-03-04T09:00:00-05:00", "option")]
    saved_only = TimeContext(NY, saved_at=dt.datetime(2025, 5, 1, 16, 0, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, saved_only) == [("2025-04-30T14:05:00-04:00", "saved"), ("2025-05-01T09:00:00-04:00", "saved")]


def test_mhtml_date_is_converted_to_the_zone_before_taking_the_date() -> None:
    # 02:30 UTC on March 5 is 21:30 on March 4 in New York
    chat = ParsedChat("t", [msg(time_text="9:10 PM"), msg(time_text="9:25 PM")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2025, 3, 5, 2, 30, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, ctx) == [("2025-03-04T21:10:00-05:00", "saved"), ("2025-03-04T21:25:00-05:00", "saved")]


def test_shown_times_after_the_save_belong_to_the_day_before() -> None:
    chat = ParsedChat("t", [msg(time_text="11:50 PM")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2025, 3, 5, 5, 10, tzinfo=UTC), saved_basis="mtime")  # 00:10 local
    assert rows(chat, ctx) == [("2025-03-04T23:50:00-05:00", "mtime")]


def test_midnight_rollover_from_a_start_anchor() -> None:
    chat = ParsedChat("t", [msg(time_text="11:58 PM"), msg(time_text="11:59 PM"), msg(time_text="12:03 AM")])
    ctx = TimeContext(NY, option_date=dt.date(2025, 3, 4))
    assert rows(chat, ctx) == [
        ("2025-03-04T23:58:00-05:00", "option"),
        ("2025-03-04T23:59:00-05:00", "option"),
        ("2025-03-05T00:03:00-05:00", "option"),
    ]


def test_midnight_rollover_from_an_end_anchor() -> None:
    chat = ParsedChat("t", [msg(time_text="23:58"), msg(time_text="00:03")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2025, 3, 5, 5, 30, tzinfo=UTC), saved_basis="saved")  # 00:30 local
    assert rows(chat, ctx) == [("2025-03-04T23:58:00-05:00", "saved"), ("2025-03-05T00:03:00-05:00", "saved")]


def test_daylight_saving_offsets_come_from_the_zone() -> None:
    # US clocks sprang forward on 2025-03-09 at 2 AM
    chat = ParsedChat("t", [msg(time_text="1:30 AM", day_text="March 9, 2025"), msg(time_text="3:30 AM", day_text="March 9, 2025")])
    assert rows(chat, TimeContext(NY)) == [("2025-03-09T01:30:00-05:00", "page"), ("2025-03-09T03:30:00-04:00", "page")]


def test_relative_ago_counts_back_from_the_save_instant() -> None:
    chat = ParsedChat("t", [msg(time_text="5m ago"), msg(time_text="Just now")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2025, 3, 4, 15, 0, 30, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, ctx) == [("2025-03-04T09:55:30-05:00", "saved"), ("2025-03-04T10:00:30-05:00", "saved")]


def test_no_time_shown_keeps_sent_at_null() -> None:
    chat = ParsedChat("t", [msg(), msg(time_text="Delivered")])
    ctx = TimeContext(NY, option_date=dt.date(2025, 3, 4))
    resolved = resolve(chat, ctx)
    assert [(m.sent_at, m.time_basis, m.sent_at_text) for m in resolved.messages] == [(None, None, ""), (None, None, "Delivered")]
    assert (resolved.chat_date, resolved.date_basis) == ("2025-03-04", "option")


def test_mtime_basis_warns() -> None:
    chat = ParsedChat("t", [msg(time_text="10:00")])
    resolved = resolve(chat, TimeContext(NY, saved_at=dt.datetime(2025, 3, 4, 18, 0, tzinfo=UTC), saved_basis="mtime"))
    assert resolved.messages[0].sent_at == "2025-03-04T10:00:00-05:00"
    assert resolved.warnings == [
        "no date in the page or options: used the file's modification time; pass --date to be exact"
    ]


def test_system_line_with_chat_start_date_dates_the_chat() -> None:
    chat = ParsedChat("t", [msg("system", "Chat started on 3/4/2025"), msg(time_text="10:41 AM")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2026, 1, 1, tzinfo=UTC), saved_basis="mtime")
    assert rows(chat, ctx) == [(None, None), ("2025-03-04T10:41:00-05:00", "page")]


def test_february_29_in_a_separator_and_a_yearless_label() -> None:
    chat = ParsedChat("t", [msg(time_text="10:00 AM", day_text="Feb 29"), msg(time_text="Thu, Feb 29, 9:00 AM")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2024, 3, 2, 12, 0, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, ctx) == [("2024-02-29T10:00:00-05:00", "page"), ("2024-02-29T09:00:00-05:00", "message")]
    # saved in a common year, "Feb 29" is the last leap day before it
    assert parse_day("Feb 29", dt.date(2025, 3, 1)) == (dt.date(2024, 2, 29), False)


def test_every_day_of_a_leap_year_parses_without_its_year() -> None:
    ref = dt.date(2024, 12, 31)
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        assert parse_day(day.strftime("%B %d"), ref) == (day, False)
        day += dt.timedelta(days=1)


def test_hours_ago_across_a_daylight_saving_change_are_real_hours() -> None:
    # saved 07:30 UTC on 2024-03-10 (03:30 EDT, just after clocks sprang forward)
    chat = ParsedChat("t", [msg(time_text="2h ago")])
    ctx = TimeContext(NY, saved_at=dt.datetime(2024, 3, 10, 7, 30, tzinfo=UTC), saved_basis="saved")
    assert rows(chat, ctx) == [("2024-03-10T00:30:00-05:00", "saved")]  # 05:30 UTC
