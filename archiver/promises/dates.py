"""Due expressions ("within 5-7 business days", "by Friday") and the latest date each implies.

Dates count from the message's own local date, never the clock, so the same
message always resolves the same way; holidays are not known, so not skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .money import SMALL_NUMBERS


def _alt(*alternatives: str) -> str:
    """A non-capturing group matching any of `alternatives`."""
    return "(?:" + "|".join(alternatives) + ")"


_NUM = (r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|"
        r"twenty|thirty|forty-five|forty|sixty|ninety)")
_WORD_NUMBERS = {"a": 1, "an": 1, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "forty-five": 45, "sixty": 60, "ninety": 90, **SMALL_NUMBERS}
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}
_MONTHS = _alt(
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept?", "oct", "nov", "dec",
) + r"\.?"
_ORDINAL = r"(?:st|nd|rd|th)"
_UNIT = _alt(
    r"(?:business|working|banking|biz)\s+days?", r"calendar\s+days?", "wks?", "days?", "hours?", "hrs?", "minutes?", "mins?", "weeks?", "months?",
    r"(?:billing|statement)\s+(?:cycles?|periods?)", "cycles?", "statements?", "bills?",
)
_SPAN_OPENER = _alt("within", "in", r"inside(?:\s+of)?", "over", r"allow(?:\s+up\s+to)?", r"give\s+(?:us|it)",
                    r"up\s+to", "eta", "takes")  # "which normally takes 3 to 5 working days"
#: what a bare span is the time for: "3-5 days to show", "2 business days to post"
_TO_SHOW = _alt("show", "post", "appear", "reflect", "arrive", "clear", "land", "process", r"come\s+through")
_APPROXIMATELY = r"(?:up\s+to\s+|about\s+|around\s+|approximately\s+|roughly\s+)?"

# (kind, regex); `_resolve` turns each kind into a date
_DUE_PATTERNS = [(kind, re.compile(rx, re.I)) for kind, rx in [
    ("span", r"\b" + _SPAN_OPENER + r"\s+(?:the\s+)?(?:next\s+)?" + _APPROXIMATELY + r"(?:another\s+)?"
             r"(?P<n>" + _NUM + r")(?:\s*(?:-|\u2013|to|or)\s*(?P<m>" + _NUM + r"))?(?:(?<=\d)\s*|\s+)"
             r"(?P<unit>" + _UNIT + r")\b"),
    # a span with no opener but what it is the time for: "Refund issued. 3-5 days to show."
    ("span", r"(?<![\w$])(?<!took\s)(?P<n>" + _NUM + r")(?:\s*(?:-|\u2013|to|or)\s*(?P<m>" + _NUM + r"))?(?:(?<=\d)\s*|\s+)"
             r"(?P<unit>" + _UNIT + r")\s+(?:for\s+(?:it|them|the\s+\w+)\s+)?to\s+" + _TO_SHOW + r"\b"),
    # a span that is the whole text: "Ordered a replacement \u2014 3 to 5 working days" (its clause alone)
    ("span", r"\A(?P<n>" + _NUM + r")(?:\s*(?:-|\u2013|to|or)\s*(?P<m>" + _NUM + r"))?(?:(?<=\d)\s*|\s+)"
             r"(?P<unit>" + _UNIT + r")(?=\W*\Z)"),
    # a span that closes the text after a comma: "refunded the $30 bag fee to ur card, 5-7 biz days"
    ("span", r"(?:(?<=,)|(?<=,\s))(?P<n>" + _NUM + r")(?:\s*(?:-|\u2013|to|or)\s*(?P<m>" + _NUM + r"))?"
             r"(?:(?<=\d)\s*|\s+)(?P<unit>" + _UNIT + r")(?=\W*\Z)"),
    ("hour", r"\bwithin\s+the\s+(?:next\s+)?hour\b"),
    # "in the next few days", "within a couple of weeks": a due expression, but no date to count to
    ("vague", r"\b(?:within|in|inside(?:\s+of)?)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:a\s+)?"
              r"(?:few|couple(?:\s+of)?)\s+(?:more\s+)?(?:(?:business|working)\s+)?(?:days|weeks|hours|months)\b"),
    # "on your next bill", "from next cycle", "kicks in next cycle"
    ("next_cycle", r"\b(?:on|with|in|by|to|from)?\s*(?:(?:your|ur|the)|(?<=effective)|(?<=from)|(?<=starting)"
                   r"|(?<=\bin)|(?<=\bon)|(?<=\bby)|(?<=\bwith))\s+next\s+"
                   r"(?:billing\s+|monthly\s+)?(?:statement|bill|invoice|billing\s+(?:cycle|period)|cycle|period)\b"),
    ("next_business_day", r"\b(?:by\s+)?(?:the\s+)?next\s+(?:business|working)\s+day\b"),
    ("end", r"\b(?:by\s+|before\s+)?(?:the\s+)?end\s+of\s+(?P<which>the|this|next)\s+(?P<unit>week|month)\b"),
    ("week", r"\b(?P<which>this|next)\s+(?P<unit>week|month)\b"),
    ("day_after", r"\bthe\s+day\s+after\s+tomorrow\b"),
    ("tomorrow", r"\b(?:by\s+)?(?:tomorrow|tmrw|tmr|tomoz|2mor+o?w?)\b"),
    ("today", r"\b(?:by\s+)?" + _alt("today", "2day", "tonight", "tonite", r"this\s+(?:morning|afternoon|evening)",
                                      r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day",
                                      r"close\s+of\s+business", "COB", "EOD") + r"\b"),
    # "Thursday the 22nd", "by Wednesday, April 9": the date written after the day is the one meant, and
    # part of the due text a person reads back
    ("weekday", r"\b(?:(?P<pre>by|on|before|until|this|next|coming)\s+)?(?P<wd>" + _alt(*_WEEKDAYS) + r")\b"
                r"(?:,?\s+(?:the\s+(?P<dd>\d{1,2})" + _ORDINAL + r"?|(?P<do>\d{1,2})" + _ORDINAL + r"|(?P<md>"
                + _MONTHS + r"\s+\d{1,2}" + _ORDINAL + r"?|\d{1,2}" + _ORDINAL + r"?\s+(?:of\s+)?" + _MONTHS
                + r"))\b(?![:.]\d))?"),
    # "for thurs", "by fri": an abbreviation only after a word that makes it a day ("sat on hold" is none)
    ("weekday_short", r"\b(?P<pre>by|on|before|until|this|next|coming|for)\s+"
                r"(?P<wd>mon|tues?|wed|weds|thu|thurs?|fri|sat|sun)\b\.?(?!')"),
    ("clock", r"\b(?:by|before|until)\s+(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))?\s*(?P<ap>[ap])\.?m\b\.?"),
    # "on your next billing date, Nov 4": the date named after the word "date"
    # a change "from 1 December", or one that "takes effect December 1", is due on the day it starts
    ("date", r"\b(?:by|on|for|before|(?:effect|effective|live|active)\s+from|effective|starting|as\s+of|from|(?:takes?\s+)?effect|"
             r"no\s+later\s+than)\s+(?:the\s+)?(?P<d>"
             + _MONTHS + r"\s+\d{1,2}" + _ORDINAL + r"?(?:,?\s+\d{4})?"
             r"|\d{1,2}" + _ORDINAL + r"?\s+(?:of\s+)?" + _MONTHS + r"(?:,?\s+\d{4})?)\b"
             # "from March 10 to March 24" is a period, not the day a change starts
             r"(?!\s*(?:to|until|till|through|-|\u2013)\s*(?:the\s+)?(?:\d|" + _MONTHS + r"))"),
    # "it'll apply to your Jan 7 invoice", "on your next billing date, Nov 4": the date of the bill or the
    # billing day; the due text is the date alone
    ("date", r"(?:(?<=\byour\s)|(?<=\bthe\s))(?P<d>" + _MONTHS + r"\s+\d{1,2}" + _ORDINAL + r"?|\d{1,2}" + _ORDINAL
             + r"?\s+" + _MONTHS + r")\s+(?=(?:invoice|bill|statement)\b)"),
    ("date", r"(?:(?<=\bdate,\s)|(?<=\bdate\s))(?P<d>" + _MONTHS + r"\s+\d{1,2}" + _ORDINAL + r"?|\d{1,2}" + _ORDINAL
             + r"?\s+" + _MONTHS + r")\b"),
    # "kicking in from the 14th": a change that starts on a day is due on it
    # an ordinal that counts things is no day: "a room on the 12th floor", "on the 3rd attempt"
    ("day_of_month", r"\b(?:by|on|before|(?:(?:effective|starting)\s+)?from)\s+the\s+(?P<day>\d{1,2})" + _ORDINAL + r"\b(?!\s+(?:of\s+)?" + _MONTHS + ")"
                     r"(?!\s+(?:floors?|storey|story|level|deck|row|aisle|gate|platform|stop|lap|round|time|try|attempt|"
                     r"anniversary|birthday|instal+ments?|payments?|visit|call|notice|reminder)\b)"
                     r"(?!\s+(?:to|until|till|through)\s+the\b)"),  # "from the 10th to the 24th" is a period
]]


#: words one of which each pattern needs, so a clause skips the patterns it cannot match
_NEEDLES = {
    "span": ("day", "hour", "hr", "min", "week", "wk", "month", "cycle", "statement", "bill", "period"),
    "hour": ("hour",), "vague": ("few", "couple"), "next_cycle": ("next",), "next_business_day": ("next",),
    "end": ("end",),
    "week": ("week", "month"), "day_after": ("after",), "tomorrow": ("tomorrow", "tmr", "tomoz", "2mor"),
    "today": ("today", "2day", "tonight", "tonite", "this", "end", "close", "cob", "eod"), "weekday": ("day",),
    "weekday_short": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "date": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "day_of_month": ("the",), "clock": ("m",),
}
_FOR_PERIOD = re.compile(r"\bfor\s+(?:the\s+)?(?:next\s+|first\s+)?$", re.I)
#: how far before a span "for the next" is looked for: a search from the text's start per span is quadratic
#: on a hostile page, and the words fit in 40 characters unless padded with spaces
_FOR_PERIOD_WINDOW = 40


def find_due(text: str, sent_at: dt.datetime | None) -> tuple[str | None, str | None]:
    """(due_text, due_by) for the due expression in `text` implying the latest date.

    Without `sent_at` the first due expression is returned and due_by is None;
    so it is when no expression names a date to count to ("in the next few days").
    """
    if not _DUE_HINT.search(text):
        return None, None
    found = _due_matches(text)
    if not found:
        return None, None
    if sent_at is None:
        return found[0][1].group(0).strip(), None
    dated = [(d, m.group(0).strip()) for kind, m in found if (d := _resolve_safely(kind, m, sent_at)) is not None]
    if not dated:
        return found[0][1].group(0).strip(), None
    latest = max(dated, key=lambda x: x[0])
    return latest[1], latest[0].isoformat()


#: every due expression holds one of these; most clauses hold none, and skip the patterns
_DUE_HINT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|"
    r"forty|sixty|ninety|today|tonight|tonite|tomorrow|tmrw?|tomoz|this|next|end|close|cob|eod|hours?|hrs?|days?|"
    r"weeks?|wks?|months?|cycles?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|invoice|period|"
    r"mon|tues?|wed|weds|thu|thurs?|fri|sat|sun)\b",
    re.I,
)
_COUNTED_FROM = re.compile(
    r"\s+(?:of|after|from\s+(?:the\s+|your\s+)?(?:date|day|time|receipt|purchase|delivery|when|installation))\b",
    re.I,
)

#: a weekday that dates a past event rather than a deadline: "last Tuesday", a charge or a request "from" a day
_PAST_DAY = re.compile(
    r"(?:\blast|\b(?:fees?|charges?|payments?|transactions?|debits?|deposits?|orders?|requests?|calls?|chats?|"
    r"messages?|emails?|letters?|complaints?)\s+(?:(?:made|placed|sent|taken|raised)\s+)?from(?:\s+last)?)\s+$", re.I)
_PAST_DAY_WINDOW = 40
#: what a date "from" after it dates as past: "the charges from 3 January", "your request from 2 May"
_PAST_THING = re.compile(
    r"\b(?:fees?|charges?|payments?|transactions?|debits?|deposits?|orders?|requests?|calls?|chats?|messages?|emails?|"
    r"letters?|complaints?|bills?|statements?|invoices?|purchases?)\s+(?:(?:made|placed|sent|taken|raised|dated)\s+)?$",
    re.I)


def _due_matches(text: str) -> list[tuple[str, re.Match]]:
    # what earlier patterns took, as sorted disjoint spans: starts and ends in step, so an overlap is one bisect
    starts: list[int] = []
    ends: list[int] = []
    found = []
    lower = text.lower()
    for kind, regex in _DUE_PATTERNS:
        if not any(needle in lower for needle in _NEEDLES[kind]):
            continue
        for m in regex.finditer(text):
            k = bisect_left(starts, m.end())  # the spans before k start before m ends
            if k and ends[k - 1] > m.start():
                continue
            if kind in ("span", "vague") and _FOR_PERIOD.search(
                    text, max(0, m.start() - _FOR_PERIOD_WINDOW), m.start()):
                continue  # "for the next 6 months" is a period, not a deadline
            if kind == "week" and _FOR_PERIOD.search(text, max(0, m.start() - _FOR_PERIOD_WINDOW), m.start()):
                continue  # "the \u00a34 difference for this month" is what it covers, not a deadline
            if kind in ("span", "vague") and _COUNTED_FROM.match(text, m.end()):
                continue  # "within 6 weeks of the move" counts from another event
            if kind in ("weekday", "weekday_short") and _PAST_DAY.search(
                    text, max(0, m.start() - _PAST_DAY_WINDOW), m.start()):
                continue  # "the $35 fee from Tuesday", "your request from last Tuesday": the day it happened
            if kind == "date" and lower.startswith("from", m.start()) and _PAST_THING.search(
                    text, max(0, m.start() - _PAST_DAY_WINDOW), m.start()):
                continue  # "the charges from 3 January": the day they happened
            if text[m.end():m.end() + 2] == "'s":
                continue  # "this month's late fee", "tonight's stay": what it is for, not when it is due
            k = bisect_left(starts, m.start())
            starts.insert(k, m.start())
            ends.insert(k, m.end())
            found.append((kind, m))
    return sorted(found, key=lambda f: f[1].start())


def _resolve_safely(kind: str, m: re.Match, sent_at: dt.datetime) -> dt.date | None:
    """Like `_resolve`, but a date beyond what datetime can hold is no date."""
    try:
        return _resolve(kind, m, sent_at)
    except (OverflowError, ValueError):  # "within 99999999 days", a year past 9999
        return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


def _resolve(kind: str, m: re.Match, sent_at: dt.datetime) -> dt.date | None:
    """The latest date the due expression `m` (of pattern `kind`) implies."""
    return _RESOLVERS[kind](m, sent_at, sent_at.date())


def _span(m: re.Match, sent_at: dt.datetime, day: dt.date) -> dt.date:
    n = max(_number(m.group("n")), _number(m.group("m")) if m.group("m") else 0)
    return _add_span(sent_at, n, m.group("unit").lower())


def _weekday(m: re.Match, sent_at: dt.datetime, day: dt.date) -> dt.date | None:
    """On or after `day`; "next Friday" is strictly after it. A date written after it wins."""
    written = m.groupdict()
    if written.get("md"):
        return _next_date(written["md"], day)
    if written.get("dd") or written.get("do"):
        return _next_day_of_month(int(written["dd"] or written["do"]), day)
    start = day + dt.timedelta(days=1) if (m.group("pre") or "").lower() == "next" else day
    wd = m.group("wd").lower()
    return start + relativedelta(weekday=_WEEKDAYS.get(wd) or _SHORT_WEEKDAYS[wd[:3]])


_SHORT_WEEKDAYS = {"mon": MO, "tue": TU, "wed": WE, "thu": TH, "fri": FR, "sat": SA, "sun": SU}


_RESOLVERS = {
    "span": _span,
    "vague": lambda m, sent_at, day: None,
    "hour": lambda m, sent_at, day: (sent_at + dt.timedelta(hours=1)).date(),
    "next_cycle": lambda m, sent_at, day: day + relativedelta(months=1),
    "next_business_day": lambda m, sent_at, day: _add_business_days(day, 1),
    "end": lambda m, sent_at, day: _end_of(day, m.group("which").lower(), m.group("unit").lower()),
    "week": lambda m, sent_at, day: _end_of(day, m.group("which").lower(), m.group("unit").lower()),
    "day_after": lambda m, sent_at, day: day + dt.timedelta(days=2),
    "tomorrow": lambda m, sent_at, day: day + dt.timedelta(days=1),
    "today": lambda m, sent_at, day: day,
    "weekday": _weekday,
    "weekday_short": _weekday,
    "date": lambda m, sent_at, day: _next_date(m.group("d"), day),
    "day_of_month": lambda m, sent_at, day: _next_day_of_month(int(m.group("day")), day),
    "clock": lambda m, sent_at, day: _by_clock(m, sent_at, day),
}


def _by_clock(m: re.Match, sent_at: dt.datetime, day: dt.date) -> dt.date | None:
    """ "by 6pm": today, or tomorrow when that hour has passed where the message was sent."""
    hour, minute = int(m.group("h")), int(m.group("min") or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
    return day if (hour, minute) > (sent_at.hour, sent_at.minute) else day + dt.timedelta(days=1)


def _add_span(sent_at: dt.datetime, n: int, unit: str) -> dt.date:
    day = sent_at.date()
    if unit.startswith(("business", "working", "banking", "biz")):
        return _add_business_days(day, n)
    if unit.startswith(("hour", "hr")):
        return (sent_at + dt.timedelta(hours=n)).date()
    if unit.startswith("min"):
        return (sent_at + dt.timedelta(minutes=n)).date()
    if unit.startswith(("week", "wk")):
        return day + dt.timedelta(weeks=n)
    if unit.startswith(("day", "calendar")):
        return day + dt.timedelta(days=n)
    return day + relativedelta(months=n)  # months, billing cycles, statements, bills


def _add_business_days(day: dt.date, n: int) -> dt.date:
    """`n` weekdays after `day` (public holidays are not known, so not skipped)."""
    if n <= 0:
        return day
    if day.weekday() > 4:  # from a weekend, count as from the Friday before
        day -= dt.timedelta(days=day.weekday() - 4)
    weeks, rest = divmod(n, 5)
    day += dt.timedelta(weeks=weeks)
    while rest:
        day += dt.timedelta(days=1)
        rest -= day.weekday() < 5
    return day


def _end_of(day: dt.date, which: str, unit: str) -> dt.date:
    """Last day of this/next week (weeks end on Sunday) or month."""
    if unit == "week":
        end = day + relativedelta(weekday=SU)
        return end + dt.timedelta(weeks=1) if which == "next" else end
    months = 1 if which == "next" else 0
    return day + relativedelta(months=months, day=31)


_OF = re.compile(r"\bof\b")
_YEAR = re.compile(r"\d{4}")


def _next_date(text: str, day: dt.date) -> dt.date | None:
    """A written date ("October 20", "1 December 2025") on or after `day`."""
    try:
        parsed = dateparser.parse(_OF.sub(" ", text), default=dt.datetime(day.year, day.month, 1)).date()
    except (ValueError, OverflowError):
        return None
    if parsed < day and not _YEAR.search(text):
        if parsed >= day - dt.timedelta(days=60):
            return None  # "refunded on March 2", said on March 4: history, not a deadline
        parsed += relativedelta(years=1)
    elif parsed > day and not _YEAR.search(text) and parsed - relativedelta(years=1) >= day - dt.timedelta(days=60):
        return None  # "added on 23 December", said on 7 January: last year's, history too
    return parsed


def _next_day_of_month(n: int, day: dt.date) -> dt.date | None:
    if not 1 <= n <= 31:
        return None
    this_month = day + relativedelta(day=n)
    return this_month if this_month >= day else day + relativedelta(months=1, day=n)


def parse_sent_at(sent_at: dt.datetime | str | None) -> dt.datetime | None:
    """`sent_at` as a datetime; a string must be ISO-8601 (ValueError otherwise)."""
    if sent_at is None or isinstance(sent_at, dt.datetime):
        return sent_at
    try:
        return dt.datetime.fromisoformat(sent_at)  # the common case, in C
    except (ValueError, TypeError):
        pass
    try:
        return dateparser.isoparse(sent_at)
    except (ValueError, OverflowError):
        raise ValueError(f"sent_at must be ISO-8601 like 2025-03-04T10:44:00-05:00, not {sent_at!r}") from None


