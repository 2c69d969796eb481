"""Reference, case, ticket and similar numbers said by anyone in a chat.

A value counts after a label word, or bare when its own prefix says what it is
("INC-4471029"); shape checks then drop phone numbers, dates, money and counts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .records import Reference

_LABEL_WORDS = [
    # a document's or a request's own number is a reference: "job number", "receipt no.", "invoice #",
    # "application number"; generic, so "order invoice number" stays an order
    (r"reference|ref|job|receipt|invoice|application", "reference"),
    (r"confirmation|conf", "confirmation"), (r"case|complaint", "case"),
    (r"e-?ticket|ticket|service\s+request|SR", "ticket"), (r"claim", "claim"), (r"dispute", "dispute"),
    (r"file", "file"), (r"order", "order"), (r"incident", "incident"),
    (r"tracking|waybill|air\s+waybill|AWB|consignment", "tracking"),
    (r"booking|reservation|PNR|record\s+locator", "booking"),
    (r"quote", "quote"),  # "please quote 4411-8820": a value to quote is one; named by its prefix, if any
]
_LABEL_WORD_RES = [(re.compile(rx, re.I), label) for rx, label in _LABEL_WORDS]
_SIX_CAPITALS = re.compile(r"[A-Z]{6}")
_DIGIT = re.compile(r"\d")
_GENERIC_LABELS = ("reference", "confirmation", "quote")
_LABEL_WORD = r"(?:" + "|".join(rx for rx, _ in _LABEL_WORDS) + r")"
# a label word inside a value ("REF.2025.0042") is not a label
_LABEL_WORD_RE = re.compile(_LABEL_WORD, re.I)
_LABEL_RUN = re.compile(
    r"(?<![\w./-])(?P<run>" + _LABEL_WORD + r"(?:[\s,/]+" + _LABEL_WORD + r")*)\b(?![-./]\w)\.?", re.I
)
_CONNECTOR = re.compile(
    r"(?:\s*(?:(?:number|num|nr|no|id|code)s?\.?(?![a-z0-9])|\#|:|=|,|\(|[\u2014\u2013]|\s-\s"
    # a copula that says the number is unchanged links it too: "your PNR remains Q2WZ8B", "will stay"
    r"|(?:is|was|will\s+be|remains|stays|will\s+(?:remain|stay))(?:\s+(?:now|still|also))?(?![a-z0-9])"
    # a word between the label and "number": "incident report number", "claim intimation reference"
    r"|[a-z]{3,15}(?:\s+ref(?:erence)?(?![\w.-])|(?=\s+(?:number|num|nr|no|id|code)\b))"
    # "for this chat is", "with us is", "that I gave you was", "I've just raised is"; a comma in "R2,350" is no pause
    r"|(?:for|that|which|you|we|i|with|on|in|from)(?:'(?:ve|ll|d|m|re))?\s+(?:[^.;:!?,]|[.,](?=\d)){1,60}?"
    r"(?:\s+(?:is|was)(?![a-z0-9])|,(?!\d))"
    # an aside between commas: "your claim reference, as I mentioned, is"
    r"|(?<=,)\s*[a-z][a-z' ]{0,40},\s*(?:is|was)(?![a-z0-9])"
    r")"
    # a word or two before a colon: "keep this reference handy:". Outside the group above: its leading "\s*"
    # against this "\s+" tried a run of spaces split every way, quadratic in the run
    r"|\s+[a-z]+(?:\s+[a-z]+){0,4}\s*:"
    # at most eight pieces (the labelled sets need four): unbounded, each label of "case number case number
    # ... 1234" read on to the one value at the end, quadratic in the number of labels
    r"){0,8}\s*\#?\s*",
    re.I,
)
_VALUE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[-./](?=[A-Za-z0-9]))*")
# a whole phone number; seven digits as 555-0142 right after a label are a reference ("ticket is 556-2231")
_PHONE = re.compile(r"(?:\+?1[-.])?\(?\d{3}\)?[-.]\d{3}[-.]\d{4}|1-?8\d\d-.*")
#: a value that says what it is by its own prefix, with no label word before it ("quote INC-4471029")
_PREFIXED = re.compile(
    r"(?<![\w./-])(?P<prefix>INC|REF|CASE|CS|CMP|TKT|TCK|SR|ORD|CLM|DSP|CHG|BKG|TRK|RMA)[-/]?\d{4,}"
    r"(?:[-/][A-Z0-9]+)*(?![\w/-])"
)
_PREFIX_LABELS = {
    "INC": "incident", "REF": "reference", "CASE": "case", "CS": "case", "CMP": "case", "TKT": "ticket",
    "TCK": "ticket", "SR": "ticket", "ORD": "order", "CLM": "claim", "DSP": "dispute", "CHG": "dispute",
    "BKG": "booking", "TRK": "tracking", "RMA": "reference",
}
_MAYBE = re.compile(r"\d|[A-Z]{6}")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}/\d{1,2}")
_PHONE_CONTEXT = re.compile(r"\b(?:call|phone|tel|line|fax|text)\w*\W*$", re.I)
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|(?:points?|miles|digits?|characters?|days?|hours?|minutes?|weeks?|months?|business|working|kwh|gb|mb)\b)",
    re.I,
)


def find_references(text: str) -> list[Reference]:
    """Reference-like numbers in `text`, said by anyone, in order of appearance.

    A value counts after a label word ("case", "ticket", "claim no.",
    "confirmation code:", "claim reference, as I mentioned, is"), or alone when
    its prefix names it ("INC-4471029"), and only if it looks like an identifier: at least
    four characters with a digit (six capital letters for booking and
    confirmation codes), and not a phone number, date, amount or quantity.
    """
    if not _MAYBE.search(text):
        return []  # every reference has a digit, or is six capitals
    best: dict[tuple[int, int], tuple[tuple[bool, int], str]] = {}
    for m in _LABEL_RUN.finditer(text):
        if _IN_CASE.match(text, m.start()) and text[max(0, m.start() - 3):m.start()].lower() == "in ":
            continue  # "keep this reference in case you need it": no label
        conn = _CONNECTOR.match(text, m.end())
        spaced = _SPACED.match(text, conn.end())
        if spaced and (sum(ch.isdigit() for ch in spaced.group(0)) < 5 or _LABEL_WORD_RE.fullmatch(
                spaced.group(0).split(" ", 1)[0])):
            spaced = None  # "SR 7715503": the letters are a label, the number the value
        value = spaced or _VALUE.match(text, conn.end())
        if not value:
            continue
        label = _label_of(m.group("run"))
        span = value.span() if spaced else _with_digit_groups(text, value)
        # a specific label anywhere before the value beats a generic one nearer it
        # ("your complaint number, for future reference, is 20931" is a case)
        rank = (label not in _GENERIC_LABELS, m.start())
        head = span
        while _looks_like_reference(text[span[0]:span[1]], label, text, span[1]):
            if span not in best or rank > best[span][0]:
                best[span] = (rank, label)
            # a list under one label: "tracking numbers 1Z4X88A00391 and 1Z4X88A00402", of the same shape
            more = _LIST_NEXT.match(text, span[1])
            value = _VALUE.match(text, more.end()) if more else None
            if not value or not _DIGIT.search(value.group(0)):
                break
            span = _with_digit_groups(text, value)
            if span[1] - span[0] < 5 or abs((span[1] - span[0]) - (head[1] - head[0])) > 4:
                break
    covers = _Coverage(best)  # the labelled values; prefixed ones never overlap one another
    for m in _PREFIXED.finditer(text):
        span = (m.start(), m.end())
        if span in best and best[span][1] == "quote":
            best[span] = (best[span][0], _PREFIX_LABELS[m.group("prefix")])  # "quote INC-4471029"
        elif not covers(span[0]):
            best[span] = ((False, -1), _PREFIX_LABELS[m.group("prefix")])
    refs, seen = [], set()
    for span in sorted(best):
        value = text[span[0]:span[1]]
        if value not in seen:
            seen.add(value)
            label = best[span][1]
            refs.append(Reference("reference" if label == "quote" else label, value))
    return refs


class _Coverage:
    """Whether a position lies inside any of some spans: one bisect, where a scan of all of them per
    position is quadratic on a page of many values."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # the furthest end of the spans so far

    def __call__(self, position: int) -> bool:
        k = bisect_right(self._starts, position)  # spans [0, k) start at or before `position`
        return k > 0 and self._reach[k - 1] > position


#: a value written in groups after capital letters: "FQ 1234 5678 9GB", "CE 118 442 907 IE", "CLM 2025 004471",
#: "INC 0044712"; at least five digits, so "UK 2025" is no value
_SPACED = re.compile(r"[A-Z]{2,4}(?: \d{2,8}){1,4}(?: \d{0,4}[A-Z]{2})?(?![\w-])")
# up to ten digits: an airline ticket number is a three-digit carrier code and ten digits ("016 2398812245")
_DIGIT_GROUP = re.compile(r" \d{3,10}(?![\w-])")
_LAST_GROUP = re.compile(r" \d{2}(?![\w-])")  # "9405 5036 9930 0412 8811 92": a short group ends a long number
#: a courier's number written in short groups of capitals and digits, each with a digit: "1Z 4F8 W62 03 8817 2290"
_SHORT_MIXED = re.compile(r"(?=[A-Z]*\d)[A-Z\d]{2,4}")
_MIXED_GROUP = re.compile(r" (?=[A-Z]*\d)[A-Z\d]{2,6}(?![\w-])")
_IN_CASE = re.compile(r"case(?:\s*[,;.!?]|\s+(?!(?:no|nr|num|number|id|ref|reference)\b)[a-z])", re.I)
_LIST_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)\#?")


def _with_digit_groups(text: str, value: re.Match) -> tuple[int, int]:
    """Extend an all-digit value over digit groups written with single spaces ("1234 5678"), and a short
    value of capitals and digits over more such groups ("1Z 4F8 W62 03 8817 2290")."""
    end = value.end()
    if not value.group(0).isdigit() and _SHORT_MIXED.fullmatch(value.group(0)):
        groups = 0
        while group := _MIXED_GROUP.match(text, end):
            end, groups = group.end(), groups + 1
        # three groups at least: "1Z 4F8" alone could be two words of a sentence
        return (value.start(), end) if groups >= 3 else value.span()
    if value.group(0).isdigit() and not _PHONE_CONTEXT.search(text[max(0, value.start() - 12):value.start()]):
        groups = 0
        while (group := _DIGIT_GROUP.match(text, end)) and not _QUANTITY_AFTER.match(text, group.end()):
            end, groups = group.end(), groups + 1
        if groups >= 3 and (group := _LAST_GROUP.match(text, end)) and not _QUANTITY_AFTER.match(text, group.end()):
            end = group.end()
    return value.start(), end


_DATE_SEPARATOR = re.compile(r"[-/.]")


def _is_date(value: str) -> bool:
    """Whether a date-shaped value can be a date: "2025-03-02" and "11/04/25" are, "4471-88-202" is not."""
    pieces = _DATE_SEPARATOR.split(value)
    parts = [int(p) for p in pieces]
    if len(parts) == 2:
        return any(1 <= m <= 12 and 1 <= d <= 31 for m, d in (parts, parts[::-1]))
    a, b, c = parts
    widths = [len(p) for p in pieces]
    if widths[0] == 4:
        return 1 <= b <= 12 and 1 <= c <= 31  # year, month, day
    if widths[2] not in (2, 4):
        return False
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)  # day/month or month/day


_AFTER_DIGIT = re.compile(r"\d[,.]")


def _label_of(run: str) -> str:
    labels = []
    for word in _LABEL_WORD_RE.finditer(run):
        labels.extend(label for rx, label in _LABEL_WORD_RES if rx.fullmatch(word.group(0)))
    specific = [label for label in labels if label not in _GENERIC_LABELS]
    return (specific or labels or ["reference"])[-1]


def _looks_like_reference(value: str, label: str, text: str, end: int) -> bool:
    if label in ("booking", "confirmation") and _SIX_CAPITALS.fullmatch(value):
        return True
    if len(value) < 4 or not _DIGIT.search(value):
        return False
    start = end - len(value)
    if start >= 2 and _AFTER_DIGIT.fullmatch(text, start - 2, start):
        return False  # "the R2,350.00 debit": the tail of a number, not a value of its own
    if _PHONE.fullmatch(value) or (_DATE_LIKE.fullmatch(value) and _is_date(value)):
        return False
    return not _QUANTITY_AFTER.match(text, end)
